"""一村一案明白卡: the data of one village's card, and the QR code to its page on the site.

The card reads the same village view as the site's village page (presentation.villages), so
names and personal phone numbers pass through presentation.privacy exactly as on the site:
masked in the public build, complete in the internal build that is printed for the village.

The QR code points at the village page's address from the route table. The site's address
comes from content/county.yml (or YINGJI_SITE_URL for one build); without one, cards are
printed without a QR code and the build says so (a code pointing nowhere is worse).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import segno
from markupsafe import Markup

from ..content.knowledge import Knowledge
from ..presentation.routes import RouteTable
from ..presentation.villages import village_view
from .fonts import cache_dir


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


def card_view(knowledge: Knowledge, village_id: str, profile: str, routes: RouteTable) -> dict:
    view = village_view(knowledge, knowledge.villages[village_id], profile)
    url = routes.absolute_url("village", village_id)
    return {
        **view,
        "url": url,
        "qr": qr_svg(url) if url else None,
        # offices take a whole row (long names), short service numbers share one: 报警 110 | 火警 119
        "contact_rows": _pairs(view["contacts"]),
    }


def _pairs(contacts: list[dict]) -> list[tuple]:
    rows, short = [], []
    for contact in contacts:
        if len(contact["name"]) > 6:
            rows.append((contact, None))
        else:
            short.append(contact)
    rows += [(short[i], short[i + 1] if i + 1 < len(short) else None) for i in range(0, len(short), 2)]
    return rows
