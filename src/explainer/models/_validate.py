"""Argument checks shared by every model.

Each check raises :class:`ValueError` whose message names the argument and the bad value, so a
reader who moves a slider too far, or a student who calls a model by hand, learns what to fix.

One standard for every public function: a number is a real number (not a string, not a bool,
not None), finite unless the function says otherwise; an array argument is a non-empty array of
such numbers with the expected number of dimensions, and each of its entries obeys the rule for
a scalar (so ``['0.5', '0.7']`` and ``[True, False]`` are rejected like ``'0.5'`` and ``True``).
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike


def real(value: float, name: str, what: str = "a number") -> float:
    """Return ``value`` as a float after checking that it is a real number (not a bool, a
    string or None); NaN and infinities pass here (see :func:`finite`)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be {what}, got {value!r}")
    return float(value)


def finite(value: float, name: str, low: float = -np.inf, high: float = np.inf) -> float:
    """Return ``value`` as a float after checking that it is a finite real in [low, high]."""
    value = real(value, name, "a finite number")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must lie in [{low:g}, {high:g}], got {value!r}")
    return value


def array(values: ArrayLike, name: str, ndim: int | tuple[int, ...] = 1, allow_empty: bool = False) -> np.ndarray:
    """Return ``values`` as a float array after checking it entry by entry.

    Rejected, with a message naming ``name``: a string, None or a mapping in place of the array;
    an entry that is a string, a bool or not a number; a ragged nesting; a number of dimensions
    not in ``ndim``; an empty array unless ``allow_empty``. (NaN and infinities are left to the
    caller, which knows its range; :func:`finite_array` rejects them.)
    """
    if values is None or isinstance(values, (str, bytes, dict)):
        raise ValueError(f"{name} must be an array of numbers, got {values!r}")
    try:
        raw = np.asarray(values)
    except (TypeError, ValueError) as exc:  # ragged nesting
        raise ValueError(f"{name} must be a rectangular array of numbers, got {values!r}") from exc
    if raw.dtype.kind == "O":
        flat = raw.ravel().tolist()
        bad = next((v for v in flat if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real)), None)
        if bad is not None or any(isinstance(v, (list, tuple)) for v in flat):
            raise ValueError(f"{name} must hold only numbers; it holds {bad!r}")
    elif raw.dtype.kind not in "iuf":
        what = {"b": "bools", "U": "strings", "S": "bytes"}.get(raw.dtype.kind, f"{raw.dtype} values")
        raise ValueError(f"{name} must hold only numbers, not {what}; got {values!r}")
    arr = raw.astype(float)
    dims = (ndim,) if isinstance(ndim, int) else ndim
    want = " or ".join(f"{d}-D" for d in dims)
    if arr.ndim not in dims:
        raise ValueError(f"{name} must be {want}, got shape {arr.shape}")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} must be a non-empty {want} array, got shape {arr.shape}")
    return arr


def finite_array(values: ArrayLike, name: str, ndim: int | tuple[int, ...] = 1) -> np.ndarray:
    """:func:`array` whose entries must also be finite; the first bad entry is named."""
    arr = array(values, name, ndim)
    bad = ~np.isfinite(arr)
    if bad.any():
        i = tuple(int(v) for v in np.argwhere(bad)[0]) if arr.ndim else ()
        where = f"entry {i[0]}" if len(i) == 1 else f"entry {i}" if i else "it"
        raise ValueError(f"{name} must hold finite numbers; {where} is {float(arr[i])!r}")
    return arr


def unit(values: ArrayLike, name: str, ndim: int | tuple[int, ...] = (0, 1)) -> np.ndarray:
    """A number or a non-empty array (of ``ndim`` dimensions) of numbers in [0, 1], as floats."""
    arr = array(values, name, ndim=ndim)
    bad = ~np.isfinite(arr) | (arr < 0.0) | (arr > 1.0)
    if bad.any():
        first = arr[bad].flat[0] if arr.ndim else arr.item()
        raise ValueError(f"{name} must lie in [0, 1], got {first!r}")
    return arr


def choice(value: str, name: str, options: tuple[str, ...]) -> str:
    """Return ``value`` after checking that it is one of the strings ``options``."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(options)}; got {value!r}")
    return value


def fields(
    obj: object,
    probabilities: tuple[str, ...] = (),
    counts: dict[str, int] | None = None,
    positives: tuple[str, ...] = (),
    choices: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """Check a dataclass's fields on construction (``__post_init__``): each named field must be a
    probability, a whole number >= its minimum, a finite number > 0, or one of its choices."""
    for name in probabilities:
        probability(getattr(obj, name), name)
    for name, minimum in (counts or {}).items():
        count(getattr(obj, name), name, minimum)
    for name in positives:
        positive(getattr(obj, name), name)
    for name, options in (choices or {}).items():
        choice(getattr(obj, name), name, options)


def probability(value: float, name: str) -> float:
    """Return ``value`` as a float after checking that it lies in [0, 1]."""
    value = real(value, name, "a number in [0, 1]")
    if not (0.0 <= value <= 1.0):
        raise ValueError(f"{name} must be a probability in [0, 1], got {value!r}")
    return value


def probabilities(values: ArrayLike, name: str) -> np.ndarray:
    """Return a 1-D float array after checking its shape and that every entry is in [0, 1]."""
    arr = array(values, name, ndim=1, allow_empty=True)
    if arr.size == 0:
        raise ValueError(f"{name} must have at least one member, got an empty sequence")
    bad = ~np.isfinite(arr) | (arr < 0.0) | (arr > 1.0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{name} must hold probabilities in [0, 1]; entry {i} is {arr[i]!r}")
    return arr


def probability_table(values: ArrayLike, name: str, column: str) -> np.ndarray:
    """Return a 2-D float array (rows of scenarios, one ``column`` per entry) after checking that it
    has at least one column and that every cell is a probability; errors name the first bad cell."""
    arr = array(values, name, ndim=(0, 1, 2, 3), allow_empty=True)
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} must be 2-D with at least one {column}, got shape {arr.shape}")
    bad = ~np.isfinite(arr) | (arr < 0.0) | (arr > 1.0)
    if bad.any():
        r, i = (int(v) for v in np.argwhere(bad)[0])
        raise ValueError(f"{name} must hold probabilities in [0, 1]; row {r}, {column} {i} is {float(arr[r, i])!r}")
    return arr


def count(value: int, name: str, minimum: int = 0) -> int:
    """Return ``value`` as an int after checking that it is an integer >= ``minimum``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value


def positive(value: float, name: str, allow_zero: bool = False) -> float:
    """Return ``value`` as a float after checking that it is finite and > 0 (or >= 0)."""
    value = real(value, name)
    ok = np.isfinite(value) and (value >= 0.0 if allow_zero else value > 0.0)
    if not ok:
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be finite and {bound}, got {value!r}")
    return value


def weights(values: ArrayLike, name: str, size: int) -> np.ndarray:
    """Return non-negative weights (e.g. populations) of length ``size`` with a positive sum."""
    arr = array(values, name, ndim=(0, 1, 2, 3), allow_empty=True)
    if arr.ndim != 1 or arr.size != size:
        raise ValueError(f"{name} must be 1-D with one entry per member ({size}), got shape {arr.shape}")
    bad = ~np.isfinite(arr) | (arr < 0.0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{name} must be finite and >= 0; entry {i} is {arr[i]!r}")
    if arr.sum() <= 0.0:
        raise ValueError(f"{name} must have a positive total, got {arr.sum()!r}")
    return arr
