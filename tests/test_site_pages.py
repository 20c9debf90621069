"""Every page type of the training site, checked on the built HTML of the default content.

Targeted assertions rather than golden files: the content grows, the facts checked here do not.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from yingji.importers.law_text import int_to_chinese

pytestmark = pytest.mark.slow


def read(site: Path, page: str) -> str:
    return (site / page).read_text("utf-8")


def article(html_text: str) -> str:
    """The page's own content (without navigation, header, footer)."""
    return html_text[html_text.index("<article") : html_text.index("</article>")]


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_home_has_an_entry_for_each_audience_and_the_next_deadlines(built_site):
    home = article(read(built_site, "index.html"))
    for audience in ("备考的企业主要负责人", "培训讲师", "公众"):
        assert audience in home
    assert 'href="plan/index.html"' in home and 'href="units/index.html"' in home
    assert re.search(r'href="laws/anquan-shengchan-fa/chapter-\d+\.html#a\d+"', home)  # 主要负责人的法定职责
    deadlines = home[home.index('id="deadlines"') :]
    assert 'href="tasks/t03.html"' in deadlines and "2023年年底" in deadlines and "未填报" in deadlines


def test_plan_page_has_indicator_table_and_chart(built_site, knowledge):
    plan = article(read(built_site, "plan/index.html"))
    assert 'id="guiding-ideology"' in plan and 'id="goals"' in plan
    for indicator in knowledge.plan.goals.indicators:
        assert f'<span id="{indicator.id}"></span>' in plan
    assert 'class="yj-indicators"' in plan and 'style="width: 75.0%"' in plan
    table = plan[plan.index("<table>") : plan.index("</table>")]
    assert 'href="../units/yingjiju.html"' in table and 'href="../tasks/t04.html"' in table
    for task in knowledge.plan.tasks:
        assert f'href="../tasks/{task.id}.html"' in plan


def test_task_page_shows_units_deadline_status_and_what_cites_it(built_site):
    task = article(read(built_site, "tasks/t09.html"))
    assert "9. 加强生产安全事故防控" in task
    cited = task[task.index('id="cited-by"') :]
    assert 'href="../plan/index.html#ind-shuangchong-yufang"' in cited  # indicator
    assert 'href="../glossary/index.html#term-shuangchong-yufang-jizhi"' in cited  # term
    # questions: a link that opens exactly those questions in practice (#q=…)
    assert re.search(r'实施方案：<a href="../quiz/practice/shishi-fangan.html\?ids=[a-z0-9-]+,[a-z0-9-]+">练习这 2 道题</a>', cited)
    basis = task[task.index('id="basis"') : task.index('id="cited-by"')]  # the laws the task applies
    assert 'href="../laws/anquan-shengchan-fa.html"' in basis and 'href="../laws/hunan-anquan-shengchan-tiaoli.html"' in basis
    assert 'href="../laws/anquan-shengchan-fa/chapter-2.html#a21"' in basis
    assert "未填报" in task
    t02 = article(read(built_site, "tasks/t02.html"))
    assert 'href="../units/anweiban.html"' in t02 and "（负责）" in t02 and "长期坚持" in t02


def test_responsibility_matrix_distinguishes_lead_from_responsible(built_site, knowledge):
    matrix = article(read(built_site, "units/index.html"))
    grid = matrix[matrix.index('class="yj-matrix') :]
    rows = re.findall(r"<tr>(.*?)</tr>", grid[: grid.index("</table>")], re.S)
    assert len(rows) - 1 == len({role.unit for task in knowledge.plan.tasks for role in task.units})
    yingjiju = next(row for row in rows if "units/yingjiju.html" in row or 'href="yingjiju.html"' in row)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", yingjiju, re.S)
    assert 'title="牵头"' in cells[6] and "◆" in cells[6]  # task 6 is led by 县应急管理局
    assert 'title="负责"' in cells[3] and cells[1].strip() == ""  # responsible for 3, not for 1
    unit = article(read(built_site, "units/yingjiju.html"))
    heads = re.findall(r'<span class="yj-colhead"><b>(\d+)</b> (.*?)</span>', grid[: grid.index("</thead>")])
    assert heads[0] == ("1", "党政领导责任") and len(heads) == len(knowledge.plan.tasks)  # short titles, not bare numbers
    assert "13 项（牵头 1、负责 12、参与 0）" in unit
    assert unit.index("6. 加强基层应急管理队伍建设") < unit.index("3. 强化基层工作责任")  # lead first


