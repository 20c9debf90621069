"""法律法规: an index of the laws and one page per law with its cited articles.

Every article has the anchor #a<number>. The official text is printed word for word, one
paragraph or item per line, and never passes through the glossary linker; the 要点 is our
plain-language summary and is labelled as such.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..content.models.laws import Law
from ..presentation.labels import article_label, article_title as article_name, day_label
from ..presentation.lawparts import LawPart, chapter_heading, law_parts
from ..presentation.routes import article_anchor
from ..render import md_inline, render
from .backlinks import citations
from .context import SiteContext

JUMP_LIST_FROM = 3  # a law page with more articles than this opens with its 条文目录
_WEB = re.compile(r"^https?://[^\s\"'<>]+$")


def produce(ctx: SiteContext) -> dict[str, str]:
    pages = {ctx.routes.path("laws"): render("site/laws_index.md.j2", index=law_index(ctx))}
    for law in ctx.knowledge.laws.values():
        pages[ctx.routes.path("law", law.id)] = render("site/law.md.j2", law=law_page(ctx, law))
        parts = law_parts(law)
        for i, part in enumerate(parts):
            neighbours = (parts[i - 1] if i else None, parts[i + 1] if i + 1 < len(parts) else None)
            view = part_page(ctx, law, part, neighbours)
            pages[ctx.routes.path("law-part", f"{law.id}/{part.id}")] = render("site/law_part.md.j2", part=view)
    return pages


def law_index(ctx: SiteContext) -> dict:
    page = ctx.routes.path("laws")
    laws = []
    for law in ctx.knowledge.laws.values():
        laws.append(
            {
                "title": law.title,
                "href": ctx.link(page, "law", law.id),
                "kind": law.kind,
                "version": law.version,
                "effective": day_label(law.effective_date),
                "status": law.status,
                "repealed": law.status == "已废止",
                "articles": len(law.articles),
            }
        )
    laws.sort(key=lambda item: (item["repealed"], item["kind"] != "法律", item["title"]))
    return {"laws": laws}


def law_page(ctx: SiteContext, law: Law) -> dict:
    page = ctx.routes.path("law", law.id)
    linker = ctx.linker(page)
    replacement = ctx.knowledge.laws.get(law.replaced_by) if law.replaced_by else None
    return {
        "title": law.title,
        "short_title": law.short_title,
        "kind": law.kind,
        "issuer": law.issuer,
        "version": law.version,
        "version_date": day_label(law.version_date),
        "effective": day_label(law.effective_date),
        "status": law.status,
        "repealed": law.status == "已废止",
        "replacement": (
            {"title": replacement.title, "href": ctx.link(page, "law", replacement.id)} if replacement else None
        ),
        "source_url": law.source_url if _WEB.match(law.source_url) else None,
        "source_name": "国家法律法规数据库" if urlsplit(law.source_url).hostname == "flk.npc.gov.cn" else "发布机关网站",
        "history": law.history,
        "split": bool(law_parts(law)),
        "tasks": citations(ctx, law.id, page)["tasks"],  # tasks whose text names this law
        "jump": _jump_list(ctx, law, page),
        "jump_shown": len(law.articles) > JUMP_LIST_FROM,
        "chapters": [] if law_parts(law) else _chapters(ctx, law, law.articles, page, linker),
        "index_href": ctx.link(page, "laws"),
    }


def part_page(ctx: SiteContext, law: Law, part: LawPart, neighbours: tuple) -> dict:
    """One chapter of a long law: its articles, then the way to the chapters around it."""
    page = ctx.routes.path("law-part", f"{law.id}/{part.id}")
    linker = ctx.linker(page)
    articles = [a for a in law.articles if a.number in part.numbers]
    previous, following = neighbours
    return {
        "title": f"{law.short_title} {part.heading}",
        "law_title": law.title,
        "heading": part.heading,
        "law_href": ctx.link(page, "law", law.id),
        "repealed": law.status == "已废止",
        "articles": _chapters(ctx, law, articles, page, linker)[0]["articles"] if articles else [],
        "previous": _part_link(ctx, law, previous, page),
        "next": _part_link(ctx, law, following, page),
    }


def _part_link(ctx: SiteContext, law: Law, part: LawPart | None, page: str) -> dict | None:
    return {"heading": part.heading, "href": ctx.link(page, "law-part", f"{law.id}/{part.id}")} if part else None


def _jump_list(ctx: SiteContext, law: Law, page: str) -> list[dict]:
    """条文目录: chapters, each with links to its articles (wherever they are)."""
    groups: list[dict] = []
    parts = {n: part for part in law_parts(law) for n in part.numbers}
    for article in law.articles:
        heading = chapter_heading(article)
        if not groups or groups[-1]["heading"] != heading:
            part = parts.get(article.number)
            groups.append({
                "heading": heading or "条文",
                "href": ctx.link(page, "law-part", f"{law.id}/{part.id}") if part else None,
                "articles": [],
            })
        groups[-1]["articles"].append({
            "label": article_label(article.number),
            "href": ctx.link(page, "article", law.article_id(article.number)),
        })
    return groups


def _chapters(ctx: SiteContext, law: Law, articles, page: str, linker) -> list[dict]:
    chapters: list[dict] = []
    for article in articles:
        heading = chapter_heading(article)
        if not chapters or chapters[-1]["heading"] != heading:
            chapters.append({"heading": heading, "id": f"c{len(chapters) + 1}", "articles": []})
        article_id = law.article_id(article.number)
        chapters[-1]["articles"].append(
            {
                "anchor": article_anchor(article.number),
                "label": article_label(article.number),
                # word for word: escaped, one line per paragraph or item, no term links
                "lines": [md_inline(line.strip()) for line in article.text.splitlines() if line.strip()],
                "summary": linker.inline(article.summary) if article.summary else None,
                "tags": article.tags,
                "cited": citations(ctx, article_id, page, linker),
            }
        )
    return chapters


def article_title(ctx: SiteContext, article_id: str) -> str:
    """《安全生产法》第二十一条 — how other pages name an article they link to."""
    entry = ctx.knowledge.articles[article_id]
    return article_name(entry.law.short_title, entry.article.number)

