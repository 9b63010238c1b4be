"""Live use, tested the way a person uses it.

* Binder's environment, reproduced: a fresh virtual environment made from
  ``binder/requirements.txt`` alone (what Binder installs, with the Python of
  ``binder/runtime.txt``) executes every notebook.
* A real JupyterLab in a real browser: JupyterLab on 127.0.0.1, each chapter opened in Chromium,
  all cells run, one slider of each live panel moved; the FigureWidget's data must change and no
  error output may appear.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import BUILD, ROOT, start_lab, stop_lab

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(p.name for p in (ROOT / "book").glob("*.ipynb"))


def _panel_notebooks() -> list[str]:
    """Notebooks that show a live panel with controls (a chapter or the argument map calling
    ``panel(``; the ledger's one chart has nothing to move)."""
    found = []
    for name in NOTEBOOKS:
        if not (name[:2].isdigit() or name == "argument_map.ipynb"):
            continue
        nb = nbformat.read(ROOT / "book" / name, as_version=4)
        if any(c.cell_type == "code" and re.search(r"\w*panel\(", c.source) for c in nb.cells):
            found.append(name)
    return found


def test_runtime_txt_names_python_311():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    assert sys.version_info[:2] == (3, 11), "the tests should run on the Python Binder uses"


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory) -> Path:
    """A fresh venv with binder/requirements.txt alone, as Binder builds it (from the repository's
    root, where the file's ``.`` is the package)."""
    env = tmp_path_factory.mktemp("binder") / "venv"
    python = shutil.which("python3.11") or sys.executable
    subprocess.run([python, "-m", "venv", str(env)], check=True)
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run(pip + ["--upgrade", "pip"], check=True, cwd=ROOT, timeout=900)
    subprocess.run(pip + ["-r", "binder/requirements.txt"], check=True, cwd=ROOT, timeout=1800)
    return env


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_notebook_runs_in_a_binder_like_environment(binder_env, name, tmp_path):
    out = subprocess.run(
        [
            str(binder_env / "bin" / "jupyter"),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.timeout=600",
            "--ExecutePreprocessor.kernel_name=python3",
            "--output-dir",
            str(tmp_path),
            str(ROOT / "book" / name),
        ],
        cwd=ROOT / "book",
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "JUPYTER_PATH": str(binder_env / "share" / "jupyter")},
    )
    assert out.returncode == 0, out.stderr[-4000:]
    executed = nbformat.read(tmp_path / name, as_version=4)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors


