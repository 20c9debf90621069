"""What a printed exam paper has around its questions: the 卷头 (issuing body, title, 考试时间,
满分/及格, score table, candidate lines, 注意事项), the 样卷 mark, the optional 密封线 and the
答题卡 at the end. The questions themselves come from paper.paper_view."""

from __future__ import annotations

from ..content.knowledge import Knowledge
from ..presentation.documents import Document, parse_subject
from .imprint import imprint
from .paper import NUMERALS, paper_view

ROW = 5  # questions per row of the 答题卡


def paper_sheet(knowledge: Knowledge, document: Document, profile: str, site_url: str | None, *, key: bool) -> dict:
    view = paper_view(knowledge, document.subject, key=key)
    exam = knowledge.exams[parse_subject(document.subject)[0]]
    seal = "seal" in document.options and not key
    return {
        **view,
        "imprint": imprint(knowledge, profile, site_url),
        "sample": "sample" in document.options,
        "seal": seal,
        "scores": [
            {"name": f"{NUMERALS[i]}、{part.type}题", "points": f"{part.count * part.points:g}"}
            for i, part in enumerate(exam.parts)
        ],
        "rules": _rules(view, seal),
        "answer_sheet": [_sheet_part(part) for part in view["parts"]],
    }


def _rules(view: dict, seal: bool) -> list[str]:
    limit = f"考试时间 {view['time_limit']} 分钟；" if view["time_limit"] else ""
    rules = [
        f"本试卷满分 {view['total']} 分，{view['pass_mark']} 分及格；{limit}闭卷作答。",
        f"答题前，在{'密封线内' if seal else '卷头'}写清单位、姓名和准考证号。",
        "答案写在题后括号内，也可填在试卷最后一页的答题卡上；两处不一致的，以答题卡为准。",
    ]
    if view["multi_scoring"]:
        rules.append(f"多选题{view['multi_scoring']}。")
    return rules


def _sheet_part(part: dict) -> dict:
    """One block of the 答题卡: the part's question numbers, a row of boxes for each."""
    questions = part["questions"]
    if questions and not questions[0]["options"]:
        boxes = ["√", "×"]
    else:
        boxes = [letter for letter, _ in max((q["options"] for q in questions), key=len, default=())]
    numbers = [q["number"] for q in questions]
    numbers += [None] * (-len(numbers) % ROW)  # empty cells keep the columns in line
    return {
        "heading": part["heading"],
        "boxes": boxes,
        "rows": [numbers[i:i + ROW] for i in range(0, len(numbers), ROW)],
    }
