"""Charts for chapter 3, Poland's role: each defined once (see :mod:`._chart`).

The map of NATO's eastern flank (with a switch between Piłsudski's Intermarium and today's Three
Seas Initiative), NATO's spending series, Poland's reported force sizes, and the what-if of a cap
on Poland's spending and troops.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import poland as pl
from ..theme import PALETTE
from ._chart import Chart, Control
from .decision_rules import percent
from .maps import offline_geo_layout, ring_area

#: Dotted grey reference lines (guidelines, commitments, targets).
REFERENCE = dict(color="rgba(100,100,100,0.7)", dash="dot", width=1)
#: Dark grey for outlines and marker edges: the book's dark-mode stylesheet lightens pure black,
#: which would lose the markers' edges against the light country fills.
INK = "#333333"

# ---------------------------------------------------------------------------------------------
# The map
# ---------------------------------------------------------------------------------------------
#: Fill colour of each status on the map (Okabe–Ito); every status is also named in the hover.
STATUS_COLOURS = {
    "Poland": PALETTE["vermillion"],
    "NATO member": PALETTE["sky"],
    "Belarus": PALETTE["orange"],
    "Russia": PALETTE["purple"],
    "Not in NATO": "#d9d9d9",
}
THEATRE_COLOURS = {
    "Arctic–Baltic": PALETTE["blue"],
    "Central and Eastern Europe": INK,
    "Black Sea–South Caucasus": PALETTE["green"],
}
#: Outline colours for a theatre the table names that the map does not know yet.
SPARE_COLOURS = (PALETTE["purple"], PALETTE["orange"], PALETTE["vermillion"])
#: Where each theatre's label sits (longitude, latitude): chosen by eye, not data.
THEATRE_LABELS = {
    "Arctic–Baltic": (3.0, 66.5),
    "Central and Eastern Europe": (17.6, 56.6),
    "Black Sea–South Caucasus": (34.5, 43.3),
}
#: Where the map names the three states whose fills a reader must tell apart without colour
#: (greyscale, print): chosen by eye, beside each state's marker, not data.
COUNTRY_LABELS = {
    "Poland": (19.5, 53.3),
    "Belarus": (30.0, 52.2),
    "Russia": (40.0, 59.5),
}
#: Label colours on those fills: white on Poland's dark fill, dark grey on the lighter ones.
COUNTRY_LABEL_COLOURS = {"Poland": "white", "Belarus": INK, "Russia": INK}
#: The groupings the map's markers can show (the ``markers`` control).
GROUPINGS = {"intermarium": "Intermarium candidates (1918–38)", "three_seas": "Three Seas Initiative (since 2015)"}
#: Marker and legend text of each Three Seas status in ``data/poland_map.csv``; a status not
#: listed here gets one of ``SPARE_SYMBOLS`` and a legend entry of its own.
THREE_SEAS_STYLE = {
    "founding member": ("square", "Three Seas: founding member (2015)"),
    "later member": ("triangle-up", "Three Seas: later member"),
    "associated participating state": ("circle", "Three Seas: associated participating state (2023)"),
}
SPARE_SYMBOLS = ("star", "hexagon", "cross", "x", "pentagon", "hourglass")
INTERMARIUM_NAME = "Intermarium candidate, 1918–38 (or successor)"


def status(country: str, nato_members: set[str]) -> str:
    """The map's fill category of ``country``."""
    if country in ("Poland", "Belarus", "Russia"):
        return country
    return "NATO member" if country in nato_members else "Not in NATO"


def label_point(feature: Mapping[str, Any]) -> tuple[float, float]:
    """A point inside a country for its marker: the vertex mean of its largest ring."""
    polys = feature["geometry"]["coordinates"]
    ring = max((p[0] for p in polys), key=ring_area)
    pts = np.asarray(ring[:-1], dtype=float)
    return float(pts[:, 0].mean()), float(pts[:, 1].mean())


