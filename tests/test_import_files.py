"""Bad files given to the importers: each gets one plain Chinese error and exit 1, never a
traceback or 内部错误 (golden outputs in fixtures/import-bad/<case>.txt); CSV in the encodings
Excel writes is read; random bytes and random cell values never crash either importer."""

from __future__ import annotations

import csv
import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from conftest import FIXTURES, copy_project
from yingji.cli import main
from yingji.importers.village_sheet import SHEETS

GOLDEN = FIXTURES / "import-bad"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # the first block of an .xls file
QUESTION_HEADER = ["编号", "题型", "题干", "选项A", "选项B", "答案", "解析", "依据", "难度"]
QUESTION_ROW = ["", "单选", "第一责任人是（　）。", "主要负责人", "班组长", "A", "第五条。", "《安全生产法》第五条", "1"]


def _bytes(name: str, data: bytes):
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path
    return make


def _folder(name: str, files: dict[str, bytes] | None = None):
    def make(folder: Path) -> Path:
        path = folder / name
        path.mkdir()
        for file, data in (files or {}).items():
            (path / file).write_bytes(data)
        return path
    return make


def _missing(name: str):
    return lambda folder: folder / name


def _two_banks(folder: Path) -> Path:
    book = Workbook()
    for n, sheet in enumerate((book.active, book.create_sheet("第二套"))):
        sheet.append(QUESTION_HEADER)
        sheet.append(QUESTION_ROW)
    book.active.title = "第一套"
    path = folder / "两套题.xlsx"
    book.save(path)
    return path


QUESTION_CASES = {
    "q-xls": _bytes("题库.xls", OLE),
    "q-xls-renamed": _bytes("题库.xlsx", OLE),
    "q-not-a-spreadsheet": _bytes("题库.xlsx", "这是一段文字，不是表格。\n".encode()),
    "q-zero-bytes": _bytes("题库.xlsx", b""),
    "q-missing": _missing("不存在.xlsx"),
    "q-folder": _folder("题库文件夹"),
    "q-binary-csv": _bytes("题库.csv", b"\x00\x01\x02\xff\xfe\x00binary"),
    "q-other-extension": _bytes("题库.ods", b"PK\x03\x04"),
    "q-two-bank-sheets": _two_banks,
}
VILLAGE_CASES = {
    "v-xls": _bytes("测试镇.xls", OLE),
    "v-not-a-spreadsheet": _bytes("测试镇.xlsx", b"%PDF-1.4\n"),
    "v-zero-bytes": _bytes("测试镇.xlsx", b""),
    "v-missing": _missing("不存在.xlsx"),
    "v-single-csv": _bytes("人员.csv", "村（社区）,职务\n".encode()),
    "v-empty-folder": _folder("表格"),
    "v-binary-csv-in-folder": _folder("表格", {"人员.csv": b"\x00\x01\x02\x03"}),
}


@pytest.fixture
def project(tmp_path):
    root = copy_project(FIXTURES / "minimal", tmp_path / "project")
    return root


