"""Plain data for the templates: every decision about what to show is made here."""

from __future__ import annotations

from ..knowledge import Knowledge
from ..models.plan import Deadline, Task

COMPARATOR_WORDS = {">": "超过", ">=": "不少于", "=": "达到", "<": "低于", "<=": "不超过"}


def deadline_label(deadline: Deadline) -> str:
    parts = []
    if deadline.date:
        parts.append(f"{deadline.date.year}年{deadline.date.month}月{deadline.date.day}日前")
    if deadline.ongoing:
        parts.append("长期坚持")
    return "，并".join(parts) if len(parts) == 2 else parts[0]


def status_label(task: Task) -> dict:
    latest = task.latest_status
    if latest is None:
        return {"state": "未填报", "date": None, "note": None}
    return {"state": latest.state, "date": latest.date.isoformat(), "note": latest.note}


def unit_links(knowledge: Knowledge, task: Task) -> list[dict]:
    return [
        {"id": role.unit, "name": knowledge.units[role.unit].name, "role": role.role}
        for role in task.units
    ]


def home(knowledge: Knowledge) -> dict:
    plan = knowledge.plan
    dated = sorted((t for t in plan.tasks if t.deadline.date), key=lambda t: (t.deadline.date, t.number))
    return {
        "county": plan.county,
        "title": plan.title,
        "doc_number": plan.doc_number,
        "task_count": len(plan.tasks),
        "deadlines": [
            {"id": t.id, "number": t.number, "title": t.title, "deadline": deadline_label(t.deadline)} for t in dated[:6]
        ],
    }


def plan_overview(knowledge: Knowledge) -> dict:
    plan = knowledge.plan
    return {
        "title": plan.title,
        "doc_number": plan.doc_number,
        "issuers": plan.issuers,
        "guiding_ideology": plan.guiding_ideology,
        "goals": plan.goals.text,
        "indicators": [
            {
                "name": ind.name,
                "target": ind.target,
                "deadline": ind.deadline.isoformat() if ind.deadline else f"{plan.goals.target_year}年",
                "units": _indicator_units(knowledge, ind.tasks),
            }
            for ind in plan.goals.indicators
        ],
        "sections": [
            {
                "number": s.number,
                "part": s.part,
                "title": s.title,
                "tasks": [{"id": t.id, "number": t.number, "title": t.title} for t in s.tasks],
            }
            for s in plan.sections
        ],
    }


def _indicator_units(knowledge: Knowledge, task_ids: list[str]) -> list[str]:
    names: list[str] = []
    for task_id in task_ids:
        for role in knowledge.tasks[task_id].units:
            name = knowledge.units[role.unit].name
            if name not in names:
                names.append(name)
    return names


def task_page(knowledge: Knowledge, task: Task) -> dict:
    return {
        "id": task.id,
        "number": task.number,
        "title": task.title,
        "text": task.text,
        "units_text": task.units_text,
        "units": unit_links(knowledge, task),
        "deadline_text": task.deadline_text,
        "deadline": deadline_label(task.deadline),
        "targets": [t.text for t in task.targets],
        "status": status_label(task),
    }

