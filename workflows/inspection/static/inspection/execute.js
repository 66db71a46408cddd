// Save each checklist item without leaving the page; without JS the forms post.
// Photos carry the phone's position when allowed (presence/locate.js).
(function () {
  "use strict";
  document.querySelectorAll("form[data-item-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      // A photo first asks for the phone's position (presence/locate.js),
      // which sends the form again once it has it (or was refused).
      if (form.hasAttribute("data-locate") && !form.dataset.located) return;
      event.preventDefault();
      var status = form.querySelector("[data-status]");
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          status.textContent = data.ok
            ? form.dataset.savedText + (data.finding ? " · " + data.finding : "")
            : data.error;
          form.closest("li").toggleAttribute("data-saved", data.ok);
        })
        .catch(function () { form.submit(); });
    });
  });
})();
