"""Exam papers drawn from a blueprint (quizzes/exams.yml), deterministically.

The random generator is seeded with the exam id, the seed and the copy number, so the same
seed always gives the same paper (and, with SOURCE_DATE_EPOCH, the same PDF bytes), while the
copies of one seed differ from each other. Questions are drawn from the bank in id order
(not file order), one per group at most; options are shuffled per copy and the answer letters
follow them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..content.knowledge import Knowledge
from ..presentation.documents import parse_subject
from ..content.examdraw import draw_parts, shortfalls
from ..content.models.exams import Exam
from ..content.models.questions import LETTERS, Question

NUMERALS = "一二三四五六七八九十"
TYPE_HINTS = {
    "判断": "正确的在括号内打“√”，错误的打“×”",
    "单选": "每题只有一个正确答案，将其字母填入括号内",
    "多选": "每题有两个或两个以上正确答案，将其字母填入括号内",
}


class PaperError(Exception):
    """The blueprint cannot be met by the bank (a content problem, exit code 1)."""


@dataclass(frozen=True)
class Drawn:
    question: Question
    options: tuple[tuple[str, str], ...]  # (letter shown, text), after shuffling
    answer: tuple[str, ...]  # letters shown, or ('正确',) / ('错误',)


def eligible(knowledge: Knowledge, exam: Exam) -> list[Question]:
    """The questions the exam may draw, in id order (not file order)."""
    wanted = {part.type for part in exam.parts}
    return sorted(
        (
            entry.question
            for entry in knowledge.questions.values()
            if entry.question.type in wanted and exam.admits(entry.question, entry.topic)
        ),
        key=lambda q: q.id,
    )


def draw(knowledge: Knowledge, exam: Exam, seed: int, copy: int) -> list[tuple[int, list[Drawn]]]:
    """[(index of the blueprint part, drawn questions)] — same arguments, same paper; never two
    questions of one group (content/examdraw.py)."""
    rng = random.Random(f"{exam.id}/{seed}/{copy}")
    pool = eligible(knowledge, exam)
    parts = draw_parts(exam, pool, rng)
    if parts is None:
        reasons = "；".join(
            f"要求 {s.needed} 道{'、'.join(s.types)}题，题库中符合条件的只有 {s.groups} 道（同组的题只算一道）"
            for s in shortfalls(exam, pool)
        )
        raise PaperError(f"考试方案“{exam.title}”{reasons}")
    return [(index, [_shuffle_options(rng, q) for q in questions]) for index, questions in enumerate(parts)]


def _shuffle_options(rng: random.Random, question: Question) -> Drawn:
    if not question.options:
        return Drawn(question, (), tuple(question.answer))
    original = list(question.options)
    order = original[:]
    rng.shuffle(order)
    shown = {old: LETTERS[i] for i, old in enumerate(order)}
    options = tuple((LETTERS[i], question.options[old]) for i, old in enumerate(order))
    return Drawn(question, options, tuple(sorted(shown[a] for a in question.answer)))


def stem_parts(stem: str) -> dict:
    """The stem split so that its last characters and the answer brackets never part at a line end."""
    blank = "（　）" not in stem and "（ ）" not in stem
    return {"stem": stem[:-2], "stem_end": stem[-2:], "blank": blank}


def paper_view(knowledge: Knowledge, subject: str, *, key: bool) -> dict:
    from .views import basis, option_layout

    exam_id, seed, copy = parse_subject(subject)
    exam = knowledge.exams[exam_id]
    number, parts = 0, []
    for index, drawn in draw(knowledge, exam, seed, copy):
        blueprint = exam.parts[index]
        questions = []
        for item in drawn:
            number += 1
            stem = item.question.stem
            questions.append(
                {
                    "number": number,
                    "type": blueprint.type,
                    **stem_parts(stem),
                    "options": item.options,
                    "layout": option_layout(item.options),
                    "answer": "、".join(item.answer) if blueprint.type != "判断" else ("√" if item.answer[0] == "正确" else "×"),
                    "grid": "".join(item.answer) if blueprint.type != "判断" else ("√" if item.answer[0] == "正确" else "×"),
                    "explanation": item.question.explanation,
                    "cites": basis(knowledge, item.question),
                }
            )
        points = blueprint.points
        parts.append(
            {
                "heading": f"{NUMERALS[len(parts)]}、{blueprint.type}题",
                "rule": f"共 {blueprint.count} 题，每题 {points:g} 分，共 {blueprint.count * points:g} 分",
                "hint": TYPE_HINTS[blueprint.type],
                "questions": questions,
            }
        )
    return {
        "key": key,
        "exam_title": exam.title,
        "copy": copy,
        "seed": seed,
        "paper_code": f"{seed}-{copy}",
        "time_limit": exam.time_limit_minutes,
        "total": f"{exam.total_points:g}",
        "pass_mark": f"{exam.pass_mark:g}",
        "multi_scoring": exam.multi_scoring if any(p.type == "多选" for p in exam.parts) else None,
        "note": exam.note,
        "parts": parts,
    }
