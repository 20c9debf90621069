"""The quiz part of the site: index, one practice page per topic, one page per exam blueprint,
the 错题本与收藏, 考试记录 and 成绩单 pages, next to each practice/exam page its data as a small
script file, and the bank's index (bank.data.js) for the pages that show stored records.

The data is a script (`window.yingjiQuizData[...] = {...}`) rather than a .json file because
Chromium refuses fetch() from file:// and the site must work from a USB stick; the engine
loads it with a <script> element, which works from file://, over http and with instant
navigation. The JSON inside is compact and escaped so no content can end the script.
"""

from __future__ import annotations

from ..content.knowledge import Knowledge
from ..content.models.exams import Exam
from ..presentation.routes import RouteTable
from ..render import render, render_page
from . import data

TYPES = ("判断", "单选", "多选")
DATA_GLOBAL = "yingjiQuizData"


def data_script(key: str, payload: dict) -> str:
    return f"window.{DATA_GLOBAL}=window.{DATA_GLOBAL}||{{}};window.{DATA_GLOBAL}[{data.to_json(key)}]={data.to_json(payload)};\n"


def points_label(value: float) -> str:
    return f"{value:g}"


def type_counts(entries) -> dict[str, int]:
    counts = {qtype: 0 for qtype in TYPES}
    for entry in entries:
        counts[entry.question.type] += 1
    return counts


def exam_summary(exam: Exam) -> dict:
    return {
        "id": exam.id,
        "title": exam.title,
        "description": exam.description,
        "note": exam.note,
        "count": sum(part.count for part in exam.parts),
        "total": points_label(exam.total_points),
        "pass_mark": points_label(exam.pass_mark),
        "time": f"{exam.time_limit_minutes} 分钟" if exam.time_limit_minutes else "不限时",
        "multi_scoring": exam.multi_scoring,
        "has_multi": any(part.type == "多选" for part in exam.parts),
        "parts": [
            {
                "type": part.type,
                "count": part.count,
                "points": points_label(part.points),
                "subtotal": points_label(part.count * part.points),
            }
            for part in exam.parts
        ],
    }


def index_view(knowledge: Knowledge, routes: RouteTable) -> dict:
    page = routes.path("quiz")
    topics = []
    for topic in knowledge.topics.values():
        entries = data.topic_entries(knowledge, topic.id)
        if entries:
            topics.append({"id": topic.id, "title": topic.title, "count": len(entries), "types": type_counts(entries),
                           "href": routes.link(page, "practice", topic.id)})
    return {
        "topics": topics,
        "total": len(knowledge.questions),
        "types": type_counts(knowledge.questions.values()),
        "exams": [exam_summary(exam) | {"href": routes.link(page, "exam", exam.id)} for exam in knowledge.exams.values()],
        "review_href": routes.link(page, "quiz-review"),
        "records_href": routes.link(page, "quiz-records"),
        "bank_src": routes.path("quiz-bank"),
    }


def quiz_pages(knowledge: Knowledge, routes: RouteTable) -> dict[str, str]:
    """The quiz's pages and data scripts, as the route table plans them."""
    if not routes.generates("quiz"):
        return {}
    pages = dict([render_page(routes, "quiz", "", "quiz/index.md.j2", quiz=index_view(knowledge, routes))])
    bank_src = routes.path("quiz-bank")
    pages[bank_src] = data_script(bank_src, data.bank_data(knowledge, routes))
    for kind, template in (("quiz-review", "review"), ("quiz-records", "records"), ("quiz-scoresheet", "scoresheet")):
        path = routes.path(kind)
        pages[path] = render(f"quiz/{template}.md.j2", bank_src=bank_src, quiz_href=routes.link(path, "quiz"),
                             records_href=routes.link(path, "quiz-records"), review_href=routes.link(path, "quiz-review"))
    for route in routes.of_kind("practice"):
        topic = knowledge.topics[route.entity]
        entries = data.topic_entries(knowledge, topic.id)
        data_src = routes.path("practice-data", topic.id)
        view = {
            "id": topic.id,
            "title": topic.title,
            "description": topic.description,
            "count": len(entries),
            "types": type_counts(entries),
            "data_src": data_src,
            "data_url": routes.file_link(route.path, "practice-data", topic.id),
            "review_href": routes.link(route.path, "quiz-review"),
        }
        pages[route.path] = render("quiz/practice.md.j2", topic=view)
        pages[data_src] = data_script(data_src, data.topic_data(knowledge, topic.id, routes))
    for route in routes.of_kind("exam"):
        exam = knowledge.exams[route.entity]
        data_src = routes.path("exam-data", exam.id)
        pool = data.exam_pool(knowledge, exam)
        view = exam_summary(exam) | {"data_src": data_src, "data_url": routes.file_link(route.path, "exam-data", exam.id),
                                     "pool": len(pool), "grouped": any(e.question.group for e in pool)}
        pages.update([render_page(routes, "exam", exam.id, "quiz/exam.md.j2", exam=view)])
        pages[data_src] = data_script(data_src, data.exam_data(knowledge, exam, routes))
        review_src = routes.path("exam-review-data", exam.id)
        pages[review_src] = data_script(review_src, data.exam_review_data(knowledge, exam, routes))
    return pages
