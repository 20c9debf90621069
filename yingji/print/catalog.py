"""Which PDFs exist: one list, used by the print stage (what to render) and the site (what to link).

Paths are relative to downloads/ and fixed by the URL scheme of CODE_BRIEF.md: printed QR codes
and links must keep working, so they derive from ids, never from positions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timezone
from typing import Callable

from ..content.knowledge import Knowledge
from ..render import environment, render
from . import prep, views
from .cards import card_view
from .fonts import font_faces_css
from .paper import SAMPLE_SEED, paper_view, subject_name

DOWNLOADS = "downloads"


@dataclass(frozen=True)
class Document:
    path: str  # relative to downloads/
    title: str
    description: str
    kind: str  # selects template, stylesheets and view (KINDS below)
    paper: str  # 纸张 as shown on the downloads page
    page: str | None = None  # docs-relative page that links to it besides downloads/index.md
    subject: str | None = None  # id the view needs (exam id, village id …)
    bundle: str | None = None  # path of the bundle this document is printed in
    parts: tuple[str, ...] = ()  # for a bundle: the paths of its documents, in order
    short: str | None = None  # name in long lists (a card: the village's name)


@dataclass(frozen=True)
class Kind:
    template: str
    stylesheets: tuple[str, ...]
    view: Callable[[Knowledge, Document, str, str | None], dict]  # (knowledge, doc, profile, site url)


KINDS: dict[str, Kind] = {
    "handbook": Kind("print/handbook.html.j2", ("book.css",), lambda k, d, p, u: views.handbook(k)),
    "exam-prep": Kind("print/exam_prep.html.j2", ("book.css", "prep.css"), lambda k, d, p, u: prep.exam_prep(k)),
    "matrix": Kind("print/matrix.html.j2", ("matrix.css",), lambda k, d, p, u: views.matrix(k)),
    "paper": Kind("print/paper.html.j2", ("prep.css", "paper.css"), lambda k, d, p, u: paper_view(k, d.subject, key=False)),
    "paper-key": Kind("print/paper.html.j2", ("prep.css", "paper.css"), lambda k, d, p, u: paper_view(k, d.subject, key=True)),
    "card": Kind("print/card.html.j2", ("card.css",), lambda k, d, p, u: card_view(k, d.subject, p, u)),
}


def documents(knowledge: Knowledge, profile: str) -> list[Document]:
    county = knowledge.plan.county
    docs = [
        Document(
            "handbook.pdf",
            "培训手册",
            f"《{knowledge.plan.title}》全文、{len(knowledge.plan.tasks)} 项任务的责任分工与时间表、术语解释和相关法律法规条文。",
            "handbook",
            "A4 竖版",
            page="plan/index.md",
        ),
        Document(
            "exam-prep.pdf",
            "主要负责人应知应会手册",
            "企业主要负责人应知应会的法律条文及要点、练习题，书后附参考答案与解析。",
            "exam-prep",
            "A4 竖版",
            page="quiz/index.md",
        ),
        Document(
            "responsibility-matrix.pdf",
            "责任分工表",
            f"{county}各单位 × {len(knowledge.plan.tasks)} 项任务的责任分工和完成时间，一张 A3 横版，可张贴。",
            "matrix",
            "A3 横版",
            page="units/index.md",
        ),
    ]
    for exam in knowledge.exams.values():
        docs += paper_documents(exam, SAMPLE_SEED, 1)
    for township in knowledge.townships.values():
        docs += village_documents(knowledge, township, profile)
    return docs


def village_documents(knowledge: Knowledge, township, profile: str) -> list[Document]:
    """One 明白卡 per village, and the township's bundle of all of them (printed in one go)."""
    villages = knowledge.villages_of(township.id)
    if not villages:
        return []
    edition = "内部版，含完整电话" if profile == "internal" else "公开版，个人电话已隐去"
    bundle = f"villages/{township.id}.pdf"
    cards = [
        Document(
            f"villages/{township.id}/{village.id}.pdf",
            f"{township.name}{village.name}一村一案明白卡",
            f"风险点、预警信号、转移路线、避险场所和责任人电话（{edition}）。",
            "card",
            "A4 竖版",
            page=f"villages/{township.id}/{village.id}.md",
            subject=village.id,
            bundle=bundle,
            short=village.name,
        )
        for village in villages
    ]
    return cards + [
        Document(
            bundle,
            f"{township.name}一村一案明白卡合订本",
            f"{township.name}全部 {len(cards)} 个村（社区）的明白卡，一次打印（{edition}）。",
            "bundle",
            "A4 竖版",
            page=f"villages/{township.id}/index.md",
            subject=township.id,
            parts=tuple(card.path for card in cards),
        )
    ]


def paper_documents(exam, seed: int, copy: int) -> list[Document]:
    """A paper and its answer key: papers/<exam-id>-seed<seed>-<n>.pdf and …-key.pdf."""
    subject = subject_name(exam.id, seed, copy)
    sample = "（样卷）" if seed == SAMPLE_SEED and copy == 1 else f"（卷号 {seed}-{copy}）"
    return [
        Document(
            f"papers/{subject}{'-key' if key else ''}.pdf",
            f"{exam.title}{'参考答案' if key else '试卷'}{sample}",
            "每题的答案、解析和所依据的条文。" if key else "按考试方案随机抽题；用 yingji paper 可生成更多套不同的试卷。",
            "paper-key" if key else "paper",
            "A4 竖版",
            page=f"quiz/exam/{exam.id}.md",
            subject=subject,
        )
        for key in (False, True)
    ]


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


def document_html(knowledge: Knowledge, document: Document, profile: str, site_url: str | None = None) -> str:
    kind = KINDS[document.kind]
    doc = {
        "title": document.title,
        "kind": document.kind,
        "author": f"{knowledge.plan.county}应急管理知识与培训",
        "created": creation_date(),
        "stylesheets": kind.stylesheets,
        "view": kind.view(knowledge, document, profile, site_url),
    }
    return render(kind.template, doc=doc)
