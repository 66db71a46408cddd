/* The dashboard's charts (Apache ECharts, served by the portal) and live
 * refresh. The page carries its data (#dashboard-panels); each panel's chart
 * draws from it and its table is already there. When a request of a company
 * the page shows changes, its socket says so ({"type": "dashboard.changed",
 * "company": id})
 * and the page refetches its data once things settle (debounced: a burst of
 * steps is one refetch, yet a steady stream refreshes at least every few
 * debounce periods). Delivery is at most once, so a reconnect refetches too. */
(function () {
  "use strict";
  var root = document.querySelector("[data-dashboard]");
  var source = document.getElementById("dashboard-panels");
  if (!root || !source) return;
  var charts = {};
  var DEBOUNCE = Number(root.dataset.debounce || 3000), MAX_WAIT = 4 * DEBOUNCE;
  var shown = root.dataset.companies.split(",").filter(Boolean).map(Number);
  var timer = null, first = null, busy = false, again = false;
  var socket = null, greeted = false, delay = 1000, ended = false;

  function text(value) {
    return value === null || value === undefined ? "\u2014" : String(value);
  }

  function fillTable(section, panel) {
    var tbody = section.querySelector("[data-table] tbody");
    tbody.textContent = "";
    if (!panel.rows.length) {
      var empty = document.createElement("tr"), note = document.createElement("td");
      empty.dataset.emptyRow = "";
      note.colSpan = panel.columns.length;
      note.textContent = tbody.dataset.empty;
      empty.appendChild(note);
      tbody.appendChild(empty);
      return;
    }
    panel.rows.forEach(function (row) {
      var tr = document.createElement("tr");
      panel.columns.forEach(function (column) {
        var td = document.createElement("td");
        td.dataset.label = column.label;
        if (column.numeric) td.className = "num";
        td.textContent = text(row[column.key]);
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
  }

  function draw(panels, tables) {
    panels.forEach(function (panel) {
      var section = root.querySelector('[data-panel="' + panel.key + '"]');
      if (!section) return;
      if (window.echarts) {
        var holder = section.querySelector("[data-chart]");
        var chart = charts[panel.key] || (charts[panel.key] = window.echarts.init(holder));
        chart.setOption(panel.chart, true);
      }
      if (tables) fillTable(section, panel);
    });
  }

  function refetch() {
    if (ended) return;
    if (busy) { again = true; return; }
    busy = true;
    fetch(root.dataset.url, { credentials: "same-origin", redirect: "manual",
                              headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403 || response.type === "opaqueredirect") {
          ended = true;
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) return;
        draw(data.panels, true);
        root.dataset.refreshed = String(Number(root.dataset.refreshed || 0) + 1);
        var note = root.querySelector("[data-refresh-note]");
        if (note) note.hidden = false;
      })
      .catch(function () { /* the next event or reconnect refetches */ })
      .finally(function () {
        busy = false;
        if (again) { again = false; refetch(); }
      });
  }

  function soon() {
    // Debounced: wait for DEBOUNCE ms of quiet, but never more than MAX_WAIT.
    var now = Date.now();
    if (first === null) first = now;
    clearTimeout(timer);
    timer = setTimeout(function () { first = null; timer = null; refetch(); },
                       Math.max(0, Math.min(DEBOUNCE, first + MAX_WAIT - now)));
  }

  function received(message) {
    var event = {};
    try { event = JSON.parse(message.data); } catch (error) { return; }
    if (event.type === "hello") {
      if (greeted) soon();  // a reconnect: an event may have been missed
      greeted = true;
      return;
    }
    if (event.type === "dashboard.changed" && shown.indexOf(event.company) !== -1) soon();
  }

  function connect() {
    var path = root.dataset.socket;
    if (!path || ended || !window.WebSocket) return;
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + path);
    socket.onopen = function () { delay = 1000; root.dataset.live = "open"; };
    socket.onmessage = received;
    socket.onclose = function (event) {
      root.dataset.live = "closed";
      if (event.code === 4401 || event.code === 4403) return;  // logged out, refused
      setTimeout(connect, delay + Math.random() * 500);
      delay = Math.min(delay * 2, 30000);
    };
  }

  draw(JSON.parse(source.textContent), false);
  window.addEventListener("resize", function () {
    Object.keys(charts).forEach(function (key) { charts[key].resize(); });
  });
  connect();
})();
