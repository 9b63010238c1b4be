"""The argument map's and the claim ledger's charts: what they show, the rule that combines the
estimate's profile with its premise sliders, precision, and the verdicts' colours and styles."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from explainer import data
from explainer.figures import argument as charts
from explainer.models import argument as ar
from explainer.widgets import LivePanel


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    rgb = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


#: The theme's page background and surfaces (pydata-sphinx-theme 0.17), light and dark.
LIGHT_BACKGROUNDS = ("#FFFFFF", "#F3F4F5")
DARK_BACKGROUNDS = ("#14181E", "#222832", "#29313D")


# --- the argument map -----------------------------------------------------------------------------
def test_map_positions_are_deterministic_and_layered():
    pos = charts.map_positions()
    assert pos == charts.map_positions()
    d = ar.depths()
    assert all(pos[k][0] == d[k] for k in pos)
    ys = [pos[k][1] for k in charts.premise_order()]
    assert ys == sorted(ys, reverse=True) and ys[0] == 1.0 and ys[-1] == 0.0
    assert pos["will_both_sides"][1] == pytest.approx(np.mean([pos["russia_will"][1], pos["us_broker"][1]]))


def test_map_has_every_node_and_edge_and_a_summary_from_the_map():
    chart = charts.argument_map()
    fig = chart.figure()
    nodes = [k for t in fig.data[1:] for k in t.customdata]
    assert sorted(nodes) == sorted(n.key for n in ar.NODES)
    edges = sum(len(n.parents) for n in ar.NODES)
    assert len(fig.data[0].x) == 3 * edges and fig.data[0].showlegend is False
    hover = " ".join(h for t in fig.data[1:] for h in t.hovertext)
    assert "C14" in hover and "05_periphery" in hover and " OR " in hover
    assert "data/claims.csv" in chart.source
    assert "10 premises" in chart.sentence() and '"European allies come to the table"' in chart.sentence()
    with pytest.raises(ValueError, match="exactly one conclusion"):
        charts.argument_map((ar.Node("a", "A", "a", "premise", "x"),))


# --- your estimate --------------------------------------------------------------------------------
def test_estimate_shows_the_model_for_every_profile():
    chart = charts.your_estimate()
    assert [c.name for c in chart.static_controls()] == ["profile"]
    assert chart.controls[0].grid == tuple(range(len(ar.PROFILES)))
    live = [c for c in chart.controls if not c.grid]
    assert [c.name for c in live] == list(ar.PREMISES)
    assert {c.name: c.default for c in live} == pytest.approx(ar.DEFAULTS.credences)
    for i, prof in enumerate(ar.PROFILES):
        fig = chart.figure(profile=i)
        p = ar.conclusion_probability(prof.credences)
        assert fig.data[2].x[0] == pytest.approx(p)
        assert fig.data[0].x[0] == pytest.approx(p)  # the conclusion is the bottom bar
        sw = ar.swings(prof.credences)
        assert fig.data[1].x[-1] == pytest.approx(sw[0].width)  # widest on top
        assert fig.data[1].base[-1] == pytest.approx(sw[0].if_false)
        assert charts.percent(p) in chart.sentence(profile=i)
        assert charts.profile_short(prof) in chart.sentence(profile=i)
    assert not np.allclose(chart.figure(profile=0).data[0].x, chart.figure(profile=2).data[0].x)


def test_a_moved_slider_overrides_the_profile_and_one_at_its_opening_value_follows_it():
    start = ar.DEFAULTS.credences
    sceptical = ar.PROFILES[2].credences
    used, moved = charts.effective_credences(2, start)
    assert used == pytest.approx(sceptical) and moved == []
    used, moved = charts.effective_credences(2, dict(start, no_veto=0.9))
    assert used == pytest.approx(dict(sceptical, no_veto=0.9)) and moved == ["no_veto"]
    # the default profile: the sliders are the credences
    used, _ = charts.effective_credences(0, dict(start, no_veto=0.9))
    assert used == pytest.approx(dict(start, no_veto=0.9))
    chart = charts.your_estimate()
    fig = chart.figure(profile=2, no_veto=0.9)
    assert fig.data[2].x[0] == pytest.approx(ar.conclusion_probability(dict(sceptical, no_veto=0.9)))
    assert '"No ally blocks or reverses" (0.90)' in chart.sentence(profile=2, no_veto=0.9)
    with pytest.raises(ValueError, match="name_or_index"):
        charts.effective_credences(5, start)
    with pytest.raises(ValueError, match="name_or_index"):
        charts.your_estimate(active=9)


def test_the_live_panel_moves_one_premise():
    panel = LivePanel(charts.your_estimate())
    assert set(panel.controls) == {"profile", *ar.PREMISES}
    start = ar.conclusion_probability(ar.DEFAULTS.credences)
    assert panel.figure.data[2].x[0] == pytest.approx(start)
    panel.controls["no_veto"].value = 1.0
    assert panel.figure.data[2].x[0] == pytest.approx(start / 0.6)


def test_no_percentage_claims_more_precision_than_the_model():
    """Issue 17: the sceptical profile's 0.00305% is written "< 0.1%", in the sentence and the bars."""
    chart = charts.your_estimate()
    texts = [v for v in chart.record()["pool"] if isinstance(v, str)]
    texts += [t for v in chart.record()["pool"] if isinstance(v, list) for t in v if isinstance(t, str)]
    assert any("< 0.1%" in t for t in texts)
    for t in texts:
        for number in re.findall(r"(\d+(?:\.\d+)?)%", t):
            assert re.fullmatch(r"\d+(\.\d)?", number), t  # at most one decimal
            assert number == "0" or float(number) >= 0.1, t
    assert "< 0.1%" in chart.sentence(profile=2)
    assert charts.pct(0.0) == "0%" and charts.pct(3.048e-05) == "< 0.1%" and charts.pct(0.054486) == "5.4%"
    for top in (3e-5, 0.0003, 0.009, 0.09, 0.6, 1.0):
        span, step, fmt = charts.tornado_axis(top)
        assert span[1] > top and step >= 0.001 and span[1] / step <= 5
        assert fmt == (".1%" if step < 0.01 else ".0%")


