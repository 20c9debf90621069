"""术语: the glossary, one anchor per term (the term id), with sources, tasks and certainty."""

from __future__ import annotations

from ..content.models.glossary import Term
from ..presentation.labels import document_label
from ..render import render
from .backlinks import citations
from .context import SiteContext
from .law_pages import article_title

CERTAINTY_NOTES = {
    "确定": None,
    "待核实": "这一解释是根据相关文件的表述作出的理解，尚待对照上级文件核实。",
    "以县应急管理局文件为准": "具体内容本站无法确认，请以县应急管理局的正式文件为准。",
}
CERTAINTY_CLASS = {"确定": "sure", "待核实": "check", "以县应急管理局文件为准": "official"}


def produce(ctx: SiteContext) -> dict[str, str]:
    return {ctx.routes.path("glossary"): render("site/glossary.md.j2", glossary=glossary(ctx))}


def glossary(ctx: SiteContext) -> dict:
    page = ctx.routes.path("glossary")
    linker = ctx.linker(page)  # one per page: each term is linked at its first mention only
    terms = [_term(ctx, term, page, linker) for term in ctx.knowledge.terms.values()]
    uncertain = sum(1 for term in terms if term["certainty_note"])
    return {"terms": terms, "uncertain": uncertain}


def _term(ctx: SiteContext, term: Term, page: str, linker) -> dict:
    linker.skip = frozenset({term.id})  # a definition never links to itself (its heading is right above)
    sources = []
    for source in term.sources:
        if source.article:
            sources.append({"title": article_title(ctx, source.article), "href": ctx.link(page, "article", source.article)})
        else:
            sources.append({"title": document_label(source.document, source.number), "href": None})
    cited = citations(ctx, term.id, page, None)
    return {
        "id": term.id,
        "term": term.term,
        "aliases": term.aliases,
        "definition": linker.paragraphs(term.definition),
        "entries": term.items,
        "sources": sources,
        "tasks": [
            {"title": f"{ctx.knowledge.tasks[t].number}. {ctx.knowledge.tasks[t].title}", "href": ctx.link(page, "task", t)}
            for t in term.tasks
        ],
        "certainty": term.certainty,
        "certainty_note": CERTAINTY_NOTES[term.certainty],
        "certainty_css": CERTAINTY_CLASS[term.certainty],
        "note": term.note,
        "questions": cited["questions"],
    }
