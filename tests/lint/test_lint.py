"""The house stays clean: ruff's lint (with a docstring on every public function, method and class
of the package) and ruff's formatter pass over the whole repository, inside ``make test``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

RUFF = str(Path(sys.executable).parent / "ruff")


def test_ruff_lint_passes():
    out = subprocess.run([RUFF, "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]


def test_ruff_format_is_applied():
    out = subprocess.run([RUFF, "format", "--check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]


def test_lint_checks_public_docstrings():
    """The docstring rule is on: a public function without one is reported."""
    probe = "def public_function():\n    return 1\n"
    out = subprocess.run(
        [RUFF, "check", "--no-cache", "--stdin-filename", "src/explainer/probe.py", "-"],
        cwd=ROOT,
        input=probe,
        capture_output=True,
        text=True,
    )
    assert "D103" in out.stdout, out.stdout
