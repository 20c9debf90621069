"""One preview session: a save → the pages it changed → those pages rebuilt → the browser reloads.

On each save the whole content is read and checked again (unchanged files are not parsed
again) and every page is generated again in memory; only the files whose text changed are
written (owned_files.py), and exactly those are rebuilt by mkdocs (site.py). So the preview
shows what `yingji build` makes, and a one-page edit costs one page. Content errors leave the
site as it was and go to the overlay and the terminal; PDFs follow in the background (pdfs.py).
"""

from __future__ import annotations

import os
import shutil
import threading
import time
import traceback
from pathlib import Path

from ..build import generate_pages, plan_outputs, source_date_epoch
from ..content import load_knowledge
from ..content.yamlsource import remember_sources
from ..diagnostics import ContentError
from ..owned_files import PDF_MANIFEST, write_pages
from ..presentation import served_as_directories, site_address_problem
from ..presentation.published import lost_addresses
from ..presentation.routes import DOWNLOADS_FOLDER, served_path
from ..site.navigation import NAV_FILE
from ..workspace import Workspace
from .console import Console, files_text, pages_text
from .pdf_job import CONTENT_ERRORS
from .pdfs import BackgroundPdfs
from .site import LiveSite, NeedsFullBuild, SiteBuild, SiteBuildFailed
from .status import Status
from .watch import CONTENT, Sources, Watcher

NO_PDF = "预览不生成 PDF（--no-pdf）：打印版链接可能是旧文件或打不开；yingji build 会生成全部 PDF"


