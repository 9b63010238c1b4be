"""Charts and the ledger table for the argument as a whole (claim ledger and argument map pages)."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import argument as ar
from ..theme import PALETTE, SOURCE_MARGIN
from ._common import Step, add_source, add_static_slider, new_figure

ROLE_STYLE = {
    "premise": dict(color=PALETTE["blue"], symbol="circle"),
    "intermediate": dict(color=PALETTE["orange"], symbol="diamond"),
    "conclusion": dict(color=PALETTE["vermillion"], symbol="star"),
}
ROLE_NAMES = {"premise": "Premise (your credence)", "intermediate": "Intermediate conclusion",
              "conclusion": "Conclusion"}
PROFILE_SHORT = ("Hopeful", "Even odds", "Sceptical")
MAP_SOURCE = ("The book's reading of the article's argument (claim ids refer to the claim ledger, "
              "data/claims.csv). Premises are assumed independent; AND: all parents must hold; "
              "OR: at least one.")
ESTIMATE_SOURCE = ("Illustrative credences (no one's stated numbers): switch profile with the slider, "
                   "or set every premise in the live panel. Exact under independent premises.")


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


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width=width))


def node_hover(n: ar.Node) -> str:
    """Hover text of a node: its statement, how its parents combine, its claims and chapter."""
    lines = [f"<b>{html.escape(n.label)}</b>", _wrap(html.escape(n.statement), 60)]
    if n.parents:
        joiner = " AND " if n.gate == "AND" else " OR "
        lines.append("Holds if: " + _wrap(joiner.join(ar.node(p).label for p in n.parents), 60))
    lines.append(f"Ledger: {', '.join(n.claims)} · examined in: {n.chapter}")
    return "<br>".join(lines)


def map_figure(nodes: Sequence[ar.Node] = ar.NODES) -> go.Figure:
    """The argument map: premises (left) -> intermediate conclusions -> the conclusion (right)."""
    pos = map_positions(nodes)
    fig = new_figure(
        title="The article's argument as a map",
        subtitle="Premises (left) lead through intermediate conclusions to the conclusion (right)",
        x_title="", y_title="", source=MAP_SOURCE, height=620,
    )
    ex, ey = [], []
    for n in nodes:
        for p in n.parents:
            (x0, y0), (x1, y1) = pos[p], pos[n.key]
            ex += [x0, x1, None]
            ey += [y0, y1, None]
    fig.add_trace(go.Scatter(x=ex, y=ey, mode="lines", line=dict(color="rgba(128,128,128,0.55)", width=1.5),
                             hoverinfo="skip", showlegend=False, name="edges"))
    for n in nodes:
        for p in n.parents:
            (x0, y0), (x1, y1) = pos[p], pos[n.key]
            # an arrowhead a little before the child node
            t = 0.92
            fig.add_annotation(x=x0 + t * (x1 - x0), y=y0 + t * (y1 - y0), ax=x0 + 0.8 * (x1 - x0),
                               ay=y0 + 0.8 * (y1 - y0), xref="x", yref="y", axref="x", ayref="y",
                               showarrow=True, arrowhead=2, arrowsize=1.2, arrowwidth=1.5,
                               arrowcolor="rgba(128,128,128,0.8)", text="")
    positions = {"premise": "middle left", "intermediate": "top center", "conclusion": "bottom center"}
    for role in ("premise", "intermediate", "conclusion"):
        members = [n for n in nodes if n.role == role]
        labels = []
        for n in members:
            gate = f" [{n.gate}]" if n.parents else ""
            width = 28 if role == "premise" else 22
            labels.append(_wrap(n.label + gate, width))
        fig.add_trace(go.Scatter(
            x=[pos[n.key][0] for n in members], y=[pos[n.key][1] for n in members],
            mode="markers+text", text=labels, textposition=positions[role],
            textfont=dict(size=12), name=ROLE_NAMES[role],
            marker=dict(size=22 if role == "conclusion" else 16, line=dict(width=1, color="white"),
                        **ROLE_STYLE[role]),
            customdata=[n.key for n in members],
            hovertext=[node_hover(n) for n in members], hoverinfo="text",
        ))
    max_depth = max(p[0] for p in pos.values())
    fig.update_xaxes(visible=False, range=[-1.4, max_depth + 0.6])
    fig.update_yaxes(visible=False, range=[-0.05, 1.06])
    fig.update_layout(legend=dict(y=1.02), margin=dict(l=20, r=20))
    return fig


# ---------------------------------------------------------------------------------------------
# The reader's estimate
# ---------------------------------------------------------------------------------------------
def fmt_prob(p: float) -> str:
    """A probability as a percentage a reader can compare: one decimal from 1%, then three
    significant digits, so that small probabilities never show as "0.0%"."""
    if p == 0.0:
        return "0%"
    if p >= 0.01:
        return f"{p:.1%}"
    return f"{p * 100:.3g}%"


def _estimate_data(credences: Mapping[str, float]) -> dict[str, object]:
    """Everything the estimate chart shows for one set of credences."""
    probs = ar.node_probabilities(credences)
    keys = [n.key for n in ar.NODES if n.role == "premise"] + \
           [n.key for n in ar.NODES if n.role == "intermediate"] + [ar.CONCLUSION]
    sw = ar.swings(credences)
    return dict(
        node_x=[probs[k] for k in keys][::-1],
        node_text=[f"{probs[k]:.0%}" if probs[k] >= 0.1 else fmt_prob(probs[k]) for k in keys][::-1],
        keys=keys,
        tornado_base=[s.if_false for s in sw][::-1],
        tornado_x=[s.width for s in sw][::-1],
        tornado_text=[f"{fmt_prob(s.if_false)} → {fmt_prob(s.if_true)}" for s in sw][::-1],
        tornado_labels=[ar.node(s.premise).label for s in sw][::-1],
        current=probs[ar.CONCLUSION],
        swings=sw,
    )


def _estimate_title(name: str, current: float) -> str:
    return (f"Implied probability of a pact: {fmt_prob(current)}<br><span style='font-size:13px'>"
            f"Profile: {html.escape(name)}</span>")


def estimate_figure(profiles: Sequence[ar.Profile] = ar.PROFILES,
                    short: Sequence[str] = PROFILE_SHORT, active: int = ar.DEFAULTS.profile) -> go.Figure:
    """Your estimate: the probability of every statement on the map, and a tornado chart of how
    far each premise moves the conclusion, with a static slider over labelled illustrative
    profiles (it works with no kernel).

    Parameters
    ----------
    profiles : sequence of Profile
        The credence profiles, one slider step each.
    short : sequence of str
        Slider label of each profile.
    active : int
        The profile shown when the page opens.

    Raises
    ------
    ValueError
        If ``short`` does not match ``profiles`` or ``active`` is out of range.
    """
    if len(short) != len(profiles):
        raise ValueError(f"short must have one label per profile ({len(profiles)}), got {len(short)}")
    if not 0 <= active < len(profiles):
        raise ValueError(f"active must be in [0, {len(profiles) - 1}], got {active}")
    data = [_estimate_data(p.credences) for p in profiles]
    d0 = data[active]
    fig = build_estimate_axes()
    fig.update_layout(title=dict(text=_estimate_title(profiles[active].name, d0["current"])))
    fill_estimate(fig, d0)
    steps = []
    for prof, lab, d in zip(profiles, short, data):
        steps.append(Step(
            label=lab,
            data={"x": [d["node_x"], d["tornado_x"], [d["current"]] * 2],
                  "text": [d["node_text"], d["tornado_text"], None],
                  "base": [None, d["tornado_base"], None]},
            layout={"title.text": _estimate_title(prof.name, d["current"]),
                    "yaxis2.ticktext": d["tornado_labels"],
                    "xaxis2.range": tornado_range(d)},
        ))
    add_static_slider(fig, steps, traces=[0, 1, 2], active=active,
                      prefix="Illustrative profile: ", name="argument-profile")
    # the profile switch sits at the top, under the title, where a reader meets it first (and
    # within one screen of the chart's top); the source line goes back under the plots
    fig.layout.sliders[0].update(y=1.0, yanchor="bottom", pad=dict(t=0, b=40), len=0.6)
    fig.update_layout(margin=dict(t=200, b=SOURCE_MARGIN))
    for ann in fig.layout.annotations:
        if ann.name == "source":
            ann.yshift = -(SOURCE_MARGIN - 30)
    return fig


def build_estimate_axes() -> go.Figure:
    """The empty two-panel estimate chart (shared by the static figure and the live panel)."""
    keys = [n.key for n in ar.NODES if n.role == "premise"] + \
           [n.key for n in ar.NODES if n.role == "intermediate"] + [ar.CONCLUSION]
    nodes = [ar.node(k) for k in keys][::-1]
    fig = make_subplots(rows=2, cols=1, row_heights=[0.58, 0.42], vertical_spacing=0.14,
                        subplot_titles=("Probability of each statement on the map",
                                        "Which premise moves the pact most (premise false → true)"))
    fig.add_trace(go.Bar(
        x=[0.0] * len(nodes), y=[n.label for n in nodes], orientation="h", name="Probability",
        marker=dict(color=[ROLE_STYLE[n.role]["color"] for n in nodes],
                    pattern=dict(shape=["" if n.role == "premise" else ("/" if n.role == "intermediate" else "x")
                                        for n in nodes])),
        text=[""] * len(nodes), textposition="outside", cliponaxis=False, showlegend=False,
        hovertemplate="%{y}: %{x:.1%}<extra></extra>",
    ), row=1, col=1)
    n_prem = len(ar.PREMISES)
    fig.add_trace(go.Bar(
        x=[0.0] * n_prem, y=list(range(n_prem)), base=[0.0] * n_prem, orientation="h",
        name="Swing", marker=dict(color=PALETTE["sky"]), text=[""] * n_prem,
        textposition="outside", cliponaxis=False, showlegend=False,
        hovertemplate="%{text}<extra></extra>",
    ), row=2, col=1)
    fig.add_trace(go.Scatter(
        x=[0.0, 0.0], y=[-0.6, n_prem - 0.4], mode="lines", name="Your estimate",
        line=dict(color=PALETTE["vermillion"], dash="dash", width=2), showlegend=False,
        hovertemplate="Your estimate: %{x:.1%}<extra></extra>",
    ), row=2, col=1)
    fig.update_xaxes(range=[0, 1.12], tickformat=".0%", row=1, col=1, title_text="Probability")
    fig.update_xaxes(tickformat=".2~%", row=2, col=1,
                     title_text="Probability of the pact (dashed line: yours)")
    fig.update_yaxes(tickvals=list(range(n_prem)), ticktext=[""] * n_prem, row=2, col=1,
                     range=[-0.6, n_prem - 0.4])
    fig.update_yaxes(tickfont=dict(size=12), row=1, col=1)
    fig.update_yaxes(tickfont=dict(size=12), row=2, col=1)
    fig.update_layout(height=1050, margin=dict(l=20, r=60, t=130, b=SOURCE_MARGIN))
    add_source(fig, ESTIMATE_SOURCE)
    for ann in fig.layout.annotations:
        if ann.name == "source":  # the plot area starts right of long labels: wrap narrower
            ann.text = "<br>".join(textwrap.wrap(ESTIMATE_SOURCE, width=62))
    return fig


def tornado_range(d: Mapping[str, object]) -> list[float]:
    """x range of the tornado: room for the widest bar and its label."""
    top = max(b + w for b, w in zip(d["tornado_base"], d["tornado_x"]))
    return [0.0, max(top, 1e-6) * 1.45]


def fill_estimate(fig: go.Figure, d: Mapping[str, object]) -> None:
    """Write one set of estimate data into the figure's three traces (in place)."""
    fig.data[0].x = d["node_x"]
    fig.data[0].text = d["node_text"]
    fig.data[1].x = d["tornado_x"]
    fig.data[1].base = d["tornado_base"]
    fig.data[1].text = d["tornado_text"]
    fig.data[2].x = [d["current"]] * 2
    fig.layout.yaxis2.ticktext = d["tornado_labels"]
    fig.layout.xaxis2.range = tornado_range(d)


