"""Chapter 4's charts: what the generic registry test (test_charts.py) does not check: that each
chart plots the model's (or the data's) numbers, that its sentence says what the model says, that
crowded markers stay apart, and that the page's recordings stay within budget."""

from __future__ import annotations

import json

import numpy as np
import pytest

from explainer import data
from explainer.figures import core_deal as charts
from explainer.models import arms_race as ar
from explainer.models import bargaining as bg


# --- the timeline ---------------------------------------------------------------------------
def test_timeline_plots_every_row_once_with_its_date():
    frame = data.belarus_deployments()
    chart = charts.deployments_timeline(frame)
    fig = chart.figure()
    assert sum(len(t.x) for t in fig.data) == len(frame)
    claim = next(t for t in fig.data if "claim only" in t.name)
    assert len(claim.x) == int(frame["official_claim_only"].sum())
    assert all(t.text is not None and all(t.text) for t in fig.data)  # every marker carries its date
    assert f"{int(frame['official_claim_only'].sum())} rest only on official" in chart.summary
    assert chart.summary.startswith(f"{len(frame)} dated events from 25 March 2023")


def test_timeline_spreads_crowded_markers():
    frame = data.belarus_deployments()
    lanes = charts.timeline_lanes(frame)
    for system, group in frame.assign(lane=lanes).groupby("system"):
        for _, lane in group.groupby("lane"):
            gaps = lane["date"].diff().dropna().dt.days
            assert (gaps >= charts.LANE_GAP_DAYS).all(), system
    fig = charts.deployments_timeline(frame).figure()
    points = [(x, y) for t in fig.data for x, y in zip(t.x, t.y)]
    assert len(set(points)) == len(points)  # no marker sits on another (same-day events too)


def test_timeline_refuses_a_missing_column_or_an_unknown_system():
    frame = data.belarus_deployments()
    with pytest.raises(ValueError, match="official_claim_only"):
        charts.deployments_timeline(frame.drop(columns=["official_claim_only"]))
    with pytest.raises(ValueError, match="Iskander"):
        charts.deployments_timeline(frame.assign(system="Iskander"))


# --- Model A --------------------------------------------------------------------------------
def test_race_opens_on_the_model_at_the_defaults():
    chart = charts.arms_race()
    fig = chart.figure()
    d = ar.DEFAULTS
    expected = charts.race_paths(d.status_quo, d.deal_g, d.deal_h, d.cap)
    for trace, key in zip(fig.data, charts.RACE_KEYS):
        assert np.allclose(trace.y, expected[key], atol=0.051)
    eq = ar.equilibrium(d.status_quo)
    sentence = chart.sentence()
    assert sentence.startswith("With b = 0.40: stable")
    assert f"{eq.x:.0f} and {eq.y:.0f} with no deal" in sentence
    assert f"with caps of {d.cap:.0f} kept" in sentence


def test_race_sentence_marks_the_stability_threshold_on_the_static_grid():
    chart = charts.arms_race()
    # with a = 0.3, m = 0.5, n = 0.6 the race is stable exactly while b < 1.0
    for b in charts.race_grid():
        sentence = chart.sentence(b=float(b))
        word = "stable" if b < 1.0 - 1e-9 else ("on the edge" if abs(b - 1.0) < 1e-9 else "unstable")
        assert sentence.startswith(f"With b = {b:.2f}: {word}"), sentence


def test_caps_hold_a_runaway_race():
    chart = charts.arms_race()
    fig = chart.figure(b=1.2, cap=150.0)
    capped = [fig.data[i].y for i, key in enumerate(charts.RACE_KEYS) if key[0] == "caps"]
    assert all(max(y) == pytest.approx(150.0) for y in capped)
    free = [fig.data[i].y for i, key in enumerate(charts.RACE_KEYS) if key[0] == "no deal"]
    assert all(max(y) > 400 for y in free)
    assert "only the caps stop it (at 150)" in chart.sentence(b=1.2, cap=150.0)


def test_race_lines_differ_without_colour():
    lines = charts.arms_race().figure().data[: len(charts.RACE_KEYS)]
    styles = {(t.line.dash, t.line.width, t.marker.symbol) for t in lines}
    assert len(styles) == len(lines)  # every line differs by dash, width or marker, not colour alone


# --- Model B --------------------------------------------------------------------------------
def test_bargain_opens_on_the_nash_solution():
    chart = charts.bargain()
    fig = chart.figure()
    sol = bg.nash_solution(bg.DEFAULTS.valuations)
    assert fig.data[1].x[0] == pytest.approx(sol.w) and fig.data[1].y[0] == pytest.approx(sol.l)
    assert (fig.data[1].x[0], fig.data[1].y[0]) == pytest.approx((1.0, 61 / 90))
    assert fig.data[5].x[0] == pytest.approx(sol.u_p) and fig.data[5].y[0] == pytest.approx(sol.u_r)
    assert "a deal suits both sides" in chart.sentence() and f"{sol.l:.0%}" in chart.sentence()


