"""Fictional threatened households (受威胁住户) for a village plan given as data, used by
scripts/make_sample_villages.py (the 示例 villages of the default content), scripts/make_scale_fixture.py
and scripts/bench_pdf.py (the synthetic counties).

`add_households` lists households for the village's evacuation risks and then makes the village
agree with its list, as `yingji check` requires: each risk's household and people counts, the
help counts (帮扶对象) and, where the list brings more people, the shelters' capacity.
"""

from __future__ import annotations

import random
import re
from collections import Counter

NUMERALS = "一二三四五六七八九十"
EVACUATION = {"山洪", "洪涝", "地质灾害", "森林火灾", "水库山塘", "高层火灾", "危险化学品"}
GIVEN = "建国明华志勇军平红丽芳秀英伟强文武春桂兰海林辉新金良德光友云松清玉霞梅娟波涛"
# who helps a member in need, by need, if the village has that person (else its first person)
HELPERS = {"独居老人": "wangge-1", "老年人": "wangge-1", "行动不便": "minbing", "残疾人": "minbing", "病人": "cunyi",
           "孕妇": "funv", "留守儿童": "funv", "儿童": "funv"}
SIZES = [1] * 2 + [2] * 5 + [3] * 5 + [4] * 5 + [5] * 2 + [6]


def _group_of(place: str, rng: random.Random, community: bool) -> str:
    groups = re.findall(r"[一二三四五六七八九十]+组", place)
    if groups:
        return rng.choice(groups)
    return f"第{rng.choice(NUMERALS[:4])}网格" if community else f"{rng.choice(NUMERALS[:6])}组"


def _members(surname: str, head: str, rng: random.Random, name) -> list[dict]:
    size = rng.choice(SIZES)
    if size == 1:
        member = {"name": head, "age": "老年", "needs": ["独居老人"] + (["行动不便"] if rng.random() < 0.3 else [])}
        return [member]
    head_age = "老年" if rng.random() < 0.35 else "成年"
    members = [{"name": head, "age": head_age}, {"name": name(None), "age": head_age}]
    for _ in range(size - 2):
        if head_age == "成年" and rng.random() < 0.6:
            members.append({"name": name(surname), "age": "儿童"})
        else:
            members.append({"name": name(surname), "age": "老年" if head_age == "成年" else "儿童"})
    adults = any(m["age"] == "成年" for m in members)
    for member in members:
        needs = []
        if member["age"] == "老年" and rng.random() < 0.25:
            needs.append("行动不便")
        if member["age"] == "儿童" and not adults:
            needs.append("留守儿童")
        if member["age"] != "儿童" and rng.random() < 0.05:
            needs.append(rng.choice(["病人", "残疾人"]))
        if member["age"] == "成年" and rng.random() < 0.03:
            needs.append("孕妇")
        if needs:
            member["needs"] = needs
    return members


def add_households(village: dict, rng: random.Random, person, phone, count: int | None = None) -> None:
    """Give `village` (data in the YAML format) its threatened households: `count` of them spread
    over its evacuation risks, or as many as each risk says it threatens (count None). `person(rng)`
    makes a fictional full name, `phone(rng)` a fictional mobile number."""
    risks = [r for r in village["risks"] if r["type"] in EVACUATION and r.get("routes")]
    if not risks:
        return
    community = village["kind"] == "社区"
    per_risk = [max(1, r["households"]) for r in risks] if count is None else [
        count // len(risks) + (1 if i < count % len(risks) else 0) for i in range(len(risks))]
    households = []
    for risk, n in zip(risks, per_risk):
        for _ in range(n):
            head = person(rng)
            surname = head[0]

            def name(family: str | None) -> str:
                if family is None:
                    return person(rng)
                for _ in range(50):
                    candidate = family + rng.choice(GIVEN) + rng.choice(GIVEN)
                    if candidate[1] != candidate[2] and candidate not in used:
                        used.add(candidate)
                        return candidate
                return person(rng)

            used = {head}
            group = _group_of(risk["place"], rng, community)
            others = [r["id"] for r in risks if r is not risk]
            household = {
                "id": f"hu-{len(households) + 1}", "head": head, "group": group,
                "address": f"{village['name']}{group}{rng.randint(1, 60)}号", "phone": phone(rng),
                "members": _members(surname, head, rng, name),
                "risks": [risk["id"]] + ([rng.choice(others)] if others and rng.random() < 0.12 else []),
            }
            households.append(household)
    village["threatened_households"] = households
    _agree(village)


def _agree(village: dict) -> None:
    """Counts and capacities that the list implies (the checks of yingji/content/villagecheck.py)."""
    households = village["threatened_households"]
    for risk in village["risks"]:
        listed = [h for h in households if risk["id"] in h["risks"]]
        risk["households"], risk["people"] = len(listed), sum(len(h["members"]) for h in listed)
    needs = Counter(need for h in households for m in h["members"] for need in m.get("needs", []))
    people = {p["id"] for p in village["people"]}
    helps = [h for h in village.get("help", []) if needs[h["group"]]]
    for entry in helps:
        entry["count"] = needs[entry["group"]]
    for group in sorted(set(needs) - {h["group"] for h in helps}, key=list(HELPERS).index):
        helper = HELPERS[group] if HELPERS[group] in people else village["people"][0]["id"]
        helps.append({"group": group, "count": needs[group], "helper": helper})
    village["help"] = helps
    routes = {r["id"]: r for r in village.get("routes", [])}
    load = Counter()
    for risk in village["risks"]:
        for shelter in {routes[r]["to"] for r in risk.get("routes", []) if r in routes}:
            load[shelter] += risk["people"]
    for shelter in village.get("shelters", []):
        shelter["capacity"] = max(shelter["capacity"], -(-load[shelter["id"]] * 12 // 100) * 10)
