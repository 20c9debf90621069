"""The quiz engine in real Chromium: mock exams, timer, scoring, instant navigation — over http and file://.

The site is built once (conftest.quiz_site) from tests/fixtures/minimal with the quiz overlay
(six questions, a one-minute blueprint `kurz`, a 少选得半分 blueprint `banfen`).
"""

from __future__ import annotations

import pytest

from conftest import quiz_project, run_yingji

from quiz_browser_kit import EXAM, HTTP_ONLY, OUTSIDE, REVIEW, choose, current_qid, result, sit_exam, wrong_choice

pytestmark = pytest.mark.browser


def test_exam_answered_from_the_key_gets_full_marks(open_page, key):
    page = open_page(EXAM)
    assert "示例配置" in page.inner_text(".yj-exam-start")
    assert sit_exam(page, key, lambda q: q["answer"]) == 6
    assert page.inner_text(".yj-count") == "已答 6 / 6"
    page.click(".yj-submit-exam")
    assert "全部 6 题都已作答" in page.inner_text(".yj-confirm")
    page.click(".yj-confirm-submit")
    assert result(page) == ("6", "合格")
    for qtype in ("判断", "单选", "多选"):
        assert page.inner_text(f".yj-score-table tr[data-type='{qtype}'] .yj-part-score") == "2"
    assert "全部答对" in page.inner_text(".yj-wrong-review")


def test_exam_answered_all_wrong_scores_zero_and_reviews_every_question(open_page, key):
    page = open_page(EXAM)
    sit_exam(page, key, wrong_choice)
    page.click(".yj-submit-exam")
    page.click(".yj-confirm-submit")
    assert result(page) == ("0", "不合格")
    cards = page.locator(".yj-wrong-review .yj-card")
    assert cards.count() == 6
    for i in range(6):
        card = cards.nth(i)
        assert "正确答案：" in card.inner_text() and "解析：" in card.inner_text()
        assert card.locator(".yj-cite a").count() >= 1
    # every wrong answer went into the 错题本
    page.goto(f"{open_page.base}/{REVIEW}.html")
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert page.locator(".yj-wrong-book .yj-item").count() == 6


@HTTP_ONLY
def test_exam_options_are_shuffled_but_scored_by_content(open_page, key):
    """Displayed letters follow the shuffled order; scoring uses the option, not the letter."""
    page = open_page(EXAM)
    page.click(".yj-start")
    orders = set()
    for _ in range(20):  # restart until a shuffled order shows up (1/24 chance each to stay A-D)
        page.click(".yj-cell >> nth=4")  # a 多选 question
        orders.add(tuple(page.eval_on_selector_all(".yj-stage input", "els => els.map(e => e.value)")))
        if len(orders) > 1:
            break
        page.evaluate("localStorage.clear()")
        page.reload()
        page.wait_for_selector(".yj-quiz[data-ready='1']")
        page.click(".yj-start")
    assert len(orders) > 1


@HTTP_ONLY
def test_confirm_lists_unanswered_questions_and_jumps_to_them(open_page, key):
    page = open_page(EXAM)
    page.click(".yj-start")
    choose(page, key[current_qid(page)]["answer"])
    page.click(".yj-submit-exam")
    assert "还有 5 题未作答" in page.inner_text(".yj-confirm")
    assert page.eval_on_selector_all(".yj-missing-item", "els => els.map(e => e.textContent)") == ["2", "3", "4", "5", "6"]
    page.click(".yj-missing-item >> text=4")
    assert page.locator(".yj-confirm").count() == 0
    assert page.inner_text(".yj-stage .yj-meta").startswith("第 4 / 6 题")


def test_timer_running_out_submits_automatically(open_page, key, page):
    page.clock.install()
    page = open_page(EXAM)
    page.click(".yj-start")
    assert page.inner_text(".yj-timer") == "剩余 01:00"
    choose(page, key[current_qid(page)]["answer"])
    page.clock.run_for("00:30")
    assert page.inner_text(".yj-timer") == "剩余 00:30"
    page.clock.run_for("00:31")
    page.wait_for_selector(".yj-result")
    assert "考试时间到，已自动交卷" in page.inner_text(".yj-result")
    assert result(page) == ("1", "不合格")
    assert page.locator(".yj-confirm").count() == 0


