"""The built site's two timing parts: its static controls' redraw, and its first chart against a
bare page. Both open the built book (``html_dir``, ``_build/html`` by default) served from
127.0.0.1 in headless Chromium.

* **Static controls' redraw** (:func:`measure_redraw`). On every chart page, for every
  ``<figure class="explainer-figure">`` with controls, once its recording has loaded (one
  untimed move fetches it): the controls are moved one at a time, round robin, one step each
  (a range input's value, a select's index; each bounces at its ends), by setting the value and
  dispatching an ``input`` event, as a reader's drag does. The time runs from that event to the
  frame that shows the new data: the first animation frame (``requestAnimationFrame``) that begins
  after the move's last change to the chart's DOM (seen by a ``MutationObserver``). Each move
  starts after two quiet frames and a (seeded) random part of a frame, as a reader's input arrives
  at any point between frames.
  Goals: p95 <= 33 ms and p50 <= 17 ms per chart (two frames and one frame at 60 Hz).
  Two checks keep the time honest: after each move, the chart must not change any more once the
  figure's ``explainer:drawn`` event has fired (``stale_moves``: the timed frame already showed the
  final picture, e.g. no easing still under way), and after the moves, a screenshot of the chart
  must match, pixel for pixel (up to anti-aliasing), a full redraw of the same state
  (``same_picture``).
* **First chart against a bare page** (:func:`measure_first_chart`). One after the other in the
  same browser, in the order A B B A: (a) a bare HTML page, served by the same server, that loads
  the same plotly.js file the book uses (``_static/vendor/plotly-*-explainer.min.js``, at the URL
  the chart page uses) and draws one small chart; (b) the chart page. Each in a fresh context (an
  empty cache, a first visit), timed from navigation to the first chart's ``svg.main-svg``. The
  ratio of their medians is reported per page: absolute times move with the machine, the ratio
  does not. Goal: <= 1.5.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import re
import statistics
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
#: Where the bare page is served (generated in memory; nothing is written into the site).
BARE_PATH = "/__bench_bare__.html"
for _extra in (ROOT / "tests", ROOT / "bench"):  # conftest (chromium_path, html_pages), pageweight
    if str(_extra) not in sys.path:
        sys.path.insert(0, str(_extra))
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

#: One small chart and nothing else, drawn with the book's own plotly.js file (``{src}``).
BARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bare plotly.js page</title><script src="{src}"></script></head>
<body><div id="bare" class="plotly-graph-div" style="height:400px; width:100%;"></div>
<script>Plotly.newPlot('bare', [{{type: 'scatter', mode: 'lines', x: [1, 2, 3, 4], y: [2, 1, 3, 2]}}],
  {{margin: {{t: 30}}}}, {{responsive: true, displaylogo: false}});</script>
</body></html>
"""


@contextlib.contextmanager
def serve(html_dir: Path, bare_src: str | None = None) -> Iterator[str]:
    """Serve ``html_dir`` on 127.0.0.1 (a free port) and yield its base URL. With ``bare_src``, the
    server also answers :data:`BARE_PATH` with the bare page loading that script URL."""
    page = BARE_PAGE.format(src=bare_src).encode() if bare_src else None

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            if page is not None and self.path.split("?")[0] == BARE_PATH:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)
                return
            super().do_GET()

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(html_dir)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


def site_pages(html_dir: Path) -> list[str]:
    """The pages of the book built in ``html_dir``, in reading order: from the ``_toc.yml`` of the
    book it was built from (``html_dir/../..``), else every content page."""
    src = html_dir.resolve().parents[1]
    if (src / "_toc.yml").is_file():
        from explainer.book.citation import toc_files

        return [f"{f}.html" for f in toc_files(src) if (html_dir / f"{f}.html").is_file()]
    from conftest import html_pages

    return [p.relative_to(html_dir).as_posix() for p in html_pages(html_dir)]


def chart_pages(html_dir: Path) -> list[str]:
    """The pages that draw at least one chart."""
    return [p for p in site_pages(html_dir) if "plotly-graph-div" in (html_dir / p).read_text(encoding="utf-8")]


