"""Two clean builds of the same commit give byte-identical pages.

The session's build (``book_build``) is compared with a second clean build of a copy of the
book's sources in another folder: every HTML page, every recorded scenario file and the search
index must be the same bytes. Chart ids are derived from the chart's name or content, and no page
carries a build-time stamp.
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


def test_a_second_clean_build_is_byte_identical(built_book, tmp_path):
    copy = tmp_path / "book-copy"
    copy.mkdir()
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, copy / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        else:
            shutil.copy(src, copy / name)
    jb = str(Path(sys.executable).parent / "jupyter-book")
    built = subprocess.run(
        [jb, "build", str(copy), "-n", "-W", "--keep-going"], cwd=copy, capture_output=True, text=True, timeout=1800
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    first, second = _pages(built_book), _pages(copy / "_build" / "html")
    assert set(first) == set(second), sorted(set(first) ^ set(second))[:10]
    differ = sorted(name for name in first if first[name] != second[name])
    assert not differ, f"{len(differ)} files differ between two clean builds, e.g. {differ[:5]}"
