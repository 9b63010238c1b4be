"""The book's benchmark: live panels, static pages, builds and nbval, in one report.

Run with ``make bench``; writes ``bench/results/report.json`` and ``bench/results/report.md``.

* live: inside a real IPython kernel (``bench/live_kernel.py``), for each live panel, the time from
  a slider change to its FigureWidget updated in place (p50 and p95 over 240 changes), against
  the common pattern (an ``ipywidgets.interactive`` callback that builds a new ``go.Figure`` from
  the same model on every change and shows it), in the same kernel, each on its own (A B B A);
* redraw: the browser's half of a slider move (``bench/redraw.py``): the time plotly.js takes to
  show the new picture in headless Chromium, in place (``Plotly.update``) and rebuilt
  (``Plotly.newPlot`` of the whole new figure); no goal, reported alongside;
* end to end (``bench/lab_e2e.py``): in a real JupyterLab in headless Chromium, key press on a
  panel's slider to the first frame showing the new picture, for the panel and for the common
  pattern beside it; no goal, reported alongside;
* static: for each page, HTML bytes, total bytes and requests, and the time to the first
  rendered chart in headless Chromium from 127.0.0.1;
* build: a clean build with every notebook executed, a no-op rebuild, and a rebuild after one
  notebook's code is edited (with the number of notebooks re-executed), in a scratch copy;
* nbval over every notebook.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
import lab_e2e  # noqa: E402  (bench/ is on the path from here)
import redraw  # noqa: E402
BIN = Path(sys.executable).parent
GOALS = {"live_p95_ms": 5.0, "live_speedup": 10.0, "first_chart_ms": 1000.0, "chapter_html_kb": 400,
         "chart_page_mb": 4.0, "plain_page_mb": 1.5, "clean_build_s": 120.0, "noop_build_s": 15.0,
         "edit_reexecuted": 1, "nbval_s": 60.0}


# --- live ---------------------------------------------------------------------------------------
def bench_live(changes: int = 240) -> list[dict]:
    """Run bench/live_kernel.py inside a fresh IPython kernel (real comms, real display messages)."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
    out: list[str] = []

    def hook(msg: dict) -> None:
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            out.append("\n".join(msg["content"]["traceback"]))

    try:
        reply = kc.execute_interactive(
            f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r})\n"
            f"import live_kernel; live_kernel.main({changes})",
            output_hook=hook, timeout=1800)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    text = "".join(out)
    if reply["content"]["status"] != "ok" or "LIVE-RESULT " not in text:
        raise RuntimeError("the live benchmark failed in its kernel:\n" + text[-4000:])
    return json.loads(text.split("LIVE-RESULT ", 1)[1].splitlines()[0])


# --- static ---------------------------------------------------------------------------------
def bench_static(html_dir: Path) -> list[dict]:
    from conftest import chromium_path, toc_pages
    from pageweight import measure_page
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(html_dir)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for path in toc_pages():
                runs = [measure_page(browser, f"http://127.0.0.1:{srv.server_address[1]}/{path}") for _ in range(3)]
                m = runs[0]
                charts = [r["first_chart_ms"] for r in runs if r["first_chart_ms"] is not None]
                m["first_chart_ms"] = statistics.median(charts) if charts else None
                rows.append({"page": path, **m})
            browser.close()
    finally:
        srv.shutdown()
    return rows


# --- build and nbval ------------------------------------------------------------------------
def _build(src: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    out = subprocess.run([str(BIN / "jupyter-book"), "build", str(src), "-n", "-W", "--keep-going"],
                         cwd=src, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if out.returncode != 0:
        raise RuntimeError(out.stdout[-3000:] + out.stderr[-2000:])
    executed = len(re.findall(r"Executed notebook in", out.stdout + out.stderr))
    return elapsed, executed


def bench_build() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "book"
        files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
        for f in files:
            (src / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / f, src / f)
        bundle = ROOT / "tools" / "plotly-bundle"
        for extra in ("node_modules", "dist"):
            if (bundle / extra).exists():
                shutil.copytree(bundle / extra, src / "tools" / "plotly-bundle" / extra, symlinks=True)
        clean, n_clean = _build(src)
        noop, n_noop = _build(src)
        nb = src / "book" / "01_decision_rules.ipynb"
        data = json.loads(nb.read_text())
        cell = next(c for c in data["cells"] if c["cell_type"] == "code")
        cell["source"] = ["# edited by the benchmark\n"] + list(cell["source"] if isinstance(cell["source"], list) else [cell["source"]])
        nb.write_text(json.dumps(data))
        edit, n_edit = _build(src)
    return {"clean_s": clean, "clean_executed": n_clean, "noop_s": noop, "noop_executed": n_noop,
            "edit_s": edit, "edit_executed": n_edit}


def bench_nbval() -> dict:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "book", "-q", "-p", "no:cacheprovider"],
                         cwd=ROOT, capture_output=True, text=True)
    return {"nbval_s": time.perf_counter() - t0, "ok": out.returncode == 0, "summary": out.stdout.strip().splitlines()[-1]}


# --- report ---------------------------------------------------------------------------------
def _ratio_table(rows: list[dict], count: str, fmt: str) -> list[str]:
    """A live table without a goal (the browser's redraw, end to end): both ways' p50 and p95 in
    ms, printed with ``fmt``, and the ratio of their medians."""
    lines = [f"| panel | {count} | in place p50 (ms) | in place p95 (ms) | rebuild p50 (ms) | rebuild p95 (ms) | ratio (p50) |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['panel']} | {r[count]} | {r['inplace_p50_ms']:{fmt}} | {r['inplace_p95_ms']:{fmt}} | "
                     f"{r['rebuild_p50_ms']:{fmt}} | {r['rebuild_p95_ms']:{fmt}} | {r['speedup_p50']:.1f}x |")
    return lines + [""]


