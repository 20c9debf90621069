/* Unit tests of theme_overrides/assets/yingji/quiz-logic.js, run by harness.html.
 * Each test("name", fn) becomes one pytest case in tests/test_quiz_logic.py. */
var L = window.yingjiQuizLogic;

var TF = { id: "tf1", type: "判断", answer: ["正确"], topic: "a" };
var SINGLE = { id: "s1", type: "单选", options: { A: "甲", B: "乙", C: "丙", D: "丁" }, answer: ["C"], topic: "a" };
var MULTI = { id: "m1", key: "m1~v2", type: "多选", options: { A: "甲", B: "乙", C: "丙", D: "丁" }, answer: ["A", "B", "D"], topic: "b" };

/* ---------------------------------------------------------------- questions */

test("qkey is the id, or id~vN from version 2 on", function () {
  eq([L.qkey(TF), L.qkey(MULTI)], ["tf1", "m1~v2"]);
  var current = L.currentKey("m1~v2 x~v3");
  eq(["m1", "m1~v2", "x~v2", "x~v3", "tf1"].map(current), [false, true, false, true, true]);
});

test("points: 少选得半分 gives half for a right subset of a 多选, nothing else", function () {
  eq([["A", "B", "D"], ["A"], ["A", "C"], [], null].map(function (s) { return L.points(MULTI, s, 4, "少选得半分"); }), [4, 2, 0, 0, 0]);
  eq([["A", "B", "D"], ["A"]].map(function (s) { return L.points(MULTI, s, 4, "全对才得分"); }), [4, 0]);
  eq(L.points(SINGLE, ["A"], 4, "少选得半分"), 0);
});

test("shuffle with a seed is a repeatable permutation and leaves the input alone", function () {
  var keys = ["A", "B", "C", "D", "E"];
  var a = L.shuffle(keys, seeded(7));
  eq(a, L.shuffle(keys, seeded(7)));
  eq(a.slice().sort(), keys);
  eq(keys, ["A", "B", "C", "D", "E"]);
  ok(a.join("") !== "ABCDE", "seed 7 moves something");
});

test("option order: 判断 never shuffled; isShuffled tells a changed order", function () {
  eq(L.optionOrder(TF, true, seeded(1)), ["正确", "错误"]);
  eq(L.optionOrder(SINGLE, false), ["A", "B", "C", "D"]);
  var order = L.optionOrder(SINGLE, true, seeded(3));
  eq(order.slice().sort(), ["A", "B", "C", "D"]);
  eq([L.isShuffled(SINGLE, order), L.isShuffled(SINGLE, ["A", "B", "C", "D"]), L.isShuffled(SINGLE, null)],
    [order.join("") !== "ABCD", false, false]);
});

test("runs lists question numbers compactly", function () {
  eq(L.runs([8, 1, 2, 3, 5, 7]), [[1, 3], [5, 5], [7, 8]]);
  eq(L.runs([]), []);
  var all = [];
  for (var i = 1; i <= 100; i++) all.push(i);
  eq(L.runs(all), [[1, 100]]);
});

test("fmt shows at most two decimals", function () {
  eq([2, 1.5, 1 / 3, 0.1 + 0.2].map(L.fmt), ["2", "1.5", "0.33", "0.3"]);
});

/* ---------------------------------------------------------------- drawing */

function pool() {
  var list = [];
  for (var n = 0; n < 30; n++) {
    list.push({ id: "q" + n, type: n % 3 === 0 ? "多选" : n % 2 ? "单选" : "判断", group: n % 4 === 0 ? "g" + (n % 8) : null, options: { A: 1, B: 2, C: 3 } });
  }
  return list;
}

test("drawParts fills each part and never takes two of a group", function () {
  var parts = [{ type: "判断", count: 4 }, { type: "单选", count: 5 }, { type: "多选", count: 3 }];
  for (var seed = 1; seed < 40; seed++) {
    var rnd = seeded(seed);
    var drawn = L.drawParts(parts, pool(), function (l) { return L.shuffle(l, rnd); });
    eq(drawn.map(function (p) { return p.length; }), [4, 5, 3]);
    var groups = {};
    drawn.forEach(function (part, p) {
      part.forEach(function (q) {
        eq(q.type, parts[p].type);
        var g = q.group || "~" + q.id;
        ok(!groups[g], "group " + g + " twice");
        groups[g] = 1;
      });
    });
  }
});

