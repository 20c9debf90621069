"""Every kind of page reads on a 360 px phone: the page never scrolls sideways, a table never
hides columns without a visible cue (records stack as cards, the matrix keeps its unit column
and says it scrolls), the 1+N+X boxes are links, a village page opens with its emergency block,
old addresses land where they should; and pages print without the site's chrome."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 360, "height": 740}
VILLAGE = "villages/anding-zhen/anding-zhen-qiaotou-cun.html"
# one page of every kind of the route table
PAGES = [
    "index.html",
    "plan/index.html",
    "tasks/index.html",
    "tasks/t09.html",
    "units/index.html",
    "units/by-unit.html",
    "units/yingjiju.html",
    "timeline/index.html",
    "laws/index.html",
    "laws/anquan-shengchan-fa.html",
    "laws/anquan-shengchan-fa/chapter-2.html",
    "laws/xiaofang-fa.html",
    "glossary/index.html",
    "plans/index.html",
    "plans/xian-zx-fangxun.html",
    "villages/index.html",
    "villages/anding-zhen/index.html",
    VILLAGE,
    "quiz/index.html",
    "quiz/practice/anquan-shengchan-fa.html",
    "quiz/exam/zhuyao-fuzeren-moni.html",
    "quiz/review.html",
    "downloads/index.html",
    "about.html",
    "404.html",
]

TABLES = """() => [...document.querySelectorAll('.md-typeset table')].map(t => {
  const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;
  const hint = box.previousElementSibling;
  return {
    over: t.scrollWidth > box.clientWidth + 1,
    cue: box.classList.contains('yj-more') && Boolean(hint) && hint.classList.contains('yj-scroll-hint') && !hint.hidden
         && hint.getBoundingClientRect().height > 0,
  };
})"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.route(re.compile(r"^https?://"), lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


def open_at(page, site, target: str):
    page.goto((site / target.split("#")[0]).as_uri() + ("#" + target.split("#")[1] if "#" in target else ""))
    page.wait_for_load_state("load")
    page.wait_for_timeout(50)  # site.js fits the tables once Material has wrapped them
    return page


def test_every_kind_of_page_fits_a_360px_phone_and_no_table_hides_columns_without_a_cue(built_site, phone):
    assert all((built_site / target).exists() for target in PAGES), [t for t in PAGES if not (built_site / t).exists()]
    too_wide, hidden = {}, {}
    for target in PAGES:
        open_at(phone, built_site, target)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width != PHONE["width"]:
            too_wide[target] = width
        uncued = [t for t in phone.evaluate(TABLES) if t["over"] and not t["cue"]]
        if uncued:
            hidden[target] = len(uncued)
        assert phone.locator("h1").first.is_visible(), target
    assert too_wide == {} and hidden == {}


def test_record_tables_become_labelled_cards_on_a_phone(built_site, phone):
    open_at(phone, built_site, VILLAGE)
    people = phone.locator("table.yj-stack").filter(has_text="职责").first
    cell = people.locator("tbody td").nth(2)
    assert cell.get_attribute("data-label") == "电话"
    assert cell.evaluate("el => getComputedStyle(el, '::before').content").startswith('"电话')
    assert "route-" not in phone.locator("article").inner_text()  # routes by name, never by id


def test_the_matrix_keeps_its_unit_column_in_place_while_scrolling(built_site, phone):
    open_at(phone, built_site, "units/index.html")
    box = phone.locator(".yj-matrix .md-typeset__scrollwrap").first
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # wider than the phone: it scrolls
    assert phone.locator(".yj-matrix").locator("xpath=..").locator(".yj-scroll-hint").first.is_visible()
    unit = phone.locator(".yj-matrix tbody td").first
    task_cell = phone.locator(".yj-matrix tbody tr").first.locator("td").nth(5)
    before, cell_before = unit.bounding_box(), task_cell.bounding_box()
    box.evaluate("el => { el.scrollLeft = 300; }")
    phone.wait_for_timeout(50)
    after, cell_after = unit.bounding_box(), task_cell.bounding_box()
    assert cell_after["x"] < cell_before["x"] - 200  # the task columns moved …
    assert abs(after["x"] - before["x"]) <= 1  # … the unit column did not (1 px: the table border)
    heading = phone.locator(".yj-matrix thead th").nth(1).inner_text()
    assert re.sub(r"\s", "", heading) == "1党政领导责任"  # a column is titled by its task, not a bare number
    link = phone.locator("a", has_text="按单位列出的任务清单")
    assert link.is_visible()
    link.click()
    assert phone.url.endswith("units/by-unit.html")


