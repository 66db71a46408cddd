/* Live updates for every page: a socket that says what changed, and a resync
 * from the server that shows the truth. An event of a task names the tabs its
 * row left ("from") and entered ("to"): the page moves its counts, drops a row
 * that left the tab shown and fetches only a row that entered it or changed;
 * nothing else is fetched. Delivery is at most once, so a page that missed an
 * event (the server says "resync": a sequence number skipped) or reconnected
 * re-reads whole, at a random moment of the next few seconds so that pages
 * behind together do not all ask at once; without JavaScript a reload does. */
(function () {
  "use strict";
  var body = document.body;
  if (!body.dataset.live) return;
  var results = document.getElementById("queue-results");
  var notice = document.getElementById("live-notice");
  var expired = document.getElementById("session-expired");
  var delay = 1000, busy = false, again = false, known = null, ended = false;
  var socket = null, greeted = false, pending = null;
  var SPREAD = 5000;  // ms over which a page behind picks its resync

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

  function shout(texts) {
    var lang = document.documentElement.lang || "zh-hans";
    var text = texts[lang] || texts["zh-hans"] || "";
    var box = document.getElementById("urgent-notice");
    if (!box) {
      box = document.createElement("div");
      box.id = "urgent-notice";
      box.className = "notice urgent";
      box.setAttribute("role", "alert");
      document.body.insertBefore(box, document.body.firstChild);
    }
    box.textContent = text;
    box.hidden = false;
  }

  function setBadge(count) {
    document.querySelectorAll("[data-badge]").forEach(function (badge) {
      badge.textContent = count;
    });
  }

  function setUnread(count) {
    document.querySelectorAll("[data-unread-badge]").forEach(function (badge) {
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

  function later() {
    // Behind (a missed event, a reconnect): resync whole, at a random moment.
    if (pending) return;
    pending = setTimeout(function () { pending = null; resync(); },
                         Math.random() * SPREAD);
  }

  function count(tab, step) {
    if (tab !== "mine" && tab !== "offered" && tab !== "snoozed") return;
    document.querySelectorAll('[data-count="' + tab + '"]').forEach(function (span) {
      span.textContent = Math.max(0, Number(span.textContent) + step);
    });
    if (tab === "snoozed") return;  // a snoozed task is out of the badge
    document.querySelectorAll("[data-badge]").forEach(function (badge) {
      badge.textContent = Math.max(0, Number(badge.textContent) + step);
    });
  }

  function applied() {
    body.dataset.applied = String(Number(body.dataset.applied || 0) + 1);
  }

  function rowRemove(key) {
    var row = results.querySelector('[data-row="' + key + '"]');
    if (row) row.remove();
    var tbody = results.querySelector("tbody");
    if (tbody && !tbody.querySelector("[data-row]") && !tbody.querySelector("[data-empty]")) {
      var empty = document.createElement("tr"), cell = document.createElement("td");
      empty.dataset.empty = "";
      cell.colSpan = 7;
      cell.textContent = results.dataset.empty || "";
      empty.appendChild(cell);
      tbody.appendChild(empty);
    }
  }

  function rowInsert(fresh) {
    var tbody = results.querySelector("tbody");
    tbody.querySelectorAll("[data-empty]").forEach(function (row) { row.remove(); });
    var after = null;
    tbody.querySelectorAll("[data-sort]").forEach(function (row) {
      if (!after && row.dataset.sort > fresh.dataset.sort) after = row;
    });
    tbody.insertBefore(fresh, after);
  }

  function rowFetch(id, key) {
    // Only this row of the tab shown, under the page's filters: the server
    // answers it as the page would show it, or nothing if it is not there.
    fetch(results.dataset.fragmentUrl + "&row=" + id,
          { credentials: "same-origin", redirect: "manual",
            headers: { "X-Requested-With": "live" } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          endSession();
          return null;
        }
        if (!response.ok) { later(); return null; }
        setBadge(response.headers.get("X-Queue-Count") || "0");
        return response.text();
      })
      .then(function (html) {
        if (html === null) return;
        var holder = document.createElement("template");
        holder.innerHTML = html;
        var fresh = holder.content.querySelector("tr");
        var old = results.querySelector('[data-row="' + key + '"]');
        if (!fresh) rowRemove(key);
        else if (old) old.replaceWith(fresh);
        else {
          var now = taskRows(holder.content);  // before the row leaves the holder
          rowInsert(fresh);
          if (known && fresh.dataset.task) {
            announce([now[fresh.dataset.task]]);
            known[fresh.dataset.task] = now[fresh.dataset.task];
          }
        }
        applied();
      })
      .catch(function () { later(); });
  }

  function apply(event) {
    count(event.from, -1);
    count(event.to, 1);
    if (!results) { applied(); return; }
    var tab = results.dataset.tab;
    if (tab === "filed") {
      if (event.filed) rowFetch(event.process, "request-" + event.process);
      else applied();
      return;
    }
    if (event.from !== tab && event.to !== tab) { applied(); return; }
    if (results.querySelector(".pagination")) { resync(); return; }  // rows shift pages
    if (event.to !== tab) {
      rowRemove("task-" + event.task);
      if (known) delete known[event.task];
      applied();
      return;
    }
    rowFetch(event.task, "task-" + event.task);
  }

  function received(message) {
    var event = {};
    try { event = JSON.parse(message.data); } catch (error) { /* resync */ }
    if (event.type === "pong") return;
    if (event.type === "hello") {
      if (greeted) later(); else resync();  // a reconnect: maybe behind
      greeted = true;
      return;
    }
    // A background import's progress: its own page follows it (import-progress.js).
    if (event["import"]) return;
    // A fault ticket changed: the dispatch board follows it (faults/board.js).
    if (event.fault && !event.resync) return;
    // The user's unread notifications changed (workflows/notifications).
    if (event.notifications) {
      setUnread(event.notifications.unread);
      if (event.resync) later();
      return;
    }
    // A notice to read at once (an urgent work-log entry), in the page's language.
    if (event.notice) { shout(event.notice); return; }
    if (event.resync || !("from" in event)) { later(); return; }
    apply(event);
  }

  function connect() {
    if (ended) return;
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + body.dataset.live);
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = received;
    socket.onclose = function (event) {
      if (ended) return;
      // Logged out (4401) or refused: the session may be gone, a resync tells
      // (and says "session expired" instead of reconnecting for ever). Any
      // other close (a restart closes every page's) resyncs spread out.
      if (event.code === 4401) { resync(); return; }
      later();
      setTimeout(connect, delay + Math.random() * 500);
      delay = Math.min(delay * 2, 30000);
    };
  }

  if (results) known = taskRows(results);
  connect();
})();
