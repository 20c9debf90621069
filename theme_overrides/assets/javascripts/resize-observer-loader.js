/* yingji: give old browsers (no ResizeObserver, e.g. old WeChat/Android WebViews) the vendored
   polyfill before Material's bundle runs; otherwise the bundle would fetch it from a CDN, which
   fails offline and in mainland China. Modern browsers load nothing. */
(function () {
  if (typeof window.ResizeObserver !== "undefined") return;
  var self = document.currentScript && document.currentScript.src;
  if (!self) return;
  var url = self.replace(/resize-observer-loader\.js(\?.*)?$/, "resize-observer-polyfill.js");
  document.write('<script src="' + url + '"><\/script>');
})();
