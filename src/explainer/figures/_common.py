"""Shared pieces of every figure: titles, source lines and static sliders."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from ..theme import SLIDER_MARGIN, SOURCE_MARGIN

#: Characters per line of the source text under a chart.
SOURCE_WIDTH = 105

ILLUSTRATIVE = "Illustrative assumptions: move the slider, or every assumption in the live panel."


def new_figure(title: str, x_title: str, y_title: str, source: str, subtitle: str = "",
               **layout: Any) -> go.Figure:
    """An empty figure with the book's title (and an optional second line), axis titles and a
    source line under the chart."""
    fig = go.Figure()
    text = title if not subtitle else f"{title}<br><span style='font-size:13px'>{subtitle}</span>"
    fig.update_layout(title=dict(text=text), xaxis_title=x_title, yaxis_title=y_title, **layout)
    add_source(fig, source)
    return fig


def add_source(fig: go.Figure, text: str) -> None:
    """Write ``text`` (where the data come from, or that they are assumptions) under the chart,
    wrapped so that it fits the narrowest chart on the page."""
    fig.add_annotation(
        text="<br>".join(textwrap.wrap(text, width=SOURCE_WIDTH)), xref="paper", yref="paper", x=0.0, y=0.0, yshift=-(SOURCE_MARGIN - 30),
        xanchor="left", yanchor="top", showarrow=False, align="left",
        font=dict(size=11, color="#555555"), name="source",
    )


@dataclass
class Step:
    """One position of a static slider.

    ``data`` maps a trace attribute to one value per updated trace (Plotly's ``update`` method);
    ``layout`` holds layout changes such as a new title.
    """

    label: str
    data: dict[str, list[Any]]
    layout: dict[str, Any] = field(default_factory=dict)


def add_static_slider(
    fig: go.Figure,
    steps: Sequence[Step],
    traces: Sequence[int],
    active: int,
    prefix: str,
    name: str,
) -> go.Figure:
    """Attach a Plotly slider whose steps swap in precomputed data: it works with no kernel.

    Parameters
    ----------
    fig : go.Figure
        The figure; its traces already show step ``active``.
    steps : sequence of Step
        One per slider position, in order.
    traces : sequence of int
        Indices of the traces each step updates (the lists in ``Step.data`` follow this order).
    active : int
        The step shown when the page opens (it must match the traces' current data).
    prefix : str
        What the slider sets, as a reader would say it ("Each member accepts with probability: ").
    name : str
        A stable identifier for the slider (used in page links to a scenario).
    """
    if not steps:
        raise ValueError("steps must hold at least one slider position")
    if not 0 <= active < len(steps):
        raise ValueError(f"active must be in [0, {len(steps) - 1}], got {active}")
    fig.update_layout(
        sliders=[
            dict(
                name=name,
                active=active,
                currentvalue=dict(prefix=prefix, font=dict(size=14)),
                pad=dict(t=60, b=10),
                len=1.0,
                x=0.0,
                steps=[
                    dict(method="update", label=s.label, args=[s.data, s.layout, list(traces)])
                    for s in steps
                ],
            )
        ],
        margin=dict(b=SOURCE_MARGIN + SLIDER_MARGIN),
    )
    # the source line moves below the slider
    for ann in fig.layout.annotations:
        if ann.name == "source":
            ann.yshift = -(SOURCE_MARGIN + SLIDER_MARGIN - 30)
    return fig
