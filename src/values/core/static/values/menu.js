// The main menu: below 48rem it folds behind a "Menu" button (site.css decides where), and each group of
// links (Programme, Knowledge, Volunteering, Manage) is a disclosure button that opens its list.
// Escape closes the open list (or the folded menu) and returns focus to the button that opened it.
// Without JavaScript the buttons stay hidden: each group's name is shown above its links, all of them open.
(function () {
  "use strict";
  var button = document.querySelector(".menu-button");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) {
    return;
  }
  var groups = Array.prototype.slice.call(menu.querySelectorAll(".nav-group-button"));

  function show(toggle, open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function openGroup() {
    return groups.filter(function (toggle) { return toggle.getAttribute("aria-expanded") === "true"; })[0];
  }
  function closeGroups(except) {
    groups.forEach(function (toggle) { if (toggle !== except) { show(toggle, false); } });
  }

  document.documentElement.classList.add("menu-ready");
  groups.forEach(function (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      closeGroups(toggle);
      show(toggle, open);
    });
  });
  button.addEventListener("click", function () {
    show(button, button.getAttribute("aria-expanded") !== "true");
  });
  // A click or focus outside an open group's list closes it, as a person tabbing on expects.
  document.addEventListener("click", function (event) {
    var open = openGroup();
    if (open && !open.parentNode.contains(event.target)) {
      show(open, false);
    }
  });
  document.addEventListener("focusin", function (event) {
    var open = openGroup();
    if (open && !open.parentNode.contains(event.target)) {
      show(open, false);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var open = openGroup();
    if (open) {
      var insideGroup = open.parentNode.contains(document.activeElement);
      show(open, false);
      if (insideGroup) {
        open.focus();
      }
      return;
    }
    if (button.getAttribute("aria-expanded") === "true") {
      var inside = menu.contains(document.activeElement);
      show(button, false);
      if (inside) {
        button.focus();
      }
    }
  });
})();
