/* Static scenario controls: native range inputs and selects that replay a chart's recorded steps.
 *
 * Each <figure class="explainer-figure"> holds a chart, its controls and its summary sentence. The
 * chart's update was run at build time over a grid of every control's values; the recording
 * (a JSON file of the site's own, fetched on first use) holds, for each grid point, the trace and
 * layout values that update wrote and the summary sentence. Moving a control finds the grid point,
 * redraws the chart and announces the new sentence (aria-live="polite"). The redraw sends plotly.js
 * only what differs from the picture shown: a move that only shifts points and changes styles
 * takes a quick path (a style-only Plotly.restyle, then Plotly.animate with no duration); any
 * other move is one Plotly.update.
 *
 * Links to a scenario: a moved control writes "#<chart>.<control>=<label>" (parts joined by "&")
 * into the address; opening such an address sets the controls and scrolls to the chart. Fragments
 * that name no chart control here (ordinary section anchors, typos, malformed text) are ignored.
 * No kernel and no request to any other host.
 */
(function () {
  "use strict";
  var PART = /^([a-z0-9][a-z0-9-]*)\.([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;
  var figures = {};

  function Figure(el) {
    this.el = el;
    this.name = el.getAttribute("data-chart");
    this.url = el.getAttribute("data-scenarios");
    this.gd = el.querySelector("div.plotly-graph-div");
    this.summary = el.querySelector(".explainer-summary");
    this.inputs = Array.prototype.slice.call(el.querySelectorAll("[data-control]"));
    this.defaults = this.inputs.map(function (i) { return i.value; });
    this.recording = null;
    this.loading = null;
    this.pending = 0;
    this.shown = this.index();  // the frame the page was drawn at (the defaults)
    var self = this;
    this.inputs.forEach(function (input) {
      input.addEventListener("input", function () { self.moved(input, true); });
      input.addEventListener("change", function () { self.moved(input, true); });
    });
  }

  Figure.prototype.load = function () {
    var self = this;
    if (!this.loading) {
      this.loading = fetch(this.url).then(function (r) {
        if (!r.ok) throw new Error("scenarios " + r.status);
        return r.json();
      }).then(function (rec) { self.recording = rec; return rec; });
    }
    return this.loading;
  };

  Figure.prototype.labels = function (input) {
    if (input.tagName === "SELECT") {
      return Array.prototype.map.call(input.options, function (o) { return o.textContent; });
    }
    return JSON.parse(input.getAttribute("data-labels"));
  };

  Figure.prototype.showValue = function (input) {
    if (input.tagName === "SELECT") return;
    var label = this.labels(input)[Number(input.value)];
    input.setAttribute("aria-valuetext", label);
    var out = this.el.querySelector('output[for="' + input.id + '"]');
    if (out) out.textContent = label;
  };

  Figure.prototype.index = function () {
    var k = 0;
    var self = this;
    this.inputs.forEach(function (input) {
      var n = input.tagName === "SELECT" ? input.options.length : Number(input.max) + 1;
      k = k * n + Number(input.value);
    });
    return k;
  };

  // The trace and layout edits between two recorded frames: only what differs is sent to
  // plotly.js (values are pooled, so equal indices mean equal values).
  Figure.prototype.edits = function (from, to) {
    var rec = this.recording;
    var pool = rec.pool;
    var restyle = {};
    var traces = [];
    var changed = [];  // [trace index, path] pairs
    rec.traces.forEach(function (t, ti) {
      var hit = false;
      rec.paths[ti].forEach(function (path, pi) {
        if (from && from[0][ti][pi] === to[0][ti][pi]) return;
        hit = true;
        changed.push([t, path]);
      });
      if (hit) traces.push(ti);
    });
    traces.forEach(function (ti, k) {
      rec.paths[ti].forEach(function (path, pi) {
        if (from && from[0][ti][pi] === to[0][ti][pi]) return;
        if (!restyle[path]) restyle[path] = new Array(traces.length);  // undefined: left alone
        restyle[path][k] = pool[to[0][ti][pi]];
      });
    });
    var relayout = {};
    var relayoutCount = 0;
    rec.layout.forEach(function (path, li) {
      if (from && from[1][li] === to[1][li]) return;
      relayout[path] = pool[to[1][li]];
      relayoutCount++;
    });
    return {
      restyle: restyle, traces: traces.map(function (ti) { return rec.traces[ti]; }),
      changed: changed, relayout: relayout, relayoutCount: relayoutCount
    };
  };

  // A move that changes only points (x, y, text) of line, marker and bar traces on axes with
  // fixed ranges, and style (colours, dashes, names, legend entries), has a quick path: plotly.js's
  // own transition machinery (Plotly.animate with no duration and no full redraw) moves the
  // points, and a style-only Plotly.restyle (plotly.js's edit type "style": no recalculation)
  // changes the rest. Plotly.update would rebuild axes, legend and annotations for the same
  // picture (the benchmark compares the two pictures).
  var POINTS = {x: 1, y: 1, text: 1};
  // trace attributes whose plotly.js edit type is "style" (redrawn without recalculating)
  var STYLE = {
    name: 1, showlegend: 1, opacity: 1, fillcolor: 1,
    "line.color": 1, "line.dash": 1, "line.width": 1, "marker.color": 1, "marker.opacity": 1
  };
  // the kinds of trace whose points plotly.js moves in a transition
  var MOVABLE = {scatter: 1, bar: 1};
  // An axis of the figure's own layout (plotly.js's public gd.layout) whose range is fixed: set
  // there, and not asked to follow the data.
  function fixedAxis(layout, ref) {
    var axis = layout[ref.replace(/^([xy])/, "$1axis")];
    return !!(axis && Array.isArray(axis.range) && axis.autorange !== true && axis.autorange !== "reversed");
  }
  // Where a figure's legend and plot areas sit as drawn: the legend's height (a new or a longer
  // entry can add a row) and each subplot's area (plotly.js's drag rectangles), which move when
  // the margins do. A style change that alters either needs a full redraw.
  function frameBox(gd) {
    var legend = gd.querySelector("g.legend");
    var parts = [legend ? Math.round(legend.getBoundingClientRect().height) : ""];
    Array.prototype.forEach.call(gd.querySelectorAll("rect.nsewdrag"), function (r) {
      parts.push(["x", "y", "width", "height"].map(function (a) { return Math.round(Number(r.getAttribute(a))); }).join(","));
    });
    return parts.join(" ");
  }
  Figure.prototype.quick = function (e) {
    var data = this.gd.data;
    var layout = this.gd.layout;
    if (!data || !layout || e.relayoutCount || !e.changed.length) return null;
    var type = function (t) { return t.type || "scatter"; };
    var moves = false;
    var ok = e.changed.every(function (c) {
      var t = data[c[0]];
      if (!t) return false;
      if (STYLE[c[1]]) return true;
      if (!POINTS[c[1]] || (t.visible !== undefined && t.visible !== true)) return false;
      moves = true;
      // the axis along which the change moves things must stay put (a bar's text sits at its
      // value: along y, or x for horizontal bars)
      var along = c[1] === "text" ? (t.orientation === "h" ? "x" : "y") : c[1];
      return fixedAxis(layout, along === "x" ? (t.xaxis || "x") : (t.yaxis || "y"));
    });
    // the transition plots only the traces it is given, so every trace goes in (a fill is
    // layered and linked with its neighbours), and each must be of a kind it moves
    if (!ok || (moves && !data.every(function (t) { return MOVABLE[type(t)]; }))) return null;
    return {moves: moves};
  };

  // A Sankey diagram eases every change over half a second (plotly.js's own constant), so a
  // Plotly.update would show the new flows only then: it is drawn anew, at once, instead.
  var REBUILT = {sankey: 1};

  function assign(target, path, value) {
    var keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    var last = keys.pop();
    keys.forEach(function (key) {
      if (target[key] === undefined || target[key] === null) target[key] = /^\d+$/.test(key) ? [] : {};
      target = target[key];
    });
    target[last] = value;
  }

  Figure.prototype.rebuild = function (frame) {
    var rec = this.recording;
    var spec = JSON.parse(document.getElementById(this.gd.id + "-spec").textContent);
    rec.traces.forEach(function (t, ti) {
      rec.paths[ti].forEach(function (path, pi) { assign(spec.data[t], path, rec.pool[frame[0][ti][pi]]); });
    });
    rec.layout.forEach(function (path, li) { assign(spec.layout, path, rec.pool[frame[1][li]]); });
    return Plotly.newPlot(this.gd, spec.data, spec.layout, spec.config);
  };

  Figure.prototype.draw = function () {
    var rec = this.recording;
    var k = this.index();
    var frame = rec.frames[k];
    if (!frame) return null;
    var from = this.shown === null ? null : rec.frames[this.shown];
    this.summary.textContent = rec.pool[frame[2]];
    var e = this.edits(from, frame);
    this.shown = k;
    if (!e.traces.length && !e.relayoutCount) return null;  // the same picture
    if ((this.gd.data || []).some(function (t) { return REBUILT[t.type]; })) {
      return this.rebuild(frame);
    }
    var q = this.quick(e);
    if (q) {
      var style = {};
      var points = {};  // figure trace index -> its new points
      Object.keys(e.restyle).forEach(function (path) {
        if (STYLE[path]) style[path] = e.restyle[path];
        else e.traces.forEach(function (ti, k) {
          if (e.restyle[path][k] === undefined) return;
          points[ti] = points[ti] || {};
          points[ti][path] = e.restyle[path][k];
        });
      });
      var done = null;
      if (Object.keys(style).length) {
        // a legend entry that appears, goes or is renamed can resize the legend, and with it the
        // margins: only a full redraw lays those out again
        var before = (style.name || style.showlegend) ? frameBox(this.gd) : null;
        done = Plotly.restyle(this.gd, style, e.traces);
        if (before !== null && frameBox(this.gd) !== before) return this.rebuild(frame);
      }
      if (!q.moves) return done;
      var all = this.gd.data.map(function (t, i) { return i; });
      var frameData = all.map(function (i) { return points[i] || {}; });
      return Plotly.animate(this.gd, {data: frameData, traces: all}, {
        mode: "immediate", transition: {duration: 0}, frame: {duration: 0, redraw: false}
      });
    }
    return Plotly.update(this.gd, e.restyle, e.relayout, e.traces);
  };

  Figure.prototype.moved = function (input, write) {
    var self = this;
    this.showValue(input);
    var ticket = ++this.pending;
    return this.load().then(function () {
      if (ticket !== self.pending) return null;  // a later move supersedes this one
      var done = self.draw();
      if (write) writeFragmentSoon();
      return Promise.resolve(done).then(function () {
        // for the benchmark and the tests: the new picture is in the DOM (painted next frame)
        self.el.dispatchEvent(new CustomEvent("explainer:drawn"));
      });
    }).catch(function (e) {
      self.summary.textContent = "This chart's other settings could not be loaded (" + e.message + ").";
    });
  };

  Figure.prototype.parts = function () {
    var self = this;
    var moved = this.inputs.some(function (input, i) { return input.value !== self.defaults[i]; });
    if (!moved) return [];
    return this.inputs.map(function (input) {
      var label = self.labels(input)[Number(input.value)];
      return self.name + "." + input.getAttribute("data-control") + "=" + encodeURIComponent(label);
    });
  };

  function writeFragment() {
    var parts = [];
    Object.keys(figures).forEach(function (name) { parts = parts.concat(figures[name].parts()); });
    var url = window.location.pathname + window.location.search + (parts.length ? "#" + parts.join("&") : "");
    history.replaceState(null, "", url);
  }

  // The address follows the controls once they rest: history.replaceState is a round trip to
  // the browser's own process (some 20 ms on a slow machine), kept out of the frame of a move.
  var fragmentTimer = null;
  function writeFragmentSoon() {
    if (fragmentTimer !== null) clearTimeout(fragmentTimer);
    fragmentTimer = setTimeout(function () { fragmentTimer = null; writeFragment(); }, 250);
  }
  window.addEventListener("pagehide", function () {
    if (fragmentTimer !== null) { clearTimeout(fragmentTimer); fragmentTimer = null; writeFragment(); }
  });

  function applyFragment() {
    var text = window.location.hash.replace(/^#/, "");
    if (!text) return;
    var first = null;
    text.split("&").forEach(function (part) {
      var m = PART.exec(part);
      if (!m) return;
      var fig = figures[m[1]];
      if (!fig) return;
      var label;
      try { label = decodeURIComponent(m[3]); } catch (e) { return; }
      fig.inputs.forEach(function (input) {
        if (input.getAttribute("data-control") !== m[2]) return;
        var k = fig.labels(input).indexOf(label);
        if (k < 0) return;
        if (String(k) !== input.value) {
          input.value = String(k);
          fig.moved(input, false);
        }
        if (!first) first = fig;
      });
    });
    if (first) first.el.scrollIntoView();
  }

  function start() {
    if (!window.Plotly) return;
    Array.prototype.forEach.call(document.querySelectorAll("figure.explainer-figure[data-scenarios]"), function (el) {
      var fig = new Figure(el);
      figures[fig.name] = fig;
    });
    var pending = window.explainerCharts || [];
    Promise.all(pending).then(function () {
      applyFragment();
      window.addEventListener("hashchange", applyFragment);
      document.documentElement.dataset.explainerScenarios = "ready";
      // fetch the recordings once the page is idle, so that the first move is as quick as the rest
      var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 200); };
      idle(function () { Object.keys(figures).forEach(function (n) { figures[n].load().catch(function () {}); }); });
    }).catch(function () { /* a chart that failed to draw is reported by its own error */ });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