def _hover(country: str, row: Mapping[str, Any] | None, nato: set[str]) -> str:
    lines = [f"<b>{country}</b>", "NATO member" if country in nato else "Not a NATO member"]
    if row is not None:
        inter = row["intermarium"]
        if inter == "leader":
            lines.append("Intermarium: Piłsudski's Poland, its would-be leader")
        elif inter != "no":
            lines.append(f"Intermarium: {inter}")
        if row["three_seas"] != "no":
            lines.append(f"Three Seas Initiative: {row['three_seas']}")
        if row["theatre"] != "none":
            lines.append(f"Article's theatre: {row['theatre']}")
        if row["key_state"]:
            lines.append("One of the five key states in Korybko's follow-up")
    return "<br>".join(lines)


def _names(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def three_seas_styles(statuses: Sequence[str]) -> dict[str, tuple[str, str]]:
    """The marker symbol and legend text of each Three Seas status in ``statuses`` ("no" left
    out): the known ones in the order of :data:`THREE_SEAS_STYLE`, then any other, in
    alphabetical order, with a spare symbol and its own legend entry (the map never fails on a
    status it does not know)."""
    present = {s for s in statuses if s != "no"}
    out = {s: THREE_SEAS_STYLE[s] for s in THREE_SEAS_STYLE if s in present}
    for k, s in enumerate(sorted(present - set(THREE_SEAS_STYLE))):
        out[s] = (SPARE_SYMBOLS[k % len(SPARE_SYMBOLS)], f"Three Seas: {s}")
    return out


def theatre_map(geometry: Mapping[str, Any], map_table: pd.DataFrame, nato_members: Sequence[str]) -> Chart:
    """Europe with NATO members, Belarus, Russia, the article's three theatres, and markers for
    either Piłsudski's Intermarium candidates or the Three Seas Initiative's members.

    Parameters
    ----------
    geometry : GeoJSON FeatureCollection
        Country shapes whose ``id`` is the country's name (``explainer.data.europe_geometry()``).
    map_table : DataFrame
        ``explainer.data.poland_map()``: Intermarium, Three Seas and theatre status by country.
    nato_members : sequence of str
        The 32 allies (``explainer.data.nato_population()["member"]``).

    Raises
    ------
    ValueError
        If a column is missing or a country the table names has no shape in ``geometry``.
    """
    required = {"country", "intermarium", "three_seas", "theatre", "key_state"}
    missing = required - set(map_table.columns)
    if missing:
        raise ValueError(f"map_table is missing columns: {', '.join(sorted(missing))}")
    features = {f["id"]: f for f in geometry["features"]}
    no_shape = sorted(set(map_table["country"]) - set(features))
    if no_shape:
        raise ValueError(f"geometry has no shape for: {', '.join(no_shape)}")
    nato = set(nato_members)
    rows = {r["country"]: r for r in map_table.to_dict("records")}
    seas = three_seas_styles(map_table["three_seas"].tolist())
    theatres = [t for t in dict.fromkeys(map_table["theatre"]) if t != "none"]
    colours = dict(THEATRE_COLOURS)
    for k, t in enumerate(t for t in theatres if t not in THEATRE_COLOURS):
        colours[t] = SPARE_COLOURS[k % len(SPARE_COLOURS)]
    inter = [c for c, r in rows.items() if r["intermarium"] != "no"]
    members = {s: [c for c, r in rows.items() if r["three_seas"] == s] for s in seas}

    def labels() -> dict[str, tuple[float, float]]:
        out = {t: THEATRE_LABELS[t] for t in theatres if t in THEATRE_LABELS}
        for t in theatres:
            if t not in out:
                pts = [label_point(features[c]) for c, r in rows.items() if r["theatre"] == t]
                out[t] = (float(np.mean([p[0] for p in pts])), float(np.mean([p[1] for p in pts])))
        return out

    def markers(countries: list[str], symbol: str, name: str, visible: bool) -> go.Scattergeo:
        pts = [label_point(features[c]) for c in countries]
        return go.Scattergeo(
            lon=[p[0] for p in pts],
            lat=[p[1] for p in pts],
            mode="markers",
            name=name,
            visible=visible,
            marker=dict(symbol=symbol, size=9, color="white", line=dict(color=INK, width=1.5)),
            text=[_hover(c, rows[c], nato) for c in countries],
            hovertemplate="%{text}<extra></extra>",
        )

    def build() -> go.Figure:
        fig = go.Figure()
        # First trace: a Scattergeo placed by lon/lat, so plotly.js fetches no topojson (see maps.py).
        # It also carries the direct labels: the theatres' names, and Poland, Belarus and Russia,
        # whose fills alone would not tell them apart in greyscale.
        where = labels()
        names = list(where)
        states = [c for c in COUNTRY_LABELS if c in features]
        fig.add_trace(
            go.Scattergeo(
                lon=[where[n][0] for n in names] + [COUNTRY_LABELS[c][0] for c in states],
                lat=[where[n][1] for n in names] + [COUNTRY_LABELS[c][1] for c in states],
                text=[n.replace(" and ", " and<br>").replace("–", "–<br>") for n in names] + states,
                mode="text",
                textfont=dict(
                    size=[13] * len(names) + [11] * len(states),
                    color=[colours[n] for n in names] + [COUNTRY_LABEL_COLOURS[c] for c in states],
                ),
                hoverinfo="skip",
                showlegend=False,
                name="theatres",
            )
        )
        for cat, colour in STATUS_COLOURS.items():
            in_cat = [c for c in sorted(features) if status(c, nato) == cat]
            if not in_cat:
                continue
            line_colours = [colours.get(rows[c]["theatre"], "white") if c in rows else "white" for c in in_cat]
            line_widths = [2.2 if c in rows and rows[c]["theatre"] != "none" else 0.6 for c in in_cat]
            fig.add_trace(
                go.Choropleth(
                    geojson={"type": "FeatureCollection", "features": [features[c] for c in in_cat]},
                    locations=in_cat,
                    z=[1] * len(in_cat),
                    featureidkey="id",
                    colorscale=[[0, colour], [1, colour]],
                    showscale=False,
                    name=cat,
                    showlegend=True,
                    marker=dict(line=dict(color=line_colours, width=line_widths)),
                    text=[_hover(c, rows.get(c), nato) for c in in_cat],
                    hovertemplate="%{text}<extra></extra>",
                )
            )
        fig.add_trace(markers(inter, "diamond", INTERMARIUM_NAME, True))
        for s, (symbol, name) in seas.items():
            fig.add_trace(markers(members[s], symbol, name, False))
        fig.update_layout(
            geo=offline_geo_layout(),
            height=520,
            margin=dict(l=0, r=0, t=10, b=0),
            legend=dict(
                orientation="h",
                y=1.0,
                yanchor="bottom",
                x=0.0,
                xanchor="left",
                font=dict(size=12),
                itemclick=False,
                itemdoubleclick=False,
            ),
        )
        return fig

    n_status = sum(1 for cat in STATUS_COLOURS if any(status(c, nato) == cat for c in features))
    first_marker = 1 + n_status
    cand = [c for c in inter if rows[c]["intermarium"] != "leader"]
    cand_nato = [c for c in cand if c in nato]
    outside = sorted(set(inter) - nato)
    inter_sentence = (
        f"Diamonds mark Poland and the {len(cand)} present-day states that were Intermarium candidates in the "
        f"widest list or lie on a candidate's territory; {len(cand_nato)} of them are NATO members today"
        + (f", the others are {_names(outside)}." if outside else ".")
        + " The outlines mark the article's three theatres."
    )
    parts = []
    for s, group in members.items():
        head = f"{len(group)} {s}{'s' if len(group) != 1 and not s.endswith('s') else ''}"
        parts.append(head + (f" ({_names(sorted(group))})" if len(group) <= 4 else ""))
    all_seas = [c for g in members.values() for c in g]
    seas_sentence = (
        (
            f"The markers show the Three Seas Initiative: {_names(parts)}; "
            f"{sum(c in nato for c in all_seas)} of these {len(all_seas)} states are NATO members."
        )
        if parts
        else "The table names no Three Seas member."
    )

    def update(fig: go.Figure, markers: str) -> str:
        fig.data[first_marker].visible = markers == "intermarium"
        for k in range(len(seas)):
            fig.data[first_marker + 1 + k].visible = markers == "three_seas"
        return inter_sentence if markers == "intermarium" else seas_sentence

    return Chart(
        name="poland-map",
        title="NATO's eastern flank, Piłsudski's Intermarium, the Three Seas Initiative and the article's three "
        "theatres",
        source="Shapes: Natural Earth 1:50m (public domain) via world-atlas 2.0.2, simplified; Canada and the "
        "United States (NATO members) are off the map. Status: data/poland_map.csv and "
        "data/nato_population.csv (sources per row). Outlines: the three theatres (five key states named "
        "by Korybko; the rest of the grouping is this book's reading).",
        build=build,
        update=update,
        controls=(Control("markers", "Markers show", "intermarium", grid=tuple(GROUPINGS), options=GROUPINGS),),
    )


# ---------------------------------------------------------------------------------------------
# Spending and forces, as reported
# ---------------------------------------------------------------------------------------------
#: The series chapter 3 compares, in legend order, with their style (dash and width both differ
#: among the Baltic states, which run close together). Every series has a marker symbol of its
#: own too (open for NATO's estimates), so that the legend tells them apart in greyscale.
SPENDING_SERIES = {
    "Poland": dict(color=PALETTE["vermillion"], dash="solid", width=4, symbol="circle"),
    "Lithuania": dict(color=PALETTE["green"], dash="dash", width=3, symbol="square"),
    "Latvia": dict(color=PALETTE["green"], dash="dot", width=2, symbol="diamond"),
    "Estonia": dict(color=PALETTE["green"], dash="dashdot", width=2.5, symbol="triangle-up"),
    "United States": dict(color=PALETTE["blue"], dash="solid", width=2, symbol="cross"),
    "United Kingdom": dict(color=PALETTE["sky"], dash="dash", width=2, symbol="triangle-down"),
    "France": dict(color=PALETTE["purple"], dash="dot", width=2.5, symbol="star"),
    "Germany": dict(color=PALETTE["orange"], dash="dashdot", width=2, symbol="x"),
    "NATO Europe and Canada": dict(color=PALETTE["black"], dash="longdash", width=2, symbol="hourglass"),
}


def spending_comparison(spending: pd.DataFrame) -> Chart:
    """Defence spending as % of GDP, 2014–2025 (NATO's 2025 edition), Poland against its peers.

    Parameters
    ----------
    spending : DataFrame
        ``explainer.data.defence_spending_gdp()`` (columns country, year, pct_gdp, estimate).

    Raises
    ------
    ValueError
        If a column is missing or a series of :data:`SPENDING_SERIES` has no values.
    """
    required = {"country", "year", "pct_gdp", "estimate"}
    missing = required - set(spending.columns)
    if missing:
        raise ValueError(f"spending is missing columns: {', '.join(sorted(missing))}")
    series = {}
    for country in SPENDING_SERIES:
        rows = spending[spending["country"] == country].dropna(subset=["pct_gdp"]).sort_values("year")
        if rows.empty:
            raise ValueError(f"spending has no values for {country!r}")
        series[country] = rows

    first_year = float(min(r["year"].min() for r in series.values()))

    def build() -> go.Figure:
        fig = go.Figure()
        for country, style in SPENDING_SERIES.items():
            rows = series[country]
            est = rows["estimate"].to_numpy(bool)
            fig.add_trace(
                go.Scatter(
                    x=rows["year"],
                    y=rows["pct_gdp"],
                    name=country,
                    mode="lines+markers",
                    line=dict(color=style["color"], dash=style["dash"], width=style["width"]),
                    marker=dict(
                        size=9 if country == "Poland" else 7,
                        symbol=np.where(est, style["symbol"] + "-open", style["symbol"]),
                    ),
                    customdata=np.where(est, "NATO estimate", "NATO figure"),
                    hovertemplate="%{x}: %{y:.2f}% of GDP (%{customdata})<extra>" + country + "</extra>",
                )
            )
        # the reference lines end after the data and are labelled to their right, where no series runs
        last = float(max(r["year"].max() for r in series.values()))
        for level, text in ((2.0, "2%<br>guideline"), (pl.HAGUE_CORE, "3.5%<br>core"), (pl.HAGUE_TOTAL, "5%<br>total")):
            fig.add_shape(
                type="line",
                xref="x",
                yref="y",
                x0=first_year - 0.6,
                x1=last + 0.25,
                y0=level,
                y1=level,
                line=REFERENCE,
                layer="below",
            )
            fig.add_annotation(
                x=last + 0.35,
                y=level,
                xref="x",
                yref="y",
                text=text,
                showarrow=False,
                xanchor="left",
                # the top label hangs below its line, clear of the legend above the plot
                yanchor="top" if level == pl.HAGUE_TOTAL else "middle",
                align="left",
                font=dict(size=11),
            )
        fig.update_xaxes(
            title_text="Year",
            range=[first_year - 0.6, last + 3.2],
            tickvals=[y for y in range(int(first_year), int(last) + 1) if y % 5 == 0],
            tickangle=0,
        )
        fig.update_yaxes(title_text="% of GDP", range=[0, 5.4])
        fig.update_layout(height=600, margin=dict(l=60, r=20, t=20, b=60), legend=dict(font=dict(size=12)))
        return fig

    first, last = series["Poland"].iloc[0], series["Poland"].iloc[-1]
    year = int(last["year"])
    at = {c: r[r["year"] == year] for c, r in series.items() if c != "Poland"}
    with_year = sorted(((float(r["pct_gdp"].iloc[0]), c) for c, r in at.items() if not r.empty), reverse=True)
    without = [c for c, r in at.items() if r.empty]
    others = "; ".join(f"{c} {v:.2f}%" for v, c in with_year)
    summary = (
        f"Poland's defence spending rose from {float(first['pct_gdp']):.2f}% of GDP in {int(first['year'])} "
        f"to {'an estimated ' if bool(last['estimate']) else ''}{float(last['pct_gdp']):.2f}% in {year}, "
        f"the highest of the series shown ({year}: {others})"
    )
    if without:
        listed = without[0] if len(without) == 1 else ", ".join(without[:-1]) + " or " + without[-1]
        summary += f"; the edition gives no {year} figure for {listed}"
    summary += "."
    return Chart(
        name="poland-spending",
        title="Defence spending as a share of GDP, 2014–2025 (NATO definition, one edition: August 2025; open "
        "markers are NATO's estimates)",
        source="Source: data/defence_spending_gdp.csv (NATO, Defence Expenditure of NATO Countries 2014–2025; "
        "2025 estimates from reports of that release; no 2025 estimate found for Germany, France or the "
        "aggregate). Lines at 2% (the 2014 guideline), 3.5% and 5% (the 2025 Hague commitment for 2035).",
        build=build,
        summary=summary,
    )


#: Where the forces chart puts each year's label, so that neighbours do not overlap.
LABEL_POSITION = {
    2014: "top right",
    2023: "top left",
    2024: "middle left",
    2025: "bottom center",
    2026: "middle right",
    2035: "middle left",
}


def forces(forces: pd.DataFrame, belarus: pd.DataFrame) -> Chart:
    """Poland's reported armed-forces headcounts and the 300,000 target, each with its definition.

    The points are **not one series**: each source counts something different, so they are drawn
    as separate markers, never joined by a line.

    Parameters
    ----------
    forces : DataFrame
        ``explainer.data.poland_forces()`` (columns year, personnel, kind, measure).
    belarus : DataFrame
        ``explainer.data.belarus_forces()``: Belarus's active forces as two sources count them,
        drawn as a band from the lower to the higher count, for scale.

    Raises
    ------
    ValueError
        If a column is missing or ``belarus`` is empty.
    """
    if belarus is None or "personnel" not in belarus or belarus.empty:
        raise ValueError("belarus must be explainer.data.belarus_forces() (a non-empty 'personnel' column)")
    lo, hi = float(belarus["personnel"].min()), float(belarus["personnel"].max())
    required = {"year", "personnel", "kind", "measure"}
    missing = required - set(forces.columns)
    if missing:
        raise ValueError(f"forces is missing columns: {', '.join(sorted(missing))}")

    def build() -> go.Figure:
        fig = go.Figure()
        fig.add_hrect(
            y0=lo,
            y1=hi,
            fillcolor=PALETTE["orange"],
            opacity=0.35,
            line_width=0,
            annotation_text=f"Belarus, active forces<br>(~{lo:,.0f}–{hi:,.0f}, 2022)",
            annotation_position="top left",
            annotation_font_size=12,
        )
        for kind, style in (
            ("reported", dict(symbol="circle", color=PALETTE["blue"], size=11)),
            ("target", dict(symbol="star", color=PALETTE["vermillion"], size=18)),
        ):
            rows = forces[forces["kind"] == kind]
            fig.add_trace(
                go.Scatter(
                    x=rows["year"],
                    y=rows["personnel"],
                    mode="markers+text",
                    name="Reported size" if kind == "reported" else "Target (2022 Homeland Defence Act)",
                    marker=style,
                    text=[f"{v:,.0f}" for v in rows["personnel"]],
                    textposition=[LABEL_POSITION.get(int(y), "top center") for y in rows["year"]],
                    textfont=dict(size=12),
                    customdata=rows["measure"],
                    hovertemplate="%{x}: %{y:,.0f}<br>%{customdata}<extra></extra>",
                )
            )
        fig.update_yaxes(title_text="Personnel", range=[0, 340_000], tickformat="~s")
        fig.update_xaxes(title_text="Year", range=[2013, 2036.5], tickvals=list(range(2015, 2036, 5)), tickangle=0)
        fig.update_layout(height=500, margin=dict(l=70, r=20, t=20, b=60))
        return fig

    reported = forces[forces["kind"] == "reported"].sort_values("year")
    target = forces[forces["kind"] == "target"].sort_values("year")
    recent = reported.tail(3)
    summary = (
        f"Reported sizes rise from {float(reported['personnel'].iloc[0]):,.0f} in "
        f"{int(reported['year'].iloc[0])} to {float(recent['personnel'].min()):,.0f}–"
        f"{float(recent['personnel'].max()):,.0f} in {int(recent['year'].iloc[0])}–"
        f"{int(recent['year'].iloc[-1])}, each source counting something different"
    )
    if not target.empty:
        summary += f"; the target is {float(target['personnel'].iloc[-1]):,.0f} by about {int(target['year'].iloc[-1])}"
    summary += f"; Belarus's active forces were about {lo:,.0f}–{hi:,.0f} in 2022."
    return Chart(
        name="poland-forces",
        title="Poland's armed forces: reported sizes and the 300,000 target (each point counts something "
        "different: hover for its definition)",
        source="Source: data/poland_forces.csv (NATO figures as quoted, ministers, Politico, RIA Novosti [Russian "
        "state media]; one URL per row). Belarus: data/belarus_forces.csv (CIA World Factbook; IISS via "
        "Reuters), 2022.",
        build=build,
        summary=summary,
    )


# ---------------------------------------------------------------------------------------------
# The what-if: caps on the share of GDP and on troops
# ---------------------------------------------------------------------------------------------
#: The static page's values of the two static controls.
CAP_GRID = tuple(float(v) for v in np.round(np.arange(3.0, 5.5001, 0.25), 2))
GROWTH_GRID = (0.0, 1.0, 2.0, 3.0, 4.0, 5.0)
FREE = dict(color=PALETTE["blue"], width=4)
CAPPED = dict(color=PALETTE["vermillion"], width=2.5, dash="dash")
GAP_FILL = "rgba(213,94,0,0.18)"


def cap_grid() -> np.ndarray:
    """The static page's values of the cap: 3.00, 3.25, ..., 5.50 percent of GDP."""
    return np.asarray(CAP_GRID)


@functools.lru_cache(maxsize=1)
def _static_ranges() -> tuple[tuple[float, float], tuple[float, float]]:
    """The share and spending axes that hold every static grid point, so that the axes stay put
    while a reader steps through the static page (live values beyond them widen the axis)."""
    paths = [pl.spending_path(gdp_growth=g, cap_share=c) for g in GROWTH_GRID for c in CAP_GRID]
    share = (min(float(p.share_capped.min()) for p in paths), max(float(p.share.max()) for p in paths))
    spend = (min(float(p.spending_capped.min()) for p in paths), max(float(p.spending.max()) for p in paths))
    return (
        (float(np.floor(share[0] * 2) / 2 - 0.5), float(share[1] + 0.6)),
        (float(np.floor(spend[0] * 2) / 2 - 0.5), float(np.ceil(spend[1] * 2) / 2 + 0.3)),
    )


def _span(values: Sequence[np.ndarray], fixed: tuple[float, float], pad: float) -> list[float]:
    lo = min(float(np.min(v)) for v in values)
    hi = max(float(np.max(v)) for v in values)
    return [min(fixed[0], lo - pad), max(fixed[1], hi + pad)]


def _build_cap() -> go.Figure:
    years = pl.horizon()
    zeros = np.zeros(years.size)
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.09,
        subplot_titles=("Share of GDP (%)", "Spending (% of 2025 GDP, real)", "Troops"),
    )
    for row, unit, fmt in ((1, "% of GDP", ".2f"), (2, "% of 2025 GDP", ".2f"), (3, "troops", ",.0f")):
        fig.add_trace(
            go.Scatter(
                x=years,
                y=zeros,
                name="Uncapped path",
                line=FREE,
                legendgroup="free",
                showlegend=row == 1,
                hovertemplate="%{x}: %{y:" + fmt + "} " + unit + "<extra>uncapped</extra>",
            ),
            row=row,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=years,
                y=zeros,
                name="With the caps",
                line=CAPPED,
                legendgroup="capped",
                showlegend=row == 1,
                fill="tonexty" if row > 1 else None,
                fillcolor=GAP_FILL if row > 1 else None,
                hovertemplate="%{x}: %{y:" + fmt + "} " + unit + "<extra>capped</extra>",
            ),
            row=row,
            col=1,
        )
    for level, text, where in ((pl.HAGUE_CORE, "3.5% core", "bottom left"), (pl.HAGUE_TOTAL, "5% total", "top left")):
        fig.add_hline(
            y=level,
            row=1,
            col=1,
            line=REFERENCE,
            annotation_text=text,
            annotation_position=where,
            annotation_font_size=11,
        )
    fig.add_hline(
        y=pl.TROOP_TARGET,
        row=3,
        col=1,
        line=REFERENCE,
        annotation_text="300,000 target (2022 act)",
        annotation_position="top left",
        annotation_font_size=11,
    )
    fig.update_yaxes(title_text="% of GDP", row=1, col=1)
    fig.update_yaxes(title_text="% of 2025 GDP", row=2, col=1)
    fig.update_yaxes(title_text="Troops", tickformat=",", row=3, col=1)
    fig.update_xaxes(dtick=2)
    fig.update_xaxes(title_text="Year", row=3, col=1)
    for ann in fig.layout.annotations[:3]:  # the subplot titles, at the left like the book's text
        ann.update(x=0.0, xanchor="left", font=dict(size=13))
    # room above the first panel's title for the legend, which sits above the plot area
    top = fig.layout.yaxis.domain[1] - 0.05
    fig.layout.yaxis.domain = [fig.layout.yaxis.domain[0], top]
    fig.layout.annotations[0].y = top
    fig.update_layout(height=780, margin=dict(l=70, r=20, t=30, b=60), hovermode="x unified")
    return fig


