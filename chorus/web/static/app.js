// Chorus article pages: when a link targets a span that was split into pieces
// (a quote running over two sentences), highlight every piece, not only the
// first one that CSS :target reaches. Reads element attributes only.
(function () {
  "use strict";
  function mark() {
    var active = document.querySelectorAll("mark.hl-active");
    for (var i = 0; i < active.length; i++) active[i].classList.remove("hl-active");
    var key = decodeURIComponent(window.location.hash.slice(1));
    if (!key) return;
    var pieces = document.querySelectorAll("mark[data-span]");
    for (var j = 0; j < pieces.length; j++) {
      if (pieces[j].getAttribute("data-span") === key) pieces[j].classList.add("hl-active");
    }
  }
  window.addEventListener("hashchange", mark);
  document.addEventListener("DOMContentLoaded", mark);
})();
