/* Scores, grades and states of monthly assessments, kept current live: each
 * element marked data-assessment-score / -grade / -state="<id>" is updated
 * from the socket's assessment events. A page of one assessment (data-
 * assessment-page) also reloads its lines quietly, unless a form on it is
 * being filled in. Delivery is at most once: a reconnect re-reads the page. */
(function () {
  "use strict";
  var script = document.currentScript;
  function labels(id) {
    var node = document.getElementById(id);
    try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
  }
  var grades = labels("assessment-grades"), states = labels("assessment-states");
  var page = document.querySelector("[data-assessment-page]");

  function set(kind, id, text) {
    var nodes = document.querySelectorAll("[data-assessment-" + kind + '="' + id + '"]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = text;
  }

  function busy() {
    var fields = document.querySelectorAll("main textarea, main input[type=file]");
    for (var i = 0; i < fields.length; i++) if (fields[i].value) return true;
    return false;
  }

  function refresh() {
    if (!page || busy()) return;
    fetch(location.href, { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) {
      if (!html) return;
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.querySelector("main"), here = document.querySelector("main");
      if (fresh && here && !busy()) here.innerHTML = fresh.innerHTML;
    });
  }

  function received(message) {
    var event = {};
    try { event = JSON.parse(message.data); } catch (e) { return; }
    if (event.type === "hello") { if (page && seen) refresh(); seen = true; return; }
    var a = event.assessment;
    if (!a) return;
    set("score", a.id, a.score);
    set("grade", a.id, grades[a.grade] || a.grade);
    set("state", a.id, states[a.state] || a.state);
    if (page && Number(page.dataset.assessmentPage) === a.id) refresh();
  }

  var delay = 1000, seen = false;
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + script.dataset.liveUrl);
    socket.onmessage = received;
    socket.onopen = function () { delay = 1000; };
    socket.onclose = function (e) {
      if (e.code === 4401) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
