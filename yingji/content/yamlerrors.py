"""YAML syntax errors in plain Chinese, located where the mistake began.

PyYAML says where it noticed a problem, which is often far from the mistake: an unclosed
bracket or quote is noticed lines later, a full-width colon `：` after a key as a missing `:`
on the next line. The tokens read before the error tell where such a construct opened, so the
message points there. No English text of PyYAML reaches the user: an error this module does not
know gets a general Chinese message at PyYAML's position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.tokens import FlowMappingEndToken, FlowSequenceEndToken, ScalarToken

PREFIX = "YAML 语法错误："
GENERAL = "无法识别的写法（请检查这一行的引号、括号、冒号和缩进）"

# What PyYAML's reader refuses (its NON_PRINTABLE): control characters, e.g. a NUL byte.
CONTROL = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A key (all keys are ASCII names) followed by a full-width colon, at the start of a line.
FULL_WIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*)\s*：")
NO_SPACE_AFTER_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*):(?=\S)")
BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # line breaks as YAML counts them


@dataclass(frozen=True)
class Syntax:
    """A syntax error as the user should see it: line and column (from 1) and the message."""

    line: int
    col: int
    message: str


def control_character(text: str) -> Syntax | None:
    """The first character YAML does not allow (a NUL from a damaged copy, for one), if any."""
    match = CONTROL.search(text)
    if not match:
        return None
    line, col = _position(text, match.start())
    name = f"U+{ord(match.group()):04X}"
    return Syntax(line, col, f"文件里有不可见的控制字符 {name}（文件可能已损坏，或从别的软件粘贴时带入），请删除它")


def explain_syntax(err: yaml.YAMLError, text: str, loader_class) -> Syntax:
    """Where the mistake behind `err` began, and what it is, in Chinese."""
    mark = err.problem_mark or err.context_mark if isinstance(err, yaml.MarkedYAMLError) else None
    if mark is None:
        return Syntax(1, 1, PREFIX + GENERAL)
    lines = BREAKS.split(text)
    tokens = _tokens_before_error(text, loader_class, mark.index)
    for rule in (_full_width_colon, _unclosed_quote, _unclosed_bracket, _known_problem):
        found = rule(err, lines, tokens)
        if found:
            return found
    return _at(err.problem_mark or err.context_mark, GENERAL)


def _at(mark, message: str) -> Syntax:
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Syntax(line, col, PREFIX + message)


def _position(text: str, index: int) -> tuple[int, int]:
    starts = [match.end() for match in BREAKS.finditer(text, 0, index)]
    return len(starts) + 1, index - (starts[-1] if starts else 0) + 1


def _tokens_before_error(text: str, loader_class, stop: int) -> list:
    """The tokens the scanner reads up to where PyYAML failed (or up to its own failure)."""
    tokens: list = []
    try:
        for token in yaml.scan(text, Loader=loader_class):
            if token.start_mark.index > stop:
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _full_width_colon(err, lines: list[str], tokens) -> Syntax | None:
    """A key written `name：` becomes text, and PyYAML fails on this line or up to 3 lines later."""
    last = min((err.problem_mark or err.context_mark).line, len(lines) - 1)
    for number in range(last, max(last - 4, -1), -1):
        match = FULL_WIDTH_KEY.match(lines[number])
        if match:
            col = lines[number].index("：", match.end(2)) + 1
            key = match.group(2)
            return Syntax(number + 1, col, PREFIX + f"键“{key}”后面用了全角冒号“：”，应改为半角冒号加空格：“{key}: ”")
    return None


def _unclosed_quote(err, lines: list[str], tokens) -> Syntax | None:
    problem = err.problem_mark
    if err.context == "while scanning a quoted scalar" and err.context_mark and problem:
        quote = _character(lines, err.context_mark) or "引号"
        where = "文件末尾" if "end of stream" in (err.problem or "") else f"第 {problem.line + 1} 行的“---”"
        return _at(err.context_mark, f"引号 {quote} 没有闭合：从这里开始，到{where}还没有结束的 {quote}")
    if problem is None:
        return None
    for token in reversed(tokens):
        if not isinstance(token, ScalarToken) or token.end_mark.index > problem.index:
            continue
        spans = token.style in ("'", '"') and token.start_mark.line < token.end_mark.line == problem.line
        if spans:
            quote = token.style
            return _at(
                token.start_mark,
                f"引号 {quote} 可能没有闭合：从这里开始的引号到第 {problem.line + 1} 行才结束，那里随后出错",
            )
        return None
    return None


def _character(lines: list[str], mark) -> str:
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column] if mark.column < len(line) else ""


def _unclosed_bracket(err, lines: list[str], tokens) -> Syntax | None:
    if err.context not in ("while parsing a flow sequence", "while parsing a flow mapping") or not err.context_mark:
        return None
    opener = "[" if "sequence" in err.context else "{"
    closer = {"[": "]", "{": "}"}[opener]
    what = "方括号" if opener == "[" else "花括号"
    problem = err.problem_mark or err.context_mark
    where = "文件末尾" if "<stream end>" in (err.problem or "") else f"第 {problem.line + 1} 行第 {problem.column + 1} 列"
    return _at(err.context_mark, f"{what}“{opener}”没有闭合：从这里开始，到{where}还没有“{closer}”（或其中各项之间缺少逗号“,”）")


def _found(problem: str) -> str:
    match = re.search(r"found '?(.+?)'?$", problem)
    return match.group(1) if match else ""


_CHARACTER = re.compile(r"found character '(.*)' that cannot start any token")


def _known_problem(err, lines: list[str], tokens) -> Syntax | None:
    context, problem = err.context or "", err.problem or ""
    mark = err.problem_mark or err.context_mark
    if "expected a single document" in context:
        return _at(err.problem_mark, "一个文件只能有一个 YAML 文档（去掉多余的 ---）")
    if "could not find expected ':'" in problem:
        return _missing_colon(err, lines)
    if problem == "mapping values are not allowed here":
        return _at(mark, "此处不能出现“键: 值”（常见原因：文字里有半角冒号加空格却没加引号，或缩进不对）")
    character = _CHARACTER.search(problem)
    if character:
        shown = character.group(1)
        if shown == "\\t":
            return _at(mark, "不能用 Tab 缩进，请改用空格")
        return _at(mark, f"“{shown}”不能作为值的开头；请给整个值加引号")
    for needle, message in _MESSAGES:
        if needle in context or needle in problem:
            return _at(mark, message(err) if callable(message) else message)
    if "expected <block end>" in problem:
        return _block_end(err, tokens)
    if "expected the node content" in problem:
        found = _found(problem)
        extra = {"]": "多余的“]”：前面没有对应的“[”", "}": "多余的“}”：前面没有对应的“{”", ",": "多余的逗号“,”"}
        if found in extra:
            return _at(mark, extra[found])
        if found == "-":
            return _at(mark, "方括号或花括号里不能用“- ”列表项")
        return _at(mark, "这里缺少值")
    return None


def _missing_colon(err, lines: list[str]) -> Syntax:
    start = err.context_mark or err.problem_mark
    line = lines[start.line] if start.line < len(lines) else ""
    tight = NO_SPACE_AFTER_COLON.match(line)
    if tight:
        key = tight.group(2)
        return Syntax(start.line + 1, len(tight.group(0)), PREFIX + f"冒号后面要有空格：应写成“{key}: ”")
    return _at(start, "这一行缺少冒号“:”（键和值之间应写“: ”；也可能是上一行的引号或括号没有闭合）")


def _block_end(err, tokens) -> Syntax:
    """PyYAML expected a level to end: text after a value, a list mixed with keys, or indentation."""
    mark, found = err.problem_mark or err.context_mark, _found(err.problem or "")
    before = [t for t in tokens if t.start_mark.index < mark.index and t.end_mark.index <= mark.index]
    value = before[-1] if before and isinstance(before[-1], _VALUE_ENDS) else None
    if found in ("]", "}"):
        return _at(mark, f"多余的“{found}”：前面没有对应的“{'[' if found == ']' else '{'}”")
    if value and value.end_mark.line == mark.line and getattr(value, "style", None) not in ("|", ">"):
        return _at(mark, "值后面还有多余的文字（整个值要写在一对引号里，或去掉多余部分）")
    if found == "-":
        return _at(mark, "这里不能开始列表“- ”（缩进不对，或上一行缺少冒号）")
    if found == "?" and err.context == "while parsing a block collection":
        return _at(mark, "这一层是列表（每项以“- ”开头），这里却写了“键: 值”：缩进不对，或前面少了“- ”")
    if found == "<anchor>":
        return _at(mark, "一个值只能有一个锚点“&”")
    return _at(mark, "缩进不一致（同一层的条目应对齐）")


_VALUE_ENDS = (ScalarToken, FlowSequenceEndToken, FlowMappingEndToken)


_MESSAGES = (
    ("found undefined alias", lambda err: f"“*{_name(err.problem)}”引用了未定义的锚点；如果这是普通文字，请给整个值加引号"),
    ("found duplicate anchor", lambda err: f"锚点“&{_name(err.context)}”重复（第一次在第 {err.context_mark.line + 1} 行）"),
    ("while scanning an anchor", "“&”后面应紧跟锚点名称；如果这是普通文字，请给整个值加引号"),
    ("while scanning an alias", "“*”后面应紧跟锚点名称；如果这是普通文字，请给整个值加引号"),
    ("while scanning a directive", "以“%”开头的行是 YAML 指令；如果这是普通文字，请给它加引号"),
    ("expected '<document start>'", "以“%”开头的行是 YAML 指令；如果这是普通文字，请给它加引号"),
    ("while scanning a tag", "“!”开头表示 YAML 标签；如果这是普通文字，请给整个值加引号"),
    ("while parsing a tag", "“!”开头表示 YAML 标签；如果这是普通文字，请给整个值加引号"),
    ("found undefined tag handle", "“!”开头表示 YAML 标签；如果这是普通文字，请给整个值加引号"),
    ("while scanning a block scalar", "“|”或“>”后面只能写“-”或“+”，多行文字从下一行开始写"),
    ("found unknown escape character", "双引号里的反斜杠不是有效的转义：要写反斜杠本身请写“\\\\”，或改用单引号"),
    ("expected escape sequence", "双引号里的反斜杠不是有效的转义：要写反斜杠本身请写“\\\\”，或改用单引号"),
    ("found unexpected document separator", "引号没有闭合：引号里出现了“---”或“...”"),
    ("sequence entries are not allowed here", "这里不能开始列表“- ”（缩进不对，或上一行缺少冒号）"),
    ("mapping keys are not allowed here", "这里不能出现“? ”；如果这是普通文字，请给整个值加引号"),
    ("found unhashable key", "键名不能是列表或映射"),
    ("found incompatible YAML document", "不支持这个 YAML 版本声明（%YAML），请删除这一行"),
    ("found duplicate YAML directive", "%YAML 声明重复，请删除多余的一行"),
    ("duplicate tag handle", "%TAG 声明重复，请删除多余的一行"),
)


def _name(text: str | None) -> str:
    match = re.search(r"'([^']*)'", text or "")
    return match.group(1) if match else ""
