"""Figures carry the model's numbers; static sliders hold one step per value; panels update in place."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from explainer import data
from explainer.figures import decision_rules as charts
from explainer.models import decision_rules as dr
from explainer.widgets import LivePanel
from explainer.widgets import decision_rules as panels


def test_pass_figure_opens_on_the_default_and_each_step_holds_the_model():
    fig = charts.pass_probability_figure()
    slider = fig.layout.sliders[0]
    values = charts.accept_grid()
    assert len(slider.steps) == len(values)
    assert values[slider.active] == dr.DEFAULTS.accept
    sizes = np.asarray(fig.data[0].x)
    for k, step in enumerate(slider.steps):
        ys = step.args[0]["y"]
        for rule, y in zip(dr.RULES, ys):
            assert np.allclose(y, dr.pass_curve(values[k], sizes, rule))
    # the traces drawn at load are the active step's
    assert np.allclose(fig.data[0].y, slider.steps[slider.active].args[0]["y"][0])
    assert fig.data[0].y[31] == pytest.approx(0.97**32)


def test_later_slider_steps_change_the_data():
    fig = charts.pass_probability_figure()
    steps = fig.layout.sliders[0].steps
    assert not np.allclose(steps[0].args[0]["y"][0], steps[-1].args[0]["y"][0])


def test_bad_default_is_rejected():
    with pytest.raises(ValueError, match="default_accept"):
        charts.pass_probability_figure(default_accept=0.975)
    with pytest.raises(ValueError, match="default_delay"):
        charts.ratification_cdf_figure(20.0, default_delay=7)


def test_timeline_figure_plots_the_data():
    rat = data.accession_ratifications()
    fig = charts.ratification_timeline_figure(rat)
    finland = next(t for t in fig.data if t.name.startswith("Finland"))
    assert max(finland.x) == 268 and max(finland.y) == 30
    labels = " ".join(a.text for a in fig.layout.annotations)
    assert "Turkey, day 268" in labels and "Hungary, day 601" in labels
    with pytest.raises(ValueError, match="days"):
        charts.ratification_timeline_figure(rat.drop(columns=["days"]))


def test_every_chart_has_a_source_line():
    for fig in (charts.pass_probability_figure(), charts.ratification_cdf_figure(21.75),
                charts.ratification_timeline_figure(data.accession_ratifications())):
        assert any(a.name == "source" and a.text for a in fig.layout.annotations)


def test_panel_updates_its_figure_widget_in_place():
    panel = panels.panel(mean_days=21.75)
    assert isinstance(panel, LivePanel)
    fig = panel.figure
    assert isinstance(fig, go.FigureWidget)
    before = np.array(fig.data[0].y)
    assert before[31] == pytest.approx(0.97**32)
    panel.controls["accept"].value = 0.9
    assert panel.figure is fig  # same widget, not rebuilt
    assert np.array(fig.data[0].y)[31] == pytest.approx(0.9**32)
    panel.controls["holdout_delay"].value = 500
    assert "32 members" in fig.layout.title.text
    panel.controls["correlation"].value = 0.5
    assert np.array(fig.data[0].y)[31] == pytest.approx(dr.pass_probability(np.full(32, 0.9), "unanimity", 0.5))


def test_panel_shows_a_binder_note_instead_of_a_dead_widget_in_html():
    bundle = panels.panel(mean_days=21.75)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "Open this chapter in Binder" in bundle["text/html"]
    assert "<input" not in bundle["text/html"]


def test_static_and_live_open_on_the_same_defaults():
    panel = panels.panel(mean_days=21.75)
    assert panel.controls["accept"].value == dr.DEFAULTS.accept
    assert panel.controls["members"].value == dr.DEFAULTS.members
    fig = charts.pass_probability_figure()
    assert charts.accept_grid()[fig.layout.sliders[0].active] == dr.DEFAULTS.accept
