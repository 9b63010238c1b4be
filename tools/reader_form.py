"""Give every chapter notebook its JupyterLab form (run after editing a notebook's structure).

* A first cell for the JupyterLab reader, removed from the website (tag ``remove-cell``): what
  the chapter shows, to run all cells, and where the live charts are.
* Every solution collapsed until clicked (``:class: dropdown``), in JupyterLab (the MyST
  renderer) and on the website (sphinx-exercise).
* Every code cell the website hides is collapsed in JupyterLab too (``jupyter.source_hidden``).

Usage: ``python tools/reader_form.py book/*.ipynb``. It is idempotent; ``tests/test_numbers.py``
and the JupyterLab tests check the result.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

START_TAG = "reader-start"
HIDDEN_TAGS = {"remove-cell", "remove-input", "hide-input", "hide-cell"}
SHOWS = {
    "01_decision_rules.ipynb": "how NATO decides (consensus) against the EU's qualified majority, how likely a "
    "proposal is to pass under each rule, and how long accession takes when one "
    "member holds out",
    "02_us_drawdown.ipynb": "the US forces in Europe since 1950, and a model of how a drawdown changes the "
    "credibility of Article 5 and an ally's choice between balancing and accommodating",
    "03_poland.ipynb": "Poland's place from Piłsudski's Intermarium to today's front line, its defence spending and "
    "forces, and what a cap on its build-up would cost",
    "04_core_deal.ipynb": "what Russia has deployed in Belarus, and two models of the proposed Poland–Belarus "
    "trade: an arms race and a bargain",
    "05_periphery.ipynb": "how a core deal could spread to the other fronts, how spoilers block or reverse it, and "
    "New START's end",
    "argument_map.ipynb": "the article's argument as a map from premises to its conclusion, and your own "
    "estimate of how likely the pact is",
    "claim_ledger.ipynb": "every claim in the article with its verdict and the chapter that examines it",
    "since_article.ipynb": "what the sources report after the article, and which questions are still open",
}


def start_cell(name: str) -> dict:
    """The JupyterLab reader's first cell for the notebook ``name``."""
    text = (
        f"**Reading this page in JupyterLab.** It shows {SHOWS[name]}. Run all cells first "
        "(menu *Run* → *Run All Cells*): the numbers in the text are already there, and each chart then "
        "appears with its controls above it, live: move a control and the chart and its one-sentence "
        "summary follow. The code that draws the charts is collapsed; click the bar at a cell's left to "
        "open it. Solutions to the exercises stay closed until you click them."
    )
    return {"cell_type": "markdown", "metadata": {"tags": ["remove-cell", START_TAG]}, "source": text.splitlines(True)}


SOLUTION = re.compile(r"^(`{3,}\{solution\}[^\n]*\n)((?::[^\n]*\n)*)", re.M)


def _dropdown(text: str) -> str:
    def one(m: re.Match) -> str:
        opts = m.group(2)
        if ":class:" in opts:
            if "dropdown" not in opts:
                opts = re.sub(r"^:class:\s*(.*)$", r":class: \1 dropdown", opts, flags=re.M)
            return m.group(1) + opts
        return m.group(1) + opts + ":class: dropdown\n"

    return SOLUTION.sub(one, text)


def reader_form(path: Path) -> bool:
    """Apply the three rules to the notebook at ``path``; return whether it changed."""
    before = path.read_text(encoding="utf-8")
    nb = json.loads(before)
    cells = [c for c in nb["cells"] if START_TAG not in c.get("metadata", {}).get("tags", [])]
    if path.name in SHOWS:
        cells.insert(0, start_cell(path.name))
    for cell in cells:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            new = _dropdown(src)
            if new != src:
                cell["source"] = new.splitlines(True)
        elif cell["cell_type"] == "code" and HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            cell["metadata"].setdefault("jupyter", {})["source_hidden"] = True
    nb["cells"] = cells
    after = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        if reader_form(Path(arg)):
            print(f"updated {arg}")
