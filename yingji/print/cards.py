"""一村一案明白卡: the data of one village's card, and the QR code to its page on the site.

The card shows what the village page shows (yingji.site.villages.village_page), so names and
personal phone numbers pass through yingji.presentation.privacy exactly as on the site: masked in the
public build, complete in the internal build that is printed for the village.

The QR code needs the site's address, which the content does not know. It comes from the
environment variable YINGJI_SITE_URL, else from `site_url` in mkdocs.yml. With neither, cards
are printed without a QR code and the build says so (a code pointing nowhere is worse).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import segno
import yaml
from markupsafe import Markup

from ..diagnostics import Location, Problem
from ..content.knowledge import Knowledge
from ..presentation.privacy import person_view
from ..site.villages import STAGES, village_page
from .fonts import cache_dir

SITE_URL_HINT = (
    "未设置网站地址：明白卡上不印二维码。请在 mkdocs.yml 中设置 site_url，"
    "或设置环境变量 YINGJI_SITE_URL（如 https://yingji.example.gov.cn/）后重新生成"
)


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name:…; they do not matter for site_url."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@lru_cache(maxsize=None)
def _mkdocs_site_url(config: Path) -> str | None:
    if not config.exists():
        return None
    data = yaml.load(config.read_text("utf-8"), Loader=_TolerantLoader) or {}
    return data.get("site_url") or None


def site_url(root: Path) -> str | None:
    url = os.environ.get("YINGJI_SITE_URL") or _mkdocs_site_url(root / "mkdocs.yml")
    return url.rstrip("/") + "/" if url else None


def site_url_problem(root: Path, knowledge: Knowledge) -> Problem | None:
    if knowledge.villages and not site_url(root):
        return Problem(Location("mkdocs.yml"), "site_url", SITE_URL_HINT, warning=True)
    return None


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code (error correction M: survives a smudged wall card).

    Drawing one takes ~5 ms (2.5 s for 500 cards, on every build, since the cache key of a card
    is the hash of its HTML), so the drawings are kept in the user's cache by URL.
    """
    cached = qr_cache_dir() / (hashlib.sha256(f"{segno.__version__}|{url}".encode()).hexdigest()[:24] + ".svg")
    if cached.exists():
        return Markup(cached.read_text("utf-8"))
    svg = segno.make(url, error="m", micro=False).svg_inline(border=0, omitsize=True, dark="#000")
    cached.parent.mkdir(parents=True, exist_ok=True)
    temporary = cached.with_name(cached.name + f".tmp-{os.getpid()}")
    temporary.write_text(svg, "utf-8")
    os.replace(temporary, cached)
    return Markup(svg)


def qr_cache_dir() -> Path:
    return cache_dir().parent / "qr"


def card_view(knowledge: Knowledge, village_id: str, profile: str, base_url: str | None) -> dict:
    village = knowledge.villages[village_id]
    page = village_page(knowledge, village, profile)
    township = knowledge.townships[village.township]
    url = f"{base_url}villages/{village.township}/{village.id}.html" if base_url else None
    return {
        **page,
        "title": f"{township.name}{village.name}",
        "township_name": township.name,
        "county": knowledge.plan.county,
        "profile": profile,
        "url": url,
        "qr": qr_svg(url) if url else None,
        "runs": _runs(village, page),
        **_tables(village, profile),
        # offices take a whole row (long names), short service numbers share one: 报警 110 | 火警 119
        "contact_rows": _pairs(page["contacts"]),
    }



def _tables(village, profile: str) -> dict:
    """Risks and signals with their people as “name phone”: the card's columns are narrow and
    every role is in the phone list below."""
    people = {p.id: person_view(p, village, profile) for p in village.people}

    def short(person_id: str | None) -> str:
        return f"{people[person_id]['name']} {people[person_id]['phone']}" if person_id else ""

    signals = [
        {"stage": stage, "kind": s.kind, "pattern": s.pattern, "by": "、".join(short(p) for p in s.given_by)}
        for stage in STAGES
        for s in village.signals
        if s.stage == stage
    ]
    return {"signal_rows": signals, "risk_rows": [
        {
            "type": risk.type,
            "place": risk.place,
            "threat": f"{risk.households} 户 {risk.people} 人" if risk.people else "",
            "responsible": short(risk.responsible),
            "monitor": short(risk.monitor),
            "signs": risk.signs or "—",
        }
        for risk in village.risks
    ]}


def _runs(village, page: dict) -> list[dict]:
    """危险来了怎么跑: per risk that calls for evacuation, the signal, the way, the shelter."""
    routes = {r["id"]: r for r in page["routes"]}
    by_risk = {risk.place: risk for risk in village.risks}
    runs = []
    for item in page["remember"]:
        ways = []
        for route_id in by_risk[item["place"]].routes:
            route = routes[route_id]
            length = "，".join(part for part in (route["distance"], route["minutes"]) if part)
            ways.append({**route, "length": length})
        runs.append({**item, "ways": ways})
    return runs


def _pairs(contacts: list[dict]) -> list[tuple]:
    rows, short = [], []
    for contact in contacts:
        if len(contact["name"]) > 6:
            rows.append((contact, None))
        else:
            short.append(contact)
    rows += [(short[i], short[i + 1] if i + 1 < len(short) else None) for i in range(0, len(short), 2)]
    return rows
