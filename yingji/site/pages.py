"""View functions: Knowledge → the Markdown pages of the site (path → text)."""

from __future__ import annotations

from ..knowledge import Knowledge
from ..render import render
from . import views


def all_pages(knowledge: Knowledge) -> dict[str, str]:
    pages = {
        "index.md": render("site/home.md.j2", home=views.home(knowledge)),
        "plan/index.md": render("site/plan.md.j2", plan=views.plan_overview(knowledge)),
    }
    for task in knowledge.plan.tasks:
        pages[f"tasks/{task.id}.md"] = render("site/task.md.j2", task=views.task_page(knowledge, task))
    return pages
