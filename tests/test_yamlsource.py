"""The YAML reader: predictable scalars, positions for every value, clear syntax errors."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from yingji.content.yamlsource import SourceError, read_source


def read(tmp_path, text: str | bytes):
    path = tmp_path / "f.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_source(path, "content/f.yml")


def test_yes_no_on_off_stay_text_and_only_true_false_are_booleans(tmp_path):
    doc = read(tmp_path, "a: [no, yes, on, off, true, false]\n")
    assert doc.data == {"a": ["no", "yes", "on", "off", True, False]}


def test_dates_codes_and_times_stay_text(tmp_path):
    doc = read(tmp_path, "d: 2023-12-31\ncode: 0730\ntime: 12:30\nn: 30\nx: 7.5\n")
    assert doc.data == {"d": "2023-12-31", "code": "0730", "time": "12:30", "n": 30, "x": 7.5}


def test_every_value_and_key_keeps_its_line_and_column(tmp_path):
    doc = read(tmp_path, "units:\n  - id: a\n    name: 甲\n")
    assert str(doc.location(("units", 0, "name"))) == "content/f.yml:3:11"
    assert str(doc.location(("units", 0, "name"), key=True)) == "content/f.yml:3:5"
    assert str(doc.location(("units", 0, "missing"))) == "content/f.yml:2:5"


def test_a_loaded_file_keeps_neither_its_data_nor_its_node_tree_but_still_says_where(tmp_path):
    # A county of 500 villages kept 250 MB of node trees and a second copy of its data; now the
    # tree is composed again from the text when a message needs a position.
    from yingji.content.kinds import kind_for
    from yingji.content.load import load_file
    from yingji.diagnostics import Collector

    path = tmp_path / "glossary.yml"
    path.write_bytes((Path(__file__).parent.parent / "content" / "glossary.yml").read_bytes())
    loaded = load_file(path, "content/glossary.yml", kind_for("content", "glossary.yml"), Collector())
    assert loaded is not None and loaded.doc.data is None and loaded.doc._root is None
    assert str(loaded.location("terms", 0, "definition")) == "content/glossary.yml:5:17"
    assert loaded.doc._root is not None  # composed once, for the message, and kept for the next


def test_duplicate_keys_are_errors(tmp_path):
    with pytest.raises(SourceError, match="重复"):
        read(tmp_path, "a: 1\na: 2\n")


def test_a_byte_order_mark_is_accepted(tmp_path):
    assert read(tmp_path, "\ufeffa: 1\n".encode("utf-8")).data == {"a": 1}


def test_gbk_text_points_at_the_first_bad_byte(tmp_path):
    with pytest.raises(SourceError) as caught:
        read(tmp_path, "a: ok\nb: 安全\n".encode("gbk"))
    assert caught.value.problem.format().startswith("content/f.yml:2:4: 文件不是 UTF-8 编码")


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n"])
def test_empty_files_are_errors(tmp_path, text):
    with pytest.raises(SourceError, match="文件为空"):
        read(tmp_path, text)


def test_two_documents_in_one_file_are_an_error(tmp_path):
    with pytest.raises(SourceError, match="一个文件只能有一个 YAML 文档"):
        read(tmp_path, "a: 1\n---\nb: 2\n")


def test_tabs_get_a_hint(tmp_path):
    with pytest.raises(SourceError, match="Tab"):
        read(tmp_path, "a:\n\t- 1\n")


def test_libyaml_and_python_parsers_agree_on_data_and_positions(monkeypatch):
    """read_source uses libyaml when present; positions must be those of the Python parser."""
    import yingji.content.yamlsource as source
    from yingji.content.load import find_content_files

    if source._FastLoader is None:
        pytest.skip("PyYAML without libyaml")
    root = Path(__file__).resolve().parent.parent
    sample = [f for f in find_content_files(root) if f[1].startswith(("villages/nanjiang-zhen/", "plans/c", "units", "glossary"))]
    sample += find_content_files(root / "tests" / "fixtures" / "minimal")
    assert len(sample) > 8
    for _, inner, path in sample:
        fast = source.read_source(path, inner)
        monkeypatch.setattr(source, "_FastLoader", None)
        slow = source.read_source(path, inner)
        monkeypatch.undo()
        assert fast.data == slow.data, inner
        for path in all_paths(fast.data):
            for key in (False, True):
                assert fast.location(path, key=key) == slow.location(path, key=key), (inner, path)


def all_paths(data, prefix=()):
    yield prefix
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for part, value in items:
        yield from all_paths(value, prefix + (part,))


# Each mistake: the text, where the message must point (line:col) and what it must say.
SYNTAX = [
    ("a: [1, 2\nb: 3\n", "1:4", "方括号“[”没有闭合：从这里开始，到第 2 行第 2 列还没有“]”"),
    ("a:\n  b: {x: 1\n  c: 2\n", "2:6", "花括号“{”没有闭合"),
    ("a: [1, 2\n", "1:4", "到文件末尾还没有“]”"),
    ('a: 1\nb: "未闭合\nc: 3\n', "2:4", '引号 " 没有闭合：从这里开始，到文件末尾还没有结束的 "'),
    ("a: 'x\nb: 'y'\n", "1:4", "引号 ' 可能没有闭合：从这里开始的引号到第 2 行才结束"),
    ("id: x\nname：水口村\nkind: 村\n", "2:5", "键“name”后面用了全角冒号“：”，应改为半角冒号加空格：“name: ”"),
    ("a:\n  name：甲\n  b: 1\n", "2:7", "全角冒号"),
    ("name：甲\nb: 1\n", "1:5", "全角冒号"),
    ("a: 1\nb: x\x00y\n", "2:5", "不可见的控制字符 U+0000"),
    ("a: 1\nb:2\nc: 3\n", "2:2", "冒号后面要有空格：应写成“b: ”"),
    ("a:\n\t- 1\n", "2:1", "不能用 Tab 缩进"),
    ("a: @x\n", "1:4", "“@”不能作为值的开头；请给整个值加引号"),
    ("a:\n  b: 1\n c: 2\n", "3:2", "缩进不一致"),
    ("a: 'x' y\n", "1:8", "值后面还有多余的文字"),
    ("- a\nb: 1\n", "2:1", "这一层是列表"),
    ("a: b\n- c\n", "2:1", "这里不能开始列表"),
    ("a: ]\n", "1:4", "多余的“]”"),
    ('a: "\\q"\n', "1:6", "不是有效的转义"),
    ("a: *x\n", "1:4", "引用了未定义的锚点"),
    ("a: 1\n---\nb: 2\n", "2:1", "一个文件只能有一个 YAML 文档"),
    ("a: |x\n  t\n", "1:5", "“|”或“>”后面只能写"),
    ("%\n", "1:2", "YAML 指令"),
]


@pytest.mark.parametrize("text, where, says", SYNTAX, ids=[s[2][:12] for s in SYNTAX])
def test_syntax_errors_point_where_the_mistake_began_in_chinese(tmp_path, text, where, says):
    with pytest.raises(SourceError) as caught:
        read(tmp_path, text)
    message = caught.value.problem.format()
    assert message.startswith(f"content/f.yml:{where}: "), message
    assert says in message


def test_a_full_width_colon_that_yaml_reads_as_text_is_named_by_the_model_check(minimal_project):
    from yingji.cli import main

    glossary = minimal_project / "content" / "glossary.yml"
    glossary.write_text("terms:\n  - id：x\n", "utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(["--root", str(minimal_project), "check"]) == 1
    assert "content/glossary.yml:2:5: terms[0]: 应为键值映射（“键: 值”），实际为 “id：x”（“：”是全角冒号" in err.getvalue()
