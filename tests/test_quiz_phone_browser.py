"""What a learner sees on the screen while answering, on a phone (360×740) and a laptop (1366×768),
over http and from file://: the verdict stays in view, the exam bar is one row that nothing
covers, the next question never starts under the bars, the 交卷 confirmation fits the screen.

The exam `lang` (tests/fixtures/quiz/site-extra) has 100 questions, as many as the benchmark's.
"""

from __future__ import annotations

import re

import pytest

from quiz_browser_kit import EXAM, PRACTICE, choose, current_qid

pytestmark = pytest.mark.browser
LANG = "quiz/exam/lang"


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def covered_top(page) -> float:
    """The lowest bottom edge of what sticks to the top: Material's header and the exam bar."""
    return page.evaluate("""() => Math.max(...[...document.querySelectorAll('.md-header, .yj-exam-bar')]
        .map(el => el.getBoundingClientRect().bottom))""")


def in_view(page, selector) -> bool:
    """The element's whole box is on screen and below the sticky header and bars."""
    b = box(page, selector)
    height = page.viewport_size["height"]
    return b["y"] >= covered_top(page) - 0.5 and b["y"] + b["height"] <= height + 0.5


# ------------------------------------------------------------------ practice


def test_practice_verdict_and_explanation_stay_on_screen_after_confirm(screen, open_page, page):
    page.clock.install()
    page = open_page(PRACTICE)
    page.click(".yj-nav >> text=下一题")  # t-pd-2: a long citation below the verdict
    page.locator(".yj-submit").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -window.innerHeight + 260)")  # the 确定 button low on the screen
    choose(page, ["正确"])
    page.click(".yj-submit")
    assert in_view(page, ".yj-verdict") and in_view(page, ".yj-feedback p:nth-child(2)")  # verdict, right answer
    assert page.evaluate("document.activeElement.textContent") == "下一题"
    page.clock.run_for(10_000)
    assert current_qid(page) == "t-pd-2" and in_view(page, ".yj-verdict")  # the learner moves on, not the page


def test_after_a_right_answer_it_moves_on_only_when_switched_on(screen, open_page, page):
    page.clock.install()
    page = open_page(PRACTICE)
    choose(page, ["正确"])  # t-pd-1: right
    page.click(".yj-submit")
    page.clock.run_for(5_000)
    assert current_qid(page) == "t-pd-1"  # off by default
    page.check("input[name='yj-setting-auto']")
    page.click(".yj-nav >> text=下一题")
    choose(page, ["正确"])  # t-pd-2: wrong, stays
    page.click(".yj-submit")
    page.clock.run_for(5_000)
    assert current_qid(page) == "t-pd-2"
    page.click(".yj-nav >> text=上一题")
    page.reload()  # the setting is remembered
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert page.is_checked("input[name='yj-setting-auto']")
    choose(page, ["正确"])
    page.click(".yj-submit")
    assert "回答正确" in page.inner_text(".yj-feedback")
    page.clock.run_for(1_000)
    assert current_qid(page) == "t-pd-1"  # the verdict stays a moment
    page.clock.run_for(1_000)
    assert current_qid(page) == "t-pd-2"
    assert in_view(page, ".yj-stage .yj-meta")


# ------------------------------------------------------------------- exam


def test_exam_bar_is_one_row_that_nothing_covers(screen, open_page, page):
    page = open_page(LANG)
    page.click(".yj-large-toggle")  # the widest case: 大字号
    page.click(".yj-start")
    for _ in range(3):
        choose(page, ["正确"])
        page.click(".yj-nav >> text=下一题")
    parts = [box(page, sel) for sel in (".yj-timer", ".yj-count", ".yj-submit-exam")]
    middles = [b["y"] + b["height"] / 2 for b in parts]
    assert max(middles) - min(middles) < 4, parts  # one row
    bar = box(page, ".yj-exam-bar")
    assert bar["height"] < parts[2]["height"] * 1.5 and bar["x"] + bar["width"] <= page.viewport_size["width"]
    assert re.fullmatch(r"剩余 (60:00|59:\d\d)", page.inner_text(".yj-timer")) and page.inner_text(".yj-count") == "已答 3/100"
    page.mouse.wheel(0, 1500)
    page.mouse.wheel(0, -400)  # scrolling up shows Material's 回到顶部 button on other pages
    page.wait_for_timeout(400)
    bar = box(page, ".yj-exam-bar")
    header = box(page, ".md-header")
    assert abs(bar["y"] - (header["y"] + header["height"])) < 1.5  # stuck right below the header
    for selector in (".yj-timer", ".yj-count", ".yj-submit-exam"):
        b = box(page, selector)
        hit = page.evaluate("([x, y, s]) => document.elementFromPoint(x, y).closest(s) !== null",
                            [b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, selector])
        assert hit, f"{selector} is covered"


