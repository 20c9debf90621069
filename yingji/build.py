"""The build orchestrator: gather and validate everything, then write; swap the site at the end.

A content error stops the build before anything is written. The new site is built in a
staging folder next to site/ and only renamed into place when every stage succeeded — for the
public build, also the check that no personal number or name is published in full
(leakcheck.py) — so a failed build leaves the last good site/ untouched. The internal build
works in a folder of its own and writes site-internal/ (workspace.py).
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
from .content.yamlsource import SourceError, read_source
from .diagnostics import ContentError, Problem, format_key_path
from .leakcheck import find_leaks, leak_report
from .owned_files import hand_written_pages, write_pages
from .presentation import mkdocs_config, route_table, site_address_problem
from .presentation.asof import build_date, epoch_of
from .presentation.privacy import private_values, public_text
from .presentation.published import lost_addresses, redirect_pages, with_anchor_forwards
from .presentation.routes import RouteTable
from .print.cache import Cache
from .print.stage import build_documents
from .quiz.pages import quiz_pages
from .site.pages import merge, site_pages
from .workspace import Workspace, WorkspaceError


class BuildFailed(Exception):
    """A build step outside the content failed (e.g. mkdocs); the old site is kept."""


@dataclass
class BuildReport:
    site_dir: Path
    profile: str = "public"
    pages: int = 0
    changed: int = 0
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    documents: int = 0  # PDFs in site/downloads/
    rendered: int = 0  # of which laid out by this build (the others came from the cache)


def build(root: Path, site_dir: Path | None = None, *, profile: str = "public") -> BuildReport:
    workspace = Workspace(root, profile)
    try:
        site_dir = workspace.site_dir(site_dir)
    except WorkspaceError as err:
        raise BuildFailed(str(err)) from None
    report = BuildReport(site_dir, profile)

    # 1. content: read and check everything; any error stops here, before a file is written
    started = time.perf_counter()
    knowledge, report.warnings = load_knowledge(root)
    report.timings["load"] = time.perf_counter() - started

    # 2. presentation: plan every page, data file and PDF of this build
    started = time.perf_counter()
    workspace.prepare()
    routes = plan_outputs(root, knowledge, profile, workspace.docs)
    lost = lost_addresses(root, knowledge, routes)  # printed QR codes and shared links must keep working
    if lost:
        raise ContentError(lost)
    report.warnings += [p for p in [site_address_problem(knowledge)] if p]

    # 3. outputs: Markdown pages and quiz data into docs/, then the PDFs beside them
    #    (the internal build: into its own .build-internal/docs/)
    pages = generate_pages(knowledge, profile, routes)
    report.pages = len(pages)
    report.changed = write_pages(workspace.docs, {**pages, **workspace.extra_files()})
    report.timings["generate"] = time.perf_counter() - started

    started = time.perf_counter()
    printed = build_documents(  # into docs/downloads/, before mkdocs checks links
        root, knowledge, profile, routes, docs_dir=workspace.docs, cache_dir=workspace.pdf_cache
    )
    report.documents, report.rendered = printed.documents, printed.rendered
    report.timings["pdf"] = time.perf_counter() - started

    # 4. mkdocs builds a staging folder, which replaces the site only when everything succeeded
    #    and, for the public build, nothing in it holds personal data in full
    staging = site_dir.with_name(f"{site_dir.name}.tmp-{os.getpid()}")
    try:
        started = time.perf_counter()
        run_mkdocs(workspace.folder, staging, source_date_epoch(), config=workspace.config)
        report.timings["mkdocs"] = time.perf_counter() - started
        if not workspace.internal:
            started = time.perf_counter()
            guard_public_site(root, knowledge, staging, site_dir.name)
            report.timings["privacy"] = time.perf_counter() - started
        swap_into_place(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def plan_outputs(root: Path, knowledge: Knowledge, profile: str, docs_dir: Path | None = None) -> RouteTable:
    return route_table(root, knowledge, profile, hand_written_pages(docs_dir or root / "docs"))


def guard_public_site(root: Path, knowledge: Knowledge, built: Path, shown_as: str) -> None:
    """Fail when a file of the built public site holds a personal number or name in full."""
    values, words = private_values(knowledge), public_text(knowledge)
    leaks = find_leaks(built, values, theme_dirs(root), Cache(root).folder / "text", words)
    if leaks:
        raise BuildFailed(leak_report(leaks, built, shown_as, lambda value: content_place(root, value)))


def content_place(root: Path, value) -> str:
    """`content/villages/x/y.yml:24:12: people[0].phone`: where a private value is written."""
    path = root / value.file
    key = format_key_path(value.key_path)
    try:
        return f"{read_source(path, value.file).location(value.key_path)}: {key}"
    except (OSError, SourceError):
        return f"{value.file}: {key}"


def theme_dirs(root: Path) -> list[Path]:
    """The theme folders whose files mkdocs copies unchanged into the site."""
    import material

    folders = [Path(material.__file__).parent / "templates"]
    theme = mkdocs_config(root).get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        folders.append(root / theme["custom_dir"])
    return folders


def generate_pages(knowledge: Knowledge, profile: str, routes: RouteTable) -> dict[str, str]:
    """Every generated file of docs/ except the PDFs: the site's pages and the quiz's."""
    pages = site_pages(knowledge, profile, routes)
    merge(pages, quiz_pages(knowledge, routes))
    merge(pages, redirect_pages(knowledge, routes))
    with_anchor_forwards(pages, knowledge, routes)  # anchors that moved off a page that still exists
    return pages


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH as the user set it, else the day of the build: the date the site's
    deadlines are judged against and every page is 截至 (presentation.asof)."""
    return epoch_of(build_date())


def run_mkdocs(root: Path, out_dir: Path, epoch: str | None = None, *, config: Path | None = None) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
    command += ["--config-file", str(config or root / "mkdocs.yml"), "--site-dir", str(out_dir)]
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
