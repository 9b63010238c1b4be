"""Shared fixtures: the built book, a local HTTP server for it, and headless Chromium.

The book is built once per test session with warnings as errors (``-n -W --keep-going``), the
same gate the README's build uses. Set ``EXPLAINER_SKIP_BUILD=1`` to test an existing
``_build/html`` without rebuilding (handy while writing browser tests).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests run on a shared 2-core machine beside a book build: no per-example deadline
# (timings are the benchmark's business), and a failing example is printed for reproduction.
settings.register_profile("book", deadline=None, print_blob=True)
settings.load_profile("book")

ROOT = Path(__file__).resolve().parents[1]
#: Where the book is built. EXPLAINER_BUILD_DIR lets several authors build side by side.
BUILD = Path(os.environ.get("EXPLAINER_BUILD_DIR", ROOT / "_build"))
HTML = BUILD / "html"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def notebook_cells(path: Path) -> list[dict]:
    """A notebook's cells, each source one string. Read as JSON, not with nbformat: its validator
    costs each test process some 4 s of imports (jsonschema's URI grammar), a tenth of ``make check``."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        {**c, "source": "".join(c["source"]) if isinstance(c["source"], list) else c["source"]} for c in nb["cells"]
    ]


def chromium_path() -> str | None:
    """Debian's Chromium if present (Playwright's own browser download does not work here)."""
    env = os.environ.get("EXPLAINER_CHROMIUM")
    if env:
        return env
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def book_build() -> subprocess.CompletedProcess:
    """Build the book with warnings as errors, once per session; return the finished process."""
    if os.environ.get("EXPLAINER_SKIP_BUILD") == "1":
        assert (HTML / "index.html").is_file(), "EXPLAINER_SKIP_BUILD=1 but _build/html is missing"
        return subprocess.CompletedProcess(args=[], returncode=0, stdout="skipped", stderr="")
    # the README's build command: the book, its handouts and the student edition under student/
    cmd = [sys.executable, "-m", "explainer.book.build", "--out", str(BUILD)]
    built = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=3600)
    return built


@pytest.fixture(scope="session")
def built_book(book_build: subprocess.CompletedProcess) -> Path:
    """The built HTML folder; fails with the build's log if the strict build failed."""
    if book_build.returncode != 0:
        pytest.fail("strict book build failed:\n" + book_build.stdout[-6000:] + book_build.stderr[-4000:])
    return HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(built_book: Path):
    """Serve the built book on 127.0.0.1 (a free port) for the browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by Playwright (Debian's binary where present)."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        pytest.fail(
            "Chromium not found: install Debian's chromium (apt-get install chromium) "
            "or set EXPLAINER_CHROMIUM to a Chromium binary"
        )
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def toc_pages() -> list[str]:
    """Every page in ``_toc.yml`` as a path relative to the site root (e.g. ``book/intro.html``)."""
    from explainer.book.citation import toc_files

    return [f"{f}.html" for f in toc_files(ROOT)]


def html_pages(root: Path) -> list[Path]:
    """Every content page of the built book (not Sphinx's search and index pages)."""
    skip = {"search.html", "genindex.html", "index.html"}
    return sorted(
        p for p in root.rglob("*.html") if p.name not in skip and "_static" not in p.parts and "_sources" not in p.parts
    )


def start_lab(root: Path, home: Path) -> tuple[subprocess.Popen, str, str]:
    """JupyterLab on 127.0.0.1 (a free port, a fresh token) serving ``root``, with its settings in
    ``home`` and the app exposed to page scripts; returns the process, base URL and token. Used by
    the JupyterLab tests and by the benchmark's end-to-end part."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "ws"),
    }
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "jupyter"),
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            "--ServerApp.root_dir=" + str(root),
            "--LabApp.expose_app_in_browser=True",
            "--allow-root",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline and proc.poll() is None:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            return proc, base, token
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("JupyterLab did not start:\n" + (proc.stdout.read() if proc.stdout else ""))


def stop_lab(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
