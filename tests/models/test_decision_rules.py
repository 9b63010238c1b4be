"""Model tests for chapter 1: hand-worked values, closed forms, properties and every error path."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import multivariate_normal, norm

from explainer.models import decision_rules as dr

probs = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
prob_lists = st.lists(probs, min_size=1, max_size=12)


# --- hand-worked values ---------------------------------------------------------------------
def test_consensus_of_32_members_at_097_is_097_to_the_32():
    assert dr.unanimity_probability(np.full(32, 0.97)) == pytest.approx(0.97**32, rel=1e-12)
    assert dr.unanimity_probability(np.full(32, 0.97)) == pytest.approx(0.3773075508, abs=1e-9)


def test_five_members_at_09_by_hand():
    p = np.full(5, 0.9)
    assert dr.unanimity_probability(p) == pytest.approx(0.59049)
    # at least 3 of 5: 0.9^5 + 5*0.9^4*0.1 + 10*0.9^3*0.01
    assert dr.majority_probability(p) == pytest.approx(0.59049 + 0.32805 + 0.0729)


def test_count_distribution_of_two_unequal_members():
    dist = dr.count_distribution([0.5, 0.2])
    assert dist == pytest.approx([0.5 * 0.8, 0.5 * 0.8 + 0.5 * 0.2, 0.5 * 0.2])


def test_majority_quota_and_eu_member_quota():
    assert dr.majority_quota(32) == 17
    assert dr.majority_quota(5) == 3
    assert dr.member_quota(27) == 15  # "in practice this means 15 out of 27" (Council of the EU)


def test_double_majority_population_test_by_hand():
    # Three members with 50%, 30%, 20% of the population; 55% of 3 members is 2 members.
    # Passing coalitions of >= 2 with >= 65% population: {A,B} 80%, {A,C} 70%, {A,B,C}.
    # {B,C} has 50% and fewer than 4 are against, so the blocking clause waives the population test:
    # with blocking_minority=4 every coalition of 2+ passes; with blocking_minority=1 it does not.
    p = np.array([0.6, 0.5, 0.4])
    pop = [50, 30, 20]
    strict = dr.double_majority_bounds(p, pop, blocking_minority=1, resolution=0.01)
    a, b, c = p
    expected = a * b * (1 - c) + a * (1 - b) * c + a * b * c
    assert strict.lower == pytest.approx(expected) and strict.upper == pytest.approx(expected)
    waived = dr.double_majority_bounds(p, pop, blocking_minority=4, resolution=0.01)
    assert waived.estimate == pytest.approx(dr.quota_probability(p, 2))


def test_double_majority_bounds_bracket_a_brute_force_enumeration():
    rng = np.random.default_rng(1)
    p = rng.uniform(0.3, 0.95, 9)
    pop = rng.integers(1_000_000, 80_000_000, 9).astype(float)
    exact = 0.0
    for mask in range(2**9):
        yes = np.array([(mask >> i) & 1 for i in range(9)], dtype=bool)
        prob = np.prod(np.where(yes, p, 1 - p))
        k = yes.sum()
        passes = k >= math.ceil(0.55 * 9) and (pop[yes].sum() >= 0.65 * pop.sum() or 9 - k < 4)
        exact += prob * passes
    b = dr.double_majority_bounds(p, pop, resolution=1e-4)
    assert b.lower - 1e-12 <= exact <= b.upper + 1e-12
    assert b.upper - b.lower < 0.02


def test_equal_populations_reduce_to_head_counts():
    p = np.full(20, 0.8)
    # equal members: pass iff >= 13 accept (65% of 20), or >= 11 (55%) with fewer than 4 against
    q_low, q_high = dr.equal_member_quotas(20)
    assert (q_low, q_high) == (13, 13)
    assert dr.double_majority_probability(p) == pytest.approx(dr.quota_probability(p, 13), abs=1e-9)


def test_pass_curve_agrees_with_pass_probability():
    sizes = [1, 2, 7, 27, 32]
    for rule in dr.RULES:
        for rho in (0.0, 0.5):
            curve = dr.pass_curve(0.9, sizes, rule, rho)
            direct = [dr.pass_probability(np.full(n, 0.9), rule, rho) for n in sizes]
            assert curve == pytest.approx(direct, abs=1e-10)


def test_count_distributions_are_count_distribution_row_by_row():
    rng = np.random.default_rng(7)
    rows = rng.uniform(0.0, 1.0, size=(9, 12))
    rows[3] = 0.4  # equal members (count_distribution's binomial path)
    rows[5, :4] = (0.0, 1.0, 0.0, 1.0)
    table = dr.count_distributions(rows)
    for r in range(rows.shape[0]):
        assert table[r] == pytest.approx(dr.count_distribution(rows[r]), abs=1e-12)


def test_kinds_of_members_give_the_same_table_as_members_one_by_one():
    rng = np.random.default_rng(11)
    kinds = rng.uniform(0.0, 1.0, size=(9, 4))
    kinds[0] = (0.0, 1.0, 0.5, 0.2)
    kinds[1] = (1.0, 1.0, 0.0, 0.0)
    counts = np.array([30, 3, 1, 0])
    rows = np.repeat(kinds, counts, axis=1)
    table = dr.kinds_count_distributions(kinds, counts)
    assert table.shape == (9, 35)
    assert table == pytest.approx(dr.count_distributions(rows), abs=1e-12)
    with pytest.raises(ValueError, match="counts must be 4 whole numbers"):
        dr.kinds_count_distributions(kinds, [30, 3, 1])
    with pytest.raises(ValueError, match="positive sum"):
        dr.kinds_count_distributions(kinds, [0, 0, 0, 0])
    with pytest.raises(ValueError, match=r"row 0, kind 1 is -0.5"):
        dr.kinds_count_distributions([[0.1, -0.5]], [1, 1])
    with pytest.raises(ValueError, match=r"row 1, member 2 is 1.5"):
        dr.count_distributions([[0.1, 0.2, 0.3], [0.1, 0.2, 1.5]])
    with pytest.raises(ValueError, match="2-D"):
        dr.count_distributions([0.1, 0.2])


def test_vectorised_quotas_are_the_head_counts_one_by_one():
    sizes = np.arange(1, 301)
    for rule in dr.RULES:
        assert dr.rule_quotas(sizes, rule).tolist() == [dr.rule_quota(int(n), rule) for n in sizes]
    with pytest.raises(ValueError, match="rule must be one of"):
        dr.rule_quotas(sizes, "plurality")


def test_pass_curve_is_the_binomial_tail_of_the_quota():
    from scipy.stats import binom

    sizes = np.arange(1, 61)
    for rule in dr.RULES:
        for p in (0.0, 0.3, 0.9, 0.999, 1.0):
            quota = np.array([dr.rule_quota(int(n), rule) for n in sizes])
            assert dr.pass_curve(p, sizes, rule) == pytest.approx(binom.sf(quota - 1, sizes, p), abs=1e-12)


@settings(max_examples=60)
@given(
    q=st.floats(0.01, 0.99),
    members=st.integers(1, 40),
    holdouts=st.integers(0, 40),
    delay=st.floats(0.0, 900.0),
    mean=st.floats(1.0, 200.0),
)
def test_ratification_quantile_inverts_the_cdf(q, members, holdouts, delay, mean):
    holdouts = min(holdouts, members)
    t = dr.ratification_quantile(q, members, mean, holdouts, delay)
    assert dr.full_ratification_cdf([t], members, mean, holdouts, delay)[0] == pytest.approx(q, abs=1e-7)


def test_common_shock_keeps_each_members_probability():
    # one member: correlation cannot change its own chance of accepting
    for p in (0.1, 0.5, 0.97):
        assert dr.pass_probability([p], "unanimity", 0.7) == pytest.approx(p, abs=1e-6)


def test_common_shock_matches_the_bivariate_normal_for_two_members():
    p, rho = 0.8, 0.6
    t = norm.ppf(p)
    both = multivariate_normal(mean=[0, 0], cov=[[1, rho], [rho, 1]]).cdf([t, t])
    assert dr.pass_probability([p, p], "unanimity", rho) == pytest.approx(both, abs=1e-5)


def test_zero_correlation_is_independence():
    p = [0.9, 0.8, 0.95, 0.7]
    assert dr.pass_probability(p, "unanimity", 0.0) == pytest.approx(np.prod(p))


def test_expected_max_of_exponentials_is_mean_times_harmonic_number():
    for n in (1, 2, 30):
        harmonic = sum(1 / k for k in range(1, n + 1))
        assert dr.expected_full_ratification_days(n, 20.0) == pytest.approx(20.0 * harmonic, rel=1e-4)


def test_one_member_median_is_mean_log_2():
    assert dr.ratification_quantile(0.5, 1, 10.0) == pytest.approx(10.0 * math.log(2), rel=1e-9)


def test_holdout_shifts_the_cdf_by_its_delay():
    days = np.array([0.0, 100.0, 250.0, 400.0])
    cdf = dr.full_ratification_cdf(days, 1, 30.0, holdouts=1, holdout_delay=150.0)
    assert cdf[0] == 0.0 and cdf[1] == 0.0
    assert cdf[2] == pytest.approx(1 - math.exp(-100 / 30))


def test_slowest_member_and_cumulative_approvals():
    assert dr.slowest_member({"A": 3, "B": 268, "C": 7}) == ("B", 268.0)
    x, y = dr.cumulative_approvals([7, 3, 268])
    assert list(x) == [3, 7, 268] and list(y) == [1, 2, 3]


# --- properties -----------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(prob_lists, st.sampled_from(dr.RULES), st.floats(min_value=0.0, max_value=0.9))
def test_probabilities_lie_in_unit_interval(p, rule, rho):
    value = dr.pass_probability(p, rule, rho)
    assert 0.0 <= value <= 1.0


@settings(max_examples=60, deadline=None)
@given(prob_lists, st.floats(min_value=0.0, max_value=0.2))
def test_monotone_in_acceptance_probability(p, bump):
    higher = np.minimum(np.asarray(p) + bump, 1.0)
    for rule in dr.RULES:
        assert dr.pass_probability(higher, rule) >= dr.pass_probability(p, rule) - 1e-12


@settings(max_examples=60, deadline=None)
@given(prob_lists, st.floats(min_value=0.0, max_value=0.9))
def test_unanimity_never_above_simple_majority(p, rho):
    assert dr.pass_probability(p, "unanimity", rho) <= dr.pass_probability(p, "majority", rho) + 1e-9


@settings(max_examples=40, deadline=None)
@given(prob_lists)
def test_count_distribution_sums_to_one(p):
    dist = dr.count_distribution(p)
    assert dist.sum() == pytest.approx(1.0)
    assert dist @ np.arange(dist.size) == pytest.approx(sum(p))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(probs, min_size=2, max_size=8), st.lists(st.integers(min_value=1, max_value=100), min_size=8, max_size=8)
)
def test_double_majority_bounds_are_ordered_and_between_unanimity_and_head_count(p, pops):
    b = dr.double_majority_bounds(p, pops[: len(p)])
    assert 0.0 <= b.lower <= b.upper <= 1.0
    assert dr.unanimity_probability(p) <= b.upper + 1e-12
    assert b.lower <= dr.quota_probability(p, dr.member_quota(len(p))) + 1e-12


# --- error paths ----------------------------------------------------------------------------
@pytest.mark.parametrize("bad", [[1.2], [-0.1], [float("nan")], [[0.5, 0.5]], [], "x"])
def test_bad_acceptance_probabilities_are_rejected_by_name(bad):
    with pytest.raises(ValueError, match="accept"):
        dr.unanimity_probability(bad)


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="rule"):
        dr.pass_probability([0.5], "plurality")
    with pytest.raises(ValueError, match="correlation"):
        dr.pass_probability([0.5], "unanimity", 1.0)
    with pytest.raises(ValueError, match="correlation"):
        dr.pass_probability([0.5], "unanimity", -0.1)
    with pytest.raises(ValueError, match="population"):
        dr.double_majority_bounds([0.5, 0.5], [1.0])
    with pytest.raises(ValueError, match="population"):
        dr.double_majority_bounds([0.5, 0.5], [1.0, -2.0])
    with pytest.raises(ValueError, match="quota"):
        dr.quota_probability([0.5, 0.5], 3)
    with pytest.raises(ValueError, match="quota"):
        dr.quota_probability([0.5, 0.5], -1)
    with pytest.raises(ValueError, match="members"):
        dr.pass_curve(0.5, [0, 3], "unanimity")
    with pytest.raises(ValueError, match="members"):
        dr.pass_curve(0.5, [2.5], "unanimity")
    with pytest.raises(ValueError, match="n"):
        dr.majority_quota(-3)
    with pytest.raises(ValueError, match="resolution"):
        dr.double_majority_bounds([0.5], [1.0], resolution=0.5)


def test_ratification_errors_name_the_argument():
    with pytest.raises(ValueError, match="holdouts"):
        dr.full_ratification_cdf([1.0], 3, 10.0, holdouts=4)
    with pytest.raises(ValueError, match="mean_days"):
        dr.full_ratification_cdf([1.0], 3, 0.0)
    with pytest.raises(ValueError, match="days"):
        dr.full_ratification_cdf([-1.0], 3, 10.0)
    with pytest.raises(ValueError, match="members"):
        dr.full_ratification_cdf([1.0], 0, 10.0)
    with pytest.raises(ValueError, match="holdout_delay"):
        dr.full_ratification_cdf([1.0], 3, 10.0, 1, -5.0)
    with pytest.raises(ValueError, match="q"):
        dr.ratification_quantile(1.0, 3, 10.0)
    with pytest.raises(ValueError, match="days_by_member"):
        dr.slowest_member({})
    with pytest.raises(ValueError, match="Hungary"):
        dr.slowest_member({"Hungary": float("nan")})


@pytest.mark.parametrize("n, p", [(1, 0.3), (5, 0.9), (32, 0.97), (32, 0.0), (10, 1.0)])
def test_count_distribution_of_equal_members_is_binomial(n, p):
    expected = [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]
    assert dr.count_distribution(np.full(n, p)) == pytest.approx(expected, abs=1e-12)
    # and the general dynamic programme agrees once the members differ by a hair
    nudged = np.full(n, p)
    nudged[0] = min(max(p + 1e-12, 0.0), 1.0) if p < 1 else p - 1e-12
    assert dr.count_distribution(nudged) == pytest.approx(expected, abs=1e-9)


# --- the common shock at every correlation the API accepts (issue 20, item 1) --------------
def _shock_reference(p, n, k, rho):
    """P(at least k of n equal members accept) by adaptive quadrature (scipy.integrate.quad) over
    the common shock, split where the conditional probability steps."""
    from scipy import integrate
    from scipy.special import bdtrc, ndtr

    t, r, s = norm.ppf(p), math.sqrt(rho), math.sqrt(1 - rho)

    def f(z):
        return norm.pdf(z) * bdtrc(k - 1, n, ndtr((t - r * z) / s))

    c = t / r
    cuts = sorted({-12.0, 12.0, *(min(12.0, max(-12.0, c + j * s / r)) for j in (-12, -4, -1, 0, 1, 4, 12))})
    return sum(
        integrate.quad(f, a, b, epsabs=1e-13, epsrel=1e-12, limit=400)[0] for a, b in zip(cuts[:-1], cuts[1:]) if b > a
    )


@pytest.mark.parametrize("rho", [0.3, 0.5, 0.7, 0.9, 0.95, dr.MAX_CORRELATION])
def test_common_shock_is_accurate_to_1e_6_at_every_correlation(rho):
    sizes = np.arange(1, 61)
    for p in (0.01, 0.5, 0.9, 0.97, 0.999):
        for rule in dr.RULES:
            curve = dr.pass_curve(p, sizes, rule, rho)
            quotas = dr.rule_quotas(sizes, rule)
            for n in (1, 2, 5, 17, 32, 60):
                assert curve[n - 1] == pytest.approx(_shock_reference(p, n, quotas[n - 1], rho), abs=1e-6)
        # the general path (one member at a time) agrees with the reference too
        for n in (1, 7, 32):
            k = dr.rule_quota(n, "majority")
            assert dr.pass_probability(np.full(n, p), "majority", rho) == pytest.approx(
                _shock_reference(p, n, k, rho), abs=1e-6
            )


@pytest.mark.parametrize("rho", [0.9, 0.95, 0.99])
@pytest.mark.parametrize("p", [0.01, 0.3, 0.5, 0.97, 0.9999])
def test_common_shock_keeps_each_members_probability_at_high_correlation(p, rho):
    assert dr.pass_probability([p], "unanimity", rho) == pytest.approx(p, abs=1e-6)
    assert dr.pass_curve(p, [1], "majority", rho)[0] == pytest.approx(p, abs=1e-6)
    # members of different probabilities: each one's own chance, read as a one-member alliance
    mixed = [p, 0.2, 0.8]
    both = dr.pass_probability(mixed[:2], "unanimity", rho)
    assert both <= min(mixed[:2]) + 1e-9


def test_common_shock_matches_the_bivariate_normal_at_high_correlation():
    for p, rho in ((0.8, 0.9), (0.3, 0.95), (0.97, 0.99)):
        t = norm.ppf(p)
        both = multivariate_normal(mean=[0, 0], cov=[[1, rho], [rho, 1]]).cdf([t, t])
        assert dr.pass_probability([p, p], "unanimity", rho) == pytest.approx(both, abs=1e-6)


def test_correlation_above_the_maximum_is_rejected_by_name():
    with pytest.raises(ValueError, match=r"correlation must be at most 0.99"):
        dr.pass_curve(0.9, [3], "unanimity", 0.995)
    with pytest.raises(ValueError, match=r"correlation"):
        dr.pass_probability([0.9], "unanimity", 0.995)


# --- certain votes, and bounds shown as bounds (issue 20, item 2) --------------------------
@pytest.mark.parametrize("rho", [0.0, 0.3, 0.9, 0.99])
def test_certain_votes_give_exactly_zero_or_one(rho):
    rng = np.random.default_rng(3)
    for _ in range(20):
        votes = rng.integers(0, 2, size=int(rng.integers(1, 12))).astype(float)
        yes = int(votes.sum())
        n = votes.size
        expected = {
            "unanimity": yes == n,
            "majority": yes >= n // 2 + 1,
            "double_majority": yes >= dr.rule_quota(n, "double_majority"),
        }
        for rule in dr.RULES:
            value = dr.pass_probability(votes, rule, rho)
            assert value == float(expected[rule]) and value in (0.0, 1.0)
    for rule in dr.RULES:
        assert dr.pass_curve(1.0, np.arange(1, 61), rule, rho).tolist() == [1.0] * 60
        assert dr.pass_curve(0.0, np.arange(1, 61), rule, rho).tolist() == [0.0] * 60


def test_a_certain_double_majority_off_the_grid_is_exact():
    votes = [1] * 6 + [0] * 4
    pop = [0.65 / 6] * 6 + [0.35 / 4] * 4  # the yes side holds exactly 65%
    for rho in (0.0, 0.5, 0.99):
        assert dr.pass_probability(votes, "double_majority", rho, population=pop) == 1.0
    b = dr.double_majority_bounds(votes, pop)
    assert (b.lower, b.upper, b.exact, b.value) == (1.0, 1.0, True, 1.0)
    short = [0.6499 / 6] * 6 + [0.3501 / 4] * 4  # just under 65%, and 4 against: blocked
    assert dr.pass_probability(votes, "double_majority", population=short) == 0.0
    # three against cannot block: the population test is waived
    assert dr.pass_probability([1] * 7 + [0] * 3, "double_majority", population=[1] * 7 + [30] * 3) == 1.0


def test_a_double_majority_the_model_can_only_bound_is_not_shown_as_a_probability():
    p = np.full(10, 0.5)
    pop = [0.65 / 6] * 6 + [0.35 / 4] * 4  # off the 1e-4 grid: the bounds do not close
    b = dr.double_majority_bounds(p, pop)
    assert not b.exact and b.upper - b.lower > 1e-9 and b.width == b.upper - b.lower
    with pytest.raises(ValueError, match=r"only known to lie in \["):
        b.value
    with pytest.raises(ValueError, match=r"population: .*double_majority_bounds"):
        dr.pass_probability(p, "double_majority", population=pop)
    with pytest.raises(ValueError, match=r"only known to lie in"):
        dr.double_majority_probability(p, pop)
    # on the grid the bounds close, and the probability is given
    on_grid = [10] * 6 + [10] * 4
    assert dr.double_majority_bounds(p, on_grid).exact
    assert 0.0 < dr.pass_probability(p, "double_majority", population=on_grid) < 1.0


def test_rule_quotas_validates_its_sizes():
    with pytest.raises(ValueError, match="members"):
        dr.rule_quotas([0, -3, 2.5], "majority")
    with pytest.raises(ValueError, match="members"):
        dr.rule_quotas([], "majority")
    with pytest.raises(ValueError, match="members"):
        dr.rule_quotas(["3"], "majority")
