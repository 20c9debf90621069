"""The quiz engine's logic (theme_overrides/assets/yingji/quiz-logic.js: drawing, scoring, the
spaced-review schedule, statistics, exam records, the stored data's schema) in Chromium.

All of it runs once on one harness page opened from file:// (tests/quiz_logic/harness.html, which
can also be opened by hand); each test("…") of tests/quiz_logic/logic.test.js is one case here.
"""

from __future__ import annotations

import re

import pytest

HARNESS = __import__("pathlib").Path(__file__).resolve().parent / "quiz_logic"
NAMES = re.findall(r'^test\("((?:[^"\\]|\\.)*)"', (HARNESS / "logic.test.js").read_text("utf-8"), re.M)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def results(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto((HARNESS / "harness.html").as_uri())
    page.wait_for_function("window.yjResults")
    found = {r["name"]: r for r in page.evaluate("window.yjResults")}
    context.close()
    assert not errors, errors
    return found


def test_every_test_ran(results):
    assert sorted(results) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_logic(results, name):
    result = results[name]
    assert result["ok"], result["message"]
