"""Where a build profile keeps its working files, so that personal data stays where it belongs.

The public build works in the project itself: its pages and PDFs go into docs/, its PDF cache
is .cache/pdf/ (or YINGJI_PDF_CACHE), mkdocs reads mkdocs.yml, the site goes to site/. That is
what `yingji serve`, `make zensical` and a plain `mkdocs build` read too.

The internal build (full names and phone numbers, printed for the villages) never writes into
any of those. It works in .build-internal/, a mirror of the site setup — mkdocs.yml, the theme
folder, the hooks and the hand-written pages of docs/ — where it writes its own pages, PDFs and
PDF cache; its theme adds the 内部资料 banner and `noindex` to every page. Its site goes to
site-internal/ (or a --site-dir that is neither site/ nor inside docs/).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .owned_files import hand_written_files, sync_owned_files
from .presentation import mkdocs_config

INTERNAL_FOLDER = ".build-internal"
INTERNAL_SITE = "site-internal"
MIRROR_MANIFEST = ".mirrored"  # in the internal docs/: the hand-written files copied there
PROFILE_NAMES = {"public": "公开版", "internal": "内部版"}

# The internal theme's main.html: Material's announcement bar and a noindex meta on every page.
INTERNAL_MAIN_HTML = """{#- Written by `yingji build --profile internal` into its own copy of the theme. -#}
{% extends "base.html" %}
{% block extrahead %}
  <meta name="robots" content="noindex">
  {{ super() }}
{% endblock %}
{% block announce %}
  <strong>内部资料</strong>：本网站含个人姓名和完整电话，仅供应急管理工作内部使用，请勿公开发布、转发或上传到互联网。
{% endblock %}
"""
INTERNAL_ROBOTS = "User-agent: *\nDisallow: /\n"
PROJECT_CONFIG = "mkdocs.project.yml"  # a copy of the project's mkdocs.yml, inherited below
INTERNAL_THEME = "theme-internal"  # the project's theme folder plus INTERNAL_MAIN_HTML
INTERNAL_CONFIG = f"""# 由 yingji build --profile internal 生成，请勿修改：内部版网站的 mkdocs 配置。
# {PROJECT_CONFIG} 是项目 mkdocs.yml 的副本；这里只换用内部版的主题文件夹（内部资料横幅、noindex）。
INHERIT: {PROJECT_CONFIG}
theme:
  custom_dir: {INTERNAL_THEME}
"""


class WorkspaceError(Exception):
    """The output folder asked for would mix the internal build with the public one."""


@dataclass(frozen=True)
class Workspace:
    root: Path  # the project: content/, quizzes/, docs/, mkdocs.yml
    profile: str

    @property
    def internal(self) -> bool:
        return self.profile == "internal"

    @property
    def folder(self) -> Path:
        return self.root / INTERNAL_FOLDER if self.internal else self.root

    @property
    def docs(self) -> Path:
        return self.folder / "docs"

    @property
    def config(self) -> Path:
        return self.folder / "mkdocs.yml"

    @property
    def pdf_cache(self) -> Path | None:
        """The internal PDF cache; None: the public one (.cache/pdf or YINGJI_PDF_CACHE)."""
        return self.folder / ".cache" / "pdf" if self.internal else None

    @property
    def label(self) -> str:
        return PROFILE_NAMES[self.profile]

    def site_dir(self, asked: Path | None) -> Path:
        """Where the site goes: site/ (public), site-internal/ (internal) or the folder asked for,
        which for the internal build may be neither site/ nor inside docs/."""
        default = self.root / ("site" if not self.internal else INTERNAL_SITE)
        site = (asked or default).resolve()
        if self.internal:
            public = (self.root / "site").resolve()
            docs = (self.root / "docs").resolve()
            if site == public or site == docs or docs in site.parents:
                raise WorkspaceError(
                    f"内部版不能生成到 {site}：site/ 和 docs/ 属于公开版。请省略 --site-dir（默认 {INTERNAL_SITE}/）或换一个文件夹"
                )
        return site

    def prepare(self) -> None:
        """The internal build's mirror of the site setup (nothing to do for the public build)."""
        if not self.internal:
            return
        self.docs.mkdir(parents=True, exist_ok=True)
        _mirror_hand_written(self.root / "docs", self.docs)
        config = mkdocs_config(self.root)
        shutil.copy2(self.root / "mkdocs.yml", self.folder / PROJECT_CONFIG)
        theme, hooks = _setup_folders(config)
        for name in hooks:
            _replace_tree(self.root / name, self.folder / name)
        _replace_tree(self.root / theme if theme else None, self.folder / INTERNAL_THEME)
        (self.folder / INTERNAL_THEME / "main.html").write_text(INTERNAL_MAIN_HTML, "utf-8")
        self.config.write_text(INTERNAL_CONFIG, "utf-8")

    def setup_paths(self) -> list[str]:
        """The project's files and folders besides docs/ that decide how the site looks:
        mkdocs.yml, its theme folder and its hooks' folders (relative to the project)."""
        theme, hooks = _setup_folders(mkdocs_config(self.root))
        return ["mkdocs.yml", *([theme] if theme else []), *hooks]

    def extra_files(self) -> dict[str, str]:
        """Generated files of this profile besides the pages: robots.txt keeps crawlers off an
        internal site that ends up on a server by mistake."""
        return {"robots.txt": INTERNAL_ROBOTS} if self.internal else {}


def _setup_folders(config: dict) -> tuple[str | None, list[str]]:
    """The project folders mkdocs.yml reads besides docs/: its theme folder, its hooks' folders."""
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    custom = theme.get("custom_dir") if isinstance(theme.get("custom_dir"), str) else None
    hooks = [hook.split("/", 1)[0] for hook in config.get("hooks") or [] if isinstance(hook, str) and "/" in hook]
    relative = [name for name in dict.fromkeys(hooks) if not Path(name).is_absolute() and name not in ("docs", "..")]
    return (custom if custom and not Path(custom).is_absolute() else None), relative


def _replace_tree(source: Path | None, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    if source is not None and source.is_dir():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    target.mkdir(parents=True, exist_ok=True)


def _mirror_hand_written(source: Path, target: Path) -> None:
    """Copy the hand-written files of docs/ (not the public build's pages and PDFs)."""
    names = hand_written_files(source) if source.is_dir() else []

    def put(relative: str, path: Path) -> bool:
        data = (source / relative).read_bytes()
        if path.exists() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return True

    sync_owned_files(target, MIRROR_MANIFEST, names, put)
