"""The live panel: a chart's controls as ipywidgets over one ``go.FigureWidget``.

The panel draws the same :class:`~explainer.figures.Chart` as the static page: it builds the
figure once, and on every control change runs the chart's own ``update`` on the FigureWidget
inside plotly's public ``batch_update``, so the whole change reaches the browser as one update.
The summary sentence that ``update`` returns is shown as wrapping text above the chart.

The chart fits the output's width. A FigureWidget inside an ipywidgets box is drawn once, at the
width its box had then (or plotly.js's default 700 px), and never follows the output afterwards
(plotly/plotly.py#5208). So the panel holds a :class:`OutputWidth`: a zero-height anywidget beside
the figure that measures the width the figure has in the browser (a ``ResizeObserver``) and syncs
it to the kernel, where the panel sets the figure's ``layout.width`` to it (plotly's public
relayout). A reader who widens or narrows JupyterLab's main area gets a chart that fills it.

Displayed in JupyterLab, the panel is the live widget. Rendered into the book's static HTML, the
same output carries the chart's static form (:data:`~explainer.figures.CHART_MIME`), which the
book's Sphinx extension draws with native controls that need no kernel.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping
from typing import Any

import anywidget
import ipywidgets as W
import plotly.graph_objects as go
import traitlets

from ..figures._chart import CHART_MIME, PLOTLY_MIME, Chart, Control

#: Set by the book's build (explainer.book.sphinxext): outputs then carry the chart's static form.
STATIC_ENV = "EXPLAINER_STATIC_CHARTS"


def control_widget(control: Control) -> W.Widget:
    """The ipywidget for one control: a dropdown for choices, else a labelled slider."""
    common: dict[str, Any] = dict(
        description=control.label, style={"description_width": "initial"}, layout=W.Layout(width="98%")
    )
    if control.options is not None:
        return W.Dropdown(
            options=[(label, value) for value, label in control.options.items()], value=control.default, **common
        )
    lo, hi, step = (
        control.live if control.live is not None else (min(control.grid), max(control.grid), _grid_step(control.grid))
    )
    if control.integer:
        return W.IntSlider(
            value=control.default, min=int(lo), max=int(hi), step=int(step), continuous_update=True, **common
        )
    decimals = max(0, -int(f"{step:e}".split("e")[1]))
    return W.FloatSlider(
        value=control.default,
        min=lo,
        max=hi,
        step=step,
        continuous_update=True,
        readout_format=f".{decimals}f",
        **common,
    )


def _grid_step(grid: tuple) -> float:
    steps = [b - a for a, b in zip(grid, grid[1:])]
    return min(steps) if steps else 1.0


#: The measuring side of :class:`OutputWidth`: report the element's width (it spans the panel, as
#: the figure does), whenever it changes by a pixel or more, at most once per animation frame.
_WIDTH_ESM = """
export default {
  render({ model, el }) {
    el.style.width = "100%";
    el.style.height = "0";
    el.style.margin = "0";
    let frame = 0;
    const send = () => {
      frame = 0;
      const width = Math.floor(el.getBoundingClientRect().width);
      if (width > 0 && width !== model.get("width")) {
        model.set("width", width);
        model.save_changes();
      }
    };
    const observer = new ResizeObserver(() => {
      if (!frame) frame = requestAnimationFrame(send);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  },
};
"""


class OutputWidth(anywidget.AnyWidget):
    """An invisible widget whose ``width`` is its width in the browser, in CSS pixels (0 until a
    view has measured it). Placed in a VBox, it measures what the box's other children get."""

    _esm = _WIDTH_ESM
    width = traitlets.Int(0).tag(sync=True)


class LivePanel(W.VBox):
    """A chart's title, controls, summary sentence, FigureWidget and source line.

    Parameters
    ----------
    chart : Chart
        The chart to draw (see :mod:`explainer.figures`).
    """

    def __init__(self, chart: Chart) -> None:
        if not isinstance(chart, Chart):
            raise TypeError(f"chart must be an explainer.figures.Chart, got {type(chart).__name__}")
        self.chart = chart
        self.figure = go.FigureWidget(chart.new_figure())
        self.controls = {c.name: control_widget(c) for c in chart.controls}
        self.summary = W.HTML(layout=W.Layout(width="98%"))
        title = W.HTML(f"<h4 style='margin:0.3em 0'>{html.escape(chart.title)}</h4>")
        source = W.HTML(f"<p style='font-size:85%;margin:0'>{html.escape(chart.source)}</p>")
        self.output_width = OutputWidth()
        super().__init__([title, *self.controls.values(), self.summary, self.output_width, self.figure, source])
        for widget in self.controls.values():
            widget.observe(self._changed, names="value")
        self.output_width.observe(self._fit, names="width")
        self.refresh()

    def values(self) -> dict[str, Any]:
        """The current value of every control."""
        return {name: w.value for name, w in self.controls.items()}

    def refresh(self) -> None:
        """Run the chart's ``update`` on the figure for the current values, as one batched change
        (plotly's public ``batch_update``), and show its summary sentence."""
        with self.figure.batch_update():
            sentence = self.chart.draw(self.figure, **self.values())
        self.summary.value = f"<p style='margin:0.2em 0' aria-live='polite'>{html.escape(sentence)}</p>"

    def _changed(self, _change: Mapping[str, Any]) -> None:
        self.refresh()

    def _fit(self, change: Mapping[str, Any]) -> None:
        """Draw the figure at the width the browser measured (the chart keeps its own height)."""
        if change["new"] > 0:
            self.figure.layout.width = change["new"]

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle[PLOTLY_MIME] = json.loads(self.chart.figure(**self.values()).to_json())
        if os.environ.get(STATIC_ENV) == "1":
            bundle[CHART_MIME] = self.chart.static_spec()
        bundle["text/plain"] = f"{self.chart.title}\n{self.chart.sentence(**self.values())}"
        return bundle


def panel(chart: Chart) -> LivePanel:
    """What a notebook shows for ``chart``: in JupyterLab the live panel (title, controls, summary
    sentence, chart and source line); in the book the static chart with its native controls."""
    return LivePanel(chart)
