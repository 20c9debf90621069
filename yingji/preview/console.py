"""What the preview prints: one line per event, with the time, in Chinese; errors in full."""

from __future__ import annotations

import sys
import time

from ..diagnostics import Problem

SHOWN_PAGES = 3


class Console:
    def __init__(self, out=None, err=None):
        self.out, self.err = out or sys.stdout, err or sys.stderr
        self._warnings: list[str] | None = None

    def line(self, text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=self.out, flush=True)

    def plain(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def problems(self, lines: list[str]) -> None:
        for text in lines:
            print(text, file=self.err, flush=True)

    def warnings(self, warnings: list[Problem]) -> None:
        """Content warnings, printed when they differ from the last ones (not on every save)."""
        lines = [problem.format() for problem in sorted(set(warnings))]
        if lines != self._warnings:
            self._warnings = lines
            self.problems(lines)


def pages_text(served: list[str]) -> str:
    """'glossary/index.html' or 'a.html、b.html、c.html 等 12 个页面'."""
    shown = "、".join(served[:SHOWN_PAGES])
    return shown if len(served) <= SHOWN_PAGES else f"{shown} 等 {len(served)} 个页面"


def files_text(files: list[str]) -> str:
    shown = "、".join(files[:SHOWN_PAGES])
    return shown if len(files) <= SHOWN_PAGES else f"{shown} 等 {len(files)} 个文件"
