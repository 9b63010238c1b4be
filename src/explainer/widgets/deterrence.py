"""Live panel for chapter 2: every assumption of the extended-deterrence model.

Left: credibility of the US commitment against the drawdown, with the critical credibility of the
chosen theory. Right: the region where accommodating is the ally's best response.
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import deterrence as dt
from ..theme import PALETTE
from ._panel import LivePanel, slider

DRAWDOWN = np.linspace(0.0, 1.0, 51)
GRID_D = np.linspace(0.0, 1.0, 41)
GRID_A = np.linspace(0.0, 1.0, 21)
SPAN = 0.5  # fixed colour range of the heatmap, so colours compare across settings

#: (min, max, step) of each slider; every parameter of the model has one.
RANGES: dict[str, tuple[float, float, float]] = {
    "drawdown": (0.0, 1.0, 0.05),
    "asia": (0.0, 1.0, 0.05),
    "floor": (0.0, 1.0, 0.05),
    "ceiling": (0.0, 1.0, 0.05),
    "tripwire_scale": (0.05, 2.0, 0.05),
    "asia_weight": (0.0, 1.0, 0.05),
    "threat": (0.0, 1.0, 0.05),
    "self_help": (0.0, 0.95, 0.05),
    "pact_reliability": (0.0, 1.0, 0.05),
    "balance_cost": (0.0, 0.5, 0.01),
    "accommodation_cost": (0.0, 0.5, 0.01),
    "entrapment": (0.0, 0.5, 0.01),
}


def _build_figure() -> go.Figure:
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.14,
                        subplot_titles=("Credibility as forces leave", "Best response: red = accommodate"))
    fig.add_trace(go.Scatter(x=DRAWDOWN, y=np.zeros(DRAWDOWN.size), name="Credibility",
                             line=dict(color=PALETTE["black"], width=3)), row=1, col=1)
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 0], name="Accommodate below this", mode="lines",
                             line=dict(color=PALETTE["vermillion"], dash="dash")), row=1, col=1)
    fig.add_trace(go.Scatter(x=[0], y=[0], name="Chosen drawdown", mode="markers",
                             marker=dict(size=12, symbol="circle", color=PALETTE["blue"])), row=1, col=1)
    fig.add_trace(go.Heatmap(x=GRID_D, y=GRID_A, z=np.zeros((GRID_A.size, GRID_D.size)),
                             zmin=-SPAN, zmax=SPAN, zmid=0.0, showscale=False,
                             colorscale=[[0.0, PALETTE["blue"]], [0.5, "#f7f7f7"], [1.0, PALETTE["vermillion"]]],
                             name="Advantage of accommodating"), row=1, col=2)
    fig.add_trace(go.Scatter(x=[0], y=[0], name="Chosen point", mode="markers",
                             marker=dict(size=14, symbol="x", color=PALETTE["black"])), row=1, col=2)
    fig.update_xaxes(title_text="Drawdown (share withdrawn)", range=[0, 1], tickformat=".0%")
    fig.update_yaxes(title_text="Credibility", range=[0, 1], row=1, col=1)
    fig.update_yaxes(title_text="Competing demand in Asia", range=[0, 1], row=1, col=2)
    fig.update_layout(height=540, margin=dict(t=100, b=80), title=dict(text="", font=dict(size=15)),
                      legend=dict(orientation="h", y=-0.22, x=0.0, yanchor="top"))
    return fig


def update(fig: go.Figure, theory: str, drawdown: float, asia: float, floor: float,
           ceiling: float, tripwire_scale: float, asia_weight: float, threat: float,
           self_help: float, pact_reliability: float, balance_cost: float,
           accommodation_cost: float, entrapment: float) -> None:
    """Recompute the model for the controls' values and write it into ``fig`` in place."""
    ceiling = max(ceiling, floor)  # the sliders can cross; the model needs floor <= ceiling
    cred = dt.credibility(DRAWDOWN, asia, floor, ceiling, tripwire_scale, asia_weight)
    c_star = dt.critical_credibility(theory, threat, self_help, pact_reliability, balance_cost,
                                     accommodation_cost, entrapment, asia)
    here = float(dt.credibility(drawdown, asia, floor, ceiling, tripwire_scale, asia_weight))
    grid = dt.advantage_grid(GRID_D, GRID_A, theory, floor=floor, ceiling=ceiling,
                             tripwire_scale=tripwire_scale, asia_weight=asia_weight, threat=threat,
                             self_help=self_help, pact_reliability=pact_reliability,
                             balance_cost=balance_cost, accommodation_cost=accommodation_cost,
                             entrapment=entrapment)
    adv = float(dt.accommodation_advantage(here, theory, threat, self_help, pact_reliability,
                                           balance_cost, accommodation_cost, entrapment, asia))
    fig.data[0].y = cred
    shown = min(max(c_star, 0.0), 1.0)
    fig.data[1].y = [shown, shown]
    fig.data[2].x, fig.data[2].y = [drawdown], [here]
    fig.data[3].z = grid
    fig.data[4].x, fig.data[4].y = [drawdown], [asia]
    fig.layout.title.text = (
        f"{dt.THEORY_LABELS[theory]}: credibility {here:.2f} at {drawdown:.0%} drawdown; "
        f"best response: {dt.best_response(adv)} (advantage {adv:+.3f}; "
        f"accommodation pays in {dt.accommodation_share(grid):.0%} of the square)"
    )


def panel() -> LivePanel:
    """The chapter 2 live panel: a theory switch and one slider per assumption, opening on
    :data:`explainer.models.deterrence.DEFAULTS` (the static charts' picture)."""
    d = dt.DEFAULTS
    theory = W.Dropdown(options=[(dt.THEORY_LABELS[t], t) for t in dt.THEORIES], value=d.theory,
                        description="Theory", style={"description_width": "initial"},
                        layout=W.Layout(width="98%"))
    controls: dict[str, W.Widget] = {"theory": theory}
    for name, (lo, hi, step) in RANGES.items():
        controls[name] = slider(dt.LABELS[name], getattr(d, name), lo, hi, step)
    return LivePanel("US drawdown and the ally's choice: every assumption", _build_figure, controls, update)
