"""The build orchestrator: gather and validate everything, then write; swap the site at the end.

A content error stops the build before anything is written. The new site is built in a
staging folder next to site/ and only renamed into place when every stage succeeded, so a
failed build leaves the last good site/ untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .content import load_knowledge
from .content.knowledge import Knowledge
from .diagnostics import ContentError, Problem
from .owned_files import hand_written_pages, write_pages
from .presentation import route_table, site_address_problem
from .presentation.asof import build_date, epoch_of
from .presentation.published import lost_addresses, redirect_pages, with_anchor_forwards
from .presentation.routes import RouteTable
from .print.stage import build_documents
from .quiz.pages import quiz_pages
from .site.pages import merge, site_pages
from .site.search import SearchUnavailable, import_jieba


class BuildFailed(Exception):
    """A build step outside the content failed (e.g. mkdocs); the old site is kept."""


@dataclass
class BuildReport:
    site_dir: Path
    pages: int = 0
    changed: int = 0
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    documents: int = 0  # PDFs in site/downloads/
    rendered: int = 0  # of which laid out by this build (the others came from the cache)


def build(root: Path, site_dir: Path | None = None, *, profile: str = "public") -> BuildReport:
    site_dir = (site_dir or root / "site").resolve()
    report = BuildReport(site_dir)

    # 1. content: read and check everything; any error stops here, before a file is written
    started = time.perf_counter()
    knowledge, report.warnings = load_knowledge(root)
    report.timings["load"] = time.perf_counter() - started
    _require_jieba()

    # 2. presentation: plan every page, data file and PDF of this build
    started = time.perf_counter()
    routes = plan_outputs(root, knowledge, profile)
    lost = lost_addresses(root, knowledge, routes)  # printed QR codes and shared links must keep working
    if lost:
        raise ContentError(lost)
    report.warnings += [p for p in [site_address_problem(knowledge)] if p]

    # 3. outputs: Markdown pages and quiz data into docs/, then the PDFs beside them
    pages = generate_pages(knowledge, profile, routes)
    report.pages = len(pages)
    report.changed = write_pages(root / "docs", pages)
    report.timings["generate"] = time.perf_counter() - started

    started = time.perf_counter()
    printed = build_documents(root, knowledge, profile, routes)  # into docs/downloads/, before mkdocs checks links
    report.documents, report.rendered = printed.documents, printed.rendered
    report.timings["pdf"] = time.perf_counter() - started

    # 4. mkdocs builds a staging folder, which replaces site/ only when everything succeeded
    staging = site_dir.with_name(f"{site_dir.name}.tmp-{os.getpid()}")
    try:
        started = time.perf_counter()
        run_mkdocs(root, staging, source_date_epoch())
        report.timings["mkdocs"] = time.perf_counter() - started
        swap_into_place(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def plan_outputs(root: Path, knowledge: Knowledge, profile: str) -> RouteTable:
    return route_table(root, knowledge, profile, hand_written_pages(root / "docs"))


def generate_pages(knowledge: Knowledge, profile: str, routes: RouteTable) -> dict[str, str]:
    """Every generated file of docs/ except the PDFs: the site's pages and the quiz's."""
    pages = site_pages(knowledge, profile, routes)
    merge(pages, quiz_pages(knowledge, routes))
    merge(pages, redirect_pages(knowledge, routes))
    with_anchor_forwards(pages, knowledge, routes)  # anchors that moved off a page that still exists
    return pages


def _require_jieba() -> None:
    """Fail before writing anything when Chinese search could not work (the mkdocs hook
    hooks/yingji_checks.py checks again inside mkdocs, also for a plain `mkdocs build`)."""
    try:
        import_jieba()
    except SearchUnavailable as err:
        raise BuildFailed(str(err)) from None


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH as the user set it, else the day of the build: the date the site's
    deadlines are judged against and every page is 截至 (presentation.asof)."""
    return epoch_of(build_date())


def run_mkdocs(root: Path, out_dir: Path, epoch: str | None = None) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
    command += ["--config-file", str(root / "mkdocs.yml"), "--site-dir", str(out_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise BuildFailed("mkdocs build 失败：\n" + (result.stderr or result.stdout).strip())


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging with two renames; the old site survives until the swap."""
    old = site_dir.with_name(f"{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
