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


# --- links to a scenario (the slider's position in the URL fragment) ------------------------
CH1 = "book/01_decision_rules.html"
ACTIVE = "gd => gd.layout.sliders[0].active"


def _wait_ready(page):
    page.wait_for_function("document.documentElement.dataset.explainerScenarios === 'ready'", timeout=10000)


def test_moving_a_slider_writes_the_scenario_into_the_url(browser, site_url):
    context, page, problems = open_page(browser, f"{site_url}/{CH1}")
    try:
        _wait_ready(page)
        chart = page.locator("div.plotly-graph-div").first
        chart.scroll_into_view_if_needed()
        box = chart.locator(".slider-rail-touch-rect").first.bounding_box()
        page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)  # the first step: 0.80
        page.wait_for_function("location.hash.includes('decision-rules-accept=0.80')", timeout=5000)
        assert problems == [], problems
    finally:
        context.close()


def test_opening_a_scenario_url_sets_the_slider_and_the_chart(browser, site_url):
    context, page, problems = open_page(browser, f"{site_url}/{CH1}#decision-rules-accept=0.90")
    try:
        _wait_ready(page)
        chart = page.locator("div.plotly-graph-div").first
        page.wait_for_function(
            "el => el.layout.sliders[0].steps[el.layout.sliders[0].active].label === '0.90'",
            arg=chart.element_handle(), timeout=5000)
        shown = chart.evaluate("gd => Array.from(gd.data[0].y)")
        expected = chart.evaluate("gd => Array.from(gd.layout.sliders[0].steps[gd.layout.sliders[0].active].args[0].y[0])")
        assert shown == expected
        assert abs(shown[31] - 0.9**32) < 1e-9  # consensus among 32 members at p = 0.90
        assert problems == [], problems
    finally:
        context.close()


@pytest.mark.parametrize("fragment", ["#decision-rules-accept=0.555", "#decision-rules-accept=%E0%A4%A",
                                      "#nonsense", "#=&&=x", "#what-the-rules-are"])
def test_unknown_or_malformed_fragments_are_ignored(browser, site_url, fragment):
    context, page, problems = open_page(browser, f"{site_url}/{CH1}{fragment}")
    try:
        _wait_ready(page)
        chart = page.locator("div.plotly-graph-div").first
        label = chart.evaluate("gd => gd.layout.sliders[0].steps[gd.layout.sliders[0].active].label")
        assert label == "0.97"  # the default
        assert problems == [], problems
    finally:
        context.close()


# --- dark mode ------------------------------------------------------------------------------
def _luminance(rgb: str) -> float:
    """Relative luminance (0-255) of a CSS colour given as rgb(...) or rgba(...)."""
    r, g, b = [float(x) for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_chart_text_follows_dark_mode(browser, site_url):
    context, page, problems = open_page(browser, f"{site_url}/{CH1}")
    try:
        fill = "() => getComputedStyle(document.querySelector('div.plotly-graph-div .main-svg text.gtitle')).fill"
        page.evaluate("document.documentElement.dataset.theme = 'light'")
        light = page.evaluate(fill)
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        dark = page.evaluate(fill)
        bg = page.evaluate("getComputedStyle(document.body).backgroundColor")

        assert _luminance(light) < 100 and _luminance(dark) > 180, (light, dark)
        assert _luminance(bg) < 80, f"the theme's dark background is {bg}"
        assert problems == [], problems
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_static_slider_round_trips_through_the_url(browser, site_url, path):
    """On every page, each slider chart writes its step into the URL, and that URL restores it."""
    context, page, problems = open_page(browser, f"{site_url}/{path}")
    try:
        charts = page.locator("div.plotly-graph-div")
        indices = _slider_charts(page)
        if not indices:
            return
        _wait_ready(page)
        wanted = {}
        for i in indices:
            chart = charts.nth(i)
            name = chart.evaluate("gd => gd.layout.sliders[0].name")
            assert name, f"slider of chart {i} on {path} has no name, so no link can carry it"
            chart.scroll_into_view_if_needed()
            box = chart.locator(".slider-rail-touch-rect").first.bounding_box()
            n, active = chart.evaluate("gd => [gd.layout.sliders[0].steps.length, gd.layout.sliders[0].active || 0]")
            target = 0 if active == n - 1 else n - 1  # a step other than the one shown
            x = box["x"] + (2 if target == 0 else box["width"] - 2)
            page.mouse.click(x, box["y"] + box["height"] / 2)
            label = chart.evaluate(f"gd => String(gd.layout.sliders[0].steps[{target}].label)")
            page.wait_for_function("s => decodeURIComponent(location.hash).includes(s)", arg=f"{name}={label}",
                                   timeout=5000)
            wanted[i] = (name, label)
        url = page.url
        assert problems == [], problems
    finally:
        context.close()
    context, page, problems = open_page(browser, url)
    try:
        _wait_ready(page)
        charts = page.locator("div.plotly-graph-div")
        for i, (name, label) in wanted.items():
            page.wait_for_function(
                "([el, l]) => String(el.layout.sliders[0].steps[el.layout.sliders[0].active].label) === l",
                arg=[charts.nth(i).element_handle(), label], timeout=5000)
        assert problems == [], problems
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_follows_dark_mode(browser, site_url, path):
    """In the theme's dark mode every chart's text turns light and the page background dark."""
    context, page, problems = open_page(browser, f"{site_url}/{path}")
    try:
        if page.locator("div.plotly-graph-div").count() == 0:
            return
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        fills = page.evaluate(
            "() => Array.from(document.querySelectorAll('div.plotly-graph-div .main-svg text'))"
            ".filter(t => t.textContent.trim()).map(t => getComputedStyle(t).fill)")
        assert fills, f"no chart text on {path}"

        dark_text = [f for f in fills if _luminance(f) < 150]
        assert not dark_text, f"{path}: {len(dark_text)} chart labels stay dark in dark mode"
        strokes = page.evaluate(
            "() => Array.from(document.querySelectorAll('div.plotly-graph-div .scatterlayer path.js-line'))"
            ".map(p => getComputedStyle(p).stroke).filter(s => s.startsWith('rgb'))")
        black = [s for s in strokes if _luminance(s) < 30]
        assert not black, f"{path}: {len(black)} chart lines are black on the dark background"
        assert problems == [], problems
    finally:
        context.close()
