#!/usr/bin/env python3
"""`make bench` (PDF part): the print stage on a synthetic 500-village county, next to the targets.

The county is the repository's own content with its sample village plans copied until there
are --villages of them, spread over the 26 townships (so each card is as full as a real one).
Measured, not asserted (timings depend on the machine; the targets are for the 2-core machine):

  1. every PDF from an empty cache: all village cards and township bundles (and the handbook,
     exam-prep booklet, matrix and papers): wall time, peak memory of the whole PDF stage
     (this process and its workers, sampled), the largest card;
  2. the 培训手册 alone, from an empty cache, start-up of a worker included;
  3. the second build after changing one village: what is rendered again, and how long.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from yingji.build import plan_outputs  # noqa: E402
from yingji.content import load_knowledge  # noqa: E402
from yingji.print.stage import build_documents, render_documents  # noqa: E402

TARGETS = {"all": 60.0, "handbook": 10.0, "memory_mb": 500.0, "incremental": 3.0, "card_kb": 400.0}
NUMERALS = "〇一二三四五六七八九"


def make_county(out: Path, villages: int) -> None:
    """Copy the repository's content and multiply its sample villages to `villages`."""
    for name in ("content", "quizzes"):
        shutil.copytree(REPO / name, out / name)
    shutil.copy2(REPO / "mkdocs.yml", out / "mkdocs.yml")
    samples = sorted((out / "content" / "villages").rglob("*.yml"))
    townships = sorted({path.parent.name for path in samples})
    texts = [path.read_text("utf-8") for path in samples]
    shutil.rmtree(out / "content" / "villages")
    for n in range(villages):
        text, township = texts[n % len(texts)], townships[n % len(townships)]
        data = yaml.safe_load(text)
        old_township, number = data["township"], "".join(NUMERALS[int(d)] for d in str(n + 1))
        data.update(id=f"{township}-bench-{n + 1:04d}", township=township, name=f"{data['name'][:-1]}{number}{data['name'][-1]}")
        body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        body = body.replace(old_township, township) if old_township != township else body
        target = out / "content" / "villages" / township / f"{data['id']}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, "utf-8")


class MemorySampler:
    """Peak memory of this process and all its descendants (workers, forkserver), as PSS: pages
    shared between processes (the mmapped font files) count once, as they occupy RAM once."""

    def __init__(self, interval: float = 0.1):
        self.interval, self.peak_kb, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, self.tree_rss_kb(os.getpid()))
            self._stop.wait(self.interval)

    @staticmethod
    def tree_rss_kb(root: int) -> int:
        """PSS of root and its descendants (found through /proc/PID/task/*/children: cheap)."""
        total, stack = 0, [root]
        while stack:
            pid = stack.pop()
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                total += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))
                for task in Path(f"/proc/{pid}/task").iterdir():
                    stack += [int(child) for child in (task / "children").read_text().split()]
            except (OSError, AttributeError):
                continue
        return total


def timed(root: Path, select=None) -> dict:
    """Run the PDF stage (all documents, or those `select` keeps) and measure it."""
    knowledge, _ = load_knowledge(root)
    routes = plan_outputs(root, knowledge, "public")
    before = MemorySampler.tree_rss_kb(os.getpid())
    with MemorySampler() as memory:
        started = time.perf_counter()
        if select is None:
            report = build_documents(root, knowledge, "public", routes, progress=None)  # a bar on a terminal, none in logs
        else:
            docs = [d for d in routes.documents if select(d)]
            report = render_documents(root, knowledge, docs, "public", routes, progress=None)  # a bar on a terminal, none in logs
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "report": report,
        "cpu": sum(r.cpu for r in report.results),
        "stage_mb": (memory.peak_kb - before) / 1024,
        "tree_mb": memory.peak_kb / 1024,
    }


def use_cache(root: Path, name: str) -> None:
    os.environ["YINGJI_PDF_CACHE"] = str(root / ".cache" / name)  # a new name: an empty cache


