"""Which project a command works on, and which version of yingji this is.

Like git, a command run anywhere inside a project (a folder with content/ and mkdocs.yml)
finds the project by walking up from the current folder; --root names it explicitly.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUTPUT_FOLDER = "输出"  # in the project: where commands write files when no --out is given


class ProjectNotFound(Exception):
    """No project here; the message says where it looked and how to point at one."""


def is_project(folder: Path) -> bool:
    return (folder / "content").is_dir() and (folder / "mkdocs.yml").is_file()


def find_root(given: Path | None, start: Path | None = None) -> Path:
    """The project folder: `given` (--root) as it is, else the nearest one at or above `start`."""
    if given is not None:
        root = given.expanduser().resolve()
        if not root.is_dir():
            raise ProjectNotFound(f"找不到 --root 指定的文件夹：{root}")
        return root
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if is_project(folder):
            return folder
    raise ProjectNotFound(
        f"这里不在 yingji 项目里：从 {start} 往上直到 {start.anchor}，都没有同时含 content/ 文件夹和 mkdocs.yml 的文件夹。\n"
        "请先进入项目文件夹（或其中任何子文件夹）再运行，例如 cd 项目文件夹 && yingji check；\n"
        "或者用 --root 指明项目文件夹，例如 yingji --root /home/张三/yingji check"
    )


def version() -> str:
    """yingji's version (pyproject.toml of a checkout, else the installed package's)."""
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        try:
            return tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"]
        except (tomllib.TOMLDecodeError, KeyError):
            pass
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("yingji")
    except PackageNotFoundError:
        return "未知"


def version_text() -> str:
    """`yingji --version`: also the versions that decide what the site and PDFs look like."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    tools = []
    for name, shown in (("mkdocs", "MkDocs"), ("mkdocs-material", "Material"), ("weasyprint", "WeasyPrint")):
        try:
            tools.append(f"{shown} {installed(name)}")
        except PackageNotFoundError:
            tools.append(f"{shown} 未安装")
    python = ".".join(map(str, sys.version_info[:3]))
    return f"yingji {version()}（Python {python}，{'，'.join(tools)}）"


def shown_path(path: Path) -> str:
    """A path as short as it can be said: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(path)
