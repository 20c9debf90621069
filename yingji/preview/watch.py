"""Notice saved files: the folders a clerk edits, polled a few times a second.

Polling (not inotify) works on every file system, shared folders included; it stat()s only the
source files (~200 for a county: ~1 ms of CPU a look). What the generator writes itself (pages
and PDFs in docs/, listed in its manifests) is not a source: it never triggers a rebuild.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from ..owned_files import generated_files
from ..presentation.routes import DOWNLOADS_FOLDER

POLL_SECONDS = 0.1
QUIET_SECONDS = 0.05  # an editor's save is often two writes; wait until the files stand still
CONTENT = ("content", "quizzes")


class Sources:
    """The files whose change the preview acts on, relative to the project root."""

    def __init__(self, root: Path, setup: list[str]):
        self.root = root
        self.setup = setup  # mkdocs.yml, the theme folder, the hooks' folders

    def snapshot(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        for name in (*CONTENT, "docs", *self.setup):
            base = self.root / name
            if base.is_file():
                _add(found, str(base), name)
            elif base.is_dir():
                skip = generated_files(base) | {DOWNLOADS_FOLDER} if name == "docs" else set()
                _walk(found, str(base), name, "", skip)
        return found


def _walk(found: dict, folder: str, shown: str, relative: str, skip: set[str]) -> None:
    """Every file below `folder` but those in `skip` (docs paths: the generator's pages, the
    PDFs of docs/downloads/, which appear there before the manifest lists them) and caches."""
    try:
        entries = list(os.scandir(folder))
    except OSError:  # removed while we looked
        return
    for entry in entries:
        inner = f"{relative}{entry.name}"
        if inner in skip or entry.name == "__pycache__":
            continue
        if entry.is_dir(follow_symlinks=False):
            _walk(found, entry.path, shown, inner + "/", skip)
        elif entry.is_file():
            _add(found, entry.path, f"{shown}/{inner}")


def _add(found: dict, path: str, name: str) -> None:
    try:
        stat = os.stat(path)
    except OSError:  # removed while we looked
        return
    found[name] = (stat.st_mtime_ns, stat.st_size)


def changed_files(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


class Watcher(threading.Thread):
    """Calls `on_change(list of changed files)` after each save, one call at a time."""

    def __init__(self, sources: Sources, on_change):
        super().__init__(daemon=True, name="yingji-watch")
        self.sources, self.on_change = sources, on_change
        self.stopped = threading.Event()
        self._seen: dict | None = None

    def look(self) -> None:
        """Take the files as they are now; what changes after this is reported once running."""
        self._seen = self.sources.snapshot()

    def run(self) -> None:
        seen = self._seen if self._seen is not None else self.sources.snapshot()
        while not self.stopped.wait(POLL_SECONDS):
            now = self.sources.snapshot()
            if now == seen:
                continue
            while not self.stopped.wait(QUIET_SECONDS):
                settled = self.sources.snapshot()
                if settled == now:
                    break
                now = settled
            changed, seen = changed_files(seen, now), now
            self.on_change(changed)

    def stop(self) -> None:
        self.stopped.set()
