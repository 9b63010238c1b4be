"""The base of every live panel."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as W
import numpy as np
import plotly.graph_objects as go
from plotly.basedatatypes import Undefined

#: The book's Sphinx extension replaces this link with the chapter's Binder URL.
BINDER_PLACEHOLDER = "#launch-binder"

NOTE = (
    '<div class="explainer-live-note admonition note">'
    '<p class="admonition-title">Live panel: {title}</p>'
    "<p>This panel moves every assumption of the model ({controls}). It needs a running Python "
    'kernel, so it is not shown on this static page. <a class="explainer-binder-link" href="{href}">'
    "Open this chapter in Binder</a> to move every assumption, or run the notebook in JupyterLab "
    "(see the book's introduction). The chart above with the slider works here without a kernel.</p>"
    "</div>"
)


def slider(description: str, value: float, min: float, max: float, step: float,
           fmt: str = ".2f", integer: bool = False) -> W.Widget:
    """A labelled slider that reads as a person would say it (the full label, a formatted value)."""
    cls = W.IntSlider if integer else W.FloatSlider
    kwargs: dict[str, Any] = dict(
        value=value, min=min, max=max, step=step, description=description,
        continuous_update=True, style={"description_width": "initial"},
        layout=W.Layout(width="98%"),
    )
    if not integer:
        kwargs["readout_format"] = fmt
    return cls(**kwargs)


class _Path:
    """One place in a figure (``fig.data[2].marker``, ``fig.layout.title``...) that records every
    assignment below it as a property path, e.g. ``"marker.color"``, instead of setting it."""

    __slots__ = ("_sink", "_prefix")

    def __init__(self, sink: dict[str, Any], prefix: str = "") -> None:
        object.__setattr__(self, "_sink", sink)
        object.__setattr__(self, "_prefix", prefix)

    def __getattr__(self, name: str) -> _Path:
        return _Path(self._sink, f"{self._prefix}{name}.")

    def __setattr__(self, name: str, value: Any) -> None:
        self._sink[self._prefix + name] = value

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(f"a live panel's update may only assign properties; it called "
                        f"{self._prefix.rstrip('.')}(...)")


class FigureEdits:
    """Stands in for the figure while a panel's ``update`` runs, and records what it assigns:
    ``fig.data[i].path = value`` and ``fig.layout.path = value``.

    :meth:`apply` then sends them all to a ``go.FigureWidget`` as one ``plotly_update`` message.
    That is what ``batch_update`` sends too, but without plotly's property-by-property validation,
    which costs more than the models themselves. The values come from the tested models, and
    ``tests/test_live_panels.py`` checks that every panel's edits give the same figure as the
    validated path, so the check is kept, once, in the tests rather than on every slider move.
    """

    def __init__(self) -> None:
        self.traces: dict[int, dict[str, Any]] = {}
        self.layout_edits: dict[str, Any] = {}

    @property
    def data(self) -> _TraceEdits:
        return _TraceEdits(self.traces)

    @property
    def layout(self) -> _Path:
        return _Path(self.layout_edits)

    def update_args(self) -> dict[str, Any]:
        """The recorded edits as ``plotly_update`` arguments: ``restyle_data`` (one value per
        edited trace, ``Undefined`` where a trace leaves a path alone), ``relayout_data`` and
        ``trace_indexes``."""
        indexes = sorted(self.traces)
        paths = sorted({path for i in indexes for path in self.traces[i]})
        restyle = {path: [_plain(self.traces[i].get(path, Undefined)) for i in indexes] for path in paths}
        return {"restyle_data": restyle, "relayout_data": {k: _plain(v) for k, v in self.layout_edits.items()},
                "trace_indexes": indexes}

    def apply(self, figure: go.Figure) -> None:
        """Write the recorded edits into ``figure`` (in place; one message for a FigureWidget)."""
        for i in sorted(self.traces):
            if not 0 <= i < len(figure.data):
                raise IndexError(f"the update wrote to trace {i}; the figure has {len(figure.data)} traces")
        figure.plotly_update(**self.update_args())


def _plain(value: Any) -> Any:
    """What plotly's validation would have made of a value, where it matters for sending it: a
    tuple becomes a list (plotly's readers expect lists), and an array becomes one contiguous
    block (the kernel sends arrays as binary buffers, which must be contiguous; a column slice
    such as ``arr[:, 0]`` is not)."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, np.ndarray):
        return np.ascontiguousarray(value)
    return value


class _TraceEdits:
    __slots__ = ("_traces",)

    def __init__(self, traces: dict[int, dict[str, Any]]) -> None:
        self._traces = traces

    def __getitem__(self, index: int) -> _Path:
        return _Path(self._traces.setdefault(index, {}))


class LiveFigure(go.FigureWidget):
    """A ``go.FigureWidget`` whose ``plotly_update`` reaches the front end in one comm message.

    Plotly's own widget sends four for every update: the new trace edit id, the new layout edit
    id, the update itself, and then the update reset to ``None``. The front end reads both ids
    from the update (``trace_edit_id`` and ``layout_edit_id``), and the ids grow with every update,
    so no two updates are ever equal and the reset is not needed. Here the ids and the update
    travel together, in one message (ipywidgets' ``hold_sync``). Everything else is plotly's:
    the figure's state in Python, the messages for every other operation, and the front end.
    ``tests/test_live_panels.py`` counts the messages, and ``tests/test_live.py`` moves a slider
    in JupyterLab and checks that the chart follows.
    """

    def _send_update_msg(self, restyle_data, relayout_data, trace_indexes=None, source_view_id=None):
        trace_indexes = self._normalize_trace_indexes(trace_indexes)
        self._trace_edit_in_process = True
        self._layout_edit_in_process = True
        with self.hold_sync():
            self._last_trace_edit_id += 1
            self._last_layout_edit_id += 1
            self._py2js_update = {
                "style_data": restyle_data,
                "layout_data": relayout_data,
                "style_traces": trace_indexes,
                "trace_edit_id": self._last_trace_edit_id,
                "layout_edit_id": self._last_layout_edit_id,
                "source_view_id": source_view_id,
            }


class LivePanel(W.VBox):
    """Sliders over one ``go.FigureWidget`` that ``update`` redraws in place.

    Parameters
    ----------
    title : str
        What the panel explores.
    build : callable
        ``build()`` returns the panel's figure before any values are filled in (a ``go.Figure``).
        The panel wraps it once in a :class:`LiveFigure`, a ``go.FigureWidget``
        (``panel.figure``), which then changes in place.
    controls : mapping of name -> widget
        The sliders, in display order. Every change calls ``update``.
    update : callable
        ``update(fig, **values)`` with one keyword per control. It assigns properties only
        (``fig.data[i].y = ...``, ``fig.layout.title.text = ...``), so it works on a
        ``go.Figure`` (the validated path) and on :class:`FigureEdits` (the live path).
    """

    def __init__(self, title: str, build: Callable[[], go.Figure], controls: Mapping[str, W.Widget],
                 update: Callable[..., None]) -> None:
        self.title = title
        self.build = build
        self.figure = LiveFigure(build())
        self.controls = dict(controls)
        self._update = update
        boxes = list(self.controls.values())
        super().__init__([W.HTML(f"<b>{html.escape(title)}</b>"), *boxes, self.figure])
        for widget in boxes:
            widget.observe(self._changed, names="value")
        self.refresh()

    def values(self) -> dict[str, Any]:
        """The current value of every control."""
        return {name: w.value for name, w in self.controls.items()}

    def edits(self, **values: Any) -> FigureEdits:
        """What ``update`` writes into the figure for ``values`` (the current ones by default)."""
        edits = FigureEdits()
        self._update(edits, **{**self.values(), **values})
        return edits

    def refresh(self) -> None:
        """Recompute the model for the current values and update the figure in place, in one
        message to the front end."""
        self.edits().apply(self.figure)

    def _changed(self, _change: Mapping[str, Any]) -> None:
        self.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        labels = ", ".join(html.escape(w.description) for w in self.controls.values())
        bundle["text/html"] = NOTE.format(title=html.escape(self.title), controls=labels,
                                          href=BINDER_PLACEHOLDER)
        return bundle
