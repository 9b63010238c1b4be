"""Charts for chapter 4, the Poland–Belarus core deal, each defined once (see :mod:`._chart`): the
deployments timeline, Richardson's arms race (Model A) and the two-issue bargain (Model B)."""

from __future__ import annotations

import functools
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import arms_race as ar
from ..models import bargaining as bg
from ..theme import PALETTE
from ._chart import Chart, Control

#: Years shown on the arms-race chart, and the sampled times (every quarter of a year).
YEARS = ar.DEFAULTS.years
TIMES = np.linspace(0.0, YEARS, 81)
#: Fixed vertical range of the arms-race chart (index points): a runaway race leaves the chart.
RACE_RANGE = (0.0, 400.0)

SIDE_NAMES = {"x": "Poland and allies", "y": "Russia–Belarus"}
#: Each side has its colour AND its marker (Poland filled circles, Russia–Belarus open squares), so
#: the two stay apart in greyscale print.
SIDE_STYLE = {
    "x": dict(color=PALETTE["blue"], symbol="circle"),
    "y": dict(color=PALETTE["vermillion"], symbol="square-open"),
}
#: Each scenario has its dash AND its width, and within a scenario the two sides' dashes differ too
#: (``dash`` is Poland's and Russia–Belarus's): no deal is solid for Poland and long dashes with
#: short gaps for Russia–Belarus; the deal is dashed for Poland and dash-dotted for Russia–Belarus.
#: The capped race is drawn widest and first, so where it runs with the race without caps (until a
#: cap binds) it shows on both sides of that line, and where both sides sit at the cap Poland's
#: wider dots show around Russia–Belarus's.
SCENARIOS = {
    "no deal": dict(label="no deal", dash=("solid", "14px,4px"), width=2.5, rank=1),
    "deal": dict(label="lower grievances", dash=("dash", "dashdot"), width=2, rank=2),
    "caps": dict(label="caps kept", dash=("dot", "dot"), width=(6, 3), rank=3),
}
#: Trace order of the arms-race chart (the capped race first: it is drawn underneath).
RACE_KEYS = [("caps", "x"), ("caps", "y"), ("no deal", "x"), ("no deal", "y"), ("deal", "x"), ("deal", "y")]
#: The lines that carry a direct label on the chart (the side and the scenario), in the order of
#: the points of the label traces (drawn after the lines), and the label's text.
LABELLED = [("no deal", "x"), ("no deal", "y"), ("deal", "x"), ("deal", "y")]
#: How many labelled lines each side has.
LABELLED_PER_SIDE = sum(1 for _, side in LABELLED if side == "x")
#: How far (years) a direct label sits aside from its line's end: some 6 px on a desktop chart.
LABEL_ASIDE = 0.15
SHORT_SIDE = {"x": "Poland", "y": "Russia–Belarus"}
SHORT_SCENARIO = {"no deal": "no deal", "deal": "deal"}
#: Smallest vertical distance between two direct labels (index points: about 20 px on the chart).
LABEL_GAP = 24.0
#: Highest a direct label sits (index points), below the top of the chart.
LABEL_TOP = RACE_RANGE[1] - 14.0
#: Lowest a direct label sits (index points), above the bottom of the chart.
LABEL_FLOOR = RACE_RANGE[0] + 12.0
#: How far above (or below) the lines they name the labels of lines that stay on the chart sit.
LABEL_OFFSET = 22.0
#: Otherwise a label sits this far above its line (about half a line of text), so as not to cover it.
LABEL_LIFT = 14.0

#: The legend sits in the figure's top band, below the toolbar, and pushes the plot down as far as
#: its rows need (one row on a desktop can be three on a phone).
TOOLBAR_BAND = 34


def _legend_below_toolbar(fig: go.Figure) -> None:
    fig.update_layout(
        legend=dict(yref="container", y=1 - TOOLBAR_BAND / fig.layout.height, yanchor="top", x=0.0, xanchor="left")
    )


ILLUSTRATIVE = "Illustrative assumptions that you can move; the indices and points are not measurements."