test("drawParts is null when the pool cannot fill the parts", function () {
  eq(L.drawParts([{ type: "判断", count: 2 }], [TF]), null);
});

test("newAttempt draws items with shuffled options and the time limit", function () {
  var bp = { time_limit_minutes: 2, parts: [{ type: "判断", count: 1, points: 1 }, { type: "多选", count: 1, points: 2 }] };
  var a = L.newAttempt(bp, [TF, SINGLE, MULTI], 1000, seeded(5));
  eq(a.items.map(function (i) { return [i.id, i.part]; }), [["tf1", 0], ["m1~v2", 1]]);
  eq(a.items[0].order, ["正确", "错误"]);
  eq(a.items[1].order.slice().sort(), ["A", "B", "C", "D"]);
  eq([a.started, a.ends, a.answers, a.marks, a.pos], [1000, 121000, {}, {}, 0]);
  eq(L.newAttempt({ time_limit_minutes: null, parts: [] }, [], 5).ends, null);
});

/* ---------------------------------------------------------------- scoring */

var BP = {
  total: 10, pass_mark: 6, multi_scoring: "少选得半分",
  parts: [{ type: "判断", count: 1, points: 2 }, { type: "单选", count: 1, points: 4 }, { type: "多选", count: 1, points: 4 }]
};
var BY_KEY = { tf1: TF, s1: SINGLE, "m1~v2": MULTI };
var ITEMS = [{ id: "tf1", part: 0 }, { id: "s1", part: 1 }, { id: "m1~v2", part: 2 }];

test("scoreAttempt: all right, all wrong and at the pass mark", function () {
  var right = L.scoreAttempt(BP, { items: ITEMS, answers: { 0: ["正确"], 1: ["C"], 2: ["D", "B", "A"] } }, BY_KEY);
  eq([right.total, right.passed, right.states], [10, true, ["right", "right", "right"]]);
  var wrong = L.scoreAttempt(BP, { items: ITEMS, answers: { 0: ["错误"], 1: ["A"], 2: ["C"] } }, BY_KEY);
  eq([wrong.total, wrong.passed, wrong.states], [0, false, ["wrong", "wrong", "wrong"]]);
  // 判断 2 + 多选 half of 4 = 2 + 单选 blank = 4: under the mark; with 单选 right 8
  var half = L.scoreAttempt(BP, { items: ITEMS, answers: { 0: ["正确"], 2: ["A", "B"] } }, BY_KEY);
  eq([half.total, half.passed, half.states], [4, false, ["right", "blank", "half"]]);
  var boundary = L.scoreAttempt(Object.assign({}, BP, { pass_mark: 4 }), { items: ITEMS, answers: { 0: ["正确"], 2: ["A", "B"] } }, BY_KEY);
  eq(boundary.passed, true);
});

test("scoreAttempt counts per part and per topic", function () {
  var r = L.scoreAttempt(BP, { items: ITEMS, answers: { 0: ["正确"], 1: ["B"], 2: ["A", "B", "D"] } }, BY_KEY);
  eq(r.parts, [
    { type: "判断", count: 1, right: 1, score: 2, full: 2 },
    { type: "单选", count: 1, right: 0, score: 0, full: 4 },
    { type: "多选", count: 1, right: 1, score: 4, full: 4 }
  ]);
  eq(r.topics, { a: { count: 2, right: 1 }, b: { count: 1, right: 1 } });
});

/* ---------------------------------------------------------------- records */

function record(n, score, passed, withItems) {
  var r = { id: "r" + n, exam: "x", at: n, score: score, total: 100, pass: 80, passed: passed };
  if (withItems) r.items = [{ k: "tf1", a: [] }];
  return r;
}

