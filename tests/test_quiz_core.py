"""The quiz engine's logic in Chromium without a site build: theme_overrides/assets/yingji/
quiz-core.js (and quiz-exam.js for scoring a whole attempt) on a tiny harness page.

The harness is served from a made-up http origin by Playwright itself (page.route), so
localStorage works as on the real site and nothing is built or started. The end-to-end
scenarios on a built quiz site are in test_quiz_*_browser.py.
"""

from __future__ import annotations

import time

import pytest

from conftest import REPO

pytestmark = pytest.mark.browser

ORIGIN = "http://yingji.test"
ASSETS = REPO / "theme_overrides" / "assets" / "yingji"
HARNESS = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head>
<body><div class="yj-quiz" id="root"></div>{scripts}</body></html>"""

TF = {"id": "tf1", "type": "判断", "stem": "判断题", "answer": ["正确"], "explanation": "因为。"}
SINGLE = {"id": "s1", "type": "单选", "stem": "单选题", "options": {"A": "甲", "B": "乙", "C": "丙", "D": "丁"},
          "answer": ["C"], "explanation": "因为。"}
MULTI = {"id": "m1", "type": "多选", "stem": "多选题", "options": {"A": "甲", "B": "乙", "C": "丙", "D": "丁"},
         "answer": ["A", "B", "D"], "explanation": "因为。", "cites": ["law#a1", "law#a9"]}


@pytest.fixture
def quiz(page):
    """open(path, *scripts) loads a harness page at ORIGIN/path with the engine's scripts."""

    def serve(route):
        path = route.request.url.removeprefix(ORIGIN + "/").split("?")[0]
        if path.startswith("assets/yingji/") and (ASSETS / path.rsplit("/", 1)[1]).is_file():
            route.fulfill(path=str(ASSETS / path.rsplit("/", 1)[1]), content_type="text/javascript")
        elif path.endswith((".html", "/")):
            tags = "".join(f'<script src="/assets/yingji/{name}"></script>' for name in serve.scripts)
            route.fulfill(body=HARNESS.format(scripts=tags), content_type="text/html; charset=utf-8")
        else:
            route.fulfill(status=404, body="")

    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.route(f"{ORIGIN}/**", serve)

    def open_page(path="quiz/harness.html", *scripts):
        serve.scripts = scripts or ("quiz-core.js",)
        page.goto(f"{ORIGIN}/{path}")
        page.wait_for_function("window.yingjiQuiz && window.yingjiQuiz.started")
        return page

    yield open_page
    assert not errors, errors


def case_id(value):
    """Readable ASCII ids: tf/single/multi, the chosen keys, the rule."""
    if isinstance(value, dict) and "type" in value:
        return {"判断": "tf", "单选": "single", "多选": "multi"}[value["type"]]
    if isinstance(value, list):
        return "".join({"正确": "T", "错误": "F"}.get(v, v) for v in value) or "none"
    return {"少选得半分": "half", "全对才得分": "all"}.get(value) if isinstance(value, str) else None


def js(page, body: str, *args):
    """Evaluate `body` (a function body; Q is the engine, a the argument list) on the page."""
    return page.evaluate(f"(a) => {{ const Q = window.yingjiQuiz; {body} }}", list(args))


# -- scoring ----------------------------------------------------------------------------


def test_choices_of_each_type(quiz):
    page = quiz()
    assert js(page, "return a.map(q => Q.choices(q));", TF, SINGLE, MULTI) == [
        ["正确", "错误"], ["A", "B", "C", "D"], ["A", "B", "C", "D"]]


@pytest.mark.parametrize("q, selected, right", [
    (TF, ["正确"], True), (TF, ["错误"], False), (TF, [], False),
    (SINGLE, ["C"], True), (SINGLE, ["A"], False), (SINGLE, ["C", "A"], False),
    (MULTI, ["D", "A", "B"], True), (MULTI, ["A", "B"], False), (MULTI, ["A", "B", "C", "D"], False),
    (MULTI, None, False),
], ids=case_id)
def test_is_right_needs_exactly_the_answer_in_any_order(quiz, q, selected, right):
    assert js(quiz(), "return Q.isRight(a[0], a[1]);", q, selected) is right


