"""Progress of a long command, on stdout (stderr is for problems only): a line per stage; for
long stages a bar in a terminal, and in a log (no terminal) a line at every tenth of the way.

Stage names are what a clerk calls them (STAGES); build.py's timings keep their short keys.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager

STAGES = {
    "load": "读取并检查内容",
    "generate": "生成页面",
    "pdf": "生成 PDF",
    "mkdocs": "生成网站",
    "privacy": "检查有无个人信息",
    "zip": "打包",
}
LOG_STEPS = 10  # lines per long stage in a log


class Progress:
    def __init__(self, stream=None, terminal: bool | None = None):
        self.stream = stream or sys.stdout
        self.terminal = self.stream.isatty() if terminal is None else terminal

    def line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    @contextmanager
    def stage(self, key: str, timings: dict[str, float]):
        """Say the stage starts; record its time in `timings[key]`."""
        self.line(f"▸ {STAGES.get(key, key)}……")
        started = time.perf_counter()
        try:
            yield
        finally:
            timings[key] = timings.get(key, 0.0) + time.perf_counter() - started

    def bar(self, total: int, name: str, unit: str):
        if self.terminal:
            from tqdm import tqdm

            return tqdm(total=total, desc=name, unit=unit, file=self.stream, dynamic_ncols=True, leave=False)
        return LogBar(self, total, name, unit)


class LogBar:
    """A bar for logs: `生成网站：120/562（21%）` at each tenth of the way."""

    def __init__(self, progress: Progress, total: int, name: str, unit: str):
        self.progress, self.total, self.name, self.unit = progress, max(total, 1), name, unit
        self.done = 0
        self._shown = 0  # tenths already printed

    def update(self, n: int = 1) -> None:
        self.done = min(self.done + n, self.total)
        tenth = self.done * LOG_STEPS // self.total
        if tenth > self._shown:
            self._shown = tenth
            self.progress.line(f"  {self.name}：{self.done}/{self.total} {self.unit}（{self.done * 100 // self.total}%）")

    def close(self) -> None:
        pass


class Silent:
    """No output (library calls, tests, the benchmarks)."""

    terminal = False

    def line(self, text: str) -> None:
        pass

    @contextmanager
    def stage(self, key: str, timings: dict[str, float]):
        started = time.perf_counter()
        try:
            yield
        finally:
            timings[key] = timings.get(key, 0.0) + time.perf_counter() - started

    def bar(self, total: int, name: str, unit: str):
        return None
