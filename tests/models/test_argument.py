"""The argument map's model: structure, exact probabilities, swings and profiles (its charts are tested in
tests/charts/test_argument_charts.py)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.models import argument as ar

N = len(ar.PREMISES)
credence_lists = st.lists(st.floats(0.0, 1.0), min_size=N, max_size=N)


def tiny(gate: str) -> tuple[ar.Node, ...]:
    return (
        ar.Node("a", "A", "a", "premise", "x"),
        ar.Node("b", "B", "b", "premise", "x"),
        ar.Node("c", "C", "c", "conclusion", "x", parents=("a", "b"), gate=gate),
    )


# --- hand-worked values -------------------------------------------------------------------------
def test_two_premises_and_or_by_hand():
    assert ar.conclusion_probability([0.5, 0.5], tiny("AND")) == pytest.approx(0.25)
    assert ar.conclusion_probability([0.5, 0.5], tiny("OR")) == pytest.approx(0.75)
    assert ar.conclusion_probability([0.3, 0.6], tiny("OR")) == pytest.approx(1 - 0.7 * 0.4)


def test_article_map_matches_its_closed_form():
    """The map is a tree, so independence gives a product formula (worked by hand)."""
    c = dict(ar.PROFILES[0].credences)
    europe = 1 - (1 - c["drawdown"] * c["europe_accommodates"]) * (1 - c["us_pressure"])
    closed = (
        c["russia_will"]
        * c["us_broker"]
        * europe
        * c["poland_limits"]
        * c["russia_withdraws"]
        * c["periphery_follows"]
        * c["no_veto"]
        * c["war_ends"]
    )
    assert ar.conclusion_probability(c) == pytest.approx(closed, rel=1e-12)
    probs = ar.node_probabilities(c)
    assert probs["will_both_sides"] == pytest.approx(0.8 * 0.75)
    assert probs["europe_on_board"] == pytest.approx(europe)


def test_all_even_odds():
    p = ar.conclusion_probability({k: 0.5 for k in ar.PREMISES})
    # 7 premises in AND, and the OR node 1 - (1 - 0.25)(1 - 0.5) = 0.625
    assert p == pytest.approx(0.5**7 * 0.625)


def test_shared_premise_is_counted_once():
    """Enumeration stays exact when a premise feeds two nodes (a DAG, not a tree)."""
    nodes = (
        ar.Node("a", "A", "a", "premise", "x"),
        ar.Node("b", "B", "b", "premise", "x"),
        ar.Node("i", "I", "i", "intermediate", "x", parents=("a",)),
        ar.Node("c", "C", "c", "conclusion", "x", parents=("a", "i", "b")),
    )
    assert ar.conclusion_probability([0.5, 0.5], nodes) == pytest.approx(0.25)  # not 0.125


def test_swing_is_the_difference_of_the_conditionals():
    c = dict(ar.PROFILES[0].credences)
    sw = {s.premise: s for s in ar.swings(c)}
    hi = dict(c, no_veto=1.0)
    lo = dict(c, no_veto=0.0)
    assert sw["no_veto"].if_true == pytest.approx(ar.conclusion_probability(hi))
    assert sw["no_veto"].if_false == pytest.approx(ar.conclusion_probability(lo)) == 0.0  # AND premise
    # linear in each credence: current = p * if_true + (1 - p) * if_false
    s = sw["us_pressure"]
    assert s.current == pytest.approx(0.6 * s.if_true + 0.4 * s.if_false)
    widths = [s.width for s in ar.swings(c)]
    assert all(a >= b - 1e-12 for a, b in zip(widths, widths[1:]))


@settings(max_examples=40)
@given(
    st.lists(st.sampled_from([0.0, 1.0, 0.5, 0.13, 0.87, 0.999]), min_size=len(ar.PREMISES), max_size=len(ar.PREMISES))
)
def test_every_swing_is_the_conclusion_with_that_premise_set_false_and_true(values):
    c = dict(zip(ar.PREMISES, values))
    for s in ar.swings(c):
        assert s.if_true == pytest.approx(ar.conclusion_probability(dict(c, **{s.premise: 1.0})), abs=1e-12)
        assert s.if_false == pytest.approx(ar.conclusion_probability(dict(c, **{s.premise: 0.0})), abs=1e-12)
        assert s.current == pytest.approx(ar.conclusion_probability(c), abs=1e-12)


def test_comonotone_extremes():
    nodes = tiny("AND")
    assert ar.comonotone_probability([0.3, 0.8], nodes) == pytest.approx(0.3)
    assert ar.comonotone_probability([0.3, 0.8], tiny("OR")) == pytest.approx(0.8)
    c = {k: 0.5 for k in ar.PREMISES}
    assert ar.comonotone_probability(c) == pytest.approx(0.5)


def test_profiles_order_and_defaults():
    vals = [ar.conclusion_probability(p.credences) for p in ar.PROFILES]
    assert vals[0] > vals[1] > vals[2]
    assert ar.DEFAULTS.credences == dict(ar.PROFILES[0].credences)
    assert ar.profile("Even odds") is ar.PROFILES[1]


def test_depths_and_structure():
    d = ar.depths()
    assert all(d[k] == 0 for k in ar.PREMISES)
    assert d["pact"] == max(d.values()) == 3
    order = ar.validate_map()
    assert order[-1] == "pact" and set(order) == {n.key for n in ar.NODES}


# --- properties -----------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(credence_lists)
def test_probabilities_are_bounded_and_below_each_and_premise(cs):
    probs = ar.node_probabilities(cs)
    assert all(0.0 <= v <= 1.0 for v in probs.values())
    c = dict(zip(ar.PREMISES, cs))
    for k in ("russia_will", "us_broker", "poland_limits", "no_veto", "war_ends"):
        assert probs["pact"] <= c[k] + 1e-12
    assert probs["pact"] <= ar.comonotone_probability(cs) + 1e-12


@settings(max_examples=60, deadline=None)
@given(credence_lists, st.integers(0, N - 1), st.floats(0.0, 1.0))
def test_raising_a_premise_never_lowers_the_conclusion(cs, i, up):
    before = ar.conclusion_probability(cs)
    raised = list(cs)
    raised[i] = max(cs[i], up)
    assert ar.conclusion_probability(raised) >= before - 1e-12


# --- error paths --------------------------------------------------------------------------------
def test_bad_credences_are_named():
    with pytest.raises(ValueError, match="credences"):
        ar.conclusion_probability([0.5] * (N - 1))
    with pytest.raises(ValueError, match=r"credences\['no_veto'\]"):
        ar.conclusion_probability(dict(ar.PROFILES[0].credences, no_veto=1.5))
    with pytest.raises(ValueError, match="missing premise"):
        ar.conclusion_probability({"no_veto": 0.5})
    with pytest.raises(ValueError, match="unknown premise 'moon'"):
        ar.conclusion_probability(dict(ar.PROFILES[0].credences, moon=0.5))
    with pytest.raises(ValueError, match="entry 0"):
        ar.conclusion_probability([np.nan] + [0.5] * (N - 1))


def test_bad_maps_are_named():
    a = ar.Node("a", "A", "a", "premise", "x")
    with pytest.raises(ValueError, match="unique"):
        ar.validate_map((a, a))
    with pytest.raises(ValueError, match="parent 'z'"):
        ar.validate_map((a, ar.Node("c", "C", "c", "conclusion", "x", parents=("z",))))
    with pytest.raises(ValueError, match="gate"):
        ar.validate_map((a, ar.Node("c", "C", "c", "conclusion", "x", parents=("a",), gate="XOR")))
    with pytest.raises(ValueError, match="exactly one conclusion"):
        ar.validate_map((a,))
    with pytest.raises(ValueError, match="cycle"):
        ar.validate_map(
            (
                a,
                ar.Node("i", "I", "i", "intermediate", "x", parents=("j",)),
                ar.Node("j", "J", "j", "intermediate", "x", parents=("i",)),
                ar.Node("c", "C", "c", "conclusion", "x", parents=("a", "i")),
            )
        )
    with pytest.raises(ValueError, match="must have no parents"):
        ar.validate_map((ar.Node("a", "A", "a", "premise", "x", parents=("a",)),))
    with pytest.raises(ValueError, match="at least one parent"):
        ar.validate_map((a, ar.Node("c", "C", "c", "conclusion", "x")))
    with pytest.raises(ValueError, match="does not"):
        ar.validate_map(
            (a, ar.Node("b", "B", "b", "premise", "x"), ar.Node("c", "C", "c", "conclusion", "x", parents=("a",)))
        )
    with pytest.raises(ValueError, match="key must be"):
        ar.node("moon")
    with pytest.raises(ValueError, match="name_or_index"):
        ar.profile(7)
    with pytest.raises(ValueError, match="name_or_index"):
        ar.profile("Optimist")


# --- links and enumeration ------------------------------------------------------------------------
def test_every_node_links_to_known_claims():
    from explainer import data

    ids = set(data.claims()["claim_id"])
    for n in ar.NODES:
        assert n.claims and set(n.claims) <= ids, n.key


def test_truth_table_is_complete():
    table = ar._truth_table(3)
    assert {tuple(r) for r in table} == set(itertools.product((False, True), repeat=3))