@pytest.mark.parametrize("q, selected, half_rule, all_or_nothing", [
    (MULTI, ["A", "B", "D"], 4, 4),  # all right: full marks under both rules
    (MULTI, ["B", "A"], 2, 0),  # fewer, all correct: half under 少选得半分
    (MULTI, ["D"], 2, 0),
    (MULTI, ["A", "C"], 0, 0),  # one wrong choice: nothing
    (MULTI, ["A", "B", "C", "D"], 0, 0),  # more than the answer: nothing
    (MULTI, [], 0, 0),  # unanswered: nothing
    (SINGLE, ["C"], 4, 4),
    (SINGLE, ["A"], 0, 0),  # the half rule is for 多选 only
    (TF, ["正确"], 4, 4),
    (TF, ["错误"], 0, 0),
], ids=case_id)
def test_points_under_both_multi_scoring_rules(quiz, q, selected, half_rule, all_or_nothing):
    page = quiz()
    got = js(page, "return [Q.points(a[0], a[1], 4, '少选得半分'), Q.points(a[0], a[1], 4, '全对才得分')];", q, selected)
    assert got == [half_rule, all_or_nothing]


def test_scores_are_shown_with_at_most_two_decimals(quiz):
    assert js(quiz(), "return [2, 1.5, 1 / 3, 0.1 + 0.2, 97.005].map(Q.fmt);") == ["2", "1.5", "0.33", "0.3", "97.01"]


# -- shuffled options -------------------------------------------------------------------


def test_shuffle_is_a_permutation_that_reaches_every_position(quiz):
    positions = js(quiz(), """
        const keys = ["A", "B", "C", "D"], seen = {A: {}, B: {}, C: {}, D: {}};
        for (let n = 0; n < 200; n++) {
          const s = Q.shuffle(keys);
          if (s.slice().sort().join("") !== "ABCD") return "not a permutation: " + s.join("");
          s.forEach((k, i) => { seen[k][i] = 1; });
        }
        if (keys.join("") !== "ABCD") return "the input was changed";
        return Object.keys(seen).map(k => Object.keys(seen[k]).length);
    """)
    assert positions == [4, 4, 4, 4]  # each key landed in each of the four places


def test_shuffled_options_keep_the_answer_and_letter_by_position(quiz):
    page = quiz()
    order = ["D", "A", "C", "B"]
    shown = js(page, """
        const [q, order] = a, view = Q.questionView(q, {order: order, number: 3, total: 10});
        document.getElementById("root").appendChild(view.node);
        return {
          letters: Array.from(view.node.querySelectorAll(".yj-letter")).map(n => n.textContent),
          texts: Array.from(view.node.querySelectorAll(".yj-option-text")).map(n => n.textContent),
          values: view.inputs.map(i => i.value),
          types: view.inputs.map(i => i.type),
          meta: view.node.querySelector(".yj-meta").textContent,
          answer: Q.answerText(q, order, q.answer),
          none: Q.answerText(q, order, []),
        };
    """, MULTI, order)
    assert shown["letters"] == ["A.", "B.", "C.", "D."]  # letters follow the shown position
    assert shown["texts"] == ["丁", "甲", "丙", "乙"] and shown["values"] == order  # values stay the keys
    assert shown["types"] == ["checkbox"] * 4 and shown["meta"].startswith("第 3 / 10 题 · 多选题")
    assert shown["answer"] == "ABD"  # 丁 甲 乙 shown as A, B, D
    assert shown["none"] == "未作答"


def test_choosing_the_shown_right_options_is_right(quiz):
    page = quiz()
    verdict = js(page, """
        const [q, order] = a, view = Q.questionView(q, {order: order});
        document.getElementById("root").appendChild(view.node);
        view.inputs.forEach(i => { if (q.answer.includes(i.value)) i.click(); });
        view.lock();
        view.mark();
        return {
          selected: view.selected(), right: Q.isRight(q, view.selected()),
          disabled: view.inputs.every(i => i.disabled),
          good: view.node.querySelectorAll(".yj-good").length,
        };
    """, SINGLE, ["B", "C", "D", "A"])
    assert verdict == {"selected": ["C"], "right": True, "disabled": True, "good": 1}


