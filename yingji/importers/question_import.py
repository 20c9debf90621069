"""`yingji import-questions`: a trainer's spreadsheet → quizzes/<topic>.yml, all or nothing.

Every row is converted and checked by the same Question model `yingji check` uses; then the
new bank is checked together with the rest of the project (ids unique, citations resolve,
exam blueprints still have enough questions). Problems name the cell they come from
(`题库.xlsx!Sheet1!D7: ...`); nothing is planned unless there is no problem at all.

By default the sheet is merged into the bank: a row with a new id is added at the end, a row
with an existing id replaces that question (only its lines change in the file), every other
question stays as it is, byte for byte. A row without 编号 updates the question with the same
题干, or is added with the next id of the topic's own numbering (aqsc-120 → aqsc-121).
`replace=True` makes the bank exactly the sheet, and says how many questions go.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..content.kinds import KINDS
from ..diagnostics import Collector, Problem
from .changes import FileChange, Plan, relative_name
from .law_text import chinese_to_int
from ..content.load import explain, load_all, load_file
from ..content.models.questions import LETTERS, Question
from ..content.refs import build_knowledge
from ..content.yamlsource import read_source
from .question_table import OPTION_COLUMNS, Row, Table, TableError, is_example, read_table
from .question_bank import Bank, give_ids, merged_text, read_bank
from .yaml_writer import bank_yaml

TYPES = {"判断": "判断", "判断题": "判断", "单选": "单选", "单选题": "单选", "单项选择题": "单选",
         "多选": "多选", "多选题": "多选", "多项选择题": "多选"}
TRUE_WORDS = {"正确", "对", "√", "✓", "✔", "T", "TRUE", "是", "Y"}
FALSE_WORDS = {"错误", "错", "×", "✗", "✘", "X", "F", "FALSE", "否", "N"}
DIFFICULTY = {"1": 1, "2": 2, "3": 3, "易": 1, "简单": 1, "中": 2, "中等": 2, "一般": 2, "难": 3, "困难": 3, "较难": 3}
DEFAULT_DIFFICULTY = 2
DEFAULT_AUDIENCE = ["主要负责人"]
SEPARATORS = re.compile(r"[\s,，、;；/]+")
LAW_ARTICLE = re.compile(r"^《?([^》第]+?)》?第([0-9零〇一二三四五六七八九十百千]+)条$")
# Which spreadsheet column a model field comes from, for error messages.
FIELD_COLUMN = {"id": "编号", "type": "题型", "stem": "题干", "answer": "答案", "explanation": "解析",
                "cites": "依据", "difficulty": "难度", "audience": "适用对象", "group": "分组", "version": "版本"}
PLACEHOLDER = "new-question"  # the id of a row without 编号 until one is given


@dataclass
class ImportResult:
    questions: list[Question] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # the row of each question
    numbered: list[bool] = field(default_factory=list)  # did the row give its 编号?
    problems: list[str] = field(default_factory=list)
    defaulted: dict[str, int] = field(default_factory=lambda: {"难度": 0, "适用对象": 0})


class RowReader:
    """Turns the rows of one table into question dicts, collecting every problem."""

    def __init__(self, table: Table, topic: str, law_names: dict[str, str]):
        self.table, self.topic, self.law_names = table, topic, law_names
        self.result = ImportResult()

    def problem(self, row: Row, column: str | None, message: str) -> None:
        self.result.problems.append(f"{self.table.where(row, column)}: {message}")

    def read(self) -> ImportResult:
        for row in self.table.rows:
            if is_example(row):
                continue
            question = self.question(row)
            if question is not None:
                self.result.questions.append(question)
                self.result.rows.append(row)
                self.result.numbered.append(bool(row.cells.get("编号")))
        if not self.result.questions and not self.result.problems:
            self.result.problems.append(f"{self.table.place}: 表中没有试题（示例行不算）")
        return self.result

    def question(self, row: Row) -> Question | None:
        before = len(self.result.problems)
        cells = row.cells
        qtype = TYPES.get(cells.get("题型", "").replace(" ", ""))
        if qtype is None:
            self.problem(row, "题型", f"题型应为 判断、单选 或 多选，实际为“{cells.get('题型', '')}”")
        data = {
            "id": cells.get("编号") or PLACEHOLDER,
            "type": qtype,
            "stem": cells.get("题干", ""),
        }
        options = self.options(row, qtype)
        if options:
            data["options"] = options
        data["answer"] = self.answer(row, qtype)
        data["explanation"] = cells.get("解析", "")
        data["cites"] = self.cites(row)
        data["audience"] = self.audience(row)
        data["difficulty"] = self.difficulty(row)
        if cells.get("分组"):
            data["group"] = cells["分组"]
        if cells.get("版本"):
            data["version"] = cells["版本"]
        flagged = {problem.split(": ", 1)[0] for problem in self.result.problems[before:]}
        question = self.validate(row, data, flagged)
        return question if len(self.result.problems) == before else None

    def options(self, row: Row, qtype: str | None) -> dict[str, str]:
        filled = [(letter, row.cells.get(column, "")) for letter, column in zip(LETTERS, OPTION_COLUMNS)]
        last = max((i for i, (_, text) in enumerate(filled) if text), default=-1)
        if qtype == "判断":
            first = next((i for i, (_, text) in enumerate(filled) if text), None)
            if first is not None:
                self.problem(row, OPTION_COLUMNS[first], "判断题不填选项（答案写“正确”或“错误”）")
            return {}
        for index in range(last + 1):
            if not filled[index][1]:
                self.problem(row, OPTION_COLUMNS[index], f"选项{filled[index][0]}是空的，但后面还有选项")
        return {letter: text for letter, text in filled[: last + 1]}

    def answer(self, row: Row, qtype: str | None) -> list[str]:
        text = row.cells.get("答案", "").strip()
        if not text:
            self.problem(row, "答案", "答案不能为空")
            return []
        if qtype == "判断":
            word = text.upper()
            if word in TRUE_WORDS:
                return ["正确"]
            if word in FALSE_WORDS:
                return ["错误"]
            self.problem(row, "答案", f"判断题的答案应为“正确”或“错误”（也可写 对/错、√/×），实际为“{text}”")
            return []
        letters = [c for c in SEPARATORS.sub("", text).upper()]
        wrong = [c for c in letters if c not in LETTERS]
        if wrong:
            self.problem(row, "答案", f"答案应写选项字母（如 B 或 ACD），实际为“{text}”")
            return []
        return letters

    def cites(self, row: Row) -> list[str]:
        refs = []
        for part in SEPARATORS.split(row.cells.get("依据", "").strip()):
            if not part:
                continue
            match = LAW_ARTICLE.match(part)
            if match and "#" not in part:
                ref = self.article_ref(row, match.group(1), match.group(2))
                if ref:
                    refs.append(ref)
            else:
                refs.append(part)
        if not row.cells.get("依据", "").strip():
            self.problem(row, "依据", "每道题都要写依据：条文（如 anquan-shengchan-fa#a21 或《安全生产法》第二十一条）或方案任务（如 t09）")
        return refs

    def article_ref(self, row: Row, law_name: str, numeral: str) -> str | None:
        law_id = self.law_names.get(law_name)
        if law_id is None:
            known = "、".join(sorted(set(self.law_names) - set(self.law_names.values())))
            self.problem(row, "依据", f"找不到法规“{law_name}”；content/laws 中的法规有：{known}")
            return None
        number = int(numeral) if numeral.isdigit() else chinese_to_int(numeral)
        return f"{law_id}#a{number}"

    def audience(self, row: Row) -> list[str]:
        values = [v for v in SEPARATORS.split(row.cells.get("适用对象", "").strip()) if v]
        if not values:
            self.result.defaulted["适用对象"] += 1
            return list(DEFAULT_AUDIENCE)
        return values

    def difficulty(self, row: Row) -> int | None:
        text = row.cells.get("难度", "").strip()
        if not text:
            self.result.defaulted["难度"] += 1
            return DEFAULT_DIFFICULTY
        if text not in DIFFICULTY:
            self.problem(row, "难度", f"难度应为 1、2、3（或 易、中、难），实际为“{text}”")
            return None
        return DIFFICULTY[text]

    def validate(self, row: Row, data: dict, flagged: set[str]) -> Question | None:
        """The content model itself, with its messages placed on the right cell (cells that
        already have a problem from reading them are not reported twice)."""
        try:
            question = Question.model_validate(data)
        except ValidationError as err:
            for error in err.errors():
                column = column_of(error["loc"])
                if self.table.where(row, column) not in flagged:
                    self.problem(row, column, explain(error, tuple(error["loc"]), Question))
            return None
        return question


def column_of(loc: tuple) -> str | None:
    if not loc:
        return None
    if loc[0] == "options":
        return f"选项{loc[1]}" if len(loc) > 1 and loc[1] in LETTERS else OPTION_COLUMNS[0]
    return FIELD_COLUMN.get(loc[0])


def law_names(root: Path) -> dict[str, str]:
    """Law short titles, full titles and ids → law id, for 依据 written as 《安全生产法》第五条."""
    names: dict[str, str] = {}
    for path in sorted((root / "content" / "laws").glob("*.yml")):
        data = read_source(path, path.name).data
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            for key in ("short_title", "title", "id"):
                if isinstance(data.get(key), str):
                    names[data[key]] = data["id"]
    return names


def check_with_project(root: Path, text: str, out: Path, table: Table, rows: dict[int, Row],
                       expected: list[Question]) -> tuple[list[str], list[str]]:
    """Run the project's checks with the new bank in place of `out`: (errors, warnings about the
    sheet's questions). Problems in questions from the sheet are reported at their cell (`rows`:
    index in the bank -> row), others as `file:line:col` (e.g. an exam blueprint that no longer
    has enough questions); warnings are the bank checks (guessable options, cue words …)."""
    display = f"quizzes/{out.name}"
    collector = Collector()
    loaded = [item for item in load_all(root, collector) if (root / item.doc.file).resolve() != out.resolve()]
    problems = [p for p in collector.problems if p.location.file != display and not p.warning]
    with tempfile.TemporaryDirectory() as folder:
        temp = Path(folder) / out.name
        temp.write_text(text, "utf-8")
        kind = next(k for k in KINDS if k.name == "questions")
        collector = Collector()
        new = load_file(temp, display, kind, collector)
        if new is not None:
            if list(new.model.questions) != expected:  # the YAML writer lost something: a bug, not a user error
                raise AssertionError("导入的 YAML 读回后与表格内容不一致")
            build_knowledge([*loaded, new], collector)
    problems += [p for p in collector.problems if not p.warning]
    warnings = [p for p in collector.problems if p.warning and p.location.file == display and _row_of(p) in rows]
    return [_placed(p, display, table, rows, text) for p in sorted(set(problems))], [
        _placed(p, display, table, rows, text) for p in sorted(set(warnings))
    ]


def _row_of(problem: Problem) -> int | None:
    match = re.match(r"^questions\[(\d+)\]", problem.key_path)
    return int(match.group(1)) if match else None


def _placed(problem: Problem, display: str, table: Table, rows: dict[int, Row], text: str) -> str:
    message = _cells_for_lines(problem.message, display, table, rows, text)
    match = re.match(r"^questions\[(\d+)\]\.?(\w*)\.?(\w*)", problem.key_path)
    if problem.location.file == display and match and int(match.group(1)) in rows:
        row = rows[int(match.group(1))]
        column = column_of((match.group(2), match.group(3))) if match.group(2) else None
        return f"{table.where(row, column)}: {'警告: ' if problem.warning else ''}{message}"
    if problem.location.file == display and problem.key_path == "topic":
        return f"--topic: {message}（先在 quizzes/topics.yml 中添加这个主题）"
    return f"{problem.location}: {problem.key_path + ': ' if problem.key_path else ''}{message}"


def _cells_for_lines(message: str, display: str, table: Table, rows: dict[int, Row], text: str) -> str:
    """`已在 quizzes/x.yml:12:9 定义` about a question from the sheet names its row instead."""
    starts = [n for n, line in enumerate(text.split("\n"), start=1) if re.match(r"^\s*- id:", line)]

    def cell(match: re.Match) -> str:
        line = int(match.group(1))
        index = max((i for i, start in enumerate(starts) if start <= line), default=None)
        return table.where(rows[index], "编号") if index in rows else match.group(0)

    return re.sub(re.escape(display) + r":(\d+):\d+", cell, message)


def _names(ids: list[str]) -> str:
    return "、".join(ids[:12]) + (f" 等 {len(ids)} 道" if len(ids) > 12 else "")


@dataclass
class BankPlan:
    questions: list[Question]  # the new bank
    text: str
    details: list[str]  # summary lines
    unchanged: list[str]  # ids in the sheet that are already so in the bank
    rows: dict[int, Row]  # index in the new bank -> its sheet row


def plan_bank(bank: Bank | None, result: ImportResult, topic: str, source: str, replace: bool) -> BankPlan:
    existing = bank.questions if bank else []
    index_of = {q.id: i for i, q in enumerate(existing)}
    sheet = list(zip(result.questions, result.rows))
    added = [(q, row) for q, row in sheet if q.id not in index_of]
    changed = {index_of[q.id]: (q, row) for q, row in sheet if q.id in index_of and existing[index_of[q.id]] != q}
    unchanged = [q.id for q, _ in sheet if q.id in index_of and existing[index_of[q.id]] == q]
    details = []
    if added:
        details.append(f"新增 {len(added)} 道：{_names([q.id for q, _ in added])}")
    if changed:
        details.append(f"修改 {len(changed)} 道：{_names([q.id for q, _ in changed.values()])}")
    if replace or not existing:
        in_sheet = {q.id for q in result.questions}
        gone = [q.id for q in existing if q.id not in in_sheet]
        if gone:
            details.append(f"删除 {len(gone)} 道（--replace：表中没有的题）：{_names(gone)}")
        elif existing and result.questions == existing:
            details = []
        text = bank_yaml(topic, result.questions, source=source)
        return BankPlan(list(result.questions), text, details, unchanged, dict(enumerate(result.rows)))
    questions = [changed[i][0] if i in changed else q for i, q in enumerate(existing)] + [q for q, _ in added]
    text = merged_text(bank, {i: q for i, (q, _) in changed.items()}, [q for q, _ in added])
    rows = {i: row for i, (_, row) in changed.items()} | {len(existing) + k: row for k, (_, row) in enumerate(added)}
    return BankPlan(questions, text, details, unchanged, rows)


def import_questions(root: Path, source: Path, topic: str, out: Path | None, sheet: str | None = None,
                     *, replace: bool = False) -> tuple[list[str], Plan | None, list[str]]:
    """(problems, plan, notes). The plan is None when there is any problem."""
    out = (out or root / "quizzes" / f"{topic}.yml").resolve()
    try:
        table = read_table(source, sheet)
    except TableError as err:
        return [str(err)], None, []
    display = f"quizzes/{out.name}"
    bank, problems = read_bank(out, display)
    if problems:
        return problems, None, []
    result = RowReader(table, topic, law_names(root)).read()
    if result.problems:
        return result.problems, None, []
    existing = bank.questions if bank else []
    give_ids(result, existing, topic, _all_question_ids(root) | {q.id for q in existing})
    new = plan_bank(bank, result, topic, source.name, replace)
    problems, warnings = check_with_project(root, new.text, out, table, new.rows, new.questions)
    if problems:
        return problems, None, []
    plan = Plan(unit="道题", unchanged=new.unchanged)
    if new.details:
        title = f"题库 {topic}（{relative_name(out, root)}，导入后共 {len(new.questions)} 道）"
        plan.changes.append(FileChange(out, new.text, title, new.details))
    return [], plan, warnings + _notes(table, result)


def _all_question_ids(root: Path) -> set[str]:
    collector = Collector()
    return {q.id for item in load_all(root, collector) if item.kind.name == "questions" for q in item.model.questions}


def _notes(table: Table, result: ImportResult) -> list[str]:
    defaults = {"难度": "2（中）", "适用对象": "主要负责人"}
    notes = [f"注意：{count} 道题未填{column}，已按 {defaults[column]} 处理" for column, count in result.defaulted.items() if count]
    if table.ignored:
        notes.append(f"注意：{table.place} 的列 {'、'.join(table.ignored)} 不是题库的列，其中的内容没有导入")
    return notes
