/*
 * sparkprop's run page: one drawing script for the live page (ui/LiveServer polls state.json)
 * and for report.html (the same state, embedded). It draws from the state PageState writes:
 * curves per step and per epoch with the learning-rate schedule, progress, the per-step time
 * split as stacked bars, the first layer's tiles, the confusion matrix, the summary or the error,
 * the config and the run. Plain SVG and DOM, nothing fetched from elsewhere.
 */
"use strict";
var SparkpropPage = (function () {
  var SVG = "http://www.w3.org/2000/svg";
  var COLORS = {train: "#1f77b4", validation: "#ff7f0e", step: "#9ecae1", rate: "#2ca02c",
    slowest: "#1f77b4", overhead: "#ff7f0e", broadcast: "#9467bd", update: "#2ca02c"};
  // The stacked segments of a step: together its wall time on the driver.
  var SEGMENTS = [["slowest", "slowest task's compute"], ["overhead", "Spark's overhead"],
    ["broadcast", "broadcast"], ["update", "update"]];
  var MAX_BARS = 240;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var key in attrs || {}) { node.setAttribute(key, attrs[key]); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    for (var key in attrs || {}) { node.setAttribute(key, attrs[key]); }
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }

  function fmt(x, places) {
    if (x === null || x === undefined || !isFinite(x)) { return "—"; }
    var abs = Math.abs(x);
    if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) { return x.toExponential(2); }
    return x.toFixed(places === undefined ? 4 : places);
  }

  function seconds(s) {
    if (!isFinite(s)) { return "—"; }
    if (s < 60) { return s.toFixed(1) + " s"; }
    var m = Math.floor(s / 60);
    return m < 60 ? m + " min " + Math.round(s - 60 * m) + " s" : Math.floor(m / 60) + " h " + (m % 60) + " min";
  }

  function section(root, id, title) {
    var box = el("section", {id: id});
    box.appendChild(el("h2", {}, title));
    root.appendChild(box);
    return box;
  }

  /** A line chart: series [{name, color, x, y, dots}]; opts.logY when the values span decades. */
  function lineChart(title, xName, series, opts) {
    var w = 460, h = 260, left = 58, right = 12, top = 28, bottom = 36;
    var chart = svg("svg", {width: w, height: h, viewBox: "0 0 " + w + " " + h, "class": "chart",
      "data-points": String(series.reduce(function (n, s) { return n + s.x.length; }, 0))});
    chart.appendChild(svg("text", {x: left, y: 16, "class": "title"}, title));
    var xs = [], ys = [];
    series.forEach(function (s) {
      for (var i = 0; i < s.x.length; i++) {
        if (isFinite(s.y[i]) && (!opts.logY || s.y[i] > 0)) { xs.push(s.x[i]); ys.push(s.y[i]); }
      }
    });
    if (xs.length === 0) {
      chart.appendChild(svg("text", {x: left, y: h / 2, "class": "empty"}, "no points yet"));
      return chart;
    }
    var f = opts.logY ? Math.log10 : function (v) { return v; };
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys.map(f)), y1 = Math.max.apply(null, ys.map(f));
    if (x1 === x0) { x1 = x0 + 1; }
    if (y1 === y0) { y1 = y0 + (Math.abs(y0) || 1) * 0.1; y0 -= (Math.abs(y0) || 1) * 0.1; }
    function px(x) { return left + (x - x0) / (x1 - x0) * (w - left - right); }
    function py(y) { return top + (1 - (f(y) - y0) / (y1 - y0)) * (h - top - bottom); }
    chart.appendChild(svg("rect", {x: left, y: top, width: w - left - right, height: h - top - bottom, "class": "plot"}));
    for (var t = 0; t <= 4; t++) {
      var yv = y0 + (y1 - y0) * t / 4, yy = top + (1 - t / 4) * (h - top - bottom);
      chart.appendChild(svg("text", {x: left - 4, y: yy + 4, "class": "tick", "text-anchor": "end"},
        fmt(opts.logY ? Math.pow(10, yv) : yv, 3)));
      var xv = x0 + (x1 - x0) * t / 4;
      chart.appendChild(svg("text", {x: px(xv), y: h - bottom + 14, "class": "tick", "text-anchor": "middle"},
        Math.abs(x1 - x0) >= 8 ? Math.round(xv) : fmt(xv, 1)));
    }
    chart.appendChild(svg("text", {x: (left + w - right) / 2, y: h - 4, "class": "axis", "text-anchor": "middle"}, xName));
    var legendX = left + 8;
    series.forEach(function (s) {
      var points = [];
      for (var i = 0; i < s.x.length; i++) {
        if (isFinite(s.y[i]) && (!opts.logY || s.y[i] > 0)) { points.push(px(s.x[i]).toFixed(1) + "," + py(s.y[i]).toFixed(1)); }
      }
      if (points.length === 0) { return; }
      chart.appendChild(svg("polyline", {points: points.join(" "), fill: "none", stroke: s.color,
        "stroke-width": s.dots ? 2 : 1.2, "class": "series series-" + s.name.replace(/\W+/g, "-")}));
      if (s.dots && points.length <= 80) {
        points.forEach(function (p) {
          var xy = p.split(",");
          chart.appendChild(svg("circle", {cx: xy[0], cy: xy[1], r: 3, fill: s.color}));
        });
      }
      chart.appendChild(svg("rect", {x: legendX, y: top + 6, width: 10, height: 10, fill: s.color}));
      chart.appendChild(svg("text", {x: legendX + 14, y: top + 15, "class": "legend"}, s.name));
      legendX += 24 + 7 * s.name.length;
    });
    return chart;
  }

  function spansDecades(values) {
    var positive = values.filter(function (v) { return isFinite(v); });
    return positive.length > 1 && positive.every(function (v) { return v > 0; })
      && Math.max.apply(null, positive) / Math.min.apply(null, positive) > 100;
  }

  function column(lines, key) {
    return {x: lines.map(function (l) { return l.epoch !== undefined ? l.epoch : l.iteration; }),
      y: lines.map(function (l) { return l[key] === undefined ? NaN : l[key]; })};
  }

  function curves(root, state) {
    var box = section(root, "curves", "Learning curves");
    var steps = state.steps, lines = state.epochLines;
    var perEpoch = steps.step.length > 0 && state.stepsPerEpoch > 0;
    // Per step the x is the epoch reached (step / steps per epoch), so both kinds share one axis.
    var stepX = steps.step.map(function (s) { return s / state.stepsPerEpoch; });
    var cost = [];
    if (perEpoch) { cost.push({name: "step cost", color: COLORS.step, x: stepX, y: steps.cost}); }
    var trainCost = column(lines, "train_cost"), validationCost = column(lines, "validation_cost");
    cost.push({name: "train", color: COLORS.train, x: trainCost.x, y: trainCost.y, dots: true});
    cost.push({name: "validation", color: COLORS.validation, x: validationCost.x, y: validationCost.y, dots: true});
    var costY = steps.cost.concat(trainCost.y, validationCost.y);
    var costChart = lineChart("Cost J", "epoch", cost, {logY: spansDecades(costY)});
    costChart.setAttribute("id", "cost-chart");
    box.appendChild(costChart);
    var accuracy = lines.some(function (l) { return l.train_accuracy !== undefined; });
    var metric = accuracy ? "accuracy" : "rmse";
    var trainMetric = column(lines, "train_" + metric), validationMetric = column(lines, "validation_" + metric);
    if (trainMetric.y.some(isFinite)) {
      box.appendChild(lineChart(accuracy ? "Accuracy" : "RMSE", "epoch", [
        {name: "train", color: COLORS.train, x: trainMetric.x, y: trainMetric.y, dots: true},
        {name: "validation", color: COLORS.validation, x: validationMetric.x, y: validationMetric.y, dots: true}],
        {}));
    }
    if (perEpoch) {
      box.appendChild(lineChart("Learning rate α (schedule)", "epoch",
        [{name: "alpha", color: COLORS.rate, x: stepX, y: steps.rate}], {}));
    }
  }

  function progress(root, state) {
    var box = section(root, "progress", "Progress");
    var last = state.epochLines.length ? state.epochLines[state.epochLines.length - 1] : null;
    var done = state.steps.step.length ? state.steps.step[state.steps.step.length - 1] : (last ? last.steps : 0);
    var total = state.stepsPerEpoch * state.epochs;
    var elapsed = state.steps.t.length ? state.steps.t[state.steps.t.length - 1] : (last ? last.elapsed_seconds : NaN);
    var rows = [["epoch", (last ? (last.epoch || last.iteration) : 0) + " of " + state.epochs]];
    if (total > 0) {
      rows.push(["step", done + " of " + total]);
      var bar = el("div", {"class": "bar"});
      bar.appendChild(el("div", {"class": "fill", style: "width:" + Math.min(100, 100 * done / total).toFixed(1) + "%"}));
      box.appendChild(bar);
    }
    rows.push(["examples/s", last ? Number(last.examples_per_second).toLocaleString("en") : "—"]);
    rows.push(["elapsed", seconds(elapsed) + (state.steps.t.length ? " (since the page opened)" : "")]);
    var t = state.steps.t, n = t.length;
    if (state.status === "running" && total > 0 && n > 1) {
      // From the steps' own pace: the time before the first step (Spark, the data) is no guide.
      rows.push(["ETA", seconds((t[n - 1] - t[0]) / (n - 1) * (total - done))]);
    }
    box.appendChild(table(rows, "progress-table"));
  }

  /** The per-step split of the driver's wall time, summed over groups of steps when there are many. */
  function timings(root, state) {
    var box = section(root, "timings", "Where a step's time goes");
    var steps = state.steps, n = steps.step.length;
    var totals = {slowest: 0, overhead: 0, broadcast: 0, update: 0, compute: 0};
    var source;
    if (n > 0) {
      for (var i = 0; i < n; i++) {
        SEGMENTS.forEach(function (s) { totals[s[0]] += steps[s[0]][i]; });
        totals.compute += steps.compute[i];
      }
      source = "the sum of the " + n + " steps drawn";
    } else if (state.summary && state.summary.step_jobs_seconds !== undefined) {
      var sm = state.summary;
      totals = {slowest: sm.slowest_compute_seconds, overhead: sm.step_jobs_seconds - sm.slowest_compute_seconds,
        broadcast: sm.broadcast_seconds, update: sm.update_seconds, compute: sm.compute_seconds};
      source = "the run's summary";
    } else {
      box.appendChild(el("p", {"class": "note"}, "No step has been timed yet."));
      return;
    }
    if (n > 0) {
      var group = Math.ceil(n / MAX_BARS), bars = Math.ceil(n / group);
      var w = 940, h = 200, left = 58, top = 10, bottom = 26, width = (w - left - 10) / bars;
      var heights = [], max = 0;
      for (var b = 0; b < bars; b++) {
        var seg = {};
        SEGMENTS.forEach(function (s) { seg[s[0]] = 0; });
        for (var j = b * group; j < Math.min(n, (b + 1) * group); j++) {
          SEGMENTS.forEach(function (s) { seg[s[0]] += steps[s[0]][j] / group; });
        }
        heights.push(seg);
        max = Math.max(max, SEGMENTS.reduce(function (t, s) { return t + seg[s[0]]; }, 0));
      }
      var chart = svg("svg", {width: w, height: h, viewBox: "0 0 " + w + " " + h, id: "timing-bars", "class": "chart",
        "data-bars": String(bars)});
      heights.forEach(function (seg, k) {
        var y = h - bottom;
        SEGMENTS.forEach(function (s) {
          var hh = max > 0 ? seg[s[0]] / max * (h - top - bottom) : 0;
          y -= hh;
          chart.appendChild(svg("rect", {x: left + k * width, y: y, width: Math.max(1, width - 1), height: hh,
            fill: COLORS[s[0]]}));
        });
      });
      chart.appendChild(svg("text", {x: left - 4, y: top + 8, "class": "tick", "text-anchor": "end"},
        (1000 * max).toFixed(1) + " ms"));
      chart.appendChild(svg("text", {x: left - 4, y: h - bottom, "class": "tick", "text-anchor": "end"}, "0"));
      chart.appendChild(svg("text", {x: (left + w) / 2, y: h - 6, "class": "axis", "text-anchor": "middle"},
        group > 1 ? "step (each bar the mean of " + group + ")" : "step"));
      box.appendChild(chart);
    }
    var rows = SEGMENTS.map(function (s) {
      return [el("span", {"class": "swatch", style: "background:" + COLORS[s[0]]}), s[1],
        el("span", {id: "total-" + s[0]}, totals[s[0]].toFixed(3))];
    });
    rows.push(["", "compute over all tasks", el("span", {id: "total-compute"}, totals.compute.toFixed(3))]);
    var t = table(rows, "timing-table", ["", "part", "seconds"]);
    box.appendChild(t);
    box.appendChild(el("p", {"class": "note"}, "Totals are " + source + ". A step's wall time is its slowest"
      + " task's compute, Spark's overhead (scheduling, shipping and aggregating: the job's time less that task's),"
      + " the Θ broadcast and the driver's update; the tasks' compute together is the last row."));
  }

  function tiles(root, state) {
    if (!state.tiles) { return; }
    var box = section(root, "tiles", "First layer's weights");
    box.appendChild(el("img", {id: "tiles-image", src: "data:image/png;base64," + state.tiles.png,
      alt: "first layer tiles"}));
    box.appendChild(el("p", {"class": "note"}, "Each tile is one unit's incoming weights (bias left out), black at"
      + " its smallest and white at its largest; after epoch " + state.tiles.epoch + "."));
  }

  function confusion(root, state) {
    var c = state.confusion;
    if (!c) { return; }
    var box = section(root, "confusion", "Confusion matrix (" + c.dataset + ")");
    var max = 1;
    c.counts.forEach(function (row) { row.forEach(function (v) { max = Math.max(max, v); }); });
    var t = el("table", {id: "confusion-table", "class": "confusion"});
    var head = el("tr");
    head.appendChild(el("th", {}, "actual \\ predicted"));
    c.classes.forEach(function (name) { head.appendChild(el("th", {}, name)); });
    t.appendChild(head);
    c.counts.forEach(function (row, a) {
      var tr = el("tr");
      tr.appendChild(el("th", {}, c.classes[a]));
      row.forEach(function (v) {
        var level = v / max;
        var shade = "rgb(" + Math.round(247 - 198 * level) + "," + Math.round(251 - 121 * level) + ","
          + Math.round(255 - 66 * level) + ")";
        tr.appendChild(el("td", {"class": "n", style: "background:" + shade + (level > 0.6 ? ";color:#fff" : "")}, v));
      });
      t.appendChild(tr);
    });
    box.appendChild(t);
  }

  function table(rows, id, header) {
    var t = el("table", id ? {id: id} : {});
    if (header) {
      var tr = el("tr");
      header.forEach(function (h) { tr.appendChild(el("th", {}, h)); });
      t.appendChild(tr);
    }
    rows.forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (cell, k) {
        var td = el(k === 0 && !header ? "th" : "td");
        if (cell instanceof Node) { td.appendChild(cell); } else { td.textContent = String(cell); }
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    return t;
  }

  function pairs(map) {
    return Object.keys(map || {}).map(function (k) { return [k, map[k]]; });
  }

  function ending(root, state) {
    if (state.status === "failed") {
      root.appendChild(el("p", {id: "error-line", "class": "error"}, state.error));
    }
    if (state.summary) {
      var box = section(root, "summary", "Final summary");
      box.appendChild(table(pairs(state.summary), "summary-table"));
    }
  }

  function runTable(root, state) {
    var box = section(root, "run", "Run");
    var rows = pairs(state.run).map(function (row) {
      if (/^https?:\/\//.test(String(row[1]))) {
        return [row[0], el("a", {href: row[1]}, row[1])];
      }
      return row;
    });
    box.appendChild(table(rows, "run-table"));
    var config = section(root, "config", "Configuration");
    config.appendChild(table(pairs(state.config), "config-table"));
  }

  /** Draws the whole page for {@code state} into the element with id sparkprop-page. */
  function draw(state) {
    var root = document.getElementById("sparkprop-page");
    root.textContent = "";
    var title = el("h1", {}, state.title + " ");
    title.appendChild(el("span", {id: "status", "class": "status " + state.status}, state.status));
    root.appendChild(title);
    ending(root, state);
    progress(root, state);
    curves(root, state);
    timings(root, state);
    tiles(root, state);
    confusion(root, state);
    runTable(root, state);
  }

  /**
   * Appends the steps after the ones held (the server sends only those), and keeps the held tiles
   * when the server left them out (it does while the page holds their version).
   */
  function merge(held, update) {
    if (!held) { return update; }
    if (!("tiles" in update)) { update.tiles = held.tiles; }
    var steps = held.steps;
    Object.keys(update.steps).forEach(function (key) {
      if (Array.isArray(update.steps[key])) { steps[key] = steps[key].concat(update.steps[key]); }
    });
    update.steps = steps;
    return update;
  }

  /** The live page: polls {@code url} twice a second until the run is over and the server gone. */
  function live(url) {
    var state = null;
    function poll() {
      var held = state ? state.steps.step.length : 0;
      var tilesHeld = state && state.tiles && state.tiles.version !== undefined ? state.tiles.version : -1;
      fetch(url + "?since=" + held + "&tiles=" + tilesHeld, {cache: "no-store"}).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      }).then(function (update) {
        state = merge(state, update);
        draw(state);
        if (state.status === "running") { setTimeout(poll, 500); }
      }).catch(function () {
        var status = document.getElementById("status");
        if (status) { status.textContent = "disconnected"; status.className = "status failed"; }
      });
    }
    poll();
  }

  return {draw: draw, live: live};
})();
