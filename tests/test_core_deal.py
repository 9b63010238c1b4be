"""Chapter 4: the deployments CSV, the figures (each slider step holds the model's numbers) and the
live panels (a control changes the figure in place)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from explainer import data
from explainer.figures import core_deal as charts
from explainer.models import arms_race as ar
from explainer.models import bargaining as bg
from explainer.widgets import LivePanel
from explainer.widgets import core_deal as panels

DATA = Path(__file__).resolve().parents[1] / "data"


# --- data -----------------------------------------------------------------------------------
def test_deployments_csv_schema_and_known_rows():
    frame = data.belarus_deployments()
    assert len(frame) == 15
    assert frame["official_claim_only"].dtype == bool
    assert frame["date"].is_monotonic_increasing
    first = frame.iloc[0]
    assert first["date"] == pd.Timestamp("2023-03-25") and first["system"] == "tactical nuclear weapons"
    oreshnik_duty = frame[(frame.system == "Oreshnik") & (frame.date == pd.Timestamp("2025-12-18"))]
    assert oreshnik_duty["official_claim_only"].any()
    # claims that rest only on Moscow's or Minsk's word come from the Russian or Belarusian side
    claims = frame[frame["official_claim_only"]]
    assert claims["claimant"].str.contains("Russian|Belarusian").all()
    assert frame["source_url"].str.match(r"^https?://").all()


def test_deployments_csv_reports_a_bad_flag_by_line_and_column(tmp_path):
    shutil.copy(DATA / "belarus_deployments.csv", tmp_path / "belarus_deployments.csv")
    frame = pd.read_csv(tmp_path / "belarus_deployments.csv", dtype=str, keep_default_na=False)
    frame.loc[3, "official_claim_only"] = "maybe"
    frame.to_csv(tmp_path / "belarus_deployments.csv", index=False)
    with pytest.raises(data.DataError, match=r"belarus_deployments.csv: line 5, column 'official_claim_only'"):
        data.belarus_deployments(tmp_path)


def test_deployments_csv_rejects_rows_out_of_order(tmp_path):
    frame = pd.read_csv(DATA / "belarus_deployments.csv", dtype=str, keep_default_na=False)
    frame.iloc[::-1].to_csv(tmp_path / "belarus_deployments.csv", index=False)
    with pytest.raises(data.DataError, match="date order"):
        data.belarus_deployments(tmp_path)


def test_timeline_figure_plots_every_row_once():
    frame = data.belarus_deployments()
    fig = charts.deployments_timeline_figure(frame)
    assert sum(len(t.x) for t in fig.data) == len(frame)
    claim_trace = next(t for t in fig.data if "only on official" in t.name)
    assert len(claim_trace.x) == int(frame["official_claim_only"].sum())
    with pytest.raises(ValueError, match="official_claim_only"):
        charts.deployments_timeline_figure(frame.drop(columns=["official_claim_only"]))


# --- Model A figure -------------------------------------------------------------------------
def test_race_figure_opens_on_the_default_and_each_step_holds_the_model():
    fig = charts.arms_race_figure()
    slider = fig.layout.sliders[0]
    grid = charts.race_grid()
    assert len(slider.steps) == len(grid)
    assert grid[slider.active] == pytest.approx(ar.DEFAULTS.status_quo.b)
    d = ar.DEFAULTS
    for k, step in enumerate(slider.steps):
        p = ar.Params(**{**d.status_quo.__dict__, "b": float(grid[k])})
        expected = charts.race_paths(p, d.deal_g, d.deal_h)
        ys = step.args[0]["y"]
        for key, y in zip(["x no deal", "y no deal", "x deal", "y deal"], ys):
            assert np.allclose(y, expected[key], atol=0.006)
    assert np.allclose(fig.data[0].y, slider.steps[slider.active].args[0]["y"][0])
    # the chart starts at today's level and the default race settles near its equilibrium
    eq = ar.equilibrium(d.status_quo)
    assert fig.data[0].y[0] == pytest.approx(100.0)
    assert fig.data[0].y[-1] == pytest.approx(eq.x, rel=0.02)


def test_race_slider_marks_the_stability_threshold():
    fig = charts.arms_race_figure()
    steps = fig.layout.sliders[0].steps
    assert not np.allclose(steps[0].args[0]["y"][1], steps[-1].args[0]["y"][1])
    titles = [s.args[1]["title.text"] for s in steps]
    # with a = 0.3, m = 0.5, n = 0.6 the race is stable exactly while b < 1.0
    assert all("Stable" in t for t in titles[:9]) and "edge" in titles[9]
    assert all("Unstable" in t for t in titles[10:])


# --- Model B figure -------------------------------------------------------------------------
def test_bargain_figure_steps_hold_the_model():
    fig = charts.bargain_figure()
    slider = fig.layout.sliders[0]
    grid = charts.bargain_grid()
    assert grid[slider.active] == bg.DEFAULTS.valuations.c_rw
    for k, step in enumerate(slider.steps):
        v = bg.Valuations(**{**bg.DEFAULTS.valuations.__dict__, "c_rw": float(grid[k])})
        sol = bg.nash_solution(v)
        xs, ys = step.args[0]["x"], step.args[0]["y"]
        if sol.exists:
            assert xs[1] == pytest.approx([sol.w]) and ys[1] == pytest.approx([sol.l])
            assert xs[5] == pytest.approx([sol.u_p]) and ys[5] == pytest.approx([sol.u_r])
        else:
            assert xs[1] == [None] and xs[5] == [None]
    # the default: a deal exists; past c_rw = 7.2 none does (72 > 10·c fails)
    titles = [s.args[1]["title.text"] for s in slider.steps]
    assert all("Yes" in t for t in titles[:7]) and all("No:" in t for t in titles[7:])
    assert fig.data[1].x[0] == pytest.approx(1.0) and fig.data[1].y[0] == pytest.approx(61 / 90)


def test_bad_defaults_are_rejected():
    with pytest.raises(ValueError, match="default_b"):
        charts.arms_race_figure(default_b=0.45)
    with pytest.raises(ValueError, match="default_c"):
        charts.bargain_figure(default_c=5.5)


def test_every_chart_has_a_source_line():
    for fig in (charts.arms_race_figure(), charts.bargain_figure(),
                charts.deployments_timeline_figure(data.belarus_deployments())):
        assert any(a.name == "source" and a.text for a in fig.layout.annotations)


def test_figures_stay_small():
    for fig in (charts.arms_race_figure(), charts.bargain_figure()):
        assert len(fig.to_json()) < 120_000


# --- live panels ----------------------------------------------------------------------------
def test_race_panel_updates_in_place():
    panel = panels.race_panel()
    assert isinstance(panel, LivePanel)
    fig = panel.figure
    assert isinstance(fig, go.FigureWidget)
    before = np.array(fig.data[1].y)
    expected = ar.trajectory(panels.TIMES, ar.DEFAULTS.status_quo)
    assert before == pytest.approx(expected[:, 1])
    panel.controls["b"].value = 1.2
    assert panel.figure is fig
    assert not np.allclose(np.array(fig.data[1].y), before)
    assert "Unstable" in fig.layout.title.text
    # the capped scenario stays under the cap even when the race runs away
    assert max(fig.data[4].y) <= panel.controls["cap"].value + 1e-9
    panel.controls["cap"].value = 150
    assert max(fig.data[5].y) == pytest.approx(150.0)


def test_bargain_panel_updates_in_place():
    panel = panels.bargain_panel()
    fig = panel.figure
    sol = bg.nash_solution(bg.DEFAULTS.valuations)
    assert fig.data[1].x[0] == pytest.approx(sol.w) and fig.data[1].y[0] == pytest.approx(sol.l)
    panel.controls["c_rw"].value = 9.0
    assert panel.figure is fig
    assert fig.data[1].x[0] is None and "No:" in fig.layout.title.text
    panel.controls["d_r"].value = -3.0
    assert "Yes" in fig.layout.title.text
    assert fig.data[6].y[0] == pytest.approx(-3.0)


def test_panels_show_a_binder_note_and_open_on_the_defaults():
    race, bargain = panels.race_panel(), panels.bargain_panel()
    for panel in (race, bargain):
        bundle = panel._repr_mimebundle_()
        assert "Open this chapter in Binder" in bundle["text/html"] and "<input" not in bundle["text/html"]
    assert race.controls["b"].value == ar.DEFAULTS.status_quo.b
    assert bargain.controls["c_rw"].value == bg.DEFAULTS.valuations.c_rw
