/* Marquee embeds: paste once on the page that holds the iframes. Each embed
 * posts the height of its content whenever it changes; this sets the
 * matching iframe to it, taller or shorter. Frames that spoke before this
 * script loaded are asked again. No tracking. */
(function () {
  if (window.__marqueeEmbeds) return;
  window.__marqueeEmbeds = true;
  window.addEventListener("message", function (event) {
    var d = event.data;
    if (!d || d.marquee !== "resize" || typeof d.height !== "number") return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var h = Math.min(Math.max(Math.ceil(d.height), 20), 5000) + "px";
        frames[i].style.height = h;
        frames[i].removeAttribute("height");
      }
    }
  });
  var frames = document.getElementsByTagName("iframe");
  for (var i = 0; i < frames.length; i++)
    if (frames[i].contentWindow) frames[i].contentWindow.postMessage({ marquee: "measure" }, "*");
})();
