"""Village pages: villages/index.md (townships), villages/<township>/index.md, and one page per
village plan that a village cadre can act on: who watches, which signal, which way, where to.

Every name and personal phone number goes through yingji.presentation.privacy, so the profile decides
what is shown (public: masked numbers, roles instead of names where the village says so).
"""

from __future__ import annotations

from collections import Counter

from ..content.knowledge import Knowledge
from ..content.models.villages import EVACUATION_RISKS, Village
from ..presentation.privacy import person_view
from ..render import render

STAGES = ("准备转移", "立即转移", "解除警报")


def drill_text(village: Village) -> str:
    months = village.plan.drill_every_months
    text = "每年至少一次" if months == 12 else f"每{months}个月至少一次"
    return text + (f"；{village.plan.drill_note}" if village.plan.drill_note else "")


class People:
    """Person ids of one village → what the profile allows to show."""

    def __init__(self, village: Village, profile: str):
        self.views = {p.id: person_view(p, village, profile) for p in village.people}

    def who(self, person_id: str | None) -> str:
        if not person_id:
            return ""
        view = self.views[person_id]
        if view["name"] == view["role"] or view["name"].startswith(view["role"] + "（"):
            # roles instead of names: 网格员（一至三组，150****0239）
            area = f"{view['area']}，" if view["area"] else ""
            return f"{view['role']}（{area}{view['phone']}）"
        return f"{view['name']}（{view['role']}，{view['phone']}）"

    def names(self, person_ids: list[str]) -> str:
        return "、".join(self.who(pid) for pid in person_ids)


def village_page(knowledge: Knowledge, village: Village, profile: str) -> dict:
    people = People(village, profile)
    township = knowledge.townships[village.township]
    shelters = {s.id: s for s in village.shelters}
    routes = {r.id: r for r in village.routes}
    now = [s for s in village.signals if s.stage == "立即转移"]
    parent = knowledge.village_parent(village)
    return {
        "name": village.name,
        "kind": village.kind,
        "sample": village.sample,
        "masked": profile == "public",
        "roles_only": profile == "public" and not village.public_names,
        "township": {"id": township.id, "name": township.name},
        "parent": {"id": parent, "title": knowledge.contingency_plans[parent].title} if parent else None,
        "summary": village.summary,
        "facts": [
            ("户数", f"{village.households} 户"),
            ("人口", f"{village.population} 人"),
            ("村民小组" if village.kind == "村" else "网格", f"{village.groups} 个"),
            ("需转移避险的受威胁人数", f"{village.threatened} 人"),
            ("避险场所可容纳", f"{village.capacity} 人"),
            ("明白卡已发放", f"{village.cards_issued} 户" if village.cards_issued is not None else "未登记"),
            ("预案修订日期", village.plan.revised.isoformat() if village.plan.revised else "未登记"),
            ("预案评估", f"每{village.plan.review_cycle_years}年至少一次"),
            ("演练", drill_text(village)),
        ],
        "remember": [
            {
                "place": risk.place,
                "type": risk.type,
                "signals": "、".join(dict.fromkeys(s.kind for s in now)) or "转移通知",
                "ways": [
                    {
                        "via": "、".join(routes[r].via),
                        "shelter": shelters[routes[r].to].name,
                        "guide": people.who(routes[r].guide),
                    }
                    for r in risk.routes
                ],
            }
            for risk in village.risks
            if risk.type in EVACUATION_RISKS and risk.routes
        ],
        "risks": [
            {
                "type": r.type,
                "place": r.place,
                "threat": f"{r.households} 户 {r.people} 人" if r.people else "—",
                "responsible": people.who(r.responsible),
                "monitor": people.who(r.monitor),
                "signs": r.signs,
                "measures": r.measures,
                "evacuate": r.type in EVACUATION_RISKS,
                "to": "、".join(shelters[routes[x].to].name for x in r.routes),
            }
            for r in village.risks
        ],
        "signals": [
            {"stage": stage, "kind": s.kind, "pattern": s.pattern, "by": people.names(s.given_by)}
            for stage in STAGES
            for s in village.signals
            if s.stage == stage
        ],
        "routes": [
            {
                "id": r.id,
                "from": r.start,
                "via": "、".join(r.via) or "—",
                "to": shelters[r.to].name,
                "distance": f"约 {r.distance_m} 米" if r.distance_m else "",
                "minutes": f"步行约 {r.minutes} 分钟" if r.minutes else "",
                "guide": people.who(r.guide),
            }
            for r in village.routes
        ],
        "shelters": [
            {"name": s.name, "place": s.place, "capacity": s.capacity, "keeper": people.who(s.keeper)}
            for s in village.shelters
        ],
        "help": [{"group": h.group, "count": h.count, "helper": people.who(h.helper), "note": h.note or ""} for h in village.help],
        "people": [people.views[p.id] for p in village.people],
        "supplies": [
            {"name": s.name, "amount": f"{s.quantity} {s.unit}", "place": s.place or "", "keeper": people.who(s.keeper)}
            for s in village.supplies
        ],
        "team": (
            {"name": village.team.name, "leader": people.who(village.team.leader), "members": village.team.members,
             "skills": village.team.skills or ""}
            if village.team else None
        ),
        "contacts": [{"name": c.name, "phone": c.phone or "待填写", "note": c.note or ""} for c in village.contacts],
    }


def _village_row(village: Village) -> dict:
    types = Counter(r.type for r in village.risks)
    return {
        "id": village.id,
        "name": village.name,
        "kind": village.kind,
        "households": village.households,
        "population": village.population,
        "risks": "、".join(types),
        "threatened": village.threatened,
        "capacity": village.capacity,
        "sample": village.sample,
    }


def township_page(knowledge: Knowledge, township_id: str) -> dict:
    township = knowledge.townships[township_id]
    villages = knowledge.villages_of(township_id)
    return {
        "id": township.id,
        "name": township.name,
        "kind": township.kind,
        "note": township.note,
        "plans": [{"id": p.id, "title": p.title, "kind": p.kind, "sample": p.is_sample} for p in knowledge.township_plans(township_id)],
        "villages": [_village_row(v) for v in villages],
        "threatened": sum(v.threatened for v in villages),
        "capacity": sum(v.capacity for v in villages),
    }


def villages_index(knowledge: Knowledge) -> dict:
    rows = []
    for township in knowledge.townships.values():
        villages = knowledge.villages_of(township.id)
        rows.append({
            "id": township.id,
            "name": township.name,
            "kind": township.kind,
            "villages": len(villages),
            "threatened": sum(v.threatened for v in villages),
        })
    return {
        "townships": rows,
        "village_count": len(knowledge.villages),
        "sample": any(v.sample for v in knowledge.villages.values()),
        "task": knowledge.tasks.get("t13"),
    }


def village_pages(knowledge: Knowledge, profile: str) -> dict[str, str]:
    if not knowledge.townships:
        return {}
    pages = {"villages/index.md": render("site/villages_index.md.j2", index=villages_index(knowledge), profile=profile)}
    for township_id in knowledge.townships:
        pages[f"villages/{township_id}/index.md"] = render("site/township.md.j2", township=township_page(knowledge, township_id))
    for village in knowledge.villages.values():
        pages[f"villages/{village.township}/{village.id}.md"] = render(
            "site/village.md.j2", village=village_page(knowledge, village, profile)
        )
    return pages
