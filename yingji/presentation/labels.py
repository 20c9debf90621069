"""How things are written for a reader, one function each, used by every output (site, quiz,
print) and by the importers: article labels, dates, Chinese numerals, deadlines, statuses,
drill cycles, people. Change a label here and it changes everywhere.
"""

from __future__ import annotations

import re
from datetime import date

from ..content.knowledge import Knowledge
from ..content.models.base import split_article_ref
from ..content.models.plan import Deadline, Task

NUMERALS = "零一二三四五六七八九"
NO_STATUS = "未填报"
OVERDUE = "逾期"
STATE_CLASS = {"已完成": "done", "推进中": "doing", "未启动": "todo", NO_STATUS: "none", OVERDUE: "late"}
COMPARATOR_WORDS = {">": "超过", ">=": "不少于", "=": "达到", "<": "低于", "<=": "不超过"}


# -- numbers and articles ------------------------------------------------------------------------


def chinese_number(number: int) -> str:
    """1..9999 as the numeral used in article labels (119 → 一百一十九)."""
    if not 0 < number < 10000:
        raise ValueError(f"超出范围的条文序号：{number}")
    parts: list[str] = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(NUMERALS[digit] + unit)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def article_label(number: int) -> str:
    """21 → 第二十一条."""
    return f"第{chinese_number(number)}条"


def article_title(law_short_title: str, number: int) -> str:
    """《安全生产法》第二十一条: how one page names an article it refers to."""
    return f"《{law_short_title}》{article_label(number)}"


def task_reference(task: Task) -> str:
    """实施方案第9项“…”: a task named as the basis of an answer."""
    return f"实施方案第{task.number}项“{task.title}”"


_TASK_VERBS = re.compile(r"^(加强|完善|强化|提升|提高|压实|明晰|健全|做好|建立|推进|落实)")


def task_short_title(task: Task) -> str:
    """加强综合行政执法队伍建设 → 综合行政执法队伍: a task in a narrow column heading."""
    short = _TASK_VERBS.sub("", task.title)
    short = short.removesuffix("建设") if len(short) > 6 else short
    return short or task.title


def cite_label(knowledge: Knowledge, ref: str) -> str:
    """An article, task or term id → the words a reader would write: 《安全生产法》第二十一条."""
    parsed = split_article_ref(ref)
    if parsed:
        return article_title(knowledge.laws[parsed[0]].short_title, parsed[1])
    if ref in knowledge.tasks:
        return task_reference(knowledge.tasks[ref])
    if ref in knowledge.terms:
        return f"术语“{knowledge.terms[ref].term}”"
    return ref


def document_label(document: str, number: str | None) -> str:
    """A document as the content names it (with its own book-title marks, e.g.
    平江县《关于…的实施方案》), then its number: …（平办发〔2023〕12号）."""
    return document + (f"（{number}）" if number else "")


def ref_title(knowledge: Knowledge, ref: str) -> str:
    """A citation as a learner sees it above its text: 《安全生产法》第五条, 实施方案 第9项任务：…, 术语：…"""
    parsed = split_article_ref(ref)
    if parsed:
        return article_title(knowledge.laws[parsed[0]].short_title, parsed[1])
    if ref in knowledge.tasks:
        task = knowledge.tasks[ref]
        return f"实施方案 第{task.number}项任务：{task.title}"
    return f"术语：{knowledge.terms[ref].term}"


# -- dates and deadlines -------------------------------------------------------------------------


def day_label(day: date | None, missing: str = "—") -> str:
    """2024-03-01 → 2024年3月1日."""
    return f"{day.year}年{day.month}月{day.day}日" if day else missing


def date_label(day: date) -> str:
    """2023-12-31 → 2023年年底 (how the plan writes year-end deadlines); else 2024年3月1日."""
    if day.month == 12 and day.day == 31:
        return f"{day.year}年年底"
    return day_label(day)


def before_label(day: date) -> str:
    """2023-12-31 → 2023年12月31日前."""
    return f"{day_label(day)}前"


