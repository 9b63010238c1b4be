"""Extended deterrence and a European ally's choice: balance, or accommodate?

The article (Korybko's December 2025 column) argues a chain: the US "return to Asia" and a drawdown
of US forces from Central and Eastern Europe make a US rescue "difficult to believe", so European
allies (the UK aside) become less willing to confront Russia, and a US-brokered pact follows. This
module turns that chain into a small model a reader can move. **Every parameter is an illustrative
assumption**, not an estimate: nobody can measure "credibility" on a scale from 0 to 1.

Step 1, credibility of the US commitment (:func:`credibility`). The chance, as an ally sees it,
that the United States would come to its defence. It has a floor (the treaty text and the nuclear
umbrella remain with no troops forward) and rises with forward presence through a *tripwire*
curve: Schelling's point that a small force on the spot commits its home country because an
attack would kill its soldiers, so the first troops matter most (Schelling 1960, 1966). The
curvature is a parameter: a small ``tripwire_scale`` means a token force already carries most of
the credibility; a large one means credibility grows in proportion to the force (a "deterrence by
denial" reading). Competing demand in Asia scales the presence effect down.

Step 2, the ally's best response (:func:`accommodation_advantage`). The ally compares two
options, each with a cost and an expected loss from the threat it faces:

* **balance** (rearm, harden, stay close to the United States): cost ``balance_cost``; the
  threat hurts only if the US does not come *and* the ally's own effort fails:
  loss = threat · (1 − C) · (1 − self_help);
* **accommodate** (seek a pact with the threatening power): cost ``accommodation_cost``
  (concessions); loss = threat · (1 − pact_reliability), where the reliability of a pact depends on
  the theory chosen.

The net advantage of accommodating is ``Δ = U(accommodate) − U(balance)``; the ally accommodates
when ``Δ > 0``. The **theory switch** changes two terms:

* ``"walt"``, balancing against threat (Walt 1985, 1987): a threatening power's promises are
  discounted by the threat itself, so the pact's effective reliability is
  ``pact_reliability · (1 − threat)``. The more threatening the neighbour, the less a pact with it
  is worth: states balance.
* ``"bandwagoning"`` (the rival hypothesis Walt tests, and the one the article's chain needs): a
  pact is taken at face value, reliability ``pact_reliability``; when the protector fades, the weak
  side accommodates the strong.
* ``"snyder"``, the alliance security dilemma (Snyder 1984): the ally weighs fear of
  *abandonment* (already in the (1 − C) term) against fear of *entrapment*: tying itself closely to
  a patron absorbed by a rivalry in Asia risks being drawn into that rivalry, a cost
  ``entrapment · asia`` of balancing. Pacts are taken at face value as under bandwagoning.

Written out (all terms defined above; ``r`` is the theory's effective pact reliability, ``E`` the
entrapment cost, zero except under Snyder)::

    Δ = (balance_cost − accommodation_cost) + threat · [(1 − C)(1 − self_help) − (1 − r)] + E

The article's conclusion (accommodation) holds where ``Δ > 0``. :func:`critical_credibility` solves
``Δ = 0`` for C in closed form: below that credibility, accommodating pays.

All functions are pure: numbers in, numbers out, no plotting or file access. Arguments are checked
at each public entry point; a bad one raises :class:`ValueError` naming it.

What the model leaves out: the adversary's own choice (whether Russia would honour or exploit a
pact), domestic politics, the allies' choices affecting each other (free riding, Olson and
Zeckhauser 1966), the difference between accommodation (a pact) and bandwagoning proper (joining the
stronger side), and time: rearmament takes years, a pact can be signed in months.

References
----------
Walt, S. M. (1985). Alliance formation and the balance of world power. *International Security*
9(4), 3-43. (``walt1985alliance``)
Walt, S. M. (1987). *The Origins of Alliances*. Cornell University Press. (``walt1987origins``)
Snyder, G. H. (1984). The security dilemma in alliance politics. *World Politics* 36(4), 461-495.
(``snyder1984security``)
Schelling, T. C. (1960). *The Strategy of Conflict*. Harvard University Press.
(``schelling1960strategy``)
Schelling, T. C. (1966). *Arms and Influence*. Yale University Press. (``schelling1966arms``)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as check

Theory = Literal["walt", "bandwagoning", "snyder"]
THEORIES: tuple[Theory, ...] = ("walt", "bandwagoning", "snyder")
THEORY_LABELS: dict[str, str] = {
    "walt": "Walt: balancing against threat",
    "bandwagoning": "Bandwagoning (the article's chain)",
    "snyder": "Snyder: abandonment vs entrapment",
}

#: Largest tripwire scale accepted; beyond it the curve is a straight line to many decimals.
MAX_TRIPWIRE_SCALE = 100.0


@dataclass(frozen=True)
class Defaults:
    """The picture both front ends open on. **Every value is an illustrative assumption** the
    reader can move; none is measured.

    Attributes
    ----------
    drawdown : float in [0, 1]
        Share of today's US forward presence withdrawn (0 = today, 1 = none left).
    asia : float in [0, 1]
        Competing US demand in Asia (0 = none, 1 = the most the model allows).
    floor : float in [0, 1]
        Credibility with no US troops forward (treaty text, nuclear umbrella).
    ceiling : float in [floor, 1]
        Credibility with today's presence and no competing demand.
    tripwire_scale : float in (0, 100]
        Curvature of the tripwire: small = a token force carries most of the credibility.
    asia_weight : float in [0, 1]
        How far full competing demand in Asia cuts the presence effect.
    threat : float in [0, 1]
        How threatening the ally finds Russia (the stake: loss if undefended).
    self_help : float in [0, 1]
        Share of the danger the ally's own rearmament removes if the US does not come.
    pact_reliability : float in [0, 1]
        How far a pact with Russia would reduce the danger, taken at face value.
    balance_cost, accommodation_cost : float in [0, 1]
        Costs of rearming, and of the concessions a pact requires, in the same units as the loss.
    entrapment : float in [0, 1]
        Snyder's fear of being drawn into a US conflict in Asia (used by the ``"snyder"`` theory).
    theory : str
        One of :data:`THEORIES`.
    """

    drawdown: float = 0.0
    asia: float = 0.5
    floor: float = 0.3
    ceiling: float = 0.9
    tripwire_scale: float = 0.25
    asia_weight: float = 0.5
    threat: float = 0.6
    self_help: float = 0.4
    pact_reliability: float = 0.7
    balance_cost: float = 0.1
    accommodation_cost: float = 0.1
    entrapment: float = 0.1
    theory: str = "bandwagoning"

    def __post_init__(self) -> None:
        check.fields(
            self,
            probabilities=(
                "drawdown",
                "asia",
                "floor",
                "ceiling",
                "asia_weight",
                "threat",
                "self_help",
                "pact_reliability",
                "balance_cost",
                "accommodation_cost",
                "entrapment",
            ),
            positives=("tripwire_scale",),
            choices={"theory": THEORIES},
        )
        if self.tripwire_scale > MAX_TRIPWIRE_SCALE:
            raise ValueError(f"tripwire_scale must be at most {MAX_TRIPWIRE_SCALE:g}, got {self.tripwire_scale!r}")
        if self.floor > self.ceiling:
            raise ValueError(f"floor ({self.floor!r}) must not exceed ceiling ({self.ceiling!r})")

    def as_dict(self) -> dict[str, float | str]:
        """The defaults as keyword arguments."""
        return asdict(self)


DEFAULTS = Defaults()

#: Human labels for each parameter (sliders and tables use them).
LABELS: dict[str, str] = {
    "drawdown": "US drawdown (share of today's forward presence withdrawn)",
    "asia": "Competing US demand in Asia",
    "floor": "Credibility with no US troops forward",
    "ceiling": "Credibility with today's presence, no Asia demand",
    "tripwire_scale": "Tripwire scale (small = a token force is enough)",
    "asia_weight": "How far Asia demand cuts the presence effect",
    "threat": "Threat the ally perceives from Russia",
    "self_help": "Danger removed by the ally's own rearmament",
    "pact_reliability": "Danger removed by a pact, at face value",
    "balance_cost": "Cost of balancing (rearming)",
    "accommodation_cost": "Cost of accommodating (concessions)",
    "entrapment": "Fear of entrapment in a US conflict in Asia",
}


def _unit(value: ArrayLike, name: str, ndim: tuple[int, ...] = (0, 1)) -> np.ndarray:
    """A number or a non-empty 1-D array of numbers in [0, 1], as a float array; a bad one
    (string, bool, None, NaN, infinity, empty, 2-D) names ``name``."""
    return check.unit(value, name, ndim=ndim)


def _out(arr: np.ndarray) -> float | np.ndarray:
    return float(arr) if arr.ndim == 0 else arr


def tripwire(presence: ArrayLike, scale: float = DEFAULTS.tripwire_scale) -> float | np.ndarray:
    """The tripwire curve: how much of today's presence effect a remaining force carries.

    ``T(f) = (1 − exp(−f / s)) / (1 − exp(−1 / s))`` for remaining presence ``f`` in [0, 1] (1 =
    today's forward presence) and scale ``s``. ``T(0) = 0``, ``T(1) = 1``, and ``T`` rises fastest
    at first: a small force already commits its home country (Schelling 1966). As ``s`` grows the
    curve tends to the straight line ``T(f) = f``.

    Parameters
    ----------
    presence : float or array_like in [0, 1]
        Remaining forward presence, as a share of today's.
    scale : float in (0, 100]
        The tripwire scale ``s``.

    Returns
    -------
    float or numpy.ndarray
        ``T(f)`` in [0, 1], same shape as ``presence``.

    Raises
    ------
    ValueError
        If ``presence`` is outside [0, 1] or ``scale`` is not in (0, 100].

    References
    ----------
    Schelling, T. C. (1966). *Arms and Influence*, ch. 2; (1960). *The Strategy of Conflict*.
    """
    f = _unit(presence, "presence")
    s = check.positive(scale, "tripwire_scale")
    if s > MAX_TRIPWIRE_SCALE:
        raise ValueError(f"tripwire_scale must be at most {MAX_TRIPWIRE_SCALE:g}, got {s!r}")
    return _out(np.expm1(-f / s) / np.expm1(-1.0 / s))


def credibility(
    drawdown: ArrayLike = DEFAULTS.drawdown,
    asia: ArrayLike = DEFAULTS.asia,
    floor: float = DEFAULTS.floor,
    ceiling: float = DEFAULTS.ceiling,
    tripwire_scale: float = DEFAULTS.tripwire_scale,
    asia_weight: float = DEFAULTS.asia_weight,
) -> float | np.ndarray:
    """Credibility of the US defence commitment, as an ally sees it.

    ``C = floor + (ceiling − floor) · T(1 − drawdown) · (1 − asia_weight · asia)``, with ``T`` the
    :func:`tripwire` curve. With no drawdown and no demand in Asia, ``C = ceiling``; with every
    forward troop gone, ``C = floor`` whatever happens in Asia. ``drawdown`` and ``asia`` may be
    arrays (they broadcast), so one call fills a grid.

    Parameters
    ----------
    drawdown : float or array_like in [0, 1]
        Share of today's US forward presence withdrawn.
    asia : float or array_like in [0, 1]
        Competing US demand in Asia.
    floor, ceiling : float in [0, 1], floor <= ceiling
        Credibility with no forward presence, and with today's presence and no Asia demand.
    tripwire_scale : float in (0, 100]
        Curvature of the tripwire (see :func:`tripwire`).
    asia_weight : float in [0, 1]
        How far full demand in Asia cuts the presence effect.

    Returns
    -------
    float or numpy.ndarray
        Credibility in [floor, ceiling].

    Raises
    ------
    ValueError
        If any argument is out of range, or ``floor > ceiling``.

    References
    ----------
    Schelling (1960, 1966) on commitment and the tripwire; the Asia term encodes the article's
    claim that the US "return to Asia" weakens the commitment (an assumption, not a finding).
    """
    return _credibility(_unit(drawdown, "drawdown"), _unit(asia, "asia"), floor, ceiling, tripwire_scale, asia_weight)


def _credibility(
    d: np.ndarray, a: np.ndarray, floor: float, ceiling: float, tripwire_scale: float, asia_weight: float
) -> float | np.ndarray:
    """:func:`credibility` for checked arrays of any shape (they broadcast: a grid is 2-D)."""
    lo = check.probability(floor, "floor")
    hi = check.probability(ceiling, "ceiling")
    if lo > hi:
        raise ValueError(f"floor ({lo!r}) must not exceed ceiling ({hi!r})")
    w = check.probability(asia_weight, "asia_weight")
    s = check.positive(tripwire_scale, "tripwire_scale")
    if s > MAX_TRIPWIRE_SCALE:
        raise ValueError(f"tripwire_scale must be at most {MAX_TRIPWIRE_SCALE:g}, got {s!r}")
    t = np.expm1(-(1.0 - d) / s) / np.expm1(-1.0 / s)
    return _out(lo + (hi - lo) * t * (1.0 - w * a))


def effective_pact_reliability(theory: str, pact_reliability: float, threat: ArrayLike) -> float | np.ndarray:
    """How far a pact reduces the danger, under each theory.

    ``"walt"``: ``pact_reliability · (1 − threat)`` (a threatening power's promises are discounted,
    Walt 1987); ``"bandwagoning"`` and ``"snyder"``: ``pact_reliability``, at face value.

    Raises
    ------
    ValueError
        For an unknown theory or a value outside [0, 1].
    """
    theory = _theory(theory)
    r = check.probability(pact_reliability, "pact_reliability")
    th = _unit(threat, "threat")
    return _out(r * (1.0 - th) if theory == "walt" else r + 0.0 * th)


def _theory(theory: str) -> str:
    if not isinstance(theory, str) or theory not in THEORIES:
        raise ValueError(f"theory must be one of {', '.join(THEORIES)}; got {theory!r}")
    return theory


def accommodation_advantage(
    credibility: ArrayLike,
    theory: str = DEFAULTS.theory,
    threat: float = DEFAULTS.threat,
    self_help: float = DEFAULTS.self_help,
    pact_reliability: float = DEFAULTS.pact_reliability,
    balance_cost: float = DEFAULTS.balance_cost,
    accommodation_cost: float = DEFAULTS.accommodation_cost,
    entrapment: float = DEFAULTS.entrapment,
    asia: ArrayLike = DEFAULTS.asia,
) -> float | np.ndarray:
    """Net advantage of accommodating over balancing, ``Δ = U(accommodate) − U(balance)``.

    ``Δ = (balance_cost − accommodation_cost) + threat · [(1 − C)(1 − self_help) − (1 − r)] + E``
    with ``r`` from :func:`effective_pact_reliability` and ``E = entrapment · asia`` under
    ``"snyder"`` (zero otherwise). Positive: the ally's best response is to accommodate (the
    article's conclusion); negative: to balance.

    Parameters
    ----------
    credibility : float or array_like in [0, 1]
        Credibility of the US commitment (from :func:`credibility`).
    theory : {"walt", "bandwagoning", "snyder"}
        Which theory of alliance behaviour to apply.
    threat, self_help, pact_reliability, balance_cost, accommodation_cost, entrapment : float in [0, 1]
        Illustrative assumptions (see :class:`Defaults`).
    asia : float or array_like in [0, 1]
        Competing US demand in Asia (enters only the entrapment term).

    Returns
    -------
    float or numpy.ndarray
        ``Δ``, broadcast over ``credibility`` and ``asia``.

    Raises
    ------
    ValueError
        For an unknown theory or any value outside [0, 1].

    References
    ----------
    Walt (1985, 1987) on balancing and bandwagoning; Snyder (1984) on abandonment and entrapment.
    """
    return _advantage(
        _unit(credibility, "credibility"),
        theory,
        threat,
        self_help,
        pact_reliability,
        balance_cost,
        accommodation_cost,
        entrapment,
        _unit(asia, "asia"),
    )


def _advantage(
    c: np.ndarray,
    theory: str,
    threat: float,
    self_help: float,
    pact_reliability: float,
    balance_cost: float,
    accommodation_cost: float,
    entrapment: float,
    a: np.ndarray,
) -> float | np.ndarray:
    """:func:`accommodation_advantage` for checked arrays of any shape (a grid is 2-D)."""
    theory = _theory(theory)
    th = check.probability(threat, "threat")
    e = check.probability(self_help, "self_help")
    r = float(effective_pact_reliability(theory, pact_reliability, th))
    k = check.probability(balance_cost, "balance_cost")
    q = check.probability(accommodation_cost, "accommodation_cost")
    eps = check.probability(entrapment, "entrapment")
    trap = eps * a if theory == "snyder" else 0.0 * a
    return _out((k - q) + th * ((1.0 - c) * (1.0 - e) - (1.0 - r)) + trap)


def best_response(advantage: ArrayLike) -> str | np.ndarray:
    """``"accommodate"`` where the advantage is positive, ``"balance"`` otherwise (ties balance)."""
    arr = check.finite_array(advantage, "advantage", ndim=(0, 1))
    out = np.where(arr > 0.0, "accommodate", "balance")
    return str(out) if out.ndim == 0 else out


def critical_credibility(
    theory: str = DEFAULTS.theory,
    threat: float = DEFAULTS.threat,
    self_help: float = DEFAULTS.self_help,
    pact_reliability: float = DEFAULTS.pact_reliability,
    balance_cost: float = DEFAULTS.balance_cost,
    accommodation_cost: float = DEFAULTS.accommodation_cost,
    entrapment: float = DEFAULTS.entrapment,
    asia: float = DEFAULTS.asia,
) -> float:
    """The credibility below which accommodating pays: the root of ``Δ(C) = 0``.

    ``C* = 1 − [(1 − r) − (balance_cost − accommodation_cost + E) / threat] / (1 − self_help)``.
    ``Δ`` falls as C rises, so the ally accommodates exactly when ``C < C*``. A ``C*`` at or below
    0 means no credibility, however low, makes accommodation pay; at or above 1, accommodation pays
    even with a certain US rescue. The value is not clipped, so the reader sees how far off it is.

    Returns
    -------
    float
        ``C*``; ``-inf`` or ``+inf`` when ``threat`` is 0 or ``self_help`` is 1 (Δ does not depend on
        C then) and the sign of Δ decides.

    Raises
    ------
    ValueError
        For an unknown theory or any value outside [0, 1].
    """
    theory = _theory(theory)
    th = check.probability(threat, "threat")
    e = check.probability(self_help, "self_help")
    r = float(effective_pact_reliability(theory, pact_reliability, th))
    k = check.probability(balance_cost, "balance_cost")
    q = check.probability(accommodation_cost, "accommodation_cost")
    eps = check.probability(entrapment, "entrapment")
    a = check.probability(asia, "asia")
    trap = eps * a if theory == "snyder" else 0.0
    slope = th * (1.0 - e)  # dΔ/dC = −slope
    if slope == 0.0:
        delta = (k - q) + th * (-(1.0 - r)) + trap
        return float("inf") if delta > 0 else float("-inf")
    return float(1.0 - ((1.0 - r) - (k - q + trap) / th) / (1.0 - e))


def advantage_grid(
    drawdown: ArrayLike,
    asia: ArrayLike,
    theory: str = DEFAULTS.theory,
    **params: float,
) -> np.ndarray:
    """``Δ`` on a grid: rows follow ``asia``, columns follow ``drawdown`` (a heatmap's layout).

    ``params`` may hold any other argument of :func:`credibility` or
    :func:`accommodation_advantage` (by name); the rest take :data:`DEFAULTS`.

    Raises
    ------
    ValueError
        For an unknown parameter name, a grid that is not 1-D, or any value out of range.
    """
    allowed = set(LABELS) - {"drawdown", "asia"}
    unknown = set(params) - allowed
    if unknown:
        raise ValueError(f"unknown parameter(s): {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(allowed))}")
    d = _unit(drawdown, "drawdown", ndim=(1,))
    a = _unit(asia, "asia", ndim=(1,))
    p = {**{k: v for k, v in DEFAULTS.as_dict().items() if k in allowed}, **params}
    cred = _credibility(d[None, :], a[:, None], p["floor"], p["ceiling"], p["tripwire_scale"], p["asia_weight"])
    return np.asarray(
        _advantage(
            cred,
            theory,
            p["threat"],
            p["self_help"],
            p["pact_reliability"],
            p["balance_cost"],
            p["accommodation_cost"],
            p["entrapment"],
            a[:, None] + 0.0 * d[None, :],
        )
    )


def accommodation_share(grid: ArrayLike) -> float:
    """Share of a grid of ``Δ`` values where accommodating is the best response (``Δ > 0``)."""
    arr = check.finite_array(grid, "grid", ndim=(1, 2))
    return float((arr > 0).mean())
