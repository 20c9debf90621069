"""Quiz data for the browser: questions with their citations resolved, one compact JSON per page.

The engine (theme_overrides/assets/yingji/quiz-*.js) reads this data from the page itself, so
the quizzes work from file:// where Chromium refuses fetch(). Citations are resolved once per
page into `refs` (many questions cite the same article), links are docs-relative Markdown paths
that the engine turns into the site's URLs.
"""

from __future__ import annotations

import json

from ..content.knowledge import Knowledge, QuestionEntry
from ..content.models.base import split_article_ref
from ..content.models.exams import Exam
from ..content.models.questions import Question
from ..presentation.labels import ref_title
from ..presentation.routes import RouteTable

# Longer article texts are cut here; the link leads to the whole article. An exam page carries
# its whole pool (every question it may draw), so its excerpts are shorter to keep it light.
PRACTICE_EXCERPT = 300
EXAM_EXCERPT = 150


def excerpt(text: str, limit: int) -> str:
    """The text up to `limit` characters; a cut never falls inside a 《title》."""
    text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if cut.rfind("《") > cut.rfind("》"):
        cut = cut[: cut.rfind("《")]
    return cut.rstrip() + "……"


def _docs_link(routes: RouteTable, kind: str, entity: str) -> str:
    """docs-relative path (and anchor) of a page: the engine turns it into the site's URL."""
    path, anchor = routes.target(kind, entity)
    return f"{path}#{anchor}" if anchor else path


def resolve_ref(knowledge: Knowledge, routes: RouteTable, ref: str, limit: int = PRACTICE_EXCERPT) -> dict:
    """A citation as the learner sees it: title, link (docs-relative .md path) and text."""
    if split_article_ref(ref):
        kind, text = "article", knowledge.articles[ref].article.text
    elif ref in knowledge.tasks:
        kind, text = "task", knowledge.tasks[ref].text
    else:
        kind, text = "term", knowledge.terms[ref].definition
    return {"title": ref_title(knowledge, ref), "url": _docs_link(routes, kind, ref), "text": excerpt(text, limit)}


def chapter_label(knowledge: Knowledge, ref: str) -> str | None:
    """'安全生产法 · 第三章 ……' for an article that has a chapter; None otherwise."""
    if not split_article_ref(ref):
        return None
    entry = knowledge.articles[ref]
    if not entry.article.chapter:
        return None
    return f"{entry.law.short_title} · {entry.article.chapter}"


def storage_key(question: Question) -> str:
    """The key the engine stores a learner's answers under: the id for version 1, `id~v2` from
    version 2 on, so answers given to an earlier wording never attach to the new one."""
    return question.id if question.version == 1 else f"{question.id}~v{question.version}"


def versioned_keys(entries: list[QuestionEntry]) -> str:
    """The storage keys of the questions past version 1, for pages that only read the records."""
    return " ".join(storage_key(e.question) for e in entries if e.question.version > 1)


def question_data(question: Question) -> dict:
    """The question as the engine needs it; 判断 has no options (正确/错误 are implied)."""
    data = {"id": question.id, "type": question.type, "stem": question.stem}
    if question.version > 1:
        data["key"] = storage_key(question)
    if question.options:
        data["options"] = dict(question.options)
    data["answer"] = list(question.answer)
    data["explanation"] = question.explanation
    data["cites"] = list(question.cites)
    return data


def practice_question(knowledge: Knowledge, question: Question, chapters: list[str]) -> dict:
    """question_data plus difficulty and the law chapters it rests on (indexes into `chapters`,
    which collects the page's chapter labels as they come)."""
    data = question_data(question)
    data["difficulty"] = question.difficulty
    indexes: list[int] = []
    for ref in question.cites:
        label = chapter_label(knowledge, ref)
        if label is None:
            continue
        if label not in chapters:
            chapters.append(label)
        if chapters.index(label) not in indexes:
            indexes.append(chapters.index(label))
    if indexes:
        data["ch"] = indexes
    return data


def refs_of(knowledge: Knowledge, routes: RouteTable, entries: list[QuestionEntry], limit: int = PRACTICE_EXCERPT) -> dict[str, dict]:
    refs: dict[str, dict] = {}
    for entry in entries:
        for ref in entry.question.cites:
            if ref not in refs:
                refs[ref] = resolve_ref(knowledge, routes, ref, limit)
    return refs


def topic_entries(knowledge: Knowledge, topic_id: str) -> list[QuestionEntry]:
    return [entry for entry in knowledge.questions.values() if entry.topic == topic_id]


def topic_data(knowledge: Knowledge, topic_id: str, routes: RouteTable) -> dict:
    entries = topic_entries(knowledge, topic_id)
    chapters: list[str] = []
    questions = [practice_question(knowledge, entry.question, chapters) for entry in entries]
    return {
        "kind": "practice",
        "id": topic_id,
        "title": knowledge.topics[topic_id].title,
        "page": routes.path("practice", topic_id),
        "chapters": _sorted_chapters(chapters, questions),
        "questions": questions,
        "refs": refs_of(knowledge, routes, entries),
    }


def _sorted_chapters(chapters: list[str], questions: list[dict]) -> list[str]:
    """Chapters in the order they come in the law (第一章 before 第三章), indexes remapped."""
    order = sorted(range(len(chapters)), key=lambda i: _chapter_key(chapters[i]))
    new_index = {old: new for new, old in enumerate(order)}
    for question in questions:
        if "ch" in question:
            question["ch"] = sorted(new_index[i] for i in question["ch"])
    return [chapters[i] for i in order]


def _chapter_key(label: str) -> tuple:
    from ..importers.law_text import chinese_to_int

    law, _, chapter = label.partition(" · ")
    numeral = chapter.removeprefix("第").split("章", 1)[0]
    try:
        number = chinese_to_int(numeral)
    except ValueError:
        number = 10_000
    return (law, number, chapter)


def exam_pool(knowledge: Knowledge, exam: Exam) -> list[QuestionEntry]:
    """The questions an exam draws from: its topics (all if none) and its audience."""
    wanted_types = {part.type for part in exam.parts}
    return [
        entry
        for entry in knowledge.questions.values()
        if entry.question.type in wanted_types and exam.admits(entry.question, entry.topic)
    ]


def blueprint(exam: Exam) -> dict:
    return {
        "time_limit_minutes": exam.time_limit_minutes,
        "pass_mark": exam.pass_mark,
        "total": exam.total_points,
        "multi_scoring": exam.multi_scoring,
        "parts": [{"type": part.type, "count": part.count, "points": part.points} for part in exam.parts],
        "note": exam.note,
    }


def exam_data(knowledge: Knowledge, exam: Exam, routes: RouteTable) -> dict:
    pool = exam_pool(knowledge, exam)
    return {
        "kind": "exam",
        "id": exam.id,
        "title": exam.title,
        "page": routes.path("exam", exam.id),
        "exam": blueprint(exam),
        "questions": [_with_group(question_data(entry.question), entry.question) for entry in pool],
        "refs": refs_of(knowledge, routes, pool, EXAM_EXCERPT),
    }


def _with_group(data: dict, question: Question) -> dict:
    """An exam draws one question per group at most (quiz-exam.js drawParts)."""
    return {**data, "group": question.group} if question.group else data


def to_json(data: dict) -> str:
    """Compact JSON safe to embed in a <script> element: `<`, `>` and `&` are escaped, so a
    `</script>` in a question can neither end the element nor become markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
