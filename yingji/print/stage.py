"""The print stage: Knowledge → print HTML → PDFs in the cache → docs/downloads/.

1. Every document of the route table becomes print HTML (Jinja2, in this process: fast), except
   village cards and household cards whose inputs are unchanged since a build that printed
   them: their key comes from the memo (cache.Memo), not from their HTML.
2. Each HTML is hashed; documents whose hash is already in .cache/pdf/ are not laid out again.
3. The rest go to long-lived WeasyPrint workers, one per core (pool.py, engine.py); a
   township's bundle is then assembled from its cached cards (bundle.py).
4. Only when every document rendered are the PDFs placed into docs/downloads/ (cache.py
   explains why there); a failure leaves docs/ and site/ as they were.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..content.knowledge import Knowledge
from ..presentation.documents import Document
from ..presentation.routes import RouteTable
from .bundle import Bundles
from .cache import Cache, Memo, bundle_key, content_key, place
from .catalog import KINDS, creation_date, document_html, identity, memo_input, stylesheets, user_agent
from .engine import Job, JobResult
from .pool import run_jobs, start_early

@dataclass
class PrintReport:
    documents: int = 0
    rendered: int = 0  # files written by this run (the rest came from the cache)
    assembled: int = 0  # of which bundles put together from cached cards
    placed: int = 0  # files changed in docs/downloads/
    seconds: dict[str, float] = field(default_factory=dict)
    results: list[JobResult] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # document path → cached PDF


def build_documents(
    root: Path, knowledge: Knowledge, profile: str, routes: RouteTable, *, progress: bool | None = None,
    docs_dir: Path | None = None, cache_dir: Path | None = None,
) -> PrintReport:
    """Render every document of the route table (or reuse the cache) and place it into
    docs/downloads/ (or `docs_dir`; the internal build passes its own docs and cache)."""
    report = render_documents(root, knowledge, routes.documents, profile, routes, progress=progress, cache_dir=cache_dir)
    started = time.perf_counter()
    placed = {routes.path("pdf", path): file for path, file in report.files.items()}
    report.placed = place(docs_dir or root / "docs", placed)
    report.seconds["place"] = time.perf_counter() - started
    Cache(root, cache_dir).keep_only(profile, {file.stem for file in report.files.values()})
    return report


def render_documents(
    root: Path, knowledge: Knowledge, docs: list[Document], profile: str, routes: RouteTable, *,
    progress: bool | None = None, cache_dir: Path | None = None,
) -> PrintReport:
    report = PrintReport(documents=len(docs))
    started = time.perf_counter()
    cache = Cache(root, cache_dir)
    memo = Memo(cache, profile)
    sources: dict[str, tuple[str, tuple[str, ...]]] = {}

    def source(doc: Document) -> tuple[str, tuple[str, ...]]:
        if doc.path not in sources:
            sources[doc.path] = (document_html(knowledge, doc, profile, routes), stylesheets(doc))
        return sources[doc.path]

    keys: dict[str, str] = {}
    workers_started = False
    for doc in docs:
        if doc.parts:
            continue
        inputs = memo_input(knowledge, doc, profile, routes)
        known = memo.get(inputs) if inputs is not None else None
        keys[doc.path] = known or content_key(identity(*source(doc), doc))
        if inputs is not None and not known:
            memo.put(inputs, keys[doc.path])
        if not workers_started and not cache.has(keys[doc.path]):
            start_early()  # something will be laid out: the workers' start overlaps the rest of the HTML
            workers_started = True
    for doc in docs:
        if doc.parts:
            keys[doc.path] = bundle_key(doc.title, [keys[part] for part in doc.parts])
    jobs = [
        Job(doc.title, keys[doc.path], *source(doc), str(cache.path(keys[doc.path])), user_agent(doc), KINDS[doc.kind].impose)
        for doc in docs
        if not doc.parts and not cache.has(keys[doc.path])
    ]
    memo.save()
    report.seconds["html"] = time.perf_counter() - started

    bundles = Bundles(docs, keys, cache, creation_date())
    if jobs:
        started = time.perf_counter()
        report.results = run_jobs(jobs, progress=progress, on_result=lambda result: bundles.card_done(result.key))
        report.seconds["render"] = time.perf_counter() - started
    bundles.card_done(None)  # bundles whose cards were all in the cache already
    report.assembled, report.seconds["bundle"] = bundles.assembled, bundles.seconds
    report.rendered = len(report.results) + report.assembled
    report.files = {doc.path: cache.path(keys[doc.path]) for doc in docs}
    return report
