"""Search in a real browser (Debian chromium), on a local server and from file://.

The query table (tests/search_queries.yml: terms, phrases, article numbers, units and places,
typos, pinyin, question fragments) must bring the right first result; a fresh page searched at
once must answer; text that arrives without key presses (pasted, voice, input methods) is searched;
each page is listed once and never without a word of the query; a found question opens in
practice; nothing is fetched from outside the machine.
"""

from __future__ import annotations

import re

import pytest

from search_kit import BOX, ITEM, enter, is_expected, load_queries, result_links, results, wait_for_results

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(params=["http", "file"])
def root(request, built_site, serve_dir):
    return serve_dir(built_site) if request.param == "http" else built_site.as_uri()


def test_every_query_of_the_table_finds_the_right_first_result(root, page):
    page.goto(f"{root}/index.html")
    wrong = {}
    for row in load_queries():
        links = results(page, root, row["q"])
        if not is_expected(links[0], row["first"]):
            wrong[row["q"]] = (links[:3], row["first"])
    assert not wrong, wrong


def test_twenty_fresh_opens_from_file_search_at_once(built_site, browser):
    """Typed or pasted as soon as the search box shows, before the page has finished loading."""
    root = built_site.as_uri()
    rows = [row for row in load_queries() if row["kind"] in ("术语", "单位", "地名", "错别字")]
    failures = []
    for i in range(20):
        row, how = rows[i % len(rows)], ("type", "paste")[i % 2]
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        page.goto(f"{root}/{('index.html', 'laws/index.html', 'villages/index.html')[i % 3]}", wait_until="commit")
        page.wait_for_selector(BOX, state="visible")
        enter(page, row["q"], how)
        try:
            wait_for_results(page, row["q"], timeout=5000)
            first = result_links(page, root)[0]
        except Exception:  # noqa: BLE001 - reported below
            first = None
        context.close()
        if not (first and is_expected(first, row["first"])):
            failures.append((i, how, row["q"], first))
    assert not failures, failures


@pytest.mark.parametrize("how", ["paste", "ime", "type"])
def test_text_is_searched_however_it_arrives(root, page, how):
    """Pasted or voice text brings one input event and no key; an input method composes first."""
    page.goto(f"{root}/index.html")
    links = results(page, root, "双重预防", how)
    assert is_expected(links[0], "glossary/index.html#term-shuangchong-yufang-jizhi"), links[:3]


def test_each_page_is_listed_once_and_villages_do_not_flood(root, page):
    page.goto(f"{root}/index.html")
    links = results(page, root, "转移")
    pages = [link.split("#")[0].split("?")[0] for link in links]
    assert len(pages) == len(set(pages)), pages
    assert not pages[0].startswith("villages/"), pages[:5]


def _engine(page, query: str) -> list[dict]:
    return page.evaluate("q => window.yingjiSearch.search(q)", query)


@pytest.mark.parametrize("query", ["发生事故后立即报告本单位负责人", "防汛 值班", "安全生产法 罚款", "演练"])
def test_no_result_lacks_every_word_and_fuller_matches_come_first(built_site, serve_dir, page, query):
    """A 'word' of a Chinese query is any two characters of it in a row (what a person means by
    a word is not known to the browser); a result with none of them is never listed, and results
    with more of the query's space-separated words come before those with fewer."""
    root = serve_dir(built_site)
    page.goto(f"{root}/index.html")
    page.click(BOX)
    page.wait_for_function("() => window.yingjiSearch && window.yingjiSearch.ready()")
    found = _engine(page, query)
    assert found
    terms = query.split()
    pairs = {term[i : i + 2] for term in terms for i in range(max(1, len(term) - 1))}
    for hit in found:
        text = hit["text"] + hit["title"] + " ".join(hit["names"])
        assert any(pair in text for pair in pairs), hit
    matched = [hit["matched"] for hit in found]
    assert matched == sorted(matched, reverse=True)


def test_a_found_question_opens_in_practice(root, page):
    page.goto(f"{root}/index.html")
    links = results(page, root, "可以动员未成年人参加灭火")
    assert links[0] == "quiz/practice/cunji-bixian.html?q=cjbx-004"
    page.click(f"{ITEM} > a >> nth=0")
    page.wait_for_selector(".yj-quiz[data-ready='1']")
    assert page.get_attribute(".yj-stage .yj-question", "data-qid") == "cjbx-004"
    assert "未成年人" in page.inner_text(".yj-stage")


def test_no_request_leaves_the_machine_even_in_an_old_browser(built_site, serve_dir, browser):
    """Without ResizeObserver, Material would fetch a polyfill from a CDN; ours comes first."""
    base = serve_dir(built_site)
    context = browser.new_context(locale="zh-CN")
    context.add_init_script("delete window.ResizeObserver")
    outside, local = [], []

    def route(request_route):
        url = request_route.request.url
        (local if url.startswith(base) else outside).append(url)
        if url.startswith(base):
            request_route.continue_()
        else:
            request_route.abort()

    context.route(re.compile(".*"), route)
    page = context.new_page()
    for target in ("index.html", "laws/anquan-shengchan-fa.html", "units/index.html", "glossary/index.html"):
        page.goto(f"{base}/{target}")
        page.wait_for_load_state("networkidle")
    results(page, base, "三管三必须")
    context.close()
    assert outside == []
    assert any(url.endswith("resize-observer-polyfill.js") for url in local)
    assert any(url.endswith("search/index.js") for url in local)