# ---------------------------------------------------------------------------------------------
# The facts: a timeline of the deployments
# ---------------------------------------------------------------------------------------------
#: The timeline's rows, top to bottom, with the names shown on the chart.
SYSTEM_LABELS = {"tactical nuclear weapons": "Nuclear weapons", "Oreshnik": "Oreshnik", "Zapad-2025": "Zapad-2025"}
TIMELINE_RANGE = (pd.Timestamp("2023-01-01"), pd.Timestamp("2026-03-01"))
#: Two markers of one row closer than this (in days) go in different lanes, so that neither hides
#: the other nor its date label (a marker and its label span about 180 days on a phone-wide chart).
LANE_GAP_DAYS = 190


def _late(dates: pd.Series) -> np.ndarray:
    """Events too close to the timeline's right edge for a label on their right."""
    return ((TIMELINE_RANGE[1] - dates).dt.days < LANE_GAP_DAYS).to_numpy()


def timeline_lanes(events: pd.DataFrame, gap_days: float = LANE_GAP_DAYS) -> np.ndarray:
    """The lane of each event within its row (0 = the row's lowest).

    Each event's marker and date label take ``gap_days`` of the axis: to its right, or to its left
    for the events near the right edge (their labels go on the left). An event goes into the first
    lane where that span is free, so crowded events are stacked apart and no label runs into
    another.
    """
    lanes = np.zeros(len(events), dtype=int)
    late = _late(events["date"])
    taken: dict[str, list[float]] = {}  # per row: the end of each lane's last span, in days
    for i, (date, system) in enumerate(zip(events["date"], events["system"])):
        day = (date - TIMELINE_RANGE[0]).days
        start, end = (day - gap_days, day) if late[i] else (day, day + gap_days)
        ends = taken.setdefault(system, [])
        for k, last in enumerate(ends):
            if last <= start:
                ends[k] = end
                lanes[i] = k
                break
        else:
            ends.append(end)
            lanes[i] = len(ends) - 1
    return lanes


def deployments_timeline(deployments: pd.DataFrame) -> Chart:
    """Dated announcements and events on Russian weapons in Belarus, one row per system.

    Filled circles mark events documented independently or by another government; open diamonds
    mark statements whose substance rests only on official Russian or Belarusian claims. Events
    close in time are stacked in lanes within their row, and every marker carries its date.

    Parameters
    ----------
    deployments : DataFrame
        As returned by :func:`explainer.data.belarus_deployments` (columns ``date``, ``system``,
        ``event``, ``claimant``, ``official_claim_only``), in date order.
    """
    required = {"date", "system", "event", "claimant", "official_claim_only"}
    missing = required - set(deployments.columns)
    if missing:
        raise ValueError(f"deployments is missing columns: {', '.join(sorted(missing))}")
    unknown = set(deployments["system"]) - set(SYSTEM_LABELS)
    if unknown:
        raise ValueError(f"deployments has systems the timeline has no row for: {', '.join(sorted(unknown))}")
    events = deployments.sort_values("date", kind="stable").reset_index(drop=True)
    lanes = timeline_lanes(events)
    # rows from the top: each row as tall as its lanes, with a gap for the row's name above it
    base, y0 = {}, 0.0
    for system in reversed(list(SYSTEM_LABELS)):
        n = int(lanes[(events["system"] == system).to_numpy()].max(initial=0)) + 1
        base[system] = (y0, n)
        y0 += n + 1.3
    y = np.array([base[s][0] + k for s, k in zip(events["system"], lanes)], dtype=float)
    # labels of the events in the last months go to the left of their marker, inside the chart
    late = _late(events["date"])
    dates = events["date"].dt.strftime("%d %b").str.lstrip("0")

    def build() -> go.Figure:
        fig = go.Figure()
        for claim_only, name, symbol, color in (
            (False, "Documented independently", "circle", PALETTE["blue"]),
            (True, "Official Russian or Belarusian claim only", "diamond-open", PALETTE["vermillion"]),
        ):
            pick = (events["official_claim_only"] == claim_only).to_numpy()
            part = events[pick]
            fig.add_trace(
                go.Scatter(
                    x=part["date"],
                    y=y[pick],
                    mode="markers+text",
                    name=name,
                    text=dates[pick],
                    textposition=np.where(late[pick], "middle left", "middle right"),
                    textfont=dict(size=11),
                    marker=dict(symbol=symbol, size=12, color=color, line=dict(width=2, color=color)),
                    customdata=np.column_stack(
                        [
                            part["date"].dt.strftime("%d %b %Y"),
                            ["<br>".join(textwrap.wrap(e, 60)) for e in part["event"]],
                            part["claimant"],
                        ]
                    ),
                    hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br><i>Says so: %{customdata[2]}</i><extra></extra>",
                )
            )
        for system, (start, n) in base.items():
            fig.add_annotation(
                x=0.0,
                xref="paper",
                xanchor="left",
                y=start + n - 0.45,
                yanchor="bottom",
                text=f"<b>{SYSTEM_LABELS[system]}</b>",
                showarrow=False,
                font=dict(size=13),
            )
        fig.update_xaxes(title_text="Date of the event or statement", range=list(TIMELINE_RANGE))
        fig.update_yaxes(visible=False, range=[-0.8, y0 - 0.3], fixedrange=True)
        fig.update_layout(height=500, margin=dict(l=40, r=20, t=50, b=60))
        _legend_below_toolbar(fig)
        return fig

    n_claims = int(events["official_claim_only"].sum())
    first, last = events.iloc[0], events.iloc[-1]
    summary = (
        f"{len(events)} dated events from {_day(first['date'])} to {_day(last['date'])}: "
        f"{n_claims} rest only on official Russian or Belarusian statements, "
        f"{len(events) - n_claims} are documented independently or by another government."
    )
    return Chart(
        name="core-deal-deployments",
        title="Russian weapons in Belarus: who says what, March 2023 to December 2025",
        source="Source: data/belarus_deployments.csv (news reports and state media; one URL per row).",
        build=build,
        summary=summary,
    )