def plotly_src(html_dir: Path, page: str) -> str:
    """The plotly.js URL ``page`` loads (``_static/vendor/plotly-*-explainer.min.js?v=...``),
    relative to the site's root."""
    text = (html_dir / page).read_text(encoding="utf-8")
    m = re.search(r'<script[^>]+src="([^"]*_static/vendor/plotly-[^"]*-explainer\.min\.js[^"]*)"', text)
    if not m:
        raise RuntimeError(f"{page} loads no _static/vendor/plotly-*-explainer.min.js")
    url = m.group(1)
    depth = page.count("/")
    for _ in range(depth):
        url = url.removeprefix("../")
    return "/" + url.lstrip("/")


def _launch(p):
    from conftest import chromium_path

    return p.chromium.launch(executable_path=chromium_path(), headless=True, args=BROWSER_ARGS)


# --- static controls' redraw ------------------------------------------------------------------
#: Move the controls of one figure ``n`` times; resolve with, per move: the time (ms) from the input
#: event to the frame that shows the new picture, the time to the figure's "explainer:drawn" event,
#: and whether the picture had settled by that frame.
#:
#: The frame that shows the new picture is the first animation frame (requestAnimationFrame
#: callback) that begins after the move's last change to the chart's DOM (a MutationObserver on the
#: chart; its callback runs after the change, so the frame found is never early). A library may
#: resolve its promise a frame after it drew (plotly.js's animate resolves in the next frame's
#: callbacks): the frame after "explainer:drawn" would then count a frame too many, so that time is
#: only the fallback, when a move changed nothing in the DOM.
MOVES = """
async ([id, n, warm]) => {
  const el = document.getElementById(id);
  const gd = el.querySelector('div.plotly-graph-div');
  const inputs = Array.from(el.querySelectorAll('[data-control]'));
  const dir = inputs.map(() => 1);
  let seed = 12345;  // a fixed sequence of phases, so that two runs wait alike
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  const picture = () => Array.from(el.querySelectorAll('svg.main-svg')).map(s => s.outerHTML).join('');
  const size = (input) => input.tagName === 'SELECT' ? input.options.length : Number(input.max) + 1;
  const move = async (k) => {
    const input = inputs[k % inputs.length], j = k % inputs.length;
    const now = input.tagName === 'SELECT' ? input.selectedIndex : Number(input.value);
    if (now + dir[j] < 0 || now + dir[j] >= size(input)) dir[j] = -dir[j];
    // start from a quiet frame, then wait a random part of a frame: a reader's input arrives at
    // any point between two frames (an event dispatched from inside a frame's callbacks would
    // wait a whole frame for the next one, which no real input does)
    await frame(); await frame();
    await new Promise(r => setTimeout(r, rand() * 16.7));
    // every frame's start, and every change to the chart, from the input event on
    const frames = [], changes = [];
    let watching = true;
    const tick = () => { frames.push(performance.now()); if (watching) requestAnimationFrame(tick); };
    const observer = new MutationObserver(() => changes.push(performance.now()));
    observer.observe(gd, {subtree: true, childList: true, attributes: true, characterData: true});
    const drawn = new Promise((resolve, reject) => {
      const limit = setTimeout(() => reject(new Error(id + ': no explainer:drawn within 10 s')), 10000);
      el.addEventListener('explainer:drawn', () => { clearTimeout(limit); resolve(performance.now()); }, {once: true});
    });
    if (input.tagName === 'SELECT') input.selectedIndex = now + dir[j]; else input.value = String(now + dir[j]);
    const t0 = performance.now();
    requestAnimationFrame(tick);
    input.dispatchEvent(new Event('input', {bubbles: true}));
    const drawnAt = await drawn;
    await frame();
    const timed = picture();  // the picture one frame after explainer:drawn
    // nothing may change after that: the move is over
    await frame(); await frame(); await new Promise(r => setTimeout(r, 50)); await frame();
    watching = false;
    observer.disconnect();
    const moveChanges = changes.filter(c => c <= drawnAt);
    const last = moveChanges.length ? moveChanges[moveChanges.length - 1] : drawnAt;
    const shown = frames.find(f => f >= last);
    const settled = picture() === timed && !changes.some(c => c > drawnAt);
    return [shown - t0, drawnAt - t0, settled];
  };
  for (let k = 0; k < warm; k++) await move(k);  // fetches the recording: not timed
  const times = [];
  for (let k = 0; k < n; k++) times.push(await move(warm + k));
  return times;
}
"""