def estimate_data(credences: Mapping[str, float]) -> dict[str, object]:
    """Public wrapper of the numbers the estimate chart shows for ``credences``."""
    return _estimate_data(credences)


# ---------------------------------------------------------------------------------------------
# Claim ledger
# ---------------------------------------------------------------------------------------------
VERDICT_STYLE = {
    "supported": ("✓", PALETTE["green"]),
    "partly supported": ("≈", PALETTE["orange"]),
    "false": ("✗", PALETTE["vermillion"]),
    "unsupported": ("?", PALETTE["purple"]),
    "opinion": ("◆", PALETTE["blue"]),
    "prediction": ("→", PALETTE["sky"]),
    "proposal": ("+", "#888888"),
}


def verdict_figure(claims: pd.DataFrame) -> go.Figure:
    """Number of claims by verdict, split by who made them (editor or author)."""
    required = {"verdict", "speaker"}
    missing = required - set(claims.columns)
    if missing:
        raise ValueError(f"claims is missing columns: {', '.join(sorted(missing))}")
    order = [v for v in VERDICT_STYLE if v in set(claims["verdict"])]
    fig = new_figure(title="What the article's claims turn out to be",
                     subtitle="Claims in the claim ledger, by verdict and by who made them",
                     x_title="Number of claims", y_title="",
                     source="Source: data/claims.csv (this book's claim ledger; one row per claim, with the sources read).",
                     height=480)
    for speaker, name, color, pattern in (("editor", "Blog editor's introduction", PALETTE["orange"], "/"),
                                          ("author", "Korybko's column", PALETTE["blue"], "")):
        counts = claims[claims["speaker"] == speaker]["verdict"].value_counts()
        fig.add_trace(go.Bar(y=order, x=[int(counts.get(v, 0)) for v in order], orientation="h",
                             name=name, marker=dict(color=color, pattern=dict(shape=pattern)),
                             hovertemplate="%{y}: %{x} claims<extra>" + name + "</extra>"))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    return fig


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
#claim-ledger .ledger-controls{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.5rem 0 1rem}
#claim-ledger label{display:flex;flex-direction:column;font-size:.85rem;font-weight:600}
#claim-ledger select,#claim-ledger input,#claim-ledger button{font:inherit;font-size:.9rem;padding:.15rem .3rem;
 color:var(--pst-color-text-base,inherit);background:var(--pst-color-background,transparent);
 border:1px solid var(--pst-color-border,#999);border-radius:4px}
#claim-ledger table{font-size:.85rem;border-collapse:collapse;width:100%}
#claim-ledger th,#claim-ledger td{vertical-align:top;padding:.35rem .4rem;border-bottom:1px solid var(--pst-color-border,#ccc)}
#claim-ledger tr:target{outline:3px solid #E69F00;outline-offset:-3px}
#claim-ledger .verdict{font-weight:700;white-space:nowrap}
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
    required = {"claim_id", "speaker", "quote", "kind", "verdict", "explanation", "corrections",
                "urls", "chapter"}
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
    verdicts = [v for v in VERDICT_STYLE if v in set(claims["verdict"])]
    chapters = list(dict.fromkeys(c for c in chapter_titles if c in set(claims["chapter"])))
    speakers = {"editor": "Blog editor", "author": "Korybko"}
    controls = (
        '<div class="ledger-controls">'
        f'<label>Kind {options("kind", kinds)}</label>'
        f'<label>Verdict {options("verdict", verdicts)}</label>'
        f'<label>Examined in {options("chapter", chapters, dict(chapter_titles))}</label>'
        f'<label>Who {options("speaker", list(speakers), speakers)}</label>'
        '<label>Words <input data-filter="text" type="search" placeholder="e.g. Poland"></label>'
        '<button type="button" class="ledger-reset">Show all</button>'
        '<span class="ledger-count" aria-live="polite"></span></div>'
    )
    body = []
    for _, r in claims.iterrows():
        mark, color = VERDICT_STYLE[r["verdict"]]
        sources = " ".join(f'<a href="{esc(u)}" rel="noopener">[{i}]</a>' for i, u in enumerate(r["urls"], 1))
        corr = "" if pd.isna(r["corrections"]) else f' <span class="corrections">(correction {esc(r["corrections"])})</span>'
        cid = esc(r["claim_id"])
        body.append(
            f'<tr id="claim-{cid}" data-kind="{esc(r["kind"])}" data-verdict="{esc(r["verdict"])}" '
            f'data-chapter="{esc(r["chapter"])}" data-speaker="{esc(r["speaker"])}">'
            f'<td class="meta"><a href="#claim-{cid}"><b>{cid}</b></a><br>{esc(speakers[r["speaker"]])}'
            f'<br><span class="kind">{esc(r["kind"])}</span></td>'
            f'<td class="quote">“{esc(r["quote"])}”</td>'
            f'<td><span class="verdict" style="color:{color}">{mark} {esc(r["verdict"])}</span>. '
            f'{esc(r["explanation"])}{corr}<br><span class="sources">Sources read: {sources or "none"}</span></td>'
            f'<td><a href="{esc(r["chapter"])}.html">{esc(_chapter_title(r["chapter"], chapter_titles))}</a></td>'
            "</tr>"
        )
    head = ("<thead><tr><th>Claim</th><th>As the text gives it</th><th>Verdict and what the sources show</th>"
            "<th>Examined in</th></tr></thead>")
    return (f'<div id="claim-ledger"><style>{_STYLE}</style>{controls}'
            f'<div class="ledger-scroll"><table>{head}<tbody>{"".join(body)}</tbody></table></div>'
            f"<script>{_FILTER_SCRIPT}</script></div>")


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
        link = (f'<a href="#the-claims-this-page-examines">{esc(chapter)}</a>' if n.chapter == "argument_map"
                else f'<a href="{esc(n.chapter)}.html">{esc(chapter)}</a>')
        rows.append(f"<tr><td><b>{esc(n.label)}</b><br>{esc(n.statement)}</td>"
                    f"<td>{'premise: your credence' if not n.parents else how}</td>"
                    f"<td>{claims}</td><td>{link}</td></tr>")
    return ('<div class="argument-nodes"><style>.argument-nodes table{font-size:.85rem}'
            '.argument-nodes td:first-child{width:48%}</style>'
            '<table class="table"><thead><tr><th>Statement</th>'
            "<th>Holds if</th><th>Ledger rows</th><th>Examined in</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table></div>")


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
        f'<em>{html.escape(r.kind)}, {html.escape(r.verdict)}</em>: {html.escape(r.quote)}</li>'
        for r in rows.itertuples()
    )
    return (
        '<div class="admonition seealso explainer-ledger-rows"><p class="admonition-title">'
        "In the claim ledger</p><p>The article's claims examined in this chapter, with their verdicts "
        f'(each links to its row in the <a href="claim_ledger.html">claim ledger</a>):</p><ul>{items}</ul></div>'
    )
