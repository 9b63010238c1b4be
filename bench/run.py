"""The book's benchmark: live panels, static pages, builds and nbval, in one report.

Run with ``make bench``; writes ``bench/results/report.json`` and ``bench/results/report.md``.

* live: inside a real IPython kernel (``bench/live_kernel.py``), for every chart with controls,
  the time from a control change to its ``LivePanel``'s FigureWidget updated in place (plotly's
  public ``batch_update``; p50 and p95 over 240 changes; goal p95 <= 5 ms), against the common
  pattern (an ``ipywidgets.interactive`` over the same controls whose callback shows
  ``chart.figure(**values)``), in the same kernel, each on its own (A B B A); their ratio has no
  goal;
* redraw: the browser's half of a live move (``bench/redraw.py``): the time plotly.js takes to
  show the new picture in headless Chromium, in place (``Plotly.update`` of what ``update``
  writes) and rebuilt (``Plotly.newPlot`` of the whole new figure); no goal, reported alongside;
* end to end (``bench/lab_e2e.py``): in a real JupyterLab in headless Chromium, key press on a
  panel's slider to the first frame showing the new picture, for the panel and for the common
  pattern beside it; no goal, reported alongside;
* static controls (``bench/static_controls.py``): on the built site, for every chart with
  controls, the time from a control's ``input`` event to the frame that shows the new data (the
  first animation frame after the move's last change to the chart; goals p95 <= 33 ms,
  p50 <= 17 ms);
* first chart (``bench/static_controls.py``): each chart page's time to its first chart against
  a bare page that loads the same plotly.js file and draws one small chart, one after the other
  in the same browser; the ratio per page (goal <= 1.5);
* static: for each page, HTML bytes, total bytes and requests, and the time to the first
  rendered chart in headless Chromium from 127.0.0.1;
* build: a clean build with every notebook executed, a no-op rebuild, and a rebuild after one
  notebook's code is edited (with the number of notebooks re-executed), in a scratch copy;
* nbval over every notebook.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
import lab_e2e  # noqa: E402  (bench/ is on the path from here)
import redraw  # noqa: E402
import static_controls  # noqa: E402

BIN = Path(sys.executable).parent
GOALS = {
    "live_p95_ms": 5.0,
    "static_redraw_p95_ms": 33.0,
    "static_redraw_p50_ms": 17.0,
    "first_chart_ratio": 1.5,
    "chapter_html_kb": 400,
    "chart_page_mb": 4.0,
    "plain_page_mb": 1.5,
    "clean_build_s": 120.0,
    "noop_build_s": 15.0,
    "edit_reexecuted": 1,
    "nbval_s": 60.0,
}


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
            f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r})\nimport live_kernel; live_kernel.main({changes})",
            output_hook=hook,
            timeout=1800,
        )
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    text = "".join(out)
    if reply["content"]["status"] != "ok" or "LIVE-RESULT " not in text:
        raise RuntimeError("the live benchmark failed in its kernel:\n" + text[-4000:])
    return json.loads(text.split("LIVE-RESULT ", 1)[1].splitlines()[0])


# --- static ---------------------------------------------------------------------------------
def bench_static(html_dir: Path) -> list[dict]:
    """Each page's weight (HTML, total bytes, requests) and its time to the first chart (median of
    3 first visits)."""
    from pageweight import measure_page
    from playwright.sync_api import sync_playwright

    rows = []
    with static_controls.serve(html_dir) as base, sync_playwright() as p:
        browser = static_controls._launch(p)
        for path in static_controls.site_pages(html_dir):
            runs = [measure_page(browser, f"{base}/{path}") for _ in range(3)]
            m = runs[0]
            charts = [r["first_chart_ms"] for r in runs if r["first_chart_ms"] is not None]
            m["first_chart_ms"] = statistics.median(charts) if charts else None
            rows.append({"page": path, **m})
        browser.close()
    return rows


# --- build and nbval ------------------------------------------------------------------------
def _build(src: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    out = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(src), "-n", "-W", "--keep-going"],
        cwd=src,
        capture_output=True,
        text=True,
    )
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
        cell["source"] = ["# edited by the benchmark\n"] + list(
            cell["source"] if isinstance(cell["source"], list) else [cell["source"]]
        )
        nb.write_text(json.dumps(data))
        edit, n_edit = _build(src)
    return {
        "clean_s": clean,
        "clean_executed": n_clean,
        "noop_s": noop,
        "noop_executed": n_noop,
        "edit_s": edit,
        "edit_executed": n_edit,
    }


def bench_nbval() -> dict:
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "book", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return {
        "nbval_s": time.perf_counter() - t0,
        "ok": out.returncode == 0,
        "summary": out.stdout.strip().splitlines()[-1],
    }


# --- report ---------------------------------------------------------------------------------
def _ratio_table(rows: list[dict], count: str, fmt: str) -> list[str]:
    """A live table without a goal (the browser's redraw, end to end): both ways' p50 and p95 in
    ms, printed with ``fmt``, and the ratio of their medians."""
    lines = [
        f"| chart | {count} | in place p50 (ms) | in place p95 (ms) | rebuild p50 (ms) | rebuild p95 (ms) | ratio (p50) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['chart']} | {r[count]} | {r['inplace_p50_ms']:{fmt}} | {r['inplace_p95_ms']:{fmt}} | "
            f"{r['rebuild_p50_ms']:{fmt}} | {r['rebuild_p95_ms']:{fmt}} | {r['speedup_p50']:.1f}x |"
        )
    return lines + [""]


def _yes(ok: bool) -> str:
    return "yes" if ok else "no"


def markdown(report: dict) -> str:
    g = report["goals"]
    lines = ["# Benchmark report", "", f"Run on {report['when']} ({report['machine']}).", ""]
    if report.get("live"):
        lines += [
            "## Live panels (in-kernel time from a control change to the figure updated)",
            "",
            "Measured in a real IPython kernel with real widget comms, for every chart with controls. "
            "*In place*: the chart's `LivePanel`, whose one FigureWidget runs the chart's `update` inside "
            "plotly's public `batch_update` (one `plotly_update` message). *Rebuild*: the common pattern, "
            "an `ipywidgets.interactive` over `control_widget(c)` for each control whose callback calls "
            f"`chart.figure(**values).show()` (renderer `{report['live'][0].get('renderer', '?')}`). "
            "Each runs on its own over the same moves (a sweep of each control in turn), in the order "
            "A B B A over their two halves.",
            "",
            "| chart | controls | changes | in place p50 (ms) | in place p95 (ms) | rebuild p50 (ms) | rebuild p95 (ms) | rebuild / in place (p50) | goal met |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for r in report["live"]:
            ok = r["inplace_p95_ms"] <= g["live_p95_ms"]
            lines.append(
                f"| {r['chart']} | {r['controls']} | {r['changes']} | {r['inplace_p50_ms']:.2f} | "
                f"{r['inplace_p95_ms']:.2f} | {r['rebuild_p50_ms']:.1f} | {r['rebuild_p95_ms']:.1f} | "
                f"{r['speedup_p50']:.1f}x | {_yes(ok)} |"
            )
        lines += ["", f"Goal: in place p95 <= {g['live_p95_ms']} ms. The ratio to the rebuild pattern has no goal.", ""]
    if report.get("redraw"):
        lines += [
            "## Live panels in the browser (plotly.js drawing the new picture)",
            "",
            "What follows in the reader's browser, measured in headless Chromium with the plotly.js the "
            "`plotly` package ships (what JupyterLab uses), over the same kind of moves. *In place*: "
            "`Plotly.update` with what the chart's `update` writes (recorded with "
            "`chart.draw(FigureEdits(), **values)`, what the panel's `batch_update` sends) on the chart "
            "already drawn. *Rebuild*: the old output's chart purged and removed and "
            "`chart.figure(**values)` drawn with `Plotly.newPlot`. Timed until plotly.js has finished "
            "(the browser paints in the next frame, which both share). The widget's view also sends the "
            "changes it drew back to the kernel after each update, which is not timed here, so the "
            "in-place column is a lower bound. No goal.",
            "",
        ] + _ratio_table(report["redraw"], "changes", ".1f")
    if report.get("e2e"):
        lines += [
            "## Live panels end to end (JupyterLab in headless Chromium)",
            "",
            "A scratch notebook shows `panel(chart)` for every chart with controls and, under it, the "
            "common pattern over the same controls. The first slider of each is moved one step with the "
            "keyboard, one move at a time, and the time runs from the key press to the first animation "
            "frame in which the chart shows the new data (frames come every 16.7 ms). This is what a "
            "reader waits for: the kernel's part above, the trip through the Jupyter server and the "
            "browser's redraw. No goal.",
            "",
        ] + _ratio_table(report["e2e"], "moves", ".0f")
    if report.get("static_redraw"):
        lines += [
            "## Static controls' redraw (the built site, headless Chromium)",
            "",
            "On every chart page, for every chart with controls, after its recording has loaded: each "
            "control is moved one step at a time, in turn (its value set and an `input` event "
            "dispatched), and the time runs from that event to the frame that shows the new data: "
            "the first animation frame that begins after the move's last change to the chart (seen "
            "by a MutationObserver), and nothing may change after it. Each move is "
            "dispatched at a (seeded) random point between two frames, as a reader's input arrives. "
            "The last two columns stop at the `explainer:drawn` event itself (plotly.js done, before "
            "the frame): what the page's script and plotly.js take, without the wait for the frame.",
            "",
            "| page | chart | controls | moves | p50 (ms) | p95 (ms) | max (ms) | goal met | to drawn p50 (ms) | to drawn p95 (ms) |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in report["static_redraw"]:
            ok = r["p95_ms"] <= g["static_redraw_p95_ms"] and r["p50_ms"] <= g["static_redraw_p50_ms"]
            lines.append(
                f"| {r['page']} | {r['chart']} | {r['controls']} | {r['moves']} | {r['p50_ms']:.1f} | "
                f"{r['p95_ms']:.1f} | {r['max_ms']:.1f} | {_yes(ok)} | {r['drawn_p50_ms']:.1f} | "
                f"{r['drawn_p95_ms']:.1f} |"
            )
        lines += [
            "",
            f"Goals: p95 <= {g['static_redraw_p95_ms']:.0f} ms and p50 <= {g['static_redraw_p50_ms']:.0f} ms per chart.",
            "",
        ]
    if report.get("first_chart"):
        lines += [
            "## First chart against a bare page (the built site, headless Chromium)",
            "",
            "One after the other in the same browser, each as a first visit (a fresh context), in the "
            "order A B B A: a bare page from the same server that loads the same plotly.js file "
            f"(`{report['first_chart'][0]['plotly_js']}`) and draws one small chart, and the chart page. "
            "Each timed from navigation to its first chart's svg; medians, and their ratio.",
            "",
            "| page | runs | bare page (ms) | chart page (ms) | ratio | goal met |",
            "|---|---|---|---|---|---|",
        ]
        for r in report["first_chart"]:
            lines.append(
                f"| {r['page']} | {r['runs']} | {r['bare_ms']:.0f} | {r['page_ms']:.0f} | "
                f"{r['ratio']:.2f} | {_yes(r['ratio'] <= g['first_chart_ratio'])} |"
            )
        lines += ["", f"Goal: chart page / bare page <= {g['first_chart_ratio']}.", ""]
    if report.get("static"):
        lines += [
            "## Static pages (first visit, uncompressed, 127.0.0.1)",
            "",
            "| page | HTML (KB) | total (MB) | requests | first chart (ms) | goal met |",
            "|---|---|---|---|---|---|",
        ]
        for r in report["static"]:
            chart = r["first_chart_ms"]
            ok = r["html_bytes"] <= g["chapter_html_kb"] * 1024 and (
                r["total_bytes"] <= g["chart_page_mb"] * 2**20
                if r["has_chart"]
                else r["total_bytes"] <= g["plain_page_mb"] * 2**20
            )
            lines.append(
                f"| {r['page']} | {r['html_bytes'] / 1024:.0f} | {r['total_bytes'] / 2**20:.2f} | {r['requests']} | "
                f"{'' if chart is None else f'{chart:.0f}'} | {_yes(ok)} |"
            )
        lines += [
            "",
            f"Goals: HTML <= {g['chapter_html_kb']} KB; a chart page <= {g['chart_page_mb']} MB, a plain "
            f"page <= {g['plain_page_mb']} MB in all. The first chart's goal is the ratio above.",
            "",
        ]
    b = report.get("build")
    if b:
        lines += [
            "## Build",
            "",
            "| clean build (s) | notebooks executed | no-op rebuild (s) | executed | after one edit (s) | executed |",
            "|---|---|---|---|---|---|",
            f"| {b['clean_s']:.1f} | {b['clean_executed']} | {b['noop_s']:.1f} | {b['noop_executed']} | {b['edit_s']:.1f} | {b['edit_executed']} |",
            "",
            f"Goals: <= {g['clean_build_s']:.0f} s, <= {g['noop_build_s']:.0f} s, exactly {g['edit_reexecuted']} re-executed.",
            "",
        ]
    n = report.get("nbval")
    if n:
        lines += [
            "## nbval",
            "",
            f"{n['nbval_s']:.1f} s over every notebook ({n['summary']}); goal <= {g['nbval_s']:.0f} s.",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    """``bench/run.py [--live-only | --static-only] [--quick] [--html DIR] [--out DIR]``.

    ``--live-only``: the kernel, the browser's redraw and end to end (no build needed).
    ``--static-only``: only the parts on the built site (weight, static controls, first chart),
    from ``--html`` (default ``_build/html``). ``--quick``: no build and no nbval.
    """
    import argparse
    import platform

    ap = argparse.ArgumentParser(description="The book's benchmark")
    ap.add_argument("--live-only", action="store_true")
    ap.add_argument("--static-only", action="store_true")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    html = args.html.resolve()
    report = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {platform.python_version()}, {__import__('os').cpu_count()} cores",
        "goals": GOALS,
    }
    if not args.static_only:
        report["live"] = bench_live()
        report["redraw"] = redraw.measure()
        report["e2e"] = lab_e2e.measure()
    if not args.live_only:
        if not (html / "index.html").is_file():
            raise SystemExit(f"no built book at {html} (make build, or --html DIR)")
        report["static"] = bench_static(html)
        report["static_redraw"] = static_controls.measure_redraw(html)
        report["first_chart"] = static_controls.measure_first_chart(html)
        if not args.quick and not args.static_only:
            report["build"] = bench_build()
            report["nbval"] = bench_nbval()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(report, indent=2))
    (args.out / "report.md").write_text(markdown(report))
    print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