def test_the_next_question_starts_below_the_header_and_the_exam_bar(screen, open_page, page, key):
    page = open_page(LANG)
    page.locator(".yj-start").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -window.innerHeight + 120)")  # the start button at the bottom of the screen
    page.click(".yj-start")
    page.evaluate("new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))")  # the next frame
    assert in_view(page, ".yj-stage .yj-meta") and in_view(page, ".yj-stage .yj-stem")
    assert page.evaluate("document.activeElement.closest('.yj-question') !== null")  # ready for the keyboard
    for n in range(2, 7):
        choose(page, key[current_qid(page)]["answer"])
        page.locator(".yj-nav >> text=下一题").scroll_into_view_if_needed()
        page.click(".yj-nav >> text=下一题")
        assert page.inner_text(".yj-stage .yj-meta").startswith(f"第 {n} / 100 题")
        assert in_view(page, ".yj-stage .yj-meta") and in_view(page, ".yj-stage .yj-stem")
    page.click(".yj-cell >> text=60")  # from the 答题卡 far below
    assert in_view(page, ".yj-stage .yj-meta") and page.inner_text(".yj-stage .yj-meta").startswith("第 60 / 100 题")


def test_submit_confirmation_fits_the_screen_with_a_hundred_blank_questions(screen, open_page, page):
    page = open_page(LANG)
    page.click(".yj-start")
    page.click(".yj-submit-exam")
    dialog = box(page, ".yj-confirm")
    viewport = page.viewport_size
    assert dialog["y"] >= 0 and dialog["y"] + dialog["height"] <= viewport["height"]
    assert dialog["x"] >= 0 and dialog["x"] + dialog["width"] <= viewport["width"]
    assert page.inner_text(".yj-missing-text") == "未作答：第 1–100 题（点题号回去作答）"
    assert page.locator(".yj-missing-item").count() == 100
    for selector in (".yj-confirm-submit", ".yj-confirm >> text=继续答题"):
        assert in_view(page, selector)
    page.locator(".yj-missing-item >> text=87").scroll_into_view_if_needed()  # the list scrolls inside
    assert in_view(page, ".yj-confirm-submit")
    page.click(".yj-missing-item >> text=87")
    assert page.locator(".yj-confirm").count() == 0
    assert page.inner_text(".yj-stage .yj-meta").startswith("第 87 / 100 题") and in_view(page, ".yj-stage .yj-meta")


def test_submit_confirmation_closes_with_escape_and_lists_marked_questions(screen, open_page, page):
    page = open_page(EXAM)
    page.click(".yj-start")
    page.click(".yj-cell >> text=2")
    page.click(".yj-mark")
    assert page.get_attribute(".yj-mark", "aria-pressed") == "true"
    assert "yj-marked" in page.get_attribute(".yj-cell >> text=2", "class")
    page.click(".yj-submit-exam")
    assert page.inner_text(".yj-marked-text") == "已标记：第 2 题"
    page.keyboard.press("Escape")
    assert page.locator(".yj-confirm").count() == 0


def test_the_result_opens_below_the_header_and_its_tables_fit_the_screen(screen, open_page, page):
    def submit_blank():
        page.click(".yj-start")
        page.click(".yj-submit-exam")
        page.click(".yj-confirm-submit")
        page.wait_for_selector(".yj-result")
        assert in_view(page, ".yj-result h2")  # scrolled to, not left under the sticky header
        return page.locator(".yj-result .yj-table-wrap").evaluate_all("ws => ws.map(w => w.scrollWidth - w.clientWidth)")

    page = open_page(LANG)
    wraps = submit_blank()
    assert len(wraps) == 2 and max(wraps) <= 0  # every column readable without scrolling sideways
    page.click(".yj-result >> text=再考一次")
    page.click(".yj-large-toggle")  # 大字号: a table may scroll inside its box, the page does not
    submit_blank()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_each_colour_of_the_answer_sheet_legend_keeps_its_meaning_on_its_line(screen, open_page, page):
    page = open_page(PRACTICE)
    page.click(".yj-large-toggle")
    page.click(".yj-sheet-box summary")
    items = page.locator(".yj-sheet-box .yj-legend-item")
    assert items.all_inner_texts() == ["绿色：上次答对", "红色：上次答错", "白色：未练"]
    assert items.evaluate_all("els => els.map(e => e.getClientRects().length)") == [1, 1, 1]
