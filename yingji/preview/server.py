"""The preview's web server: the built site, with the overlay in every page, and the status.

Serves the folder the site is in right now (a full rebuild swaps in a new folder: requests
never wait for a build and never see half a site). A busy port is not an error: the next free
one is used, and the caller says so.
"""

from __future__ import annotations

import errno
import mimetypes
import posixpath
import threading
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .overlay import SCRIPT_PATH, STATUS_PATH, inject, script, status_json
from .status import Status

PORT_TRIES = 20
LONG_POLL_SECONDS = 25.0

# The page shown before the first build succeeded (content errors at start-up): the overlay says why.
_NO_SITE = ("<!doctype html><html lang=zh><meta charset=utf-8><title>预览</title><body>"
            "<p>网站还没有生成好：生成后本页自动刷新；有错误的话，显示在这里。</p></body></html>")


_NOT_FOUND = "<!doctype html><html lang=zh><meta charset=utf-8><title>404</title><body><p>没有这个页面。</p></body></html>"


class PortsBusy(OSError):
    """Every port tried is taken."""


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], folder, status: Status):
        """`folder()` is the site's folder at this moment (None before the first build)."""
        self.folder, self.status = folder, status
        super().__init__(address, _Handler)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, daemon=True, name="yingji-serve")
        thread.start()
        return thread


def open_server(host: str, port: int, folder, status: Status) -> tuple[PreviewServer, list[int]]:
    """A server on `port` or, when that is taken, the next free one; also the ports found busy."""
    busy = []
    for candidate in range(port, port + PORT_TRIES):
        try:
            return PreviewServer((host, candidate), folder, status), busy
        except OSError as err:
            if err.errno != errno.EADDRINUSE:
                raise
            busy.append(candidate)
    raise PortsBusy(errno.EADDRINUSE, f"端口 {port}–{port + PORT_TRIES - 1} 都被占用")


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the terminal is for the clerk
        pass

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        url = urlsplit(self.path)
        if url.path == STATUS_PATH:
            return self._status(parse_qs(url.query))
        if url.path == SCRIPT_PATH:
            return self._send(200, script(), "application/javascript", head=head)
        folder = self.server.folder()
        if folder is None:
            return self._page(503, _NO_SITE.encode("utf-8"), head)
        path = unquote(url.path)
        file = _file_for(folder, path)
        if file is not None and file.is_dir():
            return self._redirect(url.path + "/")
        if file is None or not file.is_file():
            missing = folder / "404.html"
            body = missing.read_bytes() if missing.is_file() else _NOT_FOUND.encode("utf-8")
            return self._page(404, body, head)
        if file.suffix == ".html":
            return self._page(200, file.read_bytes(), head)
        self._static(file, head)

    def _status(self, query: dict) -> None:
        status = self.server.status
        if "site" in query and "state" in query:
            current = status.wait(_number(query["site"]), _number(query["state"]), LONG_POLL_SECONDS)
        else:
            current = status.snapshot()
        self._send(200, status_json(current), "application/json; charset=utf-8")

    def _page(self, code: int, body: bytes, head: bool) -> None:
        self._send(code, inject(body, self.server.status.snapshot()), "text/html; charset=utf-8", head=head)

    def _static(self, file: Path, head: bool) -> None:
        stat = file.stat()
        since = self.headers.get("If-Modified-Since")
        if since and _not_modified(since, stat.st_mtime):
            return self._send(304, b"", None, head=True)
        kind = "application/javascript" if file.suffix in (".js", ".mjs") else mimetypes.guess_type(file.name)[0]
        extra = {"Last-Modified": formatdate(stat.st_mtime, usegmt=True)}
        self._send(200, file.read_bytes(), kind or "application/octet-stream", head=head, extra=extra)

    def _redirect(self, location: str) -> None:
        self._send(302, b"", None, head=True, extra={"Location": location})

    def _send(self, code: int, body: bytes, kind: str | None, *, head: bool = False, extra: dict | None = None) -> None:
        self.send_response(code)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the browser moved on
                pass


def _file_for(folder: Path, path: str) -> Path | None:
    """The file of a URL path inside `folder` (index.html for folders), None when outside it."""
    clean = posixpath.normpath("/" + path).lstrip("/")
    if clean.startswith(".."):
        return None
    target = folder / clean if clean and clean != "." else folder
    if path.endswith("/") or target == folder:
        target = target / "index.html"
    return target


def _number(values: list[str]) -> int:
    try:
        return int(values[0])
    except (ValueError, IndexError):
        return -1


def _not_modified(since: str, mtime: float) -> bool:
    try:
        return int(mtime) <= parsedate_to_datetime(since).timestamp()
    except (TypeError, ValueError):
        return False
