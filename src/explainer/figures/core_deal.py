"""Charts for chapter 4, the Poland–Belarus core deal: the deployments timeline, Richardson's
arms race (Model A) and the two-issue bargain (Model B)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import arms_race as ar
from ..models import bargaining as bg
from ..theme import PALETTE
from ._common import Step, add_source, add_static_slider, new_figure

#: Years shown on the arms-race charts, and the sampled times.
YEARS = ar.DEFAULTS.years
TIMES = np.linspace(0.0, YEARS, 81)
#: Fixed vertical range of the arms-race chart (index points): a runaway race leaves the chart.
RACE_RANGE = (0.0, 400.0)

SIDE_STYLE = {
    "x": dict(color=PALETTE["blue"]),
    "y": dict(color=PALETTE["vermillion"]),
}
SIDE_NAMES = {"x": "Poland and allies", "y": "Russia–Belarus"}
SCENARIO_DASH = {"no deal": "solid", "deal": "dash", "caps": "dot"}


# ---------------------------------------------------------------------------------------------
# The facts: a timeline of the deployments
# ---------------------------------------------------------------------------------------------
def deployments_timeline_figure(events: pd.DataFrame) -> go.Figure:
    """Dated announcements and events on Russian weapons in Belarus, one row per system.

    Open diamonds mark statements whose substance rests only on official Russian or Belarusian
    claims; filled circles mark events documented independently or by another government.

    Parameters
    ----------
    events : DataFrame
        As returned by :func:`explainer.data.belarus_deployments` (columns ``date``, ``system``,
        ``event``, ``claimant``, ``official_claim_only``).
    """
    required = {"date", "system", "event", "claimant", "official_claim_only"}
    missing = required - set(events.columns)
    if missing:
        raise ValueError(f"events is missing columns: {', '.join(sorted(missing))}")
    fig = new_figure(
        title="Russian weapons in Belarus: who says what",
        subtitle="Open diamonds: rests only on official Russian or Belarusian statements",
        x_title="Date of the event or statement",
        y_title="",
        source="Source: data/belarus_deployments.csv (news reports and state media; one URL per row).",
        height=460,
    )
    order = ["Zapad-2025", "Oreshnik", "tactical nuclear weapons"]
    labels = {"tactical nuclear weapons": "Nuclear weapons", "Oreshnik": "Oreshnik",
              "Zapad-2025": "Zapad-2025"}
    for claim_only, name, symbol, color in (
        (False, "Documented independently or by another government", "circle", PALETTE["blue"]),
        (True, "Rests only on official Russian or Belarusian statements", "diamond-open", PALETTE["vermillion"]),
    ):
        part = events[events["official_claim_only"] == claim_only]
        # spread same-day events a little so that both markers show
        dup = part.groupby(["date", "system"]).cumcount().to_numpy()
        fig.add_trace(go.Scatter(
            x=part["date"] + pd.to_timedelta(dup * 6, unit="D"),
            y=[labels[s] for s in part["system"]],
            mode="markers", name=name,
            marker=dict(symbol=symbol, size=13, color=color, line=dict(width=2, color=color)),
            customdata=np.column_stack([
                part["date"].dt.strftime("%d %b %Y"),
                ["<br>".join(textwrap.wrap(e, 60)) for e in part["event"]],
                part["claimant"],
            ]),
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br><i>Says so: %{customdata[2]}</i><extra></extra>",
        ))
    fig.update_yaxes(categoryorder="array", categoryarray=[labels[s] for s in order])
    fig.update_xaxes(range=[pd.Timestamp("2023-01-01"), pd.Timestamp("2026-03-01")])
    fig.update_layout(legend=dict(y=1.02))
    return fig


# ---------------------------------------------------------------------------------------------
# Model A: Richardson's arms race
# ---------------------------------------------------------------------------------------------
def race_grid() -> np.ndarray:
    """Slider positions for Russia–Belarus's reaction coefficient b: 0.1, 0.2, ..., 1.5."""
    return np.round(np.arange(0.1, 1.5001, 0.1), 2)


def race_paths(params: ar.Params, deal_g: float, deal_h: float,
               times: np.ndarray = TIMES) -> dict[str, np.ndarray]:
    """The four paths the arms-race chart draws: each side with no deal and with the deal."""
    base = ar.trajectory(times, params)
    after = ar.trajectory(times, ar.deal(params, deal_g, deal_h))
    return {"x no deal": base[:, 0], "y no deal": base[:, 1], "x deal": after[:, 0], "y deal": after[:, 1]}