#: Draw one figure's current state the slow, certain way: a new plot of the page's own figure
#: with every recorded value of that state applied by one Plotly.update.
FULL_REDRAW = """
async (id) => {
  const el = document.getElementById(id);
  const gd = el.querySelector('div.plotly-graph-div');
  const spec = JSON.parse(document.getElementById(gd.id + '-spec').textContent);
  const rec = await (await fetch(el.getAttribute('data-scenarios'))).json();
  let k = 0;
  el.querySelectorAll('[data-control]').forEach(input => {
    const n = input.tagName === 'SELECT' ? input.options.length : Number(input.max) + 1;
    k = k * n + Number(input.value);
  });
  const frame = rec.frames[k], restyle = {}, relayout = {};
  rec.traces.forEach((t, ti) => rec.paths[ti].forEach((path, pi) => {
    if (!restyle[path]) restyle[path] = new Array(rec.traces.length);
    restyle[path][ti] = rec.pool[frame[0][ti][pi]];
  }));
  rec.layout.forEach((path, li) => { relayout[path] = rec.pool[frame[1][li]]; });
  await Plotly.newPlot(gd, spec.data, spec.layout, spec.config);
  await Plotly.update(gd, restyle, relayout, rec.traces);
  // let any easing plotly.js runs on an update (a Sankey's 500 ms) finish
  await new Promise(r => setTimeout(r, 800));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
}
"""


#: How many pixels of two PNG screenshots differ, by how much at most (0-255, any channel), and
#: how many differ by more than anti-aliasing's rounding (``visible``; must be 0).
PIXEL_TOLERANCE = 8
PIXEL_DIFF = """
async ([a, b, TOLERANCE]) => {
  const load = (s) => new Promise((ok, no) => { const i = new Image(); i.onload = () => ok(i); i.onerror = no; i.src = 'data:image/png;base64,' + s; });
  const [ia, ib] = await Promise.all([load(a), load(b)]);
  if (ia.width !== ib.width || ia.height !== ib.height) return {pixels: ia.width * ia.height, max: 255};
  const px = (img) => { const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, img.width, img.height).data; };
  const pa = px(ia), pb = px(ib);
  let pixels = 0, max = 0, visible = 0;
  for (let i = 0; i < pa.length; i += 4) {
    const d = Math.max(Math.abs(pa[i] - pb[i]), Math.abs(pa[i + 1] - pb[i + 1]), Math.abs(pa[i + 2] - pb[i + 2]));
    if (d) { pixels++; if (d > max) max = d; }
    if (d > TOLERANCE) visible++;
  }
  return {pixels, max, visible};
}
"""


def same_as_full_redraw(page, fid: str) -> dict:
    """How figure ``fid``'s picture after the timed moves differs, pixel by pixel, from a full
    redraw of the same state (a new plot of the page's figure and one Plotly.update of every
    recorded value): whatever shortcut a move takes must draw the same picture. Leaves the figure
    drawn the full way, in the same state."""
    chart = page.locator(f"#{fid} div.plotly-graph-div")
    # both pictures whole, at the same place, with no sticky header or focused link over them: a
    # chart taller than the window would otherwise be captured scrolled, under the page's header
    box, size = chart.bounding_box(), page.viewport_size
    if box and size and box["height"] + 200 > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": int(box["height"]) + 300})
        page.wait_for_timeout(300)  # a responsive chart's resize settles
    chart.evaluate(
        "e => { if (document.activeElement) document.activeElement.blur(); e.scrollIntoView({block: 'center'}); }"
    )
    page.mouse.move(0, 0)
    quick = chart.screenshot(animations="disabled")
    page.evaluate(FULL_REDRAW, fid)
    chart.evaluate("e => e.scrollIntoView({block: 'center'})")
    full = chart.screenshot(animations="disabled")
    if size:
        page.set_viewport_size(size)
    if quick == full:
        return {"pixels": 0, "max": 0, "visible": 0}
    return page.evaluate(
        PIXEL_DIFF, [base64.b64encode(quick).decode(), base64.b64encode(full).decode(), PIXEL_TOLERANCE]
    )


