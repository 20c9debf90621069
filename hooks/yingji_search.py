"""mkdocs hook (mkdocs.yml `hooks:`): yingji's own search index, search/index.js.

Material's search plugin stays on for its search box in the header, but indexes nothing: the
page text goes into yingji's index instead (yingji/site/search_index.py), joined with the names,
pinyin, practice questions and corrections that `yingji build` wrote to docs/.search-entries.json.
Zensical ignores hooks: a Zensical build has Zensical's own search.
"""

from __future__ import annotations

import json
from pathlib import Path

from yingji.site.search_entries import ENTRIES_FILE
from yingji.site.search_index import Page, build_index, page_sections, write_index

_pages: dict[str, Page] = {}  # by URL: the preview rebuilds a changed page in place (yingji/preview)


def on_pre_build(config):
    _pages.clear()


def on_page_markdown(markdown, page, config, files):
    excluded = (page.meta.get("search") or {}).get("exclude")
    page.meta["yingji_search"] = not excluded
    page.meta["search"] = {"exclude": True}  # Material's own index would only be thrown away
    return markdown


def on_page_content(html, page, config, files):
    if page.meta.get("yingji_search"):
        _pages[page.url] = Page(page.url, page.title or "", page_sections(html))
    return html


def on_post_build(config):
    extra_path = Path(config.docs_dir) / ENTRIES_FILE
    extra = json.loads(extra_path.read_text("utf-8")) if extra_path.exists() else {}
    write_index(Path(config.site_dir), build_index([_pages[url] for url in sorted(_pages)], extra))
