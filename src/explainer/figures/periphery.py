"""Charts for chapter 5, sequencing the fronts, spoilers and New START: each defined once (see
:mod:`._chart`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import sequencing as sq
from ..models import spoilers as sp
from ..theme import DASHES, PALETTE
from ._chart import Chart, Control
from .decision_rules import percent

ILLUSTRATIVE = "Illustrative assumptions that you can move."

#: New START's central limits, in force from 5 February 2018 (State Department aggregate-numbers
#: page: https://www.state.gov/new-start-treaty-aggregate-numbers-of-strategic-offensive-arms-of-the-united-states-and-the-russian-federation-february-2011-september-2020/).
NEW_START_LIMITS = {
    "deployed_warheads": 1550,
    "deployed_launchers": 700,
    "total_launchers": 800,
}
#: Panel titles of the data-exchange chart, short enough for a phone (the caption has the detail).
LIMIT_LABELS = {
    "deployed_warheads": "Deployed warheads",
    "deployed_launchers": "Deployed launchers",
    "total_launchers": "All launchers",
}
#: When the treaty was in force, and when Russia's suspension began (the timeline's shading).
IN_FORCE = ("2011-02-05", "2026-02-05")
SUSPENDED_FROM = "2023-02-28"
LIMITS_BINDING = "2018-02-05"
PARTY_STYLE = {
    "United States": {"color": PALETTE["blue"], "dash": "solid", "symbol": "circle", "width": 2.5},
    "Russia": {"color": PALETTE["vermillion"], "dash": "dash", "symbol": "diamond", "width": 2},
}
ACTOR_STYLE = {
    "Both": {"color": PALETTE["green"], "symbol": "square"},
    "United States": {"color": PALETTE["blue"], "symbol": "circle"},
    "Russia": {"color": PALETTE["vermillion"], "symbol": "diamond"},
}
ACTOR_NAMES = {"Both": "Both parties / the treaty"}
#: The timeline's shading, as its legend names it. The suspension is clearly darker than the rest of
#: the treaty's life, so that the two read apart in greyscale and on paper, not by hue alone.
SHADES = {
    "In force": "rgba(0,114,178,0.12)",
    "In force, suspended by Russia": "rgba(213,94,0,0.35)",
}
#: The spoilers chart's lines: rule, reversal, legend name and style. The first (thick, solid) is
#: drawn first so that the thinner dotted line stays visible where the two coincide.
SPOILER_LINES = (
    (
        "unanimity",
        "continuing_consent",
        "Consensus, one member can undo",
        {"color": PALETTE["vermillion"], "dash": DASHES[0], "width": 4},
    ),
    (
        "majority",
        "continuing_consent",
        "Majority, ends below a majority",
        {"color": PALETTE["blue"], "dash": DASHES[1], "width": 2.5},
    ),
    (
        "unanimity",
        "rescission",
        "Consensus, all must agree to undo",
        {"color": PALETTE["green"], "dash": DASHES[2], "width": 2.5},
    ),
)
#: Years on the spoilers chart's x-axis.
YEARS = np.arange(sp.DEFAULTS.horizon + 1)
#: The tree's nodes, in the order of the link arrays; labels are broken into short lines so that
#: they fit between the columns on a phone.
SANKEY_NODES = (
    "Talks on<br>a pact",
    "Central<br>deal",
    "No<br>central<br>deal",
    "Arctic–Baltic<br>deal",
    "Stops<br>after<br>the core",
    "All three<br>fronts",
    "Stops after<br>Arctic–Baltic",
)
_NODE_COLOURS = (
    PALETTE["sky"],
    PALETTE["blue"],
    "#999999",
    PALETTE["blue"],
    "#999999",
    PALETTE["green"],
    "#999999",
)
#: Column of each node (fraction of the width). The last column is set apart so that the labels
#: on either side of the gap (left of the last column, right of the third) do not meet.
_NODE_X = (0.01, 0.22, 0.22, 0.44, 0.44, 0.99, 0.99)
#: Share of the plot's height that node padding takes (pad 18 px of the 388 px between the margins).
_PAD = 0.047
#: Smallest distance between the centres of the last column's nodes, so their labels never meet.
_LABEL_GAP = 0.16

#: Bar labels of the fronts-settled chart.
FRONTS = ("None", "One", "Two", "All three")


def _probability_grid(lo: float, hi: float, step: float) -> tuple[float, ...]:
    return tuple(float(v) for v in np.round(np.arange(lo, hi + step / 2, step), 3))


def _require(frame: pd.DataFrame, columns: set[str], name: str) -> None:
    missing = columns - set(frame.columns)
    if missing:
        raise ValueError(f"{name} is missing columns: {', '.join(sorted(missing))}")


def _possessive(party: str) -> str:
    return "the United States'" if party == "United States" else f"{party}'s"


def _a(share: float) -> str:
    """The article before a whole percentage read aloud: "an 80%", "an 11%", "an 18%", "a 50%"."""
    n = f"{share:.0%}".rstrip("%")
    return "an" if n.startswith("8") or n in ("11", "18") else "a"


def _date(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%B %Y}"


# ---------------------------------------------------------------------------------------------
# Model A: the chain of fronts
# ---------------------------------------------------------------------------------------------
def sankey_links(conditional: Sequence[float]) -> tuple[list[int], list[int], list[float]]:
    """Sources, targets and values (probabilities) of the tree's links for three stages.

    Raises
    ------
    ValueError
        If ``conditional`` does not hold three probabilities.
    """
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
    """Node labels with the probability of reaching each node ("< 0.1%" below a thousandth)."""
    _, _, v = sankey_links(conditional)
    reach = [1.0, *v]
    return [f"{name}<br>{percent(r)}" for name, r in zip(SANKEY_NODES, reach)]


def sankey_positions(conditional: Sequence[float]) -> list[float]:
    """Vertical centres of the tree's nodes (0 at the top, 1 at the bottom) for three stages.

    Each column is laid out from the link values, so that no node leaves the plot and no two
    labels meet: in each column the branch that goes on sits at the top and the branch where the
    chain stops at the bottom; in the last column the two outcomes stay at least
    :data:`_LABEL_GAP` apart. plotly.js places a node only where its position is non-zero, so
    none is exactly 0.
    """
    _, _, v = sankey_links(conditional)
    scale = 1.0 - _PAD  # node heights, as a share of the plot's height, are value * scale
    core, no_core, ab, stop_core, whole, stop_ab = (x * scale for x in v)

    def top(h: float) -> float:  # the centre of a node that touches the top
        return max(h / 2, 1e-3)

    def bottom(h: float) -> float:  # ... and of one that touches the bottom
        return min(1.0 - h / 2, 1.0 - 1e-3)

    whole_y = top(whole)
    stop_ab_y = max(whole + _PAD + stop_ab / 2, whole_y + _LABEL_GAP)
    stop_ab_y = min(stop_ab_y, bottom(stop_ab))
    return [0.5, top(core), bottom(no_core), top(ab), bottom(stop_core), whole_y, stop_ab_y]


def _drawn_values(conditional: Sequence[float]) -> list[float]:
    """The link values plotly.js draws: :func:`sankey_links`'s, with 0 raised to a hairline.
    plotly.js drops a link of value 0 together with its node, which would shift the positions of
    the nodes after it; the labels still say 0.0%."""
    return [max(v, 1e-9) for v in sankey_links(conditional)[2]]


def _build_sequencing() -> go.Figure:
    p = sq.DEFAULTS.conditional
    source, target, _ = sankey_links(p)
    value = _drawn_values(p)
    fig = go.Figure(
        go.Sankey(
            arrangement="fixed",
            valueformat=".1%",
            node={
                "label": sankey_labels(p),
                "color": list(_NODE_COLOURS),
                "pad": 18,
                "thickness": 14,
                "x": list(_NODE_X),
                "y": sankey_positions(p),
                "sort": "input",
                "align": "left",
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": source,
                "target": target,
                "value": value,
                "sort": "input",
                "color": ["rgba(0,114,178,0.35)", "rgba(153,153,153,0.35)"] * 3,
                "hovertemplate": "%{source.label} → %{target.label}<extra></extra>",
            },
            textfont={"size": 11, "shadow": "none"},  # a light halo blurs the text in dark mode
        )
    )
    fig.update_layout(height=460, margin={"l": 6, "r": 6, "t": 36, "b": 36})
    return fig


def _update_sequencing(fig: go.Figure, core: float, arctic_baltic: float, black_sea: float) -> str:
    p = [float(core), float(arctic_baltic), float(black_sea)]
    fig.data[0].link.value = _drawn_values(p)
    fig.data[0].node.label = sankey_labels(p)
    fig.data[0].node.y = sankey_positions(p)
    out = sq.chain_outcomes(p)
    return (
        f"With {_a(core)} {core:.0%} chance of the central deal, then {arctic_baltic:.0%} for the Arctic–Baltic "
        f"front and {black_sea:.0%} for the Black Sea–South Caucasus front (each given the step before), "
        f"the whole architecture is built with probability {percent(out.complete)}; the chain stops at "
        f"the first step {percent(float(out.stopped_at[0]))} of the time."
    )


def _core_control() -> Control:
    """The central deal's chance: the same control on the sequencing and fronts charts."""
    return Control(
        "core",
        "Chance of the central (Poland–Belarus) deal",
        sq.DEFAULTS.core,
        grid=_probability_grid(0.05, 0.95, 0.05),
        live=(0.0, 1.0, 0.01),
        fmt="{:.0%}",
    )


