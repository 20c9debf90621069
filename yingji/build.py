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

from .diagnostics import Problem
from .print.stage import build_documents
from .project import load_knowledge
from .site.pages import all_pages
from .site.write import write_pages


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
    started = time.perf_counter()
    knowledge, report.warnings = load_knowledge(root)
    report.timings["load"] = time.perf_counter() - started

    started = time.perf_counter()
    pages = all_pages(knowledge, profile)
    report.pages = len(pages)
    report.changed = write_pages(root / "docs", pages)
    report.timings["generate"] = time.perf_counter() - started

    started = time.perf_counter()
    printed = build_documents(root, knowledge, profile)  # PDFs into docs/downloads/, before mkdocs
    report.documents, report.rendered = printed.documents, printed.rendered
    report.warnings += printed.warnings
    report.timings["pdf"] = time.perf_counter() - started

    staging = site_dir.with_name(f"{site_dir.name}.tmp-{os.getpid()}")
    try:
        started = time.perf_counter()
        run_mkdocs(root, staging)
        report.timings["mkdocs"] = time.perf_counter() - started
        swap_into_place(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def run_mkdocs(root: Path, out_dir: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
    command += ["--config-file", str(root / "mkdocs.yml"), "--site-dir", str(out_dir)]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
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
