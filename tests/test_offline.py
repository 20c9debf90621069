"""Offline and in China: no page, stylesheet or script of the built site loads anything from
another host (scripts, styles, fonts, images). Plain <a href> links to official sources are fine."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, //host
# Attributes that make a browser fetch something, per tag (<a href> only navigates when clicked).
FETCHING = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),
}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", re.I)
# In scripts: URLs handed to a loader, or that name a script, style, font or image file.
JS_LOADED_URL = re.compile(
    r"""["'`]((?:https?:)?//(?:(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|"""
    r"""fonts\.gstatic\.com)/[^"'`\s]*|[^"'`\s]+?\.(?:js|mjs|css|woff2?|ttf|otf|eot|png|jpe?g|gif|svg|webp)))["'`]""",
    re.I,
)
# Absolute URLs that occur in Material's bundle and are never loaded by this site, with why.
KNOWN_DEAD = {
    "https://unpkg.com/mermaid": "only for ```mermaid blocks; content is escaped, so none exist (checked below)",
    "https://unpkg.com/resize-observer-polyfill": "only without ResizeObserver: our loader provides the vendored polyfill first",
}


class _Fetches(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in FETCHING.get(tag, ()):
            value = values.get(name) or ""
            for part in value.split(","):  # srcset
                if OUTSIDE.match(part):
                    self.found.append(f"<{tag} {name}={part.strip()}>")
        style = values.get("style") or ""
        self.found += [f"style url({u})" for u in CSS_URL.findall(style) if OUTSIDE.match(u)]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found += [f"<style> url({u})" for u in CSS_URL.findall(data) if OUTSIDE.match(u)]


def outside_urls(site: Path) -> list[str]:
    problems = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text("utf-8", errors="replace")
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            parser = _Fetches()
            parser.feed(text)
            problems += [f"{name}: {item}" for item in parser.found]
        elif path.suffix == ".css":
            problems += [f"{name}: url({u})" for u in CSS_URL.findall(text) if OUTSIDE.match(u)]
        else:
            problems += [
                f"{name}: {u}" for u in JS_LOADED_URL.findall(text) if not any(u.startswith(d) for d in KNOWN_DEAD)
            ]
    return problems


@pytest.mark.slow
def test_no_page_stylesheet_or_script_loads_from_another_host(built_site):
    assert outside_urls(built_site) == []


@pytest.mark.slow
def test_the_dead_loaders_stay_dead(built_site):
    pages = [p.read_text("utf-8") for p in built_site.rglob("*.html")]
    assert not any('class="mermaid"' in page for page in pages)
    index = (built_site / "index.html").read_text("utf-8")
    loader = index.index("resize-observer-loader.js")
    assert loader < index.index("bundle."), "the ResizeObserver loader must run before Material's bundle"
    assert "iframe-worker-shim.js" in index and "unpkg.com" not in index


@pytest.mark.slow
def test_no_google_fonts_and_official_sources_are_plain_links(built_site):
    law = (built_site / "laws" / "anquan-shengchan-fa.html").read_text("utf-8")
    assert "fonts.googleapis" not in law and "fonts.gstatic" not in law
    assert '<a href="https://flk.npc.gov.cn/"' in law


def test_the_scanner_finds_outside_resources(tmp_path):
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn.example/x.js"></script>'
        '<img srcset="ok.png 1x, https://img.example/y.png 2x"><a href="https://flk.npc.gov.cn/">法规</a>'
        '<div style="background:url(https://img.example/bg.png)"></div>',
        "utf-8",
    )
    (tmp_path / "b.css").write_text("@font-face{src:url(https://fonts.gstatic.com/x.woff2)}", "utf-8")
    (tmp_path / "c.js").write_text('s.src="https://unpkg.com/lib@1/x.min.js";var doc="https://example.org/page"', "utf-8")
    found = outside_urls(tmp_path)
    assert len(found) == 6, found
    assert not any("flk.npc.gov.cn" in item or "example.org/page" in item for item in found)
