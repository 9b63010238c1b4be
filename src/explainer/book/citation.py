"""Ready-made citations of the book and of each chapter, from ``CITATION.cff`` and ``_toc.yml``.

Used by the "How to cite" page, so the citations follow the table of contents and the chapters'
own titles.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import yaml


def find_root(start: Path | None = None) -> Path:
    """The book's repository: the first folder, from ``start`` (the working directory) upwards,
    that holds ``_toc.yml`` and ``CITATION.cff``; a notebook runs from ``book/``, so a reader's
    copy in Binder finds it as the book build does. Falls back to the source tree this module
    sits in (an editable install)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_toc.yml").is_file() and (folder / "CITATION.cff").is_file():
            return folder
    return Path(__file__).resolve().parents[3]


ROOT = find_root()


def metadata(root: Path = ROOT) -> dict:
    """The book's citation metadata (``CITATION.cff``)."""
    return yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))


def toc_files(root: Path = ROOT) -> list[str]:
    """Every file in ``_toc.yml`` (without suffix), in reading order; in the student edition
    (``EXPLAINER_STUDENT_EDITION=1``) without the instructor pages."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    if os.environ.get("EXPLAINER_STUDENT_EDITION") == "1":
        from .build import INSTRUCTOR_PAGES

        files = [f for f in files if not f.startswith(INSTRUCTOR_PAGES)]
    return files


def page_title(path: Path) -> str:
    """The first level-one heading of a notebook or Markdown page."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, flags=re.M)
    if not match:
        raise ValueError(f"{path.name}: no level-one heading to use as its title")
    return match.group(1).strip()


def _authors(meta: dict) -> str:
    return ", ".join(a.get("name") or f"{a.get('family-names')}, {a.get('given-names')}" for a in meta["authors"])


def book_citation(root: Path = ROOT) -> str:
    """The book's citation as Markdown (author–date text and BibTeX)."""
    meta = metadata(root)
    year = str(meta["date-released"])[:4]
    url = meta["repository-code"]
    text = (
        f"{_authors(meta)} ({year}). *{meta['title']}* (version {meta['version']}). "
        f"{url}. Text and figures CC BY 4.0; code MIT."
    )
    bib = (
        f"@book{{explainer{year},\n  author = {{{{{_authors(meta)}}}}},\n  title = {{{meta['title']}}},\n"
        f"  year = {{{year}}},\n  edition = {{{meta['version']}}},\n  url = {{{url}}}\n}}"
    )
    return f"**The book.** {text}\n\n```bibtex\n{bib}\n```"


def _branch(root: Path) -> str:
    """The repository branch named in ``_config.yml`` (``main`` if none)."""
    import yaml

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return str((config.get("repository") or {}).get("branch") or "main")


def chapter_citations(root: Path = ROOT) -> str:
    """One citation per page of the book, as a Markdown list."""
    meta = metadata(root)
    year = str(meta["date-released"])[:4]
    lines = []
    for file in toc_files(root):
        path = next((root / f"{file}{s}" for s in (".ipynb", ".md") if (root / f"{file}{s}").exists()), None)
        if path is None:
            raise FileNotFoundError(f"{file} is in _toc.yml but has no .ipynb or .md file")
        title = page_title(path)
        source = f"{meta['repository-code']}/blob/{_branch(root)}/{path.relative_to(root).as_posix()}"
        lines.append(
            f'- {_authors(meta)} ({year}). "{title}". In *{meta["title"]}* '
            f"(version {meta['version']}). {source} (on the book's website: `{file}.html`)."
        )
    return "\n".join(lines)