def _day(date: pd.Timestamp) -> str:
    return f"{date.day} {date:%B %Y}"


# ---------------------------------------------------------------------------------------------
# Model A: Richardson's arms race
# ---------------------------------------------------------------------------------------------
def race_grid() -> np.ndarray:
    """The static page's values of Russia–Belarus's reaction coefficient b: 0.1, 0.2, ..., 1.5."""
    return np.round(np.arange(0.1, 1.5001, 0.1), 2)


#: The static page's caps on both sides' index.
CAP_GRID = (100.0, 120.0, 150.0, 200.0, 250.0, 300.0)


def race_paths(
    params: ar.Params, deal_g: float, deal_h: float, cap: float | None = None, times: np.ndarray = TIMES
) -> dict[tuple[str, str], np.ndarray]:
    """The paths the arms-race chart draws, keyed by (scenario, side): each side with no deal,
    with the deal's lower grievances and (when ``cap`` is given) with caps on both sides kept."""
    base = ar.trajectory(times, params)
    after = ar.trajectory(times, ar.deal(params, deal_g, deal_h))
    out = {
        ("no deal", "x"): base[:, 0],
        ("no deal", "y"): base[:, 1],
        ("deal", "x"): after[:, 0],
        ("deal", "y"): after[:, 1],
    }
    if cap is not None:
        capped = ar.capped_trajectory(times, params, cap, cap)
        out[("caps", "x")], out[("caps", "y")] = capped[:, 0], capped[:, 1]
    return out


def stability_sentence(params: ar.Params, deal_g: float, deal_h: float, cap: float | None = None) -> str:
    """What Richardson's model says for ``params``: stable (and where both sides settle, with and
    without the deal), unstable, or on the edge. With ``cap``, the sentence also says where the
    caps stop the race."""
    margin = ar.stability_margin(params)
    if margin > 0:
        eq = ar.equilibrium(params)
        eq_deal = ar.equilibrium(ar.deal(params, deal_g, deal_h))
        text = (
            f"Stable (m·n − a·b = {margin:.2f} > 0). Poland's side and Russia–Belarus settle at "
            f"{eq.x:.0f} and {eq.y:.0f} with no deal, {eq_deal.x:.0f} and {eq_deal.y:.0f} with the deal"
        )
        if cap is not None:
            cx, cy = ar.capped_equilibrium(params, cap, cap)
            text += f", {cx:.0f} and {cy:.0f} with caps of {cap:.0f} kept"
        return text
    if margin < 0:
        tail = "deal or no deal" if cap is None else f"deal or no deal; only the caps stop it (at {cap:.0f})"
        return f"Unstable (m·n − a·b = {margin:.2f} < 0): both sides arm without limit, {tail}"
    return "On the edge of stability (m·n = a·b): no single equilibrium"


