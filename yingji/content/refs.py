"""Stage 2: cross-references. Every id is defined once; every reference resolves.

The files that loaded are checked even when others have format errors, so every mistake is
reported at once; a reference that may point into a file that failed to load is not called
dangling (unparsed.py). The result is the Knowledge graph, built only when there is no error
at all.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass

from . import planrefs, searchwords
from .bankcheck import check_bank_patterns
from .examdraw import Shortfall, shortfalls
from ..diagnostics import Collector, Location, format_key_path
from .knowledge import Knowledge, QuestionEntry
from .load import LoadedFile
from .models.addresses import Addresses
from .models.search import SearchWords
from .models.base import is_article_ref
from .unparsed import FailedFile, Unknowns

KIND_NAMES = {
    "plan": "方案",
    "section": "部分",
    "task": "任务",
    "target": "任务目标",
    "indicator": "指标",
    "unit": "单位",
    "law": "法规",
    "article": "条文",
    "term": "术语",
    "topic": "题库主题",
    "question": "试题",
    "exam": "考试方案",
    "township": "乡镇（街道）",
    "contingency_plan": "应急预案",
    "village": "村（社区）",
}


@dataclass(frozen=True)
class Definition:
    kind: str
    file: LoadedFile
    path: tuple

    @property
    def location(self) -> Location:  # computed only for error messages
        return self.file.location(*self.path)


# Topics name question banks after the law they drill (topic `xiaofang-fa` for law
# `xiaofang-fa`), so they get a namespace of their own; every other id names exactly one thing.
SEPARATE_NAMESPACES = {"topic": "topic:"}


class IdRegistry:
    """The ids of the project; an id names exactly one thing within its namespace."""

    def __init__(self, collector: Collector, unknowns: Unknowns | None = None):
        self.collector = collector
        self.defined: dict[str, Definition] = {}
        self.unknowns = unknowns or Unknowns()

    def define(self, entity_id: str, kind: str, file: LoadedFile, path: tuple) -> None:
        key = SEPARATE_NAMESPACES.get(kind, "") + entity_id
        earlier = self.defined.get(key)
        if earlier:
            self.collector.error(
                file.location(*path),
                format_key_path(path),
                f"编号“{entity_id}”重复：已在 {earlier.location} 定义为{KIND_NAMES[earlier.kind]}",
            )
            return
        self.defined[key] = Definition(kind, file, path)

    def check(self, ref: str, kinds: tuple[str, ...], file: LoadedFile, path: tuple) -> None:
        namespace = SEPARATE_NAMESPACES.get(kinds[0], "")
        found = self.defined.get(namespace + ref)
        if found and found.kind in kinds:
            return
        if not found and self.unknowns.covers(kinds, ref):
            return  # may be defined in a file that failed to load: its own errors say why
        wanted = "或".join(KIND_NAMES[k] for k in kinds)
        if found:
            message = f"“{ref}”是{KIND_NAMES[found.kind]}，这里应引用{wanted}"
        else:
            message = f"引用的{wanted}“{ref}”不存在"
            candidates = [key.removeprefix(namespace) for key, d in self.defined.items() if d.kind in kinds]
            candidates += sorted(self.unknowns.seen(kinds))
            hint = difflib.get_close_matches(ref, candidates, n=1, cutoff=0.7)
            if hint:
                message += f"，是否应为“{hint[0]}”？"
        self.collector.error(file.location(*path), format_key_path(path), message)


def build_knowledge(loaded: list[LoadedFile], collector: Collector, failed: list[FailedFile] = ()) -> Knowledge | None:
    """Check the cross-references of the files that loaded; `failed` are those that did not."""
    files = defaultdict(list)
    for item in loaded:
        files[item.kind.name].append(item)
    registry = IdRegistry(collector, Unknowns.of(failed))
    _define_all(files, registry, collector)
    _check_all(files, registry, collector, complete_banks=not any(f.kind == "questions" for f in failed))
    if collector.errors or not files["plan"] or not files["units"] or not files["county"]:
        return None
    return _assemble(files)


def _define_all(files, registry: IdRegistry, collector: Collector) -> None:
    for file in files["plan"]:
        _define_plan(file, registry, collector)
    for file in files["units"]:
        for i, unit in enumerate(file.model.units):
            registry.define(unit.id, "unit", file, ("units", i, "id"))
    for file in files["law"]:
        _define_law(file, registry)
    for kind, attr, key in (("glossary", "terms", "term"), ("topics", "topics", "topic"), ("exams", "exams", "exam")):
        for file in files[kind]:
            for i, entity in enumerate(getattr(file.model, attr)):
                registry.define(entity.id, key, file, (attr, i, "id"))
    for file in files["questions"]:
        for i, question in enumerate(file.model.questions):
            registry.define(question.id, "question", file, ("questions", i, "id"))
    planrefs.define(files, registry)


def _define_plan(file: LoadedFile, registry: IdRegistry, collector: Collector) -> None:
    plan = file.model
    registry.define(plan.id, "plan", file, ("id",))
    for k, indicator in enumerate(plan.goals.indicators):
        registry.define(indicator.id, "indicator", file, ("goals", "indicators", k, "id"))
    numbers: dict[int, tuple] = {}
    for i, section in enumerate(plan.sections):
        registry.define(section.id, "section", file, ("sections", i, "id"))
        for j, task in enumerate(section.tasks):
            path = ("sections", i, "tasks", j)
            registry.define(task.id, "task", file, path + ("id",))
            if task.number in numbers:
                collector.error(file.location(*path, "number"), format_key_path(path + ("number",)), f"任务序号 {task.number} 重复")
            numbers[task.number] = path
            for t, target in enumerate(task.targets):
                registry.define(target.id, "target", file, path + ("targets", t, "id"))


def _define_law(file: LoadedFile, registry: IdRegistry) -> None:
    law = file.model
    expected = file.doc.file.rsplit("/", 1)[-1].removesuffix(".yml")
    registry.define(law.id, "law", file, ("id",))
    if law.id != expected:
        registry.collector.error(file.location("id"), "id", f"法规编号“{law.id}”应与文件名“{expected}”一致")
    previous = 0
    for i, article in enumerate(law.articles):
        registry.define(law.article_id(article.number), "article", file, ("articles", i, "number"))
        if article.number < previous:
            registry.collector.warn(file.location("articles", i, "number"), f"articles[{i}].number", "条文应按条号从小到大排列")
        previous = article.number


def _check_all(files, registry: IdRegistry, collector: Collector, *, complete_banks: bool = True) -> None:
    for file in files["plan"]:
        _check_plan(file, registry)
    for file in files["glossary"]:
        for i, term in enumerate(file.model.terms):
            for s, source in enumerate(term.sources):
                if source.article:
                    registry.check(source.article, ("article",), file, ("terms", i, "sources", s, "article"))
            for t, task_id in enumerate(term.tasks):
                registry.check(task_id, ("task",), file, ("terms", i, "tasks", t))
    for file in files["law"]:
        if file.model.replaced_by:
            registry.check(file.model.replaced_by, ("law",), file, ("replaced_by",))
    for file in files["questions"]:
        _check_bank(file, registry)
    for file in files["exams"]:
        _check_exams(file, files["questions"] if complete_banks else None, registry, collector)
    check_bank_patterns(files["questions"], files["patterns"], collector)
    planrefs.check(files, registry, collector)
    searchwords.check(files, collector)


def _check_plan(file: LoadedFile, registry: IdRegistry) -> None:
    plan = file.model
    for k, indicator in enumerate(plan.goals.indicators):
        for t, task_id in enumerate(indicator.tasks):
            registry.check(task_id, ("task",), file, ("goals", "indicators", k, "tasks", t))
    for i, section in enumerate(plan.sections):
        for j, task in enumerate(section.tasks):
            for b, ref in enumerate(task.basis):
                kinds = ("article",) if is_article_ref(ref) else ("law",)
                registry.check(ref, kinds, file, ("sections", i, "tasks", j, "basis", b))
            for u, role in enumerate(task.units):
                registry.check(role.unit, ("unit",), file, ("sections", i, "tasks", j, "units", u, "unit"))


def _check_bank(file: LoadedFile, registry: IdRegistry) -> None:
    registry.check(file.model.topic, ("topic",), file, ("topic",))
    for i, question in enumerate(file.model.questions):
        for c, ref in enumerate(question.cites):
            kinds = ("article",) if is_article_ref(ref) else ("task", "term")
            registry.check(ref, kinds, file, ("questions", i, "cites", c))


def _check_exams(file: LoadedFile, banks: list[LoadedFile] | None, registry: IdRegistry, collector: Collector) -> None:
    """Topics exist, and the banks hold enough questions (unknown when a bank failed to load)."""
    for i, exam in enumerate(file.model.exams):
        for t, topic in enumerate(exam.topics):
            registry.check(topic, ("topic",), file, ("exams", i, "topics", t))
        if banks is None:
            continue
        pool = [q for bank in banks for q in bank.model.questions if exam.admits(q, bank.model.topic)]
        for shortfall in shortfalls(exam, pool):
            part = next(p for p, part in enumerate(exam.parts) if part.type in shortfall.types)
            path = ("exams", i, "parts", part, "count") if len(shortfall.types) == 1 else ("exams", i, "parts")
            collector.error(file.location(*path), format_key_path(path), _shortfall_message(shortfall))


def _shortfall_message(shortfall: Shortfall) -> str:
    types = "、".join(shortfall.types)
    if shortfall.groups == shortfall.questions:
        return f"题库中只有 {shortfall.questions} 道适用的{types}题，不够抽 {shortfall.needed} 道"
    return (
        f"题库中有 {shortfall.questions} 道适用的{types}题，但同组（group）的题一份试卷只抽一道，"
        f"只能算 {shortfall.groups} 道，不够抽 {shortfall.needed} 道"
    )


def _assemble(files) -> Knowledge:
    questions = {
        question.id: QuestionEntry(question, bank.model.topic)
        for bank in files["questions"]
        for question in bank.model.questions
    }
    return Knowledge(
        county=files["county"][0].model,
        plan=files["plan"][0].model,
        units={unit.id: unit for file in files["units"] for unit in file.model.units},
        laws={file.model.id: file.model for file in sorted(files["law"], key=lambda f: f.doc.file)},
        terms={term.id: term for file in files["glossary"] for term in file.model.terms},
        topics={topic.id: topic for file in files["topics"] for topic in file.model.topics},
        questions=questions,
        exams={exam.id: exam for file in files["exams"] for exam in file.model.exams},
        townships={t.id: t for file in files["townships"] for t in file.model.townships},
        villages={file.model.id: file.model for file in sorted(files["village"], key=lambda f: f.doc.file)},
        contingency_plans={plan.id: plan for file in sorted(files["plans"], key=lambda f: f.doc.file) for plan in file.model.plans},
        addresses=files["addresses"][0].model if files["addresses"] else Addresses(),
        patterns=files["patterns"][0].model if files["patterns"] else None,
        service_numbers=planrefs.service_numbers(files),
        search_words=files["search"][0].model if files["search"] else SearchWords(),
    )
