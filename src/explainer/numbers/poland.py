"""The numbers in the prose of chapter 3, "Poland's role" (``book/03_poland.ipynb``): the map's
Intermarium counts, NATO's spending series, Poland's and Belarus's forces (with the troop ratio that
chapter 4 also quotes), the spending and troop cap what-if at its defaults, and the worked solutions
of the exercises."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data
from ..models import poland as pl
from .since_article import day

NOTEBOOK = "03_poland.ipynb"

#: What the map counts as an Intermarium candidate: a candidate of the widest list, or a state on the
#: territory of one (Czechoslovakia's and Yugoslavia's successors).
CANDIDATE = ("candidate", "successor of a candidate (Czechoslovakia)", "successor of a candidate (Yugoslavia)")


def _pct2(x: float) -> str:
    return f"{float(x):.2f}"


def _and(names: list[str]) -> str:
    """``["a", "b", "c"]`` as "a, b and c"."""
    return ", ".join(names[:-1]) + " and " + names[-1]


def _map() -> dict[str, str]:
    """The map's counts: today's states on Intermarium candidates' territory, those in NATO, and the
    rest by name (a successor of a candidate not counted as a candidate is still named)."""
    table = data.poland_map()
    nato = data.nato_population()["member"]
    cand = table["intermarium"].isin(CANDIDATE)
    outside = sorted(set(table.loc[table["intermarium"] != "no", "country"]) - set(nato))
    return {
        "p3_n_inter": str(int(cand.sum())),
        "p3_n_inter_nato": str(int((cand & table["country"].isin(nato)).sum())),
        "p3_inter_not_nato": _and(outside),
    }


def spending_table() -> pd.DataFrame:
    """NATO's defence spending in percent of GDP (``data/defence_spending_gdp.csv``), one row per
    year and one column per country or group."""
    spend = data.defence_spending_gdp()
    return spend.pivot(index="year", columns="country", values="pct_gdp")


def _spending() -> dict[str, str]:
    """NATO's series, one edition (percent of GDP, two decimals as the text writes them)."""
    piv = spending_table()
    pl14, pl25 = (float(piv.loc[y, "Poland"]) for y in (2014, 2025))
    return {
        "p3_pl14": _pct2(pl14),
        "p3_pl24": _pct2(piv.loc[2024, "Poland"]),
        "p3_pl25": _pct2(pl25),
        "p3_pl_ratio": f"{pl25 / pl14:.1f}",
        "p3_lt25": _pct2(piv.loc[2025, "Lithuania"]),
        "p3_lv25": _pct2(piv.loc[2025, "Latvia"]),
        "p3_ee25": _pct2(piv.loc[2025, "Estonia"]),
        "p3_us25": _pct2(piv.loc[2025, "United States"]),
        "p3_de14": _pct2(piv.loc[2014, "Germany"]),
        "p3_de24": _pct2(piv.loc[2024, "Germany"]),
        "p3_fr24": _pct2(piv.loc[2024, "France"]),
        "p3_ne14": _pct2(piv.loc[2014, "NATO Europe and Canada"]),
        "p3_ne24": _pct2(piv.loc[2024, "NATO Europe and Canada"]),
        "p3_hague_gap": _pct2(pl.hague_gap(pl25)["total_gap"]),
    }


def ratio_rows() -> tuple[float, float]:
    """The two headcounts behind the Poland-to-Belarus ratio that chapters 3 and 4 quote: NATO's
    estimate for Poland, 2024 (``data/poland_forces.csv``), and the one IISS count for Belarus, 2022
    (``data/belarus_forces.csv``), like for like as far as the sources allow.

    Raises
    ------
    ValueError
        If the Belarus file does not hold exactly one IISS row.
    """
    forces = data.poland_forces()
    belarus = data.belarus_forces()
    iiss = belarus[belarus["measure"].str.contains("IISS")]
    if len(iiss) != 1:
        raise ValueError(f"data/belarus_forces.csv must hold one IISS row, found {len(iiss)}")
    poland = forces.loc[forces["year"] == 2024, "personnel"]
    return float(poland.iloc[0]), float(iiss["personnel"].iloc[0])


def troop_ratio() -> str:
    """The Poland-to-Belarus ratio as chapters 3 and 4 write it ("5.3", one decimal)."""
    return f"{pl.troop_ratio(*ratio_rows()):.1f}"


def _forces() -> dict[str, str]:
    """Poland's reported forces (NATO's figures as quoted), its target, and Belarus's range."""
    forces = data.poland_forces()
    f = dict(zip(forces["year"], forces["personnel"]))
    belarus = data.belarus_forces()["personnel"]
    _, by_iiss = ratio_rows()
    return {
        "p3_f14": f"{int(f[2014]):,}",
        "p3_f24": f"{int(f[2024]):,}",
        "p3_f_ratio": f"{f[2024] / f[2014]:.1f}",
        "p3_target": f"{int(f[2035]):,}",
        "p3_by_lo": f"{int(belarus.min()):,}",
        "p3_by_hi": f"{int(belarus.max()):,}",
        "p3_by_iiss": f"{int(by_iiss):,}",
        "troop_ratio": troop_ratio(),
    }


