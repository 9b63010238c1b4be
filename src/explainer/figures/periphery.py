"""Charts for chapter 5: sequencing the fronts, spoilers, and New START."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import sequencing as sq
from ..models import spoilers as sp
from ..theme import DASHES, PALETTE, SOURCE_MARGIN
from ._common import ILLUSTRATIVE, Step, add_source, add_static_slider, new_figure

#: New START's central limits, in force from 5 February 2018 (State Department aggregate-numbers
#: page: https://www.state.gov/new-start-treaty-aggregate-numbers-of-strategic-offensive-arms-of-the-united-states-and-the-russian-federation-february-2011-september-2020/).
NEW_START_LIMITS = {
    "deployed_warheads": 1550,
    "deployed_launchers": 700,
    "total_launchers": 800,
}
LIMIT_LABELS = {
    "deployed_warheads": "Deployed warheads",
    "deployed_launchers": "Deployed launchers (ICBMs, SLBMs, heavy bombers)",
    "total_launchers": "Deployed and non-deployed launchers",
}
PARTY_STYLE = {
    "United States": dict(color=PALETTE["blue"], dash="solid", symbol="circle"),
    "Russia": dict(color=PALETTE["vermillion"], dash="dash", symbol="diamond"),
}
ACTOR_STYLE = {
    "Both": dict(color=PALETTE["green"], symbol="square"),
    "United States": dict(color=PALETTE["blue"], symbol="circle"),
    "Russia": dict(color=PALETTE["vermillion"], symbol="diamond"),
}
SPOILER_LINES = (
    ("unanimity", "continuing_consent", "Consensus, one member can undo", PALETTE["vermillion"], DASHES[0]),
    ("majority", "continuing_consent", "Majority rule, ends when support falls below a majority", PALETTE["blue"], DASHES[1]),
    ("unanimity", "rescission", "Consensus, all must agree to undo", PALETTE["green"], DASHES[2]),
)
SANKEY_NODES = (
    "Talks on a pact",
    "Central deal",
    "No central deal",
    "Arctic–Baltic deal",
    "Stops after<br>the core",
    "All three fronts",
    "Stops after<br>Arctic–Baltic",
)
_NODE_COLOURS = (
    PALETTE["sky"], PALETTE["blue"], "#999999", PALETTE["blue"], "#999999", PALETTE["green"], "#999999",
)


def _find(values: np.ndarray, default: float, name: str) -> int:
    matches = np.flatnonzero(np.isclose(values, default))
    if matches.size == 0:
        raise ValueError(f"{name} {default!r} is not one of the slider values")
    return int(matches[0])


# ---------------------------------------------------------------------------------------------
# Model A: the chain of fronts
# ---------------------------------------------------------------------------------------------
def sankey_links(conditional: Sequence[float]) -> tuple[list[int], list[int], list[float]]:
    """Sources, targets and values (probabilities) of the tree's links for three stages."""
    p = np.asarray(conditional, dtype=float)
    if p.shape != (3,):
        raise ValueError(f"conditional must hold three probabilities (one per stage), got {conditional!r}")
    reach = sq.reach_probabilities(p)
    stop = sq.chain_outcomes(p).stopped_at
    source = [0, 0, 1, 1, 3, 3]
    target = [1, 2, 3, 4, 5, 6]
    value = [reach[0], stop[0], reach[1], stop[1], reach[2], stop[2]]
    return source, target, [float(v) for v in value]


def sankey_labels(conditional: Sequence[float]) -> list[str]:
    """Node labels with the probability of reaching each node."""
    _, _, v = sankey_links(conditional)
    reach = [1.0, v[0], v[1], v[2], v[3], v[4], v[5]]
    return [f"{name}<br>{r:.1%}" for name, r in zip(SANKEY_NODES, reach)]


def sankey_trace(conditional: Sequence[float], **kwargs) -> go.Sankey:
    """One Sankey trace of the three-stage tree (link widths are probabilities)."""
    source, target, value = sankey_links(conditional)
    return go.Sankey(
        arrangement="fixed", valueformat=".1%",
        node=dict(label=sankey_labels(conditional), color=list(_NODE_COLOURS), pad=18, thickness=16,
                  x=[0.01, 0.3, 0.3, 0.56, 0.56, 0.99, 0.99], y=[0.5, 0.2, 0.72, 0.18, 0.5, 0.12, 0.42]),
        link=dict(source=source, target=target, value=value,
                  color=["rgba(0,114,178,0.35)", "rgba(153,153,153,0.35)"] * 3,
                  hovertemplate="%{source.label} → %{target.label}<extra></extra>"),
        **kwargs,
    )


def core_grid() -> np.ndarray:
    """Slider positions for the chance of the central deal: 0.05, 0.10, ..., 0.95."""
    return np.round(np.arange(0.05, 0.951, 0.05), 2)


