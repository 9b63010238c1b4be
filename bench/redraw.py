"""The browser's half of a slider move: how long plotly.js takes to show the new picture.

The in-kernel benchmark (``bench/live_kernel.py``) stops when the message has left the kernel.
What follows happens in the reader's browser, and it differs between the two ways too:

* **in place** (the book's way): the panel's FigureWidget view receives one update and calls
  ``Plotly.update(gd, restyle, relayout, traces)`` on the chart that is already drawn;
* **rebuild** (the common pattern): ``fig.show()`` in an ``interactive`` output replaces the old
  output with a new one, so the old chart is purged and removed and a new one is drawn from the
  whole figure with ``Plotly.newPlot``.

Both run here in headless Chromium, with the same plotly.js that the ``plotly`` package ships
(what JupyterLab uses), on the same moves as the in-kernel benchmark, for every chart with
controls: the update messages hold what the chart's ``update`` writes, recorded with
``chart.draw(FigureEdits(), **values)`` (what the panel's ``batch_update`` sends), and the figures
are ``chart.figure(**values)``. Each timing runs until plotly.js has finished (its promise
resolves): the DOM is updated and the browser paints in the next frame, which both ways share.
Order A B B A over two halves of the moves, as in the kernel.
"""

from __future__ import annotations

import json

import plotly.io as pio

PAGE = "<!doctype html><html><head><meta charset='utf-8'></head><body style='width:1100px'></body></html>"

DRAW = """
async (f) => {
  const old = document.getElementById('chart');
  if (old) { Plotly.purge(old); old.remove(); }
  const gd = document.createElement('div'); gd.id = 'chart'; document.body.appendChild(gd);
  await Plotly.newPlot(gd, f.data, f.layout);
}
"""

#: What the y values of every trace are now (to check that both ways end on the same picture).
SNAPSHOT = (
    "() => JSON.stringify(document.getElementById('chart')._fullData.map("
    "t => Array.from(t.y || [], v => typeof v === 'number' ? Number(v.toPrecision(12)) : v)))"
)

RUN = """
async ([mode, items]) => {
  // the widget's deserialiser turns "_undefined_" into undefined ("leave this trace alone")
  const undef = (v) => Array.isArray(v) ? v.map(x => x === '_undefined_' ? undefined : x) : v;
  const times = [];
  const body = document.body;
  let gd = document.getElementById('chart');
  for (const item of items) {
    const t0 = performance.now();
    if (mode === 'inplace') {
      const restyle = Object.fromEntries(Object.entries(item.restyle).map(([k, v]) => [k, undef(v)]));
      await Plotly.update(gd, restyle, item.relayout, item.traces);
    } else {
      Plotly.purge(gd); gd.remove();
      gd = document.createElement('div'); gd.id = 'chart'; body.appendChild(gd);
      await Plotly.newPlot(gd, item.data, item.layout);
    }
    times.push(performance.now() - t0);
  }
  return times;
}
"""


def update_message(chart, values: dict) -> dict:
    """What the live panel sends for ``values``: ``update`` run on a :class:`FigureEdits`, as one
    ``Plotly.update`` (restyle per written path, one value per written trace, ``"_undefined_"``
    where a trace leaves that path alone; relayout; the written traces' indices)."""
    from explainer.figures import FigureEdits

    edits = FigureEdits()
    chart.draw(edits, **values)
    traces = sorted(edits.traces)
    paths = sorted({p for i in traces for p in edits.traces[i]})
    restyle = {p: [edits.traces[i].get(p, "_undefined_") for i in traces] for p in paths}
    return {"restyle": restyle, "relayout": dict(edits.layout_edits), "traces": traces}


def _messages(chart, moves: list) -> tuple[list[dict], list[dict], dict]:
    """For each move: the update message the book's panel sends, and the whole figure the common
    pattern shows; plus the figure before the first move (where both start)."""

    def plain_json(x):
        return json.loads(pio.to_json(x, validate=False, engine="json"))

    values = chart.defaults()
    start = chart.figure(**values)
    updates, figures = [], []
    for control, value in moves:
        values = {**values, control: value}
        updates.append(plain_json(update_message(chart, values)))
        figures.append(plain_json(chart.figure(**values).to_plotly_json()))
    return updates, figures, plain_json(start.to_plotly_json())


def measure(changes: int = 60) -> list[dict]:
    """p50 and p95 of both ways for every chart with controls, over ``changes`` moves each."""
    import sys
    from pathlib import Path

    from live_kernel import chart_makers, compare, slider_moves
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from conftest import chromium_path

    from explainer.book.sphinxext import plotly_js_source
    from explainer.widgets import LivePanel

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.set_content(PAGE)
        page.add_script_tag(path=str(plotly_js_source()))
        for name, make in chart_makers().items():
            chart = make()
            moves = slider_moves(LivePanel(chart), changes)
            updates, figures, start = _messages(chart, moves)
            half = len(moves) // 2
            times = {"inplace": [], "rebuild": []}
            # A B B A; each block starts from the chart as it stood before its first move
            for mode, items, before in (
                ("inplace", updates[:half], start),
                ("rebuild", figures[:half], start),
                ("rebuild", figures[half:], figures[half - 1]),
                ("inplace", updates[half:], figures[half - 1]),
            ):
                page.evaluate(DRAW, before)
                times[mode] += page.evaluate(RUN, [mode, items])
            followed = page.evaluate(SNAPSHOT)  # after the last in-place move
            page.evaluate(DRAW, figures[-1])
            assert followed == page.evaluate(SNAPSHOT), f"{name}: the in-place chart differs from the rebuilt one"
            rows.append(
                {"chart": name, "changes": len(times["inplace"]), **compare(times["inplace"], times["rebuild"])}
            )
        browser.close()
    return rows
