"""The plan part of the site: home, 方案 overview with indicators, task index and task pages,
and the 时间表."""

from __future__ import annotations

import json

from ..content.models.plan import Task
from ..presentation.labels import (
    COMPARATOR_WORDS,
    NO_STATUS,
    OVERDUE,
    STATE_CLASS,
    date_label,
    day_label,
    deadline_label,
    is_overdue,
    short_deadline,
    status_label,
)
from ..presentation.routes import relative
from ..render import md_inline, render, render_page
from .backlinks import citations
from .context import SiteContext
from .law_pages import article_title
from .views import unit_links

UPCOMING_SHOWN = 6


def produce(ctx: SiteContext) -> dict[str, str]:
    path = ctx.routes.path
    pages = {
        path("home"): render("site/home.md.j2", home=home(ctx)),
        path("tasks"): render("site/tasks_index.md.j2", index=task_index(ctx)),
        path("timeline"): render("site/timeline.md.j2", timeline=timeline(ctx)),
    }
    if ctx.routes.generates("village-picker-data"):
        pages[path("village-picker-data")] = village_picker_data(ctx)
    pages.update([render_page(ctx.routes, "plan", "", "site/plan.md.j2", plan=plan_overview(ctx))])
    tasks = ctx.knowledge.plan.tasks
    for i, task in enumerate(tasks):
        neighbours = (tasks[i - 1] if i else None, tasks[i + 1] if i + 1 < len(tasks) else None)
        pages[path("task", task.id)] = render("site/task.md.j2", task=task_page(ctx, task, neighbours))
    return pages


# -- home ------------------------------------------------------------------------------------


def home(ctx: SiteContext) -> dict:
    plan = ctx.knowledge.plan
    page = ctx.routes.path("home")
    return {
        "county": ctx.knowledge.county.name,
        "title": plan.title,
        "doc_number": plan.doc_number,
        "task_count": len(plan.tasks),
        "overdue": sum(is_overdue(task, ctx.today) for task in plan.tasks),
        "as_of": day_label(ctx.today),
        "audiences": _audiences(ctx, page),
        "upcoming": upcoming_deadlines(ctx, page),
        "timeline_href": ctx.link(page, "timeline"),
        "picker": village_picker(ctx, page),
    }


def village_picker(ctx: SiteContext, page: str) -> dict | None:
    """乡镇 → 村 on the home page: townships in the page, their villages in a small data script
    (villages/picker.data.js, loaded by site.js; a script works from file:// as over http)."""
    if not ctx.has("village-picker-data"):
        return None
    return {
        "src": ctx.routes.path("village-picker-data"),
        "root": relative(page, "index.md").removesuffix("index.md"),
        "townships": [
            {"id": t.id, "name": t.name, "href": ctx.routes.url("township", t.id)}
            for t in ctx.knowledge.townships.values()
        ],
        "index_href": ctx.link(page, "villages"),
    }


def village_picker_data(ctx: SiteContext) -> str:
    """window.yingjiVillages = {township id: [[village name, address from the site's root], …]}."""
    data: dict[str, list] = {}
    for village in ctx.knowledge.villages.values():
        data.setdefault(village.township, []).append([village.name, ctx.routes.url("village", village.id)])
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.yingjiVillages={payload};\n"


def _audiences(ctx: SiteContext, page: str) -> list[dict]:
    """Entry points per audience; an entry appears only when its page is part of the build."""
    knowledge = ctx.knowledge
    duty_article = next(
        (entry for entry in knowledge.articles.values() if "主要负责人" in entry.article.tags), None
    )
    candidates = {
        "备考的企业主要负责人": [
            ("在线练习与模拟考试", ("quiz", ""), "按专题练习，限时模拟考试，自动评分"),
            ("主要负责人的法定职责", ("article", duty_article.id) if duty_article else None, "法律条文原文与通俗要点"),
            ("相关法律法规", ("laws", ""), "每条都有原文、要点和相关试题"),
            ("常考术语", ("glossary", ""), "第一责任人、双重预防机制、重大事故隐患等"),
            ("资料下载", ("downloads", ""), "应知应会手册等 PDF，可打印"),
        ],
        "培训讲师": [
            ("实施方案与总体目标", ("plan", ""), "指导思想、量化指标、重点任务"),
            ("责任分工", ("units", ""), "各单位牵头、负责、参与的任务一览"),
            ("时间表", ("timeline", ""), "各项任务的完成时限与进展"),
            ("1+N+X 预案体系", ("plans", ""), "总体预案、专项预案与部门预案"),
            ("资料下载", ("downloads", ""), "培训手册、责任分工表 PDF"),
        ],
        "公众": [
            ("一村一案", ("villages", ""), "本村的风险点、转移路线和联系人"),
            ("术语解释", ("glossary", ""), "三管三必须、双重预防等说法是什么意思"),
            ("自救互救练习", _self_rescue_practice(knowledge), "报警、撤离、互救的基本常识"),
            ("时间表", ("timeline", ""), "各项工作的完成时限"),
        ],
    }
    audiences = []
    for audience, entries in candidates.items():
        shown = [
            {"title": title, "href": ctx.link(page, *target), "text": text}
            for title, target, text in entries
            if target and ctx.has(*target)
        ]
        audiences.append({"title": audience, "entries": shown})
    return audiences


