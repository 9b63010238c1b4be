"""Model B of chapter 4 (the two-issue bargain): hand-worked solutions, edge cases, properties, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.models import bargaining as bg

V = bg.DEFAULTS.valuations
vals = st.floats(min_value=0.0, max_value=15.0, allow_nan=False)
opts = st.floats(min_value=-5.0, max_value=5.0, allow_nan=False)


def brute_force(v: bg.Valuations, k: int = 201) -> float:
    """Largest Nash product on a fine grid of the deal square (0 if no deal helps both)."""
    w, l = np.meshgrid(np.linspace(0, 1, k), np.linspace(0, 1, k))
    up, ur = bg.utilities(v, w, l)
    fp, fr = up - v.d_p, ur - v.d_r
    prod = np.where((fp >= 0) & (fr >= 0), fp * fr, 0.0)
    return float(prod.max())


# --- hand-worked values ---------------------------------------------------------------------
def test_utilities_by_hand():
    assert bg.utilities(V, 1.0, 0.5) == pytest.approx((8 - 5, -5 + 4.5))
    up, ur = bg.utilities(V, [0, 1], [1, 0])
    assert up == pytest.approx([-10, 8]) and ur == pytest.approx([9, -5])


def test_default_nash_solution_by_hand():
    # On the edge w = 1: (8 − 10 l)(−5 + 9 l) is maximal where 122 − 180 l = 0, l = 61/90,
    # inside the zone 5/9 <= l <= 4/5.
    sol = bg.nash_solution(V)
    assert sol.exists
    assert sol.w == pytest.approx(1.0) and sol.l == pytest.approx(61 / 90)
    assert sol.u_p == pytest.approx(8 - 10 * 61 / 90) and sol.u_r == pytest.approx(-5 + 9 * 61 / 90)
    assert sol.nash_product == pytest.approx(sol.u_p * sol.u_r)


def test_default_zopa_is_a_triangle():
    zopa = bg.zopa_deals(V)
    got = np.array(sorted(map(tuple, zopa)))
    assert got == pytest.approx(np.array([(0, 0), (1, 5 / 9), (1, 0.8)]))


def test_symmetric_swap_gives_everything_for_everything():
    # each side gains 10 from what it gets and loses 6 from what it gives: the full swap is best
    sol = bg.nash_solution(bg.Valuations(v_pw=10, c_pl=6, c_rw=6, v_rl=10))
    assert (sol.w, sol.l, sol.u_p, sol.u_r) == pytest.approx((1.0, 1.0, 4.0, 4.0))


def test_pareto_frontier_of_the_default():
    assert bg.pareto_frontier(V) == pytest.approx(np.array([[-10, 9], [-2, 4], [8, -5]]))
    # a single best deal for both
    assert bg.pareto_frontier(bg.Valuations(1, 0, 0, 1)) == pytest.approx(np.array([[1, 1]]))


# --- edge cases: no zone of agreement -------------------------------------------------------
def test_no_gains_when_costs_outweigh_gains():
    # with outside options of 0 a deal helps both exactly when v_pw·v_rl > c_pl·c_rw: 72 vs 10·c
    assert bg.gains_possible(bg.Valuations(8, 10, 7.1, 9))
    assert not bg.gains_possible(bg.Valuations(8, 10, 7.2, 9))  # 72 = 72: only the status quo
    sol = bg.nash_solution(bg.Valuations(8, 10, 9, 9))
    assert not sol.exists and math.isnan(sol.w) and sol.nash_product == 0.0


def test_outside_options_above_the_frontier_leave_no_zopa():
    v = bg.Valuations(8, 10, 5, 9, d_p=3.0, d_r=3.0)
    assert len(bg.zopa_deals(v)) == 0 and len(bg.zopa_utilities(v)) == 0
    assert not bg.nash_solution(v).exists


def test_zero_valuations_leave_nothing_to_trade():
    v = bg.Valuations(0, 0, 0, 0)
    assert not bg.nash_solution(v).exists
    assert bg.zopa_deals(v).shape == (4, 2)  # every deal is as good as none


def test_negative_outside_options_widen_the_zone():
    narrow = bg.nash_solution(V)
    wide = bg.nash_solution(bg.Valuations(8, 10, 5, 9, d_p=-2.0, d_r=-2.0))
    assert wide.exists and wide.nash_product > narrow.nash_product


def test_no_deal_region_lies_beyond_the_frontier():
    region = bg.no_deal_region(V, (-12, 10, -16, 11))
    assert region.shape[1] == 2
    assert [-12, 11] in region.tolist() and [10, 11] in region.tolist()


# --- properties -----------------------------------------------------------------------------
@settings(max_examples=80, deadline=None)
@given(v_pw=vals, c_pl=vals, c_rw=vals, v_rl=vals, d_p=opts, d_r=opts)
def test_nash_solution_is_acceptable_and_beats_a_fine_grid(v_pw, c_pl, c_rw, v_rl, d_p, d_r):
    v = bg.Valuations(v_pw, c_pl, c_rw, v_rl, d_p, d_r)
    sol = bg.nash_solution(v)
    grid = brute_force(v)
    if sol.exists:
        assert 0 <= sol.w <= 1 and 0 <= sol.l <= 1
        assert sol.u_p >= d_p - 1e-9 and sol.u_r >= d_r - 1e-9
        assert sol.nash_product >= grid - 1e-9
    else:
        assert grid <= 1e-6


@settings(max_examples=60, deadline=None)
@given(v_pw=vals, c_pl=vals, c_rw=vals, v_rl=vals)
def test_zero_outside_options_closed_form(v_pw, c_pl, c_rw, v_rl):
    v = bg.Valuations(v_pw, c_pl, c_rw, v_rl)
    gap = v_pw * v_rl - c_pl * c_rw
    if abs(gap) > 1e-6:
        assert bg.gains_possible(v) == (gap > 0)


@settings(max_examples=60, deadline=None)
@given(v_pw=vals, c_pl=vals, c_rw=vals, v_rl=vals, d_p=opts, d_r=opts, extra=st.floats(0.1, 5))
def test_a_costlier_withdrawal_never_helps(v_pw, c_pl, c_rw, v_rl, d_p, d_r, extra):
    base = bg.nash_solution(bg.Valuations(v_pw, c_pl, c_rw, v_rl, d_p, d_r))
    worse = bg.nash_solution(bg.Valuations(v_pw, c_pl, c_rw + extra, v_rl, d_p, d_r))
    assert worse.nash_product <= base.nash_product + 1e-9
    if not base.exists:
        assert not worse.exists


@settings(max_examples=60, deadline=None)
@given(v_pw=vals, c_pl=vals, c_rw=vals, v_rl=vals, d_p=opts, d_r=opts)
def test_every_zopa_vertex_is_acceptable_to_both(v_pw, c_pl, c_rw, v_rl, d_p, d_r):
    v = bg.Valuations(v_pw, c_pl, c_rw, v_rl, d_p, d_r)
    zopa = bg.zopa_deals(v)
    if len(zopa):
        assert np.all((zopa >= -1e-9) & (zopa <= 1 + 1e-9))
        up, ur = bg.utilities(v, np.clip(zopa[:, 0], 0, 1), np.clip(zopa[:, 1], 0, 1))
        assert np.all(up >= d_p - 1e-7) and np.all(ur >= d_r - 1e-7)


# --- every error path -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "field,value,match",
    [
        ("v_pw", -1.0, "v_pw must be >= 0"),
        ("c_pl", float("nan"), "c_pl must be a finite number"),
        ("c_rw", "5", "c_rw must be a finite number"),
        ("v_rl", True, "v_rl must be a finite number"),
        ("d_p", float("inf"), "d_p must be a finite number"),
        ("d_r", None, "d_r must be a finite number"),
    ],
)
def test_bad_valuations_are_named(field, value, match):
    kwargs = dict(v_pw=8.0, c_pl=10.0, c_rw=5.0, v_rl=9.0, d_p=0.0, d_r=0.0)
    kwargs[field] = value
    with pytest.raises(ValueError, match=match):
        bg.Valuations(**kwargs)


def test_other_error_paths():
    with pytest.raises(ValueError, match="w must lie in"):
        bg.utilities(V, 1.5, 0.0)
    with pytest.raises(ValueError, match="l must lie in"):
        bg.utilities(V, 0.5, -0.1)
    with pytest.raises(ValueError, match="w must be an array of numbers"):
        bg.utilities(V, "all", 0.0)
    with pytest.raises(ValueError, match="valuations must be"):
        bg.nash_solution({"v_pw": 8})
    with pytest.raises(ValueError, match="box must be"):
        bg.no_deal_region(V, (1, 0, 0, 1))
