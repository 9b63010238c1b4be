"""The Sphinx extension's pure parts: chart HTML, Binder URLs, script filtering."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from explainer.book import sphinxext


def test_chart_html_embeds_the_figure_and_escapes_script_ends():
    fig = {"data": [{"type": "scatter", "y": [1, 2], "name": "</script><b>"}], "layout": {"height": 300}}
    html = sphinxext.chart_html(fig, "chart-x")
    assert 'id="chart-x" class="plotly-graph-div"' in html and "height:300px" in html
    assert "</script><b>" not in html
    spec = html.split('id="chart-x-spec">')[1].split("</script>")[0]
    assert json.loads(spec.replace("<\\/", "</"))["data"][0]["y"] == [1, 2]


def test_binder_url_from_launch_settings():
    config = SimpleNamespace(
        html_theme_options={
            "repository_url": "https://github.com/org/repo",
            "repository_branch": "main",
            "launch_buttons": {"binderhub_url": "https://mybinder.org/"},
        }
    )
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


def test_inputs_digest_follows_the_data(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("x\n1\n")
    first = sphinxext.notebook_inputs_digest(tmp_path)
    assert sphinxext.notebook_inputs_digest(tmp_path) == first
    (tmp_path / "data" / "a.csv").write_text("x\n2\n")
    second = sphinxext.notebook_inputs_digest(tmp_path)
    (tmp_path / "data" / "b.csv").write_text("x\n2\n")
    assert len({first, second, sphinxext.notebook_inputs_digest(tmp_path)}) == 3


NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "c1",
            "metadata": {},
            "outputs": [],
            "source": "print('value-' + open('data/x.csv').read().strip())",
        }
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}
CONF = """
extensions = ["myst_nb"]
nb_execution_mode = "cache"
def setup(app):
    from explainer.book import sphinxext
    sphinxext.connect_fresh_outputs(app)
"""


@pytest.mark.build
@pytest.mark.slow
def test_a_change_to_the_data_re_executes_the_notebooks(tmp_path):
    """With myst-nb's cache alone, an unchanged notebook keeps its old outputs after data/ changes."""
    import subprocess
    import sys

    src, out = tmp_path / "src", tmp_path / "_build" / "html"
    (src / "data").mkdir(parents=True)
    (src / "conf.py").write_text(CONF)
    (src / "index.ipynb").write_text(json.dumps(NOTEBOOK))

    def build(value: str) -> tuple[str, str]:
        (src / "data" / "x.csv").write_text(value + "\n")
        run = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", str(src), str(out)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr[-3000:]
        return (out / "index.html").read_text(), run.stdout + run.stderr

    page, _ = build("1")
    assert "value-1" in page and (tmp_path / "_build" / sphinxext.INPUTS_STAMP).is_file()
    page, log = build("1")  # nothing changed: served from the cache, nothing executed
    assert "value-1" in page and "Executing" not in log
    page, _ = build("2")  # only the data changed
    assert "value-2" in page and "value-1" not in page
