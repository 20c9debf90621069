"""The preview's PDFs: made in the background after an edit, never the cause of a rebuild.

A second after the last save, pdf_job.py runs in a low-priority process (the PDFs of a real
build, from the same cache); a save while it runs queues one more run. When it has placed the
PDFs into docs/downloads/ (which the watcher ignores), they are copied into the site being
served: no page changes, so nothing is rebuilt. Until then the overlay says the PDFs are stale.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

DELAY_SECONDS = 1.0  # wait for the typing to stop
NICENESS = 10
STALE = "打印版 PDF 正在后台更新，页面上的 PDF 链接暂时是旧版本"


class BackgroundPdfs(threading.Thread):
    def __init__(self, root: Path, profile: str, status, on_done):
        """`on_done(summary or None, message)` runs after each job (summary None: it failed)."""
        super().__init__(daemon=True, name="yingji-pdf")
        self.root, self.profile, self.status, self.on_done = root, profile, status, on_done
        # the environment as the user started the preview (the PDFs of a real build have no
        # date unless the user sets SOURCE_DATE_EPOCH, which the preview sets for mkdocs only)
        self.environment = dict(os.environ)
        self._wanted = threading.Condition()
        self._requested_at: float | None = None
        self._stopped = False
        self._process: subprocess.Popen | None = None

    def request(self) -> None:
        """The content changed: the PDFs are stale until the next job has run."""
        with self._wanted:
            self._requested_at = time.monotonic()
            self.status.busy("pdf", True)
            self.status.note("pdf", STALE)
            self._wanted.notify_all()

    def run(self) -> None:
        while self._next():
            summary, message = self._run_job()
            if self._stopped:  # the preview is closing: the job was stopped, nothing to report
                return
            with self._wanted:
                if self._requested_at is None:
                    self.status.busy("pdf", False)
                    self.status.note("pdf", None if summary else f"打印版 PDF 未能更新：{message}")
            self.on_done(summary, message)

    def _next(self) -> bool:
        """Wait for a request and for the typing to stop; False when stopping."""
        with self._wanted:
            while not self._stopped:
                if self._requested_at is not None:
                    quiet = time.monotonic() - self._requested_at
                    if quiet >= DELAY_SECONDS:
                        self._requested_at = None
                        return True
                    self._wanted.wait(DELAY_SECONDS - quiet)
                else:
                    self._wanted.wait()
            return False

    def _run_job(self) -> tuple[dict | None, str]:
        command = [sys.executable, "-m", "yingji.preview.pdf_job", "--root", str(self.root), "--profile", self.profile]
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, text=True, env=self.environment,
            stderr=None if os.environ.get("YINGJI_DEBUG") else subprocess.DEVNULL,  # its answer is on stdout
            preexec_fn=_lower_priority if os.name == "posix" else None,
            start_new_session=True,  # its workers are stopped with it (stop())
        )
        out, _ = self._process.communicate()
        code, self._process = self._process.returncode, None
        try:
            answer = json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError):
            return None, f"PDF 任务意外结束（返回码 {code}）"
        return (None, answer["error"]) if "error" in answer else (answer, "")

    def stop(self) -> None:
        with self._wanted:
            self._stopped = True
            self._wanted.notify_all()
        process = self._process
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except (OSError, AttributeError):  # already gone; or no process groups (Windows)
                process.terminate()


def _lower_priority() -> None:
    os.nice(NICENESS)
