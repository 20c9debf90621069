"""Plain data for the templates, shared by the parts of the site: labels for deadlines,
dates and statuses, and the unit links of a task. Every decision about what to show is made
in view functions (here and in the part modules), templates only loop and print."""

from __future__ import annotations

from datetime import date

from ..content.knowledge import Knowledge
from ..content.models.plan import Deadline, Task
from . import links

COMPARATOR_WORDS = {">": "超过", ">=": "不少于", "=": "达到", "<": "低于", "<=": "不超过"}
ROLE_ORDER = {"牵头": 0, "负责": 1, "参与": 2}
STATE_CLASS = {"已完成": "done", "推进中": "doing", "未启动": "todo", "未填报": "none"}
NO_STATUS = "未填报"


def date_label(day: date) -> str:
    """2023-12-31 -> 2023年年底 (how the plan writes year-end deadlines); else 2024年3月1日."""
    if day.month == 12 and day.day == 31:
        return f"{day.year}年年底"
    return f"{day.year}年{day.month}月{day.day}日"


def deadline_label(deadline: Deadline) -> str:
    parts = []
    if deadline.date:
        parts.append(f"{deadline.date.year}年{deadline.date.month}月{deadline.date.day}日前")
    if deadline.ongoing:
        parts.append("长期坚持")
    return "，并".join(parts) if len(parts) == 2 else parts[0]


def short_deadline(deadline: Deadline) -> str:
    """The deadline in the plan's own words: 2023年年底, 2023年年底并长期坚持, 长期坚持."""
    if deadline.date is None:
        return "长期坚持"
    label = date_label(deadline.date)
    return f"{label}并长期坚持" if deadline.ongoing else label


def status_label(task: Task) -> dict:
    """The latest status the county recorded; 未填报 when there is none (never invented)."""
    latest = task.latest_status
    if latest is None:
        return {"state": NO_STATUS, "date": None, "note": None, "css": STATE_CLASS[NO_STATUS]}
    return {
        "state": latest.state,
        "date": latest.date.isoformat(),
        "note": latest.note,
        "css": STATE_CLASS[latest.state],
    }


def unit_links(knowledge: Knowledge, task: Task, page: str) -> list[dict]:
    roles = sorted(task.units, key=lambda role: ROLE_ORDER[role.role])
    return [
        {
            "id": role.unit,
            "name": knowledge.units[role.unit].name,
            "role": role.role,
            "href": links.rel(page, links.unit_page(role.unit)),
        }
        for role in roles
    ]
