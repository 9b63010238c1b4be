"""Chapter 2's charts: what they show at the defaults, their data checks, and the events file they
draw (the generic checks over every chart are in ``test_charts.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from explainer import data
from explainer.figures import deterrence as charts
from explainer.models import deterrence as dt

DATA = Path(__file__).resolve().parents[2] / "data"


# --- the events file and the troop series -------------------------------------------------------------
def test_events_file_schema_and_sources():
    events = data.us_posture_events()
    assert list(events.columns) == ["date", "label", "source_url", "note"]
    assert events["source_url"].str.match(r"^https?://").all()
    assert events["date"].is_monotonic_increasing
    dates = {d.strftime("%Y-%m-%d") for d in events["date"]}
    assert {"1989-11-09", "2022-02-24", "2025-10-29", "2025-12-18"} <= dates


def test_events_file_rejects_a_bad_date_and_a_missing_url(tmp_path):
    shutil.copy(DATA / "us_posture_events.csv", tmp_path / "us_posture_events.csv")
    path = tmp_path / "us_posture_events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[1, "date"] = "1 April 2014"
    frame.to_csv(path, index=False)
    with pytest.raises(data.DataError, match=r"line 3, column 'date'"):
        data.us_posture_events(tmp_path)
    frame.loc[1, "date"] = "2014-04-01"
    frame.loc[2, "source_url"] = "not a url"
    frame.to_csv(path, index=False)
    with pytest.raises(data.DataError, match="source_url"):
        data.us_posture_events(tmp_path)


def test_troop_series_are_kept_apart():
    dmdc, reported = charts.troop_series(data.us_troops_europe())
    assert dmdc["year"].min() == 1950 and dmdc["year"].max() == 2025
    assert dmdc["year"].diff().dropna().eq(1).all()  # one row a year, NaN where the source lacks
    assert dmdc.set_index("year")["troops"].isna()[[1951, 1952, 2003, 2004]].all()
    assert dmdc["troops"].max() == 441_458
    assert set(reported["troops"]) == {80_000, 100_000}
    assert reported["scope"].str.contains("rotational").all()
    with pytest.raises(ValueError, match="scope"):
        charts.troop_series(data.us_troops_europe().drop(columns=["scope"]))


# --- the record -----------------------------------------------------------------------------------
def test_troop_chart_draws_two_separate_series_and_every_event():
    troops, events = data.us_troops_europe(), data.us_posture_events()
    chart = charts.troops_chart(troops, events)
    fig = chart.figure()
    line, diamonds = fig.data[0], fig.data[1]
    assert line.mode.startswith("lines") and diamonds.mode == "markers"
    assert np.nanmax(np.asarray(line.y, dtype=float)) == 441_458
    # one diamond per reported number and year: two sources of 100,000 in 2022 are one marker
    assert sorted(zip(diamonds.x, diamonds.y)) == [(2022, 80_000), (2022, 100_000), (2025, 80_000), (2025, 100_000)]
    text = " ".join(a.text for a in fig.layout.annotations)
    assert "1957 peak:<br>441,458" in text and "76,000 legal floor" in text
    for label in ("Nov 1989", "Apr 2014", "Feb 2022", "Oct 2025", "Dec 2025"):
        assert label in text
    assert any(s.y0 == charts.NDAA_FLOOR for s in fig.layout.shapes)
    for label in events["label"]:  # the events are named in the summary, not crowded on the chart
        assert label in chart.sentence()
    assert "441,458 in 1957" in chart.sentence() and "67,851 in 2025" in chart.sentence()
    with pytest.raises(ValueError, match="label"):
        charts.troops_chart(troops, events.drop(columns=["label"]))


def test_chart_labels_have_no_white_background_that_dark_mode_would_hide():
    figs = [
        charts.troops_chart(data.us_troops_europe(), data.us_posture_events()).figure(),
        charts.spending_chart(data.defence_spending_gdp()).figure(),
        charts.credibility_chart().figure(),
        charts.region_chart().figure(),
    ]
    for fig in figs:
        for ann in fig.layout.annotations:
            assert ann.bgcolor in (None, charts.LABEL_BG), ann.text
        assert not any(t.mode and "text" in t.mode for t in fig.data if hasattr(t, "mode"))


def test_spending_chart_uses_the_data_and_marks_estimates():
    spending = data.defence_spending_gdp()
    chart = charts.spending_chart(spending)
    fig = chart.figure()
    poland = next(t for t in fig.data if t.name == "Poland")
    assert dict(zip(poland.x, poland.y))[2014] == pytest.approx(1.86)
    assert dict(zip(poland.x, poland.y))[2025] == pytest.approx(4.48)
    symbols = dict(zip(poland.x, poland.marker.symbol))
    assert symbols[2023] == "circle" and symbols[2024] == "circle-open"
    assert "Poland from 1.86% in 2014 to an estimated 4.48% in 2025" in chart.sentence()
    dashes = [t.line.dash for t in fig.data]
    assert len(set(dashes[:-1])) == len(dashes) - 1  # every country its own dash
    with pytest.raises(ValueError, match="Atlantis"):
        charts.spending_chart(spending, countries=("Atlantis",))


# --- the model ----------------------------------------------------------------------------------------
def test_every_parameter_of_the_model_is_a_control_of_both_model_charts():
    for chart in (charts.credibility_chart(), charts.region_chart()):
        assert {c.name for c in chart.controls} == set(dt.DEFAULTS.as_dict())
        static = {c.name for c in chart.static_controls()}
        assert {"theory", "drawdown"} <= static
        theory = next(c for c in chart.controls if c.name == "theory")
        assert theory.options == dt.THEORY_LABELS and set(theory.grid) == set(dt.THEORIES)
        for c in chart.controls:
            assert c.default == getattr(dt.DEFAULTS, c.name)


def test_credibility_chart_draws_the_model():
    chart = charts.credibility_chart()
    fig = chart.figure()
    assert np.allclose(fig.data[0].y, dt.credibility(charts.DRAWDOWN))
    assert fig.data[0].y[0] == pytest.approx(0.75)
    assert np.allclose(fig.data[1].y, dt.credibility(charts.DRAWDOWN, tripwire_scale=dt.MAX_TRIPWIRE_SCALE))
    assert list(fig.data[2].y) == pytest.approx([0.5, 0.5]) and fig.data[2].name == "Accommodate below 0.50"
    sentence = chart.sentence()
    assert "0.75" in sentence and "balances" in sentence and "0.50" in sentence
    # the drawdown at which the tripwire curve crosses the threshold is the model's
    fine = np.linspace(0, 1, 100001)
    switch = fine[np.argmax(dt.accommodation_advantage(dt.credibility(fine), "bandwagoning") > 0)]
    assert f"about {switch:.0%}" in sentence
    moved = chart.figure(asia=0.0)
    assert moved.data[0].y[0] == pytest.approx(0.9)


def test_credibility_legend_says_when_no_threshold_is_drawn_and_keeps_its_size():
    chart = charts.credibility_chart()
    walt = chart.figure(theory="walt")
    assert dt.critical_credibility("walt") < 0
    assert all(v is None for v in walt.data[2].y) and walt.data[2].name == "Accommodate never"
    assert chart.figure(theory="bandwagoning", asia=1.0, drawdown=1.0).data[2].name.startswith("Accommodate")
    # every name the static page can show is shorter than the curves' names (the widest entries),
    # so the legend keeps its size as the controls move
    names = {chart.figure(**point).data[2].name for point in chart.grid_points()}
    assert {"Accommodate never"} < names
    assert max(map(len, names)) < min(len(t.name) for t in chart.figure().data[:2]), names
    assert "no credibility in [0, 1] makes accommodating pay" in charts.credibility_chart().sentence(theory="walt")
    snyder = charts.credibility_chart().figure(theory="snyder")
    assert snyder.data[2].y[0] == pytest.approx(dt.critical_credibility("snyder"))
    assert snyder.data[2].line.dash != charts.credibility_chart().figure().data[2].line.dash


def test_credibility_chart_tolerates_crossed_floor_and_ceiling():
    fig = charts.credibility_chart().figure(ceiling=0.1)  # below the floor of 0.3: lifted to it
    assert np.allclose(fig.data[0].y, 0.3)


def test_region_chart_draws_the_grid_the_chapter_counts():
    chart = charts.region_chart()
    grids = charts.region_grids()[2]
    for theory in dt.THEORIES:
        fig = chart.figure(theory=theory)
        assert np.allclose(np.asarray(fig.data[0].z), grids[theory])
        share = dt.accommodation_share(grids[theory])
        assert f"pays in {share:.0%} of the square" in chart.sentence(theory=theory)
    low = chart.figure(theory="walt", threat=0.1)
    assert np.allclose(np.asarray(low.data[0].z), charts.region_grids(threat=0.1)[2]["walt"])


def test_region_boundary_is_where_the_advantage_is_zero_and_is_listed_only_when_drawn():
    chart = charts.region_chart()
    for theory in ("bandwagoning", "snyder"):
        fig = chart.figure(theory=theory)
        xs, ys = np.asarray(fig.data[1].x, dtype=float), np.asarray(fig.data[1].y, dtype=float)
        drawn = np.isfinite(xs)
        assert drawn.any() and fig.data[1].showlegend
        c = dt.credibility(xs[drawn], ys[drawn])
        adv = dt.accommodation_advantage(c, theory, asia=ys[drawn])
        assert np.abs(adv).max() < 1e-9
    walt = chart.figure(theory="walt")
    assert not np.isfinite(np.asarray(walt.data[1].x, dtype=float)).any() and walt.data[1].showlegend is False


def test_region_sentence_names_the_best_response_at_the_chosen_point():
    chart = charts.region_chart()
    assert "best response is to balance" in chart.sentence()
    fig = chart.figure(drawdown=1.0)
    assert list(fig.data[2].x) == [1.0] and list(fig.data[2].y) == [0.5]
    assert "best response is to accommodate" in chart.sentence(drawdown=1.0)
    assert "−" in chart.sentence() and "+0.02" in chart.sentence(drawdown=0.9)


def test_model_charts_do_not_scale_the_drawdown_onto_all_troops_in_europe():
    """Issue 19: the drawdown is a share of the forward presence, not of every US soldier in Europe."""
    for chart in (charts.credibility_chart(), charts.region_chart()):
        fig = chart.figure()
        assert "forward presence" in fig.layout.xaxis.title.text
        assert not fig.layout.shapes, "no line that puts the troop floor on the drawdown axis"
        assert "not of all US troops in Europe" in chart.source


def test_region_chart_labels_each_side_directly_so_it_reads_in_greyscale():
    """Issue 18: red and blue are the same grey on paper; a direct label names each region."""
    chart = charts.region_chart()
    for theory in dt.THEORIES:
        for threat in charts.THREAT_GRID:
            fig = chart.figure(theory=theory, threat=threat)
            z = np.asarray(fig.data[0].z, dtype=float)
            labels = {a.text: a for a in fig.layout.annotations}
            for text, sign in (("<b>accommodate</b>", 1.0), ("<b>balance</b>", -1.0)):
                ann = labels[text]
                assert ann.visible == bool((sign * z > 0).any()), (theory, threat, text)
                if ann.visible:  # the label's row holds its region at the edge it is anchored to
                    row = int(np.argmin(np.abs(charts.GRID_A - ann.y)))
                    col = -1 if ann.xanchor == "right" else 0
                    assert sign * z[row, col] > 0, (theory, threat, text)
    walt = chart.figure(theory="walt")
    assert [a.visible for a in walt.layout.annotations] == [False, True]  # Walt's ally never accommodates


def test_the_theories_thresholds_differ_by_dash_not_colour_alone():
    dashes = [charts.THEORY_STYLE[t]["dash"] for t in dt.THEORIES]
    assert len(set(dashes)) == len(dashes)
    tripwire = charts.credibility_chart().figure().data[0].line.dash
    assert tripwire in (None, "solid") and "solid" not in dashes  # never the tripwire curve's solid line


def test_model_controls_name_their_symbol_and_say_which_are_assumptions():
    """Issue 18: the controls use the notation table's letters, and every parameter but the drawdown
    (the scenario the reader chooses) is labelled as an assumption."""
    for chart in (charts.credibility_chart(), charts.region_chart()):
        for c in chart.controls:
            if c.name == "theory":
                continue
            assert c.label.startswith(charts.SYMBOLS[c.name] + ": ")
            assert c.label.endswith("(assumed)") == (c.name != "drawdown"), c.label
