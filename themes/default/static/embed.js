/* Marquee embeds: paste once on the page that holds the iframes. Each embed
 * posts its height; this sets the matching iframe's height. No tracking. */
(function () {
  if (window.__marqueeEmbeds) return;
  window.__marqueeEmbeds = true;
  window.addEventListener("message", function (event) {
    var d = event.data;
    if (!d || d.marquee !== "resize" || typeof d.height !== "number") return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(Math.max(d.height, 50), 5000) + "px";
      }
    }
  });
})();
