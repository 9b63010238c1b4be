"""Charts for chapter 2: US troops in Europe, allies' defence spending, and the deterrence model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..models import deterrence as dt
from ..theme import DASHES, PALETTE
from ._common import ILLUSTRATIVE, Step, add_static_slider, new_figure

#: Scopes in data/us_troops_europe.csv used by the troop chart.
DMDC_EUROPE = "Europe, DMDC permanently assigned active duty"
REPORTED_EUROPE = "Europe, total US troops incl. rotational"

#: NDAA FY2026 Sec. 1249 floor (troops permanently stationed in or deployed to EUCOM's area).
NDAA_FLOOR = 76_000
#: Reported total of US troops in Europe including rotational forces, about 100,000 (2022-2025).
REPORTED_TOTAL = 100_000

SHORT_THEORY = {"walt": "Walt", "bandwagoning": "bandwagoning", "snyder": "Snyder"}
BUTTON_LABELS = {"walt": "Walt: balancing", "bandwagoning": "Bandwagoning", "snyder": "Snyder: alliance dilemma"}

THEORY_STYLE = {
    "walt": dict(color=PALETTE["blue"], dash=DASHES[0]),
    "bandwagoning": dict(color=PALETTE["vermillion"], dash=DASHES[1]),
    "snyder": dict(color=PALETTE["green"], dash=DASHES[2]),
}


def _require(frame: pd.DataFrame, columns: set[str], name: str) -> None:
    missing = columns - set(frame.columns)
    if missing:
        raise ValueError(f"{name} is missing columns: {', '.join(sorted(missing))}")


def troop_series(troops: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split the troop file into the DMDC permanent-station series (one row per year from the first
    to the last, with NaN in the years the source lacks, so a line breaks there) and the reported
    totals that include rotational forces.
    """
    _require(troops, {"year", "troops", "scope"}, "troops")
    dmdc = troops[troops["scope"].str.startswith(DMDC_EUROPE)].groupby("year")["troops"].first()
    if dmdc.empty:
        raise ValueError("troops holds no DMDC permanent-station rows for Europe")
    years = np.arange(int(dmdc.index.min()), int(dmdc.index.max()) + 1)
    dmdc = dmdc.reindex(years).rename_axis("year").reset_index()
    reported = troops[troops["scope"].str.startswith(REPORTED_EUROPE)][["year", "troops", "scope", "note"]]
    return dmdc, reported.reset_index(drop=True)