test("examRecord keeps keys, orders and answers, not questions", function () {
  var attempt = { started: 1000, items: [{ id: "tf1", part: 0, order: ["正确", "错误"] }, { id: "s1", part: 1, order: ["C", "A", "B", "D"] }], answers: { 1: ["A"] } };
  var score = L.scoreAttempt(BP, attempt, BY_KEY);
  var exam = { id: "x", title: "测验", exam: BP };
  var r = L.examRecord(exam, attempt, score, 61000, true);
  eq([r.id, r.exam, r.title, r.at, r.used, r.auto, r.score, r.total, r.pass, r.passed], ["r1000", "x", "测验", 1000, 60000, true, 0, 10, 6, false]);
  eq(r.items, [{ k: "tf1", p: 0, o: ["正确", "错误"], a: [], s: "blank" }, { k: "s1", p: 1, o: ["C", "A", "B", "D"], a: ["A"], s: "wrong" }]);
  eq(r.topics, { a: { count: 2, right: 0 } });
  ok(JSON.stringify(r).indexOf("丙") < 0, "no option text stored");
});

test("addRecord keeps the newest records and details only for the newest", function () {
  var list = [];
  for (var n = 1; n <= L.RECORDS_KEPT + 5; n++) list = L.addRecord(list, record(n, n % 100, false, true));
  eq(list.length, L.RECORDS_KEPT);
  eq(list[0].id, "r6");
  eq(list[list.length - 1].id, "r" + (L.RECORDS_KEPT + 5));
  eq(list.filter(function (r) { return r.items; }).length, L.DETAILS_KEPT);
  ok(list[list.length - 1].items, "the newest keeps its answers");
  eq(L.addRecord(list.slice(0, 1), list[0]).length, 1, "the same record is not added twice");
});

test("readiness: average and passes of the last five, ready after three passes in a row", function () {
  eq(L.readiness([]), null);
  var r = L.readiness([record(1, 50, false), record(2, 70, false), record(3, 85, true), record(4, 90, true), record(5, 60, false), record(6, 95, true)]);
  eq([r.count, r.passed, r.average, r.trend, r.ready], [5, 3, 80, "up", false]);
  eq(L.readiness([record(1, 90, true), record(2, 85, true), record(3, 80, true)]).ready, true);
  eq(L.readiness([record(1, 90, true), record(2, 85, true)]).ready, false);
});

test("chart puts the oldest left, higher scores higher, and the pass line at the pass share", function () {
  var c = L.chart([record(1, 50, false), record(2, 100, true), record(3, 0, false)], 220, 120, 10);
  eq(c.dots, [{ x: 10, y: 60, passed: false }, { x: 110, y: 10, passed: true }, { x: 210, y: 110, passed: false }]);
  eq(c.line, "10,60 110,10 210,110");
  eq(c.pass, 30);
  eq(L.chart([record(1, 80, true)], 220, 120, 10).dots[0].x, 110);
});

test("chart writes the pass line's label at the end no dot crowds", function () {
  // pass line at y 30 (80 of 100); a dot within 17 px of it near an end crowds that end
  eq(L.chart([record(1, 0, false), record(2, 50, false)], 220, 120, 10).passLabel, "end");
  eq(L.chart([record(1, 0, false), record(2, 90, true)], 220, 120, 10).passLabel, "start");
  eq(L.chart([record(1, 85, true), record(2, 90, true)], 220, 120, 10).passLabel, "end"); // both crowded
  eq(L.chart([record(1, 85, true), record(2, 20, false)], 220, 120, 10).passLabel, "end");
});

/* ---------------------------------------------------------------- statistics */

test("countAnswer and progress: answered, right at the last answer, accuracy", function () {
  var stats = {};
  L.countAnswer(stats, "a", false);
  L.countAnswer(stats, "a", true);
  L.countAnswer(stats, "b", false);
  L.countAnswer(stats, "gone", true);
  eq(stats.a, { n: 2, r: 1, l: 1 });
  var p = L.progress(stats, ["a", "b", "c"]);
  eq([p.total, p.done, p.right, p.n, p.r], [3, 2, 1, 3, 1]);
  eq(Math.round(p.accuracy * 100), 33);
  eq(L.progress(stats, ["c"]).accuracy, null);
});

