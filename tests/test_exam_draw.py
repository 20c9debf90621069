"""Exam draws honour groups (questions on one fact): never two of a group in one paper, and the
check that an exam has enough questions counts groups. Python (printed papers, content check)
and the browser engine's drawParts (quiz-logic.js) are tested on the same cases."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest

from yingji.content import load_knowledge
from yingji.content.examdraw import Shortfall, draw_parts, group_key, shortfalls
from yingji.content.models.exams import Exam
from yingji.content.models.questions import Question
from yingji.print.paper import draw

REPO = Path(__file__).resolve().parent.parent
ASSETS = REPO / "theme_overrides" / "assets" / "yingji"


def question(qid: str, qtype: str, group: str | None = None) -> Question:
    data = {"id": qid, "type": qtype, "stem": f"题干 {qid}", "explanation": "解析。", "cites": ["t01"],
            "audience": ["主要负责人"], "difficulty": 1, "group": group}
    if qtype == "判断":
        return Question.model_validate({**data, "answer": "正确"})
    return Question.model_validate({**data, "options": {"A": "甲", "B": "乙"}, "answer": "A"})


def exam(*parts: tuple[str, int]) -> Exam:
    return Exam.model_validate({
        "id": "t", "title": "测试", "description": "测试。", "audience": ["主要负责人"], "pass_mark": 1,
        "parts": [{"type": qtype, "count": count, "points": 1} for qtype, count in parts],
    })


# A group on one fact asked as 判断 and as 单选; the only other 单选 stands alone. The parts come
# 单选 first, so taking the group for 单选 would leave 判断 empty: it has to be moved.
CROSS_POOL = [question("q-pd", "判断", "g"), question("q-dx", "单选", "g"), question("q-dx2", "单选")]
CROSS_EXAM = exam(("单选", 1), ("判断", 1))


def test_a_group_spanning_types_is_moved_to_make_room():
    for seed in range(40):
        parts = draw_parts(CROSS_EXAM, CROSS_POOL, random.Random(seed))
        assert [[q.id for q in part] for part in parts] == [["q-dx2"], ["q-pd"]]


def test_the_check_counts_groups_not_questions():
    same = [question(f"s-{n}", "单选", "g") for n in range(3)] + [question("s-x", "单选")]
    assert shortfalls(exam(("单选", 2)), same) == []
    assert shortfalls(exam(("单选", 3)), same) == [Shortfall(("单选",), needed=3, groups=2, questions=4)]
    # each type alone has enough, both together do not: one group serves only one of them
    pool = [question("q-pd", "判断", "g"), question("q-dx", "单选", "g")]
    assert shortfalls(exam(("判断", 1), ("单选", 1)), pool) == [Shortfall(("判断", "单选"), needed=2, groups=1, questions=2)]
    assert draw_parts(exam(("判断", 1), ("单选", 1)), pool, random.Random(1)) is None
    assert shortfalls(CROSS_EXAM, CROSS_POOL) == []


@pytest.fixture(scope="module")
def grouped_knowledge():
    """The default bank with most questions put into groups of three (within and across types)."""
    knowledge = load_knowledge(REPO)[0]
    entries = sorted(knowledge.questions.values(), key=lambda e: e.id)
    grouped = {}
    for n, entry in enumerate(entries):
        group = f"g-{n // 3}" if n % 5 else None  # every fifth question stays alone
        grouped[entry.id] = dataclasses.replace(entry, question=entry.question.model_copy(update={"group": group}))
    return dataclasses.replace(knowledge, questions=grouped)


def test_seeded_papers_never_hold_two_questions_of_a_group(grouped_knowledge):
    exam = grouped_knowledge.exams["zhuyao-fuzeren-moni"]
    pool = [e.question for e in grouped_knowledge.questions.values() if exam.admits(e.question, e.topic)]
    assert shortfalls(exam, pool) == []
    for seed in range(25):
        paper = draw(grouped_knowledge, exam, seed, 1)
        drawn = [item.question for _, items in paper for item in items]
        assert len({group_key(q) for q in drawn}) == len(drawn) == sum(p.count for p in exam.parts)
        assert [len(items) for _, items in paper] == [p.count for p in exam.parts]
    first = [item.question.id for _, items in draw(grouped_knowledge, exam, 3, 1) for item in items]
    assert first == [item.question.id for _, items in draw(grouped_knowledge, exam, 3, 1) for item in items]


@pytest.mark.browser
def test_the_browser_engine_draws_the_same_way(page):
    """drawParts of quiz-logic.js on the cases above, 200 random draws each."""
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=(ASSETS / "quiz-logic.js").read_text("utf-8"))
    as_data = lambda pool: [{"id": q.id, "type": q.type, **({"group": q.group} if q.group else {})} for q in pool]  # noqa: E731
    parts = lambda e: [{"type": p.type, "count": p.count} for p in e.parts]  # noqa: E731
    script = """([parts, pool]) => {
      const out = [];
      for (let i = 0; i < 200; i++) {
        const drawn = window.yingjiQuizLogic.drawParts(parts, pool);
        out.push(drawn && drawn.map(part => part.map(q => q.id)));
      }
      return out;
    }"""
    cross = page.evaluate(script, [parts(CROSS_EXAM), as_data(CROSS_POOL)])
    assert all(draw == [["q-dx2"], ["q-pd"]] for draw in cross)
    short = page.evaluate(script, [[{"type": "判断", "count": 1}, {"type": "单选", "count": 1}], as_data(CROSS_POOL[:2])])
    assert short == [None] * 200
    pool = [question(f"q-{n}", "单选" if n % 2 else "判断", f"g-{n // 4}" if n % 3 else None) for n in range(40)]
    many = page.evaluate(script, [[{"type": "判断", "count": 6}, {"type": "单选", "count": 6}], as_data(pool)])
    groups = {q.id: group_key(q) for q in pool}
    for draw in many:
        ids = [qid for part in draw for qid in part]
        assert [len(part) for part in draw] == [6, 6] and len({groups[i] for i in ids}) == 12
    assert len({json.dumps(d) for d in many}) > 50  # and it is random


def test_the_exam_page_and_its_data_carry_the_groups(grouped_knowledge):
    from conftest import all_pages

    pages = all_pages(grouped_knowledge)
    assert "（考同一知识点的一组题只抽其中一道）" in pages["quiz/exam/zhuyao-fuzeren-moni.md"]
    data = pages["quiz/exam/zhuyao-fuzeren-moni.data.js"]
    assert '"group":"g-0"' in data and '"group":null' not in data
