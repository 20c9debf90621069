"""content/glossary.yml: terms of the plan and the laws (三管三必须, 一单四制 …)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import ArticleRef, Model, Slug, Text

Certainty = Literal["确定", "待核实", "以县应急管理局文件为准"]


class TermSource(Model):
    """Either a cited article (by id) or a document (name and, if known, its number)."""

    article: ArticleRef | None = None
    document: str | None = None
    number: str | None = None

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.article is None) == (self.document is None):
            raise PydanticCustomError("source", "来源应写 article（条文编号）或 document（文件名）二者之一", {})
        if self.number and not self.document:
            raise PydanticCustomError("source", "number（文号）只能和 document 一起写", {})
        return self


class Term(Model):
    id: Slug
    term: Text
    aliases: list[Text] = []
    definition: Text
    items: list[Text] = []
    sources: list[TermSource] = Field(min_length=1)
    tasks: list[Slug] = []
    certainty: Certainty
    note: str | None = None


class Glossary(Model):
    terms: list[Term]