def _stacked(points: list[tuple[float, float]]) -> list[float] | None:
    """Label heights for lines that all stay on the chart: the two highest lines' labels stacked
    above them and the two lowest lines' labels below them, in the lines' order, where the chart
    is free (or, if there is no room below, all four above the highest line); None if the labels
    would leave the chart."""
    ys = [y for _, y in points]
    if any(x < TIMES[-1] for x, _ in points):
        return None
    order = sorted(range(len(points)), key=lambda j: (ys[j], j))
    lower, upper = order[:2], order[2:]
    heights = [0.0] * len(points)
    top = max(ys[j] for j in upper) + LABEL_OFFSET
    for k, j in enumerate(upper):  # from the lower line up
        heights[j] = top + k * LABEL_GAP
    bottom = min(ys[j] for j in lower) - LABEL_OFFSET
    for k, j in enumerate(reversed(lower)):  # from the higher line down
        heights[j] = bottom - k * LABEL_GAP
    if max(heights) <= LABEL_TOP and min(heights) >= LABEL_FLOOR:
        return heights
    # no room below the lowest lines: every label above the highest line, in the lines' order
    for k, j in enumerate(order):
        heights[j] = top + k * LABEL_GAP
    return heights if max(heights) <= LABEL_TOP else None


def _spread(points: list[tuple[float, float]]) -> list[float]:
    """Label heights from the highest label down, each just above its line (by :data:`LABEL_LIFT`)
    where it can be and at least :data:`LABEL_GAP` below the one above it; if the lowest falls below
    the chart, the whole stack moves up."""
    order = sorted(range(len(points)), key=lambda j: (-points[j][1], j))
    heights = [0.0] * len(points)
    ceiling = LABEL_TOP
    for j in order:
        heights[j] = min(points[j][1] + LABEL_LIFT, ceiling)
        ceiling = heights[j] - LABEL_GAP
    lift = max(0.0, LABEL_FLOOR - min(heights))
    return [h + lift for h in heights]


def race_labels(paths: dict[tuple[str, str], np.ndarray], times: np.ndarray = TIMES) -> list[dict]:
    """Where the direct labels of the lines in :data:`LABELLED` go: each points at its line's end,
    or where the line leaves the top of the chart. When every line stays on the chart, the labels
    of the two highest lines sit above them and those of the two lowest below them, where the
    chart is free; otherwise they are spread apart vertically. Labels are always at least
    :data:`LABEL_GAP` apart, so that none covers another.

    Returns
    -------
    list of dict
        One per labelled line: ``x`` and ``y`` (the point on the line, in years and index points),
        ``ay`` (the label's height, index points) and ``xanchor`` (``"right"``: the label sits to
        the left of the point; ``"left"`` for a line that leaves the chart early, so the label
        stays inside it).
    """
    points = []
    for key in LABELLED:
        y = np.asarray(paths[key], dtype=float)
        above = np.nonzero(y > RACE_RANGE[1])[0]
        if above.size:
            i = max(int(above[0]) - 1, 0)
            points.append((float(times[i]), min(float(y[i]), RACE_RANGE[1])))
        else:
            points.append((float(times[-1]), float(y[-1])))
    heights = _stacked(points) or _spread(points)
    return [dict(x=x, y=y, ay=h, xanchor="right" if x > YEARS / 2 else "left") for (x, y), h in zip(points, heights)]


