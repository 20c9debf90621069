"""Spreadsheet round trips: template → fill → import → the same YAML; export → import → same bytes;
bad cells are reported as workbook!sheet!cell and nothing is written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import FIXTURES
from yingji.diagnostics import Collector
from yingji.importers.village_import import Importer
from yingji.importers.village_sheet import SHEETS, write_workbook
from yingji.importers.yaml_writer import dump_village

REPO = Path(__file__).resolve().parent.parent
FIXTURE_VILLAGE = FIXTURES / "minimal/content/villages/ceshi-zhen/ceshi-zhen-shanxia-cun.yml"

# What a village clerk types into the empty template for the fixture village: names instead
# of ids, most ids left blank (numbered automatically), the phone as text.
FILLED = {
    "基本情况": [["ceshi-zhen-shanxia-cun", "山下村", "村", 120, 430, 4, 30, "测试用的小村。", "是", "否", "2025-04-01", 1, 12, "每年汛前演练一次", None, "2025-04-20"]],
    "人员": [["山下村", None, "村支书", "王一山", "13900001111", None, "全面负责"],
           ["山下村", None, "监测员", "李二水", "13900002222", "一组、二组", None]],
    "风险点": [["山下村", None, "山洪", "一组后山冲沟", 8, 26, "王一山", "李二水", "一小时降雨超过30毫米、沟水变浑", "route-1", None],
            ["山下村", None, "溺水", "村口山塘", 0, 0, "王一山", None, None, None, "设立警示牌\n暑假每日巡查"]],
    "预警信号": [["山下村", "锣", "立即转移", "连续急促敲锣", "李二水"],
             ["山下村", "微信群", "准备转移", "在村民微信群发布转移准备通知", "王一山"]],
    "转移路线": [["山下村", None, "一组后山8户", "村道、石桥", "村部", 600, 10, "李二水"]],
    "避险场所": [["山下村", "cunbu", "村部", "村委会大院", 60, "王一山"]],
    "帮扶对象": [["山下村", "独居老人", 2, "李二水", "一组"]],
    "应急物资": [["山下村", "救生衣", 10, "件", "村部仓库", "王一山"]],
    "志愿队伍": [["山下村", "山下村应急志愿服务队", "王一山", 8, "巡查、转移、搬运"]],
    "受威胁住户": [],
    "上级联络": [["山下村", "测试镇应急办", "0730-0000000", None], ["山下村", "报警", "110", None]],
}


def fill(path: Path, rows: dict[str, list[list]]) -> None:
    book = load_workbook(path)
    for sheet, values in rows.items():
        ws = book[sheet]
        start = ws.max_row + 1
        for r, row in enumerate(values):
            for c, value in enumerate(row, start=1):
                ws.cell(row=start + r, column=c, value=value)
    book.save(path)


def test_template_has_chinese_headers_dropdowns_and_an_example_row(tmp_path, yingji):
    out = tmp_path / "模板.xlsx"
    result = yingji(FIXTURES / "minimal", "template", "villages", "--out", str(out))
    assert result.returncode == 0, result.stderr
    book = load_workbook(out)
    assert [s.name for s in SHEETS] == [n for n in book.sheetnames if n not in ("填表说明", "选项")]
    assert book["选项"].sheet_state == "hidden"
    routes = book["转移路线"]
    assert [c.value for c in routes[1]][:5] == ["村（社区）*", "编号", "从*", "经过", "到（避险场所）*"]
    assert str(routes["A2"].value).startswith("示例")
    lists = {str(dv.sqref): dv.formula1 for dv in book["风险点"].data_validations.dataValidation}
    assert any("选项" in formula for formula in lists.values())


def test_template_fill_import_gives_the_same_yaml(minimal_project, tmp_path, yingji):
    expected = FIXTURE_VILLAGE.read_text("utf-8")
    target = minimal_project / "content/villages/ceshi-zhen/ceshi-zhen-shanxia-cun.yml"
    target.unlink()
    book = tmp_path / "测试镇.xlsx"
    assert yingji(minimal_project, "template", "villages", "--out", str(book)).returncode == 0
    fill(book, FILLED)
    result = yingji(minimal_project, "import-villages", str(book), "--township", "ceshi-zhen")
    assert result.returncode == 0, result.stderr
    assert target.read_text("utf-8") == expected


def test_csv_folder_in_gbk_imports_the_same(minimal_project, tmp_path, yingji):
    folder = tmp_path / "csv"
    folder.mkdir()
    for spec in SHEETS:
        with open(folder / f"{spec.name}.csv", "w", encoding="gb18030", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.header + ("*" if c.required else "") for c in spec.columns])
            writer.writerows([["" if v is None else v for v in row] for row in FILLED[spec.name]])
    target = minimal_project / "content/villages/ceshi-zhen/ceshi-zhen-shanxia-cun.yml"
    target.unlink()
    result = yingji(minimal_project, "import-villages", str(folder), "--township", "ceshi-zhen")
    assert result.returncode == 0, result.stderr
    assert target.read_text("utf-8") == FIXTURE_VILLAGE.read_text("utf-8")


def test_export_then_import_of_every_township_gives_the_same_bytes(tmp_path, knowledge):
    for township in knowledge.townships.values():
        villages = knowledge.villages_of(township.id)
        book = tmp_path / f"{township.id}.xlsx"
        write_workbook(book, villages, townships=list(knowledge.townships.values()))
        collector = Collector()
        imported = Importer(book, knowledge, township.id, collector).run()
        assert not collector.problems, [p.format() for p in collector.problems][:5]
        for original, again in zip(villages, imported, strict=True):
            path = REPO / "content/villages" / township.id / f"{original.id}.yml"
            assert dump_village(again, township.name) == path.read_text("utf-8"), original.id


@pytest.mark.slow
def test_cli_export_import_round_trip(minimal_project, tmp_path, yingji):
    before = {p: p.read_bytes() for p in (minimal_project / "content").rglob("*.yml")}
    book = tmp_path / "export.xlsx"
    assert yingji(minimal_project, "template", "villages", "--township", "ceshi-zhen", "--out", str(book)).returncode == 0
    result = yingji(minimal_project, "import-villages", str(book), "--township", "ceshi-zhen")
    assert result.returncode == 0, result.stderr
    assert {p: p.read_bytes() for p in (minimal_project / "content").rglob("*.yml")} == before


def test_bad_cells_name_workbook_sheet_and_cell_and_nothing_is_written(minimal_project, tmp_path, yingji):
    before = {p: p.read_bytes() for p in (minimal_project / "content").rglob("*.yml")}
    book = tmp_path / "测试镇.xlsx"
    assert yingji(minimal_project, "template", "villages", "--out", str(book)).returncode == 0
    bad = {sheet: [list(row) for row in rows] for sheet, rows in FILLED.items()}
    bad["转移路线"][0][4] = "老祠堂"
    bad["转移路线"][0][5] = "很远"
    bad["人员"][1][4] = 7306221234  # Excel turned a landline into a number and dropped its 0
    bad["避险场所"][0][4] = 20  # too small now (26 people threatened) — but the route fails first
    bad["风险点"][1][6] = None  # no responsible person
    bad["基本情况"].append(["ceshi-zhen-xincun", "新村", "村", 100, 300, 3, None, None, "否", "是", None, None, None, None])
    bad["上级联络"].append(["新村", "报警", "110", None])
    fill(book, bad)
    result = yingji(minimal_project, "import-villages", str(book), "--township", "ceshi-zhen")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "测试镇.xlsx!转移路线!E3: 避险场所“老祠堂”未在避险场所表中定义" in lines
    assert "测试镇.xlsx!转移路线!F3: 距离（米）：应为整数，实际为 “很远”" in lines
    assert any(line.startswith("测试镇.xlsx!人员!E4: 电话：号码被 Excel 当成了数字") for line in lines)
    assert "测试镇.xlsx!风险点!G4: 责任人：必填" in lines
    assert any(line.startswith("测试镇.xlsx!基本情况!A4:") for line in lines)  # 新村 has no people, no risks
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in (minimal_project / "content").rglob("*.yml")} == before


def test_import_checks_the_whole_project(minimal_project, tmp_path, yingji):
    """A village id already used by another township's village is caught before writing."""
    other = minimal_project / "content/townships.yml"
    other.write_text(other.read_text("utf-8") + "  - id: linshi-xiang\n    name: 临时乡\n    kind: 乡\n", "utf-8")
    book = tmp_path / "临时乡.xlsx"
    assert yingji(minimal_project, "template", "villages", "--out", str(book)).returncode == 0
    fill(book, FILLED)
    result = yingji(minimal_project, "import-villages", str(book), "--township", "linshi-xiang")
    assert result.returncode == 1
    assert "重复" in result.stderr
    assert not (minimal_project / "content/villages/linshi-xiang").exists()


