"""Printable PDF handouts, one per chapter, made by headless Chromium from the built pages.

Usage (run by ``make build`` after the book is built)::

    python -m explainer.book.handouts _build/html

Each chapter page (``book/NN_*.html``), the claim ledger and the argument map are served on
127.0.0.1, opened in Chromium, printed with Playwright's ``page.pdf`` once every chart has
rendered, and written to ``_build/html/handouts/<page>.pdf`` (A4, tagged, with an outline).

What makes a page print well is in the site's print style sheet (``explainer.css``: no controls,
no solutions, space to answer after each exercise, every link's address printed) and here:

* each chart with controls is printed at two or three **named settings** (:func:`settings`): as
  the page opens, and with its first control at the lowest and at the highest value the page
  offers (or, for a menu, at its other choices); each picture is drawn by the page's own controls
  and captioned with its setting and the chart's sentence for it;
* each link to another site numbered, with the addresses listed at the end ("Links on this page");
* a running header (the book, the page, the date of its sources) and page numbers ("page 3 of 9").
"""

from __future__ import annotations

import functools
import html
import http.server
import re
import sys
import threading
from pathlib import Path

#: The pages that get a handout: every chapter, the claim ledger and the argument map.
HANDOUT_PAGE = re.compile(r"^(?:\d\d_.+|claim_ledger|argument_map)\.html$")
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
    """The built pages that get a handout (chapters, claim ledger, argument map), in order."""
    return sorted(p for p in (html_dir / "book").glob("*.html") if HANDOUT_PAGE.match(p.name))


def handout_path(html_dir: Path, page: Path) -> Path:
    """Where the printable handout of the chapter page ``page`` is written."""
    return html_dir / HANDOUT_DIR / f"{page.stem}.pdf"


#: Run in the page before printing: for each chart with controls, draw it at its named settings
#: with the page's own controls (waiting for each redraw), keep an SVG image of each with its
#: caption, and put the images in place of the interactive chart. Returns the number of pictures.
SETTINGS_JS = r"""
async () => {
  const letters = "ABC";
  const wait = (el) => new Promise((ok) => {
    const t = setTimeout(ok, 15000);
    el.addEventListener("explainer:drawn", () => { clearTimeout(t); ok(); }, { once: true });
  });
  const labelOf = (input) => {
    const lab = input.closest(".explainer-control")?.querySelector("label");
    return (lab ? lab.textContent : input.getAttribute("data-control")).trim();
  };
  const valueOf = (input) => input.tagName === "SELECT"
    ? input.options[input.selectedIndex].textContent.trim()
    : JSON.parse(input.getAttribute("data-labels"))[Number(input.value)];
  const set = async (fig, input, value) => {
    if (input.value === String(value)) return;
    const drawn = wait(fig);
    if (input.tagName === "SELECT") input.selectedIndex = Number(value); else input.value = String(value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await drawn;
  };
  let pictures = 0;
  for (const fig of document.querySelectorAll("figure.explainer-figure[data-scenarios]")) {
    const inputs = [...fig.querySelectorAll("[data-control]")];
    if (!inputs.length) continue;
    const gd = fig.querySelector("div.plotly-graph-div");
    const first = inputs[0];
    const defaults = inputs.map((i) => i.tagName === "SELECT" ? String(i.selectedIndex) : i.value);
    const n = first.tagName === "SELECT" ? first.options.length : Number(first.max) + 1;
    const start = Number(defaults[0]);
    const others = first.tagName === "SELECT"
      ? [...Array(n).keys()].filter((k) => k !== start).slice(0, 2)
      : [0, n - 1].filter((k) => k !== start);
    const plan = [[start, "as the page opens"]].concat(others.map((k) => [k,
      first.tagName === "SELECT" ? "the other choice"
        : (k === 0 ? "the lowest value the page offers" : "the highest value the page offers")]));
    const box = document.createElement("div");
    box.className = "explainer-handout-settings";
    for (let i = 0; i < plan.length; i++) {
      const [k, why] = plan[i];
      await set(fig, first, k);
      const img = await Plotly.toImage(gd, { format: "svg", width: 760, height: gd.offsetHeight || 480 });
      const setting = inputs.map((inp) => `${labelOf(inp)} = ${valueOf(inp)}`).join("; ");
      const sentence = fig.querySelector(".explainer-summary")?.textContent.trim() || "";
      const f = document.createElement("figure");
      f.className = "explainer-handout-setting";
      const im = document.createElement("img");
      im.src = img;
      im.alt = `Chart at setting ${letters[i]}: ${sentence}`;
      const cap = document.createElement("figcaption");
      cap.innerHTML = "<strong></strong> <span></span>";
      cap.firstChild.textContent = `Setting ${letters[i]} (${i ? why : "as the page opens"}): ${setting}.`;
      cap.lastChild.textContent = sentence;
      f.append(im, cap);
      box.append(f);
      pictures += 1;
    }
    await set(fig, first, defaults[0]);
    fig.querySelector(".explainer-chart").after(box);
    fig.classList.add("explainer-handout-replaced");
  }
  return pictures;
}
"""

