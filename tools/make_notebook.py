"""Write a chapter notebook from a plain Python list of cells (used once per chapter by authors).

Usage from a chapter's generator script::

    from make_notebook import md, code, write
    write("book/01_decision_rules.ipynb", [md("# Title"), code("x = 1", tags=["remove-cell"])])

The notebook is written without outputs, with the Python 3 kernel, ready for JupyterLab and the
book build. Authors may also edit the .ipynb directly in JupyterLab; this helper is a convenience.
"""

from __future__ import annotations

import textwrap

import nbformat


def md(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(textwrap.dedent(text).strip("\n"))


def code(text: str, tags: list[str] | None = None) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(textwrap.dedent(text).strip("\n"))
    if tags:
        cell.metadata["tags"] = tags
    return cell


def write(path: str, cells: list[nbformat.NotebookNode]) -> None:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
    nbformat.validate(nb)
    nbformat.write(nb, path)
