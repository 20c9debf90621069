/* yingji quiz engine, part 1: helpers shared by practice, exam and 错题本.
 *
 * Plain JavaScript, no framework, nothing fetched from outside. Content (stems, options,
 * explanations, article text) is only ever put into the page with textContent, so a
 * "<script>" in a question shows as text.
 */
(function () {
  "use strict";
  if (window.yingjiQuiz) return; // loaded once, even if a page includes it twice

  var LETTERS = "ABCDEF";
  var TF = ["正确", "错误"];
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

  /* ------------------------------------------------------------ storage */

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

  var KEYS = {
    // a question's records are stored under qkey(q): its id, or id~v2 from version 2 on
    wrong: "yingji.quiz.wrong", // qkey -> {q: snapshot, n: times wrong, t: time, a: last wrong answer}
    fav: "yingji.quiz.fav", // qkey -> {q: snapshot, t: time}
    progress: "yingji.quiz.progress", // topic -> {qkey: 1 right | 0 wrong (last answer)}
    large: "yingji.quiz.large",
    practice: "yingji.quiz.practice.", // + topic: {order, chapter, pos, list}
    exam: "yingji.quiz.exam." // + exam id: the attempt in progress
  };

  /**
   * The key a question's records are stored under: its id, or `id~v2` once its meaning changed
   * (version 2), so answers given to the old wording never attach to the new one.
   */
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

  /** A question with its citations resolved, self-contained for 错题本 and 收藏. */
  function snapshot(q, refs, source) {
    return {
      id: q.id, key: qkey(q), type: q.type, stem: q.stem, options: q.options || null, answer: q.answer,
      explanation: q.explanation, source: source || "",
      cites: (q.cites || []).map(function (ref) { return typeof ref === "string" ? refs[ref] : ref; }).filter(Boolean)
    };
  }

  var book = {
    wrong: function () { return load(KEYS.wrong, {}); },
    favs: function () { return load(KEYS.fav, {}); },
    addWrong: function (snap, selected) {
      var all = book.wrong();
      var entry = all[qkey(snap)] || { n: 0 };
      all[qkey(snap)] = { q: snap, n: entry.n + 1, t: Date.now(), a: selected || [] };
      save(KEYS.wrong, all);
    },
    removeWrong: function (key) { var all = book.wrong(); delete all[key]; save(KEYS.wrong, all); },
    isFav: function (key) { return Object.prototype.hasOwnProperty.call(book.favs(), key); },
    toggleFav: function (snap) {
      var all = book.favs();
      if (all[qkey(snap)]) delete all[qkey(snap)];
      else all[qkey(snap)] = { q: snap, t: Date.now() };
      save(KEYS.fav, all);
      return Boolean(all[qkey(snap)]);
    },
    /** Drop 错题本 and 收藏 entries of earlier versions of a question (keep(key) is false). */
    forgetOld: function (keep) {
      [KEYS.wrong, KEYS.fav].forEach(function (name) {
        var all = load(name, {});
        var stale = Object.keys(all).filter(function (key) { return !keep(key); });
        stale.forEach(function (key) { delete all[key]; });
        if (stale.length) save(name, all);
      });
    },
    progress: function (topic) { return load(KEYS.progress, {})[topic] || {}; },
    markProgress: function (topic, key, right) {
      var all = load(KEYS.progress, {});
      all[topic] = all[topic] || {};
      all[topic][key] = right ? 1 : 0;
      save(KEYS.progress, all);
    },
    clearWrong: function () { save(KEYS.wrong, null); },
    clearFavs: function () { save(KEYS.fav, null); },
    clearAll: function () {
      var doomed = [];
      try {
        for (var i = 0; i < window.localStorage.length; i++) {
          var key = window.localStorage.key(i);
          if (key && key.indexOf("yingji.quiz.") === 0) doomed.push(key);
        }
        doomed.forEach(function (key) { window.localStorage.removeItem(key); });
      } catch (e) { /* storage unavailable: nothing stored */ }
      memory = {};
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

  /* ----------------------------------------------------------- scoring */

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

  function shuffle(list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  function fmt(number) {
    return String(Math.round(number * 100) / 100);
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
    var order = opts.order || choices(q);
    var name = "yj-q" + (++uid);
    var multi = q.type === "多选";
    var stemId = name + "-stem";
    var meta = [];
    if (opts.number) meta.push("第 " + opts.number + (opts.total ? " / " + opts.total : "") + " 题");
    meta.push(q.type + "题" + (multi ? "（有两个或以上正确答案）" : ""));
    if (q.difficulty) meta.push("难度 " + "★★★".slice(0, q.difficulty));
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

  /** Right/wrong, the right answer, the explanation and the cited article(s). */
  function feedbackView(q, order, selected, cites, scoreText) {
    var right = isRight(q, selected);
    var correct = answerText(q, order, q.answer);
    return h("div", { class: "yj-feedback " + (right ? "yj-right" : "yj-wrong") },
      h("p", { class: "yj-verdict" }, right ? "✔ 回答正确" : (selected && selected.length ? "✘ 回答错误" : "✘ 未作答"),
        scoreText ? h("span", { class: "yj-score-note" }, scoreText) : null),
      right ? null : h("p", null, "正确答案：", h("strong", null, correct), "　你的答案：", answerText(q, order, selected)),
      h("div", { class: "yj-explanation" }, h("p", { class: "yj-label" }, "解析："), paragraphs(q.explanation)),
      citationsView(cites));
  }

  function favButton(getSnap) {
    var snap = getSnap();
    var btn = button("", function () {
      var on = book.toggleFav(getSnap());
      show(on);
    }, { class: "yj-fav" });
    function show(on) {
      btn.textContent = on ? "★ 已收藏" : "☆ 收藏";
      btn.setAttribute("aria-pressed", on ? "true" : "false");
    }
    show(book.isFav(qkey(snap)));
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

  /** A two-step confirmation inside the page (no blocking browser dialog). */
  function confirmStep(container, message, okLabel, onOk) {
    var box = h("div", { class: "yj-confirm", role: "alertdialog", "aria-live": "assertive" },
      h("p", null, message),
      button(okLabel, function () { box.remove(); onOk(); }, { class: "yj-danger" }),
      button("取消", function () { box.remove(); }));
    container.appendChild(box);
    box.querySelector("button").focus();
  }

  /* --------------------------------------------------------- lifecycle */

  var timers = [];
  var modes = {};

  function loadData(root, done) {
    var key = root.getAttribute("data-src");
    var all = window.yingjiQuizData = window.yingjiQuizData || {};
    if (!key) return done(null);
    if (all[key]) return done(all[key]);
    var tag = h("script", { src: ROOT + key });
    tag.onload = function () { done(all[key] || null); };
    tag.onerror = function () { done(null); };
    document.head.appendChild(tag);
  }

  function failed(root) {
    clear(root).appendChild(h("p", { class: "yj-error", role: "alert" }, "题目数据加载失败，请刷新页面重试。"));
  }

  /** Called on every page view (also after Material's instant navigation). */
  function boot() {
    timers.forEach(function (t) { window.clearInterval(t); });
    timers = [];
    document.querySelectorAll(".yj-quiz[data-mode]").forEach(function (root) {
      if (root.getAttribute("data-ready")) return;
      var mode = modes[root.getAttribute("data-mode")];
      if (!mode) return;
      root.setAttribute("data-ready", "loading");
      loadData(root, function (data) {
        if (root.getAttribute("data-src") && !data) return failed(root);
        clear(root);
        mode(root, data);
        root.setAttribute("data-ready", "1");
      });
    });
    if (modes.index) modes.index(document);
  }

  window.yingjiQuiz = {
    h: h, clear: clear, button: button, paragraphs: paragraphs, load: load, save: save, KEYS: KEYS,
    storageOk: function () { return storageOk; }, book: book, qkey: qkey, currentKey: currentKey,
    snapshot: snapshot, siteUrl: siteUrl,
    choices: choices, isRight: isRight, points: points, shuffle: shuffle, fmt: fmt, label: label,
    answerText: answerText, questionView: questionView, feedbackView: feedbackView,
    citationsView: citationsView, favButton: favButton, largeToggle: largeToggle,
    confirmStep: confirmStep, modes: modes, boot: boot,
    addTimer: function (t) { timers.push(t); }
  };
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
