/* Garda charts: draws Chart.js charts from data the page carries, with no inline script
   (the Content-Security-Policy is script-src 'self').

   <canvas data-chart data-chart-source="ID"> reads <script type="application/json" id="ID">
   (Django's json_script); <canvas data-chart data-chart-data='{...}'> reads the attribute.
   The data:
     {"type": "cumulative" | "bar" | "line",
      "labels": ["Januari", ...],
      "series": [{"label": "...", "kind": "line" | "bar", "values": [1, 2, null, ...]}],
      "reference": {"label": "Pagu", "value": 123}     // optional horizontal line
      "unit": "rupiah" | "percent" | "number"}         // optional, default rupiah
   Every chart also has its numbers in a table on the page: the chart is a picture of it.

   Chart.js (210 KB, 70 KB compressed) is fetched from this script's data-chartjs URL when the
   first chart comes into view, and each chart is drawn when it does: on a phone the charts
   sit below the first screen, and a visitor who reads only the figures on top neither
   downloads nor runs it (decision 0021). Without IntersectionObserver everything is drawn at
   once. A page may also load vendor/chartjs/chart.umd.min.js itself, before this script. */
(function () {
  'use strict';

  var script = document.currentScript;
  var CHARTJS_URL = script ? script.getAttribute('data-chartjs') : null;
  var waiting = [];

  var COLOURS = ['#0b5d3b', '#6c8ebf', '#b85450', '#d6b656', '#82b366'];

  function locale() {
    var lang = (document.documentElement.getAttribute('lang') || 'id').toLowerCase();
    return lang.indexOf('en') === 0 ? 'en-GB' : 'id-ID';
  }

  function formatter(unit) {
    var loc = locale();
    if (unit === 'percent') {
      var pct = new Intl.NumberFormat(loc, {maximumFractionDigits: 1});
      return function (v) { return pct.format(v) + '%'; };
    }
    if (unit === 'number') {
      var num = new Intl.NumberFormat(loc);
      return function (v) { return num.format(v); };
    }
    var grouped = new Intl.NumberFormat(loc, {maximumFractionDigits: 0});
    var compact = new Intl.NumberFormat(loc, {notation: 'compact', maximumFractionDigits: 1});
    return function (v, short) { return 'Rp' + (short ? compact : grouped).format(v); };
  }

  function readData(canvas) {
    var sourceId = canvas.getAttribute('data-chart-source');
    var text = sourceId ? (document.getElementById(sourceId) || {}).textContent
                        : canvas.getAttribute('data-chart-data');
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  function build(data) {
    var format = formatter(data.unit || 'rupiah');
    var datasets = (data.series || []).map(function (series, i) {
      var colour = COLOURS[i % COLOURS.length];
      var kind = series.kind || (data.type === 'bar' ? 'bar' : 'line');
      return {
        type: kind,
        label: series.label,
        data: series.values,
        borderColor: colour,
        backgroundColor: kind === 'bar' ? colour + '66' : colour,
        borderWidth: 2,
        pointRadius: kind === 'line' ? 3 : 0,
        spanGaps: false,
        order: kind === 'line' ? 0 : 1
      };
    });
    if (data.reference && data.reference.value) {
      datasets.push({
        type: 'line',
        label: data.reference.label,
        data: (data.labels || []).map(function () { return data.reference.value; }),
        borderColor: '#6c757d',
        borderDash: [6, 4],
        borderWidth: 1.5,
        pointRadius: 0,
        order: 2
      });
    }
    return {
      type: data.type === 'bar' ? 'bar' : 'line',
      data: {labels: data.labels || [], datasets: datasets},
      options: {
        responsive: true,
        aspectRatio: window.innerWidth < 576 ? 1.1 : 2.4,
        // Drawn once, not animated: each frame of a 400 ms animation redrew the chart, a
        // long task on a slow phone (Lighthouse's total blocking time; decision 0021).
        animation: false,
        interaction: {mode: 'index', intersect: false},
        plugins: {
          legend: {position: 'bottom'},
          tooltip: {
            callbacks: {
              label: function (ctx) {
                return ctx.dataset.label + ': ' + (ctx.parsed.y === null ? '–' : format(ctx.parsed.y));
              }
            }
          }
        },
        scales: {
          y: {beginAtZero: true, ticks: {callback: function (v) { return format(v, true); }}}
        }
      }
    };
  }

  function drawOne(canvas) {
    if (canvas.getAttribute('data-chart-drawn')) return;
    var data = readData(canvas);
    if (!data) return;
    canvas.setAttribute('data-chart-drawn', '1');
    new window.Chart(canvas, build(data));
  }

  // Runs `then` once Chart.js is there, fetching it (once) if this page did not load it.
  function withChartJs(then) {
    if (typeof window.Chart !== 'undefined') return then();
    if (!CHARTJS_URL) return;
    waiting.push(then);
    if (waiting.length > 1) return;
    var tag = document.createElement('script');
    tag.src = CHARTJS_URL;
    tag.onload = function () {
      var calls = waiting;
      waiting = [];
      calls.forEach(function (call) { call(); });
    };
    document.head.appendChild(tag);
  }

  var observer = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      withChartJs(function () { drawOne(entry.target); });
    });
  }) : null;

  function draw() {
    var canvases = document.querySelectorAll('canvas[data-chart]:not([data-chart-drawn])');
    Array.prototype.forEach.call(canvases, function (canvas) {
      if (observer) {
        observer.observe(canvas);
      } else {
        withChartJs(function () { drawOne(canvas); });
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
  document.addEventListener('htmx:afterSettle', draw);
})();
