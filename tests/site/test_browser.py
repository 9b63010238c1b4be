"""Every page of the built book, opened in headless Chromium from 127.0.0.1 with no internet.

Each page must load with no console error, no failed request and no request to another host;
every Plotly chart must render (an svg inside each chart div); and every static control, moved
from the keyboard, must change the plotted data and the summary sentence, with no kernel.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from conftest import toc_pages

pytestmark = pytest.mark.browser

PAGES = toc_pages()
#: The student edition's chapters (published under student/), which must load as cleanly.
STUDENT_PAGES = [f"student/{p}" for p in PAGES if p.startswith("book/0")]


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


@pytest.mark.parametrize("path", PAGES + STUDENT_PAGES)
def test_page_loads_cleanly_and_charts_render(browser, site_url, path):
    context, page, problems = open_page(browser, f"{site_url}/{path}")
    try:
        charts = page.locator("div.plotly-graph-div")
        n = charts.count()
        if n:
            page.wait_for_function(
                "n => document.querySelectorAll('div.plotly-graph-div svg.main-svg').length >= n",
                arg=n,
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


# --- static scenario controls: native, labelled, keyboard-operable ---------------------------
FIGURES = "figure.explainer-figure[data-scenarios]"
STATE = (
    "fig => JSON.stringify([fig.querySelector('.explainer-summary').textContent,"
    " (fig.querySelector('div.plotly-graph-div').data || []).map(t => [t.x, t.y, t.z, (t.link || {}).value])])"
)


def _wait_ready(page):
    page.wait_for_function("document.documentElement.dataset.explainerScenarios === 'ready'", timeout=10000)


@pytest.mark.parametrize("path", PAGES)
def test_every_static_control_works_from_the_keyboard(browser, site_url, path):
    """Tab reaches each control; an arrow key moves it; the chart's data and its summary change."""
    context, page, problems = open_page(browser, f"{site_url}/{path}")
    try:
        figures = page.locator(FIGURES)
        if figures.count() == 0:
            return
        _wait_ready(page)
        for f in range(figures.count()):
            fig = figures.nth(f)
            controls = fig.locator("[data-control]")
            assert controls.count() >= 1
            for c in range(controls.count()):
                control = controls.nth(c)
                # Tab from the element before it lands on it: it is in the page's tab order
                label = control.evaluate("el => el.id")
                if c == 0:
                    fig.locator(".explainer-chart-title").click()
                else:
                    controls.nth(c - 1).focus()
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.id") == label, f"Tab does not reach {label} on {path}"
                box = control.bounding_box()
                assert box and box["height"] >= 24 or control.evaluate("el => el.tagName") == "SELECT", (
                    f"{label}: touch target {box}"
                )
                before = fig.evaluate(STATE)
                at_end = control.evaluate(
                    "el => el.tagName === 'SELECT' ? el.selectedIndex === el.options.length - 1"
                    " : Number(el.value) === Number(el.max)"
                )
                key = (
                    ("ArrowUp" if at_end else "ArrowDown")
                    if control.evaluate("el => el.tagName") == "SELECT"
                    else ("ArrowLeft" if at_end else "ArrowRight")
                )
                page.keyboard.press(key)
                page.wait_for_function(
                    f"([el, b]) => ({STATE})(el) !== b", arg=[fig.element_handle(), before], timeout=5000
                )
                summary, _ = __import__("json").loads(fig.evaluate(STATE))
                first, _ = __import__("json").loads(before)
                assert summary != first, f"{label}: the summary sentence did not change"
                output = fig.locator(f"output[for='{label}']")
                if output.count():
                    assert output.inner_text() == control.get_attribute("aria-valuetext")
        assert problems == [], f"{path}: " + "; ".join(problems)
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_is_tied_to_its_title_and_summary(browser, site_url, path):
    context, page, problems = open_page(browser, f"{site_url}/{path}")
    try:
        for i in range(page.locator("figure.explainer-figure").count()):
            fig = page.locator("figure.explainer-figure").nth(i)
            div = fig.locator("div.plotly-graph-div")
            assert div.get_attribute("role") == "group" and div.get_attribute("aria-label").startswith("Chart: ")
            ids = div.get_attribute("aria-describedby").split()
            assert all(page.locator(f"#{x}").inner_text().strip() for x in ids)
            assert fig.locator("figcaption").inner_text().strip()
            assert fig.locator(".explainer-summary").get_attribute("aria-live") == "polite"
    finally:
        context.close()