def stability_sentence(params: ar.Params, deal_g: float, deal_h: float, cap: float | None = None) -> str:
    """What Richardson's model says for ``params``: stable (and where both sides settle, with and
    without the deal), unstable, or on the edge. With ``cap``, the unstable case says where the
    caps stop the race (the live panel's third scenario)."""
    margin = ar.stability_margin(params)
    if margin > 0:
        eq = ar.equilibrium(params)
        eq_deal = ar.equilibrium(ar.deal(params, deal_g, deal_h))
        return (f"Stable (m·n − a·b = {margin:.2f} > 0). Settles at {eq.x:.0f} and {eq.y:.0f} with no deal, "
                f"{eq_deal.x:.0f} and {eq_deal.y:.0f} with the deal")
    if margin < 0:
        tail = "deal or no deal" if cap is None else f"deal or no deal; only the caps stop it (at {cap:.0f})"
        return f"Unstable (m·n − a·b = {margin:.2f} < 0): both sides arm without limit, {tail}"
    return "On the edge of stability (m·n = a·b): no single equilibrium"


def _race_title(params: ar.Params, deal_g: float, deal_h: float) -> str:
    head = f"Richardson's arms race: Russia–Belarus reacts with b = {params.b:.1f}"
    return f"{head}<br><span style='font-size:13px'>{stability_sentence(params, deal_g, deal_h)}</span>"


def arms_race_figure(b_values: Sequence[float] | None = None,
                     default_b: float = ar.DEFAULTS.status_quo.b) -> go.Figure:
    """Model A: both sides' levels over 20 years, with no deal and with a deal that lowers the
    grievance terms, with a static slider for Russia–Belarus's reaction coefficient ``b``.

    Every other coefficient is held at :data:`explainer.models.arms_race.DEFAULTS`.
    """
    values = race_grid() if b_values is None else np.asarray(b_values, dtype=float)
    matches = np.flatnonzero(np.isclose(values, default_b))
    if matches.size == 0:
        raise ValueError(f"default_b {default_b!r} is not one of the slider values")
    active = int(matches[0])
    d = ar.DEFAULTS
    params = {float(b): ar.Params(**{**d.status_quo.__dict__, "b": float(b)}) for b in values}
    paths = {b: race_paths(p, d.deal_g, d.deal_h) for b, p in params.items()}
    b0 = float(values[active])
    fig = new_figure(
        title=_race_title(params[b0], d.deal_g, d.deal_h),
        x_title="Years from today",
        y_title="Military effort (index, today = 100)",
        source=f"Illustrative assumptions (an index, not a measurement): a = {d.status_quo.a}, m = {d.status_quo.m}, "
               f"n = {d.status_quo.n}; grievances g = {d.status_quo.g:.0f}, h = {d.status_quo.h:.0f}, "
               f"or {d.deal_g:.0f} and {d.deal_h:.0f} with the deal.",
        height=620,
    )
    keys = ["x no deal", "y no deal", "x deal", "y deal"]
    for key in keys:
        side, scenario = key.split(" ", 1)
        name = f"{SIDE_NAMES[side]}, {'no deal' if scenario == 'no deal' else 'with the deal'}"
        fig.add_trace(go.Scatter(
            x=TIMES, y=np.round(paths[b0][key], 2).tolist(), name=name, mode="lines",
            line=dict(**SIDE_STYLE[side], dash=SCENARIO_DASH[scenario], width=3 if scenario == "no deal" else 2),
            hovertemplate="Year %{x:.1f}: %{y:.0f}<extra>" + name + "</extra>",
        ))
    fig.add_hline(y=ar.TODAY, line=dict(color="rgba(128,128,128,0.7)", dash="dot"),
                  annotation_text="Today = 100", annotation_position="top right")
    fig.update_yaxes(range=list(RACE_RANGE))
    fig.update_layout(legend=dict(y=1.0))
    steps = [
        Step(label=f"{b:.1f}", data={"y": [np.round(paths[float(b)][k], 2).tolist() for k in keys]},
             layout={"title.text": _race_title(params[float(b)], d.deal_g, d.deal_h)})
        for b in values
    ]
    return add_static_slider(fig, steps, traces=range(len(keys)), active=active,
                             prefix="Russia–Belarus's reaction to Poland, b = ", name="core-deal-reaction")


