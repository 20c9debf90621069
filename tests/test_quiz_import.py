"""`yingji import-questions`, `template questions`, `export-questions`: round trip, bad rows,
golden GIFT and Moodle XML on the quiz fixture."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml
from openpyxl import Workbook, load_workbook

from conftest import FIXTURES, copy_project

QUIZ = FIXTURES / "quiz"
EXPECTED = QUIZ / "expected"
HEADER = ["编号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析", "依据", "难度", "适用对象", "分组", "版本"]


@pytest.fixture
def project(tmp_path):
    root = copy_project(FIXTURES / "minimal", tmp_path / "project")
    shutil.rmtree(root / "quizzes")
    shutil.copytree(QUIZ / "quizzes", root / "quizzes")
    return root


def bank(root, topic="anquan-shengchan-fa"):
    return yaml.safe_load((root / "quizzes" / f"{topic}.yml").read_text("utf-8"))


def write_xlsx(path, rows, header=HEADER, title="Sheet1"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def row(**cells):
    return [cells.get(name, "") for name in HEADER]


GOOD = dict(题型="单选", 题干="第一责任人是（　）。", 选项A="主要负责人", 选项B="班组长", 答案="A", 解析="第五条。",
            依据="《安全生产法》第五条", 难度="1", 适用对象="主要负责人")


# ---------------------------------------------------------------- round trip


def test_xlsx_round_trip_leaves_the_bank_byte_identical(project, yingji, tmp_path):
    path = project / "quizzes" / "anquan-shengchan-fa.yml"
    before = path.read_bytes()
    out = tmp_path / "bank.xlsx"
    assert yingji(project, "export-questions", "--format", "xlsx", "--out", str(out)).returncode == 0
    result = yingji(project, "import-questions", str(out), "--topic", "anquan-shengchan-fa")
    assert result.returncode == 0, result.stderr
    assert "没有变化：6 道题" in result.stdout and "已写入" not in result.stdout
    assert path.read_bytes() == before
    assert not (project / ".yingji-backup").exists()  # nothing written, nothing to back up


def test_group_and_version_columns_reach_the_yaml(project, yingji, tmp_path):
    source = write_xlsx(tmp_path / "题库.xlsx", [
        row(**(GOOD | {"编号": "neu-1", "分组": "diyi-zerenren", "版本": "2"})),
        row(**(GOOD | {"编号": "neu-2", "版本": "第二版"})),
    ])
    result = yingji(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa")
    assert result.stderr.splitlines()[0] == "题库.xlsx!Sheet1!P3: 应为整数，实际为 “第二版”"
    source = write_xlsx(tmp_path / "题库.xlsx", [
        row(**(GOOD | {"编号": "neu-1", "分组": "diyi-zerenren", "版本": "2"})),
        row(**(GOOD | {"编号": "neu-2", "题干": "第一责任人是（　）！", "分组": "diyi-zerenren"})),
        row(**(GOOD | {"编号": "neu-3", "题型": "判断", "题干": "主要负责人是第一责任人。", "答案": "对", "选项A": "", "选项B": ""})),
    ])
    result = yingji(project, "import-questions", str(tmp_path / "题库.xlsx"), "--topic", "anquan-shengchan-fa", "--replace")
    assert result.returncode == 1  # replacing the topic by three rows: the blueprints need more groups
    assert "只能算" in result.stderr
    written = yingji(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa",
                     "--out", str(project / "quizzes" / "extra.yml"))
    assert written.returncode == 0, written.stderr
    questions = {q["id"]: q for q in bank(project, "extra")["questions"]}
    assert questions["neu-1"]["group"] == "diyi-zerenren" and questions["neu-1"]["version"] == 2
    assert "version" not in questions["neu-2"] and "group" not in questions["neu-3"]


def test_export_xlsx_has_one_sheet_per_topic_with_drop_downs(project, yingji, tmp_path):
    out = tmp_path / "bank.xlsx"
    yingji(project, "export-questions", "--format", "xlsx", "--out", str(out))
    sheet = load_workbook(out)["安全生产法"]
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet["A2"].value == "t-pd-1" and sheet["J6"].value == "ABC"
    assert sorted(v.formula1 for v in sheet.data_validations.dataValidation) == ['"1,2,3"', '"判断,单选,多选"']


# ------------------------------------------------------------------ template


def test_template_has_headers_an_example_row_and_drop_downs(project, yingji, tmp_path):
    out = tmp_path / "模板.xlsx"
    result = yingji(project, "template", "questions", "--out", str(out))
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(out)
    sheet = workbook["题库"]
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet["A2"].value == "示例" and sheet["C2"].value.startswith("【示例】")
    assert {v.formula1 for v in sheet.data_validations.dataValidation} == {'"判断,单选,多选"', '"1,2,3"'}
    assert "填写说明" in workbook.sheetnames
    # the empty template imports nothing (the example row is skipped) and writes nothing
    before = bank(project)
    result = yingji(project, "import-questions", str(out), "--topic", "anquan-shengchan-fa")
    assert result.returncode == 1 and "表中没有试题（示例行不算）" in result.stderr
    assert bank(project) == before


def test_a_filled_in_template_imports_with_chinese_citations_and_defaults(project, yingji, tmp_path):
    source = write_xlsx(tmp_path / "题库.xlsx", [
        row(编号="示例", 题型="判断", 题干="【示例】不导入", 答案="对", 解析="x", 依据="t01"),
        row(**GOOD),
        row(题型="判断", 题干="乡镇每年研究应急管理工作不少于2次。", 答案="√", 解析="方案第1项任务。", 依据="t01"),
        row(题型="多选题", 题干="撤离后不得（　）。", 选项A="降低工资", 选项B="解除合同", 选项C="表扬", 答案="B,A",
            解析="第五十五条。", 依据="anquan-shengchan-fa#a55、《中华人民共和国安全生产法》第5条", 难度="难"),
    ])
    out = tmp_path / "new.yml"
    shutil.rmtree(project / "quizzes")  # a project with no bank yet: only topics and no exams
    (project / "quizzes").mkdir()
    shutil.copy2(QUIZ / "quizzes" / "topics.yml", project / "quizzes" / "topics.yml")
    result = yingji(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "注意：1 道题未填难度，已按 2（中） 处理" in result.stdout and "注意：2 道题未填适用对象" in result.stdout
    questions = yaml.safe_load(out.read_text("utf-8"))["questions"]
    assert [q["id"] for q in questions] == ["anquan-shengchan-fa-001", "anquan-shengchan-fa-002", "anquan-shengchan-fa-003"]
    assert questions[0]["cites"] == ["anquan-shengchan-fa#a5"] and questions[0]["difficulty"] == 1
    assert questions[1]["answer"] == "正确" and questions[1]["difficulty"] == 2
    assert questions[2]["type"] == "多选" and questions[2]["answer"] == ["A", "B"]
    assert questions[2]["cites"] == ["anquan-shengchan-fa#a55", "anquan-shengchan-fa#a5"]
    assert questions[2]["audience"] == ["主要负责人"] and questions[2]["difficulty"] == 3


# ------------------------------------------------------------------ bad rows


def test_bad_rows_are_reported_by_sheet_row_and_column_and_nothing_is_written(project, yingji, tmp_path):
    source = write_xlsx(tmp_path / "题库.xlsx", [
        row(**GOOD),
        row(**(GOOD | {"题型": "问答"})),
        row(**(GOOD | {"答案": "E"})),
        row(**(GOOD | {"题型": "判断", "答案": "正确"})),
        row(**(GOOD | {"题型": "多选", "选项B": "", "选项C": "班组长", "答案": "AC"})),
        row(**(GOOD | {"依据": "《不存在法》第五条"})),
        row(**(GOOD | {"难度": "很难"})),
        row(**(GOOD | {"适用对象": "老板"})),
        row(**(GOOD | {"题干": "", "依据": ""})),
    ])
    before = (project / "quizzes" / "anquan-shengchan-fa.yml").read_bytes()
    result = yingji(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "题库.xlsx!Sheet1!B3: 题型应为 判断、单选 或 多选，实际为“问答”",
        "题库.xlsx!Sheet1!J4: 答案 E 不在选项 A、B 中",
        "题库.xlsx!Sheet1!D5: 判断题不填选项（答案写“正确”或“错误”）",
        "题库.xlsx!Sheet1!E6: 选项B是空的，但后面还有选项",
        "题库.xlsx!Sheet1!L7: 找不到法规“不存在法”；content/laws 中的法规有：中华人民共和国安全生产法、安全生产法",
        "题库.xlsx!Sheet1!M8: 难度应为 1、2、3（或 易、中、难），实际为“很难”",
        "题库.xlsx!Sheet1!N9: 应为以下之一：'主要负责人'、'安全管理人员'、'村干部'、'公众'，实际为 “老板”",
        "题库.xlsx!Sheet1!L10: 每道题都要写依据：条文（如 anquan-shengchan-fa#a21 或《安全生产法》第二十一条）或方案任务（如 t09）",
        "题库.xlsx!Sheet1!C10: 不能为空",
        "发现 9 处错误，未写入任何文件。",
    ]
    assert (project / "quizzes" / "anquan-shengchan-fa.yml").read_bytes() == before


def test_project_checks_run_on_the_new_bank_and_point_at_cells(project, yingji, tmp_path):
    """Rows that are fine alone but not in the project: dangling article, duplicate id, and a
    bank too small for an exam blueprint (after --replace) — the same checks as `yingji check`."""
    source = write_xlsx(tmp_path / "题库.xlsx", [
        row(**(GOOD | {"编号": "neu-1", "依据": "anquan-shengchan-fa#a999"})),
        row(**(GOOD | {"编号": "neu-1"})),
    ])
    before = (project / "quizzes" / "anquan-shengchan-fa.yml").read_bytes()
    result = yingji(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa", "--replace")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("题库.xlsx!Sheet1!L2: 引用的条文“anquan-shengchan-fa#a999”不存在")
    assert lines[1] == "题库.xlsx!Sheet1!A3: 编号“neu-1”重复：已在 题库.xlsx!Sheet1!A2 定义为试题"
    assert lines[2] == "quizzes/exams.yml:9:27: exams[0].parts[0].count: 题库中只有 0 道适用的判断题，不够抽 2 道"
    assert lines[-1] == "发现 5 处错误，未写入任何文件。"
    assert (project / "quizzes" / "anquan-shengchan-fa.yml").read_bytes() == before


def test_csv_from_excel_in_gbk_is_read_and_errors_name_the_cell(project, yingji, tmp_path):
    text = ",".join(HEADER) + "\n" + ",".join(row(**(GOOD | {"答案": "AB"}))) + "\n"
    source = tmp_path / "题库.csv"
    source.write_bytes(text.encode("gb18030"))
    result = yingji(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "题库.csv!J2: 单选题只能有一个答案，实际为 A、B"


def test_a_table_without_the_required_columns_is_refused(project, yingji, tmp_path):
    source = write_xlsx(tmp_path / "题库.xlsx", [["单选", "题目"]], header=["题型", "题干"])
    result = yingji(project, "import-questions", str(source), "--topic", "anquan-shengchan-fa")
    assert result.returncode == 1 and "表头缺少必需的列：答案、解析、依据" in result.stderr


def test_an_unknown_topic_is_reported(project, yingji, tmp_path):
    source = write_xlsx(tmp_path / "题库.xlsx", [row(**GOOD)])
    result = yingji(project, "import-questions", str(source), "--topic", "gibts-nicht")
    assert result.returncode == 1 and result.stderr.startswith("--topic: 引用的题库主题“gibts-nicht”不存在")


# -------------------------------------------------------- GIFT / Moodle XML


@pytest.mark.parametrize("fmt, name", [("gift", "bank.gift"), ("moodle-xml", "bank.moodle.xml")])
def test_export_matches_the_golden_file(project, yingji, tmp_path, fmt, name):
    out = tmp_path / name
    result = yingji(project, "export-questions", "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text("utf-8") == (EXPECTED / name).read_text("utf-8")


def test_gift_escapes_its_special_characters():
    from yingji.importers.question_export import gift_escape

    assert gift_escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"


def test_moodle_multi_choice_scoring(project, yingji, tmp_path):
    def fractions(rule):
        out = tmp_path / f"{rule}.xml"
        assert yingji(project, "export-questions", "--format", "moodle-xml", "--multi-scoring", rule, "--out", str(out)).returncode == 0
        question = next(q for q in ET.parse(out).getroot() if q.findtext("name/text") == "t-mx-1")
        return question.get("type"), [a.get("fraction") for a in question.findall("answer")]

    assert fractions("按比例") == ("multichoice", ["33.33333", "33.33333", "33.33333", "-100"])
    assert fractions("全对才得分") == ("multichoiceset", ["33.33333", "33.33333", "33.33333", "0"])
    result = yingji(project, "export-questions", "--format", "gift", "--multi-scoring", "全对才得分", "--out", str(tmp_path / "x"))
    assert result.returncode == 2


def test_xlsx_export_is_reproducible(project, yingji, tmp_path):
    for name in ("a.xlsx", "b.xlsx"):
        assert yingji(project, "export-questions", "--format", "xlsx", "--out", str(tmp_path / name)).returncode == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
