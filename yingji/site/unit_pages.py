"""责任分工: the units × tasks matrix and one page per unit ("what must this body do?")."""

from __future__ import annotations

from ..content.models.units import Unit
from ..presentation.labels import short_deadline, status_label, task_short_title
from ..render import render, render_page
from .context import SiteContext
from .views import ROLE_ORDER

ROLE_MARKS = {"牵头": ("◆", "lead"), "负责": ("●", "resp"), "参与": ("○", "part")}


def produce(ctx: SiteContext) -> dict[str, str]:
    pages = dict([render_page(ctx.routes, "units", "", "site/units_index.md.j2", matrix=matrix(ctx))])
    pages[ctx.routes.path("units-list")] = render("site/units_list.md.j2", listing=unit_list(ctx))
    for unit in ctx.knowledge.units.values():
        pages[ctx.routes.path("unit", unit.id)] = render("site/unit.md.j2", unit=unit_page(ctx, unit))
    return pages


def _roles(ctx: SiteContext) -> dict[str, dict[str, str]]:
    """unit id -> task id -> role."""
    roles: dict[str, dict[str, str]] = {unit_id: {} for unit_id in ctx.knowledge.units}
    for task in ctx.knowledge.plan.tasks:
        for role in task.units:
            current = roles[role.unit].get(task.id)
            if current is None or ROLE_ORDER[role.role] < ROLE_ORDER[current]:
                roles[role.unit][task.id] = role.role
    return roles


def matrix(ctx: SiteContext) -> dict:
    page = ctx.routes.path("units")
    tasks = ctx.knowledge.plan.tasks
    roles = _roles(ctx)
    rows, idle = [], []
    for unit in ctx.knowledge.units.values():
        unit_roles = roles[unit.id]
        entry = {"name": unit.name, "kind": unit.kind, "href": ctx.link(page, "unit", unit.id)}
        if not unit_roles:
            idle.append(entry)
            continue
        cells = []
        for task in tasks:
            role = unit_roles.get(task.id)
            cells.append({"role": role, "mark": ROLE_MARKS[role][0], "css": ROLE_MARKS[role][1]} if role else None)
        counts = {name: sum(1 for r in unit_roles.values() if r == name) for name in ROLE_MARKS}
        rows.append({**entry, "cells": cells, "counts": counts, "total": len(unit_roles)})
    return {
        "tasks": [
            {"number": t.number, "title": t.title, "short": task_short_title(t), "href": ctx.link(page, "task", t.id)}
            for t in tasks
        ],
        "rows": rows,
        "idle": idle,
        "list_href": ctx.link(page, "units-list"),
        "legend": [{"role": name, "mark": mark, "css": css} for name, (mark, css) in ROLE_MARKS.items()],
    }


def unit_list(ctx: SiteContext) -> dict:
    """The matrix read by row: each unit with its tasks by role (what a phone can show)."""
    page = ctx.routes.path("units-list")
    roles = _roles(ctx)
    units = []
    for unit in ctx.knowledge.units.values():
        by_role = [
            {
                "role": name, "mark": mark, "css": css,
                "tasks": [
                    {"number": t.number, "short": task_short_title(t), "href": ctx.link(page, "task", t.id)}
                    for t in ctx.knowledge.plan.tasks if roles[unit.id].get(t.id) == name
                ],
            }
            for name, (mark, css) in ROLE_MARKS.items()
        ]
        units.append({"name": unit.name, "href": ctx.link(page, "unit", unit.id), "roles": [r for r in by_role if r["tasks"]]})
    return {"units": [u for u in units if u["roles"]], "matrix_href": ctx.link(page, "units")}


def unit_page(ctx: SiteContext, unit: Unit) -> dict:
    page = ctx.routes.path("unit", unit.id)
    linker = ctx.linker(page)
    roles = _roles(ctx)[unit.id]
    tasks = [t for t in ctx.knowledge.plan.tasks if t.id in roles]
    tasks.sort(key=lambda t: (ROLE_ORDER[roles[t.id]], t.number))
    return {
        "id": unit.id,
        "name": unit.name,
        "full_name": unit.full_name,
        "kind": unit.kind,
        "aliases": [a for a in unit.aliases if a not in (unit.name, unit.full_name)],
        "duty_phone": unit.duty_phone,  # an office's 值班电话 is public, not personal data
        "note": linker.paragraphs(unit.note) if unit.note else None,
        "collective": unit.kind == "统称",
        "counts": {name: sum(1 for r in roles.values() if r == name) for name in ROLE_MARKS},
        "tasks": [
            {
                "number": t.number,
                "title": t.title,
                "href": ctx.link(page, "task", t.id),
                "role": roles[t.id],
                "mark": ROLE_MARKS[roles[t.id]][0],
                "css": ROLE_MARKS[roles[t.id]][1],
                "deadline": short_deadline(t.deadline),
                "status": status_label(t, ctx.today),
                "others": [ctx.knowledge.units[r.unit].name for r in t.units if r.unit != unit.id],
                "targets": [linker.inline(target.text) for target in t.targets],
            }
            for t in tasks
        ],
        "plans": _plans_of(ctx, unit.id, page),
        "index_href": ctx.link(page, "units"),
    }


def _plans_of(ctx: SiteContext, unit_id: str, page: str) -> list[dict]:
    """The contingency plans the unit drafts (编制) or takes part in (参与)."""
    return [
        {
            "title": plan.title,
            "href": ctx.link(page, "contingency-plan", plan.id),
            "role": "编制" if plan.owner == unit_id else "参与",
            "sample": plan.is_sample,
        }
        for plan in ctx.knowledge.contingency_plans.values()
        if plan.owner == unit_id or unit_id in plan.units
    ]
