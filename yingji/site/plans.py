"""Pages of the 1+N+X plan system: plans/index.md (tree diagram + full list), plans/<plan-id>.md."""

from __future__ import annotations

import re

from ..content.knowledge import Knowledge
from ..content.models.plans import GUIDANCE, ContingencyPlan
from ..render import render
from .plantree import Column, tree_svg

FIELD_MARKS = {"确定": "已核实", "待核实": "待核实"}


def short_title(plan: ContingencyPlan) -> str:
    """平江县防汛应急预案 -> 防汛; 县水利局…应急预案 -> 水利局…"""
    title = re.sub(r"^(平江县|县)", "", plan.title)
    title = re.sub(r"(突发事件)?(应急预案|工作预案|预案)(（[^）]*）)?$", "", title)
    return title or plan.title


def drill_label(months: int | None) -> str:
    if months is None:
        return "未规定"
    if months == 12:
        return "每年至少一次"
    if months == 6:
        return "每半年至少一次"
    if months % 12 == 0:
        return f"每{months // 12}年至少一次"
    return f"每{months}个月至少一次"


def mark(plan: ContingencyPlan, field: str) -> str:
    return FIELD_MARKS.get(plan.verified.get(field, ""), "示例")


def owner_name(knowledge: Knowledge, owner: str) -> str:
    if owner in knowledge.units:
        return knowledge.units[owner].name
    return knowledge.townships[owner].name


def owner_link(knowledge: Knowledge, owner: str, base: str) -> dict:
    """A unit or township as {name, url}: its unit page, or its township page."""
    if owner in knowledge.units:
        return {"name": knowledge.units[owner].name, "url": f"{base}units/{owner}.md"}
    return {"name": knowledge.townships[owner].name, "url": f"{base}villages/{owner}/index.md"}


def node_link(knowledge: Knowledge, node_id: str, base: str) -> dict:
    """A plan or a village as {title, url, kind} (url relative to a page in `base`)."""
    if node_id in knowledge.contingency_plans:
        plan = knowledge.contingency_plans[node_id]
        return {"title": plan.title, "url": f"{base}plans/{plan.id}.md", "kind": f"{plan.level}级{plan.kind}", "sample": plan.is_sample}
    village = knowledge.villages[node_id]
    township = knowledge.townships[village.township]
    return {
        "title": f"{township.name}{village.name}一村一案",
        "url": f"{base}villages/{village.township}/{village.id}.md",
        "kind": "村级基层",
        "sample": village.sample,
    }


def plan_page(knowledge: Knowledge, plan: ContingencyPlan) -> dict:
    guidance = GUIDANCE[plan.basis]
    owner = [{"name": plan.owner_name, "url": None}] if plan.owner_name else [owner_link(knowledge, plan.owner, "../")]
    rows = [
        ("层级与类别", f"{plan.level}级 · {plan.kind}预案", None),
        ("编制（牵头）单位", owner, mark(plan, "owner")),
        ("成员（参与）单位", [owner_link(knowledge, u, "../") for u in plan.units], "示例" if plan.units else None),
        ("适用范围", plan.scope, mark(plan, "scope")),
        ("适用事件", "、".join(plan.events) or None, "示例" if plan.events else None),
        ("响应分级", "、".join(plan.response_levels) or "不分级（随上级预案启动）", mark(plan, "response_levels")),
        ("评估修订", f"每{plan.review_cycle_years}年至少评估一次" if plan.review_cycle_years else None, mark(plan, "review_cycle_years")),
        ("演练", drill_label(plan.drill_every_months) + (f"；{plan.drill_note}" if plan.drill_note else ""), mark(plan, "drill_every_months")),
        ("文号", plan.doc_number, mark(plan, "doc_number")),
        ("印发日期", plan.issued_date.isoformat() if plan.issued_date else None, mark(plan, "issued_date")),
        ("版本号", plan.version, mark(plan, "version")),
    ]
    parent = node_link(knowledge, plan.parent, "../") if plan.parent else None
    return {
        "id": plan.id,
        "title": plan.title,
        "title_mark": mark(plan, "title"),
        "sample": plan.is_sample,
        "rows": [{"label": label, "value": value, "mark": m} for label, value, m in rows if value],
        "township": knowledge.townships[plan.township].name if plan.township else None,
        "township_url": f"../villages/{plan.township}/index.md" if plan.township else None,
        "parent": parent,
        "aligned": node_link(knowledge, plan.aligned_with, "../") if plan.aligned_with else None,
        "structure": plan.structure,
        "structure_mark": mark(plan, "structure"),
        "basis": guidance["title"],
        "basis_note": guidance["note"],
        "children": [node_link(knowledge, child, "../") for child in knowledge.plan_children.get(plan.id, [])],
        "sources": [{"title": s.title, "url": s.url, "note": s.note} for s in plan.sources],
        "unknown": plan.unknown,
        "note": plan.note,
    }


