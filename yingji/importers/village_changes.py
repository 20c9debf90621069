"""What a village workbook changes: which files, and in each village item by item and by name.

Items with ids (人员, 风险点, 转移路线, 避险场所) are matched by id; the others by what names
them (a signal by kind and meaning, a supply or contact by name, a help need by group). Basic
facts are listed field by field with old and new value.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

from ..content.knowledge import Knowledge
from ..content.models.villages import Village
from .changes import FileChange, Plan
from .village_sheet import SHEETS
from .yaml_writer import dump_village

SECTIONS = {spec.section: spec.name for spec in SHEETS if spec.section not in ("village", "team")}
HEADERS = {spec.section: {col.field: col.header for col in spec.columns} for spec in SHEETS}


def _key(section: str, item: dict) -> tuple:
    if "id" in item:
        return (item["id"],)
    if section == "signals":
        return (item["kind"], item["stage"])
    if section == "help":
        return (item["group"],)
    return (item.get("name"),)


def label(section: str, item: dict) -> str:
    """How a clerk recognises the item: 王一山（村支书）, 山洪：一组后山冲沟 …"""
    if section == "people":
        return f"{item['name']}（{item['role']}）"
    if section == "risks":
        return f"{item['type']}：{item['place']}"
    if section == "signals":
        return f"{item['kind']}（{item['stage']}）"
    if section == "routes":
        return f"{item['from']}→{item['to']}（{item['id']}）"
    if section == "help":
        return f"{item['group']} {item['count']} 人"
    if section == "threatened_households":
        return f"户主{item['head']}（{item['id']}）"
    return str(item.get("name"))


def _match(section: str, old: list[dict], new: list[dict]) -> tuple[list, list, list]:
    """(added, (changed, its changed column headers), removed) items, matched by key in order."""
    pool: dict[tuple, list[dict]] = {}
    for item in old:
        pool.setdefault(_key(section, item), []).append(item)
    added, changed = [], []
    for item in new:
        candidates = pool.get(_key(section, item))
        if not candidates:
            added.append(item)
            continue
        before = candidates.pop(0)
        if before != item:
            fields = [header for key, header in HEADERS[section].items() if before.get(key) != item.get(key)]
            changed.append((item, fields))
    removed = [item for items in pool.values() for item in items]
    return added, changed, removed


def _basic(old: dict, new: dict) -> list[str]:
    out = []
    for col in SHEETS[0].columns:
        if col.field == "updated":  # set by the import itself
            continue
        path = col.field.split(".")
        before, after = _dig(old, path), _dig(new, path)
        if before != after:
            out.append(f"{col.header} {_show(before)}→{_show(after)}")
    return out


def _dig(data: dict, path: list[str]):
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _show(value) -> str:
    return "（空）" if value is None else str(value)


def village_changes(old: Village | None, new: Village) -> tuple[list[str], list[str]]:
    """(lines for the summary, names of removed items) for one village."""
    a = old.model_dump(mode="json", by_alias=True) if old else {}
    b = new.model_dump(mode="json", by_alias=True)
    if old is None:
        counts = "、".join(f"{name} {len(b[section])}" for section, name in SECTIONS.items() if b[section])
        return [f"新建：{counts}" + ("、志愿队伍 1" if b.get("team") else "")], []
    lines, removed = [], []
    basic = _basic(a, b)
    if basic:
        lines.append("修改 基本情况：" + "；".join(basic))
    for section, name in SECTIONS.items():
        added, changed, gone = _match(section, a[section], b[section])
        if added:
            lines.append(f"新增 {name}：" + "、".join(label(section, item) for item in added))
        if changed:
            lines.append(f"修改 {name}：" + "、".join(f"{label(section, item)} 改了{'、'.join(fields)}" for item, fields in changed))
        if gone:
            lines.append(f"删除 {name}：" + "、".join(label(section, item) for item in gone))
        removed += [f"{name}“{label(section, item)}”" for item in gone]
    if a.get("team") != b.get("team"):
        verb = "新增" if not a.get("team") else "删除" if not b.get("team") else "修改"
        lines.append(f"{verb} 志愿队伍：{(b.get('team') or a.get('team'))['name']}")
        if verb == "删除":
            removed.append(f"志愿队伍“{a['team']['name']}”")
    return lines, removed


def import_date() -> date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set (reproducible imports in tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date() if epoch.isdigit() else date.today()


def plan_villages(root: Path, knowledge: Knowledge, villages: list[Village], townships: set[str]) -> Plan:
    """One FileChange per village that is new or different, and per village of `townships` the workbook lacks."""
    plan = Plan()
    folder = root / "content" / "villages"
    for village in villages:
        old = knowledge.villages.get(village.id)
        title = f"{village.name}（{village.id}）"
        path = folder / village.township / f"{village.id}.yml"
        if old is not None and old.model_dump(exclude={"updated"}) == village.model_dump(exclude={"updated"}):
            plan.unchanged.append(village.name)
            continue
        if village.updated is None or (old is not None and village.updated == old.updated):
            village = village.model_copy(update={"updated": import_date()})  # 资料日期: the day it changed
        details, removed = village_changes(old, village)
        text = dump_village(village, knowledge.townships[village.township].name)
        plan.changes.append(FileChange(path, text, title, details, removed))
    imported = {v.id for v in villages}
    for old in knowledge.villages.values():
        if old.township in townships and old.id not in imported:
            title = f"{old.name}（{old.id}）"
            plan.changes.append(FileChange(folder / old.township / f"{old.id}.yml", None, title, ["整个村（社区）的一村一案"], ["整个一村一案"]))
    return plan