# --- the ledger's verdicts ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def claims():
    return data.claims()


def test_verdict_chart_counts_every_claim(claims):
    chart = charts.verdict_counts(claims)
    fig = chart.figure()
    bars = [t for t in fig.data if t.type == "bar"]
    assert sum(sum(t.x) for t in bars) == len(claims)
    assert f"Of the {len(claims)} claims" in chart.sentence()
    totals = fig.data[-1]
    assert totals.showlegend is False and sum(totals.x) == len(claims)
    assert all(not t.text for t in bars), "no text on a coloured bar (dark mode recolours chart text)"
    with pytest.raises(ValueError, match="speaker"):
        charts.verdict_counts(claims.drop(columns=["speaker"]))


def test_a_new_verdict_such_as_misleading_is_drawn_and_listed(claims):
    edited = claims.copy()
    edited.loc[edited.index[0], "verdict"] = "misleading"
    edited.loc[edited.index[1], "verdict"] = "newly coined"
    chart = charts.verdict_counts(edited)
    labels = list(chart.figure().data[0].y)
    assert "! misleading" in labels and labels[-1] == "• newly coined"
    assert "1 misleading" in chart.sentence()
    page = charts.ledger_table_html(edited, charts.CHAPTER_TITLES)
    assert '<option value="misleading">' in page and '<option value="newly coined">' in page
    style = charts.VERDICT_STYLE["misleading"]
    assert f"--verdict-light:{style.light};--verdict-dark:{style.dark}" in page
    assert "misleading" in charts.chapter_claims_html(edited, edited["chapter"].iloc[0])


@pytest.mark.parametrize("verdict", [*charts.VERDICT_STYLE, "(unknown)"])
def test_verdict_text_colours_reach_4_5_to_1_in_light_and_dark_mode(verdict):
    style = charts.verdict_style(verdict)
    for bg in LIGHT_BACKGROUNDS:
        assert contrast(style.light, bg) >= 4.5, (verdict, style.light, bg)
    for bg in DARK_BACKGROUNDS:
        assert contrast(style.dark, bg) >= 4.5, (verdict, style.dark, bg)


def test_the_ledger_sits_on_the_dark_page_in_dark_mode(claims):
    """The theme puts HTML outputs in a light box in dark mode; the ledger leaves it, so that its dark-mode
    verdict colours are drawn on the dark page they are checked against."""
    page = charts.ledger_table_html(claims, charts.CHAPTER_TITLES)
    assert ".text_html:has(#claim-ledger){background-color:transparent;" in page
    assert 'html[data-theme="dark"] #claim-ledger .verdict' in page and "var(--verdict-dark)" in page


def test_marks_tell_verdicts_apart_without_colour():
    marks = [s.mark for s in charts.VERDICT_STYLE.values()] + [charts.OTHER_VERDICT.mark]
    assert len(set(marks)) == len(marks)


def test_node_table_links_every_node_to_its_ledger_rows_and_chapter():
    page = charts.node_table_html()
    assert page.count("<tr><td>") == len(ar.NODES)
    for n in ar.NODES:
        for c in n.claims:
            assert f'href="claim_ledger.html#claim-{c}"' in page
        if n.chapter != "argument_map":
            assert f'href="{n.chapter}.html"' in page
    assert 'href="#the-claims-this-page-examines"' in page


def test_recordings_are_small():
    assert len(json.dumps(charts.your_estimate().record())) < 50_000