def _black_sea_control() -> Control:
    """The Black Sea front's chance (live only): the same control on both sequencing charts."""
    return Control(
        "black_sea",
        "Black Sea–South Caucasus deal, given Arctic–Baltic",
        sq.DEFAULTS.black_sea,
        live=(0.0, 1.0, 0.01),
        fmt="{:.0%}",
    )


def sequencing() -> Chart:
    """Model A as a flow (a Sankey tree): where the chain of agreements ends."""
    d = sq.DEFAULTS
    return Chart(
        name="periphery-sequencing",
        title="From the core to the periphery: where the chain of agreements ends",
        source=ILLUSTRATIVE + " Link widths are probabilities; each front depends on the one before.",
        build=_build_sequencing,
        update=_update_sequencing,
        controls=(
            _core_control(),
            Control(
                "arctic_baltic",
                "Arctic–Baltic deal, given the central deal",
                d.arctic_baltic,
                grid=_probability_grid(0.1, 1.0, 0.1),
                live=(0.0, 1.0, 0.01),
                fmt="{:.0%}",
            ),
            _black_sea_control(),
        ),
    )


def _build_fronts() -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=list(FRONTS),
            y=np.zeros(len(FRONTS)),
            text=[""] * len(FRONTS),
            textposition="outside",
            cliponaxis=False,
            marker_color=PALETTE["blue"],
            name="Fronts settled",
            hovertemplate="%{x}: %{y:.1%}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text="Fronts settled (of three)")
    fig.update_yaxes(title_text="Probability", range=[0, 1.1], tickformat=".0%")
    fig.update_layout(height=400, showlegend=False, margin={"t": 30, "b": 60})
    return fig


