"""Helpers for the quiz browser tests (the fixtures quiz_site, key and open_page are in conftest.py)."""

from __future__ import annotations

import pytest

from conftest import OUTSIDE  # noqa: F401 - re-exported for the test modules

PRACTICE = "quiz/practice/anquan-shengchan-fa"
EXAM = "quiz/exam/kurz"
REVIEW = "quiz/review"
# The core scenarios run over http and from file://; the rest over http only (fewer seconds).
HTTP_ONLY = pytest.mark.parametrize("open_page", ["http"], indirect=True)


def choose(page, values):
    for value in values:
        page.check(f".yj-stage .yj-question input[value='{value}'], .yj-card .yj-question input[value='{value}']")


def wrong_choice(q):
    """A selection that is wrong under every scoring rule: only options outside the answer."""
    if q["type"] == "判断":
        return ["错误" if q["answer"] == ["正确"] else "正确"]
    return [next(k for k in q["options"] if k not in q["answer"])]


def current_qid(page):
    return page.get_attribute(".yj-stage .yj-question", "data-qid")


def sit_exam(page, key, answer_for):
    """Start the exam and answer every question with answer_for(question from the key)."""
    page.click(".yj-start")
    total = page.locator(".yj-cell").count()
    for i in range(total):
        choose(page, answer_for(key[current_qid(page)]))
        if i < total - 1:
            page.click(".yj-nav >> text=下一题")
    return total


def result(page):
    box = page.locator(".yj-result")
    return box.get_attribute("data-score"), box.locator(".yj-badge").inner_text()
