"""The numbers and dates in the prose of chapter 5, "From the core to the periphery"
(``book/05_periphery.ipynb``): Model A (a chain of agreements), Model B (spoilers who block and
reverse), New START's dates and data exchanges, and the worked solutions of the exercises."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data
from ..figures.decision_rules import percent
from ..models import sequencing as sq
from ..models import spoilers as sp
from .since_article import day

NOTEBOOK = "05_periphery.ipynb"

#: New START's limit on deployed warheads, binding from 5 February 2018 (the text writes 1,550).
WARHEAD_LIMIT = 1550

#: The exercise "The chain by hand": the central deal, then the Arctic–Baltic and Black Sea steps (the
#: last at the flow diagram's fixed 50%, so that a reader can check the answer on the static page).
EX1_STEPS = (0.5, 0.8, 0.5)

#: The chance that a front left behind by a stopped chain is settled on its own, in the text's example.
ALONE = 0.2


def _pct(x: float, digits: int = 0) -> str:
    return f"{float(x):.{digits}%}"


def _chain() -> dict[str, str]:
    """Model A at its opening values: the chain's steps, where it stops, and what a longer chain needs."""
    d = sq.DEFAULTS
    out = sq.chain_outcomes(d.conditional)
    return {
        "p5_core": _pct(d.core),
        "p5_ab": _pct(d.arctic_baltic),
        "p5_bs": _pct(d.black_sea),
        "p5_whole": _pct(sq.architecture_probability(d.conditional), 1),
        "p5_stop_core": _pct(out.stopped_at[0]),
        "p5_stop_ab": _pct(out.stopped_at[1]),
        "p5_stop_bs": _pct(out.stopped_at[2]),
        "p5_expected": f"{sq.expected_fronts(d.conditional):.2f}",
        "p5_need3": f"{sq.required_stage_probability(0.5, 3):.3f}",
        "p5_need4": f"{sq.required_stage_probability(0.5, 4):.3f}",
        "p5_whole_if_core": _pct(sq.architecture_probability([1.0, d.arctic_baltic, d.black_sea])),
        # when a front can be settled on its own after the chain has stopped
        "p5_alone": _pct(ALONE),
        "p5_expected_alone": f"{sq.expected_fronts(d.conditional, ALONE):.2f}",
        "p5_none": _pct(sq.fronts_distribution(d.conditional)[0]),
        "p5_none_alone": _pct(sq.fronts_distribution(d.conditional, ALONE)[0]),
    }


def _spoilers() -> dict[str, str]:
    """Model B at its opening values: adoption, the reversal thresholds, survival, one spoiler."""
    s = sp.DEFAULTS
    h = sp.member_hazards(s.members, s.defect)
    hs = sp.member_hazards(s.members, s.defect, 1, s.spoiler_defect)
    accept = np.full(s.members, s.accept)
    maj = sp.survival(h, [20, 30], "majority")
    maj_30_spoiler = float(sp.survival(hs, [30], "majority")[0])
    return {
        "p5_members": str(s.members),
        "p5_accept": f"{s.accept:.2f}",
        "p5_defect": _pct(s.defect),
        "p5_adopt_cons": _pct(sp.adoption_probability(accept, "unanimity"), 1),
        "p5_adopt_maj": f"{sp.adoption_probability(accept, 'majority'):.4f}",
        "p5_thr_maj_cc": str(sp.reversal_threshold(s.members, "majority", "continuing_consent")),
        "p5_thr_maj_r": str(sp.reversal_threshold(s.members, "majority", "rescission")),
        "p5_year_cons": _pct(sp.survival(h, [1], "unanimity")[0], 1),
        "p5_med_cons": f"{sp.median_years(h, 'unanimity'):.0f}",
        "p5_maj_20": _pct(maj[0], 1),
        "p5_maj_30": _pct(maj[1], 1),
        "p5_resc_30": f"{float(sp.survival(h, [30], 'unanimity', 'rescission')[0]):.3f}",
        "p5_cons_10": _pct(sp.in_force(accept, h, [10], "unanimity")[0], 2),
        "p5_spoiler_h": _pct(s.spoiler_defect),
        "p5_year_spoiler": _pct(sp.survival(hs, [1], "unanimity")[0], 1),
        "p5_maj_30_spoiler": _pct(maj_30_spoiler, 1),
        "p5_maj_30_drop": f"{100 * (float(maj[1]) - maj_30_spoiler):.1f}",
    }


