/* yingji quiz engine, the logic: drawing a paper, scoring, the spaced-review schedule, answer
 * statistics, exam records and the schema of what is stored on the device.
 *
 * No DOM and no storage of its own: every function takes and returns plain objects (the pages
 * load and save them), so tests/quiz_logic/ runs all of it on one bare harness page.
 */
(function (global) {
  "use strict";
  if (global.yingjiQuizLogic) return;

  var TF = ["正确", "错误"];
  var DAY = 86400000;

  /* Storage: every key starts with yingji.quiz. (清除全部 removes exactly those). A question's
   * records are stored under qkey(q): its id, or id~v2 from version 2 on. Questions are stored
   * by key with the learner's answers, never copied: the bank is the one source of their text. */
  var PREFIX = "yingji.quiz.";
  var SCHEMA = 2;
  var KEYS = {
    schema: PREFIX + "schema", // the number of the layout below (2); missing = version 1
    stats: PREFIX + "stats", // qkey -> {n: answers, r: right answers, l: 1|0 the last answer right}
    wrong: PREFIX + "wrong", // qkey -> {n: times wrong, t: time, a: last wrong answer, o: option order shown}
    fav: PREFIX + "fav", // qkey -> {t: time}
    sched: PREFIX + "sched", // qkey -> {b: Leitner box 1-5, d: day number when due}
    records: PREFIX + "records", // finished exams, oldest first (see examRecord)
    settings: PREFIX + "settings", // {shuffle: options in random order in practice, auto: next after a right answer}
    person: PREFIX + "person", // {name, unit} for the 成绩单
    large: PREFIX + "large",
    practice: PREFIX + "practice.", // + topic: {order, chapter, type, pos, list}
    exam: PREFIX + "exam.", // + exam id: the attempt in progress
    progress: PREFIX + "progress" // version 1 only: topic -> {qkey: 1|0}; moved into stats
  };

  /* ------------------------------------------------------------ questions */

  /** The key a question's records are stored under: its id, or `id~v2` once its meaning changed. */
  function qkey(q) { return q.key || q.id; }

  /** A filter for stored keys: true for the current version of a question. `versioned` lists the
   * keys of the questions past version 1 ("a~v2 b~v3"); every other question is at version 1. */
  function currentKey(versioned) {
    var latest = {};
    String(versioned || "").split(" ").filter(Boolean).forEach(function (key) { latest[key.split("~")[0]] = key; });
    return function (key) {
      var base = String(key).split("~")[0];
      return latest[base] ? key === latest[base] : key === base;
    };
  }

  function choices(q) {
    return q.type === "判断" ? TF.slice() : Object.keys(q.options || {});
  }

  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    return a.every(function (x) { return b.indexOf(x) >= 0; });
  }

  function isRight(q, selected) {
    return sameSet(q.answer, selected || []);
  }

  /** Points for one answer. 多选 under 少选得半分: a non-empty subset of the answer gets half. */
  function points(q, selected, full, rule) {
    selected = selected || [];
    if (isRight(q, selected)) return full;
    if (q.type === "多选" && rule === "少选得半分" && selected.length > 0 &&
        selected.every(function (x) { return q.answer.indexOf(x) >= 0; })) return full / 2;
    return 0;
  }

  /** A shuffled copy (Fisher-Yates); `random` defaults to Math.random (tests pass their own). */
  function shuffle(list, random) {
    random = random || Math.random;
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  /** The order options are shown in: the bank's, or shuffled (判断 is never shuffled). */
  function optionOrder(q, shuffled, random) {
    var keys = choices(q);
    return shuffled && q.type !== "判断" ? shuffle(keys, random) : keys;
  }

  /** Whether an option order differs from the bank's (the letters then differ too). */
  function isShuffled(q, order) {
    return Boolean(order) && order.join("") !== choices(q).join("");
  }

  function fmt(number) {
    return String(Math.round(number * 100) / 100);
  }

  /** Runs of consecutive numbers, for listing many question numbers compactly:
   * [1, 2, 3, 5, 7, 8] -> [[1, 3], [5, 5], [7, 8]]. */
  function runs(numbers) {
    var out = [];
    numbers.slice().sort(function (a, b) { return a - b; }).forEach(function (n) {
      var last = out[out.length - 1];
      if (last && n === last[1] + 1) last[1] = n;
      else out.push([n, n]);
    });
    return out;
  }

  /* -------------------------------------------------------------- drawing */

  /**
   * The questions of each part of one paper: never two of one group (an ungrouped question is a
   * group of its own; a group may hold several types). The same matching as the printed papers
   * (yingji/content/examdraw.py): groups in random order, each into a part with room for one of
   * its types, moving an earlier group to another of its types when that makes room. null when
   * the questions cannot fill the parts (`yingji check` reports that before a site is built).
   */
  function drawParts(parts, questions, shuffleFn) {
    shuffleFn = shuffleFn || shuffle;
    var groups = {};
    questions.forEach(function (q) {
      var key = q.group || "~" + q.id;
      var byType = groups[key] = groups[key] || {};
      (byType[q.type] = byType[q.type] || []).push(q);
    });
    var order = shuffleFn(Object.keys(groups).sort());
    var slots = parts.map(function () { return []; });
    function hasRoom(p) { return slots[p].length < parts[p].count; }
    function full() { return !parts.some(function (_, p) { return hasRoom(p); }); }
    function place(key, seen) {
      var fitting = [];
      parts.forEach(function (part, p) { if (groups[key][part.type] && !seen[p]) fitting.push(p); });
      var free = fitting.filter(hasRoom)[0];
      if (free !== undefined) { slots[free].push(key); return true; }
      fitting.forEach(function (p) { seen[p] = true; });
      return fitting.some(function (p) {
        return slots[p].slice().some(function (other) {
          if (!place(other, seen)) return false;
          slots[p].splice(slots[p].indexOf(other), 1);
          slots[p].push(key);
          return true;
        });
      });
    }
    for (var i = 0; i < order.length && !full(); i++) place(order[i], {});
    if (!full()) return null;
    var position = {};
    order.forEach(function (key, n) { position[key] = n; });
    return slots.map(function (slot, p) {
      return slot.sort(function (a, b) { return position[a] - position[b]; }).map(function (key) {
        return shuffleFn(groups[key][parts[p].type])[0];
      });
    });
  }

  /** A new attempt of an exam: the drawn questions part by part with their shuffled options. */
  function newAttempt(bp, questions, now, random) {
    var items = [];
    var shuffleFn = function (list) { return shuffle(list, random); };
    (drawParts(bp.parts, questions, shuffleFn) || []).forEach(function (drawn, p) {
      drawn.forEach(function (q) {
        items.push({ id: qkey(q), part: p, order: optionOrder(q, true, random) });
      });
    });
    return {
      started: now, ends: bp.time_limit_minutes ? now + bp.time_limit_minutes * 60000 : null,
      items: items, answers: {}, marks: {}, pos: 0
    };
  }

  /* -------------------------------------------------------------- scoring */

  /**
   * A finished attempt scored: points per part, right answers per topic, and each question's
   * state: "right", "half" (some points, not all), "wrong" or "blank" (not answered).
   */
  function scoreAttempt(bp, attempt, byKey) {
    var parts = bp.parts.map(function (part) {
      return { type: part.type, count: 0, right: 0, score: 0, full: part.count * part.points };
    });
    var topics = {};
    var states = [];
    var total = 0;
    attempt.items.forEach(function (item, i) {
      var q = byKey[item.id];
      var part = parts[item.part];
      var selected = (attempt.answers || {})[i] || [];
      var got = points(q, selected, bp.parts[item.part].points, bp.multi_scoring);
      var right = isRight(q, selected);
      var topic = topics[q.topic || ""] = topics[q.topic || ""] || { count: 0, right: 0 };
      part.count++;
      topic.count++;
      part.score += got;
      total += got;
      if (right) { part.right++; topic.right++; }
      states.push(right ? "right" : !selected.length ? "blank" : got > 0 ? "half" : "wrong");
    });
    total = Math.round(total * 100) / 100;
    return { total: total, passed: total >= bp.pass_mark, parts: parts, topics: topics, states: states };
  }

  /* ------------------------------------------------------------- records */

  var RECORDS_KEPT = 100; // finished exams kept on the device
  var DETAILS_KEPT = 20; // of which the newest keep each question's answer (for the 成绩单)

  /** What is kept of a finished exam: no question text, only keys, orders and answers. */
  function examRecord(exam, attempt, score, finished, auto) {
    return {
      id: "r" + attempt.started,
      exam: exam.id, title: exam.title,
      at: attempt.started, used: finished - attempt.started, auto: Boolean(auto),
      score: score.total, total: exam.exam.total, pass: exam.exam.pass_mark, passed: score.passed,
      parts: score.parts,
      topics: score.topics,
      items: attempt.items.map(function (item, i) {
        return { k: item.id, p: item.part, o: item.order, a: (attempt.answers || {})[i] || [], s: score.states[i] };
      })
    };
  }

  /** The records with `record` added: the newest RECORDS_KEPT, details for the newest DETAILS_KEPT. */
  function addRecord(records, record) {
    var list = (records || []).filter(function (r) { return r.id !== record.id; }).concat([record]);
    list = list.slice(-RECORDS_KEPT);
    return list.map(function (r, i) {
      if (i >= list.length - DETAILS_KEPT || !r.items) return r;
      var copy = {};
      Object.keys(r).forEach(function (key) { if (key !== "items") copy[key] = r[key]; });
      return copy;
    });
  }

  /** How ready the learner looks for one exam: the last five attempts' average, passes, trend. */
  function readiness(records) {
    var last = records.slice(-5);
    if (!last.length) return null;
    var percents = last.map(function (r) { return r.total ? r.score / r.total * 100 : 0; });
    var average = percents.reduce(function (a, b) { return a + b; }, 0) / percents.length;
    var passed = last.filter(function (r) { return r.passed; }).length;
    var trend = percents.length < 2 ? 0 : percents[percents.length - 1] - percents[0];
    return {
      count: last.length, passed: passed, average: Math.round(average),
      trend: trend > 0 ? "up" : trend < 0 ? "down" : "flat",
      ready: last.length >= 3 && passed === last.length
    };
  }

  /** The score chart of one exam's records as SVG coordinates: a point per attempt (score as a
   * share of the full marks; oldest left), the height of the pass line and the end of it ("end"
   * right, "start" left) where its label does not run into a dot. */
  function chart(records, width, height, pad) {
    pad = pad || 0;
    var n = records.length;
    var w = width - 2 * pad;
    var h = height - 2 * pad;
    function y(share) { return Math.round((pad + h * (1 - share)) * 10) / 10; }
    var dots = records.map(function (r, i) {
      var x = n === 1 ? pad + w / 2 : pad + w * i / (n - 1);
      return { x: Math.round(x * 10) / 10, y: y(r.total ? r.score / r.total : 0), passed: r.passed };
    });
    var last = records[n - 1];
    var pass = last && last.total ? y(last.pass / last.total) : null;
    return {
      dots: dots,
      line: dots.map(function (d) { return d.x + "," + d.y; }).join(" "),
      pass: pass,
      passLabel: pass === null || !crowds(dots, pass, width - pad - CHART_LABEL_WIDTH, width) ? "end" :
        crowds(dots, pass, 0, pad + CHART_LABEL_WIDTH) ? "end" : "start"
    };
  }

  var CHART_LABEL_WIDTH = 60; // the pass line's label, 合格线 80, at one end of the line
  /** Whether a dot between x `from` and `to` (with its score written above it) would touch a
   * label written just above the pass line at height `pass`. */
  function crowds(dots, pass, from, to) {
    return dots.some(function (d) { return d.x >= from && d.x <= to && Math.abs(d.y - pass) < 17; });
  }

  /* ------------------------------------------------ answer statistics */

  /** Count one answer to a question (practice, exam or review alike). */
  function countAnswer(stats, key, right) {
    var s = stats[key] || { n: 0, r: 0 };
    stats[key] = { n: s.n + 1, r: s.r + (right ? 1 : 0), l: right ? 1 : 0 };
    return stats;
  }

  /** A topic's progress: questions answered at least once, right at their last answer, and all
   * answers given and right (the accuracy). Keys not in `keys` (removed questions) do not count. */
  function progress(stats, keys) {
    var out = { total: keys.length, done: 0, right: 0, n: 0, r: 0 };
    keys.forEach(function (key) {
      var s = stats[key];
      if (!s) return;
      out.done++;
      if (s.l === 1) out.right++;
      out.n += s.n;
      out.r += s.r;
    });
    out.accuracy = out.n ? out.r / out.n : null;
    return out;
  }

  /** Topics from the weakest: those with at least `min` answers, lowest accuracy first. */
  function weakTopics(stats, topics, min) {
    min = min || 1;
    return topics.map(function (t) {
      var p = progress(stats, t.keys);
      p.id = t.id;
      p.title = t.title;
      return p;
    }).filter(function (p) { return p.n >= min; }).sort(function (a, b) {
      return a.accuracy - b.accuracy || b.n - a.n || (a.id < b.id ? -1 : 1);
    });
  }

  /** A topic's questions to practise first: last answered wrong (least accurate first), then
   * never answered, then the rest from the least accurate; at most `limit`. */
  function weakQuestions(stats, keys, limit) {
    function rank(key) {
      var s = stats[key];
      if (!s) return [1, 0];
      return [s.l === 1 ? 2 : 0, s.r / s.n];
    }
    return keys.map(function (key, i) { return { key: key, rank: rank(key), i: i }; })
      .sort(function (a, b) { return a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.i - b.i; })
      .slice(0, limit || keys.length)
      .map(function (e) { return e.key; });
  }

  /* ------------------------------------------------ spaced review */

  // Leitner boxes: a question answered right when due moves up a box and waits longer; answered
  // wrong (anywhere) it goes back to box 1. Right when due in the last box: mastered, it leaves.
  var INTERVALS = [1, 2, 4, 8, 16]; // days to wait in boxes 1..5

  /** The local calendar day of a time, as a number (days since 1970-01-01 here). */
  function dayNumber(time) {
    return Math.floor((time - new Date(time).getTimezoneOffset() * 60000) / DAY);
  }

  /** Put a question on the schedule (answered wrong, or 收藏), due after one day. */
  function schedule(sched, key, today) {
    if (!sched[key]) sched[key] = { b: 1, d: today + INTERVALS[0] };
    return sched;
  }

  /** An answer's effect on the schedule: "back" to box 1, "up" a box, "mastered" (off the
   * schedule) or "kept" (right, but not due yet: reviewing early earns nothing). */
  function reviewAnswer(sched, key, right, today) {
    var entry = sched[key];
    if (!right) {
      sched[key] = { b: 1, d: today + INTERVALS[0] };
      return "back";
    }
    if (!entry || entry.d > today) return "kept";
    if (entry.b >= INTERVALS.length) {
      delete sched[key];
      return "mastered";
    }
    sched[key] = { b: entry.b + 1, d: today + INTERVALS[entry.b] };
    return "up";
  }

  /** Keys due today (or overdue), most overdue first; `exists` drops removed questions. */
  function dueKeys(sched, today, exists) {
    return Object.keys(sched).filter(function (key) {
      return sched[key].d <= today && (!exists || exists(key));
    }).sort(function (a, b) { return sched[a].d - sched[b].d || sched[a].b - sched[b].b || (a < b ? -1 : 1); });
  }

  /** How many are due today, tomorrow, and in each box. */
  function scheduleSummary(sched, today, exists) {
    var out = { due: 0, tomorrow: 0, total: 0, boxes: INTERVALS.map(function () { return 0; }) };
    Object.keys(sched).forEach(function (key) {
      if (exists && !exists(key)) return;
      var entry = sched[key];
      out.total++;
      out.boxes[Math.min(entry.b, INTERVALS.length) - 1]++;
      if (entry.d <= today) out.due++;
      else if (entry.d === today + 1) out.tomorrow++;
    });
    return out;
  }

  /* ------------------------------------------------ practice lists */

  /** The keys a practice session goes through: chapter (-1 all), type ("" all) and ids (null
   * all: the questions of a 相关试题 link) filters, in bank order or shuffled. */
  function practiceKeys(questions, filter, random) {
    var keys = questions.filter(function (q) {
      return (filter.chapter < 0 || (q.ch || []).indexOf(filter.chapter) >= 0) &&
        (!filter.type || q.type === filter.type) && (!filter.ids || filter.ids.indexOf(q.id) >= 0);
    }).map(qkey);
    return filter.order === "random" ? shuffle(keys, random) : keys;
  }

  /* ------------------------------------------------ stored data: schema */

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  function entriesOf(value) {
    return isObject(value) ? Object.keys(value).filter(function (key) { return isObject(value[key]); }) : [];
  }

  /** Version 1 -> 2: progress becomes stats; 错题本 and 收藏 keep keys and answers but no
   * longer a copy of the question; both go on the review schedule, due today. */
  function migrateV1(store, today) {
    var stats = store.load(KEYS.stats, {});
    var sched = store.load(KEYS.sched, {});
    var progressByTopic = store.load(KEYS.progress, {});
    entriesOf(progressByTopic).forEach(function (topic) {
      var byKey = progressByTopic[topic];
      Object.keys(byKey).forEach(function (key) {
        if (!stats[key] && (byKey[key] === 0 || byKey[key] === 1)) stats[key] = { n: 1, r: byKey[key], l: byKey[key] };
      });
    });
    var wrong = {};
    var old = store.load(KEYS.wrong, {});
    entriesOf(old).forEach(function (key) {
      var e = old[key];
      wrong[key] = { n: Number(e.n) || 1, t: Number(e.t) || 0, a: Array.isArray(e.a) ? e.a : [] };
      if (!sched[key]) sched[key] = { b: 1, d: today };
    });
    var fav = {};
    var oldFav = store.load(KEYS.fav, {});
    entriesOf(oldFav).forEach(function (key) {
      fav[key] = { t: Number(oldFav[key].t) || 0 };
      if (!sched[key]) sched[key] = { b: 1, d: today };
    });
    store.save(KEYS.stats, stats);
    store.save(KEYS.sched, sched);
    store.save(KEYS.wrong, wrong);
    store.save(KEYS.fav, fav);
    store.save(KEYS.progress, null);
  }

  /**
   * Bring stored data to the current schema. `store` has load(name, fallback) and save(name,
   * value) (null removes). Returns the version found; data of a newer engine is left alone.
   */
  function migrate(store, now) {
    var found = store.load(KEYS.schema, null);
    if (found === SCHEMA || (typeof found === "number" && found > SCHEMA)) return found;
    if (found === null || found === 1) migrateV1(store, dayNumber(now));
    store.save(KEYS.schema, SCHEMA);
    return found === null ? 1 : found;
  }

  global.yingjiQuizLogic = {
    KEYS: KEYS, PREFIX: PREFIX, SCHEMA: SCHEMA, INTERVALS: INTERVALS,
    RECORDS_KEPT: RECORDS_KEPT, DETAILS_KEPT: DETAILS_KEPT,
    qkey: qkey, currentKey: currentKey, choices: choices, isRight: isRight, points: points,
    shuffle: shuffle, optionOrder: optionOrder, isShuffled: isShuffled, fmt: fmt, runs: runs,
    drawParts: drawParts, newAttempt: newAttempt, scoreAttempt: scoreAttempt,
    examRecord: examRecord, addRecord: addRecord, readiness: readiness, chart: chart,
    countAnswer: countAnswer, progress: progress, weakTopics: weakTopics, weakQuestions: weakQuestions,
    dayNumber: dayNumber, schedule: schedule, reviewAnswer: reviewAnswer, dueKeys: dueKeys,
    scheduleSummary: scheduleSummary, practiceKeys: practiceKeys, migrate: migrate
  };
})(window);
