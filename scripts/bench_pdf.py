#!/usr/bin/env python3
"""`make bench` (PDF part): the print stage on a synthetic 500-village county, next to the targets.

The county is the repository's own content with its sample village plans copied until there
are --villages of them, spread over the 26 townships (so each card is as full as a real one),
each with --households threatened households (scripts/sample_households.py). Measured, not
asserted (timings depend on the machine; the targets are for the 2-core machine, which other
work may share: the load average is printed with every figure):

  1. the public build's village cards and township bundles from an empty cache;
  2. the internal build's household cards (500 × 20 = 10,000 cards) from an empty cache;
  3. the rest of the internal build's PDFs (its cards, bundles, handbook, papers …);
     peak memory of the PDF stage (this process and its workers, sampled) over 2 and 3;
  4. the 培训手册 alone, from an empty cache, start-up of a worker included;
  5. the internal build after changing one village: what is rendered again, and how long;
  6. the same build under another HOME (another cache folder for the cut fonts): nothing may be
     rendered again, since a document's identity holds the fonts' contents, not their path.
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

import random

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from sample_households import add_households  # noqa: E402

# yingji's build modules are imported inside the functions that use them, not here: every print
# worker imports this script again as its __main__ (multiprocessing does so), and these imports
# would add 0.7 s to each worker's start that `yingji build` (main module yingji.cli, 0.05 s)
# does not pay.

TARGETS = {"cards": 30.0, "households": 150.0, "handbook": 10.0, "memory_mb": 500.0, "incremental": 2.0, "card_kb": 400.0}
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "一二三四五六七八九十山水田林木禾火土石金玉云风雨雪春秋冬"
NUMERALS = "〇一二三四五六七八九"


def make_county(out: Path, villages: int, households: int) -> None:
    """Copy the repository's content and multiply its sample villages to `villages`, each with
    `households` threatened households."""
    for name in ("content", "quizzes"):
        shutil.copytree(REPO / name, out / name)
    shutil.copy2(REPO / "mkdocs.yml", out / "mkdocs.yml")
    (out / "content" / "addresses.yml").unlink(missing_ok=True)  # another county: other addresses
    samples = sorted((out / "content" / "villages").rglob("*.yml"))
    townships = sorted({path.parent.name for path in samples})
    texts = [path.read_text("utf-8") for path in samples]
    shutil.rmtree(out / "content" / "villages")
    count = iter(range(1, 10**7))
    person = lambda rng: rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)  # noqa: E731
    phone = lambda rng: f"136{next(count):08d}"  # noqa: E731
    for n in range(villages):
        text, township = texts[n % len(texts)], townships[n % len(townships)]
        data = yaml.safe_load(text)
        old_township, number = data["township"], "".join(NUMERALS[int(d)] for d in str(n + 1))
        data.update(id=f"{township}-bench-{n + 1:04d}", township=township, name=f"{data['name'][:-1]}{number}{data['name'][-1]}")
        if households:
            data.pop("threatened_households", None)
            add_households(data, random.Random(n), person, phone, count=households)
        body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        body = body.replace(old_township, township) if old_township != township else body
        target = out / "content" / "villages" / township / f"{data['id']}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, "utf-8")


class MemorySampler:
    """Peak memory of this process and all its descendants (workers, forkserver), as PSS: pages
    shared between processes (the mmapped font files) count once, as they occupy RAM once.

    Reading PSS makes the kernel walk a process's pages: about 7 ms for a 300 MB worker, 25 ms
    for the whole tree. Sampled ten times a second that took an eighth of the 2-core machine
    away from the workers it measured; twice a second is 5% of one core, and a layout's peak
    lasts longer than half a second."""

    def __init__(self, interval: float = 0.5):
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


def timed(root: Path, profile: str, select=None, cache_name: str | None = None) -> dict:
    """Run the PDF stage of a profile (all documents with build_documents, or those `select`
    keeps) and measure it; each profile has a cache of its own (or `cache_name`'s)."""
    from yingji.build import plan_outputs
    from yingji.content import load_knowledge
    from yingji.print.stage import build_documents, render_documents

    knowledge, _ = load_knowledge(root)
    routes = plan_outputs(root, knowledge, profile)
    cache = root / ".cache" / (cache_name or f"pdf-{profile}")
    before = MemorySampler.tree_rss_kb(os.getpid())
    load = os.getloadavg()[0]
    with MemorySampler() as memory:
        started = time.perf_counter()
        if select is None:
            docs_dir = root / ("docs" if profile == "public" else ".build-internal/docs")
            report = build_documents(root, knowledge, profile, routes, progress=None, docs_dir=docs_dir, cache_dir=cache)
        else:
            docs = [d for d in routes.documents if select(d)]
            report = render_documents(root, knowledge, docs, profile, routes, progress=None, cache_dir=cache)
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "report": report,
        "cpu": sum(r.cpu for r in report.results),
        "stage_mb": (memory.peak_kb - before) / 1024,
        "tree_mb": memory.peak_kb / 1024,
        "load": (load + os.getloadavg()[0]) / 2,
    }