def _new_start() -> dict[str, str]:
    """New START: years in force, the last exchanges' warheads and the gaps in the data file."""
    when = data.new_start_events().set_index("event")["date"]
    years_in_force = (when["Treaty expires"] - when["Treaty enters into force"]).days / 365.25
    wh = data.new_start_data().pivot(index="date", columns="party", values="deployed_warheads")
    both = wh.dropna()
    last = both.index.max()
    us, ru = float(both.loc[last, "United States"]), float(both.loc[last, "Russia"])
    return {
        "p5_years_in_force": str(int(round(years_in_force))),
        "p5_us_wh_2022": f"{us:,.0f}",
        "p5_ru_wh_2022": f"{ru:,.0f}",
        "p5_us_room": f"{WARHEAD_LIMIT - us:,.0f}",
        "p5_ru_room": f"{WARHEAD_LIMIT - ru:,.0f}",
        "p5_us_wh_2023": f"{float(wh.loc[pd.Timestamp('2023-03-01'), 'United States']):,.0f}",
        "p5_n_dates": str(len(wh)),
        "p5_n_gap": str(int(wh.isna().any(axis=1).sum())),
    }


def _exercises() -> dict[str, str]:
    """The worked solutions: the chain by hand (checked on the flow diagram, whose Black Sea step is
    fixed at 50% on the static page), how strong each link must be (read on the same chart), what
    reversal requires (by calculator and on the spoilers chart), one spoiler, the data maxima."""
    ex1 = sq.chain_outcomes(EX1_STEPS)
    s = sp.DEFAULTS
    accept = np.full(32, s.accept)
    h3 = sp.member_hazards(32, 0.01)
    hs2 = sp.member_hazards(32, 0.0, 1, 0.25)
    turn10 = 1 - 0.99**10
    ex = data.new_start_data()
    mx = ex[ex.date >= "2018-02-05"].groupby("party")["deployed_warheads"].max()
    return {
        "p5_ex1_whole": f"{ex1.complete:.2f}",
        "p5_ex1_stop0": f"{float(ex1.stopped_at[0]):.2f}",
        "p5_ex1_stop1": f"{float(ex1.stopped_at[1]):.2f}",
        "p5_ex1_stop2": f"{float(ex1.stopped_at[2]):.2f}",
        "p5_ex1_ab": _pct(sq.reach_probabilities(EX1_STEPS)[1]),
        "p5_ex2_80": percent(sq.architecture_probability([0.8, 0.6, 0.5])),
        "p5_ex2_85": percent(sq.architecture_probability([0.85, 0.6, 0.5])),
        "p5_ex2_need": f"{0.25 / (0.6 * 0.5):.2f}",
        "p5_ex3_cc": f"{float(sp.survival(h3, [10], 'unanimity')[0]):.3f}",
        "p5_ex3_r": f"{float(sp.survival(h3, [10], 'unanimity', 'rescission')[0]):.3f}",
        "p5_ex3_maj": f"{float(sp.survival(h3, [10], 'majority')[0]):.3f}",
        "p5_ex3_exp_cc": f"{sp.expected_years(h3, 'unanimity'):.1f}",
        "p5_ex3_turn10": f"{turn10:.3f}",
        "p5_ex3_turned": f"{32 * turn10:.1f}",
        "p5_ex3_chart10": percent(float(sp.in_force(accept, h3, [10], "unanimity")[0])),
        "p5_ex4_cc": f"{float(sp.survival(hs2, [3], 'unanimity')[0]):.3f}",
        "p5_ex4_chart3": percent(float(sp.in_force(accept, hs2, [3], "unanimity")[0])),
        "p5_max_us": f"{float(mx['United States']):,.0f}",
        "p5_max_ru": f"{float(mx['Russia']):,.0f}",
        "p5_max_us_room": f"{WARHEAD_LIMIT - float(mx['United States']):,.0f}",
        "p5_max_ru_room": f"{WARHEAD_LIMIT - float(mx['Russia']):,.0f}",
    }


def numbers() -> dict[str, str]:
    """Every number and date the chapter's text shows, formatted as it shows them.

    Returns
    -------
    dict of str to str
        By marked name: ``asof`` (the sources-read date, "25 February 2026"), the ``p5_*``
        probabilities of Model A (``sequencing.DEFAULTS``) and Model B (``spoilers.DEFAULTS``),
        New START's figures from ``data/new_start_events.csv`` and ``data/new_start_data.csv``,
        and the values in the exercises' solutions.
    """
    return {
        "asof": day(data.sources_read_date()),
        **_chain(),
        **_spoilers(),
        **_new_start(),
        **_exercises(),
    }
