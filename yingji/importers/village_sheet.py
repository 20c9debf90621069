"""The village-plan workbook: one sheet per section, Chinese headers, dropdown lists.

`yingji template villages` writes it (empty but for one example row per sheet, or filled with
a township's existing villages), `yingji export-villages` writes the villages of one township
or all of them; `yingji import-villages` (yingji/importers/village_import.py) reads it back.
All use the one layout defined here, so they cannot drift apart: every field of the Village
model has a column (tests/test_village_roundtrip.py checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..content.models.villages import (
    AGE_GROUPS, HELP_GROUPS, PERSON_ROLES, SIGNAL_KINDS, RiskType, SignalStage, Township, Village, VillageKind,
)
from .spreadsheet import dropdown, header_row, put, save_workbook

EXAMPLE = "示例"  # rows whose first cell starts with this are skipped on import
YES, NO = "是", "否"
OTHER_HINT = "不在列表中的，填“其他：具体内容”（Excel 提示时选“是”继续）"
MEMBERS_HINT = (
    f"全家每人一段，用“、”分隔，户主也写上：姓名（年龄段，需帮扶的情况）；年龄段填 {'、'.join(AGE_GROUPS)}，"
    f"需帮扶的情况填 {'、'.join(HELP_GROUPS)}（没有就不写），如：王大山（老年，行动不便）、李小花（成年）"
)
OPTIONS = {
    "类型": list(get_args(VillageKind)),
    "职务": [*PERSON_ROLES, "其他：…"],
    "风险类型": list(get_args(RiskType)),
    "信号": [*SIGNAL_KINDS, "其他：…"],
    "信号意思": list(get_args(SignalStage)),
    "帮扶对象": [*HELP_GROUPS, "其他：…"],
    "是否": [YES, NO],
}


@dataclass(frozen=True)
class Col:
    header: str
    field: str  # key in the village data ("" = the village column)
    kind: str = "text"  # text int phone bool date list lines person persons shelter routes risks members
    required: bool = False
    options: str | None = None  # name of an OPTIONS list (dropdown)
    hint: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    section: str  # "village" (基本情况), a list section of Village, or "team"
    columns: tuple[Col, ...]


VILLAGE_COL = Col("村（社区）", "", required=True, hint="填基本情况表中的编号或名称")
SHEETS: tuple[Sheet, ...] = (
    Sheet("基本情况", "village", (
        Col("编号", "id", required=True, hint="拼音编号，如 nanjiang-zhen-shuikou-cun（全县唯一）"),
        Col("名称", "name", required=True), Col("类型", "kind", required=True, options="类型"),
        Col("户数", "households", "int", True), Col("人口", "population", "int", True),
        Col("村民小组或网格数", "groups", "int", True), Col("明白卡已发放户数", "cards_issued", "int"),
        Col("概况", "summary"), Col("示例数据", "sample", "bool", options="是否", hint="虚构的演示数据填“是”"),
        Col("公开版显示姓名", "public_names", "bool", options="是否", hint="填“否”则网站公开版只显示职务"),
        Col("预案修订日期", "plan.revised", "date", hint="如 2025-04-01"),
        Col("评估周期（年）", "plan.review_cycle_years", "int"), Col("演练间隔（月）", "plan.drill_every_months", "int"),
        Col("演练说明", "plan.drill_note"),
        Col("乡镇", "township", options="乡镇", hint="乡镇名称或编号；导入时加了 --township 的可不填"),
        Col("资料日期", "updated", "date", hint="可不填：这个村（社区）的内容有改动时，导入会写上当天的日期；要写别的日期就在这里改"),
    )),
    Sheet("人员", "people", (
        VILLAGE_COL, Col("编号", "id", hint="可留空，自动编号"), Col("职务", "role", required=True, options="职务", hint=OTHER_HINT),
        Col("姓名", "name", required=True), Col("电话", "phone", "phone", True, hint="手机（11 位）或座机（0730-1234567）；请按文本输入"),
        Col("片区", "area"), Col("职责", "duty"),
    )),
    Sheet("风险点", "risks", (
        VILLAGE_COL, Col("编号", "id", hint="可留空，自动编号 risk-1…"), Col("类型", "type", required=True, options="风险类型"),
        Col("位置", "place", required=True), Col("受威胁户数", "households", "int", True),
        Col("受威胁人数", "people", "int", True), Col("责任人", "responsible", "person", True, hint="人员表中的姓名或编号"),
        Col("监测人", "monitor", "person"), Col("征兆和转移条件", "signs"),
        Col("转移路线", "routes", "routes", hint="转移路线表中的编号，多条用“、”分隔"),
        Col("防范和处置措施", "measures", "lines", hint="一条一行（单元格内换行）"),
    )),
    Sheet("预警信号", "signals", (
        VILLAGE_COL, Col("信号", "kind", required=True, options="信号", hint=OTHER_HINT), Col("意思", "stage", required=True, options="信号意思"),
        Col("怎么发", "pattern", required=True), Col("谁发", "given_by", "persons", True, hint="姓名或编号，多人用“、”分隔"),
    )),
    Sheet("转移路线", "routes", (
        VILLAGE_COL, Col("编号", "id", hint="可留空，自动编号 route-1…"), Col("从", "from", required=True),
        Col("经过", "via", "list", hint="多处用“、”分隔"), Col("到（避险场所）", "to", "shelter", True, hint="避险场所表中的名称或编号"),
        Col("距离（米）", "distance_m", "int"), Col("步行（分钟）", "minutes", "int"), Col("带路人", "guide", "person"),
    )),
    Sheet("避险场所", "shelters", (
        VILLAGE_COL, Col("编号", "id", hint="可留空，自动编号 shelter-1…"), Col("名称", "name", required=True),
        Col("位置", "place", required=True), Col("可容纳人数", "capacity", "int", True), Col("管理人", "keeper", "person", True),
    )),
    Sheet("帮扶对象", "help", (
        VILLAGE_COL, Col("对象", "group", required=True, options="帮扶对象", hint=OTHER_HINT), Col("人数", "count", "int", True),
        Col("帮扶人", "helper", "person", True), Col("说明", "note"),
    )),
    Sheet("应急物资", "supplies", (
        VILLAGE_COL, Col("物资", "name", required=True), Col("数量", "quantity", "int", True), Col("单位", "unit", required=True),
        Col("存放地点", "place"), Col("保管人", "keeper", "person"),
    )),
    Sheet("志愿队伍", "team", (
        VILLAGE_COL, Col("队伍名称", "name", required=True), Col("队长", "leader", "person", True),
        Col("人数", "members", "int", True), Col("能力", "skills"),
    )),
    Sheet("受威胁住户", "threatened_households", (
        VILLAGE_COL, Col("编号", "id", hint="可留空，自动编号 hu-1…"), Col("户主", "head", required=True),
        Col("组", "group", required=True, hint="村民小组或网格，如 二组"), Col("住址", "address", required=True),
        Col("电话", "phone", "phone", hint="户主或家人的手机或座机；请按文本输入"),
        Col("家庭成员", "members", "members", True, hint=MEMBERS_HINT),
        Col("受威胁于", "risks", "risks", True, hint="风险点表中的编号或位置，多个用“、”分隔"),
        Col("本户注意事项", "note"),
    )),
    Sheet("上级联络", "contacts", (
        VILLAGE_COL, Col("单位", "name", required=True), Col("电话", "phone", "phone", hint="单位值班座机、400/800 热线，或公共服务号码（110、119、120、12345、12350 等）"),
        Col("说明", "note"),
    )),
)
SHEET_BY_NAME = {sheet.name: sheet for sheet in SHEETS}

EXAMPLE_ROWS = {
    "基本情况": ["示例-shanxia-cun", "示例：山下村", "村", 120, 430, 4, 30, "山区村，沿溪沟居住。", NO, NO, "2025-04-01", 1, 12, "每年汛前演练一次"],
    "人员": ["示例：山下村", "zhishu", "村支书", "王一山", "13900001111", "", "全面负责"],
    "风险点": ["示例：山下村", "risk-1", "山洪", "一组后山冲沟", 8, 26, "王一山", "李二水", "沟水变浑、水位猛涨", "route-1", "雨前巡查\n发信号转移"],
    "预警信号": ["示例：山下村", "锣", "立即转移", "连续急促敲锣", "李二水"],
    "转移路线": ["示例：山下村", "route-1", "一组后山8户", "村道、石桥", "村部", 600, 10, "李二水"],
    "避险场所": ["示例：山下村", "cunbu", "村部", "村委会大院", 60, "王一山"],
    "帮扶对象": ["示例：山下村", "独居老人", 2, "李二水", "一组"],
    "应急物资": ["示例：山下村", "救生衣", 10, "件", "村部仓库", "王一山"],
    "志愿队伍": ["示例：山下村", "山下村应急志愿服务队", "王一山", 8, "巡查、转移"],
    "受威胁住户": ["示例：山下村", "hu-1", "赵大河", "一组", "山下村一组8号", "13900003333",
                 "赵大河（老年，行动不便）、钱小梅（成年）、赵小宝（儿童）", "risk-1", "屋后冲沟雨天常涨水"],
    "上级联络": ["示例：山下村", "报警", "110", ""],
}
EXAMPLE_FONT = Font(italic=True, color="808080")


def _readme(book: Workbook, townships: list[Township]) -> None:
    sheet = book.active
    sheet.title = "填表说明"
    lines = [
        "一村一案填报表（由 yingji 生成）",
        "1. 每个工作表填一类内容；第一列填村（社区）的编号或名称，一个乡镇的所有村（社区）可以填在同一个文件里。",
        "2. 以“示例”开头的行是填写示例，导入时跳过，可以保留也可以删除。",
        "3. 标 * 的列必填；带下拉箭头的列请从列表中选择。职务、信号、帮扶对象不在列表中的，填“其他：具体内容”，Excel 提示时选“是”。",
        "4. 人员、避险场所可填编号，也可留空自动编号；其他表引用它们时填姓名（名称）或编号。",
        "5. 电话列请按文本输入（已设为文本格式）：手机 11 位，座机带区号（0730-1234567），上级联络可填 110、119、120、12345、12350 等公共服务号码。",
        "6. 每一行都要填第一列的村（社区），不要合并单元格：合并后只有第一格有值，导入时会报错。",
        "7. 导入：yingji import-villages 本文件.xlsx --township 乡镇名称或编号 [--dry-run]。全部检查通过才会写入，先列出每个村新增、修改、删除的内容；"
        "要删除表中没有的内容须加 --allow-delete；导入前的文件自动备份，yingji undo-import 可撤销。",
    ]
    if townships:
        lines.append("8. 可用的乡镇（“基本情况”表的“乡镇”列填名称或编号）：")
        lines += [f"    {t.name}：{t.id}" for t in townships]
    for row, line in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=line)
    sheet.column_dimensions["A"].width = 110
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)


def _options(book: Workbook, townships: list[Township]) -> dict[str, str]:
    """A hidden sheet with the dropdown lists; returns {list name: range formula}."""
    sheet = book.create_sheet("选项")
    formulas = {}
    lists = {**OPTIONS, "乡镇": [t.name for t in townships]}
    for col, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        sheet.cell(row=1, column=col, value=name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=col, value=value)
        if values:
            formulas[name] = f"=选项!${letter}$2:${letter}${len(values) + 1}"
    sheet.sheet_state = "hidden"
    return formulas


def _data_sheet(book: Workbook, spec: Sheet, formulas: dict[str, str], rows: list[list], example: bool) -> None:
    sheet = book.create_sheet(spec.name)
    header_row(
        sheet, [c.header + ("*" if c.required else "") for c in spec.columns],
        [14 if c.kind in ("int", "bool") else 22 for c in spec.columns], [c.hint for c in spec.columns],
    )
    for col, column in enumerate(spec.columns, start=1):
        if column.kind == "phone":
            sheet.column_dimensions[get_column_letter(col)].number_format = "@"  # text: Excel keeps the leading 0
        if column.options in formulas:
            dropdown(sheet, col, formulas[column.options], column.header, column.hint or "请从下拉列表中选择")
    start = 2
    if example:
        for col, value in enumerate(EXAMPLE_ROWS[spec.name], start=1):
            sheet.cell(row=2, column=col, value=value).font = EXAMPLE_FONT
        start = 3
    for r, values in enumerate(rows, start=start):
        for col, value in enumerate(values, start=1):
            cell = put(sheet, r, col, value)
            if "\n" in str(value):
                cell.alignment = Alignment(wrap_text=True)


def write_workbook(path: Path, villages: list[Village] | None = None, example: bool = True,
                   townships: list[Township] | None = None) -> None:
    """The template (with an example row per sheet) or an export of `villages`; `townships`
    are the valid ones, listed in 填表说明 and offered in the 乡镇 dropdown."""
    townships = townships or []
    book = Workbook()
    _readme(book, townships)
    formulas = _options(book, townships)
    rows = export_rows(villages or [], {t.id: t.name for t in townships})
    for spec in SHEETS:
        _data_sheet(book, spec, formulas, rows[spec.name], example)
    book.active = 0
    save_workbook(book, path)


# ------------------------------------------------------------------ export of existing villages


def export_rows(villages: list[Village], township_names: dict[str, str]) -> dict[str, list[list]]:
    """The rows each sheet holds for these villages (the inverse of the importer)."""
    rows: dict[str, list[list]] = {spec.name: [] for spec in SHEETS}
    for village in villages:
        data = village.model_dump(mode="python", by_alias=True)
        data["township"] = township_names.get(village.township, village.township)
        refs = _ref_names(village)
        for spec in SHEETS:
            if spec.section == "village":
                rows[spec.name].append([_cell(col, _dig(data, col.field), refs) for col in spec.columns])
                continue
            items = data[spec.section]
            items = [items] if isinstance(items, dict) else (items or [])
            for item in items:
                rows[spec.name].append([village.id if not col.field else _cell(col, item.get(col.field), refs) for col in spec.columns])
    return rows


def _dig(data: dict, field: str):
    for part in field.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _ref_names(village: Village) -> dict[str, dict[str, str]]:
    """id -> what to write in a referencing cell: the name when it is unique, else the id."""
    out = {}
    for section in ("people", "shelters"):
        items = getattr(village, section)
        names = [item.name for item in items]
        out[section] = {item.id: item.name if names.count(item.name) == 1 else item.id for item in items}
    return out


def _cell(col: Col, value, refs: dict[str, dict[str, str]]):
    if value is None or value == []:
        return None
    if col.kind == "bool":
        return YES if value else NO
    if col.kind == "date":
        return value.isoformat()
    if col.kind == "person":
        return refs["people"][value]
    if col.kind == "persons":
        return "、".join(refs["people"][v] for v in value)
    if col.kind == "shelter":
        return refs["shelters"][value]
    if col.kind in ("list", "routes", "risks"):
        return "、".join(value)
    if col.kind == "members":
        return members_text(value)
    if col.kind == "lines":
        return "\n".join(value)
    return value


# ------------------------------------------------------------------ 家庭成员 in one cell

OPEN, CLOSE = "（(", "）)"


def members_text(members: list[dict]) -> str:
    """[{name, age, needs}] → 王大山（老年，行动不便）、李小花（成年）"""
    return "、".join(f"{m['name']}（{'，'.join([m['age'], *(m.get('needs') or [])])}）" for m in members)


def split_members(text: str) -> list[str]:
    """The parts of a 家庭成员 cell: split at 、 (and new lines) outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in OPEN
        depth -= char in CLOSE and depth > 0
        if char in "、\n" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [part.strip() for part in [*parts, current] if part.strip()]


def parse_member(part: str) -> dict | None:
    """王大山（老年，行动不便） → {name, age, needs}; None when it is not written that way."""
    part = part.strip()
    if not part or part[-1] not in CLOSE:
        return None
    opening = max(part.rfind(bracket) for bracket in OPEN)
    name, inside = part[:opening].strip(), part[opening + 1:-1]
    words = [w.strip() for w in inside.replace(",", "，").split("，") if w.strip()]
    if opening <= 0 or not name or not words:
        return None
    member = {"name": name, "age": words[0]}
    if words[1:]:
        member["needs"] = words[1:]
    return member
