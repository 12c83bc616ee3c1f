// Keeps a room's door screen current: polls the occupancy API every 5 seconds with the
// session cookie (a GET, so no CSRF token is needed) and rewrites the figures. If an
// update fails the screen says so rather than showing stale numbers as current.
(function () {
  "use strict";
  var door = document.getElementById("door");
  if (!door) return;
  var room = door.dataset.room;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show(o) {
    var busiest = Math.max(o.present, o.planned_now);
    var full = busiest >= o.limit_now;
    document.getElementById("present").textContent = o.present;
    document.getElementById("planned").textContent = o.planned_now;
    document.getElementById("limit").textContent = o.limit_now;
    door.classList.toggle("full", full);
    document.getElementById("door-state").textContent = full
      ? door.dataset.full
      : Math.max(0, o.limit_now - busiest) + " " + door.dataset.free;
    var d = new Date();
    document.getElementById("updated").textContent = pad(d.getHours()) + ":" + pad(d.getMinutes());
  }
  function poll() {
    fetch("/api/v1/rooms/" + room + "/occupancy", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(show)
      .catch(function () { document.getElementById("door-state").textContent = door.dataset.stale; })
      .then(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 5000);
})();
