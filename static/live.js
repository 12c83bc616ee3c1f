// Keeps a room's door screen current: polls the occupancy API every 5 seconds with the
// session cookie (a GET, so no CSRF token is needed) and rewrites the figures. If an
// update fails the screen says so rather than showing stale numbers as current.
(function () {
  "use strict";
  var door = document.getElementById("door");
  if (!door) return;
  var room = door.dataset.room;
  // The time in the office's zone, whatever the screen's own clock is set to.
  var lang = document.documentElement.lang || "it";
  var clock = new Intl.DateTimeFormat(lang + "-u-nu-latn", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: door.dataset.tz || undefined });
  // "3 free places" in the page's language: the server wrote the sentence for a few
  // sample numbers (data-free, JSON, the number as "#"); the one whose CLDR plural form
  // is the count's own is the right grammar for it.
  var samples = {};
  try { samples = JSON.parse(door.dataset.free || "{}"); } catch (e) { samples = {}; }
  var plural = new Intl.PluralRules(lang);
  function free(n) {
    var wanted = plural.select(n);
    var keys = Object.keys(samples);
    for (var i = 0; i < keys.length; i++) {
      if (plural.select(Number(keys[i])) === wanted) return samples[keys[i]].split("#").join(String(n));
    }
    return String(n);
  }
  function show(o) {
    var busiest = Math.max(o.present, o.planned_now);
    var full = busiest >= o.limit_now;
    document.getElementById("present").textContent = o.present;
    document.getElementById("planned").textContent = o.planned_now;
    document.getElementById("limit").textContent = o.limit_now;
    door.classList.toggle("full", full);
    document.getElementById("door-state").textContent = full
      ? door.dataset.full
      : free(Math.max(0, o.limit_now - busiest));
    document.getElementById("updated").textContent = clock.format(new Date());
  }
  function poll() {
    // A door screen opened by its secret link reads its own address; the staff's door
    // page reads the API with the session.
    var source = door.dataset.source || ("/api/v1/rooms/" + room + "/occupancy");
    fetch(source, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        // The session ended (12 hours by default): reloading shows the login form, and
        // after logging in the screen comes back by itself.
        if (r.status === 401 || (r.status === 404 && door.dataset.source)) { window.location.reload(); throw new Error(String(r.status)); }
        if (!r.ok) throw new Error(r.status);
        return r.json();
      })
      .then(show)
      .catch(function () { document.getElementById("door-state").textContent = door.dataset.stale; })
      .then(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 5000);
})();
