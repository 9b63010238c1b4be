"""Reading times are computed from each page's text (explainer.book.reading) and stated truly."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from explainer.book import reading

BOOK = ROOT / "book"
CHAPTERS = sorted(p.stem for p in BOOK.glob("[0-9][0-9]_*.ipynb"))


def _notebook(tmp_path, *cells):
    nb = {
        "cells": [
            {
                "cell_type": kind,
                "source": src,
                "metadata": {"tags": tags},
                **({"outputs": []} if kind == "code" else {}),
            }
            for kind, src, tags in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "page.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chapter_states_its_computed_reading_time(name):
    path = BOOK / f"{name}.ipynb"
    text = "\n".join(
        "".join(c["source"])
        for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "markdown"
    )
    found = reading.stated(text)
    kinds = {kind for kind, page, _ in found if page is None}
    assert kinds == {"reading", "exercises"}, f"{name} states no computed reading and exercise times: {found}"
    rt = reading.reading_time(path)
    for kind, page, shown in found:
        if page is None:
            want = rt.reading if kind == "reading" else rt.exercise_minutes
            assert shown == str(want), (
                f"{name}: the {kind} time says {shown} minutes, the formula gives {want} ({rt}); "
                "run python -m explainer.book.reading"
            )


def test_the_instructor_guide_states_every_chapters_times_and_the_formula():
    text = (BOOK / "instructors.md").read_text(encoding="utf-8")
    found = {(kind, page): shown for kind, page, shown in reading.stated(text)}
    for name in CHAPTERS:
        rt = reading.reading_time(BOOK / f"{name}.ipynb")
        assert found.get(("reading", name)) == str(rt.reading), f"the guide's reading time for {name}"
        assert found.get(("exercises", name)) == str(rt.exercise_minutes), f"the guide's exercise time for {name}"
    for stated_rate in (
        f"{reading.WORDS_PER_MINUTE} words a minute",
        f"{reading.MINUTES_PER_CHART} minutes for each chart",
        f"{reading.MINUTES_PER_MODEL} minutes for each formal model",
        f"{reading.MINUTES_PER_EXERCISE} minutes for each exercise",
    ):
        assert stated_rate in text, f"the guide does not state the formula's rate: {stated_rate!r}"


def test_words_solutions_and_python_boxes(tmp_path):
    body = " ".join(["word"] * 360)
    path = _notebook(
        tmp_path,
        ("markdown", "Hidden start cell " + body, ["remove-cell"]),
        ("markdown", "## Model A: something\n\n" + body, []),
        ("code", "panel(charts.a())\npanel(charts.b())", ["hide-input"]),
        (
            "markdown",
            "```{exercise} Static\n:label: ex-a\n\nfour words in here\n```\n\n"
            "````{solution} ex-a\n:class: dropdown\n\n" + body + "\n\n```{admonition} With Python (Binder)\n"
            ":class: dropdown with-python\n\n    code\n```\n````\n\n"
            "```{exercise} With Python (Binder): extension\n:label: ex-b\n\n" + body + "\n```\n\n"
            "## What the model leaves out\n\n[a link](https://example.org/long/url) <!--n:x-->3<!--/n-->",
            [],
        ),
    )
    rt = reading.reading_time(path)
    # 360 + "Model A something" (3) + "Static" + "four words in here" (5) + "What the model leaves out" (5)
    # + "a link" (2) + "3" (1); never the solution, the Python exercise, the hidden cell or the URL
    assert rt.words == 360 + 3 + 5 + 5 + 2 + 1
    assert (rt.charts, rt.models, rt.exercises, rt.python_exercises) == (2, 1, 1, 1)
    raw = rt.words / reading.WORDS_PER_MINUTE + 2 * reading.MINUTES_PER_CHART + reading.MINUTES_PER_MODEL
    assert rt.reading % reading.ROUND_TO == 0 and raw <= rt.reading < raw + reading.ROUND_TO
    assert rt.exercise_minutes == reading.MINUTES_PER_EXERCISE


def test_more_words_take_longer(tmp_path):
    short = reading.reading_time(_notebook(tmp_path, ("markdown", "word " * 100, [])))
    long = reading.reading_time(_notebook(tmp_path, ("markdown", "word " * 5000, [])))
    assert short.reading == reading.ROUND_TO and long.reading > short.reading


def test_refresh_writes_the_computed_times(tmp_path):
    path = _notebook(
        tmp_path,
        (
            "markdown",
            "**Reading time:** about <!--rt:reading-->1<!--/rt--> min, plus <!--rt:exercises-->9<!--/rt-->",
            [],
        ),
        ("markdown", "word " * 2000, []),
    )
    assert reading.refresh(path, tmp_path)
    rt = reading.reading_time(path)
    text = "".join(json.loads(path.read_text())["cells"][0]["source"])
    assert f"<!--rt:reading-->{rt.reading}<!--/rt-->" in text and "<!--rt:exercises-->0<!--/rt-->" in text
    assert not reading.refresh(path, tmp_path)
