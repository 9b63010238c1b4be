"""The base of every live panel."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as W
import plotly.graph_objects as go

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


class LivePanel(W.VBox):
    """Sliders over one ``go.FigureWidget`` that ``update`` redraws in place.

    Parameters
    ----------
    title : str
        What the panel explores.
    figure : go.FigureWidget
        Built once; ``update`` changes its traces inside ``batch_update``.
    controls : mapping of name -> widget
        The sliders, in display order. Every change calls ``update``.
    update : callable
        ``update(figure, **values)`` with one keyword per control.
    """

    def __init__(self, title: str, figure: go.FigureWidget, controls: Mapping[str, W.Widget],
                 update: Callable[..., None]) -> None:
        self.title = title
        self.figure = figure
        self.controls = dict(controls)
        self._update = update
        boxes = list(self.controls.values())
        super().__init__([W.HTML(f"<b>{html.escape(title)}</b>"), *boxes, figure])
        for widget in boxes:
            widget.observe(self._changed, names="value")
        self.refresh()

    def values(self) -> dict[str, Any]:
        """The current value of every control."""
        return {name: w.value for name, w in self.controls.items()}

    def refresh(self) -> None:
        """Recompute the model for the current values and update the figure in place."""
        with self.figure.batch_update():
            self._update(self.figure, **self.values())

    def _changed(self, _change: Mapping[str, Any]) -> None:
        self.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        labels = ", ".join(html.escape(w.description) for w in self.controls.values())
        bundle["text/html"] = NOTE.format(title=html.escape(self.title), controls=labels,
                                          href=BINDER_PLACEHOLDER)
        return bundle
