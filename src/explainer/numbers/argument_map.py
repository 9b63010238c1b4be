"""The numbers in the prose of "The argument as a whole" (``book/argument_map.ipynb``)."""

from __future__ import annotations

from ..figures import argument as charts
from ..models import argument as ar

NOTEBOOK = "argument_map.ipynb"


def _map_counts() -> dict[str, str]:
    """The size of the map: premises, intermediate conclusions, truth assignments."""
    n_premises = len(ar.PREMISES)
    return {
        "n_premises": str(n_premises),
        "n_intermediate": str(sum(n.role == "intermediate" for n in ar.NODES)),
        "n_assignments": str(2**n_premises),
    }


def _profiles() -> dict[str, str]:
    """The implied probability of a pact under the three profiles, the hopeful profile's range and
    intermediate conclusions, and its tornado chart's widest and narrowest bars."""
    hopeful, even, sceptic = (p.credences for p in ar.PROFILES)
    p_hopeful, p_even, p_sceptical = (ar.conclusion_probability(c) for c in (hopeful, even, sceptic))
    sw = ar.swings(hopeful)
    hp = ar.node_probabilities(hopeful)
    return {
        "p_hopeful": f"{p_hopeful:.1%}",
        "p_even": f"{p_even:.2%}",
        # never more precise than the model: below 0.1% the text says "less than 0.1%"
        "p_sceptical_text": charts.pct(p_sceptical).replace("< ", "less than "),
        "min_hopeful": f"{min(hopeful.values()):.2f}",
        "max_hopeful": f"{max(hopeful.values()):.2f}",
        "p_will": f"{hp['will_both_sides']:.0%}",
        "p_europe": f"{hp['europe_on_board']:.0%}",
        "p_fronts": f"{hp['all_fronts']:.0%}",
        "top1": ar.node(sw[0].premise).label,
        "top2": ar.node(sw[1].premise).label,
        "top1_true": f"{sw[0].if_true:.1%}",
        "low_swing": ar.node(sw[-1].premise).label,
        "low_swing_width": f"{sw[-1].width:.1%}",
        "sc_top": ar.node(ar.swings(sceptic)[0].premise).label,
    }


def _dependence() -> dict[str, str]:
    """The comonotone (perfectly dependent) counterparts, and the even-odds pact with no veto."""
    hopeful, even = ar.PROFILES[0].credences, ar.PROFILES[1].credences
    return {
        "p_hopeful_comonotone": f"{ar.comonotone_probability(hopeful):.0%}",
        "p_even_comonotone": f"{ar.comonotone_probability(even):.0%}",
        "p_even_noveto1": f"{ar.conclusion_probability(dict(even, no_veto=1.0)):.2%}",
    }


def numbers() -> dict[str, str]:
    """Every number the page's text shows, formatted as it shows them.

    Returns
    -------
    dict of str to str
        The map's size (``n_premises``, ``n_intermediate``, ``n_assignments``); the implied
        probability of a pact under the *Hopeful*, *Even odds* and *Sceptical* profiles of
        :data:`explainer.models.argument.PROFILES`, with the hopeful profile's intermediate
        conclusions and tornado chart (``top1``, ``top2``, ``low_swing``, labels of premises); the
        comonotone probabilities of the dependence section and the exercise's no-veto variant.
    """
    return {**_map_counts(), **_profiles(), **_dependence()}