# --- links to a scenario (every control's value in the URL fragment) ------------------------
CH1 = "book/01_decision_rules.html"
PASS = "decision-rules-pass"


def _y(page, name, trace=0):
    return page.locator(f"#{name}").evaluate(f"gd => Array.from(gd._fullData[{trace}].y)")


def test_moving_a_control_writes_the_scenario_into_the_url(browser, site_url):
    context, page, problems = open_page(browser, f"{site_url}/{CH1}")
    try:
        _wait_ready(page)
        page.locator(f"#{PASS}-accept").focus()
        page.keyboard.press("Home")  # the first value: 0.80
        page.wait_for_function(f"location.hash.includes('{PASS}.accept=0.80')", timeout=5000)
        assert f"{PASS}.correlation=0.00" in page.evaluate("location.hash")  # every control is carried
        assert problems == [], problems
    finally:
        context.close()


def test_opening_a_scenario_url_sets_the_controls_and_the_chart_and_scrolls_to_it(browser, site_url):
    url = f"{site_url}/{CH1}#{PASS}.accept=0.90&{PASS}.correlation=0.00"
    context, page, problems = open_page(browser, url)
    try:
        _wait_ready(page)
        page.wait_for_function(f"document.getElementById('{PASS}-accept-value').textContent === '0.90'", timeout=5000)
        page.wait_for_function(
            f"Math.abs(document.getElementById('{PASS}')._fullData[0].y[31] - 0.9 ** 32) < 1e-6", timeout=5000
        )
        assert "0.90" in page.locator(f"#{PASS}-summary").inner_text()
        top = page.locator(f"#fig-{PASS}").evaluate("el => el.getBoundingClientRect().top")
        assert abs(top) < 200, f"the page did not scroll to the chart (top at {top})"
        assert problems == [], problems
    finally:
        context.close()


@pytest.mark.parametrize(
    "fragment",
    [
        f"#{PASS}.accept=0.555",
        f"#{PASS}.accept=%E0%A4%A",
        f"#{PASS}.nope=1",
        "#nonsense",
        "#=&&=x",
        "#what-the-rules-are",
    ],
)
def test_unknown_or_malformed_fragments_are_ignored(browser, site_url, fragment):
    context, page, problems = open_page(browser, f"{site_url}/{CH1}{fragment}")
    try:
        _wait_ready(page)
        assert page.locator(f"#{PASS}-accept-value").inner_text() == "0.97"  # the default
        assert abs(_y(page, PASS)[31] - 0.97**32) < 1e-6
        assert problems == [], problems
    finally:
        context.close()


def test_a_section_anchor_still_works_beside_the_scenarios(browser, site_url):
    context, page, problems = open_page(browser, f"{site_url}/{CH1}#what-the-rules-are")
    try:
        _wait_ready(page)
        top = page.locator("#what-the-rules-are").evaluate("el => el.getBoundingClientRect().top")
        assert abs(top) < 200
        assert problems == [], problems
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_scenario_round_trips_through_the_url(browser, site_url, path):
    """On every page, moving each chart's last control writes every control into the URL, and
    that URL restores the same summaries."""
    context, page, problems = open_page(browser, f"{site_url}/{path}")
    try:
        figures = page.locator(FIGURES)
        if figures.count() == 0:
            return
        _wait_ready(page)
        summaries = []
        for f in range(figures.count()):
            fig = figures.nth(f)
            control = fig.locator("[data-control]").last
            control.focus()
            page.keyboard.press("End" if control.evaluate("el => el.tagName") != "SELECT" else "ArrowDown")
            name = fig.get_attribute("data-chart")
            page.wait_for_function("s => location.hash.includes(s)", arg=f"{name}.", timeout=5000)
            summaries.append(fig.locator(".explainer-summary").inner_text())
        url = page.url
        assert problems == [], problems
    finally:
        context.close()
    context, page, problems = open_page(browser, url)
    try:
        _wait_ready(page)
        figures = page.locator(FIGURES)
        for f, expected in enumerate(summaries):
            page.wait_for_function(
                "([el, s]) => el.querySelector('.explainer-summary').textContent === s",
                arg=[figures.nth(f).element_handle(), expected],
                timeout=5000,
            )
        assert problems == [], problems
    finally:
        context.close()


