"""Numbers in the prose are the code's: every marked number shows what its chapter computes.

A marked number (``<!--n:name-->value<!--/n-->``, see :mod:`explainer.numbers`) must show exactly
the text its chapter's ``numbers()`` gives; a failure names the number and its sentence. No
notebook keeps myst-nb glue roles or glue cells, which JupyterLab cannot show.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

from explainer import numbers as nb_numbers

NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
PAGES = NOTEBOOKS + [ROOT / "book" / "intro.md"]
REGISTRY = nb_numbers.registry()


def _cells(path):
    if path.suffix == ".md":
        return [("markdown", path.read_text(encoding="utf-8"))]
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [
        (c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"]) for c in nb["cells"]
    ]


def _sentence(text: str, name: str) -> str:
    at = text.index(f"<!--n:{name}-->")
    start = max(text.rfind(". ", 0, at), text.rfind("\n\n", 0, at)) + 1
    end = text.find(". ", at)
    return " ".join(text[start : end + 1 if end > 0 else None].split())


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_every_marked_number_is_what_the_code_computes(path):
    markdown = [text for kind, text in _cells(path) if kind == "markdown"]
    marks = [(name, shown, text) for text in markdown for name, shown in nb_numbers.marked(text)]
    if not marks:
        assert path.name not in REGISTRY, f"{path.name} has a numbers() module but marks no number"
        return
    assert path.name in REGISTRY, f"{path.name} marks numbers but no explainer.numbers module names it"
    values = REGISTRY[path.name]()
    wrong = []
    for name, shown, text in marks:
        if name not in values:
            wrong.append(f"{name}: not computed by numbers(); in: {_sentence(text, name)}")
        elif shown != values[name]:
            wrong.append(
                f"{name}: the text shows {shown!r}, the code gives {values[name]!r}; in: {_sentence(text, name)}"
            )
    assert not wrong, f"{path.name} (run `make numbers` after checking):\n  " + "\n  ".join(wrong)
    unused = set(values) - {name for name, _, _ in marks}
    assert not unused, f"{path.name}: numbers() computes values the text never shows: {sorted(unused)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_glue_left_for_jupyterlab_to_show_raw(path):
    for kind, text in _cells(path):
        if kind == "markdown":
            assert "{glue" not in text, f"{path.name}: a glue role JupyterLab cannot show: {text[:200]}"
        else:
            assert not re.search(r"\bglue\(", text), f"{path.name}: a glue cell: {text[:200]}"
            assert not re.search(r"^assert\b", text, re.M), (
                f"{path.name}: an assert cell (move it to the tests): {text[:200]}"
            )


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_no_line_starts_with_a_marked_number(path):
    """A line that opens with ``<!--`` is a raw HTML block in CommonMark (myst and JupyterLab): it
    would cut its paragraph and leave the Markdown after it unparsed."""
    for kind, text in _cells(path):
        if kind == "markdown":
            bad = [line for line in text.splitlines() if line.lstrip().startswith("<!--n:")]
            assert not bad, f"{path.name}: a line starts with a marked number: {bad[0][:120]}"


def test_fill_replaces_marked_numbers_and_names_unknown_ones():
    text = "p is <!--n:p-->0.1<!--/n--> and q <!--n:q-->x<!--/n-->."
    assert nb_numbers.fill(text, {"p": "0.2", "q": "y"}) == "p is <!--n:p-->0.2<!--/n--> and q <!--n:q-->y<!--/n-->."
    with pytest.raises(KeyError, match="'q'"):
        nb_numbers.fill(text, {"p": "0.2"})
    assert nb_numbers.marked(text) == [("p", "0.1"), ("q", "x")]
