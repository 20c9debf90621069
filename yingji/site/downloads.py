"""The downloads page (downloads/index.md) and the "打印版" links on the pages that have a PDF.

Both come from the print catalog, the one list of PDFs, so a page never links to a PDF that
the print stage does not write; `mkdocs build --strict` checks every such link, because the
PDFs are placed into docs/downloads/ before mkdocs runs (see yingji/print/cache.py).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

from ..content.knowledge import Knowledge
from ..print.catalog import DOWNLOADS, Document, documents
from ..render import md_inline, render

GROUPS = (
    ("培训资料", ("handbook", "exam-prep", "matrix")),
    ("模拟试卷（样卷）", ("paper", "paper-key")),
)


def downloads_page(knowledge: Knowledge, profile: str) -> dict[str, str]:
    docs = documents(knowledge, profile)
    groups = [
        {"title": title, "documents": [d for d in docs if d.kind in kinds]}
        for title, kinds in GROUPS
        if any(d.kind in kinds for d in docs)
    ]
    bundles = [
        {"document": d, "parts": [by_path for by_path in docs if by_path.bundle == d.path]} for d in docs if d.parts
    ]
    page = render("site/downloads.md.j2", groups=groups, bundles=bundles, county=knowledge.plan.county)
    return {f"{DOWNLOADS}/index.md": page}


def link_downloads(pages: dict[str, str], knowledge: Knowledge, profile: str) -> dict[str, str]:
    """Append a "打印版" line to every generated page that has PDFs (whoever produced the page)."""
    by_page: dict[str, list[Document]] = defaultdict(list)
    for doc in documents(knowledge, profile):
        if doc.page:
            by_page[doc.page].append(doc)
    linked = dict(pages)
    for page, docs in by_page.items():
        if page in linked:
            links = "；".join(f"[{md_inline(d.title)}]({_relative(page, d.path)})（{d.paper}）" for d in docs)
            index = posixpath.relpath(f"{DOWNLOADS}/index.md", posixpath.dirname(page))
            linked[page] = linked[page].rstrip("\n") + f"\n\n---\n\n**打印版（PDF）**：{links}。[全部打印资料]({index})\n"
    return linked


def _relative(page: str, path: str) -> str:
    return posixpath.relpath(f"{DOWNLOADS}/{path}", posixpath.dirname(page))
