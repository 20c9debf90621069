/* yingji quiz engine, part 5: 考试记录 (every finished exam on this device, a score chart per
 * exam, accuracy per topic) and the printable 成绩单 of one exam. Both read the bank's index
 * (quiz/bank.data.js); the 成绩单 also the exam's data, for the text of the wrong questions. */
(function () {
  "use strict";
  var Q = window.yingjiQuiz;
  if (!Q || Q.modes.records) return;
  var h = Q.h, button = Q.button, book = Q.book, L = Q.L;
  var SVG = "http://www.w3.org/2000/svg";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function dateTime(time) {
    var d = new Date(time);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  function titles(bank) {
    var out = {};
    bank.topics.forEach(function (t) { out[t.id] = t.title; });
    return out;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    for (var i = 2; i < arguments.length; i++) if (arguments[i]) node.appendChild(arguments[i]);
    return node;
  }

  /** Scores over time as a small line chart: a dot per exam (green passed, red not), the pass line. */
  function scoreChart(records) {
    var W = 320, H = 140, P = 16;
    var c = L.chart(records, W, H, P);
    var last = records[records.length - 1];
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "yj-chart", role: "img",
      "aria-label": "成绩走势：" + records.map(function (r) { return Q.fmt(r.score); }).join("、") + " 分" },
      svg("rect", { x: P, y: P, width: W - 2 * P, height: H - 2 * P, class: "yj-chart-frame" }),
      c.pass === null ? null : svg("line", { x1: P, x2: W - P, y1: c.pass, y2: c.pass, class: "yj-chart-pass" }),
      c.pass === null ? null : svg("text", {
        x: c.passLabel === "end" ? W - P - 2 : P + 2, y: c.pass - 3, "text-anchor": c.passLabel, class: "yj-chart-label"
      }),
      records.length > 1 ? svg("polyline", { points: c.line, class: "yj-chart-line" }) : null);
    if (c.pass !== null) chart.querySelector("text").textContent = "合格线 " + Q.fmt(last.pass);
    c.dots.forEach(function (d, i) {
      chart.appendChild(svg("circle", { cx: d.x, cy: d.y, r: 4, class: d.passed ? "yj-chart-pass-dot" : "yj-chart-fail-dot" }));
      if (records.length <= 12) { // each score written above its dot while they fit
        var label = svg("text", { x: d.x, y: d.y < 2 * P ? d.y + 14 : d.y - 7, "text-anchor": "middle", class: "yj-chart-label" });
        label.textContent = Q.fmt(records[i].score);
        chart.appendChild(label);
      }
    });
    return h("figure", { class: "yj-chart-box" }, chart,
      h("figcaption", null, "成绩走势（左旧右新；虚线为合格线；绿点合格，红点不合格）"));
  }

  function readinessText(records) {
    var r = L.readiness(records);
    var text = "最近 " + r.count + " 次：合格 " + r.passed + " 次，平均得分率 " + r.average + "%";
    text += r.trend === "up" ? "，成绩在上升。" : r.trend === "down" ? "，成绩在下降。" : "。";
    if (r.ready) text += "最近 " + r.count + " 次都合格，可以考虑参加正式考试。";
    return text;
  }

  function partsTable(record) {
    return h("table", { class: "yj-score-table" },
      h("thead", null, h("tr", null, ["题型", "题数", "答对", "得分", "满分"].map(function (t) { return h("th", { scope: "col" }, t); }))),
      h("tbody", null, record.parts.map(function (p) {
        return h("tr", { "data-type": p.type }, h("th", { scope: "row" }, p.type + "题"), h("td", null, String(p.count)),
          h("td", null, String(p.right)), h("td", null, Q.fmt(p.score)), h("td", null, Q.fmt(p.full)));
      })));
  }

  /* ------------------------------------------------------------ 考试记录 */

  Q.modes.records = function (root, bank) {
    var topicTitles = titles(bank);
    var sheetUrl = Q.siteUrl(bank.links.scoresheet);

    function recordRow(r) {
      return h("details", { class: "yj-item yj-record", "data-record": r.id },
        h("summary", null,
          h("span", { class: "yj-record-line" }, dateTime(r.at) + "　" + Q.fmt(r.score) + " / " + Q.fmt(r.total) + " 分　",
            h("span", { class: "yj-badge-inline " + (r.passed ? "yj-pass-text" : "yj-fail-text") }, r.passed ? "合格" : "不合格")),
          h("span", { class: "yj-item-meta" }, "用时 " + Q.duration(r.used) + (r.auto ? "（时间到自动交卷）" : ""))),
        h("div", { class: "yj-table-wrap" }, partsTable(r)),
        h("div", { class: "yj-table-wrap" }, Q.topicTable(r.topics, topicTitles)),
        h("div", { class: "yj-actions" },
          h("a", { class: "yj-btn yj-primary", href: sheetUrl + "#" + r.id }, "成绩单"),
          button("删除这条记录", function () {
            Q.confirmStep(root, "删除 " + dateTime(r.at) + " 的考试记录？", "确定删除", function () { book.removeRecord(r.id); render(); });
          }, { class: "yj-quiet" })));
    }

    function examSection(examId, records) {
      var exam = bank.exams.filter(function (e) { return e.id === examId; })[0];
      var title = exam ? exam.title : records[records.length - 1].title;
      return h("section", { class: "yj-section yj-exam-records", "data-exam": examId },
        h("h2", null, title + "（" + records.length + " 次）"),
        h("p", { class: "yj-readiness" }, readinessText(records)),
        scoreChart(records.slice(-30)),
        h("div", { class: "yj-list" }, records.slice().reverse().map(recordRow)));
    }

    function topicSection() {
      var rows = L.weakTopics(book.stats(), bank.topics, 1);
      var review = Q.siteUrl(bank.links.review);
      var box = h("section", { class: "yj-section yj-topic-accuracy" }, h("h2", null, "各专题正确率（练习和考试）"));
      if (!rows.length) {
        box.appendChild(h("p", { class: "yj-empty" }, "还没有答题记录。"));
        return box;
      }
      box.appendChild(h("p", null, "从正确率最低的专题排起；“练薄弱”先出这个专题上次答错的题，再出没练过的题。"));
      box.appendChild(h("div", { class: "yj-table-wrap" }, h("table", { class: "yj-score-table" },
        h("thead", null, h("tr", null, ["专题", "已练", "正确率", ""].map(function (t) { return h("th", { scope: "col" }, t); }))),
        h("tbody", null, rows.map(function (t) {
          return h("tr", { "data-topic": t.id }, h("th", { scope: "row" }, t.title),
            h("td", null, t.done + "/" + t.total), h("td", { class: "yj-topic-rate" }, Math.round(t.accuracy * 100) + "%"),
            h("td", null, h("a", { href: review + "#weak-" + t.id }, "练薄弱")));
        })))));
      return box;
    }

    function render() {
      Q.clear(root);
      var records = book.records();
      var byExam = {};
      var order = [];
      records.forEach(function (r) {
        if (!byExam[r.exam]) { byExam[r.exam] = []; order.push(r.exam); }
        byExam[r.exam].push(r);
      });
      if (!records.length) {
        root.appendChild(h("p", { class: "yj-empty" }, "还没有考试记录。", h("a", { href: Q.siteUrl(bank.links.quiz) }, "去做一次模拟考试")));
      }
      order.forEach(function (examId) { root.appendChild(examSection(examId, byExam[examId])); });
      root.appendChild(topicSection());
    }

    render();
  };

  /* ------------------------------------------------------------ 成绩单 */

  function personField(name, text, person) {
    var input = h("input", {
      type: "text", name: "yj-" + name, class: "yj-person-" + name, value: person[name] || "", autocomplete: name === "name" ? "name" : "organization",
      oninput: function () { person[name] = input.value; Q.save(Q.KEYS.person, person); }
    });
    return h("label", { class: "yj-field" }, h("span", null, text + "："), input);
  }

  function wrongList(record, exam) {
    var byKey = {};
    exam.questions.forEach(function (q) { byKey[L.qkey(q)] = q; });
    var wrong = [];
    record.items.forEach(function (item, i) { if (item.s !== "right") wrong.push({ item: item, n: i + 1 }); });
    if (!wrong.length) return h("p", null, "全部答对。");
    return h("ol", { class: "yj-sheet-wrong" }, wrong.map(function (w) {
      var q = byKey[w.item.k];
      if (!q) return h("li", { value: w.n }, "（此题已从题库中删除）");
      var order = w.item.o && w.item.o.length ? w.item.o : L.choices(q);
      var answer = q.type === "判断" ? q.answer[0] : Q.answerText(q, order, q.answer) + "（" +
        q.answer.map(function (k) { return q.options[k]; }).join("；") + "）";
      return h("li", { value: w.n },
        h("p", { class: "yj-sheet-stem" }, "〔" + q.type + "〕" + q.stem),
        h("p", null, "你的答案：" + Q.answerText(q, order, w.item.a) + "　正确答案：", h("strong", null, answer)));
    }));
  }

  function paper(record, exam, bank) {
    var person = Q.load(Q.KEYS.person, {});
    var topicTitles = exam ? exam.topics : titles(bank); // exam: its data, null when gone
    return h("article", { class: "yj-paper", "data-record": record.id },
      h("h2", { class: "yj-paper-title" }, record.title + " 成绩单"),
      h("div", { class: "yj-fields" }, personField("name", "姓名", person), personField("unit", "单位", person)),
      h("table", { class: "yj-paper-facts" }, h("tbody", null,
        [["考试", record.title], ["日期时间", dateTime(record.at) + "（用时 " + Q.duration(record.used) + (record.auto ? "，时间到自动交卷" : "") + "）"],
          ["得分", Q.fmt(record.score) + " 分（满分 " + Q.fmt(record.total) + " 分，合格线 " + Q.fmt(record.pass) + " 分）"],
          ["结论", record.passed ? "合格" : "不合格"]].map(function (row) {
          return h("tr", null, h("th", { scope: "row" }, row[0]), h("td", { class: "yj-fact-" + row[0] }, row[1]));
        }))),
      h("h3", null, "各题型得分"), partsTable(record),
      h("h3", null, "各专题答对情况"), Q.topicTable(record.topics, topicTitles),
      h("h3", null, "错题及正确答案"),
      !record.items ? h("p", null, "这次考试的逐题记录已不再保存（本机只保存最近 " + L.DETAILS_KEPT + " 次考试的逐题记录）。")
        : !exam ? h("p", null, "这次考试的题目已不在题库中。") : wrongList(record, exam),
      h("div", { class: "yj-signatures" },
        h("p", null, "考生签名：", h("span", { class: "yj-line" })), h("p", null, "培训老师签名：", h("span", { class: "yj-line" })),
        h("p", null, "日期：", h("span", { class: "yj-line" }))),
      h("p", { class: "yj-paper-note" }, "本成绩单由学员本机的模拟考试记录生成，供培训参考，不是正式考试成绩。"));
  }

  Q.modes.scoresheet = function (root, bank) {
    var records = book.records();
    var wanted = location.hash.slice(1);
    var record = records.filter(function (r) { return r.id === wanted; })[0] || records[records.length - 1];
    if (!record) {
      root.appendChild(h("p", { class: "yj-empty" }, "本机还没有考试记录，交卷后才有成绩单。",
        h("a", { href: Q.siteUrl(bank.links.quiz) }, "去做一次模拟考试")));
      return;
    }
    root.classList.add("yj-scoresheet");
    var exam = bank.exams.filter(function (e) { return e.id === record.exam; })[0];
    var holder = h("div", { class: "yj-paper-holder" }, h("p", null, "正在读取题目……"));
    root.appendChild(h("div", { class: "yj-actions yj-print-hide" },
      button("打印成绩单", function () { window.print(); }, { class: "yj-primary yj-print" }),
      h("a", { class: "yj-btn", href: Q.siteUrl(bank.links.records) }, "全部考试记录")));
    root.appendChild(holder);
    var ready = Q.later(root); // ready when the exam's questions are in
    var show = function (data) {
      Q.clear(holder).appendChild(paper(record, data, bank));
      ready();
    };
    if (exam) Q.loadScript(exam.src, show);
    else show(null);
  };
})();
