"""Where each entity lives (the fixed URL scheme) and relative links between generated pages.

Pages link Markdown file to Markdown file (`../tasks/t01.md`); mkdocs turns these into the
right URLs for both directory and file URLs, and checks them in strict mode.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from ..content.models.base import split_article_ref

HOME = "index.md"
PLAN = "plan/index.md"
TASKS = "tasks/index.md"
UNITS = "units/index.md"
TIMELINE = "timeline/index.md"
LAWS = "laws/index.md"
GLOSSARY = "glossary/index.md"
PLANS = "plans/index.md"
VILLAGES = "villages/index.md"
QUIZ = "quiz/index.md"
QUIZ_REVIEW = "quiz/review.md"
DOWNLOADS = "downloads/index.md"
ABOUT = "about.md"


def task_page(task_id: str) -> str:
    return f"tasks/{task_id}.md"


def unit_page(unit_id: str) -> str:
    return f"units/{unit_id}.md"


def law_page(law_id: str) -> str:
    return f"laws/{law_id}.md"


def plan_page(plan_id: str) -> str:
    return f"plans/{plan_id}.md"


def practice_page(topic_id: str) -> str:
    return f"quiz/practice/{topic_id}.md"


def article_anchor(number: int) -> str:
    return f"a{number}"


def article_target(article_id: str) -> tuple[str, str]:
    """'anquan-shengchan-fa#a21' -> ('laws/anquan-shengchan-fa.md', 'a21')."""
    law_id, number = split_article_ref(article_id)
    return law_page(law_id), article_anchor(number)


@lru_cache(maxsize=65536)  # the same few hundred links are made from many pages
def rel(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative link from one docs-relative page to another (optionally to an anchor)."""
    if to_page == from_page:
        target = ""
    else:
        target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target
