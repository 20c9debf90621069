/* yingji site helpers (no outside requests; does nothing a page does not need):
   - tables on narrow screens: a table of records that is wider than its box becomes stacked
     cards (each cell labelled with its column); a grid (.yj-grid: the responsibility matrix)
     keeps its columns, its first column stays put, and a visible hint says it scrolls;
   - the township → village picker of the home page (its data is a small script file, so it
     works from file:// as over http). */
(function () {
  "use strict";

  var HINT = "表格较宽，左右滑动查看全部列 →";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function labelCells(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.replace(/\s+/g, " ").trim();
    });
    each(table.querySelectorAll("tbody tr"), function (tr) {
      each(tr.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i]);
      });
    });
  }

  function hintFor(box) {
    var hint = box.previousElementSibling;
    if (hint && hint.classList.contains("yj-scroll-hint")) return hint;
    hint = document.createElement("p");
    hint.className = "yj-scroll-hint";
    hint.textContent = HINT;
    box.parentNode.insertBefore(hint, box);
    return hint;
  }

  function fitTable(table) {
    if (table.closest(".yj-quiz")) return;
    var box = table.closest(".md-typeset__scrollwrap") || table.parentElement;
    var grid = table.closest(".yj-grid");
    table.classList.remove("yj-stack");
    box.classList.remove("yj-more");
    if (table.scrollWidth > box.clientWidth + 1 && !grid) {
      labelCells(table);
      table.classList.add("yj-stack");
    }
    var more = table.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("yj-more", more);
    if (more || box.previousElementSibling && box.previousElementSibling.classList.contains("yj-scroll-hint")) {
      hintFor(box).hidden = !more;
    }
  }

  function fitTables() { each(document.querySelectorAll(".md-typeset table"), fitTable); }

  /* ------------------------------------------------ township → village picker */

  function picker() {
    var form = document.querySelector(".yj-picker");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var township = form.querySelector("select[name=township]");
    var village = form.querySelector("select[name=village]");
    var go = form.querySelector("button");
    var root = form.getAttribute("data-root") || "";
    function choices() {
      var data = (window.yingjiVillages || {})[township.value] || [];
      while (village.options.length > 1) village.remove(1);
      data.forEach(function (v) { village.add(new Option(v[0], v[1])); });
      village.disabled = !data.length;
    }
    function target() {
      var path = village.value || township.selectedOptions[0] && township.selectedOptions[0].getAttribute("data-href");
      return path ? root + path : null;
    }
    township.addEventListener("change", choices);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = target();
      if (url) location.href = url;
    });
    if (go) go.disabled = false;
    var src = form.getAttribute("data-src");
    if (src && !window.yingjiVillages) {
      var script = document.createElement("script");
      script.src = root + src;
      script.onload = choices;
      document.head.appendChild(script);
    } else {
      choices();
    }
  }

  function ready() {
    fitTables();
    picker();
  }

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(fitTables, 150);
  });
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { setTimeout(ready, 0); }); // after Material wrapped the tables
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