def sequencing_figure(
    core_values: Sequence[float] | None = None,
    default_core: float = sq.DEFAULTS.core,
    arctic_baltic: float = sq.DEFAULTS.arctic_baltic,
    black_sea: float = sq.DEFAULTS.black_sea,
) -> go.Figure:
    """Model A as a Sankey tree, with a static slider for the chance of the central deal.

    The two conditional probabilities of the peripheral fronts stay at their defaults; the live
    panel moves them too.
    """
    values = core_grid() if core_values is None else np.asarray(core_values, dtype=float)
    active = _find(values, default_core, "default_core")

    def title(c: float) -> str:
        whole = sq.architecture_probability([c, arctic_baltic, black_sea])
        return ("From the core to the periphery: where the chain ends"
                f"<br><span style='font-size:13px'>Central deal {c:.0%}, then Arctic–Baltic "
                f"{arctic_baltic:.0%}, then Black Sea–South Caucasus {black_sea:.0%}<br>"
                f"(each given the step before). Whole architecture: {whole:.1%}</span>")

    fig = new_figure(title=title(values[active]), x_title="", y_title="",
                     source=ILLUSTRATIVE + " Link widths are probabilities; each front depends on the one before.",
                     height=580, margin=dict(t=130))
    fig.add_trace(sankey_trace([values[active], arctic_baltic, black_sea]))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    steps = []
    for c in values:
        p = [float(c), arctic_baltic, black_sea]
        steps.append(Step(label=f"{c:.0%}",
                          data={"link.value": [sankey_links(p)[2]], "node.label": [sankey_labels(p)]},
                          layout={"title.text": title(float(c))}))
    return add_static_slider(fig, steps, traces=[0], active=active,
                             prefix="Chance of the central deal: ", name="periphery-core")


# ---------------------------------------------------------------------------------------------
# Model B: spoilers
# ---------------------------------------------------------------------------------------------
def defect_grid() -> np.ndarray:
    """Slider positions for a member's yearly chance of turning: 0.000, 0.005, ..., 0.100."""
    return np.round(np.arange(0.0, 0.10001, 0.005), 3)


def spoiler_curves(defect: float, members: int = sp.DEFAULTS.members, accept: float = sp.DEFAULTS.accept,
                   years: Sequence[int] | None = None) -> list[np.ndarray]:
    """The three lines of the spoilers chart: P(adopted and in force) by year, for each entry of
    :data:`SPOILER_LINES`."""
    t = np.arange(sp.DEFAULTS.horizon + 1) if years is None else np.asarray(years)
    h = sp.member_hazards(members, defect)
    a = np.full(members, accept)
    return [sp.in_force(a, h, t, rule, rev) for rule, rev, *_ in SPOILER_LINES]


def spoilers_figure(
    defect_values: Sequence[float] | None = None,
    default_defect: float = sp.DEFAULTS.defect,
    members: int = sp.DEFAULTS.members,
    accept: float = sp.DEFAULTS.accept,
) -> go.Figure:
    """Model B: chance that the agreement is adopted and still in force, year by year, under
    consensus and a simple majority, with a static slider for each member's yearly chance of
    turning against it."""
    values = defect_grid() if defect_values is None else np.asarray(defect_values, dtype=float)
    active = _find(values, default_defect, "default_defect")
    years = np.arange(sp.DEFAULTS.horizon + 1)
    curves = {float(v): spoiler_curves(float(v), members, accept, years) for v in values}

    def title(h: float) -> str:
        return ("Chance the agreement is adopted and still in force, by year"
                f"<br><span style='font-size:13px'>{members} members; each accepts with probability "
                f"{accept:.2f}<br>and turns against it with probability {h:.1%} a year</span>")

    fig = new_figure(title=title(float(values[active])), x_title="Years after the vote",
                     y_title="Probability adopted and in force",
                     source=ILLUSTRATIVE + " Members act independently; a member that turns against the "
                     "agreement stays against it.", height=600)
    for (rule, rev, name, colour, dash), y in zip(SPOILER_LINES, curves[float(values[active])]):
        fig.add_trace(go.Scatter(x=years, y=y, name=name, mode="lines+markers", marker=dict(size=4),
                                 line=dict(color=colour, dash=dash, width=2.5),
                                 hovertemplate="Year %{x}: %{y:.1%}<extra>" + name + "</extra>"))
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    fig.update_layout(legend=dict(y=1.0, yanchor="bottom"), margin=dict(t=175))
    steps = [Step(label=f"{v:.1%}", data={"y": curves[float(v)]}, layout={"title.text": title(float(v))})
             for v in values]
    return add_static_slider(fig, steps, traces=range(len(SPOILER_LINES)), active=active,
                             prefix="Each member's yearly chance of turning against it: ",
                             name="periphery-defect")