test("weakTopics: lowest accuracy first, topics without enough answers left out", function () {
  var stats = { a1: { n: 4, r: 3, l: 1 }, b1: { n: 4, r: 1, l: 0 }, b2: { n: 2, r: 1, l: 1 }, c1: { n: 1, r: 0, l: 0 } };
  var topics = [{ id: "a", title: "甲", keys: ["a1"] }, { id: "b", title: "乙", keys: ["b1", "b2"] }, { id: "c", title: "丙", keys: ["c1"] }];
  eq(L.weakTopics(stats, topics, 2).map(function (t) { return [t.id, Math.round(t.accuracy * 100)]; }), [["b", 33], ["a", 75]]);
  eq(L.weakTopics(stats, topics).map(function (t) { return t.id; }), ["c", "b", "a"]);
});

test("weakQuestions: last wrong first, then never answered, then the rest", function () {
  var stats = { a: { n: 3, r: 2, l: 1 }, b: { n: 2, r: 1, l: 0 }, c: { n: 4, r: 0, l: 0 }, e: { n: 1, r: 1, l: 1 } };
  eq(L.weakQuestions(stats, ["a", "b", "c", "d", "e"]), ["c", "b", "d", "a", "e"]);
  eq(L.weakQuestions(stats, ["a", "b", "c", "d", "e"], 2), ["c", "b"]);
});

/* ---------------------------------------------------------------- spaced review */

test("dayNumber counts local calendar days", function () {
  var morning = new Date(2026, 2, 5, 0, 30).getTime();
  var evening = new Date(2026, 2, 5, 23, 30).getTime();
  var next = new Date(2026, 2, 6, 0, 10).getTime();
  eq(L.dayNumber(morning), L.dayNumber(evening));
  eq(L.dayNumber(next), L.dayNumber(morning) + 1);
});

test("Leitner: right when due moves up and waits longer, wrong goes back to box 1", function () {
  var sched = {};
  L.schedule(sched, "q", 100);
  eq(sched.q, { b: 1, d: 101 });
  L.schedule(sched, "q", 100);
  eq(sched.q, { b: 1, d: 101 }, "scheduling twice changes nothing");
  eq(L.reviewAnswer(sched, "q", true, 100), "kept", "right before it is due");
  eq(sched.q, { b: 1, d: 101 });
  var day = 101;
  var steps = [];
  for (var box = 1; box < L.INTERVALS.length; box++) {
    steps.push(L.reviewAnswer(sched, "q", true, day));
    eq(sched.q, { b: box + 1, d: day + L.INTERVALS[box] });
    day = sched.q.d;
  }
  eq(steps, ["up", "up", "up", "up"]);
  eq(L.reviewAnswer(sched, "q", false, day), "back");
  eq(sched.q, { b: 1, d: day + 1 });
  eq(L.reviewAnswer(sched, "new", false, 5), "back", "a wrong answer puts a question on the schedule");
  eq(sched["new"], { b: 1, d: 6 });
});

test("Leitner: right in the last box when due is mastered and leaves the schedule", function () {
  var sched = { q: { b: L.INTERVALS.length, d: 50 } };
  eq(L.reviewAnswer(sched, "q", true, 49), "kept");
  eq(L.reviewAnswer(sched, "q", true, 50), "mastered");
  eq(sched, {});
});

test("dueKeys: due today or overdue, most overdue first, removed questions left out", function () {
  var sched = { a: { b: 2, d: 10 }, b: { b: 1, d: 8 }, c: { b: 1, d: 11 }, gone: { b: 1, d: 1 }, d: { b: 1, d: 10 } };
  var exists = function (k) { return k !== "gone"; };
  eq(L.dueKeys(sched, 10, exists), ["b", "d", "a"]);
  var s = L.scheduleSummary(sched, 10, exists);
  eq([s.due, s.tomorrow, s.total, s.boxes], [3, 1, 4, [3, 1, 0, 0, 0]]);
});

