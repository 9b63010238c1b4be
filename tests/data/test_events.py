"""The second edition's dated material: the events since the article, the sources-read date the
introduction states, the ledger's corrections log and the rows it changed (issue 19)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from explainer import data

ROOT = Path(__file__).resolve().parents[2]
URL = re.compile(r"^https?://\S+$")


def test_every_event_row_is_dated_and_sourced():
    events = data.events_since_article()
    assert len(events) >= 10
    assert events["source_url"].map(lambda u: bool(URL.match(u))).all()
    assert events["date"].notna().all() and events["source_date"].notna().all()
    assert (events["source_date"] >= events["date"]).all()
    assert (events["source_date"] <= data.EDITION_DATE).all()
    raw = pd.read_csv(data.data_dir_path() / "events_since_article.csv", dtype=str)
    for column in ("date", "source_date"):
        assert raw[column].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all(), column


def test_events_cover_what_the_issue_asks_for():
    events = data.events_since_article()
    reported = events[events.status == "reported"]
    expiry = reported[reported["date"] == pd.Timestamp("2026-02-05")]
    text = " ".join(expiry["event"])
    assert "New START expires" in text and "Trump" in text and "Kremlin" in text
    questions = " ".join(events.loc[events.status == "open", "event"])
    for needle in ("Ankara", "2026 defence-spending", "successor to New START", "NATO–Russia negotiation"):
        assert needle in questions, needle
    # Open questions come after the reported events; reported events are in date order.
    assert list(events["status"]) == sorted(events["status"], key=lambda s: s == "open")
    assert reported["date"].is_monotonic_increasing


def test_no_event_is_dated_in_the_future_of_its_sources():
    events = data.events_since_article()
    assert events["date"].max() <= data.sources_read_date()


def _latest_date_in_data() -> pd.Timestamp:
    """Recomputed independently of data.sources_read_date: every ISO date in every CSV of data/
    (except the book's own corrections log)."""
    latest = pd.Timestamp("1900-01-01")
    for path in sorted(data.data_dir_path().glob("*.csv")):
        if path.name == "ledger_corrections.csv":
            continue
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in frame.columns:
            values = frame[column][frame[column].str.fullmatch(r"\d{4}-\d{2}-\d{2}")]
            if len(values):
                latest = max(latest, pd.to_datetime(values).max())
    return latest


def test_sources_read_date_is_the_latest_date_in_the_data():
    assert data.sources_read_date() == _latest_date_in_data()


def test_sources_read_date_reports_a_folder_without_dates(tmp_path):
    with pytest.raises(data.DataError, match="no data file records a date"):
        data.sources_read_date(tmp_path)


def _notebook_source(name: str) -> str:
    nb = json.loads((ROOT / "book" / name).read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"])


def test_intro_states_the_computed_sources_read_date_once():
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    assert intro.count("Sources read up to") == 1
    assert "Sources read up to <!--n:sources_read-->" in intro  # a computed number (explainer.numbers)
    assert not re.search(r"Sources read up to (early|late|mid)", intro)
    expected = _latest_date_in_data()
    assert f"<!--n:sources_read-->{expected.day} {expected:%B %Y}<!--/n-->" in intro
    page = _notebook_source("since_article.ipynb")
    assert "<!--n:sources_read-->" in page


@pytest.mark.build
def test_intro_date_equals_latest_source_date_when_built(built_book):
    """In the built book, the introduction's date is the latest date in data/."""
    expected = _latest_date_in_data()
    text = f"{expected.day} {expected:%B %Y}"
    html = (built_book / "book" / "intro.html").read_text(encoding="utf-8")
    assert f"Sources read up to <!--n:sources_read-->{text}<!--/n-->" in html


def test_since_article_page_is_in_the_toc_after_the_argument_map():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert toc.index("book/argument_map") < toc.index("book/since_article") < toc.index("caption: Reference")


# --- the ledger's corrections log -------------------------------------------------------------
def test_corrections_log_matches_the_ledger():
    log = data.ledger_corrections()
    claims = data.claims().set_index("claim_id")
    assert set(log["date"]) == {pd.Timestamp("2026-12-01")}
    assert {"C03", "C12", "C15", "C33", "C34"} <= set(log["claim_id"])
    for r in log.itertuples():
        assert claims.loc[r.claim_id, "verdict"] == r.new_verdict
        assert URL.match(r.source_url)


def test_corrections_log_rejects_a_verdict_that_disagrees_with_the_ledger(tmp_path):
    for name in ("claims.csv", "ledger_corrections.csv"):
        (tmp_path / name).write_text((data.data_dir_path() / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "ledger_corrections.csv").read_text(encoding="utf-8")
    (tmp_path / "ledger_corrections.csv").write_text(
        text.replace("C34,partly supported,supported", "C34,partly supported,false"), encoding="utf-8"
    )
    with pytest.raises(data.DataError, match="C34"):
        data.ledger_corrections(tmp_path)


def test_corrections_log_rejects_an_unknown_claim(tmp_path):
    for name in ("claims.csv", "ledger_corrections.csv"):
        (tmp_path / name).write_text((data.data_dir_path() / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "ledger_corrections.csv").read_text(encoding="utf-8")
    (tmp_path / "ledger_corrections.csv").write_text(text.replace(",C12,", ",C99,"), encoding="utf-8")
    with pytest.raises(data.DataError, match="C99"):
        data.ledger_corrections(tmp_path)


def test_changed_ledger_rows_are_sourced_and_say_what_they_should():
    claims = data.claims().set_index("claim_id")
    for cid in data.ledger_corrections()["claim_id"]:
        assert claims.loc[cid, "urls"], cid
        assert all(URL.match(u) for u in claims.loc[cid, "urls"]), cid
    assert claims.loc["C12", "explanation"].startswith("Self-reported")
    assert "Reported accurately" in claims.loc["C15", "explanation"]
    assert any("kremlin.ru" in u for u in claims.loc["C15", "urls"])
    assert (
        claims.loc["C03", "verdict"] == "partly supported" and "misleading" in claims.loc["C03", "explanation"].lower()
    )
    # One standard for official Russian and Belarusian claims.
    assert claims.loc["C33", "verdict"] == claims.loc["C34", "verdict"] == "supported"
    assert (
        "one standard" in claims.loc["C33", "explanation"]
        and "same standard as C33" in claims.loc["C34", "explanation"]
    )


def test_three_seas_associates():
    table = data.poland_map().set_index("country")
    assert table.loc["Ukraine", "three_seas"] == table.loc["Moldova", "three_seas"] == "associated participating state"
    assert "Bucharest" in table.loc["Ukraine", "note"] and "2023" in table.loc["Moldova", "note"]


def test_the_2035_target_year_is_flagged():
    forces = data.poland_forces()
    note = forces.loc[forces["kind"] == "target", "note"].iloc[0]
    assert "FLAG" in note and "RT Arabic" in note
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "RT Arabic" in readme and "third-party transcription" in readme
