/* Staff-change form: person rows added and removed in place, a filter over the
 * leaving people, and the cap as the form stands, asked from the server (the
 * rule stays there). Without this script the form works as plain HTML. */
(function () {
  "use strict";
  var people = document.querySelector("[data-people]");
  if (!people) return;
  var form = people.closest("form");
  var rows = people.querySelector("[data-person-rows]");
  var template = people.querySelector("template[data-person-template]");
  var total = people.querySelector("input[name$='-TOTAL_FORMS']");

  function filled(row) {
    return Array.prototype.some.call(
      row.querySelectorAll("input:not([type=hidden]):not([type=checkbox])"),
      function (input) { return input.value.trim() !== ""; }
    ) || row.classList.contains("has-error");
  }

  function removable(row) {
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button secondary person-remove";
    remove.textContent = people.dataset.removeLabel;
    remove.addEventListener("click", function () {
      row.querySelector("[data-person-delete]").checked = true;
      row.hidden = true;
      row.dataset.removed = "1";
      changed();
    });
    row.querySelector(".person-delete").hidden = true;
    row.appendChild(remove);
  }

  function addRow() {
    var hidden = rows.querySelector("[data-person-row][hidden]:not([data-removed])");
    var row = hidden;
    if (!row) {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      row = rows.lastElementChild;
      total.value = String(index + 1);
      removable(row);
    }
    row.hidden = false;
    var first = row.querySelector("input[name$='-name']");
    if (first) first.focus();
  }

  Array.prototype.forEach.call(rows.querySelectorAll("[data-person-row]"), function (row, i) {
    removable(row);
    if (row.querySelector("[data-person-delete]").checked) {
      row.hidden = true;
      row.dataset.removed = "1";
    } else if (i > 0 && !filled(row)) {
      row.hidden = true;  /* a blank spare row, shown again by "Add a person" */
    }
  });
  var add = document.createElement("button");
  add.type = "button";
  add.className = "button secondary";
  add.textContent = people.dataset.addLabel;
  add.setAttribute("data-person-add", "");
  add.addEventListener("click", function () { addRow(); changed(); });
  people.appendChild(add);
  people.querySelectorAll("noscript").forEach(function (n) { n.remove(); });
  /* The leaving people: filter as you type, only the chosen contract's. */
  var picker = form.querySelector("[data-picker]");
  var contract = form.querySelector("select[name=contract]");
  function pick() {
    if (!picker) return;
    var filter = picker.querySelector("[data-picker-filter]");
    var words = filter.value.trim().toLowerCase();
    var chosen = [];
    picker.querySelectorAll(".picker-option").forEach(function (option) {
      var box = option.querySelector("input");
      var sameContract = !contract || !contract.value || !option.dataset.contract ||
        option.dataset.contract === contract.value;
      var match = option.textContent.toLowerCase().indexOf(words) !== -1;
      option.hidden = !box.checked && (!sameContract || !match);
      if (box.checked) chosen.push(option.textContent.trim().split(" · ")[0]);
    });
    var summary = picker.querySelector("[data-picker-chosen]");
    summary.textContent = chosen.length
      ? summary.dataset.label + " " + chosen.join("、")
      : summary.dataset.none;
  }
  if (picker) {
    var filter = picker.querySelector("[data-picker-filter]");
    filter.hidden = false;
    picker.querySelector("[data-picker-chosen]").hidden = false;
    picker.classList.add("filtering");
    filter.addEventListener("input", pick);
    filter.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();  /* Enter picks the only match, never submits */
      var shown = picker.querySelectorAll(".picker-option:not([hidden]) input:not(:checked)");
      if (shown.length === 1) { shown[0].checked = true; filter.value = ""; pick(); changed(); }
    });
    pick();
  }

  /* The cap as the form stands: the server counts, with the flow's own rule. */
  var cap = form.querySelector("[data-cap]");
  var timer = null;
  function count() {
    var ins = 0;
    rows.querySelectorAll("[data-person-row]").forEach(function (row) {
      var name = row.querySelector("input[name$='-name']");
      if (!row.hidden && name && name.value.trim()) ins += 1;
    });
    var outs = form.querySelectorAll("[data-picker] input[type=checkbox]:checked").length;
    var kind = form.querySelector("input[name=kind]:checked");
    return { ins: ins, outs: outs, kind: kind ? kind.value : "" };
  }
  function refresh() {
    if (!contract || !contract.value || !contract.dataset.capUrl) return;
    var now = count();
    var query = new URLSearchParams({
      contract: contract.value, kind: now.kind, ins: now.ins, outs: now.outs,
      exclude: contract.dataset.capExclude || ""
    });
    fetch(contract.dataset.capUrl + "?" + query, {
      credentials: "same-origin", headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (usage) {
      if (!usage) return;
      if (!cap) {
        cap = document.createElement("p");
        cap.setAttribute("data-cap", "");
        cap.setAttribute("aria-live", "polite");
        people.parentNode.appendChild(cap);
      }
      cap.className = "cap-usage " + (usage.within_cap ? "ok" : "warn");
      cap.textContent = usage.text;
    }).catch(function () { /* the server decides on submit anyway */ });
  }
  function changed() {
    pick();
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  refresh();
})();
