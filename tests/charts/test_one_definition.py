"""The house rules of "one chart, one definition", checked over the source tree.

* No second builder: the live panels are one generic class over a Chart (``widgets/_panel.py``);
  no chart module keeps Plotly sliders or buttons, and only the panel makes a FigureWidget.
* Public plotly API only: nothing in ``src/`` subclasses a plotly figure or touches a private
  attribute that the package does not define itself.
* The runtime that readers import needs none of the book's machinery.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "explainer"
RUNTIME = ["data", "models", "figures", "widgets", "theme"]


def _py(folder: Path = SRC) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_widgets_hold_one_generic_panel_and_no_chart_of_their_own():
    names = sorted(p.name for p in (SRC / "widgets").glob("*.py"))
    assert names == ["__init__.py", "_panel.py"], names


def test_no_chart_keeps_plotly_sliders_buttons_or_a_figure_widget():
    for path in _py(SRC / "figures") + _py(SRC / "widgets"):
        text = path.read_text(encoding="utf-8")
        for banned in ("sliders=", "updatemenus", "add_static_slider", "layout.sliders"):
            assert banned not in text, f"{path.relative_to(SRC)} uses {banned!r}"
        if path.name != "_panel.py":
            assert "FigureWidget(" not in text, f"{path.relative_to(SRC)} makes its own FigureWidget"


def _own_private_names() -> set[str]:
    names: set[str] = set()
    for path in _py():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__slots__" for t in node.targets):
                names.update(c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant))
            elif isinstance(node, ast.alias):
                names.add(node.asname or node.name.split(".")[-1])
    return {n for n in names if n.startswith("_")}


def test_no_private_attribute_of_a_library_is_used():
    own = _own_private_names()
    for path in _py():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(b) for b in node.bases}
                assert not any("Figure" in b for b in bases), f"{path.name}: {node.name} subclasses {bases}"
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                assert node.attr in own, (
                    f"{path.relative_to(SRC)}:{node.lineno} uses the private attribute "
                    f"{node.attr!r} of something the package does not define"
                )


def test_the_runtime_imports_no_book_machinery():
    code = (
        "import sys; import explainer.data, explainer.models, explainer.figures, explainer.widgets, explainer.theme;"
        "import explainer.models.decision_rules, explainer.figures.decision_rules;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'sphinx', 'myst_nb', 'myst_parser', 'playwright', 'docutils', 'jupyter_book', 'pypdf'} "
        "or m.startswith('explainer.book'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_importing_the_runtime_changes_no_global_plotly_state():
    code = (
        "import plotly.io as pio; before = (pio.templates.default, pio.renderers.default);"
        "import explainer.figures, explainer.widgets, explainer.models, explainer.data, explainer.theme;"
        "import explainer.figures.decision_rules;"
        "import sys; sys.exit(0 if (pio.templates.default, pio.renderers.default) == before else 1)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
