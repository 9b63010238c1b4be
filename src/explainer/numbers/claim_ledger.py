"""The counts and the date in the prose of "The claim ledger" (``book/claim_ledger.ipynb``)."""

from __future__ import annotations

from .. import data
from .since_article import day

NOTEBOOK = "claim_ledger.ipynb"


def _verdicts(claims) -> dict[str, str]:
    """How many claims there are, by speaker, by kind and by verdict."""
    verdicts = claims["verdict"].value_counts()
    kinds = claims["kind"].value_counts()
    out = {
        "n_claims": str(len(claims)),
        "n_editor": str(int((claims.speaker == "editor").sum())),
        "n_author": str(int((claims.speaker == "author").sum())),
        "n_facts": str(int(kinds["fact"])),
    }
    for verdict, name in [
        ("supported", "n_supported"),
        ("partly supported", "n_partly"),
        ("false", "n_false"),
        ("opinion", "n_opinion"),
        ("prediction", "n_prediction"),
        ("proposal", "n_proposal"),
    ]:
        out[name] = str(int(verdicts.get(verdict, 0)))
    return out


def _speakers(claims) -> dict[str, str]:
    """The editor's factual claims and how many are wrong in part or whole; the author's share of
    checkable facts; the claims that chapter 1 examines."""
    ed_facts = claims[(claims.speaker == "editor") & (claims.kind == "fact")]
    au_facts = claims[(claims.speaker == "author") & (claims.kind == "fact")]
    return {
        "ed_facts": str(len(ed_facts)),
        "ed_false_or_partly": str(int(ed_facts.verdict.isin(["false", "partly supported"]).sum())),
        "au_facts": str(len(au_facts)),
        "au_share_fact": f"{len(au_facts) / (claims.speaker == 'author').sum():.0%}",
        "n_ch1": str(int(claims.chapter.value_counts()["01_decision_rules"])),
    }


def numbers() -> dict[str, str]:
    """Every number and date the page's text shows, formatted as it shows them.

    Returns
    -------
    dict of str to str
        The sources-read date (:func:`explainer.data.sources_read_date`); the counts of
        ``data/claims.csv`` by speaker, kind and verdict; and the size of the corrections log
        ``data/ledger_corrections.csv`` (``n_corrections``, ``n_verdict_changes``).
    """
    claims = data.claims()
    log = data.ledger_corrections()
    return {
        "sources_read": day(data.sources_read_date()),
        **_verdicts(claims),
        **_speakers(claims),
        "n_corrections": str(len(log)),
        "n_verdict_changes": str(int((log.old_verdict != log.new_verdict).sum())),
    }
