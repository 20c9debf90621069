"""`yingji export-questions`: the bank for learning platforms (Moodle XML, GIFT) and for Excel.

Questions keep their ids (Moodle name/idnumber, GIFT title), one category per topic, the
explanation and the cited articles as general feedback. Text is exported as plain text, so a
`<script>` in a question stays text on the platform too.

多选 scoring. Standard Moodle multiple choice adds up per-option percentages, so it cannot
express 全对才得分. Default (`按比例`): each right option 100/k %, each wrong option −100 %
(Moodle never goes below 0): all right = full marks, any wrong option = 0, k−1 of k right =
(k−1)/k — for the usual two right options exactly the blueprint rule 少选得半分. `全对才得分`
writes Moodle's All-or-Nothing type (plugin qtype_multichoiceset), which GIFT cannot express.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from openpyxl import Workbook

from ..content.knowledge import Knowledge, QuestionEntry
from ..content.models.questions import Question
from ..presentation.labels import ref_title
from .question_table import append_row, new_sheet
from .spreadsheet import save_workbook

PROPORTIONAL = "按比例"
ALL_OR_NOTHING = "全对才得分"
MULTI_SCORING = (PROPORTIONAL, ALL_OR_NOTHING)
FORMATS = ("moodle-xml", "gift", "xlsx")
GIFT_SPECIAL = "\\~=#{}:"


def selected(knowledge: Knowledge, topics: list[str] | None) -> dict[str, list[QuestionEntry]]:
    """topic id -> its questions, topics in the order of topics.yml."""
    chosen = topics or list(knowledge.topics)
    return {
        topic: [entry for entry in knowledge.questions.values() if entry.topic == topic]
        for topic in chosen
        if any(entry.topic == topic for entry in knowledge.questions.values())
    }


def percent(value: float) -> str:
    """Moodle's grade steps: 50, 33.33333, 25, 20, 16.66667, -100 …"""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def multi_fractions(question: Question, rule: str) -> dict[str, str]:
    share = 100 / len(question.answer)
    wrong = "0" if rule == ALL_OR_NOTHING else "-100"
    return {key: percent(share) if key in question.answer else wrong for key in question.options}


def feedback(knowledge: Knowledge, question: Question) -> str:
    titles = "；".join(ref_title(knowledge, ref) for ref in question.cites)
    return f"{question.explanation}\n依据：{titles}"


# --------------------------------------------------------------------- GIFT


def gift_escape(text: str) -> str:
    out = "".join("\\" + c if c in GIFT_SPECIAL else c for c in text)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def gift_question(knowledge: Knowledge, question: Question) -> str:
    head = f"::{gift_escape(question.id)}::[plain]{gift_escape(question.stem)}"
    general = f"####{gift_escape(feedback(knowledge, question))}"
    if question.type == "判断":
        return f"{head} {{{'TRUE' if question.answer == ['正确'] else 'FALSE'}{general}}}"
    lines = [head + " {"]
    if question.type == "单选":
        for key, text in question.options.items():
            lines.append(f"\t{'=' if key in question.answer else '~'}{gift_escape(text)}")
    else:
        fractions = multi_fractions(question, PROPORTIONAL)
        for key, text in question.options.items():
            lines.append(f"\t~%{fractions[key]}%{gift_escape(text)}")
    lines.append(f"\t{general}")
    lines.append("}")
    return "\n".join(lines)


def to_gift(knowledge: Knowledge, banks: dict[str, list[QuestionEntry]]) -> str:
    parts = ["// 由 yingji export-questions 导出（GIFT 格式，可导入 Moodle 等学习平台）"]
    for topic, entries in banks.items():
        parts.append(f"$CATEGORY: $course$/top/{knowledge.topics[topic].title}")
        parts.extend(gift_question(knowledge, entry.question) for entry in entries)
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------- Moodle XML


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "plain_text", **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, ({"format": fmt} if fmt else {}) | attrs)
    ET.SubElement(element, "text").text = text
    return element


def moodle_question(knowledge: Knowledge, question: Question, rule: str) -> ET.Element:
    if question.type == "判断":
        qtype = "truefalse"
    elif question.type == "多选" and rule == ALL_OR_NOTHING:
        qtype = "multichoiceset"
    else:
        qtype = "multichoice"
    element = ET.Element("question", {"type": qtype})
    _text(element, "name", question.id, fmt=None)
    _text(element, "questiontext", question.stem)
    _text(element, "generalfeedback", feedback(knowledge, question))
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = "0"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = question.id
    if question.type == "判断":
        right = question.answer == ["正确"]
        for value, fraction in (("true", "100" if right else "0"), ("false", "0" if right else "100")):
            answer = _text(element, "answer", value, fmt="moodle_auto_format", fraction=fraction)
            _text(answer, "feedback", "")
    else:
        if qtype == "multichoice":
            ET.SubElement(element, "single").text = "true" if question.type == "单选" else "false"
        ET.SubElement(element, "shuffleanswers").text = "true"
        ET.SubElement(element, "answernumbering").text = "ABCD"
        if question.type == "单选":
            fractions = {key: "100" if key in question.answer else "0" for key in question.options}
        else:
            fractions = multi_fractions(question, rule)
        for key, text in question.options.items():
            answer = _text(element, "answer", text, fraction=fractions[key])
            _text(answer, "feedback", "")
    tags = ET.SubElement(element, "tags")
    for tag in [*question.audience, f"难度{question.difficulty}", *question.cites]:
        _text(tags, "tag", tag, fmt=None)
    return element


