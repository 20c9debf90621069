"""索引 at the back of the 培训手册: every glossary term in 汉语拼音 order, with the page of its
entry and the pages of the tasks and articles that use it (page numbers are filled in by the
layout: the template links each anchor and prints its page)."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

from ..content.knowledge import Knowledge
from ..content.models.base import split_article_ref
from ..presentation.labels import article_title


def sort_key(text: str) -> tuple:
    """Digits and Latin first (as a Chinese index puts them), then by pinyin with tones."""
    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    return (0 if text[:1].isascii() else 1, syllables, text)


def _initial(text: str) -> str:
    return "0–9" if text[:1].isascii() else lazy_pinyin(text[:1], style=Style.FIRST_LETTER)[0].upper()


def _tasks(knowledge: Knowledge, term) -> list[dict]:
    """Tasks the glossary names for the term, and tasks whose text uses it, in plan order."""
    names = [term.term, *term.aliases]
    return [
        {"label": f"第{task.number}项", "anchor": task.id}
        for task in knowledge.plan.tasks
        if task.id in term.tasks or any(name in task.text or name in task.title for name in names)
    ]


def _articles(knowledge: Knowledge, term) -> list[dict]:
    """The articles the glossary gives as the term's source (all are printed in the handbook)."""
    found = []
    for source in term.sources:
        parsed = split_article_ref(source.article) if source.article else None
        if parsed and source.article in knowledge.articles:
            law = knowledge.laws[parsed[0]]
            found.append({"label": article_title(law.short_title, parsed[1]), "anchor": source.article.replace("#", "-")})
    return found


def book_index(knowledge: Knowledge) -> list[dict]:
    """[{'initial': 'S', 'entries': [{'term', 'anchor', 'tasks', 'articles'}]}] in pinyin order."""
    groups: list[dict] = []
    for term in sorted(knowledge.terms.values(), key=lambda t: sort_key(t.term)):
        initial = _initial(term.term)
        if not groups or groups[-1]["initial"] != initial:
            groups.append({"initial": initial, "entries": []})
        groups[-1]["entries"].append(
            {"term": term.term, "anchor": term.id, "tasks": _tasks(knowledge, term), "articles": _articles(knowledge, term)}
        )
    return groups
