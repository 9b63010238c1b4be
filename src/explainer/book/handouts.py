"""Printable PDF handouts, one per chapter, made by headless Chromium from the built pages.

Usage (run by ``make build`` after the book is built)::

    python -m explainer.book.handouts _build/html

Each chapter page (``book/NN_*.html``) is served on 127.0.0.1, opened in Chromium, printed with
Playwright's ``page.pdf`` once every chart has rendered, and written to
``_build/html/handouts/NN_*.pdf``. Charts print at their default step (the picture the page
opens on); the live panel, which needs a kernel, prints as its note with the Binder link.
"""

from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from pathlib import Path

CHAPTER = re.compile(r"^\d\d_.+\.html$")
HANDOUT_DIR = "handouts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chapter_pages(html_dir: Path) -> list[Path]:
    """The built chapter pages, in order."""
    return sorted(p for p in (html_dir / "book").glob("*.html") if CHAPTER.match(p.name))


def handout_path(html_dir: Path, page: Path) -> Path:
    """Where the printable handout of the chapter page ``page`` is written."""
    return html_dir / HANDOUT_DIR / f"{page.stem}.pdf"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def make_handouts(html_dir: Path, chromium: str | None = None) -> list[Path]:
    """Print every chapter page of the built book to a PDF; return the files written."""
    from playwright.sync_api import sync_playwright

    html_dir = Path(html_dir)
    pages = chapter_pages(html_dir)
    if not pages:
        raise FileNotFoundError(f"no chapter pages (book/NN_*.html) under {html_dir}")
    chromium = chromium or next(
        (c for c in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(c).exists()), None
    )
    if chromium is None:
        raise FileNotFoundError("Chromium not found: apt-get install chromium")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    written = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            for html in pages:
                page.goto(f"{base}/{html.relative_to(html_dir).as_posix()}", wait_until="load")
                n = page.locator("div.plotly-graph-div").count()
                if n:
                    page.wait_for_function(
                        "n => document.querySelectorAll('div.plotly-graph-div svg.main-svg').length >= n",
                        arg=n,
                        timeout=30000,
                    )
                page.emulate_media(media="print")
                target = handout_path(html_dir, html)
                target.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(
                    path=str(target),
                    format="A4",
                    print_background=True,
                    margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
                )
                page.emulate_media(media="screen")
                written.append(target)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m explainer.book.handouts [_build/html]``: write every chapter's handout."""
    args = sys.argv[1:] if argv is None else argv
    html_dir = Path(args[0] if args else "_build/html")
    for path in make_handouts(html_dir):
        print(f"handout: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
