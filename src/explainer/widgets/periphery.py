"""Live panels for chapter 5: the chain of fronts (Model A) and spoilers (Model B)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..figures.periphery import SPOILER_LINES, sankey_labels, sankey_links, sankey_trace
from ..models import sequencing as sq
from ..models import spoilers as sp
from ..theme import DASHES, PALETTE
from ._panel import LivePanel, slider

YEARS = np.arange(0, 31)
#: Lines of the spoilers panel: the chart's three plus a majority under rescission.
PANEL_LINES = SPOILER_LINES + (
    ("majority", "rescission", "Majority rule, ends when a majority votes to undo", PALETTE["sky"], DASHES[3]),
)

#: The line whose half-life the title reports: consensus, where one member can undo.
_ONE_UNDOES = [line[:2] for line in PANEL_LINES].index(("unanimity", "continuing_consent"))


def _sequencing_figure() -> go.Figure:
    fig = make_subplots(rows=1, cols=2, column_widths=[0.62, 0.38], horizontal_spacing=0.08,
                        specs=[[{"type": "domain"}, {"type": "xy"}]],
                        subplot_titles=("The chain of agreements", "How many of the three fronts are settled"))
    fig.add_trace(sankey_trace(sq.DEFAULTS.conditional, domain=dict(x=[0.0, 0.58], y=[0.0, 1.0])), row=1, col=1)
    fig.add_trace(go.Bar(x=["0", "1", "2", "3"], y=np.zeros(4), marker_color=PALETTE["blue"],
                         name="Fronts settled", texttemplate="%{y:.1%}", textposition="outside"), row=1, col=2)
    fig.update_yaxes(range=[0, 1.1], tickformat=".0%", row=1, col=2)
    fig.update_xaxes(title_text="Fronts settled", row=1, col=2)
    fig.update_layout(height=520, margin=dict(t=100, b=60), showlegend=False, title=dict(text=""))
    return fig


def update_sequencing(fig: go.Figure, core: float, arctic_baltic: float, black_sea: float,
                      without_core: float) -> None:
    """Recompute Model A and write it into ``fig`` in place."""
    p = [core, arctic_baltic, black_sea]
    fig.data[0].link.value = sankey_links(p)[2]
    fig.data[0].node.label = sankey_labels(p)
    fig.data[1].y = sq.fronts_distribution(p, without_core)
    fig.layout.title.text = (
        f"Whole architecture: {sq.architecture_probability(p):.1%}; expected fronts settled: "
        f"{sq.expected_fronts(p, without_core):.2f} of 3"
    )


def sequencing_panel() -> LivePanel:
    """Model A's live panel: the three conditional probabilities and the chance that a front is
    settled on its own once the chain has stopped."""
    d = sq.DEFAULTS
    controls = {
        "core": slider("Chance of the central (Poland–Belarus) deal", d.core, 0.0, 1.0, 0.01),
        "arctic_baltic": slider("Arctic–Baltic deal, given the central deal", d.arctic_baltic, 0.0, 1.0, 0.01),
        "black_sea": slider("Black Sea–South Caucasus deal, given Arctic–Baltic", d.black_sea, 0.0, 1.0, 0.01),
        "without_core": slider("Chance a front is settled on its own after the chain stops", d.without_core,
                               0.0, 1.0, 0.01),
    }
    return LivePanel("From the core to the periphery: every assumption", _sequencing_figure, controls,
                     update_sequencing)


def _spoilers_figure() -> go.Figure:
    fig = go.Figure()
    for rule, rev, name, colour, dash in PANEL_LINES:
        fig.add_trace(go.Scatter(x=YEARS, y=np.zeros(YEARS.size), name=name, mode="lines",
                                 line=dict(color=colour, dash=dash, width=2.5)))
    fig.update_xaxes(title_text="Years after the vote")
    fig.update_yaxes(title_text="Probability adopted and in force", range=[0, 1.02], tickformat=".0%")
    fig.update_layout(height=540, margin=dict(t=150, b=60), title=dict(text="", font=dict(size=15)),
                      legend=dict(y=1.0, yanchor="bottom"))
    return fig


def update_spoilers(fig: go.Figure, members: int, accept: float, defect: float, spoilers: int,
                    spoiler_defect: float) -> None:
    """Recompute Model B for the sliders' values and write it into ``fig`` in place."""
    spoilers = min(spoilers, members)
    h = sp.member_hazards(members, defect, spoilers, spoiler_defect)
    a = np.full(members, accept)
    table = sp.turned_distribution(h, YEARS)  # shared by the four lines
    adopted = {rule: sp.adoption_probability(a, rule) for rule in ("unanimity", "majority")}
    survival = sp.survival_lines(table, [(rule, rev) for rule, rev, *_ in PANEL_LINES])
    for i, (rule, rev, *_rest) in enumerate(PANEL_LINES):
        fig.data[i].y = adopted[rule] * survival[i]
    one_undoes = survival[_ONE_UNDOES]
    below = np.flatnonzero(one_undoes < 0.5)
    when = f"by year {below[0]}" if below.size else f"only after year {YEARS[-1]}"
    fig.layout.title.text = (
        f"{members} members ({spoilers} spoiler{'' if spoilers == 1 else 's'}): adopted by consensus with probability "
        f"{adopted['unanimity']:.1%}, by majority {adopted['majority']:.1%}"
        f"<br>If one member can undo it, half of adopted agreements are gone {when}"
    )


def spoilers_panel() -> LivePanel:
    """Model B's live panel: members, acceptance, yearly chance of turning, and spoilers."""
    d = sp.DEFAULTS
    controls = {
        "members": slider("Members", d.members, 2, 40, 1, integer=True),
        "accept": slider("Each member accepts the agreement with probability", d.accept, 0.5, 1.0, 0.005, ".3f"),
        "defect": slider("Ordinary member's yearly chance of turning against it", d.defect, 0.0, 0.2, 0.005, ".3f"),
        "spoilers": slider("Spoilers (more hostile members)", d.spoilers, 0, 5, 1, integer=True),
        "spoiler_defect": slider("A spoiler's yearly chance of turning against it", d.spoiler_defect,
                                 0.0, 1.0, 0.01),
    }
    return LivePanel("Spoilers: blocking and reversing, every assumption", _spoilers_figure, controls,
                     update_spoilers)