def _build_race() -> go.Figure:
    fig = go.Figure()
    for scenario, side in RACE_KEYS:
        s, st = SCENARIOS[scenario], SIDE_STYLE[side]
        name = f"{SIDE_NAMES[side]}, {s['label']}"
        k = int(side == "y")
        fig.add_trace(
            go.Scatter(
                x=TIMES,
                y=np.zeros(TIMES.size),
                name=name,
                mode="lines+markers",
                line=dict(
                    color=st["color"],
                    dash=s["dash"][k],
                    width=s["width"][k] if isinstance(s["width"], tuple) else s["width"],
                ),
                marker=dict(
                    symbol=st["symbol"],
                    size=8 if scenario == "no deal" else 7,
                    color=st["color"],
                    line=dict(width=2 if side == "y" else 0, color=st["color"]),
                    maxdisplayed=11,
                ),
                legendrank=10 * s["rank"] + (0 if side == "x" else 1),
                hovertemplate="Year %{x:.1f}: %{y:.0f}<extra>" + name + "</extra>",
            )
        )
    fig.add_hline(y=ar.TODAY, line=dict(color="rgba(128,128,128,0.7)", dash="dot", width=1))
    # the direct labels are traces, not annotations, so that a move of a control only moves points
    # (the static page then redraws them with plotly's quick transition): each side's leader lines,
    # then the labels that sit left of their point and those that sit right of it
    for side in ("x", "y"):
        fig.add_trace(
            go.Scatter(
                x=[None] * 3 * LABELLED_PER_SIDE,
                y=[None] * 3 * LABELLED_PER_SIDE,
                mode="lines",
                line=dict(color=SIDE_STYLE[side]["color"], width=1),
                showlegend=False,
                hoverinfo="skip",
            )
        )
    for position in ("middle left", "middle right"):
        fig.add_trace(
            go.Scatter(
                x=[None] * len(LABELLED),
                y=[None] * len(LABELLED),
                mode="text",
                text=[f"{SHORT_SIDE[side]}, {SHORT_SCENARIO[scenario]}" for scenario, side in LABELLED],
                textposition=position,
                textfont=dict(size=11, color=[SIDE_STYLE[side]["color"] for _, side in LABELLED]),
                showlegend=False,
                hoverinfo="skip",
            )
        )
    fig.update_xaxes(title_text="Years from today", range=[0, YEARS])
    fig.update_yaxes(title_text="Military effort (today = 100)", range=list(RACE_RANGE))
    fig.update_layout(height=540, margin=dict(t=50, b=60))
    _legend_below_toolbar(fig)
    return fig


@functools.lru_cache(maxsize=64)
def _race_free(a: float, b: float, m: float, n: float, g: float, h: float, deal_g: float, deal_h: float):
    """The paths with no deal and with the deal (they do not depend on the cap), rounded to the
    tenth of an index point the chart can show."""
    p = ar.Params(a=a, b=b, m=m, n=n, g=g, h=h)
    out = {k: np.round(v, 1) for k, v in race_paths(p, deal_g, deal_h).items()}
    for arr in out.values():
        arr.setflags(write=False)
    return out


def _update_race(
    fig: go.Figure, b: float, cap: float, a: float, m: float, n: float, g: float, h: float, deal_g: float, deal_h: float
) -> str:
    p = ar.Params(a=a, b=b, m=m, n=n, g=g, h=h)
    paths = dict(_race_free(a, b, m, n, g, h, deal_g, deal_h))
    capped = ar.capped_trajectory(TIMES, p, cap, cap)
    paths[("caps", "x")], paths[("caps", "y")] = np.round(capped[:, 0], 1), np.round(capped[:, 1], 1)
    for i, key in enumerate(RACE_KEYS):
        fig.data[i].y = paths[key]
    leaders = {"x": ([], []), "y": ([], [])}
    placed = {
        "right": ([None] * len(LABELLED), [None] * len(LABELLED)),
        "left": ([None] * len(LABELLED), [None] * len(LABELLED)),
    }
    for k, ((_, side), label) in enumerate(zip(LABELLED, race_labels(paths))):
        # the label sits a little aside from its line's end, joined to it by a leader line
        end = label["x"] + (-LABEL_ASIDE if label["xanchor"] == "right" else LABEL_ASIDE)
        leaders[side][0].extend([label["x"], end, None])
        leaders[side][1].extend([label["y"], label["ay"], None])
        placed[label["xanchor"]][0][k], placed[label["xanchor"]][1][k] = end, label["ay"]
    n = len(RACE_KEYS)
    fig.data[n].x, fig.data[n].y = leaders["x"]
    fig.data[n + 1].x, fig.data[n + 1].y = leaders["y"]
    fig.data[n + 2].x, fig.data[n + 2].y = placed["right"]  # anchored right: left of the point
    fig.data[n + 3].x, fig.data[n + 3].y = placed["left"]
    sentence = stability_sentence(p, deal_g, deal_h, cap)
    return f"With b = {b:.2f}: {sentence[0].lower()}{sentence[1:]}."


