"""Numbers in the chapters' prose: computed by one function per chapter, readable everywhere.

A number in a chapter's Markdown is written between two HTML comments that name it::

    consensus passes with probability <!--n:p_consensus_32-->37.7%<!--/n--> at 32 members

The comments are invisible on the website, in JupyterLab (with or without the MyST renderer) and
on GitHub, so every reader sees a plain number, before any cell has run. The text between them is
what the chapter's own function (``numbers()`` in the module of this package whose ``NOTEBOOK``
names the chapter) computes for that name, already formatted. ``tests/text/test_numbers.py`` fails,
naming the number and its sentence, when the text and the code disagree, and
``python -m explainer.numbers`` (``make numbers``) writes the computed values into the notebooks.
So the prose and the models cannot drift apart.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
from collections.abc import Callable
from pathlib import Path

#: A marked number: its name and the text shown.
MARK = re.compile(r"<!--n:([A-Za-z_][A-Za-z0-9_]*)-->(.*?)<!--/n-->", re.S)


def registry() -> dict[str, Callable[[], dict[str, str]]]:
    """Every chapter's numbers function, by the page's file name in ``book/`` (``"01_decision_rules.ipynb"``,
    ``"intro.md"``)."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        notebook = getattr(module, "NOTEBOOK", None)
        if notebook is None or not hasattr(module, "numbers"):
            raise ValueError(f"explainer.numbers.{info.name} needs NOTEBOOK and numbers()")
        found[notebook] = module.numbers
    return found


def marked(text: str) -> list[tuple[str, str]]:
    """The marked numbers in ``text``, in order, as ``(name, shown text)``."""
    return [(m.group(1), m.group(2)) for m in MARK.finditer(text)]


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with every marked number replaced by its value.

    Raises
    ------
    KeyError
        If the text marks a name that ``values`` does not hold (the message names it).
    """

    def one(m: re.Match) -> str:
        name = m.group(1)
        if name not in values:
            raise KeyError(f"the text marks the number {name!r}, which the chapter's numbers() does not compute")
        return f"<!--n:{name}-->{values[name]}<!--/n-->"

    return MARK.sub(one, text)


def _markdown_cells(nb: dict) -> list[dict]:
    return [c for c in nb.get("cells", []) if c.get("cell_type") == "markdown"]


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def refresh(path: Path | str, values: dict[str, str] | None = None) -> bool:
    """Write the computed numbers into the notebook at ``path``; return whether it changed."""
    path = Path(path)
    if values is None:
        values = registry()[path.name]()
    if path.suffix == ".md":  # a Markdown page: the whole file is text
        text = path.read_text(encoding="utf-8")
        new = fill(text, values)
        if new != text:
            path.write_text(new, encoding="utf-8")
        return new != text
    nb = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for cell in _markdown_cells(nb):
        text = _source(cell)
        new = fill(text, values)
        if new != text:
            cell["source"] = new.splitlines(True)
            changed = True
    if changed:
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    """``python -m explainer.numbers [book/]``: write every chapter's numbers into its notebook."""
    args = sys.argv[1:] if argv is None else argv
    book = Path(args[0]) if args else Path("book")
    for name, compute in sorted(registry().items()):
        if refresh(book / name, compute()):
            print(f"updated {book / name}")
    return 0