def change_one_village(root: Path) -> str:
    path = sorted((root / "content" / "villages").rglob("*.yml"))[0]
    data = yaml.safe_load(path.read_text("utf-8"))
    data["households"] += 1
    data["population"] += 3
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return data["id"]


def row(name: str, value: str, target: str, ok: bool | None) -> str:
    mark = "" if ok is None else ("达标" if ok else "未达标")
    return f"  {name:<34}{value:>16}   目标 {target:<12}{mark}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=500)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="yingji-bench-pdf-") as folder:
        root = Path(folder)
        make_county(root, args.villages)
        os.environ.setdefault("YINGJI_SITE_URL", "https://example.org/")
        knowledge, _ = load_knowledge(root)
        docs = plan_outputs(root, knowledge, "public").documents
        cards = [d for d in docs if d.kind == "card"]
        bundles = [d for d in docs if d.parts]
        print(f"PDF 基准：{len(cards)} 个村的明白卡、{len(bundles)} 个乡镇合订本，共 {len(docs)} 份 PDF；"
              f"{os.cpu_count()} 核，开始时负载 {load:.1f}", file=sys.stderr)

        use_cache(root, "villages")
        villages = timed(root, lambda d: d.kind == "card" or bool(d.parts))
        card_sizes = [villages["report"].files[d.path].stat().st_size for d in cards]
        card_pages = [r.pages for r in villages["report"].results]

        use_cache(root, "handbook")
        handbook = timed(root, lambda d: d.kind == "handbook")

        use_cache(root, "all")
        everything = timed(root)
        changed = change_one_village(root)
        again = timed(root)

    load_after = os.getloadavg()[0]
    worker_peak = max(r.peak_rss_kb for r in everything["report"].results) / 1024
    print(f"\nPDF 阶段（{len(cards)} 个村，{len(bundles)} 个乡镇；负载 {load:.1f} → {load_after:.1f}；目标针对 2 核机器）")
    print(row(f"明白卡 {len(cards)} + 合订本 {len(bundles)}（空缓存）", f"{villages['seconds']:.1f} 秒", "≤ 60 秒", villages["seconds"] <= TARGETS["all"]))
    print(row("  工作进程 CPU 合计（÷2 = 满载 2 核的时长）", f"{villages['cpu']:.0f} 秒", "", None))
    print(row(f"全部 {len(docs)} 份 PDF（空缓存，含手册和试卷）", f"{everything['seconds']:.1f} 秒", "", None))
    print(row("培训手册（空缓存，含进程启动）", f"{handbook['seconds']:.1f} 秒", "≤ 10 秒", handbook["seconds"] <= TARGETS["handbook"]))
    print(row("  培训手册页数", f"{handbook['report'].results[0].pages} 页", "约 150 页", None))
    peak = max(villages["stage_mb"], everything["stage_mb"])
    print(row("PDF 阶段峰值内存（工作进程+主进程新增）", f"{peak:.0f} MB", "≤ 500 MB", peak <= TARGETS["memory_mb"]))
    print(row("  含已载入内容的主进程（PSS 合计）", f"{max(villages['tree_mb'], everything['tree_mb']):.0f} MB", "", None))
    print(row("  单个工作进程峰值（RSS）", f"{worker_peak:.0f} MB", "", None))
    print(row("改一个村后再生成", f"{again['seconds']:.1f} 秒", "≤ 3 秒", again["seconds"] <= TARGETS["incremental"]))
    print(row("  重新生成的文件", f"{again['report'].rendered} 份", "明白卡+合订本", again["report"].rendered == 2))
    steps = "，".join(f"{name} {seconds:.1f} 秒" for name, seconds in again["report"].seconds.items())
    print(f"    （{steps}；改动的村：{changed}）")
    print(row("最大的明白卡", f"{max(card_sizes) / 1024:.0f} KB", "< 400 KB", max(card_sizes) / 1024 < TARGETS["card_kb"]))
    print(row("明白卡页数（1 页/2 页）", f"{card_pages.count(1)}/{card_pages.count(2)}", "≤ 2 页", max(card_pages) <= 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
