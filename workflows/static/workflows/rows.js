/* Rows of a form (workflows/rows.py): spare blank rows are hidden until "Add",
 * a row is removed in place (its removal box ticked). Without this script the
 * rows work as plain HTML: blank rows are ignored, ticked rows dropped. */
(function () {
  "use strict";
  function filled(row) {
    return row.classList.contains("has-error") || Array.prototype.some.call(
      row.querySelectorAll("input:not([type=hidden]):not([type=checkbox]), textarea"),
      function (input) { return input.value.trim() !== ""; }
    );
  }

  function setUp(rows) {
    var list = rows.querySelector("[data-row-list]");
    var template = rows.querySelector("template[data-row-template]");
    var total = rows.querySelector("input[name$='-TOTAL_FORMS']");

    function removable(row) {
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button secondary person-remove";
      remove.textContent = rows.dataset.removeLabel;
      remove.addEventListener("click", function () {
        row.querySelector("[data-row-delete]").checked = true;
        row.hidden = true;
        row.dataset.removed = "1";
      });
      row.querySelector(".person-delete").hidden = true;
      row.appendChild(remove);
    }

    function addRow() {
      var row = list.querySelector("[data-row][hidden]:not([data-removed])");
      if (!row) {
        var index = parseInt(total.value, 10);
        list.insertAdjacentHTML(
          "beforeend", template.innerHTML.replace(/__prefix__/g, String(index))
        );
        row = list.lastElementChild;
        total.value = String(index + 1);
        removable(row);
      }
      row.hidden = false;
      var first = row.querySelector("input:not([type=hidden]):not([type=checkbox])");
      if (first) first.focus();
    }

    Array.prototype.forEach.call(list.querySelectorAll("[data-row]"), function (row) {
      removable(row);
      if (row.querySelector("[data-row-delete]").checked) {
        row.hidden = true;
        row.dataset.removed = "1";
      } else if (!filled(row)) {
        row.hidden = true;  /* a blank spare row, shown again by "Add" */
      }
    });
    var add = document.createElement("button");
    add.type = "button";
    add.className = "button secondary";
    add.textContent = rows.dataset.addLabel;
    add.setAttribute("data-row-add", "");
    add.addEventListener("click", addRow);
    rows.appendChild(add);
    rows.querySelectorAll("noscript").forEach(function (n) { n.remove(); });
  }

  document.querySelectorAll("[data-rows]").forEach(setUp);
})();