@HTTP_ONLY
def test_an_exam_in_progress_survives_a_reload(open_page, key):
    page = open_page(EXAM)
    page.click(".yj-start")
    first = current_qid(page)
    choose(page, key[first]["answer"])
    page.reload()
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert "继续上次的考试" in page.inner_text(".yj-start")
    page.click(".yj-start")
    assert current_qid(page) == first
    assert page.inner_text(".yj-count") == "已答 1 / 6"


@HTTP_ONLY
def test_multi_choice_half_credit_when_the_blueprint_says_so(open_page, key):
    page = open_page("quiz/exam/banfen")
    sit_exam(page, key, lambda q: q["answer"][:1])  # one right option of each 多选: 少选
    page.click(".yj-submit-exam")
    page.click(".yj-confirm-submit")
    assert result(page) == ("2", "合格")  # 2 × half of 2 points
    assert page.locator(".yj-wrong-review .yj-card").count() == 2  # half right is still reviewed
    assert "本题得 1 分" in page.inner_text(".yj-wrong-review")


# ------------------------------------------------------------------- 错题本


# ---------------------------------------------------- instant navigation


@pytest.fixture(scope="session")
def instant_site(tmp_path_factory, serve_dir):
    """Base URL of the quiz site as Material serves it online: instant navigation, directory
    URLs (the offline plugin, which turns both off, removed). Instant navigation only follows
    links listed in the sitemap, whose URLs come from site_url, so the server starts first and
    its address becomes the site_url."""
    project = quiz_project(tmp_path_factory.mktemp("instant") / "project")
    base = serve_dir(project / "site")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "\n  - offline\n" in text and "\n  features:\n" in text
    text = text.replace("\n  - offline\n", "\n").replace("\n  features:\n", "\n  features:\n    - navigation.instant\n")
    config.write_text(f"site_url: {base}/\n" + text, "utf-8")
    result = run_yingji(project, "build")
    assert result.returncode == 0, result.stderr
    return base


def test_quiz_works_with_instant_navigation(instant_site, page):
    page.route(OUTSIDE, lambda route: route.abort())
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    base = instant_site
    page.goto(f"{base}/quiz/", wait_until="networkidle")  # Material has read the sitemap
    page.evaluate("window.__sameDocument = true")
    page.click("article a[href*='practice/anquan-shengchan-fa']")
    page.wait_for_selector(".yj-quiz[data-mode='practice'][data-ready='1']")
    assert page.evaluate("window.__sameDocument") is True  # no full reload: Material swapped the page
    choose(page, ["错误"])
    page.click(".yj-submit")
    assert "回答错误" in page.inner_text(".yj-feedback")
    assert page.get_attribute(".yj-cite a", "href") == f"{base}/laws/anquan-shengchan-fa/#a5"
    page.click("article a[href*='review']")
    page.wait_for_selector(".yj-quiz[data-mode='review'][data-ready='1']")
    assert page.evaluate("window.__sameDocument") is True
    assert page.locator(".yj-wrong-book .yj-item").count() == 1
    page.go_back()
    page.wait_for_selector(".yj-quiz[data-mode='practice'][data-ready='1']")
    assert page.locator(".yj-stage .yj-question").count() == 1  # initialised once, not twice
    assert not errors, errors


# ------------------------------------------------ the default content, built


@pytest.mark.slow
def test_the_main_exam_of_the_default_content_gives_full_marks_from_the_key(built_site, page, knowledge):
    """The real blueprint (70 questions, 120 minutes, 示例配置) in the real built site, from file://."""
    answers = {qid: {"type": e.question.type, "answer": e.question.answer} for qid, e in knowledge.questions.items()}
    page.route(OUTSIDE, lambda route: route.abort())
    page.goto((built_site / "quiz" / "exam" / "zhuyao-fuzeren-moni.html").as_uri())
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert "示例配置" in page.inner_text(".yj-exam-start")
    assert sit_exam(page, answers, lambda q: q["answer"]) == 70
    assert page.inner_text(".yj-timer").startswith("剩余 1")  # 119:xx
    page.click(".yj-submit-exam")
    page.click(".yj-confirm-submit")
    assert result(page) == ("100", "合格")
