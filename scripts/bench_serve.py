#!/usr/bin/env python3
"""`make bench` (preview part): from saving a content file to the changed page in `yingji serve`.

Starts the real `yingji serve` on a copy of the repository's content (kept in
.cache/bench-serve/, so its PDF cache stays warm between runs), waits until it is ready and idle,
then edits one content file at a time — a glossary definition, a village's shelter — and polls
the served page until the new text is in it. Prints each time, the median and how many rebuilds
each save caused. `--browser` also measures in chromium: the open page reloading by itself.
Measured, not asserted: timings depend on the machine (the target is ≤ 2 s on the 2-core
reference machine); the load average is printed next to them.

`--pythonpath DIR` runs another checkout's yingji (e.g. an older commit unpacked with
`git archive`) to compare before and after.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_S = 2.0
REBUILD_LINES = ("Building documentation", "改动：")  # mkdocs serve's and yingji's own rebuild line


@dataclass
class Edit:
    label: str
    file: Path
    pattern: re.Pattern  # the line to change: group 1 is kept, the marker is appended to it
    url: str


def copy_project(target: Path) -> None:
    """The repository's content and site setup; generated docs and the PDF cache are kept."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("content", "quizzes", "theme_overrides", "hooks"):
        shutil.rmtree(target / name, ignore_errors=True)
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for path in (REPO / "docs").rglob("*"):
        relative = path.relative_to(REPO / "docs")
        if path.is_file() and not (target / "docs" / relative).exists() and _hand_written(relative):
            (target / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / "docs" / relative)


def _hand_written(relative: Path) -> bool:
    manifest = REPO / "docs" / ".generated"
    owned = set(manifest.read_text("utf-8").split()) if manifest.exists() else set()
    return relative.as_posix() not in owned and not relative.name.startswith(".") and relative.parts[0] != "downloads"


def edits(project: Path) -> list[Edit]:
    village = sorted((project / "content" / "villages").glob("*/*.yml"))[0]
    township, village_id = village.parent.name, village.stem
    return [
        Edit("术语解释（content/glossary.yml）", project / "content" / "glossary.yml",
             re.compile(r"^(    definition: .*?)$", re.M), "glossary/index.html"),
        Edit(f"避险点（{village.relative_to(project).as_posix()}）", village,
             re.compile(r"^(    place: .*?)$", re.M), f"villages/{township}/{village_id}.html"),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 30.0) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_ready(base: str, edit: Edit, server: subprocess.Popen, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if server.poll() is not None:
            raise SystemExit(f"预览服务器已退出（返回码 {server.returncode}），见日志")
        if fetch(base + edit.url, 5) is not None and idle(base):
            return time.monotonic() - started
        time.sleep(0.5)
    raise SystemExit(f"{timeout:.0f} 秒内预览没有就绪")


def idle(base: str) -> bool:
    """yingji's preview says when its background PDFs are done; mkdocs serve has no such page."""
    status = fetch(base + "__yingji/status", 5)
    return status is None or '"busy": false' in status


def settle(base: str, seconds: float = 1.5, timeout: float = 300.0) -> None:
    time.sleep(seconds)
    started = time.monotonic()
    while not idle(base) and time.monotonic() - started < timeout:
        time.sleep(0.5)


def change(edit: Edit, marker: str) -> None:
    text = edit.file.read_text("utf-8")
    new, count = edit.pattern.subn(lambda m: m.group(1) + marker, text, count=1)
    assert count == 1, f"{edit.file}: no line to change"
    edit.file.write_text(new, "utf-8")


def time_http(base: str, edit: Edit, marker: str, timeout: float) -> float:
    change(edit, marker)
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        body = fetch(base + edit.url)
        if body is not None and marker in body:
            return time.monotonic() - started
        time.sleep(0.05)
    return float("inf")


def time_browser(page, base: str, edit: Edit, marker: str, timeout: float) -> float:
    page.goto(base + edit.url)
    page.wait_for_load_state("load")
    time.sleep(0.3)  # the live-reload poll is connected
    change(edit, marker)
    started = time.monotonic()
    try:
        page.wait_for_function(f"document.body && document.body.innerText.includes({marker!r})", timeout=timeout * 1000, polling=50)
    except Exception:  # noqa: BLE001 - a timeout is a result, not a crash
        return float("inf")
    return time.monotonic() - started


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux): the cost of an edit on any machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rebuilds(log: Path, since: int) -> tuple[int, int]:
    text = log.read_text("utf-8", "replace")
    return sum(text[since:].count(line) for line in REBUILD_LINES), len(text)


def show(label: str, times: list[float], builds: list[int], cpu: list[float] | None = None) -> None:
    finite = [t for t in times if t != float("inf")]
    median = statistics.median(times)
    each = "、".join("超时" if t == float("inf") else f"{t:.2f}" for t in times)
    verdict = "达标" if median <= TARGET_S else "未达标"
    print(f"  {label}：中位数 {median:.2f} 秒（各次 {each}）   目标 ≤ {TARGET_S:.0f} 秒  {verdict}"
          + (f"；每次保存重建 {'、'.join(map(str, builds))} 次" if builds else "")
          + (f"；预览进程每次用 CPU {statistics.median(cpu):.2f} 秒" if cpu else ""))
    if not finite:
        print("    （全部超时）")


