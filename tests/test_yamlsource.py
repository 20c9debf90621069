"""The YAML reader: predictable scalars, positions for every value, clear syntax errors."""

from __future__ import annotations

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
