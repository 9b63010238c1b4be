"""Charts for chapter 3, Poland's role: the map, spending, forces and the capped what-if."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import poland as pl
from ..theme import PALETTE, SOURCE_MARGIN
from ._common import ILLUSTRATIVE, Step, add_source, add_static_slider, new_figure
from .maps import offline_geo_layout, ring_area

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
    "Central and Eastern Europe": PALETTE["black"],
    "Black Sea–South Caucasus": PALETTE["green"],
}
#: Where each theatre's label sits (longitude, latitude): chosen by eye, not data.
THEATRE_LABELS = {
    "Arctic–Baltic": (3.0, 66.5),
    "Central and Eastern Europe": (17.6, 56.6),
    "Black Sea–South Caucasus": (34.5, 43.3),
}


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


def theatre_map_figure(geometry: Mapping[str, Any], table: pd.DataFrame, nato_members: Sequence[str]) -> go.Figure:
    """Europe with NATO members, Belarus, Russia, the Intermarium states and the three theatres.

    Parameters
    ----------
    geometry : GeoJSON FeatureCollection
        Country shapes whose ``id`` is the country's name (``explainer.data.europe_geometry()``).
    table : DataFrame
        ``explainer.data.poland_map()``: Intermarium, Three Seas and theatre status by country.
    nato_members : sequence of str
        The 32 allies (``explainer.data.nato_population()["member"]``).

    Raises
    ------
    ValueError
        If a country the table names has no shape in ``geometry``.
    """
    features = {f["id"]: f for f in geometry["features"]}
    missing = sorted(set(table["country"]) - set(features))
    if missing:
        raise ValueError(f"geometry has no shape for: {', '.join(missing)}")
    nato = set(nato_members)
    rows = {r["country"]: r for r in table.to_dict("records")}
    fig = go.Figure()
    # First trace: a Scattergeo placed by lon/lat, so plotly.js fetches no topojson (see maps.py).
    names = list(THEATRE_LABELS)
    fig.add_trace(go.Scattergeo(
        lon=[THEATRE_LABELS[n][0] for n in names], lat=[THEATRE_LABELS[n][1] for n in names],
        text=[n.replace(" and ", " and<br>").replace("–", "–<br>") for n in names], mode="text",
        textfont=dict(size=13, color=[THEATRE_COLOURS[n] for n in names]),
        hoverinfo="skip", showlegend=False, name="theatres",
    ))
    for cat, colour in STATUS_COLOURS.items():
        members = [c for c in sorted(features) if status(c, nato) == cat]
        if not members:
            continue
        line_colours = [THEATRE_COLOURS.get(rows[c]["theatre"], "white") if c in rows else "white" for c in members]
        line_widths = [2.2 if c in rows and rows[c]["theatre"] != "none" else 0.6 for c in members]
        fig.add_trace(go.Choropleth(
            geojson={"type": "FeatureCollection", "features": [features[c] for c in members]},
            locations=members, z=[1] * len(members), featureidkey="id",
            colorscale=[[0, colour], [1, colour]], showscale=False, name=cat, showlegend=True,
            marker=dict(line=dict(color=line_colours, width=line_widths)),
            text=[_hover(c, rows.get(c), nato) for c in members], hovertemplate="%{text}<extra></extra>",
        ))
    inter = [c for c, r in rows.items() if r["intermarium"] != "no"]
    pts = [label_point(features[c]) for c in inter]
    fig.add_trace(go.Scattergeo(
        lon=[p[0] for p in pts], lat=[p[1] for p in pts], mode="markers", name="Intermarium candidate (plans of 1918–38) or its successor",
        marker=dict(symbol="diamond", size=9, color="white", line=dict(color="black", width=1.5)),
        text=[_hover(c, rows[c], nato) for c in inter], hovertemplate="%{text}<extra></extra>",
    ))
    fig.update_layout(
        title=dict(text="NATO's eastern flank, Piłsudski's Intermarium and the article's three theatres"
                        "<br><span style='font-size:13px'>Outlines: the three theatres (five key states named "
                        "by Korybko;<br>the rest of the grouping is this book's reading)</span>"),
        geo=offline_geo_layout(), height=720, margin=dict(l=10, r=10, t=170, b=70),
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0.0, xanchor="left", font=dict(size=12),
                    itemclick=False, itemdoubleclick=False),
    )
    add_source(fig, "Shapes: Natural Earth 1:50m (public domain) via world-atlas 2.0.2, simplified; Canada and the "
                    "United States (NATO members) are off the map. Status: data/poland_map.csv and "
                    "data/nato_population.csv (sources per row).")
    for ann in fig.layout.annotations:
        if ann.name == "source":
            ann.yshift = -12
    return fig


# ---------------------------------------------------------------------------------------------
# Spending and forces, as reported
# ---------------------------------------------------------------------------------------------
#: The series chapter 3 compares, in legend order, with their style.
SPENDING_SERIES = {
    "Poland": dict(color=PALETTE["vermillion"], dash="solid", width=4),
    "Lithuania": dict(color=PALETTE["green"], dash="dash", width=2),
    "Latvia": dict(color=PALETTE["green"], dash="dot", width=2),
    "Estonia": dict(color=PALETTE["green"], dash="dashdot", width=2),
    "United States": dict(color=PALETTE["blue"], dash="solid", width=2),
    "United Kingdom": dict(color=PALETTE["sky"], dash="dash", width=2),
    "France": dict(color=PALETTE["purple"], dash="dot", width=2),
    "Germany": dict(color=PALETTE["orange"], dash="dashdot", width=2),
    "NATO Europe and Canada": dict(color=PALETTE["black"], dash="longdash", width=2),
}


def spending_comparison_figure(spending: pd.DataFrame) -> go.Figure:
    """Defence spending as % of GDP, 2014–2025 (NATO's 2025 edition), Poland against its peers.

    Parameters
    ----------
    spending : DataFrame
        ``explainer.data.defence_spending_gdp()`` (columns country, year, pct_gdp, estimate).
    """
    required = {"country", "year", "pct_gdp", "estimate"}
    missing = required - set(spending.columns)
    if missing:
        raise ValueError(f"spending is missing columns: {', '.join(sorted(missing))}")
    fig = new_figure(
        title="Defence spending as a share of GDP, 2014–2025",
        subtitle="NATO definition, one edition (August 2025); open markers are NATO's estimates",
        x_title="Year", y_title="Defence spending (% of GDP)",
        source="Source: data/defence_spending_gdp.csv (NATO, Defence Expenditure of NATO Countries 2014–2025; "
               "2025 estimates from reports of that release; no 2025 estimate found for Germany, France or the "
               "aggregate). Lines at 2% (the 2014 guideline), 3.5% and 5% (the 2025 Hague commitment for 2035).",
        height=620, legend=dict(orientation="h", y=-0.16, yanchor="top", x=0.0),
        margin=dict(b=SOURCE_MARGIN + 90),
    )
    for ann in fig.layout.annotations:
        if ann.name == "source":
            ann.yshift = -(SOURCE_MARGIN + 60)
    for country, style in SPENDING_SERIES.items():
        rows = spending[spending["country"] == country].dropna(subset=["pct_gdp"]).sort_values("year")
        if rows.empty:
            raise ValueError(f"spending has no values for {country!r}")
        est = rows["estimate"].to_numpy(bool)
        fig.add_trace(go.Scatter(
            x=rows["year"], y=rows["pct_gdp"], name=country, mode="lines+markers",
            line=dict(color=style["color"], dash=style["dash"], width=style["width"]),
            marker=dict(size=8 if country == "Poland" else 6, symbol=np.where(est, "circle-open", "circle")),
            customdata=np.where(est, "NATO estimate", "NATO figure"),
            hovertemplate="%{x}: %{y:.2f}% of GDP (%{customdata})<extra>" + country + "</extra>",
        ))
    for level, text in ((2.0, "2% guideline"), (pl.HAGUE_CORE, "3.5% core (Hague, by 2035)"),
                        (pl.HAGUE_TOTAL, "5% total (Hague, by 2035)")):
        fig.add_hline(y=level, line=dict(color="rgba(100,100,100,0.6)", dash="dot", width=1),
                      annotation_text=text, annotation_position="top left", annotation_font_size=11)
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(range=[0, 5.4])
    return fig


#: Where the forces chart puts each year's label, so that neighbours do not overlap.
LABEL_POSITION = {2023: "top left", 2024: "middle left", 2025: "bottom center", 2026: "middle right"}


def forces_figure(forces: pd.DataFrame, belarus: pd.DataFrame) -> go.Figure:
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
    """
    if belarus is None or "personnel" not in belarus or belarus.empty:
        raise ValueError("belarus must be explainer.data.belarus_forces() (a non-empty 'personnel' column)")
    belarus_active = (float(belarus["personnel"].min()), float(belarus["personnel"].max()))
    required = {"year", "personnel", "kind", "measure"}
    missing = required - set(forces.columns)
    if missing:
        raise ValueError(f"forces is missing columns: {', '.join(sorted(missing))}")
    fig = new_figure(
        title="Poland's armed forces: reported sizes and the 300,000 target",
        subtitle="Each point counts something different: hover for its definition",
        x_title="Year", y_title="Personnel",
        source="Source: data/poland_forces.csv (NATO figures as quoted, ministers, Politico, RIA Novosti [Russian "
               "state media]; one URL per row). Belarus: data/belarus_forces.csv (CIA World Factbook; IISS via Reuters), 2022.",
        height=560,
    )
    fig.add_hrect(y0=belarus_active[0], y1=belarus_active[1], fillcolor=PALETTE["orange"], opacity=0.35,
                  line_width=0, annotation_text=f"Belarus, active forces (~{belarus_active[0]:,.0f}–{belarus_active[1]:,.0f}, 2022)",
                  annotation_position="top left", annotation_font_size=12)
    for kind, style in (("reported", dict(symbol="circle", color=PALETTE["blue"], size=11)),
                        ("target", dict(symbol="star", color=PALETTE["vermillion"], size=18))):
        rows = forces[forces["kind"] == kind]
        fig.add_trace(go.Scatter(
            x=rows["year"], y=rows["personnel"], mode="markers+text",
            name="Reported size" if kind == "reported" else "Target (2022 Homeland Defence Act)",
            marker=style, text=[f"{v:,.0f}" for v in rows["personnel"]],
            textposition=[LABEL_POSITION.get(int(y), "top center") for y in rows["year"]],
            customdata=rows["measure"], hovertemplate="%{x}: %{y:,.0f}<br>%{customdata}<extra></extra>",
        ))
    fig.update_yaxes(range=[0, 340_000], tickformat=",")
    fig.update_xaxes(range=[2013, 2036.5], dtick=2)
    return fig


# ---------------------------------------------------------------------------------------------
# The what-if: a cap on the share of GDP
# ---------------------------------------------------------------------------------------------
def cap_grid() -> np.ndarray:
    """Slider positions for the cap: 3.00, 3.25, ..., 5.50 percent of GDP."""
    return np.round(np.arange(3.0, 5.5001, 0.25), 2)


def _cap_title(path: pl.SpendingPath, cap: float, cap_from: int) -> str:
    if path.binds is None:
        bite = f"a cap of {cap:.2f}% of GDP from {cap_from} never binds before {int(path.years[-1])}"
    else:
        bite = (f"a cap of {cap:.2f}% from {cap_from} binds in {path.binds} and forgoes "
                f"{path.forgone_budgets:.2f} years of the 2025 budget by {int(path.years[-1])}")
    return ("Poland's path to the 2035 commitment, with and without a cap"
            f"<br><span style='font-size:13px'>{bite}</span>")


def cap_whatif_figure(cap_values: Sequence[float] | None = None, default_cap: float = pl.DEFAULTS.cap_share,
                      gdp_growth: float = pl.DEFAULTS.gdp_growth, cap_from: int = pl.DEFAULTS.cap_from) -> go.Figure:
    """Share of GDP and spending (percent of 2025 GDP), uncapped and capped; a static slider moves
    the cap. Each step's numbers come from :func:`explainer.models.poland.spending_path`."""
    values = cap_grid() if cap_values is None else np.asarray(cap_values, dtype=float)
    matches = np.flatnonzero(np.isclose(values, default_cap))
    if matches.size == 0:
        raise ValueError(f"default_cap {default_cap!r} is not one of the slider values")
    active = int(matches[0])
    paths = {float(v): pl.spending_path(gdp_growth=gdp_growth, cap_share=float(v), cap_from=cap_from) for v in values}
    free = pl.spending_path(gdp_growth=gdp_growth, cap_share=None)
    years = free.years
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.16,
                        subplot_titles=("Share of GDP (%)", "Spending (% of 2025 GDP, real)"))
    first = paths[float(values[active])]
    style_free = dict(color=PALETTE["blue"], width=3)
    style_cap = dict(color=PALETTE["vermillion"], width=3, dash="dash")
    fig.add_trace(go.Scatter(x=years, y=free.share, name="Uncapped: straight line to 5% by 2035", line=style_free,
                             hovertemplate="%{x}: %{y:.2f}% of GDP<extra>uncapped</extra>"), row=1, col=1)
    fig.add_trace(go.Scatter(x=years, y=free.spending, showlegend=False, line=style_free,
                             hovertemplate="%{x}: %{y:.2f}% of 2025 GDP<extra>uncapped</extra>"), row=1, col=2)
    fig.add_trace(go.Scatter(x=years, y=first.share_capped, name="With the cap", line=style_cap,
                             hovertemplate="%{x}: %{y:.2f}% of GDP<extra>capped</extra>"), row=1, col=1)
    fig.add_trace(go.Scatter(x=years, y=first.spending_capped, showlegend=False, line=style_cap, fill="tonexty",
                             fillcolor="rgba(213,94,0,0.18)",
                             hovertemplate="%{x}: %{y:.2f}% of 2025 GDP<extra>capped</extra>"), row=1, col=2)
    for level, text in ((pl.HAGUE_CORE, "3.5% core"), (pl.HAGUE_TOTAL, "5% total")):
        fig.add_hline(y=level, row=1, col=1, line=dict(color="rgba(100,100,100,0.6)", dash="dot", width=1),
                      annotation_text=text, annotation_position="bottom right", annotation_font_size=11)
    fig.update_yaxes(range=[2.5, 5.6], row=1, col=1, title_text="% of GDP")
    fig.update_yaxes(range=[3.5, 7.0], row=1, col=2, title_text="% of 2025 GDP")
    fig.update_xaxes(title_text="Year", dtick=2)
    fig.update_layout(title=dict(text=_cap_title(first, float(values[active]), cap_from)), height=640,
                      legend=dict(orientation="h", y=1.2, yanchor="bottom", x=0.0), margin=dict(t=160))
    add_source(fig, ILLUSTRATIVE + f" Start: NATO's 2025 estimate for Poland, {pl.POLAND_2025_NATO}% of GDP. "
                    f"Real GDP grows {gdp_growth:g}% a year (assumption; GDP is an index, 2025 = 100). "
                    "The shaded gap is the spending the cap removes.")
    steps = [
        Step(label=f"{v:.2f}%", data={"y": [paths[float(v)].share_capped, paths[float(v)].spending_capped]},
             layout={"title.text": _cap_title(paths[float(v)], float(v), cap_from)})
        for v in values
    ]
    return add_static_slider(fig, steps, traces=[2, 3], active=active,
                             prefix=f"Cap on Poland's defence spending from {cap_from}: ", name="poland-cap")

