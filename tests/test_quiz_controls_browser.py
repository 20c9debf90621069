"""Practice and exam controls in Chromium on a phone and a laptop, over http and from file://:
背题模式, the 答题卡 and jump to N, practice by type, keyboard shortcuts, shuffled options with
the same letters in the review and the 错题本, and the exam's 答题卡 after submitting.
"""

from __future__ import annotations

import pytest

from quiz_browser_kit import EXAM, PRACTICE, REVIEW, choose, current_qid, sit_exam, wrong_choice

pytestmark = pytest.mark.browser


def option_texts(scope):
    return scope.locator(".yj-option-text").all_text_contents()


def letters(scope):
    return [t.rstrip(".") for t in scope.locator(".yj-letter").all_text_contents()]


# ------------------------------------------------------------------ practice


def test_study_mode_shows_answers_and_explanations_without_recording(screen, open_page):
    page = open_page(PRACTICE)
    page.click(".yj-study-toggle")
    assert page.get_attribute(".yj-study-toggle", "aria-pressed") == "true"
    card = page.locator(".yj-study")
    assert card.locator(".yj-study-answer").inner_text() == "答案：正确"
    assert card.locator(".yj-option.yj-good").inner_text().startswith("正确")
    assert "第五条规定主要负责人" in card.locator(".yj-explanation").inner_text()
    assert card.locator(".yj-cite a").count() == 1 and page.locator(".yj-submit").count() == 0
    page.click(".yj-nav >> text=下一题")
    assert page.inner_text(".yj-study-answer") == "答案：错误"
    page.click(".yj-nav >> text=下一题")
    assert page.inner_text(".yj-study-answer") == "答案：B"
    assert page.inner_text(".yj-progress-line") == "已练 0 / 6 题，答对 0 题"  # reading is not answering
    page.reload()
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert page.locator(".yj-study").count() == 1  # remembered
    page.click(".yj-study-toggle")
    assert page.locator(".yj-submit").count() == 1


def test_answer_sheet_jump_to_n_and_practice_by_type(screen, open_page):
    page = open_page(PRACTICE)
    choose(page, ["正确"])  # t-pd-1 right
    page.click(".yj-submit")
    page.click(".yj-nav >> text=下一题")
    choose(page, ["正确"])  # t-pd-2 wrong
    page.click(".yj-submit")
    page.click(".yj-sheet-box summary")
    cells = page.locator(".yj-sheet-box .yj-cell")
    assert cells.evaluate_all("cs => cs.map(c => c.dataset.state)") == ["right", "wrong", "todo", "todo", "todo", "todo"]
    assert "yj-current" in cells.nth(1).get_attribute("class")
    cells.nth(4).click()
    assert current_qid(page) == "t-mx-1" and page.inner_text(".yj-stage .yj-meta").startswith("第 5 / 6 题")
    page.fill(".yj-goto-input", "3")
    page.press(".yj-goto-input", "Enter")
    assert current_qid(page) == "t-dx-1"
    page.fill(".yj-goto-input", "99")  # out of range: stays
    page.click(".yj-goto-go")
    assert current_qid(page) == "t-dx-1"
    page.select_option(".yj-type-select", "多选")
    assert page.inner_text(".yj-stage .yj-meta").startswith("第 1 / 2 题 · 多选题")
    assert page.locator(".yj-sheet-box .yj-cell").count() == 2
    page.click(".yj-nav >> text=下一题")
    assert current_qid(page) == "t-mx-2"
    page.select_option(".yj-type-select", "")
    assert page.inner_text(".yj-stage .yj-meta").startswith("第 1 / 6 题")