# ---------------------------------------------------------------------------------------------
# Model B: the two-issue bargain
# ---------------------------------------------------------------------------------------------
def bargain_grid() -> np.ndarray:
    """Slider positions for Russia–Belarus's cost of a full withdrawal: 1, 2, ..., 14 points."""
    return np.arange(1.0, 14.0001, 1.0)


#: Plotting box for the utility chart (u_P min, max, u_R min, max), wide enough for every step.
UTILITY_BOX = (-12.0, 10.0, -16.0, 11.0)


def _closed(poly: np.ndarray) -> tuple[list, list]:
    if len(poly) == 0:
        return [None], [None]
    pts = np.vstack([poly, poly[:1]])
    return pts[:, 0].tolist(), pts[:, 1].tolist()


def bargain_traces(valuations: bg.Valuations, box: tuple[float, float, float, float] = UTILITY_BOX) -> dict[str, tuple[list, list]]:
    """The (x, y) data of every changing trace of the bargain chart, from the model.

    Keys: ``zopa deals``, ``nash deal`` (left panel: the deal square); ``utility set``,
    ``zopa utilities``, ``no deal region``, ``nash utilities`` (right panel).
    """
    sol = bg.nash_solution(valuations)
    nash_deal = ([sol.w], [sol.l]) if sol.exists else ([None], [None])
    nash_u = ([sol.u_p], [sol.u_r]) if sol.exists else ([None], [None])
    return {
        "zopa deals": _closed(bg.zopa_deals(valuations)),
        "nash deal": nash_deal,
        "utility set": _closed(bg.utility_set(valuations)),
        "zopa utilities": _closed(bg.zopa_utilities(valuations)),
        "no deal region": _closed(bg.no_deal_region(valuations, box)),
        "nash utilities": nash_u,
    }


BARGAIN_KEYS = ["zopa deals", "nash deal", "utility set", "zopa utilities", "no deal region", "nash utilities"]


def bargain_title(valuations: bg.Valuations) -> str:
    """A two-line title that states the model's answer for these valuations."""
    sol = bg.nash_solution(valuations)
    head = f"Is there a deal? Russia–Belarus's cost of withdrawing: {valuations.c_rw:g} points"
    if sol.exists:
        sub = f"Yes. Nash solution: withdraw {sol.w:.0%}, limit Poland at {sol.l:.0%}"
    else:
        sub = "No: no deal leaves both sides better off"
    return f"{head}<br><span style='font-size:13px'>{sub}</span>"


