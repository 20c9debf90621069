"""`yingji serve`: mkdocs' live-reloading server, plus regeneration when content changes.

mkdocs watches docs/ and reloads the browser; a small polling thread watches content/ and
quizzes/, regenerates the pages (only files whose text changed are rewritten) and prints
content errors without stopping the server.
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

POLL_SECONDS = 1.0


def _snapshot(root: Path) -> dict[Path, float]:
    return {
        path: path.stat().st_mtime
        for folder in ("content", "quizzes")
        if (root / folder).is_dir()
        for path in (root / folder).rglob("*")
        if path.is_file()
    }


def regenerate(root: Path) -> bool:
    try:
        knowledge, warnings = load_knowledge(root)
    except ContentError as err:
        print_problems(err.problems)
        print("内容有错误，预览保持上一次的正确版本。")
        return False
    print_problems(warnings)
    routes = plan_outputs(root, knowledge, "public")
    changed = write_pages(root / "docs", generate_pages(knowledge, "public", routes))
    try:
        rendered = build_documents(root, knowledge, "public", routes).rendered  # the pages link to the PDFs
    except PrintError as err:
        print(f"PDF 未能生成：{err}")
        return False
    print(f"已重新生成：{changed} 个页面有变化，{rendered} 份 PDF 重新排版。")
    return True


def _watch(root: Path, stop: threading.Event) -> None:
    seen = _snapshot(root)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(root)
        if now != seen:
            seen = now
            regenerate(root)


def serve(root: Path, port: int) -> int:
    import logging

    from mkdocs.commands.serve import serve as mkdocs_serve

    logging.basicConfig(level=logging.INFO, format="%(message)s")  # mkdocs reports the address and rebuilds

    regenerate(root)
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(root, stop), daemon=True)
    watcher.start()
    try:
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), livereload=True, dev_addr=f"127.0.0.1:{port}")
    finally:
        stop.set()
    return 0
