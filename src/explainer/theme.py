"""One Plotly look for the whole book: a colour-blind-safe palette, fonts and sizes.

The palette is Okabe and Ito's (2008), which stays distinct for the common forms of colour
blindness. Series that matter are also told apart by dash style or markers, never by colour alone.
Backgrounds are transparent so that charts sit on the page's own background in light and dark mode
(the book's stylesheet recolours chart text and grid lines in dark mode).
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

#: Okabe–Ito colours, in the order the book uses them.
PALETTE = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
COLORWAY = [PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "sky", "purple", "black")]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TEMPLATE_NAME = "explainer"
HEIGHT = 480
#: Bottom margin that leaves room for the x-axis title and the source line.
SOURCE_MARGIN = 110
#: Extra bottom margin for a static slider.
SLIDER_MARGIN = 100


def template() -> go.layout.Template:
    """The book's Plotly template."""
    grid = "rgba(128,128,128,0.25)"
    axis = dict(
        gridcolor=grid,
        zerolinecolor=grid,
        linecolor="rgba(128,128,128,0.6)",
        ticks="outside",
        automargin=True,
        title=dict(standoff=8),
    )
    return go.layout.Template(
        layout=go.Layout(
            colorway=COLORWAY,
            font=dict(family=FONT, size=14, color="#222222"),
            title=dict(font=dict(size=17), x=0.0, xanchor="left", xref="paper", y=0.98, yanchor="top"),
            paper_bgcolor="rgba(0,0,0,0)",
            plot_bgcolor="rgba(0,0,0,0)",
            xaxis=axis,
            yaxis=axis,
            legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0.0, xanchor="left", bgcolor="rgba(0,0,0,0)"),
            hoverlabel=dict(font=dict(family=FONT)),
            margin=dict(l=70, r=30, t=110, b=SOURCE_MARGIN),
            height=HEIGHT,
        )
    )


def apply() -> None:
    """Register the template as Plotly's default and render figures as Plotly's own MIME type.

    ``plotly_mimetype`` is the output JupyterLab draws natively; the book's Sphinx extension
    (:mod:`explainer.sphinxext`) renders the same output in the static HTML with a local plotly.js.
    """
    pio.templates[TEMPLATE_NAME] = template()
    pio.templates.default = TEMPLATE_NAME
    pio.renderers.default = "plotly_mimetype"
