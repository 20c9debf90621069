#!/usr/bin/env python3
"""Search figures of `make bench`: index size, time from page open to first results, the query
table and the twenty fresh opens, in Debian chromium over http and from file://.

    scripts/bench_search.py [--site DIR] [--query 三管三必须] [--table]

Without --site it builds the default content (content/, quizzes/) into a scratch folder.
"Time to first results" is measured from the start of the navigation to the moment the first
result is in the list, with the query typed as soon as the search box is on screen (what a
person does who opens the site to search). Measured, not asserted: it depends on the machine.
scripts/bench.py calls measure() for the synthetic county.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import socketserver
import statistics
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

import search_kit as kit  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGET_INDEX_RAW = 3 * 1024 * 1024
RUNS = 5  # fresh opens per timing; the median is reported
# Records when results are listed for the query in the box, in ms since the navigation started:
# the time to first results is the first of these for the whole query (not for its first key).
RESULT_PROBE = """
(() => {
  window.__listed = [];
  const seen = () => {
    const box = document.querySelector('%s');
    if (box && document.querySelector('%s')) window.__listed.push([performance.now(), box.value]);
  };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true, characterData: true});
})();
""" % (kit.BOX, kit.ITEM)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def index_bytes(site: Path) -> tuple[int, int]:
    """(raw, gzip) bytes of the search index as the browser loads it from file://."""
    files = kit.index_files(site)
    raw = b"".join(path.read_bytes() for path in files)
    return len(raw), len(gzip.compress(raw, 9))


def first_result_ms(browser, root: str, query: str, how: str, page_path: str = "index.html") -> float | None:
    """Open a fresh page, type at once, return ms from navigation start to the first result."""
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(RESULT_PROBE)
    page = context.new_page()
    try:
        page.goto(f"{root}/{page_path}", wait_until="commit")
        page.wait_for_selector(kit.BOX, state="visible")
        kit.enter(page, query, how)
        kit.wait_for_results(page, query, timeout=20000)
        page.wait_for_timeout(50)
        return page.evaluate("q => (window.__listed.find(([, value]) => value === q) || [null])[0]", query)
    except Exception:  # noqa: BLE001 - no results at all is a figure too
        return None
    finally:
        context.close()


def fresh_opens(browser, root: str, rows: list[dict], times: int = 20, typing: str = "type") -> list[tuple]:
    """Open a fresh page `times` times and search at once, typing and pasting in turn; returns
    (query, how, first result if right else None) for each try."""
    tries = []
    for i in range(times):
        row, how = rows[i % len(rows)], (typing, "paste")[i % 2]
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        first = None
        try:
            page.goto(f"{root}/index.html", wait_until="commit")
            page.wait_for_selector(kit.BOX, state="visible")
            kit.enter(page, row["q"], how)
            kit.wait_for_results(page, row["q"], timeout=10000)
            first = kit.result_links(page, root)[0]
        except Exception:  # noqa: BLE001 - counted as a failure
            pass
        finally:
            context.close()
        tries.append((row, how, first))
    return tries


def table(browser, root: str, rows: list[dict], how: str = "type") -> list[tuple[dict, str | None]]:
    """(row, first result) for every query of the table, in one page."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{root}/index.html")
    found = []
    for row in rows:
        try:
            links = kit.results(page, root, row["q"], how, timeout=5000)
        except Exception:  # noqa: BLE001 - nothing found
            links = []
        found.append((row, links[0] if links else None))
    context.close()
    return found


def measure(site: Path, query: str, *, with_table: bool = False, how: str = "type") -> dict:
    """Every search figure of one built site."""
    from playwright.sync_api import sync_playwright

    site = site.resolve()
    raw, gz = index_bytes(site)
    figures = {"index_raw": raw, "index_gz": gz, "first": {}, "table": {}, "fresh": None}
    server, http_root = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for mode, root in (("http", http_root), ("file", site.as_uri())):
                times = [first_result_ms(browser, root, query, how) for _ in range(RUNS)]
                figures["first"][mode] = times
                if with_table:
                    figures["table"][mode] = table(browser, root, kit.load_queries(), how)
            if with_table:
                rows = [row for row in kit.load_queries() if row["kind"] in ("术语", "单位", "地名", "错别字")]
                figures["fresh"] = fresh_opens(browser, site.as_uri(), rows, typing=how)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return figures


def median_ms(times: list[float | None]) -> str:
    done = [t for t in times if t is not None]
    if not done:
        return "没有结果"
    missing = len(times) - len(done)
    return f"{statistics.median(done):5.0f} 毫秒" + (f"（{missing} 次没有结果）" if missing else "")


def report(label: str, figures: dict, target_s: float) -> None:
    raw, gz = figures["index_raw"], figures["index_gz"]
    ok = raw <= TARGET_INDEX_RAW
    print(f"\n搜索（{label}）")
    print(f"  索引大小                {raw / 1024 / 1024:6.2f} MB（gzip 后 {gz / 1024 / 1024:.2f} MB）   目标 ≤ 3 MB  {'达标' if ok else '未达标'}")
    for mode, times in figures["first"].items():
        done = [t for t in times if t is not None]
        fine = len(done) == len(times) and statistics.median(done) <= target_s * 1000
        print(f"  打开页面到第一个结果（{mode:4}） {median_ms(times)}（{len(times)} 次的中位数）   目标 ≤ {target_s:.0f} 秒  {'达标' if fine else '未达标'}")
    for mode, found in figures["table"].items():
        right = sum(1 for row, first in found if first and kit.is_expected(first, row["first"]))
        page = sum(1 for row, first in found if first and same_page(first, row["first"]))
        print(f"  查询表第一个结果正确（{mode:4}） {right}/{len(found)} = {right / len(found):.0%}"
              f"（只看页面、不看锚点：{page}/{len(found)} = {page / len(found):.0%}）")
        for row, first in found:
            if not (first and kit.is_expected(first, row["first"])):
                print(f"      {row['q']}（{row['kind']}）→ {first or '没有结果'}，应为 {row['first']}")
    if figures["fresh"] is not None:
        tries = figures["fresh"]
        answered = sum(1 for *_, first in tries if first)
        right = sum(1 for row, _, first in tries if first and kit.is_expected(first, row["first"]))
        print(f"  从 file:// 新打开页面立即搜索 {len(tries)} 次（输入和粘贴交替）：{answered} 次有结果，"
              f"{right} 次第一个结果正确")


def same_page(address: str, expected: str) -> bool:
    return address.split("#")[0].split("?")[0] == expected.split("#")[0].split("?")[0]


def build_default(scratch: Path) -> Path:
    """The default content built into a scratch copy of the project (its site/ folder)."""
    from yingji.build import build

    project = scratch / "project"
    for name in ("content", "quizzes", "theme_overrides", "hooks"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    from yingji.owned_files import hand_written_files

    for relative in hand_written_files(REPO / "docs"):
        (project / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / "docs" / relative, project / "docs" / relative)
    return build(project).site_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="搜索基准：索引大小、打开页面到第一个结果的时间、查询表")
    parser.add_argument("--site", type=Path, help="已生成的网站目录（默认：用默认内容生成一次）")
    parser.add_argument("--query", default="三管三必须")
    parser.add_argument("--how", default="type", choices=["type", "keys", "paste"])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="yingji-bench-search-") as scratch:
        site = args.site or build_default(Path(scratch))
        report("默认内容", measure(site.resolve(), args.query, with_table=True, how=args.how), target_s=1.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
