"""The teaching kit: every chapter can be assigned on its own, with its exercises, handout and data."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, notebook_cells, toc_pages

CHAPTERS = sorted(p.stem for p in (ROOT / "book").glob("[0-9][0-9]_*.ipynb"))


def _cells(name: str) -> list[dict]:
    return notebook_cells(ROOT / "book" / f"{name}.ipynb")


def _markdown(name: str) -> str:
    return "\n".join(c["source"] for c in _cells(name) if c["cell_type"] == "markdown")


def _code(name: str) -> str:
    return "\n".join(c["source"] for c in _cells(name) if c["cell_type"] == "code")


def test_there_are_five_chapters_in_the_toc():
    assert len(CHAPTERS) == 5
    for name in CHAPTERS:
        assert f"book/{name}.html" in toc_pages()


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_has_objectives_reading_time_exercises_and_discussion(name):
    text = _markdown(name)
    assert re.search(r"reading time", text, re.I), f"{name}: no reading time"
    assert re.search(r"you will learn|learning objectives", text, re.I), f"{name}: no learning objectives"
    exercises = re.findall(r"```\{exercise\}[^\n]*\n:label: *([\w-]+)", text)
    assert len(exercises) >= 3, f"{name}: {len(exercises)} exercises"
    for label in exercises:
        block = re.search(r"```\{solution\} *" + re.escape(label) + r"\n((?::\w+:.*\n)*)", text)
        assert block, f"{name}: exercise {label} has no solution"
        assert ":class: dropdown" in block.group(1), f"{name}: the solution to {label} is not collapsed"
    assert re.search(r"^#+ .*discussion", text, re.I | re.M), f"{name}: no discussion questions"
    assert re.search(r"both sides|argue (?:yes|for)|strongest case", text, re.I), (
        f"{name}: discussion questions should make the student argue both sides"
    )


#: A directive block in the chapters' Markdown: its fence, kind, title and body.
BLOCK = re.compile(r"^(`{3,})\{([\w-]+)\}([^\n]*)\n(.*?)^\1[ \t]*$", re.M | re.S)
PYTHON_TITLE = re.compile(r"^\s*With Python \(Binder\)")


def _reader_markdown(name: str) -> str:
    """The Markdown a reader sees on the website (without cells removed from the page)."""
    cells = _cells(name)
    return "\n".join(
        c["source"]
        for c in cells
        if c["cell_type"] == "markdown" and "remove-cell" not in c["metadata"].get("tags", [])
    )


def _exercises(name: str) -> list[tuple[str, str, str]]:
    """Each exercise of a chapter: (label, title, text)."""
    return _exercises_in(_markdown(name))


def _without_python_boxes(text: str) -> str:
    """``text`` without the optional Python parts: exercises "With Python (Binder)", their
    solutions, and admonitions of class with-python."""
    python_labels = {label for label, title, _ in _exercises_in(text) if PYTHON_TITLE.match(title)}

    def one(m: re.Match) -> str:
        kind, title, body = m.group(2), m.group(3).strip(), m.group(4)
        if kind == "exercise" and PYTHON_TITLE.match(title):
            return ""
        if kind == "solution" and title in python_labels:
            return ""
        if kind == "admonition" and (PYTHON_TITLE.match(title) or "with-python" in body.split("\n\n", 1)[0]):
            return ""
        return m.group(1) + "{" + kind + "}" + m.group(3) + "\n" + BLOCK.sub(one, body) + m.group(1)

    return BLOCK.sub(one, text)


def _exercises_in(text: str) -> list[tuple[str, str, str]]:
    out = []
    for m in BLOCK.finditer(text):
        if m.group(2) == "exercise":
            label = re.search(r"^:label:\s*(\S+)", m.group(4), re.M)
            out.append((label.group(1) if label else "", m.group(3).strip(), m.group(4)))
    return out


@pytest.mark.parametrize("name", CHAPTERS)
def test_at_least_three_exercises_work_without_a_kernel(name):
    exercises = _exercises(name)
    static = [(label, body) for label, title, body in exercises if not PYTHON_TITLE.match(title)]
    assert len(static) >= 3, f"{name}: {len(static)} exercises work on the static page ({[e[0] for e in static]})"
    for label, body in static:
        body = re.sub(r"\{[\w:-]+\}`[^`]*`", "", body)  # roles ({ref}, {term}) are not code
        assert not re.search(r"`|live panel|in Binder|JupyterLab|explainer\.|\w\(", body), (
            f"{name}: exercise {label} is not marked 'With Python (Binder)' but needs code or a kernel"
        )
    python = [label for label, title, _ in exercises if PYTHON_TITLE.match(title)]
    assert len(python) <= 2, f"{name}: more than two Python extensions {python}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_opens_with_key_takeaways(name):
    text = _markdown(name)
    block = next(
        (m for m in BLOCK.finditer(text) if m.group(2) == "admonition" and "Key takeaways" in m.group(3)), None
    )
    assert block, f"{name}: no 'Key takeaways' admonition"
    assert "key-takeaways" in block.group(4).split("\n", 1)[0], f"{name}: key takeaways lack their class"
    bullets = re.findall(r"^- ", block.group(4), re.M)
    assert 3 <= len(bullets) <= 5, f"{name}: {len(bullets)} key takeaways"
    headings = [m.start() for m in re.finditer(r"^## ", text, re.M)]
    assert headings and block.start() < headings[0], f"{name}: key takeaways come after the first section"


@pytest.mark.parametrize("name", CHAPTERS)
def test_prose_speaks_of_the_model_not_the_code(name):
    text = _without_python_boxes(_reader_markdown(name))
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    code = re.findall(r"`[^`\n]+`", re.sub(r"\{[\w:-]+\}`[^`]*`", "", re.sub(r"^`{3,}.*$", "", text, flags=re.M)))
    assert not code, f"{name}: code names in the prose outside the Python boxes: {code[:8]}"
    indented = [line for line in text.splitlines() if re.match(r"^ {4,}(?:import|from|\w+\s*=|\w+\.\w+\()", line)]
    assert not indented, f"{name}: code outside the Python boxes: {indented[:3]}"


#: A symbol in a formula: a letter with an optional subscript, or a Greek letter.
SYMBOL = re.compile(
    r"\\(?:alpha|beta|gamma|delta|rho|sigma|tau|theta|lambda|mu|pi)\b|(?<![\\A-Za-z])[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?(?![A-Za-z])"
)


def _symbols(math: str) -> set[str]:
    math = re.sub(r"\\(?:frac|cdot|times|qquad|quad|le|ge|ne|approx|text\{[^}]*\}|left|right|,|;)", " ", math)
    math = re.sub(r"\bd(?=[a-z]\b)", " ", math)  # the d of a derivative dx/dt
    return {re.sub(r"[{}]", "", s) for s in SYMBOL.findall(math)}


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_symbol_is_in_the_chapters_notation_table(name):
    text = _without_python_boxes(_reader_markdown(name))
    table = next((m for m in BLOCK.finditer(text) if m.group(2) == "admonition" and "Notation" in m.group(3)), None)
    maths = re.findall(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", text, re.S)
    if table is None:
        assert not maths, f"{name}: formulas but no notation table: {maths[:3]}"
        return
    rows = re.findall(r"^\|\s*\$([^$]+)\$", table.group(4), re.M)
    listed = set().union(*(_symbols(r) for r in rows)) if rows else set()
    rest = text[: table.start()] + text[table.end() :]
    used = set().union(set(), *(_symbols(a or b) for a, b in re.findall(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", rest, re.S)))
    missing = used - listed
    assert not missing, f"{name}: symbols used but not in the notation table: {sorted(missing)}"
    first_math = re.search(r"\$[^$\n]+\$", text)
    assert first_math is None or first_math.start() > table.start(), f"{name}: a formula before the notation table"


#: The claim ledger's verdicts (data.FACT_VERDICTS) and kinds of claim: the only verdict words.
VERDICT_WORDS = ("supported", "partly supported", "false", "unsupported", "opinion", "prediction", "proposal")


@pytest.mark.parametrize("name", [*CHAPTERS, "claim_ledger", "argument_map"])
def test_one_verdict_vocabulary(name):
    from explainer.data import FACT_VERDICTS

    assert set(FACT_VERDICTS) <= set(VERDICT_WORDS)
    text = _markdown(name)
    for table in re.findall(r"(?:^\|.*\|[ \t]*\n)+", text, re.M):
        lines = table.strip().splitlines()
        header = [h.strip().lower() for h in lines[0].strip("|").split("|")]
        if "verdict" not in header:
            continue
        col = header.index("verdict")
        for line in lines[2:]:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            word = re.sub(r"[*_]", "", cells[col]).strip().lower() if col < len(cells) else ""
            assert word.startswith(VERDICT_WORDS), f"{name}: verdict {cells[col]!r} is not one of {VERDICT_WORDS}"
    assert not re.search(r"\*\*(?:True|Misleading|Garbled|Fair|Simplified|Speculation)\b", text), (
        f"{name}: a verdict outside the ledger's vocabulary"
    )


NOTE_SECTIONS = (
    "## Prerequisites and a path without the maths",
    "## A 50-minute class",
    "## Time per exercise",
    "## Strong answers to the discussion questions",
    "## Common misconceptions",
)


@pytest.mark.parametrize("name", CHAPTERS)
def test_each_chapter_has_instructor_notes_in_the_guide(name):
    notes = ROOT / "book" / "instructor_notes" / f"{name}.md"
    assert notes.is_file(), f"no instructor notes for {name}"
    text = notes.read_text(encoding="utf-8")
    for section in NOTE_SECTIONS:
        assert section in text, f"{notes.name}: no section {section!r}"
    discussion = re.search(r"^## Discussion questions\n(.*?)(?=^## |\Z)", _markdown(name), re.M | re.S)
    asked = len(re.findall(r"^\d+\. ", discussion.group(1), re.M)) if discussion else 0
    answers = text.split("## Strong answers to the discussion questions", 1)[1].split("\n## ", 1)[0]
    answered = len(re.findall(r"^(?:\d+\. |### |\*\*\d+\. )", answers, re.M))
    assert answered >= asked, f"{notes.name}: {answered} strong answers for {asked} discussion questions"
    labels = {label for label, _, _ in _exercises(name)}
    timed = text.split("## Time per exercise", 1)[1].split("\n## ", 1)[0]
    for label in labels:
        assert label in timed, f"{notes.name}: no time for exercise {label}"
    assert f"book/instructor_notes/{name}" in (ROOT / "_toc.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_stands_alone(name):
    # a chapter imports only the package: it never runs or imports another chapter's notebook
    code = _code(name)
    assert "%run" not in code and ".ipynb" not in code, f"{name} depends on another notebook"


def test_every_glossary_term_used_is_defined():
    glossary = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    defined = {
        line.strip().lower()
        for line in glossary.splitlines()
        if line and not line.startswith((" ", "#", "`", ":")) and not line.startswith("```")
    }
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "book").glob("*.md")]
    sources += [_markdown(p.stem) for p in (ROOT / "book").glob("*.ipynb")]
    used = set()
    for text in sources:
        for m in re.finditer(r"\{term\}`([^`]+)`", text):
            target = m.group(1)
            target = target.split("<", 1)[1].rstrip(">") if "<" in target else target
            used.add(target.strip().lower())
    missing = used - defined
    assert not missing, f"terms used but not in the glossary: {sorted(missing)}"
    assert len(used) >= 5


@pytest.mark.build
@pytest.mark.parametrize("name", CHAPTERS)
def test_built_chapter_has_collapsed_solutions_and_downloads(built_book, name):
    html = (built_book / "book" / f"{name}.html").read_text(encoding="utf-8")
    exercises = html.count('class="exercise admonition"')
    solutions = html.count('class="solution dropdown admonition"')
    assert exercises >= 3 and solutions >= exercises, (exercises, solutions)
    assert f"../_sources/book/{name}.ipynb" in html and (built_book / "_sources" / "book" / f"{name}.ipynb").is_file()
    assert f"../handouts/{name}.pdf" in html


@pytest.mark.build
@pytest.mark.parametrize("name", CHAPTERS)
def test_handout_pdf_exists_with_pages_and_the_chapter_title(built_book, name):
    from pypdf import PdfReader

    pdf = built_book / "handouts" / f"{name}.pdf"
    assert pdf.is_file(), f"{pdf} was not made"
    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 2

    def words(text: str) -> str:
        return " ".join(re.sub(r"[^\w]+", " ", text).lower().split())

    first = words(reader.pages[0].extract_text())
    title = re.search(r"^# (.+)$", _markdown(name), re.M).group(1)
    assert " ".join(words(title).split()[:4]) in first, f"{name}: the handout lacks the title {title!r}"
    text = words(" ".join(p.extract_text() for p in reader.pages))
    assert "exercise" in text and "solution to exercise" not in text, f"{name}: the handout prints solutions"


@pytest.mark.build
def test_data_page_offers_every_csv_for_download(built_book):
    html = (built_book / "book" / "data.html").read_text(encoding="utf-8")
    for csv in sorted((ROOT / "data").glob("*.csv")):
        assert f"../data/{csv.name}" in html, f"{csv.name} has no download link"
        assert (built_book / "data" / csv.name).read_bytes() == csv.read_bytes()


@pytest.mark.build
def test_instructor_guide_has_syllabus_rubric_and_student_edition_command(built_book):
    text = (ROOT / "book" / "instructors.md").read_text(encoding="utf-8")
    for needle in (
        "## Syllabus",
        "one-week module",
        "semester unit",
        "## Assignment ideas",
        "rubric",
        "Binder",
        "make build",
        "student edition",
    ):
        assert needle.lower() in text.lower(), needle
    for name in CHAPTERS:
        assert f"{{doc}}`{name}`" in text, f"the syllabus does not list {name}"
