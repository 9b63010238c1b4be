"""Chapter 3's charts: what the generic registry test (test_charts.py) does not check.

The map requests nothing and shows every Three Seas status the data hold, even one it does not
know; the spending chart plots NATO's 2025 edition; the forces chart never joins its points; the
what-if draws the model's paths and says the model's numbers.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from explainer import data
from explainer.figures import poland as charts
from explainer.models import poland as pl
from explainer.widgets import LivePanel


@pytest.fixture(scope="module")
def map_chart():
    return charts.theatre_map(data.europe_geometry(), data.poland_map(), data.nato_population()["member"])


def _legend(fig) -> list[str]:
    """What the legend lists: visible traces that show in it."""
    return [t.name for t in fig.data if t.showlegend is not False and t.visible is not False]


def test_map_requests_nothing_and_names_every_group(map_chart):
    fig = map_chart.figure()
    # the first trace is placed by lon/lat, so plotly.js has no reason to fetch a topojson file
    assert fig.data[0].type == "scattergeo" and fig.data[0].locationmode is None
    assert fig.data[0].showlegend is False  # the theatres' labels are drawn, not listed
    geo = fig.layout.geo
    for layer in ("land", "ocean", "lakes", "rivers", "countries", "coastlines", "subunits"):
        assert getattr(geo, "show" + layer) is False
    names = {t.name for t in fig.data}
    assert {"Poland", "NATO member", "Belarus", "Russia"} <= names
    located = {loc for t in fig.data if t.type == "choropleth" for loc in t.locations}
    assert {"Poland", "Belarus", "Russia", "Lithuania", "Türkiye", "Romania", "Finland"} <= located
    assert "Turkey" not in json.dumps(fig.to_plotly_json(), ensure_ascii=False)
    hover = " ".join(t for tr in fig.data if tr.type == "choropleth" for t in tr.text)
    assert "Three Seas Initiative: founding member" in hover and "Intermarium: candidate" in hover
    assert not fig.layout.annotations  # no source line or title inside the chart: they are page text
    assert "Natural Earth" in map_chart.source


def test_map_legend_lists_only_the_markers_drawn(map_chart):
    inter = _legend(map_chart.figure(markers="intermarium"))
    assert charts.INTERMARIUM_NAME in inter and not any(n.startswith("Three Seas") for n in inter)
    seas = _legend(map_chart.figure(markers="three_seas"))
    assert charts.INTERMARIUM_NAME not in seas
    statuses = set(data.poland_map()["three_seas"]) - {"no"}
    assert len([n for n in seas if n.startswith("Three Seas")]) == len(statuses)
    assert "associated participating state" in statuses  # Ukraine and Moldova since September 2023
    assert "2 associated participating states (Moldova and Ukraine)" in map_chart.sentence(markers="three_seas")
    s = map_chart.sentence()
    assert "17 present-day states" in s and "12 of them are NATO members" in s


def test_map_gives_an_unknown_three_seas_status_a_style_and_a_legend_entry():
    table = data.poland_map()
    table.loc[table["country"] == "Georgia", "three_seas"] = "observer"
    chart = charts.theatre_map(data.europe_geometry(), table, data.nato_population()["member"])
    fig = chart.figure(markers="three_seas")
    entry = next(t for t in fig.data if t.name == "Three Seas: observer")
    assert entry.visible is not False and entry.marker.symbol in charts.SPARE_SYMBOLS
    known = {sym for sym, _ in charts.THREE_SEAS_STYLE.values()}
    assert entry.marker.symbol not in known
    assert "1 observer (Georgia)" in chart.sentence(markers="three_seas")


def test_map_rejects_a_country_without_a_shape_and_a_missing_column():
    table = data.poland_map()
    table.loc[0, "country"] = "Atlantis"
    with pytest.raises(ValueError, match="Atlantis"):
        charts.theatre_map(data.europe_geometry(), table, [])
    with pytest.raises(ValueError, match="three_seas"):
        charts.theatre_map(data.europe_geometry(), data.poland_map().drop(columns=["three_seas"]), [])


def test_spending_chart_plots_the_2025_edition():
    df = data.defence_spending_gdp()
    chart = charts.spending_comparison(df)
    fig = chart.figure()
    poland = next(t for t in fig.data if t.name == "Poland")
    assert dict(zip(poland.x, poland.y))[2025] == pytest.approx(4.48)
    assert dict(zip(poland.x, poland.y))[2024] == pytest.approx(3.79)  # the 2025 edition, not 4.12
    assert len(fig.data) == len(charts.SPENDING_SERIES)
    styles = [(t.line.dash, t.line.width) for t in fig.data if t.line.color == fig.data[1].line.color]
    assert len(set(styles)) == len(styles)  # the Baltic states differ in dash and width
    assert "4.48% in 2025" in chart.sentence() and "1.86% of GDP in 2014" in chart.sentence()
    with pytest.raises(ValueError, match="pct_gdp"):
        charts.spending_comparison(df.drop(columns=["pct_gdp"]))
    with pytest.raises(ValueError, match="Poland"):
        charts.spending_comparison(df[df["country"] != "Poland"])


def test_forces_chart_keeps_points_apart():
    chart = charts.forces(data.poland_forces(), data.belarus_forces())
    fig = chart.figure()
    assert all(t.mode == "markers+text" for t in fig.data)  # never joined by a line
    target = next(t for t in fig.data if t.name.startswith("Target"))
    assert list(target.y) == [pl.TROOP_TARGET]
    band = next(s for s in fig.layout.shapes if s.type == "rect")
    assert (band.y0, band.y1) == (45_000, 48_000)  # the two counts in data/belarus_forces.csv
    assert "300,000" in chart.sentence() and "45,000–48,000" in chart.sentence()
    with pytest.raises(ValueError, match="measure"):
        charts.forces(data.poland_forces().drop(columns=["measure"]), data.belarus_forces())
    with pytest.raises(ValueError, match="belarus"):
        charts.forces(data.poland_forces(), data.belarus_forces().iloc[0:0])


def test_cap_chart_draws_the_model_at_every_static_value():
    chart = charts.cap_whatif()
    assert {c.name for c in chart.static_controls()} == {"cap_share", "gdp_growth"}
    cap = next(c for c in chart.controls if c.name == "cap_share")
    assert cap.default == pl.DEFAULTS.cap_share and 4.75 in cap.grid  # the first exercise's cap
    growth = next(c for c in chart.controls if c.name == "gdp_growth")
    assert {1.0, 5.0} <= set(growth.grid)  # the second exercise's growth rates
    for point in chart.grid_points()[::7]:
        fig = chart.figure(**point)
        p = pl.spending_path(gdp_growth=point["gdp_growth"], cap_share=point["cap_share"])
        assert np.allclose(fig.data[1].y, p.share_capped) and np.allclose(fig.data[3].y, p.spending_capped)
        assert np.allclose(fig.data[2].y, p.spending)
        lo, hi = fig.layout.yaxis2.range
        assert lo <= p.spending_capped.min() and p.spending.max() <= hi
        assert (str(p.binds) if p.binds else "never binds") in chart.sentence(**point)


def test_cap_sentence_states_the_model_numbers():
    chart = charts.cap_whatif()
    p, t = pl.spending_path(), pl.troop_path()
    s = chart.sentence()
    assert f"binds in {p.binds}" in s and f"{p.forgone_budgets:.2f} years" in s
    assert f"binds in {t.binds}" in s and f"{t.forgone_2035:,.0f} soldiers" in s
    assert "never binds by 2035" in chart.sentence(cap_share=5.5)
    assert "troops never binds" in chart.sentence(troop_cap=400_000.0)


def test_cap_chart_live_controls_move_the_troops_and_the_axes():
    chart = charts.cap_whatif()
    live_only = {c.name for c in chart.controls if not c.grid}
    assert {
        "start_share",
        "target_share",
        "target_year",
        "cap_from",
        "depreciation",
        "start_troops",
        "target_troops",
        "troop_cap",
    } == live_only
    panel = LivePanel(chart)
    fig = panel.figure
    panel.controls["troop_cap"].value = 220_000.0
    assert max(fig.data[5].y) == pytest.approx(220_000)
    panel.controls["target_troops"].value = 500_000.0
    assert fig.layout.yaxis3.range[1] >= 500_000
    panel.controls["gdp_growth"].value = 6.0
    assert np.allclose(
        fig.data[2].y, pl.spending_path(gdp_growth=6.0, target_share=pl.DEFAULTS.target_share, cap_share=None).spending
    )
    assert fig.layout.yaxis2.range[1] >= max(fig.data[2].y)


def test_page_weight_of_the_charts_is_modest(map_chart):
    assert len(map_chart.figure().to_json()) < 120_000
    charts_ = (map_chart, charts.cap_whatif())
    sizes = [len(json.dumps(c.record())) for c in charts_]
    assert all(s < 300_000 for s in sizes) and sum(sizes) < 800_000


def test_map_reads_in_greyscale(map_chart):
    # the fills of Poland, Belarus and Russia differ by colour alone, so the map names them
    fig = map_chart.figure()
    labels = list(fig.data[0].text)
    assert {"Poland", "Belarus", "Russia"} <= set(labels)
    assert fig.data[0].mode == "text" and fig.data[0].showlegend is False
    # every group of markers has a symbol of its own
    symbols = [t.marker.symbol for t in fig.data if t.type == "scattergeo" and t.mode == "markers"]
    assert len(set(symbols)) == len(symbols)


def test_spending_series_differ_by_dash_width_and_marker_not_colour_alone():
    fig = charts.spending_comparison(data.defence_spending_gdp()).figure()
    styles = [(t.line.dash, t.line.width) for t in fig.data]
    assert len(set(styles)) == len(styles)
    symbols = [str(next(s for s in t.marker.symbol if not s.endswith("-open"))) for t in fig.data]
    assert len(set(symbols)) == len(symbols)
    for t in fig.data:  # NATO's estimates keep the series' symbol, open
        assert {s.removesuffix("-open") for s in t.marker.symbol} == {symbols[list(fig.data).index(t)]}


def test_assumed_controls_say_they_are_assumptions():
    controls = {c.name: c.label for c in charts.cap_whatif().controls}
    for name in ("cap_share", "gdp_growth", "cap_from", "depreciation", "troop_cap"):
        assert "assumption" in controls[name], name
    for name in ("start_share", "target_share", "target_year", "start_troops", "target_troops"):
        assert "assumption" not in controls[name], name
