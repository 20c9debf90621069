"""Plain data for the print templates of the plan documents: 培训手册 and 责任分工表.

Every decision about what to print and in which order is made here; the templates only loop
and print. Helpers shared with the other print views (article labels, citations) live here too.
"""

from __future__ import annotations

from ..content.knowledge import Knowledge
from ..content.models.plan import Task
from ..presentation.labels import article_label, before_label, cite_label, deadline_label, document_label, status_label
from .bookindex import book_index
from .imprint import imprint
from .plansystem import plan_system

ROLE_ORDER = ("牵头", "负责", "参与")
CHAPTER_NUMERALS = "一二三四五六七八九十"
INDEX_TITLE = "索　引"


def lines(text: str | None) -> list[str]:
    """Content text → paragraphs (one per non-empty line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def basis(knowledge: Knowledge, question) -> str | None:
    """依据 of an answer: the cited labels, or None when the explanation already names them all."""
    labels = [cite_label(knowledge, ref) for ref in question.cites]
    return None if all(label in question.explanation for label in labels) else "；".join(labels)


def task_heading(task: Task) -> str:
    return f"{task.number}．{task.title}"


def chapters(titles: list[str]) -> list[dict]:
    """['实施方案', …] → [{'id': 'ch1', 'label': '第一章', 'title': …}, …]."""
    return [
        {"id": f"ch{i}", "label": f"第{CHAPTER_NUMERALS[i - 1]}章", "title": title}
        for i, title in enumerate(titles, start=1)
    ]


def _task(knowledge: Knowledge, task: Task) -> dict:
    roles = {role: [knowledge.units[r.unit].name for r in task.units if r.role == role] for role in ROLE_ORDER}
    return {
        "id": task.id,
        "heading": task_heading(task),
        "paragraphs": lines(task.text),
        "units_text": task.units_text,
        "roles": [(role, "、".join(names)) for role, names in roles.items() if names],
        "deadline_text": task.deadline_text,
        "targets": [target.text for target in task.targets],
        "status": status_label(task),
        "terms": [knowledge.terms[t].term for t in knowledge.cited_by.get(task.id, []) if t in knowledge.terms],
    }


def plan_chapter(knowledge: Knowledge) -> dict:
    plan = knowledge.plan
    return {
        "notice_title": plan.notice_title,
        "recipients": plan.recipients,
        "notice": lines(plan.notice_text),
        "issuers": plan.issuers,
        "preamble": lines(plan.preamble),
        "guiding_ideology": lines(plan.guiding_ideology),
        "goals": lines(plan.goals.text),
        "indicators": [
            {
                "name": ind.name,
                "target": ind.target,
                "deadline": f"{ind.deadline.year}年底" if ind.deadline else f"{plan.goals.target_year}年",
                "tasks": "、".join(str(knowledge.tasks[t].number) for t in ind.tasks),
            }
            for ind in plan.goals.indicators
        ],
        "parts": _parts(knowledge),
    }


def _parts(knowledge: Knowledge) -> list[dict]:
    """三、重点任务 (sections with numbers) and 四、保障措施, as the plan itself orders them."""
    parts: list[dict] = []
    for section in knowledge.plan.sections:
        if not parts or parts[-1]["title"] != section.part:
            parts.append({"id": f"part-{len(parts) + 1}", "title": section.part, "sections": []})
        heading = f"（{section.number}）{section.title}" if section.number else None
        parts[-1]["sections"].append(
            {"id": section.id, "heading": heading, "tasks": [_task(knowledge, t) for t in section.tasks]}
        )
    return parts


def unit_rows(knowledge: Knowledge) -> list[dict]:
    """责任分工 by unit: every task that names the unit, with its role, in task order."""
    rows = []
    for unit in knowledge.units.values():
        tasks = [{"heading": task_heading(task), "role": role} for task, role in knowledge.tasks_of_unit(unit.id)]
        if tasks:
            rows.append({"name": unit.name, "full_name": unit.full_name, "tasks": tasks})
    return rows


def timeline(knowledge: Knowledge) -> list[dict]:
    """Tasks grouped by deadline: dated groups in date order, then 长期坚持."""
    groups: dict[str, list[Task]] = {}
    dated = sorted((t for t in knowledge.plan.tasks if t.deadline.date), key=lambda t: (t.deadline.date, t.number))
    for task in dated:
        groups.setdefault(before_label(task.deadline.date), []).append(task)
    ongoing = [t for t in knowledge.plan.tasks if not t.deadline.date]
    if ongoing:
        groups["长期坚持"] = ongoing
    return [
        {
            "title": title,
            "tasks": [
                {
                    "heading": task_heading(task),
                    "units": task.units_text,
                    "deadline": deadline_label(task.deadline),
                    "status": status_label(task),
                }
                for task in tasks
            ],
        }
        for title, tasks in groups.items()
    ]


def glossary(knowledge: Knowledge) -> list[dict]:
    return [  # in the order of glossary.yml: curated, from the guiding ideas to the details
        {
            "id": term.id,
            "term": term.term,
            "aliases": "、".join(term.aliases),
            "definition": term.definition,
            "entries": term.items,
            "sources": [
                cite_label(knowledge, s.article) if s.article else document_label(s.document, s.number)
                for s in term.sources
            ],
            "tasks": "、".join(f"第{knowledge.tasks[t].number}项" for t in term.tasks),
            "certainty": term.certainty,
            "note": term.note,
        }
        for term in knowledge.terms.values()
    ]


def laws(knowledge: Knowledge, articles: list[str] | None = None, *, highlight: str | None = None) -> list[dict]:
    """Laws with their articles (all, or the given ids), each article word for word."""
    wanted = set(articles) if articles is not None else None
    result = []
    for law in knowledge.laws.values():
        chosen = [a for a in law.articles if wanted is None or law.article_id(a.number) in wanted]
        if not chosen:
            continue
        result.append(
            {
                "id": law.id,
                "title": law.title,
                "short_title": law.short_title,
                "version": law.version,
                "status": law.status,
                "articles": _articles(law, chosen, highlight),
            }
        )
    return result


def _articles(law, chosen, highlight: str | None) -> list[dict]:
    out, chapter = [], None
    for article in chosen:
        heading = None
        if article.chapter and article.chapter != chapter:
            chapter = heading = article.chapter
        out.append(
            {
                "id": law.article_id(article.number).replace("#", "-"),
                "label": article_label(article.number),
                "chapter": heading,
                "paragraphs": lines(article.text),
                "summary": article.summary,
                "key": bool(highlight and highlight in article.tags),
            }
        )
    return out


def handbook(knowledge: Knowledge, profile: str = "public", site_url: str | None = None) -> dict:
    plan = knowledge.plan
    system = plan_system(knowledge)
    titles = ["实施方案全文", "责任分工", "时间表", *(["“1+N+X”应急预案体系"] if system else []), "术语解释", "相关法律法规条文"]
    keys = ["plan", "units", "timeline", *(["system"] if system else []), "glossary", "laws"]
    ch = dict(zip(keys, chapters(titles)))
    return {
        "title": "应急管理体系和能力建设培训手册",
        "cover_title": ["应急管理体系和能力建设", "培训手册"],
        "imprint": imprint(knowledge, profile, site_url),
        "county": knowledge.county.name,
        "plan_title": plan.title,
        "doc_number": plan.doc_number,
        "issuers": plan.issuers,
        "year": plan.year,
        "task_count": len(plan.tasks),
        "chapters": chapters(titles),
        "ch": ch,
        "captions": table_captions(ch, timeline(knowledge)),
        "toc": handbook_toc(knowledge, titles),
        "system": system,
        "plan": plan_chapter(knowledge),
        "units": unit_rows(knowledge),
        "timeline": timeline(knowledge),
        "glossary": glossary(knowledge),
        "laws": laws(knowledge),
        "index": book_index(knowledge),
        "counts": knowledge.counts(),
    }


def table_captions(ch: dict, groups: list[dict]) -> dict:
    """表 numbers and titles, numbered within each chapter (表 3-2: the second table of 第三章)."""
    number = {key: CHAPTER_NUMERALS.index(chapter["label"][1]) + 1 for key, chapter in ch.items()}
    captions = {
        "indicators": f"表 {number['plan']}-1　总体目标的主要指标",
        "units": f"表 {number['units']}-1　各单位承担的任务",
        "timeline": [f"表 {number['timeline']}-{i}　{group['title']}的任务" for i, group in enumerate(groups, 1)],
    }
    if "system" in number:
        captions["system"] = [f"表 {number['system']}-1　县级应急预案", f"表 {number['system']}-2　乡镇（街道）预案和“一村一案”"]
    return captions


def matrix(knowledge: Knowledge, profile: str = "public") -> dict:
    """责任分工表: units × tasks for the wall; each cell is the unit's role in the task."""
    tasks = knowledge.plan.tasks
    rows = []
    for unit in knowledge.units.values():
        cells = [next((r.role for r in task.units if r.unit == unit.id), "") for task in tasks]
        if any(cells):
            rows.append({"name": unit.name, "cells": cells, "count": sum(1 for cell in cells if cell)})
    return {
        "title": f"{knowledge.county.name}加强应急管理体系和能力建设责任分工表",
        "plan_title": knowledge.plan.title,
        "doc_number": knowledge.plan.doc_number,
        "imprint": imprint(knowledge, profile),
        "tasks": [
            {"number": t.number, "title": t.title, "deadline": t.deadline_text.replace("并长期坚持", "并长期")}
            for t in tasks
        ],
        "rows": rows,
    }


