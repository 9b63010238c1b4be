"""Every page of the built book, opened in headless Chromium from 127.0.0.1 with no internet.

Each page must load with no console error, no failed request and no request to another host;
every Plotly chart must render (an svg inside each chart div); and moving a static slider to a
later step must change the plotted data, with no kernel.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import toc_pages

pytestmark = pytest.mark.browser

PAGES = toc_pages()


def open_page(browser, url: str):
    """Open ``url`` and collect console errors, page errors, failed and foreign requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    host = urlparse(url).netloc
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url} ({r.failure})"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)

    def on_request(request):
        netloc = urlparse(request.url).netloc
        if request.url.startswith(("http://", "https://")) and netloc != host:
            problems.append(f"request to another host: {request.url}")

    page.on("request", on_request)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return context, page, problems


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_charts_render(browser, site_url, path):
    context, page, problems = open_page(browser, f"{site_url}/{path}")
    try:
        charts = page.locator("div.plotly-graph-div")
        n = charts.count()
        if n:
            page.wait_for_function(
                "n => document.querySelectorAll('div.plotly-graph-div svg.main-svg').length >= n", arg=n,
                timeout=20000,
            )
        for i in range(n):
            chart = charts.nth(i)
            assert chart.locator("svg.main-svg").count() >= 1, f"chart {i} on {path} did not render"
            traces = chart.evaluate("gd => (gd.data || []).length")
            assert traces >= 1, f"chart {i} on {path} has no traces"
        page.wait_for_timeout(300)
        assert problems == [], f"{path}: " + "; ".join(problems)
    finally:
        context.close()


def _slider_charts(page):
    return page.locator("div.plotly-graph-div").evaluate_all(
        "els => els.map((gd, i) => ({i, sliders: ((gd.layout || {}).sliders || []).length}))"
        ".filter(x => x.sliders > 0).map(x => x.i)"
    )


SNAPSHOT = "gd => JSON.stringify(gd.data.map(t => [t.x, t.y]).concat([gd.layout.sliders[0].active]))"


@pytest.mark.parametrize("path", PAGES)
def test_static_sliders_change_the_data(browser, site_url, path):
    context, page, problems = open_page(browser, f"{site_url}/{path}")
    try:
        charts = page.locator("div.plotly-graph-div")
        for i in _slider_charts(page):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            before = chart.evaluate(SNAPSHOT)
            rail = chart.locator(".slider-rail-touch-rect").first
            box = rail.bounding_box()
            assert box is not None, f"slider of chart {i} on {path} is not drawn"
            # click near the right end of the rail: a later step than the default
            page.mouse.click(box["x"] + box["width"] * 0.97, box["y"] + box["height"] / 2)
            page.wait_for_function(f"([el, b]) => ({SNAPSHOT})(el) !== b",
                                   arg=[chart.element_handle(), before], timeout=5000)
            after = chart.evaluate(SNAPSHOT)
            assert after != before, f"slider of chart {i} on {path} did not change the data"
        assert problems == [], f"{path}: " + "; ".join(problems)
    finally:
        context.close()
