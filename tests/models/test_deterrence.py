"""Chapter 2's deterrence model: hand-worked values, properties, and every error path."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.models import deterrence as dt

unit = st.floats(0.0, 1.0, allow_nan=False)
scale = st.floats(0.01, 100.0, allow_nan=False)


# --- hand-worked values -------------------------------------------------------------------------
def test_tripwire_end_points_and_a_hand_value():
    assert dt.tripwire(0.0) == 0.0
    assert dt.tripwire(1.0) == pytest.approx(1.0)
    # s = 1, f = 0.5: (1 - e^-0.5) / (1 - e^-1) = 0.393469 / 0.632121 = 0.622459
    assert dt.tripwire(0.5, 1.0) == pytest.approx((1 - math.exp(-0.5)) / (1 - math.exp(-1)))
    assert dt.tripwire(0.5, 1.0) == pytest.approx(0.622459, abs=1e-6)


def test_tripwire_tends_to_a_straight_line_for_a_large_scale():
    f = np.linspace(0, 1, 11)
    assert np.allclose(dt.tripwire(f, 100.0), f, atol=3e-3)


def test_credibility_hand_values():
    # defaults: floor 0.3, ceiling 0.9, asia 0.5, weight 0.5 -> 0.3 + 0.6 * 1 * 0.75 = 0.75
    assert dt.credibility() == pytest.approx(0.75)
    assert dt.credibility(1.0) == pytest.approx(0.3)  # every troop gone: the floor
    assert dt.credibility(0.0, 0.0) == pytest.approx(0.9)  # today, no Asia demand: the ceiling
    assert dt.credibility(1.0, 1.0) == pytest.approx(0.3)  # Asia cannot push below the floor
    # no drawdown, full Asia demand, weight 1: the presence effect vanishes
    assert dt.credibility(0.0, 1.0, 0.2, 0.8, 0.25, 1.0) == pytest.approx(0.2)


def test_advantage_hand_values():
    # bandwagoning, C = 0.5, threat 0.5, self_help 0.5, r = 0.6, k = 0.1, q = 0.05:
    # 0.05 + 0.5 * (0.25 - 0.4) = -0.025
    kw = dict(threat=0.5, self_help=0.5, pact_reliability=0.6, balance_cost=0.1, accommodation_cost=0.05)
    assert dt.accommodation_advantage(0.5, "bandwagoning", **kw) == pytest.approx(-0.025)
    # Walt discounts the pact by the threat: r = 0.6 * 0.5 = 0.3 -> 0.05 + 0.5 * (0.25 - 0.7) = -0.175
    assert dt.accommodation_advantage(0.5, "walt", **kw) == pytest.approx(-0.175)
    # Snyder adds entrapment * asia = 0.2 * 0.5 = 0.1 -> 0.075
    assert dt.accommodation_advantage(0.5, "snyder", entrapment=0.2, asia=0.5, **kw) == pytest.approx(0.075)
    assert dt.best_response(0.075) == "accommodate"
    assert dt.best_response(-0.025) == "balance"
    assert dt.best_response(0.0) == "balance"
    assert list(dt.best_response([0.1, -0.1])) == ["accommodate", "balance"]


def test_critical_credibility_closed_form_and_root():
    # defaults, bandwagoning: 1 - (0.3 - 0) / 0.6 = 0.5
    assert dt.critical_credibility("bandwagoning") == pytest.approx(0.5)
    # Walt: r = 0.7 * 0.4 = 0.28 -> 1 - 0.72 / 0.6 = -0.2 (never accommodate)
    assert dt.critical_credibility("walt") == pytest.approx(-0.2)
    # Snyder: trap = 0.1 * 0.5 = 0.05 -> 1 - (0.3 - 0.05 / 0.6) / 0.6
    assert dt.critical_credibility("snyder") == pytest.approx(1 - (0.3 - 0.05 / 0.6) / 0.6)
    for theory in dt.THEORIES:
        c = dt.critical_credibility(theory)
        if 0 <= c <= 1:
            assert dt.accommodation_advantage(c, theory) == pytest.approx(0.0, abs=1e-12)


def test_critical_credibility_when_credibility_does_not_matter():
    assert dt.critical_credibility("bandwagoning", threat=0.0, balance_cost=0.2) == math.inf
    assert dt.critical_credibility("bandwagoning", threat=0.0) == -math.inf
    assert dt.critical_credibility("bandwagoning", self_help=1.0) == -math.inf


def test_grid_layout_and_theory_ordering():
    d = np.linspace(0, 1, 5)
    a = np.linspace(0, 1, 3)
    grids = {t: dt.advantage_grid(d, a, t) for t in dt.THEORIES}
    for g in grids.values():
        assert g.shape == (3, 5)
    # cell (row j, column i) is the model at (drawdown d[i], asia a[j])
    assert grids["walt"][2, 1] == pytest.approx(
        dt.accommodation_advantage(dt.credibility(d[1], a[2]), "walt", asia=a[2])
    )
    assert dt.accommodation_share(grids["walt"]) == 0.0
    assert (grids["snyder"] >= grids["bandwagoning"] - 1e-12).all()
    assert (grids["bandwagoning"] >= grids["walt"] - 1e-12).all()
    assert dt.accommodation_share(np.array([[1.0, -1.0], [0.5, 0.0]])) == 0.5


def test_grid_passes_parameters_through():
    d, a = np.array([0.0, 1.0]), np.array([0.5])
    g = dt.advantage_grid(d, a, "bandwagoning", threat=0.3)
    assert g[0, 1] == pytest.approx(dt.accommodation_advantage(0.3, "bandwagoning", threat=0.3))


# --- properties ---------------------------------------------------------------------------------
@given(f1=unit, f2=unit, s=scale)
def test_tripwire_is_increasing_and_bounded(f1, f2, s):
    lo, hi = sorted((f1, f2))
    t_lo, t_hi = dt.tripwire(lo, s), dt.tripwire(hi, s)
    assert -1e-12 <= t_lo <= t_hi + 1e-12 <= 1 + 2e-12


@given(f=unit, s1=scale, s2=scale)
def test_a_smaller_tripwire_scale_never_lowers_the_curve(f, s1, s2):
    small, large = sorted((s1, s2))
    assert dt.tripwire(f, small) >= dt.tripwire(f, large) - 1e-9


@settings(max_examples=200)
@given(d1=unit, d2=unit, a=unit, floor=unit, span=unit, s=scale, w=unit)
def test_credibility_falls_with_drawdown_and_stays_in_its_band(d1, d2, a, floor, span, s, w):
    ceiling = floor + (1 - floor) * span
    lo, hi = sorted((d1, d2))
    c_lo = dt.credibility(lo, a, floor, ceiling, s, w)
    c_hi = dt.credibility(hi, a, floor, ceiling, s, w)
    assert c_hi <= c_lo + 1e-12
    assert floor - 1e-12 <= c_hi <= ceiling + 1e-12


@given(a1=unit, a2=unit, d=unit)
def test_credibility_falls_with_asia_demand(a1, a2, d):
    lo, hi = sorted((a1, a2))
    assert dt.credibility(d, hi) <= dt.credibility(d, lo) + 1e-12


@settings(max_examples=200)
@given(c1=unit, c2=unit, theory=st.sampled_from(dt.THEORIES), threat=unit, e=unit, r=unit)
def test_more_credibility_never_favours_accommodation(c1, c2, theory, threat, e, r):
    lo, hi = sorted((c1, c2))
    kw = dict(threat=threat, self_help=e, pact_reliability=r)
    assert dt.accommodation_advantage(hi, theory, **kw) <= dt.accommodation_advantage(lo, theory, **kw) + 1e-12


@given(c=unit, threat=unit, r=unit, e=unit)
def test_walt_is_never_more_accommodating_than_bandwagoning(c, threat, r, e):
    kw = dict(threat=threat, self_help=e, pact_reliability=r)
    assert dt.accommodation_advantage(c, "walt", **kw) <= dt.accommodation_advantage(c, "bandwagoning", **kw) + 1e-12


@given(c=unit, theory=st.sampled_from(dt.THEORIES), threat=st.floats(0.01, 1.0), e=st.floats(0.0, 0.99), r=unit, a=unit)
def test_best_response_switches_at_the_critical_credibility(c, theory, threat, e, r, a):
    kw = dict(threat=threat, self_help=e, pact_reliability=r, asia=a)
    c_star = dt.critical_credibility(theory, **kw)
    adv = dt.accommodation_advantage(c, theory, **kw)
    if abs(c - c_star) > 1e-9:
        assert (adv > 0) == (c < c_star)


# --- errors -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: dt.tripwire(1.2), "presence"),
        (lambda: dt.tripwire(-0.1), "presence"),
        (lambda: dt.tripwire([0.1, float("nan")]), "presence"),
        (lambda: dt.tripwire(0.5, 0.0), "tripwire_scale"),
        (lambda: dt.tripwire(0.5, 101.0), "tripwire_scale"),
        (lambda: dt.tripwire(True), "presence"),
        (lambda: dt.tripwire("a"), "presence"),
        (lambda: dt.credibility(1.5), "drawdown"),
        (lambda: dt.credibility(0.2, -1.0), "asia"),
        (lambda: dt.credibility(0.2, 0.5, floor=1.2), "floor"),
        (lambda: dt.credibility(0.2, 0.5, ceiling=-0.2), "ceiling"),
        (lambda: dt.credibility(0.2, 0.5, floor=0.8, ceiling=0.5), "floor"),
        (lambda: dt.credibility(0.2, 0.5, asia_weight=2.0), "asia_weight"),
        (lambda: dt.credibility(0.2, 0.5, tripwire_scale=-1.0), "tripwire_scale"),
        (lambda: dt.accommodation_advantage(1.1), "credibility"),
        (lambda: dt.accommodation_advantage(0.5, "realism"), "theory"),
        (lambda: dt.accommodation_advantage(0.5, 3), "theory"),
        (lambda: dt.accommodation_advantage(0.5, threat=1.5), "threat"),
        (lambda: dt.accommodation_advantage(0.5, self_help=-0.5), "self_help"),
        (lambda: dt.accommodation_advantage(0.5, pact_reliability=2.0), "pact_reliability"),
        (lambda: dt.accommodation_advantage(0.5, balance_cost=-0.1), "balance_cost"),
        (lambda: dt.accommodation_advantage(0.5, accommodation_cost=1.1), "accommodation_cost"),
        (lambda: dt.accommodation_advantage(0.5, entrapment=True), "entrapment"),
        (lambda: dt.accommodation_advantage(0.5, asia=3.0), "asia"),
        (lambda: dt.effective_pact_reliability("x", 0.5, 0.5), "theory"),
        (lambda: dt.effective_pact_reliability("walt", 1.5, 0.5), "pact_reliability"),
        (lambda: dt.effective_pact_reliability("walt", 0.5, 1.5), "threat"),
        (lambda: dt.critical_credibility("x"), "theory"),
        (lambda: dt.critical_credibility(threat=-0.1), "threat"),
        (lambda: dt.critical_credibility(asia=1.1), "asia"),
        (lambda: dt.critical_credibility(entrapment=1.1), "entrapment"),
        (lambda: dt.best_response("high"), "advantage"),
        (lambda: dt.best_response(float("inf")), "advantage"),
        (lambda: dt.advantage_grid([0, 1], [0, 1], threats=0.5), "threats"),
        (lambda: dt.advantage_grid([[0, 1]], [0, 1]), "1-D"),
        (lambda: dt.advantage_grid([], [0, 1]), "1-D"),
        (lambda: dt.advantage_grid([0, 2], [0, 1]), "drawdown"),
        (lambda: dt.advantage_grid([0, 1], [0, 1], "x"), "theory"),
        (lambda: dt.accommodation_share([]), "grid"),
        (lambda: dt.accommodation_share([np.nan]), "grid"),
    ],
)
def test_bad_arguments_name_themselves(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_defaults_are_in_range_and_labelled():
    d = dt.DEFAULTS.as_dict()
    assert d["theory"] in dt.THEORIES
    for key, value in d.items():
        if key != "theory":
            assert key in dt.LABELS
            assert 0.0 <= value <= 1.0
    assert set(dt.LABELS) == set(d) - {"theory"}
