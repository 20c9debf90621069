"""The build orchestrator: gather and validate everything, then write; swap the site at the end.

A content error stops the build before anything is written. The new site is built in a
staging folder next to site/ and only renamed into place when every stage succeeded — for the
public build, also the check that no personal number or name is published in full
(leakcheck.py) — so a failed build leaves the last good site/ untouched. The internal build
works in a folder of its own and writes site-internal/ (workspace.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .content import load_knowledge
from .content.knowledge import Knowledge
from .content.yamlsource import SourceError, read_source
from .diagnostics import ContentError, Problem, format_key_path
from .mkdocs_messages import essential_lines
from .leakcheck import find_leaks, leak_report
from .owned_files import hand_written_pages, write_pages
from .presentation import mkdocs_config, route_table, site_address_problem
from .presentation.asof import build_date, epoch_of
from .presentation.privacy import private_values, public_text
from .presentation.published import lost_addresses, redirect_pages, with_anchor_forwards
from .presentation.routes import RouteTable
from .print.cache import Cache, place
from .print.pool import start_early
from .print.stage import build_documents
from .progress import STAGES, Silent
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
    with_pdf: bool = True  # False: `--no-pdf`, a site without PDFs


def build(
    root: Path, site_dir: Path | None = None, *, profile: str = "public", pdf: bool = True, progress=None
) -> BuildReport:
    """`pdf=False` (`yingji build --no-pdf`): a quick site without PDFs, download page and
    打印版 links. `progress` (progress.Progress) prints the stages; None: silent."""
    progress = progress or Silent()
    workspace = Workspace(root, profile)
    try:
        site_dir = workspace.site_dir(site_dir)
    except WorkspaceError as err:
        raise BuildFailed(str(err)) from None
    report = BuildReport(site_dir, profile, with_pdf=pdf)
    if pdf:
        # the PDF workers' fork server imports WeasyPrint (~0.6 s of CPU) on the other core while
        # this process reads the content: a one-village rebuild of a 500-village county took
        # 2.2–2.7 s in its PDF stage when the server started there, 1.5–1.9 s this way
        start_early()

    # 1. content: read and check everything; any error stops here, before a file is written
    with progress.stage("load", report.timings):
        knowledge, report.warnings = load_knowledge(root)

    # 2. presentation: plan every page, data file and PDF of this build
    with progress.stage("generate", report.timings):
        workspace.prepare()
        routes = plan_outputs(root, knowledge, profile, workspace.docs)
        lost = lost_addresses(root, knowledge, routes)  # printed QR codes and shared links must keep working
        if lost:
            raise ContentError(lost)
        report.warnings += [p for p in [site_address_problem(knowledge)] if p]
        routes = routes if pdf else routes.without_documents()

        # 3. outputs: Markdown pages and quiz data into docs/, then the PDFs beside them
        #    (the internal build: into its own .build-internal/docs/)
        pages = generate_pages(knowledge, profile, routes)
        report.pages = len(pages)
        report.changed = write_pages(workspace.docs, {**pages, **workspace.extra_files()})

    if pdf:
        with progress.stage("pdf", report.timings):
            printed = build_documents(  # into docs/downloads/, before mkdocs checks links
                root, knowledge, profile, routes, docs_dir=workspace.docs, cache_dir=workspace.pdf_cache,
                progress=None if isinstance(progress, Silent) else progress,
            )
        report.documents, report.rendered = printed.documents, printed.rendered
    else:
        place(workspace.docs, {})  # the PDFs of an earlier build are not part of this site

    # 4. mkdocs builds a staging folder, which replaces the site only when everything succeeded
    #    and, for the public build, nothing in it holds personal data in full
    staging = site_dir.with_name(f"{site_dir.name}.tmp-{os.getpid()}")
    try:
        with progress.stage("mkdocs", report.timings):
            run_mkdocs(workspace.folder, staging, source_date_epoch(), config=workspace.config, progress=progress)
        if not workspace.internal:
            with progress.stage("privacy", report.timings):
                guard_public_site(root, knowledge, staging, site_dir.name)
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


def run_mkdocs(root: Path, out_dir: Path, epoch: str | None = None, *, config: Path | None = None, progress=None) -> None:
    """`mkdocs build --strict` into out_dir; BuildFailed with its warnings and errors in Chinese.

    mkdocs runs verbose: its "Reading"/"Building page" lines move the progress bar (2 per page)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--verbose"]
    command += ["--config-file", str(config or root / "mkdocs.yml"), "--site-dir", str(out_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    docs = Path(config or root / "mkdocs.yml").parent / "docs"
    bar = (progress or Silent()).bar(2 * sum(1 for _ in docs.rglob("*.md")), STAGES["mkdocs"], "步")
    output = []
    with subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env) as process:
        for line in process.stdout:
            if bar is not None and _MKDOCS_STEP.match(line):
                bar.update(1)
            output.append(line)
    if bar is not None:
        bar.close()
    if process.returncode != 0:
        lines = essential_lines("".join(output)) or ["（mkdocs 没有给出原因）"]
        raise BuildFailed("网站生成失败（mkdocs build --strict）：\n" + "\n".join(lines))


_MKDOCS_STEP = re.compile(r"^DEBUG\s+-\s+(Reading: |Building page )")


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging with two renames; the old site survives until the swap."""
    old = site_dir.with_name(f"{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
