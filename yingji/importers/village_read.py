"""Read a filled village workbook (.xlsx) or a folder of CSV files into rows of cells.

Each cell remembers where it is (南江镇.xlsx!转移路线!E7) and whether it lies inside a merged
range, so that every later error can point at it. Nothing is skipped silently: header problems
(a missing required column, an unknown column), a sheet the template does not have, and a row
with content but no village (typed blank, or blank because the cell was merged) are errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..diagnostics import Collector, Location
from .spreadsheet import Grid, SpreadsheetError, blank, read_folder, read_xlsx
from .village_sheet import EXAMPLE, SHEET_BY_NAME, Sheet

IGNORED_SHEETS = ("填表说明", "选项")  # written by the template, never read


@dataclass
class Cell:
    value: object
    where: str  # 南江镇.xlsx!转移路线!E7
    merge: str | None = None  # "A3:A5" when the cell is a covered part of a merged range

    def merge_note(self) -> str:
        if not self.merge:
            return ""
        first = self.merge.split(":")[0]
        return f"（该单元格属于合并单元格 {self.merge}，合并后只有第一格 {first} 有值：请取消合并，在每一行填上内容）"


@dataclass
class Row:
    number: int
    cells: dict[str, Cell]  # field -> cell
    first: str  # "南江镇.xlsx!人员!A5", for errors about the whole row


def read_sheets(source: Path) -> dict[str, Grid]:
    """Sheet name -> grid, from an .xlsx workbook or a folder of CSV files; raises SpreadsheetError."""
    if not source.exists():
        raise SpreadsheetError(source, "找不到这个文件或文件夹")
    if source.is_file() and source.suffix.lower() not in (".csv", ".xlsx", ".xlsm", ".xls") and source.stat().st_size:
        raise SpreadsheetError(source.name, f"一村一案请导入 .xlsx 填报表，或每个工作表一个 CSV 的文件夹；这个文件的扩展名是“{source.suffix or '（无）'}”")
    if source.is_file() and source.suffix.lower() == ".csv":
        raise SpreadsheetError(
            source.name, "一村一案填报表有多个工作表，一个 CSV 文件装不下；"
            "请导入 .xlsx 填报表，或把每个工作表存成一个 CSV（如 人员.csv）放进同一个文件夹，再导入这个文件夹"
        )
    grids = read_folder(source) if source.is_dir() else read_xlsx(source)
    return {grid.name: grid for grid in grids}


SHEET_ORDER = {name: index for index, name in enumerate(SHEET_BY_NAME)}


def cell_location(where: str) -> Location:
    """`book.xlsx!sheet!B12` as a Location that sorts its sheet in workbook order."""
    parts = where.split("!")
    sheet = parts[1] if len(parts) > 1 else ""
    return Location(where, sheet_index=SHEET_ORDER.get(sheet, len(SHEET_ORDER)))


class Reader:
    def __init__(self, collector: Collector):
        self.collector = collector

    def error(self, where: str, message: str) -> None:
        self.collector.error(cell_location(where), "", message)

    def unknown_sheets(self, grids: dict[str, Grid]) -> None:
        for name, grid in grids.items():
            if name not in SHEET_BY_NAME and name not in IGNORED_SHEETS and any(not blank(v) for row in grid.rows for v in row):
                known = "、".join(SHEET_BY_NAME)
                self.error(grid.place, f"填报表中没有“{name}”这个工作表，其中的内容不会导入；工作表应为：{known}")

    def rows(self, spec: Sheet, grid: Grid) -> list[Row]:
        if not grid.rows:
            self.error(f"{grid.place}!A1", "缺少表头")
            return []
        headers = [str(h).strip().rstrip("*") if h is not None else "" for h in grid.rows[0]]
        positions = {c.field: headers.index(c.header) for c in spec.columns if c.header in headers}
        missing = [c.header for c in spec.columns if c.required and c.header not in headers]
        unknown = [(i, h) for i, h in enumerate(headers) if h and h not in {c.header for c in spec.columns}]
        # A renamed header is one mistake: name it once, at its cell, with the column it replaced.
        for (index, header), expected in zip(unknown, missing):
            self.error(grid.where(1, index + 1), f"不认识的列“{header}”，是否应为必填列“{expected}”？（表头请按模板填写）")
        for expected in missing[len(unknown):]:
            self.error(f"{grid.place}!A1", f"缺少必填列“{expected}”")
        for index, header in unknown[len(missing):]:
            self.error(grid.where(1, index + 1), f"不认识的列“{header}”")
        out = []
        for number, values in enumerate(grid.rows[1:], start=2):
            if all(blank(v) for v in values) or str(values[0] or "").startswith(EXAMPLE):
                continue
            cells = {
                name: Cell(values[pos] if pos < len(values) else None, grid.where(number, pos + 1), grid.merge_of(number, pos + 1))
                for name, pos in positions.items()
            }
            out.append(Row(number, cells, f"{grid.place}!{get_column_letter(1)}{number}"))
        return out

