"""Two clean builds of the same commit give byte-identical pages.

Two copies of the book's sources, in two folders, are each built from nothing: every HTML page,
every recorded scenario file and the search index must be the same bytes. Chart ids are derived
from the chart's name or content, and no page carries a build-time stamp. (An incremental build
differs from a clean one in ways Sphinx owns, e.g. its ``?v=`` asset stamps and the search index,
so the session's own build, which may be incremental, is not the reference.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = [pytest.mark.build, pytest.mark.slow]

SOURCES = ["_config.yml", "_toc.yml", "book", "data"]


def _pages(html: Path) -> dict[str, bytes]:
    files = [*html.rglob("*.html"), *(html / "_scenarios").glob("*.json"), html / "searchindex.js"]
    return {str(f.relative_to(html)): f.read_bytes() for f in files if f.is_file()}


def _clean_build(folder: Path) -> Path:
    folder.mkdir()
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, folder / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        else:
            shutil.copy(src, folder / name)
    jb = str(Path(sys.executable).parent / "jupyter-book")
    built = subprocess.run(
        [jb, "build", str(folder), "-n", "-W", "--keep-going"], cwd=folder, capture_output=True, text=True, timeout=1800
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return folder / "_build" / "html"


def test_two_clean_builds_are_byte_identical(tmp_path):
    first, second = _pages(_clean_build(tmp_path / "one")), _pages(_clean_build(tmp_path / "two"))
    assert set(first) == set(second), sorted(set(first) ^ set(second))[:10]
    assert any(name.startswith("_scenarios/") for name in first), "no recorded scenarios were compared"
    differ = sorted(name for name in first if first[name] != second[name])
    assert not differ, f"{len(differ)} files differ between two clean builds, e.g. {differ[:5]}"
