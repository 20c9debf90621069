"""The one YAML writer of the importers: content that reads like a hand-written file.

One canonical layout (field order of the model, a comment above each village section, phone
numbers quoted, short lists inline, scalars quoted only where YAML needs it) so that importing
the same spreadsheet twice, or exporting a file and importing it again, gives the same bytes.
Village plans are whole files (`dump_village`); question banks are edited one question at a
time (`question_block`, `bank_yaml`), so that a merge leaves every other line as it was.
"""

from __future__ import annotations

import json
import re
from datetime import date

from ..content.models.questions import Question
from ..content.models.villages import Village

SECTION_TITLES = {
    "plan": "预案管理：修订日期、评估周期、演练",
    "people": "人员与职责",
    "risks": "风险点：类型、位置、受威胁户数人数、责任人、转移路线",
    "signals": "预警信号：什么信号、什么意思、谁发",
    "routes": "转移路线：从哪里、经过哪里、到哪个避险场所",
    "shelters": "避险场所",
    "help": "需要帮扶转移的人员",
    "supplies": "应急物资",
    "team": "应急志愿服务队",
    "contacts": "上级联络（单位值班电话和公共服务号码）",
    "threatened_households": "受威胁住户：户主、住址、电话、家庭成员、受哪些风险点威胁（个人信息，只印在内部版中）",
}
QUOTED_KEYS = {"phone"}  # always quoted: a number would lose its leading 0
FLOW_KEYS = {"answer", "cites", "audience"}  # questions: inline lists at any length
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`~][^\n]*$")
_FLOW_INDICATORS = set(",[]{}")  # end a plain scalar inside [a, b]
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\x85"}  # YAML reads them as new lines
_LOOKS_TYPED = re.compile(r"^(?:[-+]?\.?[0-9][0-9_.eE+-]*|true|false|True|False|TRUE|FALSE|null|Null|NULL|~|=|<<)$")


def scalar(value: object, key: str = "") -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if key in QUOTED_KEYS or not _is_plain(text):
        quoted = json.dumps(text, ensure_ascii=False)
        for char, escape in _LINE_BREAKS.items():
            quoted = quoted.replace(char, escape)
        return quoted
    return text


def _is_plain(text: str) -> bool:
    return (
        bool(_PLAIN.match(text))
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not _LOOKS_TYPED.match(text)
        and not _LINE_BREAKS.keys() & set(text)
    )


def _block_safe(text: str) -> bool:
    """A `|-` block keeps this text exactly: no line starts with a space, none is blank, no odd breaks."""
    lines = text.split("\n")
    return all(line.strip() and line[0] not in " \t" and line == line.rstrip() for line in lines) and not _LINE_BREAKS.keys() & set(text)


def _flow(items: list, key: str = "") -> str | None:
    """`[a, b]` for short lists of plain words (any length for FLOW_KEYS), else None (block style)."""
    short = key not in FLOW_KEYS
    if all(isinstance(i, str) and _is_plain(i) and not _FLOW_INDICATORS & set(i) and (_width(i) <= 24 or not short) for i in items):
        line = "[" + ", ".join(scalar(item) for item in items) + "]"
        if _width(line) <= 80 or not short:
            return line
    return None


def _width(text: str) -> int:
    """Display width: a Chinese character takes two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _emit(key: str, value: object, indent: int, out: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    prefix = first_prefix if first_prefix is not None else pad
    if isinstance(value, dict):
        out.append(f"{prefix}{key}:")
        emit_mapping(value, indent + 2, out)
    elif isinstance(value, list):
        flow = _flow(value, key) if all(not isinstance(i, (dict, list)) for i in value) else None
        if flow is not None:
            out.append(f"{prefix}{key}: {flow}")
            return
        out.append(f"{prefix}{key}:")
        for item in value:
            if isinstance(item, dict):
                emit_mapping(item, indent + 4, out, first_prefix=" " * (indent + 2) + "- ")
            else:
                out.append(f"{pad}  - {scalar(item)}")
    elif isinstance(value, str) and "\n" in value and _block_safe(value):
        out.append(f"{prefix}{key}: |-")
        out.extend(f"{pad}  {line}" for line in value.split("\n"))
    else:
        out.append(f"{prefix}{key}: {scalar(value, key)}")


def emit_mapping(data: dict, indent: int, out: list[str], first_prefix: str | None = None) -> None:
    for n, (key, value) in enumerate(data.items()):
        _emit(key, value, indent, out, first_prefix if n == 0 else None)


def prune(value: object) -> object:
    """Drop None values and empty lists or maps: what is not there is not written."""
    if isinstance(value, dict):
        return {k: prune(v) for k, v in value.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


def dump_village(village: Village, township_name: str) -> str:
    data = prune(village.model_dump(mode="python", by_alias=True))
    header = f"# 一村一案：{township_name}{village.name}"
    if village.sample:
        header += "（示例：人名、电话和数字均为虚构）"
    out = [header]
    for key, value in data.items():
        if key in SECTION_TITLES:
            out.append("")
            out.append(f"# {SECTION_TITLES[key]}")
        _emit(key, value, 0, out)
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------- question banks


def question_data(question: Question) -> dict:
    """The keys a bank file writes: defaults (version 1, no group) left out, one answer as a scalar."""
    data = question.model_dump(exclude_none=True)
    if data.get("version") == 1:
        del data["version"]
    if len(data["answer"]) == 1:
        data["answer"] = data["answer"][0]
    return data


def question_block(question: Question) -> str:
    """`  - id: …` and its keys, as one item of the `questions:` list (no final newline)."""
    out: list[str] = []
    emit_mapping(question_data(question), 4, out, first_prefix="  - ")
    return "\n".join(out)


def bank_yaml(topic: str, questions: list[Question], source: str | None = None) -> str:
    head = f"# 由 yingji import-questions 从 {source} 导入；可直接编辑" if source else "# 题库"
    lines = [head, f"topic: {scalar(topic)}", "questions:"]
    lines += [question_block(q) for q in questions]
    return "\n".join(lines) + "\n"