def to_moodle_xml(knowledge: Knowledge, banks: dict[str, list[QuestionEntry]], rule: str = PROPORTIONAL) -> str:
    quiz = ET.Element("quiz")
    for topic, entries in banks.items():
        category = ET.SubElement(quiz, "question", {"type": "category"})
        _text(category, "category", f"$course$/top/{knowledge.topics[topic].title}", fmt=None)
        _text(category, "info", knowledge.topics[topic].description or "")
        for entry in entries:
            quiz.append(moodle_question(knowledge, entry.question, rule))
    ET.indent(quiz, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode", short_empty_elements=False) + "\n"


# --------------------------------------------------------------------- xlsx


def question_cells(question: Question) -> dict[str, str]:
    cells = {
        "编号": question.id,
        "题型": question.type,
        "题干": question.stem,
        "答案": question.answer[0] if question.type == "判断" else "".join(question.answer),
        "解析": question.explanation,
        "依据": "、".join(question.cites),
        "难度": str(question.difficulty),
        "适用对象": "、".join(question.audience),
        "分组": question.group or "",
        "版本": str(question.version) if question.version != 1 else "",
    }
    for key, text in (question.options or {}).items():
        cells[f"选项{key}"] = text
    return cells


def to_xlsx(knowledge: Knowledge, banks: dict[str, list[QuestionEntry]], out: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for topic, entries in banks.items():
        sheet = new_sheet(workbook, knowledge.topics[topic].title)
        for entry in entries:
            append_row(sheet, question_cells(entry.question))
    save_workbook(workbook, out)


def export_questions(knowledge: Knowledge, fmt: str, out: Path, topics: list[str] | None, rule: str) -> int:
    banks = selected(knowledge, topics)
    if fmt == "xlsx":
        to_xlsx(knowledge, banks, out)
    else:
        text = to_gift(knowledge, banks) if fmt == "gift" else to_moodle_xml(knowledge, banks, rule)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, "utf-8")
    return sum(len(entries) for entries in banks.values())


# ----------------------------------------------------------------- template

EXAMPLE = {
    "编号": "示例",
    "题型": "单选",
    "题干": "【示例】生产经营单位的（　）是本单位安全生产第一责任人。",
    "选项A": "主要负责人",
    "选项B": "安全生产管理人员",
    "选项C": "工会主席",
    "选项D": "班组长",
    "答案": "A",
    "解析": "安全生产法第五条规定，生产经营单位的主要负责人是本单位安全生产第一责任人。",
    "依据": "《安全生产法》第五条",
    "难度": "1",
    "适用对象": "主要负责人、安全管理人员",
}
HELP = [
    ("编号", "可不填：导入时接着本主题已有的编号自动编号（如 aqsc-121）。填写时只能用小写字母、数字和连字符。"),
    ("题型", "判断、单选或多选（下拉选择）。"),
    ("题干", "题目正文。填空处用（　）。"),
    ("选项A–F", "单选、多选题从 A 起依次填写，不能跳空；判断题不填。"),
    ("答案", "判断题写 正确 或 错误（也可写 对/错、√/×）；单选写一个字母；多选写全部正确字母，如 ACD。"),
    ("解析", "用通俗的话说明为什么，并写出依据条文的原话。"),
    ("依据", "条文写《安全生产法》第五条 或 anquan-shengchan-fa#a5；方案任务写 t09；多个用顿号分隔。"),
    ("难度", "1 易、2 中、3 难；不填按 2。"),
    ("适用对象", "主要负责人、安全管理人员、村干部、公众，可写多个，用顿号分隔；不填按“主要负责人”。"),
    ("分组", "可不填。考同一知识点的题填同一个分组编号，一份试卷不会同时抽到它们。"),
    ("版本", "可不填（按 1）。题干、选项或答案的意思改了时加 1。"),
    ("示例行", "编号为“示例”或题干以【示例】开头的行不会导入，可以保留或删除。"),
    ("导入", "默认合并：新编号的题添加，已有编号的题更新，题库中其他的题不动；加 --replace 则整个主题换成表中的题。"),
]


def write_template(out: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet = new_sheet(workbook, "题库")
    append_row(sheet, EXAMPLE)
    notes = workbook.create_sheet("填写说明")
    notes.append(["列", "怎么填"])
    for row in HELP:
        notes.append(list(row))
    notes.column_dimensions["A"].width = 12
    notes.column_dimensions["B"].width = 90
    save_workbook(workbook, out)