def _tree_columns(knowledge: Knowledge) -> tuple[list[Column], Column]:
    plans = list(knowledge.contingency_plans.values())
    county = [p for p in plans if p.level == "县"]
    special = [p for p in county if p.kind == "专项"]
    x = [p for p in county if p.kind in ("部门", "单位")]
    town = [p for p in plans if p.level == "乡镇"]
    town_counts = [
        (f"{sum(1 for p in town if p.kind == kind)} 个{kind}预案", False)
        for kind in ("总体", "专项", "部门", "单位")
        if any(p.kind == kind for p in town)
    ]
    columns = [
        Column(f"N　专项预案（{len(special)}）", [(short_title(p), "title" in p.verified) for p in special]),
        Column(f"X　部门预案（{len(x)}）", [(short_title(p), "title" in p.verified) for p in x]),
        Column(f"乡镇（街道）预案（{len(town)}）", town_counts),
    ]
    kinds = {kind: sum(1 for v in knowledge.villages.values() if v.kind == kind) for kind in ("村", "社区")}
    villages = Column(
        f"村（社区）一村一案（{len(knowledge.villages)}）",
        [(f"{count} 个{kind}", False) for kind, count in kinds.items() if count],
    )
    return columns, villages


def _list_entry(knowledge: Knowledge, node_id: str, depth: int, out: list[dict]) -> None:
    entry = node_link(knowledge, node_id, "../")
    entry["depth"] = depth
    out.append(entry)
    children = knowledge.plan_children.get(node_id, [])
    villages = [c for c in children if c in knowledge.villages]
    for child in children:
        if child not in knowledge.villages:
            _list_entry(knowledge, child, depth + 1, out)
    if villages:
        township = knowledge.villages[villages[0]].township
        out.append({
            "title": f"{len(villages)} 个村（社区）一村一案",
            "url": f"../villages/{township}/index.md",
            "kind": "村级基层",
            "sample": all(knowledge.villages[v].sample for v in villages),
            "depth": depth + 1,
        })


def plans_index(knowledge: Knowledge) -> dict:
    root = knowledge.plan_root
    columns, villages = _tree_columns(knowledge)
    entries: list[dict] = []
    if root:
        _list_entry(knowledge, root.id, 0, entries)
    task = knowledge.tasks.get("t13")
    quote = next((s + "。" for s in task.text.split("。") if "1+N+X" in s), None) if task else None
    counts = knowledge.counts()
    return {
        "svg": tree_svg((root.title, "title" in root.verified), columns, villages) if root else None,
        "entries": entries,
        "quote": quote,
        "task": {"id": task.id, "number": task.number, "title": task.title} if task else None,
        "by_level": counts["contingency_plans_by_level"],
        "by_kind": counts["contingency_plans_by_kind"],
        "total": counts["contingency_plans"],
        "guidance": [{"name": name, **value} for name, value in GUIDANCE.items()],
    }


def plan_pages(knowledge: Knowledge, profile: str) -> dict[str, str]:
    if not knowledge.contingency_plans:
        return {}
    pages = {"plans/index.md": render("site/plans_index.md.j2", index=plans_index(knowledge))}
    for plan in knowledge.contingency_plans.values():
        pages[f"plans/{plan.id}.md"] = render("site/plan_page.md.j2", plan=plan_page(knowledge, plan))
    return pages
