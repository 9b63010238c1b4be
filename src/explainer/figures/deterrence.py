"""Charts for chapter 2, the US drawdown: each defined once (see :mod:`._chart`).

Two charts of the record (US troops in Europe since 1950, allies' defence spending since 2014)
and two of the extended-deterrence model (:mod:`explainer.models.deterrence`): the credibility of
the US commitment as forces leave, and the region where accommodating pays. The model charts carry
every parameter of the model as a control: the theory switch and the US commitment (drawdown,
demand in Asia) on the static page, the rest live in JupyterLab or Binder.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..models import deterrence as dt
from ..theme import DASHES, PALETTE
from ._chart import Chart, Control

#: Scopes in data/us_troops_europe.csv used by the troop chart.
DMDC_EUROPE = "Europe, DMDC permanently assigned active duty"
REPORTED_EUROPE = "Europe, total US troops incl. rotational"

#: NDAA FY2026 Sec. 1249 floor (troops permanently stationed in or deployed to EUCOM's area).
NDAA_FLOOR = 76_000
#: Reported total of US troops in Europe including rotational forces, about 100,000 (2022-2025).
REPORTED_TOTAL = 100_000

#: How a summary sentence opens for each theory.
UNDER = {
    "walt": "Under Walt's balancing against threat",
    "bandwagoning": "Under bandwagoning (the article's chain)",
    "snyder": "Under Snyder's alliance security dilemma",
}
THEORY_STYLE = {
    "walt": dict(color=PALETTE["blue"], dash=DASHES[3]),
    "bandwagoning": dict(color=PALETTE["vermillion"], dash=DASHES[1]),
    "snyder": dict(color=PALETTE["green"], dash=DASHES[2]),
}
#: Translucent fills under each theory's threshold (the "accommodate" zone).
THEORY_FILL = {"walt": "rgba(0,114,178,0.14)", "bandwagoning": "rgba(213,94,0,0.14)", "snyder": "rgba(0,158,115,0.14)"}

ILLUSTRATIVE = "Illustrative assumptions that you can move; none is measured."
#: Issue 19: the model's drawdown is a share of the forward presence, not of all US troops in Europe.
FORWARD_NOTE = (
    "The drawdown is a share of today's forward presence on the eastern flank (mostly "
    "rotational units), not of all US troops in Europe; the model does not turn it into a "
    "number of troops."
)

#: Drawdowns on the credibility chart's x-axis.
DRAWDOWN = np.round(np.linspace(0.0, 1.0, 51), 2)
#: The region chart's grid (the chapter's shares of the square are computed on it).
GRID_D = np.round(np.linspace(0.0, 1.0, 41), 3)
GRID_A = np.round(np.linspace(0.0, 1.0, 21), 3)
#: Asia values along which the region chart's boundary is drawn.
BOUNDARY_A = np.round(np.linspace(0.0, 1.0, 101), 3)
#: Fixed colour range of the region chart's heatmap, so colours compare across settings.
SPAN = 0.25
#: The region chart's direct labels, each at the side of the square its region touches.
REGION_LABELS = (("accommodate", 1.0), ("balance", 0.0))
#: How far (in Asia demand) a region label stays from the top and bottom of the square.
LABEL_MARGIN = 0.06
#: A neutral, translucent label background that reads in light and in dark mode.
LABEL_BG = "rgba(128,128,128,0.16)"
#: A near-black that the dark-mode stylesheet leaves alone (it sits on the fixed heatmap colours).
INK = "#1a1a1a"
#: The region chart's boundary: it always lies on the heatmap's pale middle, and its legend swatch
#: sits on the page, light or dark; a mid-dark grey reads on both.
BOUNDARY = "#5c5c5c"

#: (min, max, step) of each model control's live slider.
RANGES: dict[str, tuple[float, float, float]] = {
    "drawdown": (0.0, 1.0, 0.05),
    "asia": (0.0, 1.0, 0.05),
    "floor": (0.0, 1.0, 0.05),
    "ceiling": (0.0, 1.0, 0.05),
    "tripwire_scale": (0.05, 2.0, 0.05),
    "asia_weight": (0.0, 1.0, 0.05),
    "threat": (0.0, 1.0, 0.05),
    "self_help": (0.0, 0.95, 0.05),
    "pact_reliability": (0.0, 1.0, 0.05),
    "balance_cost": (0.0, 0.5, 0.01),
    "accommodation_cost": (0.0, 0.5, 0.01),
    "entrapment": (0.0, 0.5, 0.01),
}
#: The static grid of each drawdown and Asia control: 0, 0.1, ..., 1.
TENTHS = tuple(float(v) for v in np.round(np.linspace(0.0, 1.0, 11), 2))
#: The region chart's static threat values (the exercises use 0.1, 0.3 and 0.6).
THREAT_GRID = (0.1, 0.3, 0.6, 0.9)


def _require(frame: pd.DataFrame, columns: set[str], name: str) -> None:
    missing = columns - set(frame.columns)
    if missing:
        raise ValueError(f"{name} is missing columns: {', '.join(sorted(missing))}")


# --- the record -----------------------------------------------------------------------------------
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


def _event_year(date: pd.Timestamp) -> float:
    return date.year + (date.day_of_year - 1) / 365.25


def troops_chart(troops: pd.DataFrame, posture_events: pd.DataFrame) -> Chart:
    """US troops in Europe, 1950-2025, with the key events marked.

    Two series that count different things are drawn apart: a line for the Pentagon's (DMDC)
    permanently assigned personnel, and separate diamonds for reported totals that include
    rotational forces. They are never joined. Each event is a dashed line labelled with its date;
    the summary sentence names the events.

    Parameters
    ----------
    troops : DataFrame
        As returned by :func:`explainer.data.us_troops_europe`.
    posture_events : DataFrame
        As returned by :func:`explainer.data.us_posture_events` (``date``, ``label``).
    """
    _require(posture_events, {"date", "label"}, "posture_events")
    dmdc, reported = troop_series(troops)
    events = posture_events.sort_values("date").reset_index(drop=True)
    peak = dmdc.loc[dmdc["troops"].idxmax()]
    last = dmdc.dropna(subset=["troops"]).iloc[-1]
    # the same number reported by two sources is one diamond, with both notes in its hover
    notes = reported.assign(note=reported["note"].fillna("").str.slice(0, 90))
    diamonds = notes.groupby(["year", "troops"], as_index=False).agg(
        note=("note", lambda s: "<br>".join(n for n in s if n)), sources=("note", "size")
    )

    def build() -> go.Figure:
        fig = go.Figure()
        fig.add_trace(
            go.Scatter(
                x=dmdc["year"],
                y=dmdc["troops"],
                mode="lines+markers",
                name="Permanently assigned (DMDC count)",
                line=dict(color=PALETTE["blue"], width=2.5),
                marker=dict(size=4),
                connectgaps=False,
                hovertemplate="%{x}: %{y:,.0f} permanently assigned<extra></extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=diamonds["year"],
                y=diamonds["troops"],
                mode="markers",
                name="Reported totals incl. rotational forces",
                marker=dict(
                    symbol="diamond",
                    size=11,
                    color=PALETTE["vermillion"],
                    line=dict(width=1, color="rgba(128,128,128,0.9)"),
                ),
                customdata=diamonds["note"],
                hovertemplate="%{x}: about %{y:,.0f} incl. rotational<br>%{customdata}<extra></extra>",
            )
        )
        fig.add_hline(y=NDAA_FLOOR, line=dict(color="rgba(128,128,128,0.9)", dash="dot", width=1.5))
        fig.add_annotation(
            x=0.0,
            xref="paper",
            y=NDAA_FLOOR,
            yref="y",
            xanchor="left",
            yanchor="top",
            text=f"{NDAA_FLOOR:,} legal floor,<br>rotations included",
            showarrow=False,
            align="left",
            font=dict(size=11),
        )
        fig.add_annotation(
            x=int(peak["year"]),
            y=float(peak["troops"]),
            xshift=6,
            xanchor="left",
            text=f"{int(peak['year'])} peak:<br>{peak['troops']:,.0f}",
            showarrow=False,
            align="left",
            font=dict(size=12),
        )
        late = 2015.0
        for k, ev in events.iterrows():
            year = _event_year(ev["date"])
            fig.add_vline(x=year, line=dict(color="rgba(128,128,128,0.6)", dash="dash", width=1))
            right = year > late  # the late events sit near the right edge: label to the left
            fig.add_annotation(
                x=year,
                y=1.0,
                yref="paper",
                yshift=-2 - 20 * int(k),
                xshift=-3 if right else 3,
                text=f"{ev['date']:%b %Y}",
                showarrow=False,
                xanchor="right" if right else "left",
                yanchor="top",
                font=dict(size=11),
                bgcolor=LABEL_BG,
            )
        fig.update_xaxes(title_text="Year", range=[1948, 2028])
        # headroom above the peak for the stacked event labels
        fig.update_yaxes(title_text="US personnel in Europe", range=[0, 1.15 * float(peak["troops"])], tickformat=",")
        fig.update_layout(height=500, margin=dict(t=70, b=60))
        return fig

    named = "; ".join(f"{ev['date']:%b %Y}, {ev['label']}" for _, ev in events.iterrows())
    low, high = int(reported["troops"].min()), int(reported["troops"].max())
    summary = (
        f"The permanently assigned count peaked at {peak['troops']:,.0f} in {int(peak['year'])}, fell "
        f"steeply after 1989 and stood at {last['troops']:,.0f} in {int(last['year'])}; reported totals "
        f"including rotational forces, a different count, were about {low:,} to {high:,}. "
        f"Dashed lines mark: {named}."
    )
    return Chart(
        name="deterrence-troops",
        title=f"US troops in Europe, {int(dmdc['year'].min())}–{int(dmdc['year'].max())}: two different counts",
        source=(
            "Sources: data/us_troops_europe.csv (DMDC via meflynn/troopdata; reported totals: Washington "
            "Post, Axios, NATO, AP) and data/us_posture_events.csv; one URL per row. The line breaks in "
            "years the source lacks. The dotted line is the legal floor, which counts all US forces in "
            "the European Command's area, rotational ones included."
        ),
        build=build,
        summary=summary,
    )


def spending_chart(
    spending: pd.DataFrame,
    countries: Sequence[str] = ("Poland", "Lithuania", "Germany", "Romania", "NATO Europe and Canada"),
) -> Chart:
    """Defence spending as % of GDP, 2014-2025, for a few allies and NATO Europe and Canada.

    One NATO edition only; estimates (2024, 2025) are drawn with open markers.

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
    colors = [PALETTE[k] for k in ("vermillion", "orange", "blue", "green", "black", "purple", "sky")]
    symbols = ["circle", "square", "diamond", "triangle-up", "circle", "cross", "x"]
    rows = {c: spending[spending["country"] == c].sort_values("year").dropna(subset=["pct_gdp"]) for c in countries}
    years = spending["year"]
    lo_year, hi_year = int(years.min()), int(years.max())

    def build() -> go.Figure:
        fig = go.Figure()
        for i, country in enumerate(countries):
            r = rows[country]
            symbol = symbols[i % len(symbols)]
            fig.add_trace(
                go.Scatter(
                    x=r["year"],
                    y=r["pct_gdp"],
                    mode="lines+markers",
                    name=country,
                    line=dict(
                        color=colors[i % len(colors)],
                        dash=DASHES[i % len(DASHES)],
                        width=3.5 if country.startswith("NATO") else 2,
                    ),
                    marker=dict(size=8, symbol=[f"{symbol}-open" if e else symbol for e in r["estimate"]]),
                    hovertemplate="%{x}: %{y:.2f}% of GDP<extra>" + country + "</extra>",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=[lo_year - 0.4, hi_year + 0.4],
                y=[2.0, 2.0],
                mode="lines",
                name="2% guideline",
                hoverinfo="skip",
                line=dict(color="rgba(128,128,128,0.9)", dash="dot", width=1.5),
            )
        )
        for year, text in ((2014, "2014: Crimea"), (2022, "2022: invasion")):
            fig.add_vline(x=year, line=dict(color="rgba(128,128,128,0.6)", dash="dash", width=1))
            fig.add_annotation(
                x=year,
                y=0.0,
                yref="paper",
                xshift=3,
                xanchor="left",
                yanchor="bottom",
                text=text,
                showarrow=False,
                font=dict(size=11),
            )
        fig.update_xaxes(title_text="Year", dtick=2, range=[lo_year - 0.4, hi_year + 0.4])
        fig.update_yaxes(title_text="Defence spending, % of GDP", rangemode="tozero")
        fig.update_layout(height=500, margin=dict(t=60, b=60))
        return fig

    def span(country: str) -> str:
        r = rows[country]
        first, last = r.iloc[0], r.iloc[-1]
        est = "an estimated " if bool(last["estimate"]) else ""
        return f"{country} from {first['pct_gdp']:.2f}% in {int(first['year'])} to {est}{last['pct_gdp']:.2f}% in {int(last['year'])}"

    rose = all(rows[c]["pct_gdp"].iloc[-1] > rows[c]["pct_gdp"].iloc[0] for c in countries)
    summary = (
        ("Defence spending rose everywhere shown: " if rose else "Defence spending, first and last year: ")
        + "; ".join(span(c) for c in countries)
        + "."
    )
    return Chart(
        name="deterrence-spending",
        title=f"Defence spending of European allies, % of GDP, {lo_year}–{hi_year}",
        source=(
            "Source: data/defence_spending_gdp.csv, NATO definition, one edition only: 2014–2024 from a "
            "third-party transcription of NATO's table (namanjain92/NATO-Analytics) whose edition is "
            "inferred to be the 2025 one; 2025 from news reports of that release; one URL per row. Open "
            "markers are estimates."
        ),
        build=build,
        summary=summary,
    )