def run(root: Path, *args: str) -> tuple[int, str, str]:
    """The command line in-process (as fast as a function call, same code path as users)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--root", str(root), *args])
    return code, out.getvalue(), err.getvalue()


def snapshot(root: Path) -> dict:
    return {p: p.read_bytes() for folder in ("content", "quizzes") for p in sorted((root / folder).rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", sorted(QUESTION_CASES) + sorted(VILLAGE_CASES))
def test_a_bad_file_gets_one_plain_chinese_error(case, project, tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    before = snapshot(project)
    if case in QUESTION_CASES:
        source = QUESTION_CASES[case](folder)
        code, _, err = run(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa")
    else:
        source = VILLAGE_CASES[case](folder)
        code, _, err = run(project, "import-villages", str(source), "--township", "ceshi-zhen")
    shown = err.replace(str(folder) + "/", "")
    assert (code, shown) == (1, (GOLDEN / f"{case}.txt").read_text("utf-8"))
    assert "内部错误" not in err and "Traceback" not in err
    assert snapshot(project) == before


def _question_csv(encoding: str, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(QUESTION_HEADER)
    writer.writerow(QUESTION_ROW)
    return buffer.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding, delimiter", [("utf-8", ","), ("utf-8-sig", ","), ("gb18030", ","), ("utf-16", "\t"), ("utf-16", ",")])
def test_question_csv_in_the_encodings_excel_writes_is_read(encoding, delimiter, project, tmp_path):
    source = tmp_path / "题库.csv"
    source.write_bytes(_question_csv(encoding, delimiter))
    code, out, err = run(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa", "--dry-run")
    assert code == 0, err
    assert "新增 1 道：aqsc-" in out


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_village_csv_folder_in_the_encodings_excel_writes_is_read(encoding, project, tmp_path):
    book = tmp_path / "导出.xlsx"
    assert run(project, "export-villages", "--out", str(book))[0] == 0
    folder = tmp_path / "表格"
    folder.mkdir()
    workbook = load_workbook(book)
    for spec in SHEETS:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(
            [["" if v is None else v for v in row] for row in workbook[spec.name].iter_rows(values_only=True)]
        )
        (folder / f"{spec.name}.csv").write_bytes(buffer.getvalue().encode(encoding))
    code, out, err = run(project, "import-villages", str(folder), "--township", "ceshi-zhen")
    assert code == 0, err
    assert "没有变化：1 个村（社区）" in out


# ------------------------------------------------------------------ fuzz: no traceback, ever

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CELL = st.one_of(
    st.none(), st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.text(max_size=30), st.sampled_from(["示例", "山下村", "其他：", "110", "0730-1", "王一山", "是", "=A1"]),
)


def _clean(value):
    """openpyxl refuses control characters in cells; Excel cannot hold them either."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n")
    return value


@FUZZ
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".xlsx", ".csv", ".xls", ""]))
def test_random_bytes_never_crash_either_importer(project, tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("fuzz")
    source = folder / f"表{suffix}"
    source.write_bytes(data)
    for args in (["import-questions", str(source), "--topic", "anquan-shengchan-fa", "--dry-run"],
                 ["import-villages", str(source), "--township", "ceshi-zhen", "--dry-run"]):
        code, _, err = run(project, *args)
        assert code in (0, 1) and "内部错误" not in err, err


@FUZZ
@given(cells=st.lists(st.tuples(st.integers(2, 6), st.integers(1, 16), CELL), max_size=25))
def test_random_cell_values_never_crash_the_question_importer(project, tmp_path_factory, cells):
    book = Workbook()
    sheet = book.active
    sheet.append(QUESTION_HEADER + ["适用对象", "分组", "版本"])
    for row, col, value in cells:
        sheet.cell(row=row, column=col, value=_clean(value))
    source = tmp_path_factory.mktemp("fuzz") / "题库.xlsx"
    book.save(source)
    code, _, err = run(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa", "--dry-run")
    assert code in (0, 1) and "内部错误" not in err, err


@FUZZ
@given(cells=st.lists(st.tuples(st.sampled_from([s.name for s in SHEETS]), st.integers(2, 5), st.integers(1, 15), CELL), max_size=30))
def test_random_cell_values_never_crash_the_village_importer(project, tmp_path_factory, cells):
    folder = tmp_path_factory.mktemp("fuzz")
    book = folder / "测试镇.xlsx"
    assert run(project, "export-villages", "--out", str(book))[0] == 0
    workbook = load_workbook(book)
    for sheet, row, col, value in cells:
        workbook[sheet].cell(row=row, column=col, value=_clean(value))
    workbook.save(book)
    code, _, err = run(project, "import-villages", str(book), "--township", "ceshi-zhen", "--dry-run")
    assert code in (0, 1) and "内部错误" not in err, err
    shutil.rmtree(folder)
