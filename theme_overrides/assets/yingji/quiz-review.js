/* yingji quiz engine, part 4: 错题本与收藏 with 今日复习 (the spaced schedule), 重做错题 and
 * 练薄弱, and the learner's summary on the quiz home. Both pages read the bank's index
 * (quiz/bank.data.js): which questions exist now, and where each topic's data is. */
(function () {
  "use strict";
  var Q = window.yingjiQuiz;
  if (!Q || Q.modes.review) return;
  var h = Q.h, button = Q.button, book = Q.book, L = Q.L;
  var WEAK_MIN_ANSWERS = 3; // a topic is ranked once it has this many answers
  var WEAK_DRILL = 20; // questions in one 练薄弱 round

  /** The bank index as lookups: which topic holds a key, whether a key exists now, and whether
   * it is an earlier version of a question that exists now. */
  function bankIndex(bank) {
    var topicOf = {};
    var ids = {};
    bank.topics.forEach(function (t) {
      t.keys.forEach(function (key) {
        topicOf[key] = t;
        ids[key.split("~")[0]] = true;
      });
    });
    return {
      bank: bank, topicOf: topicOf,
      exists: function (key) { return Boolean(topicOf[key]); },
      outdated: function (key) { return !topicOf[key] && Boolean(ids[String(key).split("~")[0]]); }
    };
  }

  function dueText(entry) {
    if (!entry) return "";
    var days = entry.d - Q.today();
    return days <= 0 ? "今天复习" : days === 1 ? "明天复习" : days + " 天后复习";
  }

  /* ------------------------------------------------------------ review page */

  Q.modes.review = function (root, bank) {
    var index = bankIndex(bank);
    // records of an earlier version of a question go; those of questions not in this bank are
    // only left out (several sites opened from file:// share one storage)
    book.prune(function (key) { return !index.outdated(key); });
    var questions = {}; // key -> question with its resolved citations
    var ready = Q.later(root);
    function shown() { // the first view is on screen (after the data it needs)
      if (ready) ready();
      ready = null;
    }

    /** Load the data of the topics holding `keys`, then callback(). */
    function withQuestions(keys, callback) {
      var srcs = [];
      keys.forEach(function (key) {
        var topic = index.topicOf[key];
        if (topic && !questions[key] && srcs.indexOf(topic.src) < 0) srcs.push(topic.src);
      });
      Q.loadScripts(srcs, function (list) {
        list.forEach(function (data) {
          if (!data) return;
          data.questions.forEach(function (q) {
            var copy = Object.create(q);
            copy.resolved = (q.cites || []).map(function (r) { return data.refs[r]; }).filter(Boolean);
            copy.source = data.title;
            questions[L.qkey(q)] = copy;
          });
        });
        callback();
      });
    }

    function entries(all) {
      return Object.keys(all).filter(function (key) { return questions[key]; })
        .map(function (key) { return { key: key, q: questions[key], e: all[key] }; })
        .sort(function (a, b) { return a.e.t - b.e.t; });
    }

    function storedView(item, extra, actions) {
      var q = item.q;
      var order = item.e.o && item.e.o.length ? item.e.o : L.choices(q);
      var view = Q.questionView(q, { selected: item.e.a || [], order: order });
      view.lock();
      view.mark();
      return h("details", { class: "yj-item", "data-qid": q.id },
        h("summary", null, h("span", { class: "yj-item-stem" }, q.stem),
          h("span", { class: "yj-item-meta" }, [q.type + "题", q.source, extra, dueText(book.sched()[item.key])].filter(Boolean).join(" · "))),
        view.node,
        h("p", null, "正确答案：", h("strong", null, Q.answerText(q, order, q.answer)),
          item.e.a && item.e.a.length ? "　你上次的答案：" + Q.answerText(q, order, item.e.a) : null),
        Q.explanationView(q, q.resolved),
        h("div", { class: "yj-actions" }, actions));
    }

    function todaySection() {
      var summary = L.scheduleSummary(book.sched(), Q.today(), index.exists);
      var box = h("section", { class: "yj-section yj-today" }, h("h2", null, "今日复习（" + summary.due + " 题）"));
      box.appendChild(h("p", { class: "yj-today-line" }, summary.total
        ? "复习计划中共 " + summary.total + " 题：今天到期 " + summary.due + " 题，明天到期 " + summary.tomorrow + " 题。"
        : "复习计划是空的：答错或收藏的题会排进复习计划。"));
      if (summary.due) box.appendChild(button("开始今日复习", startToday, { class: "yj-primary yj-start-today" }));
      return box;
    }

    /** 错题本 or 收藏: its count, a drill over all of it, a confirmed clear, and its questions. */
    function bookSection(part, items, itemView) {
      var box = h("section", { class: "yj-section " + part.cls }, h("h2", null, part.title + "（" + items.length + " 题）"));
      if (items.length) {
        var confirmSlot = h("div"); // the question comes under its button, not after a long list
        box.appendChild(h("div", { class: "yj-actions" },
          button(part.drill, function () {
            drill(items.map(function (e) { return e.key; }), part.kind);
          }, { class: "yj-primary" }),
          button(part.clear, function () {
            Q.clear(confirmSlot);
            Q.confirmStep(confirmSlot, part.confirm(items.length), part.confirmLabel, function () { part.empty(); render(); });
          }, { class: "yj-quiet" })));
        box.appendChild(confirmSlot);
      } else {
        box.appendChild(h("p", { class: "yj-empty" }, part.none));
      }
      box.appendChild(h("div", { class: "yj-list" }, items.map(itemView)));
      return box;
    }

    var WRONG_BOOK = {
      cls: "yj-wrong-book", title: "错题本", kind: "wrong", drill: "重做错题", clear: "清空错题本",
      confirm: function (n) { return "清空错题本中的 " + n + " 道题？"; }, confirmLabel: "确定清空",
      empty: function () { book.clearWrong(); },
      none: "错题本是空的。练习或考试中答错的题会记在这里。"
    };
    var FAV_BOOK = {
      cls: "yj-fav-book", title: "收藏", kind: "fav", drill: "练习收藏的题", clear: "清空收藏",
      confirm: function (n) { return "清空全部 " + n + " 道收藏的题？"; }, confirmLabel: "确定清空",
      empty: function () { book.clearFavs(); },
      none: "还没有收藏的题。练习时点“☆ 收藏”即可收藏。"
    };

    function render() {
      Q.clear(root);
      var wrongBox = bookSection(WRONG_BOOK, entries(book.wrong()), function (item) {
        return storedView(item, "答错 " + item.e.n + " 次",
          button("移出错题本", function () { book.removeWrong(item.key, true); render(); }, { class: "yj-quiet" }));
      });
      var favBox = bookSection(FAV_BOOK, entries(book.favs()), function (item) {
        return storedView(item, "", button("取消收藏", function () { book.toggleFav(item.q); render(); }, { class: "yj-quiet" }));
      });
      var resetBox = h("section", { class: "yj-section" },
        h("h2", null, "清除记录"),
        h("p", null, "清除本机保存的全部练习进度、错题、收藏、复习计划、考试记录和未完成的考试。"),
        button("清除全部练习记录", function () {
          Q.confirmStep(resetBox, "清除全部练习记录？此操作不能撤销。", "确定清除", function () { book.clearAll(); render(); });
        }, { class: "yj-danger yj-reset-all" }));
      root.appendChild(h("div", { class: "yj-toolbar" }, Q.largeToggle(root)));
      root.appendChild(todaySection());
      root.appendChild(wrongBox);
      root.appendChild(favBox);
      root.appendChild(resetBox);
      shown();
    }

    function startToday() {
      drill(L.dueKeys(book.sched(), Q.today(), index.exists), "today");
    }

    /** 练薄弱: the weakest topic (or the one asked for), its weakest questions first. */
    function startWeak(topicId) {
      var weakest = L.weakTopics(book.stats(), bank.topics, WEAK_MIN_ANSWERS)[0];
      var wanted = topicId || (weakest && weakest.id);
      var topic = bank.topics.filter(function (t) { return t.id === wanted; })[0];
      if (!topic) {
        Q.clear(root).appendChild(h("p", { class: "yj-empty yj-done" }, "答题还不够多，找不出薄弱专题：每个专题答满 " + WEAK_MIN_ANSWERS + " 次后才排名。"));
        root.appendChild(button("返回错题本与收藏", render, { class: "yj-primary" }));
        shown();
        return;
      }
      drill(L.weakQuestions(book.stats(), topic.keys, WEAK_DRILL), "weak", topic.title);
    }

    var DRILL_TEXT = {
      wrong: ["重做错题", "错题已全部答对，已移出错题本。"],
      fav: ["练习收藏", "收藏的题已全部练完。"],
      today: ["今日复习", "今日复习完成。答对的题下次复习的间隔加长，答错的明天再复习。"],
      weak: ["练薄弱", "这一组练完了。"]
    };

    /**
     * Questions one after another. "wrong": asked again until each is answered right (right =
     * out of the 错题本); the others once each. Every answer counts (statistics, schedule).
     */
    function drill(keys, kind, topicTitle) {
      withQuestions(keys, function () {
        var queue = keys.filter(function (key) { return questions[key]; });
        var total = queue.length;
        var right = 0;
        var card = null;
        var text = DRILL_TEXT[kind];
        var back = function () { history.replaceState(null, "", location.pathname + location.search); render(); };
        function next() {
          Q.clear(root);
          card = null;
          var head = h("div", { class: "yj-panel" },
            h("p", { class: "yj-progress-line", "aria-live": "polite" },
              text[0] + (topicTitle ? "（" + topicTitle + "）" : "") + "：还剩 " + queue.length + " 题（共 " + total + " 题）"),
            button("结束，返回错题本", back, { class: "yj-quiet" }));
          root.appendChild(head);
          if (!queue.length) {
            root.appendChild(h("p", { class: "yj-done", role: "status" }, text[1] + (kind === "wrong" ? "" : "答对 " + right + " / " + total + " 题。")));
            root.appendChild(button("返回错题本与收藏", back, { class: "yj-primary" }));
            root.querySelector(".yj-primary").focus();
            shown();
            return;
          }
          var key = queue.shift();
          var q = questions[key];
          var stored = book.wrong()[key];
          var order = kind === "wrong" && stored && stored.o ? stored.o : L.optionOrder(q, Boolean(book.settings().shuffle));
          var nextBtn = button("下一题", next, { class: "yj-primary yj-next" });
          nextBtn.hidden = true;
          card = Q.answerCard(q, q.resolved, {
            order: order, next: nextBtn, fav: Q.favButton(q),
            onAnswer: function (isRight, selected, shown) {
              book.answer(q, isRight, selected, shown);
              if (isRight) right++;
              if (kind === "wrong" && isRight) book.removeWrong(key, false);
              if (kind === "wrong" && !isRight) queue.push(key); // asked again until answered right
              nextBtn.hidden = false;
              nextBtn.textContent = queue.length ? "下一题" : "完成";
              nextBtn.focus({ preventScroll: true });
            }
          });
          root.appendChild(card.node);
          root.appendChild(h("div", { class: "yj-nav" }, nextBtn));
          var first = root.querySelector(".yj-question input");
          if (first) first.focus({ preventScroll: true });
          shown();
        }
        Q.onKeys(root, function (event, i) {
          if (!card || !card.node.isConnected) return false;
          if (i >= 0 && !card.answered()) return card.view.pick(i);
          if (event.key === "Enter") {
            if (card.answered()) next();
            else card.submit();
            return true;
          }
          return false;
        });
        next();
      });
    }

    var wanted = decodeURIComponent(location.hash.slice(1));
    var all = Object.keys(book.wrong()).concat(Object.keys(book.favs()));
    withQuestions(all.concat(Object.keys(book.sched())), function () {
      if (wanted === "today") startToday();
      else if (wanted === "weak" || wanted.indexOf("weak-") === 0) startWeak(wanted.slice(5));
      else render();
    });
  };

  /* ------------------------------------------------------------ quiz home */

  Q.modes.home = function (root, bank) {
    var stats = book.stats();
    document.querySelectorAll(".yj-progress[data-topic]").forEach(function (span) {
      var topic = bank.topics.filter(function (t) { return t.id === span.getAttribute("data-topic"); })[0];
      var p = L.progress(stats, topic ? topic.keys : []);
      span.textContent = p.done ? "已练 " + p.done + "/" + p.total + "，答对 " + p.right : "未开始";
    });
    var index = bankIndex(bank);
    var summary = L.scheduleSummary(book.sched(), Q.today(), index.exists);
    var review = Q.siteUrl(bank.links.review);
    var weak = L.weakTopics(stats, bank.topics, WEAK_MIN_ANSWERS).slice(0, 3);
    var records = book.records();
    var last = records[records.length - 1];
    root.appendChild(h("div", { class: "yj-card yj-home-card" },
      h("h2", null, "我的学习"),
      h("p", { class: "yj-home-today" },
        h("strong", null, "今日复习 " + summary.due + " 题"),
        summary.due ? null : "（明天 " + summary.tomorrow + " 题）",
        summary.due ? h("a", { class: "yj-btn yj-primary yj-today-link", href: review + "#today" }, "开始复习") : null),
      weak.length
        ? h("div", { class: "yj-home-weak" }, h("p", null, "薄弱专题（正确率最低）："),
          h("ul", null, weak.map(function (t) {
            return h("li", null, t.title + "：正确率 " + Math.round(t.accuracy * 100) + "%（答 " + t.n + " 次）");
          })),
          h("a", { class: "yj-btn yj-weak-link", href: review + "#weak" }, "练薄弱"))
        : h("p", { class: "yj-hint" }, "每个专题答满 " + WEAK_MIN_ANSWERS + " 次后，这里列出正确率最低的专题。"),
      h("p", null, last
        ? "最近一次模拟考试：" + last.title + " " + Q.fmt(last.score) + " 分（" + (last.passed ? "合格" : "不合格") + "）。"
        : "还没有模拟考试记录。",
      h("a", { href: Q.siteUrl(bank.links.records) }, "考试记录"))));
  };
})();
