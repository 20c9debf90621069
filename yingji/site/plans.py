"""Pages of the 1+N+X plan system: plans/index.md (tree diagram + full list), plans/<plan-id>.md."""

from __future__ import annotations

import re

from ..content.models.plans import GUIDANCE, ContingencyPlan
from ..presentation.labels import field_mark as mark
from ..presentation.labels import plan_cycles
from ..render import render
from .context import SiteContext

ALL_PLANS = "all-plans"  # anchor of the full list on the plans index

# What `verified` may name, as a reader calls it (the plans index says what is verified so far).
FIELD_NAMES = {
    "title": "名称", "doc_number": "文号", "issued_date": "印发日期", "version": "版本号", "owner": "印发（编制）单位",
    "scope": "适用范围", "response_levels": "响应分级", "structure": "目录", "review_cycle_years": "评估周期",
    "drill_every_months": "演练周期", "basis": "编制依据",
}


def short_title(plan: ContingencyPlan, county: str) -> str:
    """平江县防汛应急预案 -> 防汛; 县水利局…应急预案 -> 水利局…"""
    title = plan.title[len(county):] if plan.title.startswith(county) else plan.title.removeprefix("县")
    title = re.sub(r"(突发事件)?(应急预案|工作预案|预案)(（[^）]*）)?$", "", title)
    return title or plan.title


def owner_link(ctx: SiteContext, owner: str, page: str) -> dict:
    """A unit or township as {name, url}: its unit page, or its township page."""
    knowledge = ctx.knowledge
    if owner in knowledge.units:
        return {"name": knowledge.units[owner].name, "url": ctx.link(page, "unit", owner)}
    return {"name": knowledge.townships[owner].name, "url": ctx.link(page, "township", owner)}


def node_link(ctx: SiteContext, node_id: str, page: str) -> dict:
    """A plan or a village as {title, url, kind} (url relative to `page`)."""
    knowledge = ctx.knowledge
    if node_id in knowledge.contingency_plans:
        plan = knowledge.contingency_plans[node_id]
        return {"title": plan.title, "url": ctx.link(page, "contingency-plan", plan.id), "kind": f"{plan.level}级{plan.kind}", "sample": plan.is_sample}
    village = knowledge.villages[node_id]
    township = knowledge.townships[village.township]
    return {
        "title": f"{township.name}{village.name}一村一案",
        "url": ctx.link(page, "village", village.id),
        "kind": "村级基层",
        "sample": village.sample,
    }


def plan_page(ctx: SiteContext, plan: ContingencyPlan) -> dict:
    knowledge = ctx.knowledge
    page = ctx.routes.path("contingency-plan", plan.id)
    review, drill = plan_cycles(plan)
    owner = [{"name": plan.owner_name, "url": None}] if plan.owner_name else [owner_link(ctx, plan.owner, page)]
    rows = [
        ("层级与类别", f"{plan.level}级 · {plan.kind}预案", None),
        ("编制（牵头）单位", owner, mark(plan, "owner")),
        ("成员（参与）单位", [owner_link(ctx, u, page) for u in plan.units], "示例" if plan.units else None),
        ("适用范围", plan.scope, mark(plan, "scope")),
        ("适用事件", "、".join(plan.events) or None, "示例" if plan.events else None),
        ("响应分级", "、".join(plan.response_levels) or "不分级（随上级预案启动）", mark(plan, "response_levels")),
        ("评估修订", review, mark(plan, "review_cycle_years")),
        ("演练", drill, mark(plan, "drill_every_months")),
        ("文号", plan.doc_number, mark(plan, "doc_number")),
        ("印发日期", plan.issued_date.isoformat() if plan.issued_date else None, mark(plan, "issued_date")),
        ("版本号", plan.version, mark(plan, "version")),
    ]
    parent = node_link(ctx, plan.parent, page) if plan.parent else None
    return {
        "id": plan.id,
        "title": plan.title,
        "title_mark": mark(plan, "title"),
        "sample": plan.is_sample,
        "rows": [{"label": label, "value": value, "mark": m} for label, value, m in rows if value],
        "township": knowledge.townships[plan.township].name if plan.township else None,
        "township_url": ctx.link(page, "township", plan.township) if plan.township else None,
        "parent": parent,
        "aligned": node_link(ctx, plan.aligned_with, page) if plan.aligned_with else None,
        "structure": plan.structure,
        "structure_mark": mark(plan, "structure"),
        "basis": {**GUIDANCE[plan.basis], "mark": mark(plan, "basis")} if plan.basis else None,
        "children": [node_link(ctx, child, page) for child in knowledge.plan_children.get(plan.id, [])],
        "sources": [{"title": s.title, "number": s.number, "url": s.url, "note": s.note} for s in plan.sources],
        "unknown": plan.unknown,
        "note": plan.note,
    }