def test_keyboard_shortcuts_choose_confirm_and_move(screen, open_page):
    page = open_page(PRACTICE)
    assert "键盘：1–5 或 A–E 选择" in page.inner_text(".yj-keyhelp")
    page.keyboard.press("1")
    assert page.is_checked(".yj-question input[value='正确']")
    page.keyboard.press("2")
    assert page.is_checked(".yj-question input[value='错误']")
    page.keyboard.press("Enter")
    assert "回答错误" in page.inner_text(".yj-feedback")
    page.keyboard.press("Enter")  # answered: Enter moves on
    assert current_qid(page) == "t-pd-2"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert current_qid(page) == "t-dx-2"
    page.keyboard.press("d")  # the fourth option shown: 2次
    page.keyboard.press("Enter")
    assert "回答正确" in page.inner_text(".yj-feedback")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("A")
    page.keyboard.press("b")
    page.keyboard.press("c")
    page.keyboard.press("c")  # 多选: a second press takes it back
    assert page.eval_on_selector_all(".yj-question input:checked", "els => els.map(e => e.value)") == ["A", "B"]
    page.keyboard.press("ArrowLeft")
    assert current_qid(page) == "t-dx-2"
    page.fill(".yj-goto-input", "1")  # typing a number into the jump box is not a shortcut
    assert current_qid(page) == "t-dx-2" and not page.is_checked(".yj-question input >> nth=0")


def test_shuffled_options_keep_their_letters_in_the_wrong_book(screen, open_page, key):
    page = open_page(PRACTICE)
    page.check("input[name='yj-setting-shuffle']")
    page.select_option(".yj-type-select", "单选")
    for _ in range(20):  # 1 in 24 shuffles leaves A-D in place
        if page.eval_on_selector_all(".yj-stage input", "els => els.map(e => e.value)") != ["A", "B", "C", "D"]:
            break
        page.select_option(".yj-type-select", "单选")
    shown = option_texts(page.locator(".yj-stage"))
    assert "选项已打乱" in page.inner_text(".yj-stage .yj-meta")
    q = key[current_qid(page)]
    wrong = wrong_choice(q)[0]
    choose(page, [wrong])
    page.click(".yj-submit")
    chosen_letter = page.locator(".yj-option.yj-bad .yj-letter").inner_text().rstrip(".")
    page.goto(f"{open_page.base}/{REVIEW}.html")
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    item = page.locator(".yj-wrong-book .yj-item")
    item.locator("summary").click()
    assert option_texts(item) == shown and "选项已打乱" in item.inner_text()
    assert f"你上次的答案：{chosen_letter}" in item.inner_text()


def open_with_query(page, base, query):
    page.goto(f"{base}/{PRACTICE}.html{query}")
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    return page


def test_related_questions_link_practises_exactly_those_with_filters_and_study(screen, open_page):
    page = open_page(PRACTICE)
    page.select_option(".yj-type-select", "多选")  # the whole topic's own filter, kept apart
    open_with_query(page, open_page.base, "?ids=t-mx-1,t-pd-2,t-dx-1,gone-1")
    assert "只练相关的 3 道题" in page.inner_text(".yj-picked")
    assert current_qid(page) == "t-pd-2" and page.inner_text(".yj-stage .yj-meta").startswith("第 1 / 3 题")
    assert page.locator(".yj-sheet-box .yj-cell").count() == 3
    choose(page, ["错误"])
    page.click(".yj-submit")
    assert "回答正确" in page.inner_text(".yj-feedback")
    page.select_option(".yj-type-select", "单选")
    assert current_qid(page) == "t-dx-1" and page.inner_text(".yj-stage .yj-meta").startswith("第 1 / 1 题")
    page.click(".yj-study-toggle")
    assert page.inner_text(".yj-study-answer") == "答案：B"
    stats = page.evaluate("JSON.parse(localStorage.getItem('yingji.quiz.stats'))")
    assert stats == {"t-pd-2~v2": {"n": 1, "r": 1, "l": 1}}  # stored under the question's version
    page.click(".yj-picked a")  # back to the whole topic, as it was left
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert page.locator(".yj-picked").count() == 0
    assert page.inner_text(".yj-stage .yj-meta").startswith("第 1 / 2 题 · 多选题")


