"""What an import will change, said before it changes anything, and written so it can be undone.

An importer turns its source into a `Plan`: one `FileChange` per content file it would add,
change or remove, each with the items added, changed and removed (by name). The command line
prints `plan.summary()` — the same lines for `--dry-run` and for the real import — and refuses
removals without `--allow-delete` (or `--replace`). `apply` keeps a dated copy of every file it
changes or removes in .yingji-backup/<time>/ (git-ignored) with a manifest, so that
`yingji undo-import` (`undo`) restores the last import exactly.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

BACKUP_DIR = ".yingji-backup"
MANIFEST = "manifest.json"


@dataclass
class FileChange:
    path: Path  # absolute
    text: str | None  # the new content; None: the file is removed
    title: str  # 山下村（ceshi-zhen-shanxia-cun） or 题库 anquan-shengchan-fa
    details: list[str] = field(default_factory=list)  # 新增 人员：张三（村支书） …
    removed: list[str] = field(default_factory=list)  # what goes: named, for --allow-delete

    @property
    def action(self) -> str:
        return "删除" if self.text is None else "修改" if self.path.exists() else "新增"


@dataclass
class Plan:
    changes: list[FileChange] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # titles of what stays as it is
    unit: str = "个村（社区）"

    def summary(self) -> list[str]:
        lines = []
        for change in self.changes:
            lines.append(f"{change.action} {change.title}")
            lines += [f"  {detail}" for detail in change.details]
        if self.unchanged:
            names = "、".join(self.unchanged[:10]) + ("等" if len(self.unchanged) > 10 else "")
            lines.append(f"没有变化：{len(self.unchanged)} {self.unit}（{names}）")
        if not self.changes:
            lines.append("没有需要写入的改动")
        return lines

    def removals(self) -> list[str]:
        return [f"{change.title}：{item}" for change in self.changes for item in change.removed]


def relative_name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _new_folder(root: Path) -> Path:
    base = root / BACKUP_DIR
    base.mkdir(parents=True, exist_ok=True)
    ignore = base / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# 导入前的备份（yingji undo-import 用），不进版本库\n*\n", "utf-8")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder, n = base / stamp, 1
    while folder.exists():
        n += 1
        folder = base / f"{stamp}-{n}"
    folder.mkdir()
    return folder


def apply(root: Path, plan: Plan, command: str) -> Path | None:
    """Back up, then write every change; returns the backup folder (None: nothing to write)."""
    if not plan.changes:
        return None
    folder = _new_folder(root)
    entries = []
    for change in plan.changes:
        name = relative_name(change.path, root)
        existed = change.path.is_file()
        if existed:
            copy = folder / "files" / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(change.path, copy)
        entries.append({"path": name, "existed": existed})
    manifest = {"command": command, "time": datetime.now().isoformat(timespec="seconds"), "files": entries}
    _write_manifest(folder, manifest)
    for change in plan.changes:
        if change.text is None:
            change.path.unlink()
        else:
            change.path.parent.mkdir(parents=True, exist_ok=True)
            change.path.write_text(change.text, "utf-8")
    for entry, change in zip(entries, plan.changes):
        entry["after"] = _digest(change.path)
    _write_manifest(folder, manifest)
    return folder


def _write_manifest(folder: Path, manifest: dict) -> None:
    temp = folder / (MANIFEST + ".tmp")
    temp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
    temp.replace(folder / MANIFEST)


class UndoError(Exception):
    """Nothing to undo, or undoing would lose later edits; str() is the message for the user."""


def last_import(root: Path) -> Path | None:
    base = root / BACKUP_DIR
    if not base.is_dir():
        return None
    for folder in sorted((p for p in base.iterdir() if (p / MANIFEST).is_file()), reverse=True):
        if "undone" not in json.loads((folder / MANIFEST).read_text("utf-8")):
            return folder
    return None


def undo(root: Path, force: bool = False) -> tuple[dict, list[str]]:
    """Restore the files of the last import not yet undone; returns (manifest, what was done)."""
    folder = last_import(root)
    if folder is None:
        raise UndoError(f"没有可以撤销的导入（{BACKUP_DIR}/ 中没有未撤销的备份）")
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    edited = [e["path"] for e in manifest["files"] if "after" in e and _digest(root / e["path"]) != e["after"]]
    if edited and not force:
        raise UndoError(
            f"导入（{manifest['time']}）之后这些文件又被改过，撤销会丢掉这些改动：{'、'.join(edited)}；"
            "确要撤销请加 --force"
        )
    done = []
    for entry in manifest["files"]:
        target = root / entry["path"]
        if entry["existed"]:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(folder / "files" / entry["path"], target)
            done.append(f"已恢复 {entry['path']}（导入前的版本）")
        elif target.exists():
            target.unlink()
            _remove_empty_parents(target.parent, root)
            done.append(f"已删除 {entry['path']}（这次导入新建的文件）")
    manifest["undone"] = datetime.now().isoformat(timespec="seconds")
    _write_manifest(folder, manifest)
    return manifest, done


def _remove_empty_parents(folder: Path, root: Path) -> None:
    content = {root / "content", root / "quizzes", root / "content" / "villages"}
    while folder != root and folder not in content and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
