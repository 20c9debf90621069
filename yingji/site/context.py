"""What every producer of the training site needs: the knowledge, the profile, the route table
(every page and file the build writes, so a link is only written to something that is there)
the glossary term index and the build date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ..content.knowledge import Knowledge
from ..presentation.asof import build_date
from ..presentation.routes import RouteTable
from .termlinks import TermIndex, TermLinker


@dataclass
class SiteContext:
    knowledge: Knowledge
    profile: str
    routes: RouteTable
    today: date = field(default_factory=build_date)  # deadlines are judged against it (逾期)

    @cached_property
    def terms(self) -> TermIndex:
        return TermIndex.of(self.knowledge)

    def has(self, kind: str, entity: str = "") -> bool:
        return self.routes.has(kind, entity)

    def link(self, from_path: str, kind: str, entity: str = "", anchor: str | None = None) -> str:
        return self.routes.link(from_path, kind, entity, anchor)

    def linker(self, page: str, skip: frozenset[str] = frozenset()) -> TermLinker:
        return TermLinker(self.terms, page, self.routes, skip=skip)
