"""`yingji serve`: mkdocs' live-reloading server, plus regeneration when content changes.

mkdocs watches docs/ and reloads the browser; a small polling thread watches content/ and
quizzes/, regenerates the pages (only files whose text changed are rewritten) and prints
content errors without stopping the server. `--profile internal` previews the internal build
from its own folder (.build-internal/, see workspace.py), on this machine only, with the
内部资料 banner on every page; hand-written pages are copied there when it starts.
"""

from __future__ import annotations

import threading
from pathlib import Path

from .build import generate_pages, plan_outputs
from .content import load_knowledge
from .diagnostics import ContentError, print_problems
from .owned_files import write_pages
from .print.engine import PrintError
from .print.stage import build_documents
from .workspace import Workspace

POLL_SECONDS = 1.0


def _snapshot(root: Path) -> dict[Path, float]:
    return {
        path: path.stat().st_mtime
        for folder in ("content", "quizzes")
        if (root / folder).is_dir()
        for path in (root / folder).rglob("*")
        if path.is_file()
    }


def regenerate(root: Path, profile: str = "public") -> bool:
    workspace = Workspace(root, profile)
    try:
        knowledge, warnings = load_knowledge(root)
    except ContentError as err:
        print_problems(err.problems)
        print("内容有错误，预览保持上一次的正确版本。")
        return False
    print_problems(warnings)
    routes = plan_outputs(root, knowledge, profile, workspace.docs)
    pages = {**generate_pages(knowledge, profile, routes), **workspace.extra_files()}
    changed = write_pages(workspace.docs, pages)
    try:  # the pages link to the PDFs
        rendered = build_documents(
            root, knowledge, profile, routes, docs_dir=workspace.docs, cache_dir=workspace.pdf_cache
        ).rendered
    except PrintError as err:
        print(f"PDF 未能生成：{err}")
        return False
    print(f"已重新生成{workspace.label}：{changed} 个页面有变化，{rendered} 份 PDF 重新排版。")
    return True


def _watch(root: Path, profile: str, stop: threading.Event) -> None:
    seen = _snapshot(root)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(root)
        if now != seen:
            seen = now
            regenerate(root, profile)


def serve(root: Path, port: int, profile: str = "public") -> int:
    import logging

    from mkdocs.commands.serve import serve as mkdocs_serve

    logging.basicConfig(level=logging.INFO, format="%(message)s")  # mkdocs reports the address and rebuilds

    workspace = Workspace(root, profile)
    workspace.prepare()
    regenerate(root, profile)
    if workspace.internal:
        print("内部版预览：含个人姓名和完整电话，只在本机（127.0.0.1）查看，不要把这个地址开放给别人。")
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(root, profile, stop), daemon=True)
    watcher.start()
    try:
        mkdocs_serve(config_file=str(workspace.config), livereload=True, dev_addr=f"127.0.0.1:{port}")
    finally:
        stop.set()
    return 0
