/* yingji quiz engine, part 2: 专题练习, 错题本与收藏 (with 重做错题) and the progress on the index. */
(function () {
  "use strict";
  var Q = window.yingjiQuiz;
  if (!Q || Q.modes.practice) return;
  var h = Q.h, button = Q.button, book = Q.book;

  /** Answered and right among the stored records that `counts(key)` accepts (current versions). */
  function countRight(progress, counts) {
    var keys = Object.keys(progress).filter(counts);
    return { done: keys.length, right: keys.filter(function (key) { return progress[key] === 1; }).length };
  }

  /** One question to answer with immediate feedback; calls back with whether it was right. */
  function answerCard(q, cites, opts) {
    var view = Q.questionView(q, { number: opts.number, total: opts.total });
    var feedback = h("div", { class: "yj-feedback-area", "aria-live": "polite" });
    var submit = button("确定", function () {
      var selected = view.selected();
      if (!selected.length) {
        Q.clear(feedback).appendChild(h("p", { class: "yj-hint" }, "请先选择答案。"));
        return;
      }
      view.lock();
      view.mark();
      submit.hidden = true;
      Q.clear(feedback).appendChild(Q.feedbackView(q, view.order, selected, cites));
      opts.onAnswer(Q.isRight(q, selected), selected);
      if (opts.next) opts.next.focus();
    }, { class: "yj-primary yj-submit" });
    var card = h("div", { class: "yj-card" }, view.node,
      h("div", { class: "yj-actions" }, submit, opts.fav || null), feedback);
    return card;
  }

  /* ------------------------------------------------------------ 练习 */

  Q.modes.practice = function (root, data) {
    var byKey = {}; // by storage key (id, or id~v2): records of an earlier version are not found
    data.questions.forEach(function (q) { byKey[Q.qkey(q)] = q; });
    // ?ids=id1,id2 (a 相关试题 link, made by the route table): exactly those questions
    var ids = /[?&]ids=([^&#]+)/.exec(location.search);
    var picked = ids ? decodeURIComponent(ids[1]).split(",") : null;
    var stateKey = Q.KEYS.practice + data.id + (picked ? "?ids" : "");
    var state = picked ? {} : Q.load(stateKey, null) || {};
    if (!state.list || !state.list.every(function (key) { return byKey[key]; })) state = fresh("seq", -1);
    var asked = new URLSearchParams(location.search).get("q");  // ?q=id: a question found by the search
    var askedKey = asked && data.questions.filter(function (q) { return q.id === asked; }).map(Q.qkey)[0];
    if (askedKey) {
      if (state.list.indexOf(askedKey) < 0) state = fresh("seq", -1);
      state.pos = state.list.indexOf(askedKey);
    }

    function fresh(order, chapter) {
      var ids = data.questions.filter(function (q) {
        return (chapter < 0 || (q.ch || []).indexOf(chapter) >= 0) && (!picked || picked.indexOf(q.id) >= 0);
      }).map(Q.qkey);
      return { order: order, chapter: chapter, pos: 0, list: order === "random" ? Q.shuffle(ids) : ids };
    }

    var progressLine = h("p", { class: "yj-progress-line", "aria-live": "polite" });
    var bar = h("progress", { max: data.questions.length, value: 0, "aria-hidden": "true" });
    var stage = h("div", { class: "yj-stage" });

    function orderButton(order, text) {
      return button(text, function () { state = fresh(order, state.chapter); show(); }, { "data-order": order });
    }
    var seqBtn = orderButton("seq", "顺序练习");
    var rndBtn = orderButton("random", "随机练习");
    var chapterSelect = null;
    if (data.chapters && data.chapters.length > 1) {
      chapterSelect = h("select", {
        id: "yj-chapter-" + data.id,
        onchange: function () { state = fresh(state.order, Number(chapterSelect.value)); show(); }
      }, h("option", { value: "-1" }, "全部章节"), data.chapters.map(function (title, i) {
        return h("option", { value: String(i) }, title);
      }));
    }
    var toolbar = h("div", { class: "yj-toolbar" },
      h("div", { class: "yj-segmented", role: "group", "aria-label": "出题顺序" }, seqBtn, rndBtn),
      chapterSelect ? h("label", { class: "yj-select" }, "按章节：", chapterSelect) : null,
      Q.largeToggle(root));
    var resetBtn = button("清除本专题进度", function () {
      Q.confirmStep(footer, "清除“" + data.title + "”的练习进度？错题本和收藏不受影响。", "确定清除", function () {
        var all = Q.load(Q.KEYS.progress, {});
        delete all[data.id];
        Q.save(Q.KEYS.progress, all);
        state = fresh(state.order, state.chapter);
        show();
      });
    }, { class: "yj-quiet" });
    var footer = h("div", { class: "yj-footer" }, resetBtn);
    if (picked) {
      root.appendChild(h("p", { class: "yj-picked", role: "status" }, "只练相关的 " + state.list.length + " 道题。",
        h("a", { href: location.pathname.split("/").pop() || "./" }, "练习本专题全部 " + data.questions.length + " 题")));
    }
    root.appendChild(h("div", { class: "yj-panel" }, toolbar, progressLine, bar));
    root.appendChild(stage);
    root.appendChild(footer);
    if (!Q.storageOk()) root.insertBefore(h("p", { class: "yj-hint" }, "此浏览器不允许保存记录，刷新页面后进度和错题会丢失。"), stage);

    function showProgress() {
      var counts = countRight(book.progress(data.id), function (key) { return Boolean(byKey[key]); });
      progressLine.textContent = "已练 " + counts.done + " / " + data.questions.length + " 题，答对 " + counts.right + " 题";
      bar.value = counts.done;
    }

    function show() {
      Q.save(stateKey, state);
      seqBtn.setAttribute("aria-pressed", state.order === "seq" ? "true" : "false");
      rndBtn.setAttribute("aria-pressed", state.order === "random" ? "true" : "false");
      if (chapterSelect) chapterSelect.value = String(state.chapter);
      showProgress();
      Q.clear(stage);
      if (!state.list.length) {
        stage.appendChild(h("p", null, "这一章没有题目。"));
        return;
      }
      var q = byKey[state.list[state.pos]];
      var prev = button("上一题", function () { go(-1); }, { disabled: state.pos === 0 });
      var last = state.pos === state.list.length - 1;
      var next = button(last ? "已是最后一题" : "下一题", function () { go(1); }, { class: "yj-primary", disabled: last });
      var snap = function () { return Q.snapshot(q, data.refs, data.title); };
      stage.appendChild(answerCard(q, (q.cites || []).map(function (r) { return data.refs[r]; }), {
        number: state.pos + 1, total: state.list.length, next: last ? null : next,
        fav: Q.favButton(snap),
        onAnswer: function (right, selected) {
          book.markProgress(data.id, Q.qkey(q), right);
          if (!right) book.addWrong(snap(), selected);
          showProgress();
        }
      }));
      stage.appendChild(h("div", { class: "yj-nav" }, prev, next));
    }

    function go(step) {
      state.pos = Math.max(0, Math.min(state.list.length - 1, state.pos + step));
      show();
      var first = stage.querySelector("input");
      if (first) first.focus();
    }

    show();
  };

  /* ------------------------------------------------ 错题本与收藏 */

  function entries(all) {
    return Object.keys(all).map(function (id) { return all[id]; })
      .sort(function (a, b) { return a.t - b.t; });
  }

  function storedView(entry, extra, actions) {
    var q = entry.q;
    var order = Q.choices(q);
    var view = Q.questionView(q, { selected: entry.a || [] });
    view.lock();
    view.mark();
    return h("details", { class: "yj-item", "data-qid": q.id },
      h("summary", null, h("span", { class: "yj-item-stem" }, q.stem),
        h("span", { class: "yj-item-meta" }, [q.type + "题", q.source, extra].filter(Boolean).join(" · "))),
      view.node,
      h("p", null, "正确答案：", h("strong", null, Q.answerText(q, order, q.answer)),
        entry.a && entry.a.length ? "　你上次的答案：" + Q.answerText(q, order, entry.a) : null),
      h("div", { class: "yj-explanation" }, h("p", { class: "yj-label" }, "解析："), Q.paragraphs(q.explanation)),
      Q.citationsView(q.cites),
      h("div", { class: "yj-actions" }, actions));
  }

  Q.modes.review = function (root) {
    book.forgetOld(Q.currentKey(root.getAttribute("data-versioned"))); // the question has changed since
    function render() {
      Q.clear(root);
      var wrong = entries(book.wrong());
      var favs = entries(book.favs());
      var wrongList = h("div", { class: "yj-list" }, wrong.map(function (entry) {
        return storedView(entry, "答错 " + entry.n + " 次",
          button("移出错题本", function () { book.removeWrong(Q.qkey(entry.q)); render(); }, { class: "yj-quiet" }));
      }));
      var favList = h("div", { class: "yj-list" }, favs.map(function (entry) {
        return storedView(entry, "", button("取消收藏", function () { book.toggleFav(entry.q); render(); }, { class: "yj-quiet" }));
      }));
      var wrongBox = h("section", { class: "yj-section yj-wrong-book" },
        h("h2", null, "错题本（" + wrong.length + " 题）"),
        wrong.length ? h("div", { class: "yj-actions" },
          button("重做错题", function () { drill(wrong.map(function (e) { return e.q; }), true); }, { class: "yj-primary" }),
          button("清空错题本", function () {
            Q.confirmStep(wrongBox, "清空错题本中的 " + wrong.length + " 道题？", "确定清空", function () { book.clearWrong(); render(); });
          }, { class: "yj-quiet" }))
          : h("p", { class: "yj-empty" }, "错题本是空的。练习或考试中答错的题会记在这里。"),
        wrongList);
      var favBox = h("section", { class: "yj-section yj-fav-book" },
        h("h2", null, "收藏（" + favs.length + " 题）"),
        favs.length ? h("div", { class: "yj-actions" },
          button("练习收藏的题", function () { drill(favs.map(function (e) { return e.q; }), false); }, { class: "yj-primary" }),
          button("清空收藏", function () {
            Q.confirmStep(favBox, "清空全部 " + favs.length + " 道收藏的题？", "确定清空", function () { book.clearFavs(); render(); });
          }, { class: "yj-quiet" }))
          : h("p", { class: "yj-empty" }, "还没有收藏的题。练习时点“☆ 收藏”即可收藏。"),
        favList);
      var resetBox = h("section", { class: "yj-section" },
        h("h2", null, "清除记录"),
        h("p", null, "清除本机保存的全部练习进度、错题、收藏和未完成的考试。"),
        button("清除全部练习记录", function () {
          Q.confirmStep(resetBox, "清除全部练习记录？此操作不能撤销。", "确定清除", function () { book.clearAll(); render(); });
        }, { class: "yj-danger yj-reset-all" }));
      root.appendChild(h("div", { class: "yj-toolbar" }, Q.largeToggle(root)));
      root.appendChild(wrongBox);
      root.appendChild(favBox);
      root.appendChild(resetBox);
    }

    /** 重做错题: ask again and again until each is answered right (right = out of the book). */
    function drill(questions, fromWrongBook) {
      var queue = questions.slice();
      var total = queue.length;
      function next() {
        Q.clear(root);
        var head = h("div", { class: "yj-panel" },
          h("p", { class: "yj-progress-line", "aria-live": "polite" },
            (fromWrongBook ? "重做错题：还剩 " : "练习收藏：还剩 ") + queue.length + " 题（共 " + total + " 题）"),
          button("结束，返回错题本", render, { class: "yj-quiet" }));
        root.appendChild(head);
        if (!queue.length) {
          root.appendChild(h("p", { class: "yj-done", role: "status" },
            fromWrongBook ? "错题已全部答对，已移出错题本。" : "收藏的题已全部练完。"));
          root.appendChild(button("返回错题本与收藏", render, { class: "yj-primary" }));
          root.querySelector(".yj-primary").focus();
          return;
        }
        var q = queue.shift();
        var nextBtn = button("下一题", next, { class: "yj-primary" });
        nextBtn.hidden = true;
        root.appendChild(answerCard(q, q.cites, {
          next: nextBtn,
          fav: Q.favButton(function () { return q; }),
          onAnswer: function (right, selected) {
            if (fromWrongBook && right) book.removeWrong(Q.qkey(q));
            if (!right) {
              book.addWrong(q, selected);
              if (fromWrongBook) queue.push(q); // asked again until answered right
            }
            nextBtn.hidden = false;
            nextBtn.textContent = queue.length ? "下一题" : "完成";
            nextBtn.focus();
          }
        }));
        root.appendChild(h("div", { class: "yj-nav" }, nextBtn));
        var first = root.querySelector("input");
        if (first) first.focus();
      }
      next();
    }

    render();
  };

  /* ------------------------------------------- index: progress per topic */

  Q.modes.index = function (doc) {
    doc.querySelectorAll(".yj-progress[data-topic]").forEach(function (span) {
      var counts = countRight(book.progress(span.getAttribute("data-topic")), Q.currentKey(span.getAttribute("data-versioned")));
      var total = span.getAttribute("data-total");
      span.textContent = counts.done ? "已练 " + counts.done + "/" + total + "，答对 " + counts.right : "未开始";
    });
  };
})();
