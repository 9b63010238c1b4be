"""Every chart in the book, from one registry: defined once, drawn the same by both front ends.

For each chart that :func:`explainer.figures.chart_factories` finds:

* the static page's recording, replayed at sampled grid points onto the default figure, gives
  exactly the figure and the sentence that ``update`` draws there (the static page replays the
  live panel's own update, so the two cannot drift apart);
* the live panel, moved control by control, shows what ``update`` draws (plotly's public
  ``batch_update`` on a ``go.FigureWidget``);
* names are unique, every control's default is a grid value, and every text is there.
"""

from __future__ import annotations

import inspect
import json
import math

import numpy as np
import plotly.graph_objects as go
import pytest
from chart_args import ARGS

from explainer.figures import CHART_MIME, Chart, chart_factories
from explainer.widgets import LivePanel

FACTORIES = chart_factories()


def make(key: str) -> Chart:
    fn = FACTORIES[key]
    params = inspect.signature(fn).parameters
    kwargs = {}
    for name, p in params.items():
        if p.default is not inspect.Parameter.empty:
            continue
        assert name in ARGS, f"{key}: no test argument for parameter {name!r}; add it to tests/charts/chart_args.py"
        kwargs[name] = ARGS[name]()
    chart = fn(**kwargs)
    assert isinstance(chart, Chart), f"{key} returned {type(chart).__name__}, not a Chart"
    return chart


def _norm(x, digits=5):
    """A figure's JSON with numbers to ``digits`` significant digits (the recording keeps 6)."""
    if isinstance(x, bool) or x is None:
        return x
    if isinstance(x, (int, float)):
        return float(f"{x:.{digits}g}") if math.isfinite(x) else None
    if isinstance(x, list):
        return [_norm(v, digits) for v in x]
    if isinstance(x, dict):
        if set(x) == {"dtype", "bdata"} or set(x) == {"dtype", "bdata", "shape"}:
            from plotly.io._json import from_json_plotly  # noqa: F401  (only to be sure plotly reads it)

            return _norm(_decode(x), digits)
        return {k: _norm(v, digits) for k, v in x.items()}
    return x


def _decode(spec: dict) -> list:
    import base64

    arr = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.dtype(spec["dtype"]))
    if "shape" in spec:
        arr = arr.reshape([int(s) for s in str(spec["shape"]).split(",")])
    return arr.tolist()


def _figure_json(fig: go.Figure) -> dict:
    return _norm(json.loads(fig.to_json()), digits=15)


