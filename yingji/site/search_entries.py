"""What the search knows beyond the pages' text: the names of terms, units, laws, articles, tasks,
places and plans (with their pinyin), the practice questions, and the correction list.

The site stage writes them to docs/.search-entries.json (a dotfile: mkdocs does not publish it);
the mkdocs hook hooks/yingji_search.py joins them with the text of the built pages into the
index the browser searches (yingji/site/search_index.py). Every address comes from the route
table, so a search result opens exactly the page, anchor or practice question that exists.
"""

from __future__ import annotations

import json

from ..content.knowledge import Knowledge
from ..presentation.labels import chinese_number
from ..presentation.routes import RouteTable
from .pinyin import homophone_table, name_syllables

ENTRIES_FILE = ".search-entries.json"  # in docs/
PRC = "中华人民共和国"


def _entry(routes: RouteTable, kind: str, route: tuple[str, str], names: list[str], **extra) -> dict | None:
    if not routes.has(*route):
        return None
    names = [name for name in dict.fromkeys(names) if name]
    return {"url": routes.url(*route), "kind": kind, "names": names,
            "pinyin": [name_syllables(name) or "" for name in names], **extra}


def law_names(law) -> list[str]:
    return [law.title, law.short_title, law.title.removeprefix(PRC)]


def _named(knowledge: Knowledge, routes: RouteTable):
    for term in knowledge.terms.values():
        yield _entry(routes, "term", ("term", term.id), [term.term, *term.aliases])
    for unit in knowledge.units.values():
        yield _entry(routes, "unit", ("unit", unit.id), [unit.name, *unit.aliases, unit.full_name])
    for law in knowledge.laws.values():
        yield _entry(routes, "law", ("law", law.id), law_names(law))
    for article_id, entry in knowledge.articles.items():
        label = f"第{chinese_number(entry.article.number)}条"
        names = [name + label for name in law_names(entry.law)] + [label]
        yield _entry(routes, "article", ("article", article_id), names)
    for task in knowledge.plan.tasks:
        yield _entry(routes, "task", ("task", task.id), [task.title])
    for township in knowledge.townships.values():
        yield _entry(routes, "township", ("township", township.id), [township.name])
    for village in knowledge.villages.values():
        township = knowledge.townships.get(village.township)
        names = [village.name] + ([township.name + village.name] if township else [])
        yield _entry(routes, "village", ("village", village.id), names)
    for plan in knowledge.contingency_plans.values():
        yield _entry(routes, "plan", ("contingency-plan", plan.id), [plan.title])


def _questions(knowledge: Knowledge, routes: RouteTable):
    """One entry per question: found by its stem, opened in practice (搜题)."""
    for entry in knowledge.questions.values():
        question = entry.question
        if routes.has("question", question.id):
            yield {"url": routes.url("question", question.id), "kind": "question", "names": [],
                   "pinyin": [], "title": f"{question.type}题", "text": question.stem}


def search_entries(knowledge: Knowledge, routes: RouteTable) -> dict:
    entries = [e for e in _named(knowledge, routes) if e] + list(_questions(knowledge, routes))
    names = [name for entry in entries for name in entry["names"]]
    corrections = [[c.wrong, c.right] for c in knowledge.search_words.corrections]
    return {"entries": entries, "corrections": corrections, "homophones": homophone_table(names)}


def entries_file(knowledge: Knowledge, routes: RouteTable) -> dict[str, str]:
    data = search_entries(knowledge, routes)
    return {ENTRIES_FILE: json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))}
