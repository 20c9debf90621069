"""Parse official law texts (national law database style) into articles.

The reference files are the word-for-word authority. This module parses them into
articles and reports what it cannot parse (in Chinese, with line numbers); it never
alters the official wording. Writing content/laws files is yingji.importers.law_import's job.
"""

from __future__ import annotations

from ..presentation.labels import article_label, chinese_number as int_to_chinese

import re
from dataclasses import dataclass, field
from typing import NamedTuple

import yaml

FLK_URL = "https://flk.npc.gov.cn/"

# --------------------------------------------------------------------------------------
# Chinese numerals
# --------------------------------------------------------------------------------------

NUMERALS = "零一二三四五六七八九"
_DIGIT_VALUES = {**{ch: i for i, ch in enumerate(NUMERALS)}, "〇": 0, "两": 2}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(_DIGIT_VALUES) + "".join(_UNIT_VALUES)


def chinese_to_int(text: str) -> int:
    """Convert a Chinese numeral such as 一百一十九 to 119."""
    total, digit = 0, None
    for ch in text:
        if ch in _DIGIT_VALUES:
            if digit:
                raise ValueError(f"无法识别的中文数字：{text}")
            digit = _DIGIT_VALUES[ch]
        elif ch in _UNIT_VALUES:
            total += (1 if digit is None else digit) * _UNIT_VALUES[ch]
            digit = None
        else:
            raise ValueError(f"无法识别的中文数字：{text}")
    if not text:
        raise ValueError("中文数字为空")
    return total + (digit or 0)


# --------------------------------------------------------------------------------------
# Parsed structures
# --------------------------------------------------------------------------------------


class Problem(NamedTuple):
    line: int
    message: str


@dataclass
class Article:
    number: int
    chapter: str | None
    section: str | None
    text: str
    line: int


@dataclass
class ParsedLaw:
    source_name: str
    title: str | None = None
    history: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_lines: list[int] = field(default_factory=list)

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)

    def numbers(self) -> list[int]:
        return [a.number for a in self.articles]


# --------------------------------------------------------------------------------------
# Parser
# --------------------------------------------------------------------------------------

_N = f"[{NUMERAL_CHARS}]+"
ARTICLE_RE = re.compile(rf"^第({_N})条(?:[ \t\u3000]+(.*))?$")
CHAPTER_RE = re.compile(rf"^(?:#+\s*)?(第{_N}章)[\s\u3000]*([^。；，：:]*)$")
SECTION_RE = re.compile(rf"^(?:#+\s*)?(第{_N}节)[\s\u3000]*([^。；，：:]*)$")
TITLE_RE = re.compile(r"^#\s+(.+)$")
HISTORY_RE = re.compile(r"^[（(]?\d{4}年")
ITEM_RE = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
PAGE_RE = re.compile(r"^PAGE\s*(?:/\s*\d+)?$")
INFO_END = "<!-- INFO END -->"


def _heading(label: str, title: str | None) -> str:
    """Normalize a chapter/section heading: 第一章　总　　则 → 第一章 总则."""
    title = re.sub(r"[\s\u3000]+", "", title or "")
    return f"{label} {title}" if title else label


