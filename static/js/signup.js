// Sign-up page: a search box over the specialty list, and each ticked
// specialty's level shown. The page works without this file (the levels then
// keep their default, or CSS :has shows them).
(function () {
  "use strict";
  var picker = document.querySelector("#specialties.picker");
  if (!picker) return;
  var search = picker.querySelector("[data-picker-search]");
  var input = document.getElementById("specialty-filter");
  var none = picker.querySelector("[data-picker-none]");
  var picks = picker.querySelectorAll(".pick");
  var groups = picker.querySelectorAll(".pick-group");

  picker.addEventListener("change", function (event) {
    var box = event.target;
    if (box.type !== "checkbox") return;
    box.closest(".pick").classList.toggle("is-checked", box.checked);
  });

  function filter() {
    var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    Array.prototype.forEach.call(picks, function (pick) {
      var text = (pick.getAttribute("data-pick-text") + " " + pick.textContent).toLowerCase();
      var ticked = pick.querySelector("input[type=checkbox]").checked;
      var match = ticked || words.every(function (w) { return text.indexOf(w) !== -1; });
      pick.hidden = !match;
      if (match) shown += 1;
    });
    Array.prototype.forEach.call(groups, function (group) {
      group.hidden = !group.querySelector(".pick:not([hidden])");
    });
    none.hidden = shown > 0;
  }

  search.hidden = false;
  input.addEventListener("input", filter);
  // Enter in the search box should not send the form.
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") event.preventDefault();
  });
})();