class Preview:
    def __init__(self, root: Path, profile: str = "public", *, pdf: bool = True, console: Console | None = None):
        self.root, self.profile = root, profile
        self.workspace = Workspace(root, profile)
        self.status = Status()
        self.console = console or Console()
        self.site = LiveSite(self.workspace.config)
        self.pdfs = BackgroundPdfs(root, profile, self.status, self._pdfs_done) if pdf else None
        self._lock = threading.Lock()  # one rebuild at a time; PDFs are copied in between
        self._content_errors: list[str] = []
        self._site_errors: list[str] = []
        self.watcher = Watcher(Sources(root, self.workspace.setup_paths()), self.on_change)

    # -- start and stop ------------------------------------------------------------------------

    def start(self, *, watch: bool = True) -> SiteBuild | None:
        """Generate the pages and build the whole site once; then watch (unless told not to:
        tests call on_change themselves) and make the PDFs."""
        remember_sources()
        self.watcher.look()  # what is saved from now on, during the first build too, is seen
        self.status.busy("build", True)
        try:
            with self._lock:
                self.workspace.prepare()
                generated = self._regenerate()
                if generated is None:
                    self._show_errors()
                    self.console.plain(f"内容有 {len(self._content_errors)} 处错误（浏览器中也显示）；改好并保存后自动更新：")
                    self.console.problems(self._content_errors)
                never_built = not (self.workspace.docs / NAV_FILE).exists()  # mkdocs.yml needs it
                build = None if generated is None and never_built else self._full_build()
        finally:
            self.status.busy("build", False)
        if watch:
            self.watcher.start()
        if self.pdfs is not None:
            self.pdfs.start()
            if generated is not None:
                self.pdfs.request()
        else:
            self.status.note("pdf", NO_PDF)
        return build

    def stop(self) -> None:
        self.watcher.stop()
        if self.pdfs is not None:
            self.pdfs.stop()
        with self._lock:
            self.site.close()

    def folder(self) -> Path | None:
        return self.site.folder

    # -- a save ----------------------------------------------------------------------------------

    def on_change(self, files: list[str]) -> None:
        self.status.busy("build", True)
        try:
            with self._lock:
                self._apply(files)
        except Exception as err:  # noqa: BLE001 - the preview goes on; the clerk sees what broke
            self.site.forget()  # pages may be written but not rebuilt: the next save builds everything
            self._site_errors = [f"yingji 内部错误（这是程序缺陷，不是内容问题，请报告）：{type(err).__name__}: {err}"]
            self._show_errors()
            self.console.line(f"改动：{files_text(files)} → 出错了：{self._site_errors[0]}")
            if os.environ.get("YINGJI_DEBUG"):
                traceback.print_exc()
        finally:
            self.status.busy("build", False)

    def _apply(self, files: list[str]) -> None:
        started = time.perf_counter()
        setup = [name for name in files if name.split("/")[0] not in (*CONTENT, "docs")]
        hand_written = [name[len("docs/"):] for name in files if name.startswith("docs/")]
        if setup or (hand_written and self.workspace.internal):
            self.workspace.prepare()  # the internal build's copy of the site setup
        changed = list(hand_written)
        if any(name.split("/")[0] in CONTENT for name in files) or any(n.endswith(".md") for n in hand_written):
            generated = self._regenerate()
            if generated is None:
                self._report_errors(files)
                return
            changed += generated
            if self.pdfs is not None:
                self.pdfs.request()
        if not setup and not changed:
            self._show_errors()
            self.console.line(f"改动：{files_text(files)} → 页面没有变化")
            return
        build = self._full_build() if setup else self._update(changed)
        if build is not None:
            self._report_build(files, build, time.perf_counter() - started)

    # -- the steps ------------------------------------------------------------------------------

    def _regenerate(self) -> list[str] | None:
        """Write the pages that changed into docs/ (their docs paths); None on content errors."""
        try:
            knowledge, warnings = load_knowledge(self.root)
            routes = plan_outputs(self.root, knowledge, self.profile, self.workspace.docs)
            lost = lost_addresses(self.root, knowledge, routes)
            if lost:
                raise ContentError(lost)
        except ContentError as err:  # its warnings are said again once the errors are fixed
            self._content_errors = [p.format() for p in err.problems if not p.warning]
            return None
        self._content_errors = []
        self.console.warnings(warnings + [p for p in [site_address_problem(knowledge)] if p])
        self.site.epoch = source_date_epoch()  # the dates mkdocs writes, as a real build's
        pages = {**generate_pages(knowledge, self.profile, routes), **self.workspace.extra_files()}
        changed: list[str] = []
        write_pages(self.workspace.docs, pages, changed)
        return changed

    def _update(self, changed: list[str]) -> SiteBuild | None:
        try:
            build = self.site.update(changed)
        except NeedsFullBuild:
            return self._full_build()
        except SiteBuildFailed as err:
            return self._site_failed(err)
        return self._built(build)

    def _full_build(self) -> SiteBuild | None:
        try:
            build = self.site.full_build()
        except SiteBuildFailed as err:
            return self._site_failed(err)
        self._copy_pdfs()
        return self._built(build)

    def _built(self, build: SiteBuild) -> SiteBuild:
        self._site_errors = [f"网站生成警告（yingji build 会因此停止）：{w}" for w in build.warnings]
        self._show_errors()
        self.status.new_site()
        return build

    def _site_failed(self, err: SiteBuildFailed) -> None:
        self._site_errors = str(err).splitlines()
        self._show_errors()
        self.console.line("网站没能生成，预览保持上一次的版本：")
        self.console.problems(self._site_errors)
        return None

    # -- what the clerk sees ------------------------------------------------------------------------

    def _show_errors(self) -> None:
        self.status.set_errors(self._content_errors + self._site_errors)

    def _report_errors(self, files: list[str]) -> None:
        self._show_errors()
        count = len(self._content_errors)
        self.console.line(f"改动：{files_text(files)} → 内容有 {count} 处错误（浏览器中也显示），预览保持上一次的正确版本：")
        self.console.problems(self._content_errors)

    def _report_build(self, files: list[str], build: SiteBuild, seconds: float) -> None:
        directories = served_as_directories(self.workspace.folder)
        if build.full:
            what = f"重新生成整个网站（{len(build.pages)} 个页面）"
        else:
            served = [served_path(page, directories) for page in build.pages]
            what = f"更新 {pages_text(served)}"
        self.console.line(f"改动：{files_text(files)} → {what}，用时 {seconds:.1f} 秒")
        if self._site_errors:
            self.console.problems(self._site_errors)

    # -- PDFs ----------------------------------------------------------------------------------------

    def _pdfs_done(self, summary: dict | None, message: str) -> None:
        if summary is None:
            if message != CONTENT_ERRORS:  # those are on the page already
                self.console.line(f"PDF 未能更新：{message}")
            return
        with self._lock:
            self._copy_pdfs()
        if summary["rendered"]:
            self.console.line(f"PDF：后台重新排版 {summary['rendered']} 份，用时 {summary['seconds']:.0f} 秒（网页不用重建）")

    def _copy_pdfs(self) -> None:
        if self.site.folder is not None:
            copy_pdfs(self.workspace.docs, self.site.folder)


def copy_pdfs(docs: Path, site: Path) -> int:
    """Make the PDFs of the served site those placed in docs/ (no page changes). Returns copies."""
    manifest = docs / PDF_MANIFEST
    wanted = set(manifest.read_text("utf-8").split()) if manifest.exists() else set()
    copied = 0
    for relative in sorted(wanted):
        source, target = docs / relative, site / relative
        if source.is_file() and not _same_file(source, target):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            copied += 1
    downloads = site / DOWNLOADS_FOLDER
    for stale in downloads.rglob("*.pdf") if downloads.is_dir() else []:
        if stale.relative_to(site).as_posix() not in wanted:
            stale.unlink()
    return copied


def _same_file(source: Path, target: Path) -> bool:
    try:
        a, b = source.stat(), target.stat()
    except OSError:
        return False
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns
