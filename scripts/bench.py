#!/usr/bin/env python3
"""`make bench`: build a synthetic county and print the figures next to the targets of issue 3.

Builds scripts/make_scale_fixture.py counties (500 villages and 2000 questions; and 0 and 100
villages to see how the site grows per village) with the real `yingji build` (no PDFs) and
prints: generation time (YAML → Markdown), mkdocs build time, total, site size, largest page,
bytes per village, and the search figures of scripts/bench_search.py (index size, time from page
open to first results over http and from file://). Timings are measured, not asserted: they
depend on the machine (targets are for the 2-core reference machine).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_search  # noqa: E402
from make_scale_fixture import make_fixture  # noqa: E402

from yingji.build import build  # noqa: E402

TARGET_TOTAL_S = 15.0
TARGET_GENERATION_SHARE = 0.15
TARGET_PAGE_BYTES = 80 * 1024
TARGET_SEARCH_S = 2.0  # page open to first results, synthetic county


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(root: Path, villages: int, questions: int) -> dict:
    made = make_fixture(root, villages=villages, questions=questions)
    started, cpu_started = time.perf_counter(), time.process_time()
    children_started = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = build(root)
    total = time.perf_counter() - started - report.timings.get("pdf", 0.0)  # PDFs: scripts/bench_pdf.py
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    mkdocs_cpu = (children.ru_utime - children_started.ru_utime) + (children.ru_stime - children_started.ru_stime)
    site = report.site_dir
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return {
        "villages": made["villages"],
        "questions": questions,
        "pages": len(pages),
        "generation": report.timings["load"] + report.timings["generate"],
        "load": report.timings["load"],
        "generate": report.timings["generate"],
        "mkdocs": report.timings["mkdocs"],
        "total": total,
        "cpu": time.process_time() - cpu_started + mkdocs_cpu,
        "mkdocs_cpu": mkdocs_cpu,
        "site_bytes": folder_bytes(site) - folder_bytes(site / "downloads"),  # without the PDFs
        "largest": max(pages),
    }


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def verdict(ok: bool) -> str:
    return "达标" if ok else "未达标"


def report(big: dict, small: dict | None, empty: dict | None) -> None:
    share = big["generation"] / big["mkdocs"] if big["mkdocs"] else 0
    largest_bytes, largest_page = big["largest"]
    print(f"\n合成县：{big['villages']} 个村、{big['questions']} 道试题，共 {big['pages']} 个页面")
    print(f"  生成（YAML → Markdown）  {big['generation']:6.1f} 秒（读取校验 {big['load']:.1f} + 生成页面 {big['generate']:.1f}）"
          f" = mkdocs 的 {share:.0%}   目标 ≤ {TARGET_GENERATION_SHARE:.0%}  {verdict(share <= TARGET_GENERATION_SHARE)}")
    print(f"  mkdocs build            {big['mkdocs']:6.1f} 秒（CPU {big['mkdocs_cpu']:.1f} 秒）")
    print(f"  合计（不含 PDF）         {big['total']:6.1f} 秒   目标 ≤ {TARGET_TOTAL_S:.0f} 秒  {verdict(big['total'] <= TARGET_TOTAL_S)}"
          f"（CPU 时间 {big['cpu']:.1f} 秒：机器繁忙时更能说明问题）")
    print(f"  网站大小                {mb(big['site_bytes']):>9}")
    print(f"  最大页面                {kb(largest_bytes):>9}（{largest_page}）   目标 ≤ 80 KB  {verdict(largest_bytes <= TARGET_PAGE_BYTES)}")
    if small is None or empty is None:
        print("  每村字节数              —（--quick：只构建了一次）")
        return
    per = {}
    for run in (small, big):
        per[run["villages"]] = (run["site_bytes"] - empty["site_bytes"]) / run["villages"]
    growth = max(per.values()) / min(per.values()) if min(per.values()) > 0 else float("inf")
    for count, value in sorted(per.items()):
        print(f"  每村字节数（{count} 个村）    {kb(int(value)):>9}")
    print(f"  线性增长：两者之比 {growth:.2f}（1.00 为严格线性）  {verdict(growth <= 1.25)}")


def first_village_name(root: Path) -> str:
    """A query with a known answer in the synthetic county: its first village's name."""
    import yaml

    first = min((root / "content" / "villages").glob("*/*.yml"))
    return yaml.safe_load(first.read_text("utf-8"))["name"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="合成县基准测试：生成与构建时间、网站大小、搜索索引")
    parser.add_argument("--villages", type=int, default=500)
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="只构建一次（不测每村字节数）")
    parser.add_argument("--keep", type=Path, default=None, help="保留合成县项目的目录")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="yingji-bench-") as scratch:
        root = args.keep or Path(scratch) / "county"
        root.mkdir(parents=True, exist_ok=True)
        small = empty = None
        if not args.quick:
            empty = measure(root, 0, args.questions)
            small = measure(root, 100, args.questions)
        big = measure(root, args.villages, args.questions)
        report(big, small, empty)
        village = first_village_name(root)
        figures = bench_search.measure(root / "site", village)
        bench_search.report(f"合成县，搜索“{village}”", figures, target_s=TARGET_SEARCH_S)
    load = Path("/proc/loadavg")
    if load.exists():
        print(f"  （测量时系统负载：{load.read_text().split()[0]}；时间会随机器上其他任务变化）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