def _growth_words(g: float) -> str:
    if g > 0:
        return f"growing {g:g}% a year"
    if g < 0:
        return f"shrinking {-g:g}% a year"
    return "flat"


def _update_cap(
    fig: go.Figure,
    cap_share: float,
    gdp_growth: float,
    start_share: float,
    target_share: float,
    target_year: int,
    cap_from: int,
    depreciation: float,
    start_troops: float,
    target_troops: float,
    troop_cap: float,
) -> str:
    s = pl.spending_path(
        gdp_growth=gdp_growth,
        start_share=start_share,
        target_share=target_share,
        target_year=target_year,
        cap_share=cap_share,
        cap_from=cap_from,
        depreciation=depreciation,
    )
    t = pl.troop_path(
        start_troops=start_troops,
        target_troops=target_troops,
        troop_cap=troop_cap,
        cap_from=cap_from,
        target_year=target_year,
    )
    fig.data[0].y, fig.data[1].y = s.share, s.share_capped
    fig.data[2].y, fig.data[3].y = s.spending, s.spending_capped
    fig.data[4].y, fig.data[5].y = t.troops, t.troops_capped
    share_range, spend_range = _static_ranges()
    fig.layout.yaxis.range = _span((s.share, s.share_capped), share_range, 0.3)
    fig.layout.yaxis2.range = _span((s.spending, s.spending_capped), spend_range, 0.3)
    fig.layout.yaxis3.range = _span((t.troops, t.troops_capped), (0.0, 340_000.0), 20_000.0)
    end = int(s.years[-1])
    if s.binds is None:
        spend = f"a cap of {cap_share:.2f}% of GDP from {cap_from} never binds by {end}"
    else:
        budgets = "less than 0.01" if s.forgone_budgets < 0.005 else f"{s.forgone_budgets:.2f}"
        spend = (
            f"a cap of {cap_share:.2f}% of GDP from {cap_from} binds in {s.binds} and forgoes {budgets} "
            f"years of Poland's 2025 defence budget by {end} ({percent(s.stock_shortfall)} of the "
            f"{end} capability stock)"
        )
    if t.binds is None:
        troops = f"a ceiling of {troop_cap:,.0f} troops never binds by {end}"
    else:
        troops = (
            f"a ceiling of {troop_cap:,.0f} troops binds in {t.binds} and leaves Poland "
            f"{t.forgone_2035:,.0f} soldiers short of its target in {end}"
        )
    return f"With real GDP {_growth_words(gdp_growth)}, {spend}; {troops}."


