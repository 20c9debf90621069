/* yingji quiz engine, part 3: 模拟考试 per blueprint (quizzes/exams.yml).
 *
 * Questions are drawn at random per part (one per group at most), options shuffled; the attempt is kept in
 * localStorage so a reload (or a trip to another page) does not lose it, and an attempt
 * whose time ran out while the page was closed is submitted as soon as it is seen again.
 * A finished exam is kept in the 考试记录 (keys, option orders and answers, no question text).
 */
(function () {
  "use strict";
  var Q = window.yingjiQuiz;
  if (!Q || Q.modes.exam) return;
  var h = Q.h, button = Q.button, L = Q.L;
  var NUMERALS = "一二三四五六七八九十";
  var KEY_HELP = "1–5 或 A–E 选择，← → 上一题 / 下一题，M 标记";

  function mmss(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var m = Math.floor(s / 60);
    s = s % 60;
    return (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }


  /** "2–6、9" for the numbers of questions at indexes [1, 2, 3, 4, 5, 8]. */
  function numbersText(indexes) {
    return L.runs(indexes.map(function (i) { return i + 1; })).map(function (run) {
      return run[0] === run[1] ? String(run[0]) : run[0] + "–" + run[1];
    }).join("、");
  }

  /** Small number buttons that go back to those questions. */
  function numberButtons(indexes, onPick, className) {
    return indexes.map(function (i) {
      return h("button", {
        type: "button", class: "yj-num " + className, "aria-label": "第 " + (i + 1) + " 题",
        onclick: function () { onPick(i); }
      }, String(i + 1));
    });
  }

  Q.modes.exam = function (root, data) {
    var bp = data.exam;
    var byKey = {}; // by storage key (id, or id~v2): an attempt on an earlier version is dropped
    data.questions.forEach(function (q) { byKey[L.qkey(q)] = q; });
    var key = Q.KEYS.exam + data.id;
    var attempt = Q.load(key, null);
    if (attempt && !(attempt.items || []).every(function (it) { return byKey[it.id]; })) attempt = null; // bank changed
    var tick = null;
    var totalCount = bp.parts.reduce(function (n, p) { return n + p.count; }, 0);
    var refs = data.refs || {};

    function cites(q) { return (q.cites || []).map(function (r) { return refs[r]; }).filter(Boolean); }

    /** The explanations and citations (a second data file, data.review, read for the review
     * after submitting; fetched early while the learner sits the exam). */
    function withReview(callback) {
      if (!data.review) return callback();
      Q.loadScript(data.review, function (review) {
        if (review && review.refs !== refs) {
          data.questions.forEach(function (q) {
            var more = review.questions[L.qkey(q)];
            if (more) { q.explanation = more.explanation; q.cites = more.cites; }
          });
          refs = review.refs;
        }
        callback();
      });
    }

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

    function store() { Q.save(key, attempt); }

    function stopTimer() {
      if (tick !== null) window.clearInterval(tick);
      tick = null;
    }

    function begin() {
      attempt = L.newAttempt(bp, data.questions, Date.now());
      store();
      sit();
    }

    /* -------------------------------------------------------- start */

    function startScreen() {
      stopTimer();
      unplaceBar();
      document.body.classList.remove("yj-sitting");
      Q.clear(root);
      var actions;
      if (attempt && attempt.ends && Date.now() >= attempt.ends) return submit(true);
      if (attempt) {
        var left = attempt.ends ? "，剩余 " + mmss(attempt.ends - Date.now()) : "";
        actions = [
          button("继续上次的考试" + left, sit, { class: "yj-primary yj-start" }),
          button("放弃，重新开始", begin, { class: "yj-quiet" })
        ];
      } else {
        actions = [button("开始考试", begin, { class: "yj-primary yj-start" })];
      }
      root.appendChild(h("div", { class: "yj-card yj-exam-start" },
        h("h2", null, data.title),
        bp.note ? h("p", { class: "yj-exam-note" }, bp.note) : null,
        h("p", null, rulesText()),
        h("div", { class: "yj-actions" }, actions, Q.largeToggle(root)),
        h("p", null, h("a", { href: Q.siteUrl(data.links.records) }, "我的考试记录"))));
    }

    /* --------------------------------------------------------- sit */

    var els = {};

    var headerWatch = null;

    /** The exam bar sticks right below Material's header, whatever its height: read after each
     * layout (a ResizeObserver), never forcing one; until then the CSS default (2.4rem). */
    function placeBar() {
      var header = document.querySelector(".md-header");
      if (!header || !window.ResizeObserver) return;
      unplaceBar();
      headerWatch = new ResizeObserver(function () {
        if (window.getComputedStyle(header).position === "sticky") els.bar.style.top = header.offsetHeight + "px";
      });
      headerWatch.observe(header);
      Q.onLeave(unplaceBar);
    }

    function unplaceBar() {
      if (headerWatch) headerWatch.disconnect();
      headerWatch = null;
    }

    function sit() {
      Q.clear(root);
      attempt.marks = attempt.marks || {};
      document.body.classList.add("yj-sitting"); // Material's 回到顶部 button would cover the bar
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
      root.appendChild(Q.sheetLegend(["蓝色：已作答", "白色：未作答", "带 ⚑：已标记"]));
      root.appendChild(els.sheet);
      root.appendChild(Q.keyHelp(KEY_HELP));
      placeBar();
      if (attempt.ends) {
        stopTimer();
        tick = Q.addTimer(window.setInterval(updateTimer, 1000));
        updateTimer();
      } else {
        els.timer.textContent = "不限时";
      }
      buildSheet();
      showQuestion(attempt.pos || 0, false);
      // then, in the frame that paints it, the first question below the bars (its layout is needed
      // for that paint anyway: reading it earlier would lay the page out twice)
      window.requestAnimationFrame(function () {
        if (!current || !current.node.isConnected) return;
        Q.reveal(current.node.parentNode, "start");
        current.inputs[0].focus({ preventScroll: true });
      });
      Q.addTimer(window.setTimeout(function () { withReview(function () {}); }, 2000));
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

    var current = null; // the question view shown

    function showQuestion(i, focus) {
      var before = attempt.pos;
      attempt.pos = i;
      store();
      var item = attempt.items[i];
      var q = byKey[item.id];
      var markBtn = button("", function () {
        if (attempt.marks[i]) delete attempt.marks[i];
        else attempt.marks[i] = 1;
        store();
        showMark();
        updateSheet([i]);
      }, { class: "yj-mark" });
      function showMark() {
        markBtn.textContent = attempt.marks[i] ? "⚑ 已标记" : "⚐ 标记";
        markBtn.setAttribute("aria-pressed", attempt.marks[i] ? "true" : "false");
      }
      showMark();
      current = Q.questionView(q, {
        number: i + 1, total: attempt.items.length, order: item.order, selected: attempt.answers[i] || [],
        heading: h("p", { class: "yj-part-title" }, partTitle(item.part)),
        onChange: function (selected) {
          attempt.answers[i] = selected;
          store();
          updateSheet([i]);
        }
      });
      current.toggleMark = function () { markBtn.click(); };
      var prev = button("上一题", function () { showQuestion(i - 1, true); }, { disabled: i === 0 });
      var last = i === attempt.items.length - 1;
      var next = last
        ? button("交卷", confirmSubmit, { class: "yj-primary" })
        : button("下一题", function () { showQuestion(i + 1, true); }, { class: "yj-primary" });
      var card = h("div", { class: "yj-card" }, current.node, h("div", { class: "yj-actions" }, markBtn));
      Q.clear(els.stage).appendChild(card);
      els.stage.appendChild(h("div", { class: "yj-nav" }, prev, next));
      updateSheet([before, i]);
      if (focus) {
        Q.reveal(card, "start"); // the number and first line below the header and the exam bar
        current.inputs[0].focus({ preventScroll: true });
      }
    }

    function cellInfo(i) {
      return { state: answered(i) ? "done" : "todo", current: i === attempt.pos, marked: Boolean(attempt.marks[i]) };
    }

    /** The 答题卡, one grid per part, built once per sitting; cells change one by one. */
    function buildSheet() {
      Q.clear(els.sheet);
      bp.parts.forEach(function (part, p) {
        var indexes = [];
        attempt.items.forEach(function (item, i) { if (item.part === p) indexes.push(i); });
        els.sheet.appendChild(h("p", { class: "yj-sheet-part" }, partTitle(p)));
        els.sheet.appendChild(Q.sheetGrid(indexes, cellInfo, function (n) { showQuestion(n, true); }));
      });
    }

    function updateSheet(indexes) {
      indexes.forEach(function (i) { if (i >= 0) Q.setCell(els.sheet, i, cellInfo(i)); });
      var done = attempt.items.filter(function (item, i) { return answered(i); }).length;
      els.count.textContent = "已答 " + done + "/" + attempt.items.length;
    }

    function closeConfirm() {
      Q.clear(els.confirm);
    }

    /** The 交卷 confirmation: a dialog that fits the screen (its list of numbers scrolls), blank
     * and marked questions as small numbers that go back to them. */
    function confirmSubmit() {
      var missing = [];
      var marked = [];
      attempt.items.forEach(function (item, i) {
        if (!answered(i)) missing.push(i);
        if (attempt.marks[i]) marked.push(i);
      });
      var goBack = function (i) { closeConfirm(); showQuestion(i, true); };
      var box = h("div", { class: "yj-confirm yj-modal-box", role: "alertdialog", "aria-modal": "true", "aria-labelledby": "yj-confirm-msg", tabindex: "-1" },
        h("p", { id: "yj-confirm-msg", class: "yj-confirm-msg" }, missing.length
          ? "还有 " + missing.length + " 题未作答，未作答的题不得分。确认交卷吗？"
          : "全部 " + attempt.items.length + " 题都已作答。确认交卷吗？"),
        h("div", { class: "yj-confirm-lists" },
          missing.length ? [h("p", { class: "yj-missing-text" }, "未作答：第 " + numbersText(missing) + " 题（点题号回去作答）"),
            h("div", { class: "yj-nums yj-missing" }, numberButtons(missing, goBack, "yj-missing-item"))] : null,
          marked.length ? [h("p", { class: "yj-marked-text" }, "已标记：第 " + numbersText(marked) + " 题"),
            h("div", { class: "yj-nums" }, numberButtons(marked, goBack, "yj-marked-item"))] : null),
        h("div", { class: "yj-actions" },
          button("确认交卷", function () { submit(false); }, { class: "yj-danger yj-confirm-submit" }),
          button("继续答题", closeConfirm)));
      var overlay = h("div", { class: "yj-modal", onkeydown: function (event) { if (event.key === "Escape") closeConfirm(); } }, box);
      Q.clear(els.confirm).appendChild(overlay);
      box.focus();
    }

    /* ------------------------------------------------------ result */

    function submit(auto) {
      stopTimer();
      unplaceBar();
      document.body.classList.remove("yj-sitting");
      var finished = attempt.ends && auto ? Math.min(Date.now(), attempt.ends) : Date.now();
      var score = L.scoreAttempt(bp, attempt, byKey);
      // answered questions count for the statistics and the review schedule; answered wrong (or
      // only half right) they go into the 错题本. Blank ones are reviewed here but not booked.
      var answers = [];
      attempt.items.forEach(function (item, i) {
        var selected = attempt.answers[i] || [];
        if (selected.length) answers.push({ q: byKey[item.id], right: score.states[i] === "right", selected: selected, order: item.order });
      });
      Q.book.answers(answers);
      var record = L.examRecord(data, attempt, score, finished, auto);
      Q.book.addRecord(record);
      var done = attempt;
      attempt = null;
      Q.save(key, null);
      Q.clear(root).appendChild(h("p", { class: "yj-hint" }, "正在评分……"));
      withReview(function () { showResult(done, score, record, auto); });
    }

    function scoreTable(score) {
      var right = score.parts.reduce(function (n, p) { return n + p.right; }, 0);
      return h("table", { class: "yj-score-table" },
        h("thead", null, h("tr", null, ["题型", "题数", "答对", "得分", "满分"].map(function (t) { return h("th", { scope: "col" }, t); }))),
        h("tbody", null, score.parts.map(function (p) {
          return h("tr", { "data-type": p.type }, h("th", { scope: "row" }, p.type + "题"), h("td", null, String(p.count)),
            h("td", null, String(p.right)), h("td", { class: "yj-part-score" }, Q.fmt(p.score)), h("td", null, Q.fmt(p.full)));
        })),
        h("tfoot", null, h("tr", null, h("th", { scope: "row" }, "合计"), h("td", null, String(totalCount)),
          h("td", null, String(right)), h("td", null, Q.fmt(score.total)), h("td", null, Q.fmt(bp.total)))));
    }

    function showResult(done, score, record, auto) {
      Q.clear(root);
      var wrong = score.states.filter(function (s) { return s === "wrong" || s === "half"; }).length;
      var blank = score.states.filter(function (s) { return s === "blank"; }).length;
      var summary = h("div", {
        class: "yj-card yj-result " + (score.passed ? "yj-pass" : "yj-fail"), "data-score": Q.fmt(score.total),
        "data-passed": score.passed ? "1" : "0", role: "status", tabindex: "-1"
      },
        h("h2", null, "考试结果"),
        auto ? h("p", { class: "yj-auto-note" }, "考试时间到，已自动交卷。") : null,
        h("p", { class: "yj-total" }, "得分 ", h("strong", { class: "yj-total-score" }, Q.fmt(score.total)), " 分（满分 " + Q.fmt(bp.total) + " 分）",
          h("span", { class: "yj-badge" }, score.passed ? "合格" : "不合格")),
        h("p", null, "合格线 " + Q.fmt(bp.pass_mark) + " 分；用时 " + Q.duration(record.used) + "。"),
        h("div", { class: "yj-table-wrap" }, scoreTable(score)),
        h("div", { class: "yj-table-wrap" }, Q.topicTable(score.topics, data.topics)),
        h("div", { class: "yj-actions" },
          h("a", { class: "yj-btn yj-primary yj-print-link", href: Q.siteUrl(data.links.scoresheet) + "#" + record.id }, "打印成绩单"),
          h("a", { class: "yj-btn yj-records-link", href: Q.siteUrl(data.links.records) }, "考试记录"),
          button("再考一次", function () { startScreen(); })));
      root.appendChild(summary);
      var review = h("section", { class: "yj-section yj-wrong-review" },
        h("h2", null, wrong || blank ? "逐题回顾（答错 " + wrong + " 题" + (blank ? "、未作答 " + blank + " 题" : "") + "）" : "全部答对，没有错题。"),
        wrong || blank ? h("p", { class: "yj-review-note" }, (wrong ? "答错的题已记入错题本" : "") + (wrong && blank ? "；" : "") +
          (blank ? "未作答的题按答错计分，但不记入错题本（多是没来得及做）" : "") + "。") : null);
      var cards = [];
      review.appendChild(h("p", { class: "yj-sheet-legend" }, "答题卡：绿色答对，红色答错，橙色得一半分，灰色未作答；点题号看该题。"));
      review.appendChild(Q.sheetGrid(Q.range(done.items.length), function (i) { return { state: score.states[i] }; }, function (i) {
        var target = cards[i];
        if (target.fill) {
          target.fill();
          target.open = true;
        }
        Q.reveal(target, "start");
        target.querySelector("summary, .yj-meta").setAttribute("tabindex", "-1");
        target.querySelector("summary, .yj-meta").focus({ preventScroll: true });
      }));
      done.items.forEach(function (item, i) {
        cards.push(reviewItem(done, item, i, score.states[i]));
        review.appendChild(cards[i]);
      });
      root.appendChild(review);
      summary.focus({ preventScroll: true });
      Q.reveal(summary, "start"); // its heading below the sticky header, not under it
    }

    /** One question after the exam: wrong, half and blank ones open, right ones folded. */
    function reviewItem(done, item, i, state) {
      var q = byKey[item.id];
      var selected = done.answers[i] || [];
      var build = function () {
        var view = Q.questionView(q, { number: i + 1, total: totalCount, order: item.order, selected: selected });
        view.lock();
        view.mark();
        var part = bp.parts[item.part];
        var note = "本题得 " + Q.fmt(L.points(q, selected, part.points, bp.multi_scoring)) + " 分";
        return [view.node, Q.feedbackView(q, item.order, selected, cites(q), note)];
      };
      if (state !== "right") return h("div", { class: "yj-card yj-review-" + state, id: "yj-review-" + (i + 1) }, build());
      var box = h("details", { class: "yj-item yj-review-right", id: "yj-review-" + (i + 1) },
        h("summary", null, "第 " + (i + 1) + " 题 ✔ 答对：", h("span", { class: "yj-item-stem" }, q.stem)));
      box.fill = function () { // built when first opened
        if (box.children.length === 1) box.appendChild(h("div", null, build()));
      };
      box.addEventListener("toggle", function () { if (box.open) box.fill(); });
      return box;
    }

    Q.onKeys(root, function (event, index) {
      if (!current || !current.node.isConnected || !els.stage || !els.stage.isConnected) return false;
      var i = attempt ? attempt.pos : -1;
      if (i < 0) return false;
      if (event.key === "ArrowLeft" && i > 0) { showQuestion(i - 1, true); return true; }
      if (event.key === "ArrowRight" && i < attempt.items.length - 1) { showQuestion(i + 1, true); return true; }
      if (event.key === "m" || event.key === "M") { current.toggleMark(); return true; }
      if (index >= 0) return current.pick(index);
      return false;
    });

    startScreen(); // with an attempt in progress it offers to continue (or submits it if time ran out)
  };
})();
