"""Chapter 2: data files, figures that carry the model's numbers, and the live panel."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from explainer import data
from explainer.figures import deterrence as charts
from explainer.models import deterrence as dt
from explainer.widgets import LivePanel
from explainer.widgets import deterrence as panels

DATA = Path(__file__).resolve().parents[1] / "data"


# --- data ---------------------------------------------------------------------------------------
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


# --- figures ------------------------------------------------------------------------------------
def test_troops_figure_draws_two_separate_series_and_every_event():
    troops, events = data.us_troops_europe(), data.us_posture_events()
    fig = charts.troops_figure(troops, events)
    line, diamonds = fig.data[0], fig.data[1]
    assert line.mode.startswith("lines") and diamonds.mode == "markers"
    assert max(v for v in line.y if v == v) == 441_458
    text = " ".join(a.text for a in fig.layout.annotations)
    assert "1957 peak: 441,458" in text
    for label in ("Nov 1989", "Apr 2014", "Feb 2022", "Oct 2025"):
        assert label in text
    assert any(s.y0 == charts.NDAA_FLOOR for s in fig.layout.shapes)
    with pytest.raises(ValueError, match="label"):
        charts.troops_figure(troops, events.drop(columns=["label"]))


def test_spending_figure_uses_the_data_and_marks_estimates():
    spending = data.defence_spending_gdp()
    fig = charts.spending_figure(spending)
    poland = next(t for t in fig.data if t.name == "Poland")
    assert dict(zip(poland.x, poland.y))[2014] == pytest.approx(1.86)
    assert dict(zip(poland.x, poland.y))[2025] == pytest.approx(4.48)
    symbols = dict(zip(poland.x, poland.marker.symbol))
    assert symbols[2023] == "circle" and symbols[2024] == "circle-open"
    with pytest.raises(ValueError, match="Atlantis"):
        charts.spending_figure(spending, countries=("Atlantis",))


def test_credibility_figure_steps_hold_the_model():
    fig = charts.credibility_figure()
    slider = fig.layout.sliders[0]
    values = charts.asia_grid()
    assert len(slider.steps) == len(values)
    assert values[slider.active] == dt.DEFAULTS.asia
    x = np.asarray(fig.data[0].x)
    for k, step in enumerate(slider.steps):
        ys = step.args[0]["y"]
        assert np.allclose(ys[0], dt.credibility(x, values[k]), atol=1e-4)
        for j, theory in enumerate(dt.THEORIES):
            c_star = dt.critical_credibility(theory, asia=values[k])
            if 0 <= c_star <= 1:
                assert ys[2 + j][0] == pytest.approx(c_star)
            else:
                assert np.isnan(ys[2 + j][0])
    assert np.allclose(fig.data[0].y, slider.steps[slider.active].args[0]["y"][0])
    assert fig.data[0].y[0] == pytest.approx(0.75)


def test_credibility_figure_later_steps_change_and_bad_default_is_rejected():
    steps = charts.credibility_figure().layout.sliders[0].steps
    assert not np.allclose(steps[0].args[0]["y"][0], steps[-1].args[0]["y"][0])
    with pytest.raises(ValueError, match="default_asia"):
        charts.credibility_figure(default_asia=0.55)


def test_region_figure_buttons_hold_each_theory():
    fig = charts.region_figure()
    d, a, grids = charts.region_grids()
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == len(dt.THEORIES)
    for theory, button in zip(dt.THEORIES, buttons):
        z = np.asarray(button.args[0]["z"][0])
        assert np.allclose(z, dt.advantage_grid(d, a, theory), atol=1e-4)
        assert f"{dt.accommodation_share(grids[theory]):.0%}" in button.args[1]["title.text"]
    assert np.allclose(np.asarray(fig.data[0].z), grids[dt.DEFAULTS.theory])
    assert not np.allclose(buttons[0].args[0]["z"][0], buttons[1].args[0]["z"][0])
    with pytest.raises(ValueError, match="default_theory"):
        charts.region_figure(default_theory="realism")


def test_every_chapter_2_chart_has_a_source_line():
    figs = (charts.troops_figure(data.us_troops_europe(), data.us_posture_events()),
            charts.spending_figure(data.defence_spending_gdp()),
            charts.credibility_figure(), charts.region_figure())
    for fig in figs:
        assert any(a.name == "source" and a.text for a in fig.layout.annotations)


# --- live panel ---------------------------------------------------------------------------------
def test_panel_controls_cover_every_parameter_and_open_on_the_defaults():
    panel = panels.panel()
    assert isinstance(panel, LivePanel)
    assert set(panel.controls) == set(dt.DEFAULTS.as_dict())
    assert panel.controls["theory"].value == dt.DEFAULTS.theory
    for name, value in dt.DEFAULTS.as_dict().items():
        if name != "theory":
            assert panel.controls[name].value == pytest.approx(value)


def test_panel_updates_its_figure_widget_in_place():
    panel = panels.panel()
    fig = panel.figure
    assert isinstance(fig, go.FigureWidget)
    assert np.asarray(fig.data[0].y)[0] == pytest.approx(0.75)
    z_before = np.array(fig.data[3].z)
    panel.controls["threat"].value = 0.3
    assert panel.figure is fig
    assert not np.allclose(np.array(fig.data[3].z), z_before)
    assert np.allclose(np.array(fig.data[3].z),
                       dt.advantage_grid(panels.GRID_D, panels.GRID_A, "bandwagoning", threat=0.3))
    panel.controls["theory"].value = "walt"
    assert "Walt" in fig.layout.title.text
    panel.controls["drawdown"].value = 1.0
    assert fig.data[2].y[0] == pytest.approx(0.3)
    panel.controls["asia"].value = 0.0
    assert np.asarray(fig.data[0].y)[0] == pytest.approx(0.9)


def test_panel_tolerates_crossed_floor_and_ceiling():
    panel = panels.panel()
    panel.controls["ceiling"].value = 0.1  # below the floor of 0.3: the panel lifts it
    assert np.allclose(np.asarray(panel.figure.data[0].y), 0.3)
