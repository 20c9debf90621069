/* yingji quiz engine, part 3: 模拟考试 per blueprint (quizzes/exams.yml).
 *
 * Questions are drawn at random per part (one per group at most), options shuffled; the attempt is kept in
 * localStorage so a reload (or a trip to another page) does not lose it, and an attempt
 * whose time ran out while the page was closed is submitted as soon as it is seen again.
 */
(function () {
  "use strict";
  var Q = window.yingjiQuiz;
  if (!Q || Q.modes.exam) return;
  var h = Q.h, button = Q.button;
  var NUMERALS = "一二三四五六七八九十";

  function mmss(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var m = Math.floor(s / 60);
    s = s % 60;
    return (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function duration(ms) {
    var s = Math.round(ms / 1000);
    return Math.floor(s / 60) + " 分 " + (s % 60) + " 秒";
  }

  /**
   * The questions of each part of one paper: never two of one group (an ungrouped question is a
   * group of its own; a group may hold several types). The same matching as the printed papers
   * (yingji/content/examdraw.py): groups in random order, each into a part with room for one of
   * its types, moving an earlier group to another of its types when that makes room. null when
   * the questions cannot fill the parts (`yingji check` reports that before a site is built).
   */
  function drawParts(parts, questions, shuffle) {
    var groups = {};
    questions.forEach(function (q) {
      var key = q.group || "~" + q.id;
      var byType = groups[key] = groups[key] || {};
      (byType[q.type] = byType[q.type] || []).push(q);
    });
    var order = shuffle(Object.keys(groups).sort());
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
        return shuffle(groups[key][parts[p].type])[0];
      });
    });
  }
  Q.drawParts = drawParts;

  Q.modes.exam = function (root, data) {
    var bp = data.exam;
    var byKey = {}; // by storage key (id, or id~v2): an attempt on an earlier version is dropped
    data.questions.forEach(function (q) { byKey[Q.qkey(q)] = q; });
    var key = Q.KEYS.exam + data.id;
    var attempt = Q.load(key, null);
    if (attempt && !(attempt.items || []).every(function (it) { return byKey[it.id]; })) attempt = null; // bank changed
    var tick = null;
    var totalCount = bp.parts.reduce(function (n, p) { return n + p.count; }, 0);

    function cites(q) { return (q.cites || []).map(function (r) { return data.refs[r]; }).filter(Boolean); }

    function partTitle(p) {
      var part = bp.parts[p];
      return NUMERALS.charAt(p) + "、" + part.type + "题（共 " + part.count + " 题，每题 " + Q.fmt(part.points) + " 分）";
    }

    function rulesText() {
      var text = "共 " + totalCount + " 题，满分 " + Q.fmt(bp.total) + " 分，" + Q.fmt(bp.pass_mark) + " 分及以上为合格；" +
        (bp.time_limit_minutes ? "限时 " + bp.time_limit_minutes + " 分钟，时间到自动交卷。" : "不限时。");
      if (bp.parts.some(function (p) { return p.type === "多选"; })) {
        text += bp.multi_scoring === "少选得半分"
          ? "多选题全部选对得满分，少选且所选都正确得一半分，选错不得分。"
          : "多选题全部选对才得分，少选、多选或选错均不得分。";
      }
      return text;
    }

    function draw() {
      var items = [];
      (drawParts(bp.parts, data.questions, Q.shuffle) || []).forEach(function (questions, p) {
        questions.forEach(function (q) {
          var keys = Q.choices(q);
          items.push({ id: Q.qkey(q), part: p, order: q.type === "判断" ? keys : Q.shuffle(keys) });
        });
      });
      var now = Date.now();
      return {
        started: now, ends: bp.time_limit_minutes ? now + bp.time_limit_minutes * 60000 : null,
        items: items, answers: {}, pos: 0
      };
    }

    function store() { Q.save(key, attempt); }

    function stopTimer() {
      if (tick !== null) window.clearInterval(tick);
      tick = null;
    }

    /* -------------------------------------------------------- start */

    function startScreen() {
      stopTimer();
      Q.clear(root);
      var actions;
      if (attempt && attempt.ends && Date.now() >= attempt.ends) return submit(true);
      if (attempt) {
        var left = attempt.ends ? "，剩余 " + mmss(attempt.ends - Date.now()) : "";
        actions = [
          button("继续上次的考试" + left, sit, { class: "yj-primary yj-start" }),
          button("放弃，重新开始", function () { attempt = draw(); store(); sit(); }, { class: "yj-quiet" })
        ];
      } else {
        actions = [button("开始考试", function () { attempt = draw(); store(); sit(); }, { class: "yj-primary yj-start" })];
      }
      root.appendChild(h("div", { class: "yj-card yj-exam-start" },
        h("h2", null, data.title),
        bp.note ? h("p", { class: "yj-exam-note" }, bp.note) : null,
        h("p", null, rulesText()),
        h("div", { class: "yj-actions" }, actions, Q.largeToggle(root))));
    }

    /* --------------------------------------------------------- sit */

    var els = {};

    function sit() {
      Q.clear(root);
      els.timer = h("span", { class: "yj-timer", role: "timer" });
      els.count = h("span", { class: "yj-count" });
      els.bar = h("div", { class: "yj-exam-bar" }, els.timer, els.count,
        button("交卷", confirmSubmit, { class: "yj-primary yj-submit-exam" }));
      els.confirm = h("div", { class: "yj-confirm-area" });
      els.stage = h("div", { class: "yj-stage" });
      els.sheet = h("nav", { class: "yj-sheet", "aria-label": "答题卡" });
      root.appendChild(els.bar);
      root.appendChild(els.confirm);
      root.appendChild(els.stage);
      root.appendChild(h("h2", { class: "yj-sheet-title" }, "答题卡"));
      root.appendChild(els.sheet);
      if (attempt.ends) {
        stopTimer();
        tick = window.setInterval(updateTimer, 1000);
        Q.addTimer(tick);
        updateTimer();
      } else {
        els.timer.textContent = "不限时";
      }
      showQuestion(attempt.pos || 0, false);
    }

    function updateTimer() {
      var left = attempt.ends - Date.now();
      if (left <= 0) return submit(true);
      els.timer.textContent = "剩余 " + mmss(left);
      els.timer.classList.toggle("yj-low", left < 5 * 60000);
    }

    function answered(i) {
      return (attempt.answers[i] || []).length > 0;
    }

    function showQuestion(i, focus) {
      attempt.pos = i;
      store();
      var item = attempt.items[i];
      var q = byKey[item.id];
      var view = Q.questionView(q, {
        number: i + 1, total: attempt.items.length, order: item.order, selected: attempt.answers[i] || [],
        heading: h("p", { class: "yj-part-title" }, partTitle(item.part)),
        onChange: function (selected) {
          attempt.answers[i] = selected;
          store();
          updateSheet();
        }
      });
      var prev = button("上一题", function () { showQuestion(i - 1, true); }, { disabled: i === 0 });
      var last = i === attempt.items.length - 1;
      var next = last
        ? button("交卷", confirmSubmit, { class: "yj-primary" })
        : button("下一题", function () { showQuestion(i + 1, true); }, { class: "yj-primary" });
      Q.clear(els.stage).appendChild(h("div", { class: "yj-card" }, view.node));
      els.stage.appendChild(h("div", { class: "yj-nav" }, prev, next));
      updateSheet();
      if (focus) view.inputs[0].focus();
    }

    function updateSheet() {
      Q.clear(els.sheet);
      var done = 0;
      var groups = {};
      attempt.items.forEach(function (item, i) {
        if (!groups[item.part]) {
          groups[item.part] = h("div", { class: "yj-sheet-grid" });
          els.sheet.appendChild(h("p", { class: "yj-sheet-part" }, partTitle(item.part)));
          els.sheet.appendChild(groups[item.part]);
        }
        var isDone = answered(i);
        if (isDone) done++;
        groups[item.part].appendChild(h("button", {
          type: "button", class: "yj-cell" + (isDone ? " yj-done-cell" : "") + (i === attempt.pos ? " yj-current" : ""),
          "aria-label": "第 " + (i + 1) + " 题，" + (isDone ? "已作答" : "未作答"),
          "aria-current": i === attempt.pos ? "step" : null,
          onclick: function () { showQuestion(i, true); }
        }, String(i + 1)));
      });
      els.count.textContent = "已答 " + done + " / " + attempt.items.length;
    }

    function confirmSubmit() {
      var missing = [];
      attempt.items.forEach(function (item, i) { if (!answered(i)) missing.push(i); });
      var box = h("div", { class: "yj-confirm", role: "alertdialog", "aria-labelledby": "yj-confirm-msg", tabindex: "-1" },
        h("p", { id: "yj-confirm-msg" }, missing.length
          ? "还有 " + missing.length + " 题未作答，未作答的题不得分。确认交卷吗？"
          : "全部 " + attempt.items.length + " 题都已作答。确认交卷吗？"),
        missing.length ? h("p", null, "未作答的题（点题号回去作答）：") : null,
        missing.length ? h("div", { class: "yj-sheet-grid yj-missing" }, missing.map(function (i) {
          return h("button", {
            type: "button", class: "yj-cell yj-missing-item", "aria-label": "第 " + (i + 1) + " 题，未作答",
            onclick: function () { Q.clear(els.confirm); showQuestion(i, true); }
          }, String(i + 1));
        })) : null,
        h("div", { class: "yj-actions" },
          button("确认交卷", function () { submit(false); }, { class: "yj-danger yj-confirm-submit" }),
          button("继续答题", function () { Q.clear(els.confirm); })));
      Q.clear(els.confirm).appendChild(box);
      box.focus();
    }

    /* ------------------------------------------------------ result */

    function submit(auto) {
      stopTimer();
      var finished = attempt.ends && auto ? Math.min(Date.now(), attempt.ends) : Date.now();
      var parts = bp.parts.map(function (part) {
        return { type: part.type, count: 0, right: 0, score: 0, full: part.count * part.points, points: part.points };
      });
      var wrong = [];
      var total = 0;
      attempt.items.forEach(function (item, i) {
        var q = byKey[item.id];
        var part = parts[item.part];
        var selected = attempt.answers[i] || [];
        var got = Q.points(q, selected, part.points, bp.multi_scoring);
        part.count++;
        part.score += got;
        total += got;
        if (Q.isRight(q, selected)) part.right++;
        else {
          wrong.push({ i: i, q: q, item: item, selected: selected, got: got });
          // answered wrong (or only half right): into the 错题本; unanswered ones are only reviewed
          if (selected.length) Q.book.addWrong(Q.snapshot(q, data.refs, data.title), selected);
        }
      });
      total = Math.round(total * 100) / 100;
      var passed = total >= bp.pass_mark;
      var used = finished - attempt.started;
      attempt = null;
      Q.save(key, null);
      showResult({ parts: parts, total: total, passed: passed, wrong: wrong, auto: auto, used: used });
    }

    function showResult(r) {
      Q.clear(root);
      var table = h("table", { class: "yj-score-table" },
        h("thead", null, h("tr", null, ["题型", "题数", "答对", "得分", "满分"].map(function (t) { return h("th", { scope: "col" }, t); }))),
        h("tbody", null, r.parts.map(function (p) {
          return h("tr", { "data-type": p.type }, h("th", { scope: "row" }, p.type + "题"), h("td", null, String(p.count)),
            h("td", null, String(p.right)), h("td", { class: "yj-part-score" }, Q.fmt(p.score)), h("td", null, Q.fmt(p.full)));
        })),
        h("tfoot", null, h("tr", null, h("th", { scope: "row" }, "合计"), h("td", null, String(totalCount)),
          h("td", null, String(totalCount - r.wrong.length)), h("td", null, Q.fmt(r.total)), h("td", null, Q.fmt(bp.total)))));
      var summary = h("div", {
        class: "yj-card yj-result " + (r.passed ? "yj-pass" : "yj-fail"), "data-score": Q.fmt(r.total),
        "data-passed": r.passed ? "1" : "0", role: "status", tabindex: "-1"
      },
        h("h2", null, "考试结果"),
        r.auto ? h("p", { class: "yj-auto-note" }, "考试时间到，已自动交卷。") : null,
        h("p", { class: "yj-total" }, "得分 ", h("strong", { class: "yj-total-score" }, Q.fmt(r.total)), " 分（满分 " + Q.fmt(bp.total) + " 分）",
          h("span", { class: "yj-badge" }, r.passed ? "合格" : "不合格")),
        h("p", null, "合格线 " + Q.fmt(bp.pass_mark) + " 分；用时 " + duration(r.used) + "。"),
        h("div", { class: "yj-table-wrap" }, table),
        h("div", { class: "yj-actions" }, button("再考一次", function () { startScreen(); }, { class: "yj-primary" })));
      root.appendChild(summary);
      var review = h("section", { class: "yj-section yj-wrong-review" },
        h("h2", null, r.wrong.length ? "错题回顾（" + r.wrong.length + " 题；答错的已记入错题本）" : "全部答对，没有错题。"));
      r.wrong.forEach(function (w) {
        var view = Q.questionView(w.q, { number: w.i + 1, total: totalCount, order: w.item.order, selected: w.selected });
        view.lock();
        view.mark();
        var note = "本题得 " + Q.fmt(w.got) + " 分";
        review.appendChild(h("div", { class: "yj-card" }, view.node, Q.feedbackView(w.q, w.item.order, w.selected, cites(w.q), note)));
      });
      root.appendChild(review);
      summary.focus();
    }

    startScreen(); // with an attempt in progress it offers to continue (or submits it if time ran out)
  };
})();