# --- the model ------------------------------------------------------------------------------------
def region_grids(
    n_drawdown: int = 41, n_asia: int = 21, **params: float
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """The drawdown and Asia grids and ``Δ`` on them (rounded to 4 decimals, so that float noise at
    the boundary does not count as an advantage) for each theory."""
    d = np.round(np.linspace(0.0, 1.0, n_drawdown), 3)
    a = np.round(np.linspace(0.0, 1.0, n_asia), 3)
    return d, a, {t: np.round(dt.advantage_grid(d, a, t, **params), 4) for t in dt.THEORIES}


def _share_text(share: float) -> str:
    if 0.0 < share < 0.005:
        return "less than 1%"
    if 0.995 < share < 1.0:
        return "more than 99%"
    return f"{share:.0%}"


def _params(values: dict) -> dict:
    """The model's parameters from a chart's control values, with the ceiling lifted to the floor
    where the two sliders cross (the model needs floor <= ceiling)."""
    p = {k: v for k, v in values.items() if k != "theory"}
    p["ceiling"] = max(p["ceiling"], p["floor"])
    return p


def _cstar(theory: str, p: dict, asia: float) -> float:
    return dt.critical_credibility(
        theory,
        p["threat"],
        p["self_help"],
        p["pact_reliability"],
        p["balance_cost"],
        p["accommodation_cost"],
        p["entrapment"],
        asia,
    )


def _drawdown_at(c_target: np.ndarray | float, asia: np.ndarray | float, p: dict) -> np.ndarray:
    """The drawdown at which credibility equals ``c_target`` at each Asia demand (the tripwire curve
    inverted), NaN where credibility never equals it for a drawdown in [0, 1]."""
    c_target, asia = np.broadcast_arrays(np.asarray(c_target, dtype=float), np.asarray(asia, dtype=float))
    reach = (p["ceiling"] - p["floor"]) * (1.0 - p["asia_weight"] * asia)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (c_target - p["floor"]) / reach  # the tripwire's value T(1 - d) needed
        ok = np.isfinite(t) & (reach > 0.0) & (t >= 0.0) & (t <= 1.0)
        s = p["tripwire_scale"]
        remaining = -s * np.log1p(np.where(ok, t, 0.0) * np.expm1(-1.0 / s))
    return np.where(ok, np.clip(1.0 - remaining, 0.0, 1.0), np.nan)


def _cstar_along(theory: str, p: dict, asia: np.ndarray) -> np.ndarray:
    """:func:`~explainer.models.deterrence.critical_credibility` at each Asia demand. It is affine
    in the demand (only Snyder's entrapment term depends on it), so its values at 0 and 1 give the
    rest exactly."""
    lo, hi = _cstar(theory, p, 0.0), _cstar(theory, p, 1.0)
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return np.full(asia.shape, np.nan)
    return lo + (hi - lo) * asia


#: The chapter's symbol for each model parameter (its notation table uses the same letters).
SYMBOLS: dict[str, str] = {
    "drawdown": "d",
    "asia": "a",
    "floor": "C₀",
    "ceiling": "C₁",
    "tripwire_scale": "s",
    "asia_weight": "w",
    "threat": "t",
    "self_help": "h",
    "pact_reliability": "p",
    "balance_cost": "c_B",
    "accommodation_cost": "c_A",
    "entrapment": "q",
}


def control_label(name: str) -> str:
    """A model control's label: the chapter's symbol, what it sets, and, for every parameter but the
    drawdown (the scenario the reader chooses), that it is an assumption."""
    assumed = "" if name == "drawdown" else " (assumed)"
    return f"{SYMBOLS[name]}: {dt.LABELS[name]}{assumed}"


def _model_controls(static: dict[str, tuple]) -> tuple[Control, ...]:
    """Every parameter of the model as a control: the theory, then each of
    :data:`RANGES`; those named in ``static`` get that static grid, the rest are live-only."""
    d = dt.DEFAULTS
    controls = [Control("theory", "Theory of alliance behaviour", d.theory, grid=dt.THEORIES, options=dt.THEORY_LABELS)]
    for name, live in RANGES.items():
        fmt = "{:.0%}" if name == "drawdown" else "{:.2f}"
        controls.append(
            Control(name, control_label(name), getattr(d, name), grid=static.get(name, ()), live=live, fmt=fmt)
        )
    return tuple(controls)


def _build_credibility() -> go.Figure:
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=DRAWDOWN,
            y=np.zeros(DRAWDOWN.size),
            name="Credibility, tripwire reading",
            mode="lines",
            line=dict(color=PALETTE["black"], width=3.5),
            hovertemplate="Drawdown %{x:.0%}: credibility %{y:.2f}<extra>tripwire</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=DRAWDOWN,
            y=np.zeros(DRAWDOWN.size),
            name="Credibility, proportional (denial)",
            mode="lines",
            line=dict(color=PALETTE["purple"], width=2, dash="longdash"),
            hovertemplate="Drawdown %{x:.0%}: credibility %{y:.2f}<extra>proportional</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[0.0, 1.0],
            y=[0.0, 0.0],
            mode="lines",
            name="Accommodate below",
            fill="tozeroy",
            line=dict(width=2.5, **THEORY_STYLE[dt.DEFAULTS.theory]),
            fillcolor=THEORY_FILL[dt.DEFAULTS.theory],
            hovertemplate="Accommodate below credibility %{y:.2f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[0.0],
            y=[0.0],
            mode="markers",
            name="Chosen drawdown",
            cliponaxis=False,
            marker=dict(size=13, symbol="circle", color=PALETTE["orange"], line=dict(width=1.5, color=INK)),
            hovertemplate="Drawdown %{x:.0%}: credibility %{y:.2f}<extra>chosen</extra>",
        )
    )
    fig.update_xaxes(title_text="Share of forward presence withdrawn", range=[0, 1], tickformat=".0%")
    fig.update_yaxes(title_text="Credibility (0–1)", range=[0, 1])
    fig.update_layout(height=480, margin=dict(t=90, b=60))
    return fig


