// The booking page's "Print" button: hidden without JavaScript (the browser's own print
// uses the same print stylesheet), shown and wired here. The only script of the citizens'
// pages; the Content-Security-Policy allows no inline handlers.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