def test_true_false_options_are_never_lettered(quiz):
    page = quiz()
    assert js(page, "return [Q.label(a[0], ['正确', '错误'], '错误'), Q.answerText(a[0], ['正确', '错误'], ['正确'])];",
              TF) == ["错误", "正确"]


def test_feedback_shows_the_right_answer_by_shown_letter_and_the_citations(quiz):
    page = quiz("quiz/practice/x.html")
    feedback = js(page, """
        const [q, order] = a;
        const cites = [{title: "《法》第一条", url: "laws/law.md#a1", text: "第一行\\n\\n第二行"}];
        const node = Q.feedbackView(q, order, ["A"], cites, "本题得 2 分");
        return {
          cls: node.className, text: node.textContent,
          href: node.querySelector(".yj-cite a").href,
          quoted: node.querySelectorAll(".yj-cite blockquote p").length,
        };
    """, MULTI, ["D", "A", "C", "B"])
    assert feedback["cls"] == "yj-feedback yj-wrong"
    assert "正确答案：ABD" in feedback["text"] and "你的答案：B" in feedback["text"]
    assert "本题得 2 分" in feedback["text"]
    assert feedback["href"] == f"{ORIGIN}/laws/law.html#a1" and feedback["quoted"] == 2


@pytest.mark.parametrize("path, expected", [
    ("quiz/practice/x.html", "laws/x.html#a3"),  # pages as files (the offline plugin)
    ("quiz/practice/x/", "laws/x/#a3"),  # directory URLs
])
def test_site_links_follow_how_the_page_is_served(quiz, path, expected):
    page = quiz(path)
    assert js(page, "return [Q.siteUrl('laws/x.md#a3'), Q.siteUrl('index.md')];") == [
        f"{ORIGIN}/{expected}", f"{ORIGIN}/" + ("index.html" if path.endswith(".html") else "")]


# -- 错题本, 收藏 and progress in localStorage ---------------------------------------------


def test_wrong_book_counts_each_miss_and_keeps_the_last_answer(quiz):
    page = quiz()
    book = js(page, """
        const snap = Q.snapshot(a[0], {"law#a1": {title: "第一条"}}, "测验");
        Q.book.addWrong(snap, ["A"]);
        Q.book.addWrong(snap, ["A", "C"]);
        Q.book.addWrong(Q.snapshot(a[1], {}), []);
        const stored = JSON.parse(localStorage.getItem(Q.KEYS.wrong));
        const first = {n: stored.m1.n, a: stored.m1.a, cites: stored.m1.q.cites, source: stored.m1.q.source};
        Q.book.removeWrong("m1");
        return {first: first, left: Object.keys(Q.book.wrong()), unanswered: stored.s1.a};
    """, MULTI, SINGLE)
    # the unresolvable citation law#a9 is dropped from the snapshot, the resolved one kept
    assert book["first"] == {"n": 2, "a": ["A", "C"], "cites": [{"title": "第一条"}], "source": "测验"}
    assert book["left"] == ["s1"] and book["unanswered"] == []


def test_favourites_toggle_and_progress_is_per_topic(quiz):
    page = quiz()
    state = js(page, """
        const snap = Q.snapshot(a[0], {});
        const on = Q.book.toggleFav(snap), fav = Q.book.isFav("s1");
        const off = Q.book.toggleFav(snap);
        Q.book.markProgress("t1", "s1", true);
        Q.book.markProgress("t1", "m1", false);
        Q.book.markProgress("t1", "s1", false);
        Q.book.markProgress("t2", "x", true);
        return [on, fav, off, Q.book.isFav("s1"), Q.book.progress("t1"), Q.book.progress("t2"), Q.book.progress("t3")];
    """, SINGLE)
    assert state == [True, True, False, False, {"s1": 0, "m1": 0}, {"x": 1}, {}]


