/* Links to a scenario: a static slider's position lives in the page URL's fragment.
 *
 * Moving a slider writes "#<slider-name>=<step-label>" (several sliders joined by "&"); opening a
 * URL with such a fragment moves each named slider, and its chart, to that step. Fragments that
 * name no slider of this page (ordinary section anchors, typos, malformed text) are ignored.
 * No kernel and no request to any other host: it only calls the page's own plotly.js.
 */
(function () {
  "use strict";
  var PART = /^([a-z0-9][a-z0-9-]*)=(.+)$/;

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll("div.plotly-graph-div"));
  }

  function sliderOf(gd) {
    var s = gd.layout && gd.layout.sliders && gd.layout.sliders[0];
    return s && s.name ? s : null;
  }

  function parseFragment() {
    var wanted = {};
    var text = window.location.hash.replace(/^#/, "");
    if (!text) return wanted;
    text.split("&").forEach(function (part) {
      var m = PART.exec(part);
      if (!m) return;
      try {
        wanted[m[1]] = decodeURIComponent(m[2]);
      } catch (e) {
        /* malformed escape: ignore this part */
      }
    });
    return wanted;
  }

  function writeFragment() {
    var parts = [];
    charts().forEach(function (gd) {
      var s = sliderOf(gd);
      if (!s || !s.steps || s.active === undefined) return;
      var step = s.steps[s.active];
      if (step) parts.push(s.name + "=" + encodeURIComponent(step.label));
    });
    if (parts.length) {
      history.replaceState(null, "", "#" + parts.join("&"));
    }
  }

  function applyStep(gd, index) {
    var s = sliderOf(gd);
    var step = s.steps[index];
    var args = step.args || [];
    var done = step.method === "update"
      ? Plotly.update(gd, args[0] || {}, args[1] || {}, args[2])
      : step.method === "restyle"
        ? Plotly.restyle(gd, args[0] || {}, args[1])
        : Plotly.relayout(gd, args[0] || {});
    return Promise.resolve(done).then(function () {
      return Plotly.relayout(gd, { "sliders[0].active": index });
    });
  }

  function applyFragment() {
    var wanted = parseFragment();
    charts().forEach(function (gd) {
      var s = sliderOf(gd);
      if (!s || !(s.name in wanted)) return;
      for (var i = 0; i < s.steps.length; i++) {
        if (String(s.steps[i].label) === wanted[s.name]) {
          if (s.active !== i) applyStep(gd, i);
          return;
        }
      }
    });
  }

  function start() {
    if (!window.Plotly) return;
    var pending = window.explainerCharts || [];
    Promise.all(pending).then(function () {
      applyFragment();
      charts().forEach(function (gd) {
        if (sliderOf(gd) && gd.on) {
          gd.on("plotly_sliderchange", function () { setTimeout(writeFragment, 0); });
        }
      });
      window.addEventListener("hashchange", applyFragment);
      document.documentElement.dataset.explainerScenarios = "ready";
    }).catch(function () { /* a chart that failed to draw is reported by its own error */ });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