def bargain_base(height: int = 980) -> go.Figure:
    """The empty two-panel layout of the bargain chart (used by the static chart and the panel):
    the deal square above, utility space below."""
    fig = make_subplots(rows=2, cols=1, vertical_spacing=0.16,
                        subplot_titles=("Deals both sides accept (the ZOPA)", "What each deal is worth to each side"))
    style = dict(mode="lines", line=dict(width=1.5))
    fig.add_trace(go.Scatter(x=[None], y=[None], name="Zone of possible agreement", fill="toself",
                             fillcolor="rgba(0,158,115,0.35)", line=dict(color=PALETTE["green"]), mode="lines",
                             hoverinfo="skip", legendgroup="zopa"), row=1, col=1)
    fig.add_trace(go.Scatter(x=[None], y=[None], name="Nash bargaining solution", mode="markers",
                             marker=dict(symbol="star", size=18, color=PALETTE["purple"], line=dict(width=1, color="#333333")),
                             hovertemplate="Withdrawn: %{x:.0%}<br>Limits on Poland: %{y:.0%}<extra>Nash solution</extra>",
                             legendgroup="nash"), row=1, col=1)
    fig.add_trace(go.Scatter(x=[None], y=[None], name="All possible deals", fill="toself",
                             fillcolor="rgba(86,180,233,0.15)", line=dict(color=PALETTE["sky"], dash="dash"),
                             hoverinfo="skip", **{k: v for k, v in style.items() if k != "line"}), row=2, col=1)
    fig.add_trace(go.Scatter(x=[None], y=[None], name="Zone of possible agreement", fill="toself",
                             fillcolor="rgba(0,158,115,0.35)", line=dict(color=PALETTE["green"]), mode="lines",
                             hoverinfo="skip", legendgroup="zopa", showlegend=False), row=2, col=1)
    fig.add_trace(go.Scatter(x=[None], y=[None], name="Outside options with no possible deal", fill="toself",
                             fillcolor="rgba(213,94,0,0.12)", line=dict(color="rgba(213,94,0,0.5)", dash="dot"),
                             mode="lines", hoverinfo="skip"), row=2, col=1)
    fig.add_trace(go.Scatter(x=[None], y=[None], name="Nash bargaining solution", mode="markers",
                             marker=dict(symbol="star", size=18, color=PALETTE["purple"], line=dict(width=1, color="#333333")), legendgroup="nash",
                             showlegend=False,
                             hovertemplate="Poland: %{x:.1f}<br>Russia–Belarus: %{y:.1f}<extra>Nash solution</extra>"),
                  row=2, col=1)
    fig.add_trace(go.Scatter(x=[0.0], y=[0.0], name="No deal (outside options)", mode="markers",
                             marker=dict(symbol="x", size=12, color=PALETTE["vermillion"]),
                             hovertemplate="No deal: %{x:.1f}, %{y:.1f}<extra></extra>"), row=2, col=1)
    fig.add_shape(type="rect", x0=0, y0=0, x1=1, y1=1, line=dict(color="rgba(128,128,128,0.8)"), row=1, col=1)
    fig.update_xaxes(title_text="Share of Russian weapons withdrawn from Belarus", range=[-0.05, 1.05],
                     tickformat=".0%", row=1, col=1)
    fig.update_yaxes(title_text="Limits on Poland", range=[-0.05, 1.05], tickformat=".0%", row=1, col=1)
    fig.update_xaxes(title_text="Value to Poland and allies (points)", row=2, col=1)
    fig.update_yaxes(title_text="Value to Russia–Belarus", row=2, col=1)
    fig.update_layout(height=height, legend=dict(y=1.04))
    return fig


def bargain_figure(c_values: Sequence[float] | None = None,
                   default_c: float = bg.DEFAULTS.valuations.c_rw) -> go.Figure:
    """Model B: the zone of possible agreement and the Nash bargaining solution, in the deal square
    and in utility space, with a static slider for Russia–Belarus's cost of a full withdrawal."""
    values = bargain_grid() if c_values is None else np.asarray(c_values, dtype=float)
    matches = np.flatnonzero(np.isclose(values, default_c))
    if matches.size == 0:
        raise ValueError(f"default_c {default_c!r} is not one of the slider values")
    active = int(matches[0])
    base = bg.DEFAULTS.valuations
    vals = {float(c): bg.Valuations(**{**base.__dict__, "c_rw": float(c)}) for c in values}
    traces = {c: bargain_traces(v) for c, v in vals.items()}
    c0 = float(values[active])
    fig = bargain_base()
    fig.update_layout(title=dict(text=bargain_title(vals[c0])), margin=dict(t=170))
    for i, key in enumerate(BARGAIN_KEYS):
        fig.data[i].x, fig.data[i].y = traces[c0][key]
    fig.data[6].x, fig.data[6].y = [base.d_p], [base.d_r]
    fig.update_xaxes(range=list(UTILITY_BOX[:2]), row=2, col=1)
    fig.update_yaxes(range=list(UTILITY_BOX[2:]), row=2, col=1)
    add_source(fig, f"Illustrative assumptions: Poland values a full withdrawal at {base.v_pw:.0f} points, the tightest "
                    f"limits at −{base.c_pl:.0f}; Russia–Belarus values them at {base.v_rl:.0f}; outside options 0.")
    steps = [
        Step(label=f"{c:.0f}",
             data={"x": [traces[float(c)][k][0] for k in BARGAIN_KEYS],
                   "y": [traces[float(c)][k][1] for k in BARGAIN_KEYS]},
             layout={"title.text": bargain_title(vals[float(c)])})
        for c in values
    ]
    return add_static_slider(fig, steps, traces=range(len(BARGAIN_KEYS)), active=active,
                             prefix="Russia–Belarus's cost of a full withdrawal (points): ", name="core-deal-bargain")
