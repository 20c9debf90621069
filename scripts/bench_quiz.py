#!/usr/bin/env python3
"""Benchmark the quiz pages: bytes of quiz data per page, and how long a 100-question mock exam
page takes to become interactive in Debian chromium (over http and from file://).

    .venv/bin/python scripts/bench_quiz.py [--runs 5] [--cpu-slowdown 4]

The default content is copied to a temporary folder with one extra blueprint of exactly 100
questions (30 判断, 50 单选, 20 多选, all audiences) and built with `yingji build`. Timings are
measured inside the page from navigation start (performance.now() = 0): when the 开始考试
button exists, and — clicking it at once — when the first question's options exist and when they
have been painted; the script then clicks the first option to prove it is really clickable. Also
the page's own DOMContentLoaded and the quiz's share after it (the rest is Material's page, the
same on every page). Prints figures only.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
BLUEPRINT = """
  - id: bench-100
    title: 一百题测速
    description: 基准测试用，100 题。
    audience: [主要负责人, 安全管理人员, 村干部, 公众]
    time_limit_minutes: 120
    pass_mark: 80
    parts:
      - {type: 判断, count: 30, points: 1}
      - {type: 单选, count: 50, points: 1}
      - {type: 多选, count: 20, points: 1}
"""
# Runs before any page script: records when the start button and the first question appear,
# clicking 开始考试 as soon as it exists.
PROBE = """
window.__bench = {};
document.addEventListener('DOMContentLoaded', () => { window.__bench.dcl = performance.now(); });
new MutationObserver(() => {
  const start = document.querySelector('.yj-start');
  if (start && !window.__bench.start) { window.__bench.start = performance.now(); start.click(); }
  if (!window.__bench.question && document.querySelector('.yj-question input')) {
    window.__bench.question = performance.now();
    requestAnimationFrame(() => setTimeout(() => { window.__bench.painted = performance.now(); }, 0));
  }
}).observe(document, {childList: true, subtree: true});
"""


def build(target: Path) -> Path:
    for name in ("content", "quizzes", "theme_overrides", "docs", "hooks"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns(".generated", "__pycache__"))
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for generated in (REPO / "docs" / ".generated").read_text("utf-8").split() if (REPO / "docs" / ".generated").exists() else []:
        (target / "docs" / generated).unlink(missing_ok=True)
    exams = target / "quizzes" / "exams.yml"
    exams.write_text(exams.read_text("utf-8").rstrip("\n") + "\n" + BLUEPRINT, "utf-8")
    result = subprocess.run([sys.executable, "-m", "yingji.cli", "--root", str(target), "build"], capture_output=True, text=True,
                            cwd=REPO)  # the yingji of this repository
    if result.returncode:
        sys.exit(result.stderr)
    return target / "site"


def sizes(site: Path) -> None:
    print("quiz data per page (.data.js beside each page; gzip = what a compressing web server sends):")
    print(f"  {'page':45} {'bytes':>9} {'gzip':>8} {'questions':>9}")
    for path in sorted((site / "quiz").rglob("*.data.js")):
        raw = path.read_bytes()
        count = raw.count(b'"stem":') or raw.count(b'"explanation":')
        print(f"  {path.relative_to(site).as_posix():45} {len(raw):9,} {len(gzip.compress(raw)):8,} {count:9}")
    page = (site / "quiz" / "exam" / "bench-100.html").read_bytes()
    # the engine's files the exam page loads: its own tags, and the exam part quiz-core.js loads
    linked = set(re.findall(r"assets/yingji/([\w.-]+)", page.decode("utf-8"))) | {"quiz-exam.js"}
    names = sorted(name for name in linked if name.startswith("quiz"))
    engine_bytes = b"".join((site / "assets" / "yingji" / name).read_bytes() for name in names)
    print(f"  engine on the exam page ({', '.join(names)}; cached): {len(engine_bytes):,} bytes, gzip {len(gzip.compress(engine_bytes)):,}")
    others = sorted(linked - set(names))
    if others:  # the site's own files on every page (search, tables): not the quiz's, not counted below
        other_bytes = sum((site / "assets" / "yingji" / name).stat().st_size for name in others)
        print(f"  the site's other files on every page ({', '.join(others)}; cached): {other_bytes:,} bytes")
    data = (site / "quiz" / "exam" / "bench-100.data.js").read_bytes()
    total = page + engine_bytes + data
    print(f"  100-question exam page until the first question: HTML {len(page):,} + engine {len(engine_bytes):,} + data {len(data):,}"
          f" = {len(total):,} bytes (gzip {len(gzip.compress(page)) + len(gzip.compress(engine_bytes)) + len(gzip.compress(data)):,});"
          " Material's own CSS/JS and the search index not counted")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> str:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def measure(browser, url: str, slowdown: float) -> tuple[float, float]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.route("**/*", lambda route: route.abort() if route.request.url.startswith("https://") else route.continue_())
    if slowdown > 1:
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    page.add_init_script(PROBE)
    page.goto(url)
    page.wait_for_function("window.__bench.painted")
    page.click(".yj-question input >> nth=0", timeout=2000)  # really clickable
    marks = page.evaluate("window.__bench")
    context.close()
    return marks["start"], marks["question"], marks["painted"], marks["dcl"]


def baseline(browser, url: str, slowdown: float) -> float:
    """DOMContentLoaded of a page without a quiz: what Material itself costs here."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.route("**/*", lambda route: route.abort() if route.request.url.startswith("https://") else route.continue_())
    if slowdown > 1:
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    page.goto(url)
    value = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    context.close()
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu-slowdown", type=float, default=4, help="also measure with the CPU slowed down (phone-like)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = build(Path(folder) / "project")
        sizes(site)
        urls = {"http": serve(site) + "/quiz/exam/bench-100.html", "file://": (site / "quiz/exam/bench-100.html").as_uri()}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            print(f"100-question exam page, median of {args.runs} runs, ms from navigation start (360 px viewport):")
            for slowdown in (1, args.cpu_slowdown):
                for name, url in urls.items():
                    runs = [measure(browser, url, slowdown) for _ in range(args.runs)]
                    start, question, painted, dcl = (statistics.median(r[i] for r in runs) for i in range(4))
                    own = statistics.median(r[2] - r[3] for r in runs)
                    label = f"{name}, CPU ×{slowdown:g}"
                    plain = statistics.median(baseline(browser, url.replace("quiz/exam/bench-100", "plan/index"), slowdown) for _ in range(args.runs))
                    print(f"  {label:20} start button ready {start:6.0f}   first question clickable {question:6.0f}, painted {painted:6.0f}"
                          f"   (its DOMContentLoaded {dcl:5.0f}, the quiz after it {own:4.0f}; plain page without quiz: DOMContentLoaded {plain:5.0f})")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