def _update_credibility(fig: go.Figure, theory: str, **values: float) -> str:
    p = _params(values)
    d, a = float(p["drawdown"]), float(p["asia"])
    curve = dt.credibility(DRAWDOWN, a, p["floor"], p["ceiling"], p["tripwire_scale"], p["asia_weight"])
    fig.data[0].y = curve
    fig.data[0].name = f"Credibility, tripwire reading (scale {p['tripwire_scale']:.2f})"
    fig.data[1].y = dt.credibility(DRAWDOWN, a, p["floor"], p["ceiling"], dt.MAX_TRIPWIRE_SCALE, p["asia_weight"])
    c_star = _cstar(theory, p, a)
    drawn = c_star > 0.0
    level = min(c_star, 1.0)
    fig.data[2].y = [level, level] if drawn else [None, None]
    # the legend keeps this entry (so that the chart does not jump when the theory changes) and
    # says when no threshold is drawn; no name is wider than the other curves'
    if not drawn:
        when = "never"
    elif c_star < 1.0:
        when = f"below {c_star:.2f}"
    else:
        when = "always"
    fig.data[2].name = f"Accommodate {when}"  # the theory is the control's and the sentence's
    fig.data[2].line.color = THEORY_STYLE[theory]["color"]
    fig.data[2].line.dash = THEORY_STYLE[theory]["dash"]
    fig.data[2].fillcolor = THEORY_FILL[theory]
    here = float(dt.credibility(d, a, p["floor"], p["ceiling"], p["tripwire_scale"], p["asia_weight"]))
    fig.data[3].x = [d]
    fig.data[3].y = [here]
    adv = float(
        dt.accommodation_advantage(
            here,
            theory,
            p["threat"],
            p["self_help"],
            p["pact_reliability"],
            p["balance_cost"],
            p["accommodation_cost"],
            p["entrapment"],
            a,
        )
    )
    choice = "accommodates" if dt.best_response(adv) == "accommodate" else "balances"
    start = (
        f"{UNDER[theory]}, at a {d:.0%} drawdown with Asia demand {a:.2f}, credibility is {here:.2f} "
        f"and the ally {choice}"
    )
    if c_star <= 0.0:
        rest = "no credibility in [0, 1] makes accommodating pay"
    elif c_star >= 1.0:
        rest = "accommodating pays at any credibility"
    elif float(curve[0]) <= c_star:
        rest = f"credibility is below the threshold of {c_star:.2f} at every drawdown"
    elif float(curve[-1]) > c_star:
        rest = f"credibility stays above the threshold of {c_star:.2f} even with every forward troop gone"
    else:
        switch = float(_drawdown_at(c_star, a, p))
        rest = f"the threshold is {c_star:.2f}, which the tripwire curve crosses at a drawdown of about {switch:.0%}"
    return f"{start}; {rest}."


