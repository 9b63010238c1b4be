"""Chapter 1's charts: what they show at the defaults, and their data checks."""

from __future__ import annotations

import numpy as np
import pytest

from explainer import data
from explainer.figures import decision_rules as charts
from explainer.models import decision_rules as dr


def test_pass_chart_shows_the_model_at_the_defaults():
    fig = charts.pass_probability().figure()
    assert fig.data[0].y[31] == pytest.approx(0.97**32)
    assert list(fig.data[3].x) == [32, 32]
    sentence = charts.pass_probability().sentence(accept=0.9)
    assert f"{0.9**32:.1%}" in sentence and "0.90" in sentence


def test_percentages_never_claim_more_precision_than_the_model():
    assert charts.percent(0.0000305) == "< 0.1%"
    assert charts.percent(0.99995) == "> 99.9%"
    assert charts.percent(0.377) == "37.7%"
    assert charts.percent(1.0) == "100.0%" and charts.percent(0.0) == "0.0%"


def test_correlation_moves_the_consensus_curve():
    chart = charts.pass_probability()
    fig = chart.figure(accept=0.9, correlation=0.5)
    assert fig.data[0].y[31] == pytest.approx(dr.pass_probability(np.full(32, 0.9), "unanimity", 0.5))


def test_timeline_plots_the_data_and_names_turkiye_as_the_text_does():
    rat = data.accession_ratifications()
    chart = charts.ratification_timeline(rat)
    fig = chart.figure()
    finland = next(t for t in fig.data if t.name.startswith("Finland"))
    assert max(finland.x) == 268 and max(finland.y) == 30
    labels = " ".join(a.text for a in fig.layout.annotations)
    assert "Türkiye, day 268" in labels and "Hungary, day 601" in labels and "Turkey" not in labels
    assert "day 268 (Türkiye)" in chart.sentence()
    with pytest.raises(ValueError, match="days"):
        charts.ratification_timeline(rat.drop(columns=["days"]))


def test_finland_and_sweden_differ_by_dash_and_marker():
    fig = charts.ratification_timeline(data.accession_ratifications()).figure()
    a, b = fig.data[0], fig.data[1]
    assert a.line.dash != b.line.dash and a.marker.symbol != b.marker.symbol


def test_ratification_chart_follows_holdouts():
    chart = charts.ratification_cdf(21.75)
    none = chart.figure(holdouts=0)
    assert np.allclose(none.data[0].y, none.data[1].y)
    med = dr.ratification_quantile(0.5, 30, 22.0, 2, 240.0)
    assert f"{med:.0f} days" in chart.sentence()


def test_series_to_compare_differ_by_dash_not_colour_alone():
    rules = charts.pass_probability().figure().data[:3]
    assert len({t.line.dash for t in rules}) == 3, "the three rules differ by dash"
    cdf = charts.ratification_cdf(21.75).figure().data
    assert cdf[0].line.dash != cdf[1].line.dash, "with and without holdouts differ by dash"
    for fig in (charts.pass_probability().figure(), charts.ratification_cdf(21.75).figure()):
        assert fig.layout.showlegend is not False, "the legend names the dashes"
