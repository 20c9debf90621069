"""Personal data in village plans: the one place that decides what a build profile shows.

The public profile (website default) masks personal phone numbers (138****5678) and, where a
village sets `public_names: false`, shows the role instead of the name. The internal profile
(cards printed for the village) shows everything. Office and public service numbers
(乡镇应急办, 110, 12350 …) are never personal and never masked. Site pages and PDFs both
call `person_view`, so no output can forget the rule.
"""

from __future__ import annotations

from ..content.models.villages import Person, Village

PROFILES = ("public", "internal")


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


def _check(profile: str) -> None:
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}")


def personal_phone(phone: str, profile: str) -> str:
    _check(profile)
    return phone if profile == "internal" else mask_phone(phone)


def role_label(person: Person) -> str:
    return f"{person.role}（{person.area}）" if person.area else person.role


def person_name(person: Person, village: Village, profile: str) -> str:
    _check(profile)
    if profile == "public" and not village.public_names:
        return role_label(person)
    return person.name


def person_view(person: Person, village: Village, profile: str) -> dict:
    """What any output may show of a person: {id, role, name, phone, area, duty}."""
    return {
        "id": person.id,
        "role": person.role,
        "name": person_name(person, village, profile),
        "phone": personal_phone(person.phone, profile),
        "area": person.area,
        "duty": person.duty,
    }


def personal_numbers(villages) -> set[str]:
    """Every personal phone number in the content (tests scan outputs for them)."""
    return {person.phone for village in villages for person in village.people}
