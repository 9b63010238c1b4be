"""Charts, one module per chapter topic; each chart is defined once as a :class:`Chart`.

A chart's ``build`` makes the figure, its ``update`` writes what the controls change and returns
the summary sentence, and its ``controls`` say what a reader can move (see
:mod:`explainer.figures._chart`). The live panel (:mod:`explainer.widgets`) and the static page
(the book's Sphinx extension) both draw it with that same ``update``. Chart factories never read
files: the notebooks pass them the data.
"""

import importlib
import inspect
import pkgutil
from collections.abc import Callable

from ._chart import CHART_MIME, PLOTLY_MIME, Chart, Control, FigureEdits


def chart_factories() -> dict[str, Callable[..., Chart]]:
    """Every chart the book defines, as ``"module.function"`` -> the function that makes it: each
    public function of a public module here whose return annotation is :class:`Chart`. The tests
    run each one (``tests/charts/test_charts.py``), so a new chart is checked the day it is added."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if (
                fn.__module__ == module.__name__
                and not name.startswith("_")
                and inspect.signature(fn).return_annotation in ("Chart", Chart)
            ):
                found[f"{info.name}.{name}"] = fn
    return found


__all__ = ["CHART_MIME", "PLOTLY_MIME", "Chart", "Control", "FigureEdits", "chart_factories"]
