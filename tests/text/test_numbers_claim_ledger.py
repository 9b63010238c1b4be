"""The numbers of "The claim ledger" (book/claim_ledger.ipynb) say what its text claims.

tests/test_numbers.py checks that each number the page shows is what
:func:`explainer.numbers.claim_ledger.numbers` computes; these tests check that those counts add
up as the sentences around them say, and that the table of corrections D1-D12 in the page's prose
names the rows of ``data/claims.csv`` that carry each correction (the checks the page's assert
cells used to make).
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

from explainer import data
from explainer.numbers import claim_ledger

#: The rows the page's table "The corrections this book makes" gives for each correction.
CORRECTIONS = {
    "D1": {"C02"},
    "D2": {"C02", "C27"},
    "D3": {"C03", "C04"},
    "D4": {"C09"},
    "D5": {"C34"},
    "D6": {"C19", "C20"},
    "D7": {"C21"},
    "D8": {"C14", "C16", "C18", "C26"},
    "D9": {"C35", "C36"},
    "D10": {"C41"},
    "D11": {"C06", "C11"},
    "D12": {"C39", "C40"},
}


@pytest.fixture(scope="module")
def v():
    return claim_ledger.numbers()


@pytest.fixture(scope="module")
def claims():
    return data.claims()


def _markdown() -> str:
    nb = json.loads((ROOT / "book" / "claim_ledger.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_every_claim_has_one_kind_and_one_verdict(claims):
    assert int(claims["kind"].value_counts().sum()) == len(claims) == int(claims["verdict"].value_counts().sum()), (
        "'What the ledger is' says each claim has one row with its kind and its verdict"
    )


def test_the_counts_add_up_as_the_text_says(v):
    n = {k: int(x) for k, x in v.items() if k != "sources_read" and k != "au_share_fact"}
    assert n["n_editor"] + n["n_author"] == n["n_claims"], (
        "'What the ledger is' splits the claims between the editor's introduction and Korybko's column"
    )
    assert n["n_supported"] + n["n_partly"] + n["n_false"] == n["n_facts"], (
        "'What the ledger is' says the factual claims are supported, partly supported or false (none unsupported)"
    )
    assert n["n_facts"] + n["n_opinion"] + n["n_prediction"] + n["n_proposal"] == n["n_claims"], (
        "'What the ledger is' says 'the rest' of the claims are opinions, predictions and proposals"
    )
    assert n["ed_facts"] + n["au_facts"] == n["n_facts"], (
        "the chart's text summary splits the factual claims between the editor and Korybko"
    )
    assert 0 < n["ed_false_or_partly"] <= n["ed_facts"]


def test_no_factual_claim_is_unsupported(claims):
    assert int((claims["verdict"] == "unsupported").sum()) == 0, (
        "'What the ledger is' lists supported, partly supported and false factual claims, no unsupported one"
    )


def test_the_column_is_mostly_not_facts(v):
    assert v["au_share_fact"] == f"{int(v['au_facts']) / int(v['n_author']):.0%}"
    assert int(v["au_facts"]) / int(v["n_author"]) < 0.5, (
        "the chart's text summary says Korybko's column is mostly opinions, predictions and proposals"
    )


def test_the_table_runs_from_c01_to_the_last_claim(v, claims):
    assert claims["claim_id"].iloc[0] == "C01" and "nothing" in claims["quote"].iloc[0], (
        "the table's text summary says it starts from the editor's answer 'there is nothing' (C01)"
    )
    last = claims.iloc[-1]
    assert last["claim_id"] == "C42" and "depend on Poland" in last["quote"], (
        "the table's text summary says it ends with Korybko's 'much will depend on Poland' (C42)"
    )
    # the page says claims C43 to C45 were added later and stand after C30, with the next numbers
    ids = list(claims["claim_id"])
    assert ids[ids.index("C30") + 1 : ids.index("C30") + 4] == ["C43", "C44", "C45"]
    assert max(int(c[1:]) for c in ids) == int(v["n_claims"]) == 45


def test_the_corrections_d1_to_d12_sit_in_the_rows_the_page_names(claims):
    found: dict[str, set[str]] = {}
    for cid, cell in zip(claims.claim_id, claims.corrections):
        if isinstance(cell, str):
            for d in cell.split("; "):
                found.setdefault(d, set()).add(cid)
    assert found == CORRECTIONS, (
        f"'The corrections this book makes' lists twelve corrections in these rows; data/claims.csv has {found}"
    )
    table = {}
    for m in re.finditer(r"^\| (D\d+) \|[^\n]*\| ([^|\n]*) \|$", _markdown(), re.M):
        table[m.group(1)] = set(re.findall(r'href="#claim-(C\d+)"', m.group(2)))
    assert table == CORRECTIONS, f"the page's table of corrections names other rows than data/claims.csv: {table}"


def test_the_corrections_log_is_about_ledger_rows(v, claims):
    log = data.ledger_corrections()
    assert set(log.claim_id) <= set(claims.claim_id), (
        "'The corrections log' says every line changes a row of data/claims.csv"
    )
    assert 0 < int(v["n_verdict_changes"]) <= int(v["n_corrections"]), (
        "'The corrections log' says some of its changes change a verdict and the others an explanation"
    )


def test_chapter_1_examines_the_most_claims(v, claims):
    assert claims.chapter.value_counts().idxmax() == "01_decision_rules", (
        "the solution to 'Ask the ledger with code' says chapter 1 examines the most claims of any page"
    )
    assert v["n_ch1"] == str(int((claims.chapter == "01_decision_rules").sum()))


def test_the_sources_read_date_is_the_books(v):
    assert v["sources_read"] == claim_ledger.day(data.sources_read_date()), (
        "the page's opening box says 'Sources read up to' the latest source date in data/"
    )
