"""Reading times, computed from each page's text, so that they stay true when the text changes.

The formula, stated in the instructor guide:

* the words a student reads (the page's Markdown, without solutions, optional Python boxes,
  markup, link targets and the JupyterLab-only start cell) at :data:`WORDS_PER_MINUTE`;
* plus :data:`MINUTES_PER_CHART` for each chart shown (moving its controls and reading it);
* plus :data:`MINUTES_PER_MODEL` for each formal model (a ``##`` section whose heading names a
  model, as "Model A: ..." or "A model of the chain");
* rounded up to the next five minutes.

The exercises' time is :data:`MINUTES_PER_EXERCISE` for each exercise that works on the page
itself (exercises "With Python (Binder)" are optional extensions and not counted).

A page states its times between comments, like the computed numbers of :mod:`explainer.numbers`::

    **Reading time:** about <!--rt:reading-->45<!--/rt--> minutes, plus <!--rt:exercises-->30<!--/rt--> ...

and the instructor guide states every chapter's as ``<!--rt:reading:04_core_deal-->``.
``python -m explainer.book.reading`` writes the computed values; ``tests/text/test_reading_times.py``
fails when the stated and the computed times differ.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

WORDS_PER_MINUTE = 180
MINUTES_PER_CHART = 3
MINUTES_PER_MODEL = 8
MINUTES_PER_EXERCISE = 10
ROUND_TO = 5

#: A stated time: ``<!--rt:reading-->45<!--/rt-->`` or ``<!--rt:exercises:04_core_deal-->30<!--/rt-->``.
STATED = re.compile(r"<!--rt:(reading|exercises)(?::([\w-]+))?-->(.*?)<!--/rt-->")

_FENCE = re.compile(r"^(`{3,})\{(\w[\w-]*)\}([^\n]*)\n(.*?)^\1[ \t]*$\n?", re.M | re.S)
_PYTHON_TITLE = re.compile(r"^\s*With Python \(Binder\)")
_OPTION = re.compile(r"^:[\w-]+:.*$", re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*)(?:<[^`]*>)?`")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+(?:['’\-.,][^\W_]+)*")
_MODEL_HEADING = re.compile(r"^##\s+(?!.*leaves? out).*\bmodel\b", re.I | re.M)


@dataclass(frozen=True)
class ReadingTime:
    """What a page's reading time is computed from, and the result in minutes."""

    words: int
    charts: int
    models: int
    exercises: int
    python_exercises: int

    @property
    def reading(self) -> int:
        """Minutes to read the page, its charts and its models, rounded up to five."""
        raw = self.words / WORDS_PER_MINUTE + self.charts * MINUTES_PER_CHART + self.models * MINUTES_PER_MODEL
        return max(ROUND_TO, math.ceil(raw / ROUND_TO) * ROUND_TO)

    @property
    def exercise_minutes(self) -> int:
        """Minutes for the exercises that work on the page itself."""
        return self.exercises * MINUTES_PER_EXERCISE


def _is_python_box(kind: str, title: str, body: str) -> bool:
    if _PYTHON_TITLE.match(title):
        return True
    return kind == "admonition" and "with-python" in body.split("\n\n", 1)[0]


def readable_text(markdown: str) -> tuple[str, int, int]:
    """The text a student reads in ``markdown``; with the counts of exercises on the page and of
    exercises "With Python (Binder)"."""
    exercises = python = 0

    def one(m: re.Match) -> str:
        nonlocal exercises, python
        kind, title, body = m.group(2), m.group(3).strip(), m.group(4)
        if kind == "exercise":
            if _PYTHON_TITLE.match(title):
                python += 1
                return ""
            exercises += 1
        if kind == "solution" or _is_python_box(kind, title, body):
            return ""
        return title + "\n" + _FENCE.sub(one, body)

    text = _FENCE.sub(one, markdown)
    text = _OPTION.sub("", text)
    text = _COMMENT.sub("", text)
    text = _LINK_TARGET.sub("]", text)
    text = _ROLE.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = re.sub(r"^ {4,}\S.*$", "", text, flags=re.M)  # indented code
    return text, exercises, python


def _cells(path: Path) -> list[dict]:
    if path.suffix == ".md":
        return [{"cell_type": "markdown", "source": path.read_text(encoding="utf-8"), "metadata": {}}]
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def reading_time(path: Path | str) -> ReadingTime:
    """The reading time of the page at ``path`` (a chapter notebook or a Markdown page)."""
    path = Path(path)
    words = charts = models = exercises = python = 0
    for cell in _cells(path):
        if "remove-cell" in cell.get("metadata", {}).get("tags", []):
            continue
        source = _source(cell)
        if cell["cell_type"] == "code":
            charts += len(re.findall(r"\bpanel\(", source))
            continue
        if cell["cell_type"] != "markdown":
            continue
        models += len(_MODEL_HEADING.findall(source))
        text, n_ex, n_py = readable_text(source)
        words += len(_WORD.findall(text))
        exercises += n_ex
        python += n_py
    return ReadingTime(words, charts, models, exercises, python)


def stated(text: str) -> list[tuple[str, str | None, str]]:
    """The reading times stated in ``text``: ``(kind, page or None, shown text)``."""
    return [(m.group(1), m.group(2), m.group(3)) for m in STATED.finditer(text)]


def fill(text: str, own: ReadingTime | None, book: Path) -> str:
    """``text`` with every stated time replaced by the computed one (its own page's, or the page
    it names)."""

    def one(m: re.Match) -> str:
        kind, page = m.group(1), m.group(2)
        if page is None and own is None:
            raise ValueError(f"a page-less reading time {m.group(0)!r} outside a chapter")
        rt = own if page is None else reading_time(_page_file(book, page))
        value = rt.reading if kind == "reading" else rt.exercise_minutes
        name = kind + (f":{page}" if page else "")
        return f"<!--rt:{name}-->{value}<!--/rt-->"

    return STATED.sub(one, text)


def _page_file(book: Path, stem: str) -> Path:
    for suffix in (".ipynb", ".md"):
        if (book / f"{stem}{suffix}").is_file():
            return book / f"{stem}{suffix}"
    raise FileNotFoundError(f"no page {stem}.ipynb or {stem}.md in {book}")


def refresh(path: Path, book: Path) -> bool:
    """Write the computed reading times into the page at ``path``; return whether it changed."""
    path = Path(path)
    if path.suffix == ".md":
        text = path.read_text(encoding="utf-8")
        own = reading_time(path) if STATED.search(text) and "<!--rt:reading-->" in text else None
        new = fill(text, own, book)
        if new != text:
            path.write_text(new, encoding="utf-8")
        return new != text
    nb = json.loads(path.read_text(encoding="utf-8"))
    own = reading_time(path)
    changed = False
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = _source(cell)
        new = fill(text, own, book)
        if new != text:
            cell["source"], changed = new.splitlines(True), True
    if changed:
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    """``python -m explainer.book.reading [book/]``: write every page's computed reading times."""
    args = sys.argv[1:] if argv is None else argv
    book = Path(args[0] if args else "book")
    for path in sorted([*book.glob("*.ipynb"), *book.glob("*.md")]):
        if refresh(path, book):
            print(f"updated {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
