"""The views of a village plan (一村一案), a township and the village index: one view per entity,
read by name by the site's village page and the printed 明白卡 alike.

Every name and personal phone number goes through presentation.privacy, so the profile decides
what is shown (public: masked numbers, surname + 某 or the role alone).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from ..content.knowledge import Knowledge
from ..content.models.villages import EVACUATION_RISKS, Village
from .labels import drill_label, person_label, review_label, with_note
from .privacy import person_view, shows_name

STAGES = ("准备转移", "立即转移", "解除警报")
# A shape for each stage, so that a black-and-white copy tells them apart without colour.
STAGE_MARKS = {"准备转移": "△", "立即转移": "▲", "解除警报": "○"}
LEADER_ROLES = ("村支书", "社区书记", "村主任", "社区主任")  # who decides and leads the evacuation
UNKNOWN_PHONE = "待填写"
NOT_RECORDED = "未登记"


class People:
    """Person ids of one village → what the profile allows to show."""

    def __init__(self, village: Village, profile: str):
        self.views = {p.id: person_view(p, village, profile) for p in village.people}

    def who(self, person_id: str | None) -> str:
        return person_label(self.views[person_id]) if person_id else ""

    def name(self, person_id: str | None) -> str:
        """The name the profile allows (王某), or the role (and area) where names are left out:
        the card names people in its sections and gives each phone once, in its phone list."""
        return self.views[person_id]["name"] if person_id else ""

    def names(self, person_ids: list[str], label=None) -> str:
        return "、".join((label or self.who)(pid) for pid in person_ids)


def village_view(knowledge: Knowledge, village: Village, profile: str) -> dict:
    people = People(village, profile)
    township = knowledge.townships[village.township]
    parent = knowledge.village_parent(village)
    groups_label = "村民小组" if village.kind == "村" else "网格"
    return {
        "id": village.id,
        "name": village.name,
        "title": f"{township.name}{village.name}",
        "kind": village.kind,
        "sample": village.sample,
        "profile": profile,
        "masked": profile == "public",
        "roles_only": not shows_name(village, profile),
        "county": knowledge.county.name,
        "township": {"id": township.id, "name": township.name},
        "parent": {"id": parent, "title": knowledge.contingency_plans[parent].title} if parent else None,
        "summary": village.summary,
        "households": f"{village.households} 户",
        "population": f"{village.population} 人",
        "groups_label": groups_label,
        "groups": f"{village.groups} 个",
        "threatened": f"{village.threatened} 人",
        "capacity": f"{village.capacity} 人",
        "facts": _facts(village, groups_label),
        "updated": village.updated.isoformat() if village.updated else NOT_RECORDED,
        "version": village_version(village),
        "listed": listed_counts(village),
        "remember": _evacuations(village, people),
        "move_now": _move_now(village, people),
        "leaders": _leaders(village, people),
        "risks": _risks(village, people),
        "signals": _signals(village, people.who),
        "signals_named": _signals(village, people.name),
        "routes": [_route(village, route, people) for route in village.routes],
        "shelters": [
            {"name": s.name, "place": s.place, "capacity": s.capacity, "keeper": people.who(s.keeper),
             "keeper_name": people.name(s.keeper)}
            for s in village.shelters
        ],
        "help": [
            {"group": h.group, "count": h.count, "helper": people.who(h.helper), "helper_name": people.name(h.helper), "note": h.note or ""}
            for h in village.help
        ],
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
        "contacts": [
            {"name": c.name, "phone": c.phone or UNKNOWN_PHONE, "known": bool(c.phone), "tel": _dialable(c.phone), "note": c.note or ""}
            for c in village.contacts
        ],
    }


def village_version(village: Village) -> str:
    """A short fingerprint of everything the village file says: two printed cards with the same
    version were made from the same data (the households' details included, as a hash only)."""
    return hashlib.sha256(village.model_dump_json().encode("utf-8")).hexdigest()[:6]


def listed_counts(village: Village) -> dict | None:
    """How many threatened households the village lists, and their people: the only thing the
    public build shows of them (the list itself is personal data)."""
    if not village.threatened_households:
        return None
    people = sum(len(h.members) for h in village.threatened_households)
    return {"households": len(village.threatened_households), "people": people,
            "label": f"{len(village.threatened_households)} 户 {people} 人"}


def _dialable(phone: str | None) -> str | None:
    """0730-1234567 → 07301234567 for a tel: link; None when the number is not known."""
    digits = re.sub(r"\D", "", phone or "")
    return digits or None


def _facts(village: Village, groups_label: str) -> list[tuple[str, str]]:
    """The village page's table of facts, in order (a fact the village file does not give is left out)."""
    facts = [
        ("户数", f"{village.households} 户"),
        ("人口", f"{village.population} 人"),
        (groups_label, f"{village.groups} 个"),
        ("需转移避险的受威胁人数", f"{village.threatened} 人"),
        ("避险场所可容纳", f"{village.capacity} 人"),
        ("明白卡已发放", f"{village.cards_issued} 户" if village.cards_issued is not None else NOT_RECORDED),
        ("受威胁住户名单", _listed_fact(village)),
        ("预案修订日期", village.plan.revised.isoformat() if village.plan.revised else NOT_RECORDED),
        ("预案评估", review_label(village.plan.review_cycle_years)),
        ("演练", with_note(drill_label(village.plan.drill_every_months), village.plan.drill_note)),
        ("资料日期", village.updated.isoformat() if village.updated else NOT_RECORDED),
        ("资料版本", village_version(village)),
    ]
    return [(label, value) for label, value in facts if value]


def _listed_fact(village: Village) -> str:
    listed = listed_counts(village)
    return f"已登记 {listed['label']}（每户一张防灾避险明白卡，名单和明白卡只在发到村里的内部版中）" if listed else ""


def _route(village: Village, route, people: People) -> dict:
    shelters = {s.id: s for s in village.shelters}
    distance = f"约 {route.distance_m} 米" if route.distance_m else ""
    minutes = f"步行约 {route.minutes} 分钟" if route.minutes else ""
    return {
        "id": route.id,
        "name": f"{route.start}→{shelters[route.to].name}",  # readers see names, never ids
        "from": route.start,
        "via": "、".join(route.via),
        "shelter": shelters[route.to].name,
        "distance": distance,
        "minutes": minutes,
        "length": "，".join(part for part in (distance, minutes) if part),
        "guide": people.who(route.guide),
        "guide_name": people.name(route.guide),
    }


def _evacuations(village: Village, people: People) -> list[dict]:
    """危险来了怎么跑: per risk that calls for evacuation, the signal and that risk's own routes."""
    routes = {r.id: r for r in village.routes}
    now = [s for s in village.signals if s.stage == "立即转移"]
    return [
        {
            "id": risk.id,
            "place": risk.place,
            "type": risk.type,
            "signals": "、".join(dict.fromkeys(s.kind for s in now)) or "转移通知",
            "ways": [_route(village, routes[route_id], people) for route_id in risk.routes],
            "threat": f"{risk.households} 户 {risk.people} 人" if risk.people else "",
            "responsible_name": people.name(risk.responsible),
            "monitor_name": people.name(risk.monitor),
        }
        for risk in village.risks
        if risk.type in EVACUATION_RISKS and risk.routes
    ]


def _move_now(village: Village, people: People) -> list[dict]:
    """The 立即转移 signals: what a villager hears or sees, and who gives it."""
    return [
        {"kind": s.kind, "pattern": s.pattern, "by": people.names(s.given_by)}
        for s in village.signals
        if s.stage == "立即转移"
    ]


def _leaders(village: Village, people: People) -> list[str]:
    """Who leads the evacuation: the village heads, else the first person of the plan."""
    heads = [p.id for role in LEADER_ROLES for p in village.people if p.role == role]
    return [people.who(pid) for pid in heads or [p.id for p in village.people[:1]]]


def _risks(village: Village, people: People) -> list[dict]:
    shelters = {s.id: s for s in village.shelters}
    routes = {r.id: r for r in village.routes}
    return [
        {
            "id": r.id,
            "type": r.type,
            "place": r.place,
            "threat": f"{r.households} 户 {r.people} 人" if r.people else "",
            "responsible": people.who(r.responsible),
            "responsible_name": people.name(r.responsible),
            "monitor": people.who(r.monitor),
            "monitor_name": people.name(r.monitor),
            "signs": r.signs,
            "measures": r.measures,
            "evacuate": r.type in EVACUATION_RISKS,
            "to": "、".join(shelters[routes[x].to].name for x in r.routes),
        }
        for r in village.risks
    ]


def _signals(village: Village, label) -> list[dict]:
    return [
        {"stage": stage, "mark": STAGE_MARKS[stage], "kind": s.kind, "pattern": s.pattern, "by": "、".join(label(p) for p in s.given_by)}
        for stage in STAGES
        for s in village.signals
        if s.stage == stage
    ]


def village_row(village: Village) -> dict:
    """A village as one row of its township's table."""
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


def township_view(knowledge: Knowledge, township_id: str) -> dict:
    township = knowledge.townships[township_id]
    villages = knowledge.villages_of(township_id)
    return {
        "id": township.id,
        "name": township.name,
        "kind": township.kind,
        "note": township.note,
        "plans": [{"id": p.id, "title": p.title, "kind": p.kind, "sample": p.is_sample} for p in knowledge.township_plans(township_id)],
        "villages": [village_row(v) for v in villages],
        "threatened": sum(v.threatened for v in villages),
        "capacity": sum(v.capacity for v in villages),
    }
