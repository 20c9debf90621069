"""All pages of the site: each producer turns part of the Knowledge into {path: text}.

Producers live next to the views of their part of the site; adding a part of the site
means writing a producer and listing it here. Producers in PRODUCERS are independent;
those in LINKED_PRODUCERS run afterwards and are told which pages exist, so they link to
other parts (练习, 预案, 一村一案, 下载) only when those pages are in the build. Last come the
site files that depend on every page: the navigation and the jieba user dictionary.
"""

from __future__ import annotations

from typing import Callable

from ..content.knowledge import Knowledge
from ..quiz.pages import quiz_pages
from . import glossary_page, law_pages, plan_pages, unit_pages
from .context import SiteContext
from .downloads import downloads_page, link_downloads
from .navigation import NAV_FILE, nav_file
from .plans import plan_pages as contingency_plan_pages
from .search import USER_DICT, user_dictionary
from .villages import village_pages

Producer = Callable[[Knowledge, str], dict[str, str]]
LinkedProducer = Callable[[Knowledge, str, frozenset[str]], dict[str, str]]


def training_site(knowledge: Knowledge, profile: str, existing: frozenset[str]) -> dict[str, str]:
    """Home, plan, tasks, timeline, units, laws, glossary (issue 3)."""
    ctx = SiteContext(knowledge, profile, existing)
    pages: dict[str, str] = {}
    for produce in (plan_pages.produce, unit_pages.produce, law_pages.produce, glossary_page.produce):
        _merge(pages, produce(ctx))
    return pages


PRODUCERS: list[Producer] = [contingency_plan_pages, village_pages, quiz_pages, downloads_page]
LINKED_PRODUCERS: list[LinkedProducer] = [training_site]


def all_pages(knowledge: Knowledge, profile: str = "public", hand_written: frozenset[str] = frozenset()) -> dict[str, str]:
    """Every generated file of docs/; `hand_written` are the .md pages already in docs/."""
    pages: dict[str, str] = {}
    for produce in PRODUCERS:
        _merge(pages, produce(knowledge, profile))
    existing = frozenset(pages) | hand_written
    for produce_linked in LINKED_PRODUCERS:
        _merge(pages, produce_linked(knowledge, profile, existing))
    pages = link_downloads(pages, knowledge, profile)  # "打印版" lines on pages that have PDFs
    _merge(pages, {NAV_FILE: nav_file(set(pages) | hand_written), USER_DICT: user_dictionary(knowledge)})
    return pages


def _merge(pages: dict[str, str], new: dict[str, str]) -> None:
    for path, text in new.items():
        if path in pages:
            raise ValueError(f"two producers write {path}")
        pages[path] = text
