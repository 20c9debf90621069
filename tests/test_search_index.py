"""The search index without a browser: sections of a page, the named entries and their pinyin,
question addresses from the route table, repeated blocks kept once. (Mistakes in the correction
list, content/search.yml, are a bad-input case: tests/fixtures/bad/search-correction.)"""

from __future__ import annotations

import json

import pytest

from yingji.content import load_knowledge
from yingji.site.pinyin import homophone_table, name_syllables
from yingji.site.search_entries import search_entries
from yingji.site.search_index import KINDS, Page, Section, build_index, index_script, normalize, page_sections

from conftest import REPO, routes_for


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge(REPO)[0]


@pytest.fixture(scope="module")
def entries(knowledge):
    return search_entries(knowledge, routes_for(knowledge))


def by_url(entries, url):
    return next(entry for entry in entries["entries"] if entry["url"] == url)


def test_a_page_is_cut_at_its_headings_into_plain_text():
    html = (
        '<h1 id="_1">水口村一村一案<a class="headerlink" href="#_1">&para;</a></h1><p>沿河而建，<strong>15</strong>个组。</p>'
        '<h2 id="_2">转移路线</h2><ul><li>二组</li><li>九组</li></ul><script>var x = "不要";</script>'
        "<table><tr><td>户数</td><td>３４０ 户</td></tr></table>"
    )
    sections = page_sections(html)
    assert [(s.anchor, s.title) for s in sections] == [("", "水口村一村一案"), ("_2", "转移路线")]
    assert sections[0].blocks == ["沿河而建，15个组。"]
    assert sections[1].blocks == ["二组", "九组", "户数", "340 户"]  # blocks stay apart; full-width digits as ASCII


def test_names_carry_pinyin_and_article_labels(entries):
    term = by_url(entries, "glossary/index.html#term-sanguan-sanbixu")
    assert term["kind"] == "term" and term["names"] == ["三管三必须"] and term["pinyin"] == ["san guan san bi xu"]
    unit = by_url(entries, "units/yingjiju.html")
    assert "应急管理局" in unit["names"] and "ying ji guan li ju" in unit["pinyin"]
    article = by_url(entries, "laws/anquan-shengchan-fa.html#a21")
    assert {"安全生产法第二十一条", "中华人民共和国安全生产法第二十一条", "第二十一条"} <= set(article["names"])
    village = by_url(entries, "villages/nanjiang-zhen/nanjiang-zhen-shuikou-cun.html")
    assert village["names"] == ["水口村", "南江镇水口村"] and village["pinyin"][0] == "shui kou cun"


def test_a_question_opens_in_its_practice_page(entries, knowledge):
    question = by_url(entries, "quiz/practice/xiaofang-fa.html?q=xf-002")
    assert question["kind"] == "question" and question["text"] == knowledge.questions["xf-002"].question.stem
    routes = routes_for(knowledge)
    assert routes.url("question", "xf-002") == "quiz/practice/xiaofang-fa.html?q=xf-002"
    assert routes.link("quiz/practice/xiaofang-fa.md", "question", "xf-002") == "xiaofang-fa.md?q=xf-002"
    assert not any("?q=" in url for url in routes.public_urls())  # no printed address depends on a question


def test_pinyin_only_for_names_in_chinese_characters():
    assert name_syllables("双重预防机制") == "shuang chong yu fang ji zhi"  # 重 read chong in 双重
    assert name_syllables("乡镇（街道）“六有”") == "xiang zhen jie dao liu you"
    assert name_syllables("1+N+X") is None and name_syllables("12350安全生产举报投诉电话") is None


def test_homophone_table_reads_common_and_rare_characters():
    table = homophone_table(["浯口镇"])
    assert "须" in table["xu"] and "需" in table["xu"]  # 三管三必需 reaches 三管三必须
    assert "重" in table["zhong"] and "重" in table["chong"]
    assert "浯" in table["wu"]  # not in GB 2312, but in a place name
    assert "绿" in table["lv"]


def test_index_joins_names_to_sections_and_keeps_repeated_blocks_once():
    advice = "先人员后财产，先老幼病残孕后一般人员。"
    pages = [Page(f"villages/v{i}.html", f"村{i}", [Section("", f"村{i}", [f"第{i}村的情况。", advice])]) for i in range(5)]
    pages.append(Page("glossary/index.html", "术语", [Section("", "术语", []), Section("term-a", "甲", ["甲的解释"])]))
    extra = {
        "entries": [
            {"url": "glossary/index.html#term-a", "kind": "term", "names": ["甲", "甲乙"], "pinyin": ["", "jia yi"]},
            {"url": "villages/v1.html", "kind": "village", "names": ["村1"], "pinyin": [""]},
            {"url": "quiz/practice/t.html?q=q1", "kind": "question", "names": [], "pinyin": [], "text": "题干"},
        ],
        "corrections": [["错", "对"]],
        "homophones": {"jia": "甲"},
    }
    index = build_index(pages, extra)
    texts = [doc[3] for doc in index["docs"] if index["pages"][doc[0]][0].startswith("villages/")]
    assert sum(advice in text for text in texts) == 1  # the standard advice once, not on every village
    term = next(doc for doc in index["docs"] if doc[1] == "term-a")
    assert KINDS[term[4]] == "term" and term[5] == ["甲", "甲乙"] and term[6] == ["", "jia yi"]
    assert KINDS[index["pages"][1][2]] == "village"  # villages/v1.html is that village's page
    assert not any(doc[1] == "?q=q1" for doc in index["docs"])  # its practice page was not built
    assert index["corrections"] == [["错", "对"]]
    script = index_script(index)
    assert script.startswith("window.yingjiSearchIndex=") and json.loads(script[script.index("=") + 1 : -2]) == index


def test_normalize_is_what_the_browser_searches():
    assert normalize("  １+Ｎ+Ｘ\n应急 ") == "1+n+x 应急"
