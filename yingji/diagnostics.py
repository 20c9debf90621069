"""Problems found in content, and the one place where they are formatted.

Three kinds of messages reach a user, and they look different on purpose:
content errors (the user's to fix: `file:line:col: key.path: 消息`), warnings
(`file:line:col: 警告: key.path: 消息`) and internal bugs (ours: a traceback hint).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import total_ordering
from pathlib import Path


@total_ordering
@dataclass(frozen=True)
class Location:
    """A place in a content file (line and column count from 1; 0 = unknown), or a cell of a
    workbook written `book.xlsx!sheet!B12`, whose sheet is the `sheet_index`-th of its book.

    Places sort as a person reads: files and sheets by name with numbers compared as numbers,
    sheets of one workbook in workbook order, cells row by row (A3 before A10, A3 before B3).
    """

    file: str
    line: int = 0
    col: int = 0
    sheet_index: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file

    def __lt__(self, other: Location) -> bool:
        return self.sort_key() < other.sort_key()

    def sort_key(self) -> tuple:
        book, _, inside = self.file.partition("!")
        sheet, _, cell = inside.rpartition("!") if "!" in inside else (inside, "", "")
        match = _CELL.match(cell)
        row, column = (int(match.group(2)), _column_number(match.group(1))) if match else (0, 0)
        return (_natural(book), self.sheet_index, _natural(sheet), row, column, _natural(cell), self.line, self.col)


_CELL = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
_DIGITS = re.compile(r"(\d+)")


def _natural(text: str) -> tuple:
    """'村10' -> ('村', 10, ''): compared piece by piece, numbers as numbers."""
    return tuple(int(part) if n % 2 else part for n, part in enumerate(_DIGITS.split(text)))


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


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
