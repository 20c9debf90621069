"""The validated content as one read-only graph that the site and print stages share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .models.addresses import Addresses
from .models.county import County
from .models.exams import Exam
from .models.glossary import Term
from .models.laws import Article, Law
from .models.plan import Plan, Section, Task
from .models.patterns import BankPatterns
from .models.plans import ContingencyPlan
from .models.questions import Question, Topic
from .models.search import SearchWords
from .models.units import Unit
from .models.villages import Township, Village


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
    county: County
    plan: Plan
    units: dict[str, Unit]
    laws: dict[str, Law] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    questions: dict[str, QuestionEntry] = field(default_factory=dict)
    exams: dict[str, Exam] = field(default_factory=dict)
    townships: dict[str, Township] = field(default_factory=dict)  # in the order of townships.yml
    villages: dict[str, Village] = field(default_factory=dict)  # 一村一案, each a 基层 plan node
    contingency_plans: dict[str, ContingencyPlan] = field(default_factory=dict)  # content/plans
    addresses: Addresses = field(default_factory=Addresses)  # published addresses and redirects
    patterns: BankPatterns | None = None  # quizzes/patterns.yml: what makes a question guessable
    service_numbers: dict[str, str] = field(default_factory=dict)  # 110 -> 报警 (content/service-numbers.yml)
    search_words: SearchWords = field(default_factory=SearchWords)  # content/search.yml: corrections

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
        """target id -> ids of the terms, questions, indicators and tasks that cite it, in a stable order."""
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
        for task in self.plan.tasks:
            for ref in task.basis:  # a law id or an article id: the law and the article list the task
                index[ref].append(task.id)
        return {key: sorted(set(values)) for key, values in index.items()}

    def tasks_of_unit(self, unit_id: str) -> list[tuple[Task, str]]:
        """(task, role) for every task that names the unit."""
        return [(task, role.role) for task in self.plan.tasks for role in task.units if role.unit == unit_id]

    def villages_of(self, township_id: str) -> list[Village]:
        return [v for v in self.villages.values() if v.township == township_id]

    @cached_property
    def plan_root(self) -> ContingencyPlan | None:
        """The county 总体应急预案 (the "1")."""
        return next((p for p in self.contingency_plans.values() if (p.level, p.kind) == ("县", "总体")), None)

    def township_plans(self, township_id: str) -> list[ContingencyPlan]:
        return [p for p in self.contingency_plans.values() if p.township == township_id]

    @cached_property
    def _township_overall(self) -> dict[str, str]:
        return {p.township: p.id for p in self.contingency_plans.values() if p.township and (p.level, p.kind) == ("乡镇", "总体")}

    def village_parent(self, village: Village) -> str | None:
        """Plan id a village plan hangs under: its township's 总体 plan, else the county one."""
        root = self.plan_root.id if self.plan_root else None
        return self._township_overall.get(village.township, root)

    @cached_property
    def plan_children(self) -> dict[str, list[str]]:
        """plan id -> ids of the plans and villages directly below it, in content order."""
        children: dict[str, list[str]] = defaultdict(list)
        township_order = {tid: n for n, tid in enumerate(self.townships)}
        kind_order = {"专项": 0, "部门": 1, "单位": 2, "总体": 3, "基层": 4}

        def order(plan: ContingencyPlan) -> tuple:  # 专项, 部门 before the townships, in townships.yml order
            return (plan.level != "县", township_order.get(plan.township or "", -1), kind_order[plan.kind])

        for plan in sorted(self.contingency_plans.values(), key=order):  # stable: content order within a group
            if plan.parent:
                children[plan.parent].append(plan.id)
        for village in self.villages.values():
            parent = self.village_parent(village)
            if parent:
                children[parent].append(village.id)
        return dict(children)

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
            **self._plan_counts(),
        }

    def _plan_counts(self) -> dict:
        by_level = {"县": 0, "乡镇": 0, "村": 0}
        by_kind = {"总体": 0, "专项": 0, "部门": 0, "单位": 0, "基层": 0}
        for plan in self.contingency_plans.values():
            by_level[plan.level] += 1
            by_kind[plan.kind] += 1
        by_level["村"] += len(self.villages)
        by_kind["基层"] += len(self.villages)
        return {
            "townships": len(self.townships),
            "villages": len(self.villages),
            "villages_by_kind": {kind: sum(1 for v in self.villages.values() if v.kind == kind) for kind in ("村", "社区")},
            "contingency_plans": len(self.contingency_plans) + len(self.villages),
            "contingency_plans_by_level": by_level,
            "contingency_plans_by_kind": by_kind,
        }
