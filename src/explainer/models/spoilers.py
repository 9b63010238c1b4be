"""Spoilers: how long does an agreement last when members can block it or later undo it?

Korybko's column (December 2025) warns that "some NATO members could block or subsequently
reverse" US-mediated talks on a NATO–Russia non-aggression pact. This module puts numbers on
both halves of that sentence, reusing chapter 1's decision-rule code
(:mod:`explainer.models.decision_rules`) rather than writing it again:

* **Blocking (adoption).** Each of ``N`` members accepts with its own probability; the agreement
  is adopted with :func:`explainer.models.decision_rules.pass_probability` under consensus or a
  majority rule.
* **Reversing (survival).** After adoption, each member turns against the agreement in any given
  year with its own yearly probability ``h_i``, independently, and **stays against it** (an
  assumption: a government that has turned does not turn back within the horizon). By year ``t``
  member ``i`` has turned with probability ``1 - (1 - h_i) ** t``, and the number who have
  turned follows a Poisson-binomial distribution
  (:func:`explainer.models.decision_rules.quota_probability`).

What it takes to reverse is **the model's central assumption**, and it is a choice the reader
makes (``reversal``):

``"continuing_consent"`` (default; the article's reading)
    The agreement lives only while the rule that adopted it is still met: every step of
    implementation, renewal or review needs the same rule again. Under consensus a single member
    that turns can end it (by blocking the next step or walking away); under a simple majority it
    takes enough members to break the majority, ``N - quota + 1`` of them (16 of 32).
``"rescission"`` (the formal reading of NATO's rules)
    A decision, once taken, stands until the same rule takes a new decision to undo it. Under
    consensus every member must want to undo it (``N`` of them); under a majority, a majority
    (17 of 32).

So consensus cuts both ways. It always makes adoption harder. Under continuing consent it also
makes the agreement fragile, since one spoiler ends it; under rescission it makes the agreement
very hard to undo. Which reading fits a NATO–Russia pact depends on whether the pact needs
continuing decisions (it would: exercises, deployments and reviews are decided year by year) and
on whether a single ally can defect in practice (it can, for whatever it controls on its own
territory).

All functions are pure, deterministic and validated; a bad argument raises :class:`ValueError`
naming it.

What the model leaves out: members turning back in favour, members that influence one another
(a common shock, as in chapter 1, would make spoilers arrive together), partial reversal, and the
other party (Russia) ending the agreement, which no alliance rule can prevent.

References
----------
Tsebelis, G. (2002). *Veto Players: How Political Institutions Work*. Princeton University Press
(the more veto players, the more stable the status quo, whether that is no agreement or an
agreement once made).
Kalbfleisch, J. D. and Prentice, R. L. (2002). *The Statistical Analysis of Failure Time Data*,
2nd ed. Wiley (survival functions and discrete hazards).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as check
from . import decision_rules as dr

Rule = Literal["unanimity", "majority"]
Reversal = Literal["continuing_consent", "rescission"]
RULES: tuple[Rule, ...] = ("unanimity", "majority")
REVERSALS: tuple[Reversal, ...] = ("continuing_consent", "rescission")
REVERSAL_LABELS: dict[str, str] = {
    "continuing_consent": "Continuing consent: the adopting rule must keep holding",
    "rescission": "Rescission: undoing needs a new decision under the same rule",
}


@dataclass(frozen=True)
class Defaults:
    """The picture both front ends open on. ``members`` is NATO's 32 allies (since 7 March
    2024); every other value is an illustrative assumption the reader can move."""

    members: int = 32
    accept: float = 0.97
    defect: float = 0.02
    spoilers: int = 0
    spoiler_defect: float = 0.20
    horizon: int = 30
    reversal: Reversal = "continuing_consent"

    def __post_init__(self) -> None:
        check.fields(
            self,
            probabilities=("accept", "defect", "spoiler_defect"),
            counts={"members": 1, "spoilers": 0, "horizon": 1},
            choices={"reversal": REVERSALS},
        )
        if self.spoilers > self.members:
            raise ValueError(f"spoilers ({self.spoilers}) cannot exceed members ({self.members})")


DEFAULTS = Defaults()


def _rule(rule: str) -> str:
    if not isinstance(rule, str) or rule not in RULES:
        raise ValueError(f"rule must be one of {', '.join(RULES)}; got {rule!r}")
    return rule


def _reversal(reversal: str) -> str:
    if not isinstance(reversal, str) or reversal not in REVERSALS:
        raise ValueError(f"reversal must be one of {', '.join(REVERSALS)}; got {reversal!r}")
    return reversal


def _years(years: ArrayLike) -> np.ndarray:
    t = check.finite_array(years, "years")
    bad = (t < 0) | (t != np.round(t))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"years must hold whole years >= 0; entry {i} is {t[i]!r}")
    return t


def member_hazards(members: int, defect: float, spoilers: int = 0, spoiler_defect: float = 0.0) -> np.ndarray:
    """Yearly probabilities of turning against the agreement, one per member.

    Parameters
    ----------
    members : int >= 1
        Number of members.
    defect : float in [0, 1]
        Yearly probability for an ordinary member.
    spoilers : int in [0, members]
        Members more hostile than the rest.
    spoiler_defect : float in [0, 1]
        Their yearly probability.

    Raises
    ------
    ValueError
        For a count that is not a whole number, more spoilers than members, or a probability
        outside [0, 1].
    """
    members = check.count(members, "members", minimum=1)
    defect = check.probability(defect, "defect")
    spoilers = check.count(spoilers, "spoilers")
    if spoilers > members:
        raise ValueError(f"spoilers ({spoilers}) cannot exceed members ({members})")
    spoiler_defect = check.probability(spoiler_defect, "spoiler_defect")
    return np.concatenate([np.full(spoilers, spoiler_defect), np.full(members - spoilers, defect)])


def reversal_threshold(members: int, rule: Rule = "unanimity", reversal: Reversal = "continuing_consent") -> int:
    """How many members must have turned against the agreement for it to end.

    Under ``"continuing_consent"`` the agreement ends once fewer than ``quota`` members still
    support it, i.e. once ``members - quota + 1`` have turned (1 under consensus; 16 of 32 under
    a simple majority). Under ``"rescission"`` it ends once ``quota`` members want it undone
    (all 32 under consensus; 17 of 32 under a majority). ``quota`` is chapter 1's
    :func:`explainer.models.decision_rules.rule_quota`.

    Raises
    ------
    ValueError
        For an unknown rule or reversal, or ``members`` not a whole number >= 1.
    """
    members = check.count(members, "members", minimum=1)
    quota = dr.rule_quota(members, _rule(rule))
    if _reversal(reversal) == "continuing_consent":
        return members - quota + 1
    return quota


def survival(
    hazards: ArrayLike, years: ArrayLike, rule: Rule = "unanimity", reversal: Reversal = "continuing_consent"
) -> np.ndarray:
    """Probability that an adopted agreement is still in force after each of ``years``.

    The agreement ends in the first year in which the number of members who have turned
    against it reaches :func:`reversal_threshold`. Turning is permanent, so the count only
    grows and the survival to year ``t`` is P(count at ``t`` < threshold), computed exactly with
    chapter 1's Poisson-binomial code.

    Parameters
    ----------
    hazards : array_like of float in [0, 1]
        Each member's yearly probability of turning (see :func:`member_hazards`).
    years : array_like of whole numbers >= 0
        Years since adoption.
    rule : {"unanimity", "majority"}
        The rule that adopted the agreement.
    reversal : {"continuing_consent", "rescission"}
        What it takes to undo it (see the module docstring).

    Returns
    -------
    numpy.ndarray
        One survival probability per entry of ``years``, non-increasing in ``years``. Under
        consensus with continuing consent and equal members it is ``(1 - h) ** (N * t)``.

    Raises
    ------
    ValueError
        For invalid hazards, years, rule or reversal.

    References
    ----------
    Kalbfleisch and Prentice (2002): the survival function S(t) = P(T > t).
    """
    return survival_from_distribution(turned_distribution(hazards, years), rule, reversal)


def turned_distribution(hazards: ArrayLike, years: ArrayLike) -> np.ndarray:
    """Distribution of the number of members who have turned against the agreement by each year.

    Member ``i`` has turned by year ``t`` with probability ``1 - (1 - h_i) ** t``; the count is
    Poisson-binomial, computed with chapter 1's code
    (:func:`explainer.models.decision_rules.kinds_count_distributions`, members with the same
    hazard taken together).

    Returns
    -------
    numpy.ndarray, shape (len(years), N + 1)
        Row ``j``, column ``k``: P(exactly ``k`` members have turned by ``years[j]``).

    Raises
    ------
    ValueError
        For invalid hazards or years.
    """
    h = check.probabilities(hazards, "hazards")
    t = _years(years)
    kinds, counts = np.unique(h, return_counts=True)  # members alike in hazard are one kind
    with np.errstate(divide="ignore", invalid="ignore"):
        turned = -np.expm1(t[:, None] * np.log1p(-kinds)[None, :])  # rows: years; columns: kinds
    turned[t <= 0, :] = 0.0
    return dr.kinds_count_distributions(np.clip(np.nan_to_num(turned, nan=1.0), 0.0, 1.0), counts)


def survival_from_distribution(
    distribution: ArrayLike, rule: Rule = "unanimity", reversal: Reversal = "continuing_consent"
) -> np.ndarray:
    """Survival probabilities read off a :func:`turned_distribution` table: P(fewer than
    :func:`reversal_threshold` members have turned) in each row.

    Raises
    ------
    ValueError
        If ``distribution`` is not a 2-D table of probabilities, or for an unknown rule or reversal.
    """
    return survival_lines(distribution, [(rule, reversal)])[0]


def survival_lines(distribution: ArrayLike, lines) -> np.ndarray:
    """:func:`survival_from_distribution` for several ``(rule, reversal)`` pairs at once, read off
    one table with one cumulative sum (the live panel draws four lines from it).

    Returns
    -------
    numpy.ndarray, shape (len(lines), rows of ``distribution``)
        Row ``i``: the survival curve of ``lines[i]``.

    Raises
    ------
    ValueError
        If ``distribution`` is not a 2-D table of probabilities, or for an unknown rule or reversal.
    """
    dist = check.finite_array(distribution, "distribution", ndim=2)
    if dist.shape[1] < 2 or (dist < -1e-12).any():
        raise ValueError(
            f"distribution must be a 2-D table of probabilities with N + 1 >= 2 columns, got shape {dist.shape}"
        )
    sums = dist.sum(axis=1)
    off = np.flatnonzero(np.abs(sums - 1.0) > 1e-9)
    if off.size:
        raise ValueError(
            f"distribution must have rows that sum to 1 (one distribution per year); "
            f"row {int(off[0])} sums to {float(sums[off[0]])!r}"
        )
    if (
        isinstance(lines, str)
        or not isinstance(lines, (list, tuple))
        or not lines
        or not all(isinstance(x, (list, tuple)) and len(x) == 2 for x in lines)
    ):
        raise ValueError(f"lines must be a non-empty list of (rule, reversal) pairs, got {lines!r}")
    members = dist.shape[1] - 1
    # P(fewer than k turned) is the cumulative sum up to column k - 1 (thresholds are 1..N)
    columns = [reversal_threshold(members, rule, reversal) - 1 for rule, reversal in lines]
    return np.clip(np.cumsum(dist, axis=1).T[columns], 0.0, 1.0)


def adoption_probability(accept: ArrayLike, rule: Rule = "unanimity") -> float:
    """Probability that the agreement is adopted at all: chapter 1's
    :func:`explainer.models.decision_rules.pass_probability` (members independent)."""
    return dr.pass_probability(accept, _rule(rule))


def in_force(
    accept: ArrayLike,
    hazards: ArrayLike,
    years: ArrayLike,
    rule: Rule = "unanimity",
    reversal: Reversal = "continuing_consent",
) -> np.ndarray:
    """Probability that the agreement is adopted **and** still in force after each of ``years``:
    ``adoption_probability(accept, rule) * survival(hazards, years, rule, reversal)``.

    Raises
    ------
    ValueError
        If ``accept`` and ``hazards`` have different lengths, or any argument is invalid.
    """
    p = check.probabilities(accept, "accept")
    h = check.probabilities(hazards, "hazards")
    if p.size != h.size:
        raise ValueError(f"accept and hazards must have one entry per member; got {p.size} and {h.size}")
    return adoption_probability(p, rule) * survival(h, years, rule, reversal)


def expected_years(
    hazards: ArrayLike, rule: Rule = "unanimity", reversal: Reversal = "continuing_consent", horizon: int = 30
) -> float:
    """Expected number of whole years an adopted agreement lasts, counted up to ``horizon``:
    ``sum(S(t) for t in 1..horizon)`` (the discrete restricted mean survival time).

    Under consensus with continuing consent and equal members, with ``s = (1 - h) ** N`` the
    chance of getting through one year, this is the geometric sum ``s (1 - s**horizon) / (1 - s)``.

    Raises
    ------
    ValueError
        For invalid hazards, rule, reversal or a horizon that is not a whole number >= 1.
    """
    horizon = check.count(horizon, "horizon", minimum=1)
    return float(survival(hazards, np.arange(1, horizon + 1), rule, reversal).sum())


def median_years(
    hazards: ArrayLike, rule: Rule = "unanimity", reversal: Reversal = "continuing_consent", horizon: int = 200
) -> float:
    """First whole year at whose end the agreement is more likely gone than not
    (``S(t) < 0.5``), or ``inf`` if it survives beyond ``horizon`` years with probability >= 0.5.

    Raises
    ------
    ValueError
        For invalid hazards, rule, reversal or horizon.
    """
    horizon = check.count(horizon, "horizon", minimum=1)
    s = survival(hazards, np.arange(0, horizon + 1), rule, reversal)
    below = np.flatnonzero(s < 0.5)
    return float(below[0]) if below.size else float("inf")