def test_every_box_of_the_plan_tree_is_a_link_and_reads_on_a_phone(built_site, phone):
    open_at(phone, built_site, "plans/index.html")
    boxes = phone.locator(".yj-tree .yj-node")
    assert boxes.count() > 20
    for i in range(boxes.count()):
        box = boxes.nth(i)
        assert box.evaluate("el => el.tagName") == "A" and box.get_attribute("href")
        assert box.evaluate("el => el.scrollWidth <= el.clientWidth")  # nothing cut off
        assert float(box.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px")) >= 12
    lefts = {round(boxes.nth(i).bounding_box()["x"]) for i in range(1, boxes.count())}
    assert len(lefts) == 1  # one column on a phone
    boxes.nth(1).click()
    assert re.search(r"plans/xian-zx-[a-z-]+\.html$", phone.url)


def test_the_village_page_opens_with_the_emergency_block(built_site, phone):
    open_at(phone, built_site, VILLAGE)
    block = phone.locator(".yj-emergency")
    top = block.bounding_box()["y"]
    assert top < PHONE["height"] / 2  # it starts on the first screen
    first_screen = phone.evaluate(
        "h => [...document.querySelectorAll('.yj-emergency a.yj-phone, .yj-emergency .yj-signal')]"
        ".filter(el => el.getBoundingClientRect().bottom <= h).map(el => el.textContent)", PHONE["height"])
    text = " ".join(first_screen)
    assert "110" in text and "119" in text and "120" in text and "立即转移" in text
    assert phone.locator('.yj-emergency a[href="tel:110"]').count() == 1
    assert "带路" in block.inner_text() and "指挥转移" in block.inner_text()


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_an_old_article_address_lands_on_its_article(built_site, browser, serve_dir, scheme):
    base = serve_dir(built_site) if scheme == "http" else built_site.as_uri()
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{base}/laws/anquan-shengchan-fa.html#a21")
    page.wait_for_url(re.compile(r"chapter-2\.html#a21$"))
    assert page.locator("#a21").is_visible()
    assert page.locator("#a21").bounding_box()["y"] < 200  # scrolled to the article
    page.close()


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_related_questions_open_exactly_those_questions(built_site, browser, serve_dir, scheme):
    base = serve_dir(built_site) if scheme == "http" else built_site.as_uri()
    page = browser.new_page(viewport=PHONE)
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{base}/laws/anquan-shengchan-fa/chapter-2.html")
    link = page.locator("#a21 ~ .yj-cited a", has_text="练习这").first
    wanted = int(re.search(r"(\d+)", link.inner_text()).group(1))
    ids = link.get_attribute("href").split("?ids=")[1].split(",")
    assert len(ids) == wanted
    link.click()
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert f"只练相关的 {wanted} 道题" in page.locator(".yj-picked").inner_text()
    assert page.locator(".yj-progress-line").first.is_visible()
    stage = page.locator(".yj-stage")
    assert f"/ {wanted}" in stage.inner_text() or f"共 {wanted}" in stage.inner_text() or wanted == 1
    assert not errors, errors
    page.close()


def test_the_404_page_is_chinese_and_styled_from_file(built_site, phone):
    open_at(phone, built_site, "404.html")
    assert phone.locator("h1").inner_text() == "页面不存在"
    header = phone.locator(".md-header").evaluate("el => getComputedStyle(el).position")
    assert header in ("sticky", "fixed")  # the theme's stylesheet loaded from file://
    phone.locator("a", has_text="回到首页").click()
    assert phone.url.endswith("/index.html")
    assert phone.evaluate("document.documentElement.lang") == "zh-CN"


def test_home_offers_first_actions_search_and_a_village_picker_offline(built_site, phone):
    open_at(phone, built_site, "index.html")
    actions = phone.locator(".yj-first-action")
    assert actions.count() == 3
    for i in range(3):
        assert actions.nth(i).bounding_box()["y"] + actions.nth(i).bounding_box()["height"] <= PHONE["height"]
    assert phone.locator("#yj-home-q").bounding_box()["y"] < PHONE["height"]
    picker = phone.locator(".yj-picker")
    picker.locator("select[name=township]").select_option(label="安定镇")
    village = picker.locator("select[name=village]")
    phone.wait_for_function("document.querySelector('.yj-picker select[name=village]').options.length > 1")
    village.select_option(label="桥头村")
    picker.locator("button").click()
    phone.wait_for_url(re.compile(r"villages/anding-zhen/anding-zhen-qiaotou-cun\.html$"))
    open_at(phone, built_site, "index.html")
    phone.locator("#yj-home-q").fill("三管三必须")
    phone.locator(".yj-home-search button").click()
    phone.wait_for_function("document.getElementById('__search').checked")
    assert phone.locator(".md-search__input").input_value() == "三管三必须"


def test_overdue_tasks_are_marked_against_the_build_date(built_site, phone):
    open_at(phone, built_site, "timeline/index.html")
    assert phone.locator(".yj-tl-today").is_visible()
    assert phone.locator(".yj-status-late").count() > 1
    footer = phone.locator(".yj-site-footer").inner_text()
    assert "信息截至" in footer and "维护发布" in footer


def test_pages_print_without_navigation(built_site, browser):
    page = browser.new_page()
    page.goto((built_site / "units" / "index.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).display") == "none"
    assert page.locator(".md-sidebar--primary").evaluate("el => getComputedStyle(el).display") == "none"
    wrap = page.locator(".yj-matrix .md-typeset__scrollwrap").first
    assert wrap.evaluate("el => getComputedStyle(el).overflow") == "visible"  # the whole grid prints
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.close()
