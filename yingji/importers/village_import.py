"""`yingji import-villages`: a filled workbook (or a folder of CSV files) → village YAML files.

Villages collect their plans in Excel. This reads the template of yingji/importers/village_sheet.py,
resolves names to ids (人员 by 姓名 or 编号, 避险场所 by 名称 or 编号), checks every village
with the same model and consistency checks as `yingji check` — and the whole project with the
new files in place — and writes nothing unless all of it is valid. Every error names the
workbook, sheet and cell: 南江镇.xlsx!转移路线!E7: 避险场所“老祠堂”未在避险场所表中定义.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pydantic import ValidationError

from ..diagnostics import Collector, ContentError, Location, Problem
from ..content.load import explain
from ..content.models.villages import Village
from ..content import load_knowledge
from ..content.villagecheck import check_village
from .village_read import Cell, Reader, Row, blank
from .village_sheet import NO, SHEETS, YES, Col, Sheet
from .village_yaml import dump_village, prune

ROLE_SLUGS = {
    "村支书": "zhishu", "村主任": "zhuren", "社区书记": "shuji", "社区主任": "shequ-zhuren", "包村干部": "baocun",
    "村民小组长": "zuzhang", "网格员": "wangge", "楼栋长": "loudong", "监测员": "jiance", "护林员": "hulin",
    "预警员": "yujing", "信息员": "xinxi", "安置点管理员": "anzhi", "村医": "cunyi", "妇女主任": "funv",
    "民兵营长": "minbing", "物业负责人": "wuye", "志愿者": "zhiyuan",
}
AUTO_PREFIX = {"risks": "risk", "routes": "route", "shelters": "shelter"}


@dataclass
class Draft:
    """One village being assembled, with the cell of every value for error messages."""

    data: dict
    marks: dict[tuple, str] = field(default_factory=dict)

    def where(self, path: tuple) -> Location:
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.marks:
                return Location(self.marks[path[:cut]])
        return Location(self.marks[()])


class Importer:
    def __init__(self, source: Path, township: str, collector: Collector):
        self.reader = Reader(source, collector)
        self.township, self.collector = township, collector
        self.drafts: dict[str, Draft] = {}
        self.names: dict[str, str] = {}  # village name or id -> id

    def error(self, where: str, message: str) -> None:
        self.collector.error(Location(where), "", message)

    # ---------------------------------------------------------------- cells → values

    def value(self, col: Col, cell: Cell):
        v = cell.value
        if blank(v):
            if col.required:
                self.error(cell.where, f"{col.header}：必填")
            return None
        if isinstance(v, str):
            v = v.strip()
        if col.kind == "int" and (isinstance(v, float) and v.is_integer() or isinstance(v, str) and v.isdigit()):
            return int(v)
        if col.kind == "phone":
            return self.phone(col, cell, v)
        if col.kind == "bool":
            if v in (YES, NO):
                return v == YES
            self.error(cell.where, f"{col.header}：应填“{YES}”或“{NO}”，实际为“{v}”")
            return None
        if col.kind == "date" and isinstance(v, (datetime, date)):
            return (v.date() if isinstance(v, datetime) else v).isoformat()
        if col.kind in ("list", "routes", "persons"):
            return [part.strip() for part in str(v).replace("\n", "、").split("、") if part.strip()]
        if col.kind == "lines":
            return [line.strip() for line in str(v).splitlines() if line.strip()]
        if col.kind in ("text", "person", "shelter") and isinstance(v, (int, float)):
            return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
        return v

    def phone(self, col: Col, cell: Cell, v):
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, int):
            text = str(v)
            if not (len(text) == 11 and text.startswith("1")) and len(text) > 5:
                self.error(cell.where, f"{col.header}：号码被 Excel 当成了数字，开头的 0 可能已丢失；请把该列设为文本格式后重新输入")
                return None
            return text
        return str(v)

    # ---------------------------------------------------------------- sheets → drafts

    def run(self) -> list[Village]:
        sheets = self.reader.sheets()
        for spec in SHEETS:
            if spec.name not in sheets:
                self.error(self.reader.prefix(spec.name), f"缺少工作表“{spec.name}”")
        if self.collector.errors:
            return []
        rows = {spec.name: self.reader.rows(spec, sheets[spec.name]) for spec in SHEETS}
        self.villages(rows["基本情况"])
        for spec in SHEETS[1:]:
            self.section(spec, rows[spec.name])
        for draft in self.drafts.values():
            self.assign_ids(draft)
        for draft in self.drafts.values():
            self.resolve(draft)
        return self.validate()

    def villages(self, rows: list[Row]) -> None:
        spec = SHEETS[0]
        if not rows:
            self.error(self.reader.prefix(spec.name), "基本情况表中没有任何村（社区）")
        for row in rows:
            data: dict = {"township": self.township, "plan": {}}
            marks = {(): row.first, ("township",): row.first}
            for col in spec.columns:
                cell = row.cells.get(col.field)
                if cell is None:
                    continue
                value = self.value(col, cell)
                path = tuple(col.field.split("."))
                marks[path] = cell.where
                if value is not None:
                    (data["plan"] if path[0] == "plan" else data)[path[-1]] = value
            vid, name = data.get("id"), data.get("name")
            if vid in self.drafts:
                self.error(row.cells["id"].where, f"编号“{vid}”在基本情况表中重复")
                continue
            if vid:
                for section in ("people", "risks", "signals", "routes", "shelters", "help", "supplies", "contacts"):
                    data[section] = []
                self.drafts[vid] = Draft(data, marks)
                self.names[vid] = vid
                if name:
                    self.names.setdefault(name, vid)

    def section(self, spec: Sheet, rows: list[Row]) -> None:
        for row in rows:
            cell = row.cells.get("")
            key = self.value(VILLAGE_REF, cell) if cell else None
            if key is None:
                continue
            vid = self.names.get(str(key))
            if vid is None:
                self.error(cell.where, f"村（社区）“{key}”未在基本情况表中定义")
                continue
            draft = self.drafts[vid]
            item: dict = {}
            if spec.section == "team":
                if "team" in draft.data:
                    self.error(row.first, "每个村（社区）只能填一支志愿队伍")
                    continue
                path = ("team",)
            else:
                path = (spec.section, len(draft.data[spec.section]))
            draft.marks[path] = row.first
            for col in spec.columns[1:]:
                if col.field in row.cells:
                    c = row.cells[col.field]
                    draft.marks[path + (col.field,)] = c.where
                    value = self.value(col, c)
                    if value is not None:
                        item[col.field] = value
            if spec.section == "team":
                draft.data["team"] = item
            else:
                draft.data[spec.section].append(item)

    def assign_ids(self, draft: Draft) -> None:
        for section in ("people", "risks", "routes", "shelters"):
            items = draft.data[section]
            taken = {item["id"] for item in items if "id" in item}
            counters: dict[str, int] = {}
            roles = [item.get("role") for item in items]
            for item in items:
                if "id" in item:
                    continue
                if section == "people":
                    prefix = ROLE_SLUGS.get(item.get("role", ""), "person")
                    single = roles.count(item.get("role")) == 1 and prefix not in ("zuzhang", "wangge", "loudong", "jiance", "yujing", "hulin", "zhiyuan")
                else:
                    prefix, single = AUTO_PREFIX[section], False
                if single and prefix not in taken:
                    candidate = prefix
                else:
                    counters[prefix] = counters.get(prefix, 0) + 1
                    while f"{prefix}-{counters[prefix]}" in taken:
                        counters[prefix] += 1
                    candidate = f"{prefix}-{counters[prefix]}"
                item["id"] = candidate
                taken.add(candidate)

    def resolve(self, draft: Draft) -> None:
        lookups = {
            "person": ("people", "人员表", "人员"),
            "shelter": ("shelters", "避险场所表", "避险场所"),
            "route": ("routes", "转移路线表", "转移路线"),
        }
        tables = {}
        for kind, (section, _, _) in lookups.items():
            items = draft.data[section]
            by_id = {item["id"]: item["id"] for item in items}
            by_name: dict[str, list[str]] = {}
            for item in items:
                if "name" in item:
                    by_name.setdefault(str(item["name"]), []).append(item["id"])
            tables[kind] = (by_id, by_name)

        def lookup(kind: str, ref: str, path: tuple) -> str:
            by_id, by_name = tables[kind]
            _, table, label = lookups[kind]
            if ref in by_id:
                return ref
            found = by_name.get(ref, [])
            if len(found) == 1:
                return found[0]
            where = draft.where(path).file
            if found:
                self.error(where, f"{label}“{ref}”在{table}中有 {len(found)} 个同名，请改填编号")
            else:
                self.error(where, f"{label}“{ref}”未在{table}中定义")
            return ref

        for spec in SHEETS[1:]:
            items = [draft.data.get("team")] if spec.section == "team" else draft.data[spec.section]
            for i, item in enumerate(items):
                if item is None:
                    continue
                base = ("team",) if spec.section == "team" else (spec.section, i)
                for col in spec.columns[1:]:
                    if col.field not in item:
                        continue
                    value, path = item[col.field], base + (col.field,)
                    if col.kind in ("person", "shelter"):
                        item[col.field] = lookup(col.kind, value, path)
                    elif col.kind == "persons":
                        item[col.field] = [lookup("person", v, path) for v in value]
                    elif col.kind == "routes":
                        item[col.field] = [lookup("route", v, path) for v in value]

    # ---------------------------------------------------------------- validation

    def validate(self) -> list[Village]:
        reported = {p.location for p in self.collector.problems}  # a bad reference is reported once
        villages = []
        for draft in self.drafts.values():
            try:
                village = Village.model_validate(prune(draft.data))
            except ValidationError as err:
                for item in err.errors():
                    path = tuple(item["loc"])
                    if draft.where(path) in reported:
                        continue
                    header = _header(path)
                    self.error(draft.where(path).file, (f"{header}：" if header else "") + explain(item, path, Village))
                continue
            before = len(self.collector.problems)
            sheet_collector = Collector()
            check_village(village, draft.where, sheet_collector)
            for problem in sheet_collector.problems:
                if problem.location not in reported:
                    self.collector.problems.append(Problem(problem.location, "", problem.message, problem.warning))
            if len(self.collector.problems) == before and not sheet_collector.errors:
                villages.append(village)
        return villages


VILLAGE_REF = Col("村（社区）", "", "text")


def _header(path: tuple) -> str:
    """The column header of a key path such as ('routes', 0, 'to')."""
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return ""
    section = "village" if len(names) == 1 or names[0] == "plan" else names[0]
    field_name = ".".join(names) if section == "village" else names[1] if len(names) > 1 else ""
    for spec in SHEETS:
        if spec.section == section:
            for col in spec.columns:
                if col.field == field_name:
                    return col.header
    return ""


def import_villages(root: Path, source: Path, township: str, *, dry_run: bool = False) -> list[Path]:
    """Check the workbook, then write content/villages/<township>/<id>.yml; raises ContentError."""
    collector = Collector()
    knowledge, _ = load_knowledge(root)
    if township not in knowledge.townships:
        known = "、".join(knowledge.townships)
        raise ContentError([Problem(Location(source.name), "", f"乡镇编号“{township}”不在 content/townships.yml 中（可用：{known}）")])
    villages = Importer(source, township, collector).run()
    collector.raise_if_errors()
    name = knowledge.townships[township].name
    texts = {v.id: dump_village(v, name) for v in villages}
    _check_project(root, township, texts)
    written = []
    if not dry_run:
        folder = root / "content" / "villages" / township
        folder.mkdir(parents=True, exist_ok=True)
        for vid, text in texts.items():
            path = folder / f"{vid}.yml"
            path.write_text(text, "utf-8")
            written.append(path)
    return written


def _check_project(root: Path, township: str, texts: dict[str, str]) -> None:
    """Load the whole project with the new files in place (ids unique county-wide, etc.)."""
    with tempfile.TemporaryDirectory(prefix="yingji-import-") as tmp:
        copy = Path(tmp)
        for name in ("content", "quizzes"):
            if (root / name).is_dir():
                shutil.copytree(root / name, copy / name)
        folder = copy / "content" / "villages" / township
        folder.mkdir(parents=True, exist_ok=True)
        for vid, text in texts.items():
            (folder / f"{vid}.yml").write_text(text, "utf-8")
        load_knowledge(copy)
