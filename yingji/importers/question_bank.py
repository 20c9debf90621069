"""A question bank file as it stands, edited in place: only the lines of the questions an import
changes are rewritten, new questions go after the last one, every other line stays as it was.
New ids continue the topic's own numbering (aqsc-120 → aqsc-121).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.kinds import KINDS
from ..content.load import load_file
from ..content.models.questions import Question
from ..diagnostics import Collector
from .yaml_writer import question_block

if TYPE_CHECKING:
    from .question_import import ImportResult


@dataclass
class Bank:
    """The bank file as it is: its questions, and the lines each one takes in the text."""

    text: str
    questions: list[Question]
    spans: list[tuple[int, int]]  # [start, end) line of each question
    indent: int  # columns before the "-" of an item


def read_bank(out: Path, display: str) -> tuple[Bank | None, list[str]]:
    """(bank, problems); (None, []) when there is no bank file yet."""
    if not out.exists():
        return None, []
    collector = Collector()
    kind = next(k for k in KINDS if k.name == "questions")
    loaded = load_file(out, display, kind, collector)
    if loaded is None:
        return None, [p.format() for p in collector.problems] + [f"{display}: 现有题库文件有错误，请先修正（yingji check）再导入"]
    questions = list(loaded.model.questions)
    text = out.read_text("utf-8")
    if not questions:
        return Bank(text, [], [], 2), []
    lines = text.split("\n")
    starts = [loaded.doc.location(("questions", i)).line - 1 for i in range(len(questions))]
    end = next((n for n in range(starts[-1] + 1, len(lines)) if lines[n][:1] not in ("", " ", "#", "-")), len(lines))
    bounds = [*starts[1:], end]
    spans = [(start, _trim(lines, start, stop)) for start, stop in zip(starts, bounds)]
    first = lines[starts[0]]
    return Bank(text, questions, spans, len(first) - len(first.lstrip(" "))), []


def _trim(lines: list[str], start: int, stop: int) -> int:
    """The end of a question's lines: blank lines and comments before the next one are not its own."""
    while stop > start + 1 and (not lines[stop - 1].strip() or lines[stop - 1].lstrip().startswith("#")):
        stop -= 1
    return stop


def _block(question: Question, indent: int) -> list[str]:
    shift = indent - 2
    lines = question_block(question).split("\n")
    return [(" " * shift + line) if shift >= 0 else line[-shift:] for line in lines]


def merged_text(bank: Bank, replaced: dict[int, Question], added: list[Question]) -> str:
    """The bank's text with questions `replaced` (index -> new) and `added` after the last one."""
    lines = bank.text.split("\n")
    out: list[str] = []
    position = 0
    for index, (start, stop) in enumerate(bank.spans):
        out += lines[position:start]
        out += _block(replaced[index], bank.indent) if index in replaced else lines[start:stop]
        position = stop
    for question in added:
        out += _block(question, bank.indent)
    out += lines[position:]
    return "\n".join(out)


def id_scheme(questions: list[Question], topic: str) -> tuple[str, int, int]:
    """(prefix, width, last number) of the topic's own ids: aqsc-120 -> ("aqsc-", 3, 120)."""
    numbered = [m for q in questions if (m := re.match(r"^(.*?-)(\d+)$", q.id))]
    if not numbered:
        return f"{topic}-", 3, 0
    prefixes = [m.group(1) for m in numbered]
    prefix = max(sorted(set(prefixes)), key=prefixes.count)
    mine = [m for m in numbered if m.group(1) == prefix]
    return prefix, max(len(m.group(2)) for m in mine), max(int(m.group(2)) for m in mine)


def give_ids(result: ImportResult, existing: list[Question], topic: str, taken: set[str]) -> None:
    """Rows without 编号: the existing question with the same 题干, else the next id of the topic."""
    by_stem = {q.stem: q.id for q in existing}
    prefix, width, last = id_scheme(existing, topic)
    for index, question in enumerate(result.questions):
        if result.numbered[index]:
            continue
        qid = by_stem.get(question.stem)
        if qid is None:
            last += 1
            while f"{prefix}{last:0{width}d}" in taken:
                last += 1
            qid = f"{prefix}{last:0{width}d}"
        taken.add(qid)
        result.questions[index] = question.model_copy(update={"id": qid})
