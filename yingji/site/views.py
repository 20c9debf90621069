"""Plain data for the templates, shared by the parts of the site: the unit links of a task.
Labels (dates, deadlines, statuses) come from presentation.labels; every decision about what to
show is made in view functions (here and in the part modules), templates only loop and print."""

from __future__ import annotations

from ..content.models.plan import Task
from .context import SiteContext

ROLE_ORDER = {"牵头": 0, "负责": 1, "参与": 2}


def unit_links(ctx: SiteContext, task: Task, page: str) -> list[dict]:
    roles = sorted(task.units, key=lambda role: ROLE_ORDER[role.role])
    return [
        {
            "id": role.unit,
            "name": ctx.knowledge.units[role.unit].name,
            "role": role.role,
            "href": ctx.link(page, "unit", role.unit),
        }
        for role in roles
    ]
