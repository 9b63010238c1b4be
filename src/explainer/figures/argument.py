"""Charts and the ledger table for the argument as a whole (the argument map and claim ledger pages).

Each chart is defined once (see :mod:`._chart`): :func:`argument_map` (the map, nothing to move),
:func:`your_estimate` (what a set of credences implies; a profile select on the page, a slider per
premise live) and :func:`verdict_counts` (the ledger's verdicts). The HTML helpers
(:func:`ledger_table_html`, :func:`node_table_html`, :func:`chapter_claims_html`) are page text,
not charts.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import argument as ar
from ..theme import PALETTE
from ._chart import Chart, Control
from .decision_rules import percent

ROLE_STYLE = {
    "premise": dict(color=PALETTE["blue"], symbol="circle"),
    "intermediate": dict(color=PALETTE["orange"], symbol="diamond"),
    "conclusion": dict(color=PALETTE["vermillion"], symbol="star"),
}
ROLE_NAMES = {
    "premise": "Premise (your credence)",
    "intermediate": "Intermediate conclusion",
    "conclusion": "Conclusion",
}
#: Bar patterns of the estimate chart, by role (colour is never the only cue).
ROLE_PATTERN = {"premise": "", "intermediate": "/", "conclusion": "x"}
MAP_SOURCE = (
    "The book's reading of the article's argument (claim ids refer to the claim ledger, "
    "data/claims.csv). Premises are assumed independent; AND: all parents must hold; "
    "OR: at least one."
)
ESTIMATE_SOURCE = (
    "Illustrative credences (no one's stated numbers): three labelled profiles here; "
    "live in JupyterLab or Binder, a credence for every premise. Exact under "
    "independent premises."
)


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width=width))


def pct(p: float) -> str:
    """A probability as the estimate chart writes it: :func:`~.decision_rules.percent` (never more
    precise than the model: "< 0.1%" below a thousandth), with an exact zero written "0%"."""
    return "0%" if p == 0.0 else percent(p)


# ---------------------------------------------------------------------------------------------
# Argument map
# ---------------------------------------------------------------------------------------------
def premise_order(nodes: Sequence[ar.Node] = ar.NODES) -> list[str]:
    """Premises in the order a depth-first walk from the conclusion meets them (parents in the
    order listed): neighbouring premises share a child, so a tree is drawn with no crossing."""
    by_key = {n.key: n for n in nodes}
    ar.validate_map(nodes)
    (final,) = [n.key for n in nodes if n.role == "conclusion"]
    seen: list[str] = []

    def walk(k: str) -> None:
        n = by_key[k]
        if n.role == "premise":
            if k not in seen:
                seen.append(k)
            return
        for p in n.parents:
            walk(p)

    walk(final)
    return seen


def map_positions(nodes: Sequence[ar.Node] = ar.NODES) -> dict[str, tuple[float, float]]:
    """Deterministic positions for the map: x is the node's layer (premises 0, the conclusion
    last), premises are spaced evenly from top (y = 1) to bottom (y = 0) in
    :func:`premise_order`, and every other node sits at the mean height of its parents."""
    depth = ar.depths(nodes)
    order = ar.validate_map(nodes)
    by_key = {n.key: n for n in nodes}
    premises = premise_order(nodes)
    n = len(premises)
    pos: dict[str, tuple[float, float]] = {}
    for i, k in enumerate(premises):
        pos[k] = (0.0, 1.0 - i / (n - 1) if n > 1 else 0.5)
    for k in order:
        if k in pos:
            continue
        ys = [pos[p][1] for p in by_key[k].parents]
        pos[k] = (float(depth[k]), float(np.mean(ys)))
    return pos


def node_hover(n: ar.Node) -> str:
    """Hover text of a node: its statement, how its parents combine, its claims and chapter."""
    lines = [f"<b>{html.escape(n.label)}</b>", _wrap(html.escape(n.statement), 60)]
    if n.parents:
        joiner = " AND " if n.gate == "AND" else " OR "
        lines.append("Holds if: " + _wrap(joiner.join(ar.node(p).label for p in n.parents), 60))
    lines.append(f"Ledger: {', '.join(n.claims)} · examined in: {n.chapter}")
    return "<br>".join(lines)


def _map_summary(nodes: Sequence[ar.Node]) -> str:
    by_key = {n.key: n for n in nodes}
    (final,) = [n for n in nodes if n.role == "conclusion"]
    n_prem = sum(n.role == "premise" for n in nodes)
    n_int = sum(n.role == "intermediate" for n in nodes)
    inputs = [f'"{by_key[p].label}"' for p in final.parents]
    listed = ", ".join(inputs[:-1]) + " and " + inputs[-1] if len(inputs) > 1 else inputs[0]
    need = f"all {len(inputs)} of its inputs" if final.gate == "AND" else f"one of its {len(inputs)} inputs"
    ors = [f'"{n.label}"' for n in nodes if n.parents and n.gate == "OR"]
    either = f" Only {', '.join(ors)} can be reached by either of two routes (OR)." if ors else ""
    return (
        f"{n_prem} premises (left) feed {n_int} intermediate conclusions; the conclusion, "
        f'"{final.label}" (right), needs {need}: {listed}.{either}'
    )


def argument_map(nodes: Sequence[ar.Node] = ar.NODES) -> Chart:
    """The argument map: premises (left) -> intermediate conclusions -> the conclusion (right).

    Parameters
    ----------
    nodes : sequence of Node
        The map (default: the article's, :data:`explainer.models.argument.NODES`).

    Raises
    ------
    ValueError
        If the map is invalid (see :func:`explainer.models.argument.validate_map`).
    """
    nodes = tuple(nodes)
    pos = map_positions(nodes)
    max_depth = max(p[0] for p in pos.values())

    def build() -> go.Figure:
        fig = go.Figure()
        ex, ey = [], []
        for n in nodes:
            for p in n.parents:
                (x0, y0), (x1, y1) = pos[p], pos[n.key]
                ex += [x0, x1, None]
                ey += [y0, y1, None]
        fig.add_trace(
            go.Scatter(
                x=ex,
                y=ey,
                mode="lines",
                line=dict(color="rgba(128,128,128,0.55)", width=1.5),
                hoverinfo="skip",
                showlegend=False,
                name="edges",
            )
        )
        for n in nodes:
            for p in n.parents:
                (x0, y0), (x1, y1) = pos[p], pos[n.key]
                # an arrowhead a little before the child node
                t = 0.92
                fig.add_annotation(
                    x=x0 + t * (x1 - x0),
                    y=y0 + t * (y1 - y0),
                    ax=x0 + 0.8 * (x1 - x0),
                    ay=y0 + 0.8 * (y1 - y0),
                    xref="x",
                    yref="y",
                    axref="x",
                    ayref="y",
                    showarrow=True,
                    arrowhead=2,
                    arrowsize=1.2,
                    arrowwidth=1.5,
                    arrowcolor="rgba(128,128,128,0.8)",
                    text="",
                )
        positions = {"premise": "middle left", "intermediate": "top center", "conclusion": "middle right"}
        for role in ("premise", "intermediate", "conclusion"):
            members = [n for n in nodes if n.role == role]
            # short lines, so that the labels of neighbouring columns never meet at 390 px
            labels = [
                _wrap(n.label + (f" [{n.gate}]" if n.parents else ""), 12 if role == "conclusion" else 15)
                for n in members
            ]
            fig.add_trace(
                go.Scatter(
                    x=[pos[n.key][0] for n in members],
                    y=[pos[n.key][1] for n in members],
                    mode="markers+text",
                    text=labels,
                    textposition=positions[role],
                    cliponaxis=False,
                    textfont=dict(size=11),
                    name=ROLE_NAMES[role],
                    marker=dict(
                        size=20 if role == "conclusion" else 14, line=dict(width=1, color="white"), **ROLE_STYLE[role]
                    ),
                    customdata=[n.key for n in members],
                    hovertext=[node_hover(n) for n in members],
                    hoverinfo="text",
                )
            )
        fig.update_xaxes(visible=False, range=[-1.75, max_depth + 1.6], fixedrange=True)
        fig.update_yaxes(visible=False, range=[-0.1, 1.1], fixedrange=True)
        fig.update_layout(height=640, margin=dict(l=10, r=10, t=70, b=10))
        return fig

    return Chart(
        name="argument-map",
        title="The article's argument as a map: premises (left) lead through intermediate conclusions "
        "to the conclusion (right)",
        source=MAP_SOURCE,
        build=build,
        summary=_map_summary(nodes),
    )


# ---------------------------------------------------------------------------------------------
# The reader's estimate
# ---------------------------------------------------------------------------------------------
#: The statements of the estimate's top panel, top to bottom: premises, intermediate conclusions,
#: the conclusion.
ESTIMATE_KEYS: tuple[str, ...] = (
    tuple(n.key for n in ar.NODES if n.role == "premise")
    + tuple(n.key for n in ar.NODES if n.role == "intermediate")
    + (ar.CONCLUSION,)
)


#: The profile select's labels, short enough for a phone (the profiles' full names are longer).
PROFILE_LABELS: dict[str, str] = {
    ar.PROFILES[0].name: "Hopeful (close to the article)",
    ar.PROFILES[1].name: "Even odds",
    ar.PROFILES[2].name: "Sceptical (close to the editor)",
}


def profile_short(p: ar.Profile) -> str:
    """A profile's name without its gloss ("Hopeful (close to ...)" -> "Hopeful")."""
    return p.name.split(" (")[0]


def effective_credences(
    profile: int, credences: Mapping[str, float], active: int = ar.DEFAULTS.profile
) -> tuple[dict[str, float], list[str]]:
    """The credences the estimate chart uses, and the premises the reader set.

    The rule that combines the profile select with the per-premise sliders: every slider opens on
    the credence of profile ``active``. A slider still at that opening value follows the chosen
    ``profile``; a slider moved away from it sets that premise, whatever the profile. So the result
    is a pure function of the values of every control, and on the static page (where only the
    profile moves) the chosen profile is shown exactly.

    Parameters
    ----------
    profile : int
        Index of the chosen profile in :data:`explainer.models.argument.PROFILES`.
    credences : mapping premise -> float
        Every premise slider's value.
    active : int
        The profile the sliders open on.

    Returns
    -------
    (dict, list)
        Premise -> credence in use; the premises whose slider the reader moved, in map order.

    Raises
    ------
    ValueError
        If a profile index is out of range or a premise is missing.
    """
    start = ar.profile(active).credences
    chosen = ar.profile(profile).credences
    missing = [k for k in ar.PREMISES if k not in credences]
    if missing:
        raise ValueError(f"credences is missing premise {missing[0]!r}")
    moved = [k for k in ar.PREMISES if not math.isclose(float(credences[k]), start[k], abs_tol=1e-9)]
    used = {k: float(credences[k]) if k in moved else float(chosen[k]) for k in ar.PREMISES}
    return used, moved


def tornado_axis(top: float) -> tuple[list[float], float, str]:
    """The tornado's x axis for a widest bar reaching ``top``: its range (room for the bar's label),
    tick step and tick format. Never finer than 0.1%, so no tick claims more precision than the
    model has; a picture below 0.1% shows its bars under the 0.1% tick."""
    span = max(float(top), 0.001) * 1.8
    step = 0.5
    for s in (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5):
        if span / s <= 5:
            step = s
            break
    return [0.0, span], step, (".1%" if step < 0.01 else ".0%")


def _quoted(labels: Sequence[str]) -> str:
    q = [f'"{x}"' for x in labels]
    return q[0] if len(q) == 1 else ", ".join(q[:-1]) + " and " + q[-1]


def _estimate_sentence(
    profile: int, used: Mapping[str, float], moved: Sequence[str], current: float, sw: Sequence[ar.Swing]
) -> str:
    lead = f"With the {profile_short(ar.profile(profile))} profile's credences"
    if len(moved) == 1:
        lead += f' and your own for "{ar.node(moved[0]).label}" ({used[moved[0]]:.2f})'
    elif moved:
        lead += f" and your own for {len(moved)} premises"
    top = [s for s in sw if math.isclose(s.width, sw[0].width, rel_tol=1e-9, abs_tol=1e-15)]
    ends = f"{pct(top[0].if_false)} if false, {pct(top[0].if_true)} if true"
    if sw[0].width == 0.0:
        moves = "No single premise moves it."
    elif len(top) == 1:
        moves = f'The premise that moves it most is "{ar.node(top[0].premise).label}" (the pact: {ends}).'
    elif len(top) == 2:
        moves = (
            f"The premises that move it most are {_quoted([ar.node(s.premise).label for s in top])} "
            f"(the pact, for each: {ends})."
        )
    else:
        moves = (
            f"{len(top)} premises tie for the widest swing (the pact, for each: {ends}), "
            f'among them "{ar.node(top[0].premise).label}".'
        )
    return f"{lead}, the implied probability of a pact is {pct(current)}. {moves}"


def _build_estimate() -> go.Figure:
    nodes = [ar.node(k) for k in ESTIMATE_KEYS][::-1]  # bottom to top, as plotly draws a y axis
    n_prem = len(ar.PREMISES)
    fig = make_subplots(rows=2, cols=1, row_heights=[0.58, 0.42], vertical_spacing=0.13)
    fig.add_trace(
        go.Bar(
            x=[0.0] * len(nodes),
            y=[_wrap(n.label, 20) for n in nodes],
            orientation="h",
            name="Probability",
            marker=dict(
                color=[ROLE_STYLE[n.role]["color"] for n in nodes],
                pattern=dict(shape=[ROLE_PATTERN[n.role] for n in nodes]),
            ),
            text=[""] * len(nodes),
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            textfont=dict(size=11),
            customdata=[n.label for n in nodes],
            hovertemplate="%{customdata}: %{text}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Bar(
            x=[0.0] * n_prem,
            y=list(range(n_prem)),
            base=[0.0] * n_prem,
            orientation="h",
            name="Swing",
            marker=dict(color=PALETTE["sky"]),
            text=[""] * n_prem,
            textfont=dict(size=11),
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="The pact: %{text}<extra></extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[0.0, 0.0],
            y=[-0.6, n_prem - 0.4],
            mode="lines",
            name="Your estimate",
            line=dict(color=PALETTE["vermillion"], dash="dash", width=2),
            showlegend=False,
            hovertemplate="Your estimate<extra></extra>",
        ),
        row=2,
        col=1,
    )
    fig.update_xaxes(range=[0, 1.15], tickformat=".0%", dtick=0.25, row=1, col=1, title_text="Probability")
    fig.update_xaxes(row=2, col=1, title_text="The pact (dashed line: yours)")
    fig.update_yaxes(tickvals=list(range(n_prem)), ticktext=[""] * n_prem, row=2, col=1, range=[-0.6, n_prem - 0.4])
    fig.update_yaxes(tickfont=dict(size=11), fixedrange=True)
    fig.update_xaxes(fixedrange=True)
    # short headings: they start where the plot does, right of the tick labels
    for y, text in (
        (1.0, "The map's statements"),
        (0.42 - 0.13 * 0.42, "Which premise moves the<br>pact most (false → true)"),
    ):
        fig.add_annotation(
            x=0,
            y=y,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="bottom",
            text=f"<b>{text}</b>",
            showarrow=False,
            align="left",
            font=dict(size=13),
        )
    fig.update_layout(height=1000, margin=dict(l=10, r=20, t=40, b=60), bargap=0.25)
    return fig


def your_estimate(active: int = ar.DEFAULTS.profile) -> Chart:
    """Your estimate: the probability of every statement on the map, and a tornado chart of how
    far each premise moves the conclusion.

    Controls: the illustrative profile (a select on the static page) and, live only, one credence
    slider per premise. The sliders open on profile ``active``; a slider left at its opening value
    follows the chosen profile, a moved one overrides it for its premise (the rule is
    :func:`effective_credences`).

    Parameters
    ----------
    active : int
        The profile the chart opens on (index into :data:`explainer.models.argument.PROFILES`).

    Raises
    ------
    ValueError
        If there is no such profile.
    """
    start = ar.profile(active).credences

    def update(fig: go.Figure, profile: int, **credences: float) -> str:
        used, moved = effective_credences(profile, credences, active)
        probs = ar.node_probabilities(used)
        sw = ar.swings(used)
        shown = [probs[k] for k in ESTIMATE_KEYS][::-1]
        fig.data[0].x = shown
        fig.data[0].text = [pct(p) for p in shown]
        rows = sw[::-1]  # the widest swing on top
        fig.data[1].x = [s.width for s in rows]
        fig.data[1].base = [s.if_false for s in rows]
        fig.data[1].text = [f"{pct(s.if_false)} → {pct(s.if_true)}" for s in rows]
        current = probs[ar.CONCLUSION]
        fig.data[2].x = [current, current]
        fig.layout.yaxis2.ticktext = [_wrap(ar.node(s.premise).label, 20) for s in rows]
        span, step, fmt = tornado_axis(max(s.if_true for s in sw))
        fig.layout.xaxis2.range = span
        fig.layout.xaxis2.dtick = step
        fig.layout.xaxis2.tickformat = fmt
        return _estimate_sentence(profile, used, moved, current, sw)

    controls = [
        Control(
            "profile",
            "Illustrative credence profile",
            int(active),
            grid=tuple(range(len(ar.PROFILES))),
            options={i: PROFILE_LABELS.get(p.name, p.name) for i, p in enumerate(ar.PROFILES)},
        )
    ]
    controls += [
        Control(k, f"{ar.node(k).label}: your credence", float(start[k]), live=(0.0, 1.0, 0.05), fmt="{:.2f}")
        for k in ar.PREMISES
    ]
    return Chart(
        name="argument-estimate",
        title="Your estimate: what a credence in each premise implies for a pact, and which premise matters most",
        source=ESTIMATE_SOURCE,
        build=_build_estimate,
        update=update,
        controls=controls,
    )


# ---------------------------------------------------------------------------------------------
# Claim ledger
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VerdictStyle:
    """How a verdict is shown: a mark (so colour is never the only cue) and its text colour on the
    light page and on the dark page, each at least 4.5:1 against that page's background and its
    surfaces (checked in ``tests/charts/test_argument_charts.py``)."""

    mark: str
    light: str
    dark: str


#: Verdicts in the order the ledger and its chart list them. Unknown verdicts (a value added to
#: data/claims.csv later) are shown after these with :data:`OTHER_VERDICT`.
VERDICT_STYLE: dict[str, VerdictStyle] = {
    "supported": VerdictStyle("✓", "#007C5B", "#00B181"),
    "partly supported": VerdictStyle("≈", "#916400", "#E69F00"),
    "misleading": VerdictStyle("!", "#766F09", "#F0E442"),
    "false": VerdictStyle("✗", "#B34F00", "#FE7000"),
    "unsupported": VerdictStyle("?", "#B24481", "#D083AD"),
    "opinion": VerdictStyle("◆", "#0072B2", "#00A2FC"),
    "prediction": VerdictStyle("→", "#1673A8", "#56B4E9"),
    "proposal": VerdictStyle("+", "#6C6C6C", "#9B9B9B"),
}
OTHER_VERDICT = VerdictStyle("•", "#6C6C6C", "#9B9B9B")
#: How the verdict chart's summary counts a verdict ("3 supported", "14 opinions").
_VERDICT_PLURAL = {"opinion": "opinions", "prediction": "predictions", "proposal": "proposals"}


def verdict_style(verdict: str) -> VerdictStyle:
    """The style of ``verdict``; a verdict the book does not know yet gets :data:`OTHER_VERDICT`."""
    return VERDICT_STYLE.get(verdict, OTHER_VERDICT)


def verdict_order(verdicts: Iterable[str]) -> list[str]:
    """The distinct ``verdicts`` in the book's order: known ones as in :data:`VERDICT_STYLE`, then
    any other in alphabetical order."""
    present = set(verdicts)
    return [v for v in VERDICT_STYLE if v in present] + sorted(present - set(VERDICT_STYLE))


SPEAKERS = {
    "editor": ("Blog editor's introduction", PALETTE["orange"], "/"),
    "author": ("Korybko's column", PALETTE["blue"], ""),
}


def verdict_counts(claims: pd.DataFrame) -> Chart:
    """Number of claims by verdict, split by who made them (editor or author).

    Parameters
    ----------
    claims : DataFrame
        The claim ledger (:func:`explainer.data.claims`), with columns ``verdict`` and ``speaker``.

    Raises
    ------
    ValueError
        If a column is missing.
    """
    required = {"verdict", "speaker"}
    missing = required - set(claims.columns)
    if missing:
        raise ValueError(f"claims is missing columns: {', '.join(sorted(missing))}")
    order = verdict_order(claims["verdict"])
    labels = [f"{verdict_style(v).mark} {v}" for v in order]
    totals = claims["verdict"].value_counts()
    by_speaker = {s: claims[claims["speaker"] == s]["verdict"].value_counts() for s in SPEAKERS}

    def build() -> go.Figure:
        fig = go.Figure()
        for speaker, (name, color, pattern) in SPEAKERS.items():
            counts = by_speaker[speaker]
            fig.add_trace(
                go.Bar(
                    y=labels,
                    x=[int(counts.get(v, 0)) for v in order],
                    orientation="h",
                    name=name,
                    marker=dict(color=color, pattern=dict(shape=pattern)),
                    hovertemplate="%{y}: %{x} claims<extra>" + name + "</extra>",
                )
            )
        # the totals beside the bars, on the page's own background (no text on a coloured bar)
        fig.add_trace(
            go.Scatter(
                y=labels,
                x=[int(totals[v]) for v in order],
                mode="text",
                text=[f" {int(totals[v])}" for v in order],
                textposition="middle right",
                showlegend=False,
                hoverinfo="skip",
                name="Total",
            )
        )
        top = int(totals.max()) if len(totals) else 1
        fig.update_layout(
            barmode="stack",
            height=120 + 42 * max(len(order), 1),
            margin=dict(l=10, r=20, t=60, b=50),
            legend=dict(traceorder="normal"),
        )
        fig.update_xaxes(title_text="Number of claims", range=[0, top * 1.12 + 1], fixedrange=True)
        fig.update_yaxes(autorange="reversed", fixedrange=True)
        return fig

    parts = [f"{int(totals[v])} {_VERDICT_PLURAL.get(v, v) if int(totals[v]) != 1 else v}" for v in order]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
    n_ed, n_au = (int((claims["speaker"] == s).sum()) for s in ("editor", "author"))
    summary = (
        f"Of the {len(claims)} claims ({n_ed} in the blog editor's introduction, {n_au} in Korybko's column): {listed}."
        if len(claims)
        else "The ledger has no claims."
    )
    return Chart(
        name="ledger-verdicts",
        title="What the article's claims turn out to be: claims in the claim ledger, by verdict and by who made them",
        source="Source: data/claims.csv (this book's claim ledger; one row per claim, with the sources read).",
        build=build,
        summary=summary,
    )


_FILTER_SCRIPT = """
(function(){
  var root = document.getElementById('claim-ledger');
  if (!root) return;
  var rows = Array.prototype.slice.call(root.querySelectorAll('tbody tr'));
  var sel = function(n){ return root.querySelector('[data-filter="' + n + '"]'); };
  var count = root.querySelector('.ledger-count');
  function apply(){
    var kind = sel('kind').value, verdict = sel('verdict').value, chapter = sel('chapter').value,
        speaker = sel('speaker').value, text = sel('text').value.toLowerCase(), shown = 0;
    rows.forEach(function(r){
      var ok = (!kind || r.dataset.kind === kind) && (!verdict || r.dataset.verdict === verdict) &&
               (!chapter || r.dataset.chapter === chapter) && (!speaker || r.dataset.speaker === speaker) &&
               (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
      r.hidden = !ok; if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' claims shown';
  }
  ['kind','verdict','chapter','speaker','text'].forEach(function(n){
    sel(n).addEventListener('input', apply); sel(n).addEventListener('change', apply);
  });
  root.querySelector('.ledger-reset').addEventListener('click', function(){
    ['kind','verdict','chapter','speaker','text'].forEach(function(n){ sel(n).value = ''; }); apply();
  });
  function reveal(){
    var id = decodeURIComponent(window.location.hash.slice(1));
    var row = id ? document.getElementById(id) : null;
    if (row && row.hidden) { root.querySelector('.ledger-reset').click(); row.scrollIntoView(); }
  }
  window.addEventListener('hashchange', reveal);
  apply(); reveal();
})();
"""

_STYLE = """
html[data-theme="dark"] .bd-content div.cell_output .text_html:has(#claim-ledger){background-color:transparent;
 color:inherit;padding:0}
#claim-ledger .ledger-controls{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.5rem 0 1rem}
#claim-ledger label{display:flex;flex-direction:column;font-size:.85rem;font-weight:600}
#claim-ledger select,#claim-ledger input,#claim-ledger button{font:inherit;font-size:.9rem;padding:.15rem .3rem;
 color:var(--pst-color-text-base,inherit);background:var(--pst-color-background,transparent);
 border:1px solid var(--pst-color-border,#999);border-radius:4px}
#claim-ledger table{font-size:.85rem;border-collapse:collapse;width:100%}
#claim-ledger th,#claim-ledger td{vertical-align:top;padding:.35rem .4rem;border-bottom:1px solid var(--pst-color-border,#ccc)}
#claim-ledger tr:target{outline:3px solid #E69F00;outline-offset:-3px}
#claim-ledger .verdict{font-weight:700;white-space:nowrap;color:var(--verdict-light)}
html[data-theme="dark"] #claim-ledger .verdict,body[data-jp-theme-light="false"] #claim-ledger .verdict{color:var(--verdict-dark)}
#claim-ledger .quote{font-style:italic}
#claim-ledger .ledger-count{font-size:.85rem}
#claim-ledger .ledger-scroll{overflow-x:auto}
#claim-ledger td.meta{white-space:nowrap;width:6.5em}
#claim-ledger td.quote{width:32%}
#claim-ledger .kind{font-variant:small-caps}
#claim-ledger .sources{font-size:.8rem}
"""


def _chapter_title(chapter: str, titles: Mapping[str, str]) -> str:
    return titles.get(chapter, chapter)


def ledger_table_html(claims: pd.DataFrame, chapter_titles: Mapping[str, str]) -> str:
    """The claim ledger as one HTML table with a small filter (kind, verdict, chapter, who, text)
    that runs in the browser with no kernel and no external script.

    Each row has the anchor ``claim-<id>`` (e.g. ``claim-C07``) that chapters link to, and links
    to the page that examines the claim (``<chapter>.html``, a sibling page in ``book/``).

    Parameters
    ----------
    claims : DataFrame
        As returned by :func:`explainer.data.claims`.
    chapter_titles : mapping docname -> title
        Short titles of the pages that claims link to. Every chapter in ``claims`` must be here.

    Raises
    ------
    ValueError
        If a column is missing or a chapter has no title.
    """
    required = {"claim_id", "speaker", "quote", "kind", "verdict", "explanation", "corrections", "urls", "chapter"}
    missing = required - set(claims.columns)
    if missing:
        raise ValueError(f"claims is missing columns: {', '.join(sorted(missing))}")
    unknown = sorted(set(claims["chapter"]) - set(chapter_titles))
    if unknown:
        raise ValueError(f"chapter_titles has no title for chapter {unknown[0]!r}")
    esc = html.escape

    def options(name: str, values: Sequence[str], labels: Mapping[str, str] | None = None) -> str:
        opts = "".join(f'<option value="{esc(v)}">{esc((labels or {}).get(v, v))}</option>' for v in values)
        return f'<select data-filter="{name}"><option value="">all</option>{opts}</select>'

    kinds = [k for k in ("fact", "opinion", "prediction", "proposal") if k in set(claims["kind"])]
    verdicts = verdict_order(claims["verdict"])
    chapters = list(dict.fromkeys(c for c in chapter_titles if c in set(claims["chapter"])))
    speakers = {"editor": "Blog editor", "author": "Korybko"}
    controls = (
        '<div class="ledger-controls">'
        f"<label>Kind {options('kind', kinds)}</label>"
        f"<label>Verdict {options('verdict', verdicts)}</label>"
        f"<label>Examined in {options('chapter', chapters, dict(chapter_titles))}</label>"
        f"<label>Who {options('speaker', list(speakers), speakers)}</label>"
        '<label>Words <input data-filter="text" type="search" placeholder="e.g. Poland"></label>'
        '<button type="button" class="ledger-reset">Show all</button>'
        '<span class="ledger-count" aria-live="polite"></span></div>'
    )
    body = []
    for _, r in claims.iterrows():
        style = verdict_style(r["verdict"])
        sources = " ".join(f'<a href="{esc(u)}" rel="noopener">[{i}]</a>' for i, u in enumerate(r["urls"], 1))
        corr = (
            ""
            if pd.isna(r["corrections"])
            else f' <span class="corrections">(correction {esc(r["corrections"])})</span>'
        )
        cid = esc(r["claim_id"])
        body.append(
            f'<tr id="claim-{cid}" data-kind="{esc(r["kind"])}" data-verdict="{esc(r["verdict"])}" '
            f'data-chapter="{esc(r["chapter"])}" data-speaker="{esc(r["speaker"])}">'
            f'<td class="meta"><a href="#claim-{cid}"><b>{cid}</b></a><br>{esc(speakers[r["speaker"]])}'
            f'<br><span class="kind">{esc(r["kind"])}</span></td>'
            f'<td class="quote">“{esc(r["quote"])}”</td>'
            f'<td><span class="verdict" style="--verdict-light:{style.light};--verdict-dark:{style.dark}">'
            f"{style.mark} {esc(r['verdict'])}</span>. "
            f'{esc(r["explanation"])}{corr}<br><span class="sources">Sources read: {sources or "none"}</span></td>'
            f'<td><a href="{esc(r["chapter"])}.html">{esc(_chapter_title(r["chapter"], chapter_titles))}</a></td>'
            "</tr>"
        )
    head = (
        "<thead><tr><th>Claim</th><th>As the text gives it</th><th>Verdict and what the sources show</th>"
        "<th>Examined in</th></tr></thead>"
    )
    return (
        f'<div id="claim-ledger"><style>{_STYLE}</style>{controls}'
        f'<div class="ledger-scroll"><table>{head}<tbody>{"".join(body)}</tbody></table></div>'
        f"<script>{_FILTER_SCRIPT}</script></div>"
    )


#: Short titles of the pages the ledger and the map link to (docname -> title).
CHAPTER_TITLES: dict[str, str] = {
    "intro": "Introduction",
    "01_decision_rules": "1. Decision rules",
    "02_us_drawdown": "2. The US drawdown",
    "03_poland": "3. Poland",
    "04_core_deal": "4. The core deal",
    "05_periphery": "5. The periphery",
    "argument_map": "The argument map",
}


def node_table_html(nodes=ar.NODES, chapter_titles: Mapping[str, str] = CHAPTER_TITLES) -> str:
    """Every node of the map as an HTML table row, with links to its ledger rows and its chapter
    (Plotly markers are not links, so this table sits under the map)."""
    esc = html.escape
    rows = []
    for n in nodes:
        claims = ", ".join(f'<a href="claim_ledger.html#claim-{esc(c)}">{esc(c)}</a>' for c in n.claims)
        how = "—" if not n.parents else f" {n.gate} ".join(esc(ar.node(p).label) for p in n.parents)
        chapter = chapter_titles.get(n.chapter, n.chapter)
        link = (
            f'<a href="#the-claims-this-page-examines">{esc(chapter)}</a>'
            if n.chapter == "argument_map"
            else f'<a href="{esc(n.chapter)}.html">{esc(chapter)}</a>'
        )
        rows.append(
            f"<tr><td><b>{esc(n.label)}</b><br>{esc(n.statement)}</td>"
            f"<td>{'premise: your credence' if not n.parents else how}</td>"
            f"<td>{claims}</td><td>{link}</td></tr>"
        )
    return (
        '<div class="argument-nodes"><style>.argument-nodes{overflow-x:auto}'
        ".argument-nodes table{font-size:.85rem}.argument-nodes th,.argument-nodes td{padding:.3rem}"
        ".argument-nodes td:first-child{width:48%}</style>"
        '<table class="table"><thead><tr><th>Statement</th>'
        "<th>Holds if</th><th>Ledger rows</th><th>Examined in</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )


def chapter_claims_html(claims: pd.DataFrame, chapter: str) -> str:
    """A box listing the ledger rows a chapter examines, each linked to its row in the ledger.

    Parameters
    ----------
    claims : DataFrame
        The claim ledger (:func:`explainer.data.claims`).
    chapter : str
        The chapter's page name, as in the ledger's ``chapter`` column (e.g. ``"01_decision_rules"``).

    Raises
    ------
    ValueError
        If no row of the ledger names ``chapter``.
    """
    rows = claims[claims["chapter"] == chapter]
    if rows.empty:
        raise ValueError(f"chapter {chapter!r} has no rows in the claim ledger")
    items = "".join(
        f'<li><a href="claim_ledger.html#claim-{html.escape(r.claim_id)}">{html.escape(r.claim_id)}</a> '
        f"<em>{html.escape(r.kind)}, {html.escape(r.verdict)}</em>: {html.escape(r.quote)}</li>"
        for r in rows.itertuples()
    )
    return (
        '<div class="admonition seealso explainer-ledger-rows"><p class="admonition-title">'
        "In the claim ledger</p><p>The article's claims examined in this chapter, with their verdicts "
        f'(each links to its row in the <a href="claim_ledger.html">claim ledger</a>):</p><ul>{items}</ul></div>'
    )
