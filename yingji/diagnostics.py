"""Problems found in content, and the one place where they are formatted.

Three kinds of messages reach a user, and they look different on purpose:
content errors (the user's to fix: `file:line:col: key.path: 消息`), warnings
(`file:line:col: 警告: key.path: 消息`) and internal bugs (ours: a traceback hint).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; line and column count from 1 (0 = unknown)."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


@dataclass(frozen=True, order=True)
class Problem:
    location: Location
    key_path: str
    message: str
    warning: bool = False

    def format(self) -> str:
        prefix = "警告: " if self.warning else ""
        path = f"{self.key_path}: " if self.key_path else ""
        return f"{self.location}: {prefix}{path}{self.message}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(p.format() for p in self.problems))


@dataclass
class Collector:
    """Gathers problems from all stages so that all of them are reported at once."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, location: Location, key_path: str, message: str) -> None:
        self.problems.append(Problem(location, key_path, message))

    def warn(self, location: Location, key_path: str, message: str) -> None:
        self.problems.append(Problem(location, key_path, message, warning=True))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.problems)


def format_key_path(path: tuple) -> str:
    """('shelters', 0, 'capacity') -> 'shelters[0].capacity'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def relative(path: Path, root: Path) -> str:
    """A path as the user typed it: relative to the project root when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def print_problems(problems: list[Problem], stream=None) -> None:
    stream = stream or sys.stderr
    for problem in sorted(set(problems)):
        print(problem.format(), file=stream)
