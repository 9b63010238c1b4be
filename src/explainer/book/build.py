"""The book's one build command: the site, its handouts, and the student edition inside it.

Usage (what ``make build`` runs)::

    python -m explainer.book.build [--out _build] [--no-student]

1. ``jupyter-book build . -n -W --keep-going`` into ``<out>/html`` (every notebook executed);
2. the printable handouts of that edition (:mod:`explainer.book.handouts`);
3. the **student edition**: the same book with every exercise solution left out and without the
   instructor pages (the instructor guide and its per-chapter notes), built with
   ``EXPLAINER_STUDENT_EDITION=1`` and a table of contents without those pages, into
   ``<out>/student/_build/html``, with its own handouts;
4. the student edition copied into the site at ``<out>/html/student/``, so that publishing the
   site publishes both (the instructor guide links to it).

Each step that fails stops the build with its exit status.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

#: Pages that only instructors get: left out of the student edition's table of contents and files.
INSTRUCTOR_PAGES = ("book/instructors", "book/instructor_notes/")
#: Where the student edition sits inside the published site.
STUDENT_DIR = "student"


def _is_instructor_page(entry: object) -> bool:
    return isinstance(entry, dict) and str(entry.get("file", "")).startswith(INSTRUCTOR_PAGES)


def _without_instructor_pages(node: object) -> object:
    if isinstance(node, list):
        return [_without_instructor_pages(e) for e in node if not _is_instructor_page(e)]
    if isinstance(node, dict):
        return {k: _without_instructor_pages(v) for k, v in node.items()}
    return node


def student_toc(root: Path, target: Path) -> Path:
    """Write the student edition's table of contents (``_toc.yml`` without the instructor pages)
    to ``target``; return it."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(_without_instructor_pages(toc), sort_keys=False, allow_unicode=True), "utf-8")
    return target


def _run(cmd: list[str], root: Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(cmd), flush=True)
    done = subprocess.run(cmd, cwd=root, env=env)
    if done.returncode != 0:
        raise SystemExit(done.returncode)


def _jupyter_book() -> str:
    return str(Path(sys.executable).parent / "jupyter-book")


def build(root: Path, out: Path, student: bool = True) -> Path:
    """Build the site into ``out/html`` (and its student edition into ``out/html/student``)."""
    root, out = root.resolve(), out.resolve()
    cmd = [_jupyter_book(), "build", str(root), "-n", "-W", "--keep-going"]
    if out != root / "_build":
        cmd += ["--path-output", str(out.parent)]
    if out.name != "_build":
        raise SystemExit(f"--out must be a folder named _build (jupyter-book writes there), not {out}")
    _run(cmd, root)
    html = out / "html"
    _run([sys.executable, "-m", "explainer.book.handouts", str(html)], root)
    if student:
        edition = out / "student"
        toc = student_toc(root, out / "student_toc.yml")
        env = {**os.environ, "EXPLAINER_STUDENT_EDITION": "1"}
        _run(
            [_jupyter_book(), "build", str(root), "--toc", str(toc), "--path-output", str(edition)]
            + ["-n", "-W", "--keep-going"],
            root,
            env,
        )
        student_html = edition / "_build" / "html"
        _run([sys.executable, "-m", "explainer.book.handouts", str(student_html)], root, env)
        target = html / STUDENT_DIR
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(student_html, target, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))
    return html


def main(argv: list[str] | None = None) -> int:
    """``python -m explainer.book.build [--out _build] [--no-student]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="_build", help="the build folder (default: _build)")
    parser.add_argument("--no-student", action="store_true", help="skip the student edition")
    args = parser.parse_args(argv)
    root = Path.cwd()
    html = build(root, root / args.out if not Path(args.out).is_absolute() else Path(args.out), not args.no_student)
    print(f"The book: {html / 'index.html'}")
    if not args.no_student:
        print(f"The student edition: {html / STUDENT_DIR / 'index.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
