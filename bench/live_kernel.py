"""The live half of the benchmark, run *inside* a real IPython kernel (``bench/run.py`` starts one).

Inside a kernel every widget has a real comm: a change to a ``go.FigureWidget`` is serialised and
sent to the front end over the kernel's iopub socket, and ``fig.show()`` publishes a display
message with the whole figure (JupyterLab's default renderer there is ``plotly_mimetype``). Both
costs are part of what a reader waits for, so both are measured here, in the same kernel:

* **in place** (the book's way): set one control of a :class:`explainer.widgets.LivePanel`; its
  observer runs the model and updates the panel's one ``FigureWidget`` (a ``LiveFigure``) with one
  ``plotly_update``, sent as one comm message.
* **rebuild** (the common pattern): an ``ipywidgets.interactive`` callback over the same controls
  that builds a new ``go.Figure`` on every change, from the panel's own ``build`` and ``update``
  (the same model and the same picture), and shows it with ``fig.show()``.

Each timing runs from setting the control's value to the handler's return. Only the front end's
redraw is left out (it happens in the browser, after the message has left the kernel). Each path
runs on its own, as a reader meets it, over the same slider moves: the book's path on the first
half of the moves, then the common pattern on the first half and on the second, then the book's
path on the second half (A B B A, so that any drift of the machine falls on both alike).
"""

from __future__ import annotations

import functools
import gc
import inspect
import json
import time

import numpy as np


def panel_factories() -> dict:
    """Every live panel (``explainer.widgets.panel_functions``), ready to call with no arguments."""
    from explainer import data
    from explainer.widgets import panel_functions

    rat = data.accession_ratifications()
    mean_days = float(np.sort(rat[rat.candidate == "Finland"].dropna(subset=["days"]).days)[:28].mean())
    known = {"mean_days": mean_days}
    factories = {}
    for name, fn in panel_functions().items():
        params = inspect.signature(fn).parameters
        kwargs = {p: known[p] for p, v in params.items() if v.default is inspect._empty and p in known}
        if all(p in kwargs or v.default is not inspect._empty for p, v in params.items()):
            factories[name] = functools.partial(fn, **kwargs)
    return factories


def values_for(widget, n: int) -> list:
    """``n`` values that sweep a control's range (or cycle its options)."""
    if hasattr(widget, "options") and widget.options:
        opts = [o[1] if isinstance(o, tuple) else o for o in widget.options]
        return [opts[i % len(opts)] for i in range(n)]
    lo, hi = widget.min, widget.max
    grid = np.linspace(lo, hi, 25)
    if isinstance(widget.value, int) and not isinstance(widget.value, bool):
        grid = np.unique(np.round(grid).astype(int))
    step = getattr(widget, "step", None)
    if step:
        grid = np.unique(np.round((grid - lo) / step) * step + lo)
        grid = np.clip(grid, lo, hi)
    return [type(widget.value)(grid[i % len(grid)]) for i in range(n)]


def _plan(controls: dict, changes: int) -> list:
    per = max(1, -(-changes // len(controls)))
    plan = []
    for cname, widget in controls.items():
        plan += [(cname, v) for v in values_for(widget, per)]
    return plan


def slider_moves(panel, changes: int) -> list:
    """The slider moves both benchmarks replay: a sweep of each control in turn (a second sweep
    tops up), skipping values that would be no change."""
    current, moves = panel.values(), []
    for cname, value in _plan(panel.controls, changes) * 2:
        if len(moves) < changes and current[cname] != value:
            moves.append((cname, value))
            current[cname] = value
    if len(moves) < changes:
        raise RuntimeError(f"{panel.title}: only {len(moves)} distinct changes, wanted {changes}")
    return moves


def compare(fast: list, slow: list) -> dict:
    """p50 and p95 (ms) of the book's way (``fast``) and the common pattern (``slow``), and the
    ratio of their medians: the columns every live table of the report shares."""
    def p(xs: list, q: float) -> float:
        return float(np.percentile(xs, q))

    return {"inplace_p50_ms": p(fast, 50), "inplace_p95_ms": p(fast, 95),
            "rebuild_p50_ms": p(slow, 50), "rebuild_p95_ms": p(slow, 95),
            "speedup_p50": p(slow, 50) / max(p(fast, 50), 1e-9)}


def _rebuild_and_show(twin):
    """The common pattern's callback: a new figure on every change, shown as JupyterLab shows it."""
    def show(**values):
        fig = twin.build()
        twin._update(fig, **values)
        fig.show()
    return show


def measure(changes: int = 240) -> list[dict]:
    import ipywidgets as W
    from IPython import get_ipython
    from IPython.display import display

    if get_ipython() is None or not hasattr(get_ipython(), "kernel"):
        raise RuntimeError("bench/live_kernel.py must run inside an IPython kernel (bench/run.py starts one)")
    import plotly.io as pio

    rows = []
    for name, factory in panel_factories().items():
        panel = factory()
        display(panel)
        twin = factory()  # the same controls and the same model, driven the common way
        for w in twin.controls.values():
            w.unobserve(twin._changed, names="value")

        ui = W.interactive(_rebuild_and_show(twin), **twin.controls)
        display(ui)
        moves = slider_moves(panel, changes)
        current = {**panel.values(), **dict(moves)}
        # each path runs alone, as a reader meets it (no other path's garbage or cache misses in
        # between), in the order A B B A over the two halves of the moves, so drift evens out
        times = {"fast": [], "slow": []}
        half = len(moves) // 2
        for key, target, block in (("fast", panel, moves[:half]), ("slow", twin, moves[:half]),
                                   ("slow", twin, moves[half:]), ("fast", panel, moves[half:])):
            gc.collect()
            for cname, value in block:
                t0 = time.perf_counter()
                target.controls[cname].value = value
                times[key].append((time.perf_counter() - t0) * 1000)
        assert panel.values() == twin.values() == current
        rows.append({"panel": name, "changes": len(times["fast"]), "renderer": pio.renderers.default,
                     **compare(times["fast"], times["slow"])})
    return rows


def main(changes: int = 240) -> None:
    print("LIVE-RESULT " + json.dumps(measure(changes)))
