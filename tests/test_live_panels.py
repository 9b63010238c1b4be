"""Every live panel: its fast in-place path draws exactly what plotly's validated path draws.

A panel's ``update`` runs on :class:`explainer.widgets.FigureEdits`, which records the assignments
and sends them in one ``plotly_update`` without plotly's per-property validation (that is what
makes a slider move cheap). These tests keep the validation, once per setting: for several
settings of every control, the FigureWidget after the fast path must serialise to the same JSON
as a fresh ``go.Figure`` that went through ``update`` with validation on.
"""

from __future__ import annotations

import json
import math

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from explainer.widgets import FigureEdits, LivePanel, panel_functions
from explainer.widgets import argument, core_deal, decision_rules, deterrence, periphery, poland

PANELS = {
    "decision_rules.panel": lambda: decision_rules.panel(mean_days=21.75),
    "deterrence.panel": deterrence.panel,
    "poland.panel": poland.panel,
    "core_deal.race_panel": core_deal.race_panel,
    "core_deal.bargain_panel": core_deal.bargain_panel,
    "periphery.sequencing_panel": periphery.sequencing_panel,
    "periphery.spoilers_panel": periphery.spoilers_panel,
    "argument.panel": argument.panel,
}


def test_the_list_holds_every_panel_the_package_defines():
    assert set(panel_functions()) == set(PANELS)


def _random_setting(panel: LivePanel, rng: np.random.Generator) -> dict:
    values = {}
    for name, w in panel.controls.items():
        if hasattr(w, "options") and w.options:
            opts = [o[1] if isinstance(o, tuple) else o for o in w.options]
            values[name] = opts[rng.integers(len(opts))]
        else:
            k = rng.integers(0, int(round((w.max - w.min) / w.step)) + 1)
            v = min(w.min + k * w.step, w.max)
            values[name] = int(v) if isinstance(w.value, int) else float(v)
    return values


def _plain(fig: go.Figure) -> dict:
    """The figure as the front end receives it: JSON, numbers rounded to 12 significant digits."""
    def norm(x):
        if isinstance(x, float):
            return float(f"{x:.12g}") if math.isfinite(x) else str(x)
        if isinstance(x, list):
            return [norm(v) for v in x]
        if isinstance(x, dict):
            return {k: norm(v) for k, v in x.items()}
        return x
    d = fig.to_dict()
    return norm(json.loads(pio.to_json({"data": d["data"], "layout": d["layout"]}, validate=False,
                                       engine="json")))


@pytest.mark.parametrize("name", sorted(PANELS))
def test_fast_path_draws_what_the_validated_path_draws(name):
    panel = PANELS[name]()
    rng = np.random.default_rng(2026)
    for _ in range(4):
        setting = _random_setting(panel, rng)
        for control, value in setting.items():
            panel.controls[control].value = value  # each move runs the fast path
        expected = panel.build()
        panel._update(expected, **panel.values())  # plotly validates every assignment here
        assert _plain(panel.figure) == _plain(expected), f"{name} at {setting}"


def _arrays(x):
    if isinstance(x, np.ndarray):
        yield x
    elif isinstance(x, (list, tuple)):
        for v in x:
            yield from _arrays(v)
    elif isinstance(x, dict):
        for v in x.values():
            yield from _arrays(v)


@pytest.mark.parametrize("name", sorted(PANELS))
def test_each_slider_move_sends_at_most_one_message_the_kernel_can_send(name, monkeypatch):
    panel = PANELS[name]()
    sent = []
    monkeypatch.setattr(panel.figure, "_send_update_msg", lambda **k: sent.append(k))
    for widget in panel.controls.values():
        if hasattr(widget, "options"):
            continue
        before = len(sent)
        widget.value = widget.max if widget.value != widget.max else widget.min
        assert len(sent) <= before + 1  # none when the figure does not change (a cap that never binds)
    assert len(sent) >= len(panel.controls) // 2
    for message in sent:
        for array in _arrays(message):  # sent as binary buffers, which must be contiguous
            assert array.flags.c_contiguous, f"{name} sends a non-contiguous array"


@pytest.mark.parametrize("name", sorted(PANELS))
def test_each_slider_move_is_one_widget_message_carrying_its_edit_ids(name, monkeypatch):
    """What actually leaves the kernel: one state message per move, with the update and both edit
    ids in it (plotly's own FigureWidget sends four)."""
    panel = PANELS[name]()
    messages = []
    monkeypatch.setattr(panel.figure, "_send", lambda msg, buffers=None: messages.append(msg))
    moved = 0
    for widget in panel.controls.values():
        if hasattr(widget, "options"):
            continue
        before, trace_id = len(messages), panel.figure._last_trace_edit_id
        widget.value = widget.max if widget.value != widget.max else widget.min
        if panel.figure._last_trace_edit_id == trace_id:  # the figure did not change
            assert len(messages) == before
            continue
        moved += 1
        assert len(messages) == before + 1, f"{name}: {len(messages) - before} messages for one move"
        state = messages[-1]["state"]
        assert set(state) == {"_py2js_update", "_last_trace_edit_id", "_last_layout_edit_id"}
        update = state["_py2js_update"]
        assert update["trace_edit_id"] == state["_last_trace_edit_id"] == panel.figure._last_trace_edit_id
        assert update["layout_edit_id"] == state["_last_layout_edit_id"] == panel.figure._last_layout_edit_id
    assert moved >= len(panel.controls) // 2


def test_edits_refuse_what_they_cannot_send():
    edits = FigureEdits()
    with pytest.raises(TypeError, match=r"may only assign properties; it called xaxis.update"):
        edits.layout.xaxis.update(range=[0, 1])
    edits = FigureEdits()
    edits.data[3].y = [1, 2]
    with pytest.raises(IndexError, match="trace 3; the figure has 1 traces"):
        edits.apply(go.Figure(go.Scatter(y=[0, 0])))


def test_edits_leave_untouched_traces_alone():
    fig = go.Figure([go.Scatter(y=[0, 0], name="a"), go.Scatter(y=[5, 5], name="b")])
    edits = FigureEdits()
    edits.data[1].y = [1, 2]
    edits.data[1].line.color = "red"
    edits.layout.title.text = "t"
    edits.apply(fig)
    assert list(fig.data[0].y) == [0, 0] and fig.data[0].line.color is None
    assert list(fig.data[1].y) == [1, 2] and fig.data[1].line.color == "red"
    assert fig.layout.title.text == "t"


def test_chapter_1_panel_recomputes_the_pass_curves_only_when_their_sliders_move(monkeypatch):
    from explainer.models import decision_rules as dr

    panel = PANELS["decision_rules.panel"]()
    calls = []
    real = dr.pass_curve
    monkeypatch.setattr(dr, "pass_curve", lambda *a, **k: calls.append(len(a[1])) or real(*a, **k))
    for name in ("members", "mean_days", "holdouts", "holdout_delay"):
        w = panel.controls[name]
        w.value = w.max if w.value != w.max else w.min
    assert all(n == 1 for n in calls)  # only the one-size consensus point in the title
    panel.controls["accept"].value = 0.9 if panel.controls["accept"].value != 0.9 else 0.8
    assert sum(n == len(decision_rules.SIZES) for n in calls) == 3  # the three curves, once
    expected = [real(panel.controls["accept"].value, decision_rules.SIZES, rule,
                     panel.controls["correlation"].value) for rule in dr.RULES]
    assert all(np.array_equal(panel.figure.data[i].y, y) for i, y in enumerate(expected))
