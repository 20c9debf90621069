"""A question whose meaning changed (version 2) never receives the answers a learner stored for
the old version: the engine stores records under `id~v2`, so those under the plain id are
ignored (progress), dropped (错题本, 收藏) or end the attempt they belong to (模拟考试).
The old records here are in the storage layout of version 1 (no schema number, 错题本 entries with
a copy of the question): the engine migrates them first.

In the quiz fixture `t-pd-2` is at version 2; every other question at version 1."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, quiz_project
from quiz_browser_kit import EXAM, HTTP_ONLY, PRACTICE, REVIEW, choose, current_qid
from yingji.content import load_knowledge
from yingji.quiz.data import question_data, storage_key

TOPIC = "anquan-shengchan-fa"


def test_the_storage_key_carries_the_version(tmp_path):
    knowledge = load_knowledge(quiz_project(tmp_path / "project"))[0]
    old, new = knowledge.questions["t-pd-1"].question, knowledge.questions["t-pd-2"].question
    assert storage_key(old) == "t-pd-1" and "key" not in question_data(old)
    assert storage_key(new) == "t-pd-2~v2" and question_data(new)["key"] == "t-pd-2~v2"
    assert question_data(new)["id"] == "t-pd-2"  # the id itself (pages, links) does not change


def snapshot(qid: str, answer: str) -> dict:
    return {"id": qid, "type": "判断", "stem": f"旧版题目 {qid}", "options": None, "answer": [answer],
            "explanation": "旧解析。", "source": "安全生产法", "cites": []}


OLD_RECORDS = {
    "yingji.quiz.progress": {TOPIC: {"t-pd-1": 1, "t-pd-2": 1}},
    "yingji.quiz.wrong": {"t-pd-2": {"q": snapshot("t-pd-2", "正确"), "n": 1, "t": 1, "a": ["错误"]},
                          "t-pd-1": {"q": snapshot("t-pd-1", "正确"), "n": 1, "t": 2, "a": ["错误"]}},
    "yingji.quiz.fav": {"t-pd-2": {"q": snapshot("t-pd-2", "正确"), "t": 1}},
}


def seed(page, records: dict, schema: int | None = 2) -> None:
    """Store these records (schema None: as an engine of version 1 left them) and reload."""
    page.evaluate("(s) => s === null ? localStorage.removeItem('yingji.quiz.schema') : localStorage.setItem('yingji.quiz.schema', s)", schema)
    for name, value in records.items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [name, json.dumps(value, ensure_ascii=False)])
    page.reload()
    page.wait_for_selector(".yj-quiz[data-ready='1']")


def stored(page, name: str):
    return json.loads(page.evaluate("(k) => localStorage.getItem(k)", name) or "null")



@pytest.mark.browser
@HTTP_ONLY
def test_practice_counts_and_stores_only_the_current_version(open_page):
    page = open_page(PRACTICE)
    seed(page, OLD_RECORDS, schema=None)
    assert page.inner_text(".yj-progress-line") == "已练 1 / 6 题，答对 1 题，正确率 100%"  # t-pd-2's old answer ignored
    page.click(".yj-nav >> text=下一题")
    assert current_qid(page) == "t-pd-2"
    assert page.get_attribute(".yj-fav", "aria-pressed") == "false"  # the old version's 收藏 is not this one's
    choose(page, ["正确"])  # wrong: t-pd-2 is 错误
    page.click(".yj-submit")
    assert stored(page, "yingji.quiz.stats") == {"t-pd-1": {"n": 1, "r": 1, "l": 1}, "t-pd-2": {"n": 1, "r": 1, "l": 1},
                                                 "t-pd-2~v2": {"n": 1, "r": 0, "l": 0}}
    wrong = stored(page, "yingji.quiz.wrong")["t-pd-2~v2"]
    assert wrong["n"] == 1 and wrong["a"] == ["正确"] and "q" not in wrong  # ids and answers, no copy
    assert page.inner_text(".yj-progress-line") == "已练 2 / 6 题，答对 1 题，正确率 50%"
    page.goto(f"{open_page.base}/quiz/index.html")
    page.wait_for_function("document.querySelector('.yj-progress').textContent !== '未开始'")
    assert page.inner_text(".yj-progress") == "已练 2/6，答对 1"


@pytest.mark.browser
@HTTP_ONLY
def test_review_drops_the_old_versions_entries(open_page):
    page = open_page(REVIEW)
    seed(page, OLD_RECORDS, schema=None)
    items = page.locator(".yj-wrong-book .yj-item")
    assert items.count() == 1 and items.get_attribute("data-qid") == "t-pd-1"
    assert page.locator(".yj-fav-book .yj-item").count() == 0
    assert set(stored(page, "yingji.quiz.wrong")) == {"t-pd-1"} and stored(page, "yingji.quiz.fav") == {}
    assert set(stored(page, "yingji.quiz.sched")) == {"t-pd-1"}  # on the review schedule, the old one off


@pytest.mark.browser
@HTTP_ONLY
def test_an_exam_attempt_on_the_old_version_is_not_continued(open_page, key):
    page = open_page(EXAM)
    page.click(".yj-start")
    attempt = stored(page, "yingji.quiz.exam.kurz")
    ids = [item["id"] for item in attempt["items"]]
    assert "t-pd-2~v2" in ids and "t-pd-2" not in ids
    page.reload()
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert "继续上次的考试" in page.inner_text(".yj-start")
    attempt["items"] = [dict(item, id="t-pd-2") if item["id"] == "t-pd-2~v2" else item for item in attempt["items"]]
    seed(page, {"yingji.quiz.exam.kurz": attempt})
    assert page.inner_text(".yj-start") == "开始考试"
