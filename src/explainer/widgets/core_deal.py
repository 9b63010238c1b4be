"""Live panels for chapter 4: every assumption of the arms-race model and of the bargain."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..figures.core_deal import (BARGAIN_KEYS, SCENARIO_DASH, SIDE_NAMES, SIDE_STYLE, bargain_base,
                                 bargain_title, bargain_traces, stability_sentence)
from ..models import arms_race as ar
from ..models import bargaining as bg
from ._panel import LivePanel, slider

TIMES = np.linspace(0.0, 30.0, 121)
RACE_KEYS = ["x no deal", "y no deal", "x deal", "y deal", "x caps", "y caps"]


def _race_figure() -> go.Figure:
    fig = go.Figure()
    for key in RACE_KEYS:
        side, scenario = key.split(" ", 1)
        label = {"no deal": "no deal", "deal": "deal: lower grievances", "caps": "no deal but caps kept"}[scenario]
        fig.add_trace(go.Scatter(x=TIMES, y=np.zeros(TIMES.size), mode="lines", name=f"{SIDE_NAMES[side]}, {label}",
                                 line=dict(**SIDE_STYLE[side], dash=SCENARIO_DASH[scenario])))
    fig.add_hline(y=ar.TODAY, line=dict(color="rgba(128,128,128,0.7)", dash="dot"))
    fig.update_xaxes(title_text="Years from today")
    fig.update_yaxes(title_text="Military effort (index, today = 100)", range=[0, 400])
    fig.update_layout(height=560, margin=dict(t=150, b=70), title=dict(text="", font=dict(size=15)))
    return fig


def update_race(fig: go.Figure, a: float, b: float, m: float, n: float, g: float, h: float,
                deal_g: float, deal_h: float, cap: float) -> None:
    """Recompute the three scenarios for the sliders' values and write them into ``fig``."""
    params = ar.Params(a=a, b=b, m=m, n=n, g=g, h=h)
    base = ar.trajectory(TIMES, params)
    after = ar.trajectory(TIMES, ar.deal(params, deal_g, deal_h))
    capped = ar.capped_trajectory(TIMES, params, cap, cap, dt=0.25)
    for i, arr in enumerate((base, after, capped)):
        fig.data[2 * i].y = arr[:, 0]
        fig.data[2 * i + 1].y = arr[:, 1]
    fig.layout.title.text = stability_sentence(params, deal_g, deal_h, cap)


def race_panel() -> LivePanel:
    """The Model A live panel: every coefficient of Richardson's model, the deal's grievances and
    a cap on both sides."""
    d = ar.DEFAULTS
    p = d.status_quo
    controls = {
        "a": slider("a: Poland's reaction to Russia–Belarus (per year)", p.a, 0.0, 1.5, 0.05),
        "b": slider("b: Russia–Belarus's reaction to Poland (per year)", p.b, 0.0, 1.5, 0.05),
        "m": slider("m: Poland's fatigue (per year)", p.m, 0.05, 1.5, 0.05),
        "n": slider("n: Russia–Belarus's fatigue (per year)", p.n, 0.05, 1.5, 0.05),
        "g": slider("g: Poland's grievance, no deal (points per year)", p.g, -20.0, 100.0, 5.0, ".0f"),
        "h": slider("h: Russia–Belarus's grievance, no deal (points per year)", p.h, -20.0, 100.0, 5.0, ".0f"),
        "deal_g": slider("Poland's grievance after the deal", d.deal_g, -20.0, 100.0, 5.0, ".0f"),
        "deal_h": slider("Russia–Belarus's grievance after the deal", d.deal_h, -20.0, 100.0, 5.0, ".0f"),
        "cap": slider("Cap on both sides' level (index)", d.cap, 100.0, 300.0, 5.0, ".0f"),
    }
    return LivePanel("Model A, Richardson's arms race: every assumption", _race_figure, controls, update_race)


def _box(v: bg.Valuations) -> tuple[float, float, float, float]:
    pts = np.vstack([bg.utility_set(v), [[v.d_p, v.d_r]]])
    lo, hi = pts.min(axis=0) - 2.0, pts.max(axis=0) + 2.0
    return (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))


def update_bargain(fig: go.Figure, v_pw: float, c_pl: float, c_rw: float, v_rl: float,
                   d_p: float, d_r: float) -> None:
    """Recompute the ZOPA and the Nash solution for the sliders' values and write them into ``fig``."""
    vals = bg.Valuations(v_pw=v_pw, c_pl=c_pl, c_rw=c_rw, v_rl=v_rl, d_p=d_p, d_r=d_r)
    box = _box(vals)
    traces = bargain_traces(vals, box)
    for i, key in enumerate(BARGAIN_KEYS):
        fig.data[i].x, fig.data[i].y = traces[key]
    fig.data[6].x, fig.data[6].y = [d_p], [d_r]
    fig.layout.xaxis2.range = box[:2]
    fig.layout.yaxis2.range = box[2:]
    fig.layout.title.text = bargain_title(vals)


def _bargain_figure() -> go.Figure:
    fig = go.Figure(bargain_base(height=900))
    fig.update_layout(margin=dict(t=150, b=70), title=dict(text="", font=dict(size=15)))
    return fig


def bargain_panel() -> LivePanel:
    """The Model B live panel: both sides' valuations of both concessions and their outside options."""
    v = bg.DEFAULTS.valuations
    controls = {
        "v_pw": slider("Poland's gain from a full withdrawal (points)", v.v_pw, 0.0, 15.0, 0.5, ".1f"),
        "c_pl": slider("Poland's cost of the tightest limits (points)", v.c_pl, 0.0, 15.0, 0.5, ".1f"),
        "c_rw": slider("Russia–Belarus's cost of a full withdrawal (points)", v.c_rw, 0.0, 15.0, 0.5, ".1f"),
        "v_rl": slider("Russia–Belarus's gain from the tightest limits (points)", v.v_rl, 0.0, 15.0, 0.5, ".1f"),
        "d_p": slider("Poland's outside option (0 = status quo)", v.d_p, -5.0, 5.0, 0.5, ".1f"),
        "d_r": slider("Russia–Belarus's outside option (0 = status quo)", v.d_r, -5.0, 5.0, 0.5, ".1f"),
    }
    return LivePanel("Model B, the two-issue bargain: every assumption", _bargain_figure, controls,
                     update_bargain)


__all__ = ["race_panel", "bargain_panel", "update_race", "update_bargain"]
