"""The 1+N+X chapter of the 培训手册: the county's contingency plans and the townships' and villages'.

Built on the same helpers as the site's plan pages, so both say the same about what is verified
and what is 示例.
"""

from __future__ import annotations

from ..content.knowledge import Knowledge
from ..presentation.labels import field_mark, owner_name, plan_cycles

KIND_ORDER = {"总体": 0, "专项": 1, "部门": 2, "单位": 3, "基层": 4}


def _drill(plan) -> str:
    """The drill cycle as the site's plan page says it; a partly verified plan marks how sure it is."""
    drill = plan_cycles(plan)[1]
    if drill is None:
        return "—"
    sure = field_mark(plan, "drill_every_months")
    return drill if plan.is_sample or sure == "已核实" else f"{drill}（{sure}）"


def _state(plan) -> str:
    if plan.is_sample:
        return "示例"
    return "已核实" if all(v == "确定" for v in plan.verified.values()) else "部分核实"


def plan_system(knowledge: Knowledge) -> dict | None:
    if not knowledge.contingency_plans:
        return None
    county = [p for p in knowledge.contingency_plans.values() if p.level == "县"]
    county.sort(key=lambda p: KIND_ORDER[p.kind])  # stable: content order within a kind
    townships = []
    for township in knowledge.townships.values():
        plans = knowledge.township_plans(township.id)
        villages = knowledge.villages_of(township.id)
        if plans or villages:
            townships.append(
                {
                    "name": township.name,
                    "plans": "、".join(p.title.removeprefix(township.name) for p in plans) or "—",
                    "villages": "、".join(v.name for v in villages) or "—",
                }
            )
    counts = {kind: sum(1 for p in county if p.kind == kind) for kind in KIND_ORDER}
    return {
        "county": [
            {
                "title": p.title,
                "kind": p.kind,
                "owner": p.owner_name or owner_name(knowledge, p.owner),
                "drill": _drill(p),
                "state": _state(p),
            }
            for p in county
        ],
        "summary": (
            f"县级预案 {len(county)} 件（总体预案 {counts['总体']} 件、专项预案 {counts['专项']} 件、"
            f"部门和单位预案 {counts['部门'] + counts['单位']} 件）；"
            f"乡镇（街道）预案 {sum(1 for p in knowledge.contingency_plans.values() if p.level == '乡镇')} 件；"
            f"村（社区）“一村一案” {len(knowledge.villages)} 个"
        ),
        "townships": townships,
        "sample": any(p.is_sample for p in knowledge.contingency_plans.values()) or any(v.sample for v in knowledge.villages.values()),
    }