def cap_whatif() -> Chart:
    """The what-if of chapter 3: Poland's share of GDP, spending and troops, with and without caps.

    The static page moves the spending cap and GDP growth; the live panel (JupyterLab, Binder)
    also moves the path to the target, the caps' first year, depreciation and the troop numbers.
    Every number comes from :func:`explainer.models.poland.spending_path` and
    :func:`explainer.models.poland.troop_path`.
    """
    d = pl.DEFAULTS
    return Chart(
        name="poland-cap",
        title="Poland's path to the 2035 commitment, with and without caps: share of GDP, spending and troops",
        source=(
            f"Sourced defaults: the start (NATO's 2025 estimate for Poland, {pl.POLAND_2025_NATO}% of GDP), "
            "the end (the Hague commitment, 5% by 2035), about 200,000 troops in 2025 and the 300,000 target. "
            "GDP growth (GDP is an index, 2025 = 100), the caps and depreciation are illustrative assumptions "
            "that you can move. The shaded gaps are what the caps remove."
        ),
        build=_build_cap,
        update=_update_cap,
        controls=(
            Control(
                "cap_share",
                "Cap on spending (% of GDP; an assumption)",
                d.cap_share,
                grid=CAP_GRID,
                live=(1.0, 7.0, 0.05),
                fmt="{:.2f}%",
            ),
            Control(
                "gdp_growth",
                "Real GDP growth (% a year; an assumption)",
                d.gdp_growth,
                grid=GROWTH_GRID,
                live=(-2.0, 6.0, 0.25),
                fmt="{:g}%",
            ),
            Control("start_share", "Defence spending in 2025 (% of GDP)", d.start_share, live=(2.0, 6.0, 0.01)),
            Control("target_share", "Target share of GDP (%)", d.target_share, live=(2.0, 7.0, 0.1), fmt="{:.1f}%"),
            Control("target_year", "Year the targets are reached", d.target_year, live=(2026, 2035, 1), fmt="{:d}"),
            Control("cap_from", "First year of the caps (an assumption)", d.cap_from, live=(2026, 2035, 1), fmt="{:d}"),
            Control(
                "depreciation",
                "Capability lost each year (%; an assumption)",
                d.depreciation,
                live=(2.0, 30.0, 1.0),
                fmt="{:.0f}%",
            ),
            Control(
                "start_troops", "Troops in 2025", d.start_troops, live=(100_000.0, 300_000.0, 1_000.0), fmt="{:,.0f}"
            ),
            Control(
                "target_troops", "Troop target", d.target_troops, live=(150_000.0, 500_000.0, 5_000.0), fmt="{:,.0f}"
            ),
            Control(
                "troop_cap",
                "Cap on troops (an assumption)",
                d.troop_cap,
                live=(100_000.0, 500_000.0, 5_000.0),
                fmt="{:,.0f}",
            ),
        ),
    )
