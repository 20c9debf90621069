"""A township's bundle: its village cards, one after the other, in one PDF for printing in one go.

The bundle is assembled from the cached card PDFs with pypdf, not laid out again: after one
village changes, only its card is rendered and the bundle is re-assembled in a fraction of a
second (laying out the township's 20 cards again would take seconds). The price is size: each
card keeps its own font subset, so a bundle weighs about the sum of its cards.
"""

from __future__ import annotations

import os
from pathlib import Path

from pypdf import PdfWriter


def assemble(title: str, parts: list[tuple[str, Path]], target: Path, created: str | None) -> int:
    """Concatenate (bookmark title, pdf) in order into target, with one bookmark per part."""
    writer = PdfWriter()
    for label, path in parts:
        first = len(writer.pages)
        writer.append(str(path), import_outline=False)
        writer.add_outline_item(label, first)
    info = {"/Title": title, "/Producer": "yingji (pypdf)"}
    if created:
        stamp = "D:" + created.replace("-", "").replace(":", "").replace("T", "").rstrip("Z") + "Z"
        info.update({"/CreationDate": stamp, "/ModDate": stamp})
    writer.add_metadata(info)
    temporary = target.with_name(target.name + f".tmp-{os.getpid()}")
    with open(temporary, "wb") as handle:
        writer.write(handle)
    os.replace(temporary, target)
    return target.stat().st_size
