"""Link the first mention of each glossary term on a page to its entry in the glossary.

This works on content text before it becomes Markdown, not on finished Markdown: the text
is cut at term mentions, every piece is escaped with `md_inline` as usual, and only the
mention is wrapped in a link. So escaping stays intact, and links only appear where a view
asks for them (body text and list items), never inside headings, links or tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from ..content.knowledge import Knowledge
from ..presentation.routes import RouteTable
from ..render import md_inline

_ASCII_WORD = re.compile(r"^[0-9A-Za-z]")


@dataclass(frozen=True)
class TermIndex:
    """Every spelling of every term (name and aliases), longest first, as one pattern."""

    pattern: re.Pattern | None
    term_of: dict[str, str]  # spelling -> term id

    @classmethod
    def of(cls, knowledge: Knowledge) -> "TermIndex":
        term_of: dict[str, str] = {}
        for term in sorted(knowledge.terms.values(), key=lambda t: t.id):
            for spelling in (term.term, *term.aliases):
                if len(spelling.strip()) >= 2:
                    term_of.setdefault(spelling.strip(), term.id)
        if not term_of:
            return cls(None, {})
        ordered = sorted(term_of, key=lambda s: (-len(s), s))
        alternatives = []
        for spelling in ordered:
            body = re.escape(spelling)
            # 12350 must not match inside 123500; Chinese has no word boundaries to respect.
            if _ASCII_WORD.match(spelling):
                body = r"(?<![0-9A-Za-z])" + body
            if _ASCII_WORD.match(spelling[-1]):
                body += r"(?![0-9A-Za-z])"
            alternatives.append(body)
        return cls(re.compile("|".join(alternatives)), term_of)


@dataclass
class TermLinker:
    """One per generated page: remembers which terms it has already linked."""

    index: TermIndex
    page: str
    routes: RouteTable
    linked: set[str] = field(default_factory=set)
    skip: frozenset[str] = frozenset()  # terms never linked on this page (e.g. its own subject)

    def inline(self, text: object) -> Markup:
        text = str(text)
        if self.index.pattern is None:
            return md_inline(text)
        out: list[str] = []
        position = 0
        for match in self.index.pattern.finditer(text):
            term_id = self.index.term_of[match.group(0)]
            if term_id in self.linked or term_id in self.skip:
                continue
            self.linked.add(term_id)
            out.append(md_inline(text[position : match.start()]))
            href = self.routes.link(self.page, "term", term_id)
            out.append(f"[{md_inline(match.group(0))}]({href})")
            position = match.end()
        out.append(md_inline(text[position:]))
        return Markup("".join(out))

    def paragraphs(self, text: object) -> Markup:
        """Multi-line text -> Markdown paragraphs (one per line), terms linked."""
        lines = [line.strip() for line in str(text).splitlines() if line.strip()]
        return Markup("\n\n".join(self.inline(line) for line in lines))