def arms_race() -> Chart:
    """Model A: both sides' levels over 20 years with no deal, with a deal that lowers the grievance
    terms, and with caps on both sides kept; every coefficient of Richardson's model can move."""
    d = ar.DEFAULTS
    p = d.status_quo
    coef = dict(live=(0.0, 1.5, 0.05), fmt="{:.2f}")
    fatigue = dict(live=(0.05, 1.5, 0.05), fmt="{:.2f}")
    grievance = dict(live=(-20.0, 100.0, 5.0), fmt="{:.0f}")
    return Chart(
        name="core-deal-arms-race",
        title="Richardson's arms race: both sides' military effort over 20 years, with no deal, "
        "with lower grievances and with caps",
        source=(
            f"{ILLUSTRATIVE} Opens on a = {p.a}, m = {p.m}, n = {p.n}; grievances g = {p.g:.0f}, "
            f"h = {p.h:.0f}, or {d.deal_g:.0f} and {d.deal_h:.0f} with the deal. Model: Richardson (1960)."
        ),
        build=_build_race,
        update=_update_race,
        controls=(
            Control(
                "b",
                "b: Russia–Belarus's reaction to Poland (assumed, per year)",
                p.b,
                grid=tuple(float(v) for v in race_grid()),
                **coef,
            ),
            Control(
                "cap", "Cap on both sides' level (index)", d.cap, grid=CAP_GRID, live=(100.0, 300.0, 5.0), fmt="{:.0f}"
            ),
            Control("a", "a: Poland's reaction to Russia–Belarus (assumed, per year)", p.a, **coef),
            Control("m", "m: Poland's fatigue (assumed, per year)", p.m, **fatigue),
            Control("n", "n: Russia–Belarus's fatigue (assumed, per year)", p.n, **fatigue),
            Control("g", "g: Poland's grievance, no deal (assumed points per year)", p.g, **grievance),
            Control("h", "h: Russia–Belarus's grievance, no deal (assumed points per year)", p.h, **grievance),
            Control("deal_g", "Poland's grievance after the deal (assumed)", d.deal_g, **grievance),
            Control("deal_h", "Russia–Belarus's grievance after the deal (assumed)", d.deal_h, **grievance),
        ),
    )


# ---------------------------------------------------------------------------------------------
# Model B: the two-issue bargain
# ---------------------------------------------------------------------------------------------
def bargain_grid() -> np.ndarray:
    """The static page's values of Russia–Belarus's cost of a full withdrawal: 1, 2, ..., 14 points."""
    return np.arange(1.0, 14.0001, 1.0)


#: The static page's values of Poland's cost of the tightest limits, and of the outside options.
C_PL_GRID = (6.0, 8.0, 10.0, 12.0, 14.0, 16.0)
D_P_GRID = (-1.0, 0.0, 1.0, 2.0, 2.5, 3.0)
#: Smallest plotting box for the utility chart (u_P min, max, u_R min, max): it grows only where a
#: live value needs more room, so the static steps share one frame.
UTILITY_BOX = (-17.5, 10.0, -15.5, 11.0)
BARGAIN_KEYS = [
    "zopa deals",
    "nash deal",
    "utility set",
    "zopa utilities",
    "no deal region",
    "nash utilities",
    "outside options",
]


def _closed(poly: np.ndarray) -> tuple[list, list]:
    if len(poly) == 0:
        return [None], [None]
    pts = np.vstack([poly, poly[:1]])
    return np.round(pts[:, 0], 6).tolist(), np.round(pts[:, 1], 6).tolist()


def utility_box(valuations: bg.Valuations) -> tuple[float, float, float, float]:
    """The plotting box of the utility chart: :data:`UTILITY_BOX`, grown to hold every deal's value
    and the outside options with a margin of 1.5 points."""
    v = valuations
    pts = np.vstack([bg.utility_set(v), [[v.d_p, v.d_r]]])
    lo, hi = pts.min(axis=0) - 1.5, pts.max(axis=0) + 1.5
    x0, x1, y0, y1 = UTILITY_BOX
    return (min(x0, float(lo[0])), max(x1, float(hi[0])), min(y0, float(lo[1])), max(y1, float(hi[1])))


