"""The Sphinx extension's pure parts: chart HTML, Binder URLs, script filtering."""

from __future__ import annotations

import json
from types import SimpleNamespace

from explainer import sphinxext


def test_chart_html_embeds_the_figure_and_escapes_script_ends():
    fig = {"data": [{"type": "scatter", "y": [1, 2], "name": "</script><b>"}], "layout": {"height": 300}}
    html = sphinxext.chart_html(fig, "chart-x")
    assert 'id="chart-x" class="plotly-graph-div"' in html and "height:300px" in html
    assert "</script><b>" not in html
    spec = html.split('id="chart-x-spec">')[1].split("</script>")[0]
    assert json.loads(spec.replace("<\\/", "</"))["data"][0]["y"] == [1, 2]


def test_binder_url_from_launch_settings():
    config = SimpleNamespace(html_theme_options={
        "repository_url": "https://github.com/org/repo",
        "repository_branch": "main",
        "launch_buttons": {"binderhub_url": "https://mybinder.org/"},
    })
    url = sphinxext.binder_url(config, "book/01_decision_rules")
    assert url == "https://mybinder.org/v2/gh/org/repo/main?urlpath=lab%2Ftree%2Fbook%2F01_decision_rules.ipynb"
    assert sphinxext.binder_url(SimpleNamespace(html_theme_options={}), "x") is None


def test_widget_scripts_are_recognised_and_duplicates_dropped():
    js = lambda f, **a: SimpleNamespace(filename=f, attributes=a)  # noqa: E731
    assert sphinxext._is_widget_script(js("https://cdn/x/@jupyter-widgets/html-manager@1/dist/embed-amd.js"))
    assert sphinxext._is_widget_script(js("", type="application/vnd.jupyter.widget-state+json"))
    assert not sphinxext._is_widget_script(js("_static/doctools.js"))
    a, b = js(None, body="const X = 1"), js("", body="const X = 1")
    kept = sphinxext._dedupe_scripts([a, b, js("x.js")])
    assert [s.filename for s in kept] == [None, "x.js"]


def test_plotly_js_ships_with_the_plotly_package():
    path = sphinxext.plotly_js_source()
    assert path.stat().st_size > 1_000_000
