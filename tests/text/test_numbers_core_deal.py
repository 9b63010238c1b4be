"""Chapter 4's numbers (``explainer.numbers.core_deal``) and the claims its prose makes about them.

These are the checks that sat in the chapter's hidden assert cells: each failure names the number and
what the text says of it. ``tests/test_numbers.py`` checks that the text shows what ``numbers()``
computes; this file checks that what it computes still supports the sentences around it.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from explainer import data
from explainer import numbers as nb_numbers
from explainer.figures import core_deal as charts
from explainer.models import arms_race as ar
from explainer.models import bargaining as bg
from explainer.numbers import core_deal as cd


@pytest.fixture(scope="module")
def v() -> dict[str, str]:
    return cd.numbers()


@pytest.fixture(scope="module")
def race() -> dict[str, float]:
    return cd.race_values()


@pytest.fixture(scope="module")
def bargain() -> dict[str, float]:
    return cd.bargain_values()


@pytest.fixture(scope="module")
def ex() -> dict[str, float]:
    return cd.exercise_values()


def test_registered_for_the_chapter_and_every_value_is_text(v):
    assert nb_numbers.registry()["04_core_deal.ipynb"] is cd.numbers
    assert all(isinstance(s, str) and s for s in v.values()), v


# ---------------------------------------------------------------------------------------------
# The facts: the timeline, the forces table, the spending figures
# ---------------------------------------------------------------------------------------------
def test_the_timeline_starts_with_the_announcement_of_25_march_2023():
    events = data.belarus_deployments()
    assert events["date"].min().strftime("%Y-%m-%d") == "2023-03-25", (
        "chapter 4 says Russia announced the deployment on 25 March 2023, the timeline's first event"
    )


def test_most_timeline_entries_rest_only_on_official_claims(v):
    n_events, n_claims = int(v["n_events"]), int(v["n_claims"])
    assert 0 < n_claims < n_events, f"chapter 4: {n_claims} of {n_events} events rest only on official claims"
    assert n_claims > n_events / 2, (
        f"chapter 4's text summary says most markers after the first announcement are open diamonds "
        f"(official claims only), but only {n_claims} of {n_events} are"
    )


def test_polands_spending_as_the_forces_table_quotes_it():
    spend = data.defence_spending_gdp().set_index(["country", "year"])["pct_gdp"]
    assert (spend[("Poland", 2024)], spend[("Poland", 2025)]) == (3.79, 4.48), (
        "chapter 4's forces table says Poland spent an estimated 4.48% of GDP in 2025 and 3.79% in 2024 "
        "(NATO's 2025 edition, data/defence_spending_gdp.csv)"
    )
    assert spend[("Poland", 2025)] > 4, "chapter 4's discussion says Poland spends more than 4% of GDP on defence"


def test_the_troop_ratio_comes_from_one_row_of_each_file(v):
    belarus = data.belarus_forces()
    assert belarus["measure"].str.contains("IISS").sum() == 1, (
        "chapter 4 sets one IISS count for Belarus against NATO's estimate for Poland"
    )
    assert (v["pl_2024"], v["by_iiss"]) == ("216,100", "48,000"), (
        "chapter 4's forces table: Poland 216,100 (NATO's estimate, 2024), Belarus about 48,000 (IISS 2022)"
    )
    assert v["troop_ratio"] == f"{216_100 / 48_000:.1f}" == "4.5", (
        "chapter 4 says Poland's active forces are about 4.5 times Belarus's (216,100 / 48,000)"
    )


def test_chapters_3_and_4_quote_the_same_troop_ratio(v):
    registry = nb_numbers.registry()
    if "03_poland.ipynb" not in registry:
        pytest.skip("chapter 3 has no numbers() module yet")
    assert registry["03_poland.ipynb"]()["troop_ratio"] == v["troop_ratio"], (
        "chapter 4 says its Poland-to-Belarus ratio is the figure chapter 3 also uses"
    )


# ---------------------------------------------------------------------------------------------
# Model A: Richardson's arms race
# ---------------------------------------------------------------------------------------------
def test_the_default_race_is_stable_and_settles_above_today(v, race):
    p = ar.DEFAULTS.status_quo
    assert (v["a"], v["b"], v["m"], v["n"], v["g"], v["h"]) == ("0.3", "0.4", "0.5", "0.6", "40", "30"), (
        "chapter 4 opens Model A on a = 0.3, b = 0.4, m = 0.5, n = 0.6, g = 40, h = 30"
    )
    assert race["margin"] == pytest.approx(p.m * p.n - p.a * p.b) and race["margin"] > 0, (
        "chapter 4 says m·n − a·b = 0.18 > 0: the race is stable"
    )
    # the closed form the text prints: x* = (n·g + a·h)/(m·n − a·b), y* = (b·g + m·h)/(m·n − a·b)
    assert race["eq_x"] == pytest.approx((0.6 * 40 + 0.3 * 30) / 0.18), "chapter 4: x* = 33/0.18 ≈ 183"
    assert race["eq_y"] == pytest.approx((0.4 * 40 + 0.5 * 30) / 0.18), "chapter 4: y* = 31/0.18 ≈ 172"
    assert race["eq_x"] > 150 and race["eq_y"] > 100, (
        "chapter 4 says the race settles well above today (100) and Poland's side passes 150"
    )
    assert 0 < race["t150"] < 20, "chapter 4 says Poland's side passes 150 within the chart's 20 years"


def test_the_deal_brings_both_sides_below_today(race):
    assert race["eq_deal_x"] < 100 and race["eq_deal_y"] < 100 < race["eq_y"], (
        f"chapter 4 says the deal's equilibrium ({race['eq_deal_x']:.0f}, {race['eq_deal_y']:.0f}) lies below "
        "today's level of 100: both sides slowly stand down"
    )
    assert ar.equilibrium(ar.deal(ar.DEFAULTS.status_quo, race["deal_g"], race["deal_h"])).stable, (
        "chapter 4 says the deal does not change the stability condition"
    )


def test_the_caps_bind_in_the_stable_race(race):
    assert race["cap_eq_x"] == race["cap_eq_y"] == race["cap"] == 120, (
        "chapter 4 says that in the stable race caps of 120 bind and the race settles at (120, 120)"
    )


def test_the_stability_threshold_and_the_lines_leaving_the_chart(v, race):
    assert v["b_crit"] == "1.0", "chapter 4 says the race is stable only while b < m·n/a = 1.0"
    assert race["b_off"] < race["b_crit"] and race["b_off_deal"] < race["b_crit"], (
        f"chapter 4's text summary says the solid lines leave the chart from b = {v['b_off']} and the dashed "
        f"ones from b = {v['b_off_deal']} while the race is still stable (b < {v['b_crit']})"
    )
    assert race["b_off"] < race["b_off_deal"], "chapter 4: the deal's dashed lines leave the chart later"


def test_the_static_values_the_model_a_text_names():
    assert charts.race_grid().tolist() == [round(0.1 * k, 1) for k in range(1, 16)], (
        "chapter 4 says b runs on the page from 0.1 to 1.5 in steps of 0.1"
    )
    assert charts.CAP_GRID == (100, 120, 150, 200, 250, 300), (
        "chapter 4 says the cap takes 100, 120, 150, 200, 250 or 300 on the page"
    )


# ---------------------------------------------------------------------------------------------
# Model B: Nash bargaining
# ---------------------------------------------------------------------------------------------
def test_the_default_bargain_and_its_nash_solution(v, bargain):
    vals = bg.DEFAULTS.valuations
    assert (v["v_pw"], v["c_pl"], v["v_rl"], v["c_rw"]) == ("8", "10", "9", "5"), (
        "chapter 4 opens Model B with Poland valuing a full withdrawal at 8 and the tightest limits at −10, "
        "Russia–Belarus the limits at 9 and a full withdrawal at −5"
    )
    assert bg.nash_solution(vals).exists, "chapter 4 says a deal exists at the defaults (Nash solution shown)"
    assert bargain["lhs"] > bargain["rhs"], "chapter 4 says v_pw·v_rl > c_pl·c_rw: 72 against 50"
    assert v["nash_w"] == "100%", "chapter 4's text summary says the star sits at a full withdrawal"


def test_every_deal_disappears_at_the_stated_costs(bargain):
    vals = bg.DEFAULTS.valuations
    c_star, c_pl_star = bargain["c_star"], bargain["c_pl_star"]
    assert not bg.gains_possible(dataclasses.replace(vals, c_rw=c_star)), (
        f"chapter 4 says every deal disappears once Russia–Belarus values its weapons at {c_star:.1f} or more"
    )
    assert bg.gains_possible(dataclasses.replace(vals, c_rw=c_star - 0.1)), "chapter 4: just below 7.2 a deal exists"
    assert not bg.gains_possible(dataclasses.replace(vals, c_pl=c_pl_star)), (
        f"chapter 4 says every deal disappears once Poland values its freedom from limits at {c_pl_star:.1f} or more"
    )
    assert bg.gains_possible(dataclasses.replace(vals, c_pl=c_pl_star - 0.1)), (
        "chapter 4: just below 14.4 a deal exists"
    )


def test_the_zone_of_agreement_is_the_wedge_the_summary_describes(v, bargain):
    vals = bg.DEFAULTS.valuations
    assert vals.d_p == 0 and vals.d_r == 0, "chapter 4's summary assumes both outside options at 0"
    # with both outside options at 0, a deal (w, l) suits both when c_rw/v_rl·w <= l <= v_pw/c_pl·w
    lo, hi = bargain["zone_lo"], bargain["zone_hi"]
    zone = bg.zopa_deals(vals)
    assert np.allclose(sorted(map(tuple, np.round(zone, 9))), sorted([(0, 0), (1, round(lo, 9)), (1, round(hi, 9))])), (
        f"chapter 4 says the zone is a wedge from the status quo to the right-hand edge, limits between "
        f"{v['zone_lo']} and {v['zone_hi']} of the share withdrawn; the model's zone is {zone.tolist()}"
    )


def test_the_wedge_collapses_at_the_first_static_cost_past_the_threshold(v, bargain):
    vals = bg.DEFAULTS.valuations
    c_next = bargain["c_next"]
    assert c_next in charts.bargain_grid(), "chapter 4 names a cost the page's control offers"
    assert not bg.nash_solution(dataclasses.replace(vals, c_rw=c_next)).exists, (
        f"chapter 4 says from {v['c_next']} points on the zone collapses and no deal exists"
    )
    assert bg.nash_solution(dataclasses.replace(vals, c_rw=c_next - 1)).exists, (
        f"chapter 4 says the zone collapses from {v['c_next']} points, so one point less still has a deal"
    )


def test_the_static_values_the_model_b_caption_names():
    assert charts.bargain_grid().tolist() == list(range(1, 15)), "chapter 4's caption: the cost runs from 1 to 14"
    assert charts.C_PL_GRID == (6, 8, 10, 12, 14, 16), "chapter 4's caption: Poland's cost from 6 to 16 in steps of 2"
    assert charts.D_P_GRID == (-1, 0, 1, 2, 2.5, 3), "chapter 4's caption: outside option −1, 0, 1, 2, 2.5 or 3"


# ---------------------------------------------------------------------------------------------
# The exercises' worked answers
# ---------------------------------------------------------------------------------------------
def test_stability_threshold_solution():
    p = ar.DEFAULTS.status_quo
    assert p.m * p.n / p.a == pytest.approx(1.0), "solution ex-cd-stability: 0.30 > 0.3·b, so b < 1.0"
    stable = [ar.is_stable(dataclasses.replace(p, b=b)) for b in (0.9, 0.99, 1.0, 1.1)]
    assert stable == [True, True, False, False], (
        "solution ex-cd-stability: stable below b = 1.0, no single equilibrium at 1.0, runaway above"
    )


def test_the_deals_equilibrium_by_hand(v, ex):
    p = ar.DEFAULTS.status_quo
    assert (p.m * p.n, p.a * p.b) == pytest.approx((0.30, 0.12)), "solution ex-cd-equilibrium: m·n − a·b = 0.30 − 0.12"
    assert ex["ex_eq_x"] == pytest.approx((0.6 * 20 + 0.3 * 15) / 0.18, abs=1e-9), (
        "solution ex-cd-equilibrium: x* = 16.5/0.18 = 91.7"
    )
    assert ex["ex_eq_y"] == pytest.approx((0.4 * 20 + 0.5 * 15) / 0.18, abs=1e-9), (
        "solution ex-cd-equilibrium: y* = 15.5/0.18 = 86.1"
    )
    assert (v["ex_eq_x"], v["ex_eq_y"]) == ("91.7", "86.1"), "solution ex-cd-equilibrium: 91.7 and 86.1"
    assert ex["ex_eq_x"] < 100 and ex["ex_eq_y"] < 100, "solution ex-cd-equilibrium: both are below 100"


def test_polands_outside_option_solution(ex):
    assert ex["dp_star"] == pytest.approx(8 - 10 * 5 / 9, abs=1e-9), (
        "solution ex-cd-outside: the ZOPA vanishes at d_P = 8 − 10·5/9 ≈ 2.44"
    )
    assert not bg.gains_possible(bg.Valuations(8, 10, 5, 9, d_p=ex["dp_star"] + 0.01)), (
        "solution ex-cd-outside: past d_P = 2.44 no deal leaves both sides better off"
    )
    exists = [bg.nash_solution(bg.Valuations(8, 10, 5, 9, d_p=d)).exists for d in (0, 1, 2, 2.4, 2.5)]
    assert exists == [True, True, True, True, False], "solution ex-cd-outside: a deal up to 2.4, none at 2.5"


def test_caps_in_a_runaway_race_solution(v, ex):
    p = cd.RUNAWAY
    assert p.m * p.n == pytest.approx(0.30) and p.a * p.b == pytest.approx(0.45), (
        "solution ex-cd-caps: the race is unstable, m·n = 0.30 < a·b = 0.45"
    )
    assert p.b == charts.race_grid()[-1] and cd.RUNAWAY_CAP == ar.DEFAULTS.cap, (
        "exercise ex-cd-caps: b = 1.50 (the highest static value) and the default cap, a setting the handout prints"
    )
    assert not ar.is_stable(p), "solution ex-cd-caps: the race is unstable"
    assert ex["runaway_20"] > 10 * charts.RACE_RANGE[1], (
        f"solution ex-cd-caps: with no deal the index reaches about {v['runaway_20']} after 20 years, far off the chart"
    )
    assert np.allclose(ar.capped_trajectory([30.0], p, cd.RUNAWAY_CAP, cd.RUNAWAY_CAP), cd.RUNAWAY_CAP), (
        "solution ex-cd-caps: with caps kept both sides sit at the cap"
    )
    assert 0 < ex["cap_hit"] < 20 and math.isfinite(ex["cap_hit"]), (
        f"solution ex-cd-caps: both sides sit at the cap after about {v['cap_hit']} years"
    )


def test_caps_in_a_runaway_race_lines_leave_the_chart(v, ex):
    assert 0 < ex["runaway_off"] < ex["runaway_off_deal"] < 20, (
        "solution ex-cd-caps: Russia–Belarus's line leaves the chart (400) first with no deal, later with "
        "lower grievances, and both within 20 years"
    )
    assert (v["runaway_off"], v["runaway_off_deal"]) == ("2.9", "4.0"), (
        "solution ex-cd-caps: the text reads the exits off the chart as about 3 and 4 years"
    )
    assert ex["cap_hit"] < ex["runaway_off"], "solution ex-cd-caps: the caps bind before the free race leaves the chart"


def test_equal_reactions_threshold(v, ex):
    d = ar.DEFAULTS.status_quo
    crit = ex["equal_crit"]
    assert crit == pytest.approx(math.sqrt(0.30), abs=1e-9) and v["equal_crit"] == "0.55", (
        "solution ex-cd-equal: with a = b the race is stable while a < √(m·n) = √0.30 ≈ 0.55"
    )
    for a, stable in ((0.54, True), (0.56, False)):
        q = dataclasses.replace(d, a=a, b=a)
        assert ar.is_stable(q) is stable, (
            f"solution ex-cd-equal: a = b = {a} should be {'stable' if stable else 'unstable'}"
        )


def test_polands_outside_option_at_the_last_static_step_with_a_deal(v):
    chart = charts.bargain()
    assert f"limits Poland at {v['dp2_l']} of the tightest" in chart.sentence(d_p=2.0), (
        "solution ex-cd-outside: at an outside option of 2 the chart's sentence names the limits the solution quotes"
    )
