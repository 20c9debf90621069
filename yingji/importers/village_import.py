"""`yingji import-villages`: a filled workbook (or a folder of CSV files) → village YAML files.

Villages collect their plans in Excel. This reads the template of yingji/importers/village_sheet.py,
resolves names to ids (人员 by 姓名 or 编号, 避险场所 by 名称 or 编号, 乡镇 by 名称 or 编号),
checks every village with the same model and consistency checks as `yingji check` — and the
whole project with the new files in place — and plans nothing unless all of it is valid. Every
error names the workbook, sheet and cell: 南江镇.xlsx!转移路线!E7: 避险场所“老祠堂”未在避险场所表中定义.
The result is a Plan (yingji/importers/changes.py): per village what is added, changed and
removed; villages whose content did not change are left alone, byte for byte.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pydantic import ValidationError

from ..diagnostics import Collector, ContentError, Location, Problem
from ..content.knowledge import Knowledge
from ..content.load import explain
from ..content.models.villages import Township, Village
from ..content import load_knowledge
from ..content.villagecheck import check_village
from .changes import Plan
from .spreadsheet import SpreadsheetError, blank
from .village_changes import plan_villages
from .village_read import Cell, Reader, Row, cell_location, read_sheets
from .village_sheet import MEMBERS_HINT, NO, SHEETS, YES, Col, Sheet, parse_member, split_members
from .yaml_writer import prune

ROLE_SLUGS = {
    "村支书": "zhishu", "村主任": "zhuren", "社区书记": "shuji", "社区主任": "shequ-zhuren", "包村干部": "baocun",
    "村民小组长": "zuzhang", "网格员": "wangge", "楼栋长": "loudong", "监测员": "jiance", "护林员": "hulin",
    "预警员": "yujing", "信息员": "xinxi", "安置点管理员": "anzhi", "村医": "cunyi", "妇女主任": "funv",
    "民兵营长": "minbing", "物业负责人": "wuye", "志愿者": "zhiyuan",
}
AUTO_PREFIX = {"risks": "risk", "routes": "route", "shelters": "shelter", "threatened_households": "hu"}


@dataclass
class Draft:
    """One village being assembled, with the cell of every value for error messages."""

    data: dict
    marks: dict[tuple, str] = field(default_factory=dict)

    def where(self, path: tuple) -> Location:
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.marks:
                return cell_location(self.marks[path[:cut]])
        return cell_location(self.marks[()])


class Importer:
    """`township`: the one given with --township (None: each village names its own in 乡镇)."""

    def __init__(self, source: Path, knowledge: Knowledge, township: str | None, collector: Collector):
        self.source, self.reader = source, Reader(collector)
        self.townships, self.service_numbers = knowledge.townships, knowledge.service_numbers
        self.township, self.collector = township, collector
        self.drafts: dict[str, Draft] = {}
        self.names: dict[str, str] = {}  # village name or id -> id
        self.named: dict[tuple[str, str], str] = {}  # (township, name) -> cell of the first
        self.orphans = 0  # rows with content but no village

    def error(self, where: str, message: str) -> None:
        self.collector.error(cell_location(where), "", message)

    # ---------------------------------------------------------------- cells → values

    def value(self, col: Col, cell: Cell):
        v = cell.value
        if blank(v):
            if col.required:
                self.error(cell.where, f"{col.header}：必填{cell.merge_note()}")
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
        if col.kind in ("list", "routes", "persons", "risks"):
            return [part.strip() for part in str(v).replace("\n", "、").split("、") if part.strip()]
        if col.kind == "members":
            return self.members(col, cell, str(v))
        if col.kind == "lines":
            return [line.strip() for line in str(v).splitlines() if line.strip()]
        if col.kind in ("text", "person", "shelter") and isinstance(v, (int, float)):
            return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
        return v

    def members(self, col: Col, cell: Cell, text: str) -> list[dict] | None:
        members = []
        for n, part in enumerate(split_members(text), start=1):
            member = parse_member(part)
            if member is None:
                self.error(cell.where, f"{col.header}：第 {n} 人“{part}”的写法不对。{MEMBERS_HINT}")
                return None
            members.append(member)
        return members

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
        """The valid villages of the source; every problem goes to the collector."""
        try:
            sheets = read_sheets(self.source)
        except SpreadsheetError as err:
            self.error(err.place, err.message)
            return []
        for spec in SHEETS:
            if spec.name not in sheets:
                place = f"{self.source.name}/{spec.name}.csv" if self.source.is_dir() else f"{self.source.name}!{spec.name}"
                self.error(place, f"缺少工作表“{spec.name}”")
        self.reader.unknown_sheets(sheets)
        if self.collector.errors:
            return []
        rows = {spec.name: self.reader.rows(spec, sheets[spec.name]) for spec in SHEETS}
        if self.collector.errors:
            return []  # a renamed or missing header: one message, not one per row that lacks its value
        self.villages(rows["基本情况"], sheets["基本情况"].place)
        for spec in SHEETS[1:]:
            self.section(spec, rows[spec.name])
        if self.orphans:
            return []  # rows without their village: references to what they held would only echo it
        for draft in self.drafts.values():
            self.assign_ids(draft)
        for draft in self.drafts.values():
            self.resolve(draft)
        return self.validate()

    def villages(self, rows: list[Row], place: str) -> None:
        spec = SHEETS[0]
        if not rows:
            self.error(place, "基本情况表中没有任何村（社区）")
        for row in rows:
            data: dict = {"plan": {}}
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
            data["township"] = self.township_of(data.get("township"), marks["township",])
            vid, name = data.get("id"), data.get("name")
            if vid in self.drafts:
                self.error(row.cells["id"].where, f"编号“{vid}”在基本情况表中重复")
                continue
            self.unique_name(data, marks)
            if vid:
                for section in ("people", "risks", "signals", "routes", "shelters", "help", "supplies", "contacts",
                                "threatened_households"):
                    data[section] = []
                self.drafts[vid] = Draft(data, marks)
                self.names[vid] = vid
                if name:
                    self.names.setdefault(name, vid)

    def unique_name(self, data: dict, marks: dict) -> None:
        """Two villages of one name in one township: the second names the first."""
        name = data.get("name")
        if name and data["township"]:
            first = self.named.setdefault((data["township"], name), marks[("name",)])
            if first != marks[("name",)]:
                self.error(marks[("name",)], f"名称：同一乡镇中已有叫“{name}”的村（社区）（{first}）；请改用能区分的名称")

    def township_of(self, given, where: str) -> str | None:
        """The township id of a 基本情况 row: its 乡镇 cell (name or id), else --township."""
        if given is None:
            if self.township is None:
                self.error(where, "乡镇：必填（填乡镇名称或编号，或导入时加 --township）")
            return self.township
        found = find_township(self.townships, str(given))
        if found is None:
            self.error(where, f"乡镇：没有叫“{given}”的乡镇；可用：{township_list(self.townships)}")
            return None
        if self.township and found.id != self.township:
            self.error(where, f"乡镇：“{given}”与 --township 指定的“{self.townships[self.township].name}”不一致")
        return found.id

    def section(self, spec: Sheet, rows: list[Row]) -> None:
        for row in rows:
            cell = row.cells.get("")
            key = self.value(VILLAGE_REF, cell) if cell else None
            if key is None:
                self.orphans += 1
                where = cell.where if cell else row.first
                self.error(where, "村（社区）为空：这一行有内容，但没有填属于哪个村（社区），不能导入" + (cell.merge_note() if cell else ""))
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
        for section in ("people", "risks", "routes", "shelters", "threatened_households"):
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
            "person": ("people", "人员表", "人员", "name"),
            "shelter": ("shelters", "避险场所表", "避险场所", "name"),
            "route": ("routes", "转移路线表", "转移路线", "name"),
            "risk": ("risks", "风险点表", "风险点", "place"),  # a risk by its id or its 位置
        }
        tables = {}
        for kind, (section, _, _, key) in lookups.items():
            items = draft.data[section]
            by_id = {item["id"]: item["id"] for item in items}
            by_name: dict[str, list[str]] = {}
            for item in items:
                if key in item:
                    by_name.setdefault(str(item[key]), []).append(item["id"])
            tables[kind] = (by_id, by_name)

        def lookup(kind: str, ref: str, path: tuple) -> str:
            by_id, by_name = tables[kind]
            _, table, label, _ = lookups[kind]
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
                    elif col.kind == "risks":
                        item[col.field] = [lookup("risk", v, path) for v in value]

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
            check_village(village, draft.where, sheet_collector, self.service_numbers)
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


def find_township(townships: dict[str, Township], given: str) -> Township | None:
    """A township by id or by name (南江镇 or nanjiang-zhen)."""
    given = given.strip()
    return townships.get(given) or next((t for t in townships.values() if t.name == given), None)


def township_list(townships: dict[str, Township]) -> str:
    return "、".join(f"{t.name}（{t.id}）" for t in townships.values())


def import_villages(root: Path, source: Path, township: str | None) -> Plan:
    """Check the workbook and plan the writes to content/villages/<township>/<id>.yml; raises
    ContentError. Villages of the imported townships that the workbook lacks are planned as
    removals (the command line asks for --allow-delete)."""
    knowledge, _ = load_knowledge(root)
    if township is not None:
        found = find_township(knowledge.townships, township)
        if found is None:
            message = f"没有叫“{township}”的乡镇（content/townships.yml）；可用：{township_list(knowledge.townships)}"
            raise ContentError([Problem(Location("--township"), "", message)])
        township = found.id
    collector = Collector()
    villages = Importer(source, knowledge, township, collector).run()
    collector.raise_if_errors()
    plan = plan_villages(root, knowledge, villages, {township} if township else {v.township for v in villages})
    _check_project(root, plan)
    return plan


def _check_project(root: Path, plan: Plan) -> None:
    """Load the whole project with the planned files in place (ids unique county-wide, etc.)."""
    with tempfile.TemporaryDirectory(prefix="yingji-import-") as tmp:
        copy = Path(tmp)
        for name in ("content", "quizzes"):
            if (root / name).is_dir():
                shutil.copytree(root / name, copy / name)
        for change in plan.changes:
            target = copy / change.path.relative_to(root)
            if change.text is None:
                target.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(change.text, "utf-8")
        load_knowledge(copy)
