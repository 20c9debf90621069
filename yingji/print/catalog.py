"""How each kind of PDF is printed: its template, stylesheets and view. Which PDFs exist, and
where they go, is the route table's (presentation.documents, presentation.routes).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable

from ..content.knowledge import Knowledge
from ..presentation.documents import Document
from ..presentation.routes import RouteTable
from ..render import environment, render
from . import prep, views
from .cards import card_view
from .households import household_cards_view
from .fonts import font_faces_css
from .papersheet import paper_sheet


@dataclass(frozen=True)
class Kind:
    template: str
    stylesheets: tuple[str, ...]
    view: Callable[[Knowledge, Document, str, RouteTable], dict]  # (knowledge, doc, profile, routes)
    user_agent: str | None = None  # a lean user-agent sheet in place of WeasyPrint's (engine.py)
    impose: bool = False  # A5 pages two to an A4 sheet with cut marks (impose.py)


KINDS: dict[str, Kind] = {
    "handbook": Kind("print/handbook.html.j2", ("book.css",), lambda k, d, p, r: views.handbook(k, p, r.site_url)),
    "exam-prep": Kind("print/exam_prep.html.j2", ("book.css", "prep.css"), lambda k, d, p, r: prep.exam_prep(k, p, r.site_url)),
    "matrix": Kind("print/matrix.html.j2", ("matrix.css",), lambda k, d, p, r: views.matrix(k, p)),
    "paper": Kind("print/paper.html.j2", ("prep.css", "paper.css"), lambda k, d, p, r: paper_sheet(k, d, p, r.site_url, key=False)),
    "paper-key": Kind("print/paper.html.j2", ("prep.css", "paper.css"), lambda k, d, p, r: paper_sheet(k, d, p, r.site_url, key=True)),
    "card": Kind("print/card.html.j2", ("card.css",), lambda k, d, p, r: card_view(k, d.subject, p, r), "lean-ua.css"),
    "households": Kind(
        "print/households.html.j2", ("households.css",), lambda k, d, p, r: household_cards_view(k, d.subject, p),
        "lean-ua.css", impose=True,
    ),
}


def creation_date() -> str | None:
    """SOURCE_DATE_EPOCH as an ISO date for the PDF metadata; no date at all when it is unset,
    so that an unchanged document keeps its bytes (and its cache entry) from one day to the next."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=None)
def stylesheet(name: str) -> str:
    """The text of a print stylesheet (yingji/templates/print/NAME)."""
    env = environment()
    return env.loader.get_source(env, f"print/{name}")[0]


def stylesheets(document: Document) -> tuple[str, ...]:
    """@font-face rules for the cut print faces (fonts.py), then base.css, then the kind's own."""
    return (font_faces_css(), *(stylesheet(name) for name in ("base.css", *KINDS[document.kind].stylesheets)))


def user_agent(document: Document) -> str | None:
    name = KINDS[document.kind].user_agent
    return stylesheet(name) if name else None


def identity(html: str, css: tuple[str, ...], document: Document) -> str:
    """What decides a document's bytes, for its cache key: the HTML, the stylesheets but the
    @font-face rules (they name the cut faces by their path in the user's cache, which is no
    part of the document: the faces' contents are, in cache.engine_fingerprint), the user-agent
    sheet and the imposition."""
    kind = KINDS[document.kind]
    return "\n".join([html, *css[1:], user_agent(document) or "", "two-up" if kind.impose else ""])


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """The generator's own code and templates (and the QR library): whatever could change a
    document's HTML for the same content."""
    from importlib.metadata import version

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(version("segno").encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".j2", ".css", ".txt") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def memo_input(knowledge: Knowledge, document: Document, profile: str, routes: RouteTable) -> str | None:
    """Everything a village's card or household cards are made from, as one string (or None
    for the other kinds): the build asks the memo (cache.Memo) for the document's key instead of
    writing its HTML, which for a county's thousand such documents takes seconds."""
    if document.kind not in ("card", "households"):
        return None
    village = knowledge.villages[document.subject]
    township = knowledge.townships[village.township]
    parent = knowledge.village_parent(village)
    parts = [
        code_fingerprint(), document.kind, profile, document.title, document.path, creation_date() or "",
        knowledge.county.name, knowledge.county.site_name, township.id, township.name, parent or "",
        knowledge.contingency_plans[parent].title if parent else "", routes.absolute_url("village", village.id) or "",
        routes.url("village", village.id), village.model_dump_json(),
    ]
    return "\n".join(parts)


def document_html(knowledge: Knowledge, document: Document, profile: str, routes: RouteTable) -> str:
    kind = KINDS[document.kind]
    doc = {
        "title": document.title,
        "kind": document.kind,
        "author": knowledge.county.site_name,
        "created": creation_date(),
        "stylesheets": kind.stylesheets,
        "view": kind.view(knowledge, document, profile, routes),
    }
    return render(kind.template, doc=doc)
