"""Chapter 1's numbers (``book/01_decision_rules.ipynb``): what the text says about them holds.

``tests/test_numbers.py`` checks that every marked number shows what
:func:`explainer.numbers.decision_rules.numbers` computes. These tests check the claims the
prose makes around those numbers, with values worked out by hand, so that a change in the data or
the models that makes a sentence false fails here, naming the sentence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from explainer import data
from explainer.figures import decision_rules as charts
from explainer.models import decision_rules as dr
from explainer.numbers import decision_rules as ch1


@pytest.fixture(scope="module")
def v() -> dict[str, str]:
    return ch1.numbers()


@pytest.fixture(scope="module")
def accept_32() -> np.ndarray:
    return np.full(dr.DEFAULTS.members, dr.DEFAULTS.accept)


# ---------------------------------------------------------------------------------------------
# Model A: NATO's 32 members at 0.97
# ---------------------------------------------------------------------------------------------
def test_nato_has_32_members_in_the_model_and_the_population_data(v):
    assert v["n_members"] == "32", "chapter 1 says: take NATO's 32 members"
    assert len(data.nato_population()) == 32, "chapter 1 weights NATO's 32 members by population"


def test_the_friendly_proposal_is_097(v):
    assert v["p_demo"] == "0.97", "chapter 1 says each ally is 97% likely to agree"


def test_consensus_at_32_is_097_to_the_power_32(v, accept_32):
    assert abs(dr.unanimity_probability(accept_32) - 0.97**32) < 1e-12, (
        "chapter 1 says consensus passes with probability 0.97 to the power 32"
    )
    assert v["p_consensus_32"] == f"{0.97**32:.1%}" == "37.7%", (
        "chapter 1 says consensus passes with probability 37.7% at 32 members"
    )


def test_a_simple_majority_fails_with_less_than_one_in_a_billion(accept_32):
    n = len(accept_32)
    fail = dr.count_distribution(accept_32)[: dr.majority_quota(n)].sum()
    assert fail < 1e-9, (
        f"chapter 1 says a simple majority fails with a probability of less than one in a billion ({fail})"
    )
    assert dr.majority_probability(accept_32) > 1 - 1e-9


def test_the_nato_double_majority_is_exact_to_the_digits_shown(v, accept_32):
    bounds = dr.double_majority_bounds(accept_32, data.nato_population()["population"])
    assert bounds.upper - bounds.lower < 1e-3, (
        f"chapter 1 gives the NATO double majority to three decimals ({v['p_double_32']}); bounds {bounds}"
    )
    assert f"{bounds.lower:.3f}" == f"{bounds.upper:.3f}" == v["p_double_32"]


def test_the_lower_slider_value_cuts_consensus(v):
    assert v["p_consensus_32_090"] == f"{0.9**32:.1%}", (
        "chapter 1 says consensus at 32 members falls to 0.90 to the power 32 when the slider is at 0.90"
    )
    assert float(v["p_consensus_32_090"].rstrip("%")) < float(v["p_consensus_32"].rstrip("%"))


def test_the_united_states_is_about_a_third_of_nato_and_cannot_block_alone(v):
    share = float(v["us_share"].rstrip("%")) / 100
    assert 0.30 < share < 0.35, (
        f"chapter 1 says NATO is lopsided: the United States alone holds {v['us_share']} of the population"
    )
    assert dr.EU_BLOCKING_MINORITY == 4, (
        "chapter 1 says the US and two other large allies cannot block, because a blocking minority needs four"
    )


# ---------------------------------------------------------------------------------------------
# The EU's 27 states at 0.90
# ---------------------------------------------------------------------------------------------
def test_the_eu_example_has_27_states_and_its_bounds_hold_the_estimate(v):
    eu = data.eu_council_population()
    assert len(eu) == 27, "chapter 1 computes the double majority for the EU's 27 states"
    assert v["p_eu_demo"] == "0.90"
    lower, upper = float(v["p_eu_lower"]), float(v["p_eu_upper"])
    estimate = float(v["p_eu_double"].rstrip("%")) / 100
    assert lower <= upper, "chapter 1 reports the EU double majority's bounds, lower first"
    assert lower - 5e-4 <= estimate <= upper + 5e-4, (
        f"chapter 1 says the EU double majority passes with {v['p_eu_double']}, between {lower} and {upper}"
    )
    assert v["p_eu_unanimity"] == f"{0.9**27:.1%}", "chapter 1 says EU unanimity at 0.90 is 0.90 to the power 27"


# ---------------------------------------------------------------------------------------------
# Correlation
# ---------------------------------------------------------------------------------------------
def test_correlation_helps_consensus_and_hurts_the_majority(v, accept_32):
    rho = float(v["rho_demo"])
    assert dr.pass_probability(accept_32, "unanimity", rho) > dr.unanimity_probability(accept_32), (
        "chapter 1 says correlation helps consensus"
    )
    assert float(v["p_consensus_corr"].rstrip("%")) > float(v["p_consensus_32"].rstrip("%"))
    fail = 1 - dr.pass_probability(accept_32, "majority", rho)
    assert fail > 1e-3, (
        f"chapter 1 says with correlation a simple majority fails with {v['p_majority_fail_corr']}, not almost never"
    )


def test_the_correlation_exercise_reads_what_the_first_chart_shows(v):
    chart = charts.pass_probability()
    low, high = chart.sentence(accept=0.9, correlation=0.0), chart.sentence(accept=0.9, correlation=0.9)
    assert (
        f"consensus with probability {v['corr_u0']}," in low and f"consensus with probability {v['corr_u90']}," in high
    )
    assert "majority with > 99.9%" in low and v["corr_m0"] == "more than 99.9%"
    assert f"majority with {v['corr_m90']}," in high
    assert float(v["corr_u90"].rstrip("%")) > float(v["corr_u0"].rstrip("%")), (
        "the correlation exercise's solution says consensus rises from no correlation to 0.90"
    )
    assert v["corr_u0"] == v["p_consensus_32_090"], "with no correlation, consensus at 0.90 is 0.90 to the power 32"
    assert 0.9 in dict((c.name, c.grid) for c in chart.controls)["correlation"], "0.90 is on the static page"


# ---------------------------------------------------------------------------------------------
# The accession record and Model B
# ---------------------------------------------------------------------------------------------
def test_the_slowest_allies_and_their_dates(v):
    days = ch1.accession_days()
    fin, swe = days["Finland"], days["Sweden"]
    assert len(fin) == 30 and len(swe) == 30, "chapter 1 counts 30 dated approvals for each candidate"
    fin_slow = dr.slowest_member(dict(zip(fin.member, fin.days)))
    swe_slow = dr.slowest_member(dict(zip(swe.member, swe.days)))
    assert (fin_slow.member, fin_slow.days) == ("Turkey", 268.0), (
        "chapter 1 says Finland joined only after Türkiye approved on day 268"
    )
    assert (swe_slow.member, swe_slow.days) == ("Hungary", 601.0), (
        "chapter 1 says Sweden waited for Hungary, which approved on day 601"
    )
    assert (v["fin_last"], v["fin_last_days"], v["swe_last"], v["swe_last_days"]) == (
        "Türkiye",
        "268",
        "Hungary",
        "601",
    )
    assert v["swe_dated"] == "30", "chapter 1 says the Sweden line counts 30 of its 31 approvals"


def test_the_days_are_the_dates_the_text_gives():
    signed = (
        data.accession_milestones()
        .query("candidate == 'Finland' and event == 'accession protocol signed by Allies'")["date"]
        .iloc[0]
    )
    assert signed == data.PROTOCOL_SIGNED == pd.Timestamp("2022-07-05"), (
        "chapter 1 says both accession protocols were signed on 5 July 2022"
    )
    assert data.PROTOCOL_SIGNED + pd.Timedelta(days=268) == pd.Timestamp("2023-03-30"), (
        "chapter 1 says day 268 is 30 March 2023"
    )
    assert data.PROTOCOL_SIGNED + pd.Timedelta(days=601) == pd.Timestamp("2024-02-26"), (
        "chapter 1 says day 601 is 26 February 2024"
    )
    rat = data.accession_ratifications()
    turkey_sweden = rat.query("candidate == 'Sweden' and member == 'Turkey'")["parliament_approved"].iloc[0]
    assert turkey_sweden == pd.Timestamp("2024-01-23"), (
        "chapter 1 says Hungary approved Sweden after Türkiye on 23 January 2024"
    )


def test_28_allies_had_approved_both_by_the_28th_day_count(v):
    days = ch1.accession_days()
    day_28 = int(v["day_28"])
    assert v["n_by_day_28"] == "28", "chapter 1 says 28 of the 30 allies had approved both by that day"
    assert int((days["Sweden"].days <= day_28).sum()) == 28, (
        "chapter 1 says 28 of the 30 allies had approved both candidates by that day"
    )


def test_the_fitted_mean_and_the_charts_rounded_mean(v):
    assert round(ch1.fitted_mean_days(), 2) == 21.75
    assert v["mean_days"] == "21.8", "chapter 1 says the ordinary allies' mean time is 21.8 days"
    assert v["chart_mean_days"] == "22", "the holdout exercise says the chart rounds the mean to 22 days"


def test_with_no_holdouts_the_median_is_close_to_what_the_quick_allies_did(v):
    median, day_28 = int(v["median_no_holdout"]), int(v["day_28"])
    assert abs(median - day_28) <= 10, (
        f"chapter 1 says the median with no holdouts (day {median}) is close to the 28 quick allies (day {day_28})"
    )
    assert int(v["p95_no_holdout"]) > median, "the 95% point comes after the median"


def test_the_holdout_exercise_reads_what_the_ratification_chart_shows(v):
    h0, h1, extra = int(v["med_h0"]), int(v["med_h1"]), int(v["med_h2_extra"])
    chart = charts.ratification_cdf(ch1.fitted_mean_days())
    for holdouts, median in ((0, h0), (1, h1), (2, h1 + extra)):
        assert f"is {median} days" in chart.sentence(holdouts=holdouts, holdout_delay=300.0)
    assert abs(h0 - int(v["median_no_holdout"])) <= 1, "the chart's median differs from the text's by rounding only"
    assert int(v["med_h1_shift"]) == h1 - h0 > 200, "one holdout waiting 300 days moves the median far"
    assert extra < (h1 - h0) / 10, (
        f"the holdout exercise's solution says a second holdout adds only {extra} more days, little against {h1 - h0}"
    )


def test_the_threshold_exercise_reads_what_the_first_chart_shows(v):
    chart = charts.pass_probability()
    assert f"consensus with probability {v['p_095_32_pct']}," in chart.sentence(accept=0.95)
    assert f"consensus with probability {v['p_098_32']}," in chart.sentence(accept=0.98)
    assert f"consensus with probability {v['p_consensus_32']}," in chart.sentence(accept=0.97)


# ---------------------------------------------------------------------------------------------
# The exercises' hand-worked values
# ---------------------------------------------------------------------------------------------
def test_exercise_1_five_allies_at_090():
    assert abs(dr.unanimity_probability(np.full(5, 0.9)) - 0.59049) < 1e-12, (
        "exercise 1's solution says consensus of five allies at 0.9 is 0.59049"
    )
    assert abs(dr.majority_probability(np.full(5, 0.9)) - 0.99144) < 1e-12, (
        "exercise 1's solution says a majority of five allies at 0.9 is 0.99144"
    )
    assert abs(0.59049 + 0.32805 + 0.0729 - 0.99144) < 1e-12


def test_exercise_2_the_threshold_is_098(v):
    assert round(0.5 ** (1 / 32), 2) == 0.98, "exercise 2's solution says the threshold is 0.98 to two decimals"
    assert v["p_half"] == "0.9786"
    assert dr.unanimity_probability(np.full(32, 0.98)) >= 0.5 > dr.unanimity_probability(np.full(32, 0.97)), (
        "exercise 2's solution says 0.98 is the smallest two-decimal probability passing half the time"
    )
    assert v["p_095_32"] == "0.19", "exercise 2's solution says 0.95 to the power 32 is 0.19"


def test_the_as_of_date_is_the_sources_read_date(v):
    d = data.sources_read_date()
    assert v["asof"] == f"{d.day} {d:%B %Y}", "chapter 1 dates its status sentences by the sources-read date"
