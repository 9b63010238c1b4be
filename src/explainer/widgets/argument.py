"""Live panel for the argument map: a slider for the reader's credence in every premise."""

from __future__ import annotations

import plotly.graph_objects as go

from ..figures.argument import build_estimate_axes, estimate_data, fill_estimate, fmt_prob
from ..models import argument as ar
from ._panel import LivePanel, slider


def _build_figure() -> go.Figure:
    fig = go.Figure(build_estimate_axes())
    fig.update_layout(title=dict(text=""))
    return fig


def update(fig: go.Figure, **credences: float) -> None:
    """Recompute every node's probability and the tornado for the sliders' credences, in place."""
    d = estimate_data(credences)
    fill_estimate(fig, d)
    fig.layout.title.text = (f"Implied probability of a pact: {fmt_prob(d['current'])}<br>"
                             "<span style='font-size:13px'>Your credences (premises independent)</span>")


def panel(profile: int = ar.DEFAULTS.profile) -> LivePanel:
    """The live panel: one slider per premise, opening on an illustrative profile.

    Parameters
    ----------
    profile : int
        Index of the profile in :data:`explainer.models.argument.PROFILES` the sliders start on.

    Raises
    ------
    ValueError
        If there is no such profile.
    """
    start = ar.profile(profile).credences
    controls = {
        k: slider(f"{ar.node(k).label}: your credence", float(start[k]), 0.0, 1.0, 0.05)
        for k in ar.PREMISES
    }
    return LivePanel("Your estimate: your credence in every premise", _build_figure, controls, update)
