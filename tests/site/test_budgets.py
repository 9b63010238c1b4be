"""Page weight, held by tests: byte budgets per page and one plotly.js URL for the whole book.

Timings stay in the benchmark (``make bench``); bytes are deterministic, so they are tested here.
Budgets: a chapter's HTML <= 400 KB; a page with charts <= 4 MB in all uncompressed and
<= 1.2 MB gzip-compressed (first visit, every request included, the recorded scenarios too); a
page without charts <= 1.5 MB, and it loads no plotly.js.
"""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, toc_pages

sys.path.insert(0, str(ROOT / "bench"))
from pageweight import measure_page  # noqa: E402

pytestmark = pytest.mark.browser

KB, MB = 1024, 1024 * 1024
HTML_BUDGET = 400 * KB
CHART_PAGE_BUDGET = 4 * MB
CHART_PAGE_GZIP_BUDGET = 1.2 * MB
PLAIN_PAGE_BUDGET = 1.5 * MB


@pytest.fixture(scope="module")
def weights(browser, site_url):
    return {path: measure_page(browser, f"{site_url}/{path}") for path in toc_pages()}


@pytest.mark.parametrize("path", toc_pages())
def test_page_within_its_byte_budget(weights, path):
    w = weights[path]
    assert w["html_bytes"] <= HTML_BUDGET, f"{path}: HTML is {w['html_bytes'] / KB:.0f} KB"
    if w["has_chart"]:
        assert w["total_bytes"] <= CHART_PAGE_BUDGET, f"{path}: {w['total_bytes'] / MB:.2f} MB in all"
        assert w["gzip_bytes"] <= CHART_PAGE_GZIP_BUDGET, f"{path}: {w['gzip_bytes'] / MB:.2f} MB gzip-compressed"
        # the recorded scenarios are fetched when the page is idle, so they count in the totals
        assert not w["has_scenarios"] or w["scenario_urls"], f"{path}: its scenarios were not fetched"
        assert len(w["plotly_urls"]) == 1, w["plotly_urls"]
    else:
        assert w["total_bytes"] <= PLAIN_PAGE_BUDGET, f"{path}: {w['total_bytes'] / MB:.2f} MB in all"
        assert w["plotly_urls"] == [], f"{path} loads plotly.js but shows no chart"


def test_plotly_js_comes_from_one_url_on_every_page(weights):
    urls = {u for w in weights.values() for u in w["plotly_urls"]}
    assert len(urls) == 1, urls
