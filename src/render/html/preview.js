// folio preview: reloads the page when `folio serve` has rebuilt the book,
// and shows a failed rebuild's error over the last good page.
//
// The server sends `build` (the number of the last good build) when the
// page connects and after each good rebuild, and `failed` (the error,
// file:line first) after a failed one. A page whose build number is older
// reloads itself. Opened from a folder (no server), it does nothing.
(function () {
  "use strict";
  if (location.protocol === "file:" || !window.EventSource) {
    return;
  }
  var meta = document.querySelector("meta[name='folio-build']");
  var mine = meta ? meta.getAttribute("content") : "";

  function overlay() {
    var box = document.getElementById("folio-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "folio-error";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    return box;
  }

  var events = new EventSource("/_folio/events");
  events.addEventListener("build", function (e) {
    if (e.data !== mine) {
      location.reload();
      return;
    }
    var box = document.getElementById("folio-error");
    if (box) {
      box.parentNode.removeChild(box);
    }
  });
  events.addEventListener("failed", function (e) {
    overlay().textContent = "folio: the rebuild failed; this is the last good preview.\n\n" + e.data;
  });
})();
