/*
 * Questionnaire page: background saving that never loses input.
 *
 * Progressive enhancement: without this file every button still saves the page by a normal POST.
 * With it, the page's form is posted to the autosave URL a few seconds after the last change and when the
 * page is hidden or left. Every change is also kept in localStorage (key: token + page) until the server has
 * confirmed it, so that input typed while offline, or in a tab that crashed, is sent (or put back on the
 * page) later. The server refuses a save based on an outdated revision (409); then we stop and let the
 * respondent look at the differences instead of overwriting anything.
 */
(function () {
  "use strict";

  var form = document.getElementById("kr-questionnaire");
  var summary = document.getElementById("error-summary") || document.getElementById("conflict-summary");
  if (summary) { summary.focus(); }
  if (!form) { return; }

  var DELAY_MS = 2500;
  var url = form.getAttribute("data-autosave-url");
  var storageKey = form.getAttribute("data-storage-key");
  var serverSavedAt = parseInt(form.getAttribute("data-saved-at") || "0", 10);
  var revisionInput = form.querySelector("input[name=revision]");
  var status = document.getElementById("autosave-status");
  var conflictButton = form.querySelector(".kr-show-conflict");
  var comment = form.querySelector("textarea[name=comment]");
  var counter = document.getElementById("id_comment-count");

  var timer = null;
  var inflight = null;      // Promise of the save in progress
  var pending = false;      // a change came in while a save was under way
  var changeSeq = 0;        // bumped on every change; a save clears "dirty" only if nothing changed meanwhile
  var savedSeq = 0;
  var stopped = false;      // after a conflict or a refusal: no more background saves
  var submitting = false;   // a button was pressed: the normal POST saves, the page is going away

  function msg(name, time) {
    var text = form.getAttribute("data-msg-" + name) || "";
    return time ? text.replace("%(time)s", time) : text;
  }

  function say(text, problem) {
    if (!status) { return; }
    status.textContent = text;
    status.classList.toggle("kr-status-problem", !!problem);
  }

  function dirty() { return changeSeq !== savedSeq; }

  function csrfToken() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input && input.value) { return input.value; }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // --- localStorage: the input that the server has not confirmed yet ---------------------------------

  function answerFields() {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name.indexOf("item-") === 0 || name === "comment") { fields.push([name, String(value)]); }
    });
    return fields;
  }

  function storeLocal() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({
        v: 1, savedAt: Date.now(), revision: parseInt(revisionInput.value, 10), fields: answerFields()
      }));
    } catch (e) { /* storage full or disabled: the server save still happens */ }
  }

  function readLocal() {
    try { return JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { return null; }
  }

  function clearLocal() {
    try { localStorage.removeItem(storageKey); } catch (e) { /* nothing to clear */ }
  }

  function sameAsForm(fields) {
    var current = JSON.stringify(answerFields().sort());
    return JSON.stringify(fields.slice().sort()) === current;
  }

  function restoreLocal() {
    var entry = readLocal();
    if (!entry || entry.v !== 1 || !entry.fields) { return false; }
    var newer = entry.revision === parseInt(revisionInput.value, 10) || entry.savedAt > serverSavedAt;
    if (!newer || sameAsForm(entry.fields)) { clearLocal(); return false; }
    entry.fields.forEach(function (pair) {
      var name = pair[0], value = pair[1];
      if (name === "comment" && comment) { comment.value = value; return; }
      var radios = form.querySelectorAll("input[type=radio]");
      for (var i = 0; i < radios.length; i++) {
        if (radios[i].name === name && radios[i].value === value) { radios[i].checked = true; }
      }
    });
    // Saved against the revision it was typed on: if the page changed elsewhere since, the server says so.
    revisionInput.value = String(entry.revision);
    return true;
  }

  // --- Saving -------------------------------------------------------------------------------------------

  function send(options) {
    options = options || {};
    if (stopped || submitting || !url) { return Promise.resolve(); }
    if (inflight && !options.keepalive) {
      // One save at a time, each carrying the revision the previous one returned.
      pending = true;
      return inflight;
    }
    var seq = changeSeq;
    storeLocal();
    if (navigator.onLine === false) {
      say(msg("offline"), true);
      return Promise.resolve();
    }
    var body = new FormData(form);
    var request = fetch(url, {
      method: "POST", body: body, credentials: "same-origin", keepalive: !!options.keepalive,
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest", "Accept": "application/json" }
    });
    if (options.keepalive) { return Promise.resolve(); }  // the page is going away; localStorage has the rest
    say(msg("saving"));
    inflight = request.then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        handle(response.status, data, seq, options);
      });
    }, function () {
      say(msg("offline"), true);  // network failure: keep it locally, the "online" event sends it
    }).then(function () {
      inflight = null;
      if (pending) { pending = false; if (dirty()) { return send(); } }
    });
    return inflight;
  }

  function handle(code, data, seq, options) {
    if (data && typeof data.revision === "number" && !data.conflict) {
      revisionInput.value = String(data.revision);
      serverSavedAt = data.saved_at ? Date.parse(data.saved_at) : serverSavedAt;
    }
    if (code === 200 && data.ok) {
      savedSeq = Math.max(savedSeq, seq);
      if (!dirty()) { clearLocal(); } else { storeLocal(); }
      say(msg(options.afterOffline ? "sent-later" : "saved", data.saved_at_display));
    } else if (code === 400) {
      savedSeq = Math.max(savedSeq, seq);
      storeLocal();  // keep what could not be stored (e.g. an overlong comment) for a later visit
      say(msg("error"), true);
    } else if (code === 409 && data.conflict) {
      stopped = true;
      say(data.message || msg("stopped"), true);
      if (conflictButton) { conflictButton.hidden = false; }
    } else if (code >= 400 && code < 500) {
      stopped = true;
      say((data && data.message) || msg("stopped"), true);
    } else {
      // A 5xx (e.g. 503 "busy") or a proxy page: retried on the next change or when back online.
      say((data && data.message) || msg("offline"), true);
    }
  }

  function changed() {
    changeSeq += 1;
    storeLocal();
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(function () { timer = null; send(); }, DELAY_MS);
  }

  function flush(keepalive) {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!submitting && dirty()) { send({ keepalive: keepalive }); }
  }

  form.addEventListener("change", changed);
  if (comment) { comment.addEventListener("input", changed); }

  // A button press posts the whole page itself. Wait for a background save still under way, so that both
  // do not carry the same revision; the server would otherwise see the second as coming from a stale page.
  form.addEventListener("submit", function (event) {
    if (timer) { clearTimeout(timer); timer = null; }
    if (inflight && !submitting) {
      event.preventDefault();
      var submitter = event.submitter;
      submitting = true;
      inflight.then(function () {
        if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
      });
      return;
    }
    submitting = true;
    // localStorage is kept: should this POST fail, the input is restored on the next visit.
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { flush(true); }
  });
  window.addEventListener("pagehide", function () { flush(true); });
  window.addEventListener("online", function () {
    if (dirty() && !stopped) { send({ afterOffline: true }); }
  });
  window.addEventListener("offline", function () { if (dirty()) { say(msg("offline"), true); } });
  // Back/forward cache: the page may show an outdated copy; reload the saved state (input is stored).
  window.addEventListener("pageshow", function (event) { if (event.persisted) { window.location.reload(); } });

  // --- Comment length ------------------------------------------------------------------------------------

  function count() {
    if (!comment || !counter) { return; }
    var max = parseInt(counter.getAttribute("data-max"), 10);
    // Counted as the server counts (rounds/forms_respond.py CommentField): line breaks as one character and
    // leading/trailing white space left out, so that the counter and the length message agree.
    var length = Array.from(comment.value.replace(/\r\n/g, "\n").trim()).length;
    counter.textContent = "(" + length + "/" + max + ")";
    counter.classList.toggle("kr-count-over", length > max);
  }
  if (comment) { comment.addEventListener("input", count); count(); }

  if (restoreLocal()) {
    changeSeq += 1;
    count();
    say(msg("restored"));
    send();
  }
})();