# ---------------------------------------------------------------------------------------------
# New START
# ---------------------------------------------------------------------------------------------
def new_start_timeline_figure(events: pd.DataFrame) -> go.Figure:
    """New START from signature to after expiry: one row per dated event, with the years the
    treaty was in force and Russia's suspension shaded.

    Parameters
    ----------
    events : DataFrame
        As returned by :func:`explainer.data.new_start_events`.
    """
    required = {"date", "actor", "event", "detail", "state_media_only"}
    missing = required - set(events.columns)
    if missing:
        raise ValueError(f"events is missing columns: {', '.join(sorted(missing))}")
    ev = events.sort_values("date", kind="stable").reset_index(drop=True)
    labels = [f"{d.day} {d:%b %Y}: {e}" + (" *" if s else "") for d, e, s in
              zip(ev["date"], ev["event"], ev["state_media_only"])]
    rows = np.arange(len(ev))[::-1]  # first event at the top
    fig = new_figure(
        title="New START, 2010–2026: from signature to expiry and after",
        subtitle="Light shading: treaty in force; darker: Russia's suspension.<br>"
                 "* rests on Russian state media only",
        x_title="Date", y_title="",
        source="Source: data/new_start_events.csv (news reports and official statements; one URL per row).",
        height=640, margin=dict(l=20, t=150),
    )
    fig.add_vrect(x0="2011-02-05", x1="2026-02-05", fillcolor="rgba(0,114,178,0.08)", line_width=0, layer="below")
    fig.add_vrect(x0="2023-02-28", x1="2026-02-05", fillcolor="rgba(213,94,0,0.12)", line_width=0, layer="below")
    right = ev["date"] < pd.Timestamp("2019-01-01")  # early events: label to the right
    for actor, style in ACTOR_STYLE.items():
        idx = np.flatnonzero(ev["actor"].to_numpy() == actor)
        if idx.size == 0:
            continue
        fig.add_trace(go.Scatter(
            x=ev.loc[idx, "date"], y=rows[idx], mode="markers+text",
            name={"Both": "Both parties / the treaty"}.get(actor, actor),
            text=[labels[i] for i in idx],
            textposition=["middle right" if right[i] else "middle left" for i in idx],
            textfont=dict(size=12),
            marker=dict(size=12, color=style["color"], symbol=style["symbol"]),
            customdata=ev.loc[idx, "detail"],
            hovertemplate="%{text}<br>%{customdata}<extra></extra>",
        ))
    fig.update_yaxes(visible=False, range=[-0.8, len(ev) - 0.2])
    fig.update_xaxes(range=["2009-09-01", "2026-10-31"], dtick="M24", tickformat="%Y")
    return fig


def new_start_exchanges_figure(exchanges: pd.DataFrame) -> go.Figure:
    """The data exchanges against the three central limits: one panel per limit, one line per
    party. A missing exchange is a gap in the line (never bridged).

    Parameters
    ----------
    exchanges : DataFrame
        As returned by :func:`explainer.data.new_start_data`.
    """
    required = {"date", "party", *NEW_START_LIMITS}
    missing = required - set(exchanges.columns)
    if missing:
        raise ValueError(f"exchanges is missing columns: {', '.join(sorted(missing))}")
    cols = list(NEW_START_LIMITS)
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07,
                        subplot_titles=[f"{LIMIT_LABELS[c]} (limit {NEW_START_LIMITS[c]:,})" for c in cols])
    for party, style in PARTY_STYLE.items():
        rows = exchanges[exchanges["party"] == party].sort_values("date")
        for r, c in enumerate(cols, start=1):
            fig.add_trace(go.Scatter(
                x=rows["date"], y=rows[c], name=party, legendgroup=party, showlegend=(r == 1),
                mode="lines+markers", connectgaps=False,
                line=dict(color=style["color"], dash=style["dash"]),
                marker=dict(size=6, symbol=style["symbol"]),
                hovertemplate="%{x|%d %b %Y}: %{y:,.0f}<extra>" + party + "</extra>",
            ), row=r, col=1)
        # the limit
    for r, c in enumerate(cols, start=1):
        fig.add_hline(y=NEW_START_LIMITS[c], line=dict(color="rgba(0,0,0,0.6)", dash="dot"),
                      annotation_text=f"limit {NEW_START_LIMITS[c]:,}", annotation_position="top right",
                      row=r, col=1)
        fig.add_vline(x="2018-02-05", line=dict(color="rgba(128,128,128,0.6)", dash="dash"), row=r, col=1)
    fig.update_yaxes(rangemode="tozero")
    fig.update_xaxes(range=["2010-09-01", "2026-03-01"])
    fig.update_xaxes(title_text="Date the data are current as of", row=3, col=1)
    fig.update_layout(
        title=dict(text="New START data exchanges against the limits, 2011–2023<br><span style='font-size:13px'>"
                   "Limits binding from 5 February 2018 (dashed line). Gaps: exchanges not<br>"
                   "found; Russia sent no data after its suspension</span>"),
        height=860, margin=dict(t=170, b=SOURCE_MARGIN),
        legend=dict(y=1.045, yanchor="bottom"),
    )
    add_source(fig, "Source: data/new_start_data.csv (State Department aggregate numbers, as reproduced by news "
               "reports and the Russian Foreign Ministry; one URL per row). Limits: State Department.")
    return fig
