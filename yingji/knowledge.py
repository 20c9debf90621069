"""The validated content as one read-only graph that the site and print stages share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .models.exams import Exam
from .models.glossary import Term
from .models.laws import Article, Law
from .models.plan import Plan, Section, Task
from .models.questions import Question, Topic
from .models.units import Unit


@dataclass(frozen=True)
class ArticleEntry:
    id: str
    law: Law
    article: Article


@dataclass(frozen=True)
class QuestionEntry:
    question: Question
    topic: str  # topic id of the bank it came from

    @property
    def id(self) -> str:
        return self.question.id


@dataclass(frozen=True)
class Knowledge:
    plan: Plan
    units: dict[str, Unit]
    laws: dict[str, Law] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    questions: dict[str, QuestionEntry] = field(default_factory=dict)
    exams: dict[str, Exam] = field(default_factory=dict)

    @cached_property
    def sections(self) -> dict[str, Section]:
        return {section.id: section for section in self.plan.sections}

    @cached_property
    def tasks(self) -> dict[str, Task]:
        return {task.id: task for task in self.plan.tasks}

    @cached_property
    def articles(self) -> dict[str, ArticleEntry]:
        return {
            law.article_id(article.number): ArticleEntry(law.article_id(article.number), law, article)
            for law in self.laws.values()
            for article in law.articles
        }

    @cached_property
    def cited_by(self) -> dict[str, list[str]]:
        """target id -> ids of the terms, questions and indicators that cite it, in a stable order."""
        index: dict[str, list[str]] = defaultdict(list)
        for term in self.terms.values():
            for source in term.sources:
                if source.article:
                    index[source.article].append(term.id)
            for task_id in term.tasks:
                index[task_id].append(term.id)
        for entry in self.questions.values():
            for ref in entry.question.cites:
                index[ref].append(entry.id)
        for indicator in self.plan.goals.indicators:
            for task_id in indicator.tasks:
                index[task_id].append(indicator.id)
        return {key: sorted(set(values)) for key, values in index.items()}

    def tasks_of_unit(self, unit_id: str) -> list[tuple[Task, str]]:
        """(task, role) for every task that names the unit."""
        return [(task, role.role) for task in self.plan.tasks for role in task.units if role.unit == unit_id]

    def counts(self) -> dict:
        """Counts of every entity: the content dashboard behind `yingji stats`."""
        by_type: dict[str, int] = {"判断": 0, "单选": 0, "多选": 0}
        for entry in self.questions.values():
            by_type[entry.question.type] += 1
        return {
            "sections": len(self.plan.sections),
            "tasks": len(self.tasks),
            "targets": sum(len(task.targets) for task in self.plan.tasks),
            "indicators": len(self.plan.goals.indicators),
            "units": len(self.units),
            "laws": len(self.laws),
            "articles": len(self.articles),
            "glossary_terms": len(self.terms),
            "topics": len(self.topics),
            "questions": len(self.questions),
            "questions_by_type": by_type,
            "exams": len(self.exams),
        }
