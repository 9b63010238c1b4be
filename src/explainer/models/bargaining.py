"""Could a Poland–Belarus bargain exist? Two issues, two sides, the Nash bargaining solution.

The article proposes a trade: Russia withdraws "some or all" of its tactical nuclear weapons and
Oreshnik missiles from Belarus, and in exchange Poland accepts "limits on [its] militarization and
acceptance of foreign troops" (Korybko, December 2025). No government has proposed this deal. This
module asks whether, under stated assumptions, such a bargain could leave both sides better off.

A deal is a pair ``(w, l)`` in the unit square:

* ``w`` (*withdrawal*): the share of Russia's deployments in Belarus that is withdrawn
  (0 = nothing, 1 = all tactical nuclear weapons and Oreshnik launchers);
* ``l`` (*limits*): how far Poland's militarization and foreign-troop presence are limited
  (0 = no limit, 1 = the tightest limits on the table).

Each side values the two issues linearly (additive utilities, in arbitrary "points")::

    u_P(w, l) = v_pw·w − c_pl·l      Poland with its allies: gains from withdrawal, loses from limits
    u_R(w, l) = −c_rw·w + v_rl·l     Russia with Belarus: loses from withdrawal, gains from limits

No deal leaves each side with its **outside option** ``d_P``, ``d_R`` (0 = the status quo; a
positive value means a side expects to do better without a deal, for instance by arming or by
relying on allies). The **zone of possible agreement** (ZOPA) is the set of deals both sides
prefer to no deal. The **Nash bargaining solution** is the deal in the ZOPA that maximises
``(u_P − d_P)·(u_R − d_R)``, the only split satisfying Nash's axioms (1950). When the ZOPA holds no
deal that makes both sides strictly better off, no deal exists.

With outside options of zero, a deal that makes both better off exists exactly when
``v_pw·v_rl > c_pl·c_rw``: the product of what the two sides gain exceeds the product of what they
give up.

All functions are pure and exact (no optimiser, no randomness): the Nash product of two affine
functions has no strict interior maximum, so the solution lies on an edge of the square, where the
product is a quadratic with a closed-form maximum.

What the model leaves out: the utilities are assumptions (nobody has published them), linear
and known to both sides; Belarus and Poland's allies are folded into the two sides; enforcement
and verification are assumed; and the Nash solution describes a fair split, not the outcome of
any particular negotiation.

References
----------
Nash, J. F. (1950). The bargaining problem. *Econometrica*, 18, 155–162.
Schelling, T. C. (1960). *The Strategy of Conflict*. Harvard University Press.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from . import _validate as check

#: Corners of the deal square, in order around it: (w, l).
SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])


def _number(value: float, name: str, minimum: float | None = None) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class Valuations:
    """Each side's valuation of each concession and its outside option.

    Parameters
    ----------
    v_pw : float >= 0
        What Poland's side gains from a full Russian withdrawal from Belarus (points).
    c_pl : float >= 0
        What Poland's side loses from the tightest limits on its forces and foreign troops.
    c_rw : float >= 0
        What Russia–Belarus loses from a full withdrawal.
    v_rl : float >= 0
        What Russia–Belarus gains from the tightest limits on Poland.
    d_p, d_r : float
        Outside options: each side's value of no deal (0 = the status quo).
    """

    v_pw: float
    c_pl: float
    c_rw: float
    v_rl: float
    d_p: float = 0.0
    d_r: float = 0.0

    def __post_init__(self) -> None:
        for name in ("v_pw", "c_pl", "c_rw", "v_rl"):
            _number(getattr(self, name), name, minimum=0.0)
        for name in ("d_p", "d_r"):
            _number(getattr(self, name), name)


@dataclass(frozen=True)
class Defaults:
    """The picture both front ends open on. Every value is an illustrative assumption: Poland
    values limits on itself more than it values the withdrawal (10 against 8), Russia values
    limits on Poland more than keeping its weapons in Belarus (9 against 5)."""

    valuations: Valuations = Valuations(v_pw=8.0, c_pl=10.0, c_rw=5.0, v_rl=9.0, d_p=0.0, d_r=0.0)

    def __post_init__(self) -> None:
        if not isinstance(self.valuations, Valuations):
            raise ValueError(f"valuations must be a bargaining.Valuations, got {self.valuations!r}")


DEFAULTS = Defaults()


class Solution(NamedTuple):
    """The Nash bargaining solution, or ``exists=False`` when no deal leaves both better off."""

    exists: bool
    w: float
    l: float
    u_p: float
    u_r: float
    nash_product: float


def _vals(valuations: Valuations) -> Valuations:
    if not isinstance(valuations, Valuations):
        raise ValueError(f"valuations must be a bargaining.Valuations, got {valuations!r}")
    return valuations


def _deal_arrays(w, l) -> tuple[np.ndarray, np.ndarray]:
    wa = check.unit(w, "w", ndim=(0, 1, 2))  # a grid of deals is 2-D
    la = check.unit(l, "l", ndim=(0, 1, 2))
    return wa, la


def utilities(valuations: Valuations, w, l) -> tuple[np.ndarray | float, np.ndarray | float]:
    """Both sides' utilities of the deal ``(w, l)``.

    Parameters
    ----------
    valuations : Valuations
    w, l : float or array_like in [0, 1]
        Share withdrawn; tightness of the limits on Poland.

    Returns
    -------
    (u_P, u_R)
        ``v_pw·w − c_pl·l`` and ``−c_rw·w + v_rl·l`` (floats for scalar input).

    Raises
    ------
    ValueError
        If ``w`` or ``l`` lies outside [0, 1] or ``valuations`` is not a :class:`Valuations`.
    """
    v = _vals(valuations)
    up, ur = _utilities_unchecked(v, *_deal_arrays(w, l))
    if up.ndim == 0:
        return float(up), float(ur)
    return up, ur


def _utilities_unchecked(v: Valuations, w, l):
    """The two utilities of :func:`utilities` for deals already known to be valid (floats or
    arrays, as given)."""
    return v.v_pw * w - v.c_pl * l, -v.c_rw * w + v.v_rl * l


def gains_possible(valuations: Valuations) -> bool:
    """True when some deal leaves **both** sides strictly better off than their outside options.

    Equivalent to :func:`nash_solution` returning ``exists=True``. With outside options of zero it
    reduces to ``v_pw·v_rl > c_pl·c_rw``.
    """
    return nash_solution(valuations).exists


def _edge_best(p0: np.ndarray, p1: np.ndarray, v: Valuations) -> tuple[float, np.ndarray] | None:
    """Best Nash product on the segment p0→p1 of the deal square (None if no acceptable point)."""
    # the corners are valid deals, so the utilities are computed directly (no checks: this runs
    # eight times for every move of a live-panel slider)
    up0, ur0 = _utilities_unchecked(v, float(p0[0]), float(p0[1]))
    up1, ur1 = _utilities_unchecked(v, float(p1[0]), float(p1[1]))
    f0, f1 = up0 - v.d_p, up1 - up0  # surplus of P along the edge: f0 + f1·s
    g0, g1 = ur0 - v.d_r, ur1 - ur0
    lo, hi = 0.0, 1.0
    for a0, a1 in ((f0, f1), (g0, g1)):  # keep a0 + a1·s >= 0
        if a1 > 0:
            lo = max(lo, -a0 / a1)
        elif a1 < 0:
            hi = min(hi, -a0 / a1)
        elif a0 < 0:
            return None
    if lo > hi + 1e-12:
        return None
    hi = max(lo, hi)
    candidates = [lo, hi]
    quad = f1 * g1
    if quad < 0:
        s_star = -(f0 * g1 + f1 * g0) / (2.0 * quad)
        if lo < s_star < hi:
            candidates.append(s_star)
    best = max(candidates, key=lambda s: ((f0 + f1 * s) * (g0 + g1 * s), -s))
    value = max(0.0, (f0 + f1 * best) * (g0 + g1 * best))
    return value, p0 + best * (p1 - p0)


def nash_solution(valuations: Valuations) -> Solution:
    """The Nash bargaining solution over the deal square.

    Maximises ``(u_P − d_P)·(u_R − d_R)`` over the deals both sides accept. The maximum of a
    product of two affine functions over a square lies on its boundary, so each edge is solved in
    closed form (a quadratic in the position along the edge) and the best edge wins; ties go to
    the first edge in the order w=0→…, l=0, w=1, l=1 and, on an edge, to the smaller position.

    Returns
    -------
    Solution
        ``exists`` is False when no deal gives both sides strictly more than their outside
        options (the Nash product is 0 at best); ``w``, ``l``, ``u_p``, ``u_r`` are then NaN.

    Raises
    ------
    ValueError
        If ``valuations`` is not a :class:`Valuations`.
    """
    v = _vals(valuations)
    best: tuple[float, np.ndarray] | None = None
    for k in range(4):
        found = _edge_best(SQUARE[k], SQUARE[(k + 1) % 4], v)
        if found is not None and (best is None or found[0] > best[0] + 1e-12):
            best = found
    if best is None or best[0] <= 1e-12:
        nan = math.nan
        return Solution(False, nan, nan, nan, nan, 0.0)
    w, l = (float(np.clip(best[1][0], 0.0, 1.0)), float(np.clip(best[1][1], 0.0, 1.0)))
    up, ur = utilities(v, w, l)
    return Solution(True, w, l, float(up), float(ur), float((up - v.d_p) * (ur - v.d_r)))


def _clip(poly: np.ndarray, normal: np.ndarray, offset: float) -> np.ndarray:
    """Sutherland–Hodgman: keep the part of a convex polygon where ``normal·p >= offset``."""
    if len(poly) == 0:
        return poly
    out = []
    for i in range(len(poly)):
        p, q = poly[i], poly[(i + 1) % len(poly)]
        fp, fq = normal @ p - offset, normal @ q - offset
        if fp >= 0:
            out.append(p)
        if (fp >= 0) != (fq >= 0):
            out.append(p + (q - p) * (fp / (fp - fq)))
    return np.array(out).reshape(-1, 2)


def zopa_deals(valuations: Valuations) -> np.ndarray:
    """The zone of possible agreement in the deal square, as a polygon.

    Returns
    -------
    numpy.ndarray, shape (k, 2)
        Vertices ``(w, l)`` of the convex polygon of deals with ``u_P >= d_P`` and
        ``u_R >= d_R``, in order; empty (shape (0, 2)) when no deal is acceptable to both.
    """
    v = _vals(valuations)
    poly = _clip(SQUARE.copy(), np.array([v.v_pw, -v.c_pl]), v.d_p)
    poly = _clip(poly, np.array([-v.c_rw, v.v_rl]), v.d_r)
    keep = [p for i, p in enumerate(poly) if i == 0 or not np.allclose(p, poly[i - 1], atol=1e-12)]
    if len(keep) > 1 and np.allclose(keep[-1], keep[0], atol=1e-12):
        keep.pop()
    return np.array(keep).reshape(-1, 2)


def utility_set(valuations: Valuations) -> np.ndarray:
    """The utilities of every possible deal: the image of the square, a parallelogram.

    Returns
    -------
    numpy.ndarray, shape (4, 2)
        ``(u_P, u_R)`` at the corners (0,0), (1,0), (1,1), (0,1) of the deal square.
    """
    v = _vals(valuations)
    up, ur = utilities(v, SQUARE[:, 0], SQUARE[:, 1])
    return np.column_stack([up, ur])


def zopa_utilities(valuations: Valuations) -> np.ndarray:
    """The ZOPA in utility space: the utilities of the deals in :func:`zopa_deals`."""
    v = _vals(valuations)
    deals = zopa_deals(v)
    if len(deals) == 0:
        return deals
    up, ur = utilities(v, deals[:, 0], deals[:, 1])
    return np.column_stack([up, ur])


def pareto_frontier(valuations: Valuations) -> np.ndarray:
    """The efficient edge of the utility set: deals no other deal improves for both sides.

    Returns
    -------
    numpy.ndarray, shape (k, 2)
        Points ``(u_P, u_R)`` from the deal best for Russia–Belarus to the deal best for Poland
        (one point if a single deal is best for both).
    """
    pts = utility_set(valuations)
    hull = _convex_hull(pts)  # counter-clockwise
    right = max(range(len(hull)), key=lambda i: (hull[i][0], hull[i][1]))
    top = max(range(len(hull)), key=lambda i: (hull[i][1], hull[i][0]))
    chain = [hull[right]]
    i = right
    while i != top:  # counter-clockwise from the best deal for Poland up to the best for Russia
        i = (i + 1) % len(hull)
        chain.append(hull[i])
    return np.array(chain[::-1])


def _convex_hull(points: np.ndarray) -> np.ndarray:
    """Andrew's monotone chain: the hull's vertices counter-clockwise, without collinear points."""
    pts = sorted({(float(p[0]), float(p[1])) for p in points})
    if len(pts) <= 2:
        return np.array(pts)

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 1e-12:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 1e-12:
            upper.pop()
        upper.append(p)
    return np.array(lower[:-1] + upper[:-1])


def no_deal_region(valuations: Valuations, box: tuple[float, float, float, float]) -> np.ndarray:
    """Outside options for which no deal exists, clipped to a plotting box.

    A pair of outside options ``(d_P, d_R)`` leaves room for a deal only if some feasible
    utility pair is at least as good for both; the region returned is the part of the box
    beyond the Pareto frontier.

    Parameters
    ----------
    box : (x_min, x_max, y_min, y_max)
        The plotting box in utility points.

    Returns
    -------
    numpy.ndarray, shape (k, 2)
        A polygon (not necessarily convex), in order.
    """
    if not isinstance(box, (tuple, list, np.ndarray)) or len(box) != 4:
        raise ValueError(f"box must be (x_min, x_max, y_min, y_max), got {box!r}")
    x0, x1, y0, y1 = (_number(b, "box") for b in box)
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"box must be (x_min, x_max, y_min, y_max) with min < max, got {box!r}")
    front = pareto_frontier(valuations)
    top = front[0]  # best for Russia–Belarus: highest u_R
    right = front[-1]  # best for Poland: highest u_P
    pts = [(x0, y1), (x0, min(max(top[1], y0), y1))]
    pts += [(min(max(p[0], x0), x1), min(max(p[1], y0), y1)) for p in front]
    pts += [(min(max(right[0], x0), x1), y0), (x1, y0), (x1, y1)]
    return np.array(pts)