def test_every_unit_has_a_page(built_site, knowledge):
    for unit in knowledge.units.values():
        assert unit.name in text_of(article(read(built_site, f"units/{unit.id}.html")))


def test_plans_and_units_link_both_ways(built_site, knowledge):
    plan = knowledge.contingency_plans["xian-zx-fangxun"]
    plan_page = article(read(built_site, f"plans/{plan.id}.html"))
    assert f'href="../units/{plan.owner}.html"' in plan_page
    for unit_id in plan.units:
        assert f'href="../units/{unit_id}.html"' in plan_page
    owner_page = article(read(built_site, f"units/{plan.owner}.html"))
    assert f'href="../plans/{plan.id}.html"' in owner_page and "编制" in text_of(owner_page)


def test_timeline_groups_by_deadline_and_never_invents_a_status(built_site, knowledge):
    timeline = article(read(built_site, "timeline/index.html"))
    dates = [text_of(d) for d in re.findall(r'<p class="yj-tl-date">(.*?)</p>', timeline)]
    assert [d.split("项")[0].rstrip("0123456789 ") for d in dates] == ["2023年年底", "2024年年底", "长期坚持"]
    unrecorded = sum(1 for task in knowledge.plan.tasks if not task.status)
    assert timeline.count("yj-status-none") == unrecorded + 1  # one per task and the summary badge
    assert f"未填报 {unrecorded}" in timeline


def law_text_pages(site: Path, law_id: str) -> str:
    """The law's page and, for a long law, its chapter pages in chapter order (one text)."""
    chapters = sorted((site / "laws" / law_id).glob("chapter-*.html"), key=lambda p: int(p.stem.split("-")[1]))
    return "".join(article(p.read_text("utf-8")) for p in [site / "laws" / f"{law_id}.html", *chapters])


def test_law_pages_quote_every_article_word_for_word_with_its_anchor(built_site, knowledge):
    for law in knowledge.laws.values():
        page = law_text_pages(built_site, law.id)
        blocks = re.findall(r'<h[23] id="a(\d+)">(.*?)<a class="headerlink".*?<div class="yj-law-text">(.*?)</div>', page, re.S)
        assert [int(number) for number, _, _ in blocks] == [a.number for a in law.articles]
        for (number, label, block), entry in zip(blocks, law.articles):
            assert label == f"第{int_to_chinese(entry.number)}条"
            paragraphs = [text_of(p) for p in re.findall(r"<p>(.*?)</p>", block, re.S)]
            assert paragraphs == [line.strip() for line in entry.text.splitlines() if line.strip()]
            assert "<a " not in block  # the official text carries no glossary links
        assert law.version in text_of(page)


def test_law_page_labels_the_summary_and_links_back(built_site):
    page = article(read(built_site, "laws/anquan-shengchan-fa/chapter-1.html"))
    a3 = page[page.index('id="a3"') : page.index('id="a4"')]
    assert "要点</strong>（本站通俗解读，非法条原文）" in a3
    assert 'href="../../glossary/index.html#term-sanguan-sanbixu"' in a3  # term citing the article
    assert "相关试题" in a3
    assert re.search(r'安全生产法：<a href="../../quiz/practice/anquan-shengchan-fa.html\?ids=[a-z0-9,-]+">练习这 \d+ 道题</a>', a3)
    index = article(read(built_site, "laws/anquan-shengchan-fa.html"))
    assert "现行有效" in index and "2021年9月1日" in index
    assert 'href="anquan-shengchan-fa/chapter-2.html#a21"' in index  # the 条文目录 reaches every article
    assert 'href="../tasks/t19.html"' in index  # a task whose text names the law


def test_an_article_lists_the_tasks_that_apply_it(built_site):
    page = article(read(built_site, "laws/anquan-shengchan-fa/chapter-2.html"))
    a21 = page[page.index('id="a21"') : page.index('id="a22"')]
    assert 'href="../../tasks/t09.html"' in a21 and "相关任务" in a21


