"""content/laws/*.yml: spec format (the comparison with the official texts is in
test_against_official_texts.py)."""

import re
from pathlib import Path

import pytest

from yingji.importers.law_import import ARTICLE_KEYS, known_laws, META_KEYS, load_yaml

from conftest import REPO  # noqa: E402

LAWS_BY_ID = known_laws(REPO)  # the laws of content/laws, each with its official text's file name

LAWS_DIR = Path(__file__).resolve().parent.parent / "content" / "laws"
FILES = sorted(LAWS_DIR.glob("*.yml"))
KINDS = {"法律", "行政法规", "地方性法规", "部门规章", "党内法规", "规范性文件"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def law_files():
    return pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])


SPEC_LAWS = {  # the laws and regulations the plan and the exam rest on
    "anquan-shengchan-fa", "xiaofang-fa", "tufa-shijian-yingdui-fa", "hunan-anquan-shengchan-tiaoli",
    "shengchan-anquan-shigu-yingji-tiaoli", "fanghong-fa", "dizhi-zaihai-fangzhi-tiaoli",
    "senlin-caoyuan-fangmiehuo-tiaoli", "senlin-fanghuo-tiaoli",
}


def test_every_spec_law_has_a_file():
    assert {p.stem for p in FILES} == SPEC_LAWS


def test_article_totals():
    counts = {p.stem: len(load_yaml(p)["articles"]) for p in FILES}
    assert sum(counts.values()) >= 60
    required = {3, 4, 5, 6, *range(20, 29), 31, 36, 41, 44, 50, 53, 54, 55, 80, 81, 83, 94, 95, 110}
    numbers = {a["number"] for a in load_yaml(LAWS_DIR / "anquan-shengchan-fa.yml")["articles"]}
    assert required <= numbers


@law_files()
def test_metadata(path):
    data = load_yaml(path)
    assert list(data) == [*META_KEYS, "articles"]
    assert data["id"] == path.stem and data["kind"] in KINDS
    assert DATE.match(data["version_date"]) and DATE.match(data["effective_date"])
    assert data["source_url"].startswith("https://flk.npc.gov.cn/")
    assert isinstance(data["history"], list)
    if data["status"] == "已废止":
        assert data["replaced_by"] in LAWS_BY_ID
    else:
        assert data["status"] == "现行有效" and data["replaced_by"] is None


@law_files()
def test_articles_shape(path):
    articles = load_yaml(path)["articles"]
    numbers = [a["number"] for a in articles]
    assert numbers == sorted(set(numbers)) and articles
    for article in articles:
        assert set(article) <= set(ARTICLE_KEYS)
        assert {"number", "chapter", "section", "text"} <= set(article)
        lines = article["text"].split("\n")
        assert all(line and line == line.rstrip() for line in lines)
        assert isinstance(article.get("summary", ""), str)
        assert all(isinstance(t, str) and t for t in article.get("tags", []))
