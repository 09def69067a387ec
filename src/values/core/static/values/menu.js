// The main menu folds behind a "Menu" button on narrow screens (site.css decides where).
// Without JavaScript the button stays hidden and the menu is simply shown.
(function () {
  "use strict";
  var button = document.querySelector(".menu-button");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) {
    return;
  }
  function show(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  document.documentElement.classList.add("menu-ready");
  button.addEventListener("click", function () {
    show(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      var inside = menu.contains(document.activeElement);
      show(false);
      if (inside) {
        button.focus();
      }
    }
  });
})();
