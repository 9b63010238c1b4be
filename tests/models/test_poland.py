"""Chapter 3: the spending and troop what-if, its data and its map geometry (the charts are tested in
tests/charts/test_poland_charts.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import data
from explainer.figures import maps
from explainer.models import poland as pl


# ---------------------------------------------------------------------------------------------
# Model: hand-worked values
# ---------------------------------------------------------------------------------------------
def test_gdp_index_compounds():
    assert np.allclose(pl.gdp_index([2025, 2026, 2027], 10.0), [100.0, 110.0, 121.0])
    assert np.allclose(pl.gdp_index([2025, 2035], 0.0), [100.0, 100.0])


def test_share_path_is_a_straight_line_then_flat():
    years = pl.horizon(2025, 2037)
    share = pl.share_path(years, 4.0, 5.0, 2025, 2035)
    assert share[0] == pytest.approx(4.0)
    assert share[5] == pytest.approx(4.5)
    assert np.allclose(share[10:], 5.0)


def test_default_path_hand_worked():
    p = pl.spending_path()
    # 4.48 -> 5.00 over ten years: +0.052 a year; 2026 = 4.532 > 4.50 but the cap starts in 2027
    assert p.share[1] == pytest.approx(4.532)
    assert p.share_capped[1] == pytest.approx(4.532)
    assert p.binds == 2027
    assert np.allclose(p.share_capped[2:], 4.5)
    # spending in 2025 is the 2025 share itself (GDP index 100)
    assert p.spending[0] == pytest.approx(4.48)
    # forgone: sum over 2027..2035 of (share - 4.5) * 1.03**(t - 2025) / 100 * 100
    t = np.arange(2027, 2036)
    share = 4.48 + 0.052 * (t - 2025)
    expected = float(np.sum((share - 4.5) * 1.03 ** (t - 2025)))
    assert p.forgone == pytest.approx(expected)
    assert p.forgone_budgets == pytest.approx(expected / 4.48)
    assert 0 < p.stock_shortfall < 1


def test_no_cap_and_a_high_cap_forgo_nothing():
    for cap in (None, 5.0, 6.0):
        p = pl.spending_path(cap_share=cap)
        assert p.binds is None
        assert p.forgone == pytest.approx(0.0)
        assert p.stock_shortfall == pytest.approx(0.0)


def test_a_cap_below_today_binds_at_once():
    p = pl.spending_path(cap_share=3.5, cap_from=2027)
    assert p.binds == 2027
    assert p.share_capped[2] == 3.5


def test_capital_stock_steady_state_and_recursion():
    k = pl.capital_stock([10.0, 10.0, 20.0], 10.0)
    assert k[0] == pytest.approx(100.0)
    assert k[1] == pytest.approx(100.0)  # the steady state holds
    assert k[2] == pytest.approx(110.0)  # 0.9 * 100 + 20


def test_troop_path_hand_worked():
    t = pl.troop_path(start_troops=200_000, target_troops=300_000, troop_cap=250_000, cap_from=2027)
    assert t.troops[1] == pytest.approx(210_000)
    assert t.binds == 2031
    assert t.forgone_2035 == pytest.approx(50_000)
    assert t.forgone_troop_years == pytest.approx(10_000 + 20_000 + 30_000 + 40_000 + 50_000)
    assert pl.troop_path(troop_cap=None).binds is None


def test_hague_gap():
    assert pl.hague_gap(4.48)["total_gap"] == pytest.approx(0.52)
    assert pl.hague_gap(4.48, core_share=3.0)["core_gap"] == pytest.approx(0.5)
    assert pl.HAGUE_TOTAL == 5.0 and pl.HAGUE_CORE == 3.5


# ---------------------------------------------------------------------------------------------
# Model: properties
# ---------------------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(cap=st.floats(2.0, 7.0), growth=st.floats(-3.0, 8.0), cap_from=st.integers(2025, 2035))
def test_capped_never_exceeds_uncapped_nor_the_cap(cap, growth, cap_from):
    p = pl.spending_path(gdp_growth=growth, cap_share=cap, cap_from=cap_from)
    assert np.all(p.share_capped <= p.share + 1e-12)
    after = p.years >= cap_from
    assert np.all(p.share_capped[after] <= cap + 1e-12)
    assert p.forgone >= -1e-12
    assert 0.0 <= p.stock_shortfall <= 1.0
    if p.binds is not None:
        assert p.binds >= cap_from and p.share[p.years == p.binds][0] > cap


@settings(max_examples=40, deadline=None)
@given(low=st.floats(2.0, 5.0), step=st.floats(0.05, 2.0))
def test_a_tighter_cap_forgoes_more(low, step):
    tight = pl.spending_path(cap_share=low)
    loose = pl.spending_path(cap_share=low + step)
    assert tight.forgone >= loose.forgone - 1e-12
    assert tight.stock_shortfall >= loose.stock_shortfall - 1e-12


@settings(max_examples=40, deadline=None)
@given(g1=st.floats(-3.0, 8.0), g2=st.floats(-3.0, 8.0))
def test_faster_growth_means_more_spending(g1, g2):
    lo, hi = sorted((g1, g2))
    a, b = pl.spending_path(gdp_growth=lo, cap_share=None), pl.spending_path(gdp_growth=hi, cap_share=None)
    assert np.all(b.spending >= a.spending - 1e-12)


# ---------------------------------------------------------------------------------------------
# Model: every error path
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(gdp_growth=20.0), "growth"),
        (dict(gdp_growth=float("nan")), "growth"),
        (dict(start_share=-1.0), "start_share"),
        (dict(target_share=25.0), "target_share"),
        (dict(target_year=2025), "target_year"),
        (dict(target_year=2030.5), "target_year"),
        (dict(cap_share=-0.5), "cap_share"),
        (dict(cap_from=True), "cap_from"),
        (dict(depreciation=0.0), "depreciation"),
        (dict(depreciation=150.0), "depreciation"),
        (dict(end_year=2020), "end_year"),
    ],
)
def test_spending_path_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        pl.spending_path(**kwargs)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(start_troops=-5.0), "start_troops"),
        (dict(target_troops=3e6), "target_troops"),
        (dict(troop_cap="many"), "troop_cap"),
        (dict(target_year=2024), "target_year"),
    ],
)
def test_troop_path_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        pl.troop_path(**kwargs)


def test_building_blocks_reject_bad_arguments():
    with pytest.raises(ValueError, match="years"):
        pl.gdp_index([2026, 2025], 1.0)
    with pytest.raises(ValueError, match="years"):
        pl.gdp_index([[2025]], 1.0)
    with pytest.raises(ValueError, match="values"):
        pl.apply_cap([2025, 2026], [1.0], 1.0, 2025)
    with pytest.raises(ValueError, match="values"):
        pl.binding_year([2025, 2026], [1.0], 1.0, 2025)
    with pytest.raises(ValueError, match="spending"):
        pl.capital_stock([], 10.0)
    with pytest.raises(ValueError, match="spending"):
        pl.capital_stock([1.0, -1.0], 10.0)
    with pytest.raises(ValueError, match="share"):
        pl.hague_gap(30.0)
    with pytest.raises(ValueError, match="start_year"):
        pl.horizon("2025", 2035)


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------
def test_forces_data_hold_the_sourced_values():
    forces = data.poland_forces()
    target = forces[forces["kind"] == "target"]
    assert target["personnel"].tolist() == [pl.TROOP_TARGET]
    by_year = dict(zip(forces["year"], forces["personnel"]))
    assert by_year[2014] == 99_000 and by_year[2020] == 116_200
    assert forces["measure"].str.len().min() >= 10  # every row states what it counts


def test_map_table_matches_the_history_sources():
    table = data.poland_map().set_index("country")
    assert table.loc["Poland", "intermarium"] == "leader"
    for c in ("Estonia", "Latvia", "Lithuania", "Finland", "Belarus", "Ukraine", "Hungary", "Romania"):
        assert table.loc[c, "intermarium"] == "candidate"
    founders = table.index[table["three_seas"] == "founding member"]
    assert len(founders) == 12
    assert set(table.index[table["key_state"]]) == {"Finland", "Sweden", "Poland", "Romania", "Türkiye"}
    assert set(table["theatre"]) == {"none", "Arctic–Baltic", "Central and Eastern Europe", "Black Sea–South Caucasus"}


def test_bad_forces_row_is_reported(tmp_path):
    text = (data.data_dir_path() / "poland_forces.csv").read_text(encoding="utf-8")
    (tmp_path / "poland_forces.csv").write_text(text.replace(",99000,", ",-3,"), encoding="utf-8")
    with pytest.raises(data.DataError, match=r"poland_forces.csv: line 2, column 'personnel'"):
        data.poland_forces(tmp_path)


def test_bad_map_row_is_reported(tmp_path):
    text = (data.data_dir_path() / "poland_map.csv").read_text(encoding="utf-8")
    (tmp_path / "poland_map.csv").write_text(text.replace("Arctic–Baltic", "Arctic", 1), encoding="utf-8")
    with pytest.raises(data.DataError, match="theatre"):
        data.poland_map(tmp_path)


# ---------------------------------------------------------------------------------------------
# Geometry
# ---------------------------------------------------------------------------------------------
def test_geometry_loads_and_has_every_country_the_chart_names():
    geo = data.europe_geometry()
    ids = {f["id"] for f in geo["features"]}
    named = set(data.poland_map()["country"]) | {"Russia", "Belarus", "Poland", "Ukraine"}
    named |= set(data.nato_population()["member"]) - {"Canada", "United States"}
    assert named <= ids, sorted(named - ids)


def test_geometry_is_small_closed_clockwise_and_inside_the_box():
    path = data.data_dir_path() / data.EUROPE_GEOMETRY
    assert path.stat().st_size < 90_000  # the chapter page must stay under 400 KB
    west, south, east, north = maps.EUROPE_BOX
    for f in data.europe_geometry()["features"]:
        for poly in f["geometry"]["coordinates"]:
            ring = np.asarray(poly[0])
            assert (ring[0] == ring[-1]).all()
            assert ring[:, 0].min() >= west and ring[:, 0].max() <= east
            assert ring[:, 1].min() >= south and ring[:, 1].max() <= north
            x, y = ring[:, 0], ring[:, 1]
            signed = (np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2
            assert signed < 0, f"{f['id']}: outer ring is not clockwise (d3-geo would fill the globe)"


def test_geometry_puts_capitals_in_their_countries_and_crimea_in_ukraine():
    feats = {f["id"]: f for f in data.europe_geometry()["features"]}
    for country, lon, lat in (
        ("Poland", 21.01, 52.23),
        ("Belarus", 27.56, 53.90),
        ("Russia", 37.62, 55.75),
        ("Lithuania", 25.28, 54.69),
        ("Romania", 26.10, 44.43),
        ("Ukraine", 30.52, 50.45),
        ("Ukraine", 34.10, 44.95),
        ("Russia", 20.51, 54.71),
    ):
        assert maps.contains(feats[country], lon, lat), (country, lon, lat)
    assert not maps.contains(feats["Russia"], 34.10, 44.95)  # Simferopol
    assert not maps.contains(feats["Poland"], 27.56, 53.90)


def test_bad_geometry_files_are_reported(tmp_path):
    (tmp_path / "geo").mkdir()
    target = tmp_path / data.EUROPE_GEOMETRY
    with pytest.raises(data.DataError, match="not found"):
        data.europe_geometry(tmp_path)
    target.write_text("{", encoding="utf-8")
    with pytest.raises(data.DataError, match="not valid JSON"):
        data.europe_geometry(tmp_path)
    target.write_text(json.dumps({"type": "Feature"}), encoding="utf-8")
    with pytest.raises(data.DataError, match="FeatureCollection"):
        data.europe_geometry(tmp_path)
    ring = [[0, 0], [1, 0], [1, 1], [0, 0]]
    good = {"type": "Feature", "id": "A", "geometry": {"type": "MultiPolygon", "coordinates": [[ring]]}}
    target.write_text(json.dumps({"type": "FeatureCollection", "features": [good, good]}), encoding="utf-8")
    with pytest.raises(data.DataError, match="repeated id"):
        data.europe_geometry(tmp_path)
    bad = {"type": "Feature", "id": "B", "geometry": {"type": "MultiPolygon", "coordinates": [[ring[:-1]]]}}
    target.write_text(json.dumps({"type": "FeatureCollection", "features": [good, bad]}), encoding="utf-8")
    with pytest.raises(data.DataError, match="not closed"):
        data.europe_geometry(tmp_path)


# the TopoJSON decoder, simplifier and clipper, on hand-made inputs
TOPO = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10.0, 20.0]},
    "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
    "objects": {
        "c": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "Square"}},
                {"type": "MultiPolygon", "arcs": [[[~1, ~0]]], "id": "2", "properties": {"name": "Reversed"}},
            ],
        }
    },
}


def test_decode_topojson_by_hand():
    arcs = maps.decode_arcs(TOPO)
    # delta decoding: (0,0),(2,0),(2,2) -> scaled by 0.5 and moved by (10, 20)
    assert np.allclose(arcs[0], [[10, 20], [11, 20], [11, 21]])
    fc = maps.decode_topojson(TOPO, "c")
    square = fc["features"][0]["geometry"]["coordinates"][0][0]
    assert square == [(10, 20), (11, 20), (11, 21), (10, 21), (10, 20)]
    reversed_ = fc["features"][1]["geometry"]["coordinates"][0][0]
    assert reversed_ == square[::-1]


def test_decoder_rejects_bad_input():
    with pytest.raises(ValueError, match="Topology"):
        maps.decode_arcs({"type": "FeatureCollection"})
    with pytest.raises(ValueError, match="arcs"):
        maps.decode_arcs({"type": "Topology"})
    with pytest.raises(ValueError, match="object_name"):
        maps.decode_topojson(TOPO, "countries")
    with pytest.raises(ValueError, match="out of range"):
        maps.ring_from_arcs([5], maps.decode_arcs(TOPO))
    bad = json.loads(json.dumps(TOPO))
    bad["objects"]["c"]["geometries"][0]["type"] = "LineString"
    with pytest.raises(ValueError, match="LineString"):
        maps.decode_topojson(bad, "c")


def test_simplify_and_clip_by_hand():
    line = np.array([[0, 0], [1, 0.01], [2, 0], [3, 5], [4, 0]])
    assert np.allclose(maps.simplify_line(line, 0.1), [[0, 0], [2, 0], [3, 5], [4, 0]])
    assert len(maps.simplify_line(line, 0.0)) == 5
    with pytest.raises(ValueError, match="tolerance"):
        maps.simplify_line(line, -1)
    with pytest.raises(ValueError, match="points"):
        maps.simplify_line(np.zeros(3), 1)
    square = [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)]
    clipped = maps.clip_ring(square, (2, -1, 10, 10))
    assert maps.ring_area(clipped) == pytest.approx(8.0)
    assert maps.clip_ring(square, (10, 10, 20, 20)) == []
    with pytest.raises(ValueError, match="box"):
        maps.clip_ring(square, (5, 0, 1, 1))
    assert maps.unwrap_ring([(170, 0), (-170, 0), (-170, 1)])[1][0] == 190


def test_move_polygons():
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "properties": {"name": "A"},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[[(0, 0), (1, 0), (1, 1), (0, 0)]], [[(5, 5), (6, 5), (6, 6), (5, 5)]]],
                },
            },
            {"properties": {"name": "B"}, "geometry": {"type": "MultiPolygon", "coordinates": []}},
        ],
    }
    out = maps.move_polygons(fc, "A", "B", (4, 4, 7, 7))
    assert len(out["features"][0]["geometry"]["coordinates"]) == 1
    assert len(out["features"][1]["geometry"]["coordinates"]) == 1
    with pytest.raises(ValueError, match="target"):
        maps.move_polygons(fc, "A", "C", (4, 4, 7, 7))
    with pytest.raises(ValueError, match="no polygon"):
        maps.move_polygons(fc, "A", "B", (40, 40, 70, 70))


# ---------------------------------------------------------------------------------------------
# The Poland-to-Belarus troop ratio (chapters 3 and 4 quote it; issue 19)
# ---------------------------------------------------------------------------------------------
def test_troop_ratio_hand_worked():
    assert pl.troop_ratio(216_100, 48_000) == pytest.approx(4.5020833)
    assert pl.troop_ratio(100.0, 100.0) == 1.0
    assert pl.troop_ratio(1, 4) == 0.25


def test_troop_ratio_from_the_one_row_of_each_file():
    poland = data.poland_forces().set_index("year")["personnel"]
    belarus = data.belarus_forces()
    iiss = belarus[belarus["measure"].str.contains("IISS")]
    assert len(iiss) == 1
    ratio = pl.troop_ratio(poland[2024], iiss["personnel"].iloc[0])
    assert ratio == pytest.approx(216_100 / 48_000)
    assert round(ratio, 1) == 4.5


@pytest.mark.parametrize(
    "bad", ["216100", True, None, float("nan"), float("inf"), -float("inf"), 0, 0.0, -48_000, [1.0, 2.0]]
)
@pytest.mark.parametrize("name", ["poland_personnel", "belarus_personnel"])
def test_troop_ratio_rejects_bad_values_naming_the_argument(name, bad):
    kwargs = {"poland_personnel": 216_100.0, "belarus_personnel": 48_000.0, name: bad}
    with pytest.raises(ValueError, match=name):
        pl.troop_ratio(**kwargs)


@given(st.floats(1.0, 1e7), st.floats(1.0, 1e7))
@settings(max_examples=50, deadline=None)
def test_troop_ratio_inverts_when_the_sides_swap(a, b):
    assert pl.troop_ratio(a, b) * pl.troop_ratio(b, a) == pytest.approx(1.0)
