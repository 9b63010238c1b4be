"""Chapter 5's charts: what the generic registry test does not check (the model's numbers in the
drawn traces, the data rows plotted, required columns, the sentence at the defaults)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from explainer import data
from explainer.figures import periphery as charts
from explainer.models import sequencing as sq
from explainer.models import spoilers as sp


def test_sequencing_links_hold_the_model_over_the_grid():
    chart = charts.sequencing()
    for point in chart.grid_points()[::17]:
        fig = chart.figure(**point)
        p = [point["core"], point["arctic_baltic"], point["black_sea"]]
        out = sq.chain_outcomes(p)
        links = fig.data[0].link.value
        assert links[4] == pytest.approx(out.complete)
        assert links[1] == pytest.approx(out.stopped_at[0])
        assert sum(links[k] for k in (1, 3, 4, 5)) == pytest.approx(1.0)
    fig = chart.figure()
    assert fig.data[0].link.value[4] == pytest.approx(0.09)
    assert "9.0%" in chart.sentence() and "70.0%" in chart.sentence()
    low, high = chart.figure(core=0.05), chart.figure(core=0.95)
    assert not np.allclose(low.data[0].link.value, high.data[0].link.value)
    assert low.data[0].node.label != high.data[0].node.label


def test_sequencing_static_controls_are_the_central_deal_and_arctic_baltic():
    chart = charts.sequencing()
    static = {c.name for c in chart.static_controls()}
    assert static == {"core", "arctic_baltic"}
    assert {c.name for c in chart.controls} - static == {"black_sea"}
    # exercise ex-p5-links: 0.85 takes the whole architecture past 25%, 0.80 does not
    assert "25.5%" in chart.sentence(core=0.85) and "24.0%" in chart.sentence(core=0.80)


def test_sankey_links_reject_wrong_length():
    with pytest.raises(ValueError, match="conditional"):
        charts.sankey_links([0.5, 0.5])


def test_sankey_labels_never_show_more_precision_than_the_model():
    labels = charts.sankey_labels([0.01, 0.05, 0.5])
    assert labels[5].endswith("< 0.1%")


def test_fronts_chart_draws_the_distribution_with_the_periphery_alone():
    chart = charts.fronts_settled()
    fig = chart.figure(without_core=0.2)
    assert np.allclose(fig.data[0].y, sq.fronts_distribution(sq.DEFAULTS.conditional, 0.2))
    assert fig.data[0].text[3] == f"{sq.architecture_probability(sq.DEFAULTS.conditional):.1%}"
    assert f"{sq.expected_fronts(sq.DEFAULTS.conditional, 0.2):.2f}" in chart.sentence(without_core=0.2)
    assert {c.name for c in chart.static_controls()} == {"core", "without_core"}


def test_spoilers_lines_hold_the_model():
    chart = charts.spoilers()
    a = np.full(32, sp.DEFAULTS.accept)
    for point in chart.grid_points()[::37]:
        fig = chart.figure(**point)
        h = sp.member_hazards(32, point["defect"], point["spoilers"], point["spoiler_defect"])
        for (rule, rev, *_), trace in zip(charts.SPOILER_LINES, fig.data):
            assert np.allclose(trace.y, sp.in_force(a, h, charts.YEARS, rule, rev), atol=1e-4)
    fig = chart.figure()
    assert fig.data[0].y[0] == pytest.approx(0.97**32, abs=1e-4)
    assert fig.data[0].y[1] == pytest.approx(0.97**32 * 0.98**32, abs=1e-4)
    one = chart.figure(spoilers=1)
    assert one.data[0].y[1] == pytest.approx(0.97**32 * 0.8 * 0.98**31, abs=1e-4)


def test_spoilers_sentence():
    chart = charts.spoilers()
    assert "37.7%" in chart.sentence() and "> 99.9%" in chart.sentence()
    assert "by the end of year 2" in chart.sentence()
    # exercise ex-p5-spoiler: one spoiler at 25% a year, everyone else loyal: 0.75^3 < 0.5
    s = chart.sentence(defect=0.0, spoilers=1, spoiler_defect=0.25)
    assert "1 of them a spoiler" in s and "by the end of year 3" in s
    assert "survive all 30 years" in chart.sentence(defect=0.0, spoilers=0)
    assert "10 members" in chart.sentence(members=10)
    assert {c.name for c in chart.static_controls()} == {"defect", "spoilers", "spoiler_defect"}


def test_spoilers_lines_are_distinct_by_dash_and_width():
    fig = charts.spoilers().figure()
    styles = {(t.line.dash, t.line.width) for t in fig.data}
    assert len(styles) == len(fig.data)
    assert len({t.line.dash for t in fig.data}) == len(fig.data)


def test_timeline_plots_every_event():
    ev = data.new_start_events()
    chart = charts.new_start_timeline(ev)
    fig = chart.figure()
    events = [t for t in fig.data if t.name not in charts.SHADES]
    assert sum(len(t.x) for t in events) == len(ev)
    shades = [t for t in fig.data if t.name in charts.SHADES]  # legend entries of the shading only
    assert len(shades) == 2 and all(list(t.x) == [None] for t in shades)
    russia = next(t for t in fig.data if t.name == "Russia")
    assert pd.Timestamp("2023-02-28") in set(pd.to_datetime(russia.x))
    labels = [text for t in events for text in t.text]
    assert any(label.endswith("*") for label in labels)  # state media marked
    assert f"{len(ev)} dated events" in chart.sentence()
    with pytest.raises(ValueError, match="treaty_events"):
        charts.new_start_timeline(ev.drop(columns=["actor"]))


def _grey_on_white(rgba: str) -> float:
    """The lightness (0 black, 1 white) of a translucent colour over white paper, in greyscale."""
    r, g, b, a = (float(x) for x in rgba[rgba.index("(") + 1 : -1].split(","))
    r, g, b = (255 - a * (255 - c) for c in (r, g, b))
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255


def test_timeline_shades_read_apart_in_greyscale():
    light, dark = (_grey_on_white(charts.SHADES[k]) for k in ("In force", "In force, suspended by Russia"))
    assert light - dark > 0.08, "the suspension's shading must be visibly darker than the rest, in greyscale"


def test_exchanges_keep_gaps_and_limits():
    ex = data.new_start_data()
    chart = charts.new_start_exchanges(ex)
    fig = chart.figure()
    assert len(fig.data) == 6  # two parties x three limits
    for t in fig.data:
        assert t.connectgaps is False
    assert sum(t.showlegend is not False for t in fig.data) == 2  # the legend lists each party once
    russia_wh = next(t for t in fig.data if t.name == "Russia" and t.yaxis in (None, "y"))
    y = np.asarray(russia_wh.y, dtype=float)
    assert np.isnan(y).sum() == ex[ex.party == "Russia"]["deployed_warheads"].isna().sum() > 0
    limits = sorted(s.y0 for s in fig.layout.shapes if s.type == "line" and s.y0 == s.y1)
    assert limits == [700, 800, 1550]
    assert "1,515" in chart.sentence() and "1,474" in chart.sentence()
    with pytest.raises(ValueError, match="exchanges"):
        charts.new_start_exchanges(ex.drop(columns=["total_launchers"]))


def test_recordings_fit_the_page_budget():
    sizes = [len(json.dumps(c.record())) for c in (charts.sequencing(), charts.fronts_settled(), charts.spoilers())]
    assert max(sizes) < 300_000 and sum(sizes) < 800_000


def test_summaries_read_an_before_eighty_percent():
    assert [charts._a(x) for x in (0.8, 0.85, 0.08, 0.11, 0.18, 0.5, 0.3, 0.01)] == ["an"] * 5 + ["a"] * 3
    assert charts.sequencing().sentence(core=0.8).startswith("With an 80% chance")
    assert "and an 80% chance" in charts.fronts_settled().sentence(without_core=0.8)
