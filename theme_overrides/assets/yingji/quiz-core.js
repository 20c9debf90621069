/* yingji quiz engine, part 1: the DOM and storage helpers shared by every quiz page.
 *
 * Plain JavaScript, no framework, nothing fetched from outside; the logic (drawing, scoring,
 * schedules, records, the storage schema) is quiz-logic.js, loaded first. Content (stems,
 * options, explanations, article text) is only ever put into the page with textContent, so a
 * "<script>" in a question shows as text.
 */
(function () {
  "use strict";
  if (window.yingjiQuiz) return; // loaded once, even if a page includes it twice
  var L = window.yingjiQuizLogic;

  var LETTERS = "ABCDEF";
  var script = document.currentScript;
  // The site root, from this file's own URL: works on file://, over http, with or without
  // directory URLs, and after instant navigation (the script stays, the page changes).
  var ROOT = script && script.src ? script.src.replace(/assets\/yingji\/quiz-core\.js(\?.*)?$/, "") : "";

  /* ---------------------------------------------------------------- DOM */

  function h(tag, props) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = value;
        else if (key === "class") node.className = value;
        else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : String(value));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
    else if (typeof child === "string" || typeof child === "number") node.appendChild(document.createTextNode(String(child)));
    else node.appendChild(child);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function button(label, onclick, extra) {
    var props = { type: "button", class: "yj-btn", onclick: onclick };
    Object.keys(extra || {}).forEach(function (key) {
      props[key] = key === "class" ? "yj-btn " + extra[key] : extra[key];
    });
    return h("button", props, label);
  }

  /** Lines of content text as paragraphs (article texts keep one paragraph per line). */
  function paragraphs(text, className) {
    return String(text).split("\n").filter(function (line) { return line.trim(); }).map(function (line) {
      return h("p", { class: className }, line);
    });
  }

  /** The bottom edge of what sticks to the top of the window (Material's header, the exam bar). */
  function coveredTop() {
    var bottom = 0;
    document.querySelectorAll(".md-header, .yj-exam-bar").forEach(function (el) {
      var style = window.getComputedStyle(el);
      if (style.position !== "sticky" && style.position !== "fixed") return;
      bottom = Math.max(bottom, (parseFloat(style.top) || 0) + el.offsetHeight);
    });
    return bottom;
  }

  /**
   * Scroll so `node` can be read: "start" puts its top just below the sticky bars unless it is
   * already in the upper part of the screen; "feedback" shows as much of it as fits without
   * its first line (the verdict) going under the bars.
   */
  function reveal(node, how) {
    var box = node.getBoundingClientRect();
    var top = coveredTop() + 8;
    var height = window.innerHeight;
    var by = 0;
    if (how === "feedback") {
      if (box.top < top) by = box.top - top;
      else if (box.bottom > height - 8) by = Math.min(box.bottom - height + 8, box.top - top);
    } else if (box.top < top || box.top > height * 0.45) {
      by = box.top - top;
    }
    if (by) window.scrollBy(0, by);
  }

  /* ------------------------------------------------------------ storage */

  var KEYS = L.KEYS;
  var memory = {};
  var storageOk = true;
  function load(key, fallback) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      storageOk = false;
      return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : fallback;
    }
  }
  function save(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      storageOk = false;
      memory[key] = value;
    }
  }

  /** Read, change and write one stored object. */
  function update(key, fallback, change) {
    var value = load(key, fallback);
    var result = change(value);
    save(key, value);
    return result;
  }

  function today() { return L.dayNumber(Date.now()); }

  /** Count a wrong answer in the 错题本 (all: key -> entry), with the options' order if shuffled. */
  function wrongEntry(all, q, selected, order) {
    var key = L.qkey(q);
    var entry = { n: ((all[key] || {}).n || 0) + 1, t: Date.now(), a: selected || [] };
    if (L.isShuffled(q, order)) entry.o = order;
    all[key] = entry;
  }

  /** What the device keeps about questions: keys and answers only (quiz-logic.js KEYS). */
  var book = {
    wrong: function () { return load(KEYS.wrong, {}); },
    favs: function () { return load(KEYS.fav, {}); },
    stats: function () { return load(KEYS.stats, {}); },
    sched: function () { return load(KEYS.sched, {}); },

    /** One answer anywhere (practice, exam, review): statistics, the review schedule and, when
     * wrong, the 错题本 (with the option order shown, so it shows the same letters). Returns what
     * it did to the schedule (quiz-logic.js reviewAnswer). */
    answer: function (q, right, selected, order) {
      return book.answers([{ q: q, right: right, selected: selected, order: order }])[0];
    },
    /** Many answers at once (an exam's): each stored object is read and written once. */
    answers: function (list) {
      var stats = load(KEYS.stats, {});
      var sched = load(KEYS.sched, {});
      var wrong = load(KEYS.wrong, {});
      var day = today();
      var moves = list.map(function (a) {
        var key = L.qkey(a.q);
        L.countAnswer(stats, key, a.right);
        var moved = L.reviewAnswer(sched, key, a.right, day);
        if (!a.right) wrongEntry(wrong, a.q, a.selected, a.order);
        return moved;
      });
      save(KEYS.stats, stats);
      save(KEYS.sched, sched);
      if (list.some(function (a) { return !a.right; })) save(KEYS.wrong, wrong);
      return moves;
    },
    /** Out of the 错题本; `forget` also takes it off the review schedule (unless it is a 收藏). */
    removeWrong: function (key, forget) {
      update(KEYS.wrong, {}, function (all) { delete all[key]; });
      if (forget && !book.isFav(key)) book.unschedule([key]);
    },
    isFav: function (key) { return Object.prototype.hasOwnProperty.call(book.favs(), key); },
    toggleFav: function (q) {
      var key = L.qkey(q);
      var on = update(KEYS.fav, {}, function (all) {
        if (all[key]) delete all[key];
        else all[key] = { t: Date.now() };
        return Boolean(all[key]);
      });
      if (on) update(KEYS.sched, {}, function (sched) { L.schedule(sched, key, today()); });
      else if (!book.wrong()[key]) book.unschedule([key]);
      return on;
    },
    unschedule: function (keys) {
      update(KEYS.sched, {}, function (sched) { keys.forEach(function (key) { delete sched[key]; }); });
    },
    /** Forget the answers to these questions (a topic's 清除进度). */
    clearStats: function (keys) {
      update(KEYS.stats, {}, function (stats) { keys.forEach(function (key) { delete stats[key]; }); });
    },
    clearWrong: function () {
      var favs = book.favs();
      book.unschedule(Object.keys(book.wrong()).filter(function (key) { return !favs[key]; }));
      save(KEYS.wrong, null);
    },
    clearFavs: function () {
      var wrong = book.wrong();
      book.unschedule(Object.keys(book.favs()).filter(function (key) { return !wrong[key]; }));
      save(KEYS.fav, null);
    },
    /** Drop what is stored about the questions keep(key) refuses (earlier versions). */
    prune: function (keep) {
      [KEYS.wrong, KEYS.fav, KEYS.sched, KEYS.stats].forEach(function (name) {
        var all = load(name, {});
        var stale = Object.keys(all).filter(function (key) { return !keep(key); });
        stale.forEach(function (key) { delete all[key]; });
        if (stale.length) save(name, all);
      });
    },
    records: function () { return load(KEYS.records, []); },
    addRecord: function (record) { save(KEYS.records, L.addRecord(book.records(), record)); },
    removeRecord: function (id) {
      save(KEYS.records, book.records().filter(function (r) { return r.id !== id; }));
    },
    settings: function () { return load(KEYS.settings, {}); },
    setSetting: function (name, value) { update(KEYS.settings, {}, function (all) { all[name] = value; }); },
    clearAll: function () {
      var doomed = [];
      try {
        for (var i = 0; i < window.localStorage.length; i++) {
          var key = window.localStorage.key(i);
          if (key && key.indexOf(L.PREFIX) === 0) doomed.push(key);
        }
        doomed.forEach(function (key) { window.localStorage.removeItem(key); });
      } catch (e) { /* storage unavailable: nothing stored */ }
      memory = {};
      save(KEYS.schema, L.SCHEMA);
    }
  };

  /* -------------------------------------------------------------- links */

  /** A docs-relative Markdown path (laws/x.md#a21) as a URL of this built site. */
  function siteUrl(mdPath) {
    var hash = "";
    var cut = mdPath.indexOf("#");
    if (cut >= 0) { hash = mdPath.slice(cut); mdPath = mdPath.slice(0, cut); }
    var htmlUrls = location.protocol === "file:" || /\.html?$/.test(location.pathname);
    var path = htmlUrls
      ? mdPath.replace(/\.md$/, ".html")
      : mdPath.replace(/(^|\/)index\.md$/, "$1").replace(/\.md$/, "/");
    return ROOT + path + hash;
  }

  /* ---------------------------------------------------- question views */

  var uid = 0;

  /** The shown label of an option: its position letter (options may be shuffled). */
  function label(q, order, key) {
    return q.type === "判断" ? key : LETTERS.charAt(order.indexOf(key));
  }

  function answerText(q, order, keys) {
    if (!keys || !keys.length) return "未作答";
    return keys.slice().sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); })
      .map(function (k) { return label(q, order, k); }).join("");
  }

  /**
   * One question with its options as real radio buttons / checkboxes (keyboard and screen
   * readers work natively). opts: number, total, order, selected, onChange, heading.
   */
  function questionView(q, opts) {
    opts = opts || {};
    var order = opts.order || L.choices(q);
    var name = "yj-q" + (++uid);
    var multi = q.type === "多选";
    var stemId = name + "-stem";
    var meta = [];
    if (opts.number) meta.push("第 " + opts.number + (opts.total ? " / " + opts.total : "") + " 题");
    meta.push(q.type + "题" + (multi ? "（有两个或以上正确答案）" : ""));
    if (q.difficulty) meta.push("难度 " + "★★★".slice(0, q.difficulty));
    if (L.isShuffled(q, order)) meta.push("选项已打乱");
    var inputs = [];
    var list = h("div", { class: "yj-options", role: multi ? "group" : "radiogroup", "aria-labelledby": stemId });
    order.forEach(function (key) {
      var input = h("input", {
        type: multi ? "checkbox" : "radio", name: name, value: key,
        onchange: function () { sync(); if (opts.onChange) opts.onChange(selected()); }
      });
      if (opts.selected && opts.selected.indexOf(key) >= 0) input.checked = true;
      inputs.push(input);
      var text = q.type === "判断" ? key : q.options[key];
      list.appendChild(h("label", { class: "yj-option" }, input,
        q.type === "判断" ? null : h("span", { class: "yj-letter" }, label(q, order, key) + "."),
        h("span", { class: "yj-option-text" }, text)));
    });
    function selected() {
      return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    }
    function sync() {
      inputs.forEach(function (i) { i.parentNode.classList.toggle("yj-checked", i.checked); });
    }
    sync();
    var node = h("div", { class: "yj-question", "data-qid": q.id, "data-type": q.type },
      h("p", { class: "yj-meta" }, meta.join(" · ")),
      opts.heading || null,
      h("p", { class: "yj-stem", id: stemId }, q.stem),
      list);
    return {
      node: node, order: order, inputs: inputs, selected: selected,
      /** Choose the option at a shown position (keyboard 1-5 / A-E): 多选 toggles it. */
      pick: function (index) {
        var input = inputs[index];
        if (!input || input.disabled) return false;
        input.checked = multi ? !input.checked : true;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        input.focus({ preventScroll: true });
        return true;
      },
      lock: function () { inputs.forEach(function (i) { i.disabled = true; }); },
      /** Colour the options after answering: right ones green, wrongly chosen ones red. */
      mark: function () {
        inputs.forEach(function (i) {
          var good = q.answer.indexOf(i.value) >= 0;
          i.parentNode.classList.add(good ? "yj-good" : (i.checked ? "yj-bad" : "yj-plain"));
          if (good) i.parentNode.appendChild(h("span", { class: "yj-tag" }, "正确答案"));
        });
      }
    };
  }

  function citationsView(cites) {
    if (!cites || !cites.length) return null;
    return h("div", { class: "yj-cites" }, h("p", { class: "yj-label" }, "依据："), cites.map(function (ref) {
      return h("div", { class: "yj-cite" },
        h("p", { class: "yj-cite-title" }, h("a", { href: siteUrl(ref.url) }, ref.title)),
        h("blockquote", null, paragraphs(ref.text)));
    }));
  }

  function explanationView(q, cites) {
    if (!q.explanation) return null; // an exam's explanations did not load
    return [h("div", { class: "yj-explanation" }, h("p", { class: "yj-label" }, "解析："), paragraphs(q.explanation)),
      citationsView(cites)];
  }

  /** Right/wrong, the right answer, the explanation and the cited article(s). */
  function feedbackView(q, order, selected, cites, scoreText) {
    var right = L.isRight(q, selected);
    var correct = answerText(q, order, q.answer);
    return h("div", { class: "yj-feedback " + (right ? "yj-right" : "yj-wrong") },
      h("p", { class: "yj-verdict" }, right ? "✔ 回答正确" : (selected && selected.length ? "✘ 回答错误" : "✘ 未作答"),
        scoreText ? h("span", { class: "yj-score-note" }, scoreText) : null),
      right ? null : h("p", null, "正确答案：", h("strong", null, correct), "　你的答案：", answerText(q, order, selected)),
      explanationView(q, cites));
  }

  function favButton(q) {
    var btn = button("", function () { show(book.toggleFav(q)); }, { class: "yj-fav" });
    function show(on) {
      btn.textContent = on ? "★ 已收藏" : "☆ 收藏";
      btn.setAttribute("aria-pressed", on ? "true" : "false");
    }
    show(book.isFav(L.qkey(q)));
    return btn;
  }

  /** The 大字 switch, remembered across pages. */
  function largeToggle(root) {
    var btn = button("", function () {
      var on = !root.classList.contains("yj-large");
      save(KEYS.large, on);
      apply(on);
    }, { class: "yj-large-toggle" });
    function apply(on) {
      root.classList.toggle("yj-large", on);
      btn.textContent = on ? "标准字号" : "大字号";
      btn.setAttribute("aria-pressed", on ? "true" : "false");
    }
    apply(Boolean(load(KEYS.large, false)));
    return btn;
  }

  /** A remembered on/off setting as a checkbox (settings: shuffle, auto). */
  function settingToggle(name, text, onChange) {
    var input = h("input", {
      type: "checkbox", name: "yj-setting-" + name,
      onchange: function () { book.setSetting(name, input.checked); if (onChange) onChange(input.checked); }
    });
    input.checked = Boolean(book.settings()[name]);
    return h("label", { class: "yj-setting" }, input, " " + text);
  }

  /** A two-step confirmation inside the page (no blocking browser dialog). */
  function confirmStep(container, message, okLabel, onOk) {
    var box = h("div", { class: "yj-confirm", role: "alertdialog", "aria-live": "assertive" },
      h("p", null, message),
      button(okLabel, function () { box.remove(); onOk(); }, { class: "yj-danger" }),
      button("取消", function () { box.remove(); }));
    container.appendChild(box);
    box.querySelector("button").focus();
  }

  var STATE_TEXT = { right: "答对", wrong: "答错", half: "得一半分", blank: "未作答", done: "已作答", todo: "未作答" };

  function cellClass(info) {
    return "yj-cell yj-cell-" + info.state + (info.current ? " yj-current" : "") + (info.marked ? " yj-marked" : "");
  }

  function cellLabel(i, info) {
    return "第 " + (i + 1) + " 题，" + STATE_TEXT[info.state] + (info.marked ? "，已标记" : "");
  }

  /**
   * A grid of question numbers (答题卡) for the questions at `indexes`: cell(i) -> {state, current,
   * marked}; a click calls onPick(i). Built as one string (numbers and fixed words only, no
   * content) with one listener: a hundred cells cost next to nothing.
   */
  function sheetGrid(indexes, cell, onPick) {
    var grid = h("div", { class: "yj-sheet-grid" });
    grid.innerHTML = indexes.map(function (i) {
      var info = cell(i);
      return '<button type="button" data-i="' + i + '" data-state="' + info.state + '" class="' + cellClass(info) +
        '" aria-label="' + cellLabel(i, info) + '"' + (info.current ? ' aria-current="step"' : "") + ">" + (i + 1) + "</button>";
    }).join("");
    grid.addEventListener("click", function (event) {
      var cellButton = event.target.closest("button[data-i]");
      if (cellButton) onPick(Number(cellButton.getAttribute("data-i")));
    });
    return grid;
  }

  /** The colours of a 答题卡, each "colour：meaning" kept on one line. */
  function sheetLegend(items) {
    return h("p", { class: "yj-sheet-legend" }, items.map(function (text, i) {
      return [i ? " " : null, h("span", { class: "yj-legend-item" }, text)];
    }));
  }

  /** Show a cell's new state (the exam updates one cell, not the grid). */
  function setCell(container, i, info) {
    var cellButton = container.querySelector('button[data-i="' + i + '"]');
    if (!cellButton) return;
    cellButton.className = cellClass(info);
    cellButton.setAttribute("data-state", info.state);
    cellButton.setAttribute("aria-label", cellLabel(i, info));
    if (info.current) cellButton.setAttribute("aria-current", "step");
    else cellButton.removeAttribute("aria-current");
  }

  /** 0, 1, … n-1 */
  function range(n) {
    var out = [];
    for (var i = 0; i < n; i++) out.push(i);
    return out;
  }

  function percent(right, count) {
    return count ? Math.round(right / count * 100) + "%" : "—";
  }

  /** Right answers per topic (an exam's, or a record's): topics {id: {count, right}}, titles {id: title}. */
  function topicTable(topics, titles) {
    var ids = Object.keys(topics).sort(function (a, b) {
      return topics[a].right / topics[a].count - topics[b].right / topics[b].count || (a < b ? -1 : 1);
    });
    return h("table", { class: "yj-score-table yj-topic-table" },
      h("thead", null, h("tr", null, ["专题", "题数", "答对", "正确率"].map(function (t) { return h("th", { scope: "col" }, t); }))),
      h("tbody", null, ids.map(function (id) {
        var t = topics[id];
        return h("tr", { "data-topic": id }, h("th", { scope: "row" }, titles[id] || "（已删除的专题）"),
          h("td", null, String(t.count)), h("td", null, String(t.right)), h("td", { class: "yj-topic-rate" }, percent(t.right, t.count)));
      })));
  }

  /* --------------------------------------------------------- keyboard */

  var keyHandlers = [];

  /** Keys 1-5 / A-E as the position of an option (0-4), otherwise -1. */
  function optionIndex(event) {
    var key = event.key || "";
    if (/^[1-6]$/.test(key)) return Number(key) - 1;
    if (/^[a-fA-F]$/.test(key)) return key.toUpperCase().charCodeAt(0) - 65;
    return -1;
  }

  /** Shortcuts for a quiz on this page: handler(event, optionIndex) returns true when it used the
   * key. Keys typed into a field, and Enter/Space on a button or link, are left alone. */
  function onKeys(root, handler) {
    keyHandlers.push(function (event) {
      if (!root.isConnected || event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
      var target = event.target;
      var tag = target && target.tagName;
      if (tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && !target.closest(".yj-question"))) return;
      if ((event.key === "Enter" || event.key === " ") && (tag === "BUTTON" || tag === "A" || tag === "SUMMARY")) return;
      if (target && target.closest && target.closest(".yj-confirm, .yj-modal")) return;
      if (handler(event, optionIndex(event))) event.preventDefault();
    });
  }

  document.addEventListener("keydown", function (event) {
    keyHandlers.forEach(function (handle) { handle(event); });
  });

  function keyHelp(text) {
    return h("p", { class: "yj-keyhelp" }, "键盘：" + text);
  }

  /* --------------------------------------------------------- data */

  var requests = {}; // data file -> {done: bool, callbacks}

  /** Load a data script (quiz/…/x.data.js) once; callback(data or null). Script elements work
   * from file://, where Chromium refuses fetch(). */
  function loadScript(src, callback) {
    var all = window.yingjiQuizData = window.yingjiQuizData || {};
    if (all[src]) return callback(all[src]);
    var request = requests[src];
    if (!request) {
      request = requests[src] = { callbacks: [] };
      var tag = h("script", { src: ROOT + src });
      var finish = function () {
        delete requests[src];
        request.callbacks.forEach(function (cb) { cb(all[src] || null); });
      };
      tag.onload = finish;
      tag.onerror = finish;
      document.head.appendChild(tag);
    }
    request.callbacks.push(callback);
  }

  /** Several data scripts, loaded in parallel; callback(list of data, null where one failed). */
  function loadScripts(srcs, callback) {
    var out = [];
    var left = srcs.length;
    if (!left) return callback(out);
    srcs.forEach(function (src, i) {
      loadScript(src, function (data) {
        out[i] = data;
        if (--left === 0) callback(out);
      });
    });
  }

  // The engine's parts each kind of quiz needs (they register modes named like themselves). The
  // practice and exam parts are on every page (mkdocs.yml: they run before the page is ready,
  // ahead of Material's own start-up work); the others are loaded with a page that has their
  // quiz. A part already on the page is not loaded again.
  var PARTS = {
    practice: ["practice"], exam: ["exam"], review: ["practice", "review"], home: ["review"],
    records: ["records"], scoresheet: ["records"]
  };
  var partRequests = {};

  function loadPart(name, callback) {
    if (modes[name]) return callback();
    var request = partRequests[name];
    if (!request) {
      request = partRequests[name] = { callbacks: [] };
      var tag = h("script", { src: ROOT + "assets/yingji/quiz-" + name + ".js" });
      tag.async = false; // parts run in the order asked for (review uses practice's answer card)
      var finish = function () {
        delete partRequests[name];
        request.callbacks.forEach(function (cb) { cb(); });
      };
      tag.onload = finish;
      tag.onerror = finish;
      document.head.appendChild(tag);
    }
    request.callbacks.push(callback);
  }

  /** callback(the mode's function, or undefined when its part could not be loaded). */
  function withMode(name, callback) {
    var parts = PARTS[name] || [];
    var left = parts.length;
    if (modes[name] || !left) return callback(modes[name]);
    parts.forEach(function (part) {
      loadPart(part, function () { if (--left === 0) callback(modes[name]); });
    });
  }

  /** Start loading what the quizzes on this page need at once (before the page has finished):
   * their part of the engine and their data (which the page itself asked the browser to fetch
   * early, <link rel="preload">, so it is often there already). */
  function prefetch() {
    document.querySelectorAll(".yj-quiz[data-mode]").forEach(function (root) {
      withMode(root.getAttribute("data-mode"), function () {});
      if (root.getAttribute("data-src")) loadScript(root.getAttribute("data-src"), function () {});
    });
  }

  function failed(root) {
    clear(root).appendChild(h("p", { class: "yj-error", role: "alert" }, "题目数据加载失败，请刷新页面重试。"));
    root.setAttribute("data-ready", "failed");
  }

  /* --------------------------------------------------------- lifecycle */

  /** For a mode that shows its content later (after more data): returns the function to call
   * then; until it is called the quiz is not marked ready (data-ready="1"). */
  function later(root) {
    root.setAttribute("data-ready", "waiting");
    return function () { root.setAttribute("data-ready", "1"); };
  }

  function duration(ms) {
    var s = Math.round(ms / 1000);
    return Math.floor(s / 60) + " 分 " + (s % 60) + " 秒";
  }

  var timers = [];
  var leaving = []; // what a page's quiz undoes when another page is shown (instant navigation)
  var modes = {};

  /** Called on every page view (also after Material's instant navigation). */
  function boot() {
    timers.forEach(function (t) { window.clearInterval(t); window.clearTimeout(t); });
    timers = [];
    leaving.forEach(function (undo) { undo(); });
    leaving = [];
    keyHandlers = [];
    document.body.classList.remove("yj-sitting");
    L.migrate({ load: load, save: save }, Date.now());
    document.querySelectorAll(".yj-quiz[data-mode]").forEach(function (root) {
      if (root.getAttribute("data-ready")) return;
      root.setAttribute("data-ready", "loading");
      var src = root.getAttribute("data-src");
      var mode = null;
      var data = null;
      var waiting = 2; // the engine's part and the data, loaded side by side
      var start = function () {
        if (--waiting) return;
        if (!mode || (src && !data)) return failed(root);
        clear(root);
        mode(root, data);
        if (root.getAttribute("data-ready") === "loading") root.setAttribute("data-ready", "1");
      };
      withMode(root.getAttribute("data-mode"), function (fn) { mode = fn; start(); });
      if (src) loadScript(src, function (loaded) { data = loaded; start(); });
      else start();
    });
  }

  window.yingjiQuiz = {
    L: L, h: h, clear: clear, button: button, paragraphs: paragraphs, reveal: reveal,
    load: load, save: save, KEYS: KEYS, storageOk: function () { return storageOk; }, book: book, today: today,
    qkey: L.qkey, currentKey: L.currentKey, siteUrl: siteUrl,
    choices: L.choices, isRight: L.isRight, points: L.points, shuffle: L.shuffle, fmt: L.fmt,
    label: label, answerText: answerText, questionView: questionView, feedbackView: feedbackView,
    explanationView: explanationView, citationsView: citationsView, favButton: favButton, largeToggle: largeToggle,
    settingToggle: settingToggle, confirmStep: confirmStep, sheetGrid: sheetGrid, sheetLegend: sheetLegend, setCell: setCell, range: range,
    topicTable: topicTable, percent: percent,
    onKeys: onKeys, keyHelp: keyHelp, loadScript: loadScript, loadScripts: loadScripts,
    modes: modes, boot: boot, later: later, duration: duration,
    addTimer: function (t) { timers.push(t); return t; },
    onLeave: function (undo) { leaving.push(undo); }
  };
  prefetch();
})();

/* Start once every quiz script has run (they are plain <script>s before DOMContentLoaded), then
 * on every page Material's instant navigation shows: document$ replays the current page. */
(function () {
  "use strict";
  function start() {
    if (window.yingjiQuiz.started) return;
    window.yingjiQuiz.started = true;
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { window.yingjiQuiz.boot(); });
    } else {
      window.yingjiQuiz.boot();
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else window.setTimeout(start, 0);
})();
