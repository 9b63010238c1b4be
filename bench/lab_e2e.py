"""A slider move end to end, in a real JupyterLab in headless Chromium: key press to new picture.

The other two live measurements split a move in halves (the kernel's, ``bench/live_kernel.py``;
plotly.js's, ``bench/redraw.py``). This one times the whole of it, as a reader meets it: a scratch
notebook shows ``panel(chart)`` for every chart with controls and, under it, the common pattern
over the same controls (an ``ipywidgets.interactive`` over ``control_widget(c)`` whose callback
shows ``chart.figure(**values)``, see ``live_kernel.rebuild_pattern``). For each,
the first slider is moved one step with the keyboard, and the time runs from the key press to the
first animation frame in which the chart shows the new data (read from plotly.js's own state, so a
half-drawn chart does not count). Moves are one at a time, with a pause after each for the kernel
and the widget's back-traffic to settle, so each number is the latency of one isolated move.
Frames come every 16.7 ms, so times are rounded up to a frame either way.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]

#: What the chart in an output shows now: its traces' data and its layout's shapes, annotations
#: and title (plotly.js's own state; typed arrays as plain lists).
SIGNATURE = """
(el) => {
  const gd = el.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData || !gd._fullLayout) return null;
  const plain = (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v);
  const L = gd.layout || {};
  return JSON.stringify([gd.data, L.shapes, L.annotations, L.title], plain);
}
"""

#: Press an arrow key on the first slider handle of ``box`` (towards the farther end of the
#: slider, so every press is a change) and resolve with the time until the chart in ``box`` shows
#: a picture other than ``before`` (null if it shows none within 10 s: a move that changes only
#: the summary sentence, or nothing the chart draws).
MOVE = """
async ([box, before]) => {
  const sig = %s;
  const handle = box.querySelector('.noUi-handle');
  const now = +handle.getAttribute('aria-valuenow'), lo = +handle.getAttribute('aria-valuemin'),
        hi = +handle.getAttribute('aria-valuemax');
  const key = (hi - now) >= (now - lo) ? 'ArrowRight' : 'ArrowLeft';
  handle.focus();
  const t0 = performance.now();
  handle.dispatchEvent(new KeyboardEvent('keydown', {key, code: key, bubbles: true, cancelable: true}));
  return await new Promise((resolve, reject) => {
    const limit = t0 + 10000;
    const tick = () => {
      const now = performance.now();
      const s = sig(box);
      if (s !== null && s !== before) resolve(now - t0);
      else if (now > limit) resolve(null);  // this move changed nothing the chart shows
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
""" % SIGNATURE.strip()


def _notebook(path: Path, names: list[str]) -> None:
    cells = [
        nbformat.v4.new_code_cell(
            "import sys\n"
            f"sys.path.insert(0, {str(ROOT / 'bench')!r})\n"
            "import ipywidgets as W\n"
            "from IPython.display import display\n"
            "from explainer import theme\n"
            "from explainer.widgets import panel\n"
            "import live_kernel\n"
            "theme.apply()\n"
            "makers = live_kernel.chart_makers()"
        )
    ]
    for name in names:
        cells.append(
            nbformat.v4.new_code_cell(f"display(W.Box([panel(makers[{name!r}]())], _dom_classes=['e2e-inplace']))")
        )
        cells.append(
            nbformat.v4.new_code_cell(
                f"ui, _ = live_kernel.rebuild_pattern(makers[{name!r}]())\n"
                "display(W.Box([ui], _dom_classes=['e2e-rebuild']))"
            )
        )
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def measure(moves: int = 30, pause_s: float = 0.25) -> list[dict]:
    """p50 and p95 of key press to new picture, in place and rebuilt, for every chart with
    controls whose panel has a slider."""
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "bench"))
    from conftest import chromium_path, start_lab, stop_lab
    from live_kernel import chart_makers, compare
    from playwright.sync_api import sync_playwright

    # the keyboard moves the first slider: a chart whose controls are all choices has none
    names = [n for n, make in chart_makers().items() if any(c.options is None for c in make().controls)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root, home = Path(tmp) / "root", Path(tmp) / "home"
        root.mkdir()
        _notebook(root / "e2e.ipynb", names)
        proc, base, token = start_lab(root, home)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=chromium_path(),
                    headless=True,
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"{base}/lab/workspaces/e2e/tree/e2e.ipynb?reset&token={token}", wait_until="load")
                page.wait_for_function(
                    "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
                    " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
                    " return k && k.status === 'idle'; }",
                    timeout=120000,
                )
                page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
                page.wait_for_function(
                    "() => { const w = window.jupyterapp.shell.currentWidget;"
                    " const cells = w.content.widgets.filter(c => c.model.type === 'code');"
                    " return w.sessionContext.session.kernel.status === 'idle'"
                    " && cells.every(c => c.model.executionCount !== null); }",
                    timeout=300000,
                )
                for i, name in enumerate(names):
                    times = {}
                    for kind in ("inplace", "rebuild"):
                        box = page.locator(f".e2e-{kind}").nth(i)
                        box.scroll_into_view_if_needed()
                        box.locator(".js-plotly-plot").first.wait_for(timeout=60000)
                        el = box.element_handle()
                        times[kind] = []
                        for _ in range(moves):
                            before = page.evaluate(SIGNATURE, el)
                            t = page.evaluate(MOVE, [el, before])
                            if t is not None:
                                times[kind].append(t)
                            time.sleep(pause_s)
                    if not times["inplace"] or not times["rebuild"]:
                        print(f"bench e2e: {name}: its first slider changes nothing the chart draws", file=sys.stderr)
                        continue
                    rows.append(
                        {
                            "chart": name,
                            "moves": min(len(times["inplace"]), len(times["rebuild"])),
                            **compare(times["inplace"], times["rebuild"]),
                        }
                    )
                page.evaluate("window.jupyterapp.serviceManager.sessions.shutdownAll()")
                browser.close()
        finally:
            stop_lab(proc)
    return rows


if __name__ == "__main__":
    print(json.dumps(measure(), indent=1))
