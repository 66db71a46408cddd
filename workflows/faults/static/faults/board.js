/* The dispatch board, live: every second each open row counts down to its
 * SLA limit and turns to warning or overdue on time; a ticket event (the
 * socket's "fault") fetches that row under the board's filters, adding,
 * replacing or dropping it; a (re)connect re-reads every row, since delivery
 * is at most once. Without JavaScript a reload shows the same. */
(function () {
  "use strict";
  var script = document.currentScript;
  var rows = document.getElementById("board-rows");
  if (!rows) return;

  function left(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return h + ":" + String(m).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
  }

  function tick() {
    var now = Date.now();
    rows.querySelectorAll("tr[data-due]").forEach(function (row) {
      if (row.hasAttribute("data-restored") || !row.dataset.due) return;
      var due = Date.parse(row.dataset.due), warn = Date.parse(row.dataset.warning);
      var flag = row.dataset.sla;
      if (flag !== "overdue" && now >= due) flag = "overdue";
      else if (flag === "ok" && now >= warn) flag = "warning";
      row.dataset.sla = flag;
      row.className = flag === "ok" ? "" : "sla-" + flag;
      var cell = row.querySelector("[data-countdown]");
      cell.textContent = flag === "overdue" ? rows.dataset.overdue : left(due - now);
    });
  }

  function fetchRows(pk) {
    var url = rows.dataset.rowsUrl + (pk ? "&pk=" + pk : "");
    return fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "live" } })
      .then(function (r) { return r.ok ? r.text() : null; });
  }

  function empty() {
    rows.querySelectorAll("[data-empty]").forEach(function (r) { r.remove(); });
  }

  function refresh(pk) {
    fetchRows(pk).then(function (html) {
      if (html === null) return;
      if (!pk) { rows.innerHTML = html; tick(); return; }
      var holder = document.createElement("template");
      holder.innerHTML = html;
      var fresh = holder.content.querySelector("tr[data-ticket]");
      var old = rows.querySelector('tr[data-ticket="' + pk + '"]');
      if (!fresh) { if (old) old.remove(); }
      else if (old) old.replaceWith(fresh);
      else { empty(); rows.insertBefore(fresh, rows.firstChild); }
      tick();
      document.body.dataset.boardApplied = String(Number(document.body.dataset.boardApplied || 0) + 1);
    }).catch(function () { /* the next event or reconnect re-reads */ });
  }

  var delay = 1000, greeted = false;
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + script.dataset.liveUrl);
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (message) {
      var event = {};
      try { event = JSON.parse(message.data); } catch (e) { return; }
      if (event.type === "hello") { if (greeted) refresh(); greeted = true; return; }
      if (event.fault) refresh(String(event.fault));
      else if (event.resync) refresh();
    };
    socket.onclose = function (e) {
      if (e.code === 4401) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  tick();
  setInterval(tick, 1000);
  connect();
})();
