"""All pages of the training site: each part turns its share of the route table into
{docs path: Markdown}. Adding a part of the site means writing a producer and listing it here.
Last come the site files that depend on every page: the mkdocs configuration it inherits
(site name, address, navigation) and what the search knows besides the pages' text.
"""

from __future__ import annotations

from ..content.knowledge import Knowledge
from ..presentation.routes import RouteTable
from . import downloads, glossary_page, law_pages, plan_pages, plans, unit_pages, villages
from .context import SiteContext
from .navigation import NAV_FILE, site_config
from .search_entries import entries_file

PRODUCERS = (
    plan_pages.produce,
    unit_pages.produce,
    law_pages.produce,
    glossary_page.produce,
    plans.produce,
    villages.produce,
    downloads.produce,
)


def site_pages(knowledge: Knowledge, profile: str, routes: RouteTable) -> dict[str, str]:
    """Every page of the site except the quiz's (yingji.quiz), plus the site's own files."""
    ctx = SiteContext(knowledge, profile, routes)
    pages: dict[str, str] = {}
    for produce in PRODUCERS:
        merge(pages, produce(ctx))
    merge(pages, {NAV_FILE: site_config(routes, knowledge.county, profile)})
    merge(pages, entries_file(knowledge, routes))
    return pages


def merge(pages: dict[str, str], new: dict[str, str]) -> None:
    for path, text in new.items():
        if path in pages:
            raise ValueError(f"two producers write {path}")
        pages[path] = text
