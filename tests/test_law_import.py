"""Tests for yingji.importers.law_text and yingji.importers.law_import: numerals, parser quirks, round trip, YAML writer, CLI."""

import shutil

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES
from law_kit import assert_counts, assert_round_trip, assert_yaml_round_trip
from yingji.importers import law_import
from yingji.importers.law_import import known_laws, add_cited_articles, law_yaml, load_yaml, main, parse_numbers, read_law
from yingji.importers.law_text import chinese_to_int, int_to_chinese, parse_law_text, render_article

from conftest import REPO  # noqa: E402

LAWS_BY_ID = known_laws(REPO)  # the laws of content/laws, each with its official text's file name

LAW_FIXTURES = FIXTURES / "laws"
FIXTURE = LAW_FIXTURES / "sample_law.md"

# -- numerals ------------------------------------------------------------------------


@pytest.mark.parametrize("number, text", [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"),
    (100, "一百"), (101, "一百零一"), (104, "一百零四"), (110, "一百一十"),
    (119, "一百一十九"), (999, "九百九十九"), (1000, "一千"), (1010, "一千零一十"),
])
def test_numeral_table(number, text):
    assert int_to_chinese(number) == text
    assert chinese_to_int(text) == number


@pytest.mark.parametrize("text", ["", "条", "一一", "五x"])
def test_bad_numerals_raise(text):
    with pytest.raises(ValueError):
        chinese_to_int(text)


def test_numeral_variants():
    assert chinese_to_int("一百〇四") == 104
    assert chinese_to_int("两百") == 200


@given(st.integers(min_value=1, max_value=999))
def test_numeral_round_trip(number):
    assert chinese_to_int(int_to_chinese(number)) == number


# -- parser on the fixture -----------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    return read_law(FIXTURE)


def test_fixture_header(sample):
    assert sample.title == "示例省安全生产示例条例"
    assert sample.history == [
        "2020年1月1日 示例省第一届人民代表大会常务委员会第一次会议通过",
        "（2024年1月2日示例省第一届人民代表大会常务委员会第九次会议修正）",
    ]
    assert sample.metadata["office"] == "示例省人民代表大会常务委员会"


def test_fixture_structure(sample):
    assert sample.numbers() == [1, 2, 3, 4, 6]
    first, _, third, _, last = sample.articles
    assert (first.chapter, first.section, first.line) == ("第一章 总则", None, 24)
    assert (third.chapter, third.section) == ("第二章 监督管理", "第一节 一般规定")
    assert last.section == "第二节 附加规定"


def test_fixture_text_kept_as_found(sample):
    assert sample.article(2).text == (
        "本条例适用于本省行政区域内的示例活动。\n示例活动坚持安全第一、预防为主、综合治理的方针。")
    assert sample.article(3).text.split("\n")[1:3] == ["（一）组织安全检查；", "(二)报告重大事故隐患："]
    # the missing "（一）" is reported, not added
    assert sample.article(4).text.split("\n")[1] == "未经安全培训上岗作业；"
    assert sample.article(6).text == "本条例自2024年3月1日起施行。"


def test_fixture_problems(sample):
    by_line = dict(sample.problems)
    assert sorted(by_line) == [31, 41, 49, 50, 51]
    assert "不属于任何条文" in by_line[31]
    assert "第四条" in by_line[41] and "（一）" in by_line[41]
    assert "第四条之后是第六条" in by_line[49]
    assert "PAGE" in by_line[50]
    assert sample.ignored_lines == [31, 50, 51]


def test_single_line_page_marker_and_item_gap():
    law = parse_law_text("# 法\n\n第一条 甲：\n（一）乙；\n（三）丙。\nPAGE  / 1\n", "t.md")
    assert law.article(1).text == "甲：\n（一）乙；\n（三）丙。"
    messages = dict(law.problems)
    assert "（二）" in messages[5]
    assert "PAGE" in messages[6]


def test_label_needs_space():
    law = parse_law_text("# 法\n\n第一条 依照第二条规定。\n第二条规定的事项另行规定。\n", "t.md")
    assert law.numbers() == [1]
    assert law.article(1).text == "依照第二条规定。\n第二条规定的事项另行规定。"


def test_unparsable_text():
    law = parse_law_text("随便一段话。\n", "x.md")
    assert law.articles == []
    assert any("未找到任何条文" in p.message for p in law.problems)