def _close(a, b, path="figure") -> None:
    """Assert that two figures' JSON agree: the same structure and text, and numbers within the
    recording's precision (6 significant digits)."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert set(a) == set(b), f"{path}: keys differ: {sorted(set(a) ^ set(b))}"
        for k in a:
            _close(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), f"{path}: lengths {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            _close(x, y, f"{path}[{i}]")
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        assert math.isclose(a, b, rel_tol=2e-5, abs_tol=1e-12), f"{path}: {a} != {b}"
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def _sample(points: list, k: int = 10) -> list[int]:
    n = len(points)
    return sorted({0, n - 1, *np.linspace(0, n - 1, min(n, k)).round().astype(int).tolist()})


def test_the_registry_finds_every_chart_and_names_are_unique():
    assert len(FACTORIES) >= 10
    names = [make(k).name for k in FACTORIES]
    assert len(set(names)) == len(names), names


@pytest.mark.parametrize("key", sorted(FACTORIES))
def test_chart_has_its_texts_and_a_valid_static_form(key):
    chart = make(key)
    assert chart.title and chart.source and chart.sentence()
    spec = chart.static_spec()
    json.dumps(spec, allow_nan=False)  # what the page carries is plain JSON
    assert spec["name"] == chart.name
    assert not spec["figure"]["layout"].get("title", {}).get("text"), "the title is page text, not a Plotly title"
    assert not spec["figure"]["layout"].get("sliders"), "no Plotly slider: the page has native controls"
    for c in chart.static_controls():
        assert c.grid_index(c.default) >= 0


@pytest.mark.parametrize("key", sorted(k for k in FACTORIES if make(k).static_controls()))
def test_recording_replays_what_update_draws(key):
    chart = make(key)
    rec = chart.record()
    points = chart.grid_points()
    assert len(rec["frames"]) == len(points)
    pool = rec["pool"]
    for k in _sample(points):
        frame = rec["frames"][k]
        replay = chart.figure()  # the page's figure at the defaults
        restyle = {}
        for ti, t in enumerate(rec["traces"]):
            for pi, path in enumerate(rec["paths"][ti]):
                restyle.setdefault(path, [None] * len(rec["traces"]))
                restyle[path][ti] = pool[frame[0][ti][pi]]
        # one trace at a time, as plotly.js leaves a trace's unlisted paths alone
        for ti, t in enumerate(rec["traces"]):
            replay.plotly_restyle({p: [restyle[p][ti]] for p in rec["paths"][ti]}, [t])
        replay.plotly_relayout({p: pool[frame[1][li]] for li, p in enumerate(rec["layout"])})
        direct = chart.figure(**points[k])
        _close(_figure_json(replay), _figure_json(direct), f"{chart.name} at {points[k]}")
        assert pool[frame[2]] == chart.sentence(**points[k])
    # the default grid point is the picture the page opens on
    default = chart.grid_points().index(
        next(
            p
            for p in points
            if all(c.grid_index(p[c.name]) == c.grid_index(c.default) for c in chart.static_controls())
        )
    )
    assert pool[rec["frames"][default][2]] == chart.sentence()


@pytest.mark.parametrize("key", sorted(k for k in FACTORIES if make(k).controls))
def test_live_panel_draws_what_update_draws(key):
    chart = make(key)
    panel = LivePanel(chart)
    assert isinstance(panel.figure, go.FigureWidget)
    fig = panel.figure
    rng = np.random.default_rng(7)
    for c in chart.controls:
        w = panel.controls[c.name]
        if c.options is not None:
            choices = [v for v in c.options if v != w.value]
            w.value = choices[rng.integers(len(choices))] if choices else w.value
        else:
            steps = int(round((w.max - w.min) / w.step))
            w.value = type(c.default)(w.min + w.step * int(rng.integers(0, steps + 1)))
        assert panel.figure is fig  # changed in place, never rebuilt
        expected = chart.figure(**panel.values())
        _close(_figure_json(go.Figure(fig)), _figure_json(expected), f"{chart.name} after moving {c.name}")
        assert chart.sentence(**panel.values()) in panel.summary.value.replace("&gt;", ">").replace(
            "&lt;", "<"
        ).replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


def test_live_panel_draws_at_the_width_the_browser_measures():
    """The panel's OutputWidth reports the output's width from the browser; the figure is then drawn
    that wide (issue 16: a FigureWidget in a box does not follow its output by itself)."""
    panel = LivePanel(make("decision_rules.pass_probability"))
    assert panel.output_width in panel.children
    assert panel.children.index(panel.output_width) == panel.children.index(panel.figure) - 1
    assert panel.figure.layout.width is None  # until a browser has measured it
    for width in (700, 1400, 683):
        panel.output_width.width = width
        assert panel.figure.layout.width == width
    height = panel.figure.layout.height
    panel.output_width.width = 0  # a view that is not laid out yet changes nothing
    assert panel.figure.layout.width == 683 and panel.figure.layout.height == height


def test_live_panel_output_carries_the_static_form_only_in_the_build(monkeypatch):
    chart = make("decision_rules.pass_probability")
    monkeypatch.delenv("EXPLAINER_STATIC_CHARTS", raising=False)
    assert CHART_MIME not in LivePanel(chart)._repr_mimebundle_()
    monkeypatch.setenv("EXPLAINER_STATIC_CHARTS", "1")
    bundle = LivePanel(chart)._repr_mimebundle_()
    assert bundle[CHART_MIME]["recording"]["frames"]
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_bad_values_are_refused_by_name():
    chart = make("decision_rules.pass_probability")
    with pytest.raises(ValueError, match="no control named 'nope'|no control named nope"):
        chart.figure(nope=1)
