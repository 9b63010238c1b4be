"""The teaching kit as built: the student edition published under student/, exercises numbered
within their chapter, instructor pages kept from students, and handouts that print well."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from explainer.book.build import STUDENT_DIR
from explainer.book.handouts import chapter_pages, handout_path
from explainer.book.sphinxext import SOLUTION_BLOCK

pytestmark = pytest.mark.build

CHAPTERS = sorted(p.stem for p in (ROOT / "book").glob("[0-9][0-9]_*.ipynb"))


def _pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _solution_snippets(name: str) -> list[str]:
    """A distinctive run of plain words from each solution of a chapter (markers and markup out)."""
    nb = json.loads((ROOT / "book" / f"{name}.ipynb").read_text(encoding="utf-8"))
    snippets = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for m in SOLUTION_BLOCK.finditer("".join(cell["source"])):
            body = m.group(0).split("\n", 1)[1]
            body = re.sub(r"^:[\w-]+:.*$|^`{3,}.*$|^ {4}.*$", "", body, flags=re.M)
            body = re.sub(r"<!--.*?-->|\[|\]\([^)]*\)|[*_`$]|\{[\w:-]+\}", "", body)
            words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", body)]
            if len(words) >= 8:
                snippets.append(" ".join(words[:8]))
    return snippets


@pytest.fixture(scope="module")
def student(built_book: Path) -> Path:
    root = built_book / STUDENT_DIR
    assert (root / "book" / "intro.html").is_file(), "the build published no student edition under student/"
    return root


@pytest.mark.parametrize("name", CHAPTERS)
def test_exercises_are_numbered_within_their_chapter(built_book, student, name):
    number = int(name[:2])
    for site in (built_book, student):
        html = (site / "book" / f"{name}.html").read_text(encoding="utf-8")
        shown = re.findall(r'<span class="caption-number">Exercise (\d+(?:\.\d+)*)\s*</span>', html)
        assert shown, f"{site.name}/{name}: no numbered exercise"
        assert shown == [f"{number}.{k}" for k in range(1, len(shown) + 1)], f"{name}: exercises numbered {shown}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_the_student_edition_holds_no_solution(student, name):
    html = (student / "book" / f"{name}.html").read_text(encoding="utf-8")
    assert html.count('class="exercise admonition"') >= 3, name
    assert 'class="solution' not in html, f"{name}: the student edition's page shows a solution"
    notebook = (student / "_sources" / "book" / f"{name}.ipynb").read_text(encoding="utf-8")
    assert "{exercise}" in notebook and "{solution}" not in notebook, f"{name}: its notebook download holds solutions"
    snippets = _solution_snippets(name)
    assert snippets, f"{name}: no solution text found to look for"
    pdf = _squash(" ".join(_pdf_pages(handout_path(student, student / "book" / f"{name}.html"))))
    page = _squash(re.sub(r"<[^>]+>", " ", html))
    for snippet in snippets:
        assert _squash(snippet) not in page, f"{name}: the student page holds solution text {snippet!r}"
        assert _squash(snippet) not in pdf, f"{name}: the student handout holds solution text {snippet!r}"


def test_the_student_edition_has_no_instructor_pages_and_the_guide_links_it(built_book, student):
    assert not (student / "book" / "instructors.html").exists()
    assert not list(student.rglob("instructor_notes/*.html")), "instructor notes in the student edition"
    for page in student.rglob("*.html"):
        assert "instructor_notes/" not in page.read_text(encoding="utf-8"), f"{page} links the instructor notes"
    guide = (built_book / "book" / "instructors.html").read_text(encoding="utf-8")
    assert 'href="../student/book/intro.html"' in guide
    for name in CHAPTERS:
        notes = built_book / "book" / "instructor_notes" / f"{name}.html"
        assert notes.is_file(), f"no instructor notes for {name}"
        assert f"instructor_notes/{name}.html" in guide, f"the guide does not list the notes for {name}"


def _handouts(site: Path) -> list[Path]:
    return [handout_path(site, page) for page in chapter_pages(site)]


@pytest.mark.parametrize("edition", ["book", "student"])
def test_handouts_print_well(built_book, edition):
    site = built_book if edition == "book" else built_book / STUDENT_DIR
    names = {p.stem for p in _handouts(site)}
    assert {*CHAPTERS, "claim_ledger", "argument_map"} <= names, f"{edition}: handouts {sorted(names)}"
    for pdf in _handouts(site):
        pages = _pdf_pages(pdf)
        text = " ".join(pages)
        for k, page in enumerate(pages, start=1):
            assert f"page {k} of {len(pages)}" in page, f"{pdf.name}: page {k} has no page number"
            assert "sources read up to" in page, f"{pdf.name}: no running header on page {k}"
        assert not re.search(r"\bkernel|\bslider|drag the|move the controls? (above|below|beside)", text, re.I), (
            f"{pdf.name}: text about kernels or sliders"
        )
        html = (site / "book" / f"{pdf.stem}.html").read_text(encoding="utf-8")
        with_controls = html.count('<figure class="explainer-figure"') - len(
            re.findall(r'<figure class="explainer-figure"(?![^>]*data-scenarios)', html)
        )
        settings = re.findall(r"Setting ([ABC]) \(", text)
        assert settings.count("A") == with_controls, f"{pdf.name}: {settings.count('A')} of {with_controls} charts"
        assert settings.count("B") == with_controls, f"{pdf.name}: a chart printed at one setting only"
        if pdf.stem in CHAPTERS:
            assert text.count("Your answer:") >= 3, f"{pdf.name}: no space to answer"
            assert "Links on this page" in text and re.search(r"\[1\]", text), f"{pdf.name}: no link addresses"
            assert re.search(r"https?://", text.split("Links on this page")[-1]), f"{pdf.name}: no link address"
