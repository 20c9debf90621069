"""Consistency inside one village plan: what a village cadre would get wrong.

A route that ends at no shelter, shelters too small for the people threatened, a risk point
nobody is responsible for, a person who is not on the list, counts that disagree with the list
of threatened households. The checks work on the model plus
a `where(path)` function giving the Location of a key path, so the same checks serve YAML
files (file:line:col) and the spreadsheet importer (workbook!sheet!cell).
"""

from __future__ import annotations

import re
from typing import Callable

from ..diagnostics import Collector, Location, format_key_path
from .models.base import phone_kind
from .models.villages import EVACUATION_RISKS, Village

Where = Callable[[tuple], Location]

SECTIONS = {
    "people": "人员", "risks": "风险点", "routes": "转移路线", "shelters": "避险场所", "threatened_households": "受威胁住户",
}
MOBILE = re.compile(r"^1[3-9][0-9]{9}$")


def person_refs(village: Village) -> list[tuple[tuple, str]]:
    """(key path, person id) of every reference to a person in the village."""
    refs: list[tuple[tuple, str]] = []
    for i, risk in enumerate(village.risks):
        if risk.responsible:
            refs.append((("risks", i, "responsible"), risk.responsible))
        if risk.monitor:
            refs.append((("risks", i, "monitor"), risk.monitor))
    for i, signal in enumerate(village.signals):
        refs += [(("signals", i, "given_by", k), pid) for k, pid in enumerate(signal.given_by)]
    refs += [(("routes", i, "guide"), r.guide) for i, r in enumerate(village.routes) if r.guide]
    refs += [(("shelters", i, "keeper"), s.keeper) for i, s in enumerate(village.shelters)]
    refs += [(("help", i, "helper"), h.helper) for i, h in enumerate(village.help)]
    refs += [(("supplies", i, "keeper"), s.keeper) for i, s in enumerate(village.supplies) if s.keeper]
    if village.team:
        refs.append((("team", "leader"), village.team.leader))
    return refs


def check_village(village: Village, where: Where, collector: Collector, service_numbers: dict[str, str]) -> None:
    """`service_numbers`: the short public numbers of content/service-numbers.yml (110 -> 报警)."""

    def error(path: tuple, message: str) -> None:
        collector.error(where(path), format_key_path(path), message)

    ids = {section: _unique_ids(village, section, error) for section in SECTIONS}
    _check_references(village, ids, error)
    _check_risks(village, ids, error)
    _check_numbers(village, error)
    _check_contacts(village, service_numbers, error)
    _check_households(village, ids, error)


def _unique_ids(village: Village, section: str, error) -> set[str]:
    seen: set[str] = set()
    for i, item in enumerate(getattr(village, section)):
        if item.id in seen:
            error((section, i, "id"), f"{SECTIONS[section]}编号“{item.id}”在本村重复")
        seen.add(item.id)
    return seen


def _missing(section: str, ref: str) -> str:
    return f"{SECTIONS[section]}“{ref}”未在本村{SECTIONS[section]}（{section}）中定义"


def _check_references(village: Village, ids: dict[str, set[str]], error) -> None:
    for path, person in person_refs(village):
        if person not in ids["people"]:
            error(path, _missing("people", person))
    for i, route in enumerate(village.routes):
        if route.to not in ids["shelters"]:
            error(("routes", i, "to"), f"转移路线的终点“{route.to}”不是本村的避险场所（shelters 中没有这个编号）：路线必须通到避险场所")
    for i, risk in enumerate(village.risks):
        for k, route_id in enumerate(risk.routes):
            if route_id not in ids["routes"]:
                error(("risks", i, "routes", k), _missing("routes", route_id))


def _check_risks(village: Village, ids: dict[str, set[str]], error) -> None:
    shelters = {s.id: s for s in village.shelters}
    routes = {r.id: r for r in village.routes}
    for i, risk in enumerate(village.risks):
        label = f"风险点“{risk.place}”"
        if not risk.responsible:
            error(("risks", i), f"{label}没有应急响应责任人（responsible）：每个风险点都要有人负责")
        if risk.type not in EVACUATION_RISKS:
            continue
        if not risk.routes:
            error(("risks", i), f"{label}（{risk.type}）需要转移避险，但没有转移路线（routes）")
            continue
        reached = {routes[r].to for r in risk.routes if r in routes and routes[r].to in shelters}
        room = sum(shelters[s].capacity for s in reached)
        if reached and room < risk.people:
            error(("risks", i, "people"), f"{label}威胁 {risk.people} 人，但其转移路线通往的避险场所只能容纳 {room} 人")
    if village.shelters and village.capacity < village.threatened:
        error(
            ("shelters",),
            f"避险场所总容量 {village.capacity} 人，少于需转移避险的受威胁人数 {village.threatened} 人",
        )
    if village.threatened and not village.shelters:
        error(("risks",), f"有 {village.threatened} 人需要转移避险，但本村没有避险场所（shelters）")
    if village.threatened and not any(s.stage == "立即转移" for s in village.signals):
        error(("signals",), "有需要转移避险的风险点，但没有“立即转移”的预警信号")


