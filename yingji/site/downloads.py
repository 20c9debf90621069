"""The downloads page and the "打印版" lines of the pages that have PDFs.

Both ask the route table, whose document list is the one the print stage renders, so a page
never links to a PDF that the build does not write; `mkdocs build --strict` checks every such
link, because the PDFs are placed into docs/downloads/ before mkdocs runs.
"""

from __future__ import annotations

from ..render import render
from .context import SiteContext

GROUPS = (
    ("培训资料", ("handbook", "exam-prep", "matrix")),
    ("模拟试卷（样卷）", ("paper", "paper-key")),
    ("受威胁住户防灾避险明白卡（内部版）", ("households",)),  # the internal build only (documents.py)
)


def produce(ctx: SiteContext) -> dict[str, str]:
    if not ctx.routes.generates("downloads"):
        return {}
    page = ctx.routes.path("downloads")

    def linked(doc) -> dict:
        return {"title": doc.title, "short": doc.short, "description": doc.description, "paper": doc.paper,
                "href": ctx.link(page, "pdf", doc.path)}

    docs = ctx.routes.documents
    groups = [
        {"title": title, "documents": [linked(d) for d in docs if d.kind in kinds]}
        for title, kinds in GROUPS
        if any(d.kind in kinds for d in docs)
    ]
    bundles = [
        {"document": linked(d), "parts": [linked(part) for part in docs if part.bundle == d.path]} for d in docs if d.parts
    ]
    return {page: render("site/downloads.md.j2", groups=groups, bundles=bundles)}

