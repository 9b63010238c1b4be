"""Poland's build-up as a what-if: defence spending and force size to 2035, with and without a cap.

The article (Korybko's column, December 2025) suggests that a NATO–Russia deal could rest on
"imposing limits on Poland's militarization and acceptance of foreign troops" in exchange for
Russia withdrawing "some or all" of its tactical nuclear weapons and Oreshnik missiles from Belarus.
That is a **proposal**: no government has tabled it. This module asks what such a limit would mean
in numbers, against the path Poland has chosen:

* **Spending.** Real GDP grows at a constant rate (an assumption; GDP is an index, 2025 = 100, so
  no GDP level is needed). Defence spending as a share of GDP moves in a straight line from its
  2025 value (NATO's estimate: 4.48%) to a target share in a target year (by default the 5% of GDP
  by 2035 that allies committed to in The Hague on 25 June 2025: at least 3.5% on core defence plus
  up to 1.5% on defence- and security-related spending), then stays there. Spending is measured in
  **percent of 2025 GDP**, so "4.48" in 2025 means Poland's 2025 defence spending.
* **A cap of the kind the core deal might impose.** From a chosen year the share of GDP may not
  exceed a ceiling. The cap *binds* in the first year in which the uncapped path would exceed it.
* **Capability forgone.** Two measures: the cumulative spending the cap removes (also counted in
  "years of Poland's 2025 defence budget"), and the shortfall of a military capital stock built by
  the perpetual-inventory rule K(t) = (1 − d)·K(t − 1) + S(t), where d is a depreciation rate (an
  assumption) and the stock starts at its steady state K = S/d.
* **Troops.** Headcount moves in a straight line from a starting level to the 300,000 target set
  with the 2022 Homeland Defence Act; a troop ceiling gives the year it binds and the soldiers
  forgone.

Every function is pure and deterministic; each public entry point validates its arguments and a
bad one raises :class:`ValueError` naming it.

What the model leaves out: what the money buys (equipment prices, the split between personnel and
procurement, Poland's large arms orders already signed), the difference between NATO's definition
and Poland's national budget figures (4.7% for 2025 and about 4.8% for 2026 nationally, against
NATO's 4.48% estimate for 2025), verification of a cap, and any response by Russia or Belarus.

References
----------
NATO, The Hague Summit Declaration, 25 June 2025 (5% of GDP by 2035: at least 3.5% core defence,
up to 1.5% related spending), as printed by Firstpost:
https://www.firstpost.com/world/nato-pledges-5-gdp-defense-spending-by-2035-reaffirms-support-for-ukraine-13900463.html
NATO, Defence Expenditure of NATO Countries (2014-2025), 28 August 2025: Poland 2025e 4.48% of GDP,
as reported by Polskie Radio:
https://www.polskieradio.pl/395/9766/artykul/3571326,update-poland-tops-nato-in-defence-spending-alliance-data-show
Homeland Defence Act, signed 18 March 2022 (about 300,000 troops: 250,000 professional plus 50,000
Territorial Defence), as reported by Polskie Radio:
https://polskieradio.pl/395/7784/artykul/2913072,senators-vote-to-expand-polands-armed-forces-amid-russiaukraine-war
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from . import _validate as check

#: The Hague commitment (25 June 2025), in percent of GDP, and its deadline.
HAGUE_CORE = 3.5
HAGUE_RELATED = 1.5
HAGUE_TOTAL = HAGUE_CORE + HAGUE_RELATED
HAGUE_YEAR = 2035
#: NATO's estimate of Poland's 2025 defence spending (2025 edition), percent of GDP.
POLAND_2025_NATO = 4.48
#: The target set with the 2022 Homeland Defence Act: 250,000 professional + 50,000 Territorial Defence.
TROOP_TARGET = 300_000


def _number(value: float, name: str, low: float, high: float) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if not low <= float(value) <= high:
        raise ValueError(f"{name} must lie in [{low:g}, {high:g}], got {value!r}")
    return float(value)


def _year(value: int, name: str) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole year, got {value!r}")
    if not 1900 <= int(value) <= 2100:
        raise ValueError(f"{name} must be a year between 1900 and 2100, got {value!r}")
    return int(value)


@dataclass(frozen=True)
class Defaults:
    """The picture both front ends open on.

    Sourced: ``start_share`` (NATO's 2025 estimate for Poland), ``target_share`` and
    ``target_year`` (The Hague commitment), ``start_troops`` (about 200,000 in March 2025,
    Politico) and ``target_troops`` (the 2022 Homeland Defence Act's 300,000). Illustrative
    assumptions the reader can move: ``gdp_growth``, ``cap_share``, ``cap_from``,
    ``depreciation`` and ``troop_cap``.
    """

    start_year: int = 2025
    end_year: int = 2035
    start_share: float = POLAND_2025_NATO
    target_share: float = HAGUE_TOTAL
    target_year: int = HAGUE_YEAR
    gdp_growth: float = 3.0
    cap_share: float = 4.5
    cap_from: int = 2027
    depreciation: float = 10.0
    start_troops: float = 200_000.0
    target_troops: float = float(TROOP_TARGET)
    troop_cap: float = 250_000.0

    def __post_init__(self) -> None:
        for name in ("start_year", "end_year", "target_year", "cap_from"):
            _year(getattr(self, name), name)
        for name in ("start_share", "target_share", "cap_share"):
            _number(getattr(self, name), name, 0.0, 20.0)
        _number(self.gdp_growth, "gdp_growth", -10.0, 15.0)
        if _number(self.depreciation, "depreciation", 0.0, 100.0) == 0.0:
            raise ValueError("depreciation must be above 0, got 0.0")
        for name in ("start_troops", "target_troops", "troop_cap"):
            _number(getattr(self, name), name, 0.0, 2e6)


DEFAULTS = Defaults()


class SpendingPath(NamedTuple):
    """A spending path with and without the cap (see :func:`spending_path`)."""

    years: np.ndarray
    gdp: np.ndarray
    share: np.ndarray
    share_capped: np.ndarray
    spending: np.ndarray
    spending_capped: np.ndarray
    binds: int | None
    forgone: float
    forgone_budgets: float
    stock_shortfall: float


class TroopPath(NamedTuple):
    """A headcount path with and without a ceiling (see :func:`troop_path`)."""

    years: np.ndarray
    troops: np.ndarray
    troops_capped: np.ndarray
    binds: int | None
    forgone_2035: float
    forgone_troop_years: float


# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------
def _years(years: ArrayLike) -> np.ndarray:
    arr = check.finite_array(years, "years")
    if np.any(np.diff(arr) <= 0):
        raise ValueError("years must be finite and strictly increasing")
    return arr


# ---------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------
def horizon(start_year: int = DEFAULTS.start_year, end_year: int = DEFAULTS.end_year) -> np.ndarray:
    """The years ``start_year, ..., end_year`` as integers.

    Raises
    ------
    ValueError
        If either is not a whole year or ``end_year`` is before ``start_year``.
    """
    start, end = _year(start_year, "start_year"), _year(end_year, "end_year")
    if end < start:
        raise ValueError(f"end_year must not be before start_year ({start}), got {end}")
    return np.arange(start, end + 1)


def gdp_index(years: ArrayLike, growth: float, base_year: int = DEFAULTS.start_year) -> np.ndarray:
    """Real GDP as an index, 100 in ``base_year``, growing ``growth`` percent a year.

    Parameters
    ----------
    years : array_like of int
        Strictly increasing years.
    growth : float
        Real growth in percent per year, in [-10, 15] (an assumption, not a forecast).
    base_year : int
        The year in which the index is 100.

    Returns
    -------
    numpy.ndarray
        ``100 * (1 + growth/100) ** (year - base_year)``.

    Raises
    ------
    ValueError
        If ``growth`` is outside [-10, 15] or ``years`` is not strictly increasing.
    """
    t = _years(years)
    g = _number(growth, "growth", -10.0, 15.0)
    return 100.0 * (1.0 + g / 100.0) ** (t - _year(base_year, "base_year"))


def share_path(
    years: ArrayLike,
    start_share: float,
    target_share: float,
    start_year: int = DEFAULTS.start_year,
    target_year: int = DEFAULTS.target_year,
) -> np.ndarray:
    """Defence spending as percent of GDP: a straight line from ``start_share`` in ``start_year``
    to ``target_share`` in ``target_year``, constant before and after.

    Raises
    ------
    ValueError
        If a share is outside [0, 20] or ``target_year`` is not after ``start_year``.
    """
    t = _years(years)
    s0 = _number(start_share, "start_share", 0.0, 20.0)
    s1 = _number(target_share, "target_share", 0.0, 20.0)
    y0, y1 = _year(start_year, "start_year"), _year(target_year, "target_year")
    if y1 <= y0:
        raise ValueError(f"target_year must be after start_year ({y0}), got {y1}")
    return _linear(t, s0, s1, y0, y1)


def _linear(t: np.ndarray, v0: float, v1: float, y0: int, y1: int) -> np.ndarray:
    frac = np.clip((t - y0) / (y1 - y0), 0.0, 1.0)
    return v0 + frac * (v1 - v0)


def apply_cap(years: ArrayLike, values: ArrayLike, cap: float, cap_from: int) -> np.ndarray:
    """``values`` with a ceiling ``cap`` from ``cap_from`` on: min(value, cap) in those years.

    Raises
    ------
    ValueError
        If ``cap`` is negative or ``values`` does not match ``years``.
    """
    t = _years(years)
    v = check.finite_array(values, "values")
    if v.shape != t.shape:
        raise ValueError(f"values must have one entry per year ({t.size}), got shape {v.shape}")
    c = _number(cap, "cap", 0.0, np.inf)
    start = _year(cap_from, "cap_from")
    return np.where(t >= start, np.minimum(v, c), v)


def binding_year(years: ArrayLike, values: ArrayLike, cap: float, cap_from: int) -> int | None:
    """The first year from ``cap_from`` on in which ``values`` exceed ``cap``; None if never."""
    t = _years(years)
    v = check.finite_array(values, "values")
    if v.shape != t.shape:
        raise ValueError(f"values must have one entry per year ({t.size}), got shape {v.shape}")
    c = _number(cap, "cap", 0.0, np.inf)
    hit = np.flatnonzero((t >= _year(cap_from, "cap_from")) & (v > c + 1e-12))
    return int(t[hit[0]]) if hit.size else None


def capital_stock(spending: ArrayLike, depreciation: float) -> np.ndarray:
    """A capability stock built by the perpetual-inventory rule.

    K(0) = S(0)/d (the steady state of the first year's spending), then
    K(t) = (1 − d)·K(t − 1) + S(t).

    Parameters
    ----------
    spending : array_like of float
        Spending per year, non-negative.
    depreciation : float
        Share of the stock lost each year, in percent, in (0, 100].

    Raises
    ------
    ValueError
        If ``depreciation`` is outside (0, 100] or ``spending`` is empty or negative.
    """
    s = check.finite_array(spending, "spending")
    if np.any(s < 0):
        raise ValueError("spending must be a non-empty 1-D sequence of non-negative numbers")
    d = _number(depreciation, "depreciation", 0.0, 100.0) / 100.0
    if d == 0.0:
        raise ValueError(f"depreciation must be above 0, got {depreciation!r}")
    k = np.empty_like(s)
    k[0] = s[0] / d
    for i in range(1, s.size):
        k[i] = (1.0 - d) * k[i - 1] + s[i]
    return k


# ---------------------------------------------------------------------------------------------
# The two what-ifs
# ---------------------------------------------------------------------------------------------
def spending_path(
    gdp_growth: float = DEFAULTS.gdp_growth,
    start_share: float = DEFAULTS.start_share,
    target_share: float = DEFAULTS.target_share,
    target_year: int = DEFAULTS.target_year,
    cap_share: float | None = DEFAULTS.cap_share,
    cap_from: int = DEFAULTS.cap_from,
    depreciation: float = DEFAULTS.depreciation,
    start_year: int = DEFAULTS.start_year,
    end_year: int = DEFAULTS.end_year,
) -> SpendingPath:
    """Poland's defence spending to ``end_year`` with and without a cap on its share of GDP.

    Parameters
    ----------
    gdp_growth : float
        Real GDP growth, percent a year (assumption).
    start_share, target_share : float
        Share of GDP in ``start_year`` and in ``target_year`` (percent).
    target_year : int
        When the target share is reached.
    cap_share : float or None
        The ceiling on the share of GDP (percent); None means no cap.
    cap_from : int
        First year the cap applies.
    depreciation : float
        Percent of the capability stock lost each year (assumption), for ``stock_shortfall``.

    Returns
    -------
    SpendingPath
        ``spending`` and ``spending_capped`` are in percent of ``start_year`` GDP. ``binds`` is the
        first year the cap bites (None if never). ``forgone`` is the cumulative spending removed
        (percent of start-year GDP); ``forgone_budgets`` the same in years of start-year spending;
        ``stock_shortfall`` the capped stock's shortfall in ``end_year``, as a fraction of the
        uncapped stock.

    Raises
    ------
    ValueError
        If any argument is out of range (each check names the argument).
    """
    years = horizon(start_year, end_year)
    _number(gdp_growth, "gdp_growth", -10.0, 15.0)
    gdp = gdp_index(years, gdp_growth, start_year)
    share = share_path(years, start_share, target_share, start_year, target_year)
    if cap_share is None:
        capped, binds = share.copy(), None
    else:
        _number(cap_share, "cap_share", 0.0, 20.0)
        capped = apply_cap(years, share, cap_share, cap_from)
        binds = binding_year(years, share, cap_share, cap_from)
    spend = share * gdp / 100.0
    spend_capped = capped * gdp / 100.0
    forgone = float(np.sum(spend - spend_capped))
    base = float(spend[0])
    stock = capital_stock(spend, depreciation)
    stock_capped = capital_stock(spend_capped, depreciation)
    shortfall = float(1.0 - stock_capped[-1] / stock[-1]) if stock[-1] > 0 else 0.0
    return SpendingPath(
        years,
        gdp,
        share,
        capped,
        spend,
        spend_capped,
        binds,
        forgone,
        forgone / base if base > 0 else float("nan"),
        shortfall,
    )


def troop_path(
    start_troops: float = DEFAULTS.start_troops,
    target_troops: float = DEFAULTS.target_troops,
    troop_cap: float | None = DEFAULTS.troop_cap,
    cap_from: int = DEFAULTS.cap_from,
    target_year: int = DEFAULTS.target_year,
    start_year: int = DEFAULTS.start_year,
    end_year: int = DEFAULTS.end_year,
) -> TroopPath:
    """Poland's headcount in a straight line to its target, with and without a ceiling.

    Returns
    -------
    TroopPath
        ``binds`` is the first year the ceiling bites (None if never); ``forgone_2035`` the
        soldiers missing in ``end_year``; ``forgone_troop_years`` the sum over the years.

    Raises
    ------
    ValueError
        If a headcount is outside [0, 2,000,000] or a year is invalid.
    """
    years = horizon(start_year, end_year)
    s0 = _number(start_troops, "start_troops", 0.0, 2e6)
    s1 = _number(target_troops, "target_troops", 0.0, 2e6)
    y1 = _year(target_year, "target_year")
    if y1 <= years[0]:
        raise ValueError(f"target_year must be after start_year ({years[0]}), got {y1}")
    troops = _linear(years.astype(float), s0, s1, int(years[0]), y1)
    if troop_cap is None:
        capped, binds = troops.copy(), None
    else:
        _number(troop_cap, "troop_cap", 0.0, 2e6)
        capped = apply_cap(years, troops, troop_cap, cap_from)
        binds = binding_year(years, troops, troop_cap, cap_from)
    gap = troops - capped
    return TroopPath(years, troops, capped, binds, float(gap[-1]), float(gap.sum()))


def troop_ratio(poland_personnel: float, belarus_personnel: float) -> float:
    """How many times larger Poland's armed forces are than Belarus's: one headcount over the other.

    Chapters 3 and 4 quote this one number, computed from one row of each data file (Poland:
    ``data/poland_forces.csv``, 2024, NATO's estimate as quoted; Belarus: ``data/belarus_forces.csv``,
    IISS *Military Balance 2022* as quoted by Reuters). The two counts come from different years and
    definitions, so the ratio is a rough scale, not a military balance.

    Parameters
    ----------
    poland_personnel : float
        Poland's armed forces, persons; finite and positive.
    belarus_personnel : float
        Belarus's armed forces, persons; finite and positive.

    Returns
    -------
    float
        ``poland_personnel / belarus_personnel``.

    Raises
    ------
    ValueError
        If either argument is not a finite positive real number (a string, a bool, None, NaN or an
        infinity included); the message names the argument.

    Examples
    --------
    >>> troop_ratio(216_100, 48_000)
    4.502083333333333
    """
    values = {}
    for name, value in (("poland_personnel", poland_personnel), ("belarus_personnel", belarus_personnel)):
        number = _number(value, name, 0.0, np.inf)
        if number <= 0.0:
            raise ValueError(f"{name} must be above 0, got {value!r}")
        values[name] = number
    return values["poland_personnel"] / values["belarus_personnel"]


def hague_gap(share: float, core_share: float | None = None) -> dict[str, float]:
    """How far a share of GDP is from The Hague's 5% (and, if given, a core share from 3.5%).

    Returns a dict with ``total_gap`` = 5 − share and, if ``core_share`` is given,
    ``core_gap`` = 3.5 − core_share (negative means above the commitment).
    """
    s = _number(share, "share", 0.0, 20.0)
    out = {"total_gap": HAGUE_TOTAL - s}
    if core_share is not None:
        out["core_gap"] = HAGUE_CORE - _number(core_share, "core_share", 0.0, 20.0)
    return out
