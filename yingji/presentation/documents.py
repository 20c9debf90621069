"""Which PDFs exist: the one list that the route table places under downloads/, the print stage
renders and the site links (downloads page, 打印版 lines). Paths derive from ids, never from
positions: printed QR codes and shared links must keep working.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.knowledge import Knowledge

SAMPLE_SEED = 1  # the sample paper the site offers; trainers make more with `yingji paper`


@dataclass(frozen=True)
class Document:
    path: str  # relative to downloads/
    title: str
    description: str
    kind: str  # selects template, stylesheets and view in the print stage
    paper: str  # 纸张 as shown on the downloads page
    page: tuple[str, str] | None = None  # route (kind, id) of the page that links to it besides downloads
    subject: str | None = None  # id the view needs (exam paper subject, village id …)
    bundle: str | None = None  # path of the bundle this document is printed in
    parts: tuple[str, ...] = ()  # for a bundle: the paths of its documents, in order
    short: str | None = None  # name in long lists (a card: the village's name)
    options: tuple[str, ...] = ()  # how a paper is printed: "sample" (样卷), "seal" (密封线)


def edition_note(profile: str) -> str:
    return "内部版，含完整电话" if profile == "internal" else "公开版，个人电话已隐去"


def documents(knowledge: Knowledge, profile: str) -> list[Document]:
    tasks = len(knowledge.plan.tasks)
    docs = [
        Document(
            "handbook.pdf",
            "培训手册",
            f"《{knowledge.plan.title}》全文、{tasks} 项任务的责任分工与时间表、术语解释和相关法律法规条文。",
            "handbook",
            "A4 竖版",
            page=("plan", ""),
        ),
        Document(
            "exam-prep.pdf",
            "主要负责人应知应会手册",
            "企业主要负责人应知应会的法律条文及要点、练习题，书后附参考答案与解析。",
            "exam-prep",
            "A4 竖版",
            page=("quiz", ""),
        ),
        Document(
            "responsibility-matrix.pdf",
            "责任分工表",
            f"{knowledge.county.name}各单位 × {tasks} 项任务的责任分工和完成时间，一张 A3 横版，可张贴。",
            "matrix",
            "A3 横版",
            page=("units", ""),
        ),
    ]
    for exam in knowledge.exams.values():
        docs += paper_documents(exam, SAMPLE_SEED, 1, sample=True)
    for township in knowledge.townships.values():
        docs += village_documents(knowledge, township, profile)
    return docs


def village_documents(knowledge: Knowledge, township, profile: str) -> list[Document]:
    """One 明白卡 per village, and the township's bundle of all of them (printed in one go); in
    the internal build also, per village that lists its threatened households, their cards."""
    villages = knowledge.villages_of(township.id)
    if not villages:
        return []
    edition = edition_note(profile)
    bundle = f"villages/{township.id}.pdf"
    cards = [
        Document(
            f"villages/{township.id}/{village.id}.pdf",
            f"{township.name}{village.name}一村一案明白卡",
            f"风险点、预警信号、转移路线、避险场所和责任人电话（{edition}）。",
            "card",
            "A4 竖版",
            page=("village", village.id),
            subject=village.id,
            bundle=bundle,
            short=village.name,
        )
        for village in villages
    ]
    households = [household_document(township, village) for village in villages if village.threatened_households]
    return cards + (households if profile == "internal" else []) + [
        Document(
            bundle,
            f"{township.name}一村一案明白卡合订本",
            f"{township.name}全部 {len(cards)} 个村（社区）的明白卡，一次打印（{edition}）。",
            "bundle",
            "A4 竖版",
            page=("township", township.id),
            subject=township.id,
            parts=tuple(card.path for card in cards),
        )
    ]


def household_document(township, village) -> Document:
    """The 防灾避险明白卡 of a village's threatened households: personal data, internal build only."""
    count = len(village.threatened_households)
    return Document(
        f"villages/{township.id}/{village.id}-households.pdf",
        f"{township.name}{village.name}受威胁住户防灾避险明白卡",
        f"每户一张 A5 明白卡（共 {count} 户），两张一页印在 A4 纸上，沿中间虚线裁开；一式三份（内部版，含住户姓名和电话，请勿外传）。",
        "households",
        "A4 横版（两张 A5）",
        page=("village", village.id),
        subject=village.id,
        short=f"{village.name}（{count} 户）",
    )


def paper_subject(exam_id: str, seed: int, copy: int) -> str:
    return f"{exam_id}-seed{seed}-{copy}"


def parse_subject(subject: str) -> tuple[str, int, int]:
    """'zhuyao-fuzeren-moni-seed7-2' → ('zhuyao-fuzeren-moni', 7, 2)."""
    exam_id, _, rest = subject.rpartition("-seed")
    seed, _, copy = rest.partition("-")
    return exam_id, int(seed), int(copy)


def paper_documents(exam, seed: int, copy: int, *, sample: bool = False, seal: bool = False) -> list[Document]:
    """A paper and its answer key: papers/<exam-id>-seed<seed>-<n>.pdf and …-key.pdf. The site
    offers a sample (样卷, so marked); `yingji paper` makes real ones, with a 密封线 if asked."""
    subject = paper_subject(exam.id, seed, copy)
    options = (*(["sample"] if sample else []), *(["seal"] if seal else []))
    label = "（样卷）" if sample else f"（卷号 {seed}-{copy}）"
    return [
        Document(
            f"papers/{subject}{'-key' if key else ''}.pdf",
            f"{exam.title}{'参考答案' if key else '试卷'}{label}",
            "每题的答案、解析和所依据的条文。" if key else "按考试方案随机抽题；用 yingji paper 可生成更多套不同的试卷。",
            "paper-key" if key else "paper",
            "A4 竖版",
            page=("exam", exam.id),
            subject=subject,
            options=options,
        )
        for key in (False, True)
    ]