def troops_figure(troops: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """US troops in Europe, 1950-2025, with the key events marked.

    Two series that count different things are drawn apart: a line for the Pentagon's (DMDC)
    permanently assigned personnel, and separate diamonds for reported totals that include
    rotational forces. They are never joined.

    Parameters
    ----------
    troops : DataFrame
        As returned by :func:`explainer.data.us_troops_europe`.
    events : DataFrame
        As returned by :func:`explainer.data.us_posture_events` (``date``, ``label``).
    """
    _require(events, {"date", "label"}, "events")
    dmdc, reported = troop_series(troops)
    peak = dmdc.loc[dmdc["troops"].idxmax()]
    fig = new_figure(
        title="US troops in Europe, 1950–2025",
        subtitle=("Line: permanently assigned (Pentagon DMDC count).<br>Diamonds: reported totals including "
                  "rotational forces, a different count."),
        x_title="Year",
        y_title="US military personnel in Europe",
        source=("Sources: data/us_troops_europe.csv (DMDC via meflynn/troopdata; reported totals: Washington Post, "
                "Axios, NATO, AP), data/us_posture_events.csv; one URL per row. Gaps: years the source lacks."),
        height=640, margin=dict(t=140),
    )
    fig.add_trace(go.Scatter(
        x=dmdc["year"], y=dmdc["troops"], mode="lines+markers", name="Permanently assigned (DMDC)",
        line=dict(color=PALETTE["blue"], width=2.5), marker=dict(size=4), connectgaps=False,
        hovertemplate="%{x}: %{y:,.0f} permanently assigned<extra></extra>",
    ))
    fig.add_trace(go.Scatter(
        x=reported["year"], y=reported["troops"], mode="markers", name="Reported total incl. rotational",
        marker=dict(symbol="diamond", size=11, color=PALETTE["vermillion"], line=dict(width=1, color="white")),
        customdata=reported["note"].fillna("").str.slice(0, 90),
        hovertemplate="%{x}: about %{y:,.0f} incl. rotational<br>%{customdata}<extra></extra>",
    ))
    fig.add_hline(y=NDAA_FLOOR, line=dict(color=PALETTE["black"], dash="dot", width=1),
                  annotation_text="76,000 floor in the FY2026 defence bill", annotation_position="top left",
                  annotation_font_size=12)
    fig.add_annotation(x=int(peak["year"]), y=float(peak["troops"]),
                       text=f"{int(peak['year'])} peak: {peak['troops']:,.0f}", showarrow=True,
                       arrowhead=2, ax=110, ay=25, font=dict(size=12))
    for k, (_, ev) in enumerate(events.sort_values("date").iterrows()):
        year = ev["date"].year + (ev["date"].day_of_year - 1) / 365.25
        fig.add_vline(x=year, line=dict(color="rgba(128,128,128,0.6)", dash="dash", width=1))
        short = ev["label"].split(";")[0].split(":")[0]
        if len(short) > 44:
            short = short[:42].rsplit(" ", 1)[0] + "…"
        first = k == 0
        fig.add_annotation(x=year, y=1.0, yref="paper", yshift=-4 - 22 * k, xshift=3 if first else -3,
                           text=f"{ev['date']:%b %Y}: {short}", showarrow=False,
                           xanchor="left" if first else "right", yanchor="top",
                           font=dict(size=11), bgcolor="rgba(255,255,255,0.75)")
    fig.update_yaxes(rangemode="tozero", tickformat=",")
    fig.update_xaxes(range=[1948, 2028])
    return fig


def spending_figure(spending: pd.DataFrame,
                    countries: Sequence[str] = ("Poland", "Lithuania", "Germany", "Romania",
                                                "NATO Europe and Canada")) -> go.Figure:
    """Defence spending as % of GDP, 2014-2025, for a few allies and NATO Europe and Canada.

    One NATO edition only (2025); estimates (2024, 2025) are drawn with open markers.

    Parameters
    ----------
    spending : DataFrame
        As returned by :func:`explainer.data.defence_spending_gdp`.
    countries : sequence of str
        Rows of ``country`` to draw, in order.
    """
    _require(spending, {"country", "year", "pct_gdp", "estimate"}, "spending")
    unknown = set(countries) - set(spending["country"])
    if unknown:
        raise ValueError(f"countries not in the data: {', '.join(sorted(unknown))}")
    fig = new_figure(
        title="Defence spending of European allies, % of GDP, 2014–2025",
        subtitle="NATO definition, 2025 edition only; open markers are estimates",
        x_title="Year", y_title="Defence expenditure, % of GDP",
        source=("Source: data/defence_spending_gdp.csv: NATO, Defence Expenditure of NATO Countries (2014-2025), "
                "2025 edition (via namanjain92/NATO-Analytics; 2025 from news reports of it; one URL per row)."),
        height=560,
    )
    colors = [PALETTE[k] for k in ("vermillion", "orange", "blue", "green", "black", "purple", "sky")]
    for i, country in enumerate(countries):
        rows = spending[spending["country"] == country].sort_values("year").dropna(subset=["pct_gdp"])
        fig.add_trace(go.Scatter(
            x=rows["year"], y=rows["pct_gdp"], mode="lines+markers", name=country,
            line=dict(color=colors[i % len(colors)], dash=DASHES[i % len(DASHES)],
                      width=3 if country.startswith("NATO") else 2),
            marker=dict(size=8, symbol=["circle-open" if e else "circle" for e in rows["estimate"]]),
            hovertemplate="%{x}: %{y:.2f}% of GDP<extra>" + country + "</extra>",
        ))
    fig.add_trace(go.Scatter(x=[2013.6, 2025.4], y=[2.0, 2.0], mode="lines", name="2% guideline",
                             line=dict(color="rgba(128,128,128,0.9)", dash="dot", width=1.5),
                             hoverinfo="skip"))
    for year, text in ((2014, "2014: Crimea"), (2022, "2022: full-scale invasion")):
        fig.add_vline(x=year, line=dict(color="rgba(128,128,128,0.6)", dash="dash", width=1),
                      annotation_text=text, annotation_position="top right")
    fig.update_yaxes(rangemode="tozero")
    fig.update_xaxes(dtick=1, range=[2013.6, 2025.4])
    return fig


def asia_grid() -> np.ndarray:
    """Slider positions for competing demand in Asia: 0.0, 0.1, ..., 1.0."""
    return np.round(np.linspace(0.0, 1.0, 11), 2)


def credibility_figure(asia_values: Sequence[float] | None = None,
                       default_asia: float = dt.DEFAULTS.asia) -> go.Figure:
    """Credibility of the US commitment against the drawdown, with a static slider for the
    competing demand in Asia.

    Two credibility curves (the tripwire reading with the default scale, and a near-linear
    "denial" reading) and, for each theory, the critical credibility below which the ally's best
    response is to accommodate. Every other parameter takes :data:`~explainer.models.deterrence.DEFAULTS`.
    """
    values = asia_grid() if asia_values is None else np.asarray(asia_values, dtype=float)
    matches = np.flatnonzero(np.isclose(values, default_asia))
    if matches.size == 0:
        raise ValueError(f"default_asia {default_asia!r} is not one of the slider values")
    active = int(matches[0])
    d = np.round(np.linspace(0.0, 1.0, 51), 2)
    p = dt.DEFAULTS

    def curves(a: float) -> list[np.ndarray]:
        trip = dt.credibility(d, a, p.floor, p.ceiling, p.tripwire_scale, p.asia_weight)
        linear = dt.credibility(d, a, p.floor, p.ceiling, dt.MAX_TRIPWIRE_SCALE, p.asia_weight)
        out = [np.round(trip, 4), np.round(linear, 4)]
        for theory in dt.THEORIES:
            c_star = dt.critical_credibility(theory, p.threat, p.self_help, p.pact_reliability,
                                             p.balance_cost, p.accommodation_cost, p.entrapment, a)
            y = c_star if 0.0 <= c_star <= 1.0 else np.nan
            out.append(np.array([y, y]))
        return out

    def title(a: float) -> str:
        return ("How credible is the US commitment as forces leave?<br><span style='font-size:13px'>"
                f"Competing US demand in Asia: {a:.1f} (0 = none, 1 = the most the model allows)</span>")

    fig = new_figure(title=title(values[active]),
                     x_title="US drawdown: share of today's forward presence withdrawn",
                     y_title="Credibility of the US commitment (0–1)",
                     source=ILLUSTRATIVE + " A theory's line is missing when no credibility in [0, 1] makes accommodation pay.",
                     height=640)
    first = curves(values[active])
    fig.add_trace(go.Scatter(x=d, y=first[0], name=f"Credibility: tripwire (scale {p.tripwire_scale:g})",
                             line=dict(color=PALETTE["black"], width=3),
                             hovertemplate="Drawdown %{x:.0%}: credibility %{y:.2f}<extra></extra>"))
    fig.add_trace(go.Scatter(x=d, y=first[1], name="Credibility: proportional (denial)",
                             line=dict(color=PALETTE["purple"], width=2, dash="longdash"),
                             hovertemplate="Drawdown %{x:.0%}: credibility %{y:.2f}<extra></extra>"))
    for k, theory in enumerate(dt.THEORIES):
        fig.add_trace(go.Scatter(x=[0.0, 1.0], y=first[2 + k], mode="lines",
                                 name=f"Accommodate below: {SHORT_THEORY[theory]}",
                                 line=dict(width=2, **THEORY_STYLE[theory]),
                                 hovertemplate="Critical credibility %{y:.2f}<extra>" + theory + "</extra>"))
    floor_drawdown = 1.0 - NDAA_FLOOR / REPORTED_TOTAL
    fig.add_vline(x=floor_drawdown, line=dict(color="rgba(128,128,128,0.8)", dash="dot"),
                  annotation_text=f"76,000 floor:<br>{floor_drawdown:.0%} below ~100,000",
                  annotation_position="bottom right", annotation_font_size=11)
    fig.update_xaxes(range=[0, 1], tickformat=".0%")
    fig.update_yaxes(range=[0, 1.0])
    fig.update_layout(legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0.0, xanchor="left",
                                  font=dict(size=12)), margin=dict(t=175))
    steps = [Step(label=f"{a:.1f}", data={"y": curves(a)}, layout={"title.text": title(a)}) for a in values]
    return add_static_slider(fig, steps, traces=range(2 + len(dt.THEORIES)), active=active,
                             prefix="Competing US demand in Asia: ", name="deterrence-asia")