def _check_numbers(village: Village, error) -> None:
    for i, risk in enumerate(village.risks):
        if risk.households > village.households:
            error(("risks", i, "households"), f"受威胁 {risk.households} 户，超过全村（社区）总户数 {village.households}")
        if risk.people > village.population:
            error(("risks", i, "people"), f"受威胁 {risk.people} 人，超过全村（社区）总人口 {village.population}")
        if risk.people < risk.households:
            error(("risks", i, "people"), f"受威胁 {risk.people} 人少于受威胁户数 {risk.households}：每户至少一人")
    if village.population < village.households:
        error(("population",), f"总人口 {village.population} 少于总户数 {village.households}")
    if village.cards_issued is not None and village.cards_issued > village.households:
        error(("cards_issued",), f"明白卡发放 {village.cards_issued} 户，超过总户数 {village.households}")
    helped = sum(h.count for h in village.help)
    if helped > village.population:
        error(("help",), f"需帮扶转移 {helped} 人，超过总人口 {village.population}")


def _check_contacts(village: Village, service_numbers: dict[str, str], error) -> None:
    for i, contact in enumerate(village.contacts):
        if contact.phone and MOBILE.match(contact.phone.replace("-", "")):
            error(
                ("contacts", i, "phone"),
                "上级联络只填单位值班电话或公共服务号码；个人手机号请写在人员（people）中（公开版会隐藏）",
            )
        elif contact.phone and phone_kind(contact.phone) == "service" and contact.phone not in service_numbers:
            known = "、".join(service_numbers) or "（表中还没有号码）"
            error(
                ("contacts", i, "phone"),
                f"“{contact.phone}”不是公共服务号码表 content/service-numbers.yml 中的号码（{known}）；"
                "单位值班电话应为座机（区号加 7–8 位号码，如 0730-1234567），确是公共服务号码的请先加到该表中",
            )


def _check_households(village: Village, ids: dict[str, set[str]], error) -> None:
    """Each household names its risks and its head; where households are listed, the list is the
    whole of them: every risk's counts and every help count must be what the list gives."""
    households = village.threatened_households
    for i, household in enumerate(households):
        for k, risk_id in enumerate(household.risks):
            if risk_id not in ids["risks"]:
                error(("threatened_households", i, "risks", k), _missing("risks", risk_id))
        if household.head not in {member.name for member in household.members}:
            error(("threatened_households", i, "head"), f"户主“{household.head}”不在本户家庭成员（members）中：家庭成员要包括户主")
    if not households:
        return
    for i, risk in enumerate(village.risks):
        listed = [h for h in households if risk.id in h.risks]
        people = sum(len(h.members) for h in listed)
        where = f"风险点“{risk.place}”登记受威胁"
        if risk.households != len(listed):
            error(("risks", i, "households"), f"{where} {risk.households} 户，但受威胁住户名单（threatened_households）中受它威胁的有 {len(listed)} 户")
        if risk.people != people:
            error(("risks", i, "people"), f"{where} {risk.people} 人，但受威胁住户名单中受它威胁的住户共 {people} 人")
    _check_help_counts(village, error)


def _check_help_counts(village: Village, error) -> None:
    needing: dict[str, list[tuple]] = {}
    for i, household in enumerate(village.threatened_households):
        for k, member in enumerate(household.members):
            for n, need in enumerate(member.needs):
                needing.setdefault(need, []).append(("threatened_households", i, "members", k, "needs", n))
    first: dict[str, int] = {}
    for i, need in enumerate(village.help):
        first.setdefault(need.group, i)
    for group, i in first.items():
        counted = sum(h.count for h in village.help if h.group == group)
        listed = len(needing.get(group, []))
        if counted != listed:
            error(("help", i, "count"), f"帮扶对象“{group}”登记 {counted} 人，但受威胁住户名单中标为“{group}”的有 {listed} 人")
    for group, paths in needing.items():
        if group not in first:
            error(paths[0], f"“{group}”不在本村帮扶对象（help）中：请在帮扶对象中登记（人数 {len(paths)}）并指定帮扶人")
