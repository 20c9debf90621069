"""content/glossary.yml: format, and every cited article exists in content/laws."""

import re
from pathlib import Path

import pytest

from yingji.importers.law_import import ARTICLE_ID_RE, load_yaml

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "content" / "glossary.yml"
TERM_KEYS = {"id", "term", "aliases", "definition", "items", "sources", "tasks", "certainty", "note"}
REQUIRED = {"id", "term", "definition", "sources", "tasks", "certainty"}
CERTAINTY = {"确定", "待核实", "以县应急管理局文件为准"}
TASKS = {f"t{n:02d}" for n in range(1, 22)}
MUST_HAVE = [
    "人民至上、生命至上", "安全第一、预防为主、综合治理", "一法一条例", "十五条硬措施",
    "统一指挥、专常兼备、反应灵敏、上下联动", "双重预防机制", "党政同责、一岗双责、齐抓共管、失职追责",
    "三管三必须", "管合法必须管非法", "六有", "四有", "网格员", "打非治违", "三同时", "交叉执法",
    "两随机一公开", "行刑衔接", "安全总监", "机械化换人、自动化减员", "一单四制", "五进", "12350",
    "1+N+X", "一村一案", "应急指挥中心", "智慧应急", "工业互联网+安全生产", "黄牌警告", "一票否决",
    "全员安全生产责任制", "主要负责人", "重大事故隐患", "生命防护工程", "应急避难场所", "两支队伍",
    "三合一场所", "安全生产综合监督管理", "微型消防站",
]


def law_articles() -> set[str]:
    ids = set()
    for path in (ROOT / "content" / "laws").glob("*.yml"):
        data = load_yaml(path)
        ids |= {f"{data['id']}#a{a['number']}" for a in data["articles"]}
    return ids


@pytest.fixture(scope="module")
def terms():
    return load_yaml(GLOSSARY)["terms"]


def test_term_count_and_required_terms(terms):
    assert len(terms) >= 40
    names = {t["term"] for t in terms}
    assert not [name for name in MUST_HAVE if name not in names]


def test_term_format(terms):
    ids = [t["id"] for t in terms]
    assert len(ids) == len(set(ids))
    for term in terms:
        assert REQUIRED <= set(term) <= TERM_KEYS, term["id"]
        assert re.match(r"^term-[a-z0-9][a-z0-9-]*$", term["id"])
        assert isinstance(term["term"], str) and term["definition"]
        assert term["certainty"] in CERTAINTY
        assert set(term["tasks"]) <= TASKS, term["id"]
        assert all(isinstance(i, str) for i in term.get("items") or [])


def test_sources_shape(terms):
    for term in terms:
        assert term["sources"], term["id"]
        for source in term["sources"]:
            assert set(source) in ({"article"}, {"document"}, {"document", "number"}), term["id"]


def test_cited_articles_exist(terms):
    known = law_articles()
    cited = {s["article"] for t in terms for s in t["sources"] if "article" in s}
    assert all(ARTICLE_ID_RE.fullmatch(a) for a in cited)
    assert sorted(cited - known) == []


def test_uncertain_terms(terms):
    by_name = {t["term"]: t for t in terms}
    siyou = by_name["四有"]
    assert siyou["certainty"] == "以县应急管理局文件为准"
    assert not siyou.get("items") and "以县应急管理局文件为准" in siyou["definition"]
    assert len(by_name["十五条硬措施"]["items"]) == 15