def test_bargain_says_when_no_deal_exists():
    chart = charts.bargain()
    # with outside options of 0 a deal exists exactly while 8·9 > 10·c_rw, that is c_rw < 7.2
    for c in charts.bargain_grid():
        fig = chart.figure(c_rw=float(c))
        if c < 7.2:
            assert "a deal suits both sides" in chart.sentence(c_rw=float(c))
        else:
            assert fig.data[1].x[0] is None and "no deal leaves both sides better off" in chart.sentence(c_rw=float(c))
    # the exercise on Poland's outside option: the zone vanishes between 2 and 2.5 (at 8 − 50/9)
    assert "a deal suits" in chart.sentence(d_p=2.0) and "no deal leaves" in chart.sentence(d_p=2.5)
    # a worse outside option for Russia–Belarus (live only) brings a deal back
    assert "a deal suits" in chart.sentence(c_rw=9.0, d_r=-3.0)
    assert chart.figure(c_rw=9.0, d_r=-3.0).data[6].y[0] == pytest.approx(-3.0)


def test_bargain_legend_lists_each_thing_once():
    fig = charts.bargain().figure()
    shown = [t.name for t in fig.data if t.showlegend is not False]
    assert len(shown) == len(set(shown)) == 5


def test_the_chapter_charts_stay_within_the_page_budget():
    sizes = [
        len(json.dumps(c.static_spec()))
        for c in (charts.deployments_timeline(data.belarus_deployments()), charts.arms_race(), charts.bargain())
    ]
    assert all(s < 300_000 for s in sizes) and sum(sizes) < 800_000, sizes


def test_bargain_legend_says_when_no_deal_exists_and_keeps_its_entries():
    chart = charts.bargain()
    deal = [t.name for t in chart.figure().data if t.showlegend is not False]
    none = [t.name for t in chart.figure(c_rw=9.0).data if t.showlegend is not False]
    assert charts.ZOPA_NAME in deal and charts.NASH_NAME in deal
    assert charts.ZOPA_NONE in none and charts.NASH_NONE in none
    assert charts.ZOPA_NAME not in none and charts.NASH_NAME not in none
    # the same entries in the same places, none longer than the one it replaces: the legend (and
    # the chart under it) keeps its size as a deal comes and goes
    assert len(deal) == len(none)
    assert all(len(b) <= len(a) for a, b in zip(deal, none)), list(zip(deal, none))


def test_race_sides_differ_by_dash_and_marker_within_each_scenario():
    fig = charts.arms_race().figure()
    by_key = dict(zip(charts.RACE_KEYS, fig.data))
    for scenario in ("no deal", "deal"):
        x, y = by_key[(scenario, "x")], by_key[(scenario, "y")]
        assert x.line.dash != y.line.dash, f"{scenario}: Poland's and Russia–Belarus's lines share a dash"
        assert x.marker.symbol != y.marker.symbol, f"{scenario}: the two sides share a marker"


@pytest.mark.parametrize("b", [0.1, 0.4, 0.7, 1.0, 1.2, 1.5])
def test_race_direct_labels_name_each_line_and_stay_apart_inside_the_chart(b):
    fig = charts.arms_race().figure(b=b, cap=120.0)
    n = len(charts.RACE_KEYS)
    leaders = {"x": fig.data[n], "y": fig.data[n + 1]}
    left_of_point, right_of_point = fig.data[n + 2], fig.data[n + 3]
    assert left_of_point.textposition == "middle left" and right_of_point.textposition == "middle right"
    heights = []
    for k, (scenario, side) in enumerate(charts.LABELLED):
        # each label is placed exactly once, on one side of its point, and names its line
        at = [(t.x[k], t.y[k], t.text[k], t.textfont.color[k]) for t in (left_of_point, right_of_point)]
        placed = [a for a in at if a[0] is not None]
        assert len(placed) == 1, (scenario, side, at)
        x, ay, text, colour = placed[0]
        assert charts.SHORT_SIDE[side] in text and charts.SHORT_SCENARIO[scenario] in text
        assert colour == charts.SIDE_STYLE[side]["color"]
        assert 0 <= x <= charts.YEARS and charts.RACE_RANGE[0] <= ay <= charts.RACE_RANGE[1]
        # its leader line, in its side's colour, runs from the line's end (on the chart) to it
        j = [i for i, key in enumerate(charts.LABELLED) if key[1] == side].index(k)
        lx, ly = leaders[side].x[3 * j : 3 * j + 3], leaders[side].y[3 * j : 3 * j + 3]
        assert (lx[1], ly[1]) == (x, ay) and lx[2] is None and ly[2] is None
        assert abs(lx[0] - x) == pytest.approx(charts.LABEL_ASIDE) and ly[0] <= charts.RACE_RANGE[1]
        assert leaders[side].line.color == charts.SIDE_STYLE[side]["color"]
        heights.append(ay)
    heights.sort()
    assert all(hi - lo >= charts.LABEL_GAP - 1e-9 for lo, hi in zip(heights, heights[1:])), heights
