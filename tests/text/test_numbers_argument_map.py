"""The numbers of "The argument as a whole" (book/argument_map.ipynb) say what its text claims.

tests/test_numbers.py checks that each number the page shows is what
:func:`explainer.numbers.argument_map.numbers` computes; these tests check that those numbers,
and the model behind them, bear out the sentences around them (the checks the page's assert cells
used to make).
"""

from __future__ import annotations

import pytest

from explainer.models import argument as ar
from explainer.numbers import argument_map


@pytest.fixture(scope="module")
def v():
    return argument_map.numbers()


def _pct(text: str) -> float:
    return float(text.rstrip("%")) / 100


def tiny(gate: str) -> tuple[ar.Node, ...]:
    return (
        ar.Node("a", "A", "a", "premise", "x"),
        ar.Node("b", "B", "b", "premise", "x"),
        ar.Node("c", "C", "c", "conclusion", "x", parents=("a", "b"), gate=gate),
    )


def test_the_map_has_one_conclusion_and_the_sizes_the_text_gives_in_words(v):
    assert [n.key for n in ar.NODES if n.role == "conclusion"] == ["pact"], (
        "the map section says the premises lead to one conclusion, the pact"
    )
    assert v["n_premises"] == "10", "the map section and the exercise speak of ten premises"
    assert v["n_intermediate"] == "5", "the map section gives five intermediate conclusions"
    assert v["n_assignments"] == "1024" == str(2 ** len(ar.PREMISES)), (
        "'What the arithmetic assumes' says the model goes through all 2^10 = 1024 combinations"
    )
    assert len(ar.PROFILES) == 3, "'Your estimate' says the select switches between three profiles"


def test_the_conclusion_needs_three_intermediate_conclusions_and_two_more_premises():
    parents = ar.node("pact").parents
    roles = sorted(ar.node(p).role for p in parents)
    assert ar.node("pact").gate == "AND" and roles == ["intermediate"] * 3 + ["premise"] * 2, (
        "the text summary says the conclusion needs political will, European allies and all three fronts, 'and two more premises'"
    )
    assert set(parents) == {"will_both_sides", "europe_on_board", "all_fronts", "no_veto", "war_ends"}, (
        "the map section lists political will, European allies, all three fronts, no veto and the end of the war"
    )
    assert ar.node("europe_on_board").gate == "OR", "the map section says European allies at the table is an OR"


def test_and_or_by_hand_as_the_text_and_the_exercise_work_them():
    assert ar.conclusion_probability([0.5, 0.5], tiny("AND")) == pytest.approx(0.25, abs=1e-12), (
        "'What the arithmetic assumes': with two premises at 0.5, an AND gives 0.25"
    )
    assert ar.conclusion_probability([0.5, 0.5], tiny("OR")) == pytest.approx(0.75, abs=1e-12), (
        "'What the arithmetic assumes': with two premises at 0.5, an OR gives 0.75"
    )
    assert ar.conclusion_probability([0.6, 0.7], tiny("AND")) == pytest.approx(0.42, abs=1e-12), (
        "the solution to 'AND and OR by hand' says AND: 0.6 x 0.7 = 0.42"
    )
    assert ar.conclusion_probability([0.6, 0.7], tiny("OR")) == pytest.approx(0.88, abs=1e-12), (
        "the solution to 'AND and OR by hand' says OR: 1 - 0.4 x 0.3 = 0.88"
    )


def test_the_profiles_are_what_the_text_calls_them(v):
    hopeful, even, _ = (p.credences for p in ar.PROFILES)
    assert min(hopeful.values()) > 0.5, "'Your estimate' says Hopeful makes each premise more likely than not"
    assert set(even.values()) == {0.5}, "'Your estimate' says Even odds sets every premise at 0.5"
    assert (v["min_hopeful"], v["max_hopeful"]) == ("0.60", "0.80"), (
        "the text summary says every hopeful credence lies between 0.60 and 0.80"
    )
    probs = [ar.conclusion_probability(p.credences) for p in ar.PROFILES]
    assert probs[0] > probs[1] > probs[2], "the text summary orders the profiles Hopeful > Even odds > Sceptical"


def test_the_hopeful_pact_is_small_beside_its_steps(v):
    assert v["p_hopeful"] == "5.4%", "the text summary says the hopeful pact is 'only 5.4%'"
    assert (v["p_will"], v["p_europe"], v["p_fronts"]) == ("60%", "79%", "27%"), (
        "the text summary gives political will 60%, European allies 79%, all three fronts 27%"
    )
    assert _pct(v["p_hopeful"]) < min(_pct(v[k]) for k in ("p_will", "p_europe", "p_fronts")), (
        "the text summary says the conclusion needs all of them: it cannot exceed the smallest"
    )
    assert v["p_even"] == "0.49%", "the text summary says the pact has 0.49% under Even odds"
    assert v["p_sceptical_text"] == "less than 0.1%", (
        "the text summary says the Sceptical pact has less than 0.1% (never more precise than the model)"
    )


def test_the_tornado_chart_reads_as_the_text_says(v):
    sw = ar.swings(ar.PROFILES[0].credences)
    assert {sw[0].premise, sw[1].premise} == {"poland_limits", "no_veto"}, (
        "the text summary names Poland's limits and no veto as the two premises that move the pact most"
    )
    assert (v["top1"], v["top2"]) == ("Poland accepts limits", "No ally blocks or reverses")
    assert v["top1_true"] == "9.1%" and _pct(v["top1_true"]) > _pct(v["p_hopeful"]), (
        "the text summary says making Poland's limits certain would raise the pact to 9.1%"
    )
    assert sw[-1].premise in ("drawdown", "europe_accommodates"), (
        "the text summary says the least influential premise is on the OR gate's drawdown path"
    )
    assert sw[-1].premise in ar.node("drawdown_path").parents and ar.node("europe_on_board").parents == (
        "drawdown_path",
        "us_pressure",
    ), "the text summary explains the small swing by the OR gate giving European allies a second way"
    assert (v["low_swing"], v["low_swing_width"]) == ("US draws down in CEE", "1.7%")
    assert v["sc_top"] == "Poland accepts limits", (
        "the solution to 'Your own estimate' says Poland's limits has the widest bar for the sceptical profile"
    )


def test_dependence_raises_the_pact_to_the_smallest_credence_on_the_critical_path(v):
    hopeful = ar.PROFILES[0].credences
    critical = (
        "russia_will",
        "us_broker",
        "war_ends",
        "poland_limits",
        "russia_withdraws",
        "periphery_follows",
        "no_veto",
    )
    assert ar.comonotone_probability(hopeful) == min(hopeful[k] for k in critical), (
        "the counter-argument says the comonotone pact is 'the smallest credence on the critical path'"
    )
    assert v["p_hopeful_comonotone"] == "60%" and _pct(v["p_hopeful_comonotone"]) > _pct(v["p_hopeful"]), (
        "the counter-argument says under dependence the hopeful pact rises from 5.4% to 60%"
    )
    assert v["p_even_comonotone"] == "50%", (
        "the exercise 'When independence fails' asks why the comonotone answer for even odds is 0.5"
    )


def test_a_certain_no_veto_only_doubles_the_even_odds_pact(v):
    assert v["p_even_noveto1"] == "0.98%" and _pct(v["p_even_noveto1"]) > _pct(v["p_even"]), (
        "the solution to 'Your own estimate' says a certain 'No ally blocks' only lifts 0.49% to 0.98%"
    )
