"""Plain data for the 主要负责人应知应会手册: law essentials, practice questions, answers at the back.

The articles are those that the questions for 主要负责人 cite, plus those tagged 主要负责人:
what the exam rests on. The questions are numbered through the whole book so that the answer
key at the back can be found by number alone (answers never sit beside the questions).
"""

from __future__ import annotations

from ..content.knowledge import Knowledge
from .paper import stem_parts
from .imprint import imprint
from .views import basis, chapters, laws, option_layout

AUDIENCE = "主要负责人"


def _questions(knowledge: Knowledge) -> list[tuple[str, list]]:
    """[(topic title, [question entries])] in the order of topics.yml, questions in bank order."""
    grouped = []
    for topic in knowledge.topics.values():
        entries = [e for e in knowledge.questions.values() if e.topic == topic.id and AUDIENCE in e.question.audience]
        if entries:
            grouped.append((topic, entries))
    return grouped


def essential_articles(knowledge: Knowledge) -> list[str]:
    cited = {ref for _, entries in _questions(knowledge) for e in entries for ref in e.question.cites}
    tagged = {article_id for article_id, entry in knowledge.articles.items() if AUDIENCE in entry.article.tags}
    return sorted((cited | tagged) & set(knowledge.articles))


def exam_prep(knowledge: Knowledge, profile: str = "public", site_url: str | None = None) -> dict:
    titles = ["应知应会法律条文", "练习题", "参考答案与解析"]
    ch = chapters(titles)
    number, topics = 0, []
    for topic, entries in _questions(knowledge):
        questions = []
        for entry in entries:
            number += 1
            q = entry.question
            answer = "、".join(q.answer) if q.type != "判断" else ("√（正确）" if q.answer[0] == "正确" else "×（错误）")
            questions.append(
                {
                    "number": number,
                    "type": q.type,
                    **stem_parts(q.stem),
                    "options": list(q.options.items()) if q.options else [],
                    "layout": option_layout(list(q.options.items()) if q.options else []),
                    "answer": answer,
                    "explanation": q.explanation,
                    "cites": basis(knowledge, q),
                }
            )
        topics.append(
            {
                "id": f"topic-{topic.id}",
                "key_id": f"key-{topic.id}",
                "title": topic.title,
                "range": f"第 {questions[0]['number']}—{questions[-1]['number']} 题",
                "questions": questions,
            }
        )
    law_list = laws(knowledge, essential_articles(knowledge), highlight=AUDIENCE)
    exam = next((e for e in knowledge.exams.values() if AUDIENCE in e.audience), None)  # the exam this book prepares for
    toc = [{"level": 1, "id": ch[0]["id"], "title": f"{ch[0]['label']}　{ch[0]['title']}"}]
    toc += [{"level": 2, "id": f"law-{law['id']}", "title": f"《{law['title']}》"} for law in law_list]
    toc.append({"level": 1, "id": ch[1]["id"], "title": f"{ch[1]['label']}　{ch[1]['title']}"})
    toc += [{"level": 2, "id": t["id"], "title": t["title"]} for t in topics]
    toc.append({"level": 1, "id": ch[2]["id"], "title": f"{ch[2]['label']}　{ch[2]['title']}"})
    toc += [{"level": 2, "id": t["key_id"], "title": t["title"]} for t in topics]
    return {
        "title": "主要负责人应知应会手册",
        "cover_title": ["企业主要负责人", "应知应会手册"],
        "imprint": imprint(knowledge, profile, site_url),
        "county": knowledge.county.name,
        "chapters": ch,
        "toc": toc,
        "laws": law_list,
        "article_count": sum(len(law["articles"]) for law in law_list),
        "basis": f"《{law_list[0]['title']}》等 {len(law_list)} 部法律法规" if law_list else "",
        "key_count": sum(1 for law in law_list for a in law["articles"] if a["key"]),
        "topics": topics,
        "question_count": number,
        "exam": {
            "title": exam.title,
            "minutes": exam.time_limit_minutes,
            "total": f"{exam.total_points:g}",
            "pass_mark": f"{exam.pass_mark:g}",
            "parts": [f"{p.type}题 {p.count} 道（每题 {p.points:g} 分）" for p in exam.parts],
            "note": exam.note,
        }
        if exam
        else None,
    }
