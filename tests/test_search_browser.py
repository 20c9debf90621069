"""Chinese search in a real browser: typed into the search box, on a local server and from file://.

Each query must bring the page that explains it among the first results. This is what tells
whether jieba, the user dictionary and the search setup really work together.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIRST = 3  # "among the first results": the first three pages listed
# query -> pages that answer it (any of them counts; 一村一案 gets its own pages with villages)
EXPECTED = {
    "三管三必须": {"glossary/index.html"},
    "主要负责人": {"glossary/index.html"},
    "一村一案": {"glossary/index.html", "villages/index.html"},
    "12350": {"glossary/index.html"},
    "双重预防": {"glossary/index.html"},
    "应急管理局": {"units/yingjiju.html"},
}


def _result_pages(page, root: str, query: str) -> list[str]:
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query)
    page.keyboard.press("End")  # Material searches on keyup; typed Chinese arrives as text input
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q && "
        "document.querySelectorAll('.md-search-result__item').length > 0",
        arg=query,
        timeout=15000,
    )
    page.wait_for_timeout(300)  # let the result list settle
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a:first-child", "links => links.map(a => a.href)"
    )
    pages = []
    for href in hrefs:
        path = urlsplit(href).path
        relative = path[len(urlsplit(root).path) :].lstrip("/") if path.startswith(urlsplit(root).path) else path
        if relative not in pages:
            pages.append(relative)
    return pages


def _check_queries(page, root: str) -> None:
    page.goto(f"{root}/index.html")
    failures = {}
    for query, expected in EXPECTED.items():
        pages = _result_pages(page, root, query)
        if not expected & set(pages[:FIRST]):
            failures[query] = pages[:FIRST]
    assert not failures, f"expected pages not among the first {FIRST} results: {failures}"


def test_chinese_search_on_a_local_server(built_site, serve_dir, page):
    _check_queries(page, serve_dir(built_site))


def test_chinese_search_from_file_urls(built_site, page):
    _check_queries(page, built_site.as_uri())


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
    context.close()
    assert outside == []
    assert any(url.endswith("resize-observer-polyfill.js") for url in local)
