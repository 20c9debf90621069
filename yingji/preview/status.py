"""What the preview knows right now, shared by the rebuild loop, the PDF job and the server.

`site` counts versions of the built site (a new one reloads open pages); `state` counts
versions of the errors and notes (a new one redraws the overlay without a reload).
"""

from __future__ import annotations

import threading


class Status:
    def __init__(self):
        self._changed = threading.Condition()
        self.site = 1
        self.state = 1
        self.errors: list[str] = []
        self._notes: dict[str, str] = {}  # topic (pdf, search …) -> note
        self._busy: set[str] = set()  # what is still working: "build", "pdf"

    def snapshot(self) -> dict:
        with self._changed:
            return self._snapshot()

    def _snapshot(self) -> dict:
        notes = [self._notes[key] for key in sorted(self._notes)]
        return {"site": self.site, "state": self.state, "errors": list(self.errors), "notes": notes,
                "busy": bool(self._busy)}

    def wait(self, site: int, state: int, timeout: float) -> dict:
        """The status once the site or the state is newer than what the page has (or after timeout)."""
        with self._changed:
            self._changed.wait_for(lambda: self.site != site or self.state != state, timeout)
            return self._snapshot()

    def new_site(self) -> None:
        with self._changed:
            self.site += 1
            self._changed.notify_all()

    def set_errors(self, errors: list[str]) -> None:
        with self._changed:
            if errors != self.errors:
                self.errors = list(errors)
                self._bump()

    def note(self, topic: str, text: str | None) -> None:
        with self._changed:
            if self._notes.get(topic) != text:
                if text is None:
                    self._notes.pop(topic, None)
                else:
                    self._notes[topic] = text
                self._bump()

    def busy(self, what: str, working: bool) -> None:
        with self._changed:
            (self._busy.add if working else self._busy.discard)(what)
            self._changed.notify_all()

    def _bump(self) -> None:
        self.state += 1
        self._changed.notify_all()
