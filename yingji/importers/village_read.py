"""Read a filled village workbook (.xlsx) or a folder of CSV files into rows of cells.

Each cell remembers where it is (南江镇.xlsx!转移路线!E7) so that every later error can
point at it. Header problems (a missing required column, an unknown column) are reported here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..diagnostics import Collector, Location
from .village_sheet import EXAMPLE, SHEET_BY_NAME, SHEETS, Sheet


@dataclass
class Cell:
    value: object
    where: str  # 南江镇.xlsx!转移路线!E7


@dataclass
class Row:
    number: int
    cells: dict[str, Cell]  # field -> cell
    first: str  # "南江镇.xlsx!人员!A5", for errors about the whole row



class Reader:
    def __init__(self, source: Path, collector: Collector):
        self.source, self.collector = source, collector

    def error(self, where: str, message: str) -> None:
        self.collector.error(Location(where), "", message)

    def sheets(self) -> dict[str, list[list]]:
        """Sheet name -> rows of raw cell values (row 1 = headers)."""
        if self.source.is_dir():
            return {spec.name: _read_csv(self.source / f"{spec.name}.csv") for spec in SHEETS if (self.source / f"{spec.name}.csv").exists()}
        book = load_workbook(self.source, data_only=True)
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets if ws.title in SHEET_BY_NAME}

    def prefix(self, sheet: str) -> str:
        return f"{self.source.name}/{sheet}.csv" if self.source.is_dir() else f"{self.source.name}!{sheet}"

    def rows(self, spec: Sheet, raw: list[list]) -> list[Row]:
        prefix = self.prefix(spec.name)
        if not raw:
            self.error(f"{prefix}!A1", "缺少表头")
            return []
        headers = [str(h).strip().rstrip("*") if h is not None else "" for h in raw[0]]
        positions = {}
        for column in spec.columns:
            if column.header in headers:
                positions[column.field] = headers.index(column.header)
            elif column.required:
                self.error(f"{prefix}!A1", f"缺少必填列“{column.header}”")
        for index, header in enumerate(headers):
            if header and header not in {c.header for c in spec.columns}:
                self.error(f"{prefix}!{get_column_letter(index + 1)}1", f"不认识的列“{header}”")
        out = []
        for number, values in enumerate(raw[1:], start=2):
            if all(blank(v) for v in values) or str(values[0] or "").startswith(EXAMPLE):
                continue
            cells = {
                name: Cell(values[pos] if pos < len(values) else None, f"{prefix}!{get_column_letter(pos + 1)}{number}")
                for name, pos in positions.items()
            }
            out.append(Row(number, cells, f"{prefix}!A{number}"))
        return out


def _read_csv(path: Path) -> list[list]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")  # what Excel in Chinese Windows writes
    return [[v if v != "" else None for v in row] for row in csv.reader(io.StringIO(text, newline=""))]


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