def test_broken_front_matter():
    law = parse_law_text("---\ntitle: [\n---\n# 法\n第一条 甲。\n", "x.md")
    assert law.numbers() == [1] and law.metadata == {}
    assert any("前置元数据" in p.message for p in law.problems)


# -- the quirks of the real texts, on small fixture files --------------------------------
# One fixture per source format (see ../shared/reference/laws/SOURCES.md, "Known defects"):
# file -> (number of articles, lines reported as problems). The comparison with the official
# texts themselves is in test_against_official_texts.py.

STYLES = {
    "lawrefbook_style.md": (6, []),  # title, adoption history, <!-- INFO END -->, "## 第一章 总 则", "(一)"
    "china_laws_style.md": (5, [28, 37, 38]),  # front matter, two spaces, no "（一）", trailing spaces, "PAGE  " / "1"
    "fullwidth_style.md": (3, []),  # front matter, "第一章　总　　则", "第一条　…"
}
styles = pytest.mark.parametrize("name", sorted(STYLES))


@styles
def test_style_counts(name):
    assert_counts(LAW_FIXTURES / name, STYLES[name][0])


@pytest.mark.parametrize("name", [*sorted(STYLES), FIXTURE.name])
def test_round_trip(name):
    assert_round_trip(LAW_FIXTURES / name)


@styles
def test_style_problems(name):
    law = read_law(LAW_FIXTURES / name)
    assert [p.line for p in law.problems] == STYLES[name][1]


@styles
def test_style_yaml_round_trip(name):
    assert_yaml_round_trip(LAW_FIXTURES / name, "shili")


def test_china_laws_quirks():
    """What 湖南省安全生产条例.md does: reported, never repaired; trailing spaces dropped."""
    law = read_law(LAW_FIXTURES / "china_laws_style.md")
    problems = dict(law.problems)
    assert "第三条" in problems[28] and "（一）" in problems[28]
    assert law.article(3).text.split("\n")[1] == "与从业人员订立免除其责任的协议；"
    assert law.article(5).text == "本条例自2022年9月1日起施行。"
    assert law.ignored_lines == [37, 38]
    assert all(line == line.rstrip() for a in law.articles for line in a.text.split("\n"))
    assert law.history == ["（2022年7月28日示例省第十三届人民代表大会常务委员会第三十二次会议通过）"]
    assert law.metadata["download_link_html"] == "" and law.article(1).chapter == "第一章 总则"


def test_lawrefbook_header_without_front_matter():
    law = read_law(LAW_FIXTURES / "lawrefbook_style.md")
    assert (law.title, law.metadata) == ("中华人民共和国示例防灾法", {})
    assert law.history[0] == "2001年5月1日  第九届全国人民代表大会常务委员会第二十一次会议通过"
    assert law.article(4).text.split("\n")[1] == "(一)编制示例灾害防治规划；"
    meta = law_import.default_meta("shili-fa", law)
    assert meta["short_title"] == "示例防灾法" and meta["version"] == law.history[-1]
    assert meta["source_url"] == "https://flk.npc.gov.cn/" and meta["kind"] is None


def test_full_width_spaces_are_separators_not_text():
    law = read_law(LAW_FIXTURES / "fullwidth_style.md")
    assert [a.chapter for a in law.articles] == ["第一章 总则", "第一章 总则", "第二章 附则"]
    assert law.article(2).text == "草原防火工作坚持预防为主、积极消灭的方针。\n草原防火工作实行地方人民政府行政首长负责制。"
    assert law_import.default_meta("shili", law)["status"] == "现行有效"


def test_render_article():
    assert render_article(21, "甲\n乙") == "第二十一条 甲\n乙"


# -- YAML writer ---------------------------------------------------------------------


def test_law_yaml_round_trip(sample):
    meta = law_import.default_meta("shili-tiaoli", sample)
    data = yaml.load(law_yaml(sample, meta, numbers=[6, 2]), Loader=law_import._Loader)
    assert [a["number"] for a in data["articles"]] == [2, 6]
    assert data["articles"][0]["text"] == sample.article(2).text
    assert data["source_url"] == "https://flk.npc.gov.cn/detail2.html?EXAMPLE"
    assert data["effective_date"] == "2024-03-01" and data["status"] == "现行有效"
    assert list(data) == list(law_import.META_KEYS) + ["articles"]


