"""The live half of the benchmark, run *inside* a real IPython kernel (``bench/run.py`` starts one).

Inside a kernel every widget has a real comm: a change to a ``go.FigureWidget`` is serialised and
sent to the front end over the kernel's iopub socket, and ``fig.show()`` publishes a display
message with the whole figure (renderer ``plotly_mimetype``, what JupyterLab draws natively, set
by :func:`explainer.theme.apply` as the notebooks set it). Both costs are part of what a reader
waits for, so both are measured here, in the same kernel, for every chart with controls
(:func:`explainer.figures.chart_factories`, called with ``tests/charts/chart_args.py``'s ``ARGS``):

* **in place** (the book's way): set one control of a :class:`explainer.widgets.LivePanel`; its
  observer runs the chart's ``update`` on the panel's one ``FigureWidget`` inside plotly's public
  ``batch_update``, which sends the change as one ``plotly_update``.
* **rebuild** (the common pattern): an ``ipywidgets.interactive`` over ``control_widget(c)`` for
  each of the chart's controls, whose callback builds a new figure on every change
  (``chart.figure(**values)``: the same ``build`` and ``update``) and shows it with ``fig.show()``.

Each timing runs from setting the control's value to the handler's return. Only the front end's
redraw is left out (it happens in the browser, after the message has left the kernel). Each path
runs on its own, as a reader meets it, over the same moves: the book's path on the first half of
the moves, then the common pattern on the first half and on the second, then the book's path on
the second half (A B B A, so that any drift of the machine falls on both alike).
"""

from __future__ import annotations

import functools
import gc
import importlib
import inspect
import json
import os
import pkgutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _factories() -> tuple[dict, dict]:
    """``chart_factories()``; while other chapters' modules are being converted one may fail to
    import, so then each module is tried on its own and the failures are returned, not raised."""
    from explainer import figures

    try:
        return figures.chart_factories(), {}
    except Exception:  # noqa: BLE001 - a module mid-conversion; find the ones that do import
        pass
    found, failed = {}, {}
    for info in pkgutil.iter_modules(figures.__path__):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"{figures.__name__}.{info.name}")
        except Exception as e:  # noqa: BLE001
            failed[info.name] = f"{type(e).__name__}: {e}"
            continue
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if (
                fn.__module__ == module.__name__
                and not name.startswith("_")
                and inspect.signature(fn).return_annotation in ("Chart", figures.Chart)
            ):
                found[f"{info.name}.{name}"] = fn
    return found, failed


def chart_makers(with_controls: bool = True) -> dict:
    """Every chart the book defines (with controls, unless ``with_controls`` is false), as
    chart name -> a function of no arguments that makes it, with ``chart_args.ARGS`` bound."""
    # the book's data, wherever the kernel runs (the end-to-end notebook runs in a scratch folder)
    os.environ.setdefault("EXPLAINER_DATA_DIR", str(ROOT / "data"))
    sys.path.insert(0, str(ROOT / "tests" / "charts"))
    from chart_args import ARGS

    makers = {}
    factories, failed = _factories()
    for key, fn in factories.items():
        params = inspect.signature(fn).parameters
        kwargs = {p: ARGS[p]() for p, v in params.items() if p in ARGS and v.default is inspect.Parameter.empty}
        chart = fn(**kwargs)
        if chart.controls or not with_controls:
            makers[chart.name] = functools.partial(fn, **kwargs)
    if failed:
        print(
            "bench: chart modules skipped (they do not import): " + "; ".join(f"{k} ({v})" for k, v in failed.items()),
            file=sys.stderr,
        )
    return makers


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
    """The moves every live benchmark replays: a sweep of each control of ``panel`` (a
    ``LivePanel``) in turn (a second sweep tops up), skipping values that would be no change."""
    current, moves = panel.values(), []
    for cname, value in _plan(panel.controls, changes) * 2:
        if len(moves) < changes and current[cname] != value:
            moves.append((cname, value))
            current[cname] = value
    if len(moves) < changes:
        raise RuntimeError(f"{panel.chart.name}: only {len(moves)} distinct changes, wanted {changes}")
    return moves


def percentiles(xs: list) -> tuple[float, float]:
    """p50 and p95 of ``xs``."""
    return float(np.percentile(xs, 50)), float(np.percentile(xs, 95))


def compare(fast: list, slow: list) -> dict:
    """p50 and p95 (ms) of the book's way (``fast``) and the common pattern (``slow``), and the
    ratio of their medians: the columns every live table of the report shares."""
    f50, f95 = percentiles(fast)
    s50, s95 = percentiles(slow)
    return {
        "inplace_p50_ms": f50,
        "inplace_p95_ms": f95,
        "rebuild_p50_ms": s50,
        "rebuild_p95_ms": s95,
        "speedup_p50": s50 / max(f50, 1e-9),
    }


def rebuild_pattern(chart):
    """The common pattern over ``chart``'s controls: an ``ipywidgets.interactive`` over
    ``control_widget(c)`` for each control, whose callback builds a new figure on every change
    and shows it (``fig.show()``). Returns the interactive and its controls by name."""
    import ipywidgets as W

    from explainer.widgets import control_widget

    controls = {c.name: control_widget(c) for c in chart.controls}

    def show(**values):
        chart.figure(**values).show()

    return W.interactive(show, **controls), controls


def measure(changes: int = 240) -> list[dict]:
    from IPython import get_ipython
    from IPython.display import display

    if get_ipython() is None or not hasattr(get_ipython(), "kernel"):
        raise RuntimeError("bench/live_kernel.py must run inside an IPython kernel (bench/run.py starts one)")
    import plotly.io as pio

    from explainer import theme
    from explainer.widgets import LivePanel

    theme.apply()  # as the notebooks do: the book's template, renderer plotly_mimetype
    rows = []
    for name, make in chart_makers().items():
        panel = LivePanel(make())
        display(panel)
        ui, twin = rebuild_pattern(make())  # the same controls and the same chart, the common way
        display(ui)
        moves = slider_moves(panel, changes)
        current = {**panel.values(), **dict(moves)}
        times = {"fast": [], "slow": []}
        half = len(moves) // 2
        for key, target, block in (
            ("fast", panel.controls, moves[:half]),
            ("slow", twin, moves[:half]),
            ("slow", twin, moves[half:]),
            ("fast", panel.controls, moves[half:]),
        ):
            gc.collect()
            for cname, value in block:
                t0 = time.perf_counter()
                target[cname].value = value
                times[key].append((time.perf_counter() - t0) * 1000)
        assert panel.values() == {k: w.value for k, w in twin.items()} == current
        rows.append(
            {
                "chart": name,
                "controls": len(panel.controls),
                "changes": len(times["fast"]),
                "renderer": pio.renderers.default,
                **compare(times["fast"], times["slow"]),
            }
        )
        panel.close()
        ui.close()
    return rows


def main(changes: int = 240) -> None:
    print("LIVE-RESULT " + json.dumps(measure(changes)))