def credibility_chart() -> Chart:
    """Credibility of the US commitment against the drawdown, with the chosen theory's threshold.

    Two credibility curves (the tripwire reading with the chosen scale, and the proportional
    "denial" reading) and the critical credibility below which the ally's best response is to
    accommodate (shaded). Every parameter of the model is a control; the static page offers the
    theory, the demand in Asia and the drawdown.
    """
    return Chart(
        name="deterrence-credibility",
        title="How credible is the US commitment as forward forces leave, and when does accommodating pay?",
        source=(
            ILLUSTRATIVE + " " + FORWARD_NOTE + " The threshold is not drawn when no credibility in "
            "[0, 1] makes accommodating pay."
        ),
        build=_build_credibility,
        update=_update_credibility,
        controls=_model_controls({"drawdown": TENTHS, "asia": TENTHS}),
    )


def _build_region() -> go.Figure:
    fig = go.Figure()
    fig.add_trace(
        go.Heatmap(
            x=GRID_D,
            y=GRID_A,
            z=np.zeros((GRID_A.size, GRID_D.size)),
            zmin=-SPAN,
            zmax=SPAN,
            zmid=0.0,
            name="Net advantage of accommodating",
            colorscale=[[0.0, PALETTE["blue"]], [0.5, "#f7f7f7"], [1.0, PALETTE["vermillion"]]],
            # the browser smooths the 41 x 21 image as it scales it: the same picture as "best"
            # (plotly.js interpolating every pixel in script), at half the cost of each redraw
            zsmooth="fast",
            colorbar=dict(
                orientation="h",
                x=0.5,
                xanchor="center",
                y=-0.3,
                yanchor="top",
                thickness=12,
                len=1.0,
                title=dict(text="Net advantage of accommodating", side="top"),
                tickvals=[-0.75 * SPAN, 0.75 * SPAN],
                ticks="",
                ticktext=["← balance", "accommodate →"],
            ),
            hovertemplate="Drawdown %{x:.0%}, Asia %{y:.2f}: advantage %{z:+.3f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=np.zeros(BOUNDARY_A.size),
            y=BOUNDARY_A,
            mode="lines",
            name="Boundary: no advantage either way",
            line=dict(color=BOUNDARY, width=3.5),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[0.0],
            y=[0.0],
            mode="markers",
            name="Chosen drawdown and Asia demand",
            cliponaxis=False,
            marker=dict(symbol="x", size=15, color=INK, line=dict(width=1.5, color="#ffffff")),
            hovertemplate="Drawdown %{x:.0%}, Asia %{y:.2f}<extra>chosen</extra>",
        )
    )
    for text, edge in REGION_LABELS:
        # a direct label inside each region, so that the two sides read apart in greyscale too
        fig.add_annotation(
            x=edge,
            xref="x",
            y=0.5,
            yref="y",
            xanchor="right" if edge else "left",
            yanchor="middle",
            text=f"<b>{text}</b>",
            showarrow=False,
            font=dict(size=12, color=INK),
            bgcolor=LABEL_BG,
        )
    fig.update_xaxes(title_text="Share of forward presence withdrawn", range=[0, 1], tickformat=".0%")
    fig.update_yaxes(title_text="Competing US demand in Asia", range=[0, 1])
    fig.update_layout(height=560, margin=dict(t=80, b=150))
    return fig


