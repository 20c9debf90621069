"""The preview's mkdocs build, kept in memory so that an edit rebuilds only the pages it changed.

Why our own incremental build (measured with scripts/bench_serve.py, see README “预览”):
mkdocs serve rebuilds the whole site for any change (~300 pages: 8–25 s on the 2-core machine);
its --dirty mode skips unchanged pages but then loses their titles in the navigation and their
text in the search index. Here the full build runs once, the same steps as `mkdocs build`,
and keeps mkdocs' objects (config, files, navigation, pages); an edit then re-reads and
re-renders only the pages whose Markdown changed (~50 ms each) and runs the post-build events
(the search hook keeps each page's text by its address, so a re-rendered page replaces its own).
A change of page titles, of the set of files, of the navigation or of the search names
(docs/.search-entries.json), or of mkdocs.yml and the theme, gets a full build into a fresh
folder, swapped in when done (the server keeps showing the previous one meanwhile).

mkdocs' build steps are private functions of mkdocs 1.6 (pinned in requirements.txt); the test
tests/test_preview.py checks that the preview's pages equal those of `yingji build`.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..mkdocs_messages import Captured, capture_mkdocs_log

# A link to a PDF that the background job has not made yet: not a problem of the pages
# (a real build makes every PDF before mkdocs runs).
_PDF_NOT_YET_MADE = re.compile(r"contains a link '[^']*\.pdf', but the target")


def _pdf_not_yet_made(message: str) -> bool:
    return bool(_PDF_NOT_YET_MADE.search(message))


class NeedsFullBuild(Exception):
    """The change touches more than the pages themselves (titles, files, navigation)."""


class SiteBuildFailed(Exception):
    """mkdocs could not build (the message is for the user)."""


@dataclass
class SiteBuild:
    pages: list[str] = field(default_factory=list)  # docs paths rendered
    seconds: float = 0.0
    full: bool = False
    warnings: list[str] = field(default_factory=list)  # what `mkdocs build --strict` would fail on


@dataclass
class _State:
    config: object
    files: object
    nav: object
    env: object


class LiveSite:
    """mkdocs' build of one config, in memory; `folder` is what the server shows."""

    def __init__(self, config_file: Path):
        self.config_file = config_file
        self.folder: Path | None = None
        self.epoch: str | None = None  # SOURCE_DATE_EPOCH for mkdocs' dates, as a real build sets it
        self._state: _State | None = None

    def full_build(self) -> SiteBuild:
        started = time.perf_counter()
        out = Path(tempfile.mkdtemp(prefix="yingji-preview-"))
        with capture_mkdocs_log(_pdf_not_yet_made) as captured, _source_date(self.epoch):
            try:
                state = _build_everything(self.config_file, out)
            except Exception as err:  # noqa: BLE001 - mkdocs, its plugins and hooks raise anything
                shutil.rmtree(out, ignore_errors=True)
                raise SiteBuildFailed(_failure(err, captured)) from err
        old, self.folder, self._state = self.folder, out, state
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        pages = [file.src_uri for file in state.files.documentation_pages()]
        return SiteBuild(pages, time.perf_counter() - started, True, captured.warnings)

    def update(self, changed: list[str]) -> SiteBuild:
        """Rebuild the pages of `changed` (docs paths); NeedsFullBuild when that is not enough."""
        if self._state is None:
            raise NeedsFullBuild()
        started = time.perf_counter()
        with capture_mkdocs_log(_pdf_not_yet_made) as captured, _source_date(self.epoch):
            try:
                pages = _rebuild_pages(self._state, changed)
            except NeedsFullBuild:
                raise
            except Exception as err:  # noqa: BLE001
                self._state = None  # half updated: the next change builds everything
                raise SiteBuildFailed(_failure(err, captured)) from err
        return SiteBuild(pages, time.perf_counter() - started, False, captured.warnings)

    def forget(self) -> None:
        """Build everything on the next change (the pages in memory may be out of step)."""
        self._state = None

    def close(self) -> None:
        if self._state is not None:
            self._state.config.plugins.on_shutdown()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def _source_date(epoch: str | None):
    """SOURCE_DATE_EPOCH while mkdocs runs (it reads the environment), then as it was: the
    process's other work (a PDF job it starts, a test's next build) must not inherit it."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and not saved:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        if epoch and not saved:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def _failure(err: Exception, captured: Captured) -> str:
    lines = captured.errors or [f"{type(err).__name__}: {err}"]
    return "网站生成失败（mkdocs）：\n" + "\n".join(lines)


def _build_everything(config_file: Path, out: Path) -> _State:
    """The steps of mkdocs.commands.build.build (mkdocs 1.6.1), keeping their objects."""
    from mkdocs.commands import build as steps
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    config = load_config(config_file=str(config_file), site_dir=str(out))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        for file in files.documentation_pages():
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            steps._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files()
        for template in config.theme.static_templates:
            steps._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            steps._build_extra_template(template, files, config, nav)
        pages = files.documentation_pages()
        for file in pages:
            steps._build_page(file.page, config, pages, nav, env)
        _finish(config, files)
    except Exception as err:
        config.plugins.on_build_error(error=err)
        raise
    return _State(config, files, nav, env)


def _rebuild_pages(state: _State, changed: list[str]) -> list[str]:
    from mkdocs.commands import build as steps

    config, files = state.config, state.files
    docs = Path(config.docs_dir)
    pages, others = [], []
    for relative in changed:
        file = files.get_file_from_path(relative)
        if file is None or "/." in f"/{relative}" or not (docs / relative).is_file():
            raise NeedsFullBuild()  # a new, removed or hidden file (.nav.yml, .search-entries.json)
        (pages if file.is_documentation_page() else others).append(file)
    for file in pages:
        title = file.page.title
        steps._populate_page(file.page, config, files)
        if file.page.title != title:
            raise NeedsFullBuild()  # titles appear in the navigation of every page
    for file in others:
        file.copy_file()
    every_page = files.documentation_pages()
    for file in pages:
        steps._build_page(file.page, config, every_page, state.nav, state.env)
    _finish(config, files)
    return [file.src_uri for file in pages + others]


def _finish(config, files) -> None:
    for file in files.documentation_pages():
        file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    config.plugins.on_post_build(config=config)
