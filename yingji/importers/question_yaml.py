"""Write a question bank as YAML in the style of the hand-written banks in quizzes/."""

from __future__ import annotations

import json

import yaml

_FLOW_UNSAFE = set(",[]{}#&*!|>'\"%@`")


def scalar(value) -> str:
    """One YAML scalar on one line, quoted only where YAML needs it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # PyYAML quotes whatever YAML 1.1 would not read back as this string (numbers, yes/no,
    # dates…): a superset of what yingji's stricter loader needs.
    return yaml.safe_dump(str(value), allow_unicode=True, width=10**6).removesuffix("\n...\n").strip()


def flow_item(value) -> str:
    text = scalar(value)
    if any(c in _FLOW_UNSAFE for c in text) and not text.startswith(("'", '"')):
        return json.dumps(str(value), ensure_ascii=False)
    return text


def flow_list(values) -> str:
    return "[" + ", ".join(flow_item(v) for v in values) + "]"


def text_lines(key: str, value: str, indent: str) -> list[str]:
    if "\n" in value:
        return [f"{indent}{key}: |-", *(f"{indent}  {line}" for line in value.split("\n"))]
    return [f"{indent}{key}: {scalar(value)}"]


def question_lines(question: dict) -> list[str]:
    lines = [f"  - id: {scalar(question['id'])}", f"    type: {question['type']}"]
    lines += text_lines("stem", question["stem"], "    ")
    if question.get("options"):
        lines.append("    options:")
        for letter, text in question["options"].items():
            lines += text_lines(letter, text, "      ")
    answer = question["answer"]
    lines.append(f"    answer: {scalar(answer[0]) if len(answer) == 1 else flow_list(answer)}")
    lines += text_lines("explanation", question["explanation"], "    ")
    lines.append(f"    cites: {flow_list(question['cites'])}")
    lines.append(f"    audience: {flow_list(question['audience'])}")
    lines.append(f"    difficulty: {question['difficulty']}")
    if question.get("group"):
        lines.append(f"    group: {scalar(question['group'])}")
    if question.get("version", 1) > 1:
        lines.append(f"    version: {question['version']}")
    return lines


def bank_yaml(topic: str, questions: list[dict], source: str | None = None) -> str:
    lines = [f"# 由 yingji import-questions 从 {source} 导入；可直接编辑" if source else "# 题库", f"topic: {scalar(topic)}", "questions:"]
    for question in questions:
        lines += question_lines(question)
    return "\n".join(lines) + "\n"
