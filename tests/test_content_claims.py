"""Content claims nothing it cannot show: a plan's 编制依据 only when given, a drill or review
cycle as a rule only when verified (its source given), sources linked only to official
publishers, and the default content's own claims fixed (issue 12)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import FIXTURES, all_pages
from yingji.content import load_knowledge
from yingji.content.models.base import is_official
from yingji.content.models.plans import Source
from yingji.presentation.villages import village_view

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def default_pages():
    return all_pages(load_knowledge(REPO)[0])


@pytest.fixture(scope="module")
def minimal():
    return load_knowledge(FIXTURES / "minimal")[0]


def with_plan(knowledge, plan_id: str, **changes):
    plans = dict(knowledge.contingency_plans)
    plans[plan_id] = plans[plan_id].model_copy(update=changes)
    return dataclasses.replace(knowledge, contingency_plans=plans)


def test_the_county_overall_plan_claims_no_basis_and_no_cycle(default_pages):
    page = default_pages["plans/xian-zongti.md"]
    assert "编制依据**" not in page and "| 演练 |" not in page and "| 评估修订 |" not in page
    assert "平政发〔2021〕6号" in page and "据网上转载" in page
    assert "](http" not in page  # the reprint is cited, not linked


def test_basis_is_shown_with_its_mark_only_when_given(minimal):
    pages = all_pages(minimal)
    assert "**编制依据**（示例）：国务院办公厅《突发事件应急预案管理办法》（国办发〔2024〕5号）" in pages["plans/xian-zongti.md"]
    without = all_pages(with_plan(minimal, "xian-zongti", basis=None))
    assert "编制依据" not in without["plans/xian-zongti.md"]


def test_a_cycle_is_a_rule_only_when_verified_with_a_source(minimal):
    page = all_pages(minimal)["plans/xian-zongti.md"]
    assert "| 演练 | 每3年一次 | 示例 |" in page and "| 评估修订 | 每3年评估一次 | 示例 |" in page
    source = Source(title="测试县人民政府关于印发《测试县突发事件总体应急预案》的通知", number="测政发〔2021〕1号")
    verified = with_plan(minimal, "xian-zongti", verified={"drill_every_months": "确定"}, sources=[source])
    page = all_pages(verified)["plans/xian-zongti.md"]
    assert "| 演练 | 每3年至少一次 | 已核实 |" in page and "| 评估修订 | 每3年评估一次 | 示例 |" in page
    assert "测试县人民政府关于印发《测试县突发事件总体应急预案》的通知（测政发〔2021〕1号）" in page


def test_a_village_plan_without_cycles_shows_none(minimal):
    village = next(iter(minimal.villages.values()))
    plan = village.plan.model_copy(update={"review_cycle_years": None, "drill_every_months": None, "drill_note": None})
    bare = village.model_copy(update={"plan": plan})
    labels = [label for label, _ in village_view(dataclasses.replace(minimal, villages={bare.id: bare}), bare, "public")["facts"]]
    assert "演练" not in labels and "预案评估" not in labels


def test_no_default_page_states_an_unsourced_drill_rule(default_pages):
    """A 演练 or 评估修订 row says 至少 only when verified or when it names the article it quotes."""
    rows = [
        (path, row) for path, text in default_pages.items() if path.startswith("plans/")
        for row in re.findall(r"^\| (?:演练|评估修订) \|.*$", text, flags=re.M)
    ]
    assert len(rows) > 50
    unsourced = [(path, row) for path, row in rows
                 if "至少" in row and row.endswith("| 示例 |") and not re.search(r"《[^》]+》第[一二三四五六七八九十百]+条", row)]
    assert unsourced == []


def test_every_link_out_of_the_site_goes_to_an_official_publisher(default_pages):
    links = {url for text in default_pages.values() for url in re.findall(r"(?:\]\(|href=\")(https?://[^)\"\s]+)", text)}
    assert links and all(is_official(url) for url in links), sorted(urlsplit(u).hostname for u in links if not is_official(u))


@pytest.mark.parametrize("url, official", [
    ("https://flk.npc.gov.cn/detail2.html?x", True), ("http://www.hunan.gov.cn/a.html", True),
    ("https://www.hnrd.gov.cn/", True), ("https://gov.cn/", True),
    ("https://clairetvert.com/www/35048/content.html", False), ("https://gov.cn.example.com/", False),
    ("https://notgov.cn/", False),
])
def test_official_publishers_are_government_and_peoples_congress_sites(url, official):
    assert is_official(url) is official
