"""The teaching kit: every chapter can be assigned on its own, with its exercises, handout and data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, toc_pages

CHAPTERS = sorted(p.stem for p in (ROOT / "book").glob("[0-9][0-9]_*.ipynb"))


def _markdown(name: str) -> str:
    nb = nbformat.read(ROOT / "book" / f"{name}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _code(name: str) -> str:
    nb = nbformat.read(ROOT / "book" / f"{name}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


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


@pytest.mark.parametrize("name", CHAPTERS)
def test_at_least_one_exercise_uses_the_model_api_or_the_live_panel(name):
    text = _markdown(name)
    ex = "\n".join(re.findall(r"```\{(?:exercise|solution)\}.*?\n```", text, re.S))
    assert re.search(r"explainer|live panel|panel\(", ex), f"{name}: no exercise uses the model API or a panel"


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
        "make student",
    ):
        assert needle.lower() in text.lower(), needle
    for name in CHAPTERS:
        assert f"{{doc}}`{name}`" in text, f"the syllabus does not list {name}"


@pytest.mark.slow
def test_student_edition_contains_no_solution(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    cmd = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(ROOT),
        "--path-output",
        str(out),
        "-n",
        "-W",
        "--keep-going",
    ]
    env = {**os.environ, "EXPLAINER_STUDENT_EDITION": "1"}
    built = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-2000:]
    html_dir = out / "_build" / "html"
    for name in CHAPTERS:
        html = (html_dir / "book" / f"{name}.html").read_text(encoding="utf-8")
        assert html.count('class="exercise admonition"') >= 3, name
        assert 'class="solution' not in html, f"{name}: the student edition still shows a solution"
        notebook = (html_dir / "_sources" / "book" / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "{exercise}" in notebook and "{solution}" not in notebook, (
            f"{name}: the student edition's notebook download still holds solutions"
        )
