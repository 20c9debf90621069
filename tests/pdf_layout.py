"""Reading a PDF's layout back for the typesetting tests: lines of text with their boxes.

`pdftotext -bbox` gives each word with its box; words on one baseline that touch are joined
into a line. For Noto CJK a line's height ÷ 1.448 is its font size in pt (ascent + descent).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

CJK_HEIGHT = 1.448  # (ascent + descent) / em of Noto Sans/Serif CJK
MM = 72 / 25.4
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
HAN = re.compile(r"[\u3400-\u9fff]")
FOLIO = re.compile(r"^(—\s*\d+\s*—|第\s*\d+\s*页\s*/\s*共\s*\d+\s*页|\d+)$")


@dataclass
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def size(self) -> float:
        """Font size in pt (for a line set in Noto CJK)."""
        return round((self.y1 - self.y0) / CJK_HEIGHT, 1)

    @property
    def em(self) -> float:
        return (self.y1 - self.y0) / CJK_HEIGHT


@dataclass
class Page:
    number: int  # from 1
    width: float
    height: float
    lines: list[Line]

    def body(self, head_mm: float = 20, foot_mm: float = 18) -> list[Line]:
        """Lines outside the running head and the folio (the top and bottom margin boxes)."""
        return [
            line for line in self.lines
            if line.y0 > head_mm * MM and line.y1 < self.height - foot_mm * MM
        ]


def pages(pdf: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    result = []
    for number, chunk in enumerate(out.split("<page ")[1:], start=1):
        width, height = map(float, PAGE.match("<page " + chunk).groups())
        words = [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in WORD.findall(chunk)]
        result.append(Page(number, width, height, _join(words)))
    return result


def _join(words) -> list[Line]:
    """Words on one baseline whose gap is under 1.6 em become one line (left to right)."""
    lines: list[Line] = []
    for x0, y0, x1, y1, text in sorted(words, key=lambda w: (round(w[3]), w[0])):
        em = (y1 - y0) / CJK_HEIGHT
        last = lines[-1] if lines else None
        if last and abs(last.y1 - y1) < 1.5 and 0 <= x0 - last.x1 < 1.6 * em:
            last.x1, last.y0, last.text = x1, min(last.y0, y0), last.text + text
        else:
            lines.append(Line(x0, y0, x1, y1, text))
    return sorted(lines, key=lambda line: (line.y0, line.x0))


def _above(line: Line, lines: list[Line]) -> Line | None:
    """The line right above `line` in the same column (same block of text)."""
    candidates = [
        other for other in lines
        if other.y1 <= line.y0 + 1 and line.y0 - other.y1 < 0.9 * line.em
        and other.x0 - 0.5 <= line.x0 < other.x1 and abs(other.em - line.em) < 0.6
    ]
    return max(candidates, key=lambda other: other.y1, default=None)


def paragraph_ends(page: Page) -> list[tuple[Line, Line]]:
    """(line above, last line) of every paragraph of two or more lines on the page: a line
    that follows a full line (one reaching its column's right edge) and is not full itself."""
    lines = page.body()
    right = _right_edges(lines)
    ends = []
    for line in lines:
        above = _above(line, lines)
        if above is None or not _full(above, right) or above.x1 - above.x0 < 6 * above.em:
            continue  # not a paragraph's last line (a short label or cell above it is no paragraph)
        if not _full(line, right):
            ends.append((above, line))
    return ends


def _right_edges(lines: list[Line]) -> dict[int, float]:
    """Right edge of the column a line starting at x belongs to: the furthest any line that starts
    within 2.5 em of it reaches (text, a paragraph's indented first line, a table column)."""
    edges = {}
    for line in lines:
        near = [other.x1 for other in lines if abs(other.x0 - line.x0) < 2.5 * line.em and abs(other.em - line.em) < 0.6]
        edges[id(line)] = max(near)
    return edges


def _full(line: Line, right: dict[int, float]) -> bool:
    return line.x1 >= right[id(line)] - 1.3 * line.em


def is_orphan(line: Line) -> bool:
    """A last line holding one Chinese character (with or without punctuation): 孤字."""
    return len(HAN.findall(line.text)) == 1 and len(re.sub(r"[\s\W_]", "", line.text)) <= 1


def orphans(pdf: Path) -> tuple[list[tuple[int, str, str]], int]:
    """([(page, line above, orphan line)], number of paragraphs of two or more lines)."""
    found, paragraphs = [], 0
    for page in pages(pdf):
        ends = paragraph_ends(page)
        paragraphs += len(ends)
        found += [(page.number, above.text, line.text) for above, line in ends if is_orphan(line)]
    return found, paragraphs
