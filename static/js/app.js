// Small enhancements; every page works without this file.
(function () {
  "use strict";

  // Copy buttons: <button data-copy="#id"> copies the value or text of #id.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) return;
    var text = source.value !== undefined ? source.value : source.textContent;
    var done = function () {
      var old = button.textContent;
      button.textContent = document.documentElement.lang === "en" ? "Copied ✓" : "已复制 ✓";
      setTimeout(function () { button.textContent = old; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { source.select && source.select(); });
    } else if (source.select) {
      source.select();
      try { document.execCommand("copy"); done(); } catch (e) { /* leave it selected */ }
    }
  });

  // Confirmation for destructive buttons: <button data-confirm="…">.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.hasAttribute("data-confirm") && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
      return;
    }
    // Prevent double submits of the same form (the server also guards against them).
    var form = event.target;
    if (form.method.toLowerCase() === "post") {
      if (form.dataset.submitted) { event.preventDefault(); return; }
      form.dataset.submitted = "1";
      if (button) { setTimeout(function () { button.disabled = true; }, 0); }
    }
  });

  // Move focus to the error summary so screen readers announce it.
  var errors = document.getElementById("form-errors");
  if (errors) errors.focus();
})();

// ---- Volunteers: open the certificate fields when "certified" is chosen. ----
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches(".specialty select")) return;
    var details = select.closest(".specialty").querySelector("details.cert");
    if (details && select.value === "certified") details.open = true;
  });
})();

// ---- Drives (issue 4): on the intake form, show the "other item" name and unit
// fields only when "other" is chosen in that line's item list.
(function () {
  "use strict";
  var boxes = document.querySelectorAll("[data-other-for]");
  Array.prototype.forEach.call(boxes, function (box) {
    var select = document.getElementById(box.getAttribute("data-other-for"));
    if (!select) return;
    var sync = function () {
      var hasValue = Array.prototype.some.call(box.querySelectorAll("input"), function (input) {
        return input.value !== "";
      });
      box.hidden = select.value !== "other" && !hasValue;
    };
    select.addEventListener("change", sync);
    sync();
  });
})();
