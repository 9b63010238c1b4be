"""Every status claim in the chapters is dated (issue 19), and chapters 3 and 4 quote one troop ratio.

A *status sentence* is a present-tense statement about how the world stands, which the next news
can overtake: "no government has proposed ...", "no source read for this book reports ...",
"... has not been made public", "... remains ...". Each such sentence in the Markdown of a chapter
notebook (``book/0*.ipynb``) or of the argument map must say when it was true: it must contain
"as of " followed by a date, either glued (``as of {glue:text}`asof```: a glue name containing
``asof``, ``as_of`` or ``date``) or written out ("as of 5 February 2026", "as of December 2025"),
which includes a marked date (``as of <!--n:asof-->25 February 2026<!--/n-->``, read as it shows).

What is *not* a status sentence:

- words inside quotation marks and block quotes (the article's or a speaker's words, which the
  chapter dates where it quotes them);
- the exercise and solution blocks (questions and worked answers about the models);
- a sentence the author marks by ending it with the HTML comment ``<!-- not a status -->``, for a
  sentence about the model or the book, not the world (for example "the race is still stable
  there"). The comment is invisible on the page and in JupyterLab.

On failure the test prints every status sentence it found with its date, the undated ones marked.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[2] / "book"
NOTEBOOKS = sorted(BOOK.glob("0*.ipynb")) + [BOOK / "argument_map.ipynb"]

#: Phrases that mark a present-tense status claim about the world. Each is a regular expression,
#: matched case-insensitively against the sentence with its quotations removed.
STATUS_PHRASES: tuple[str, ...] = (
    r"\bno source (?:read|reports)\b",  # "no source read for this book reports ..."
    r"\bno (?:page|statement|document) read\b",
    r"\bin anything read\b",
    r"\b(?:has|have) not\b",  # "has not been made public", "have not met"
    r"\b(?:has|have) (?:made|proposed)\b",  # "Congress has made ...", "no government has proposed"
    r"(?<!\bwhat )\bremains?\b",  # "... remains in force"; "what remains" is a noun phrase
    r"\bso far\b",
    r"\bto date\b",
    r"\bcurrently\b",
    r"\b(?:is|are) still\b",
    r"\bnot yet\b",
    r"\bever (?:has|have)\b",  # "none ever has"
    r"\bno nato.russia negotiation\b",
    r"\bis expected\b",
)
_STATUS = re.compile("|".join(f"(?:{p})" for p in STATUS_PHRASES), re.IGNORECASE)

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
#: "as of" and a date: a glued date (the glue name says it is one) or a written "5 February 2026".
AS_OF = re.compile(
    r"\bas of\s+(?P<date>\{glue:text\}`[^`:]*(?:asof|as_of|date)[^`]*`"
    rf"|(?:\d{{1,2}}\s+)?{_MONTH}\s+\d{{4}})",
    re.IGNORECASE,
)

EXEMPT = "<!-- not a status -->"
_MARK = "\u27e6not-a-status\u27e7"  # stands for EXEMPT while the text is split into sentences

# a sentence ends at . ! or ? (perhaps followed by a closing bracket, quote or emphasis mark) and
# the next one starts with a capital letter, an opening bracket, quote, emphasis or glue
_SPLIT = re.compile(rf"(?:(?<=[.!?])|(?<=[.!?][)\]\"”*_])|(?<=[.!?]\*\*)|(?<={_MARK}))\s+(?=[A-Z*_(\[{{\"“])")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_DIRECTIVE_BLOCK = re.compile(r"^```\{(?:exercise|solution)\}.*?^```\s*$", re.MULTILINE | re.DOTALL)


def _markdown_cells(path: Path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"]


def _paragraphs(markdown: str) -> list[str]:
    """The prose of a Markdown cell in pieces that hold whole sentences: paragraphs, list items and
    table cells; without block quotes, exercise and solution blocks, code and directive lines."""
    text = _DIRECTIVE_BLOCK.sub("\n", markdown)
    text = re.sub(r"\s*<!--\s*not a status\s*-->", _MARK, text)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    pieces: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [
            ln
            for ln in block.split("\n")
            if not ln.lstrip().startswith((">", "```", ":"))  # quotes, fences, directive options
            and not ln.startswith("    ")
        ]  # indented code in solutions
        if not lines:
            continue
        if all(ln.lstrip().startswith("|") for ln in lines):  # a table: one piece per cell
            pieces += [cell for ln in lines for cell in ln.strip().strip("|").split("|")]
            continue
        items = re.split(r"\n(?=\s*(?:[-*]|\d+\.)\s)", "\n".join(lines))  # list items
        pieces += items
    return [" ".join(p.split()) for p in pieces if p.strip() and not set(p.strip()) <= set("-: ")]


_HIDE = str.maketrans(".!?", "\ue000\ue001\ue002")  # sentence ends inside a quotation are not ends
_SHOW = str.maketrans("\ue000\ue001\ue002", ".!?")


def _sentences(markdown: str) -> list[str]:
    out = []
    for piece in _paragraphs(markdown):
        piece = _QUOTED.sub(lambda m: m.group(0).translate(_HIDE), piece)
        out += [s.translate(_SHOW) for s in _SPLIT.split(piece) if s.strip()]
    return out


def status_sentences(markdown: str) -> list[tuple[str, str | None]]:
    """``(sentence, date or None)`` for each status sentence of a Markdown text (see the module
    docstring); sentences marked with ``<!-- not a status -->`` are left out."""
    found = []
    for sentence in _sentences(markdown):
        if sentence.endswith(_MARK):
            continue
        plain = _QUOTED.sub(" ", re.sub(r"\]\([^)]*\)", "]", sentence))  # no URLs, no quotations
        if _STATUS.search(plain):
            dated = AS_OF.search(sentence)
            found.append((sentence, dated.group("date") if dated else None))
    return found


# ---------------------------------------------------------------------------------------------
# The detector itself, by hand
# ---------------------------------------------------------------------------------------------
def test_detector_finds_and_dates_status_sentences():
    text = (
        "The treaty expired on 5 February 2026. No source read for this book reports talks on a "
        "successor. As of {glue:text}`asof`, no government has proposed this deal.\n\n"
        "- Congress has made a deep cut harder, as of 25 February 2026.\n"
        "- Allies have not met since then (as of December 2025)."
    )
    found = status_sentences(text)
    assert [d for _, d in found] == [None, "{glue:text}`asof`", "25 February 2026", "December 2025"]
    assert found[0][0].startswith("No source read")


def test_detector_ignores_quotes_exercises_model_sentences_and_plain_history():
    text = (
        'The article says success "is expected to lead to agreements".\n\n'
        "> a quoted block that has not been dated\n\n"
        "The race is still stable there, but settles very high. <!-- not a status -->\n"
        "Russia left the CFE Treaty on 7 November 2023. What remains with no troops forward is the "
        "floor.\n\n"
        "```{exercise} A question\n:label: ex-x\n\nWhat credibility remains? Is it still there?\n```\n\n"
        "| A claim | No page read shows it. |\n|---|---|\n| x | y |"
    )
    found = status_sentences(text)
    assert [s for s, _ in found] == ["No page read shows it."]
    quoted = 'NATO stopped treating it as a limit: "The act is still there. But it binds nothing" (May 2022).'
    assert status_sentences(quoted) == []


def test_a_glued_number_is_not_a_date():
    assert status_sentences("As of {glue:text}`p3_n`, no source reports it.")[0][1] is None
    assert status_sentences("As of {glue:text}`p5_asof`, no source reports it.")[0][1] == "{glue:text}`p5_asof`"


# ---------------------------------------------------------------------------------------------
# The chapters
# ---------------------------------------------------------------------------------------------
def _report(path: Path, found: list[tuple[str, str | None]]) -> str:
    lines = [
        f"{path.name}: {len(found)} status sentence(s); each needs 'as of <date>' "
        f"(a glued date such as {{glue:text}}`asof`, or '5 February 2026'), or, if it describes "
        f"the model or the book rather than the world, a closing {EXEMPT}:"
    ]
    for sentence, date in found:
        mark = f"[as of {date}]" if date else "[UNDATED]"
        lines.append(f"  {mark:32} {sentence}")
    return "\n".join(lines)


def test_every_chapter_is_checked():
    names = {p.name for p in NOTEBOOKS}
    assert {"01_decision_rules.ipynb", "03_poland.ipynb", "04_core_deal.ipynb", "argument_map.ipynb"} <= names
    assert all(p.is_file() for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_status_sentences_are_dated(path):
    found = [f for md in _markdown_cells(path) for f in status_sentences(md)]
    undated = [s for s, d in found if d is None]
    assert not undated, _report(path, found)


# ---------------------------------------------------------------------------------------------
# Chapters 3 and 4 quote one Poland-to-Belarus troop ratio (issue 19)
# ---------------------------------------------------------------------------------------------
RATIO_CHAPTERS = [BOOK / "03_poland.ipynb", BOOK / "04_core_deal.ipynb"]
RATIO_GLUE = "troop_ratio"


def _cells(path: Path, kind: str) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == kind)


def _numbers_source(path: Path) -> str:
    """The source of the module in ``explainer.numbers`` that computes the chapter's numbers."""
    from explainer import numbers

    return inspect.getsource(inspect.getmodule(numbers.registry()[path.name]))


