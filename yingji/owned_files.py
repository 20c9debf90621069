"""The files the generator owns in docs/ (pages and PDFs), beside the hand-written ones.

A manifest per kind (docs/.generated for pages, docs/.generated-pdf for PDFs) lists what the
generator owns, so files of entities that were removed disappear, a hand-written file is never
overwritten, and a file is rewritten only when it changed (keeps `mkdocs serve` from
rebuilding for nothing).
"""

from __future__ import annotations

from pathlib import Path

MANIFEST = ".generated"  # pages
PDF_MANIFEST = ".generated-pdf"  # PDFs placed by the print stage
MANIFESTS = (MANIFEST, PDF_MANIFEST)


def sync_owned_files(docs_dir: Path, manifest_name: str, names, put, changed: list[str] | None = None) -> int:
    """Make the generator-owned files of docs_dir exactly `names`.

    `put(relative, target)` writes one file and says whether it changed anything. The manifest
    lists what the generator owns: files it lists but that are no longer wanted are removed,
    and a file it does not list (hand-written) is never overwritten. Returns files changed
    (and appends their names to `changed`, when given: the preview rebuilds those pages).
    """
    changed = [] if changed is None else changed
    before = len(changed)
    manifest = docs_dir / manifest_name
    previous = set(manifest.read_text("utf-8").split("\n")) - {""} if manifest.exists() else set()
    for relative in sorted(names):
        target = docs_dir / relative
        if target.exists() and relative not in previous:
            raise FileExistsError(f"{target} 不是生成器写的文件（可能是手写页面），生成器不会覆盖它；请改名或删除")
        if put(relative, target):
            changed.append(relative)
    for stale in sorted(previous - set(names)):
        path = docs_dir / stale
        if path.exists():
            path.unlink()
            changed.append(stale)
            _remove_empty_parents(path.parent, docs_dir)
    manifest.write_text("\n".join(sorted(names)) + "\n", "utf-8")
    return len(changed) - before


def write_pages(docs_dir: Path, pages: dict[str, str], changed: list[str] | None = None) -> int:
    """Write {relative path: text}; remove stale generated files. Returns files changed (and
    appends their names to `changed`, when given)."""

    def put(relative: str, target: Path) -> bool:
        text = pages[relative]
        if target.exists() and target.read_text("utf-8") == text:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        return True

    return sync_owned_files(docs_dir, MANIFEST, pages, put, changed)


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def generated_files(docs_dir: Path) -> set[str]:
    """Every file in docs/ that the generator owns: pages, PDFs and the manifests themselves."""
    owned = set(MANIFESTS)
    for name in MANIFESTS:
        manifest = docs_dir / name
        if manifest.exists():
            owned |= set(manifest.read_text("utf-8").split("\n")) - {""}
    return owned


def hand_written_files(docs_dir: Path) -> list[str]:
    """The files in docs/ that people wrote (about.md, stylesheets …), sorted."""
    if not docs_dir.is_dir():
        return []
    owned = generated_files(docs_dir)
    found = (path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*") if path.is_file())
    return sorted(relative for relative in found if relative not in owned)


def hand_written_pages(docs_dir: Path) -> frozenset[str]:
    """The Markdown pages in docs/ that the generator does not own (about.md …)."""
    return frozenset(relative for relative in hand_written_files(docs_dir) if relative.endswith(".md"))
