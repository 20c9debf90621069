"""The household cards of one village as tiles: laid out once, put together many times.

Twenty households of a village share most of their card: the village's signals, phone numbers,
notes and signature lines are the same on every card, and households threatened by the same
risks share their way out. WeasyPrint lays out text at about 35 pages a second per core, which
for 10,000 cards is minutes; so each part is laid out once, as a tile (a page of its own in one
document), and the worker puts every card together from its tiles (impose.py):

    personal tile (per household)    编号, 户主, 住址, 电话, members, who helps them, own note
    threats tile  (per set of risks) each risk: place, responsible, signs, way out, shelter
    village tile  (one)              signals, phone numbers, notes, stamp and signature lines

The card's composition (which tiles, in order) travels in the HTML as a <meta> element, so
the cache key, which hashes the HTML, covers it.
"""

from __future__ import annotations

from ..content.knowledge import Knowledge
from ..presentation.households import households_view

COMPOSITION_META = "yingji-cards"


def household_cards_view(knowledge: Knowledge, village_id: str, profile: str) -> dict:
    view = households_view(knowledge, village_id, profile)
    tiles: list[dict] = [{"kind": "personal", "card": card} for card in view["cards"]]
    threat_tiles: dict[tuple, int] = {}
    for card in view["cards"]:
        key = tuple(t["id"] for t in card["threats"])
        if key not in threat_tiles:
            threat_tiles[key] = len(tiles)
            tiles.append({"kind": "threats", "threats": card["threats"]})
    village = len(tiles)
    tiles.append({"kind": "village"})
    cards = [(n, threat_tiles[tuple(t["id"] for t in card["threats"])], village) for n, card in enumerate(view["cards"])]
    return {**view, "tiles": tiles, "composition": ";".join(" ".join(map(str, card)) for card in cards)}


def parse_composition(html: str) -> list[tuple[int, ...]]:
    """The cards' tiles, from the <meta name="yingji-cards" content="0 3 5;1 3 5"> of the HTML."""
    marker = f'<meta name="{COMPOSITION_META}" content="'
    start = html.index(marker) + len(marker)
    content = html[start:html.index('"', start)]
    return [tuple(int(n) for n in card.split()) for card in content.split(";") if card.strip()]
