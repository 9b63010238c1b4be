"""Chapter 5: figures carry the models' numbers and the data; panels update in place; CSV schema."""

from __future__ import annotations


import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from explainer import data
from explainer.figures import periphery as charts
from explainer.models import sequencing as sq
from explainer.models import spoilers as sp
from explainer.widgets import LivePanel
from explainer.widgets import periphery as panels


# --- data ------------------------------------------------------------------------------------
def test_events_load_and_hold_the_key_dates():
    ev = data.new_start_events()
    when = ev.set_index("event")["date"]
    assert when["Treaty signed in Prague"] == pd.Timestamp("2010-04-08")
    assert when["Treaty enters into force"] == pd.Timestamp("2011-02-05")
    assert when["Extended for five years"] == pd.Timestamp("2021-02-03")
    assert when["Suspension law signed"] == pd.Timestamp("2023-02-28")
    assert when["Putin offers one year of limits"] == pd.Timestamp("2025-09-22")
    assert when["Treaty expires"] == pd.Timestamp("2026-02-05")
    assert ev["source_url"].str.startswith("http").all()
    assert ev["state_media_only"].dtype == bool and ev["state_media_only"].sum() == 1


def _copy_with(tmp_path, edit):
    src = data.DATA_DIR / "new_start_events.csv"
    frame = pd.read_csv(src, dtype=str, keep_default_na=False)
    edit(frame)
    frame.to_csv(tmp_path / "new_start_events.csv", index=False)
    return tmp_path


def test_events_schema_rejects_bad_rows(tmp_path):
    def bad_actor(f):
        f.loc[0, "actor"] = "NATO"

    with pytest.raises(data.DataError, match="actor"):
        data.new_start_events(_copy_with(tmp_path, bad_actor))

    def bad_date(f):
        f.loc[1, "date"] = "5 Feb 2011"

    with pytest.raises(data.DataError, match="line 3, column 'date'"):
        data.new_start_events(_copy_with(tmp_path, bad_date))

    def no_url(f):
        f.loc[2, "source_url"] = "www.state.gov"

    with pytest.raises(data.DataError, match="source_url"):
        data.new_start_events(_copy_with(tmp_path, no_url))

    def out_of_order(f):
        f.loc[0, "date"] = "2026-03-01"

    with pytest.raises(data.DataError, match="date order"):
        data.new_start_events(_copy_with(tmp_path, out_of_order))


def test_missing_events_file(tmp_path):
    with pytest.raises(data.DataError, match="not found"):
        data.new_start_events(tmp_path)


# --- figures ---------------------------------------------------------------------------------
def test_sequencing_figure_steps_hold_the_model():
    fig = charts.sequencing_figure()
    slider = fig.layout.sliders[0]
    values = charts.core_grid()
    assert len(slider.steps) == len(values)
    assert values[slider.active] == sq.DEFAULTS.core
    for k, step in enumerate(slider.steps):
        links = step.args[0]["link.value"][0]
        p = [values[k], sq.DEFAULTS.arctic_baltic, sq.DEFAULTS.black_sea]
        out = sq.chain_outcomes(p)
        assert links[4] == pytest.approx(out.complete)
        assert links[1] == pytest.approx(out.stopped_at[0])
        assert f"{out.complete:.1%}" in step.args[1]["title.text"]
    assert np.allclose(fig.data[0].link.value, slider.steps[slider.active].args[0]["link.value"][0])
    assert fig.data[0].link.value[4] == pytest.approx(0.09)
    first, last = slider.steps[0].args[0], slider.steps[-1].args[0]
    assert not np.allclose(first["link.value"][0], last["link.value"][0])
    assert first["node.label"][0] != last["node.label"][0]


def test_sankey_links_reject_wrong_length():
    with pytest.raises(ValueError, match="conditional"):
        charts.sankey_links([0.5, 0.5])
    with pytest.raises(ValueError, match="default_core"):
        charts.sequencing_figure(default_core=0.33)


