"""The 1+N+X plan tree and the village plans (一村一案): content, checks, pages, personal data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from yingji.content.models.villages import EVACUATION_RISKS
from yingji.presentation.privacy import mask_phone, person_view, personal_numbers

from conftest import all_pages, pdf_text

REPO = Path(__file__).resolve().parent.parent
MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


def test_stats_show_every_township_its_villages_and_the_whole_tree(yingji):
    result = yingji(REPO, "stats", "--json")
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)
    assert counts["townships"] == 26
    assert counts["villages"] >= 52
    assert counts["contingency_plans_by_kind"]["总体"] == 1 + 26
    assert counts["contingency_plans_by_kind"]["专项"] >= 9
    assert counts["contingency_plans_by_kind"]["部门"] >= 5
    assert counts["contingency_plans_by_level"]["村"] == counts["villages"]


def test_every_township_has_an_overall_plan_and_two_villages(knowledge):
    assert [t.name for t in knowledge.townships.values()][:2] == ["汉昌街道", "天岳街道"]
    for township in knowledge.townships.values():
        plans = knowledge.township_plans(township.id)
        assert [p.kind for p in plans].count("总体") == 1, township.id
        assert len(knowledge.villages_of(township.id)) >= 2, township.id
    for village in knowledge.villages.values():
        assert knowledge.village_parent(village) == f"{village.township}-zongti"


def test_the_real_county_plan_is_marked_verified_and_the_rest_is_sample(knowledge):
    root = knowledge.plan_root
    assert root.title == "平江县突发事件总体应急预案（试行）"
    assert root.doc_number == "平政发〔2021〕6号" and root.verified["doc_number"] == "确定"
    assert root.sources and root.unknown
    for plan in knowledge.contingency_plans.values():
        assert plan.is_sample or plan.sources, f"{plan.id}: verified fields need a source"
        if plan.is_sample:
            assert plan.unknown, f"{plan.id}: a sample entry must say what is not known"
    assert all(v.sample for v in knowledge.villages.values())


def test_sample_villages_are_varied_and_consistent(knowledge):
    types = {risk.type for v in knowledge.villages.values() for risk in v.risks}
    assert {"山洪", "地质灾害", "森林火灾", "溺水", "洪涝", "一氧化碳中毒", "高层火灾"} <= types
    for village in knowledge.villages.values():
        assert village.capacity >= village.threatened, village.id
        assert any(c.phone == "110" for c in village.contacts)
        assert any(c.phone == "12350" for c in village.contacts)
        for risk in village.risks:
            assert risk.responsible
            if risk.type in EVACUATION_RISKS and risk.people:
                assert risk.routes, (village.id, risk.id)


def test_mask_phone_keeps_three_and_four_digits():
    assert mask_phone("13856785678") == "138****5678"
    assert mask_phone("0730-6221234") == "073*-***1234"
    assert mask_phone("110") == "110"


def test_person_view_is_the_one_rule_for_names_and_numbers(knowledge):
    village = next(v for v in knowledge.villages.values() if not v.public_names)
    person = village.people[0]
    public, internal = person_view(person, village, "public"), person_view(person, village, "internal")
    assert public["phone"] == mask_phone(person.phone) and public["name"].startswith(person.role)
    assert internal["phone"] == person.phone and internal["name"] == person.name
    with pytest.raises(ValueError):
        person_view(person, village, "everyone")


def test_generated_pages_hide_personal_numbers_only_in_the_public_profile(knowledge):
    numbers = personal_numbers(knowledge.villages.values())
    public = "\n".join(all_pages(knowledge, "public").values())
    internal = "\n".join(all_pages(knowledge, "internal").values())
    assert not [n for n in numbers if n in public]
    assert all(n in internal for n in numbers)


def test_village_page_tells_a_cadre_what_to_do(knowledge):
    village = knowledge.villages["nanjiang-zhen-shimenchong-cun"]
    page = all_pages(knowledge, "public")["villages/nanjiang-zhen/nanjiang-zhen-shimenchong-cun.md"]
    assert "示例" in page
    emergency = page[page.index('<div class="yj-emergency"') : page.index("## 基本情况")]  # before everything else
    assert page.index('<div class="yj-emergency"') < page.index("示例")
    for shelter in village.shelters:
        assert shelter.name in page
    for route in village.routes:  # every route of an evacuation risk, by name (never by id)
        assert route.id not in page
    assert "立即转移" in emergency and "指挥转移" in emergency
    for number in ("110", "119", "120"):
        assert f'href="tel:{number}"' in emergency
    assert "12350" in page


def test_plan_tree_is_boxes_that_link_to_their_plans_with_a_full_list(knowledge):
    pages = all_pages(knowledge, "public")
    index = pages["plans/index.md"]
    tree = index[index.index('<div class="yj-tree"') : index.index("## 全部预案")]
    assert "mermaid" not in index.lower() and "<svg" not in tree and "…" not in tree  # no label is cut
    for plan in knowledge.contingency_plans.values():
        if plan.level == "县":  # the 1, every N and every X plan is a box of its own, a link to its page
            assert f"]({plan.id}.md" in tree, plan.id
    assert "](../villages/index.md)" in tree  # township and village plans: one box each, to their lists
    for plan_id in knowledge.contingency_plans:
        assert f"plans/{plan_id}.md" in pages
        assert f"({plan_id}.md)" in index or f"(../plans/{plan_id}.md)" in index
    assert all_pages(knowledge, "public") == pages  # reproducible


@pytest.mark.slow
def test_public_build_contains_no_unmasked_personal_number(built_site, knowledge):
    numbers = personal_numbers(knowledge.villages.values())
    assert (built_site / "villages" / "nanjiang-zhen" / "nanjiang-zhen-shimenchong-cun.html").exists() or (
        built_site / "villages" / "nanjiang-zhen" / "nanjiang-zhen-shimenchong-cun" / "index.html"
    ).exists()
    digits = re.compile(r"(?<![0-9])[0-9]{11}(?![0-9])")
    leaks = []
    for path in sorted(built_site.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            text = pdf_text(path)
        else:
            text = path.read_bytes().decode("utf-8", errors="replace")
        found = set(digits.findall(text))
        leaks += [(path.name, n) for n in sorted(found & numbers)]
        leaks += [(path.name, n) for n in sorted(numbers) if not n.isdigit() and n in text]  # 0730-…
        if "villages" in path.parts or "search" in path.parts:  # pages and the search index
            leaks += [(path.name, m) for m in sorted(found) if MOBILE.match(m)]
    assert not leaks, leaks[:10]


@pytest.mark.slow
def test_internal_build_shows_names_and_numbers(minimal_project, yingji):
    result = yingji(minimal_project, "build", "--profile", "internal")
    assert result.returncode == 0, result.stderr
    page = next((minimal_project / "site-internal" / "villages" / "ceshi-zhen").glob("ceshi-zhen-shanxia-cun*"))
    html = (page / "index.html" if page.is_dir() else page).read_text("utf-8")
    assert "13900001111" in html and "王一山" in html
    result = yingji(minimal_project, "build")
    assert result.returncode == 0, result.stderr
    page = minimal_project / "site" / page.relative_to(minimal_project / "site-internal")
    html = (page / "index.html" if page.is_dir() else page).read_text("utf-8")
    assert "13900001111" not in html and "139****1111" in html and "王一山" not in html
