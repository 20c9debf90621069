"""The quiz engine in real Chromium: practice, 错题本, progress, phone layout — over http and file://.

The site is built once (conftest.quiz_site) from tests/fixtures/minimal with the quiz overlay.
"""

from __future__ import annotations

import pytest

from quiz_browser_kit import EXAM, HTTP_ONLY, PRACTICE, REVIEW, choose, current_qid

pytestmark = pytest.mark.browser


# ------------------------------------------------------------------ practice


def test_practice_feedback_right_and_wrong(open_page, key):
    page = open_page(PRACTICE)
    assert current_qid(page) == "t-pd-1"
    # content is shown as text, never run
    assert "<script>window.__pwned = 1</script><b>不是粗体</b>" in page.inner_text(".yj-stem")
    assert page.evaluate("window.__pwned") is None
    choose(page, ["正确"])
    page.click(".yj-submit")
    feedback = page.locator(".yj-feedback")
    assert "yj-right" in feedback.get_attribute("class")
    assert "回答正确" in feedback.inner_text()
    assert "第五条规定主要负责人" in feedback.inner_text()
    link = feedback.locator(".yj-cite a")
    assert link.inner_text() == "《安全生产法》第五条"
    assert link.get_attribute("href").endswith("laws/anquan-shengchan-fa.html#a5")
    assert "是本单位安全生产第一责任人" in feedback.locator(".yj-cite blockquote").inner_text()

    page.click(".yj-nav >> text=下一题")
    assert current_qid(page) == "t-pd-2"
    choose(page, ["正确"])
    page.click(".yj-submit")
    feedback = page.locator(".yj-feedback")
    assert "yj-wrong" in feedback.get_attribute("class")
    text = feedback.inner_text()
    assert "回答错误" in text and "正确答案：错误" in text and "你的答案：正确" in text
    assert page.locator(".yj-option.yj-bad").inner_text().startswith("正确")
    assert page.inner_text(".yj-progress-line") == "已练 2 / 6 题，答对 1 题，正确率 50%"


def review_after_one_wrong_and_one_favourite(open_page):
    """t-pd-2 answered wrong and starred in practice; the page then shows 错题本与收藏."""
    page = open_page(PRACTICE)
    page.click(".yj-nav >> text=下一题")
    choose(page, ["正确"])  # t-pd-2 is 错误
    page.click(".yj-submit")
    page.click(".yj-fav")
    assert page.get_attribute(".yj-fav", "aria-pressed") == "true"
    page.goto(f"{open_page.base}/{REVIEW}.html")
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    return page


def test_clearing_a_book_asks_once_under_its_button_and_keeps_the_other(open_page, key):
    page = review_after_one_wrong_and_one_favourite(open_page)
    for _ in range(2):  # a second click does not stack a second question
        page.click(".yj-wrong-book button:has-text('清空错题本')")
    confirm = page.locator(".yj-wrong-book .yj-confirm")
    assert confirm.count() == 1 and confirm.inner_text().startswith("清空错题本中的 1 道题？")
    # the question sits between the buttons and the list, not after the list
    order = page.evaluate("""() => {
        const book = document.querySelector('.yj-wrong-book');
        const [actions, confirm, list] = ['.yj-actions', '.yj-confirm', '.yj-list'].map(s => book.querySelector(s));
        const before = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
        return before(actions, confirm) && before(confirm, list);
    }""")
    assert order
    confirm.locator("text=取消").click()
    assert page.locator(".yj-wrong-book .yj-item").count() == 1
    page.click(".yj-wrong-book button:has-text('清空错题本')")
    page.click(".yj-wrong-book .yj-confirm >> text=确定清空")
    assert page.inner_text(".yj-wrong-book h2") == "错题本（0 题）"
    assert page.locator(".yj-fav-book .yj-item").count() == 1


@HTTP_ONLY
def test_practice_shuffled_order_and_chapter_keep_every_question(open_page):
    page = open_page(PRACTICE)
    page.click("button[data-order='random']")
    seen = set()
    for _ in range(6):
        seen.add(current_qid(page))
        if page.is_enabled(".yj-nav .yj-primary"):
            page.click(".yj-nav .yj-primary")
    assert len(seen) == 6
    page.select_option(".yj-chapter-select", label="安全生产法 · 第三章 从业人员的安全生产权利义务")
    assert page.inner_text(".yj-question .yj-meta").startswith("第 1 / 2 题")