class _Parser:
    """Line-driven state machine; one instance per source text."""

    def __init__(self, source_name: str):
        self.law = ParsedLaw(source_name)
        self.chapter: str | None = None
        self.section: str | None = None
        self.current: list[tuple[int, str]] | None = None  # (line, paragraph)
        self.current_number = 0
        self.current_line = 0
        self.seen_body = False
        self.after_page = False

    def problem(self, line: int, message: str) -> None:
        self.law.problems.append(Problem(line, message))

    def ignore(self, line: int, message: str) -> None:
        self.law.ignored_lines.append(line)
        self.problem(line, message)

    # -- front matter --------------------------------------------------------------

    def front_matter(self, lines: list[str]) -> int:
        """Read an optional YAML front matter block; return the index of the next line."""
        if not lines or lines[0].strip() != "---":
            return 0
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            self.problem(1, "YAML 前置元数据缺少结束标记“---”，已按正文处理")
            return 0
        try:
            data = yaml.safe_load("\n".join(lines[1:end]))
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            self.law.metadata = data
        else:
            self.problem(1, "YAML 前置元数据无法解析，已忽略")
        return end + 1

    # -- lines ---------------------------------------------------------------------

    def feed(self, line_no: int, line: str) -> None:
        stripped = line.strip()
        if not stripped or stripped == INFO_END:
            return
        if self.page_junk(line_no, stripped):
            return
        for handler in (self.chapter_heading, self.section_heading, self.article_label):
            if handler(line_no, stripped):
                return
        if self.current is not None:
            self.current.append((line_no, line.rstrip()))
        elif not self.seen_body:
            self.header_line(line_no, stripped)
        else:
            self.ignore(line_no, f"无法识别的行（不属于任何条文），已忽略：{stripped[:30]}")

    def page_junk(self, line_no: int, stripped: str) -> bool:
        after_page, self.after_page = self.after_page, False
        if PAGE_RE.match(stripped) or (after_page and stripped.isdigit()):
            self.after_page = True
            self.ignore(line_no, f"已忽略分页残留“{stripped}”")
            return True
        return False

    def chapter_heading(self, line_no: int, stripped: str) -> bool:
        match = CHAPTER_RE.match(stripped)
        if not match:
            return False
        self.close_article()
        self.seen_body = True
        self.chapter, self.section = _heading(*match.groups()), None
        return True

    def section_heading(self, line_no: int, stripped: str) -> bool:
        match = SECTION_RE.match(stripped)
        if not match:
            return False
        self.close_article()
        self.seen_body = True
        self.section = _heading(*match.groups())
        return True

    def article_label(self, line_no: int, stripped: str) -> bool:
        match = ARTICLE_RE.match(stripped)
        if not match:
            return False
        self.close_article()
        self.seen_body = True
        number = chinese_to_int(match.group(1))
        self.check_sequence(line_no, number)
        self.current_number = number
        self.current_line = line_no
        first = (match.group(2) or "").strip()
        self.current = [(line_no, first)] if first else []
        return True

    def header_line(self, line_no: int, stripped: str) -> None:
        title = TITLE_RE.match(stripped)
        if title and self.law.title is None:
            self.law.title = title.group(1).strip()
        elif stripped == self.law.title:
            return  # the title repeated under the heading
        elif HISTORY_RE.match(stripped):
            self.law.history.append(stripped)
        else:
            self.ignore(line_no, f"无法识别的标题区内容，已忽略：{stripped[:30]}")

    # -- articles ------------------------------------------------------------------

    def check_sequence(self, line_no: int, number: int) -> None:
        previous = self.law.articles[-1].number if self.law.articles else 0
        if number == previous + 1:
            return
        if number <= previous:
            self.problem(line_no, f"条文序号重复或倒序：第{int_to_chinese(previous)}条之后又出现第{int_to_chinese(number)}条")
        elif previous == 0:
            self.problem(line_no, f"条文序号不连续：第一条之前缺少条文，首条为第{int_to_chinese(number)}条")
        else:
            self.problem(line_no, f"条文序号不连续：第{int_to_chinese(previous)}条之后是第{int_to_chinese(number)}条")

    def close_article(self) -> None:
        if self.current is None:
            return
        paragraphs, self.current = self.current, None
        label = article_label(self.current_number)
        if not paragraphs:
            self.problem(self.current_line, f"{label}没有正文")
        self.check_items(label, paragraphs)
        text = "\n".join(p for _, p in paragraphs)
        self.law.articles.append(
            Article(self.current_number, self.chapter, self.section, text, self.current_line)
        )

    def check_items(self, label: str, paragraphs: list[tuple[int, str]]) -> None:
        """Warn about numbered items with a missing marker; the text stays as found."""
        expected = 1
        for index, (line_no, text) in enumerate(paragraphs):
            match = ITEM_RE.match(text)
            if not match:
                continue
            number = chinese_to_int(match.group(1))
            if number != 1 and number != expected:
                self.item_gap(label, paragraphs, index, expected, number)
            expected = number + 1

    def item_gap(self, label, paragraphs, index, expected, number) -> None:
        line_no = paragraphs[index][0]
        marker = f"（{int_to_chinese(expected)}）"
        before = paragraphs[index - 1] if index > 1 else None
        if number == expected + 1 and before and not ITEM_RE.match(before[1]):
            self.problem(before[0], f"{label}：此项缺少序号“{marker}”（原文如此，未作修改）")
        else:
            self.problem(line_no, f"{label}：项的序号不连续，“（{int_to_chinese(number)}）”之前缺少“{marker}”")

    def finish(self) -> ParsedLaw:
        self.close_article()
        law = self.law
        if law.title is None and isinstance(law.metadata.get("title"), str):
            law.title = law.metadata["title"]
        if law.title is None:
            self.problem(1, "未找到法规标题（以“# ”开头的行）")
        if not law.articles:
            self.problem(1, "未找到任何条文（以“第X条”开头的行），无法导入")
        return law


def parse_law_text(text: str, source_name: str) -> ParsedLaw:
    """Parse one official law text into title, history, metadata, articles and problems."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    parser = _Parser(source_name)
    start = parser.front_matter(lines)
    for index in range(start, len(lines)):
        parser.feed(index + 1, lines[index])
    return parser.finish()


def render_article(number: int, text: str) -> str:
    """Render an article back to its source form: 第X条 first line, further lines below."""
    label = article_label(number)
    return f"{label} {text}" if text else label


def normalize_source_lines(lines: list[str]) -> str:
    """Normalize raw source lines of articles for comparison with render_article."""
    result = []
    for line in lines:
        line = line.strip()
        match = ARTICLE_RE.match(line)
        if match:
            line = render_article(chinese_to_int(match.group(1)), (match.group(2) or "").strip())
        if line:
            result.append(line)
    return "\n".join(result)
