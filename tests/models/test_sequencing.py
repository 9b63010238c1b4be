"""Model A of chapter 5: a chain of agreements as a tree of conditional probabilities."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer.models import sequencing as sq

prob = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
chains = st.lists(prob, min_size=1, max_size=6)


def test_defaults_by_hand():
    assert sq.architecture_probability(sq.DEFAULTS.conditional) == pytest.approx(0.09)
    out = sq.chain_outcomes(sq.DEFAULTS.conditional)
    # stop at the core 0.7; after the core 0.3*0.4 = 0.12; after Arctic-Baltic 0.18*0.5 = 0.09
    assert np.allclose(out.stopped_at, [0.7, 0.12, 0.09])
    assert out.complete == pytest.approx(0.09)
    assert np.allclose(sq.reach_probabilities([0.3, 0.6, 0.5]), [0.3, 0.18, 0.09])
    assert sq.expected_fronts([0.3, 0.6, 0.5]) == pytest.approx(0.3 + 0.18 + 0.09)


def test_exercise_values():
    out = sq.chain_outcomes([0.5, 0.8, 0.8])
    assert np.allclose(out.stopped_at, [0.5, 0.1, 0.08]) and out.complete == pytest.approx(0.32)


def test_without_core_by_hand():
    # two stages, p = (0.5, 0.5), q = 0.2: stop at 0 (0.5) -> stage 2 alone with 0.2
    dist = sq.fronts_distribution([0.5, 0.5], 0.2)
    assert np.allclose(dist, [0.5 * 0.8, 0.5 * 0.2 + 0.25, 0.25])
    assert np.allclose(sq.fronts_distribution([0.3, 0.6, 0.5]), [0.7, 0.12, 0.09, 0.09])


def test_required_stage_probability_closed_form():
    assert sq.required_stage_probability(0.5, 3) == pytest.approx(0.5 ** (1 / 3))
    assert sq.required_stage_probability(1.0, 4) == 1.0
    assert sq.architecture_probability([sq.required_stage_probability(0.3, 5)] * 5) == pytest.approx(0.3)


@given(chains)
def test_outcomes_are_a_distribution(p):
    out = sq.chain_outcomes(p)
    assert (out.stopped_at >= -1e-15).all()
    assert out.stopped_at.sum() + out.complete == pytest.approx(1.0)
    assert out.complete == pytest.approx(sq.architecture_probability(p))


@given(chains, prob)
def test_fronts_distribution_sums_to_one_and_helps_with_q(p, q):
    dist = sq.fronts_distribution(p, q)
    assert dist.sum() == pytest.approx(1.0)
    assert (dist >= -1e-15).all()
    assert dist[-1] == pytest.approx(sq.architecture_probability(p))
    assert sq.expected_fronts(p, q) >= sq.expected_fronts(p) - 1e-12


@given(chains)
def test_reach_is_non_increasing_and_whole_is_below_each_step(p):
    reach = sq.reach_probabilities(p)
    assert (np.diff(reach) <= 1e-15).all()
    assert sq.architecture_probability(p) <= min(p) + 1e-15


@given(chains, st.integers(min_value=0, max_value=5), prob)
def test_raising_a_step_never_lowers_the_whole(p, k, delta):
    k = k % len(p)
    higher = list(p)
    higher[k] = min(1.0, p[k] + delta)
    assert sq.architecture_probability(higher) >= sq.architecture_probability(p) - 1e-15


@pytest.mark.parametrize("bad", [[], [0.5, 1.2], [-0.1], [[0.5]], ["x"], [np.nan]])
def test_bad_conditional_is_rejected(bad):
    with pytest.raises(ValueError, match="conditional"):
        sq.architecture_probability(bad)
    with pytest.raises(ValueError, match="conditional"):
        sq.chain_outcomes(bad)


def test_other_errors():
    with pytest.raises(ValueError, match="without_core"):
        sq.fronts_distribution([0.5], 1.5)
    with pytest.raises(ValueError, match="target"):
        sq.required_stage_probability(0.0, 3)
    with pytest.raises(ValueError, match="target"):
        sq.required_stage_probability(1.1, 3)
    with pytest.raises(ValueError, match="stages"):
        sq.required_stage_probability(0.5, 0)
    with pytest.raises(ValueError, match="names"):
        sq.stage_labels(["a"], 2)
    assert sq.stage_labels() == sq.STAGES
    assert sq.stage_labels(n=4)[-1] == "Stage 4"