def bargain_traces(
    valuations: bg.Valuations, box: tuple[float, float, float, float] | None = None
) -> dict[str, tuple[list, list]]:
    """The (x, y) data of every changing trace of the bargain chart, from the model (keys:
    :data:`BARGAIN_KEYS`)."""
    box = utility_box(valuations) if box is None else box
    sol = bg.nash_solution(valuations)
    return {
        "zopa deals": _closed(bg.zopa_deals(valuations)),
        "nash deal": ([sol.w], [sol.l]) if sol.exists else ([None], [None]),
        "utility set": _closed(bg.utility_set(valuations)),
        "zopa utilities": _closed(bg.zopa_utilities(valuations)),
        "no deal region": _closed(bg.no_deal_region(valuations, box)),
        "nash utilities": ([sol.u_p], [sol.u_r]) if sol.exists else ([None], [None]),
        "outside options": ([valuations.d_p], [valuations.d_r]),
    }


def bargain_sentence(valuations: bg.Valuations) -> str:
    """The model's answer for these valuations, in one sentence."""
    v = valuations
    sol = bg.nash_solution(v)
    head = (
        f"With Russia–Belarus's cost of withdrawing at {v.c_rw:g} points, Poland's cost of the tightest "
        f"limits at {v.c_pl:g} and outside options of {v.d_p:g} (Poland) and {v.d_r:g} (Russia–Belarus)"
    )
    if sol.exists:
        return (
            f"{head}, a deal suits both sides: the Nash solution withdraws {sol.w:.0%} of the weapons "
            f"and limits Poland at {sol.l:.0%} of the tightest (gains of {sol.u_p - v.d_p:.1f} and "
            f"{sol.u_r - v.d_r:.1f} points)."
        )
    return f"{head}, no deal leaves both sides better off than their outside options."


ZOPA_FILL = "rgba(0,158,115,0.35)"
#: The legend's names of the zone and the star, and what they say when no deal exists (each no
#: longer than the name it replaces, so that the legend's columns keep their width).
ZOPA_NAME, ZOPA_NONE = "Zone of possible agreement (ZOPA)", "Zone of possible agreement: none"
NASH_NAME, NASH_NONE = "Nash bargaining solution", "Nash solution: none"
NASH_MARKER = dict(symbol="star", size=18, color=PALETTE["purple"], line=dict(width=1, color="#333333"))


def _zopa_trace(**legend) -> go.Scatter:
    """The zone of possible agreement, drawn empty (``update`` fills it), in either panel."""
    return go.Scatter(
        x=[None],
        y=[None],
        name=ZOPA_NAME,
        fill="toself",
        fillcolor=ZOPA_FILL,
        line=dict(color=PALETTE["green"], width=1.5),
        mode="lines",
        hoverinfo="skip",
        legendgroup="zopa",
        **legend,
    )


def _nash_trace(hover: str, **legend) -> go.Scatter:
    """The Nash bargaining solution, drawn empty (``update`` places it), with the panel's hover."""
    return go.Scatter(
        x=[None],
        y=[None],
        name=NASH_NAME,
        mode="markers",
        marker=NASH_MARKER,
        legendgroup="nash",
        hovertemplate=hover + "<extra>Nash solution</extra>",
        **legend,
    )


