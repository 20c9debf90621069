"""Imports say what they change before changing it, delete nothing unasked, and can be undone.

Village workbooks: rows without their village are errors (typed blank or merged), the summary
names what is added, changed and removed per village, --dry-run prints the same, removals need
--allow-delete, unchanged files are not touched. Question banks merge by default, --replace
says how many go, new ids continue the topic's numbering. `yingji undo-import` restores the
last import exactly, including deleting the files it created.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from conftest import FIXTURES, copy_project
from test_import_files import run, snapshot

VILLAGE = "content/villages/ceshi-zhen/ceshi-zhen-shanxia-cun.yml"
QUESTION_HEADER = ["编号", "题型", "题干", "选项A", "选项B", "答案", "解析", "依据", "难度", "适用对象"]


@pytest.fixture
def project(tmp_path):
    return copy_project(FIXTURES / "minimal", tmp_path / "project")


@pytest.fixture
def exported(project, tmp_path) -> Path:
    book = tmp_path / "测试镇.xlsx"
    assert run(project, "export-villages", "--township", "测试镇", "--out", str(book))[0] == 0
    return book


def edit(book: Path, change) -> Path:
    workbook = load_workbook(book)
    change(workbook)
    workbook.save(book)
    return book


# ------------------------------------------------------------------ village rows lose nothing


def test_rows_without_their_village_are_errors_naming_the_merge(project, exported):
    def damage(workbook):
        workbook["人员"].merge_cells("A2:A3")  # the second person's village is now blank
        workbook["风险点"]["A3"] = "  "  # typed blank

    edit(exported, damage)
    before = snapshot(project)
    code, _, err = run(project, "import-villages", str(exported), "--township", "ceshi-zhen")
    assert code == 1
    assert err.splitlines() == [
        "测试镇.xlsx!人员!A3: 村（社区）为空：这一行有内容，但没有填属于哪个村（社区），不能导入"
        "（该单元格属于合并单元格 A2:A3，合并后只有第一格 A2 有值：请取消合并，在每一行填上内容）",
        "测试镇.xlsx!风险点!A3: 村（社区）为空：这一行有内容，但没有填属于哪个村（社区），不能导入",
        "发现 2 处内容错误，未生成任何文件。",
    ]
    assert snapshot(project) == before
    assert run(project, "import-villages", str(exported), "--township", "ceshi-zhen", "--dry-run")[0] == 1


def test_a_sheet_the_template_does_not_have_is_not_ignored(project, exported):
    edit(exported, lambda workbook: workbook.create_sheet("人员（二组）").append(["山下村", "", "网格员", "张三", "13900003333"]))
    code, _, err = run(project, "import-villages", str(exported), "--township", "ceshi-zhen")
    assert code == 1
    assert err.startswith("测试镇.xlsx!人员（二组）: 填报表中没有“人员（二组）”这个工作表，其中的内容不会导入")


# ------------------------------------------------------------------ summary, dry run, deletes


def _change_people_and_drop_a_supply(workbook):
    people = workbook["人员"]
    people["G3"] = "负责一组、二组的监测"
    people.append(["山下村", None, "其他：水管员", "赵四", "13900003333", None, None])
    workbook["应急物资"].delete_rows(2)


SUMMARY = [
    "import-villages 测试镇.xlsx --township ceshi-zhen 的改动：",
    "  修改 山下村（ceshi-zhen-shanxia-cun）",
    "    新增 人员：赵四（其他：水管员）",
    "    修改 人员：李二水（监测员） 改了职责",
    "    删除 应急物资：救生衣",
]


def test_the_summary_comes_first_and_removals_need_allow_delete(project, exported):
    edit(exported, _change_people_and_drop_a_supply)
    before = snapshot(project)
    dry = run(project, "import-villages", str(exported), "--township", "ceshi-zhen", "--dry-run")
    real = run(project, "import-villages", str(exported), "--township", "ceshi-zhen")
    assert dry == real  # --dry-run prints exactly what the import would do
    code, out, err = real
    assert code == 1 and out.splitlines() == SUMMARY
    assert err.splitlines() == [
        "表中没有、现有文件中有的 1 项内容会被删除：",
        "  山下村（ceshi-zhen-shanxia-cun）：应急物资“救生衣”",
        "确要删除请加 --allow-delete；未写入任何文件。",
    ]
    assert snapshot(project) == before
    code, out, _ = run(project, "import-villages", str(exported), "--township", "ceshi-zhen", "--allow-delete", "--dry-run")
    assert code == 0 and out.splitlines() == SUMMARY + ["检查通过（--dry-run：以上改动未写入任何文件）"]
    assert snapshot(project) == before
    code, out, _ = run(project, "import-villages", str(exported), "--township", "测试镇", "--allow-delete")
    assert code == 0 and f"已写入 {VILLAGE}" in out and "撤销这次导入：yingji undo-import" in out
    text = (project / VILLAGE).read_text("utf-8")
    assert "其他：水管员" in text and "救生衣" not in text


def test_a_village_missing_from_the_workbook_is_deleted_only_when_asked(project, exported):
    extra = project / "content/villages/ceshi-zhen/ceshi-zhen-xiashan-cun.yml"
    text = (project / VILLAGE).read_text("utf-8").replace("ceshi-zhen-shanxia-cun", "ceshi-zhen-xiashan-cun")
    extra.write_text(text.replace("name: 山下村", "name: 下山村"), "utf-8")
    code, out, err = run(project, "import-villages", str(exported), "--township", "ceshi-zhen")
    assert code == 1 and "  删除 下山村（ceshi-zhen-xiashan-cun）" in out.splitlines()
    assert "  下山村（ceshi-zhen-xiashan-cun）：整个一村一案" in err.splitlines() and extra.exists()
    code, out, _ = run(project, "import-villages", str(exported), "--township", "ceshi-zhen", "--allow-delete")
    assert code == 0 and "已删除 content/villages/ceshi-zhen/ceshi-zhen-xiashan-cun.yml" in out and not extra.exists()
    assert "已写入" not in out  # 山下村 did not change: not rewritten, not reported


def test_an_unchanged_workbook_writes_nothing_and_keeps_no_backup(project, exported):
    before = snapshot(project)
    code, out, _ = run(project, "import-villages", str(exported), "--township", "ceshi-zhen")
    assert code == 0
    assert out.splitlines()[1:] == ["  没有变化：1 个村（社区）（山下村）", "  没有需要写入的改动"]
    assert snapshot(project) == before and not (project / ".yingji-backup").exists()


def test_the_township_may_be_given_by_name_or_in_the_workbook(project, exported):
    assert run(project, "import-villages", str(exported))[0] == 0  # 乡镇 column: 测试镇
    code, _, err = run(project, "import-villages", str(exported), "--township", "没有这个镇")
    assert code == 1 and "没有叫“没有这个镇”的乡镇（content/townships.yml）；可用：测试镇（ceshi-zhen）" in err


def test_two_villages_of_one_name_in_the_workbook_are_an_error_naming_both(project, exported):
    def second(workbook):
        basics = workbook["基本情况"]
        basics.append(["ceshi-zhen-shanxia-cun-2", *[c.value for c in basics[2]][1:]])

    edit(exported, second)
    code, _, err = run(project, "import-villages", str(exported), "--township", "ceshi-zhen")
    assert code == 1
    assert "测试镇.xlsx!基本情况!B3: 名称：同一乡镇中已有叫“山下村”的村（社区）（测试镇.xlsx!基本情况!B2）；请改用能区分的名称" in err


def test_phone_numbers_from_the_workbook_are_checked_by_kind(project, exported, tmp_path):
    shutil.copy2(exported, tmp_path / "备份.xlsx")
    edit(exported, lambda workbook: workbook["人员"].__setitem__("E2", "1390000111"))
    code, _, err = run(project, "import-villages", str(exported), "--township", "ceshi-zhen")
    assert code == 1 and err.splitlines()[0] == (
        "测试镇.xlsx!人员!E2: 电话：电话号码应为手机号（11 位，以 13–19 开头，如 13900001111）"
        "或座机（区号加 7–8 位号码，如 0730-1234567，可带分机 0730-1234567-801），实际为 “1390000111”"
    )
    shutil.copy2(tmp_path / "备份.xlsx", exported)
    edit(exported, lambda workbook: workbook["上级联络"].__setitem__("C3", "12306"))
    code, _, err = run(project, "import-villages", str(exported), "--township", "ceshi-zhen")
    assert code == 1 and err.splitlines()[0].startswith(
        "测试镇.xlsx!上级联络!C3: “12306”不是公共服务号码表 content/service-numbers.yml 中的号码（110、119、120"
    )


# ------------------------------------------------------------------ undo


def test_undo_restores_the_last_import_exactly(project, exported):
    original = snapshot(project)
    edit(exported, _change_people_and_drop_a_supply)
    assert run(project, "import-villages", str(exported), "--township", "ceshi-zhen", "--allow-delete")[0] == 0
    assert snapshot(project) != original
    code, out, _ = run(project, "undo-import")
    assert code == 0
    assert out.splitlines()[1:] == [f"  已恢复 {VILLAGE}（导入前的版本）", "已撤销，共恢复 1 个文件。"]
    assert snapshot(project) == original
    code, _, err = run(project, "undo-import")
    assert code == 1 and "没有可以撤销的导入" in err
    assert (project / ".yingji-backup" / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"


def test_undo_deletes_the_files_an_import_created_and_restores_deleted_ones(project, exported):
    original = snapshot(project)
    (project / VILLAGE).unlink()  # the village is new to the project
    before = snapshot(project)
    assert run(project, "import-villages", str(exported), "--township", "ceshi-zhen")[0] == 0
    assert snapshot(project) == original
    code, out, _ = run(project, "undo-import")
    assert code == 0 and f"  已删除 {VILLAGE}（这次导入新建的文件）" in out.splitlines()
    assert snapshot(project) == before


def test_undo_refuses_to_lose_edits_made_after_the_import(project, exported):
    edit(exported, _change_people_and_drop_a_supply)
    assert run(project, "import-villages", str(exported), "--township", "ceshi-zhen", "--allow-delete")[0] == 0
    path = project / VILLAGE
    path.write_text(path.read_text("utf-8") + "# 手改\n", "utf-8")
    code, _, err = run(project, "undo-import")
    assert code == 1 and "之后这些文件又被改过" in err and path.read_text("utf-8").endswith("# 手改\n")
    assert run(project, "undo-import", "--force")[0] == 0


# ------------------------------------------------------------------ question banks merge


def questions_xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    book.active.append(QUESTION_HEADER)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


BANK = "quizzes/anquan-shengchan-fa.yml"
NEW = ["", "判断", "生产经营单位的主要负责人是本单位安全生产第一责任人。", "", "", "正确", "第五条。", "anquan-shengchan-fa#a5", "1", "主要负责人"]
SINGLE = ["neu-2", "单选", "第一责任人是（　）。", "主要负责人", "班组长", "A", "第五条。", "《安全生产法》第五条", "1", "主要负责人"]
MULTI = ["neu-3", "多选", "撤离后不得（　）。", "降低工资", "解除合同", "AB", "第五十五条。", "anquan-shengchan-fa#a55", "2", "主要负责人"]


def test_question_import_merges_and_new_ids_continue_the_topic(project, tmp_path):
    path = project / BANK
    text = path.read_text("utf-8")
    first_id = text.split("- id: ")[1].split("\n")[0]
    source = questions_xlsx(tmp_path / "题库.xlsx", [NEW])
    dry = run(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa", "--dry-run")
    code, out, _ = run(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa")
    assert code == 0 and dry[1].splitlines()[:-1] == out.splitlines()[:3]
    added = out.splitlines()[2].split("：")[1]
    prefix = first_id.rsplit("-", 1)[0]
    assert added.startswith(prefix + "-")
    new_text = path.read_text("utf-8")
    assert new_text.startswith(text.rstrip("\n"))  # every existing line kept, the new question after them
    assert f"- id: {added}" in new_text
    # the same sheet again: the row without 编号 is matched by its 题干, nothing changes
    code, out, _ = run(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa")
    assert code == 0 and "没有变化：1 道题" in out and path.read_text("utf-8") == new_text


def test_changing_one_question_changes_only_its_lines(project, tmp_path):
    path = project / BANK
    text = path.read_text("utf-8")
    book = tmp_path / "导出.xlsx"
    assert run(project, "export-questions", "--format", "xlsx", "--out", str(book))[0] == 0
    workbook = load_workbook(book)
    sheet = workbook.worksheets[0]
    qid = sheet["A2"].value
    sheet["K2"] = "改过的解析。"
    workbook.save(book)
    code, out, _ = run(project, "import-questions", str(book), "--topic", "anquan-shengchan-fa")
    assert code == 0 and f"    修改 1 道：{qid}" in out.splitlines()
    new = path.read_text("utf-8").split("\n")
    old = text.split("\n")
    assert len(new) == len(old) and [i for i, (a, b) in enumerate(zip(old, new)) if a != b] == [
        next(i for i, line in enumerate(old) if line.strip().startswith("explanation:"))
    ]


def test_replace_states_how_many_questions_go(project, tmp_path):
    path = project / BANK
    source = questions_xlsx(tmp_path / "题库.xlsx", [["neu-1", *NEW[1:]], SINGLE, MULTI])
    code, out, err = run(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa", "--dry-run")
    assert code == 0 and "删除" not in out and "新增 3 道：neu-1、neu-2、neu-3" in out  # merge: nothing goes
    code, out, err = run(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa", "--replace")
    assert code == 0, err
    assert "    删除 3 道（--replace：表中没有的题）：aqsc-001、aqsc-002、aqsc-003" in out.splitlines()
    assert [line for line in path.read_text("utf-8").splitlines() if "- id:" in line] == ["  - id: neu-1", "  - id: neu-2", "  - id: neu-3"]


def test_question_import_is_undone_like_any_import(project, tmp_path):
    before = snapshot(project)
    source = questions_xlsx(tmp_path / "题库.xlsx", [NEW])
    assert run(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa")[0] == 0
    assert snapshot(project) != before
    code, out, _ = run(project, "undo-import")
    assert code == 0 and f"  已恢复 {BANK}（导入前的版本）" in out.splitlines()
    assert snapshot(project) == before


# ------------------------------------------------------------------ the template helps at entry time


def test_template_lists_the_townships_and_its_dropdowns_warn(project, tmp_path):
    book = tmp_path / "模板.xlsx"
    assert run(project, "template", "villages", "--out", str(book))[0] == 0
    workbook = load_workbook(book)
    notes = [row[0] for row in workbook["填表说明"].iter_rows(values_only=True)]
    assert "    测试镇：ceshi-zhen" in notes
    people = workbook["人员"]
    role = next(v for v in people.data_validations.dataValidation if "C2" in str(v.sqref))
    assert (role.showErrorMessage, role.errorStyle) == (True, "warning")  # Excel warns, 其他：… can still be typed
    options = [row[1] for row in workbook["选项"].iter_rows(min_row=2, values_only=True) if row[1]]
    assert options[-1] == "其他：…"
    township = next(v for v in workbook["基本情况"].data_validations.dataValidation if "O2" in str(v.sqref))
    assert township.formula1.startswith("=选项!$H$2")


def test_an_empty_template_needs_no_valid_content(project, tmp_path):
    (project / "content" / "units.yml").write_text("units: [\n", "utf-8")
    book = tmp_path / "模板.xlsx"
    assert run(project, "template", "villages", "--out", str(book))[0] == 0


def test_a_seventh_option_is_an_error_and_other_columns_are_named(project, tmp_path):
    book = Workbook()
    book.active.append([*QUESTION_HEADER, "备注", "选项G"])
    book.active.append([*NEW, "老师自己的备注", ""])
    source = tmp_path / "题库.xlsx"
    book.save(source)
    code, out, _ = run(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa", "--dry-run")
    assert code == 0 and "注意：题库.xlsx!Sheet 的列 K“备注” 不是题库的列，其中的内容没有导入" in out
    book.active["L2"] = "第七个选项"
    book.save(source)
    code, _, err = run(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa", "--dry-run")
    assert code == 1 and err.startswith("题库.xlsx!Sheet!L1: 最多只能有六个选项（A–F），“选项G”列的内容无法导入")
