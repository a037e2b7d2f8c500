// Leakline dashboard script: draws the stage chart with uPlot (served from
// /assets/uplot.js) and fills the sections computed on request (anomalies). Pages work
// without it; it only adds. No inline scripts anywhere, so the pages' CSP can
// stay `script-src 'self'`.
(function () {
  'use strict';

  var cssVar = function (name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  };

  // vertical dashed lines for the moments that matter, shaded bands for coordinated bursts
  function drawOverlays(u, marks, bursts) {
    var ctx = u.ctx;
    var top = u.bbox.top;
    var height = u.bbox.height;
    var ratio = window.devicePixelRatio || 1;
    ctx.save();
    ctx.fillStyle = cssVar('--accent') || '#b3261e';
    ctx.globalAlpha = 0.18;
    bursts.forEach(function (b) {
      var x0 = u.valToPos(b[0], 'x', true);
      var x1 = u.valToPos(b[1], 'x', true);
      ctx.fillRect(Math.min(x0, x1 - 3 * ratio), top, Math.max(3 * ratio, x1 - x0), height);
    });
    ctx.globalAlpha = 1;
    ctx.setLineDash([5 * ratio, 4 * ratio]);
    ctx.lineWidth = ratio;
    ctx.font = 11 * ratio + 'px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    // labels take the first row where they overlap no earlier label
    var rows = [];
    var narrow = u.bbox.width / ratio < 520;
    marks.forEach(function (m, i) {
      var x = Math.round(u.valToPos(m.t, 'x', true));
      var color = cssVar('--' + m.stage) || cssVar('--muted');
      ctx.strokeStyle = color;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      var label = narrow ? String(i + 1) : m.label;
      var w = ctx.measureText(label).width;
      var tx = x + 4 * ratio + w > u.bbox.left + u.bbox.width ? x - 4 * ratio - w : x + 4 * ratio;
      var row = 0;
      while (rows[row] !== undefined && rows[row] > tx - 6 * ratio) row++;
      rows[row] = tx + w;
      var ty = top + 4 * ratio + row * 15 * ratio;
      ctx.fillStyle = cssVar('--bg');
      ctx.globalAlpha = 0.85;
      ctx.fillRect(tx - 2 * ratio, ty - ratio, w + 4 * ratio, 14 * ratio);
      ctx.globalAlpha = 1;
      ctx.fillStyle = color;
      ctx.fillText(label, tx, ty);
    });
    ctx.restore();
  }

  function drawStageChart(box) {
    if (typeof window.uPlot !== 'function') return null;
    var data = JSON.parse(box.getAttribute('data-chart'));
    var bursts = data.bursts || [];
    var width = function () {
      return Math.max(280, box.clientWidth);
    };
    var height = function () {
      return window.innerWidth < 600 ? 240 : 320;
    };
    var axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--line'), width: 1 }, ticks: { stroke: cssVar('--line'), width: 1 } };
    // 24-hour UTC times and ISO-ordered dates, as everywhere else on the dashboard:
    // [tick step, format, then the new-line formats on a change of year, month, day, hour, minute, second, mode]
    var timeTicks = [
      [3600 * 24 * 365, '{YYYY}', null, null, null, null, null, null, 1],
      [3600 * 24 * 28, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
      [3600 * 24, '{MMM} {D}', '\n{YYYY}', null, null, null, null, null, 1],
      [3600, '{HH}:00', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1],
      [60, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1],
      [1, '{HH}:{mm}:{ss}', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1],
    ];
    var opts = {
      width: width(),
      height: height(),
      tzDate: function (ts) {
        return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');
      },
      scales: { x: { time: true }, y: data.log ? { distr: 3 } : { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      series: [{ label: 'time (UTC)' }].concat(
        data.series.map(function (s) {
          return { label: s.label, stroke: cssVar('--' + s.stage), width: 2, paths: uPlot.paths.stepped({ align: 1 }), points: { show: false }, spanGaps: false };
        }),
      ),
      legend: { live: false },
      axes: [Object.assign({ values: timeTicks }, axis), Object.assign({ label: data.log ? 'sources so far (log)' : 'sources so far', labelSize: 20, size: 56 }, axis)],
      hooks: { draw: [function (u) { drawOverlays(u, data.marks, bursts); }] },
    };
    box.textContent = '';
    var chart = new uPlot(opts, [data.x].concat(data.series.map(function (s) { return s.values; })), box);
    box.setAttribute('data-drawn', String(data.x.length));
    box.setAttribute('data-bursts', String(bursts.length));
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        if (Math.abs(chart.width - width()) > 4) chart.setSize({ width: width(), height: height() });
      }).observe(box);
    }
    return chart;
  }

  // fetches a page computed on request and moves its section here; the link stays when that fails
  function fillLazy(slot) {
    fetch(slot.getAttribute('data-lazy'), { headers: { accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var part = doc.getElementById(slot.getAttribute('data-part'));
        if (!part) throw new Error('no section');
        slot.replaceChildren(document.importNode(part, true));
        slot.removeAttribute('aria-busy');
      })
      .catch(function () {
        slot.removeAttribute('aria-busy');
        slot.setAttribute('data-failed', 'true');
      });
  }

  /**
   * Live updates over server-sent events: stage transitions are prepended to
   * the overview's feed; on a leak page, new sightings of that leak bring a
   * notice with a link to reload. Text is set with textContent only.
   */
  function followLive() {
    var feed = document.getElementById('transition-feed');
    var leakBox = document.getElementById('leak-live');
    if ((!feed && !leakBox) || typeof EventSource === 'undefined') return;
    var source = new EventSource('/api/events');
    function onTransition(event) {
      var data = JSON.parse(event.data);
      if (feed) {
        var item = document.createElement('li');
        item.className = 'feed-live';
        var link = document.createElement('a');
        link.href = '/leaks/' + encodeURIComponent(data.leak);
        link.textContent = data.message;
        item.appendChild(link);
        var empty = feed.querySelector('.muted');
        if (empty) empty.remove();
        feed.insertBefore(item, feed.firstChild);
      }
      if (leakBox && data.leak === leakBox.getAttribute('data-leak')) notice(data.message);
    }
    function notice(text) {
      var bar = document.getElementById('live-notice');
      if (!bar) {
        bar = document.createElement('p');
        bar.id = 'live-notice';
        bar.setAttribute('role', 'status');
        leakBox.insertBefore(bar, leakBox.firstChild);
      }
      bar.textContent = text + ' ';
      var reload = document.createElement('a');
      reload.href = location.pathname + location.search;
      reload.textContent = 'Reload to see them';
      bar.appendChild(reload);
    }
    source.addEventListener('stage.entered', onTransition);
    source.addEventListener('leak.entered_mainstream', onTransition);
    source.addEventListener('sightings.updated', function (event) {
      var data = JSON.parse(event.data);
      if (leakBox && data.leak === leakBox.getAttribute('data-leak')) notice(data.message);
      var row = document.querySelector('tr[data-leak="' + (window.CSS && CSS.escape ? CSS.escape(data.leak) : data.leak) + '"]');
      if (row) row.classList.add('live-updated');
    });
  }

  function start() {
    var box = document.getElementById('stage-chart');
    if (box) drawStageChart(box);
    document.querySelectorAll('[data-lazy]').forEach(fillLazy);
    followLive();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