def test_a_search_result_opens_its_question_whatever_the_filter(screen, open_page):
    page = open_page(PRACTICE)
    page.select_option(".yj-type-select", "单选")
    open_with_query(page, open_page.base, "?q=t-pd-2")  # not in the 单选 list: the whole topic
    assert current_qid(page) == "t-pd-2" and page.inner_text(".yj-stage .yj-meta").startswith("第 2 / 6 题")
    assert page.input_value(".yj-type-select") == ""
    choose(page, ["正确"])
    page.click(".yj-submit")
    assert "回答错误" in page.inner_text(".yj-feedback")
    open_with_query(page, open_page.base, "?q=t-dx-2")  # in the list: the order is kept
    assert current_qid(page) == "t-dx-2" and page.inner_text(".yj-stage .yj-meta").startswith("第 4 / 6 题")
    page.click(".yj-sheet-box summary")
    states = page.locator(".yj-sheet-box .yj-cell").evaluate_all("cs => cs.map(c => c.dataset.state)")
    assert states == ["todo", "wrong", "todo", "todo", "todo", "todo"]
    open_with_query(page, open_page.base, "?q=no-such-question")  # a bank changed since: where it was
    assert current_qid(page) == "t-dx-2"


# ------------------------------------------------------------------- exam


def test_exam_review_and_wrong_book_show_the_same_letters(screen, open_page, key):
    page = open_page(EXAM)
    sit_exam(page, key, wrong_choice)
    page.click(".yj-submit-exam")
    page.click(".yj-confirm-submit")
    page.wait_for_selector(".yj-result")  # after the explanations' file has loaded
    reviewed = {}
    cards = page.locator(".yj-wrong-review .yj-card")
    for i in range(cards.count()):
        card = cards.nth(i)
        reviewed[card.locator(".yj-question").get_attribute("data-qid")] = (option_texts(card), letters(card))
    page.goto(f"{open_page.base}/{REVIEW}.html")
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    items = page.locator(".yj-wrong-book .yj-item")
    assert items.count() == 6
    for i in range(6):
        item = items.nth(i)
        assert (option_texts(item), letters(item)) == reviewed[item.get_attribute("data-qid")]


def test_exam_marks_and_the_answer_sheet_after_submitting(screen, open_page, key):
    page = open_page(EXAM)
    page.click(".yj-start")
    choose(page, key[current_qid(page)]["answer"])  # 1 right
    page.click(".yj-nav >> text=下一题")
    choose(page, wrong_choice(key[current_qid(page)]))  # 2 wrong
    page.keyboard.press("m")  # 标记 by keyboard
    assert page.get_attribute(".yj-mark", "aria-pressed") == "true"
    page.click(".yj-nav >> text=上一题")
    assert page.get_attribute(".yj-mark", "aria-pressed") == "false"
    assert [c for c in page.locator(".yj-sheet .yj-cell").evaluate_all("cs => cs.map(c => c.className)") if "yj-marked" in c]
    page.click(".yj-submit-exam")
    page.click(".yj-confirm-submit")
    review = page.locator(".yj-wrong-review")
    assert review.locator("h2").inner_text() == "逐题回顾（答错 1 题、未作答 4 题）"
    assert "未作答的题按答错计分，但不记入错题本" in review.inner_text()
    cells = review.locator(".yj-cell")
    assert cells.evaluate_all("cs => cs.map(c => c.dataset.state)") == ["right", "wrong", "blank", "blank", "blank", "blank"]
    cells.nth(0).click()  # a right answer: folded, opened by the sheet
    assert page.locator("#yj-review-1").get_attribute("open") is not None
    assert "✔ 回答正确" in page.inner_text("#yj-review-1")
    cells.nth(4).click()
    assert page.locator("#yj-review-5").is_visible()
    assert page.locator(".yj-wrong-review .yj-card").count() == 5
    page.goto(f"{open_page.base}/{REVIEW}.html")
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert page.locator(".yj-wrong-book .yj-item").count() == 1  # blank ones are not booked
