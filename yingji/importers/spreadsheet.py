"""The one spreadsheet layer of the importers and exporters: .xlsx and CSV in, .xlsx out.

Reading gives `Grid`s (one per sheet: raw cell values, merged ranges, and the place every cell
is reported at, `南江镇.xlsx!人员!E7`). Everything that is not a readable spreadsheet — a
missing path, a folder where a file is expected, .xls, a 0-byte or damaged file, a CSV in an
encoding we cannot read — raises SpreadsheetError with one plain Chinese sentence, never a
traceback. Writing gives reproducible .xlsx files (fixed dates), header rows, and dropdowns
that warn when something outside the list is typed.
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
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and password-protected .xlsx)
HEADER_FILL = PatternFill("solid", fgColor="DCE3F5")
csv.field_size_limit(10**7)


class SpreadsheetError(Exception):
    """The source cannot be read as a spreadsheet at all: where (a file name) and a message for the user."""

    def __init__(self, place: object, message: str):
        self.place, self.message = str(place), message
        super().__init__(f"{place}: {message}")


@dataclass
class Grid:
    """One sheet: rows of raw values (row 1 first), where its cells are, and its merged ranges."""

    name: str
    place: str  # 南江镇.xlsx!人员 or 表格/人员.csv
    rows: list[list] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col

    def where(self, row: int, col: int) -> str:
        """`南江镇.xlsx!人员!E7` for row 7, column 5 (both from 1)."""
        return f"{self.place}!{get_column_letter(col)}{row}"

    def merge_of(self, row: int, col: int) -> str | None:
        """`A3:A5` when the cell is part of a merged range (and not its first cell), else None."""
        for r1, c1, r2, c2 in self.merged:
            if r1 <= row <= r2 and c1 <= col <= c2 and (row, col) != (r1, c1):
                return f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
        return None


# ------------------------------------------------------------------------------ reading


def read_book(path: Path) -> list[Grid]:
    """The sheets of a workbook file: .xlsx, or a single .csv (one sheet named after the file)."""
    _must_be_file(path)
    if path.suffix.lower() == ".csv":
        return [read_csv(path, path.stem, path.name)]
    return read_xlsx(path)


def read_folder(path: Path) -> list[Grid]:
    """A folder of CSV files, one per sheet (the file name is the sheet name)."""
    if not path.exists():
        raise SpreadsheetError(path, "找不到这个文件夹")
    if not path.is_dir():
        raise SpreadsheetError(path.name, "不是文件夹")
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise SpreadsheetError(path.name, "文件夹中没有 .csv 文件（每个工作表存成一个 CSV，文件名就是工作表名）")
    return [read_csv(p, p.stem, f"{path.name}/{p.name}") for p in files]


def _must_be_file(path: Path) -> None:
    if not path.exists():
        raise SpreadsheetError(path, "找不到这个文件")
    if path.is_dir():
        raise SpreadsheetError(path.name, "是一个文件夹，这里要的是 .xlsx 或 .csv 文件")
    if path.stat().st_size == 0:
        raise SpreadsheetError(path.name, "文件是空的（0 字节），可能没有保存成功，请重新保存后再导入")


def read_xlsx(path: Path) -> list[Grid]:
    _must_be_file(path)
    with path.open("rb") as handle:
        head = handle.read(8)
    suffix = path.suffix.lower()
    if head == OLE_MAGIC or suffix == ".xls":
        raise SpreadsheetError(path.name, "是旧版 Excel（.xls）或加了密码的文件，请在 Excel 中“另存为” .xlsx（不设密码）后再导入")
    if suffix not in (".xlsx", ".xlsm"):
        raise SpreadsheetError(path.name, f"只能导入 .xlsx 文件或 .csv 文件，这个文件的扩展名是“{path.suffix or '（无）'}”")
    if not zipfile.is_zipfile(path):
        raise SpreadsheetError(path.name, "不是有效的 Excel（.xlsx）文件：可能已损坏，或是别的文件改了扩展名")
    try:
        book = load_workbook(path, data_only=True)
        return [_grid(sheet, f"{path.name}!{sheet.title}") for sheet in book.worksheets]
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(path.name, f"无法作为 Excel 文件打开，文件可能已损坏（{type(err).__name__}）；请在 Excel 中打开并重新保存") from err


def _grid(sheet, place: str) -> Grid:
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
    return Grid(sheet.title, place, rows, merged)


def read_csv(path: Path, name: str, place: str) -> Grid:
    _must_be_file(path)
    text = decode_csv(path.read_bytes(), place)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","  # Excel's “Unicode 文本” is tab-separated
    try:
        rows = [[None if v == "" else v for v in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as err:
        raise SpreadsheetError(place, f"不是有效的 CSV 文件（{err}）") from err
    return Grid(name, place, rows)


def decode_csv(raw: bytes, place: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030 as Excel in China saves it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    elif raw.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or _binary(text):
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise SpreadsheetError(place, "不是可以读取的 CSV 文本（编码无法识别或含有二进制内容）；请在 Excel 中另存为“CSV UTF-8”后再导入")


def _binary(text: str) -> bool:
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r")
    return control > 0


def cell_text(value: object) -> str:
    """A cell as text: Excel stores 1 as 1.0 and some numbers as int; both become "1"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ------------------------------------------------------------------------------ writing


def put(sheet, row: int, col: int, value):
    """Write a value as itself: text that starts with “=” stays text, not an Excel formula."""
    cell = sheet.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def header_row(sheet, headers: list[str], widths: list[float], hints: list[str] | None = None) -> None:
    """Bold headers on a tinted row 1 (optional hint as a comment), widths, frozen below."""
    for col, (text, width) in enumerate(zip(headers, widths), start=1):
        cell = sheet.cell(row=1, column=col, value=text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        if hints and hints[col - 1]:
            cell.comment = Comment(hints[col - 1], "yingji")
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"


def dropdown(sheet, col: int, formula: str, title: str, prompt: str, last_row: int = 2000) -> None:
    """A list dropdown on a column that warns (Excel asks “继续吗？”) when something else is typed:
    lists that accept 其他：… free text must let it through, the importer checks the value."""
    validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                showInputMessage=True, errorStyle="warning")
    validation.prompt, validation.promptTitle = prompt, title
    validation.error, validation.errorTitle = f"不在下拉列表中：{prompt}", title
    letter = get_column_letter(col)
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(validation)


def safe_sheet_title(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31] or "Sheet"


def save_workbook(workbook: Workbook, out: Path) -> None:
    """Save reproducibly: fixed document dates and zip entry times (SOURCE_DATE_EPOCH, else
    1980-01-01), so the same content always gives the same file."""
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
