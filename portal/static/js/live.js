/* Live updates for every page: a socket that says "something changed", and a
 * resync from the server that shows the truth. Delivery is at most once, so
 * the page re-reads on every (re)connect; without JavaScript a reload does. */
(function () {
  "use strict";
  var body = document.body;
  if (!body.dataset.live) return;
  var results = document.getElementById("queue-results");
  var notice = document.getElementById("live-notice");
  var expired = document.getElementById("session-expired");
  var delay = 1000, busy = false, again = false, known = null, ended = false;
  var socket = null;

  function taskRows(root) {
    var rows = {};
    root.querySelectorAll("[data-task]").forEach(function (row) {
      rows[row.dataset.task] = row.querySelector(".step").textContent.trim() +
        " · " + row.querySelector("a").textContent.trim();
    });
    return rows;
  }

  function announce(fresh) {
    if (!notice || !fresh.length) return;
    var label = notice.dataset.label;  // "新任务：" needs no space, "New task:" does
    notice.textContent = label + (/[\u3000-\uffff]$/.test(label) ? "" : " ") + fresh.join("; ");
    notice.hidden = false;
    clearTimeout(notice.timer);
    notice.timer = setTimeout(function () { notice.hidden = true; }, 8000);
  }

  function setBadge(count) {
    document.querySelectorAll("[data-badge]").forEach(function (badge) {
      badge.textContent = count;
    });
  }

  function endSession() {
    // The server answers 401/403 to a resync once the session is gone: say
    // so, keep the rows shown, and stop asking.
    ended = true;
    if (socket) socket.close();
    if (!expired) return;
    // The link gets its address only now: while logged in, the login page
    // only redirects (and link checkers would call it dead).
    var login = expired.querySelector("[data-login]");
    login.href = login.dataset.login + "?next=" +
      encodeURIComponent(location.pathname + location.search);
    expired.hidden = false;
  }

  function resync() {
    if (ended) return;
    if (busy) { again = true; return; }
    busy = true;
    var url = results ? results.dataset.fragmentUrl : body.dataset.count;
    fetch(url, { credentials: "same-origin", redirect: "manual",
                 headers: { "X-Requested-With": "live" } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          endSession();
          return null;
        }
        if (!response.ok) return null;  // a failed resync: the next one retries
        setBadge(response.headers.get("X-Queue-Count") || "0");
        return results ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) return;
        results.innerHTML = html;
        var now = taskRows(results);
        if (known) {
          announce(Object.keys(now).filter(function (id) { return !(id in known); })
            .map(function (id) { return now[id]; }));
        }
        known = now;
        body.dataset.synced = String(Number(body.dataset.synced || 0) + 1);
      })
      .catch(function () { /* the next event or reconnect resyncs */ })
      .finally(function () {
        busy = false;
        if (again) { again = false; resync(); }
      });
  }

  function connect() {
    if (ended) return;
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + body.dataset.live);
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function () { resync(); };  // hello or queue.changed
    socket.onclose = function (event) {
      if (ended) return;
      // Logged out (4401) or refused: the session may be gone, a resync tells
      // (and says "session expired" instead of reconnecting for ever).
      resync();
      if (event.code === 4401) return;
      setTimeout(connect, delay + Math.random() * 500);
      delay = Math.min(delay * 2, 30000);
    };
  }

  if (results) known = taskRows(results);
  connect();
})();
