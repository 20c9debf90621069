"""The quiz part of the site: index, one practice page per topic, one page per exam blueprint,
the 错题本与收藏 page, and next to each practice/exam page its data as a small script file.

The data is a script (`window.yingjiQuizData[...] = {...}`) rather than a .json file because
Chromium refuses fetch() from file:// and the site must work from a USB stick; the engine
loads it with a <script> element, which works from file://, over http and with instant
navigation. The JSON inside is compact and escaped so no content can end the script.
"""

from __future__ import annotations

from ..content.knowledge import Knowledge
from ..content.models.exams import Exam
from ..render import render
from . import data

TYPES = ("判断", "单选", "多选")
DATA_GLOBAL = "yingjiQuizData"


def data_path(page: str) -> str:
    """quiz/practice/x.md -> quiz/practice/x.data.js (docs-relative, also the data's key)."""
    return page.removesuffix(".md") + ".data.js"


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


def index_view(knowledge: Knowledge) -> dict:
    topics = []
    for topic in knowledge.topics.values():
        entries = data.topic_entries(knowledge, topic.id)
        if entries:
            topics.append({"id": topic.id, "title": topic.title, "count": len(entries), "types": type_counts(entries)})
    return {
        "topics": topics,
        "total": len(knowledge.questions),
        "types": type_counts(knowledge.questions.values()),
        "exams": [exam_summary(exam) for exam in knowledge.exams.values()],
    }


def quiz_pages(knowledge: Knowledge, profile: str) -> dict[str, str]:
    if not knowledge.questions:
        return {}
    pages = {
        "quiz/index.md": render("quiz/index.md.j2", quiz=index_view(knowledge)),
        "quiz/review.md": render("quiz/review.md.j2"),
    }
    for topic in knowledge.topics.values():
        entries = data.topic_entries(knowledge, topic.id)
        if not entries:
            continue
        page = data.practice_page(topic.id)
        view = {
            "id": topic.id,
            "title": topic.title,
            "description": topic.description,
            "count": len(entries),
            "types": type_counts(entries),
            "data_src": data_path(page),
        }
        pages[page] = render("quiz/practice.md.j2", topic=view)
        pages[data_path(page)] = data_script(data_path(page), data.topic_data(knowledge, topic.id))
    for exam in knowledge.exams.values():
        page = data.exam_page(exam.id)
        view = exam_summary(exam) | {"data_src": data_path(page), "pool": len(data.exam_pool(knowledge, exam))}
        pages[page] = render("quiz/exam.md.j2", exam=view)
        pages[data_path(page)] = data_script(data_path(page), data.exam_data(knowledge, exam))
    return pages
