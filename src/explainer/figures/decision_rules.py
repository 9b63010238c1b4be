"""Charts for chapter 1, NATO's decision rules: each defined once (see :mod:`._chart`)."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..models import decision_rules as dr
from ..theme import DASHES, PALETTE
from ._chart import Chart, Control

RULE_STYLE = {
    "unanimity": dict(color=PALETTE["vermillion"], dash=DASHES[0], width=3),
    "majority": dict(color=PALETTE["blue"], dash=DASHES[1], width=2),
    "double_majority": dict(color=PALETTE["green"], dash=DASHES[2], width=4),
}
SHORT_LABELS = {
    "unanimity": "Consensus",
    "majority": "Simple majority",
    "double_majority": "EU-style double majority",
}
ILLUSTRATIVE = "Illustrative assumptions that you can move; members decide alone or through one common shock."

#: Alliance sizes on the x-axis of the pass-probability chart.
SIZES = np.arange(1, 61)
#: Days on the x-axis of the ratification chart.
DAYS = np.arange(0.0, 1201.0, 5.0)


def percent(p: float) -> str:
    """A probability as a reader would say it, never more precise than the model: "< 0.1%" below
    a thousandth, "> 99.9%" above 0.999, else one decimal."""
    if p < 0.001 and p != 0.0:
        return "< 0.1%"
    if p > 0.999 and p != 1.0:
        return "> 99.9%"
    return f"{p:.1%}"


@functools.lru_cache(maxsize=4)
def _pass_curves(accept: float, correlation: float) -> tuple[np.ndarray, ...]:
    """The three pass curves over ``SIZES``, one per rule (read-only). They depend on these two
    controls only, so moving the number of members reuses them."""
    curves = tuple(dr.pass_curve(accept, SIZES, rule, correlation) for rule in dr.RULES)
    for curve in curves:
        curve.setflags(write=False)
    return curves


def _build_pass() -> go.Figure:
    fig = go.Figure()
    for rule in dr.RULES:
        fig.add_trace(
            go.Scatter(
                x=SIZES,
                y=np.zeros(SIZES.size),
                name=SHORT_LABELS[rule],
                mode="lines",
                line=RULE_STYLE[rule],
                hovertemplate="%{x} members: %{y:.1%}<extra>" + SHORT_LABELS[rule] + "</extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[dr.DEFAULTS.members] * 2,
            y=[0, 1.02],
            mode="lines+text",
            line=dict(color="rgba(128,128,128,0.8)", dash="dot", width=1.5),
            text=["", "chosen size"],
            textposition="top left",
            showlegend=False,
            name="Chosen number of members",
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(title_text="Number of members", range=[0, 61])
    fig.update_yaxes(title_text="Probability the proposal passes", range=[0, 1.08], tickformat=".0%")
    fig.update_layout(height=460, margin=dict(t=60, b=60))
    return fig


def _update_pass(fig: go.Figure, accept: float, correlation: float, members: int) -> str:
    curves = _pass_curves(float(accept), float(correlation))
    for i, curve in enumerate(curves):
        fig.data[i].y = curve
    fig.data[3].x = [members, members]
    at = {rule: float(curves[k][members - 1]) for k, rule in enumerate(dr.RULES)}
    shock = "independently" if correlation == 0 else f"with correlation {correlation:.2f} (a common shock)"
    return (
        f"With {members} members, each accepting with probability {accept:.2f} {shock}, a proposal "
        f"passes by consensus with probability {percent(at['unanimity'])}, by simple majority with "
        f"{percent(at['majority'])}, and by an EU-style double majority with {percent(at['double_majority'])}."
    )


def pass_probability() -> Chart:
    """Chance that a proposal passes, against the number of members, under the three rules."""
    d = dr.DEFAULTS
    return Chart(
        name="decision-rules-pass",
        title="Chance that a proposal passes, by number of members, under three decision rules",
        source=ILLUSTRATIVE + " Members are equal in size.",
        build=_build_pass,
        update=_update_pass,
        controls=(
            Control(
                "accept",
                "Each member accepts with probability",
                d.accept,
                grid=tuple(float(v) for v in np.round(np.arange(0.80, 1.0001, 0.01), 2)),
                live=(0.5, 1.0, 0.005),
                fmt="{:.2f}",
            ),
            Control(
                "correlation",
                "Correlation between members (common shock)",
                d.correlation,
                grid=(0.0, 0.25, 0.5, 0.75, 0.9),
                live=(0.0, 0.95, 0.05),
                fmt="{:.2f}",
            ),
            Control("members", "Number of members", d.members, live=(2, 60, 1), fmt="{:d}"),
        ),
    )


def ratification_timeline(ratifications: pd.DataFrame) -> Chart:
    """Cumulative parliamentary approvals of Finland's and Sweden's accession, by day.

    Parameters
    ----------
    ratifications : DataFrame
        As returned by :func:`explainer.data.accession_ratifications` (columns ``candidate``,
        ``member``, ``days``).
    """
    required = {"candidate", "member", "days"}
    missing = required - set(ratifications.columns)
    if missing:
        raise ValueError(f"ratifications is missing columns: {', '.join(sorted(missing))}")
    styles = {
        "Finland": dict(color=PALETTE["blue"], dash="solid", width=3),
        "Sweden": dict(color=PALETTE["vermillion"], dash="dash", width=2),
    }
    symbols = {"Finland": "circle", "Sweden": "diamond"}

    def build() -> go.Figure:
        fig = go.Figure()
        for candidate, group in ratifications.groupby("candidate", sort=True):
            dated = group.dropna(subset=["days"])
            x, y = dr.cumulative_approvals(dated["days"].to_numpy())
            order = np.argsort(dated["days"].to_numpy(), kind="stable")
            names = dated["member"].to_numpy()[order]
            fig.add_trace(
                go.Scatter(
                    x=np.concatenate([[0.0], x]),
                    y=np.concatenate([[0], y]),
                    mode="lines+markers",
                    line_shape="hv",
                    name=f"{candidate} ({len(group)} allies to approve)",
                    line=styles.get(candidate, {}),
                    marker=dict(size=6, symbol=symbols.get(candidate, "circle")),
                    customdata=np.concatenate([["(signature)"], names]),
                    hovertemplate="Day %{x}: %{y} approvals (%{customdata})<extra>" + candidate + "</extra>",
                )
            )
            last = dated.nlargest(1, "days").iloc[0]
            member = "Türkiye" if last["member"] == "Turkey" else last["member"]
            right = last["days"] < 0.6 * ratifications["days"].max()
            fig.add_annotation(
                x=last["days"],
                y=int(np.searchsorted(x, last["days"], side="right")),
                text=f"{member}, day {int(last['days'])}",
                showarrow=False,
                xanchor="left" if right else "right",
                yanchor="top" if right else "bottom",
                xshift=6 if right else -6,
                font=dict(size=12, color=styles.get(candidate, {}).get("color")),
            )
        fig.update_xaxes(title_text="Days since 5 July 2022 (protocols signed)")
        fig.update_yaxes(title_text="Allies that had approved", rangemode="tozero")
        fig.update_layout(height=480, margin=dict(t=60, b=60))
        return fig

    last = {c: g.dropna(subset=["days"]).nlargest(1, "days").iloc[0] for c, g in ratifications.groupby("candidate")}
    parts = [
        f"{c}'s last approval came on day {int(r['days'])} ({'Türkiye' if r['member'] == 'Turkey' else r['member']})"
        for c, r in sorted(last.items())
    ]
    return Chart(
        name="decision-rules-timeline",
        title="Allies' parliamentary approvals of Finland's and Sweden's accession, counted from 5 July 2022",
        source=(
            "Source: the book's table of accession ratifications (NATO Parliamentary Assembly timeline and news "
            "reports; one URL per row), listed on the data page."
        ),
        build=build,
        summary="Most allies approved within weeks; " + "; ".join(parts) + ".",
    )


def _build_cdf() -> go.Figure:
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=DAYS,
            y=np.zeros(DAYS.size),
            name="With the holdouts",
            line=dict(color=PALETTE["vermillion"], dash="solid", width=3),
            hovertemplate="Day %{x}: %{y:.0%}<extra>with holdouts</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=DAYS,
            y=np.zeros(DAYS.size),
            name="No holdouts",
            line=dict(color=PALETTE["blue"], dash="dash", width=2),
            hovertemplate="Day %{x}: %{y:.0%}<extra>no holdouts</extra>",
        )
    )
    fig.update_xaxes(title_text="Days since the accession protocol was signed", range=[0, 1200])
    fig.update_yaxes(title_text="Probability every member has ratified", range=[0, 1.02], tickformat=".0%")
    fig.update_layout(height=440, margin=dict(t=60, b=60))
    return fig


def _update_cdf(fig: go.Figure, holdouts: int, holdout_delay: float, mean_days: float, members: int) -> str:
    holdouts = min(holdouts, members)
    fig.data[0].y = dr.full_ratification_cdf(DAYS, members, mean_days, holdouts, holdout_delay)
    fig.data[1].y = dr.full_ratification_cdf(DAYS, members, mean_days, 0, 0.0)
    med = dr.ratification_quantile(0.5, members, mean_days, holdouts, holdout_delay)
    base = dr.ratification_quantile(0.5, members, mean_days, 0, 0.0)
    who = (
        "no holdouts"
        if holdouts == 0
        else (f"{holdouts} holdout{'s' if holdouts != 1 else ''} waiting {holdout_delay:.0f} extra days")
    )
    return (
        f"With {members} members taking {mean_days:.0f} days on average and {who}, the median wait "
        f"for the last ratification is {med:.0f} days ({base:.0f} days with no holdouts)."
    )


def ratification_cdf(mean_days: float) -> Chart:
    """Model B: chance that every member has ratified by each day, with holdouts.

    Parameters
    ----------
    mean_days : float
        Mean ratification time of an ordinary member, in days (the chapter fits it to 2022).
    """
    d = dr.DEFAULTS
    mean = float(round(mean_days))
    return Chart(
        name="decision-rules-ratification",
        title=f"When will all {d.ratifying_members} members have ratified? The model with and without holdouts",
        source=(
            f"Model: each member's time is exponential with mean {mean_days:.0f} days (fitted to the allies "
            "that were not holdouts in 2022); the number of holdouts and their delay are illustrative assumptions."
        ),
        build=_build_cdf,
        update=_update_cdf,
        controls=(
            Control("holdouts", "Holdouts", d.holdouts, grid=tuple(range(0, 6)), live=(0, 5, 1), fmt="{:d}"),
            Control(
                "holdout_delay",
                "Holdouts' extra delay (days)",
                d.holdout_delay,
                grid=tuple(float(v) for v in range(0, 721, 60)),
                live=(0.0, 720.0, 10.0),
                fmt="{:.0f} days",
            ),
            Control(
                "mean_days",
                "Mean days for an ordinary member to ratify",
                mean,
                live=(5.0, 150.0, 1.0),
                fmt="{:.0f} days",
            ),
            Control("members", "Members that must ratify", d.ratifying_members, live=(2, 60, 1), fmt="{:d}"),
        ),
    )
