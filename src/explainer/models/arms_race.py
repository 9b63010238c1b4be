"""Would the Poland–Belarus deal calm an arms race? Richardson's model (1960).

The article proposes that Russia withdraw "some or all of its tactical nuclear weapons and
[Oreshniks] from Belarus, in exchange for imposing limits on Poland's militarization and acceptance
of foreign troops" (Korybko, December 2025). This module asks what such a deal would do to an arms
race between two sides:

* ``x``: the military effort of Poland with its allies on Polish soil (an **index**: today = 100);
* ``y``: the military effort of Russia and Belarus facing Poland (an **index**: today = 100).

Richardson's equations (1960) say that each side arms in reaction to the other, is held back by
the cost of its own effort ("fatigue"), and carries a standing grievance that drives it even when
the other side does nothing::

    dx/dt = a·y − m·x + g
    dy/dt = b·x − n·y + h

``a`` and ``b`` are reaction coefficients, ``m`` and ``n`` fatigue coefficients (per year), and
``g`` and ``h`` grievance terms (index points per year). The system has one equilibrium when
``m·n ≠ a·b``; it is stable, and every path converges to it, exactly when ``m·n > a·b``: the product
of the restraints exceeds the product of the reactions. Otherwise the race runs away.

The deal can enter the model in two ways:

* **lower grievances**: a withdrawal and a cap remove part of what drives each side (``g``, ``h``
  fall); this moves the equilibrium but does not change whether the race is stable;
* **caps**: a ceiling on each side's level (``x ≤ cap_x``, ``y ≤ cap_y``), which bounds even an
  unstable race, if it is kept.

All functions are pure and deterministic: numbers in, numbers out. Every parameter value the book
uses is an illustrative assumption; no one has measured these coefficients for Poland and
Russia–Belarus.

What the model leaves out: the levels are single numbers (no mix of nuclear and conventional
forces, no geography), the coefficients are fixed (no learning, no elections, no war in Ukraine),
there are only two sides (the United States, NATO and Russia's other fronts are folded into ``g``
and ``h``), and the caps are assumed to be kept and verified, which is the hard part.

References
----------
Richardson, L. F. (1960). *Arms and Insecurity: A Mathematical Study of the Causes and Origins of
War*. Boxwood Press, Pittsburgh.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import expm

from . import _validate as check

#: Index value of each side's military effort today (an index, not a measured quantity).
TODAY = 100.0


def _finite(value: float, name: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


@dataclass(frozen=True)
class Params:
    """The six coefficients of Richardson's model.

    Parameters
    ----------
    a : float >= 0
        How strongly Poland and its allies react to Russia–Belarus's level (per year).
    b : float >= 0
        How strongly Russia–Belarus reacts to Poland's level (per year).
    m : float > 0
        Poland's fatigue: the cost that holds its effort back (per year).
    n : float > 0
        Russia–Belarus's fatigue (per year).
    g : float
        Poland's grievance: the drive to arm even if the other side did nothing (index points
        per year). A negative value is goodwill.
    h : float
        Russia–Belarus's grievance (index points per year).
    """

    a: float
    b: float
    m: float
    n: float
    g: float
    h: float

    def __post_init__(self) -> None:
        for name in ("a", "b"):
            check.positive(getattr(self, name), name, allow_zero=True)
        for name in ("m", "n"):
            check.positive(getattr(self, name), name)
        for name in ("g", "h"):
            _finite(getattr(self, name), name)


@dataclass(frozen=True)
class Defaults:
    """The picture both front ends open on. Every value is an illustrative assumption.

    ``status_quo`` is a stable race whose equilibrium lies above today's levels (both sides keep
    arming); ``deal_g`` and ``deal_h`` are the grievance terms after a deal that removes about half
    of what drives each side; ``cap`` is a ceiling on both indices.
    """

    status_quo: Params = Params(a=0.3, b=0.4, m=0.5, n=0.6, g=40.0, h=30.0)
    deal_g: float = 20.0
    deal_h: float = 15.0
    cap: float = 120.0
    x0: float = TODAY
    y0: float = TODAY
    years: float = 20.0

    def __post_init__(self) -> None:
        if not isinstance(self.status_quo, Params):
            raise ValueError(f"status_quo must be an arms_race.Params, got {self.status_quo!r}")
        for name in ("deal_g", "deal_h", "cap", "x0", "y0"):
            _finite(getattr(self, name), name)
        check.positive(self.years, "years")


DEFAULTS = Defaults()


class Equilibrium(NamedTuple):
    """Where the race settles (if it is stable)."""

    x: float
    y: float
    stable: bool
    margin: float  #: m·n − a·b: positive when the race is stable


def _params(params: Params) -> Params:
    if not isinstance(params, Params):
        raise ValueError(f"params must be an arms_race.Params, got {params!r}")
    return params


def _times(t: ArrayLike) -> np.ndarray:
    arr = np.atleast_1d(check.finite_array(t, "t", ndim=(0, 1)))
    if np.any(arr < 0):
        raise ValueError(f"t must hold finite times >= 0 (years from today), got {arr!r}")
    return arr


def matrix(params: Params) -> np.ndarray:
    """The system's matrix ``A`` in ``dz/dt = A·z + c`` with ``z = (x, y)``.

    Returns
    -------
    numpy.ndarray, shape (2, 2)
        ``[[−m, a], [b, −n]]``.
    """
    p = _params(params)
    return np.array([[-p.m, p.a], [p.b, -p.n]])


def stability_margin(params: Params) -> float:
    """``m·n − a·b``: positive exactly when the race is stable (Richardson's condition).

    The trace of ``A`` (−m − n) is always negative, so the determinant ``m·n − a·b`` decides: when
    it is positive both eigenvalues are negative and every path converges to the equilibrium.
    """
    p = _params(params)
    return p.m * p.n - p.a * p.b


def is_stable(params: Params) -> bool:
    """True when ``m·n > a·b``: the race converges to its equilibrium from any start."""
    return stability_margin(params) > 0.0


def eigenvalues(params: Params) -> tuple[float, float]:
    """The two eigenvalues of ``A`` (per year), largest first.

    They are ``(−(m + n) ± √((m − n)² + 4ab)) / 2``, always real because ``a·b >= 0``. The race
    is stable when the larger one is negative.
    """
    p = _params(params)
    root = math.sqrt((p.m - p.n) ** 2 + 4.0 * p.a * p.b)
    return ((-(p.m + p.n) + root) / 2.0, (-(p.m + p.n) - root) / 2.0)


def equilibrium(params: Params) -> Equilibrium:
    """The levels at which neither side changes its effort.

    Solving ``a·y − m·x + g = 0`` and ``b·x − n·y + h = 0``::

        x* = (n·g + a·h) / (m·n − a·b),   y* = (b·g + m·h) / (m·n − a·b)

    Returns
    -------
    Equilibrium
        ``x``, ``y``, whether it is stable, and the margin ``m·n − a·b``. When the race is
        unstable the equilibrium still exists (it is a saddle point the race moves away from)
        and may be negative.

    Raises
    ------
    ValueError
        If ``params`` is not a :class:`Params`, or if ``m·n == a·b`` (no single equilibrium).
    """
    p = _params(params)
    det = stability_margin(p)
    if det == 0.0:
        raise ValueError(f"params has m·n == a·b ({p.m * p.n!r}): there is no single equilibrium")
    return Equilibrium(x=(p.n * p.g + p.a * p.h) / det, y=(p.b * p.g + p.m * p.h) / det, stable=det > 0.0, margin=det)


def trajectory(t: ArrayLike, params: Params, x0: float = TODAY, y0: float = TODAY) -> np.ndarray:
    """Both sides' levels at times ``t``, from the exact solution of the linear system.

    The solution is ``z(t) = e^(A·t)·z0 + (∫₀ᵗ e^(A·s) ds)·c``. When ``A``'s eigenvalues are
    distinct it is computed from its eigen-decomposition, ``z(t) = z* + V·e^(Λ·t)·V⁻¹·(z0 − z*)``
    (with a special form when ``A`` is singular); otherwise from the matrix exponential of the
    augmented 3×3 matrix ``[[A, c], [0, 0]]``, which holds both terms at once.

    Parameters
    ----------
    t : array_like of float >= 0
        Years from today.
    params : Params
        The model's coefficients.
    x0, y0 : float
        Levels at ``t = 0`` (index: today = 100).

    Returns
    -------
    numpy.ndarray, shape (len(t), 2)
        Column 0 is Poland's side ``x``, column 1 Russia–Belarus ``y``.

    Raises
    ------
    ValueError
        If ``t`` holds a negative or non-finite time, or an argument is invalid.
    """
    p = _params(params)
    times = _times(t)
    z0 = np.array([_finite(x0, "x0"), _finite(y0, "y0")])
    c = np.array([p.g, p.h])
    basis = _eigen_basis(p)
    if basis is not None:
        lam, V = basis
        if stability_margin(p) != 0.0:
            eq = equilibrium(p)
            zstar = np.array([eq.x, eq.y])
            coef = np.linalg.solve(V, z0 - zstar)
            return zstar + (np.exp(np.outer(times, lam)) * coef) @ V.T
        # A is singular (m·n = a·b, no single equilibrium): in eigen-coordinates each component
        # grows as e^(λt)·a + (e^(λt) − 1)/λ·b
        a, b = np.linalg.solve(V, z0), np.linalg.solve(V, c)
        t = times[:, None]
        return (np.exp(t * lam) * a + _integrated_growth(lam, t) * b) @ V.T
    return trajectory_expm(times, p, x0, y0)


def _eigen_basis(p: Params) -> tuple[np.ndarray, np.ndarray] | None:
    """``A``'s eigenvalues and eigenvectors when they give the exact solution: two distinct
    eigenvalues and well-conditioned eigenvectors. ``None`` for a (nearly) defective matrix, where
    the matrix exponential must be used instead."""
    l1, l2 = eigenvalues(p)
    if abs(l1 - l2) <= 1e-9 * max(1.0, abs(l1), abs(l2)):
        return None
    lam, V = np.linalg.eig(matrix(p))
    return (lam, V) if np.linalg.cond(V) < 1e8 else None


def _integrated_growth(lam: np.ndarray, t: ArrayLike) -> np.ndarray:
    """``(e^(λt) − 1)/λ``, the integral of ``e^(λs)`` from 0 to ``t``; ``t`` where ``λ = 0``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(lam == 0.0, t, np.expm1(lam * t) / lam)


def trajectory_expm(t: ArrayLike, params: Params, x0: float = TODAY, y0: float = TODAY) -> np.ndarray:
    """The same solution as :func:`trajectory`, always from the matrix exponential.

    ``exp(t·[[A, c], [0, 0]])`` applied to ``(x0, y0, 1)`` gives ``z(t)`` for any ``A``, singular
    or defective. Used as a cross-check and as the fallback; on evenly spaced times from 0 it takes
    one exponential and powers of it, otherwise one exponential per time.
    """
    p = _params(params)
    times = _times(t)
    z = np.array([_finite(x0, "x0"), _finite(y0, "y0"), 1.0])
    M = np.zeros((3, 3))
    M[:2, :2] = matrix(p)
    M[:2, 2] = (p.g, p.h)
    steps = np.diff(times)
    if times.size > 2 and times[0] == 0.0 and np.allclose(steps, steps[0], rtol=1e-12, atol=0.0):
        # evenly spaced times from 0: exp(M·k·dt) = exp(M·dt)^k, one exponential for the grid
        # (on plain floats: the last row of E is (0, 0, 1), so each step is a 2x3 affine map)
        (e00, e01, e02), (e10, e11, e12) = expm(M * steps[0])[:2].tolist()
        x, y = float(z[0]), float(z[1])
        out = []
        for _ in range(times.size):
            out.append((x, y))
            x, y = e00 * x + e01 * y + e02, e10 * x + e11 * y + e12
        return np.array(out)
    return np.array([(expm(M * s) @ z)[:2] for s in times])


def deal(params: Params, g: float, h: float) -> Params:
    """The same race after a deal that sets the grievance terms to ``g`` and ``h``.

    Reactions and fatigue are unchanged, so a deal of this kind moves the equilibrium but cannot
    make an unstable race stable.
    """
    return replace(_params(params), g=_finite(g, "g"), h=_finite(h, "h"))


def capped_equilibrium(params: Params, cap_x: float = math.inf, cap_y: float = math.inf) -> tuple[float, float]:
    """Where a **stable** race settles when each side keeps to a ceiling on its level.

    With ``a, b >= 0`` each side's best level rises with the other's. Starting from the uncapped
    equilibrium, a side above its cap sits at the cap and the other side settles where its own
    equation balances given that level, again at most its cap.

    Raises
    ------
    ValueError
        If the race is not stable (then the caps bind for ever and the answer is the caps
        themselves only if the race runs upward; use :func:`capped_trajectory`), or a cap is
        not a number.
    """
    p = _params(params)
    cx = _cap(cap_x, "cap_x")
    cy = _cap(cap_y, "cap_y")
    if not is_stable(p):
        raise ValueError(f"params must describe a stable race (m·n > a·b); m·n − a·b = {stability_margin(p)!r}")
    eq = equilibrium(p)
    x, y = eq.x, eq.y
    if x <= cx and y <= cy:
        return (x, y)
    # one or both caps bind: solve each side's balance given the other's capped level
    if x > cx:
        x = cx
        y = min(cy, (p.b * x + p.h) / p.n)
        if y == cy:
            x = min(cx, (p.a * y + p.g) / p.m)
    else:
        y = cy
        x = min(cx, (p.a * y + p.g) / p.m)
        if x == cx:
            y = min(cy, (p.b * x + p.h) / p.n)
    return (x, y)


def _cap(value: float, name: str) -> float:
    if (
        isinstance(value, (bool, np.bool_))
        or not isinstance(value, numbers.Real)
        or math.isnan(value)
        or value == -math.inf
    ):
        raise ValueError(f"{name} must be a number (or math.inf for no cap), got {value!r}")
    return float(value)


def _step_map(p: Params, s: float, M: np.ndarray) -> tuple[float, ...]:
    """The exact step of length ``s``, ``z -> E·z + f``, as six floats ``(E00, E01, f0, E10, E11,
    f1)``: from the eigen-decomposition when ``A`` has two distinct eigenvalues and well-conditioned
    eigenvectors (``E = V·e^(Λs)·V⁻¹``, ``f = V·((e^(Λs) − 1)/Λ)·V⁻¹·c``), otherwise from the matrix
    exponential of the augmented matrix ``M``."""
    basis = _eigen_basis(p)
    if basis is not None:
        lam, V = basis
        Vinv = np.linalg.inv(V)
        E = (V * np.exp(lam * s)) @ Vinv
        f = (V * _integrated_growth(lam, s)) @ (Vinv @ M[:2, 2])
        return (E[0, 0], E[0, 1], f[0], E[1, 0], E[1, 1], f[1])
    F = expm(M * s)
    return (F[0, 0], F[0, 1], F[0, 2], F[1, 0], F[1, 1], F[1, 2])


def capped_trajectory(
    t: ArrayLike,
    params: Params,
    cap_x: float = math.inf,
    cap_y: float = math.inf,
    x0: float = TODAY,
    y0: float = TODAY,
    dt: float = 0.05,
) -> np.ndarray:
    """Both sides' levels when each keeps to a ceiling on its effort.

    A side at its cap whose equation pushes it up stays at the cap; the other side then follows
    its own equation exactly, with the capped level as a constant. While no side is held, each
    step of length ``dt`` follows the exact linear solution and cuts a side that crosses its cap
    back to the cap (accurate to about ``dt`` at the moment of crossing). When no cap binds the
    result equals :func:`trajectory`; a stable capped race settles exactly at
    :func:`capped_equilibrium`.

    Parameters
    ----------
    t : array_like of float >= 0, increasing
        Years from today at which to report the levels.
    params : Params
    cap_x, cap_y : float
        Ceilings on the two indices (``math.inf``: no cap). A start above a cap is first cut to it.
    x0, y0 : float
    dt : float > 0
        Integration step in years.

    Returns
    -------
    numpy.ndarray, shape (len(t), 2)

    Raises
    ------
    ValueError
        If ``t`` is not increasing, ``dt`` is not positive or another argument is invalid.
    """
    p = _params(params)
    times = _times(t)
    if np.any(np.diff(times) < 0):
        raise ValueError(f"t must be increasing, got {times!r}")
    step = check.positive(dt, "dt")
    caps = np.array([_cap(cap_x, "cap_x"), _cap(cap_y, "cap_y")])
    z = np.minimum(np.array([_finite(x0, "x0"), _finite(y0, "y0")]), caps)
    # the times at which the steps below end (the reported times among them)
    ends, picks, now = [0.0], [], 0.0
    for target in times.tolist():
        while target - now > 1e-12:
            now += min(step, target - now)
            ends.append(now)
        picks.append(len(ends) - 1)
    free = trajectory(ends, p, float(z[0]), float(z[1]))
    if (free < caps - 1e-12).all():
        # no cap is ever reached at the end of a step, so no step is cut or held: the steps
        # compose to the exact free solution, read off directly
        return free[picks]
    M = np.zeros((3, 3))
    M[:2, :2] = matrix(p)
    M[:2, 2] = (p.g, p.h)
    cache: dict[float, tuple[float, ...]] = {}

    def flow(s: float) -> tuple[float, ...]:
        """The exact linear step of length ``s``, as plain floats (a 2x3 affine map)."""
        key = round(s, 12)
        if key not in cache:
            cache[key] = _step_map(p, s, M)
        return cache[key]

    # the step loop runs on plain floats: two numbers per step, so numpy's per-call cost would
    # dominate (this function redraws a live panel on every slider move)
    (a00, a01), (a10, a11) = matrix(p).tolist()
    g, gh, m, n = p.g, p.h, p.m, p.n
    cx, cy = float(caps[0]), float(caps[1])
    x, y = float(z[0]), float(z[1])
    full = flow(step)
    out = np.empty((times.size, 2))
    now = 0.0
    for k, target in enumerate(times.tolist()):
        while target - now > 1e-12:
            h = min(step, target - now)
            held_x = x >= cx - 1e-12 and a00 * x + a01 * y + g >= 0.0
            held_y = y >= cy - 1e-12 and a10 * x + a11 * y + gh >= 0.0
            if not (held_x or held_y):
                f = full if h == step else flow(h)
                x, y = min(f[0] * x + f[1] * y + f[2], cx), min(f[3] * x + f[4] * y + f[5], cy)
            elif held_x and not held_y:
                # x sits at its cap; y follows its own equation exactly with x constant:
                # dy/dt = b·x + h − n·y
                level = (a10 * x + gh) / n
                y = min(cy, level + (y - level) * math.exp(-n * h))
            elif held_y and not held_x:
                level = (a01 * y + g) / m
                x = min(cx, level + (x - level) * math.exp(-m * h))
            now += h
        out[k] = (x, y)
    return out


def years_to_reach(level: float, t: ArrayLike, path: ArrayLike) -> float:
    """First time at which a path (one column of a trajectory) reaches ``level``; ``inf`` if never.

    Linear interpolation between the sampled times.
    """
    lv = _finite(level, "level")
    times = _times(t)
    if np.any(np.diff(times) < 0):
        raise ValueError(f"t must be increasing, got {times!r}")
    y = check.finite_array(path, "path")
    if y.shape != times.shape:
        raise ValueError(f"path must have one value per time ({times.size}), got shape {y.shape}")
    above = np.flatnonzero(y >= lv)
    if above.size == 0:
        return math.inf
    k = int(above[0])
    if k == 0:
        return float(times[0])
    t0, t1, y0, y1 = times[k - 1], times[k], y[k - 1], y[k]
    return float(t0 + (lv - y0) * (t1 - t0) / (y1 - y0))