/* ---------------------------------------------------------------- practice */

test("practiceKeys filters by chapter, type and ids, in order or shuffled", function () {
  var qs = [{ id: "a", type: "判断", ch: [0] }, { id: "b", type: "单选", ch: [1] }, { id: "c", key: "c~v2", type: "判断", ch: [0, 1] }, { id: "d", type: "多选" }];
  eq(L.practiceKeys(qs, { order: "seq", chapter: -1, type: "" }), ["a", "b", "c~v2", "d"]);
  eq(L.practiceKeys(qs, { order: "seq", chapter: 1, type: "" }), ["b", "c~v2"]);
  eq(L.practiceKeys(qs, { order: "seq", chapter: -1, type: "判断" }), ["a", "c~v2"]);
  eq(L.practiceKeys(qs, { order: "seq", chapter: 1, type: "多选" }), []);
  eq(L.practiceKeys(qs, { order: "seq", chapter: -1, type: "", ids: ["d", "c", "x"] }), ["c~v2", "d"]);
  eq(L.practiceKeys(qs, { order: "seq", chapter: -1, type: "判断", ids: ["c", "b"] }), ["c~v2"]);
  var shuffled = L.practiceKeys(qs, { order: "random", chapter: -1, type: "" }, seeded(2));
  eq(shuffled.slice().sort(), ["a", "b", "c~v2", "d"]);
});

/* ---------------------------------------------------------------- schema */

var V1 = {
  "yingji.quiz.progress": { t1: { a: 1, b: 0 }, t2: { "c~v2": 1 } },
  "yingji.quiz.wrong": { b: { q: { id: "b", stem: "旧题干", options: null }, n: 2, t: 5, a: ["正确"] }, bad: "x" },
  "yingji.quiz.fav": { a: { q: { id: "a", stem: "题" }, t: 7 } },
  "yingji.quiz.large": true,
  "yingji.quiz.practice.t1": { order: "seq", chapter: -1, pos: 1, list: ["a", "b"] }
};

test("migrate v1 -> 2: progress to stats, no question copies, books on the schedule due today", function () {
  var store = memoryStore(V1);
  var now = new Date(2026, 0, 10, 12).getTime();
  var today = L.dayNumber(now);
  eq(L.migrate(store, now), 1);
  var d = store.data;
  eq(d["yingji.quiz.schema"], 2);
  eq(d["yingji.quiz.stats"], { a: { n: 1, r: 1, l: 1 }, b: { n: 1, r: 0, l: 0 }, "c~v2": { n: 1, r: 1, l: 1 } });
  eq(d["yingji.quiz.wrong"], { b: { n: 2, t: 5, a: ["正确"] } });
  eq(d["yingji.quiz.fav"], { a: { t: 7 } });
  eq(d["yingji.quiz.sched"], { a: { b: 1, d: today }, b: { b: 1, d: today } });
  ok(!("yingji.quiz.progress" in d), "progress is gone");
  eq([d["yingji.quiz.large"], d["yingji.quiz.practice.t1"].pos], [true, 1], "other keys kept");
  ok(JSON.stringify(d).indexOf("旧题干") < 0, "no question text left");
});

test("migrate is idempotent and leaves a newer schema alone", function () {
  var store = memoryStore(V1);
  L.migrate(store, 0);
  var once = JSON.stringify(store.data);
  eq(L.migrate(store, 0), 2);
  eq(JSON.stringify(store.data), once);
  var newer = memoryStore({ "yingji.quiz.schema": 3, "yingji.quiz.wrong": { x: { q: 1 } } });
  eq(L.migrate(newer, 0), 3);
  eq(newer.data["yingji.quiz.wrong"], { x: { q: 1 } });
});

test("migrate of an empty device writes the schema only", function () {
  var store = memoryStore({});
  L.migrate(store, 0);
  eq(store.data, { "yingji.quiz.schema": 2, "yingji.quiz.stats": {}, "yingji.quiz.sched": {}, "yingji.quiz.wrong": {}, "yingji.quiz.fav": {} });
});
