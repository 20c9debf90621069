"""Personal data in village plans: the one place that decides what a build profile shows.

One rule for every page and card of the public build (个人信息保护法): a person is shown by role
and surname — 村支书 王某 — with the phone masked (138****5678); where a village sets
`public_names: false`, by role (and area) alone. The internal build, printed for the village
and never published, shows everything. Office and public service numbers (乡镇应急办, 110,
12350 …) are never personal and never masked. Site pages and PDFs all call `person_view`, so no
output can forget the rule; `private_values` lists what the public build must never contain in
full, for the check of its output (yingji/leakcheck.py).

Threatened households (受威胁住户) are personal data as a whole: the public build shows how many
there are, never who, where or their numbers; their cards exist only in the internal build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.models.villages import Person, Village

PROFILES = ("public", "internal")
# Two-character surnames (复姓) common enough to meet in a county's rolls.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 百里 呼延 万俟 澹台 钟离".split()
)
MASKED_NAME = "某"


def mask_phone(phone: str) -> str:
    """Keep the first 3 and the last 4 digits, star the rest; separators stay: 138****5678."""
    digits = sum(ch.isdigit() for ch in phone)
    hidden = range(3, max(3, digits - 4))
    out, seen = [], 0
    for ch in phone:
        if ch.isdigit():
            out.append("*" if seen in hidden else ch)
            seen += 1
        else:
            out.append(ch)
    return "".join(out)


def mask_name(name: str) -> str:
    """王一山 → 王某, 欧阳明 → 欧阳某: the surname and 某."""
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    return surname + MASKED_NAME


def _check(profile: str) -> None:
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}")


def personal_phone(phone: str, profile: str) -> str:
    _check(profile)
    return phone if profile == "internal" else mask_phone(phone)


def role_label(person: Person) -> str:
    return f"{person.role}（{person.area}）" if person.area else person.role


def shows_name(village: Village, profile: str) -> bool:
    """Whether this profile shows people of this village by (masked) name, or by role only."""
    _check(profile)
    return profile == "internal" or village.public_names


def person_name(person: Person, village: Village, profile: str) -> str:
    if not shows_name(village, profile):
        return role_label(person)
    return person.name if profile == "internal" else mask_name(person.name)


def person_view(person: Person, village: Village, profile: str) -> dict:
    """What any output may show of a person: {id, role, name, named, phone, area, duty};
    `named` is False when the name is left out and `name` holds the role instead."""
    return {
        "id": person.id,
        "role": person.role,
        "name": person_name(person, village, profile),
        "named": shows_name(village, profile),
        "phone": personal_phone(person.phone, profile),
        "area": person.area,
        "duty": person.duty,
    }


@dataclass(frozen=True)
class PrivateValue:
    """A value the public build must never show in full, and where the content holds it."""

    text: str
    kind: str  # 个人电话 | 姓名 | 住址
    file: str  # content/villages/<township>/<village>.yml
    key_path: tuple

    @property
    def shown(self) -> str:
        """The value as a message may repeat it (logs can be public too)."""
        return mask_phone(self.text) if self.kind == "个人电话" else self.text[:1] + "*" * (len(self.text) - 1)


NAME_KINDS = ("姓名", "住址")  # found as words in a text (numbers are found as digit runs)


_DIGITS = re.compile(r"[0-9]")


def private_values(knowledge) -> list[PrivateValue]:
    """Every personal number, name and address of the content — the people of the village plans
    and everyone of the threatened households — except numbers published elsewhere in the
    content as an office's (a cadre whose phone is the village office's), names already
    anonymised (张某某) and addresses that the village's public text says anyway."""
    public = public_numbers(knowledge)
    values = []
    for village in knowledge.villages.values():
        file = f"content/villages/{village.township}/{village.id}.yml"
        items = [(person.phone, "个人电话", ("people", i, "phone")) for i, person in enumerate(village.people)]
        items += [(person.name, "姓名", ("people", i, "name")) for i, person in enumerate(village.people)]
        items += _household_values(village)
        for text, kind, path in items:
            if kind == "个人电话" and digits_of(text) in public:
                continue
            if kind == "姓名" and (len(text) < 2 or MASKED_NAME in text):
                continue
            if kind == "住址" and text in _village_public_text(village):
                continue
            values.append(PrivateValue(text, kind, file, path))
    return values


def _household_values(village: Village) -> list[tuple[str, str, tuple]]:
    out = []
    for i, household in enumerate(village.threatened_households):
        base = ("threatened_households", i)
        if household.phone:
            out.append((household.phone, "个人电话", (*base, "phone")))
        out.append((household.head, "姓名", (*base, "head")))
        out += [(member.name, "姓名", (*base, "members", k, "name")) for k, member in enumerate(household.members)]
        out.append((household.address, "住址", (*base, "address")))
    return out


def _village_public_text(village: Village) -> str:
    """What the public village page may print of places: risk points, routes, shelters."""
    parts = [r.place for r in village.risks] + [r.start for r in village.routes] + [v for r in village.routes for v in r.via]
    parts += [s.place for s in village.shelters] + [s.name for s in village.shelters] + [village.summary or ""]
    return "\n".join(parts)


def public_text(knowledge) -> str:
    """Every text of the content that is not a village's (laws, plan, questions …): where the
    characters of a name may stand by coincidence — 关于建立 holds the name 于建."""
    parts: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    models = [knowledge.county, knowledge.plan, *knowledge.units.values(), *knowledge.laws.values(),
              *knowledge.terms.values(), *knowledge.topics.values(), *(e.question for e in knowledge.questions.values()),
              *knowledge.exams.values(), *knowledge.townships.values(), *knowledge.contingency_plans.values()]
    for model in models:
        walk(model.model_dump(mode="json"))
    return "\n".join(parts)


def public_numbers(knowledge) -> set[str]:
    """The numbers the content publishes: offices, duty phones, the county's contact."""
    numbers = {c.phone for v in knowledge.villages.values() for c in v.contacts if c.phone}
    numbers |= {u.duty_phone for u in knowledge.units.values() if u.duty_phone}
    if knowledge.county.contact:
        numbers.add(knowledge.county.contact)
    return {digits_of(n) for n in numbers}


def digits_of(text: str) -> str:
    return "".join(_DIGITS.findall(text))


def personal_numbers(villages) -> set[str]:
    """Every personal phone number of the village plans' people (tests scan outputs for them;
    the households' are among private_values)."""
    return {person.phone for village in villages for person in village.people}
