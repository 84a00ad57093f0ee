// opcentrum pages: draws the charts described in `data-chart` attributes and
// keeps live parts (`data-live` + `data-body`) current from the server-sent
// events of /live. Served by the binary; no inline script anywhere.
(function () {
  'use strict';
  var charts = [];

  function drawCharts(root) {
    if (typeof Chart === 'undefined') { return; }
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    root.querySelectorAll('canvas[data-chart]').forEach(function (cv) {
      var cfg;
      try { cfg = JSON.parse(cv.getAttribute('data-chart')); } catch (e) { return; }
      charts.push(new Chart(cv, {
        type: 'line',
        data: { labels: cfg.labels, datasets: cfg.datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          spanGaps: true,
          scales: { y: { beginAtZero: true, title: { display: true, text: cfg.yLabel } } }
        }
      }));
    });
  }

  function typing(el) {
    var a = document.activeElement;
    return a && el.contains(a) && (a.tagName === 'INPUT' || a.tagName === 'SELECT' || a.tagName === 'TEXTAREA') && a.value !== '';
  }

  function live() {
    var el = document.getElementById('live');
    if (!el || typeof EventSource === 'undefined') { return; }
    var status = document.getElementById('live-status');
    var busy = false, again = false;
    function refresh() {
      if (busy) { again = true; return; }
      if (typing(el)) { again = true; setTimeout(refresh, 1000); return; }
      busy = true;
      fetch(el.getAttribute('data-body'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          el.innerHTML = html;
          drawCharts(el);
          el.setAttribute('data-refreshed', String(Date.now()));
        })
        .catch(function () { /* the next change tries again */ })
        .then(function () {
          busy = false;
          if (again) { again = false; refresh(); }
        });
    }
    var es = new EventSource(el.getAttribute('data-live'));
    es.addEventListener('open', function () { if (status) { status.setAttribute('data-connected', 'true'); } });
    es.addEventListener('change', refresh);
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts(document);
    live();
  });
})();