def test_a_repealed_law_is_marked_and_points_to_its_replacement(built_site):
    page = article(read(built_site, "laws/senlin-fanghuo-tiaoli.html"))
    warning = page[page.index('class="yj-repealed"') :]
    assert "本法规已废止" in warning and 'href="senlin-caoyuan-fangmiehuo-tiaoli.html"' in warning
    index = article(read(built_site, "laws/index.html"))
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", index, re.S) if "senlin-fanghuo-tiaoli" in r)
    assert "已废止" in row


def test_glossary_has_an_anchor_per_term_marks_uncertainty_and_links_sources(built_site, knowledge):
    page = article(read(built_site, "glossary/index.html"))
    for term in knowledge.terms.values():
        assert f'id="{term.id}"' in page
    section = page[page.index('id="term-yifa-yitiaoli"') : page.index('id="term-shiwutiao-yingcuoshi"')]
    assert "yj-certainty-check" in section and "待核实" in section
    siyou = page[page.index('id="term-siyou"') :]
    assert "以县应急管理局文件为准" in siyou[: siyou.index("<h3")]
    sanguan = page[page.index('id="term-sanguan-sanbixu"') :]
    assert 'href="../laws/anquan-shengchan-fa/chapter-1.html#a3"' in sanguan[: sanguan.index("<h3")]


def test_glossary_links_never_sit_in_headings_or_tables(built_site):
    link = re.compile(r'<a href="[^"]*glossary/index\.html#term-')
    for path in built_site.rglob("*.html"):
        text = path.read_text("utf-8")
        if "<article" not in text:
            continue  # a forwarding page at a moved address (content/addresses.yml redirects)
        page = article(text)
        for heading in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", page, re.S):
            assert not link.search(heading), (path, heading)
        for table in re.findall(r"<table>(.*?)</table>", page, re.S):
            assert not link.search(table), path


def test_first_mention_of_a_term_links_to_the_glossary_once(built_site):
    body = article(read(built_site, "tasks/t02.html"))
    body = body[: body.index('id="cited-by"')]  # the explicit "相关术语" list comes after
    assert body.count("glossary/index.html#term-sanguan-sanbixu") == 1
    assert "“<a" in body  # 落实“三管三必须”: the quotation marks stay outside the link


def test_nav_stays_small_and_keeps_long_lists_on_index_pages(built_site):
    page = read(built_site, "tasks/t01.html")
    nav = page[page.index("md-nav--primary") : page.index("md-sidebar--secondary")]
    assert "t02.html" not in nav and "yingjiju.html" not in nav and "anquan-shengchan-fa.html" not in nav
    assert len(nav.encode()) < 8000
    for title in ("实施方案", "法律法规", "术语"):
        assert title in nav


def test_pages_carry_a_generated_nav_file_and_search_entries(built_site):
    docs = built_site.parent / "docs"
    nav = (docs / ".nav.yml").read_text("utf-8")
    assert "- 首页: index.md" in nav and "tasks/t01.md" not in nav
    entries = json.loads((docs / ".search-entries.json").read_text("utf-8"))
    names = {name for entry in entries["entries"] for name in entry["names"]}
    assert {"三管三必须", "双重预防", "一单四制", "应急管理局", "一村一案", "安全生产法第二十一条"} <= names
    assert not (built_site / ".nav.yml").exists() and not (built_site / ".search-entries.json").exists()


def test_search_index_names_terms_whole_and_keeps_the_pages_text(built_site):
    script = read(built_site, "search/index.js")
    index = json.loads(script[script.index("=") + 1 : script.rindex(";")])
    names = {name for doc in index["docs"] if len(doc) > 5 for name in doc[5]}
    assert {"三管三必须", "双重预防", "一单四制", "12350"} <= names
    text = " ".join(doc[3] for doc in index["docs"] if len(doc) > 3)
    assert "管行业必须管安全" in text and "<p>" not in text and "\u200b" not in text
    assert len({page[0] for page in index["pages"]}) == len(index["pages"])  # each page listed once
