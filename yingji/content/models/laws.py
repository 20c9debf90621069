"""content/laws/<law-id>.yml: one law or regulation with the articles the project cites."""

from __future__ import annotations

from typing import Literal

from pydantic import PositiveInt

from .base import Date, Model, OfficialUrl, Slug, Text

LawKind = Literal["法律", "行政法规", "地方性法规", "部门规章", "党内法规", "规范性文件"]


class Article(Model):
    number: PositiveInt
    chapter: str | None = None
    section: str | None = None
    text: Text  # official wording, word for word; one paragraph or item per line
    summary: str | None = None  # plain-language 要点, our words, not a quote
    tags: list[Text] = []


class Law(Model):
    id: Slug
    title: Text
    short_title: Text
    kind: LawKind
    issuer: Text
    version: Text
    version_date: Date
    effective_date: Date | None = None
    status: Literal["现行有效", "已废止"]
    replaced_by: Slug | None = None
    source_url: OfficialUrl  # the official text (国家法律法规数据库 or the publisher's own site)
    history: list[Text] = []
    articles: list[Article] = []

    def article_id(self, number: int) -> str:
        return f"{self.id}#a{number}"
