// Copy buttons for personal links. Progressive enhancement: the link is always visible as text, and the
// buttons stay hidden unless this script runs and the browser offers a clipboard.
(function () {
  "use strict";

  function announce(message) {
    var status = document.getElementById("copy-status");
    if (!status) return;
    status.textContent = "";
    // A fresh text node after clearing makes screen readers announce the same message twice in a row.
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function init() {
    if (!navigator.clipboard || !window.isSecureContext) return;
    var buttons = document.querySelectorAll("[data-copy-target]");
    Array.prototype.forEach.call(buttons, function (button) {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      if (!target) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = target.textContent.trim();
        navigator.clipboard.writeText(text).then(function () {
          announce(button.getAttribute("data-copied-message") || "");
        }, function () {
          selectText(target);
          announce(button.getAttribute("data-failed-message") || "");
        });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