# --- JupyterLab in Chromium -----------------------------------------------------------------
@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 serving a scratch copy of ``book/`` (JupyterLab autosaves the
    notebooks it runs, and the repository's notebooks must stay free of outputs), with the app
    exposed to page scripts."""
    root = tmp_path_factory.mktemp("labroot")
    shutil.copytree(ROOT / "book", root / "book")
    shutil.copytree(ROOT / "data", root / "data")  # the notebooks find data/ from book/, as in Binder
    home = tmp_path_factory.mktemp("labhome")
    # render every cell, not only those in view, so that the tests can read the whole notebook
    settings = home / "config" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    try:
        proc, base, token = start_lab(root, home)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield base, token
    stop_lab(proc)


PANEL_NOTEBOOKS = _panel_notebooks()


@pytest.mark.browser
@pytest.mark.parametrize("name", PANEL_NOTEBOOKS)
def test_live_panel_moves_in_jupyterlab(browser, lab, name):
    base, token = lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{base}/lab/workspaces/{name.split('.')[0]}/tree/book/{name}?reset&token={token}", wait_until="load")
        page.wait_for_function(
            "window.jupyterapp && window.jupyterapp.shell && window.jupyterapp.shell.currentWidget", timeout=90000
        )
        # wait for the kernel to be ready before running, so no "Select Kernel" dialog appears
        page.wait_for_function(
            "() => { const w = window.jupyterapp.shell.currentWidget;"
            " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
            " return k && k.status === 'idle'; }",
            timeout=120000,
        )
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        try:
            page.wait_for_function(
                "() => { const w = window.jupyterapp.shell.currentWidget;"
                " const cells = w.content.widgets.filter(c => c.model.type === 'code');"
                " const k = w.sessionContext.session.kernel;"
                " return k.status === 'idle' && cells.every(c => c.model.executionCount !== null); }",
                timeout=300000,
            )
        except Exception:
            state = page.evaluate(
                "() => { const w = window.jupyterapp.shell.currentWidget;"
                " return w.content.widgets.filter(c => c.model.type === 'code').map((c, i) =>"
                " [i, c.model.executionCount, c.model.sharedModel.source.slice(0, 60),"
                "  JSON.stringify(c.model.outputs.toJSON()).slice(0, 300)]); }"
            )
            pytest.fail(f"{name}: not every cell ran in JupyterLab: {state}")
        page.wait_for_selector(".jp-OutputArea .widget-slider, .jp-OutputArea .widget-hslider", timeout=60000)
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        texts = [errors.nth(i).inner_text() for i in range(errors.count())]
        assert not [t for t in texts if "Error" in t or "Traceback" in t], texts
        # every live panel: move its first slider one step with the keyboard, check the figure
        panels = page.locator(".jp-OutputArea .widget-vbox:has(.js-plotly-plot):has(.noUi-handle)")
        n = panels.count()
        assert n >= 1, f"no live panel rendered in {name}"
        for i in range(n):
            panel = panels.nth(i)
            panel.scroll_into_view_if_needed()
            plot = panel.locator(".js-plotly-plot").first
            plot.wait_for(timeout=60000)
            snapshot = "gd => JSON.stringify(gd.data || [])"  # every trace attribute (a Sankey moves link.value)
            before = plot.evaluate(snapshot)
            handle = panel.locator(".noUi-handle").first
            handle.focus()
            for _ in range(3):
                page.keyboard.press("ArrowRight")
            page.wait_for_function(
                f"([el, b]) => ({snapshot})(el) !== b", arg=[plot.element_handle(), before], timeout=20000
            )
        texts = [errors.nth(i).inner_text() for i in range(errors.count())]
        assert not [t for t in texts if "Error" in t or "Traceback" in t], texts
    finally:
        # shut the kernel down so that the next notebook has the machine to itself
        try:
            page.evaluate("window.jupyterapp.serviceManager.sessions.shutdownAll()")
        except Exception:
            pass
        context.close()


# --- the chapter in JupyterLab reads like the chapter on the web ----------------------------
RAW_MYST = ["{glue", "{term}", "{exercise}", "{solution}", ":::{", "```{"]
READER_NOTEBOOKS = [
    n for n in NOTEBOOKS if n[:2].isdigit() or n in ("argument_map.ipynb", "claim_ledger.ipynb", "since_article.ipynb")
]


def _open_notebook(page, base, token, name):
    page.goto(
        f"{base}/lab/workspaces/read-{name.split('.')[0]}/tree/book/{name}?reset&token={token}", wait_until="load"
    )
    page.wait_for_function(
        "window.jupyterapp && window.jupyterapp.shell && window.jupyterapp.shell.currentWidget", timeout=90000
    )
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
        " return k && k.status === 'idle'; }",
        timeout=120000,
    )
    page.wait_for_selector(".jp-MarkdownCell", timeout=60000)
    page.wait_for_timeout(3000)  # the MyST renderer draws the Markdown cells


def _run_all(page, name):
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " const cells = w.content.widgets.filter(c => c.model.type === 'code');"
        " const k = w.sessionContext.session.kernel;"
        " return k.status === 'idle' && cells.every(c => c.model.executionCount !== null); }",
        timeout=300000,
    )


@pytest.mark.browser
@pytest.mark.parametrize("name", READER_NOTEBOOKS)
def test_the_notebook_reads_like_a_book_in_jupyterlab(browser, lab, name):
    """Before running: no raw MyST, no visible glue or assert cell, solutions collapsed. After
    running: no traceback, and the charts drawn (screenshots at two widths for a person)."""
    base, token = lab
    context = browser.new_context(viewport={"width": 1000, "height": 1000})
    page = context.new_page()
    try:
        _open_notebook(page, base, token, name)
        texts = page.locator(".jp-MarkdownCell .myst, .jp-MarkdownCell .jp-RenderedMarkdown")
        rendered = "\n".join(texts.nth(i).inner_text() for i in range(texts.count()))
        assert rendered.strip(), f"{name}: no rendered Markdown"
        raw = [r for r in RAW_MYST if r in rendered]
        assert not raw, f"{name}: JupyterLab shows raw MyST {raw}"
        visible = page.evaluate(
            "() => window.jupyterapp.shell.currentWidget.content.widgets"
            ".filter(c => c.model.type === 'code' && !c.inputHidden).map(c => c.model.sharedModel.source)"
        )
        bad = [src for src in visible if "glue(" in src or re.search(r"^assert\b", src, re.M)]
        assert not bad, f"{name}: visible bookkeeping cells: {bad[:2]}"
        solutions = page.locator(".jp-MarkdownCell details:has(summary:has-text('Solution'))")
        opened = [i for i in range(solutions.count()) if solutions.nth(i).evaluate("d => d.open")]
        assert not opened, f"{name}: {len(opened)} solutions are open before a click"
        _run_all(page, name)
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
            ".jp-OutputArea-output .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']"
        )
        texts_err = [errors.nth(i).inner_text() for i in range(errors.count())]
        assert not [t for t in texts_err if "Error" in t or "Traceback" in t], texts_err
        # Screenshots at two output widths, for a person to look at. The charts' fit is not asserted
        # here: a FigureWidget inside an ipywidgets box renders at plotly.js's default 700 px width
        # under plotly 7's anywidget front end (plotly/plotly.py#5208), so at a 700 px output the
        # right edge is cut. Issue 16 stays open on that point; the static page's charts are
        # checked at 390 and 1366 px by tests/site/test_screens.py.
        shots = BUILD / "screens"
        shots.mkdir(parents=True, exist_ok=True)
        for width in (1000, 1700):  # output areas of about 570 and 1,270 px
            page.set_viewport_size({"width": width, "height": 1000})
            page.wait_for_timeout(1000)
            plots = page.locator(".jp-OutputArea .js-plotly-plot")
            assert plots.count() >= 1 or name in ("claim_ledger.ipynb", "since_article.ipynb"), f"{name}: no chart"
            for i in range(plots.count()):
                plots.nth(i).scroll_into_view_if_needed()
                page.screenshot(path=str(shots / f"lab-{name.split('.')[0]}-{i}-{width}.png"))
    finally:
        try:
            page.evaluate("window.jupyterapp.serviceManager.sessions.shutdownAll()")
        except Exception:
            pass
        context.close()