def _update_fronts(fig: go.Figure, core: float, without_core: float, arctic_baltic: float, black_sea: float) -> str:
    p = [float(core), float(arctic_baltic), float(black_sea)]
    dist = sq.fronts_distribution(p, float(without_core))
    fig.data[0].y = dist
    fig.data[0].text = [percent(float(v)) for v in dist]
    mean = sq.expected_fronts(p, float(without_core))
    return (
        f"With {_a(core)} {core:.0%} chance of the central deal (then {arctic_baltic:.0%} and {black_sea:.0%}) and "
        f"{_a(without_core)} {without_core:.0%} chance that a front left behind is settled on its own, no front is settled "
        f"with probability {percent(float(dist[0]))} and all three with {percent(float(dist[-1]))}; on "
        f"average {mean:.2f} of the three fronts are settled."
    )


def fronts_settled() -> Chart:
    """Model A: how many of the three fronts end in an agreement, when a front left behind by a
    stopped chain may still be settled on its own."""
    d = sq.DEFAULTS
    return Chart(
        name="periphery-fronts",
        title="How many of the three fronts are settled, when the periphery need not wait",
        source=ILLUSTRATIVE + " A front left behind by a stopped chain is settled on its own, independently, "
        "with the chance you set.",
        build=_build_fronts,
        update=_update_fronts,
        controls=(
            _core_control(),
            Control(
                "without_core",
                "Chance a front is settled on its own after the chain stops",
                d.without_core,
                grid=_probability_grid(0.0, 1.0, 0.1),
                live=(0.0, 1.0, 0.01),
                fmt="{:.0%}",
            ),
            Control(
                "arctic_baltic",
                "Arctic–Baltic deal, given the central deal",
                d.arctic_baltic,
                live=(0.0, 1.0, 0.01),
                fmt="{:.0%}",
            ),
            _black_sea_control(),
        ),
    )


