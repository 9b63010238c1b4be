"""Live panels for JupyterLab and Binder: a chart's controls bound to one ``go.FigureWidget``.

A panel draws a chart defined once in :mod:`explainer.figures`: it runs that chart's own
``update`` on its FigureWidget (plotly's public ``batch_update``) on every control change. In the
book's static HTML the same output is drawn with native controls that replay the chart's recorded
steps (see :mod:`explainer.figures._chart`), so no control on a static page is dead.
"""

from ._panel import STATIC_ENV, LivePanel, control_widget, panel

__all__ = ["STATIC_ENV", "LivePanel", "control_widget", "panel"]
