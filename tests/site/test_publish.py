"""Publishing: licences, citation, a site that works from any sub-path, and the CI workflow."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, html_pages, toc_pages

from explainer.book import citation


def test_licences_are_stated_in_the_repository():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    content = (ROOT / "LICENSE-CONTENT.md").read_text()
    assert "CC BY 4.0" in content and "creativecommons.org/licenses/by/4.0" in content


def test_citation_cff_is_complete_and_matches_the_book_config():
    meta = citation.metadata()
    for key in ("cff-version", "title", "authors", "version", "date-released", "repository-code", "license"):
        assert meta.get(key), f"CITATION.cff lacks {key}"
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert meta["repository-code"] == config["repository"]["url"], (
        "set the same repository URL in CITATION.cff and _config.yml"
    )
    assert meta["title"] == config["title"]


def test_every_page_has_a_citation_and_the_cite_page_lists_every_chapter():
    text = citation.chapter_citations()
    repo = citation.metadata()["repository-code"]
    for file in citation.toc_files():
        suffix = ".ipynb" if (ROOT / f"{file}.ipynb").exists() else ".md"
        assert f"{repo}/blob/main/{file}{suffix}" in text and f"`{file}.html`" in text
    assert "Can NATO sign a pact at all?" in text


def test_page_title_errors_name_the_file(tmp_path):
    page = tmp_path / "x.md"
    page.write_text("no heading here")
    with pytest.raises(ValueError, match="x.md"):
        citation.page_title(page)


def test_publish_workflow_builds_strictly_and_publishes_on_tags():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    steps = " ".join(str(s.get("run", "")) for s in wf["jobs"]["build"]["steps"])
    assert "make build" in steps and "make test" in steps
    assert "explainer.book.build" in (ROOT / "Makefile").read_text().split("build: setup")[1].split("\n")[1]
    assert '"-W"' in (ROOT / "src" / "explainer" / "book" / "build.py").read_text()
    assert wf["jobs"]["publish"]["if"].startswith("startsWith(github.ref, 'refs/tags/v')")
    assert "ghp-import" in (ROOT / "Makefile").read_text()


@pytest.mark.build
def test_footer_states_the_licence_on_every_page(built_book: Path):
    for page in html_pages(built_book):
        assert "CC BY 4.0" in page.read_text(encoding="utf-8"), f"{page.name} has no licence in its footer"


@pytest.mark.build
def test_no_link_is_absolute_to_the_site_root(built_book: Path):
    for page in html_pages(built_book):
        hits = re.findall(r'(?:href|src)="/(?!/)[^"]*"', page.read_text(encoding="utf-8"))
        assert not hits, f"{page.name} has root-absolute links (breaks under a sub-path): {hits[:3]}"


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/some/sub/path"
    outside: list[str] = []  # requests that left the sub-path (each would be a 404 when published)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix + "/"):
            self.outside.append(path)
            return str(Path(self.directory) / "__not_here__")
        return super().translate_path(path[len(self.prefix) :])

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.build
def test_the_front_door_is_a_complete_page(built_book: Path):
    """index.html redirects to the first page and carries the book's own icon inline, so a browser never
    asks the host's root for /favicon.ico (a 404 when the site lives under a sub-path)."""
    text = (built_book / "index.html").read_text(encoding="utf-8")
    first = citation.toc_files()[0].removesuffix(".md").removesuffix(".ipynb") + ".html"
    assert f'url={first}"' in text and f'href="{first}"' in text
    assert '<link rel="icon" href="data:image/svg+xml,' in text, "index.html must carry its icon inline"
    assert "<title>Project name not set" not in text and "<title>" in text


@pytest.mark.browser
def test_site_works_from_a_sub_path(browser, built_book: Path):
    from test_browser import open_page

    _SubPathHandler.outside.clear()
    handler = functools.partial(_SubPathHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{_SubPathHandler.prefix}"
    try:
        for path in ["index.html", *[p for p in toc_pages() if "01_" in p or "intro" in p]]:
            context, page, problems = open_page(browser, f"{base}/{path}")
            try:
                n = page.locator("div.plotly-graph-div").count()
                if n:
                    page.wait_for_function(
                        "n => document.querySelectorAll('div.plotly-graph-div svg.main-svg').length >= n",
                        arg=n,
                        timeout=20000,
                    )
                assert page.url.startswith(base)
                assert problems == [], f"{path} under a sub-path: {problems}"
            finally:
                context.close()
            assert _SubPathHandler.outside == [], (
                f"{path} asked for files outside the sub-path: {_SubPathHandler.outside}"
            )
    finally:
        server.shutdown()
        server.server_close()