# ---------------------------------------------------------------------------------------------
# Model B: spoilers
# ---------------------------------------------------------------------------------------------
def spoiler_curves(
    defect: float,
    members: int = sp.DEFAULTS.members,
    accept: float = sp.DEFAULTS.accept,
    spoilers: int = 0,
    spoiler_defect: float = 0.0,
    years: Sequence[int] | None = None,
) -> list[np.ndarray]:
    """The lines of the spoilers chart: P(adopted and in force) by year, one per entry of
    :data:`SPOILER_LINES`."""
    t = YEARS if years is None else np.asarray(years)
    h = sp.member_hazards(members, defect, min(spoilers, members), spoiler_defect)
    a = np.full(members, accept)
    table = sp.turned_distribution(h, t)  # shared by the lines
    adopted = {rule: sp.adoption_probability(a, rule) for rule in sp.RULES}
    survival = sp.survival_lines(table, [(rule, rev) for rule, rev, *_ in SPOILER_LINES])
    return [adopted[rule] * s for (rule, *_), s in zip(SPOILER_LINES, survival)]


def _build_spoilers() -> go.Figure:
    fig = go.Figure()
    for _rule, _rev, name, style in SPOILER_LINES:
        fig.add_trace(
            go.Scatter(
                x=YEARS,
                y=np.zeros(YEARS.size),
                name=name,
                mode="lines",
                line=style,
                hovertemplate="Year %{x}: %{y:.1%}<extra>" + name + "</extra>",
            )
        )
    fig.update_xaxes(title_text="Years after the vote", range=[0, YEARS[-1]])
    fig.update_yaxes(title_text="Adopted and in force", range=[0, 1.02], tickformat=".0%")
    fig.update_layout(height=480, margin={"t": 90, "b": 60})
    return fig


def _update_spoilers(
    fig: go.Figure, defect: float, spoilers: int, spoiler_defect: float, members: int, accept: float
) -> str:
    spoilers = min(int(spoilers), int(members))
    lines = spoiler_curves(float(defect), int(members), float(accept), spoilers, float(spoiler_defect))
    for i, y in enumerate(lines):
        fig.data[i].y = np.round(y, 4)  # far below a pixel; keeps the static page's recording small
    a = np.full(members, accept)
    adopt = {rule: sp.adoption_probability(a, rule) for rule in sp.RULES}
    said = {rule: "> 99.9%" if p == 1.0 and accept < 1.0 else percent(p) for rule, p in adopt.items()}
    one_undoes = lines[0] / adopt["unanimity"] if adopt["unanimity"] > 0 else np.ones(YEARS.size)
    below = np.flatnonzero(one_undoes < 0.5)
    when = (
        f"half of adopted agreements are gone by the end of year {below[0]}"
        if below.size
        else f"more than half of adopted agreements survive all {YEARS[-1]} years"
    )
    rate = "0%" if defect == 0 else f"{defect:.1%}"
    who = (
        f"{members} members, each turning against the agreement with probability {rate} a year"
        if spoilers == 0
        else f"{members} members, {spoilers} of them {'a spoiler' if spoilers == 1 else 'spoilers'} turning against the "
        f"agreement with probability {spoiler_defect:.0%} a year and the others with {rate}"
    )
    return (
        f"{who}: adopted by consensus with probability {said['unanimity']}, by majority "
        f"{said['majority']}. If one member can undo it, {when}."
    )


def spoilers() -> Chart:
    """Model B: chance that an agreement is adopted and still in force, year by year, under
    consensus and a simple majority, and under the two readings of what reversal requires."""
    d = sp.DEFAULTS
    return Chart(
        name="periphery-spoilers",
        title="Chance the agreement is adopted and still in force, by year after the vote",
        source=ILLUSTRATIVE + " Members act independently; a member that turns against the agreement stays against it.",
        build=_build_spoilers,
        update=_update_spoilers,
        controls=(
            Control(
                "defect",
                "Each member's yearly chance of turning against it",
                d.defect,
                grid=_probability_grid(0.0, 0.10, 0.01),
                live=(0.0, 0.2, 0.005),
                fmt="{:.1%}",
            ),
            Control(
                "spoilers", "Spoilers (more hostile members)", d.spoilers, grid=(0, 1, 2, 3), live=(0, 5, 1), fmt="{:d}"
            ),
            Control(
                "spoiler_defect",
                "A spoiler's yearly chance of turning against it",
                d.spoiler_defect,
                grid=_probability_grid(0.05, 0.30, 0.05),
                live=(0.0, 1.0, 0.01),
                fmt="{:.0%}",
            ),
            Control("members", "Members", d.members, live=(2, 40, 1), fmt="{:d}"),
            Control(
                "accept",
                "Each member accepts the agreement with probability",
                d.accept,
                live=(0.5, 1.0, 0.005),
                fmt="{:.3f}",
            ),
        ),
    )


