"""Live panels for JupyterLab and Binder: ipywidgets sliders bound to one ``go.FigureWidget``.

Each panel builds its figure once and, on every slider change, calls the same model function as
the static chart and updates the figure in place: its ``update`` records the new values on
:class:`FigureEdits`, which sends them to the panel's :class:`LiveFigure` (a ``go.FigureWidget``)
as one ``plotly_update``, in one comm message.

On the static HTML page a panel shows no widget (it would be a dead control without a kernel):
:class:`LivePanel` also carries a short HTML note with a link to open the chapter in Binder, and
the book's Sphinx extension renders that note instead of the widget.
"""

import importlib
import inspect
import pkgutil
from collections.abc import Callable

from .. import theme
from ._panel import FigureEdits, LiveFigure, LivePanel, slider

theme.apply()


def panel_functions() -> dict[str, Callable[..., LivePanel]]:
    """Every live panel this package defines, as ``"module.function"`` -> the function: each
    function whose name ends in ``panel`` in a public module here (the benchmark times them all,
    and the tests check that each is covered)."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and name.endswith("panel"):
                found[f"{info.name}.{name}"] = fn
    return found


__all__ = ["FigureEdits", "LiveFigure", "LivePanel", "panel_functions", "slider"]
