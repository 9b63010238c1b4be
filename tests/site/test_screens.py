"""Every reader, every screen: phone and desktop layout, the toolbar, axe-core, dark mode.

* Layout at 390 x 844 (touch) and 1366 x 900: every text of every chart lies inside the chart,
  legend, annotation and axis-title texts do not overlap, no page scrolls sideways, and a wide
  table either fits or sits in a container that scrolls (and says so to a keyboard).
* The toolbar offers only named buttons, none pointing to another host.
* axe-core (the copy that ``axe-playwright-python`` ships) finds no serious or critical violation
  on any page, in light and in dark mode.
* The site follows the reader's system setting (dark under an emulated dark preference), and in
  dark mode every chart text reaches 3 : 1 against the page.

Screenshots of every chart page at 390 px are written to ``_build/screens/`` for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import BUILD, toc_pages

pytestmark = pytest.mark.browser

PAGES = toc_pages()
SIZES = {
    "phone": dict(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2),
    "desktop": dict(viewport={"width": 1366, "height": 900}),
}
SHOTS = BUILD / "screens"
#: The only toolbar buttons a chart may offer (by plotly.js's data-title).
ALLOWED_BUTTONS = {"Download plot as a PNG", "Zoom", "Pan", "Reset axes", "Reset view", "Reset"}  # Reset: a map's


def _open(browser, url, scheme="light", **size):
    context = browser.new_context(color_scheme=scheme, **size)
    page = context.new_page()
    problems: list[str] = []
    host = urlparse(url).netloc
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "request",
        lambda r: (
            problems.append(f"request to another host: {r.url}")
            if r.url.startswith(("http://", "https://")) and urlparse(r.url).netloc != host
            else None
        ),
    )
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    n = page.locator("div.plotly-graph-div").count()
    if n:
        page.wait_for_function(
            "n => document.querySelectorAll('div.plotly-graph-div svg.main-svg').length >= n", arg=n, timeout=20000
        )
    return context, page, problems


#: Boxes of every chart text (in page coordinates), with its kind, for the layout checks.
TEXT_BOXES = """
gd => {
  const out = [];
  const chart = gd.getBoundingClientRect();
  const kinds = [['legend', '.legend text'], ['annotation', '.annotation-text-g text, .annotation text'],
                 ['xtitle', '.g-xtitle text'], ['ytitle', '.g-ytitle text'], ['tick', '.xtick text, .ytick text'],
                 ['text', '.textpoint text, .sankey-node text, .geo text']];
  for (const [kind, sel] of kinds) {
    for (const t of gd.querySelectorAll(sel)) {
      if (!t.textContent.trim()) continue;
      const b = t.getBoundingClientRect();
      if (b.width === 0 || b.height === 0) continue;
      out.push({kind, text: t.textContent.slice(0, 40), l: b.left - chart.left, t: b.top - chart.top,
                r: b.right - chart.left, b: b.bottom - chart.top});
    }
  }
  return {w: chart.width, h: chart.height, boxes: out};
}
"""


def _overlap(a, b, slack=1.0) -> bool:
    return min(a["r"], b["r"]) - max(a["l"], b["l"]) > slack and min(a["b"], b["b"]) - max(a["t"], b["t"]) > slack


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("path", PAGES)
def test_chart_texts_fit_and_do_not_overlap(browser, site_url, path, size):
    context, page, problems = _open(browser, f"{site_url}/{path}", **SIZES[size])
    try:
        width = page.evaluate("document.documentElement.clientWidth")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width + 1, f"{path} at {size}: the page scrolls sideways ({scroll} > {width})"
        charts = page.locator("div.plotly-graph-div")
        for i in range(charts.count()):
            info = charts.nth(i).evaluate(TEXT_BOXES)
            outside = [
                b
                for b in info["boxes"]
                if b["l"] < -1 or b["t"] < -1 or b["r"] > info["w"] + 1 or b["b"] > info["h"] + 1
            ]
            assert not outside, f"{path} chart {i} at {size}: text outside the chart: {outside[:3]}"
            labels = [b for b in info["boxes"] if b["kind"] in ("legend", "annotation", "xtitle", "ytitle")]
            clashes = [(a["text"], b["text"]) for k, a in enumerate(labels) for b in labels[k + 1 :] if _overlap(a, b)]
            assert not clashes, f"{path} chart {i} at {size}: overlapping texts: {clashes[:3]}"
        if size == "phone" and charts.count():
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{Path(path).stem}-390.png"), full_page=True)
        for t in range(page.locator("table").count()):
            table = page.locator("table").nth(t)
            fits = table.evaluate("t => t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1")
            scrolls = table.evaluate(
                "t => { for (let e = t.parentElement; e; e = e.parentElement) {"
                " const s = getComputedStyle(e); if (['auto', 'scroll'].includes(s.overflowX)) return e.tabIndex >= 0;"
                " } return false; }"
            )
            assert fits or scrolls, f"{path} at {size}: table {t} is cut off and its scrolling is not reachable"
        assert problems == [], problems
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_toolbar_has_only_named_buttons_and_none_leaves_the_site(browser, site_url, path):
    context, page, problems = _open(browser, f"{site_url}/{path}", **SIZES["desktop"])
    try:
        charts = page.locator("div.plotly-graph-div")
        for i in range(charts.count()):
            chart = charts.nth(i)
            chart.hover()
            titles = chart.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.getAttribute('data-title'))")
            assert titles, f"{path} chart {i}: no toolbar"
            assert set(titles) <= ALLOWED_BUTTONS, (
                f"{path} chart {i}: unexpected buttons {set(titles) - ALLOWED_BUTTONS}"
            )
            links = chart.locator(".modebar a[href]").evaluate_all("as => as.map(a => a.href)")
            assert not [u for u in links if urlparse(u).netloc not in ("", urlparse(site_url).netloc)], links
    finally:
        context.close()


AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(browser, site_url, path, scheme):
    context, page, problems = _open(browser, f"{site_url}/{path}", scheme=scheme, **SIZES["desktop"])
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == scheme
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, f"{path} ({scheme}): {bad}"
    finally:
        context.close()


#: Every visible chart text with its fill, and the page background behind the chart.
FILLS = """
() => {
  const out = [];
  for (const gd of document.querySelectorAll('div.plotly-graph-div')) {
    for (const t of gd.querySelectorAll('.main-svg text')) {
      if (!t.textContent.trim() || t.getBoundingClientRect().width === 0) continue;
      let bg = null;
      const ann = t.closest('.annotation');
      if (ann) {
        const rect = ann.querySelector('rect.bg');
        if (rect) { const f = getComputedStyle(rect).fill; const o = Number(getComputedStyle(rect).fillOpacity);
                    if (f && f !== 'none' && o > 0.5) bg = f; }
      }
      out.push({text: t.textContent.slice(0, 30), fill: getComputedStyle(t).fill, bg});
    }
  }
  return {page: getComputedStyle(document.body).backgroundColor, texts: out};
}
"""


def _rgb(css: str) -> tuple[float, float, float]:
    nums = [float(x) for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
    return nums[0], nums[1], nums[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def lum(c):
        ch = [v / 255 for v in _rgb(c)]
        ch = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("path", PAGES)
def test_dark_mode_follows_the_system_and_chart_text_stays_legible(browser, site_url, path):
    context, page, problems = _open(browser, f"{site_url}/{path}", scheme="dark", **SIZES["desktop"])
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        found = page.evaluate(FILLS)
        low = [
            (t["text"], t["fill"], round(contrast(t["fill"], t["bg"] or found["page"]), 2))
            for t in found["texts"]
            if t["fill"].startswith("rgb") and contrast(t["fill"], t["bg"] or found["page"]) < 3.0
        ]
        assert not low, f"{path}: chart texts under 3:1 in dark mode: {low[:5]}"
        assert problems == [], problems
    finally:
        context.close()


def test_the_theme_toggle_still_works(browser, site_url):
    context, page, problems = _open(
        browser, f"{site_url}/book/01_decision_rules.html", scheme="dark", **SIZES["desktop"]
    )
    try:
        before = page.evaluate("document.documentElement.dataset.theme")
        page.locator("button.theme-switch-button").first.click()
        page.wait_for_timeout(200)
        assert page.evaluate("document.documentElement.dataset.theme") != before
    finally:
        context.close()
