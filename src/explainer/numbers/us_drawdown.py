"""The numbers and dates in the prose of chapter 2, the US drawdown (``book/02_us_drawdown.ipynb``).

The troop counts come from ``data/us_troops_europe.csv`` through the same split the troop chart
draws (:func:`explainer.figures.deterrence.troop_series`), the spending shares from
``data/defence_spending_gdp.csv``, and the model's values from :mod:`explainer.models.deterrence`
on the grids the region chart draws (:func:`explainer.figures.deterrence.region_grids`), so the
text and the charts cannot disagree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data
from ..figures import deterrence as charts
from ..models import deterrence as dt
from .since_article import day

NOTEBOOK = "02_us_drawdown.ipynb"

#: The troop file's rows that the text quotes for 2025, by number name.
SCOPES_2025: dict[str, str] = {
    "ap_lo": "Europe, total US troops incl. rotational (AP estimate, lower end)",
    "ap_hi": "Europe, total US troops incl. rotational (AP estimate, upper end)",
    "pl_dmdc": "Poland, DMDC permanently assigned active duty",
    "ro_dmdc": "Romania, DMDC permanently assigned active duty",
    "pl_reported": "Poland, US troops present incl. rotational (reported)",
    "pl_alt": "Poland, US troops present incl. rotational (reported, alternative estimate)",
    "ro_peak": "Romania, US troops present incl. rotational (reported)",
    "ro_after": "Romania, US troops remaining after Oct 2025 decision (reported)",
}

#: The defence-spending shares the text quotes, by number name: (country, year).
SPENDING: dict[str, tuple[str, int]] = {
    "eu_2014": ("NATO Europe and Canada", 2014),
    "eu_2021": ("NATO Europe and Canada", 2021),
    "eu_2024": ("NATO Europe and Canada", 2024),
    "pl_2014": ("Poland", 2014),
    "pl_2025": ("Poland", 2025),
    "lt_2014": ("Lithuania", 2014),
    "lt_2025": ("Lithuania", 2025),
    "de_2014": ("Germany", 2014),
    "de_2024": ("Germany", 2024),
    "ro_2014": ("Romania", 2014),
    "ro_2024": ("Romania", 2024),
}


def troop_count(troops: pd.DataFrame, scope: str, year: int) -> int:
    """The one count in the troop file for ``scope`` in ``year``.

    Raises
    ------
    ValueError
        If the file holds no row or more than one row for that scope and year.
    """
    rows = troops[(troops["scope"] == scope) & (troops["year"] == year)]
    if len(rows) != 1:
        raise ValueError(f"us_troops_europe.csv holds {len(rows)} rows for {scope!r} in {year}, not one")
    return int(rows["troops"].iloc[0])


def floor_cut(ap_lo: int, ap_hi: int) -> tuple[int, int, float, float]:
    """The largest cut the defence bill's floor allows before the certification the law requires,
    at each end of AP's estimate of the US troops usually in Europe.

    Returns
    -------
    tuple
        ``(troops_lo, troops_hi, share_lo, share_hi)``: the troops above the floor and their share
        of the estimate, at the lower and the upper end.
    """
    troops_lo, troops_hi = ap_lo - charts.NDAA_FLOOR, ap_hi - charts.NDAA_FLOOR
    return troops_lo, troops_hi, troops_lo / ap_lo, troops_hi / ap_hi


def switch_drawdown(step: float = 0.001) -> float:
    """The smallest drawdown (on a grid of ``step``) at which the bandwagoning ally accommodates,
    at the model's defaults; ``nan`` if it never does."""
    fine = np.linspace(0.0, 1.0, int(round(1.0 / step)) + 1)
    adv = dt.accommodation_advantage(dt.credibility(fine), "bandwagoning")
    return float(fine[np.argmax(adv > 0)]) if (adv > 0).any() else float("nan")


def crossing_drawdown(theory: str = "bandwagoning", asia: float = dt.DEFAULTS.asia) -> float:
    """The drawdown at which the tripwire curve crosses ``theory``'s threshold, with the demand in
    Asia at ``asia`` and the model's other defaults, as the credibility chart's sentence gives it
    ("crosses at a drawdown of about ..."); ``nan`` if it does not cross between 0 and 1."""
    p = {k: v for k, v in dt.DEFAULTS.as_dict().items() if k != "theory"}
    c_star = dt.critical_credibility(theory, asia=asia)
    return float(charts._drawdown_at(c_star, asia, p))


def _record() -> dict[str, str]:
    """The troop counts of the record and the eastern-flank table."""
    troops = data.us_troops_europe()
    dmdc, reported = charts.troop_series(troops)
    peak = dmdc.loc[dmdc["troops"].idxmax()]
    by_year = dmdc.set_index("year")["troops"]
    in_2022 = reported.query("year == 2022")["troops"]
    counts = {name: troop_count(troops, scope, 2025) for name, scope in SCOPES_2025.items()}
    troops_lo, troops_hi, cut_lo, cut_hi = floor_cut(counts["ap_lo"], counts["ap_hi"])
    return {
        "peak_year": str(int(peak["year"])),
        "peak_troops": f"{int(peak['troops']):,}",
        "dmdc_1989": f"{int(by_year[1989]):,}",
        "dmdc_2025": f"{int(by_year[2025]):,}",
        "share_of_peak": f"{by_year[2025] / peak['troops']:.0%}",
        "reported_jan22": f"{int(in_2022.min()):,}",
        "reported_mar22": f"{int(in_2022.max()):,}",
        "ndaa_floor": f"{charts.NDAA_FLOOR:,}",
        **{name: f"{n:,}" for name, n in counts.items()},
        "floor_troops_lo": f"{troops_lo:,}",
        "floor_troops_hi": f"{troops_hi:,}",
        "floor_cut_lo": f"{cut_lo:.0%}",
        "floor_cut_hi": f"{cut_hi:.0%}",
    }


