"""Live panel for chapter 1: every assumption of the decision-rule and ratification models."""

from __future__ import annotations

import functools

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..figures.decision_rules import RULE_STYLE, SHORT_LABELS
from ..models import decision_rules as dr
from ..theme import PALETTE
from ._panel import LivePanel, slider

SIZES = np.arange(1, 61)
DAYS = np.arange(0.0, 1201.0, 5.0)


def _build_figure() -> go.Figure:
    fig = make_subplots(
        rows=1, cols=2, horizontal_spacing=0.12,
        subplot_titles=("Chance a proposal passes", "Chance every member has ratified"),
    )
    for rule in dr.RULES:
        fig.add_trace(go.Scatter(x=SIZES, y=np.zeros(SIZES.size), name=SHORT_LABELS[rule],
                                 line=RULE_STYLE[rule], mode="lines"), row=1, col=1)
    fig.add_trace(go.Scatter(x=[dr.DEFAULTS.members] * 2, y=[0, 1], mode="lines",
                             line=dict(color="rgba(128,128,128,0.7)", dash="dot"),
                             name="Chosen number of members", showlegend=False), row=1, col=1)
    fig.add_trace(go.Scatter(x=DAYS, y=np.zeros(DAYS.size), name="Every member ratified",
                             line=dict(color=PALETTE["vermillion"])), row=1, col=2)
    fig.add_trace(go.Scatter(x=DAYS, y=np.zeros(DAYS.size), name="Same, with no holdouts",
                             line=dict(color=PALETTE["blue"], dash="dash")), row=1, col=2)
    fig.update_xaxes(title_text="Number of members", row=1, col=1)
    fig.update_xaxes(title_text="Days since signature", row=1, col=2)
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    fig.update_layout(height=520, margin=dict(t=90, b=120),
                      title=dict(text="", font=dict(size=15)))
    return fig


@functools.lru_cache(maxsize=1)
def _pass_curves(accept: float, correlation: float) -> tuple[np.ndarray, ...]:
    """The three pass curves over ``SIZES``, one per rule (read-only). They depend on these two
    sliders only, so moving any other slider reuses the last ones instead of recomputing them."""
    curves = tuple(dr.pass_curve(accept, SIZES, rule, correlation) for rule in dr.RULES)
    for curve in curves:
        curve.setflags(write=False)
    return curves


def update(fig: go.Figure, members: int, accept: float, correlation: float,
           mean_days: float, holdouts: int, holdout_delay: float) -> None:
    """Recompute both models for the sliders' values and write them into ``fig`` in place."""
    curves = _pass_curves(accept, correlation)
    for i, curve in enumerate(curves):
        fig.data[i].y = curve
    fig.data[3].x = [members, members]
    holdouts = min(holdouts, members)
    fig.data[4].y = dr.full_ratification_cdf(DAYS, members, mean_days, holdouts, holdout_delay)
    fig.data[5].y = dr.full_ratification_cdf(DAYS, members, mean_days, 0, 0.0)
    consensus = dr.pass_curve(accept, [members], "unanimity", correlation)[0]
    median = dr.ratification_quantile(0.5, members, mean_days, holdouts, holdout_delay)
    fig.layout.title.text = (
        f"{members} members, each accepting with p = {accept:.3f}: consensus passes with "
        f"probability {consensus:.1%}; all ratify by day {median:.0f} (median)"
    )


def panel(mean_days: float) -> LivePanel:
    """The chapter 1 live panel.

    Parameters
    ----------
    mean_days : float
        Mean ratification time of an ordinary member, in days (the notebook fits it to the 2022
        data); the reader can move it.
    """
    d = dr.DEFAULTS
    controls = {
        "members": slider("Members", d.members, 2, 60, 1, integer=True),
        "accept": slider("Each member accepts with probability", d.accept, 0.5, 1.0, 0.005, ".3f"),
        "correlation": slider("Correlation between members (common shock)", d.correlation, 0.0, 0.95, 0.05),
        "mean_days": slider("Mean days for an ordinary member to ratify", round(mean_days), 5, 150, 1, ".0f"),
        "holdouts": slider("Holdouts", d.holdouts, 0, 5, 1, integer=True),
        "holdout_delay": slider("Holdouts' extra delay (days)", d.holdout_delay, 0, 720, 10, ".0f"),
    }
    return LivePanel("NATO's decision rules: every assumption", _build_figure, controls, update)