def browser_page():
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return playwright, browser, browser.new_page()


def compare_strategies(project: Path) -> None:
    """The mkdocs part alone, in this process, for one changed page (CPU seconds: the machine's
    load does not change them): a full rebuild (what `mkdocs serve` does on every change),
    mkdocs' --dirty rebuild, and the preview's own incremental rebuild (yingji/preview/site.py)."""
    import json
    import tempfile

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from yingji.mkdocs_messages import capture_mkdocs_log
    from yingji.preview.site import LiveSite

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    page = project / "docs" / "glossary" / "index.md"
    with tempfile.TemporaryDirectory() as scratch:
        def config():
            return load_config(config_file=str(project / "mkdocs.yml"), site_dir=scratch, strict=False)

        built = Path(scratch)
        with capture_mkdocs_log():
            mkdocs_build(config())
            full_index = json.loads((built / "search" / "search_index.json").read_text("utf-8"))["docs"]
            full_page = (built / "glossary" / "index.html").read_text("utf-8")
            started = time.process_time()
            mkdocs_build(config())
            full = time.process_time() - started
            page.touch()
            started = time.process_time()
            mkdocs_build(config(), dirty=True)
            dirty = time.process_time() - started
        dirty_index = json.loads((built / "search" / "search_index.json").read_text("utf-8"))["docs"]
        dirty_same = (built / "glossary" / "index.html").read_text("utf-8") == full_page
    site = LiveSite(project / "mkdocs.yml")
    site.full_build()
    started = time.process_time()
    site.update(["glossary/index.md"])
    own = time.process_time() - started
    site.close()
    print("mkdocs 的部分，改一个页面（glossary/index.md）所用 CPU 时间：")
    print(f"  整站重建（mkdocs serve 的做法）      {full:6.2f} 秒")
    same = "与完整生成的相同" if dirty_same else "与完整生成的不同（导航中未改动页面的标题没有读入）"
    print(f"  mkdocs --dirty                      {dirty:6.2f} 秒   但搜索索引只剩 {len(dirty_index)} 条（完整的有 {len(full_index)} 条），"
          f"改动的页面{same}；strict 模式下不能用")
    print(f"  yingji 的增量重建（preview/site.py）{own:6.2f} 秒   页面和搜索索引与完整生成相同（tests/test_preview.py）")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="预览基准：保存内容文件后，浏览器里的页面多久变成新内容")
    parser.add_argument("--runs", type=int, default=3, help="每种改动测几次，默认 3")
    parser.add_argument("--pythonpath", default=None, help="用另一份 yingji 代码（比较改动前后）")
    parser.add_argument("--project", type=Path, default=REPO / ".cache" / "bench-serve", help="测试用的项目副本")
    parser.add_argument("--browser", action="store_true", help="另用 chromium 测量打开着的页面自动刷新")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--compare", action="store_true", help="只比较 mkdocs 的三种重建方式（整站、--dirty、yingji 增量）")
    args = parser.parse_args(argv)

    project = args.project.resolve()
    copy_project(project)
    if args.compare:
        sys.path.insert(0, str(REPO))
        compare_strategies(project)
        return 0
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if args.pythonpath:
        env["PYTHONPATH"] = args.pythonpath
    log = project / "serve.log"
    command = [sys.executable, "-m", "yingji.cli", "--root", str(project), "serve", "--port", str(port)]
    with log.open("w") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=project)
    browser = None
    try:
        plan = edits(project)
        ready = wait_ready(base, plan[0], server, 900)
        print(f"预览就绪：{ready:.1f} 秒（{base}；日志 {log}）")
        settle(base)
        if args.browser:
            browser = browser_page()
        originals = {edit.file: edit.file.read_text("utf-8") for edit in plan}
        stamp = int(time.time()) % 100000
        for edit in plan:
            times, builds, cpu, mark = [], [], [], len(log.read_text("utf-8", "replace"))
            for n in range(args.runs):
                before = cpu_seconds(server.pid)
                times.append(time_http(base, edit, f"测速{stamp}{n}", args.timeout))
                settle(base)
                cpu.append(cpu_seconds(server.pid) - before)
                count, mark = rebuilds(log, mark)
                builds.append(count)
            show(f"{edit.label}，轮询网页", times, builds, cpu)
            if browser:
                times = []
                for n in range(args.runs):
                    times.append(time_browser(browser[2], base, edit, f"浏览器{stamp}{n}", args.timeout))
                    settle(base)
                show(f"{edit.label}，chromium 中打开的页面", times, [])
            edit.file.write_text(originals[edit.file], "utf-8")
            settle(base)
    finally:
        if browser:
            browser[1].close()
            browser[0].stop()
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    load = Path("/proc/loadavg")
    if load.exists():
        print(f"  （测量时系统负载：{load.read_text().split()[0]}，{os.cpu_count()} 核；时间会随机器上其他任务变化）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
