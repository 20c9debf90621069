"""The quiz engine in real Chromium: practice, mock exams, timer, 错题本 — over http and file://.

The site is built once from tests/fixtures/minimal with the quiz overlay (six questions, a
one-minute blueprint `kurz`, a 少选得半分 blueprint `banfen`).
"""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from conftest import FIXTURES, copy_project, run_yingji

pytestmark = pytest.mark.browser

QUIZ = FIXTURES / "quiz"
PRACTICE = "quiz/practice/anquan-shengchan-fa"
EXAM = "quiz/exam/kurz"
REVIEW = "quiz/review"
OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")
# The core scenarios run over http and from file://; the rest over http only (fewer seconds).
HTTP_ONLY = pytest.mark.parametrize("open_page", ["http"], indirect=True)


def quiz_project(target):
    project = copy_project(FIXTURES / "minimal", target)
    shutil.rmtree(project / "quizzes")
    shutil.copytree(QUIZ / "quizzes", project / "quizzes")
    return project


@pytest.fixture(scope="session")
def quiz_site(tmp_path_factory):
    project = quiz_project(tmp_path_factory.mktemp("quiz") / "project")
    result = run_yingji(project, "build")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def key():
    """id -> question data straight from the fixture YAML (not from the engine's data)."""
    bank = yaml.safe_load((QUIZ / "quizzes" / "anquan-shengchan-fa.yml").read_text("utf-8"))
    return {
        q["id"]: {**q, "answer": q["answer"] if isinstance(q["answer"], list) else [q["answer"]]}
        for q in bank["questions"]
    }


@pytest.fixture(params=["http", "file"])
def open_page(request, quiz_site, serve_dir, page):
    """open_page('quiz/review') loads that page of the quiz site over http or from file://."""
    page.route(OUTSIDE, lambda route: route.abort())  # no outside host, and no DNS waits
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    base = serve_dir(quiz_site) if request.param == "http" else quiz_site.as_uri()

    def go(path: str):
        page.goto(f"{base}/{path}.html")
        page.wait_for_selector(".yj-quiz[data-ready='1']")
        return page

    go.base = base
    yield go
    assert not errors, errors


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
    assert page.inner_text(".yj-progress-line") == "已练 2 / 6 题，答对 1 题"


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
    page.select_option("select", label="安全生产法 · 第三章 从业人员的安全生产权利义务")
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


# ---------------------------------------------------------------------- exam


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


def test_wrong_book_survives_reload_and_redo_drills_until_right(open_page, key):
    page = open_page(PRACTICE)
    page.click(".yj-nav >> text=下一题")
    choose(page, ["正确"])  # t-pd-2 is 错误
    page.click(".yj-submit")
    page.click(".yj-fav")
    assert page.get_attribute(".yj-fav", "aria-pressed") == "true"
    page.goto(f"{open_page.base}/{REVIEW}.html")
    page.wait_for_selector(".yj-quiz[data-ready='1']")
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
def test_the_main_exam_of_the_default_content_gives_full_marks_from_the_key(built_site, page):
    """The real blueprint (70 questions, 120 minutes, 示例配置) in the real built site, from file://."""
    from conftest import REPO
    from yingji.project import load_knowledge

    knowledge = load_knowledge(REPO)[0]
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
