"""One chart, one definition: :class:`Chart` holds how a chart is built and how it changes.

A chart is defined once, in the module of its chapter's topic:

* ``build() -> go.Figure`` makes the figure with every trace it will ever show;
* ``update(fig, **values) -> str`` writes what the controls change into ``fig`` (plain property
  assignments: ``fig.data[i].y = ...``, ``fig.layout.xaxis.range = ...``) and returns the chart's
  one-sentence summary for those values;
* ``controls`` says what the reader can move: each :class:`Control` has the values a live slider
  covers in JupyterLab and the grid of values the static page offers.

Both front ends run that same ``update``. The live panel (:mod:`explainer.widgets`) calls it on a
``go.FigureWidget`` inside plotly's public ``batch_update``. The static page gets its interactivity
from :meth:`Chart.record`, which runs ``update`` over the grid of every static control (the other
controls stay at their defaults), records the trace and layout changes it makes with
:class:`FigureEdits`, and hands them to the book's Sphinx extension; native, labelled controls on
the page replay them with no kernel. Static and live agree by construction, and
``tests/charts/test_charts.py`` checks the recording against ``update`` for every chart.

The contract for ``update``: it assigns the same property paths at every call, whatever the values
(so a recorded step can be replayed in any order), and it only assigns (no method calls).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import plotly.graph_objects as go

from .. import theme

#: The MIME type of a chart's static form: the figure, its controls and the recorded steps.
CHART_MIME = "application/vnd.explainer.chart+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: Significant digits kept for recorded numbers (the chart draws them; 6 is far below a pixel).
DIGITS = 6


@dataclass(frozen=True)
class Control:
    """One thing a reader can move.

    Parameters
    ----------
    name : str
        The keyword of ``update`` that this control sets.
    label : str
        What it sets, as a reader would say it ("Each member accepts with probability").
    default : number or str
        The value both front ends open on.
    grid : sequence
        The values the static page offers, in order (the default among them). Empty: the static
        page holds this control at its default, and only the live panel moves it.
    live : (min, max, step), optional
        The live slider's range in JupyterLab. None for a discrete control (see ``options``).
    options : mapping of value -> label, optional
        A discrete control's choices (a select on the static page, a dropdown in JupyterLab).
    fmt : str
        How a value reads, as a format string with one field (``"{:.2f}"``, ``"{:,.0f} troops"``).
    """

    name: str
    label: str
    default: Any
    grid: tuple = ()
    live: tuple[float, float, float] | None = None
    options: Mapping[Any, str] | None = None
    fmt: str = "{:.2f}"

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(f"control name must be a Python identifier, got {self.name!r}")
        if not isinstance(self.label, str) or not self.label:
            raise ValueError(f"control {self.name!r}: label must be a non-empty string")
        object.__setattr__(self, "grid", tuple(self.grid))
        if self.options is not None:
            object.__setattr__(self, "options", dict(self.options))
            if self.default not in self.options:
                raise ValueError(f"control {self.name!r}: default {self.default!r} is not one of its options")
            unknown = [v for v in self.grid if v not in self.options]
            if unknown:
                raise ValueError(f"control {self.name!r}: grid values {unknown!r} are not options")
            return
        if self.live is None and not self.grid:
            raise ValueError(f"control {self.name!r} needs a live range, a grid or options")
        if self.grid:
            if not any(_same(v, self.default) for v in self.grid):
                raise ValueError(f"control {self.name!r}: default {self.default!r} is not in its grid {self.grid!r}")
            if list(self.grid) != sorted(self.grid) or len(set(self.grid)) != len(self.grid):
                raise ValueError(f"control {self.name!r}: grid must be increasing without repeats")
        if self.live is not None:
            lo, hi, step = self.live
            if not (lo <= self.default <= hi) or step <= 0:
                raise ValueError(
                    f"control {self.name!r}: default {self.default!r} outside live range {self.live!r} (or step <= 0)"
                )

    @property
    def integer(self) -> bool:
        """Whether the control moves in whole numbers."""
        return self.options is None and isinstance(self.default, int) and not isinstance(self.default, bool)

    def text(self, value: Any) -> str:
        """How ``value`` reads on the page (the option's label for a discrete control)."""
        if self.options is not None:
            return self.options[value]
        return self.fmt.format(value)

    def grid_index(self, value: Any) -> int:
        """The position of ``value`` in the static grid."""
        for i, v in enumerate(self.grid):
            if _same(v, value):
                return i
        raise ValueError(f"control {self.name!r}: {value!r} is not one of the static values {self.grid!r}")


#: The longest line of an axis title, in characters (it fits a 390 px wide chart).
TITLE_WIDTH = 28


def wrap_title(text: str, width: int = TITLE_WIDTH) -> str:
    """An axis title broken into lines of at most ``width`` characters (Plotly's ``<br>``); a title
    that already has line breaks is left as it is."""
    if "<br>" in text or len(text) <= width:
        return text
    return "<br>".join(textwrap.wrap(text, width=width))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)


