/* yingji quiz engine, part 2: 专题练习 (答题 and 背题模式, 答题卡, filters, settings, keyboard)
 * and the answer card it shares with the review drills (quiz-review.js). */
(function () {
  "use strict";
  var Q = window.yingjiQuiz;
  if (!Q || Q.modes.practice) return;
  var h = Q.h, button = Q.button, book = Q.book, L = Q.L;
  var AUTO_NEXT_MS = 1500; // how long a right answer stays on screen before 答对自动下一题 moves on
  var TYPES = ["判断", "单选", "多选"];
  var KEY_HELP = "1–5 或 A–E 选择，Enter 确定 / 下一题，← → 上一题 / 下一题";

  /**
   * One question to answer with immediate feedback. opts: number, total, order, fav, next (the
   * button that moves on: focused after answering), onAnswer(right, selected).
   * Returns {node, view, submit(), answered()}.
   */
  function answerCard(q, cites, opts) {
    var view = Q.questionView(q, { number: opts.number, total: opts.total, order: opts.order });
    var feedback = h("div", { class: "yj-feedback-area", "aria-live": "polite" });
    var done = false;
    function submit() {
      if (done) return;
      var selected = view.selected();
      if (!selected.length) {
        Q.clear(feedback).appendChild(h("p", { class: "yj-hint" }, "请先选择答案。"));
        return;
      }
      done = true;
      view.lock();
      view.mark();
      submitBtn.hidden = true;
      var box = Q.feedbackView(q, view.order, selected, cites);
      Q.clear(feedback).appendChild(box);
      opts.onAnswer(L.isRight(q, selected), selected, view.order);
      if (opts.next && !opts.next.hidden) opts.next.focus({ preventScroll: true });
      Q.reveal(box, "feedback"); // the verdict and explanation stay on screen
    }
    var submitBtn = button("确定", submit, { class: "yj-primary yj-submit" });
    var node = h("div", { class: "yj-card" }, view.node,
      h("div", { class: "yj-actions" }, submitBtn, opts.fav || null), feedback);
    return { node: node, view: view, submit: submit, answered: function () { return done; } };
  }
  Q.answerCard = answerCard;

  /** 背题模式: the question with its answer marked, the explanation and the citations. */
  function studyCard(q, cites, opts) {
    var view = Q.questionView(q, { number: opts.number, total: opts.total, order: opts.order });
    view.lock();
    view.mark();
    return h("div", { class: "yj-card yj-study" }, view.node,
      h("p", { class: "yj-study-answer" }, "答案：", h("strong", null, Q.answerText(q, view.order, q.answer))),
      Q.explanationView(q, cites),
      h("div", { class: "yj-actions" }, opts.fav));
  }

  /* ------------------------------------------------------------ 练习 */

  Q.modes.practice = function (root, data) {
    var byKey = {}; // by storage key (id, or id~v2): records of an earlier version are not found
    data.questions.forEach(function (q) { byKey[L.qkey(q)] = q; });
    var allKeys = data.questions.map(L.qkey);
    // ?ids=id1,id2 (a 相关试题 link, made by the route table): exactly those questions
    var ids = /[?&]ids=([^&#]+)/.exec(location.search);
    var picked = ids ? decodeURIComponent(ids[1]).split(",") : null;
    var stateKey = Q.KEYS.practice + data.id + (picked ? "?ids" : "");
    var state = picked ? {} : Q.load(stateKey, null) || {};
    if (!state.list || !state.list.every(function (key) { return byKey[key]; })) {
      state = fresh({ order: state.order || "seq", chapter: -1, type: "", study: Boolean(state.study) });
    }
    var asked = new URLSearchParams(location.search).get("q"); // ?q=id: a question found by the search
    var askedKey = asked && data.questions.filter(function (q) { return q.id === asked; }).map(L.qkey)[0];
    if (askedKey) {
      if (state.list.indexOf(askedKey) < 0) state = fresh({ order: "seq", chapter: -1, type: "", study: state.study });
      state.pos = state.list.indexOf(askedKey);
    }
    var autoTimer = null;
    var card = null; // the answer card shown (null in 背题模式)

    function fresh(filter) {
      if (data.chapters && filter.chapter >= data.chapters.length) filter.chapter = -1;
      return {
        order: filter.order, chapter: filter.chapter, type: filter.type || "", study: filter.study, pos: 0,
        list: L.practiceKeys(data.questions, { order: filter.order, chapter: filter.chapter, type: filter.type, ids: picked })
      };
    }
    function refilter(change) {
      var filter = { order: state.order, chapter: state.chapter, type: state.type, study: state.study };
      Object.keys(change).forEach(function (k) { filter[k] = change[k]; });
      state = fresh(filter);
      show();
    }

    /* the panel: order, 背题模式, filters, settings, progress */
    var progressLine = h("p", { class: "yj-progress-line", "aria-live": "polite" });
    var bar = h("progress", { max: data.questions.length, value: 0, "aria-hidden": "true" });
    var stage = h("div", { class: "yj-stage" });

    function orderButton(order, text) {
      return button(text, function () { refilter({ order: order }); }, { "data-order": order });
    }
    var seqBtn = orderButton("seq", "顺序练习");
    var rndBtn = orderButton("random", "随机练习");
    var studyBtn = button("背题模式", function () { state.study = !state.study; show(); }, { class: "yj-study-toggle" });
    var typeSelect = h("select", {
      id: "yj-type-" + data.id, class: "yj-type-select",
      onchange: function () { refilter({ type: typeSelect.value }); }
    }, h("option", { value: "" }, "全部题型"), TYPES.filter(function (t) {
      return data.questions.some(function (q) { return q.type === t; });
    }).map(function (t) { return h("option", { value: t }, t + "题"); }));
    var chapterSelect = null;
    if (data.chapters && data.chapters.length > 1) {
      chapterSelect = h("select", {
        id: "yj-chapter-" + data.id, class: "yj-chapter-select",
        onchange: function () { refilter({ chapter: Number(chapterSelect.value) }); }
      }, h("option", { value: "-1" }, "全部章节"), data.chapters.map(function (title, i) {
        return h("option", { value: String(i) }, title);
      }));
    }
    var panel = h("div", { class: "yj-panel" },
      h("div", { class: "yj-toolbar yj-modes" },
        h("div", { class: "yj-segmented", role: "group", "aria-label": "出题顺序" }, seqBtn, rndBtn), studyBtn),
      h("div", { class: "yj-toolbar yj-filters" },
        h("label", { class: "yj-select" }, "题型：", typeSelect),
        chapterSelect ? h("label", { class: "yj-select" }, "章节：", chapterSelect) : null),
      h("div", { class: "yj-toolbar yj-settings" },
        Q.settingToggle("shuffle", "选项乱序", function () { show(); }),
        Q.settingToggle("auto", "答对后自动下一题"), Q.largeToggle(root)),
      progressLine, bar);

    /* below the question: jump to N, the 答题卡, the keyboard help, reset */
    var jumpInput = h("input", {
      type: "number", min: "1", inputmode: "numeric", class: "yj-goto-input", "aria-label": "题号",
      onkeydown: function (event) { if (event.key === "Enter") jump(); }
    });
    var jumpBox = h("div", { class: "yj-goto" }, h("label", null, "跳到第 ", jumpInput, " 题"), button("跳转", jump, { class: "yj-goto-go" }));
    var sheetBox = h("details", { class: "yj-sheet-box" }, h("summary", null, "答题卡"), h("div", { class: "yj-sheet" }));
    var resetBtn = button("清除本专题进度", function () {
      Q.confirmStep(footer, "清除“" + data.title + "”的答题记录（已练、答对和正确率）？错题本和收藏不受影响。", "确定清除", function () {
        book.clearStats(allKeys);
        state = fresh(state);
        show();
      });
    }, { class: "yj-quiet" });
    var footer = h("div", { class: "yj-footer" }, resetBtn);
    if (picked) {
      root.appendChild(h("p", { class: "yj-picked", role: "status" }, "只练相关的 " + state.list.length + " 道题。",
        h("a", { href: location.pathname.split("/").pop() || "./" }, "练习本专题全部 " + data.questions.length + " 题")));
    }
    root.appendChild(panel);
    if (!Q.storageOk()) root.appendChild(h("p", { class: "yj-hint" }, "此浏览器不允许保存记录，刷新页面后进度和错题会丢失。"));
    root.appendChild(stage);
    root.appendChild(jumpBox);
    root.appendChild(sheetBox);
    root.appendChild(Q.keyHelp(KEY_HELP));
    root.appendChild(footer);

    function showProgress() {
      var p = L.progress(book.stats(), allKeys);
      progressLine.textContent = "已练 " + p.done + " / " + data.questions.length + " 题，答对 " + p.right + " 题" +
        (p.n ? "，正确率 " + Math.round(p.accuracy * 100) + "%" : "");
      bar.value = p.done;
    }

    function drawSheet() {
      var stats = book.stats();
      var grid = Q.sheetGrid(Q.range(state.list.length), function (i) {
        var s = stats[state.list[i]];
        return { state: !s ? "todo" : s.l === 1 ? "right" : "wrong", current: i === state.pos };
      }, function (i) { goTo(i); });
      var holder = Q.clear(sheetBox.querySelector(".yj-sheet"));
      holder.appendChild(Q.sheetLegend(["绿色：上次答对", "红色：上次答错", "白色：未练"]));
      holder.appendChild(grid);
    }

    function cancelAuto() {
      if (autoTimer !== null) window.clearTimeout(autoTimer);
      autoTimer = null;
    }

    function show() {
      cancelAuto();
      Q.save(stateKey, state);
      seqBtn.setAttribute("aria-pressed", state.order === "seq" ? "true" : "false");
      rndBtn.setAttribute("aria-pressed", state.order === "random" ? "true" : "false");
      studyBtn.setAttribute("aria-pressed", state.study ? "true" : "false");
      typeSelect.value = state.type || "";
      if (chapterSelect) chapterSelect.value = String(state.chapter);
      sheetBox.querySelector("summary").textContent = "答题卡（" + state.list.length + " 题，点题号跳转）";
      jumpInput.max = String(state.list.length);
      showProgress();
      drawSheet();
      Q.clear(stage);
      card = null;
      if (!state.list.length) {
        stage.appendChild(h("p", { class: "yj-empty" }, "没有符合条件的题目。"));
        return;
      }
      var q = byKey[state.list[state.pos]];
      var cites = (q.cites || []).map(function (r) { return data.refs[r]; }).filter(Boolean);
      var order = L.optionOrder(q, Boolean(book.settings().shuffle));
      var last = state.pos === state.list.length - 1;
      var prev = button("上一题", function () { go(-1); }, { disabled: state.pos === 0, class: "yj-prev" });
      var next = button(last ? "已是最后一题" : "下一题", function () { go(1); }, { class: "yj-primary yj-next", disabled: last });
      var number = { number: state.pos + 1, total: state.list.length, order: order, fav: Q.favButton(q) };
      if (state.study) {
        stage.appendChild(studyCard(q, cites, number));
      } else {
        number.next = last ? null : next;
        number.onAnswer = function (right, selected, shown) {
          book.answer(q, right, selected, shown);
          showProgress();
          drawSheet();
          if (right && !last && book.settings().auto) {
            autoTimer = Q.addTimer(window.setTimeout(function () { autoTimer = null; go(1); }, AUTO_NEXT_MS));
          }
        };
        card = answerCard(q, cites, number);
        stage.appendChild(card.node);
      }
      stage.appendChild(h("div", { class: "yj-nav" }, prev, next));
    }

    function goTo(pos) {
      state.pos = Math.max(0, Math.min(state.list.length - 1, pos));
      show();
      var first = stage.querySelector(".yj-question");
      if (first) Q.reveal(first, "start");
      var input = stage.querySelector("input");
      if (input && !input.disabled) input.focus({ preventScroll: true });
    }

    function go(step) { goTo(state.pos + step); }

    function jump() {
      var n = parseInt(jumpInput.value, 10);
      if (n >= 1 && n <= state.list.length) goTo(n - 1);
      jumpInput.value = "";
    }

    Q.onKeys(root, function (event, index) {
      if (event.key === "ArrowLeft") { go(-1); return true; }
      if (event.key === "ArrowRight") { go(1); return true; }
      if (!card) return false;
      if (index >= 0 && !card.answered()) return card.view.pick(index);
      if (event.key === "Enter") {
        if (card.answered()) go(1);
        else card.submit();
        return true;
      }
      return false;
    });

    show();
  };
})();