def markdown(report: dict) -> str:
    g = report["goals"]
    lines = ["# Benchmark report", "", f"Run on {report['when']} ({report['machine']}).", "",
             "## Live panels (in-kernel time from a slider change to the figure updated)", "",
             "Measured in a real IPython kernel with real widget comms. *In place*: the panel's one "
             "FigureWidget, updated by one `plotly_update` in one comm message (`LiveFigure`). "
             "*Rebuild*: the common pattern, an "
             "`ipywidgets.interactive` callback that builds a new `go.Figure` from the same model and "
             f"calls `fig.show()` (renderer `{(report['live'] or [{}])[0].get('renderer', '?')}`). "
             "Each runs on its own over the same 240 slider moves, in the order A B B A over their two halves.", "",
             "| panel | changes | in place p50 (ms) | in place p95 (ms) | rebuild p50 (ms) | rebuild p95 (ms) | speed-up (p50) | goal met |",
             "|---|---|---|---|---|---|---|---|"]
    for r in report["live"]:
        ok = r["inplace_p95_ms"] <= g["live_p95_ms"] and r["speedup_p50"] >= g["live_speedup"]
        lines.append(f"| {r['panel']} | {r['changes']} | {r['inplace_p50_ms']:.2f} | {r['inplace_p95_ms']:.2f} | "
                     f"{r['rebuild_p50_ms']:.1f} | {r['rebuild_p95_ms']:.1f} | {r['speedup_p50']:.1f}x | {'yes' if ok else 'no'} |")
    lines += ["", f"Goal: p95 <= {g['live_p95_ms']} ms and at least {g['live_speedup']:.0f}x faster than rebuilding.", ""]
    if report.get("redraw"):
        lines += ["## Live panels in the browser (plotly.js drawing the new picture)", "",
                  "What follows in the reader's browser, measured in headless Chromium with the plotly.js the "
                  "`plotly` package ships (what JupyterLab uses), over the same kind of slider moves. *In place*: "
                  "`Plotly.update` with the panel's update message on the chart already drawn. *Rebuild*: the "
                  "old output's chart purged and removed and the whole new figure drawn with `Plotly.newPlot`. "
                  "Timed until plotly.js has finished (the browser paints in the next frame, which both share). "
                  "The widget's view also sends the changes it drew back to the kernel after each update, which "
                  "is not timed here, so the in-place column is a lower bound. There is no goal for this part: it "
                  "shows how much of a move's time is the browser's, which plotly.js spends redrawing most of the "
                  "chart either way.", "",
] + _ratio_table(report["redraw"], "changes", ".1f")
    if report.get("e2e"):
        lines += ["## Live panels end to end (JupyterLab in headless Chromium)", "",
                  "A scratch notebook shows each live panel and, under it, the common pattern over the same "
                  "controls. The first slider of each is moved one step with the keyboard, one move at a time, "
                  "and the time runs from the key press to the first animation frame in which the chart shows "
                  "the new data (frames come every 16.7 ms). This is what a reader waits for: the kernel's part "
                  "above, the trip through the Jupyter server and the browser's redraw. No goal.", "",
] + _ratio_table(report["e2e"], "moves", ".0f")
    lines += ["## Static pages (first visit, uncompressed, 127.0.0.1)", "",
              "| page | HTML (KB) | total (MB) | requests | first chart (ms) | goal met |", "|---|---|---|---|---|---|"]
    for r in report["static"]:
        chart = r["first_chart_ms"]
        ok = r["html_bytes"] <= g["chapter_html_kb"] * 1024 and (
            r["total_bytes"] <= g["chart_page_mb"] * 2**20 and (chart or 0) <= g["first_chart_ms"]
            if r["has_chart"] else r["total_bytes"] <= g["plain_page_mb"] * 2**20)
        lines.append(f"| {r['page']} | {r['html_bytes'] / 1024:.0f} | {r['total_bytes'] / 2**20:.2f} | {r['requests']} | "
                     f"{'' if chart is None else f'{chart:.0f}'} | {'yes' if ok else 'no'} |")
    b = report.get("build")
    if b:
        lines += ["", "## Build", "", "| clean build (s) | notebooks executed | no-op rebuild (s) | executed | after one edit (s) | executed |",
                  "|---|---|---|---|---|---|",
                  f"| {b['clean_s']:.1f} | {b['clean_executed']} | {b['noop_s']:.1f} | {b['noop_executed']} | {b['edit_s']:.1f} | {b['edit_executed']} |",
                  "", f"Goals: <= {g['clean_build_s']:.0f} s, <= {g['noop_build_s']:.0f} s, exactly {g['edit_reexecuted']} re-executed."]
    n = report.get("nbval")
    if n:
        lines += ["", "## nbval", "", f"{n['nbval_s']:.1f} s over every notebook ({n['summary']}); goal <= {g['nbval_s']:.0f} s."]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    import platform

    html = ROOT / "_build" / "html"
    report = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "machine": f"{platform.machine()}, {platform.python_version()}, {__import__('os').cpu_count()} cores",
              "goals": GOALS, "live": bench_live()}
    report["redraw"] = redraw.measure()
    report["e2e"] = lab_e2e.measure()
    live_only = "--live-only" in argv
    report["static"] = bench_static(html) if (html / "index.html").is_file() and not live_only else []
    if "--quick" not in argv and not live_only:
        report["build"] = bench_build()
        report["nbval"] = bench_nbval()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(report, indent=2))
    (OUT / "report.md").write_text(markdown(report))
    print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