@dataclass
class Chart:
    """A chart defined once: built by ``build``, changed by ``update``, moved by ``controls``.

    Parameters
    ----------
    name : str
        A stable identifier, unique in the book (lowercase, digits and hyphens). Page links to a
        scenario and the chart's element ids use it.
    title : str
        What the chart shows. Shown as wrapping page text above the chart, not inside it.
    source : str
        Where its data come from, or that its parameters are illustrative assumptions.
    build : callable
        ``build() -> go.Figure``: the figure with every trace, before ``update``.
    update : callable, optional
        ``update(fig, **values) -> str``: writes the values into ``fig`` and returns the summary
        sentence. None for a chart with nothing to move.
    controls : sequence of Control
        What the reader can move (the keywords of ``update``).
    summary : str
        The text summary of a chart without ``update`` (a chart with one gets it from ``update``).
    """

    name: str
    title: str
    source: str
    build: Callable[[], go.Figure]
    update: Callable[..., str] | None = None
    controls: Sequence[Control] = ()
    summary: str = ""
    _recording: dict | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.name or not all(ch.islower() or ch.isdigit() or ch == "-" for ch in self.name):
            raise ValueError(f"chart name must be lowercase letters, digits and hyphens, got {self.name!r}")
        self.controls = tuple(self.controls)
        names = [c.name for c in self.controls]
        if len(set(names)) != len(names):
            raise ValueError(f"chart {self.name!r} has two controls with the same name: {names}")
        if self.controls and self.update is None:
            raise ValueError(f"chart {self.name!r} has controls but no update")

    # -- values -------------------------------------------------------------------------------
    def defaults(self) -> dict[str, Any]:
        """Every control at its default."""
        return {c.name: c.default for c in self.controls}

    def static_controls(self) -> tuple[Control, ...]:
        """The controls the static page offers (those with a grid)."""
        return tuple(c for c in self.controls if c.grid)

    def grid_points(self) -> list[dict[str, Any]]:
        """Every combination of the static controls' grids (the others at their defaults), in the
        order the static page indexes them (the last control varies fastest)."""
        static = self.static_controls()
        base = self.defaults()
        return [
            {**base, **dict(zip((c.name for c in static), combo))}
            for combo in itertools.product(*(c.grid for c in static))
        ]

    def _check(self, values: Mapping[str, Any]) -> dict[str, Any]:
        known = {c.name for c in self.controls}
        unknown = set(values) - known
        if unknown:
            raise ValueError(
                f"chart {self.name!r} has no control named {', '.join(sorted(unknown))}; "
                f"its controls are {', '.join(sorted(known)) or '(none)'}"
            )
        return {**self.defaults(), **values}

    # -- drawing ------------------------------------------------------------------------------
    def new_figure(self) -> go.Figure:
        """``build()`` with the book's template (set on the figure, not as a global default), and
        long axis titles wrapped so that they fit a phone's width."""
        fig = self.build()
        fig.update_layout(template=theme.template())
        fig.for_each_xaxis(lambda ax: ax.update(title_text=wrap_title(ax.title.text)) if ax.title.text else None)
        fig.for_each_yaxis(lambda ax: ax.update(title_text=wrap_title(ax.title.text)) if ax.title.text else None)
        return fig

    def draw(self, fig: Any, **values: Any) -> str:
        """Run ``update`` on ``fig`` (a figure, a FigureWidget or :class:`FigureEdits`) for
        ``values`` (the defaults where missing) and return the summary sentence."""
        if self.update is None:
            if values:
                raise ValueError(f"chart {self.name!r} has nothing to move; got {sorted(values)}")
            return self.summary
        sentence = self.update(fig, **self._check(values))
        if not isinstance(sentence, str) or not sentence:
            raise TypeError(f"chart {self.name!r}: update must return its summary sentence, got {sentence!r}")
        return sentence

    def figure(self, **values: Any) -> go.Figure:
        """The figure at ``values`` (the defaults where missing), drawn through plotly's validated
        path."""
        fig = self.new_figure()
        self.draw(fig, **values)
        return fig

    def sentence(self, **values: Any) -> str:
        """The summary sentence at ``values``."""
        return self.draw(FigureEdits(), **values)

    # -- the static page ----------------------------------------------------------------------
    def record(self) -> dict[str, Any]:
        """Run ``update`` over every grid point and record what it writes.

        Returns
        -------
        dict
            ``traces`` (indices written), ``paths`` (one list of property paths per written trace),
            ``layout`` (layout paths written), ``pool`` (each distinct value once), and ``frames``:
            one per grid point, in :meth:`grid_points` order, each ``[trace values, layout values,
            sentence]`` as indices into ``pool``.
        """
        if self._recording is not None:
            return self._recording
        base = self.new_figure()
        pool: list[Any] = []
        seen: dict[str, int] = {}

        def intern(value: Any) -> int:
            plain = _plain(value)
            key = json.dumps(plain, separators=(",", ":"), allow_nan=False)
            if key not in seen:
                seen[key] = len(pool)
                pool.append(plain)
            return seen[key]

        edits_at = []
        for point in self.grid_points():
            edits = FigureEdits()
            sentence = self.draw(edits, **point)
            edits_at.append((edits, sentence))
        trace_paths: dict[int, set[str]] = {}
        layout_paths: set[str] = set()
        for edits, _ in edits_at:
            for i, written in edits.traces.items():
                trace_paths.setdefault(i, set()).update(written)
            layout_paths.update(edits.layout_edits)
        for i in trace_paths:
            if not 0 <= i < len(base.data):
                raise IndexError(f"chart {self.name!r}: update wrote to trace {i}; build made {len(base.data)}")
        traces = sorted(trace_paths)
        paths = {i: sorted(trace_paths[i]) for i in traces}
        layout = sorted(layout_paths)
        frames = []
        for edits, sentence in edits_at:
            missing = [(i, p) for i in traces for p in paths[i] if p not in edits.traces.get(i, {})]
            missing += [("layout", p) for p in layout if p not in edits.layout_edits]
            if missing:
                raise ValueError(
                    f"chart {self.name!r}: update must assign the same properties at every "
                    f"call; it left out {missing[:3]} at some values"
                )
            frames.append(
                [
                    [[intern(edits.traces[i][p]) for p in paths[i]] for i in traces],
                    [intern(edits.layout_edits[p]) for p in layout],
                    intern(sentence),
                ]
            )
        self._recording = {
            "traces": traces,
            "paths": [paths[i] for i in traces],
            "layout": layout,
            "pool": pool,
            "frames": frames,
        }
        return self._recording

    def static_spec(self) -> dict[str, Any]:
        """What the book's Sphinx extension needs to draw the chart with its static controls: the
        figure at the defaults, its text, its controls and the recorded steps (see :meth:`record`)."""
        fig = self.figure()
        defaults = self.defaults()
        controls = []
        for c in self.static_controls():
            controls.append(
                {
                    "name": c.name,
                    "label": c.label,
                    "kind": "select" if c.options is not None else "range",
                    "labels": [c.text(v) for v in c.grid],
                    "active": c.grid_index(defaults[c.name]),
                }
            )
        live_only = [c.label for c in self.controls if not c.grid]
        spec = {
            "name": self.name,
            "title": self.title,
            "source": self.source,
            "summary": self.sentence(),
            "figure": json.loads(fig.to_json()),
            "controls": controls,
            "live_only": live_only,
        }
        if controls:
            spec["recording"] = self.record()
        spec["digest"] = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]
        return spec

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        fig = self.figure()
        return {
            CHART_MIME: self.static_spec(),
            PLOTLY_MIME: json.loads(fig.to_json()),
            "text/plain": f"{self.title}\n{self.sentence()}",
        }