def timed_in_new_process(root: Path) -> dict:
    """The internal build's PDF stage as `yingji build` runs it after an edit: in a new process,
    which starts its own fork server and workers (this process has them running already)."""
    import json
    import subprocess

    load = os.getloadavg()[0]
    out = subprocess.run([sys.executable, __file__, "--stage-in", str(root)], capture_output=True, text=True, check=True).stdout
    figures = json.loads(out.splitlines()[-1])
    report = type("Report", (), {"rendered": figures["rendered"], "seconds": figures["steps"]})
    return {"seconds": figures["seconds"], "report": report, "load": (load + os.getloadavg()[0]) / 2}


def stage_in_new_process(root: Path) -> int:
    import json

    run = timed(root, "internal")
    print(json.dumps({"seconds": run["seconds"], "rendered": run["report"].rendered, "steps": run["report"].seconds}))
    return 0


def change_one_village(root: Path) -> str:
    path = sorted((root / "content" / "villages").rglob("*.yml"))[0]
    data = yaml.safe_load(path.read_text("utf-8"))
    data["households"] += 1
    data["population"] += 3
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return data["id"]


def another_home(root: Path) -> None:
    """Point the user cache (the cut fonts) at a new folder, with the same cut faces copied in
    (cutting is reproducible byte for byte, copying saves the half minute)."""
    from yingji.print import cache, fonts

    old = fonts.cache_dir()
    os.environ["XDG_CACHE_HOME"] = str(root / "other-home" / ".cache")
    shutil.copytree(old, fonts.cache_dir())
    for cached in (fonts.font_faces_css, fonts._digests, cache.engine_fingerprint):
        cached.cache_clear()


