"""The search index the browser loads: the pages' text by section, joined with the named entries.

The mkdocs hook (hooks/yingji_search.py) hands over each page's HTML; the index has one list of
pages and one of documents (a section of a page, a term, an article, a practice question …).
Documents carry the names that make them an exact hit (term and aliases, unit names, 安全生产法
第二十一条 …) with their pinyin; the browser's engine (theme_overrides/assets/yingji/search.js)
ranks name hits above title hits above text, and lists each page once.

Kept small for file:// (where the browser loads it uncompressed): plain text only, no markup;
a paragraph repeated on many pages (a village page's standard advice) is kept on the first only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

INDEX_FILE = "search/index.js"  # in the built site
GLOBAL = "yingjiSearchIndex"
# Document kinds, by position; the browser labels and weighs them (search.js KINDS).
KINDS = ("section", "page", "term", "unit", "law", "article", "task", "township", "village", "plan", "question")
REPEATED_ON = 4  # a block found on this many pages or more is kept on the first of them only
_BLOCKS = {"p", "li", "td", "th", "tr", "dd", "dt", "div", "pre", "blockquote", "table", "ul", "ol", "section"}
_SKIPPED = {"script", "style", "template", "svg"}
_SPACE = re.compile(r"\s+")
_FULLWIDTH = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}


def normalize(text: str) -> str:
    """The form that is searched (the browser treats queries alike): one space between words,
    full-width letters and digits as ASCII, lower case."""
    return _SPACE.sub(" ", text.translate(_FULLWIDTH)).strip().lower()


@dataclass
class Section:
    anchor: str  # "" for the top of the page
    title: str
    blocks: list[str] = field(default_factory=list)


class _SectionParser(HTMLParser):
    """Splits a page's content HTML at its headings into sections of text blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [Section("", "")]
        self.heading: str | None = None  # tag of the open heading
        self.skipping = 0
        self.buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in _SKIPPED or "headerlink" in (attributes.get("class") or "") or "data-search-exclude" in attributes:
            self.skipping += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            anchor = "" if tag == "h1" else attributes.get("id") or ""
            self.sections.append(Section(anchor, ""))
            self.heading = tag
        elif tag in _BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag):
        if self.skipping and (tag in _SKIPPED or tag == "a"):
            self.skipping -= 1
        elif tag == self.heading:
            self.sections[-1].title = normalize("".join(self.buffer))
            self.buffer, self.heading = [], None
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.skipping:
            self.buffer.append(data)

    def _flush(self):
        if self.heading:
            return
        text = normalize("".join(self.buffer))
        if text:
            self.sections[-1].blocks.append(text)
        self.buffer = []

    def result(self) -> list[Section]:
        self._flush()
        merged: list[Section] = []
        for section in self.sections:  # the h1 continues the untitled start of the page
            if merged and section.anchor == "" and not merged[-1].title and not merged[-1].anchor:
                merged[-1].title = section.title
                merged[-1].blocks += section.blocks
            elif section.title or section.blocks:
                merged.append(section)
        return merged


def page_sections(html: str) -> list[Section]:
    parser = _SectionParser()
    parser.feed(html)
    parser.close()
    return parser.result()


@dataclass
class Page:
    url: str
    title: str
    sections: list[Section]


def build_index(pages: list[Page], extra: dict) -> dict:
    """The index: pages, documents (sections joined with the named entries), corrections, and the
    homophone table. `extra` is what the site stage wrote (yingji/site/search_entries.py)."""
    repeated = _repeated_blocks(pages)
    seen: set[str] = set()
    by_url = {}
    index_pages, docs = [], []
    for number, page in enumerate(pages):
        index_pages.append([page.url, normalize(page.title) or page.url])
        for section in page.sections:
            blocks = [b for b in section.blocks if b not in repeated or b not in seen]
            seen |= {b for b in blocks if b in repeated}
            doc = [number, section.anchor, section.title, " ".join(blocks), 0]
            by_url[_address(page.url, section.anchor)] = doc
            docs.append(doc)
    page_numbers = {page.url: number for number, page in enumerate(pages)}
    for entry in extra.get("entries", []):
        _join(entry, by_url, page_numbers, docs, index_pages)
    return {"kinds": list(KINDS), "pages": index_pages, "docs": [_trim(doc) for doc in docs],
            "corrections": [[normalize(wrong), normalize(right)] for wrong, right in extra.get("corrections", [])],
            "homophones": extra.get("homophones", {})}


def _address(url: str, anchor: str) -> str:
    if not anchor:
        return url
    return url + anchor if anchor.startswith("?") else f"{url}#{anchor}"


def _join(entry: dict, by_url: dict, page_numbers: dict, docs: list, pages: list) -> None:
    """Give a document its names and kind; a question (or a name without a section) becomes a
    document of its own on its page. Entries whose page was not built are dropped."""
    url = entry["url"]
    page_url, anchor = (url.split("?", 1)[0], "?" + url.split("?", 1)[1]) if "?" in url else (url.split("#")[0], url.partition("#")[2])
    if page_url not in page_numbers:
        return
    kind = KINDS.index(entry["kind"])
    doc = by_url.get(url)
    if doc is None:
        names = entry["names"]
        doc = [page_numbers[page_url], anchor, normalize(entry.get("title") or (names[0] if names else "")),
               normalize(entry.get("text", "")), kind]
        docs.append(doc)
        by_url[url] = doc
    doc[4] = kind
    if entry["names"] and len(doc) == 5:
        doc += [[normalize(name) for name in entry["names"]], entry["pinyin"] if any(entry["pinyin"]) else []]
    if not anchor and len(pages[page_numbers[page_url]]) == 2:
        pages[page_numbers[page_url]].append(kind)  # the page is this thing (a unit, a village …)


def _trim(doc: list) -> list:
    while doc and doc[-1] in ("", [], 0) and len(doc) > 4:
        doc.pop()
    return doc


def _repeated_blocks(pages: list[Page]) -> set[str]:
    """Blocks found on REPEATED_ON pages or more (standard advice, notes on sample data …)."""
    counts = Counter(block for page in pages for block in {b for s in page.sections for b in s.blocks if len(b) >= 8})
    return {block for block, count in counts.items() if count >= REPEATED_ON}


def index_script(index: dict) -> str:
    """The index as a script: from file:// a page can load a script but cannot fetch a file."""
    return f"window.{GLOBAL}=" + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n"


def write_index(site_dir: Path, index: dict) -> Path:
    path = site_dir / INDEX_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(index_script(index), "utf-8")
    return path