# ---------------------------------------------------------------------------------------------
# New START
# ---------------------------------------------------------------------------------------------
def new_start_timeline(treaty_events: pd.DataFrame) -> Chart:
    """New START from signature to after expiry: one row per dated event, with the years the
    treaty was in force and Russia's suspension shaded.

    Parameters
    ----------
    treaty_events : DataFrame
        As returned by :func:`explainer.data.new_start_events` (columns ``date``, ``actor``,
        ``event``, ``detail``, ``state_media_only``).

    Raises
    ------
    ValueError
        If a column is missing.
    """
    _require(treaty_events, {"date", "actor", "event", "detail", "state_media_only"}, "treaty_events")
    ev = treaty_events.sort_values("date", kind="stable").reset_index(drop=True)
    labels = [
        f"{d.day} {d:%b %Y}:<br>{e}" + (" *" if s else "")
        for d, e, s in zip(ev["date"], ev["event"], ev["state_media_only"])
    ]
    rows = np.arange(len(ev))[::-1]  # first event at the top
    right = (ev["date"] < pd.Timestamp("2019-01-01")).to_numpy()  # early events: label to the right

    def build() -> go.Figure:
        fig = go.Figure()
        for (x0, x1), (name, colour) in zip(
            ((IN_FORCE[0], SUSPENDED_FROM), (SUSPENDED_FROM, IN_FORCE[1])), SHADES.items()
        ):
            fig.add_vrect(x0=x0, x1=x1, fillcolor=colour, line_width=0, layer="below")
            # the shading's legend entry (a shape has none): a square of its colour, nothing plotted
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=name,
                    hoverinfo="skip",
                    legendrank=1001,
                    marker={
                        "size": 14,
                        "symbol": "square",
                        "color": colour,
                        "line": {"width": 1, "color": "rgba(128,128,128,0.6)"},
                    },
                )
            )
        for actor, style in ACTOR_STYLE.items():
            idx = np.flatnonzero(ev["actor"].to_numpy() == actor)
            if idx.size == 0:
                continue
            fig.add_trace(
                go.Scatter(
                    x=ev.loc[idx, "date"],
                    y=rows[idx],
                    mode="markers+text",
                    name=ACTOR_NAMES.get(actor, actor),
                    text=[labels[i] for i in idx],
                    textposition=["middle right" if right[i] else "middle left" for i in idx],
                    textfont={"size": 11},
                    cliponaxis=False,
                    marker={"size": 11, "color": style["color"], "symbol": style["symbol"]},
                    customdata=ev.loc[idx, "detail"],
                    hovertemplate="%{text}<br>%{customdata}<extra></extra>",
                )
            )
        fig.update_yaxes(visible=False, range=[-0.7, len(ev) - 0.3])
        fig.update_xaxes(type="date", range=["2009-09-01", "2026-10-31"], dtick="M48", tickformat="%Y")
        fig.update_layout(height=760, margin={"l": 10, "r": 10, "t": 80, "b": 40})
        return fig

    state = int(ev["state_media_only"].sum())
    by = {a: int((ev["actor"] == a).sum()) for a in ACTOR_STYLE}
    summary = (
        f"{len(ev)} dated events from {_date(ev['date'].iloc[0])} to {_date(ev['date'].iloc[-1])}, top to "
        f"bottom in date order: {by['Both']} by both parties or the treaty itself, {by['United States']} "
        f"by the United States and {by['Russia']} by Russia. The treaty was in force from "
        f"{_date(pd.Timestamp(IN_FORCE[0]))} to {_date(pd.Timestamp(IN_FORCE[1]))}, suspended by Russia "
        f"from {_date(pd.Timestamp(SUSPENDED_FROM))}"
    )
    summary += (
        f"; {state} event{' rests' if state == 1 else 's rest'} on Russian state media only (marked *)."
        if state
        else "."
    )
    return Chart(
        name="periphery-new-start-timeline",
        title="New START, 2010–2026: from signature to expiry and after",
        source="Source: data/new_start_events.csv (news reports and official statements; one URL per row). "
        "* rests on Russian state media only.",
        build=build,
        summary=summary,
    )


