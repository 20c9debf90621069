/* yingji search: finds what a person means in the site's own index (search/index.js, written by
   hooks/yingji_search.py), online and from file://. No worker, no fetch: the index is a script,
   loaded on the first sign of a search (focus, a tap on the search button, a shortcut key).

   Ranking, best first: a name of the thing (term or alias, unit, law, article 安全生产法第二十一条,
   task, place, plan) or its title equal to the query; the same name typed in pinyin or with a
   homophone; a name or title containing the query; a section heading; text containing it (pages
   of villages and plans after the others); then text holding only some of its character pairs.
   A result holding none of the query's words is never listed. Each page is one result, linked to
   its best section; results with more of the query's words come first. */
(function () {
  "use strict";
  var root = document.querySelector("[data-yj-search]");
  if (!root) return;
  var box = root.querySelector(".md-search__input");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var INDEX = "yingjiSearchIndex";
  var LABELS = { term: "术语", unit: "单位", law: "法规", article: "条文", task: "任务", township: "乡镇（街道）",
                 village: "村（社区）", plan: "预案", question: "练习题" };
  // Small tie-breakers between kinds; pages of villages and plans weigh less for text hits,
  // so a generic word does not list a hundred villages before the law that explains it.
  var BOOST = { section: 0, page: 2, term: 9, unit: 10, law: 8, article: 7, task: 7, township: 9, village: 8, plan: 5, question: 3 };
  var QUIET_PAGES = { village: 1, township: 1, plan: 1 };
  var MAX_RESULTS = 30;
  var LONG_FRAGMENT = 8;  // characters: a query this long found in a question's stem is 搜题

  var index = null, loading = false, failed = false, shown = null, timer = 0, poll = 0;

  /* ------------------------------------------------------------ loading */

  function base() {
    var config = document.getElementById("__config");
    var href = config ? JSON.parse(config.textContent).base : ".";
    var url = new URL(href, location.href).href;
    return url.charAt(url.length - 1) === "/" ? url : url + "/";
  }

  function load() {
    if (index || loading || failed) return;
    if (window[INDEX]) { ready(); return; }
    loading = true;
    var script = document.createElement("script");
    script.src = base() + "search/index.js";
    script.onload = function () { loading = false; ready(); };
    script.onerror = function () { loading = false; failed = true; meta.textContent = "搜索索引加载失败，请刷新页面再试。"; };
    document.head.appendChild(script);
  }

  function ready() {
    index = prepare(window[INDEX]);
    shown = null;
    run();
  }

  function prepare(data) {
    var readings = {};
    Object.keys(data.homophones).forEach(function (syllable) {
      var chars = data.homophones[syllable];
      for (var i = 0; i < chars.length; i++) (readings[chars[i]] = readings[chars[i]] || []).push(syllable);
    });
    var pages = data.pages.map(function (p) { return { url: p[0], title: p[1], kind: data.kinds[p[2] || 1] }; });
    var docs = data.docs.map(function (d) {
      return { page: d[0], anchor: d[1], title: d[2] || "", text: d[3] || "", kind: data.kinds[d[4] || 0],
               names: d[5] || [], pinyin: (d[6] || []).map(syllables) };
    });
    return { pages: pages, docs: docs, readings: readings, corrections: data.corrections };
  }

  function syllables(spaced) {
    if (!spaced) return null;
    var list = spaced.split(" ");
    return { list: list, fuzzy: list.map(fuzzy), full: list.join(""),
             initials: list.map(function (s) { return s.charAt(0); }).join("") };
  }

  /* ------------------------------------------------------- the query */

  var FULLWIDTH = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
  var SPLIT = /[\s,，、。．.;；:：!！?？()（）“”"‘’'《》<>\[\]【】·]+/;
  var HAN = /^[\u3400-\u9fff\uf900-\ufaff]+$/;
  var NUMERALS = "零一二三四五六七八九";

  function normalize(text) {
    return text.replace(FULLWIDTH, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/\s+/g, " ").trim().toLowerCase();
  }

  /** 21 → 二十一, 102 → 一百零二: as article labels are written (yingji/presentation/labels.py). */
  function chineseNumber(n) {
    var parts = [], zero = false;
    [[1000, "千"], [100, "百"], [10, "十"], [1, ""]].forEach(function (step) {
      var digit = Math.floor(n / step[0]) % 10;
      if (!digit) { zero = parts.length > 0; return; }
      if (zero) { parts.push("零"); zero = false; }
      parts.push(NUMERALS[digit] + step[1]);
    });
    var text = parts.join("");
    return text.indexOf("一十") === 0 ? text.slice(1) : text;
  }

  /** {terms, note}: the words to look for, after the correction list and 第21条 → 第二十一条. */
  function analyze(raw) {
    var query = normalize(raw), note = "";
    index.corrections.forEach(function (c) {
      if (query.indexOf(c[0]) >= 0) { query = query.split(c[0]).join(c[1]); note = c[1]; }
    });
    query = query.replace(/第?(\d{1,4})条/g, function (all, n) {
      return +n > 0 && +n < 10000 ? "第" + chineseNumber(+n) + "条" : all;
    });
    var terms = [];
    query.split(SPLIT).forEach(function (t) { if (t && terms.indexOf(t) < 0) terms.push(t); });
    return { terms: terms, note: note };
  }

  /* --------------------------------------------------------- matching */

  function fuzzy(s) {  // near-homophones: zh/z, ch/c, sh/s, n/l, f/h, -ng/-n
    return s.replace(/^([zcs])h/, "$1").replace(/^n/, "l").replace(/^f/, "h").replace(/ng$/, "n");
  }

  /** Whether the query's characters read as the name's syllables from position `at`. */
  function soundsLike(options, name, at, loose) {
    for (var i = 0; i < options.length; i++) {
      var want = loose ? name.fuzzy[at + i] : name.list[at + i];
      var heard = options[i].filter(function (s) { return (loose ? fuzzy(s) : s) === want; });
      if (!heard.length) return false;
    }
    return true;
  }

  function pinyinScore(term, options, names) {
    var best = 0;
    names.forEach(function (name) {
      if (!name) return;
      if (options) {  // Chinese characters: homophones of a name
        var n = options.length, len = name.list.length;
        if (n === len && soundsLike(options, name, 0, false)) best = Math.max(best, 900);
        else if (n === len && soundsLike(options, name, 0, true)) best = Math.max(best, 850);
        else if (n >= 3 && n < len) {
          for (var at = 0; at + n <= len; at++) {
            if (soundsLike(options, name, at, true)) { best = Math.max(best, 600 + 100 * n / len); break; }
          }
        }
      } else {  // typed in pinyin or its initials
        if (name.full === term) best = Math.max(best, 950);
        else if (name.initials === term) best = Math.max(best, 900);
        else if (term.length >= 3 && name.full.indexOf(term) === 0) best = Math.max(best, 700 + 100 * term.length / name.full.length);
        else if (name.initials.indexOf(term) === 0) best = Math.max(best, 600 + 100 * term.length / name.initials.length);
      }
    });
    return best;
  }

  function readingsOf(term) {
    if (!HAN.test(term) || term.length < 2) return null;
    var options = [];
    for (var i = 0; i < term.length; i++) {
      var found = index.readings[term[i]];
      if (!found) return null;
      options.push(found);
    }
    return options;
  }

  /** Share of the term's characters covered by its character pairs found in `text`. */
  function coverage(pairs, text, length) {
    var covered = [];
    pairs.forEach(function (pair, i) {
      if (text.indexOf(pair) >= 0) { covered[i] = covered[i + 1] = true; }
    });
    var count = 0;
    for (var i = 0; i < length; i++) if (covered[i]) count++;
    return count / length;
  }

  function occurrences(text, term) {
    var count = 0, at = text.indexOf(term);
    while (at >= 0 && count < 5) { count++; at = text.indexOf(term, at + term.length); }
    return count;
  }

  /** The score of one prepared term ({text, pairs, options, latin}) in one document; 0: no match. */
  function termScore(t, doc, page) {
    var text = t.text, best = 0, boost = BOOST[doc.kind] || 0;
    doc.names.forEach(function (name) {
      if (name === text) best = Math.max(best, 1000);
      else if (name.indexOf(text) >= 0) best = Math.max(best, 700 + 100 * text.length / name.length);
      // the query holds the name and not much else: 主要负责人职责, 应急预案演练
      else if (name.length >= 2 && 2 * name.length >= text.length && text.indexOf(name) >= 0) {
        best = Math.max(best, 400 + 200 * name.length / text.length);
      }
    });
    // A section's heading is no name; on village and plan pages it is the standard heading that
    // every such page has (应急物资, 转移路线), no better than their text.
    var plain = doc.kind === "section", quiet = QUIET_PAGES[page.kind] ? 0 : 10;
    if (!(plain && !quiet)) {
      if (doc.title === text) best = Math.max(best, plain ? 650 : 950);
      else if (best < 600 && doc.title.indexOf(text) >= 0) best = Math.max(best, (plain ? 500 : 600) + 100 * text.length / doc.title.length);
    }
    if (best < 900 && doc.pinyin.length && (t.options || t.latin)) best = Math.max(best, pinyinScore(text, t.options, doc.pinyin));
    if (!best && (doc.text.indexOf(text) >= 0 || (plain && doc.title.indexOf(text) >= 0))) {
      // a long piece of a question's stem is a search for that question (搜题)
      var asked = doc.kind === "question" && text.length >= LONG_FRAGMENT ? 20 : 0;
      best = 300 + 4 * occurrences(doc.text, text) + quiet + asked;
    }
    if (best < 550 && t.pairs) {
      var named = doc.names.reduce(function (m, n) { return Math.max(m, coverage(t.pairs, n, text.length)); },
        plain ? 0 : coverage(t.pairs, doc.title, text.length));
      if (named === 1) best = 550;  // every word of the query in the name, apart: 举报电话 → 12350安全生产举报投诉电话
      else if (!best) {
        var c = Math.max(named * 1.5, coverage(t.pairs, doc.text, text.length));
        if (c > 0) best = 100 * c + quiet;
      }
    }
    return best ? best + boost : 0;
  }

  function search(raw) {
    var query = analyze(raw);
    var terms = query.terms.map(function (text) {
      var pairs = null;
      if (text.length >= 3) {
        pairs = [];
        for (var i = 0; i + 2 <= text.length; i++) pairs.push(text.slice(i, i + 2));
      }
      return { text: text, pairs: pairs, options: readingsOf(text), latin: /^[a-z]{2,}$/.test(text) };
    });
    var byPage = {};
    index.docs.forEach(function (doc, n) {
      var page = index.pages[doc.page], matched = 0, total = 0;
      terms.forEach(function (t) {
        var s = termScore(t, doc, page);
        if (s) { matched++; total += s; }
      });
      if (!matched) return;
      var hit = { doc: doc, matched: matched, score: total, n: n };
      var group = byPage[doc.page] || (byPage[doc.page] = { page: page, hits: [] });
      group.hits.push(hit);
    });
    var groups = Object.keys(byPage).map(function (key) {
      var group = byPage[key];
      group.hits.sort(better);
      group.best = group.hits[0];
      return group;
    });
    groups.sort(function (a, b) { return better(a.best, b.best); });
    return { groups: groups, terms: query.terms, note: query.note };
  }

  function better(a, b) {
    return b.matched - a.matched || b.score - a.score || a.n - b.n;
  }

  /* -------------------------------------------------------- rendering */

  function escape(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  function marked(text, terms) {
    var html = escape(text);
    terms.slice().sort(function (a, b) { return b.length - a.length; }).forEach(function (t) {
      var safe = escape(t);
      if (safe.length) html = html.split(safe).join("\u0000" + safe + "\u0001");
    });
    return html.replace(/\u0000/g, "<mark>").replace(/\u0001/g, "</mark>");
  }

  function snippet(text, terms) {
    var at = -1;
    terms.forEach(function (t) { var i = text.indexOf(t); if (i >= 0 && (at < 0 || i < at)) at = i; });
    var start = Math.max(0, at - 20);
    var piece = text.slice(start, start + 90);
    return (start > 0 ? "…" : "") + piece + (start + 90 < text.length ? "…" : "");
  }

  function address(page, doc) {
    var anchor = doc.anchor ? (doc.anchor.charAt(0) === "?" ? doc.anchor : "#" + doc.anchor) : "";
    return base() + page.url + anchor;
  }

  function item(group, terms) {
    var doc = group.best.doc, page = group.page;
    var kind = LABELS[doc.kind] || LABELS[page.kind] || "";
    var where = doc.anchor && doc.title && doc.title !== page.title ? '<p class="yj-search-where">› ' + marked(doc.title, terms) + "</p>" : "";
    var text = doc.text ? '<p class="yj-search-text">' + marked(snippet(doc.text, terms), terms) + "</p>" : "";
    var html = '<a href="' + escape(address(page, doc)) + '" class="md-search-result__link" tabindex="-1">' +
      '<article class="md-search-result__article md-typeset" data-md-score="' + group.best.score + '">' +
      "<h1>" + marked(page.title, terms) + (kind ? ' <span class="yj-search-kind">' + kind + "</span>" : "") + "</h1>" +
      where + text + "</article></a>";
    group.hits.slice(1).filter(function (hit) { return hit.doc.anchor && hit.score >= 300; }).slice(0, 2).forEach(function (hit) {
      html += '<a href="' + escape(address(page, hit.doc)) + '" class="md-search-result__link yj-search-also" tabindex="-1">' +
        '<article class="md-search-result__article md-typeset"><h2>' + marked(hit.doc.title || page.title, terms) + "</h2></article></a>";
    });
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    li.innerHTML = html;
    return li;
  }

  function render(found, value) {
    list.innerHTML = "";
    list.setAttribute("data-yj-query", value);  // which text these results answer (tests wait for it)
    if (!found.groups.length) {
      meta.textContent = "没有找到符合条件的结果";
      return;
    }
    var note = found.note && normalize(value).indexOf(found.note) < 0 ? "（已按“" + found.note + "”搜索）" : "";
    meta.textContent = "找到 " + found.groups.length + " 个结果" + note;
    found.groups.slice(0, MAX_RESULTS).forEach(function (group) { list.appendChild(item(group, found.terms)); });
  }

  /* ---------------------------------------------------------- driving */

  function run() {
    var value = box.value;
    if (value === shown && index) return;
    if (!value.trim()) {
      shown = value;
      list.innerHTML = "";
      meta.textContent = "键入以开始搜索";
      return;
    }
    if (!index) {
      meta.textContent = failed ? meta.textContent : "正在加载搜索……";
      load();
      return;
    }
    shown = value;
    open();
    render(search(value), value);
  }

  function soon() {  // every way text arrives ends here: keys, paste, input methods, voice
    clearTimeout(timer);
    timer = setTimeout(run, 20);
  }

  function open() {
    if (!toggle.checked) toggle.click();
  }

  function close() {
    if (toggle.checked) toggle.click();
  }

  function results() {
    return Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link"));
  }

  ["input", "keyup", "change", "compositionend", "paste", "cut", "drop"].forEach(function (type) {
    box.addEventListener(type, soon);
  });
  box.addEventListener("focus", function () {
    open();
    load();
    soon();
    clearInterval(poll);  // some phone keyboards change the text without any event
    poll = setInterval(function () { if (box.value !== shown) soon(); }, 250);
  });
  box.addEventListener("blur", function () { clearInterval(poll); });
  box.form.addEventListener("submit", function (event) { event.preventDefault(); });
  box.form.addEventListener("reset", function () { setTimeout(function () { box.focus(); soon(); }, 0); });

  box.addEventListener("keydown", function (event) {
    if (event.isComposing) return;
    var links = results();
    if (event.key === "Enter") {
      event.preventDefault();
      run();
      if (results().length) results()[0].click();
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[0].focus();
    } else if (event.key === "Escape") {
      close();
      box.blur();
    }
  });
  list.addEventListener("keydown", function (event) {
    var links = results(), at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      (next < 0 ? box : links[Math.min(next, links.length - 1)]).focus();
    } else if (event.key === "Escape") {
      close();
    }
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) close();
  });

  // The search button in the header (phones): open the search and bring up the keyboard.
  document.querySelectorAll(".md-header__button[for='__search']").forEach(function (label) {
    label.addEventListener("pointerdown", load);
    label.addEventListener("click", function () { setTimeout(function () { box.focus(); }, 0); });
  });
  box.addEventListener("pointerdown", load);
  box.addEventListener("touchstart", load, { passive: true });

  // The home page's search form (site/home.md.j2) hands its words to this search box.
  document.querySelectorAll("form.yj-home-search").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      box.value = form.elements.q.value;
      box.focus();
      open();
      load();
      soon();
    });
  });

  // A search opened while the page starts is not closed by the theme's start-up.
  toggle.addEventListener("change", function () {
    if (!toggle.checked && document.activeElement === box && box.value) setTimeout(open, 0);
  });

  // Shortcuts as in Material: / s f open the search.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || "/sf".indexOf(event.key) < 0 || event.key.length !== 1) return;
    var active = document.activeElement;
    if (active && (/^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) || active.isContentEditable)) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  // For tests and for trainers checking a query in the console: the ranked best documents.
  window.yingjiSearch = {
    ready: function () { return Boolean(index); },
    search: function (query) {
      return search(query).groups.map(function (group) {
        var doc = group.best.doc;
        return { url: address(group.page, doc), title: doc.title || group.page.title, text: doc.text, names: doc.names,
                 kind: doc.kind, matched: group.best.matched, score: group.best.score };
      });
    }
  };

  // Typed (or focused) before this script ran: search it now.
  if (document.activeElement === box) box.dispatchEvent(new Event("focus"));
  if (box.value) { load(); soon(); }
})();
