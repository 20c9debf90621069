"""How a law is laid out on the site: on one page, or — when it is long — an index page with
one page per chapter (a phone should not scroll 40,000 px, and no page may pass 80 KB).

A chapter page is named by the chapter's own number (第二章 → chapter-2), so it keeps its
address when other chapters gain or lose cited articles. Whatever the layout, the law's page
keeps answering #a<number>: it forwards to the page the article is on (routes.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.models.laws import Law
from .labels import chinese_number

LONG_LAW = 30  # more cited articles than this: one page per chapter
_CHAPTER = re.compile(r"^第([零一二三四五六七八九十百]+)章")
_NUMBERS = {chinese_number(n): n for n in range(1, 200)}


@dataclass(frozen=True)
class LawPart:
    id: str  # chapter-2
    heading: str  # 第二章 生产经营单位的安全生产保障
    numbers: tuple[int, ...]  # article numbers on this page, in order


def chapter_heading(article) -> str:
    return " ".join(part for part in (article.chapter, article.section) if part)


def law_parts(law: Law) -> list[LawPart]:
    """The chapter pages of a long law ([] when the law fits on one page)."""
    if len(law.articles) <= LONG_LAW or not all(a.chapter for a in law.articles):
        return []
    chapters: dict[str, list[int]] = {}
    for article in law.articles:
        chapters.setdefault(article.chapter, []).append(article.number)
    parts = []
    for position, (chapter, numbers) in enumerate(chapters.items(), start=1):
        match = _CHAPTER.match(chapter)
        number = _NUMBERS.get(match.group(1)) if match else None
        parts.append(LawPart(f"chapter-{number or position}", chapter, tuple(numbers)))
    if len({part.id for part in parts}) < len(parts):  # chapters without numbers, or repeated
        parts = [LawPart(f"part-{i}", p.heading, p.numbers) for i, p in enumerate(parts, start=1)]
    return parts
