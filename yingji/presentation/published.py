"""Stable addresses: every address a release published must still work in the next one.

content/addresses.yml keeps the list of published addresses (pages, PDFs, article and term
anchors) and the redirects of those that moved. A build whose route table lacks a published
address, with no redirect for it, stops with a content error naming the address and its line;
a redirect becomes a small page at the old address that forwards to the new one (offline too).
"""

from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path

from ..content.knowledge import Knowledge
from ..diagnostics import Location, Problem
from .routes import RouteTable, served_path

ADDRESSES_FILE = "content/addresses.yml"


def lost_addresses(root: Path, knowledge: Knowledge, routes: RouteTable) -> list[Problem]:
    """Published addresses this build would not serve, and redirects that lead nowhere."""
    served = set(routes.public_urls())
    moved = {redirect.old for redirect in knowledge.addresses.redirects}
    lines = _lines(root)
    problems = [
        Problem(
            Location(ADDRESSES_FILE, lines.get(address, 1), 5),
            f"published[{index}]",
            f"已发布的网址“{address}”在本次生成的网站中不存在：打印的二维码和转发的链接会失效。"
            "如果页面搬了家，请在 redirects 中写明 {old: 旧网址, new: 新网址}；如果确实要删除，请先把它从 published 中去掉",
        )
        for index, address in enumerate(knowledge.addresses.published)
        if address not in served and address not in moved
    ]
    for index, redirect in enumerate(knowledge.addresses.redirects):
        if redirect.new not in served:
            problems.append(Problem(
                Location(ADDRESSES_FILE, lines.get(redirect.new, 1), 5),
                f"redirects[{index}].new",
                f"转到的网址“{redirect.new}”在本次生成的网站中不存在",
            ))
    return problems


def _lines(root: Path) -> dict[str, int]:
    """address → its line in content/addresses.yml (for the error location)."""
    path = root / ADDRESSES_FILE
    if not path.exists():
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        text = line.strip().removeprefix("- ").strip().strip("'\"")
        found.setdefault(text, number)
    return found


def redirect_pages(knowledge: Knowledge, routes: RouteTable) -> dict[str, str]:
    """{docs path: HTML} of a forwarding page at each old page address that the build no longer
    serves (anchors of such a page are forwarded by its script: #a5 goes to its own new address)."""
    served = set(routes.public_urls())
    by_page: dict[str, dict[str, str]] = {}
    for redirect in knowledge.addresses.redirects:
        page, _, anchor = redirect.old.partition("#")
        if page not in served:
            by_page.setdefault(page, {})[anchor] = redirect.new
    return {page: _forwarding_page(page, targets) for page, targets in sorted(by_page.items()) if page.endswith(".html")}


def _forwarding_page(page: str, targets: dict[str, str]) -> str:
    relative = {anchor: posixpath.relpath(new.partition("#")[0], posixpath.dirname(page) or ".") + (
        "#" + new.partition("#")[2] if "#" in new else "") for anchor, new in targets.items()}
    default = relative.get("") or next(iter(relative.values()))
    mapping = json.dumps(relative, ensure_ascii=False).replace("<", "\\u003c")
    return (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={html.escape(default)}">\n'
        '<meta name="robots" content="noindex"><title>页面已搬到新地址</title>\n'
        f"<script>var t={mapping};location.replace(t[location.hash.slice(1)]||t[\"\"]||{json.dumps(default)});</script>\n"
        f'</head><body><p>页面已搬到新地址：<a href="{html.escape(default)}">{html.escape(default)}</a></p></body></html>\n'
    )


def anchor_forwards(knowledge: Knowledge, routes: RouteTable) -> dict[str, dict[str, str]]:
    """{docs path: {anchor: address relative to that page}} for anchors that moved off a page
    that still exists: a long law's page forwarding #a21 to its chapter page, and redirects
    written as {old: page#anchor, new: …} whose page is still served."""
    served = set(routes.public_urls())
    forwards: dict[str, dict[str, str]] = {}
    for (page, anchor), (target, target_anchor) in routes.forwarded_anchors().items():
        here = served_path(page, routes.directory_urls)
        there = f"{served_path(target, routes.directory_urls)}#{target_anchor}"
        forwards.setdefault(page, {})[anchor] = _relative(here, there)
    docs_of = {served_path(r.path, routes.directory_urls): r.path for r in routes.routes.values() if r.is_page}
    for redirect in knowledge.addresses.redirects:
        page, _, anchor = redirect.old.partition("#")
        if anchor and page in served and redirect.old not in served and page in docs_of:
            forwards.setdefault(docs_of[page], {})[anchor] = _relative(page, redirect.new)
    return forwards


def forwarding_script(targets: dict[str, str]) -> str:
    """A script for the end of a page: opened with one of these #anchors, go where it moved."""
    mapping = json.dumps(dict(sorted(targets.items())), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return (
        f'\n\n<script>(function(){{var t={mapping};function go(){{var a=decodeURIComponent(location.hash.slice(1));'
        'if(Object.prototype.hasOwnProperty.call(t,a))location.replace(t[a]);}go();'
        'window.addEventListener("hashchange",go);})();</script>\n'
    )


def with_anchor_forwards(pages: dict[str, str], knowledge: Knowledge, routes: RouteTable) -> None:
    """Append the forwarding script to every generated page that has anchors to forward."""
    for page, targets in anchor_forwards(knowledge, routes).items():
        if page in pages:
            pages[page] = pages[page].rstrip("\n") + forwarding_script(targets)


def _relative(page: str, address: str) -> str:
    """A served address (path#anchor) relative to a served page."""
    path, _, anchor = address.partition("#")
    target = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return target + (f"#{anchor}" if anchor else "")


def addresses_yaml(routes: RouteTable, knowledge: Knowledge) -> str:
    """content/addresses.yml with the addresses of this build as the published list (redirects kept)."""
    lines = [
        "# 本站已发布的网址：明白卡二维码和转发出去的链接都指向这些地址。",
        "# 生成网站时，如果其中某个网址不再存在、又没有在 redirects 中说明搬到了哪里，生成会停止。",
        "# 每次正式发布后运行 yingji urls --save 更新本文件（redirects 保留）。",
        "published:",
        *(f"  - {address}" for address in routes.public_urls()),
        "redirects:" + ("" if knowledge.addresses.redirects else " []"),
        *(f"  - {{old: {r.old}, new: {r.new}}}" for r in knowledge.addresses.redirects),
    ]
    return "\n".join(lines) + "\n"
