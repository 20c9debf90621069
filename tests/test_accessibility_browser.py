"""Accessibility is checked, not assumed: axe-core (shipped inside the axe-playwright-python
package, injected from disk: no outside request) runs over one page of each kind at phone and
desktop width; no serious or critical finding is allowed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from test_layout_browser import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1366, "height": 768}}


def axe_script() -> Path:
    package = pytest.importorskip("axe_playwright_python")
    return Path(package.__file__).with_name("axe.min.js")


def serious_findings(page) -> list[dict]:
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("size", sorted(SIZES))
def test_no_serious_or_critical_axe_findings_on_any_kind_of_page(built_site, browser, size):
    script = axe_script()
    context = browser.new_context(viewport=SIZES[size], locale="zh-CN")
    context.route(re.compile(r"^https?://"), lambda route: route.abort())
    page = context.new_page()
    found = {}
    for target in PAGES:
        page.goto((built_site / target).as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)
        page.add_script_tag(path=str(script))
        findings = serious_findings(page)
        if findings:
            found[target] = findings
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
