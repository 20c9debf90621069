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


def qr_code(url: str) -> Markup:
    """The QR code as an <img> of one pixel per module, drawn sharp at any size (error
    correction M: survives a smudged wall card).

    A picture, not an inline SVG: WeasyPrint parses and draws an SVG of the code's ~500
    rectangles in Python, about 15 ms of every card; a 37×37 picture costs nothing. Making one
    takes a few ms (2.5 s for 500 cards, on every build, since the cache key of a card is the
    hash of its HTML), so they are kept in the user's cache by URL.
    """
    cached = qr_cache_dir() / (hashlib.sha256(f"{segno.__version__}|png|{url}".encode()).hexdigest()[:24] + ".txt")
    if not cached.exists():
        uri = segno.make(url, error="m", micro=False).png_data_uri(scale=1, border=0)
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(cached.name + f".tmp-{os.getpid()}")
        temporary.write_text(uri, "ascii")
        os.replace(temporary, cached)
    return Markup('<img class="qr-code" alt="二维码" src="{}">').format(cached.read_text("ascii"))


def qr_cache_dir() -> Path:
    return cache_dir().parent / "qr"


def card_view(knowledge: Knowledge, village_id: str, profile: str, routes: RouteTable) -> dict:
    view = village_view(knowledge, knowledge.villages[village_id], profile)
    url = routes.absolute_url("village", village_id)
    # offices take a whole row (long names), short service numbers share one: 报警 110 | 火警 119
    contact_rows = _pairs(view["contacts"])
    people_left, people_right = _split_people(view, len(contact_rows))
    return {
        **view,
        "url": url,
        "qr": qr_code(url) if url else None,
        "contact_rows": contact_rows,
        "stages": _by_stage(view["signals_named"]),
        "now": "、".join(dict.fromkeys(s["kind"] for s in view["signals_named"] if s["stage"] == "立即转移")),
        "other_risks": [r for r in view["risks"] if r["id"] not in {item["id"] for item in view["remember"]}],
        "signs": _signs(view["risks"]),
        # the phone list runs down the left column and on in the right one, then help and contacts
        "people_left": people_left,
        "people_right": people_right,
    }


def _split_people(view: dict, contact_rows: int) -> tuple[list, list]:
    """Where the phone list breaks so that the two columns end about level (in lines of 11 pt)."""
    people = view["people"]
    row, line, heading = 5.3, 4.7, 7.3  # mm: a row of a phone list, a line of text, a heading
    heights = [row + line * ((len(p["role"]) + len(p["area"] or "") + (0 if view["roles_only"] else len(p["name"]) + 1)) // 17)
               for p in people]
    helped = sum(len(h["group"]) + len(str(h["count"])) + len(h["helper_name"]) + 4 for h in view["help"])
    after = (heading + line * (helped // 22 + 1) if view["help"] else 0) + heading + row * contact_rows
    best = min(range(len(people) + 1), key=lambda k: max(heading + sum(heights[:k]), sum(heights[k:]) + after))
    return people[:best], people[best:]


def _signs(risks: list[dict]) -> list[dict]:
    """征兆, each text once (two landslide points usually share theirs), labelled by risk type, or
    by type and place where one type has two texts."""
    texts: dict[str, list[dict]] = {}
    for risk in risks:
        if risk["signs"]:
            texts.setdefault(risk["signs"], []).append(risk)
    labels = {text: "、".join(dict.fromkeys(r["type"] for r in group)) for text, group in texts.items()}
    repeated = {label for label in labels.values() if list(labels.values()).count(label) > 1}
    return [
        {"label": f"{labels[text]}（{group[0]['place']}）" if labels[text] in repeated else labels[text], "text": text}
        for text, group in texts.items()
    ]


def _by_stage(signals: list[dict]) -> list[dict]:
    """One row per stage (准备转移, 立即转移, 解除警报) with its signals: packs tighter than a row each."""
    stages: dict[str, dict] = {}
    for signal in signals:
        stages.setdefault(signal["stage"], {"stage": signal["stage"], "mark": signal["mark"], "signals": []})["signals"].append(signal)
    return list(stages.values())


def _pairs(contacts: list[dict]) -> list[tuple]:
    rows, short = [], []
    for contact in contacts:
        if len(contact["name"]) > 5:
            rows.append((contact, None))
        else:
            short.append(contact)
    rows += [(short[i], short[i + 1] if i + 1 < len(short) else None) for i in range(0, len(short), 2)]
    return rows