#: Run in the page before printing: each link to another site gets a number, and the page ends
#: with the numbered list of their addresses (a printed link keeps where it goes, and a table
#: keeps its width). Returns the number of addresses.
LINKS_JS = r"""
() => {
  const article = document.querySelector("article") || document.body;
  const numbers = new Map();
  for (const a of article.querySelectorAll('a[href^="http"]')) {
    if (a.closest(".explainer-downloads, .explainer-offered, .headerlink")) continue;
    const url = a.href;
    if (!numbers.has(url)) numbers.set(url, numbers.size + 1);
    const sup = document.createElement("sup");
    sup.className = "explainer-linknote";
    sup.textContent = `[${numbers.get(url)}]`;
    a.after(sup);
  }
  if (numbers.size) {
    const section = document.createElement("section");
    section.className = "explainer-handout-links";
    const h = document.createElement("h2");
    h.textContent = "Links on this page";
    const ol = document.createElement("ol");
    for (const url of numbers.keys()) {
      const li = document.createElement("li");
      li.textContent = url;
      ol.append(li);
    }
    section.append(h, ol);
    article.append(section);
  }
  document.documentElement.classList.add("explainer-handout");
  return numbers.size;
}
"""

#: Print rules that only the handouts need (the site's own print rules are in explainer.css).
HANDOUT_CSS = """
@media print {
  figure.explainer-handout-replaced > .explainer-chart,
  figure.explainer-handout-replaced > .explainer-summary { display: none !important; }
  #jb-print-toc { display: none !important; }
  .explainer-handout-setting { break-inside: avoid; margin: 0 0 0.8em 0; }
  .explainer-handout-setting img { display: block; margin: 0 auto; max-width: 100%; max-height: 9cm; }
  .explainer-handout-setting figcaption { font-size: 0.85em; color: #111; text-align: left; }
  html.explainer-handout article a[href^="http"]::after { content: none; }
  .explainer-linknote { font-size: 0.7em; color: #111; }
  .explainer-handout-links { break-before: page; font-size: 0.8em; overflow-wrap: anywhere; }
}
"""


def header_html(book: str, page: str, sources: str) -> str:
    """The running header of a handout: the book, the page and the date of its sources."""
    parts = [book, page] + ([f"sources read up to {sources}"] if sources else [])
    text = " · ".join(html.escape(p) for p in parts)
    return f'<div style="font-size:7.5px;width:100%;margin:0 12mm;color:#333;">{text}</div>'


#: Page numbers at the foot of every handout page (Chromium fills in the two spans).
FOOTER_HTML = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#333;">'
    'page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
)


def _page_facts(page) -> tuple[str, str, str]:
    """The book's title, the page's title and the date of its sources, read from the page."""
    title = page.title()
    parts = [t.strip() for t in re.split(r"\s[—–-]\s", title) if t.strip()]
    heading = page.locator("article h1").first.inner_text().strip() if page.locator("article h1").count() else ""
    heading = re.sub(r"#$", "", heading).strip()
    book = parts[-1] if len(parts) > 1 else ""
    text = page.locator("article").first.inner_text()
    m = re.search(r"Sources read up to ([^;.]+)", text)
    return book, heading or (parts[0] if parts else ""), (m.group(1).strip() if m else "")


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
                if page.locator("figure.explainer-figure[data-scenarios]").count():
                    page.wait_for_function(
                        "document.documentElement.dataset.explainerScenarios === 'ready'", timeout=30000
                    )
                    page.evaluate(SETTINGS_JS)
                page.evaluate(LINKS_JS)
                page.add_style_tag(content=HANDOUT_CSS)
                book, title, sources = _page_facts(page)
                page.emulate_media(media="print")
                target = handout_path(html_dir, html)
                target.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(
                    path=str(target),
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template=header_html(book, title, sources),
                    footer_template=FOOTER_HTML,
                    margin={"top": "18mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
                    tagged=True,
                    outline=True,
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