def _self_rescue_practice(knowledge) -> tuple[str, str] | None:
    """The practice topic for the public: the one with the largest share of questions for 公众."""
    best, best_share = None, 0.0
    for topic in knowledge.topics.values():
        audiences = [entry.question.audience for entry in knowledge.questions.values() if entry.topic == topic.id]
        share = sum("公众" in audience for audience in audiences) / len(audiences) if audiences else 0.0
        if share > best_share:
            best, best_share = topic.id, share
    return ("practice", best) if best else None


def upcoming_deadlines(ctx: SiteContext, page: str) -> list[dict]:
    """Dated tasks not recorded as 已完成, earliest first (no clock involved: reproducible)."""
    open_tasks = [
        task for task in ctx.knowledge.plan.tasks
        if task.deadline.date and (task.latest_status is None or task.latest_status.state != "已完成")
    ]
    open_tasks.sort(key=lambda t: (t.deadline.date, t.number))
    return [_task_row(ctx, task, page) for task in open_tasks[:UPCOMING_SHOWN]]


def _task_row(ctx: SiteContext, task: Task, page: str) -> dict:
    return {
        "id": task.id,
        "number": task.number,
        "title": task.title,
        "href": ctx.link(page, "task", task.id),
        "deadline": short_deadline(task.deadline),
        "status": status_label(task, ctx.today),
    }


# -- plan overview -----------------------------------------------------------------------------


def plan_overview(ctx: SiteContext) -> dict:
    plan = ctx.knowledge.plan
    page = ctx.routes.path("plan")
    linker = ctx.linker(page)
    return {
        "title": plan.title,
        "doc_number": plan.doc_number,
        "issuers": plan.issuers,
        "preamble": linker.paragraphs(plan.preamble),
        "guiding_ideology": linker.paragraphs(plan.guiding_ideology),
        "goals": linker.paragraphs(plan.goals.text),
        "indicators": [_indicator(ctx, ind, page) for ind in plan.goals.indicators],
        "chart": indicator_chart(ctx),
        "sections": [
            {
                "id": s.id,
                "heading": (f"（{s.number}）" if s.number else "") + s.title,
                "part": s.part,
                "tasks": [_task_row(ctx, t, page) for t in s.tasks],
            }
            for s in plan.sections
        ],
    }


def _indicator(ctx: SiteContext, indicator, page: str) -> dict:
    plan = ctx.knowledge.plan
    units: dict[str, dict] = {}
    for task_id in indicator.tasks:
        for unit in unit_links(ctx, ctx.knowledge.tasks[task_id], page):
            units.setdefault(unit["id"], unit)
    return {
        "id": indicator.id,
        "name": indicator.name,
        "target": indicator.target,
        "deadline": date_label(indicator.deadline) if indicator.deadline else f"{plan.goals.target_year}年",
        "units": list(units.values()),
        "tasks": [
            {"number": ctx.knowledge.tasks[t].number, "href": ctx.link(page, "task", t)} for t in indicator.tasks
        ],
    }


def indicator_chart(ctx: SiteContext) -> dict:
    """Percentages as bars, counts as big numbers, qualitative targets as labelled cards."""
    bars, figures, qualitative = [], [], []
    for ind in ctx.knowledge.plan.goals.indicators:
        item = {"name": ind.name, "target": ind.target, "id": ind.id}
        if ind.value is not None and ind.unit == "%":
            bars.append({**item, "width": max(0.0, min(100.0, ind.value)), "value": f"{ind.value:g}%",
                         "comparator": COMPARATOR_WORDS.get(ind.comparator or "", "")})
        elif ind.value is not None:
            figures.append({**item, "value": f"{ind.value:g}", "unit": ind.unit or "",
                            "comparator": COMPARATOR_WORDS.get(ind.comparator or "", "")})
        else:
            qualitative.append(item)
    return {"bars": bars, "figures": figures, "qualitative": qualitative}


