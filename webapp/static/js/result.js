// While a submission is queued or running, ask the server for its status and, once it has
// been graded, swap in the server-rendered result (already escaped HTML) without a reload.
// Without JavaScript the page says "refresh to see the result" and a refresh shows it.
// The same poller shows a trial run's result in place on the exercise page (js/run.js calls
// window.dlgradePoll on the pending box it inserts).
(function () {
  "use strict";
  function start() {
    var box = document.querySelector("[data-poll-url]");
    if (box) poll(box);
  }
  function poll(box) {
    if (!box || !window.fetch) return;
    var url = box.getAttribute("data-poll-url");
    var delay = 400;
    var deadline = Date.now() + 10 * 60 * 1000;
    var status = document.querySelector("[data-status-text]");
    function ask() {
      if (!box.isConnected) return; // replaced meanwhile (a newer run): stop asking
      window.fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          if (data.finished && typeof data.html === "string") {
            box.outerHTML = data.html;
            document.dispatchEvent(new CustomEvent("dlgrade:graded", { detail: data }));
            if (window.dlgradeRenderMath) window.dlgradeRenderMath();
            return;
          }
          if (status && data.status) status.textContent = data.status;
          schedule();
        })
        .catch(function () { schedule(); });
    }
    function schedule() {
      if (Date.now() > deadline) return;
      delay = Math.min(delay * 1.3, 3000);
      window.setTimeout(ask, delay);
    }
    box.classList.add("polling");
    window.setTimeout(ask, delay);
  }
  window.dlgradePoll = poll;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
