"""Live panel for chapter 3: every assumption of Poland's spending and force what-if."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import poland as pl
from ..theme import PALETTE
from ._panel import LivePanel, slider

FREE = dict(color=PALETTE["blue"], width=3)
CAPPED = dict(color=PALETTE["vermillion"], width=3, dash="dash")


def _build_figure() -> go.Figure:
    fig = make_subplots(rows=1, cols=3, horizontal_spacing=0.08,
                        subplot_titles=("Share of GDP (%)", "Spending (% of 2025 GDP)", "Troops"))
    years = pl.horizon()
    for col, unit in ((1, "% of GDP"), (2, "% of 2025 GDP"), (3, "troops")):
        fig.add_trace(go.Scatter(x=years, y=[0.0] * years.size, name="Uncapped", line=FREE, showlegend=col == 1,
                                 hovertemplate="%{x}: %{y:,.2f} " + unit + "<extra>uncapped</extra>"), row=1, col=col)
        fig.add_trace(go.Scatter(x=years, y=[0.0] * years.size, name="Capped", line=CAPPED, showlegend=col == 1,
                                 hovertemplate="%{x}: %{y:,.2f} " + unit + "<extra>capped</extra>"), row=1, col=col)
    for level in (pl.HAGUE_CORE, pl.HAGUE_TOTAL):
        fig.add_hline(y=level, row=1, col=1, line=dict(color="rgba(100,100,100,0.6)", dash="dot", width=1))
    fig.add_hline(y=pl.TROOP_TARGET, row=1, col=3, line=dict(color="rgba(100,100,100,0.6)", dash="dot", width=1))
    fig.update_yaxes(rangemode="tozero", row=1, col=3, tickformat=",")
    fig.update_layout(height=520, margin=dict(t=120, b=80), title=dict(text="", font=dict(size=14)))
    return fig


def update(fig: go.Figure, gdp_growth: float, start_share: float, target_share: float,
           target_year: int, cap_share: float, cap_from: int, depreciation: float,
           start_troops: float, target_troops: float, troop_cap: float) -> None:
    """Recompute the spending and troop paths for the sliders' values; write them into ``fig``."""
    s = pl.spending_path(gdp_growth=gdp_growth, start_share=start_share, target_share=target_share,
                         target_year=target_year, cap_share=cap_share, cap_from=cap_from,
                         depreciation=depreciation)
    t = pl.troop_path(start_troops=start_troops, target_troops=target_troops, troop_cap=troop_cap,
                      cap_from=cap_from, target_year=target_year)
    fig.data[0].y, fig.data[1].y = s.share, s.share_capped
    fig.data[2].y, fig.data[3].y = s.spending, s.spending_capped
    fig.data[4].y, fig.data[5].y = t.troops, t.troops_capped
    spend = ("spending cap never binds" if s.binds is None else
             f"spending cap binds in {s.binds}, forgoes {s.forgone_budgets:.2f} years of the 2025 budget "
             f"({s.stock_shortfall:.1%} of the 2035 capability stock)")
    troops = ("troop cap never binds" if t.binds is None else
              f"troop cap binds in {t.binds}, {t.forgone_2035:,.0f} fewer soldiers in 2035")
    fig.layout.title.text = f"{spend};<br>{troops}"


def panel() -> LivePanel:
    """The chapter 3 live panel: GDP growth, the path to the 2035 target, the caps and the troops."""
    d = pl.DEFAULTS
    controls = {
        "gdp_growth": slider("Real GDP growth (% a year, assumption)", d.gdp_growth, -2.0, 6.0, 0.25),
        "start_share": slider("Defence spending in 2025 (% of GDP)", d.start_share, 2.0, 6.0, 0.01),
        "target_share": slider("Target share of GDP", d.target_share, 2.0, 7.0, 0.1),
        "target_year": slider("Year the target is reached", d.target_year, 2026, 2035, 1, integer=True),
        "cap_share": slider("Cap on spending (% of GDP)", d.cap_share, 1.0, 7.0, 0.05),
        "cap_from": slider("First year of the caps", d.cap_from, 2026, 2035, 1, integer=True),
        "depreciation": slider("Capability lost each year (%)", d.depreciation, 2.0, 30.0, 1.0, ".0f"),
        "start_troops": slider("Troops in 2025", d.start_troops, 100_000, 300_000, 1_000, ".0f"),
        "target_troops": slider("Troop target", d.target_troops, 150_000, 500_000, 5_000, ".0f"),
        "troop_cap": slider("Cap on troops", d.troop_cap, 100_000, 500_000, 5_000, ".0f"),
    }
    return LivePanel("Poland's build-up with and without a cap: every assumption", _build_figure, controls, update)
