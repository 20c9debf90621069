"""All pages of the site: each producer turns part of the Knowledge into {path: text}.

Producers live next to the views of their part of the site; adding a part of the site
means writing a producer and listing it here.
"""

from __future__ import annotations

from typing import Callable

from ..knowledge import Knowledge
from ..quiz.pages import quiz_pages
from ..render import render
from . import views
from .plans import plan_pages as contingency_plan_pages
from .villages import village_pages

Producer = Callable[[Knowledge, str], dict[str, str]]


def plan_pages(knowledge: Knowledge, profile: str) -> dict[str, str]:
    pages = {
        "index.md": render("site/home.md.j2", home=views.home(knowledge)),
        "plan/index.md": render("site/plan.md.j2", plan=views.plan_overview(knowledge)),
    }
    for task in knowledge.plan.tasks:
        pages[f"tasks/{task.id}.md"] = render("site/task.md.j2", task=views.task_page(knowledge, task))
    return pages


PRODUCERS: list[Producer] = [plan_pages, contingency_plan_pages, village_pages, quiz_pages]


def all_pages(knowledge: Knowledge, profile: str = "public") -> dict[str, str]:
    pages: dict[str, str] = {}
    for produce in PRODUCERS:
        for path, text in produce(knowledge, profile).items():
            if path in pages:
                raise ValueError(f"two producers write {path}")
            pages[path] = text
    return pages