# --- dark mode ------------------------------------------------------------------------------
def _luminance(rgb: str) -> float:
    """Relative luminance (0-255) of a CSS colour given as rgb(...) or rgba(...)."""
    r, g, b = [float(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_chart_text_follows_dark_mode(browser, site_url):
    context, page, problems = open_page(browser, f"{site_url}/{CH1}")
    try:
        fill = "() => getComputedStyle(document.querySelector('div.plotly-graph-div .main-svg text.ytitle')).fill"
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
def test_every_chart_follows_dark_mode(browser, site_url, path):
    """In the theme's dark mode every chart's text turns light and the page background dark."""
    context, page, problems = open_page(browser, f"{site_url}/{path}")
    try:
        if page.locator("div.plotly-graph-div").count() == 0:
            return
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        fills = page.evaluate(
            "() => Array.from(document.querySelectorAll('div.plotly-graph-div .main-svg text'))"
            ".filter(t => t.textContent.trim()).map(t => getComputedStyle(t).fill)"
        )
        assert fills, f"no chart text on {path}"

        dark_text = [f for f in fills if _luminance(f) < 150]
        assert not dark_text, f"{path}: {len(dark_text)} chart labels stay dark in dark mode"
        strokes = page.evaluate(
            "() => Array.from(document.querySelectorAll('div.plotly-graph-div .scatterlayer path.js-line'))"
            ".map(p => getComputedStyle(p).stroke).filter(s => s.startsWith('rgb'))"
        )
        black = [s for s in strokes if _luminance(s) < 30]
        assert not black, f"{path}: {len(black)} chart lines are black on the dark background"
        # an annotation's light text may sit on the chart's own fixed colours (the region chart's
        # heatmap): a dark halo keeps it legible there
        bare = page.evaluate(
            "() => Array.from(document.querySelectorAll('div.plotly-graph-div text.annotation-text'))"
            ".filter(t => t.textContent.trim() && getComputedStyle(t).textShadow === 'none')"
            ".map(t => t.textContent)"
        )
        assert not bare, f"{path}: annotations without a halo in dark mode: {bare[:5]}"
        assert problems == [], problems
    finally:
        context.close()


@pytest.mark.parametrize("edition", ["", "student/"])
def test_search_works_offline_and_only_the_search_page_loads_the_index(browser, site_url, edition):
    """The search button's box leads to the search page, which finds a chapter by a word in it;
    the other pages do without the search scripts and the index (they would delay the first chart)."""
    context, page, problems = open_page(browser, f"{site_url}/{edition}book/03_poland.html")
    try:
        loaded = page.evaluate("() => performance.getEntriesByType('resource').map(r => r.name)")
        assert not [u for u in loaded if "searchindex" in u or "searchtools" in u], loaded
        assert problems == [], problems
    finally:
        context.close()
    context, page, problems = open_page(browser, f"{site_url}/{edition}search.html?q=Intermarium")
    try:
        page.wait_for_selector("#search-results li a", timeout=20000)
        hits = page.eval_on_selector_all("#search-results li a", "els => els.map(a => a.getAttribute('href'))")
        assert any("03_poland" in h for h in hits), hits
        assert problems == [], problems
    finally:
        context.close()