def region_label_rows(z: np.ndarray) -> list[float | None]:
    """Where each of :data:`REGION_LABELS` sits: the Asia demand of the grid row in which its region
    is widest (the highest such row for "accommodate", the lowest for "balance"), kept off the
    plot's edges; ``None`` when the region is empty. The label is anchored at the side of the
    square its region always touches: accommodating pays, if anywhere in a row, at the row's
    largest drawdown, and balancing at its smallest."""
    rows = []
    for sign, pick in ((1.0, -1), (-1.0, 0)):
        counts = (sign * np.asarray(z) > 0).sum(axis=1)
        if counts.max() == 0:
            rows.append(None)
            continue
        widest = np.flatnonzero(counts == counts.max())[pick]
        rows.append(float(np.clip(GRID_A[widest], LABEL_MARGIN, 1.0 - LABEL_MARGIN)))
    return rows


def _update_region(fig: go.Figure, theory: str, **values: float) -> str:
    p = _params(values)
    d, a = float(p["drawdown"]), float(p["asia"])
    model = {k: v for k, v in p.items() if k not in ("drawdown", "asia")}
    z = np.round(dt.advantage_grid(GRID_D, GRID_A, theory, **model), 4)
    fig.data[0].z = z
    boundary = _drawdown_at(_cstar_along(theory, p, BOUNDARY_A), BOUNDARY_A, p)
    fig.data[1].x = boundary
    fig.data[1].showlegend = bool(np.isfinite(boundary).any())
    fig.data[2].x = [d]
    fig.data[2].y = [a]
    for i, row in enumerate(region_label_rows(z)):
        fig.layout.annotations[i].y = 0.5 if row is None else row
        fig.layout.annotations[i].visible = row is not None
    here = float(dt.credibility(d, a, p["floor"], p["ceiling"], p["tripwire_scale"], p["asia_weight"]))
    adv = float(
        dt.accommodation_advantage(
            here,
            theory,
            p["threat"],
            p["self_help"],
            p["pact_reliability"],
            p["balance_cost"],
            p["accommodation_cost"],
            p["entrapment"],
            a,
        )
    )
    share = dt.accommodation_share(z)
    choice = dt.best_response(adv)
    net = "about zero" if abs(adv) < 0.005 else f"{adv:+.2f}".replace("-", "−")
    return (
        f"{UNDER[theory]}, with the threat at {p['threat']:.2f}, accommodating pays in "
        f"{_share_text(share)} of the square; at a {d:.0%} drawdown with Asia demand {a:.2f} the ally's "
        f"best response is to {choice} (net advantage {net})."
    )


def region_chart() -> Chart:
    """Where the article's conclusion holds: the ally's net advantage of accommodating over the
    drawdown and the competing demand in Asia, for the chosen theory.

    Positive (accommodate, the article's conclusion) and negative (balance) are told apart by the
    colour bar's labels and by a direct label inside each region (so that they read apart in
    greyscale too); the solid line is the boundary, ``Δ = 0``, and the cross the chosen point.
    Every parameter of the model is a control; the static page offers the theory, the drawdown
    (the cross) and the threat.
    """
    return Chart(
        name="deterrence-region",
        title="Where does the article's conclusion hold? The ally's best response by drawdown and demand in Asia",
        source=(ILLUSTRATIVE + " " + FORWARD_NOTE + " Shares of the square are counted on a 41 × 21 grid."),
        build=_build_region,
        update=_update_region,
        controls=_model_controls({"drawdown": TENTHS, "threat": THREAT_GRID}),
    )
