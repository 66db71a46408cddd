/* A background import's progress bar (registry/_import_progress.html): fed by
 * the live socket's import events for this run; when the run ends the page
 * reloads and shows its result. Delivery is at most once, so a page that
 * hears nothing for a while (or loses its socket) reloads itself too; without
 * JavaScript the page's <noscript> refresh does. */
(function () {
  "use strict";
  var section = document.querySelector("[data-import-run]");
  if (!section) return;
  var run = Number(section.dataset.importRun);
  var bar = section.querySelector("[data-import-progress]");
  var done = section.querySelector("[data-import-done]");
  var QUIET = 15000, quiet = null;

  function later() {
    clearTimeout(quiet);
    quiet = setTimeout(function () { location.reload(); }, QUIET);
  }

  function received(message) {
    var event = {};
    try { event = JSON.parse(message.data); } catch (error) { return; }
    var state = event["import"];
    if (!state || state.run !== run) return;
    later();
    if (state.status !== "queued" && state.status !== "running") {
      location.reload();
      return;
    }
    bar.max = state.total;
    bar.value = state.done;
    bar.textContent = state.done + " / " + state.total;
    if (done) done.textContent = state.done;
  }

  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var socket = new WebSocket(scheme + location.host + section.dataset.liveUrl);
  socket.onmessage = received;
  socket.onclose = function () { later(); };
  later();
})();
