"""What every producer of the training site needs: the knowledge, the profile, which pages
exist (so a link is only written to a page that is there) and the glossary term index."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..content.knowledge import Knowledge
from . import links
from .termlinks import TermIndex, TermLinker


@dataclass
class SiteContext:
    knowledge: Knowledge
    profile: str = "public"
    existing: frozenset[str] = field(default_factory=frozenset)  # pages made elsewhere (other producers, hand-written)

    @cached_property
    def terms(self) -> TermIndex:
        return TermIndex.of(self.knowledge)

    @cached_property
    def own_pages(self) -> frozenset[str]:
        """The pages this part of the site writes for every task, unit and law."""
        k = self.knowledge
        return OWN_PAGES_ALWAYS | {links.task_page(t) for t in k.tasks} | {links.unit_page(u) for u in k.units} | {
            links.law_page(law) for law in k.laws
        }

    def exists(self, page: str) -> bool:
        return page in self.existing or page in self.own_pages

    def linker(self, page: str, skip: frozenset[str] = frozenset()) -> TermLinker:
        return TermLinker(self.terms, page, skip=skip)


# Pages this part of the site always writes, so links to them never need a check.
OWN_PAGES_ALWAYS = frozenset(
    {links.HOME, links.PLAN, links.TASKS, links.UNITS, links.TIMELINE, links.LAWS, links.GLOSSARY}
)