@HTTP_ONLY
def test_practice_is_usable_by_keyboard(open_page):
    page = open_page(PRACTICE)
    page.focus(".yj-question input[value='正确']")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # leaves the radio group: the 确定 button
    assert page.evaluate("document.activeElement.textContent") == "确定"
    page.keyboard.press("Enter")
    assert "回答正确" in page.inner_text(".yj-feedback")
    assert page.evaluate("document.activeElement.textContent") == "下一题"  # focus moved on
    page.keyboard.press("Enter")
    assert current_qid(page) == "t-pd-2"


def test_wrong_book_survives_reload_and_redo_drills_until_right(open_page, key):
    page = review_after_one_wrong_and_one_favourite(open_page)
    page.reload()
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    wrong = page.locator(".yj-wrong-book .yj-item")
    assert wrong.count() == 1 and wrong.get_attribute("data-qid") == "t-pd-2"
    assert "答错 1 次" in wrong.inner_text()
    wrong.locator("summary").click()
    assert "正确答案：错误　你上次的答案：正确" in wrong.inner_text()
    assert page.locator(".yj-fav-book .yj-item").count() == 1

    page.click(".yj-wrong-book button:has-text('重做错题')")
    choose(page, ["正确"])  # wrong again: asked again
    page.click(".yj-submit")
    assert "回答错误" in page.inner_text(".yj-feedback")
    page.click(".yj-nav .yj-primary")
    assert "还剩 1 题" in page.inner_text(".yj-progress-line")
    choose(page, ["错误"])
    page.click(".yj-submit")
    assert "回答正确" in page.inner_text(".yj-feedback")
    page.click(".yj-nav .yj-primary")
    assert "错题已全部答对" in page.inner_text(".yj-done")
    page.reload()
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert page.locator(".yj-wrong-book .yj-item").count() == 0
    assert page.locator(".yj-fav-book .yj-item").count() == 1  # 收藏 is separate


@HTTP_ONLY
def test_reset_clears_every_record(open_page):
    page = open_page(PRACTICE)
    choose(page, ["错误"])
    page.click(".yj-submit")
    page.click(".yj-fav")
    page.goto(f"{open_page.base}/{REVIEW}.html")
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert page.locator(".yj-item").count() == 2
    page.click(".yj-reset-all")
    page.click(".yj-confirm .yj-danger")
    assert page.locator(".yj-item").count() == 0
    page.goto(f"{open_page.base}/quiz/index.html")
    assert page.inner_text(".yj-progress") == "未开始"


def test_index_shows_progress_per_topic(open_page):
    page = open_page(PRACTICE)
    choose(page, ["正确"])
    page.click(".yj-submit")
    page.goto(f"{open_page.base}/quiz/index.html")
    page.wait_for_function("document.querySelector('.yj-progress').textContent !== '未开始'")
    assert page.inner_text(".yj-progress") == "已练 1/6，答对 1"


# -------------------------------------------------------- phone, large text


@HTTP_ONLY
@pytest.mark.parametrize("path", [PRACTICE, EXAM, REVIEW])
def test_fits_a_360px_phone_with_large_text(open_page, page, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page = open_page(path)
    page.click(".yj-large-toggle")
    if path == EXAM:
        page.click(".yj-start")
        page.click(".yj-submit-exam")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360  # confirm step
        page.click(".yj-confirm-submit")  # the result with its score table
    if path == PRACTICE:
        page.click(".yj-submit")  # the "choose first" hint
        page.check(".yj-question input >> nth=0")
        page.click(".yj-submit")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{path}: page is {width}px wide on a 360px screen"
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.yj-quiz')).fontSize)")
    assert size >= 20


@HTTP_ONLY
def test_large_text_setting_is_remembered(open_page):
    page = open_page(PRACTICE)
    page.click(".yj-large-toggle")
    page.reload()
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert "yj-large" in page.get_attribute(".yj-quiz", "class")
