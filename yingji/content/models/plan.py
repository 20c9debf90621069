"""content/plan.yml: the 实施方案 itself — header, 指导思想, 总体目标, sections and the 21 tasks."""

from __future__ import annotations

from typing import Literal

from pydantic import PositiveInt, model_validator
from pydantic_core import PydanticCustomError

from .base import ArticleRef, Date, Model, Slug, Text

Comparator = Literal[">", ">=", "=", "<", "<="]
Role = Literal["牵头", "负责", "参与"]
TaskState = Literal["未启动", "推进中", "已完成"]


class Target(Model):
    """A quantified target a task sets (不少于2次, 达100% …)."""

    id: Slug
    text: Text
    comparator: Comparator | None = None
    value: float | None = None
    unit: str | None = None
    deadline: Date | None = None


class Deadline(Model):
    """完成时间 as data: a date, 长期坚持 (ongoing), or both (2023年年底并长期坚持)."""

    date: Date | None = None
    ongoing: bool = False

    @model_validator(mode="after")
    def _date_or_ongoing(self):
        if self.date is None and not self.ongoing:
            raise PydanticCustomError("deadline", "完成时间至少要有日期（date）或长期坚持（ongoing: true）之一", {})
        return self


class StatusRecord(Model):
    """A progress record the county keeps for a task; never invented by the generator."""

    state: TaskState
    date: Date
    note: str | None = None


class UnitRole(Model):
    unit: Slug
    role: Role


class Task(Model):
    id: Slug
    number: PositiveInt
    title: Text
    text: Text
    units_text: Text
    units: list[UnitRole]
    deadline_text: Text
    deadline: Deadline
    targets: list[Target] = []
    status: list[StatusRecord] = []
    # The laws (law id) and articles (law#a21) the task applies, where the plan's text names them:
    # the task page links them and each article lists the tasks that apply it.
    basis: list[Slug | ArticleRef] = []

    @property
    def latest_status(self) -> StatusRecord | None:
        return max(self.status, key=lambda record: record.date) if self.status else None


class Section(Model):
    id: Slug
    part: Literal["重点任务", "保障措施"]
    number: str | None = None
    title: Text
    tasks: list[Task]


class Indicator(Model):
    """One 总体目标 indicator: 应急管理机构专业人才占比 > 75% …; comparator None = qualitative."""

    id: Slug
    name: Text
    comparator: Comparator | None = None
    value: float | None = None
    unit: str | None = None
    target: Text
    deadline: Date | None = None
    tasks: list[Slug] = []


class Goals(Model):
    target_year: PositiveInt
    text: Text
    indicators: list[Indicator]


class Plan(Model):
    id: Slug
    title: Text
    doc_number: Text
    document_header: Text
    issuers: list[Text]
    year: PositiveInt
    issued_date: Date | None = None
    notice_title: Text
    recipients: Text
    notice_text: Text
    preamble: Text
    guiding_ideology: Text
    goals: Goals
    sections: list[Section]

    @property
    def tasks(self) -> list[Task]:
        return [task for section in self.sections for task in section.tasks]