def deadline_label(deadline: Deadline) -> str:
    parts = []
    if deadline.date:
        parts.append(before_label(deadline.date))
    if deadline.ongoing:
        parts.append("长期坚持")
    return "，并".join(parts) if len(parts) == 2 else parts[0]


def short_deadline(deadline: Deadline) -> str:
    """The deadline in the plan's own words: 2023年年底, 2023年年底并长期坚持, 长期坚持."""
    if deadline.date is None:
        return "长期坚持"
    label = date_label(deadline.date)
    return f"{label}并长期坚持" if deadline.ongoing else label


def status_label(task: Task, today: date | None = None) -> dict:
    """The latest status the county recorded; 未填报 when there is none (never invented).
    Given the build date, `overdue` says the deadline has passed with no 已完成 recorded."""
    latest = task.latest_status
    overdue = is_overdue(task, today)
    if latest is None:
        return {"state": NO_STATUS, "date": None, "note": None, "css": STATE_CLASS[NO_STATUS], "overdue": overdue}
    return {"state": latest.state, "date": latest.date.isoformat(), "note": latest.note,
            "css": STATE_CLASS[latest.state], "overdue": overdue}


def is_overdue(task: Task, today: date | None) -> bool:
    """Past its dated deadline (before `today`) and not recorded as 已完成."""
    latest = task.latest_status
    done = latest is not None and latest.state == "已完成"
    return bool(today and task.deadline.date and task.deadline.date < today and not done)


def drill_label(months: int | None, *, rule: bool = False) -> str | None:
    """How often a plan is drilled: 12 → 每年一次, 6 → 每半年一次, 36 → 每3年一次; as a rule
    (a verified field, its source given) 每3年至少一次. None when the content does not say."""
    if months is None:
        return None
    every = {12: "每年", 6: "每半年"}.get(months) or (f"每{months // 12}年" if months % 12 == 0 else f"每{months}个月")
    return f"{every}至少一次" if rule else f"{every}一次"


def review_label(years: int | None, *, rule: bool = False) -> str | None:
    """How often a plan is reviewed: 3 → 每3年评估一次 (每3年至少评估一次 as a rule)."""
    if years is None:
        return None
    every = "每年" if years == 1 else f"每{years}年"
    return f"{every}至少评估一次" if rule else f"{every}评估一次"


def with_note(label: str | None, note: str | None) -> str | None:
    """A cycle and its note: 每年一次；每年汛前组织一次（示例）."""
    return "；".join(part for part in (label, note) if part) or None


FIELD_MARKS = {"确定": "已核实", "待核实": "待核实"}


def field_mark(plan, field: str) -> str:
    """How sure a contingency plan's field is: 已核实, 待核实 or 示例 (site page and handbook alike)."""
    return FIELD_MARKS.get(plan.verified.get(field, ""), "示例")


def plan_cycles(plan) -> tuple[str | None, str | None]:
    """(review, drill) of a contingency plan: a rule only where the field is verified."""
    review = review_label(plan.review_cycle_years, rule="review_cycle_years" in plan.verified)
    drill = drill_label(plan.drill_every_months, rule="drill_every_months" in plan.verified)
    return review, with_note(drill, plan.drill_note)


# -- people (views from presentation.privacy, already masked as the profile requires) ----------


def person_label(person: dict) -> str:
    """王某（村支书，138****1234）, or 网格员（一至三组，150****0239） when names are left out."""
    if not person["named"]:
        area = f"{person['area']}，" if person["area"] else ""
        return f"{person['role']}（{area}{person['phone']}）"
    return f"{person['name']}（{person['role']}，{person['phone']}）"


# -- units and owners --------------------------------------------------------------------------


def owner_name(knowledge: Knowledge, owner: str) -> str:
    """A plan's owner (a unit or a township id) by name."""
    if owner in knowledge.units:
        return knowledge.units[owner].name
    return knowledge.townships[owner].name
