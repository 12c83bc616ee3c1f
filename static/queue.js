// The queue's live pages, over server-sent events (EventSource reconnects by itself):
// - the waiting-room display: each call goes to the top, with a chime and, where the
//   browser can speak, the code and counter read out in the page's language;
// - a citizen's ticket: the live region says where they are and "your turn: counter 3";
// - the clerk's counter: the N key presses "Call next".
// Without JavaScript the display and the ticket reload themselves (a meta refresh).
(function () {
  "use strict";

  var display = document.querySelector("main[data-stream]");
  if (display) {
    var now = document.getElementById("now");
    var list = document.getElementById("calls");
    var sound = document.getElementById("sound");
    var audio = null;
    var soundOn = false;
    // Browsers play sound only after a gesture on the page: the screen's first click
    // (or this button) turns it on.
    if (sound) {
      sound.hidden = false;
      sound.addEventListener("click", function () {
        var Ctx = window.AudioContext || window.webkitAudioContext;
        if (Ctx && !audio) { audio = new Ctx(); }
        soundOn = true;
        sound.textContent = sound.getAttribute("data-on");
      });
    }
    var chime = function () {
      if (!soundOn || !audio) { return; }
      [660, 880].forEach(function (f, i) {
        var o = audio.createOscillator();
        var g = audio.createGain();
        o.frequency.value = f;
        g.gain.setValueAtTime(0.2, audio.currentTime + i * 0.35);
        g.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.35 + 0.3);
        o.connect(g); g.connect(audio.destination);
        o.start(audio.currentTime + i * 0.35);
        o.stop(audio.currentTime + i * 0.35 + 0.32);
      });
    };
    var speak = function (call) {
      if (!soundOn || !("speechSynthesis" in window)) { return; }
      var text = display.getAttribute("data-speech")
        .replace("{code}", call.code.split("-").join(" "))
        .replace("{counter}", call.counter_name || "");
      var u = new SpeechSynthesisUtterance(text);
      u.lang = display.getAttribute("data-lang") || "it";
      window.setTimeout(function () { window.speechSynthesis.speak(u); }, 800);
    };
    var cell = function (text, ltr) {
      var td = document.createElement("td");
      td.textContent = text;
      if (ltr) { td.dir = "ltr"; }
      return td;
    };
    var source = new EventSource(display.getAttribute("data-stream"));
    source.addEventListener("call", function (e) {
      var call = JSON.parse(e.data);
      now.textContent = "";
      var code = document.createElement("p");
      code.className = "now-code";
      code.dir = "ltr";
      code.textContent = call.code;
      var counter = document.createElement("p");
      counter.className = "now-counter";
      counter.textContent = call.counter_name || "";
      now.appendChild(code);
      now.appendChild(counter);
      var row = document.createElement("tr");
      row.appendChild(cell(call.code, true));
      row.appendChild(cell(call.counter_name || "", false));
      row.appendChild(cell((call.called_at || "").slice(11, 16), false));
      list.insertBefore(row, list.firstChild);
      while (list.children.length > 8) { list.removeChild(list.lastChild); }
      chime();
      speak(call);
    });
  }

  var ticket = document.getElementById("ticket");
  if (ticket && ticket.getAttribute("data-source")) {
    var says = document.getElementById("ticket-says");
    var last = ticket.classList.contains("called") ? "called" : "";
    var events = new EventSource(ticket.getAttribute("data-source"));
    events.addEventListener("ticket", function (e) {
      var t = JSON.parse(e.data);
      if (says.textContent !== t.says) { says.textContent = t.says; }
      ticket.classList.toggle("called", t.status === "called");
      // Vibrate once, when the call comes, not at every later news of it.
      if (t.status === "called" && last !== "called" && navigator.vibrate) { navigator.vibrate([300, 150, 300]); }
      last = t.status;
      if (t.status === "done" || t.status === "cancelled" || t.status === "absent") { events.close(); }
    });
  }

  var call = document.getElementById("call-next");
  if (call) {
    call.form.addEventListener("submit", function (e) {
      if (call.disabled) { e.preventDefault(); return; }
      // Disabled after the form has taken the button's name and value.
      window.setTimeout(function () { call.disabled = true; }, 0);
    });
    document.addEventListener("keydown", function (e) {
      var tag = (e.target && e.target.tagName) || "";
      if (e.ctrlKey || e.metaKey || e.altKey || /INPUT|SELECT|TEXTAREA/.test(tag)) { return; }
      // One press, one call: a held key repeats, and a second press before the page is
      // back would call a second citizen to this counter.
      if ((e.key === "n" || e.key === "N") && !e.repeat && !call.disabled) {
        e.preventDefault();
        call.click();
      }
    });
  }
})();
