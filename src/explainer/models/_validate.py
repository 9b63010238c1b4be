"""Argument checks shared by every model.

Each check raises :class:`ValueError` whose message names the argument and the bad value, so a
reader who moves a slider too far, or a student who calls a model by hand, learns what to fix.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike


def probability(value: float, name: str) -> float:
    """Return ``value`` as a float after checking that it lies in [0, 1]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number in [0, 1], got {value!r}")
    value = float(value)
    if not (0.0 <= value <= 1.0):
        raise ValueError(f"{name} must be a probability in [0, 1], got {value!r}")
    return value


def probabilities(values: ArrayLike, name: str) -> np.ndarray:
    """Return a 1-D float array after checking its shape and that every entry is in [0, 1]."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a 1-D sequence of numbers, got {values!r}") from exc
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one entry per member), got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must have at least one member, got an empty sequence")
    bad = ~np.isfinite(arr) | (arr < 0.0) | (arr > 1.0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{name} must hold probabilities in [0, 1]; entry {i} is {arr[i]!r}"
        )
    return arr


def probability_table(values: ArrayLike, name: str, column: str) -> np.ndarray:
    """Return a 2-D float array (rows of scenarios, one ``column`` per entry) after checking that it
    has at least one column and that every cell is a probability; errors name the first bad cell."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a 2-D table of numbers, got {values!r}") from exc
    if arr.ndim != 2 or arr.shape[1] == 0:
        raise ValueError(f"{name} must be 2-D with at least one {column}, got shape {arr.shape}")
    bad = ~np.isfinite(arr) | (arr < 0.0) | (arr > 1.0)
    if bad.any():
        r, i = (int(v) for v in np.argwhere(bad)[0])
        raise ValueError(f"{name} must hold probabilities in [0, 1]; row {r}, {column} {i} is {float(arr[r, i])!r}")
    return arr


def count(value: int, name: str, minimum: int = 0) -> int:
    """Return ``value`` as an int after checking that it is an integer >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value


def positive(value: float, name: str, allow_zero: bool = False) -> float:
    """Return ``value`` as a float after checking that it is finite and > 0 (or >= 0)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number, got {value!r}")
    value = float(value)
    ok = np.isfinite(value) and (value >= 0.0 if allow_zero else value > 0.0)
    if not ok:
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be finite and {bound}, got {value!r}")
    return value


def weights(values: ArrayLike, name: str, size: int) -> np.ndarray:
    """Return non-negative weights (e.g. populations) of length ``size`` with a positive sum."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a 1-D sequence of numbers, got {values!r}") from exc
    if arr.ndim != 1 or arr.size != size:
        raise ValueError(
            f"{name} must be 1-D with one entry per member ({size}), got shape {arr.shape}"
        )
    bad = ~np.isfinite(arr) | (arr < 0.0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{name} must be finite and >= 0; entry {i} is {arr[i]!r}")
    if arr.sum() <= 0.0:
        raise ValueError(f"{name} must have a positive total, got {arr.sum()!r}")
    return arr
