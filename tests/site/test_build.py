"""The book builds with warnings as errors, and the built HTML loads nothing from other hosts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, html_pages, toc_pages

pytestmark = pytest.mark.build

EXTERNAL_ASSET = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=\"(?:https?:)?//[^\"]+\"", re.I)


def test_strict_build_passes(book_build):
    log = book_build.stdout + book_build.stderr
    assert book_build.returncode == 0, log[-6000:]
    assert "WARNING" not in log.replace("[IPKernelApp] WARNING | Kernel is running over TCP", ""), log[-6000:]


def test_every_toc_page_is_built(built_book: Path):
    for page in toc_pages():
        assert (built_book / page).is_file(), f"{page} missing from the build"


def test_no_page_links_assets_from_other_hosts(built_book: Path):
    for page in html_pages(built_book):
        text = page.read_text(encoding="utf-8")
        hits = EXTERNAL_ASSET.findall(text)
        # links to other sites in prose (<a href>) are fine; assets a browser fetches are not
        assert not hits, f"{page.relative_to(built_book)} loads assets from other hosts: {hits[:3]}"


def test_plotly_js_only_on_chart_pages_and_from_one_url(built_book: Path):
    # one URL per edition: the student edition (student/) is a site of its own inside the site
    urls: dict[str, set[str]] = {"book": set(), "student": set()}
    for page in html_pages(built_book):
        text = page.read_text(encoding="utf-8")
        scripts = re.findall(r'<script[^>]+src="([^"]*plotly[^"]*\.js)[^"]*"', text)
        has_chart = "plotly-graph-div" in text
        assert len(scripts) == (1 if has_chart else 0), f"{page.name}: plotly scripts {scripts}"
        edition = "student" if page.relative_to(built_book).parts[0] == "student" else "book"
        for src in scripts:
            # resolve the relative URL against the page to one site path
            urls[edition].add((page.parent / src.split("?")[0]).resolve().relative_to(built_book.resolve()).as_posix())
    assert len(urls["book"]) == 1, f"plotly.js is served from several URLs: {urls['book']}"
    assert len(urls["student"]) == 1, f"the student edition's plotly.js comes from several URLs: {urls['student']}"
    for only in urls["book"] | urls["student"]:
        assert (built_book / only).stat().st_size > 1_000_000


def test_no_widget_manager_or_widget_state_in_pages(built_book: Path):
    for page in html_pages(built_book):
        text = page.read_text(encoding="utf-8")
        for marker in ("application/vnd.jupyter.widget-state+json", "embed-amd", "html-manager", "require.min.js"):
            assert marker not in text, f"{page.name} carries {marker}"


def test_live_panel_note_links_to_binder(built_book: Path):
    text = (built_book / "book" / "01_decision_rules.html").read_text(encoding="utf-8")
    links = re.findall(r'class="explainer-binder-link" href="([^"]+)"', text)
    assert links, "the live panel's note with a Binder link is missing"
    assert all(
        link.startswith("https://mybinder.org/v2/gh/") and "01_decision_rules.ipynb" in link for link in links
    ), links


def test_notebooks_are_stored_without_outputs():
    import nbformat

    for path in sorted((ROOT / "book").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name} has stored outputs"


def test_folders_the_tools_leave_behind_are_not_pages():
    """pytest and hypothesis leave .pytest_cache/README.md and .hypothesis/ in the repository;
    the strict build (-W) would fail on a README it finds there after `make test`."""
    import yaml
    from sphinx.util.matching import Matcher

    excluded = Matcher(yaml.safe_load((ROOT / "_config.yml").read_text())["exclude_patterns"])
    for folder in (".pytest_cache", ".hypothesis", ".venv", "book/.ipynb_checkpoints"):
        assert excluded(folder), f"{folder}/ would be read for pages"
    assert not excluded("book"), "the matcher must still let the book's pages through"
