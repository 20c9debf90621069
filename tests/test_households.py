"""Threatened households (受威胁住户): the model and its checks, the workbook, their 防灾避险明白卡
(internal build only, two A5 cards to an A4 sheet with a cut line), and their absence from
everything the public build publishes."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import FIXTURES, PT_PER_HEIGHT, REPO, copy_project, pdf_words, routes_for
from test_import_files import run
from yingji.content import load_knowledge
from yingji.content.models.villages import Village
from yingji.importers.yaml_writer import dump_village, prune
from yingji.leakcheck import find_leaks, pdf_text
from yingji.presentation.documents import documents
from yingji.presentation.households import HouseholdsArePrivate, households_view
from yingji.presentation.privacy import private_values
from yingji.print.catalog import document_html
from yingji.print.impose import MM, SHEET, Tile, halves

sys.path.insert(0, str(REPO / "scripts"))
from sample_households import add_households  # noqa: E402

VILLAGE = "content/villages/ceshi-zhen/ceshi-zhen-shanxia-cun.yml"


def with_households(project: Path, count: int | None = None) -> Village:
    """Give the fixture village a list of households that agrees with its counts."""
    path = project / VILLAGE
    data = yaml.safe_load(path.read_text("utf-8"))
    data["updated"] = str(data["updated"])
    numbers = iter(range(10**6))
    add_households(data, random.Random(7), lambda rng: rng.choice("赵钱孙周吴郑") + rng.choice("大小明华") + rng.choice("山河林海"),
                   lambda rng: f"1395555{next(numbers):04d}", count)
    village = Village.model_validate(prune(data))
    path.write_text(dump_village(village, "测试镇"), "utf-8")
    return village


# ------------------------------------------------------------------ content and checks


def test_the_fixture_list_agrees_and_a_disagreeing_list_is_reported_where_it_is(minimal_project, yingji):
    village = with_households(minimal_project)
    assert len(village.threatened_households) == village.risks[0].households == 8
    assert sum(len(h.members) for h in village.threatened_households) == village.risks[0].people
    assert yingji(minimal_project, "check").returncode == 0
    text = (minimal_project / VILLAGE).read_text("utf-8")
    (minimal_project / VILLAGE).write_text(text.replace("    households: 8\n", "    households: 9\n", 1), "utf-8")
    result = yingji(minimal_project, "check")
    assert result.returncode == 1
    assert re.search(r"ceshi-zhen-shanxia-cun\.yml:\d+:\d+: risks\[0\]\.households: .*登记受威胁 9 户.*有 8 户", result.stderr)


def test_the_scale_fixture_gives_each_village_about_twenty_households(tmp_path):
    from make_scale_fixture import make_fixture

    make_fixture(tmp_path, villages=6, townships=2, questions=300, topics=3, units_count=5, terms=3, laws_count=1, articles=3)
    knowledge = load_knowledge(tmp_path)[0]
    assert [len(v.threatened_households) for v in knowledge.villages.values()] == [20] * 6


def test_sample_households_are_marked_and_the_sample_script_reproduces_the_content(tmp_path):
    knowledge = load_knowledge(REPO)[0]
    listed = [v for v in knowledge.villages.values() if v.threatened_households]
    assert len(listed) >= 3 and all(v.sample for v in listed)
    assert all(v.updated for v in knowledge.villages.values())
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "townships.yml").write_text((REPO / "content" / "townships.yml").read_text("utf-8"), "utf-8")
    (tmp_path / "content" / "plans").mkdir()
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_sample_villages.py"), "--root", str(tmp_path)], check=True,
                   capture_output=True)
    for made in sorted((tmp_path / "content" / "villages").rglob("*.yml")):
        committed = REPO / made.relative_to(tmp_path)
        assert made.read_text("utf-8") == committed.read_text("utf-8"), committed


# ------------------------------------------------------------------ the workbook


def test_households_go_through_the_workbook_and_a_bad_member_cell_is_named(minimal_project, tmp_path):
    village = with_households(minimal_project)
    book = tmp_path / "测试镇.xlsx"
    assert run(minimal_project, "export-villages", "--township", "测试镇", "--out", str(book))[0] == 0
    sheet = load_workbook(book)["受威胁住户"]
    first = [cell.value for cell in sheet[2]]
    head = village.threatened_households[0]
    assert first[2] == head.head and first[6].startswith(f"{head.members[0].name}（{head.members[0].age}")
    # by 位置 instead of the risk's id; one member written the wrong way
    sheet["H2"] = "一组后山冲沟"
    sheet["G3"] = "张三老年"
    sheet.parent.save(book)
    code, _, err = run(minimal_project, "import-villages", str(book), "--township", "测试镇")
    assert code == 1 and "测试镇.xlsx!受威胁住户!G3: 家庭成员：第 1 人“张三老年”的写法不对" in err
    assert "H2" not in err  # a risk named by its place is found


def test_an_import_that_changes_a_village_sets_its_data_date(minimal_project, tmp_path, monkeypatch):
    book = tmp_path / "测试镇.xlsx"
    assert run(minimal_project, "export-villages", "--township", "测试镇", "--out", str(book))[0] == 0
    workbook = load_workbook(book)
    workbook["基本情况"]["D2"] = 121
    workbook.save(book)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert run(minimal_project, "import-villages", str(book), "--township", "测试镇")[0] == 0
    assert "updated: 2026-01-01\n" in (minimal_project / VILLAGE).read_text("utf-8")


# ------------------------------------------------------------------ who sees them


def test_household_cards_exist_only_in_the_internal_build(minimal_project):
    with_households(minimal_project)
    knowledge = load_knowledge(minimal_project)[0]
    assert not [d for d in documents(knowledge, "public") if d.kind == "households"]
    [doc] = [d for d in documents(knowledge, "internal") if d.kind == "households"]
    assert doc.path == "villages/ceshi-zhen/ceshi-zhen-shanxia-cun-households.pdf" and doc.page == ("village", doc.subject)
    with pytest.raises(HouseholdsArePrivate):
        households_view(knowledge, doc.subject, "public")


def test_names_numbers_and_addresses_of_households_are_private_values(minimal_project, tmp_path):
    village = with_households(minimal_project)
    knowledge = load_knowledge(minimal_project)[0]
    values = {(v.kind, v.text) for v in private_values(knowledge)}
    household = village.threatened_households[0]
    assert {("个人电话", household.phone), ("姓名", household.head), ("住址", household.address)} <= values
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text(f"<p>地址：{household.address}</p>", "utf-8")
    (site / "search").mkdir()
    (site / "search" / "index.js").write_text(f"window.yingjiSearchIndex={json.dumps({'t': '户主' + household.head})};", "utf-8")
    leaks = sorted(find_leaks(site, private_values(knowledge)), key=lambda leak: leak.value.kind)
    assert [(leak.output.name, leak.value.kind, leak.value.text) for leak in leaks] == [
        ("page.html", "住址", household.address), ("index.js", "姓名", household.head)]
    assert leaks[0].value.key_path == ("threatened_households", 0, "address")
    assert leaks[1].value.key_path[0] == "threatened_households"


def test_the_risk_of_each_household_leads_to_its_own_shelter(minimal_project):
    """Two risks, two routes, two shelters: a household facing both is told both ways; one
    facing the second only is told that way alone."""
    data = yaml.safe_load((minimal_project / VILLAGE).read_text("utf-8"))
    data["updated"] = str(data["updated"])
    data["risks"].append({"id": "risk-3", "type": "地质灾害", "place": "二组切坡", "households": 1, "people": 1,
                          "responsible": "zhishu", "routes": ["route-2"]})
    data["routes"].append({"id": "route-2", "from": "二组切坡住户", "via": ["后山便道"], "to": "xuexiao"})
    data["shelters"].append({"id": "xuexiao", "name": "村小学", "place": "二组山腰", "capacity": 30, "keeper": "jiance-1"})
    (minimal_project / VILLAGE).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    village = with_households(minimal_project)
    knowledge = load_knowledge(minimal_project)[0]
    cards = households_view(knowledge, village.id, "internal")["cards"]
    for household, card in zip(village.threatened_households, cards):
        shelters = [way["shelter"] for threat in card["threats"] for way in threat["ways"]]
        expected = [{"risk-1": "村部", "risk-3": "村小学"}[risk] for risk in household.risks]
        assert shelters == expected, household.id


def test_a_threat_without_a_way_out_shows_its_measures(minimal_project):
    """A household facing a risk without routes (the fixture's 山塘) is told how it is guarded."""
    village = with_households(minimal_project)
    data = yaml.safe_load((minimal_project / VILLAGE).read_text("utf-8"))
    data["updated"] = str(data["updated"])
    first = data["threatened_households"][0]
    first["risks"] = ["risk-1", "risk-2"]
    data["risks"][1].update(households=1, people=len(first["members"]))
    (minimal_project / VILLAGE).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    knowledge = load_knowledge(minimal_project)[0]
    [doc] = [d for d in documents(knowledge, "internal") if d.kind == "households"]
    html = document_html(knowledge, doc, "internal", routes_for(knowledge, "internal"))
    assert html.count("<b>防范</b>：设立警示牌；暑假每日巡查。") == 1  # one threats tile faces 山塘
    assert html.count("听到▲立即转移信号马上走") == 2  # 山洪 alone, and 山洪 beside 山塘
    assert village.threatened_households[0].head in html


def test_a_card_part_longer_than_a_card_is_an_error_naming_the_document(minimal_project, tmp_path):
    from yingji.print.engine import PrintError
    from yingji.print.stage import render_documents

    with_households(minimal_project, count=2)
    data = yaml.safe_load((minimal_project / VILLAGE).read_text("utf-8"))
    data["updated"] = str(data["updated"])
    data["threatened_households"][1]["note"] = "雨季夜间请留意后山动静，" * 160
    (minimal_project / VILLAGE).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    knowledge = load_knowledge(minimal_project)[0]
    routes = routes_for(knowledge, "internal")
    docs = [d for d in routes.documents if d.kind == "households"]
    with pytest.raises(PrintError, match=r"中有一户的明白卡内容太多（第 2 块），一张 A5 纸印不下"):
        render_documents(minimal_project, knowledge, docs, "internal", routes, cache_dir=tmp_path)
    assert not list(tmp_path.rglob("*.pdf"))  # nothing cut short reaches the cache


# ------------------------------------------------------------------ the cards, printed


def test_halves_keep_a_long_card_on_one_sheet():
    tiles = [Tile(0, 100), Tile(1, 100), Tile(2, 400), Tile(3, 100)]
    assert halves([(0, 3)], tiles) == [[(0, 0.0), (3, 100 + 1.6 * MM)]]
    long = halves([(0, 3), (1, 2, 3)], tiles)  # the second card needs two halves: it starts on a sheet of its own
    assert long[1] == [] and long[2][0] == (1, 0.0) and long[3][0] == (1, 0.0)


@pytest.fixture(scope="module")
def built_internal(tmp_path_factory):
    """The minimal project with households, built in both profiles (the public one checks its
    own output for personal data and fails on any)."""
    from conftest import run_yingji

    project = copy_project(FIXTURES / "minimal", tmp_path_factory.mktemp("households") / "project")
    village = with_households(project)
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    for profile in ("public", "internal"):
        result = run_yingji(project, "build", "--profile", profile, env=env)
        assert result.returncode == 0, result.stderr
    return project, village


def test_each_household_gets_an_a5_card_two_to_an_a4_sheet(built_internal):
    project, village = built_internal
    pdf = project / "site-internal/downloads/villages/ceshi-zhen/ceshi-zhen-shanxia-cun-households.pdf"
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == (len(village.threatened_households) + 1) // 2
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (round(SHEET[0]), round(SHEET[1]))  # A4 landscape
    text = pdf_text(pdf)
    for household in village.threatened_households:
        assert f"编号 {household.id}" in text and household.head in text and household.phone in text
    for phrase in ("防灾避险明白卡", "听到▲立即转移信号马上走", "【村部】", "户主签名", "发卡单位（盖章）", "一式三份", "示例", "内部资料"):
        assert phrase in text, phrase
    half = SHEET[0] / 2
    for page, x0, y0, x1, y1, word in pdf_words(pdf):
        left = x0 >= half - 1  # which card of the sheet the word is on
        card_x0, card_x1 = (half, SHEET[0]) if left else (0, half)
        assert x0 >= card_x0 + 10 * MM - 0.5 and x1 <= card_x1 - 10 * MM + 0.5, (page, word)
        assert y0 >= 10 * MM and y1 <= SHEET[1] - 10 * MM, (page, word)
        assert (y1 - y0) / PT_PER_HEIGHT >= 10.3, (page, word)  # 10.5 pt and up


def test_the_public_build_shows_counts_and_nothing_else_of_households(built_internal):
    project, village = built_internal
    site = project / "site"
    assert not list(site.rglob("*households*"))
    page = (site / "villages/ceshi-zhen/ceshi-zhen-shanxia-cun.html").read_text("utf-8")
    people = sum(len(h.members) for h in village.threatened_households)
    assert f"已登记 {len(village.threatened_households)} 户 {people} 人" in page
    private = [v for v in private_values(load_knowledge(project)[0]) if v.key_path[0] == "threatened_households"]
    assert private and not find_leaks(site, private)  # every file of the site, the search index included
    index = site / "search" / "index.js"
    assert f"已登记 {len(village.threatened_households)} 户 {people} 人" in index.read_text("utf-8")  # the page's text is indexed
    head = village.threatened_households[0].head
    assert head not in index.read_text("utf-8") and head in (project / VILLAGE).read_text("utf-8")
    internal_page = (project / "site-internal/villages/ceshi-zhen/ceshi-zhen-shanxia-cun.html").read_text("utf-8")
    assert "ceshi-zhen-shanxia-cun-households.pdf" in internal_page  # its 打印版 line


def test_household_cards_are_reproducible_under_source_date_epoch(built_internal, tmp_path):
    from yingji.print.stage import render_documents

    project, _ = built_internal
    knowledge = load_knowledge(project)[0]
    routes = routes_for(knowledge, "internal")
    docs = [d for d in routes.documents if d.kind == "households"]
    first = render_documents(project, knowledge, docs, "internal", routes, cache_dir=tmp_path / "a").files[docs[0].path]
    again = render_documents(project, knowledge, docs, "internal", routes, cache_dir=tmp_path / "b").files[docs[0].path]
    built = project / "site-internal/downloads" / docs[0].path
    assert first.read_bytes() == again.read_bytes()
    assert PdfReader(str(built)).metadata["/CreationDate"] == "D:20260101000000Z"
