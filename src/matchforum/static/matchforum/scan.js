/* Badge scan page: read QR codes from the camera (or a photo) with jsQR and submit the
   code through the page's own form, which htmx posts to the server. No inline script: CSP. */
(function () {
  "use strict";

  var REPEAT_MS = 4000; // the same badge held up again is posted again only after this

  function start() {
    var panel = document.getElementById("scan-camera");
    var form = document.getElementById("scan-form");
    if (!panel || !form || typeof jsQR !== "function") return;
    var video = document.getElementById("scan-video");
    var canvas = document.getElementById("scan-canvas");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    var status = document.getElementById("scan-status");
    var startButton = document.getElementById("scan-start");
    var fileInput = document.getElementById("scan-file");
    var tokenInput = document.getElementById("scan-token");
    var last = { token: "", at: 0 };

    function say(text) { status.textContent = text; }

    function decode(source, width, height) {
      if (!width || !height) return null;
      canvas.width = width;
      canvas.height = height;
      context.drawImage(source, 0, 0, width, height);
      var pixels = context.getImageData(0, 0, width, height);
      var found = jsQR(pixels.data, width, height, { inversionAttempts: "attemptBoth" });
      return found && found.data ? found.data : null;
    }

    function submit(token) {
      var now = Date.now();
      if (token === last.token && now - last.at < REPEAT_MS) return;
      last = { token: token, at: now };
      tokenInput.value = token;
      form.requestSubmit();
    }

    function scanFrame() {
      if (video.readyState >= video.HAVE_CURRENT_DATA) {
        var token = decode(video, video.videoWidth, video.videoHeight);
        if (token) submit(token);
      }
      window.setTimeout(scanFrame, 250);
    }

    function startCamera() {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        say(panel.dataset.msgNoCamera);
        return;
      }
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (stream) {
          video.srcObject = stream;
          video.hidden = false;
          startButton.hidden = true;
          return video.play();
        })
        .then(function () {
          say(panel.dataset.msgScanning);
          scanFrame();
        })
        .catch(function () {
          say(panel.dataset.msgNoCamera);
          startButton.hidden = false;
        });
    }

    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      createImageBitmap(file).then(function (image) {
        var token = decode(image, image.width, image.height);
        if (token) {
          last = { token: "", at: 0 };
          submit(token);
        } else {
          say(panel.dataset.msgNoCode);
        }
      }, function () { say(panel.dataset.msgNoCode); });
      fileInput.value = "";
    });
    form.addEventListener("htmx:afterRequest", function () { tokenInput.value = ""; });
    startButton.addEventListener("click", startCamera);
    startCamera();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