def test_clear_all_removes_only_the_quiz_keys_and_a_reload_keeps_the_rest(quiz):
    page = quiz()
    js(page, """
        Q.book.addWrong(Q.snapshot(a[0], {}), ["A"]);
        Q.book.toggleFav(Q.snapshot(a[0], {}));
        localStorage.setItem("other.app", "1");
    """, SINGLE)
    page.reload()
    page.wait_for_function("window.yingjiQuiz && window.yingjiQuiz.started")
    kept = js(page, "const w = Object.keys(Q.book.wrong()); Q.book.clearAll(); return [w, Object.keys(localStorage)];")
    assert kept == [["s1"], ["other.app"]]


def test_without_storage_the_books_live_in_memory(quiz):
    page = quiz()
    state = js(page, """
        const blocked = () => { throw new DOMException("denied", "SecurityError"); };
        Storage.prototype.getItem = blocked;
        Storage.prototype.setItem = blocked;
        Q.book.addWrong(Q.snapshot(a[0], {}), ["B"]);
        Q.book.addWrong(Q.snapshot(a[0], {}), ["D"]);
        return [Q.storageOk(), Q.book.wrong().s1.n, Q.book.wrong().s1.a];
    """, SINGLE)
    assert state == [False, 2, ["D"]]


# -- a whole exam attempt: points per part, pass mark, what goes into the 错题本 -------------

EXAM = {"parts": [{"type": "判断", "count": 1, "points": 2}, {"type": "多选", "count": 1, "points": 4}],
        "total": 6, "pass_mark": 4, "time_limit_minutes": 1, "note": None}


def expired_attempt(answers):
    """An attempt whose time ran out while the page was closed (it is submitted on sight)."""
    now = int(time.time() * 1000)
    return {"started": now - 120_000, "ends": now - 60_000, "pos": 0, "answers": answers,
            "items": [{"id": "tf1", "part": 0, "order": ["正确", "错误"]},
                      {"id": "m1", "part": 1, "order": ["C", "A", "D", "B"]}]}


@pytest.mark.parametrize("rule, answers, parts, passed, booked", [
    # 判断 right (2) + 多选 two of three (half of 4 = 2): exactly the pass mark
    ("少选得半分", {"0": ["正确"], "1": ["A", "B"]}, ["2", "2"], "1", ["m1"]),
    ("全对才得分", {"0": ["正确"], "1": ["A", "B"]}, ["2", "0"], "0", ["m1"]),
    ("全对才得分", {"0": ["错误"], "1": ["B", "D", "A"]}, ["0", "4"], "1", ["tf1"]),
    # unanswered questions score nothing and are reviewed, not booked
    ("少选得半分", {"1": ["C"]}, ["0", "0"], "0", ["m1"]),
], ids=["half-pass-at-the-mark", "all-or-nothing-fails", "all-or-nothing-passes", "unanswered-not-booked"])
def test_an_attempt_is_scored_per_part_against_the_pass_mark(quiz, rule, answers, parts, passed, booked):
    page = quiz("quiz/exam/x.html", "quiz-core.js", "quiz-exam.js")
    data = {"id": "x", "title": "测验", "exam": {**EXAM, "multi_scoring": rule}, "questions": [TF, MULTI], "refs": {}}
    result = js(page, """
        const [data, attempt] = a, root = document.getElementById("root");
        localStorage.setItem(Q.KEYS.exam + data.id, JSON.stringify(attempt));
        Q.modes.exam(root, data);
        const box = root.querySelector(".yj-result");
        return {
          score: box.dataset.score, passed: box.dataset.passed, auto: !!root.querySelector(".yj-auto-note"),
          parts: Array.from(root.querySelectorAll(".yj-part-score")).map(n => n.textContent),
          booked: Object.keys(Q.book.wrong()).sort(), left: localStorage.getItem(Q.KEYS.exam + data.id),
        };
    """, data, expired_attempt(answers))
    assert result == {"score": str(sum(map(int, parts))), "passed": passed, "auto": True, "parts": parts,
                      "booked": booked, "left": None}
