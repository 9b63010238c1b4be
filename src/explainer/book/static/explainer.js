/* Static scenario controls: native range inputs and selects that replay a chart's recorded steps.
 *
 * Each <figure class="explainer-figure"> holds a chart, its controls and its summary sentence. The
 * chart's update was run at build time over a grid of every control's values; the recording
 * (a JSON file of the site's own, fetched on first use) holds, for each grid point, the trace and
 * layout values that update wrote and the summary sentence. Moving a control finds the grid point,
 * redraws the chart with one Plotly.update and announces the new sentence (aria-live="polite").
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

  Figure.prototype.draw = function () {
    var rec = this.recording;
    var frame = rec.frames[this.index()];
    if (!frame) return null;
    var pool = rec.pool;
    var restyle = {};
    var n = rec.traces.length;
    rec.traces.forEach(function (t, ti) {
      rec.paths[ti].forEach(function (path, pi) {
        if (!restyle[path]) restyle[path] = new Array(n);  // undefined: a trace leaves it alone
        restyle[path][ti] = pool[frame[0][ti][pi]];
      });
    });
    var relayout = {};
    rec.layout.forEach(function (path, li) { relayout[path] = pool[frame[1][li]]; });
    this.summary.textContent = pool[frame[2]];
    return Plotly.update(this.gd, restyle, relayout, rec.traces);
  };

  Figure.prototype.moved = function (input, write) {
    var self = this;
    this.showValue(input);
    var ticket = ++this.pending;
    return this.load().then(function () {
      if (ticket !== self.pending) return null;  // a later move supersedes this one
      var done = self.draw();
      if (write) writeFragment();
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
