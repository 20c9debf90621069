"""The pieces behind issue 13, without a build: long laws by chapter and their forwarded
anchors, question links, the build date and 逾期, task short titles, the footer facts, the
village emergency view and the home picker's data."""

from __future__ import annotations

import json
from datetime import date

import yaml

from yingji.content import load_knowledge
from yingji.presentation.labels import is_overdue, status_label, task_short_title
from yingji.presentation.lawparts import LONG_LAW, law_parts
from yingji.presentation.published import anchor_forwards, forwarding_script
from yingji.presentation.routes import served_path
from yingji.presentation.villages import village_view
from yingji.site.navigation import footer_facts

from conftest import FIXTURES, REPO, all_pages, copy_project, routes_for


def test_a_long_law_gets_one_page_per_chapter_named_by_the_chapter_number(knowledge):
    law = knowledge.laws["anquan-shengchan-fa"]
    parts = law_parts(law)
    assert len(law.articles) > LONG_LAW
    assert [p.id for p in parts] == [f"chapter-{n}" for n in range(1, 8)]
    assert parts[1].heading == "第二章 生产经营单位的安全生产保障" and 21 in parts[1].numbers
    assert sorted(n for p in parts for n in p.numbers) == sorted(a.number for a in law.articles)
    assert law_parts(knowledge.laws["xiaofang-fa"]) == []  # short enough for one page


def test_every_article_of_a_split_law_keeps_its_old_address(knowledge, routes):
    published = set(knowledge.addresses.published)
    forwards = anchor_forwards(knowledge, routes)["laws/anquan-shengchan-fa.md"]
    for article in knowledge.laws["anquan-shengchan-fa"].articles:
        old = f"laws/anquan-shengchan-fa.html#a{article.number}"
        assert old in published and old in routes.public_urls()
        page, anchor = routes.target("article", f"anquan-shengchan-fa#a{article.number}")
        assert forwards[f"a{article.number}"] == f"anquan-shengchan-fa/{served_path(page, False).split('/')[-1]}#{anchor}"
    page = all_pages(knowledge)["laws/anquan-shengchan-fa.md"]
    assert page.rstrip().endswith("</script>") and '"a21":"anquan-shengchan-fa/chapter-2.html#a21"' in page


def test_a_redirect_of_an_anchor_within_a_page_that_still_exists_is_forwarded(tmp_path):
    project = copy_project(FIXTURES / "minimal", tmp_path / "project")
    addresses = project / "content" / "addresses.yml"
    addresses.write_text("published: []\nredirects:\n  - {old: tasks/t01.html#old-part, new: plan/index.html#goals}\n", "utf-8")
    knowledge = load_knowledge(project)[0]
    routes = routes_for(knowledge)
    assert anchor_forwards(knowledge, routes)["tasks/t01.md"] == {"old-part": "../plan/index.html#goals"}
    page = all_pages(knowledge)["tasks/t01.md"]
    assert forwarding_script({"old-part": "../plan/index.html#goals"}).strip() in page


def test_question_links_are_made_by_the_route_table(routes):
    assert routes.questions_link("laws/x.md", "anquan-shengchan-fa", ["a-1", "a-2"]) == (
        "../quiz/practice/anquan-shengchan-fa.md?ids=a-1,a-2")
    assert routes.questions_url("anquan-shengchan-fa", ["a-1"]) == "quiz/practice/anquan-shengchan-fa.html?ids=a-1"


def test_every_related_questions_link_lists_exactly_the_questions_that_cite_it(knowledge):
    page = all_pages(knowledge)["tasks/t09.md"]
    citing = sorted(e.id for e in knowledge.questions.values() if "t09" in e.question.cites)
    assert f"shishi-fangan.md?ids={','.join(citing)})" in page


def test_overdue_is_judged_against_the_build_date(knowledge):
    task = knowledge.tasks["t05"]  # 2023年年底, nothing recorded
    assert task.deadline.date == date(2023, 12, 31) and not task.status
    assert not is_overdue(task, date(2023, 12, 31)) and is_overdue(task, date(2024, 1, 1))
    assert status_label(task, date(2024, 1, 1))["overdue"] and not status_label(task)["overdue"]
    ongoing = knowledge.tasks["t01"]
    assert not is_overdue(ongoing, date(2030, 1, 1))  # 长期坚持: no date to miss