def _build_bargain() -> go.Figure:
    fig = make_subplots(rows=2, cols=1, vertical_spacing=0.14)
    fig.add_trace(_zopa_trace(legendrank=1), row=1, col=1)
    fig.add_trace(
        _nash_trace("Withdrawn: %{x:.0%}<br>Limits on Poland: %{y:.0%}", legendrank=2),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            name="Every possible deal",
            fill="toself",
            fillcolor="rgba(86,180,233,0.15)",
            mode="lines",
            legendrank=3,
            line=dict(color=PALETTE["sky"], dash="dash", width=1.5),
            hoverinfo="skip",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(_zopa_trace(showlegend=False), row=2, col=1)
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            name="Outside options that leave no deal",
            fill="toself",
            fillcolor="rgba(213,94,0,0.12)",
            line=dict(color="rgba(213,94,0,0.6)", dash="dot", width=1.5),
            mode="lines",
            hoverinfo="skip",
            legendrank=5,
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        _nash_trace("Poland: %{x:.1f}<br>Russia–Belarus: %{y:.1f}", showlegend=False),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            name="No deal (the outside options)",
            mode="markers",
            marker=dict(symbol="x", size=12, color=PALETTE["vermillion"]),
            legendrank=4,
            hovertemplate="No deal: %{x:.1f}, %{y:.1f}<extra></extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_shape(type="rect", x0=0, y0=0, x1=1, y1=1, line=dict(color="rgba(128,128,128,0.8)"), row=1, col=1)
    fig.update_xaxes(title_text="Share withdrawn from Belarus", range=[-0.05, 1.05], tickformat=".0%", row=1, col=1)
    fig.update_yaxes(title_text="Limits on Poland", range=[-0.05, 1.05], tickformat=".0%", row=1, col=1)
    fig.update_xaxes(title_text="Value to Poland (points)", range=list(UTILITY_BOX[:2]), row=2, col=1)
    fig.update_yaxes(title_text="Value to Russia–Belarus", range=list(UTILITY_BOX[2:]), row=2, col=1)
    fig.update_layout(height=900, margin=dict(t=50, b=60))
    _legend_below_toolbar(fig)
    return fig


def _update_bargain(fig: go.Figure, c_rw: float, c_pl: float, d_p: float, v_pw: float, v_rl: float, d_r: float) -> str:
    vals = bg.Valuations(v_pw=v_pw, c_pl=c_pl, c_rw=c_rw, v_rl=v_rl, d_p=d_p, d_r=d_r)
    box = utility_box(vals)
    traces = bargain_traces(vals, box)
    for i, key in enumerate(BARGAIN_KEYS):
        fig.data[i].x, fig.data[i].y = traces[key]
    # the legend keeps its entries (so the chart does not jump as a deal comes and goes) and says
    # when there is no zone and no star
    zone = len(traces["zopa deals"][0]) >= 4  # a closed polygon, not one point
    fig.data[0].name = ZOPA_NAME if zone else ZOPA_NONE
    fig.data[1].name = NASH_NAME if traces["nash deal"][0][0] is not None else NASH_NONE
    fig.layout.xaxis2.range = box[:2]
    fig.layout.yaxis2.range = box[2:]
    return bargain_sentence(vals)


def bargain() -> Chart:
    """Model B: the zone of possible agreement and the Nash bargaining solution, in the deal square
    (above) and in what each deal is worth to each side (below)."""
    v = bg.DEFAULTS.valuations
    points = dict(live=(0.0, 16.0, 0.5), fmt="{:g}")
    outside = dict(live=(-5.0, 5.0, 0.5), fmt="{:g}")
    return Chart(
        name="core-deal-bargain",
        title="Is there a deal both sides prefer? Above: the deals; below: what each is worth to each side",
        source=(
            f"{ILLUSTRATIVE} Opens on Poland valuing a full withdrawal at {v.v_pw:.0f} points and the "
            f"tightest limits at −{v.c_pl:.0f}, Russia–Belarus valuing them at −{v.c_rw:.0f} and "
            f"{v.v_rl:.0f}; outside options 0. No government has proposed this trade. Model: Nash (1950)."
        ),
        build=_build_bargain,
        update=_update_bargain,
        controls=(
            Control(
                "c_rw",
                "Russia–Belarus's cost of a full withdrawal (assumed points)",
                v.c_rw,
                grid=tuple(float(c) for c in bargain_grid()),
                **points,
            ),
            Control("c_pl", "Poland's cost of the tightest limits (assumed points)", v.c_pl, grid=C_PL_GRID, **points),
            Control("d_p", "Poland's outside option (assumed; 0 = status quo)", v.d_p, grid=D_P_GRID, **outside),
            Control("v_pw", "Poland's gain from a full withdrawal (assumed points)", v.v_pw, **points),
            Control("v_rl", "Russia–Belarus's gain from the tightest limits (assumed points)", v.v_rl, **points),
            Control("d_r", "Russia–Belarus's outside option (assumed; 0 = status quo)", v.d_r, **outside),
        ),
    )
