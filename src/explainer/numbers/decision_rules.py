"""The numbers in the prose of chapter 1, "Can NATO sign a pact at all?"
(``book/01_decision_rules.ipynb``): Model A (how often a proposal passes under consensus, a
simple majority and an EU-style double majority, with and without a common shock), the
accession record of Finland and Sweden, Model B (the slowest member sets the date), and the
worked solutions of the exercises."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data
from ..models import decision_rules as dr
from .since_article import day

NOTEBOOK = "01_decision_rules.ipynb"

#: The correlation (common shock) of the text's example.
RHO_DEMO = 0.5

#: Each EU member state's probability of accepting in the text's EU example.
P_EU_DEMO = 0.90

#: The probability of accepting that the text summary of the first chart suggests moving to.
P_LOWER = 0.90

#: The highest correlation the first chart offers on the static page (its exercise on correlation).
CORR_HIGH = 0.9

#: The holdouts' wait in the exercise on the slowest member, in days.
HOLDOUT_WAIT = 300.0

#: The allies that were not holdouts for Finland and Sweden in 2022.
ORDINARY_ALLIES = 28


def accession_days(rat: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Each candidate's dated approvals (``data.accession_ratifications()`` without the undated row).

    Parameters
    ----------
    rat : pandas.DataFrame, optional
        The table of ``data.accession_ratifications()``; loaded when not given.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``{"Finland": ..., "Sweden": ...}``, the rows with a day count.
    """
    rat = data.accession_ratifications() if rat is None else rat
    return {c: rat[rat.candidate == c].dropna(subset=["days"]) for c in ("Finland", "Sweden")}


def fitted_mean_days(rat: pd.DataFrame | None = None) -> float:
    """Model B's one fitted number: the mean days to approval of the 28 allies that were not
    holdouts for Finland in 2022 (the 28 quickest of Finland's 30 approvals).

    Parameters
    ----------
    rat : pandas.DataFrame, optional
        The table of ``data.accession_ratifications()``; loaded when not given.

    Returns
    -------
    float
        The mean time in days (21.75 with the data of this book).
    """
    fin = accession_days(rat)["Finland"]
    return float(np.sort(fin.days)[:ORDINARY_ALLIES].mean())


def _country(name: str) -> str:
    """A member's name as the prose writes it (the data say Turkey, the text Türkiye)."""
    return "Türkiye" if name == "Turkey" else name


def _model_a() -> dict[str, str]:
    """NATO's 32 members at the default probability: consensus, double majority, the US share,
    the lower probability of the text summary, and the common shock."""
    pop = data.nato_population()
    n = dr.DEFAULTS.members
    p = dr.DEFAULTS.accept
    accept = np.full(n, p)
    us = pop.set_index("member").loc["United States", "population"] / pop["population"].sum()
    return {
        "n_members": str(n),
        "p_demo": f"{p:.2f}",
        "p_consensus_32": f"{dr.unanimity_probability(accept):.1%}",
        "p_double_32": f"{dr.double_majority_bounds(accept, pop['population']).estimate:.3f}",
        "p_consensus_32_090": f"{dr.unanimity_probability(np.full(32, P_LOWER)):.1%}",
        "us_share": f"{float(us):.1%}",
        "rho_demo": f"{RHO_DEMO:.1f}",
        "p_consensus_corr": f"{dr.pass_probability(accept, 'unanimity', RHO_DEMO):.1%}",
        "p_majority_fail_corr": f"{1 - dr.pass_probability(accept, 'majority', RHO_DEMO):.2%}",
    }


def _eu() -> dict[str, str]:
    """The EU's 27 states at 0.90 each: double majority (with its bounds) and unanimity."""
    eu = data.eu_council_population()
    accept = np.full(len(eu), P_EU_DEMO)
    bounds = dr.double_majority_bounds(accept, eu["population_share_pct"])
    return {
        "p_eu_demo": f"{P_EU_DEMO:.2f}",
        "p_eu_double": f"{bounds.estimate:.1%}",
        "p_eu_lower": f"{bounds.lower:.4f}",
        "p_eu_upper": f"{bounds.upper:.4f}",
        "p_eu_unanimity": f"{dr.unanimity_probability(accept):.1%}",
    }


def _accession() -> dict[str, str]:
    """The 2022-24 record: the day of the 28th approval, the last ally for each candidate, and
    Model B's fitted mean and its median and 95th percentile with no holdouts."""
    rat = data.accession_ratifications()
    days = accession_days(rat)
    fin, swe = days["Finland"], days["Sweden"]
    fin_slow = dr.slowest_member(dict(zip(fin.member, fin.days)))
    swe_slow = dr.slowest_member(dict(zip(swe.member, swe.days)))
    # the 28th approval: after it only the two holdouts were left, for both candidates
    day_28 = max(np.sort(fin.days)[ORDINARY_ALLIES - 1], np.sort(swe.days)[ORDINARY_ALLIES - 1])
    mean_days = fitted_mean_days(rat)
    n = dr.DEFAULTS.ratifying_members
    return {
        "asof": day(data.sources_read_date()),
        "day_28": f"{float(day_28):.0f}",
        "n_by_day_28": str(int((fin.days <= day_28).sum())),
        "fin_last": _country(fin_slow.member),
        "fin_last_days": f"{fin_slow.days:.0f}",
        "swe_last": _country(swe_slow.member),
        "swe_last_days": f"{swe_slow.days:.0f}",
        "swe_dated": str(len(swe)),
        "mean_days": f"{mean_days:.1f}",
        "median_no_holdout": f"{dr.ratification_quantile(0.5, n, mean_days):.0f}",
        "p95_no_holdout": f"{dr.ratification_quantile(0.95, n, mean_days):.0f}",
    }


def _solutions() -> dict[str, str]:
    """The worked solutions of the exercises, as the static page's charts show them: the first
    chart's summary at 32 members (0.90 with and without a common shock; 0.95 to 0.98), and the
    ratification chart's medians at its own mean time (the fitted mean rounded to whole days)."""
    from ..figures.decision_rules import percent  # the charts' own way of writing a probability

    n = dr.DEFAULTS.members
    chart_mean = float(round(fitted_mean_days()))
    med = [dr.ratification_quantile(0.5, 30, chart_mean, h, HOLDOUT_WAIT) for h in (0, 1, 2)]
    at_090 = np.full(n, 0.9)
    return {
        "p_half": f"{0.5 ** (1 / 32):.4f}",
        "p_095_32": f"{0.95**32:.2f}",
        "p_095_32_pct": percent(0.95**32),
        "p_098_32": percent(0.98**32),
        "corr_u0": percent(dr.pass_probability(at_090, "unanimity", 0.0)),
        "corr_u90": percent(dr.pass_probability(at_090, "unanimity", CORR_HIGH)),
        "corr_m0": percent(dr.pass_probability(at_090, "majority", 0.0)).replace("> ", "more than "),
        "corr_m90": percent(dr.pass_probability(at_090, "majority", CORR_HIGH)),
        "chart_mean_days": f"{chart_mean:.0f}",
        "med_h0": f"{med[0]:.0f}",
        "med_h1": f"{med[1]:.0f}",
        "med_h1_shift": f"{med[1] - med[0]:.0f}",
        "med_h2_extra": f"{med[2] - med[1]:.0f}",
    }


def numbers() -> dict[str, str]:
    """Every number and date the chapter's text shows, formatted as it shows them.

    Returns
    -------
    dict of str to str
        The marked name of each number (``p_consensus_32``) and its text (``"37.7%"``).
    """
    return {**_model_a(), **_eu(), **_accession(), **_solutions()}