def row(name: str, value: str, target: str, ok: bool | None, load: float | None = None) -> str:
    mark = "" if ok is None else ("达标" if ok else "未达标")
    measured = f"（负载 {load:.1f}）" if load is not None else ""
    return f"  {name:<34}{value:>16}   目标 {target:<12}{mark}{measured}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=500)
    parser.add_argument("--households", type=int, default=20, help="受威胁住户数（每个村）")
    parser.add_argument("--stage-in", type=Path, help=argparse.SUPPRESS)  # one run of the stage, in a new process
    args = parser.parse_args()
    if args.stage_in:
        return stage_in_new_process(args.stage_in)
    with tempfile.TemporaryDirectory(prefix="yingji-bench-pdf-") as folder:
        root = Path(folder)
        make_county(root, args.villages, args.households)
        os.environ.setdefault("YINGJI_SITE_URL", "https://example.org/")
        from yingji.build import plan_outputs
        from yingji.content import load_knowledge

        knowledge, _ = load_knowledge(root)
        docs = plan_outputs(root, knowledge, "internal").documents
        cards = [d for d in docs if d.kind == "card"]
        bundles = [d for d in docs if d.parts]
        homes = [d for d in docs if d.kind == "households"]
        households = sum(len(v.threatened_households) for v in knowledge.villages.values())
        print(f"PDF 基准：{len(cards)} 个村的明白卡、{len(bundles)} 个乡镇合订本、{households} 户受威胁住户的明白卡"
              f"（{len(homes)} 份 PDF）；{os.cpu_count()} 核，开始时负载 {os.getloadavg()[0]:.1f}", file=sys.stderr)

        handbook = timed(root, "public", lambda d: d.kind == "handbook", cache_name="handbook")
        villages = timed(root, "public", lambda d: d.kind == "card" or bool(d.parts))
        card_sizes = [villages["report"].files[d.path].stat().st_size for d in cards]
        card_pages = [r.pages for r in villages["report"].results]
        homes_run = timed(root, "internal", lambda d: d.kind == "households")
        rest = timed(root, "internal")
        changed = change_one_village(root)
        again = timed_in_new_process(root)
        another_home(root)
        moved = timed(root, "internal")

    print(f"\nPDF 阶段（{len(cards)} 个村，{len(bundles)} 个乡镇，{households} 户；目标针对 2 核机器；每项后是测量时的平均负载）")
    print(row(f"明白卡 {len(cards)} + 合订本 {len(bundles)}（公开版，空缓存）", f"{villages['seconds']:.1f} 秒", "≤ 30 秒",
              villages["seconds"] <= TARGETS["cards"], villages["load"]))
    print(row("  工作进程 CPU 合计（÷2 = 满载 2 核的时长）", f"{villages['cpu']:.0f} 秒", "", None))
    print(row(f"住户明白卡 {households} 张（{len(homes)} 份 PDF，空缓存）", f"{homes_run['seconds']:.1f} 秒", "≤ 150 秒",
              homes_run["seconds"] <= TARGETS["households"], homes_run["load"]))
    print(row("  工作进程 CPU 合计", f"{homes_run['cpu']:.0f} 秒", "", None))
    print(row("  这一步的峰值内存（工作进程+主进程新增）", f"{homes_run['stage_mb']:.0f} MB", "≤ 500 MB",
              homes_run["stage_mb"] <= TARGETS["memory_mb"]))
    print(row("内部版其余 PDF（明白卡、合订本、手册、试卷）", f"{rest['seconds']:.1f} 秒", "", None, rest["load"]))
    print(row("  这一步的峰值内存", f"{rest['stage_mb']:.0f} MB", "", None))
    print(row("培训手册（空缓存，含进程启动）", f"{handbook['seconds']:.1f} 秒", "≤ 10 秒", handbook["seconds"] <= TARGETS["handbook"], handbook["load"]))
    print(row("  培训手册页数", f"{handbook['report'].results[0].pages} 页", "约 150 页", None))
    peak = max(run["stage_mb"] for run in (villages, homes_run, rest))
    print(row("PDF 阶段峰值内存（工作进程+主进程新增）", f"{peak:.0f} MB", "≤ 500 MB", peak <= TARGETS["memory_mb"]))
    print(row("  含已载入内容的主进程（PSS 合计）", f"{max(r['tree_mb'] for r in (villages, homes_run, rest)):.0f} MB", "", None))
    worker_peak = max(r.peak_rss_kb for run in (villages, homes_run, rest) for r in run["report"].results) / 1024
    print(row("  单个工作进程峰值（RSS）", f"{worker_peak:.0f} MB", "", None))
    print(row("改一个村后再生成（内部版）", f"{again['seconds']:.1f} 秒", "≤ 2 秒", again["seconds"] <= TARGETS["incremental"], again["load"]))
    print(row("  重新生成的文件", f"{again['report'].rendered} 份", "明白卡+住户卡+合订本", again["report"].rendered == 3))
    steps = "，".join(f"{name} {seconds:.1f} 秒" for name, seconds in again["report"].seconds.items())
    print(f"    （{steps}；改动的村：{changed}）")
    print(row("换一个 HOME（字体缓存文件夹）再生成", f"{moved['report'].rendered} 份", "0 份（缓存仍有效）", moved["report"].rendered == 0))
    print(row("最大的明白卡", f"{max(card_sizes) / 1024:.0f} KB", "< 400 KB", max(card_sizes) / 1024 < TARGETS["card_kb"]))
    print(row("明白卡页数（1 页/2 页）", f"{card_pages.count(1)}/{card_pages.count(2)}", "≤ 2 页", max(card_pages) <= 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
