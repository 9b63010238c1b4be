"""How hard is it for an alliance to say yes? Decision rules and ratification delays.

The article (Korybko's column with its blog editor's introduction, December 2025) argues that NATO
"is said to operate on the basis of consensus", unlike the EU with its "qualified majority", and
that accession "requires unanimity" and national parliaments. This module turns those rules into
numbers a reader can move:

* **Model A, passing a proposal.** Each member accepts with its own probability. The chance that
  the proposal passes under consensus (everyone accepts), a simple majority, or an EU-style double
  majority (55% of members holding 65% of the population, with the EU's blocking-minority clause).
  Members decide independently, or with correlated preferences through one common shock
  (a one-factor Gaussian model: a shared mood that moves every capital at once).
* **Model B, ratification.** Accession takes effect only when the *last* member has ratified, so
  the waiting time is the maximum of the members' times: one holdout sets the date.

All functions are pure: numbers in, numbers out, no plotting and no file access. Arguments are
validated at each public entry point and a bad one raises :class:`ValueError` naming it.

What the models leave out: bargaining and issue linkage (a holdout extracts concessions, as Türkiye
did in the June 2022 memorandum), agenda setting (a proposal that would fail is rarely tabled),
and the fact that consensus at NATO is reached by consultation, not by a vote.

References
----------
Tsebelis, G. (2002). *Veto Players: How Political Institutions Work*. Princeton University Press.
Council of the EU, "Qualified majority" (55% of member states, 65% of the population; a blocking
minority needs at least four members): https://www.consilium.europa.eu/en/council-eu/voting-system/qualified-majority/
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import bdtrc, gammaln, ndtr, ndtri, xlog1py, xlogy

from . import _validate as check

Rule = Literal["unanimity", "majority", "double_majority"]
RULES: tuple[Rule, ...] = ("unanimity", "majority", "double_majority")
RULE_LABELS: dict[str, str] = {
    "unanimity": "Consensus (every member must accept)",
    "majority": "Simple majority (more than half)",
    "double_majority": "EU-style double majority (55% of members, 65% of population)",
}

#: EU Council qualified majority: share of members, share of population, blocking minority size.
EU_MEMBER_SHARE = 0.55
EU_POPULATION_SHARE = 0.65
EU_BLOCKING_MINORITY = 4

_QUADRATURE_NODES = 96

#: Largest correlation the common-shock model accepts (1 would make the members one voter).
MAX_CORRELATION = 0.99
#: Accuracy promised by the common-shock integral (absolute, checked against adaptive quadrature).
SHOCK_ACCURACY = 1e-6
#: A double majority is reported as a probability only when its bounds are this close.
EXACT_WIDTH = 1e-9

# The common-shock rule (see _shock_rule): the shock Z is integrated over [-_Z_MAX, _Z_MAX] (the
# normal mass beyond is 4e-18) by composite Gauss–Legendre panels: _Z_PANEL wide where only the
# normal density varies, and, where a member's conditional probability steps from 0 to 1, panels of
# fixed width in that probability's normal score x (_X_INNER for |x| < 3, _X_OUTER beyond).
_Z_MAX = 8.75
_Z_PANEL = 1.25
_X_INNER = 0.5
_X_OUTER = 1.5
_X_MAX = 9.0
_PANEL_NODES = 6


@dataclass(frozen=True)
class Defaults:
    """The picture both front ends open on. Every value is an illustrative assumption the
    reader can move, except ``members`` (NATO has 32 members since 7 March 2024) and
    ``ratifying_members`` (the 30 allies that ratified Finland's accession in 2022-23)."""

    accept: float = 0.97
    members: int = 32
    correlation: float = 0.0
    ratifying_members: int = 30
    holdouts: int = 2
    holdout_delay: float = 240.0

    def __post_init__(self) -> None:
        check.fields(self, probabilities=("accept",), counts={"members": 1, "ratifying_members": 1, "holdouts": 0})
        if check.probability(self.correlation, "correlation") > MAX_CORRELATION:
            raise ValueError(f"correlation must be at most {MAX_CORRELATION}, got {self.correlation!r}")
        check.positive(self.holdout_delay, "holdout_delay", allow_zero=True)
        if self.holdouts > self.ratifying_members:
            raise ValueError(f"holdouts ({self.holdouts}) cannot exceed ratifying_members ({self.ratifying_members})")


DEFAULTS = Defaults()


# ---------------------------------------------------------------------------------------------
# Model A: independent members
# ---------------------------------------------------------------------------------------------
def unanimity_probability(accept: ArrayLike) -> float:
    """Probability that every member accepts (consensus), members deciding independently.

    Parameters
    ----------
    accept : array_like of float in [0, 1]
        Each member's probability of accepting the proposal.

    Returns
    -------
    float
        ``prod(accept)``. With 32 members each accepting with probability 0.97 this is
        ``0.97**32``, about 0.377.

    Raises
    ------
    ValueError
        If ``accept`` is not 1-D, is empty, or holds a value outside [0, 1].
    """
    p = check.probabilities(accept, "accept")
    return float(np.prod(p))


def count_distribution(accept: ArrayLike) -> np.ndarray:
    """Distribution of the number of members who accept (the Poisson-binomial distribution).

    Computed exactly by dynamic programming over members: after member ``i`` the vector holds
    P(k acceptances among the first ``i`` members).

    Parameters
    ----------
    accept : array_like of float in [0, 1]
        Each member's probability of accepting.

    Returns
    -------
    numpy.ndarray, shape (n + 1,)
        Entry ``k`` is the probability that exactly ``k`` of the ``n`` members accept.

    Raises
    ------
    ValueError
        If ``accept`` is not 1-D, is empty, or holds a value outside [0, 1].
    """
    p = check.probabilities(accept, "accept")
    if np.all(p == p[0]):
        # all members alike: the binomial distribution, computed in one vectorised step
        return _binomial_rows(p[:1], p.size)[0]
    return _count_table(p[None, :])[0]


def _count_table(p: np.ndarray) -> np.ndarray:
    """The member-by-member recursion behind :func:`count_distribution`, for every row of ``p``
    at once: after member ``i`` each row holds P(k acceptances among the first ``i`` members)."""
    dist = np.zeros((p.shape[0], p.shape[1] + 1))
    dist[:, 0] = 1.0
    for i in range(p.shape[1]):
        # the new count is the old count (member says no) or the old count + 1 (yes)
        pi = p[:, i : i + 1]
        dist[:, 1 : i + 2] = dist[:, 1 : i + 2] * (1.0 - pi) + dist[:, 0 : i + 1] * pi
        dist[:, 0] *= 1.0 - pi[:, 0]
    return dist


def count_distributions(accept_rows: ArrayLike) -> np.ndarray:
    """:func:`count_distribution` for many independent scenarios at once, one per row.

    Parameters
    ----------
    accept_rows : array_like, shape (rows, n)
        Row ``r`` holds each of ``n`` members' probability of accepting in scenario ``r``.

    Returns
    -------
    numpy.ndarray, shape (rows, n + 1)
        Row ``r``, entry ``k``: the probability that exactly ``k`` members accept in scenario ``r``.

    Raises
    ------
    ValueError
        If ``accept_rows`` is not a non-empty 2-D table of probabilities (naming the first bad cell).
    """
    return _count_table(check.probability_table(accept_rows, "accept_rows", "member"))


def kinds_count_distributions(kind_rows: ArrayLike, counts: ArrayLike) -> np.ndarray:
    """:func:`count_distributions` when members come in a few kinds (e.g. ordinary members and
    spoilers): the count is a sum of binomials, one per kind, so their distributions are convolved
    instead of adding members one at a time.

    Parameters
    ----------
    kind_rows : array_like, shape (rows, kinds)
        Row ``r`` holds the probability that a member of each kind accepts in scenario ``r``.
    counts : array_like of int >= 0, shape (kinds,)
        How many members there are of each kind (at least one member in all).

    Returns
    -------
    numpy.ndarray, shape (rows, sum(counts) + 1)
        The same table as ``count_distributions`` with each kind's column repeated ``counts`` times.

    Raises
    ------
    ValueError
        For a table that is not 2-D probabilities, or counts that do not match its columns.
    """
    p = check.probability_table(kind_rows, "kind_rows", "kind")
    k = np.asarray(counts)
    if k.shape != (p.shape[1],) or not np.issubdtype(k.dtype, np.integer) or (k < 0).any() or k.sum() < 1:
        raise ValueError(f"counts must be {p.shape[1]} whole numbers >= 0 with a positive sum, got {counts!r}")
    dist = np.ones((p.shape[0], 1))
    for column, n in zip(p.T, k.tolist()):
        if n:
            dist = _convolve_rows(dist, _binomial_rows(column, n))
    return dist


def _binomial_rows(p: np.ndarray, n: int) -> np.ndarray:
    """Binomial(n, p[r]) probabilities of 0..n successes, one row per entry of ``p``, computed in
    logs so that tiny probabilities neither overflow nor underflow on the way."""
    k = np.arange(n + 1)
    log_choose = gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)
    pr = p[:, None]
    return np.exp(log_choose + xlogy(k, pr) + xlog1py(n - k, -pr))


