"""The 防灾避险明白卡 of a village's threatened households: one card per household, printed only
in the internal build (households are personal data: the public build shows their counts).

Each card tells one household what threatens it and where (its own risks, not the village's
others), the signs to watch, the signals and who gives them, its own way out — route, shelter and
who runs it, who leads — who helps its members that need help, whom to call, and leaves lines for
the issuing unit's stamp and the household's signature (the card is kept in three copies).
"""

from __future__ import annotations

from ..content.knowledge import Knowledge
from ..content.models.villages import Household, Village
from .villages import LEADER_ROLES, NOT_RECORDED, STAGE_MARKS, STAGES, People, village_version


class HouseholdsArePrivate(Exception):
    """Asked for household cards in a build that must not show them."""


def households_view(knowledge: Knowledge, village_id: str, profile: str) -> dict:
    if profile != "internal":
        raise HouseholdsArePrivate(f"受威胁住户的明白卡只在内部版中生成（{village_id}）")
    village = knowledge.villages[village_id]
    township = knowledge.townships[village.township]
    people = People(village, profile)
    # the cadre every card names, besides the household's own people
    leader = next((p for role in LEADER_ROLES for p in village.people if p.role == role), village.people[0])
    return {
        "title": f"{township.name}{village.name}",
        "place": f"{knowledge.county.name}{township.name}{village.name}",
        "sample": village.sample,
        "profile": profile,
        "updated": village.updated.isoformat() if village.updated else NOT_RECORDED,
        "version": village_version(village),
        "stages": _stages(village),
        "leader": {"role": leader.role, "call": f"{people.name(leader.id)} {people.views[leader.id]['phone']}"},
        "offices": [
            {"name": c.name, "phone": c.phone or "", "known": bool(c.phone)} for c in village.contacts
        ],
        "cards": [_card(village, household, people) for household in village.threatened_households],
    }


def _stages(village: Village) -> list[dict]:
    """What each signal sounds like (who gives it is the village card's concern)."""
    return [
        {
            "stage": stage,
            "mark": STAGE_MARKS[stage],
            "signals": [
                {"kind": s.kind, "pattern": s.pattern} for s in village.signals if s.stage == stage
            ],
        }
        for stage in STAGES
        if any(s.stage == stage for s in village.signals)
    ]


def _card(village: Village, household: Household, people: People) -> dict:
    risks = {r.id: r for r in village.risks}
    routes = {r.id: r for r in village.routes}
    shelters = {s.id: s for s in village.shelters}

    def call(person_id: str | None) -> str:
        """王一山 13900001111: a person as the card names them, with the number to call."""
        if not person_id:
            return ""
        view = people.views[person_id]
        return f"{view['name']} {view['phone']}"

    threats = []
    for risk in (risks[r] for r in household.risks):
        ways = []
        for route in (routes[r] for r in risk.routes):
            shelter = shelters[route.to]
            length = "，".join(part for part in (f"约 {route.distance_m} 米" if route.distance_m else "",
                                                  f"步行约 {route.minutes} 分钟" if route.minutes else "") if part)
            ways.append({"via": "、".join(route.via), "length": length, "shelter": shelter.name, "shelter_place": shelter.place,
                         "keeper": call(shelter.keeper), "guide": call(route.guide or risk.responsible)})
        threats.append({"id": risk.id, "type": risk.type, "place": risk.place, "signs": risk.signs or "", "measures": risk.measures,
                        "responsible": call(risk.responsible), "monitor": call(risk.monitor), "ways": ways})
    needs = list(dict.fromkeys(need for member in household.members for need in member.needs))
    return {
        "id": household.id,
        "head": household.head,
        "phone": household.phone or "",
        "group": household.group,
        "address": household.address,
        "members": [{"name": m.name, "age": m.age, "needs": "、".join(m.needs)} for m in household.members],
        "count": len(household.members),
        "threats": threats,
        "helpers": [{"need": need, "helper": call(h.helper)} for need in needs for h in village.help if h.group == need],
        "note": household.note or "",
    }