def test_law_yaml_uses_block_scalars(sample):
    text = law_yaml(sample, law_import.default_meta("shili-tiaoli", sample))
    assert text.count("text: |-") == len(sample.articles)
    assert "version_date: 2024-01-02\n" in text


def test_parse_numbers():
    assert parse_numbers("3,4, 20-22") == [3, 4, 20, 21, 22]
    with pytest.raises(ValueError):
        parse_numbers("3-x")


# -- command line --------------------------------------------------------------------


def run_main(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_main_writes_selected_articles(tmp_path, capsys):
    out = tmp_path / "law.yml"
    code, stdout, err = run_main([FIXTURE, "--id", "shili", "--articles", "1-3", "--out", out], capsys)
    assert code == 0 and "已写入" in stdout
    assert f"{FIXTURE}:41: 第四条" in err
    assert [a["number"] for a in load_yaml(out)["articles"]] == [1, 2, 3]


def test_main_merge_keeps_notes_and_metadata(tmp_path, capsys):
    out = tmp_path / "law.yml"
    run_main([FIXTURE, "--id", "shili", "--articles", "2", "--out", out], capsys)
    edited = out.read_text(encoding="utf-8").replace("kind: 地方性法规", "kind: 规范性文件")
    edited = edited.replace("    text: |-", "    summary: 适用范围。\n    tags: [范围]\n    text: |-")
    out.write_text(edited, encoding="utf-8")
    assert run_main([FIXTURE, "--id", "shili", "--articles", "6", "--out", out, "--merge"], capsys)[0] == 0
    data = load_yaml(out)
    assert data["kind"] == "规范性文件"
    assert [a["number"] for a in data["articles"]] == [2, 6]
    assert data["articles"][0]["summary"] == "适用范围。" and data["articles"][0]["tags"] == ["范围"]
    before = out.read_text(encoding="utf-8")
    run_main([FIXTURE, "--id", "shili", "--articles", "6", "--out", out, "--merge"], capsys)
    assert out.read_text(encoding="utf-8") == before


def test_main_fails_on_unparsable(tmp_path, capsys):
    bad = tmp_path / "bad.md"
    bad.write_text("不是法律文本\n", encoding="utf-8")
    code, _, err = run_main([bad, "--id", "bad", "--out", tmp_path / "o.yml"], capsys)
    assert code == 1 and f"{bad}:1: 未找到任何条文" in err
    assert not (tmp_path / "o.yml").exists()


def test_main_missing_article(tmp_path, capsys):
    code, _, err = run_main([FIXTURE, "--id", "shili", "--articles", "5", "--out", tmp_path / "o.yml"], capsys)
    assert code == 2 and "没有第五条" in err


# -- cited articles ------------------------------------------------------------------


def test_add_cited_articles(tmp_path, capsys):
    refdir = tmp_path / "ref"
    refdir.mkdir()
    shutil.copy(FIXTURE, refdir / LAWS_BY_ID["xiaofang-fa"].file)
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "quizzes" / "x.yml").write_text(
        "cites: [xiaofang-fa#a3, xiaofang-fa#a1, t01]\n", encoding="utf-8")
    (tmp_path / "content" / "g.yml").write_text("- article: xiaofang-fa#a3\n", encoding="utf-8")
    assert add_cited_articles(tmp_path, refdir) == {}  # a law content/laws does not hold yet is skipped
    assert "未知的法律 id：xiaofang-fa" in capsys.readouterr().err
    (tmp_path / "content" / "laws").mkdir()
    (tmp_path / "content" / "laws" / "xiaofang-fa.yml").write_text(  # its metadata: content's, not code's
        "id: xiaofang-fa\ntitle: 中华人民共和国消防法\nshort_title: 消防法\nkind: 法律\narticles: []\n", encoding="utf-8")
    assert add_cited_articles(tmp_path, refdir) == {"xiaofang-fa": [1, 3]}
    assert "第一条、第三条" in capsys.readouterr().out
    law_file = tmp_path / "content" / "laws" / "xiaofang-fa.yml"
    assert [a["number"] for a in load_yaml(law_file)["articles"]] == [1, 3]
    assert load_yaml(law_file)["short_title"] == "消防法"
    assert add_cited_articles(tmp_path, refdir) == {}
