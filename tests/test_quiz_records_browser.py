"""What the device remembers, in Chromium on a phone and a laptop, over http and from file://:
考试记录 with a score chart, the printable 成绩单, accuracy per topic and 练薄弱, the spaced
review (今日复习), and records of questions that left the bank.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from quiz_browser_kit import EXAM, PRACTICE, REVIEW, choose, current_qid, sit_exam, wrong_choice

pytestmark = pytest.mark.browser
RECORDS = "quiz/records"
SHEET = "quiz/scoresheet"
HOME = "quiz/index"
TOPIC2 = "quiz/practice/yingji-changshi"


def submit(page):
    page.click(".yj-submit-exam")
    page.click(".yj-confirm-submit")
    page.wait_for_selector(".yj-result")


def stored(page, name: str):
    return json.loads(page.evaluate("(k) => localStorage.getItem(k)", f"yingji.quiz.{name}") or "null")


def store(page, name: str, value) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"yingji.quiz.{name}", json.dumps(value, ensure_ascii=False)])


def today(page) -> int:
    return page.evaluate("window.yingjiQuizLogic.dayNumber(Date.now())")


def answer_in_practice(page, key, count, right):
    """Answer `count` questions of the practice page in order, right or wrong."""
    for i in range(count):
        q = key[current_qid(page)]
        choose(page, q["answer"] if right else wrong_choice(q))
        page.click(".yj-submit")
        if i < count - 1:
            page.click(".yj-nav >> text=下一题")


# ------------------------------------------------------------------ 考试记录


def test_finished_exams_are_kept_with_a_score_chart(screen, open_page, key):
    page = open_page(EXAM)
    sit_exam(page, key, lambda q: q["answer"])
    submit(page)
    page.click(".yj-result >> text=再考一次")
    sit_exam(page, key, wrong_choice)
    submit(page)
    page.click(".yj-records-link")
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    section = page.locator(".yj-exam-records[data-exam='kurz']")
    assert section.locator("h2").inner_text() == "短时模拟考试（2 次）"
    assert section.locator(".yj-readiness").inner_text() == "最近 2 次：合格 1 次，平均得分率 50%，成绩在下降。"
    assert page.locator(".yj-chart-pass-dot").count() == 1 and page.locator(".yj-chart-fail-dot").count() == 1
    assert page.locator(".yj-chart-pass").count() == 1  # the pass line
    rows = section.locator(".yj-record")
    assert rows.count() == 2
    newest = rows.nth(0)
    assert "0 / 6 分" in newest.inner_text() and "不合格" in newest.inner_text() and "用时 0 分" in newest.inner_text()
    newest.locator("summary").click()
    assert newest.locator("tr[data-type='单选'] td").all_inner_texts() == ["2", "0", "0", "2"]
    assert newest.locator(".yj-topic-table tr[data-topic='anquan-shengchan-fa'] td").all_inner_texts() == ["6", "0", "0%"]
    records = stored(page, "records")
    assert [r["score"] for r in records] == [6, 0] and records[1]["items"][0]["k"].split("~")[0] in key
    assert "第一责任人" not in json.dumps(records, ensure_ascii=False)  # keys and answers, no question text


def test_the_score_sheet_prints_on_a4_with_name_scores_and_wrong_answers(screen, open_page, key, tmp_path):
    page = open_page(EXAM)
    sit_exam(page, key, lambda q: wrong_choice(q) if q["type"] == "单选" else q["answer"])
    submit(page)
    page.click(".yj-print-link")
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    paper = page.locator(".yj-paper")
    assert paper.locator(".yj-paper-title").inner_text() == "短时模拟考试 成绩单"
    page.fill(".yj-person-name", "张三")
    page.fill(".yj-person-unit", "示例化工有限公司")
    assert paper.locator(".yj-fact-得分").inner_text() == "4 分（满分 6 分，合格线 4 分）"
    assert paper.locator(".yj-fact-结论").inner_text() == "合格"
    assert paper.locator(".yj-score-table").count() == 2  # per type, per topic
    wrong = paper.locator(".yj-sheet-wrong li")
    assert wrong.count() == 2
    assert {wrong.nth(i).get_attribute("value") for i in range(2)} == {"3", "4"}  # the 单选 part
    texts = wrong.all_inner_texts()
    assert any("正确答案：" in t and "主要负责人" in t for t in texts)  # the letter and the option's text
    assert "培训老师签名" in paper.inner_text()
    page.reload()
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert page.input_value(".yj-person-name") == "张三"  # remembered on the device
    page.emulate_media(media="print")
    assert not page.is_visible(".md-header") and not page.is_visible(".yj-print") and page.is_visible(".yj-paper")
    assert not page.is_visible("article h1")
    pdf = tmp_path / "sheet.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)", info), info
    assert re.search(r"Pages:\s+1\n", info), info  # the six-question sheet fits one page, no blank page after it
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "张三" in text and "示例化工有限公司" in text and "培训老师签名" in text and "成绩单" in text
    assert "测试县应急管理知识与培训" not in text  # the site's header is not printed


def test_without_records_the_pages_say_so(screen, open_page):
    page = open_page(SHEET)
    assert "本机还没有考试记录" in page.inner_text(".yj-quiz")
    page = open_page(RECORDS)
    assert "还没有考试记录" in page.inner_text(".yj-quiz")


# ------------------------------------------------------------------ 薄弱专题


def test_accuracy_per_topic_and_practising_the_weakest(screen, open_page, key):
    page = open_page(PRACTICE)
    answer_in_practice(page, key, 4, right=False)
    page = open_page(TOPIC2)
    answer_in_practice(page, key, 3, right=True)
    page = open_page(HOME)
    weak = page.locator(".yj-home-weak li").all_inner_texts()
    assert weak == ["安全生产法：正确率 0%（答 4 次）", "应急常识：正确率 100%（答 3 次）"]
    assert page.inner_text(".yj-progress[data-topic='anquan-shengchan-fa']") == "已练 4/6，答对 0"
    page = open_page(RECORDS)
    assert page.locator(".yj-topic-accuracy tr[data-topic]").evaluate_all("rows => rows.map(r => r.dataset.topic)") == [
        "anquan-shengchan-fa", "yingji-changshi"]
    page = open_page(HOME)
    page.click(".yj-weak-link")
    page.wait_for_selector(".yj-quiz[data-ready='1'] .yj-question")
    assert page.inner_text(".yj-progress-line") == "练薄弱（安全生产法）：还剩 6 题（共 6 题）"
    seen = []
    for _ in range(6):
        seen.append(page.get_attribute(".yj-question", "data-qid"))
        choose(page, key[seen[-1]]["answer"])
        page.click(".yj-submit")
        page.click(".yj-nav .yj-primary")
    assert seen[:4] == ["t-pd-1", "t-pd-2", "t-dx-1", "t-dx-2"] and sorted(seen[4:]) == ["t-mx-1", "t-mx-2"]  # wrong ones first
    assert "答对 6 / 6 题" in page.inner_text(".yj-done")


# ------------------------------------------------------------------ 今日复习


def test_wrong_and_favourite_questions_come_back_on_a_spaced_schedule(screen, open_page, key):
    page = open_page(PRACTICE)
    choose(page, ["正确"])  # t-pd-1 right
    page.click(".yj-submit")
    page.click(".yj-fav")
    page.click(".yj-nav >> text=下一题")
    choose(page, ["正确"])  # t-pd-2 wrong
    page.click(".yj-submit")
    day = today(page)
    assert stored(page, "sched") == {"t-pd-1": {"b": 1, "d": day + 1}, "t-pd-2~v2": {"b": 1, "d": day + 1}}
    page = open_page(HOME)
    assert page.inner_text(".yj-home-today").replace("\n", "") == "今日复习 0 题（明天 2 题）"
    store(page, "sched", {"t-pd-1": {"b": 1, "d": day + 1}, "t-pd-2~v2": {"b": 1, "d": day}})  # a day later for one
    page.reload()
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert page.inner_text(".yj-home-today strong") == "今日复习 1 题"
    page.click(".yj-today-link")
    page.wait_for_selector(".yj-quiz[data-ready='1'] .yj-question")
    assert page.inner_text(".yj-progress-line") == "今日复习：还剩 1 题（共 1 题）"
    assert page.get_attribute(".yj-question", "data-qid") == "t-pd-2"
    choose(page, ["错误"])
    page.click(".yj-submit")
    page.click(".yj-nav .yj-primary")
    assert "今日复习完成" in page.inner_text(".yj-done") and "答对 1 / 1 题" in page.inner_text(".yj-done")
    assert stored(page, "sched")["t-pd-2~v2"] == {"b": 2, "d": day + 2}  # a longer wait
    page.click("text=返回错题本与收藏")
    assert page.inner_text(".yj-today h2") == "今日复习（0 题）"
    assert "明天到期 1 题" in page.inner_text(".yj-today")


# ------------------------------------------------------------ bank changes


GONE = {"n": 1, "t": 1, "a": ["正确"]}


def test_records_of_a_removed_question_disappear_gracefully(screen, open_page):
    page = open_page(REVIEW)
    day = today(page)
    store(page, "wrong", {"gone-1": GONE, "t-pd-1": {"n": 2, "t": 2, "a": ["错误"]}})
    store(page, "fav", {"gone-2": {"t": 1}})
    store(page, "sched", {"gone-1": {"b": 1, "d": day}, "gone-2": {"b": 3, "d": day}, "t-pd-1": {"b": 1, "d": day}})
    store(page, "stats", {"gone-1": {"n": 3, "r": 0, "l": 0}, "t-pd-1": {"n": 2, "r": 0, "l": 0}})
    record = {"id": "r1", "exam": "kurz", "title": "短时模拟考试", "at": 1_700_000_000_000, "used": 65_000, "auto": False,
              "score": 1, "total": 6, "pass": 4, "passed": False,
              "parts": [{"type": "判断", "count": 2, "right": 1, "score": 1, "full": 2}],
              "topics": {"anquan-shengchan-fa": {"count": 1, "right": 1}, "weg": {"count": 1, "right": 0}},
              "items": [{"k": "t-pd-1", "p": 0, "o": ["正确", "错误"], "a": ["正确"], "s": "right"},
                        {"k": "gone-1", "p": 0, "o": ["正确", "错误"], "a": ["错误"], "s": "wrong"}]}
    store(page, "records", [record])
    page.reload()
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert page.locator(".yj-wrong-book .yj-item").evaluate_all("els => els.map(e => e.dataset.qid)") == ["t-pd-1"]
    assert page.locator(".yj-fav-book .yj-item").count() == 0
    assert page.inner_text(".yj-today h2") == "今日复习（1 题）"
    assert "复习计划中共 1 题" in page.inner_text(".yj-today")
    # left out, not deleted: sites opened from file:// share one storage, the question may be another site's
    assert "gone-1" in stored(page, "wrong") and set(stored(page, "sched")) == {"gone-1", "gone-2", "t-pd-1"}
    page = open_page(SHEET)
    items = page.locator(".yj-sheet-wrong li")
    assert items.count() == 1 and items.inner_text() == "（此题已从题库中删除）" and items.get_attribute("value") == "2"
    assert "（已删除的专题）" in page.inner_text(".yj-paper")
    page = open_page(RECORDS)
    assert page.locator(".yj-record").count() == 1
    page = open_page(HOME)
    assert page.inner_text(".yj-home-today strong") == "今日复习 1 题"
