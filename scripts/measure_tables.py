"""Measure every page of a built site on a 360 px phone (Chromium, 360×740).

For each page: does the document scroll sideways (scrollWidth > viewport), and for each table
is it wider than its box (table scrollWidth > wrapper clientWidth) and, if so, does it show its
cue (the wrapper is marked .yj-more, which draws the "左右滑动" hint and the edge shadow)?

    .venv/bin/python scripts/measure_tables.py site [--json out.json] [--width 360]

Prints the totals (pages, pages wider than the screen, tables, tables wider than their box,
of which without a cue) and the pages with problems. Pages are opened from file://.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

MEASURE = """() => {
  const doc = document.documentElement.scrollWidth;
  const tables = [...document.querySelectorAll('.md-typeset table')].map(t => {
    const wrap = t.closest('.md-typeset__scrollwrap') || t.parentElement;
    const over = t.scrollWidth > wrap.clientWidth + 1;
    const cue = Boolean(t.closest('.yj-more'));
    return {over, cue, width: t.scrollWidth, box: wrap.clientWidth};
  });
  return {doc, tables, bytes: document.documentElement.outerHTML.length};
}"""


def pages(site: Path) -> list[Path]:
    """Every HTML page of the site except forwarding pages (they only redirect)."""
    found = []
    for path in sorted(site.rglob("*.html")):
        head = path.read_text("utf-8", errors="replace")[:600]
        if 'http-equiv="refresh"' in head:
            continue
        found.append(path)
    return found


def measure(site: Path, width: int) -> dict:
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": width, "height": 740}, locale="zh-CN")
        context.route("http*://**", lambda route: route.abort())
        page = context.new_page()
        for path in pages(site):
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            results[path.relative_to(site).as_posix()] = page.evaluate(MEASURE)
        browser.close()
    return results


def summary(results: dict, width: int) -> dict:
    tables = [t for r in results.values() for t in r["tables"]]
    return {
        "pages": len(results),
        "pages_wider_than_screen": sorted(p for p, r in results.items() if r["doc"] > width),
        "tables": len(tables),
        "tables_wider_than_box": sum(t["over"] for t in tables),
        "tables_wider_without_cue": sum(t["over"] and not t["cue"] for t in tables),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--width", type=int, default=360)
    parser.add_argument("--json", type=Path, help="write every page's figures to this file")
    args = parser.parse_args(argv)
    results = measure(args.site.resolve(), args.width)
    figures = summary(results, args.width)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    print(f"页面 {figures['pages']} 个，比屏幕宽（{args.width} px）的 {len(figures['pages_wider_than_screen'])} 个")
    print(f"表格 {figures['tables']} 个，比所在框宽的 {figures['tables_wider_than_box']} 个，"
          f"其中没有滑动提示的 {figures['tables_wider_without_cue']} 个")
    for page in figures["pages_wider_than_screen"][:20]:
        print(f"  页面过宽：{page}（{results[page]['doc']} px）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
