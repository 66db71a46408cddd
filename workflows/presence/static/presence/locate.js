/* Proof of presence: a form marked data-locate asks the phone for its position
 * when it is sent (the browser asks the person first) and fills its hidden
 * latitude, longitude and accuracy fields. Refused, unavailable or slow: the
 * form is sent without them and the server records "location unknown". */
(function () {
  "use strict";
  var WAIT = 10000;  // ms a phone may take to find itself

  function field(form, name) { return form.querySelector('input[name="' + name + '"]'); }

  function send(form, submitter) {
    form.dataset.located = "1";
    if (form.requestSubmit) form.requestSubmit(submitter || undefined);
    else form.submit();
  }

  function located(form, submitter, position) {
    var c = position.coords;
    field(form, "latitude").value = c.latitude.toFixed(6);
    field(form, "longitude").value = c.longitude.toFixed(6);
    field(form, "accuracy").value = Math.round(c.accuracy);
    send(form, submitter);
  }

  document.querySelectorAll("form[data-locate]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.located || !field(form, "latitude") ||
          field(form, "latitude").value) return;
      event.preventDefault();
      if (!navigator.geolocation) { send(form, event.submitter); return; }
      var status = form.querySelector("[data-locate-status]");
      if (status) status.hidden = false;
      var done = false;
      function once(fn) { return function (arg) { if (!done) { done = true; fn(arg); } }; }
      var ok = once(function (p) { located(form, event.submitter, p); });
      var fail = once(function () { send(form, event.submitter); });
      setTimeout(fail, WAIT + 1000);
      navigator.geolocation.getCurrentPosition(ok, fail,
        { enableHighAccuracy: true, timeout: WAIT, maximumAge: 60000 });
    });
  });
})();
