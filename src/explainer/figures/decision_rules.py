"""Charts for chapter 1, NATO's decision rules."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..models import decision_rules as dr
from ..theme import DASHES, PALETTE
from ._common import ILLUSTRATIVE, Step, add_static_slider, new_figure

RULE_STYLE = {
    "unanimity": dict(color=PALETTE["vermillion"], dash=DASHES[0]),
    "majority": dict(color=PALETTE["blue"], dash=DASHES[1]),
    "double_majority": dict(color=PALETTE["green"], dash=DASHES[2]),
}
SHORT_LABELS = {
    "unanimity": "Consensus",
    "majority": "Simple majority",
    "double_majority": "EU-style double majority",
}


def accept_grid() -> np.ndarray:
    """Slider positions for the acceptance probability: 0.80, 0.81, ..., 1.00."""
    return np.round(np.arange(0.80, 1.0001, 0.01), 2)


def pass_probability_figure(
    accept_values: Sequence[float] | None = None,
    default_accept: float = dr.DEFAULTS.accept,
    members: Sequence[int] = tuple(range(1, 41)),
    marked_members: int = dr.DEFAULTS.members,
) -> go.Figure:
    """Pass probability against alliance size for the three rules, with a static slider.

    The slider sets every member's probability of accepting; each position's three curves are
    precomputed with :func:`explainer.models.decision_rules.pass_curve` (members independent and
    equal in size).
    """
    values = accept_grid() if accept_values is None else np.asarray(accept_values, dtype=float)
    matches = np.flatnonzero(np.isclose(values, default_accept))
    if matches.size == 0:
        raise ValueError(f"default_accept {default_accept!r} is not one of the slider values")
    active = int(matches[0])
    sizes = np.asarray(members, dtype=int)
    curves = {v: {r: dr.pass_curve(float(v), sizes, r) for r in dr.RULES} for v in values}

    def title(v: float) -> str:
        return ("Chance that a proposal passes, by number of members<br><span style='font-size:13px'>"
                f"Each member accepts with probability {v:.2f}, independently</span>")

    fig = new_figure(
        title=title(values[active]),
        x_title="Number of members",
        y_title="Probability the proposal passes",
        source=ILLUSTRATIVE + " Members decide independently and are equal in size.",
        height=600,
    )
    for rule in dr.RULES:
        fig.add_trace(
            go.Scatter(
                x=sizes, y=curves[values[active]][rule], name=SHORT_LABELS[rule],
                mode="lines+markers", marker=dict(size=5), line=RULE_STYLE[rule],
                hovertemplate="%{x} members: %{y:.1%}<extra>" + SHORT_LABELS[rule] + "</extra>",
            )
        )
    fig.add_vline(x=marked_members, line=dict(color="rgba(128,128,128,0.7)", dash="dot"),
                  annotation_text=f"NATO today: {marked_members}", annotation_position="bottom left")
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    steps = [
        Step(
            label=f"{v:.2f}",
            data={"y": [curves[v][r] for r in dr.RULES]},
            layout={"title.text": title(v)},
        )
        for v in values
    ]
    return add_static_slider(
        fig, steps, traces=range(len(dr.RULES)), active=active,
        prefix="Each member accepts with probability: ", name="decision-rules-accept",
    )


def ratification_timeline_figure(ratifications: pd.DataFrame, label_slowest: int = 2) -> go.Figure:
    """Cumulative parliamentary approvals of Finland's and Sweden's accession, by day.

    Parameters
    ----------
    ratifications : DataFrame
        As returned by :func:`explainer.data.accession_ratifications` (columns ``candidate``,
        ``member``, ``days``).
    label_slowest : int
        How many of the slowest members to label for each candidate.
    """
    required = {"candidate", "member", "days"}
    missing = required - set(ratifications.columns)
    if missing:
        raise ValueError(f"ratifications is missing columns: {', '.join(sorted(missing))}")
    fig = new_figure(
        title="Allies' approvals of Finland's and Sweden's accession",
        subtitle="Counted from the signature of the accession protocols on 5 July 2022",
        x_title="Days since the accession protocols were signed (5 July 2022)",
        y_title="Allies whose parliament had approved",
        source="Source: data/accession_ratifications.csv (NATO Parliamentary Assembly timeline and news reports; one URL per row).",
        height=560,
    )
    styles = {"Finland": dict(color=PALETTE["blue"], dash="solid"),
              "Sweden": dict(color=PALETTE["vermillion"], dash="dash")}
    for candidate, group in ratifications.groupby("candidate", sort=True):
        dated = group.dropna(subset=["days"])
        x, y = dr.cumulative_approvals(dated["days"].to_numpy())
        order = np.argsort(dated["days"].to_numpy(), kind="stable")
        names = dated["member"].to_numpy()[order]
        fig.add_trace(
            go.Scatter(
                x=np.concatenate([[0.0], x]), y=np.concatenate([[0], y]),
                mode="lines+markers", line_shape="hv", name=f"{candidate} ({len(group)} allies to approve)",
                line=styles.get(candidate, {}), marker=dict(size=5),
                customdata=np.concatenate([["(signature)"], names]),
                hovertemplate="Day %{x}: %{y} approvals (%{customdata})<extra>" + candidate + "</extra>",
            )
        )
        slow = dated.nlargest(label_slowest, "days")
        for k, (_, row) in enumerate(slow.iterrows()):
            rank = int(np.searchsorted(x, row["days"], side="right"))
            fig.add_annotation(
                x=row["days"], y=rank, text=f"{candidate}: {row['member']}, day {int(row['days'])}",
                showarrow=True, arrowhead=2, ax=-40, ay=30 + 28 * k,
                font=dict(size=12, color=styles.get(candidate, {}).get("color")),
            )
    fig.update_yaxes(rangemode="tozero")
    return fig


def ratification_cdf_figure(
    mean_days: float,
    members: int = dr.DEFAULTS.ratifying_members,
    holdouts: int = dr.DEFAULTS.holdouts,
    delays: Sequence[float] = tuple(range(0, 721, 60)),
    default_delay: float = dr.DEFAULTS.holdout_delay,
) -> go.Figure:
    """Model B: chance that every member has ratified by each day, with a static slider for the
    holdouts' delay."""
    delays = np.asarray(delays, dtype=float)
    matches = np.flatnonzero(np.isclose(delays, default_delay))
    if matches.size == 0:
        raise ValueError(f"default_delay {default_delay!r} is not one of the slider values")
    active = int(matches[0])
    days = np.arange(0, 901, 5, dtype=float)

    def curves(delay: float) -> tuple[np.ndarray, np.ndarray]:
        everyone = dr.full_ratification_cdf(days, members, mean_days, holdouts, delay)
        no_holdout = dr.full_ratification_cdf(days, members, mean_days, 0, 0.0)
        return everyone, no_holdout

    def title(delay: float) -> str:
        med = dr.ratification_quantile(0.5, members, mean_days, holdouts, delay)
        return (f"When will all {members} members have ratified?<br><span style='font-size:13px'>"
                f"{holdouts} holdouts wait {delay:.0f} extra days: median {med:.0f} days</span>")

    fig = new_figure(
        title=title(delays[active]),
        x_title="Days since the accession protocol was signed",
        y_title="Probability every member has ratified",
        source=(f"Model: each member's time is exponential with mean {mean_days:.0f} days (fitted to the "
                "allies that were not holdouts in 2022); holdout count and delay are illustrative assumptions."),
        height=600,
    )
    everyone, no_holdout = curves(delays[active])
    fig.add_trace(go.Scatter(x=days, y=everyone, name=f"With {holdouts} holdouts",
                             line=dict(color=PALETTE["vermillion"]),
                             hovertemplate="Day %{x}: %{y:.0%}<extra></extra>"))
    fig.add_trace(go.Scatter(x=days, y=no_holdout, name="No holdouts",
                             line=dict(color=PALETTE["blue"], dash="dash"),
                             hovertemplate="Day %{x}: %{y:.0%}<extra></extra>"))
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    steps = [
        Step(label=f"{d:.0f} days", data={"y": [curves(d)[0]]}, layout={"title.text": title(d)})
        for d in delays
    ]
    return add_static_slider(fig, steps, traces=[0], active=active,
                             prefix="Holdouts' extra delay: ", name="decision-rules-delay")