def test_spoilers_figure_steps_hold_the_model():
    fig = charts.spoilers_figure()
    slider = fig.layout.sliders[0]
    values = charts.defect_grid()
    assert values[slider.active] == sp.DEFAULTS.defect
    years = np.asarray(fig.data[0].x)
    a = np.full(32, sp.DEFAULTS.accept)
    for k, step in enumerate(slider.steps):
        h = sp.member_hazards(32, float(values[k]))
        for (rule, rev, *_), y in zip(charts.SPOILER_LINES, step.args[0]["y"]):
            assert np.allclose(y, sp.in_force(a, h, years, rule, rev))
    assert fig.data[0].y[0] == pytest.approx(0.97**32)
    assert fig.data[0].y[1] == pytest.approx(0.97**32 * 0.98**32)
    steps = slider.steps
    assert not np.allclose(steps[1].args[0]["y"][0], steps[-1].args[0]["y"][0])
    with pytest.raises(ValueError, match="default_defect"):
        charts.spoilers_figure(default_defect=0.0123)


def test_timeline_figure_plots_every_event():
    ev = data.new_start_events()
    fig = charts.new_start_timeline_figure(ev)
    assert sum(len(t.x) for t in fig.data) == len(ev)
    russia = next(t for t in fig.data if t.name == "Russia")
    assert pd.Timestamp("2023-02-28") in set(pd.to_datetime(russia.x))
    labels = [text for t in fig.data for text in t.text]
    assert any(label.endswith("*") for label in labels)  # state media marked
    with pytest.raises(ValueError, match="events"):
        charts.new_start_timeline_figure(ev.drop(columns=["actor"]))


def test_exchanges_figure_keeps_gaps_and_limits():
    ex = data.new_start_data()
    fig = charts.new_start_exchanges_figure(ex)
    assert len(fig.data) == 6  # two parties x three limits
    for t in fig.data:
        assert t.connectgaps is False
    russia_wh = next(t for t in fig.data if t.name == "Russia" and t.yaxis in (None, "y"))
    y = np.asarray(russia_wh.y, dtype=float)
    assert np.isnan(y).sum() == ex[ex.party == "Russia"]["deployed_warheads"].isna().sum() > 0
    limits = sorted(s.y0 for s in fig.layout.shapes if s.type == "line" and s.y0 == s.y1)
    assert limits == [700, 800, 1550]
    with pytest.raises(ValueError, match="exchanges"):
        charts.new_start_exchanges_figure(ex.drop(columns=["total_launchers"]))


def test_every_chart_has_a_source_line():
    figs = (charts.sequencing_figure(), charts.spoilers_figure(),
            charts.new_start_timeline_figure(data.new_start_events()),
            charts.new_start_exchanges_figure(data.new_start_data()))
    for fig in figs:
        assert any(a.name == "source" and a.text for a in fig.layout.annotations)


def test_figures_are_small():
    figs = (charts.sequencing_figure(), charts.spoilers_figure())
    assert all(len(f.to_json()) < 120_000 for f in figs)


# --- live panels -----------------------------------------------------------------------------
def test_sequencing_panel_updates_in_place():
    panel = panels.sequencing_panel()
    assert isinstance(panel, LivePanel)
    fig = panel.figure
    assert isinstance(fig, go.FigureWidget)
    assert fig.data[0].link.value[4] == pytest.approx(0.09)
    panel.controls["core"].value = 0.5
    assert panel.figure is fig
    assert fig.data[0].link.value[4] == pytest.approx(0.5 * 0.6 * 0.5)
    assert "15.0%" in fig.layout.title.text
    before = np.array(fig.data[1].y)
    panel.controls["without_core"].value = 0.3
    assert not np.allclose(before, fig.data[1].y)
    assert np.allclose(fig.data[1].y, sq.fronts_distribution([0.5, 0.6, 0.5], 0.3))


def test_spoilers_panel_updates_in_place():
    panel = panels.spoilers_panel()
    fig = panel.figure
    assert np.array(fig.data[0].y)[1] == pytest.approx(0.97**32 * 0.98**32)
    panel.controls["spoilers"].value = 1
    assert panel.figure is fig
    assert np.array(fig.data[0].y)[1] == pytest.approx(0.97**32 * 0.8 * 0.98**31)
    assert "(1 spoiler)" in fig.layout.title.text
    panel.controls["members"].value = 10
    assert np.array(fig.data[0].y)[0] == pytest.approx(0.97**10)
    panel.controls["defect"].value = 0.0
    panel.controls["spoiler_defect"].value = 0.0
    assert "only after year 30" in fig.layout.title.text


def test_panels_show_a_binder_note_in_html():
    for panel in (panels.sequencing_panel(), panels.spoilers_panel()):
        bundle = panel._repr_mimebundle_()
        assert "Open this chapter in Binder" in bundle["text/html"]
