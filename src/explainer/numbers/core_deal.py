"""The numbers and dates in the prose of chapter 4, "The Poland–Belarus core deal"
(``book/04_core_deal.ipynb``)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .. import data
from ..figures.core_deal import RACE_RANGE, race_grid
from ..models import arms_race as ar
from ..models import bargaining as bg
from ..models import poland as pl
from .since_article import day

NOTEBOOK = "04_core_deal.ipynb"

#: The runaway race of the exercise "Caps in a runaway race" (b raised to 1.5, the highest value the
#: page offers and a setting the printed handout shows: m·n = 0.30 < a·b = 0.45).
RUNAWAY = ar.Params(a=0.3, b=1.5, m=0.5, n=0.6, g=40, h=30)
#: The cap on both sides in that exercise: the chart's default cap.
RUNAWAY_CAP = ar.DEFAULTS.cap
#: The deal's grievances in the exercise "The deal's equilibrium by hand".
EXERCISE_DEAL = (20.0, 15.0)
#: The times, in years, on which the chapter's paths are computed: 0 to 20 years in steps of 0.05.
TIMES = np.linspace(0, 20, 401)


def _forces() -> dict[str, float]:
    """The two headcounts the troop table sets side by side, and their ratio (as chapter 3).

    Poland: NATO's estimate as quoted, 2024 (``data/poland_forces.csv``); Belarus: the one IISS row
    (*Military Balance 2022* as quoted by Reuters, ``data/belarus_forces.csv``).
    """
    poland = data.poland_forces().set_index("year")["personnel"]
    belarus = data.belarus_forces()
    iiss = belarus[belarus["measure"].str.contains("IISS")]
    if len(iiss) != 1:
        raise ValueError(f"data/belarus_forces.csv must hold exactly one IISS row, found {len(iiss)}")
    by = float(iiss["personnel"].iloc[0])
    return {"pl_2024": float(poland[2024]), "by_iiss": by, "troop_ratio": pl.troop_ratio(poland[2024], by)}


def _leaves_chart(b: float, deal: bool) -> bool:
    """Whether a line of the Model A chart (b changed, with or without the deal's grievances) rises
    above the chart's range within the chart's 20 years."""
    d = ar.DEFAULTS
    q = ar.Params(**{**d.status_quo.__dict__, "b": float(b)})
    q = ar.deal(q, d.deal_g, d.deal_h) if deal else q
    return bool(ar.trajectory(TIMES, q).max() > RACE_RANGE[1])


def race_values() -> dict[str, float]:
    """Model A (Richardson) at the chapter's defaults, unformatted: coefficients, equilibria with and
    without the deal, the capped resting point, the stability threshold of b, and the first static
    value of b from which each line leaves the chart.

    Returns
    -------
    dict of str to float
        Keyed by the names the chapter's text marks.
    """
    d = ar.DEFAULTS
    p = d.status_quo
    eq = ar.equilibrium(p)
    eq_deal = ar.equilibrium(ar.deal(p, d.deal_g, d.deal_h))
    path = ar.trajectory(TIMES, p)
    cap_eq = ar.capped_equilibrium(p, d.cap, d.cap)
    return {
        "a": p.a,
        "b": p.b,
        "m": p.m,
        "n": p.n,
        "g": p.g,
        "h": p.h,
        "margin": eq.margin,
        "eq_x": eq.x,
        "eq_y": eq.y,
        "t150": ar.years_to_reach(150, TIMES, path[:, 0]),
        "deal_g": d.deal_g,
        "deal_h": d.deal_h,
        "eq_deal_x": eq_deal.x,
        "eq_deal_y": eq_deal.y,
        "cap": d.cap,
        "cap_eq_x": float(cap_eq[0]),
        "cap_eq_y": float(cap_eq[1]),
        "b_crit": p.m * p.n / p.a,
        "b_off": float(min(b for b in race_grid() if _leaves_chart(b, False))),
        "b_off_deal": float(min(b for b in race_grid() if _leaves_chart(b, True))),
    }


def bargain_values() -> dict[str, float]:
    """Model B (Nash bargaining) at the chapter's defaults, unformatted: the valuations, the Nash
    solution, the existence test v_pw·v_rl > c_pl·c_rw, the costs at which every deal disappears,
    and the edges of the zone of agreement (limits as a share of the share withdrawn).

    Returns
    -------
    dict of str to float
        Keyed by the names the chapter's text marks.
    """
    v = bg.DEFAULTS.valuations
    sol = bg.nash_solution(v)
    return {
        "v_pw": v.v_pw,
        "c_pl": v.c_pl,
        "c_rw": v.c_rw,
        "v_rl": v.v_rl,
        "nash_w": sol.w,
        "nash_l": sol.l,
        "nash_up": sol.u_p,
        "nash_ur": sol.u_r,
        "lhs": v.v_pw * v.v_rl,
        "rhs": v.c_pl * v.c_rw,
        "c_star": v.v_pw * v.v_rl / v.c_pl,
        "c_pl_star": v.v_pw * v.v_rl / v.c_rw,
        "c_next": float(np.ceil(v.v_pw * v.v_rl / v.c_pl)),
        "zone_lo": v.c_rw / v.v_rl,
        "zone_hi": v.v_pw / v.c_pl,
    }


def exercise_values() -> dict[str, float]:
    """The worked answers of the exercises, unformatted: the deal's equilibrium for g = 20, h = 15;
    the outside option of Poland's at which the zone vanishes, and the Nash solution's limits when that
    option is 2 (the last static step with a deal); the runaway race after 20 years, the
    years after which Russia–Belarus's line leaves the chart (above 400) with no deal and with the
    deal's grievances, and the year its capped paths reach the cap; the largest common reaction
    a = b for which the race is stable (the square root of m·n).

    Returns
    -------
    dict of str to float
        Keyed by the names the chapter's text marks.
    """
    d = ar.DEFAULTS
    eq = ar.equilibrium(ar.deal(d.status_quo, *EXERCISE_DEAL))
    zu = bg.zopa_utilities(bg.DEFAULTS.valuations)
    capped = ar.capped_trajectory(TIMES, RUNAWAY, RUNAWAY_CAP, RUNAWAY_CAP)
    free = ar.trajectory(TIMES, RUNAWAY)
    after = ar.trajectory(TIMES, ar.deal(RUNAWAY, d.deal_g, d.deal_h))
    return {
        "ex_eq_x": eq.x,
        "ex_eq_y": eq.y,
        "dp_star": float(zu[:, 0].max()),
        "dp2_l": bg.nash_solution(replace(bg.DEFAULTS.valuations, d_p=2.0)).l,
        "runaway_20": float(ar.trajectory([20.0], RUNAWAY)[0, 1]),
        "cap_hit": float(max(ar.years_to_reach(RUNAWAY_CAP - 1e-9, TIMES, capped[:, k]) for k in (0, 1))),
        "runaway_off": ar.years_to_reach(RACE_RANGE[1], TIMES, free[:, 1]),
        "runaway_off_deal": ar.years_to_reach(RACE_RANGE[1], TIMES, after[:, 1]),
        "equal_crit": float(np.sqrt(d.status_quo.m * d.status_quo.n)),
    }


#: How the text shows each model value (a format spec for :func:`format`).
FORMATS = {
    **dict.fromkeys(
        [
            "a",
            "b",
            "m",
            "n",
            "t150",
            "b_crit",
            "b_off",
            "b_off_deal",
            "c_star",
            "c_pl_star",
            "ex_eq_x",
            "ex_eq_y",
            "cap_hit",
            "runaway_off",
            "runaway_off_deal",
        ],
        ".1f",
    ),
    **dict.fromkeys(
        [
            "g",
            "h",
            "eq_x",
            "eq_y",
            "deal_g",
            "deal_h",
            "eq_deal_x",
            "eq_deal_y",
            "cap",
            "cap_eq_x",
            "cap_eq_y",
            "v_pw",
            "c_pl",
            "v_rl",
            "c_rw",
            "lhs",
            "rhs",
            "c_next",
        ],
        ".0f",
    ),
    **dict.fromkeys(["margin", "nash_up", "nash_ur", "dp_star", "equal_crit"], ".2f"),
    **dict.fromkeys(["nash_w", "nash_l", "zone_lo", "zone_hi", "dp2_l"], ".0%"),
    "runaway_20": ",.0f",
}


def numbers() -> dict[str, str]:
    """Every number and date chapter 4's text shows, formatted as it shows them.

    Returns
    -------
    dict of str to str
        The sources-read date (``asof``), the counts of the deployments timeline, the troop table's
        headcounts and their ratio, and the values of Model A, Model B and the exercises' answers.
    """
    events = data.belarus_deployments()
    forces = _forces()
    models = {**race_values(), **bargain_values(), **exercise_values()}
    return {
        "asof": day(data.sources_read_date()),
        "n_events": str(len(events)),
        "n_claims": str(int(events["official_claim_only"].sum())),
        "pl_2024": f"{int(forces['pl_2024']):,}",
        "by_iiss": f"{int(forces['by_iiss']):,}",
        "troop_ratio": f"{forces['troop_ratio']:.1f}",
        **{name: format(value, FORMATS[name]) for name, value in models.items()},
    }
