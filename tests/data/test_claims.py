"""The claim ledger (data/claims.csv): schema, fixed vocabularies, sources, chapter links, corrections."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from explainer import data
from explainer.book.citation import toc_files
from explainer.figures import argument as charts

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


def toc_docnames() -> set[str]:
    return set(toc_files(ROOT))


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return data.claims()


def test_kinds_and_verdicts_come_from_the_fixed_sets(claims):
    assert set(data.CLAIM_KINDS) == {"fact", "opinion", "prediction", "proposal"}
    assert set(data.CLAIM_VERDICTS) == {
        "supported",
        "partly supported",
        "false",
        "unsupported",
        "opinion",
        "prediction",
        "proposal",
    }
    assert set(claims["kind"]) <= set(data.CLAIM_KINDS)
    assert set(claims["verdict"]) <= set(data.CLAIM_VERDICTS)
    facts = claims[claims["kind"] == "fact"]
    assert set(facts["verdict"]) <= set(data.FACT_VERDICTS)
    others = claims[claims["kind"] != "fact"]
    assert (others["verdict"] == others["kind"]).all()
    # every kind is represented: the ledger covers facts, opinions, predictions and proposals
    assert set(claims["kind"]) == set(data.CLAIM_KINDS)


def test_every_factual_claim_has_a_source_url(claims):
    facts = claims[claims["kind"] == "fact"]
    assert len(facts) > 0
    for _, row in facts.iterrows():
        assert row["urls"], f"{row['claim_id']} has no source URL"
        assert all(re.match(r"^https?://\S+$", u) for u in row["urls"]), row["claim_id"]


def test_every_chapter_link_resolves_to_a_toc_page(claims):
    docnames = toc_docnames()
    for chapter in sorted(set(claims["chapter"])):
        doc = f"book/{chapter}"
        assert doc in docnames, f"{chapter} is not listed in _toc.yml"
        assert (ROOT / f"{doc}.ipynb").is_file() or (ROOT / f"{doc}.md").is_file(), f"{doc} has no file"
    for chapter in set(claims["chapter"]):
        assert chapter in charts.CHAPTER_TITLES


def test_corrections_d1_to_d12_all_appear(claims):
    used = {c for cell in claims["corrections"].dropna() for c in cell.split("; ")}
    assert {f"D{i}" for i in range(1, 13)} <= used


def test_known_verdicts(claims):
    by_id = claims.set_index("claim_id")
    assert by_id.loc["C02", "verdict"] == "false"  # NATO cannot buy US weapons (D1)
    assert by_id.loc["C07", "verdict"] == "supported"  # consensus
    assert by_id.loc["C09", "verdict"] == "partly supported"  # Germany and Turkey, garbled (D4)
    assert by_id.loc["C41", "corrections"] == "D10"  # New START lapsed
    assert by_id.loc["C35", "kind"] == "proposal"  # the core deal (D9)
    assert by_id["speaker"].value_counts().to_dict() == {"author": 33, "editor": 12}
    # added in December 2026, after chapter 3 had judged them (its claims table gives the same)
    assert by_id.loc["C43", "verdict"] == "partly supported"  # Intermarium as a "bloc"
    assert by_id.loc["C44", "verdict"] == "supported"  # Prometheism as "Balkanization"
    assert by_id.loc["C45", "verdict"] == "partly supported"  # the "coincidental" overlap


def test_claims_stand_in_the_articles_order(claims):
    """Ids are never reused: claims added later take the next free numbers and stand where the
    article makes them (C43 to C45 after C30)."""
    ids = list(claims["claim_id"])
    assert ids[ids.index("C30") + 1 : ids.index("C30") + 4] == ["C43", "C44", "C45"]
    assert sorted(int(c[1:]) for c in ids) == list(range(1, len(ids) + 1))


def test_ledger_table_has_an_anchor_and_chapter_link_per_row(claims):
    page = charts.ledger_table_html(claims, charts.CHAPTER_TITLES)
    assert page.count('<tr id="claim-') == len(claims)
    for cid, chapter in zip(claims["claim_id"], claims["chapter"]):
        assert f'id="claim-{cid}"' in page
    assert page.count('.html">') >= len(claims)
    assert "02_us_drawdown.html" in page and 'data-filter="verdict"' in page
    assert "<script>" in page and "src=" not in page  # inline filter, no external script
    with pytest.raises(ValueError, match="chapter_titles"):
        charts.ledger_table_html(claims, {"intro": "Introduction"})
    with pytest.raises(ValueError, match="missing columns"):
        charts.ledger_table_html(claims.drop(columns=["urls"]), charts.CHAPTER_TITLES)


def _copy(tmp_path: Path) -> Path:
    shutil.copy(DATA / "claims.csv", tmp_path / "claims.csv")
    return tmp_path / "claims.csv"


def _edit(path: Path, row: int, column: str, value: str) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(path, index=False)


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("kind", "rumour", "'kind'"),
        ("verdict", "misleading", "'verdict'"),
        ("verdict", "opinion", "a fact's verdict"),  # row 1 (C02) is a fact
        ("source_url", "", "every factual claim needs at least one source URL"),
        ("source_url", "see facts.md", "'source_url'"),
        ("corrections", "D1, D2", "'corrections'"),
        ("chapter", "../02_us_drawdown", "'chapter'"),
        ("claim_id", "C01", "claim_id"),  # duplicate of row 0
    ],
)
def test_bad_rows_are_reported(tmp_path, column, value, message):
    path = _copy(tmp_path)
    _edit(path, 1, column, value)
    with pytest.raises(data.DataError, match=re.escape(message)) as err:
        data.claims(tmp_path)
    assert "claims.csv" in str(err.value)
