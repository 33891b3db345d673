// The "wordt gemaakt" page of a PDF made by the worker (templates/reports/pending.html): asks the same address
// with ?poll=1 for the progress every few seconds, shows it, and opens the file once it is ready. Without this
// script the page reloads itself (the meta refresh in <noscript>).
(function () {
  "use strict";
  const box = document.getElementById("report-render");
  if (!box) return;
  const every = (Number(box.dataset.refreshSeconds) || 3) * 1000;
  const pollUrl = new URL(window.location.href);
  pollUrl.searchParams.set("poll", "1");
  const progress = box.querySelector("[role=progressbar]");
  const bar = box.querySelector(".progress-bar");
  const label = box.querySelector(".kr-render-label");

  function show(state) {
    box.dataset.status = state.status;
    if (progress) progress.setAttribute("aria-valuenow", String(state.percent));
    if (bar) bar.style.width = state.percent + "%";
    if (label) label.textContent = state.label;
    if (progress) progress.setAttribute("aria-valuetext", state.label);
  }

  async function check() {
    let state = null;
    try {
      const reply = await fetch(pollUrl, {headers: {Accept: "application/json"}, cache: "no-store",
                                          credentials: "same-origin"});
      if (reply.status === 200 || reply.status === 202) {
        state = await reply.json();
      } else {
        window.location.reload();  // a failed render or a lost session: the server's own page explains it
        return;
      }
    } catch (error) {
      state = null;  // offline for a moment: try again at the next tick
    }
    if (state && state.ready) {
      box.dataset.status = "done";
      window.location.assign(window.location.href);
      return;
    }
    if (state) show(state);
    window.setTimeout(check, every);
  }

  window.setTimeout(check, every);
})();