def plan_tree(ctx: SiteContext) -> dict | None:
    """The 1+N+X picture as boxes that are links: the county 总体 plan (1) on top; the 专项 (N),
    部门 and unit (X) plans one box each; the township plans and the village plans as one box
    each, linked to their lists. Laid out by CSS: columns on a desktop, one column on a phone."""
    knowledge = ctx.knowledge
    root = knowledge.plan_root
    if root is None:
        return None
    page = ctx.routes.path("plans")
    county_name = knowledge.county.name
    plans = list(knowledge.contingency_plans.values())
    county = [p for p in plans if p.level == "县"]

    def node(plan):
        return {"title": short_title(plan, county_name), "full": plan.title, "verified": "title" in plan.verified,
                "href": ctx.link(page, "contingency-plan", plan.id)}

    special = [node(p) for p in county if p.kind == "专项"]
    x = [node(p) for p in county if p.kind in ("部门", "单位")]
    town = [p for p in plans if p.level == "乡镇"]
    lists = ctx.link(page, "villages") if ctx.has("villages") else f"#{ALL_PLANS}"
    town_lines = [f"{sum(1 for p in town if p.kind == kind)} 个{kind}预案" for kind in ("总体", "专项", "部门", "单位")
                  if any(p.kind == kind for p in town)]
    kinds = {kind: sum(1 for v in knowledge.villages.values() if v.kind == kind) for kind in ("村", "社区")}
    return {
        "root": {**node(root), "title": root.title},
        "columns": [
            {"heading": f"N　专项预案（{len(special)}）", "nodes": special},
            {"heading": f"X　部门预案（{len(x)}）", "nodes": x},
        ],
        "towns": {"heading": f"乡镇（街道）预案（{len(town)}）", "lines": town_lines, "href": lists} if town else None,
        "villages": {
            "heading": f"村（社区）一村一案（{len(knowledge.villages)}）",
            "lines": [f"{count} 个{kind}" for kind, count in kinds.items() if count],
            "href": lists,
        } if knowledge.villages else None,
    }


def _list_entry(ctx: SiteContext, node_id: str, depth: int, out: list[dict]) -> None:
    knowledge = ctx.knowledge
    page = ctx.routes.path("plans")
    entry = node_link(ctx, node_id, page)
    entry["depth"] = depth
    out.append(entry)
    children = knowledge.plan_children.get(node_id, [])
    villages = [c for c in children if c in knowledge.villages]
    for child in children:
        if child not in knowledge.villages:
            _list_entry(ctx, child, depth + 1, out)
    if villages:
        township = knowledge.villages[villages[0]].township
        out.append({
            "title": f"{len(villages)} 个村（社区）一村一案",
            "url": ctx.link(page, "township", township),
            "kind": "村级基层",
            "sample": all(knowledge.villages[v].sample for v in villages),
            "depth": depth + 1,
        })


def plans_index(ctx: SiteContext) -> dict:
    knowledge = ctx.knowledge
    root = knowledge.plan_root
    entries: list[dict] = []
    if root:
        _list_entry(ctx, root.id, 0, entries)
    task = plan_system_task(knowledge)
    quote = next((s + "。" for s in task.text.split("。") if "1+N+X" in s), None) if task else None
    counts = knowledge.counts()
    return {
        "tree": plan_tree(ctx),
        "all_anchor": ALL_PLANS,
        "entries": entries,
        "quote": quote,
        "task": {"number": task.number, "title": task.title, "href": ctx.link(ctx.routes.path("plans"), "task", task.id)} if task else None,
        "by_level": counts["contingency_plans_by_level"],
        "by_kind": counts["contingency_plans_by_kind"],
        "total": counts["contingency_plans"],
        "guidance": [{"name": name, **value} for name, value in GUIDANCE.items()],
        "verified": verified_summary(knowledge),
    }


def verified_summary(knowledge) -> list[dict]:
    """The plans with verified fields and which: what the index may say is known so far."""
    return [
        {"title": plan.title, "fields": "、".join(FIELD_NAMES[f] for f in FIELD_NAMES if f in plan.verified)}
        for plan in knowledge.contingency_plans.values()
        if plan.verified
    ]


def plan_system_task(knowledge):
    """The task of the plan that sets up the 1+N+X system (the one whose text names it)."""
    return next((task for task in knowledge.plan.tasks if "1+N+X" in task.text), None)


def village_plans_task(knowledge):
    """The task of the plan that asks for 一村一案 (the one whose text names it)."""
    return next((task for task in knowledge.plan.tasks if "一村一案" in task.text), None)


def produce(ctx: SiteContext) -> dict[str, str]:
    if not ctx.routes.generates("plans"):
        return {}
    pages = {ctx.routes.path("plans"): render("site/plans_index.md.j2", index=plans_index(ctx))}
    for plan in ctx.knowledge.contingency_plans.values():
        pages[ctx.routes.path("contingency-plan", plan.id)] = render("site/plan_page.md.j2", plan=plan_page(ctx, plan))
    return pages