def _convolve_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-by-row convolution of two tables of distributions (the distribution of the sum)."""
    if b.shape[1] > a.shape[1]:
        a, b = b, a
    out = np.zeros((a.shape[0], a.shape[1] + b.shape[1] - 1))
    for j in range(b.shape[1]):
        out[:, j : j + a.shape[1]] += a * b[:, j : j + 1]
    return out


def quota_probability(accept: ArrayLike, quota: int) -> float:
    """Probability that at least ``quota`` members accept, members deciding independently.

    Parameters
    ----------
    accept : array_like of float in [0, 1]
        Each member's probability of accepting.
    quota : int
        Number of acceptances needed, between 0 and the number of members.

    Raises
    ------
    ValueError
        If ``accept`` is invalid or ``quota`` is not a whole number in [0, n].
    """
    dist = count_distribution(accept)
    n = dist.size - 1
    quota = check.count(quota, "quota")
    if quota > n:
        raise ValueError(f"quota must be at most the number of members ({n}), got {quota}")
    return float(np.clip(dist[quota:].sum(), 0.0, 1.0))


def majority_quota(n: int) -> int:
    """Smallest number of members that is more than half of ``n`` (simple majority)."""
    n = check.count(n, "n", minimum=1)
    return n // 2 + 1


def member_quota(n: int, share: float = EU_MEMBER_SHARE) -> int:
    """Smallest number of members that reaches ``share`` of ``n`` (15 of 27 for 55%)."""
    n = check.count(n, "n", minimum=1)
    share = check.probability(share, "member_share")
    return max(0, math.ceil(share * n - 1e-9))


def majority_probability(accept: ArrayLike) -> float:
    """Probability that more than half of the members accept, members deciding independently."""
    p = check.probabilities(accept, "accept")
    return quota_probability(p, majority_quota(p.size))


class Bounds(NamedTuple):
    """A probability known to lie between ``lower`` and ``upper``.

    Show both ends (or ``value`` when ``exact``): the midpoint :attr:`estimate` is not the
    probability unless the bounds have closed.
    """

    lower: float
    upper: float

    @property
    def exact(self) -> bool:
        """True when the bounds have closed (``upper - lower <= EXACT_WIDTH``, 1e-9)."""
        return self.upper - self.lower <= EXACT_WIDTH

    @property
    def width(self) -> float:
        """``upper - lower``: how far the model is from knowing the probability."""
        return self.upper - self.lower

    @property
    def value(self) -> float:
        """The probability, when the bounds have closed.

        Raises
        ------
        ValueError
            If the bounds are wider than ``EXACT_WIDTH``: then only ``lower`` and ``upper`` are
            known, and a single number would claim more than the model knows.
        """
        if not self.exact:
            raise ValueError(
                f"the probability is only known to lie in [{self.lower!r}, {self.upper!r}]; "
                "show the bounds (lower, upper) instead of one number"
            )
        return self.estimate

    @property
    def estimate(self) -> float:
        """The midpoint; it is within ``(upper - lower) / 2`` of the exact value. An estimate,
        not the probability, unless :attr:`exact`."""
        return 0.5 * (self.lower + self.upper)


def _double_majority_dp(p: np.ndarray, units: np.ndarray, threshold: int, quota: int, blocking: int) -> float:
    """P(pass) when populations are whole numbers of ``units`` and the bar is ``threshold``.

    State: (number of yes votes, population of the yes side, capped at ``threshold``).
    """
    n = p.size
    cap = threshold
    dist = np.zeros((n + 1, cap + 1))
    dist[0, 0] = 1.0
    for i, (pi, wi) in enumerate(zip(p, units)):
        wi = int(min(wi, cap))
        new = dist * (1.0 - pi)
        shifted = np.zeros_like(dist)
        # yes vote: count + 1, population + wi (saturating at the cap)
        if wi > 0:
            shifted[1 : i + 2, wi:] = dist[0 : i + 1, : cap + 1 - wi]
            shifted[1 : i + 2, cap] += dist[0 : i + 1, cap + 1 - wi :].sum(axis=1)
        else:
            shifted[1 : i + 2, :] = dist[0 : i + 1, :]
        new += shifted * pi
        dist = new
    counts = np.arange(n + 1)
    enough_members = counts >= quota
    few_against = (n - counts) < blocking
    total = dist[enough_members, cap].sum() + dist[enough_members & few_against, :cap].sum()
    return float(np.clip(total, 0.0, 1.0))


def double_majority_bounds(
    accept: ArrayLike,
    population: ArrayLike,
    member_share: float = EU_MEMBER_SHARE,
    population_share: float = EU_POPULATION_SHARE,
    blocking_minority: int = EU_BLOCKING_MINORITY,
    resolution: float = 1e-4,
) -> Bounds:
    """Probability that a proposal passes by an EU-style double majority, with proven bounds.

    A proposal passes when at least ``member_share`` of the members accept **and** they hold at
    least ``population_share`` of the total population, unless fewer than
    ``blocking_minority`` members are against, in which case the population test is waived
    (the EU's rule that a blocking minority needs at least four members).

    The population test is computed by dynamic programming over members with each member's
    population share expressed in whole multiples of ``resolution``. Rounding every share *down*
    can only make the test harder, and rounding *up* only easier, so the exact probability lies
    between the two results. When shares are already whole multiples of ``resolution`` (such as
    the Council's shares in hundredths of a percent with ``resolution=1e-4``), the bounds close.

    Parameters
    ----------
    accept : array_like of float in [0, 1]
        Each member's probability of accepting.
    population : array_like of float >= 0
        Each member's population (any unit; only shares matter).
    member_share, population_share : float in [0, 1]
        The two thresholds (0.55 and 0.65 in the EU Council).
    blocking_minority : int >= 1
        Fewest members that can block on population grounds (4 in the EU Council).
    resolution : float in (0, 0.01]
        Grid step for population shares.

    Returns
    -------
    Bounds
        ``lower <= exact <= upper``.

    Raises
    ------
    ValueError
        If any argument is out of range or ``population`` does not match ``accept`` in length.

    References
    ----------
    Council of the EU, "Qualified majority":
    https://www.consilium.europa.eu/en/council-eu/voting-system/qualified-majority/
    """
    p = check.probabilities(accept, "accept")
    w = check.weights(population, "population", p.size)
    quota = member_quota(p.size, member_share)
    population_share = check.probability(population_share, "population_share")
    blocking_minority = check.count(blocking_minority, "blocking_minority", minimum=1)
    resolution = check.positive(resolution, "resolution")
    if resolution > 0.01:
        raise ValueError(f"resolution must be at most 0.01, got {resolution!r}")
    certain = (p == 0.0) | (p == 1.0)
    if certain.all():
        # a certain vote: the yes side is known, so the test is one exact comparison of sums
        value = float(_certain_double_majority(p == 1.0, w, quota, population_share, blocking_minority))
        return Bounds(value, value)
    grid = round(1.0 / resolution)
    scaled = w / w.sum() * grid
    threshold = math.ceil(population_share * grid - 1e-9)
    floor_units = np.floor(scaled + 1e-9)
    ceil_units = np.ceil(scaled - 1e-9)
    if threshold == 0:
        lower = upper = quota_probability(p, quota)
        return Bounds(lower, upper)
    lower = _double_majority_dp(p, floor_units, threshold, quota, blocking_minority)
    if np.array_equal(floor_units, ceil_units):
        return Bounds(lower, lower)
    upper = _double_majority_dp(p, ceil_units, threshold, quota, blocking_minority)
    return Bounds(lower, max(lower, upper))


def _certain_double_majority(
    yes: np.ndarray, w: np.ndarray, quota: int, population_share: float, blocking: int
) -> bool:
    """Whether a known yes side passes: enough members, and enough population unless fewer than
    ``blocking`` are against. Sums are exact (``math.fsum``); a share that equals the bar up to
    the rounding of the inputs (relative 1e-12) reaches it, as the Council counts 65% as enough."""
    count = int(yes.sum())
    if count < quota:
        return False
    if yes.size - count < blocking:
        return True
    return math.fsum(w[yes]) >= population_share * math.fsum(w) * (1.0 - 1e-12)


def double_majority_probability(
    accept: ArrayLike,
    population: ArrayLike | None = None,
    **kwargs: float,
) -> float:
    """Double-majority pass probability, when :func:`double_majority_bounds` can give it.

    With ``population=None`` every member counts equally, so the rule becomes a head count:
    at least 55% of members, and 65% of them unless fewer than four are against.

    Raises
    ------
    ValueError
        For an invalid argument, or when the bounds have not closed (populations off the grid
        of ``resolution``): then call :func:`double_majority_bounds` and show both bounds.
    """
    p = check.probabilities(accept, "accept")
    if population is None:
        population = np.ones(p.size)
    return double_majority_bounds(p, population, **kwargs).value


def equal_member_quotas(
    n: int,
    member_share: float = EU_MEMBER_SHARE,
    population_share: float = EU_POPULATION_SHARE,
    blocking_minority: int = EU_BLOCKING_MINORITY,
) -> tuple[int, int]:
    """For ``n`` equal members, the double majority as two head counts.

    Returns ``(q_low, q_high)``: a proposal passes when at least ``q_high`` members accept, or
    at least ``q_low`` accept and fewer than ``blocking_minority`` are against.
    """
    n = check.count(n, "n", minimum=1)
    q_low = member_quota(n, member_share)
    q_pop = math.ceil(check.probability(population_share, "population_share") * n - 1e-9)
    q_high = max(q_low, q_pop)
    blocking_minority = check.count(blocking_minority, "blocking_minority", minimum=1)
    q_low = max(q_low, n - blocking_minority + 1)
    return min(q_low, q_high), q_high


def _rule_given_independent(p: np.ndarray, rule: str, population: np.ndarray | None) -> Bounds:
    """P(pass) for members deciding independently, one row of ``p`` per scenario: ``Bounds`` of
    arrays (equal ends except for a double majority by population off its grid)."""
    if rule == "unanimity":
        value = np.prod(p, axis=1)
    elif rule == "majority":
        value = _count_table(p)[:, majority_quota(p.shape[1]) :].sum(axis=1)
    elif population is None:
        q_low, q_high = equal_member_quotas(p.shape[1])
        value = _count_table(p)[:, q_low:].sum(axis=1) if q_low <= q_high else np.zeros(p.shape[0])
    else:
        rows = [double_majority_bounds(row, population) for row in p]
        return Bounds(np.array([b.lower for b in rows]), np.array([b.upper for b in rows]))
    value = np.clip(value, 0.0, 1.0)
    return Bounds(value, value)


def _check_correlation(correlation: float) -> float:
    rho = check.probability(correlation, "correlation")
    if rho > MAX_CORRELATION:
        raise ValueError(
            f"correlation must be at most {MAX_CORRELATION} (1 would make the members one single voter), got {rho!r}"
        )
    return rho


def _shock_rule(rho: float, t_low: float, t_high: float) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights for E[f(Z)], Z standard normal, when f steps with the conditional
    probabilities ``Phi((t - sqrt(rho) z) / sqrt(1 - rho))`` for thresholds t in [t_low, t_high].

    Composite Gauss–Legendre: panels ``_Z_PANEL`` wide in z carry the normal density; where a
    conditional probability moves (its score x in [-9, 9]) the panels are instead fixed in x
    (0.5 wide for |x| < 3, 1.5 beyond), which is where the integrand steps, however close the
    correlation is to 1. Accurate to about 1e-8 for alliances of up to 60 members (tested to 1e-6
    against adaptive quadrature).
    """
    return _shock_rule_cached(rho, t_low, t_high)


@lru_cache(maxsize=4)
def _legendre(nodes: int) -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(nodes)


@lru_cache(maxsize=32)
def _shock_rule_cached(rho: float, t_low: float, t_high: float) -> tuple[np.ndarray, np.ndarray]:
    r, s = math.sqrt(rho), math.sqrt(1.0 - rho)
    body = np.linspace(-_Z_MAX, _Z_MAX, int(math.ceil(2.0 * _Z_MAX / _Z_PANEL)) + 1)
    half = np.concatenate([np.arange(0.0, 3.0, _X_INNER), np.arange(3.0, _X_MAX + 1e-9, _X_OUTER)])
    xs = np.unique(np.concatenate([-half, half]))
    # x = (t - r z) / s, so z = (t - s x) / r: the grid of x for the lowest and highest thresholds,
    # and the lowest threshold's fine spacing over the whole range between them
    with np.errstate(over="ignore"):
        zx = np.concatenate([(t_low - s * xs) / r, (t_high - s * xs) / r])
    if t_high > t_low:
        step = _X_INNER * s / r
        zx = np.concatenate([zx, np.arange(t_low / r, t_high / r, step)])
    zx = zx[(zx > -_Z_MAX) & (zx < _Z_MAX)]
    if zx.size and s / r * _X_INNER < _Z_PANEL:
        body = body[(body < zx.min()) | (body > zx.max())]  # the x panels are the finer ones there
    cuts = np.unique(np.concatenate([body, zx, [-_Z_MAX, _Z_MAX]]))
    cuts = cuts[np.concatenate([[True], np.diff(cuts) > 1e-9])]
    x, w = _legendre(_PANEL_NODES)
    mid, half_width = 0.5 * (cuts[:-1] + cuts[1:]), 0.5 * np.diff(cuts)
    z = (mid[:, None] + half_width[:, None] * x[None, :]).ravel()
    weights = (half_width[:, None] * w[None, :]).ravel() * np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    z.setflags(write=False)
    weights.setflags(write=False)
    return z, weights


def _conditional(threshold: np.ndarray, rho: float, z: np.ndarray) -> np.ndarray:
    """Each member's probability of accepting given the common shock, one row per node."""
    with np.errstate(invalid="ignore"):
        return ndtr((threshold[None, :] - math.sqrt(rho) * z[:, None]) / math.sqrt(1.0 - rho))


def pass_probability(
    accept: ArrayLike,
    rule: Rule = "unanimity",
    correlation: float = 0.0,
    population: ArrayLike | None = None,
) -> float:
    """Probability that a proposal passes under ``rule``, with optionally correlated members.

    Correlation enters through one common shock (a one-factor Gaussian copula): member ``i``
    accepts when ``sqrt(rho) * Z + sqrt(1 - rho) * e_i <= Phi^-1(p_i)``, with ``Z`` and the
    ``e_i`` independent standard normals. Each member still accepts with probability ``p_i``,
    but the members now tend to move together. Given ``Z = z`` the members are independent,
    so the independent-member formulas apply inside an integral over ``z``, computed by
    composite Gauss–Legendre quadrature whose panels follow the steps of the integrand; it is
    accurate to ``SHOCK_ACCURACY`` (1e-6, in practice about 1e-8) at every correlation up to
    ``MAX_CORRELATION`` (0.99), and each member keeps its own ``p_i`` to that accuracy.

    A certain vote (every ``p_i`` 0 or 1) gives exactly 0.0 or 1.0, whatever the correlation.

    Parameters
    ----------
    accept : array_like of float in [0, 1]
        Each member's probability of accepting.
    rule : {"unanimity", "majority", "double_majority"}
        The decision rule.
    correlation : float in [0, 0.99]
        ``rho``, the share of each member's inclination that is common to all (an assumption).
    population : array_like, optional
        Populations for the double majority; ``None`` treats members as equal.

    Returns
    -------
    float in [0, 1]

    Raises
    ------
    ValueError
        For an unknown rule, a probability out of range, a correlation outside [0, 0.99], or a
        population of the wrong length; and for a double majority by population that the model
        can only bound (populations off :func:`double_majority_bounds`' grid, bounds wider than
        1e-9): the message gives the bounds; call :func:`double_majority_bounds` to show them.
    """
    p = check.probabilities(accept, "accept")
    if not isinstance(rule, str) or rule not in RULES:
        raise ValueError(f"rule must be one of {', '.join(RULES)}; got {rule!r}")
    rho = _check_correlation(correlation)
    pop = None if population is None else check.weights(population, "population", p.size)
    pop = pop if rule == "double_majority" else None
    certain = (p == 0.0) | (p == 1.0)
    if rho == 0.0 or certain.all():
        # independent members, or a certain vote, which no common shock can change
        bounds = _rule_given_independent(p[None, :], rule, pop)
        lower, upper = float(bounds.lower[0]), float(bounds.upper[0])
    else:
        with np.errstate(divide="ignore"):
            threshold = ndtri(p)  # +-inf for p = 1 or 0: the member always / never accepts
        live = threshold[~certain]
        z, wts = _shock_rule(rho, float(live.min()), float(live.max()))
        bounds = _rule_given_independent(_conditional(threshold, rho, z), rule, pop)
        lower = float(np.clip(wts @ bounds.lower, 0.0, 1.0))
        upper = float(np.clip(wts @ bounds.upper, 0.0, 1.0))
    result = Bounds(lower, upper)
    if not result.exact:
        raise ValueError(
            f"population: with these populations the double majority is only known to lie in "
            f"[{lower:.6g}, {upper:.6g}]; call double_majority_bounds(...) and show both bounds"
        )
    return result.estimate


@lru_cache(maxsize=8)
def _hermite_nodes(nodes: int) -> tuple[np.ndarray, np.ndarray]:
    z, w = np.polynomial.hermite_e.hermegauss(nodes)
    z.setflags(write=False)
    w = w / w.sum()
    w.setflags(write=False)
    return z, w


def common_shock_nodes(nodes: int = _QUADRATURE_NODES) -> tuple[np.ndarray, np.ndarray]:
    """Gauss–Hermite nodes and weights for a standard normal (weights sum to 1; computed once)."""
    return _hermite_nodes(check.count(nodes, "nodes", minimum=1))


def rule_quota(n: int, rule: Rule) -> int:
    """Fewest acceptances that pass a proposal among ``n`` equal members under ``rule``.

    Consensus needs all ``n``; a simple majority ``n // 2 + 1``; the double majority with equal
    members needs 65% of them, or 55% when fewer than four are against.
    """
    n = check.count(n, "n", minimum=1)
    if rule == "unanimity":
        return n
    if rule == "majority":
        return majority_quota(n)
    if rule == "double_majority":
        return equal_member_quotas(n)[0]
    raise ValueError(f"rule must be one of {', '.join(RULES)}; got {rule!r}")


def rule_quotas(members: ArrayLike, rule: Rule) -> np.ndarray:
    """:func:`rule_quota` for an array of whole sizes >= 1 at once (the same head counts).

    Raises
    ------
    ValueError
        For an unknown rule, or ``members`` that is not a non-empty 1-D sequence of whole
        numbers >= 1.
    """
    if not isinstance(rule, str) or rule not in RULES:
        raise ValueError(f"rule must be one of {', '.join(RULES)}; got {rule!r}")
    n = _sizes(members, "members").astype(int)
    if rule == "unanimity":
        return n.copy()
    if rule == "majority":
        return n // 2 + 1
    if rule == "double_majority":
        q_low = np.maximum(0, np.ceil(EU_MEMBER_SHARE * n - 1e-9)).astype(int)
        q_high = np.maximum(q_low, np.ceil(EU_POPULATION_SHARE * n - 1e-9).astype(int))
        q_low = np.maximum(q_low, n - EU_BLOCKING_MINORITY + 1)
        return np.minimum(q_low, q_high)
    raise ValueError(f"rule must be one of {', '.join(RULES)}; got {rule!r}")


def pass_curve(
    accept: float,
    members: ArrayLike,
    rule: Rule,
    correlation: float = 0.0,
) -> np.ndarray:
    """Pass probability for alliances of each size in ``members``, all members alike.

    With equal members the number who accept is binomial (given the common shock), so the whole
    curve comes from one vectorised binomial tail; it agrees with :func:`pass_probability`.

    Parameters
    ----------
    accept : float in [0, 1]
        Every member's probability of accepting.
    members : array_like of int >= 1
        Alliance sizes to evaluate.
    rule : {"unanimity", "majority", "double_majority"}
        The decision rule (members equal in size for the double majority).
    correlation : float in [0, 0.99]
        Strength of the common shock, as in :func:`pass_probability`.

    Raises
    ------
    ValueError
        For a probability out of range, a size that is not a whole number >= 1, or an unknown rule.
    """
    p = check.probability(accept, "accept")
    rho = _check_correlation(correlation)
    sizes = _sizes(members, "members")
    n = sizes.astype(int)
    quota = rule_quotas(n, rule)
    if p in (0.0, 1.0):
        # a certain vote: everyone accepts (every quota is met) or no one does
        return np.full(n.size, 1.0 if p == 1.0 else 0.0)
    # bdtrc(k, n, p) = P(more than k of n accept): the binomial tail as one fast ufunc
    if rho == 0.0:
        return np.clip(bdtrc(quota - 1, n, p), 0.0, 1.0)
    top = int(n.max())
    if top <= _TAIL_TABLE_MAX:
        table = _shock_tail_table(p, rho, max(top, 60))
        return np.clip(table[n - 1, quota], 0.0, 1.0)
    t = float(ndtri(p))
    z, wts = _shock_rule(rho, t, t)
    pz = _conditional(np.array([t]), rho, z)[:, 0]  # one value per node
    tails = bdtrc(quota[None, :] - 1, n[None, :], pz[:, None])
    return np.clip(wts @ tails, 0.0, 1.0)


#: Largest alliance whose common-shock pass curve comes from the tail table below.
_TAIL_TABLE_MAX = 256


@lru_cache(maxsize=4)
def _shock_tail_table(p: float, rho: float, size: int) -> np.ndarray:
    """``table[n - 1, k]`` = P(at least ``k`` of ``n`` equal members accept), integrated over the
    common shock, for every ``n <= size`` and ``k <= n + 1``: one recursion over ``n``
    (``P(X_n >= k) = q P(X_{n-1} >= k - 1) + (1 - q) P(X_{n-1} >= k)`` at each node's ``q``) serves
    every rule, so the three curves of a chart cost one table. Cached: a chart asks again for
    the same sliders."""
    t = float(ndtri(p))
    z, wts = _shock_rule(rho, t, t)
    q = _conditional(np.array([t]), rho, z)[:, 0]
    sure = q >= 1.0
    live = (q > 0.0) & ~sure
    q, w_live = q[live], wts[live]
    w_sure = float(wts[sure].sum())  # nodes where every member accepts: every tail is 1
    surv = np.zeros((size + 2, q.size))  # row k: P(X >= k) at each node, for the current n
    surv[0] = 1.0
    table = np.zeros((size, size + 2))
    for m in range(1, size + 1):
        # P(X_m >= k) = P(X_{m-1} >= k) + q (P(X_{m-1} >= k - 1) - P(X_{m-1} >= k)), k = 1..m
        step = surv[0:m] - surv[1 : m + 1]
        step *= q
        surv[1 : m + 1] += step
        table[m - 1, : m + 1] = surv[: m + 1] @ w_live
    table[:, : size + 1] += w_sure * (np.arange(size + 1)[None, :] <= np.arange(1, size + 1)[:, None])
    table.setflags(write=False)
    return table


def _sizes(members: ArrayLike, name: str) -> np.ndarray:
    """Alliance sizes: a non-empty 1-D array of whole numbers >= 1 (as floats)."""
    sizes = check.finite_array(members, name)
    bad = (sizes < 1) | (sizes != np.round(sizes))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{name} must hold whole numbers >= 1; entry {i} is {sizes[i]!r}")
    return sizes


# ---------------------------------------------------------------------------------------------
# Model B: ratification takes as long as the slowest member
# ---------------------------------------------------------------------------------------------
def full_ratification_cdf(
    days: ArrayLike,
    members: int,
    mean_days: float,
    holdouts: int = 0,
    holdout_delay: float = 0.0,
) -> np.ndarray:
    """Probability that every member has ratified within ``days``.

    Each ordinary member's time is exponential with mean ``mean_days`` (an assumption: most
    parliaments act within weeks, a few take months). A holdout adds ``holdout_delay`` days before
    its own exponential clock starts. Members act independently, so the probability that all
    have finished is the product of their distribution functions:
    ``F(t)**(members - holdouts) * F(t - delay)**holdouts``.

    Parameters
    ----------
    days : array_like of float >= 0
        Times since the accession protocol was signed.
    members : int >= 1
        Members that must ratify.
    mean_days : float > 0
        Mean time of an ordinary member.
    holdouts : int in [0, members]
        Members that wait before they start.
    holdout_delay : float >= 0
        The holdouts' extra wait, in days.

    Raises
    ------
    ValueError
        For a negative time, a non-positive mean, or more holdouts than members.
    """
    t = check.finite_array(days, "days", ndim=(0, 1))
    if (t < 0).any():
        raise ValueError(f"days must be a 1-D sequence of finite times >= 0, got {days!r}")
    members = check.count(members, "members", minimum=1)
    mean_days = check.positive(mean_days, "mean_days")
    holdouts = check.count(holdouts, "holdouts")
    if holdouts > members:
        raise ValueError(f"holdouts ({holdouts}) cannot exceed members ({members})")
    holdout_delay = check.positive(holdout_delay, "holdout_delay", allow_zero=True)
    ordinary = -np.expm1(-t / mean_days)
    late = np.where(t > holdout_delay, -np.expm1(-(t - holdout_delay) / mean_days), 0.0)
    return ordinary ** (members - holdouts) * late**holdouts


def expected_full_ratification_days(
    members: int, mean_days: float, holdouts: int = 0, holdout_delay: float = 0.0
) -> float:
    """Expected time until the last member ratifies: the integral of ``1 - CDF``.

    For ``holdouts = 0`` this is ``mean_days * H(members)`` with ``H`` the harmonic number, the
    classical expected maximum of independent exponentials (tested against that closed form).
    """
    members = check.count(members, "members", minimum=1)
    mean_days = check.positive(mean_days, "mean_days")
    holdout_delay = check.positive(holdout_delay, "holdout_delay", allow_zero=True)
    horizon = holdout_delay + mean_days * (40.0 + math.log(members))
    grid = np.linspace(0.0, horizon, 20001)
    survival = 1.0 - full_ratification_cdf(grid, members, mean_days, holdouts, holdout_delay)
    return float(np.trapezoid(survival, grid))


def ratification_quantile(
    q: float, members: int, mean_days: float, holdouts: int = 0, holdout_delay: float = 0.0
) -> float:
    """Days by which every member has ratified with probability ``q`` (e.g. the median)."""
    q = check.probability(q, "q")
    if q in (0.0, 1.0):
        raise ValueError(f"q must be strictly between 0 and 1, got {q!r}")
    members = check.count(members, "members", minimum=1)
    holdouts = check.count(holdouts, "holdouts")
    if holdouts > members:
        raise ValueError(f"holdouts ({holdouts}) cannot exceed members ({members})")
    mean_days = check.positive(mean_days, "mean_days")
    holdout_delay = check.positive(holdout_delay, "holdout_delay", allow_zero=True)
    if holdouts == 0 or holdout_delay == 0.0:
        # every clock starts at once: F(t) = (1 - exp(-t / mean))**members, inverted exactly
        return -mean_days * math.log1p(-(q ** (1.0 / members)))
    # invert the product of CDFs by bisection on the monotone CDF (60 halvings: far below a day)
    ordinary = members - holdouts
    lo, hi = 0.0, holdout_delay + mean_days * (50.0 + math.log(members))
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        late = -math.expm1(-(mid - holdout_delay) / mean_days) if mid > holdout_delay else 0.0
        if (-math.expm1(-mid / mean_days)) ** ordinary * late**holdouts < q:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


class Slowest(NamedTuple):
    """The member whose approval came last, and after how many days."""

    member: str
    days: float


def slowest_member(days_by_member: Mapping[str, float]) -> Slowest:
    """The member who ratified last: under unanimity, that member sets the date.

    Raises
    ------
    ValueError
        If the mapping is empty or a time is negative or missing.
    """
    if not isinstance(days_by_member, Mapping):
        raise ValueError(f"days_by_member must map each member to a time, got {days_by_member!r}")
    if not days_by_member:
        raise ValueError("days_by_member must name at least one member")
    for member, d in days_by_member.items():
        if check.finite(d, f"days_by_member[{member!r}]") < 0:
            raise ValueError(f"days_by_member[{member!r}] must be a time >= 0, got {d!r}")
    member = max(days_by_member, key=lambda m: days_by_member[m])
    return Slowest(member, float(days_by_member[member]))


def cumulative_approvals(days: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Step-chart coordinates: sorted approval times and how many members had approved by then."""
    t = check.finite_array(days, "days")
    if (t < 0).any():
        raise ValueError(f"days must be a non-empty 1-D sequence of times >= 0, got {days!r}")
    t = np.sort(t)
    return t, np.arange(1, t.size + 1)
