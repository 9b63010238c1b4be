"""From the core to the periphery: a chain of agreements as a tree of conditional probabilities.

Korybko's column (December 2025) predicts that if a Poland–Belarus "core" deal eases tensions on
the central front, "it is expected to lead to agreements on the peripheral fronts from the Arctic
to the Baltic Sea and from the Black Sea to the South Caucasus". This module turns that sequence
into numbers a reader can move:

* the chain has stages in order (by default the central deal, then the Arctic–Baltic front, then
  the Black Sea–South Caucasus front);
* stage ``k`` succeeds with probability ``p_k`` **given that every earlier stage succeeded** (a
  conditional probability, set by the reader);
* a failed stage ends the chain: the article's sequencing makes each later front depend on the
  one before. An optional ``without_core`` probability lets a peripheral front be settled on its
  own after the chain has stopped (the counter-view that regional arrangements can stand alone).

The chance that the whole architecture is built is the product of the conditional probabilities
(the chain rule of probability). Every conditional probability is an assumption: nobody can
measure the chance of a treaty that has not been negotiated.

All functions are pure and validate their arguments; a bad one raises :class:`ValueError` naming
it.

What the model leaves out: feedback (a peripheral deal could rescue a stalled core), timing
(stages take years and the world changes meanwhile), partial agreements, and the fact that the
probabilities themselves would move with events such as the end of the war in Ukraine.

References
----------
Feller, W. (1968). *An Introduction to Probability Theory and Its Applications*, vol. 1, 3rd ed.
Wiley, ch. V (conditional probability; the multiplication rule
P(A1 A2 ... An) = P(A1) P(A2 | A1) ... P(An | A1 ... An-1)).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import comb
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as check

#: The article's three stages, in its order.
STAGES: tuple[str, ...] = ("Central deal (Poland–Belarus)", "Arctic–Baltic", "Black Sea–South Caucasus")
SHORT_STAGES: tuple[str, ...] = ("Central deal", "Arctic–Baltic", "Black Sea–S. Caucasus")


@dataclass(frozen=True)
class Defaults:
    """The picture both front ends open on. Every value is an illustrative assumption."""

    core: float = 0.30
    arctic_baltic: float = 0.60
    black_sea: float = 0.50
    without_core: float = 0.0

    def __post_init__(self) -> None:
        check.fields(self, probabilities=("core", "arctic_baltic", "black_sea", "without_core"))

    @property
    def conditional(self) -> tuple[float, float, float]:
        """The three conditional probabilities in the chain's order."""
        return (self.core, self.arctic_baltic, self.black_sea)


DEFAULTS = Defaults()


def _chain(conditional: ArrayLike) -> np.ndarray:
    return check.probabilities(conditional, "conditional")


def architecture_probability(conditional: ArrayLike) -> float:
    """Probability that every stage of the chain succeeds.

    Parameters
    ----------
    conditional : array_like of float in [0, 1]
        ``conditional[k]`` is the probability that stage ``k`` succeeds given that stages
        ``0 .. k-1`` all succeeded.

    Returns
    -------
    float
        The product of the conditional probabilities. With the defaults (0.30, 0.60, 0.50)
        this is 0.09.

    Raises
    ------
    ValueError
        If ``conditional`` is empty, not 1-D, or holds a value outside [0, 1].

    References
    ----------
    The multiplication rule of conditional probability (Feller 1968, ch. V).
    """
    return float(np.prod(_chain(conditional)))


def reach_probabilities(conditional: ArrayLike) -> np.ndarray:
    """Probability that the chain gets through each stage: the running products.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Entry ``k`` is P(stages 0..k all succeed); the last entry is
        :func:`architecture_probability`.

    Raises
    ------
    ValueError
        If ``conditional`` is invalid (see :func:`architecture_probability`).
    """
    return np.cumprod(_chain(conditional))


class Outcomes(NamedTuple):
    """Where the chain ends. ``stopped_at[k]`` is P(stages before ``k`` succeed and stage ``k``
    fails); ``complete`` is P(every stage succeeds). They add up to one."""

    stopped_at: np.ndarray
    complete: float


