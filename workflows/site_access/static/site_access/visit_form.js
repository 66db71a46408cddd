/* Site-visit form: show the pre-work checklist of the chosen site's kind (all
 * checklists are on the page already; without this script the server shows the
 * chosen site's after a post, and every kind's before). */
(function () {
  "use strict";
  var prework = document.querySelector("[data-prework]");
  var site = document.querySelector("select[name=site]");
  if (!prework || !site) return;
  var none = prework.querySelector("[data-no-checklist]");

  function show() {
    var option = site.options[site.selectedIndex];
    var kind = option ? option.dataset.kind || "" : "";
    var found = false;
    prework.querySelectorAll("[data-checklist-kind]").forEach(function (list) {
      var mine = !kind || list.dataset.checklistKind === kind;
      list.hidden = !mine;
      if (mine && kind) found = true;
    });
    if (none) none.hidden = !kind || found;
  }
  site.addEventListener("change", show);
  show();
})();