def test_workbook_cells_sort_in_sheet_order_then_naturally():
    from yingji.importers.village_read import cell_location
    from yingji.importers.village_sheet import SHEETS

    first, second, third = (sheet.name for sheet in SHEETS[:3])
    places = [f"x.xlsx!{third}!A10", f"x.xlsx!{first}!B10", f"x.xlsx!{third}!A3", f"x.xlsx!{second}!A2"]
    ordered = [str(location) for location in sorted(cell_location(p) for p in places)]
    assert ordered == [f"x.xlsx!{first}!B10", f"x.xlsx!{second}!A2", f"x.xlsx!{third}!A3", f"x.xlsx!{third}!A10"]


def test_a_renamed_header_is_one_error_not_one_per_row(minimal_project, yingji, tmp_path):
    from openpyxl import load_workbook

    book = tmp_path / "村.xlsx"
    assert yingji(minimal_project, "template", "villages", "--township", "ceshi-zhen", "--out", str(book)).returncode == 0
    workbook = load_workbook(book)
    sheet = workbook["人员"]
    column = next(cell for cell in sheet[1] if str(cell.value).rstrip("*") == "职务")
    column.value = "名字"
    workbook.save(book)
    result = yingji(minimal_project, "import-villages", str(book), "--dry-run")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "!" in line]
    assert errors == [f"村.xlsx!人员!{column.coordinate}: 不认识的列“名字”，是否应为必填列“职务”？（表头请按模板填写）"]
