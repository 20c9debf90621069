"""The spreadsheet layout trainers keep question banks in (read and written via spreadsheet.py).

One question per row under a header row: 编号 (optional), 题型, 题干, 选项A–F, 答案, 解析,
依据, 难度, 适用对象, 分组, 版本 (optional). Cells are read as text with their sheet, row and
column kept, so every problem can be reported as `题库.xlsx!Sheet1!D7: ...`. Every field of a
question has a column, so export → import keeps everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from .spreadsheet import Grid, SpreadsheetError, cell_text, dropdown, header_row, put, read_book, safe_sheet_title

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
}
EXAMPLE_MARK = "示例"
WIDTHS = {"编号": 12, "题型": 8, "题干": 48, "答案": 8, "解析": 48, "依据": 28, "难度": 6, "适用对象": 20, "分组": 12, "版本": 6}
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
    ignored: list[str] = field(default_factory=list)  # headers of columns that are not imported

    def where(self, row: Row | int, column: str | None = None) -> str:
        """`题库.xlsx!Sheet1!D7`; a whole row without a known column is `…!A7`."""
        number = row.number if isinstance(row, Row) else row
        letter = self.letters.get(column or "", None) or "A"
        return f"{self.place}!{letter}{number}"


def canonical(header: str) -> str:
    name = header.replace(" ", "").replace("\u3000", "").strip()
    if name.upper() in OPTION_LETTERS and len(name) == 1:
        return f"选项{name.upper()}"
    if name.startswith("选项") and name[2:].upper() in OPTION_LETTERS and len(name) == 3:
        return f"选项{name[2:].upper()}"
    return ALIASES.get(name, ALIASES.get(name.lower(), name))


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The question table of a .xlsx or .csv file; raises TableError with a Chinese message."""
    if path.is_dir():
        raise TableError(f"{path.name}: 是一个文件夹；题库请导入一个 .xlsx 或 .csv 文件")
    try:
        grids = read_book(path)
    except SpreadsheetError as err:
        raise TableError(str(err)) from err
    if sheet is not None:
        chosen = next((g for g in grids if g.name == sheet), None)
        if chosen is None:
            raise TableError(f"{path.name}: 没有名为“{sheet}”的工作表；有：{'、'.join(g.name for g in grids)}")
        return _table(chosen)
    banks = [g for g in grids if _header_index(_texts(g)) is not None]
    if len(banks) > 1:
        names = "、".join(g.name for g in banks)
        raise TableError(f"{path.name}: 有 {len(banks)} 个工作表都是题库（{names}）；请用 --sheet 指定导入哪一个，其余的不会导入")
    return _table(banks[0] if banks else grids[0])


def _texts(grid: Grid) -> list[list[str]]:
    return [[cell_text(v) for v in row] for row in grid.rows]


def _header_index(values: list[list[str]]) -> int | None:
    return next((i for i, row in enumerate(values[:10]) if {"题型", "题干"} <= {canonical(c) for c in row}), None)


def _table(grid: Grid) -> Table:
    values = _texts(grid)
    header_index = _header_index(values)
    if header_index is None:
        raise TableError(f"{grid.place}: 前 10 行中找不到表头（至少要有“题型”和“题干”两列）")
    header = [canonical(c) for c in values[header_index]]
    letters: dict[str, str] = {}
    ignored = []
    for index, name in enumerate(header):
        filled = any(row[index] for row in values[header_index + 1:] if index < len(row))
        if name in COLUMNS and name not in letters:
            letters[name] = get_column_letter(index + 1)
        elif filled and re.fullmatch(r"(选项)?[G-Zg-z]", name):
            raise TableError(f"{grid.place}!{get_column_letter(index + 1)}{header_index + 1}: 最多只能有六个选项（A–F），“{values[header_index][index]}”列的内容无法导入")
        elif name and filled:
            ignored.append(f"{get_column_letter(index + 1)}“{values[header_index][index]}”")
    missing = [name for name in REQUIRED if name not in letters]
    if missing:
        raise TableError(f"{grid.place}!{header_index + 1}: 表头缺少必需的列：{'、'.join(missing)}")
    table = Table(grid.place, letters, ignored=ignored)
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
    header_row(sheet, list(COLUMNS), [WIDTHS.get(name, 18) for name in COLUMNS])
    dropdown(sheet, COLUMNS.index("题型") + 1, TYPE_CHOICES, "题型", "判断、单选或多选")
    dropdown(sheet, COLUMNS.index("难度") + 1, DIFFICULTY_CHOICES, "难度", "1 易、2 中、3 难")
    return sheet


def append_row(sheet, cells: dict[str, str]) -> None:
    row = sheet.max_row + 1
    for col, name in enumerate(COLUMNS, start=1):
        cell = put(sheet, row, col, cells.get(name, "") or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.number_format = "@"  # text: keeps "1" an option text, not a number
