"""quizzes/exams.yml: exam blueprints (how many questions of each type, points, time, pass mark)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PositiveFloat, PositiveInt, model_validator
from pydantic_core import PydanticCustomError

from .base import Model, Slug, Text
from .questions import Audience, Question, QuestionType

MultiScoring = Literal["全对才得分", "少选得半分"]


class ExamPart(Model):
    type: QuestionType
    count: PositiveInt
    points: PositiveFloat  # per question


class Exam(Model):
    id: Slug
    title: Text
    description: Text
    audience: list[Audience] = Field(min_length=1)
    time_limit_minutes: PositiveInt | None = None  # None: no timer
    pass_mark: PositiveFloat
    parts: list[ExamPart] = Field(min_length=1)
    topics: list[Slug] = []  # empty: draw from every topic
    multi_scoring: MultiScoring = "全对才得分"
    note: str | None = None

    def admits(self, question: Question, topic: str) -> bool:
        """May this exam draw `question` (from the bank of `topic`)? One rule for the check,
        the browser exam and the printed papers: the exam's topics (all if none) and audience."""
        return (not self.topics or topic in self.topics) and bool(set(question.audience) & set(self.audience))

    @property
    def total_points(self) -> float:
        return sum(part.count * part.points for part in self.parts)

    @model_validator(mode="after")
    def _pass_mark_reachable(self):
        if self.pass_mark > self.total_points:
            raise PydanticCustomError(
                "pass_mark", "及格分 {pass_mark} 高于总分 {total}", {"pass_mark": self.pass_mark, "total": self.total_points}
            )
        return self


class ExamsFile(Model):
    exams: list[Exam]