def handbook_toc(knowledge: Knowledge, titles: list[str]) -> list[dict]:
    """Entries of the table of contents: chapters, their main headings, every task."""
    ch = chapters(titles)
    toc = [{"level": 1, "id": ch[0]["id"], "title": f"{ch[0]['label']}　{ch[0]['title']}"}]
    toc += [{"level": 2, "id": "notice", "title": "印发通知"}, {"level": 2, "id": "guiding", "title": "一、指导思想"}]
    toc.append({"level": 2, "id": "goals", "title": "二、总体目标"})
    for index, part in enumerate(_parts(knowledge)):
        toc.append({"level": 2, "id": part["id"], "title": f"{'三四五六'[index]}、{part['title']}"})
        for section in part["sections"]:
            toc += [{"level": 3, "id": task["id"], "title": task["heading"]} for task in section["tasks"]]
    toc.append({"level": 1, "id": ch[1]["id"], "title": f"{ch[1]['label']}　{ch[1]['title']}"})
    toc.append({"level": 1, "id": ch[2]["id"], "title": f"{ch[2]['label']}　{ch[2]['title']}"})
    toc += [{"level": 2, "id": f"timeline-{i}", "title": group["title"]} for i, group in enumerate(timeline(knowledge), 1)]
    for chapter in ch[3:]:
        toc.append({"level": 1, "id": chapter["id"], "title": f"{chapter['label']}　{chapter['title']}"})
        if chapter["title"].endswith("预案体系"):
            toc += [{"level": 2, "id": "system-county", "title": "县级预案"}]
            toc += [{"level": 2, "id": "system-townships", "title": "乡镇（街道）预案和“一村一案”"}]
    toc += [{"level": 2, "id": law["id"], "title": f"《{law['title']}》"} for law in laws(knowledge)]
    toc.append({"level": 1, "id": "book-index", "title": INDEX_TITLE})
    return toc


def option_layout(options) -> str:
    """Short options share a line (4 or 2 to a line), as a typesetter lays out a paper."""
    if not options:
        return "cols-1"
    width = max(sum(0.55 if ord(ch) < 128 else 1 for ch in text) for _, text in options)
    return "cols-4" if width <= 8 else "cols-2" if width <= 18 else "cols-1"