def measure_redraw(html_dir: Path = HTML, moves: int = 30, pages: list[str] | None = None) -> list[dict]:
    """p50 and p95 (ms) of a static control's move, per chart with controls, on every chart page."""
    from playwright.sync_api import sync_playwright

    html_dir = Path(html_dir)
    rows = []
    with serve(html_dir) as base, sync_playwright() as p:
        browser = _launch(p)
        for page_path in pages if pages is not None else chart_pages(html_dir):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{base}/{page_path}", wait_until="load")
            ids = page.eval_on_selector_all(
                "figure.explainer-figure[data-scenarios]",
                "els => els.filter(e => e.querySelector('[data-control]')).map(e => e.id)",
            )
            if ids:
                page.wait_for_function("document.documentElement.dataset.explainerScenarios === 'ready'", timeout=60000)
            for fid in ids:
                page.locator(f"#{fid}").scroll_into_view_if_needed()
                triples = page.evaluate(MOVES, [fid, moves, 2])
                times, drawn = [t for t, _, _ in triples], [d for _, d, _ in triples]
                stale = sum(1 for _, _, settled in triples if not settled)
                diff = same_as_full_redraw(page, fid)
                controls = page.locator(f"#{fid} [data-control]").count()
                rows.append(
                    {
                        "page": page_path,
                        "chart": fid.removeprefix("fig-"),
                        "controls": controls,
                        "moves": len(times),
                        "p50_ms": statistics.median(times),
                        "p95_ms": _p95(times),
                        "max_ms": max(times),
                        "drawn_p50_ms": statistics.median(drawn),
                        "drawn_p95_ms": _p95(drawn),
                        # moves whose timed frame did not yet show the final picture (must be 0)
                        "stale_moves": stale,
                        # the picture after the moves is the one a full redraw of that state gives
                        "full_redraw_diff": diff,
                        "same_picture": stale == 0 and diff["visible"] == 0,
                    }
                )
            context.close()
        browser.close()
    return rows


def _p95(xs: list[float]) -> float:
    import numpy as np

    return float(np.percentile(xs, 95))


# --- first chart against a bare page ----------------------------------------------------------
def measure_first_chart(html_dir: Path = HTML, runs: int = 4, pages: list[str] | None = None) -> list[dict]:
    """For each chart page: the median time to its first chart, the median time a bare page with
    the same plotly.js file takes to draw one small chart, measured in turn (A B B A) in the same
    browser, and their ratio."""
    from pageweight import measure_page
    from playwright.sync_api import sync_playwright

    html_dir = Path(html_dir)
    pages = pages if pages is not None else chart_pages(html_dir)
    if not pages:
        return []
    src = plotly_src(html_dir, pages[0])
    rows = []
    with serve(html_dir, bare_src=src) as base, sync_playwright() as p:
        browser = _launch(p)
        measure_page(browser, base + BARE_PATH)  # the browser's own first start, untimed
        for page_path in pages:
            if plotly_src(html_dir, page_path) != src:
                raise RuntimeError(f"{page_path} loads another plotly.js than {pages[0]} ({src})")
            times = {"bare": [], "page": []}
            for r in range(runs):
                order = ("bare", "page") if r % 2 == 0 else ("page", "bare")
                for kind in order:
                    m = measure_page(browser, base + (BARE_PATH if kind == "bare" else f"/{page_path}"))
                    if m["first_chart_ms"] is None:
                        raise RuntimeError(f"{kind} {page_path}: no chart drawn")
                    times[kind].append(m["first_chart_ms"])
            bare, page = statistics.median(times["bare"]), statistics.median(times["page"])
            rows.append(
                {
                    "page": page_path,
                    "runs": runs,
                    "plotly_js": src.split("?")[0],
                    "bare_ms": bare,
                    "page_ms": page,
                    "ratio": page / bare,
                    "bare_all_ms": times["bare"],
                    "page_all_ms": times["page"],
                }
            )
        browser.close()
    return rows


if __name__ == "__main__":
    import json

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HTML
    print(json.dumps({"redraw": measure_redraw(target), "first_chart": measure_first_chart(target)}, indent=1))
