"""Measure what a reader's browser downloads for each page of the built book.

Used by the benchmark (``make bench``) and by the byte-budget tests. Each page is opened in a
fresh headless Chromium context (an empty cache, as a first visit), served from 127.0.0.1.
"""

from __future__ import annotations

import gzip
import time

FIRST_CHART_SCRIPT = """
window.__firstChart = null;
new MutationObserver((records, obs) => {
  if (document.querySelector('div.plotly-graph-div svg.main-svg')) {
    window.__firstChart = performance.now();
    obs.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def measure_page(browser, url: str) -> dict:
    """HTML bytes, total bytes (as served and gzip-compressed), request count, plotly.js URLs and
    time to the first chart (ms). Every request counts, the recorded scenarios fetched when the
    page is idle included (the page is measured once the network is idle)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(FIRST_CHART_SCRIPT)
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    start = time.perf_counter()
    page.goto(url, wait_until="load")
    has_chart = page.locator("div.plotly-graph-div").count() > 0
    has_scenarios = page.locator("figure[data-scenarios]").count() > 0
    if has_chart:
        page.wait_for_function("window.__firstChart !== null", timeout=30000)
    page.wait_for_load_state("networkidle")
    wall = (time.perf_counter() - start) * 1000
    sizes, zipped, plotly_urls = {}, {}, set()
    for r in responses:
        try:
            body = r.body()
        except Exception:  # redirects and aborted requests have no body
            continue
        sizes[r.url] = len(body)
        zipped[r.url] = len(gzip.compress(body, compresslevel=6))  # what a gzip-serving host sends
        if "plotly" in r.url.rsplit("/", 1)[-1] and r.url.split("?")[0].endswith(".js"):
            plotly_urls.add(r.url.split("?")[0])
    html_bytes = sizes.get(page.url.split("#")[0], 0)
    first_chart = page.evaluate("window.__firstChart") if has_chart else None
    context.close()
    return {
        "html_bytes": html_bytes,
        "total_bytes": sum(sizes.values()),
        "gzip_bytes": sum(zipped.values()),
        "requests": len(responses),
        "has_chart": has_chart,
        "plotly_urls": sorted(plotly_urls),
        "has_scenarios": has_scenarios,
        "scenario_urls": sorted(u for u in sizes if "/_scenarios/" in u),
        "first_chart_ms": round(first_chart, 1) if first_chart is not None else None,
        "load_wall_ms": round(wall, 1),
    }