def _plain(value: Any) -> Any:
    """A recorded value as JSON: numbers to :data:`DIGITS` significant digits, NaN as null."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if not math.isfinite(v):
            return None
        return float(f"{v:.{DIGITS}g}")
    return value


# ---------------------------------------------------------------------------------------------
# Recording what an update writes
# ---------------------------------------------------------------------------------------------
class _Path:
    """One place in a figure (``fig.data[2].marker``, ``fig.layout.title``...) that records every
    assignment below it as a property path, e.g. ``"marker.color"``, instead of setting it."""

    __slots__ = ("_sink", "_prefix")

    def __init__(self, sink: dict[str, Any], prefix: str = "") -> None:
        object.__setattr__(self, "_sink", sink)
        object.__setattr__(self, "_prefix", prefix)

    def __getattr__(self, name: str) -> _Path:
        return _Path(self._sink, f"{self._prefix}{name}.")

    def __setattr__(self, name: str, value: Any) -> None:
        self._sink[self._prefix + name] = value

    def __getitem__(self, index: int) -> _Path:
        return _Path(self._sink, f"{self._prefix.rstrip('.')}[{index}].")

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(f"a chart's update may only assign properties; it called {self._prefix.rstrip('.')}(...)")


class _TraceEdits:
    __slots__ = ("_traces",)

    def __init__(self, traces: dict[int, dict[str, Any]]) -> None:
        self._traces = traces

    def __getitem__(self, index: int) -> _Path:
        return _Path(self._traces.setdefault(index, {}))


class FigureEdits:
    """Stands in for the figure while ``update`` runs, and records what it assigns:
    ``fig.data[i].path = value`` and ``fig.layout.path = value``."""

    def __init__(self) -> None:
        self.traces: dict[int, dict[str, Any]] = {}
        self.layout_edits: dict[str, Any] = {}

    @property
    def data(self) -> _TraceEdits:
        """The traces, by index: ``edits.data[0].y = ...`` records ``y`` of trace 0."""
        return _TraceEdits(self.traces)

    @property
    def layout(self) -> _Path:
        """The layout: ``edits.layout.title.text = ...`` records ``title.text``."""
        return _Path(self.layout_edits)