def thresholds() -> tuple[float, float]:
    """The uncapped share of GDP in the year before the default cap starts and in its first year:
    a cap below the second binds at once, one below the first also cuts the share."""
    d = pl.DEFAULTS
    free = pl.spending_path(cap_share=None)
    i0 = int(np.flatnonzero(free.years == d.cap_from)[0])
    return float(free.share[i0 - 1]), float(free.share[i0])


def _whatif() -> dict[str, str]:
    """The what-if at its defaults (and with a cap at the Hague's 3.5% core level)."""
    d = pl.DEFAULTS
    base = pl.spending_path()
    free = pl.spending_path(cap_share=None)
    cap35 = pl.spending_path(cap_share=3.5)
    troops = pl.troop_path()
    before, first = thresholds()
    return {
        "p3_growth": f"{d.gdp_growth:.1f}",
        "p3_cap": _pct2(d.cap_share),
        "p3_cap_from": str(d.cap_from),
        "p3_cap_from_before": str(d.cap_from - 1),
        "p3_dep": f"{d.depreciation:.0f}",
        "p3_binds": str(base.binds),
        "p3_forgone": f"{base.forgone:.1f}",
        "p3_forgone_budgets": _pct2(base.forgone_budgets),
        "p3_shortfall": f"{base.stock_shortfall:.1%}",
        "p3_spend35": _pct2(free.spending[-1]),
        "p3_spend35_cap": _pct2(base.spending_capped[-1]),
        "p3_cap35_budgets": _pct2(cap35.forgone_budgets),
        "p3_cap35_shortfall": f"{cap35.stock_shortfall:.1%}",
        "p3_path_before": _pct2(before),
        "p3_path_first": _pct2(first),
        "p3_start_troops": f"{int(d.start_troops):,}",
        "p3_troop_cap": f"{int(d.troop_cap):,}",
        "p3_troop_binds": str(troops.binds),
        "p3_troop_forgone": f"{int(troops.forgone_2035):,}",
    }


#: The cap the first exercise asks about, and the later first year of the Python exercise.
E1_CAP = 4.75
E6_CAP_FROM = 2030


def _exercises() -> dict[str, str]:
    """The worked solutions: a cap of 4.75% (by hand: the yearly rise of the share, the gap to the
    cap and the years it takes), growth of 1% and 5%, the default troop ceiling and a freeze at the
    2025 size (by hand: the yearly rise of the headcount), the Three Seas Initiative against the
    Intermarium list on the map, and a cap that starts in 2030."""
    d = pl.DEFAULTS
    e1 = pl.spending_path(cap_share=E1_CAP)
    slope = (d.target_share - d.start_share) / (d.target_year - d.start_year)
    gap = E1_CAP - d.start_share
    e3 = pl.troop_path(troop_cap=d.start_troops)
    step = (d.target_troops - d.start_troops) / (d.target_year - d.start_year)
    free = pl.troop_path(troop_cap=None)
    t27 = float(free.troops[int(np.flatnonzero(free.years == d.cap_from)[0])])
    reach = int(free.years[np.flatnonzero(free.troops >= d.troop_cap)[0]])
    table = data.poland_map()
    inter = set(table.loc[table["intermarium"] != "no", "country"])
    founders = set(table.loc[table["three_seas"] == "founding member", "country"])
    never = set(table.loc[table["three_seas"] == "no", "country"])
    late = pl.spending_path(cap_from=E6_CAP_FROM)
    return {
        "p3_e1_cap": _pct2(E1_CAP),
        "p3_slope": f"{slope:.3f}",
        "p3_e1_gap": _pct2(gap),
        "p3_e1_years": f"{gap / slope:.1f}",
        "p3_e1_binds": str(e1.binds),
        "p3_e1_budgets": _pct2(e1.forgone_budgets),
        "p3_e2_lo": _pct2(pl.spending_path(gdp_growth=1.0).forgone_budgets),
        "p3_e2_hi": _pct2(pl.spending_path(gdp_growth=5.0).forgone_budgets),
        "p3_troop_step": f"{int(step):,}",
        "p3_troop_reach": str(reach),
        "p3_e3_t27": f"{int(t27):,}",
        "p3_e3_binds": str(e3.binds),
        "p3_e3_forgone": f"{int(e3.forgone_2035):,}",
        "p3_e4_seas_not_inter": _and(sorted(founders - inter)),
        "p3_e4_inter_not_seas": _and(sorted(inter & never)),
        "p3_e6_from": str(E6_CAP_FROM),
        "p3_e6_binds": str(late.binds),
        "p3_e6_budgets": _pct2(late.forgone_budgets),
    }


def numbers() -> dict[str, str]:
    """Every number and date the chapter's text shows, formatted as it shows them.

    Returns
    -------
    dict of str to str
        By marker name: ``asof`` (the sources-read date, "25 February 2026"), the map's counts
        (``p3_n_inter`` ...), NATO's spending series in percent of GDP (``p3_pl25`` ...), the forces
        and the Poland-to-Belarus ``troop_ratio`` (the one chapter 4 quotes too), the what-if at its
        defaults (``p3_binds`` ...) and the exercises' solutions (``p3_e1_binds`` ...).
    """
    return {
        "asof": day(data.sources_read_date()),
        **_map(),
        **_spending(),
        **_forces(),
        **_whatif(),
        **_exercises(),
    }
