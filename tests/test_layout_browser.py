"""Every page type reads on a 360 px phone (no sideways scrolling of the page; wide tables scroll
inside their own box) and prints without the site's chrome."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [
    "index.html",
    "plan/index.html",
    "tasks/index.html",
    "tasks/t05.html",
    "units/index.html",
    "units/yingjiju.html",
    "timeline/index.html",
    "laws/index.html",
    "laws/anquan-shengchan-fa.html",
    "laws/senlin-fanghuo-tiaoli.html",
    "glossary/index.html",
]


def test_pages_fit_a_360px_phone(built_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN", device_scale_factor=2)
    page = context.new_page()
    too_wide = {}
    for target in PAGES:
        page.goto((built_site / target).as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[target] = width
        assert page.locator("h1").first.is_visible()
    context.close()
    assert too_wide == {}


def test_the_grid_scrolls_inside_its_box_on_a_phone(built_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = context.new_page()
    page.goto((built_site / "units" / "index.html").as_uri())
    box = page.locator(".yj-matrix .md-typeset__scrollwrap").first
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # wider than the phone: scrolls
    first_cell = page.locator(".yj-matrix td").first
    assert first_cell.evaluate("el => getComputedStyle(el).position") == "sticky"  # unit names stay
    context.close()


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
