"""The checks that need ../shared: the official law texts (shared/reference/laws) and the seed
document (shared/seed). They compare the parser and content/laws with the real texts, and the
plan content with the seed, word for word. A clone without ../shared skips exactly these (one
reason); CI runs with a copy of shared/ beside the clone, so there they always run. Everything
the importer must cope with is also tested anywhere on small fixtures (test_law_import.py).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import REPO
from law_kit import assert_counts, assert_round_trip, assert_yaml_round_trip
from yingji.importers.law_import import known_laws, law_yaml, load_yaml, read_law, reference_dir

LAWS_BY_ID = known_laws(REPO)  # the laws of content/laws, each with its official text's file name

REFERENCE = reference_dir()  # $YINGJI_REFERENCE_LAWS or ../shared/reference/laws
SEED = REPO.parent / "shared" / "seed" / "000_be6b4edaa92b7a9f.txt"
pytestmark = pytest.mark.skipif(
    not (REFERENCE.is_dir() and SEED.is_file()),
    reason="需要 ../shared（法律原文 reference/laws 和种子文档 seed）才能与原文比对；CI 上有",
)

# Articles of each official text (SOURCES.md); every law of the importer's table has one.
COUNTS = {
    "anquan-shengchan-fa": 119, "xiaofang-fa": 74, "tufa-shijian-yingdui-fa": 106,
    "hunan-anquan-shengchan-tiaoli": 55, "shengchan-anquan-shigu-yingji-tiaoli": 35,
    "fanghong-fa": 65, "dizhi-zaihai-fangzhi-tiaoli": 49,
    "senlin-caoyuan-fangmiehuo-tiaoli": 63, "senlin-fanghuo-tiaoli": 56,
}
laws = pytest.mark.parametrize("law_id", sorted(LAWS_BY_ID))
LAWS_DIR = REPO / "content" / "laws"
FILES = sorted(LAWS_DIR.glob("*.yml"))
law_files = pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])


# -- the parser on the official texts -------------------------------------------------


@laws
def test_reference_counts(law_id):
    assert_counts(REFERENCE / LAWS_BY_ID[law_id].file, COUNTS[law_id])


@laws
def test_reference_round_trip(law_id):
    assert_round_trip(REFERENCE / LAWS_BY_ID[law_id].file)


@laws
def test_reference_problems(law_id):
    law = read_law(REFERENCE / LAWS_BY_ID[law_id].file)
    expected = [185, 264, 265] if law_id == "hunan-anquan-shengchan-tiaoli" else []
    assert [p.line for p in law.problems] == expected


@laws
def test_reference_yaml_round_trip(law_id):
    assert_yaml_round_trip(REFERENCE / LAWS_BY_ID[law_id].file, law_id)


def test_hunan_quirks():
    law = read_law(REFERENCE / LAWS_BY_ID["hunan-anquan-shengchan-tiaoli"].file)
    assert "第三十五条" in dict(law.problems)[185]
    assert law.article(55).text == "本条例自2022年9月1日起施行。"
    assert all(line == line.rstrip() for a in law.articles for line in a.text.split("\n"))


# -- content/laws against the official texts ------------------------------------------


def normalized(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


@law_files
def test_articles_equal_official_text(path):
    official = read_law(REFERENCE / LAWS_BY_ID[path.stem].file)
    for article in load_yaml(path)["articles"]:
        source = official.article(article["number"])
        assert source is not None, f"{path.name}: 原文没有第{article['number']}条"
        assert normalized(article["text"]) == normalized(source.text), f"{path.name} 第{article['number']}条"
        assert (article["chapter"], article["section"]) == (source.chapter, source.section)


@law_files
def test_file_is_in_importer_format(path):
    """Re-rendering with the importer gives the same bytes (generated, not hand-formatted)."""
    data = load_yaml(path)
    official = read_law(REFERENCE / LAWS_BY_ID[path.stem].file)
    notes = {a["number"]: a for a in data["articles"]}
    rendered = law_yaml(official, data, [a["number"] for a in data["articles"]], notes)
    assert rendered == path.read_text(encoding="utf-8")


# -- content/plan.yml against the seed ------------------------------------------------


def test_every_sentence_of_the_seed_is_in_the_content():
    script = REPO / "scripts" / "check_plan_seed.py"
    result = subprocess.run([sys.executable, str(script), str(SEED)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"seed sentences checked: [1-9]", result.stdout)
