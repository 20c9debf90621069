"""Who issues a printed document, which edition, and for whom: the facts a cover, a 版权页, a
back cover, a paper's head and the foot of the wall table print. All from content/county.yml
and the build profile; templates hold no county name."""

from __future__ import annotations

from ..content.knowledge import Knowledge
from ..presentation.labels import chinese_number

DIGITS = "〇一二三四五六七八九"

# the mark on the cover: the internal build carries full phone numbers, the public one none
ACCESS = {"internal": "内部资料　注意保存", "public": "公开"}


def imprint(knowledge: Knowledge, profile: str, site_url: str | None = None) -> dict:
    county, edition = knowledge.county, knowledge.county.edition
    return {
        "county": county.name,
        "publisher": county.publisher,
        "publisher_sample": not county.publisher_verified,
        "contact": county.contact,
        "site_name": county.site_name,
        "site_url": site_url or county.site_url,
        "date": f"{edition.date.year}年{edition.date.month}月" if edition else None,
        "edition": f"{edition.date.year}年{edition.date.month}月第{edition.number}版" if edition else None,
        "cover_date": cover_date(edition.date) if edition else None,
        "cover_edition": f"第{chinese_number(edition.number)}版" if edition else None,
        "access": ACCESS["internal" if profile == "internal" else "public"],
    }


def cover_date(day) -> str:
    """2026-11-01 → 二〇二六年十一月, as a cover writes it."""
    return "".join(DIGITS[int(d)] for d in str(day.year)) + f"年{chinese_number(day.month)}月"
