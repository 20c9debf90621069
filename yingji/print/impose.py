"""Household cards put together from their tiles, two A5 cards to an A4 sheet, with cut marks.

WeasyPrint lays out each tile once, on a page of its own (print/households.py explains why);
here, in the worker, every tile page becomes a form XObject clipped to the tile's height, and
each card stacks its tiles from the top of its half of the sheet: the left half (x = 0) or the
right one (x = 148.5 mm). A tile used by twenty cards is stored once and drawn twenty times.

A card whose tiles do not fit one A5 page goes on in the next half, under its first tile again
(编号 and 户主); such a card starts on a left half, so that it is cut out as one piece. The cut
runs down the middle of the sheet: a dashed hairline with short solid marks near the top and
bottom edges, 5 mm in from the paper's edge (office printers clip about 4 mm). Card text keeps
10 mm from every edge of its card.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from .bundle import save

MM = 72 / 25.4
SHEET = (297 * MM, 210 * MM)  # A4 landscape, in pt
HALF = SHEET[0] / 2
MARGIN = 10 * MM  # left, right and bottom of a card
TOP = 12 * MM
SPACE = SHEET[1] - TOP - MARGIN  # height a card's tiles may take
GAP = 1.6 * MM  # between two tiles


class CardTooLong(Exception):
    """A single tile taller than a card (the message names it, for the user)."""


@dataclass(frozen=True)
class Tile:
    page: int  # page of the rendered tiles
    height: float  # pt, from the top of that page


def halves(cards: list[tuple[int, ...]], tiles: list[Tile]) -> list[list[tuple[int, float]]]:
    """For each half sheet, the (tile, y from the card's top) it shows; [] is a blank half."""
    out: list[list[tuple[int, float]]] = []
    for card in cards:
        pages: list[list[tuple[int, float]]] = [[]]
        y = 0.0
        for tile in card:
            height = tiles[tile].height
            if height > SPACE:
                raise CardTooLong(tile)
            if pages[-1] and y + height > SPACE:
                pages.append([(card[0], 0.0)])  # the next half starts with the card's first tile again
                y = tiles[card[0]].height + GAP
            pages[-1].append((tile, y))
            y += height + GAP
        if len(pages) > 1 and len(out) % 2:
            out.append([])
        out += pages
    return out


def cut_marks() -> bytes:
    """The cut line down the middle: dashed over the sheet, solid marks near both edges."""
    x, top = HALF, SHEET[1]
    return (
        f"q 0.3 w 0.5 G [3 3] 0 d {x:.2f} {5 * MM:.2f} m {x:.2f} {top - 5 * MM:.2f} l S Q\n"
        f"q 0.6 w 0 G {x:.2f} {5 * MM:.2f} m {x:.2f} {9 * MM:.2f} l S "
        f"{x:.2f} {top - 9 * MM:.2f} m {x:.2f} {top - 5 * MM:.2f} l S Q\n"
    ).encode("ascii")


def _form(writer: pikepdf.Pdf, page: pikepdf.Page, height: float) -> pikepdf.Object:
    """The top `height` pt of a tile page as a form XObject of `writer`."""
    form = writer.copy_foreign(page.as_form_xobject())
    x0, _, x1, top = (float(v) for v in page.mediabox)
    form.BBox = pikepdf.Array([x0, top - height - 1, x1, top])
    return form


def compose(source: bytes, target: Path, title: str, created: str | None, tiles: list[Tile],
            cards: list[tuple[int, ...]]) -> int:
    """Write the cards (each a tuple of tile numbers) two to a sheet into `target`; returns the
    number of sheets."""
    with pikepdf.open(io.BytesIO(source)) as reader, pikepdf.new() as writer:
        pages = reader.pages
        forms: dict[int, pikepdf.Object] = {}
        top = float(pages[0].mediabox[3]) if len(pages) else 0.0
        placed = halves(cards, tiles)
        for first in range(0, len(placed), 2):
            names = pikepdf.Dictionary()
            draw = []
            for side, half in enumerate(placed[first:first + 2]):
                for tile, y in half:
                    if tile not in forms:
                        forms[tile] = _form(writer, pages[tiles[tile].page], tiles[tile].height)
                    names[f"/T{tile}"] = forms[tile]
                    x = side * HALF + MARGIN
                    dy = SHEET[1] - TOP - y - top  # the tile page's top goes to TOP + y below the sheet's top
                    draw.append(f"q 1 0 0 1 {x:.2f} {dy:.2f} cm /T{tile} Do Q\n".encode("ascii"))
            sheet = writer.add_blank_page(page_size=SHEET)
            sheet.obj.Contents = writer.make_stream(b"".join(draw) + cut_marks())
            sheet.obj.Resources = pikepdf.Dictionary(XObject=names)
        save(writer, target, title, "yingji (WeasyPrint, pikepdf)", created)
        return len(writer.pages)