# -- tasks ------------------------------------------------------------------------------------


def task_index(ctx: SiteContext) -> dict:
    page = ctx.routes.path("tasks")
    return {
        "units_href": ctx.link(page, "units"),
        "timeline_href": ctx.link(page, "timeline"),
        "sections": [
            {
                "heading": (f"（{s.number}）" if s.number else "") + s.title,
                "part": s.part,
                "tasks": [
                    {**_task_row(ctx, t, page), "units": [u["name"] for u in unit_links(ctx, t, page)]}
                    for t in s.tasks
                ],
            }
            for s in ctx.knowledge.plan.sections
        ],
    }


def task_page(ctx: SiteContext, task: Task, neighbours: tuple) -> dict:
    page = ctx.routes.path("task", task.id)
    linker = ctx.linker(page)
    section = next(s for s in ctx.knowledge.plan.sections if task in s.tasks)
    previous, following = neighbours
    return {
        "id": task.id,
        "number": task.number,
        "title": task.title,
        "section": (f"（{section.number}）" if section.number else "") + section.title,
        "text": linker.paragraphs(task.text),
        "units_text": task.units_text,
        "units": unit_links(ctx, task, page),
        "deadline_text": task.deadline_text,
        "deadline": deadline_label(task.deadline),
        "targets": [linker.inline(t.text) for t in task.targets],
        "status": status_label(task, ctx.today),
        "history": [
            {"state": r.state, "date": r.date.isoformat(), "note": r.note}
            for r in sorted(task.status, key=lambda r: r.date, reverse=True)
        ],
        "basis": task_basis(ctx, task, page),
        "cited": citations(ctx, task.id, page, linker),
        "previous": _neighbour(ctx, previous, page),
        "next": _neighbour(ctx, following, page),
        "tasks_href": ctx.link(page, "tasks"),
        "timeline_href": ctx.link(page, "timeline"),
    }


def task_basis(ctx: SiteContext, task: Task, page: str) -> list[dict]:
    """The laws and articles the task applies (as its content names them), as links."""
    basis = []
    for ref in task.basis:
        if ref in ctx.knowledge.laws:
            basis.append({"title": f"《{ctx.knowledge.laws[ref].short_title}》", "href": ctx.link(page, "law", ref)})
        else:
            basis.append({"title": article_title(ctx, ref), "href": ctx.link(page, "article", ref)})
    return basis


def _neighbour(ctx: SiteContext, task: Task | None, page: str) -> dict | None:
    if task is None:
        return None
    return {"number": task.number, "title": task.title, "href": ctx.link(page, "task", task.id)}


# -- timeline ---------------------------------------------------------------------------------


def timeline(ctx: SiteContext) -> dict:
    """Tasks by deadline (each date, then 长期坚持), each with its recorded status or 未填报."""
    page = ctx.routes.path("timeline")
    tasks = ctx.knowledge.plan.tasks
    dates = sorted({t.deadline.date for t in tasks if t.deadline.date})
    groups = []
    for day in dates:
        members = [t for t in tasks if t.deadline.date == day]
        groups.append({"label": date_label(day), "date": day.isoformat(), "tasks": [_timeline_item(ctx, t, page) for t in members]})
    ongoing = [t for t in tasks if t.deadline.date is None]
    if ongoing:
        groups.append({"label": "长期坚持", "date": None, "tasks": [_timeline_item(ctx, t, page) for t in ongoing]})
    counts = {state: 0 for state in ("已完成", "推进中", "未启动", NO_STATUS)}
    for task in tasks:
        counts[status_label(task, ctx.today)["state"]] += 1
    late = sum(is_overdue(task, ctx.today) for task in tasks)
    upcoming = next((i for i, group in enumerate(groups) if group["date"] is None or group["date"] >= ctx.today.isoformat()), len(groups))
    return {
        "today": day_label(ctx.today),
        "today_at": upcoming,  # the "today" line goes before this group
        "overdue": {"state": OVERDUE, "count": late, "css": STATE_CLASS[OVERDUE]},
        "groups": groups,
        "counts": [{"state": s, "count": n, "css": STATE_CLASS[s]} for s, n in counts.items()],
        "total": len(tasks),
    }


def _timeline_item(ctx: SiteContext, task: Task, page: str) -> dict:
    row = _task_row(ctx, task, page)
    row["ongoing_after"] = bool(task.deadline.date and task.deadline.ongoing)
    status = row["status"]
    row["status_text"] = md_inline(
        status["state"] + (f"（{status['date']}）" if status["date"] else "") + (f"：{status['note']}" if status["note"] else "")
    )
    return row