def chain_outcomes(conditional: ArrayLike) -> Outcomes:
    """Probability of each way the chain can end (the leaves of the tree).

    Parameters
    ----------
    conditional : array_like of float in [0, 1]
        Conditional success probabilities, in the chain's order.

    Returns
    -------
    Outcomes
        ``stopped_at[k] = reach[k-1] * (1 - conditional[k])`` (with ``reach[-1] = 1``) and
        ``complete = reach[n-1]``.

    Raises
    ------
    ValueError
        If ``conditional`` is invalid.
    """
    p = _chain(conditional)
    reach = np.cumprod(p)
    before = np.concatenate([[1.0], reach[:-1]])
    return Outcomes(before * (1.0 - p), float(reach[-1]))


def fronts_distribution(conditional: ArrayLike, without_core: float = 0.0) -> np.ndarray:
    """Distribution of the number of stages that end in an agreement.

    In the pure chain (``without_core = 0``) a stage can only succeed if every earlier stage did,
    so the number settled is ``k`` exactly when the chain stops at stage ``k``. With
    ``without_core > 0``, each stage *after* the point where the chain stopped is still settled
    on its own, independently, with probability ``without_core`` (an assumption for the view that
    regional arrangements such as the Black Sea mine-clearing group need no central deal).

    Parameters
    ----------
    conditional : array_like of float in [0, 1]
        Conditional success probabilities of the chain.
    without_core : float in [0, 1]
        Probability that a stage left behind by a stopped chain is settled anyway.

    Returns
    -------
    numpy.ndarray, shape (n + 1,)
        Entry ``k`` is the probability that exactly ``k`` stages are settled.

    Raises
    ------
    ValueError
        If ``conditional`` or ``without_core`` is out of range.
    """
    p = _chain(conditional)
    q = check.probability(without_core, "without_core")
    n = p.size
    stop = chain_outcomes(p)
    dist = np.zeros(n + 1)
    dist[n] += stop.complete
    for k in range(n):  # chain stopped at stage k: k settled, plus Binomial(n - k - 1, q) later
        left = n - k - 1
        extra = np.array([_binom_pmf(left, j, q) for j in range(left + 1)])
        dist[k : k + left + 1] += stop.stopped_at[k] * extra
    return dist


def _binom_pmf(n: int, k: int, q: float) -> float:
    return comb(n, k) * q**k * (1.0 - q) ** (n - k)


def expected_fronts(conditional: ArrayLike, without_core: float = 0.0) -> float:
    """Expected number of stages settled (the mean of :func:`fronts_distribution`).

    For the pure chain this is the sum of the running products ``sum(reach)``.
    """
    dist = fronts_distribution(conditional, without_core)
    return float(np.arange(dist.size) @ dist)


def required_stage_probability(target: float, stages: int) -> float:
    """The probability each stage would need, if all were equal, for the whole chain to succeed
    with probability ``target``: ``target ** (1 / stages)``.

    Parameters
    ----------
    target : float in (0, 1]
        Wanted probability of the whole architecture.
    stages : int >= 1
        Number of stages in the chain.

    Raises
    ------
    ValueError
        If ``target`` is not in (0, 1] or ``stages`` is not a whole number >= 1.
    """
    target = check.probability(target, "target")
    if target == 0.0:
        raise ValueError(f"target must be greater than 0, got {target!r}")
    stages = check.count(stages, "stages", minimum=1)
    return float(target ** (1.0 / stages))


def stage_labels(names: Sequence[str] | None = None, n: int = 3) -> tuple[str, ...]:
    """Names for ``n`` stages: the article's three by default.

    Raises
    ------
    ValueError
        If ``n`` is not a whole number >= 1, or ``names`` is not a sequence of ``n`` strings.
    """
    n = check.count(n, "n", minimum=1)
    if names is not None and (
        isinstance(names, str) or not isinstance(names, Sequence) or not all(isinstance(x, str) for x in names)
    ):
        raise ValueError(f"names must be a sequence of strings, one per stage, got {names!r}")
    if names is None:
        if n > len(STAGES):
            return tuple(f"Stage {k + 1}" for k in range(n))
        return STAGES[:n]
    if len(names) != n:
        raise ValueError(f"names must have one entry per stage ({n}), got {len(names)}")
    return tuple(names)
