// Camera scanning for the staff scan page. The form works without this script (a
// keyboard-wedge scanner types the code and Enter); this adds the camera: the browser's
// BarcodeDetector where it has one, else jsQR on canvas frames. A decoded code fills
// the field and submits the form; after the page comes back with the result, the camera
// starts again by itself (remembered for this tab), so the next citizen needs no click.
(function () {
  "use strict";
  var box = document.getElementById("camera");
  var form = document.getElementById("scan-form");
  var field = document.getElementById("code");
  if (!box || !form || !field) return;
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  box.hidden = false;
  var button = document.getElementById("camera-toggle");
  var status = document.getElementById("camera-status");
  var video = document.getElementById("camera-video");
  var canvas = document.getElementById("camera-canvas");
  var ctx = canvas.getContext("2d", { willReadFrequently: true });
  var stream = null;
  var detector = null;
  var busy = false;
  var KEY = "sportello.camera";
  var LAST = "sportello.lastcode";

  function recentlySent(code) {
    try {
      var last = JSON.parse(sessionStorage.getItem(LAST) || "null");
      return last && last.code === code && Date.now() - last.at < 20000;
    } catch (e) { return false; }
  }

  function found(code) {
    if (!code || busy || recentlySent(code)) return;
    busy = true;
    try { sessionStorage.setItem(LAST, JSON.stringify({ code: code, at: Date.now() })); } catch (e) {}
    field.value = code;
    form.submit();
  }

  function tick() {
    if (!stream) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      if (detector) {
        detector.detect(video).then(function (codes) {
          if (codes.length) found(codes[0].rawValue);
        }).catch(function () {});
      } else if (window.jsQR) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        var img = ctx.getImageData(0, 0, canvas.width, canvas.height);
        var hit = window.jsQR(img.data, img.width, img.height, { inversionAttempts: "dontInvert" });
        if (hit && hit.data) found(hit.data);
      }
    }
    setTimeout(tick, 150);
  }

  function stop() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    video.srcObject = null;
    video.removeAttribute("data-live");
    button.textContent = box.dataset.start;
    try { sessionStorage.removeItem(KEY); } catch (e) {}
  }

  function start() {
    var ready = Promise.resolve();
    if ("BarcodeDetector" in window && window.BarcodeDetector.getSupportedFormats) {
      ready = window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf("qr_code") >= 0) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      }).catch(function () {});
    }
    ready.then(function () {
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.setAttribute("data-live", "");
      video.play();
      button.textContent = box.dataset.stop;
      try { sessionStorage.setItem(KEY, "on"); } catch (e) {}
      box.dataset.decoder = detector ? "BarcodeDetector" : "jsQR";
      tick();
    }).catch(function () {
      status.textContent = box.dataset.unavailable;
      stop();
    });
  }

  button.addEventListener("click", function () { if (stream) stop(); else start(); });
  var on = false;
  try { on = sessionStorage.getItem(KEY) === "on"; } catch (e) {}
  if (on) start();
})();
