// Reload a page that shows work in progress (a planner run), until the work is done.
// The page says so in a status message; without JavaScript its "Refresh now" link does the same.
(function () {
  "use strict";
  var marker = document.querySelector("[data-refresh-seconds]");
  if (!marker) {
    return;
  }
  var seconds = parseInt(marker.getAttribute("data-refresh-seconds"), 10) || 2;
  window.setTimeout(function () {
    window.location.reload();
  }, seconds * 1000);
})();