def new_start_exchanges(exchanges: pd.DataFrame) -> Chart:
    """The data exchanges against the three central limits: one panel per limit, one line per
    party. A missing exchange is a gap in the line (never bridged).

    Parameters
    ----------
    exchanges : DataFrame
        As returned by :func:`explainer.data.new_start_data` (columns ``date``, ``party`` and one
        per limit).

    Raises
    ------
    ValueError
        If a column is missing.
    """
    _require(exchanges, {"date", "party", *NEW_START_LIMITS}, "exchanges")
    cols = list(NEW_START_LIMITS)

    def build() -> go.Figure:
        fig = make_subplots(
            rows=3,
            cols=1,
            shared_xaxes=True,
            vertical_spacing=0.08,
            subplot_titles=[f"{LIMIT_LABELS[c]} (limit {NEW_START_LIMITS[c]:,})" for c in cols],
        )
        for party, style in PARTY_STYLE.items():
            rows = exchanges[exchanges["party"] == party].sort_values("date")
            for r, c in enumerate(cols, start=1):
                fig.add_trace(
                    go.Scatter(
                        x=rows["date"],
                        y=rows[c],
                        name=party,
                        legendgroup=party,
                        showlegend=(r == 1),
                        mode="lines+markers",
                        connectgaps=False,
                        line={"color": style["color"], "dash": style["dash"], "width": style["width"]},
                        marker={"size": 7, "symbol": style["symbol"]},
                        hovertemplate="%{x|%d %b %Y}: %{y:,.0f}<extra>" + party + "</extra>",
                    ),
                    row=r,
                    col=1,
                )
        for r, c in enumerate(cols, start=1):
            fig.add_hline(
                y=NEW_START_LIMITS[c],
                line={"color": "rgba(128,128,128,0.9)", "dash": "dot", "width": 1.5},
                annotation_text="limit",
                annotation_position="bottom left",
                row=r,
                col=1,
            )
            fig.add_vline(
                x=LIMITS_BINDING, line={"color": "rgba(128,128,128,0.7)", "dash": "dash", "width": 1}, row=r, col=1
            )
        fig.update_yaxes(rangemode="tozero", tickformat=",")
        fig.update_xaxes(range=["2010-09-01", "2023-09-01"], dtick="M24", tickformat="%Y")
        fig.update_xaxes(title_text="Data as of", row=3, col=1)
        fig.update_layout(
            height=820, margin={"l": 60, "r": 20, "t": 90, "b": 60}, legend={"y": 1.04, "yanchor": "bottom"}
        )  # above the first panel's title
        return fig

    wh = exchanges.pivot(index="date", columns="party", values="deployed_warheads")
    both = wh.dropna()
    after = exchanges[exchanges["date"] >= pd.Timestamp(LIMITS_BINDING)]
    within = all((after[c].dropna() <= NEW_START_LIMITS[c]).all() for c in cols)
    parts = []
    if within:
        parts.append(
            "Both parties were at or below every limit in every published exchange after the limits "
            f"became binding ({_date(pd.Timestamp(LIMITS_BINDING))})"
        )
    else:
        parts.append("At least one published exchange after the limits became binding lies above a limit")
    if not both.empty:
        last = both.index.max()
        parts.append(
            f"at the last exchange with both parties' numbers ({_date(last)}) the United States declared "
            f"{wh.loc[last, 'United States']:,.0f} deployed warheads and Russia {wh.loc[last, 'Russia']:,.0f}"
        )
    final = exchanges.dropna(subset=cols, how="all").groupby("party")["date"].max()
    ends = "; ".join(
        f"{_possessive(p)} last figures are as of {_date(d)}" for p, d in final.sort_index(ascending=False).items()
    )
    summary = "; ".join(parts) + ". " + ends[0].upper() + ends[1:] + "."
    return Chart(
        name="periphery-new-start-exchanges",
        title="New START data exchanges against the limits, 2011–2023",
        source="Source: data/new_start_data.csv (State Department aggregate numbers, as reproduced by news reports "
        "and the Russian Foreign Ministry; one URL per row). Limits: State Department.",
        build=build,
        summary=summary,
    )
