"""Model B of chapter 5: blocking and reversing, reusing chapter 1's decision-rule code."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binom

from explainer.models import decision_rules as dr
from explainer.models import spoilers as sp

prob = st.floats(min_value=0.0, max_value=0.5, allow_nan=False)
sizes = st.integers(min_value=1, max_value=25)
rules = st.sampled_from(sp.RULES)
reversals = st.sampled_from(sp.REVERSALS)


def test_thresholds():
    assert sp.reversal_threshold(32, "unanimity", "continuing_consent") == 1
    assert sp.reversal_threshold(32, "majority", "continuing_consent") == 16
    assert sp.reversal_threshold(32, "unanimity", "rescission") == 32
    assert sp.reversal_threshold(32, "majority", "rescission") == 17
    assert sp.reversal_threshold(5, "majority", "continuing_consent") == 3  # quota 3, so 3 must turn


def test_consensus_continuing_consent_closed_form():
    h = sp.member_hazards(32, 0.02)
    years = np.arange(0, 6)
    assert np.allclose(sp.survival(h, years, "unanimity"), 0.98 ** (32 * years))
    # with one spoiler: (1 - 0.2)^t (1 - 0.02)^(31 t)
    hs = sp.member_hazards(32, 0.02, 1, 0.2)
    assert np.allclose(sp.survival(hs, years), (0.8 * 0.98**31) ** years)


def test_rescission_under_consensus_needs_everyone():
    h = sp.member_hazards(3, 0.1)
    t = np.array([0, 1, 2, 5])
    turned = 1 - 0.9**t
    assert np.allclose(sp.survival(h, t, "unanimity", "rescission"), 1 - turned**3)


def test_majority_is_a_binomial_tail():
    h = sp.member_hazards(32, 0.02)
    t = np.array([10, 20, 30])
    turned = 1 - 0.98**t
    # survives while fewer than 16 have turned
    assert np.allclose(sp.survival(h, t, "majority"), binom.cdf(15, 32, turned))
    assert np.allclose(sp.survival(h, t, "majority", "rescission"), binom.cdf(16, 32, turned))


def test_adoption_reuses_chapter_one():
    a = np.full(32, 0.97)
    assert sp.adoption_probability(a) == pytest.approx(dr.unanimity_probability(a))
    assert sp.adoption_probability(a, "majority") == pytest.approx(dr.majority_probability(a))
    h = sp.member_hazards(32, 0.02)
    assert np.allclose(sp.in_force(a, h, [0, 3]), 0.97**32 * 0.98 ** (32 * np.array([0, 3])))


def test_expected_and_median_years():
    h = sp.member_hazards(32, 0.02)
    s = 0.98**32
    assert sp.expected_years(h, "unanimity", horizon=30) == pytest.approx(s * (1 - s**30) / (1 - s))
    assert sp.median_years(h) == 2.0  # S(1) = 0.524, S(2) = 0.274
    assert sp.median_years(sp.member_hazards(4, 0.0)) == math.inf
    assert sp.expected_years(sp.member_hazards(4, 0.0), horizon=7) == pytest.approx(7.0)


def test_table_matches_survival():
    h = sp.member_hazards(10, 0.05, 2, 0.3)
    t = np.arange(0, 8)
    table = sp.turned_distribution(h, t)
    assert table.shape == (8, 11) and np.allclose(table.sum(axis=1), 1.0)
    for rule in sp.RULES:
        for rev in sp.REVERSALS:
            assert np.allclose(sp.survival_from_distribution(table, rule, rev), sp.survival(h, t, rule, rev))


def test_survival_lines_read_every_line_off_one_table():
    # checked against chapter 1's quota probability: survival = P(fewer than `threshold` turned)
    from explainer.models import decision_rules as dr

    h = np.array([0.05] * 9 + [0.3, 0.3, 0.0])
    t = np.arange(0, 12)
    lines = [(rule, rev) for rule in sp.RULES for rev in sp.REVERSALS]
    out = sp.survival_lines(sp.turned_distribution(h, t), lines)
    assert out.shape == (len(lines), t.size) and out.flags.c_contiguous
    for i, (rule, rev) in enumerate(lines):
        k = sp.reversal_threshold(h.size, rule, rev)
        for j, year in enumerate(t):
            expected = 1.0 - dr.quota_probability(1.0 - (1.0 - h) ** year, k)
            assert out[i, j] == pytest.approx(expected, abs=1e-12), (rule, rev, year)
        assert np.array_equal(out[i], sp.survival_from_distribution(sp.turned_distribution(h, t), rule, rev))
    with pytest.raises(ValueError, match="reversal"):
        sp.survival_lines(sp.turned_distribution(h, t), [("majority", "veto")])


def test_table_is_the_count_of_members_turned_year_by_year():
    # independent of the grouping by hazard: each year's row from chapter 1's member-by-member
    # count distribution of the probabilities 1 - (1 - h_i)**t
    from explainer.models import decision_rules as dr

    h = np.array([0.05] * 7 + [0.3, 0.3, 1.0, 0.0, 0.12])
    t = np.arange(0, 9)
    table = sp.turned_distribution(h, t)
    for j, year in enumerate(t):
        expected = dr.count_distribution(1.0 - (1.0 - h) ** year)
        assert table[j] == pytest.approx(expected, abs=1e-12), f"year {year}"


def test_certain_defection():
    h = sp.member_hazards(3, 1.0)
    assert np.allclose(sp.survival(h, [0, 1, 2]), [1, 0, 0])


@given(sizes, prob, rules, reversals)
def test_survival_is_a_non_increasing_probability(n, h, rule, rev):
    s = sp.survival(sp.member_hazards(n, h), np.arange(0, 15), rule, rev)
    assert s[0] == pytest.approx(1.0)
    assert ((s >= 0) & (s <= 1)).all()
    assert (np.diff(s) <= 1e-12).all()


@given(sizes, prob, prob, rules, reversals)
def test_more_hostile_members_never_help(n, h, extra, rule, rev):
    t = np.arange(0, 10)
    low = sp.survival(sp.member_hazards(n, h), t, rule, rev)
    high = sp.survival(sp.member_hazards(n, min(0.5, h + extra)), t, rule, rev)
    assert (high <= low + 1e-12).all()


@given(sizes, prob)
def test_consensus_cuts_both_ways(n, h):
    t = np.arange(0, 10)
    hz = sp.member_hazards(n, h)
    cons_cc = sp.survival(hz, t, "unanimity", "continuing_consent")
    maj_cc = sp.survival(hz, t, "majority", "continuing_consent")
    cons_r = sp.survival(hz, t, "unanimity", "rescission")
    assert (cons_cc <= maj_cc + 1e-12).all()  # one member can undo: more fragile
    assert (cons_r >= maj_cc - 1e-12).all()  # everyone must undo: sturdier


def test_errors():
    with pytest.raises(ValueError, match="rule"):
        sp.reversal_threshold(5, "double_majority")
    with pytest.raises(ValueError, match="reversal"):
        sp.reversal_threshold(5, "unanimity", "veto")
    with pytest.raises(ValueError, match="members"):
        sp.reversal_threshold(0)
    with pytest.raises(ValueError, match="spoilers"):
        sp.member_hazards(3, 0.1, 4, 0.2)
    with pytest.raises(ValueError, match="defect"):
        sp.member_hazards(3, 1.5)
    with pytest.raises(ValueError, match="spoiler_defect"):
        sp.member_hazards(3, 0.1, 1, -0.2)
    with pytest.raises(ValueError, match="years"):
        sp.survival([0.1, 0.1], [1.5])
    with pytest.raises(ValueError, match="years"):
        sp.survival([0.1, 0.1], [-1])
    with pytest.raises(ValueError, match="years"):
        sp.survival([0.1, 0.1], [])
    with pytest.raises(ValueError, match="years"):
        sp.survival([0.1, 0.1], [["a"]])
    with pytest.raises(ValueError, match="hazards"):
        sp.survival([0.1, 1.1], [1])
    with pytest.raises(ValueError, match="accept and hazards"):
        sp.in_force([0.9, 0.9], [0.1], [1])
    with pytest.raises(ValueError, match="accept"):
        sp.in_force([0.9, 2.0], [0.1, 0.1], [1])
    with pytest.raises(ValueError, match="horizon"):
        sp.expected_years([0.1], horizon=0)
    with pytest.raises(ValueError, match="horizon"):
        sp.median_years([0.1], horizon=-3)
    with pytest.raises(ValueError, match="distribution"):
        sp.survival_from_distribution([0.5, 0.5])
    with pytest.raises(ValueError, match="rule"):
        sp.adoption_probability([0.9], "double_majority")
