"""The spreadsheet layout trainers keep question banks in, read from and written to .xlsx/.csv.

One question per row under a header row: 编号 (optional), 题型, 题干, 选项A–F, 答案, 解析,
依据, 难度, 适用对象, 分组, 版本 (optional). Cells are read as text with their sheet, row and column kept,
so every problem can be reported as `题库.xlsx!Sheet1!D7: ...`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

OPTION_LETTERS = "ABCDEF"
OPTION_COLUMNS = tuple(f"选项{letter}" for letter in OPTION_LETTERS)
COLUMNS = ("编号", "题型", "题干", *OPTION_COLUMNS, "答案", "解析", "依据", "难度", "适用对象", "分组", "版本")
REQUIRED = ("题型", "题干", "答案", "解析", "依据")
# Other names trainers' sheets use for the same columns.
ALIASES = {
    "题号": "编号", "试题编号": "编号", "id": "编号",
    "类型": "题型", "试题类型": "题型",
    "题目": "题干", "试题内容": "题干", "题目内容": "题干",
    "正确答案": "答案", "标准答案": "答案",
    "答案解析": "解析", "试题解析": "解析",
    "出处": "依据", "法律依据": "依据", "依据条文": "依据",
    "难易程度": "难度", "难易度": "难度",
    "适用人员": "适用对象", "适用人群": "适用对象",
    "group": "分组", "知识点分组": "分组", "version": "版本",
}
EXAMPLE_MARK = "示例"
WIDTHS = {"编号": 12, "题型": 8, "题干": 48, "答案": 8, "解析": 48, "依据": 28, "难度": 6, "适用对象": 20, "分组": 16, "版本": 6}
TYPE_CHOICES = '"判断,单选,多选"'
DIFFICULTY_CHOICES = '"1,2,3"'


class TableError(Exception):
    """The file cannot be read as a question table at all (no header, wrong format…)."""


@dataclass
class Row:
    number: int  # row number in the sheet (1-based, as Excel shows it)
    cells: dict[str, str]  # column name -> text ("" when empty)


@dataclass
class Table:
    place: str  # "题库.xlsx!Sheet1" or "题库.csv"
    letters: dict[str, str]  # column name -> column letter
    rows: list[Row] = field(default_factory=list)

    def where(self, row: Row | int, column: str | None = None) -> str:
        """`题库.xlsx!Sheet1!D7`; a whole row without a known column is `…!A7`."""
        number = row.number if isinstance(row, Row) else row
        letter = self.letters.get(column or "", None) or "A"
        return f"{self.place}!{letter}{number}"


def cell_text(value: object) -> str:
    """A cell as text: Excel stores 1 as 1.0 and some numbers as int; both become "1"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def canonical(header: str) -> str:
    name = header.replace(" ", "").replace("\u3000", "").strip()
    if name.upper() in OPTION_LETTERS and len(name) == 1:
        return f"选项{name.upper()}"
    if name.startswith("选项") and name[2:].upper() in OPTION_LETTERS and len(name) == 3:
        return f"选项{name[2:].upper()}"
    return ALIASES.get(name, ALIASES.get(name.lower(), name))


def read_table(path: Path, sheet: str | None = None) -> Table:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, sheet)
    if suffix == ".csv":
        return _read_csv(path)
    raise TableError(f"{path.name}: 只能导入 .xlsx 或 .csv 文件（.xls 请先在 Excel 中另存为 .xlsx）")


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise TableError(f"{path.name}: 无法作为 Excel 文件打开（{type(err).__name__}）") from err
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise TableError(f"{path.name}: 没有名为“{sheet}”的工作表；有：{'、'.join(workbook.sheetnames)}")
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        values = [[cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
        return _table(f"{path.name}!{worksheet.title}", values)
    finally:
        workbook.close()


def _read_csv(path: Path) -> Table:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError(f"{path.name}: 文件编码无法识别（请另存为 UTF-8 编码的 CSV）")
    values = [[cell.strip() for cell in row] for row in csv.reader(text.splitlines())]
    return _table(path.name, values)


def _table(place: str, values: list[list[str]]) -> Table:
    header_index = next(
        (i for i, row in enumerate(values[:10]) if {"题型", "题干"} <= {canonical(c) for c in row}), None
    )
    if header_index is None:
        raise TableError(f"{place}: 前 10 行中找不到表头（至少要有“题型”和“题干”两列）")
    header = [canonical(c) for c in values[header_index]]
    letters: dict[str, str] = {}
    for index, name in enumerate(header):
        if name in COLUMNS and name not in letters:
            letters[name] = get_column_letter(index + 1)
    missing = [name for name in REQUIRED if name not in letters]
    if missing:
        raise TableError(f"{place}!{header_index + 1}: 表头缺少必需的列：{'、'.join(missing)}")
    table = Table(place, letters)
    for offset, row in enumerate(values[header_index + 1 :], start=header_index + 2):
        cells = {name: (row[i] if i < len(row) else "") for i, name in enumerate(header) if name in letters}
        if any(cells.values()):
            table.rows.append(Row(offset, cells))
    return table


def is_example(row: Row) -> bool:
    return row.cells.get("编号") == EXAMPLE_MARK or row.cells.get("题干", "").startswith(f"【{EXAMPLE_MARK}】")


# ---------------------------------------------------------------------- writing


def new_sheet(workbook: Workbook, title: str):
    """A sheet with the header row, column widths and drop-down lists for 题型 and 难度."""
    sheet = workbook.create_sheet(safe_sheet_title(title))
    sheet.append(list(COLUMNS))
    for index, name in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4F0")
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, 18)
    sheet.freeze_panes = "A2"
    for name, choices, prompt in (
        ("题型", TYPE_CHOICES, "判断、单选或多选"),
        ("难度", DIFFICULTY_CHOICES, "1 易、2 中、3 难"),
    ):
        letter = get_column_letter(COLUMNS.index(name) + 1)
        validation = DataValidation(type="list", formula1=choices, allow_blank=True, showDropDown=False)
        validation.prompt, validation.promptTitle = prompt, name
        validation.error, validation.errorTitle = f"请从列表中选择：{prompt}", name
        validation.add(f"{letter}2:{letter}2000")
        sheet.add_data_validation(validation)
    return sheet


def append_row(sheet, cells: dict[str, str]) -> None:
    sheet.append([cells.get(name, "") for name in COLUMNS])
    for cell in sheet[sheet.max_row]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.number_format = "@"  # text: keeps "1" an option text, not a number


def safe_sheet_title(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31] or "题库"


def save_workbook(workbook: Workbook, out: Path) -> None:
    """Save reproducibly: fixed document dates and zip entry times (SOURCE_DATE_EPOCH, else
    1980-01-01), so the same bank always gives the same file."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = datetime.fromtimestamp(max(epoch, 315532800), tz=timezone.utc).replace(tzinfo=None)
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.creator = "yingji"
    buffer = io.BytesIO()
    workbook.save(buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + iso, data)
            target.writestr(fixed, data)