def test_pages_say_overdue_and_the_date_from_source_date_epoch(knowledge, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14: nothing overdue yet
    before = all_pages(knowledge)
    assert "逾期" not in before["timeline/index.md"].split("<div class=\"yj-timeline\"")[0]
    assert "2023年11月14日" in before[".nav.yml"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01: the 2023 and 2024 deadlines passed
    after = all_pages(knowledge)
    assert "逾期" in after["tasks/t05.md"] and "逾期" in after["index.md"]
    assert '<p class="yj-tl-today" id="today">今天：2025年1月1日</p>' in after["timeline/index.md"]
    timeline = after["timeline/index.md"]
    assert timeline.index("yj-tl-today") < timeline.index("yj-tl-ongoing")


def test_footer_facts_come_from_the_county_file(knowledge, routes):
    facts = footer_facts(routes, knowledge.county, date(2024, 3, 1))
    assert facts["publisher"] == knowledge.county.publisher + "（示例）"  # not yet confirmed
    assert facts["as_of"] == "2024年3月1日" and facts["contact"] == "联系方式待填写"
    assert facts["about"] == "about.html" and facts["home"] == "index.html"
    config = yaml.safe_load(all_pages(knowledge)[".nav.yml"])
    assert config["extra"]["yingji"]["publisher"].startswith(knowledge.county.publisher)


def test_task_short_titles_fit_a_column_heading(knowledge):
    shorts = [task_short_title(t) for t in knowledge.plan.tasks]
    assert shorts[0] == "党政领导责任" and "综合行政执法队伍" in shorts
    assert all(2 <= len(s) <= 14 for s in shorts)


def test_the_village_view_names_signal_routes_leaders_and_dialable_numbers(knowledge):
    village = knowledge.villages["anding-zhen-qiaotou-cun"]
    view = village_view(knowledge, village, "public")
    assert view["move_now"] and all(s["kind"] for s in view["move_now"])
    assert view["leaders"][0].startswith("邓某（村支书")  # the public view: surname only
    assert all("→" in r["name"] and r["id"] not in r["name"] for r in view["routes"])
    tels = {c["phone"]: c["tel"] for c in view["contacts"]}
    assert tels["110"] == "110" and tels["待填写"] is None


def test_the_home_picker_lists_every_village_by_township(knowledge, routes):
    pages = all_pages(knowledge)
    script = pages["villages/picker.data.js"]
    data = json.loads(script.removeprefix("window.yingjiVillages=").rstrip(";\n"))
    assert sum(len(v) for v in data.values()) == len(knowledge.villages)
    assert ["桥头村", "villages/anding-zhen/anding-zhen-qiaotou-cun.html"] in data["anding-zhen"]
    assert 'data-src="villages/picker.data.js"' in pages["index.md"]
    assert "villages/picker.data.js" not in routes.public_urls()  # read by the site's script only


def test_the_about_page_is_for_the_public_and_comes_from_the_county(knowledge):
    about = all_pages(knowledge)["about.md"]
    assert knowledge.county.publisher in about and "发现错误" in about
    assert "content/" not in about and "yingji" not in about  # no developer instructions


def test_measure_tables_counts_wide_pages_and_uncued_tables(tmp_path):
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    from measure_tables import pages, summary

    (tmp_path / "a.html").write_text("<html><body>page</body></html>", "utf-8")
    (tmp_path / "old.html").write_text('<html><head><meta http-equiv="refresh" content="0; url=a.html">', "utf-8")
    assert [p.name for p in pages(tmp_path)] == ["a.html"]  # forwarding pages are not measured
    results = {
        "a.html": {"doc": 360, "tables": [{"over": True, "cue": True}, {"over": False, "cue": False}]},
        "b.html": {"doc": 420, "tables": [{"over": True, "cue": False}]},
    }
    figures = summary(results, 360)
    assert figures["pages_wider_than_screen"] == ["b.html"]
    assert (figures["tables"], figures["tables_wider_than_box"], figures["tables_wider_without_cue"]) == (3, 2, 1)