@pytest.mark.parametrize("path", RATIO_CHAPTERS, ids=[p.stem for p in RATIO_CHAPTERS])
def test_the_ratio_is_marked_from_the_model_function(path):
    code = _cells(path, "code") + "\n" + _numbers_source(path)
    markdown = _cells(path, "markdown")
    # a marked number (<!--n:troop_ratio-->), computed by the chapter's numbers() from
    # poland.troop_ratio (one data row per side), never from typed numbers
    assert re.search(rf"<!--n:{RATIO_GLUE}-->", markdown), path.name
    assert re.search(r"(?:pl|poland)\.troop_ratio\(", _numbers_source(path)), path.name
    # the old figures: chapter 3's "about a fifth" and its range, chapter 4's typed 200,000 and 48,000
    assert "about a fifth" not in markdown
    assert "p3_by_ratio" not in markdown + code
    assert not re.search(r"200_?000\s*/|poland_active|belarus_active", code), path.name
    assert not re.search(r"about \d+ times Belarus", markdown), path.name


def test_both_chapters_quote_the_ratio_the_same_way():
    shown = {
        m for p in RATIO_CHAPTERS for m in re.findall(rf"<!--n:{RATIO_GLUE}-->(.*?)<!--/n-->", _cells(p, "markdown"))
    }
    assert len(shown) == 1, shown
