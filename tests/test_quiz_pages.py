"""Quiz data and pages: citations resolve, blueprints come from quizzes/exams.yml, content is
escaped, the question bank meets the issue's minimums."""

from __future__ import annotations

import json
import re

import pytest

from conftest import REPO
from yingji.content.models.base import split_article_ref
from yingji.quiz import data
from yingji.quiz.pages import quiz_pages


@pytest.fixture(scope="module")
def pages(knowledge, routes):
    return quiz_pages(knowledge, routes)


def payload(script: str) -> dict:
    """The JSON inside a generated .data.js file."""
    return json.loads(script.split("]=", 1)[1].rstrip().removesuffix(";"))


def test_the_bank_meets_the_minimums(knowledge):
    counts = knowledge.counts()
    assert counts["questions"] >= 300
    by_type = counts["questions_by_type"]
    assert by_type["判断"] >= 100 and by_type["单选"] >= 120 and by_type["多选"] >= 80


def test_every_question_cites_something_that_resolves_to_a_page(knowledge, routes):
    for entry in knowledge.questions.values():
        assert entry.question.cites, entry.id
        for ref in entry.question.cites:
            resolved = data.resolve_ref(knowledge, routes, ref)
            assert resolved["title"] and resolved["text"].strip(), ref
            article = split_article_ref(ref)
            if article:
                assert ref in knowledge.articles
                assert resolved["url"] == "#".join(routes.target("article", ref))
                assert resolved["url"].startswith(f"laws/{article[0]}") and resolved["url"].endswith(f"#a{article[1]}")
            elif ref in knowledge.tasks:
                assert resolved["url"] == f"tasks/{ref}.md"
            else:
                assert resolved["url"] == f"glossary/index.md#{ref}"


def test_article_citations_quote_the_article_word_for_word(knowledge, routes):
    resolved = data.resolve_ref(knowledge, routes, "anquan-shengchan-fa#a5")
    assert resolved["title"] == "《安全生产法》第五条"
    assert resolved["text"] == knowledge.articles["anquan-shengchan-fa#a5"].article.text


def test_long_articles_are_cut_to_an_excerpt(knowledge, routes):
    longest = max(knowledge.articles.values(), key=lambda entry: len(entry.article.text))
    resolved = data.resolve_ref(knowledge, routes, longest.id, limit=50)
    assert resolved["text"].endswith("……") and len(resolved["text"]) <= 52
    assert longest.article.text.startswith(resolved["text"].removesuffix("……"))


def test_one_practice_page_per_topic_and_one_page_per_exam(knowledge, pages):
    expected = {"quiz/index.md", "quiz/review.md"}
    for topic in knowledge.topics:
        expected |= {f"quiz/practice/{topic}.md", f"quiz/practice/{topic}.data.js"}
    for exam in knowledge.exams:
        expected |= {f"quiz/exam/{exam}.md", f"quiz/exam/{exam}.data.js"}
    assert set(pages) == expected


def test_practice_data_holds_the_topic_with_resolved_citations(knowledge, pages):
    topic = payload(pages["quiz/practice/anquan-shengchan-fa.data.js"])
    questions = [e for e in knowledge.questions.values() if e.topic == "anquan-shengchan-fa"]
    assert [q["id"] for q in topic["questions"]] == [e.id for e in questions]
    first = topic["questions"][0]
    assert set(first) >= {"id", "type", "stem", "answer", "explanation", "cites"}
    for question in topic["questions"]:
        for ref in question["cites"]:
            assert topic["refs"][ref]["url"]
        for chapter in question.get("ch", []):
            assert topic["chapters"][chapter].startswith("安全生产法 · 第")


def test_exam_data_carries_the_blueprint_from_exams_yml(knowledge, pages, routes):
    exam = knowledge.exams["zhuyao-fuzeren-moni"]
    loaded = payload(pages[routes.path("exam-data", exam.id)])
    assert loaded["exam"]["pass_mark"] == exam.pass_mark
    assert loaded["exam"]["time_limit_minutes"] == exam.time_limit_minutes
    assert loaded["exam"]["multi_scoring"] == exam.multi_scoring
    assert [p["count"] for p in loaded["exam"]["parts"]] == [p.count for p in exam.parts]
    assert loaded["exam"]["note"].startswith("示例配置")
    for part in exam.parts:  # enough questions of each type to draw from
        assert sum(1 for q in loaded["questions"] if q["type"] == part.type) >= part.count
    page = pages["quiz/exam/zhuyao-fuzeren-moni.md"]
    assert "示例配置" in page and "80 分及以上为合格" in page and "120 分钟" in page


def test_content_in_the_data_cannot_end_the_script(knowledge):
    bad = "</script><script>alert(1)</script> & <!--"
    text = data.to_json({"stem": bad})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["stem"] == bad


def test_quiz_data_per_page_stays_small(pages):
    """A guard, not a benchmark: the biggest page (the main exam's whole pool) under 400 KB."""
    sizes = {path: len(text.encode()) for path, text in pages.items() if path.endswith(".data.js")}
    assert max(sizes.values()) < 400_000, sizes


def test_pages_link_only_to_pages_that_exist(pages, routes):
    planned = {route.path for route in routes.routes.values()}
    for path, text in pages.items():
        if path.endswith(".md"):
            for target in re.findall(r"\]\(([^)#]+\.(?:md|pdf))", text):
                resolved = (REPO / "docs" / path).parent.joinpath(target).resolve().relative_to((REPO / "docs").resolve())
                assert resolved.as_posix() in planned, (path, target)
