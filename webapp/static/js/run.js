// "Run visible cases" without leaving the page: the button posts the submission form to the
// run endpoint asking for JSON, puts the server-rendered pending box (already escaped HTML)
// under the form, and js/result.js's poller swaps in the case list once the worker is done.
// The editor keeps its text. Without JavaScript the button posts the same form (its
// formaction) and the browser lands on the run's own page.
(function () {
  "use strict";
  function say(box, text) {
    var note = document.createElement("p");
    note.className = "flash error";
    note.setAttribute("data-testid", "run-refused");
    note.textContent = text;
    box.replaceChildren(note);
  }
  function start() {
    var button = document.querySelector("[data-run-visible]");
    var box = document.querySelector("[data-run-result]");
    if (!button || !box || !window.fetch || !window.FormData) return;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var form = button.form;
      var area = form.querySelector("textarea[data-editor]");
      if (area && area.dlgradeEditor) area.dlgradeEditor.save();
      button.disabled = true;
      window.fetch(button.formAction, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(
            function (body) { return { ok: response.ok, body: body }; },
            function () { return { ok: false, body: { message: "HTTP " + response.status } }; }
          );
        })
        .then(function (answer) {
          if (answer.ok && typeof answer.body.html === "string") {
            box.innerHTML = answer.body.html;
            var pending = box.querySelector("[data-poll-url]");
            if (pending && window.dlgradePoll) window.dlgradePoll(pending);
          } else {
            say(box, answer.body.message || box.getAttribute("data-failed-text"));
          }
          box.scrollIntoView({ block: "nearest" });
        })
        .catch(function () { say(box, box.getAttribute("data-failed-text")); })
        .then(function () { button.disabled = false; });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
