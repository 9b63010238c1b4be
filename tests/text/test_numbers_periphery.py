"""Chapter 5's numbers (``explainer.numbers.periphery``): what the prose of
``book/05_periphery.ipynb`` claims, checked against the models and the data behind it.

These are the checks the chapter's hidden assert cells made, phrased as tests: each failure names
the number and what the text says. ``tests/test_numbers.py`` checks that the text shows exactly
what ``numbers()`` computes; this file checks that what it computes is what the prose around it
claims (hand-worked values, typed numbers and sentences about the models and the data).
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

from explainer import data
from explainer.figures import periphery as charts
from explainer.models import decision_rules as dr
from explainer.models import sequencing as sq
from explainer.models import spoilers as sp
from explainer.numbers import periphery


@pytest.fixture(scope="module")
def v() -> dict[str, str]:
    return periphery.numbers()


def test_the_module_names_the_chapter():
    assert periphery.NOTEBOOK == "05_periphery.ipynb"


def test_every_value_is_text(v):
    assert all(isinstance(k, str) and isinstance(x, str) and x for k, x in v.items()), v


# --- Model A: a chain of agreements ------------------------------------------------------------
def test_the_chain_opens_at_the_values_the_text_names(v):
    assert (v["p5_core"], v["p5_ab"], v["p5_bs"]) == ("30%", "60%", "50%"), (
        "chapter 5 opens Model A with a 30% central deal, then 60% and 50% for the two fronts"
    )


def test_the_whole_architecture_is_the_product_of_the_steps(v):
    whole = sq.architecture_probability(sq.DEFAULTS.conditional)
    assert abs(whole - 0.3 * 0.6 * 0.5) < 1e-12, (
        "chapter 5 says the whole architecture is the product of the steps (multiplication rule)"
    )
    assert v["p5_whole"] == "9.0%", "chapter 5 says the whole architecture is built with probability 9.0%"


def test_the_chain_stops_most_often_at_the_first_step(v):
    out = sq.chain_outcomes(sq.DEFAULTS.conditional)
    assert abs(out.stopped_at.sum() + out.complete - 1) < 1e-12, (
        "chapter 5's text summary: where the chain stops and the whole architecture add up to one"
    )
    assert out.stopped_at[0] == max(out.stopped_at), "chapter 5 says the chain most often ends at the very first step"
    assert (v["p5_stop_core"], v["p5_stop_ab"], v["p5_stop_bs"]) == ("70%", "12%", "9%"), (
        "chapter 5's text summary: the chain stops at the first step 70%, after the central deal 12%, after the Arctic–Baltic front 9%"
    )
    assert v["p5_expected"] == "0.57", "chapter 5 says 0.57 of the three fronts are settled on average"


def test_a_certain_central_deal_leaves_the_whole_at_the_peripheral_product(v):
    assert sq.architecture_probability([1.0, 0.6, 0.5]) == 0.3
    assert v["p5_whole_if_core"] == "30%", (
        "chapter 5 says even a certain central deal leaves the whole architecture at 30%"
    )


def test_the_links_a_chain_needs(v):
    assert abs(sq.required_stage_probability(0.5, 3) - 0.5 ** (1 / 3)) < 1e-12, (
        "chapter 5's solution says each of three equal steps needs 0.5^(1/3) for a 50% whole"
    )
    assert v["p5_need3"] == "0.794", "chapter 5 says each of three equal steps needs at least 0.794"
    assert v["p5_need4"] == "0.841", "chapter 5 says each of four equal steps needs 0.841"
    assert float(v["p5_need4"]) > float(v["p5_need3"]), "a longer chain needs stronger links"


def test_fronts_settled_on_their_own_leave_the_whole_architecture_unchanged(v):
    d = sq.DEFAULTS
    alone = periphery.ALONE
    assert sq.fronts_distribution(d.conditional, alone)[3] == sq.fronts_distribution(d.conditional)[3], (
        "chapter 5 says the chance of the whole architecture does not change when fronts can settle on their own"
    )
    assert v["p5_alone"] == "20%"
    assert (v["p5_expected"], v["p5_expected_alone"]) == ("0.57", "0.87"), (
        "chapter 5 says the expected number of fronts settled rises from 0.57 to 0.87"
    )
    assert (v["p5_none"], v["p5_none_alone"]) == ("70%", "45%"), (
        "chapter 5 says the chance that no front is settled falls from 70% to 45%"
    )


# --- Model B: spoilers who block and reverse -------------------------------------------------
def test_blocking_under_consensus_reuses_chapter_1(v):
    s = sp.DEFAULTS
    accept = np.full(s.members, s.accept)
    adopt = sp.adoption_probability(accept, "unanimity")
    assert abs(adopt - 0.97**32) < 1e-12, "chapter 5 says consensus adopts only if all 32 accept (0.97^32)"
    assert abs(adopt - dr.unanimity_probability(accept)) < 1e-15, (
        "chapter 5 says Model B reuses chapter 1's decision-rule code for the arithmetic"
    )
    assert (v["p5_members"], v["p5_accept"], v["p5_adopt_cons"]) == ("32", "0.97", "37.7%"), (
        "chapter 5 says each of NATO's 32 members accepts with probability 0.97: consensus adopts with 37.7%"
    )
    assert v["p5_adopt_maj"] == "1.0000", "chapter 5 says a simple majority adopts almost surely (1.0000)"


def test_what_reversal_requires(v):
    assert sp.reversal_threshold(32, "unanimity") == 1, (
        "chapter 5 says under consensus with continuing consent one member that turns can end it"
    )
    assert sp.reversal_threshold(32, "unanimity", "rescission") == 32, (
        "chapter 5 says under consensus with rescission all 32 members would have to agree to undo it"
    )
    assert (v["p5_thr_maj_cc"], v["p5_thr_maj_r"]) == ("16", "17"), (
        "chapter 5 says a majority agreement ends when 16 of 32 turn (continuing consent), 17 under rescission"
    )


def test_survival_at_the_opening_values(v):
    h = sp.member_hazards(sp.DEFAULTS.members, sp.DEFAULTS.defect)
    assert abs(sp.survival(h, [1], "unanimity")[0] - 0.98**32) < 1e-12, (
        "chapter 5 says a consensus agreement survives a year with probability 0.98 to the power 32"
    )
    assert v["p5_defect"] == "2%"
    assert v["p5_year_cons"] == "52.4%", "chapter 5 says a consensus agreement survives each year with 52.4%"
    assert v["p5_med_cons"] == "2", "chapter 5 says half of adopted consensus agreements are gone by the end of year 2"
    assert (v["p5_maj_20"], v["p5_maj_30"]) == ("96.3%", "63.4%"), (
        "chapter 5 says a majority agreement survives with 96.3% after 20 years and 63.4% after 30"
    )
    assert v["p5_resc_30"] == "1.000", (
        "chapter 5 says under rescission a consensus agreement is in force after 30 years with 1.000"
    )
    assert v["p5_cons_10"] == "0.06%", (
        "chapter 5 says a consensus agreement is adopted and in force after 10 years with 0.06%"
    )


def test_one_spoiler(v):
    s = sp.DEFAULTS
    h = sp.member_hazards(s.members, s.defect)
    hs = sp.member_hazards(s.members, s.defect, 1, s.spoiler_defect)
    assert abs(sp.survival(hs, [1], "unanimity")[0] - 0.8 * 0.98**31) < 1e-12, (
        "chapter 5: one spoiler at 20% a year and 31 members at 2% under consensus (0.8 × 0.98^31)"
    )
    assert min(sp.survival(hs, [10], "majority")[0], sp.survival(h, [10], "majority")[0]) > 0.999, (
        "chapter 5 says under a simple majority one spoiler changes nothing for the first ten years"
    )
    assert (v["p5_spoiler_h"], v["p5_year_cons"], v["p5_year_spoiler"]) == ("20%", "52.4%", "42.8%"), (
        "chapter 5 says one spoiler at 20% a year cuts the first year's survival from 52.4% to 42.8%"
    )
    assert (v["p5_maj_30_drop"], v["p5_maj_30_spoiler"], v["p5_maj_30"]) == ("7.3", "56.1%", "63.4%"), (
        "chapter 5 says one spoiler costs a majority agreement 7.3 points after 30 years (56.1% instead of 63.4%)"
    )
    assert (
        abs(float(v["p5_maj_30"][:-1]) - float(v["p5_maj_30_spoiler"][:-1]) - float(v["p5_maj_30_drop"])) <= 0.1 + 1e-9
    )


# --- New START ---------------------------------------------------------------------------------
def test_new_start_dates(v):
    events = data.new_start_events()
    when = events.set_index("event")["date"]
    years = (when["Treaty expires"] - when["Treaty enters into force"]).days / 365.25
    assert round(years) == 15 and v["p5_years_in_force"] == "15", "chapter 5 says the treaty was in force for 15 years"
    assert when["Treaty expires"] == pd.Timestamp("2026-02-05"), "chapter 5 says New START expired on 5 February 2026"
    assert when["Putin offers one year of limits"] == pd.Timestamp("2025-09-22"), (
        "chapter 5 says Putin made his one-year offer on 22 September 2025"
    )
    assert len(events) == 13, "chapter 5's timeline summary says thirteen events"


def test_the_data_exchanges(v):
    wh = data.new_start_data().pivot(index="date", columns="party", values="deployed_warheads")
    assert wh.dropna().index.max() == pd.Timestamp("2022-03-01"), (
        "chapter 5 says the last exchange with both parties' numbers was on 1 March 2022"
    )
    assert np.isnan(wh.loc[pd.Timestamp("2023-03-01"), "Russia"]), (
        "chapter 5 says Russia's 1 March 2023 numbers are 'not provided'"
    )
    assert charts.NEW_START_LIMITS == {"deployed_warheads": 1550, "deployed_launchers": 700, "total_launchers": 800}, (
        "chapter 5 gives New START's limits as 1,550, 700 and 800"
    )
    assert periphery.WARHEAD_LIMIT == charts.NEW_START_LIMITS["deployed_warheads"]
    assert (v["p5_us_wh_2022"], v["p5_ru_wh_2022"]) == ("1,515", "1,474"), (
        "chapter 5 says the United States declared 1,515 deployed warheads and Russia 1,474 in March 2022"
    )
    assert (v["p5_us_room"], v["p5_ru_room"]) == ("35", "76"), "chapter 5 says 35 and 76 below the limit of 1,550"
    assert v["p5_us_wh_2023"] == "1,419", (
        "chapter 5 says the United States released 1,419 deployed warheads for March 2023"
    )
    assert (v["p5_n_dates"], v["p5_n_gap"]) == ("25", "5"), (
        "chapter 5 says 5 of the 25 exchange dates from 2011 to 2023 lack a warhead figure for a party"
    )


def test_both_parties_stayed_within_every_limit_once_binding():
    ex = data.new_start_data()
    binding = ex[ex.date >= "2018-02-05"]
    for column, limit in charts.NEW_START_LIMITS.items():
        assert (binding[column].dropna() <= limit).all(), (
            f"chapter 5 says both parties stayed at or below every limit after February 2018 ({column} <= {limit})"
        )


# --- the exercises' solutions --------------------------------------------------------------------
def test_the_chain_by_hand(v):
    assert periphery.EX1_STEPS[2] == sq.DEFAULTS.black_sea, (
        "chapter 5's exercise is checked on the flow diagram, whose Black Sea step is fixed at its opening value"
    )
    ex1 = sq.chain_outcomes([0.5, 0.8, 0.5])
    assert abs(ex1.complete - 0.2) < 1e-12, "chapter 5's solution: 0.5 × 0.8 × 0.5 = 0.20"
    assert (v["p5_ex1_whole"], v["p5_ex1_stop0"], v["p5_ex1_stop1"], v["p5_ex1_stop2"], v["p5_ex1_ab"]) == (
        "0.20",
        "0.50",
        "0.10",
        "0.20",
        "40%",
    ), "chapter 5's solution: 0.20, then stops 0.50, 0.10 and 0.20; the Arctic–Baltic node reads 40%"
    assert abs(ex1.complete + ex1.stopped_at.sum() - 1) < 1e-12, (
        "chapter 5's solution says the four numbers add up to one"
    )


def test_how_strong_each_link_must_be():
    assert round(0.25 / (0.6 * 0.5), 2) == 0.83, "chapter 5's solution: the central deal needs 0.25 / 0.3 ≈ 0.83"
    assert sq.architecture_probability([1.0, 0.6, 0.5]) == 0.3, (
        "chapter 5's solution: with 0.6 and 0.5 the whole architecture can never exceed 30%"
    )
    assert round(sq.architecture_probability([0.25 / 0.3, 0.6, 0.5]), 12) == 0.25
    v = periphery.numbers()
    assert (v["p5_ex2_80"], v["p5_ex2_85"], v["p5_ex2_need"]) == ("24.0%", "25.5%", "0.83"), (
        "chapter 5's solution: on the flow diagram 80% gives 24.0% and 85% (the first grid value to reach 25%) 25.5%"
    )
    grid = charts.sequencing().controls[0].grid
    assert 0.8 in grid and 0.85 in grid and 0.5 in grid, "chapter 5's exercises use the central deal at 50%, 80%, 85%"
    assert v["p5_need4"] == "0.841", "chapter 5's solution: four equal steps need 0.5^(1/4) = 0.841"


def test_what_reversal_requires_exercise(v):
    h3 = sp.member_hazards(32, 0.01)
    assert abs(sp.survival(h3, [10], "unanimity")[0] - 0.99**320) < 1e-12, (
        "chapter 5's solution: consensus with continuing consent survives 10 years with 0.99^(32 × 10)"
    )
    assert (v["p5_ex3_cc"], v["p5_ex3_r"], v["p5_ex3_maj"]) == ("0.040", "1.000", "1.000"), (
        "chapter 5's solution: 0.040 (continuing consent), 1.000 (rescission), 1.000 (majority)"
    )
    assert v["p5_ex3_exp_cc"] == "2.6", (
        "chapter 5's solution: a consensus agreement lasts on average 2.6 years of the first 30"
    )
    assert (v["p5_ex3_turn10"], v["p5_ex3_turned"]) == ("0.096", "3.1"), (
        "chapter 5's solution: one member turns within 10 years with 1 − 0.99^10 = 0.096, about 3.1 of 32"
    )
    assert v["p5_ex3_chart10"] == "1.5%", "chapter 5's solution: the red line is at 1.5% in year 10 (defect 1.0%)"
    assert 0.01 in charts.spoilers().controls[0].grid, "the static page offers each member's yearly chance 1.0%"
    ratio = float(v["p5_ex3_chart10"].rstrip("%")) / float(v["p5_adopt_cons"].rstrip("%"))
    assert round(ratio, 2) == 0.04, "chapter 5's solution: the chart's ratio is about 0.04, as computed"


def test_one_spoiler_exercise(v):
    hs2 = sp.member_hazards(32, 0.0, 1, 0.25)
    assert abs(sp.survival(hs2, [3], "unanimity")[0] - 0.75**3) < 1e-12, (
        "chapter 5's solution: only the spoiler matters, 0.75³"
    )
    assert v["p5_ex4_cc"] == "0.422", "chapter 5's solution: the agreement survives three years with 0.422"
    assert v["p5_ex4_chart3"] == "15.9%", "chapter 5's solution: the red line falls to 15.9% in year 3"
    spoilers = charts.spoilers()
    assert 0.0 in spoilers.controls[0].grid and 1 in spoilers.controls[1].grid and 0.25 in spoilers.controls[2].grid
    assert sp.survival(hs2, [30], "majority")[0] == pytest.approx(sp.survival(hs2, [0], "majority")[0]), (
        "chapter 5's solution says the majority lines stay flat when nobody else turns"
    )


def test_reading_the_data_exchanges(v):
    ex = data.new_start_data()
    mx = ex[ex.date >= "2018-02-05"].groupby("party")["deployed_warheads"].max()
    assert (mx <= 1550).all(), "chapter 5's solution: neither party declared more than 1,550 after February 2018"
    assert (v["p5_max_us"], v["p5_max_ru"]) == ("1,515", "1,474"), (
        "chapter 5's solution: the maxima are 1,515 (United States) and 1,474 (Russia)"
    )
    assert (v["p5_max_us_room"], v["p5_max_ru_room"]) == ("35", "76"), (
        "chapter 5's solution: 35 and 76 below the limit of 1,550"
    )


# --- the marked numbers read as text ---------------------------------------------------------------
def test_no_line_of_the_chapter_starts_with_a_marked_number():
    """A Markdown line that starts with ``<!--`` opens a raw HTML block (CommonMark, in myst and in
    JupyterLab): the rest of the line is no longer Markdown, so its *emphasis* shows as asterisks."""
    nb = json.loads((ROOT / "book" / periphery.NOTEBOOK).read_text(encoding="utf-8"))
    starts = [
        line
        for c in nb["cells"]
        if c["cell_type"] == "markdown"
        for line in "".join(c["source"]).splitlines()
        if re.match(r"\s*<!--n:", line)
    ]
    assert not starts, f"chapter 5: a line starts with a marked number, which makes it raw HTML: {starts}"