def region_grids(n_drawdown: int = 41, n_asia: int = 21, **params: float) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """The drawdown and Asia grids and ``Δ`` on them for each theory."""
    d = np.round(np.linspace(0.0, 1.0, n_drawdown), 3)
    a = np.round(np.linspace(0.0, 1.0, n_asia), 3)
    return d, a, {t: np.round(dt.advantage_grid(d, a, t, **params), 4) for t in dt.THEORIES}


def region_figure(default_theory: str = dt.DEFAULTS.theory, **params: float) -> go.Figure:
    """Where the article's conclusion holds: the ally's net advantage of accommodating, over the
    drawdown and competing demand in Asia, with buttons for the three theories (precomputed: they
    work with no kernel). Red: accommodate (the article's conclusion); blue: balance. The black
    line is the boundary, ``Δ = 0``.
    """
    if default_theory not in dt.THEORIES:
        raise ValueError(f"default_theory must be one of {', '.join(dt.THEORIES)}; got {default_theory!r}")
    d, a, grids = region_grids(**params)
    span = max(0.05, max(float(np.abs(g).max()) for g in grids.values()))

    def title(theory: str) -> str:
        share = dt.accommodation_share(grids[theory])
        return ("Where does the article's conclusion hold?<br><span style='font-size:13px'>"
                f"{dt.THEORY_LABELS[theory]}: accommodating pays in {share:.0%} of the square</span>")

    fig = new_figure(title=title(default_theory),
                     x_title="US drawdown: share of today's forward presence withdrawn",
                     y_title="Competing US demand in Asia",
                     source=("Illustrative assumptions: the buttons switch the theory; every other parameter is the "
                             "chapter's default (move them all in the live panel)."),
                     height=640)
    z = grids[default_theory]
    fig.add_trace(go.Heatmap(
        x=d, y=a, z=z, zmin=-span, zmax=span, zmid=0.0, name="Net advantage of accommodating",
        colorscale=[[0.0, PALETTE["blue"]], [0.5, "#f7f7f7"], [1.0, PALETTE["vermillion"]]],
        colorbar=dict(title=dict(text="Accommodate<br>minus balance", side="right"), len=0.8),
        hovertemplate="Drawdown %{x:.0%}, Asia %{y:.2f}: advantage %{z:+.3f}<extra></extra>",
    ))
    fig.add_trace(go.Contour(
        x=d, y=a, z=z, showscale=False, contours=dict(start=0.0, end=0.0, size=1.0, coloring="none",
                                                        showlabels=False),
        line=dict(color=PALETTE["black"], width=3), name="Boundary (no advantage either way)",
        hoverinfo="skip",
    ))
    fig.add_trace(go.Scatter(x=[dt.DEFAULTS.drawdown], y=[dt.DEFAULTS.asia], mode="markers+text",
                             marker=dict(symbol="x", size=14, color=PALETTE["black"]),
                             text=["Today (assumed)"], textposition="top right", name="Today (assumed)",
                             hovertemplate="Today (assumed): no drawdown, Asia demand %{y:.1f}<extra></extra>"))
    fig.add_annotation(x=0.98, y=0.04, text="<b>Red: accommodate</b> · <b>Blue: balance</b>",
                       showarrow=False, xref="paper", yref="paper", xanchor="right",
                       bgcolor="rgba(255,255,255,0.8)", font=dict(size=12))
    buttons = [dict(label=BUTTON_LABELS[t], method="update",
                    args=[{"z": [grids[t], grids[t]]}, {"title.text": title(t)}, [0, 1]])
               for t in dt.THEORIES]
    fig.update_layout(
        updatemenus=[dict(type="buttons", direction="right", buttons=buttons, x=0.0, xanchor="left",
                          y=-0.2, yanchor="top", active=list(dt.THEORIES).index(default_theory),
                          pad=dict(t=4), font=dict(size=12))],
        margin=dict(b=190), showlegend=False,
    )
    for ann in fig.layout.annotations:
        if ann.name == "source":
            ann.yshift = -150
    fig.update_xaxes(range=[0, 1], tickformat=".0%")
    fig.update_yaxes(range=[0, 1])
    return fig