def _model() -> dict[str, str]:
    """The credibility model at the chapter's defaults, and the region chart's shares."""
    d = dt.DEFAULTS
    _, _, grids = charts.region_grids()
    return {
        "d_asia": f"{d.asia:.1f}",
        "d_threat": f"{d.threat:.1f}",
        "d_scale": f"{d.tripwire_scale:.2f}",
        # the other assumptions, as the notation table gives them
        "d_floor": f"{d.floor:.2f}",
        "d_ceiling": f"{d.ceiling:.2f}",
        "d_weight": f"{d.asia_weight:.2f}",
        "d_self_help": f"{d.self_help:.2f}",
        "d_pact": f"{d.pact_reliability:.2f}",
        "d_bcost": f"{d.balance_cost:.2f}",
        "d_acost": f"{d.accommodation_cost:.2f}",
        "d_entrap": f"{d.entrapment:.2f}",
        "c_today": f"{dt.credibility():.2f}",
        "c_gone": f"{dt.credibility(1.0):.2f}",
        "c_half": f"{dt.credibility(0.5):.2f}",
        "c_half_linear": f"{dt.credibility(0.5, tripwire_scale=dt.MAX_TRIPWIRE_SCALE):.2f}",
        **{f"cstar_{t}": f"{dt.critical_credibility(t):.2f}" for t in dt.THEORIES},
        **{f"share_{t}": f"{dt.accommodation_share(g):.0%}" for t, g in grids.items()},
        "d_switch": f"{switch_drawdown():.0%}",
    }


def _spending() -> dict[str, str]:
    """Defence spending as a share of GDP, NATO's 2025 edition, as the text quotes it (in %)."""
    spend = data.defence_spending_gdp().set_index(["country", "year"])["pct_gdp"]
    return {name: f"{float(spend[key]):.2f}" for name, key in SPENDING.items()}


def _exercises() -> dict[str, str]:
    """The values in the exercises' worked solutions."""
    low = charts.region_grids(threat=0.3)[2]
    very_low = charts.region_grids(threat=0.1)[2]
    high = charts.region_grids(threat=0.9)[2]
    costly = charts.region_grids(threat=0.3, balance_cost=0.15)[2]
    share = dt.accommodation_share
    delta = dt.accommodation_advantage(
        0.5, "bandwagoning", threat=0.5, self_help=0.5, pact_reliability=0.6, balance_cost=0.1, accommodation_cost=0.05
    )
    return {
        "ex_delta": f"{float(delta):.3f}",
        "cstar_walt_r1": f"{dt.critical_credibility('walt', pact_reliability=1.0):.2f}",
        "cstar_walt_r1_t3": f"{dt.critical_credibility('walt', pact_reliability=1.0, threat=0.3):.2f}",
        "share_bw_lowthreat": f"{dt.accommodation_share(low['bandwagoning']):.0%}",
        "share_bw_cost": f"{dt.accommodation_share(costly['bandwagoning']):.0%}",
        "share_walt_lowthreat": f"{dt.accommodation_share(low['walt']):.0%}",
        "share_walt_vlowthreat": f"{dt.accommodation_share(very_low['walt']):.0%}",
        "ex_c": f"{float(dt.credibility(0.5, 0.0, 0.2, 0.8, 100.0, 0.5)):.2f}",
        "ex_c_s01": f"{float(dt.credibility(0.5, 0.0, 0.2, 0.8, 0.1, 0.5)):.2f}",
        "ex_t_s01": f"{float(dt.tripwire(0.5, 0.1)):.3f}",
        # the credibility chart at the static page's settings
        "ex_c_half_a0": f"{dt.credibility(0.5, 0.0):.2f}",
        "ex_c_half_lin_a0": f"{dt.credibility(0.5, 0.0, tripwire_scale=dt.MAX_TRIPWIRE_SCALE):.2f}",
        "ex_c80": f"{dt.credibility(0.8):.2f}",
        "ex_c90": f"{dt.credibility(0.9):.2f}",
        "ex_switch_a0": f"{crossing_drawdown(asia=0.0):.0%}",
        "ex_switch_a1": f"{crossing_drawdown(asia=1.0):.0%}",
        "ex_switch_snyder": f"{crossing_drawdown('snyder'):.0%}",
        "ex_c_a1": f"{dt.credibility(0.0, 1.0):.2f}",
        "ex_cstar_snyder_a1": f"{dt.critical_credibility('snyder', asia=1.0):.2f}",
        # the region chart at the static page's threats
        "share_bw_vlowthreat": f"{share(very_low['bandwagoning']):.0%}",
        "share_bw_highthreat": f"{share(high['bandwagoning']):.0%}",
        "share_sn_vlowthreat": f"{share(very_low['snyder']):.0%}",
        "share_sn_lowthreat": f"{share(low['snyder']):.0%}",
        "share_sn_highthreat": f"{share(high['snyder']):.0%}",
    }


def numbers() -> dict[str, str]:
    """Every number and date the chapter's text shows, formatted as it shows them.

    Returns
    -------
    dict of str to str
        By the name that marks the number in the text: ``"asof"`` (the sources-read date), the troop
        counts (with thousands separators), the shares (``"9%"``), the spending shares of GDP
        (``"1.45"``, the text adds the ``%``) and the model's values at the chapter's defaults and
        in the exercises' solutions.
    """
    return {
        "asof": day(data.sources_read_date()),
        **_record(),
        **_model(),
        **_spending(),
        **_exercises(),
    }
