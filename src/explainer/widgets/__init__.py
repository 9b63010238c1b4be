"""Live panels for JupyterLab and Binder: ipywidgets sliders bound to one ``go.FigureWidget``.

Each panel builds its figure once and, on every slider change, calls the same model function as
the static chart and updates the figure in place: its ``update`` records the new values on
:class:`FigureEdits`, which sends them to the ``FigureWidget`` as one ``plotly_update`` message.

On the static HTML page a panel shows no widget (it would be a dead control without a kernel):
:class:`LivePanel` also carries a short HTML note with a link to open the chapter in Binder, and
the book's Sphinx extension renders that note instead of the widget.
"""

from .. import theme
from ._panel import FigureEdits, LivePanel, slider

theme.apply()

__all__ = ["FigureEdits", "LivePanel", "slider"]
