"""The print stage: Knowledge → print HTML → PDFs in the cache → docs/downloads/.

1. Every document of the catalog becomes print HTML (Jinja2, in this process: fast).
2. Each HTML is hashed; documents whose hash is already in .cache/pdf/ are not laid out again.
3. The rest go to long-lived WeasyPrint workers, one per core (pool.py, engine.py). A
   township's cards and its bundle are one job, so each card is laid out once.
4. Only when every document rendered are the PDFs placed into docs/downloads/ (cache.py
   explains why there); a failure leaves docs/ and site/ as they were.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..knowledge import Knowledge
from .cache import Cache, bundle_key, content_key, place
from .catalog import DOWNLOADS, Document, document_html, documents
from .engine import Job, JobResult, Part, PrintError, check_harfbuzz_subset
from .pool import run_jobs

FONT_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
FONT_MESSAGE = (
    "未找到思源（Noto CJK）字体 {missing}：PDF 里的汉字会变成方块。"
    "请先安装：apt-get install fonts-noto-cjk（或运行 make setup），再重新生成。"
)


@dataclass
class PrintReport:
    documents: int = 0
    rendered: int = 0  # files laid out and written by this run (the rest came from the cache)
    placed: int = 0  # files changed in docs/downloads/
    seconds: dict[str, float] = field(default_factory=dict)
    results: list[JobResult] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # catalog path → cached PDF


def build_documents(root: Path, knowledge: Knowledge, profile: str, *, progress: bool | None = None) -> PrintReport:
    """Render every document of the catalog (or reuse the cache) and place it into docs/downloads/."""
    report = render_documents(root, knowledge, documents(knowledge, profile), profile, progress=progress)
    started = time.perf_counter()
    report.placed = place(root / "docs", {f"{DOWNLOADS}/{path}": file for path, file in report.files.items()})
    report.seconds["place"] = time.perf_counter() - started
    Cache(root).keep_only(profile, {file.stem for file in report.files.values()})
    return report


def render_documents(
    root: Path, knowledge: Knowledge, docs: list[Document], profile: str, *, progress: bool | None = None
) -> PrintReport:
    report = PrintReport(documents=len(docs))
    started = time.perf_counter()
    html = {doc.path: document_html(knowledge, doc, profile) for doc in docs if not doc.parts}
    keys = {path: content_key(text) for path, text in html.items()}
    for doc in docs:
        if doc.parts:
            keys[doc.path] = bundle_key(doc.title, [keys[part] for part in doc.parts])
    report.seconds["html"] = time.perf_counter() - started

    cache = Cache(root)
    jobs = plan_jobs(docs, html, keys, cache)
    if jobs:
        preflight()
        started = time.perf_counter()
        report.results = run_jobs(jobs, progress=progress)
        report.seconds["render"] = time.perf_counter() - started
        report.rendered = sum(len(result.rendered) for result in report.results)
    report.files = {doc.path: cache.path(keys[doc.path]) for doc in docs}
    return report


def plan_jobs(docs: list[Document], html: dict[str, str], keys: dict[str, str], cache: Cache) -> list[Job]:
    """One job per missing stand-alone document; one per bundle with missing files."""
    jobs = []

    def part(path: str, write: bool) -> Part:
        return Part(keys[path], html[path], str(cache.path(keys[path])) if write else None)

    for doc in docs:
        if doc.bundle:
            continue  # rendered with its bundle
        if not doc.parts:
            if not cache.has(keys[doc.path]):
                jobs.append(Job(doc.title, (part(doc.path, True),)))
            continue
        missing = [p for p in doc.parts if not cache.has(keys[p])]
        if not cache.has(keys[doc.path]):  # the bundle needs the pages of all its documents
            bundle = Part(keys[doc.path], "", str(cache.path(keys[doc.path])))
            jobs.append(Job(doc.title, tuple(part(p, p in missing) for p in doc.parts), bundle))
        elif missing:
            jobs.append(Job(doc.title, tuple(part(p, True) for p in missing)))
    return jobs


def preflight() -> None:
    """Fail early, in Chinese, when the machine lacks what makes PDFs correct and fast."""
    check_harfbuzz_subset()
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list", "--format", "%{family}\n"], capture_output=True, text=True).stdout
        missing = [family for family in FONT_FAMILIES if family not in listed]
        if missing:
            raise PrintError(FONT_MESSAGE.format(missing="、".join(missing)))
