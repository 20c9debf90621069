"""What the preview adds to every page it serves: the error overlay, a status line, the reload.

The overlay is written into the page by the server (so it shows even before any script runs)
and kept current by a small script that long-polls /__yingji/status: a new version of the
site reloads the page; new errors or notes replace the overlay in place. Nothing of this is in
the built site: only the preview server adds it.
"""

from __future__ import annotations

import json
from html import escape

STATUS_PATH = "/__yingji/status"
SCRIPT_PATH = "/__yingji/preview.js"

_STYLE = """
#yingji-preview{font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;color:#1a1a1a}
#yingji-preview .yj-pv-errors{position:fixed;inset:0;z-index:2147483000;overflow:auto;
  background:rgba(255,255,255,.96);padding:2rem 1rem}
#yingji-preview .yj-pv-errors>div{max-width:60rem;margin:0 auto;border-left:6px solid #c62828;padding:0 1rem}
#yingji-preview h2{color:#c62828;margin:0 0 .5rem;font-size:1.4rem}
#yingji-preview ol{padding-left:1.5rem}
#yingji-preview li{margin:.4rem 0;white-space:pre-wrap;word-break:break-all}
#yingji-preview code{font:13px/1.5 ui-monospace,"Noto Sans Mono CJK SC",monospace}
#yingji-preview button{font:inherit;padding:.3rem 1rem;cursor:pointer}
#yingji-preview .yj-pv-notes{position:fixed;right:.5rem;bottom:.5rem;z-index:2147483001;max-width:28rem;
  background:#fff8e1;border:1px solid #f9a825;border-radius:4px;padding:.3rem .6rem;font-size:13px}
#yingji-preview[data-hidden] .yj-pv-errors{display:none}
"""

_SCRIPT = """(function () {
  var box = document.getElementById("yingji-preview");
  if (!box) return;
  var site = box.getAttribute("data-site"), state = box.getAttribute("data-state");
  box.addEventListener("click", function (e) {
    if (e.target.getAttribute("data-yj-hide") !== null) box.setAttribute("data-hidden", "");
  });
  function poll() {
    fetch("%s?site=" + site + "&state=" + state, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (String(s.site) !== site) { location.reload(); return; }
        if (String(s.state) !== state) {
          state = String(s.state);
          box.removeAttribute("data-hidden");
          box.setAttribute("data-state", state);
          box.innerHTML = s.overlay;
        }
        poll();
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
""" % STATUS_PATH


def overlay_html(errors: list[str], notes: list[str]) -> str:
    """The inside of the overlay: the errors (all of them) and the notes."""
    parts = [f"<style>{_STYLE}</style>"]
    if errors:
        items = "".join(f"<li><code>{escape(line)}</code></li>" for line in errors)
        parts.append(
            '<div class="yj-pv-errors" role="alert"><div>'
            f"<h2>有 {len(errors)} 处错误，页面显示的是上一次的正确版本</h2>"
            "<p>改好并保存文件后，本页自动刷新。</p>"
            f"<ol>{items}</ol>"
            '<p><button type="button" data-yj-hide>暂时隐藏</button></p>'
            "</div></div>"
        )
    if notes:
        parts.append('<div class="yj-pv-notes" role="status">' + "<br>".join(escape(n) for n in notes) + "</div>")
    return "".join(parts)


def status_json(status: dict) -> bytes:
    body = {**status, "overlay": overlay_html(status["errors"], status["notes"])}
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def inject(page: bytes, status: dict) -> bytes:
    """`page` with the overlay and the script before </body> (at the end if it has none)."""
    block = (
        f'<div id="yingji-preview" data-site="{status["site"]}" data-state="{status["state"]}">'
        f'{overlay_html(status["errors"], status["notes"])}</div>'
        f'<script src="{SCRIPT_PATH}"></script>'
    ).encode("utf-8")
    end = page.rfind(b"</body>")
    return page + block if end < 0 else page[:end] + block + page[end:]


def script() -> bytes:
    return _SCRIPT.encode("utf-8")
