"""Driving the site's search box in a real browser: shared by the search tests and `make bench`.

A query can arrive as typed keys, as pasted or voice-typed text (one `input` event, no key
events) or through an input method (composition events). `results()` returns the addresses
of the listed results, relative to the site's root, best first.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import yaml

QUERIES = Path(__file__).resolve().parent / "search_queries.yml"
BOX = ".md-search__input"
ITEM = ".md-search-result__item"
FIRST_LINK = ".md-search-result__item > a:first-child"


def index_files(site: Path) -> list[Path]:
    """The search index files a browser loads from file:// (yingji's own, else Material's)."""
    own = sorted((site / "search").glob("index*.js"))
    return own or [site / "search" / "search_index.js"]


def load_queries(path: Path = QUERIES) -> list[dict]:
    rows = yaml.safe_load(path.read_text("utf-8"))["queries"]
    return [{**row, "q": str(row["q"])} for row in rows]


def enter(page, query: str, how: str = "type") -> None:
    """Put `query` into the search box the way a person would."""
    box = page.locator(BOX)
    box.click()
    box.fill("")
    if how == "type":
        page.keyboard.type(query)
    elif how == "keys":  # typed, then a key press (what Material's own search needs to notice it)
        page.keyboard.type(query)
        page.keyboard.press("End")
    elif how == "paste":  # pasted or voice-typed: one input event, no key events
        page.keyboard.insert_text(query)
    elif how == "ime":  # an input method: compositionstart/update, then the committed text
        client = page.context.new_cdp_session(page)
        client.send("Input.imeSetComposition", {"text": query[:1], "selectionStart": 1, "selectionEnd": 1})
        client.send("Input.insertText", {"text": query})
        client.detach()
    else:
        raise ValueError(how)


def wait_for_results(page, query: str, timeout: float = 15000) -> None:
    page.wait_for_function(
        "([box, item, q]) => document.querySelector(box).value === q && "
        "document.querySelectorAll(item).length > 0 && "
        "document.querySelector('.md-search-result__list').getAttribute('data-yj-query') === q",
        arg=[BOX, ITEM, query],
        timeout=timeout,
    )


def result_links(page, root: str) -> list[str]:
    hrefs = page.eval_on_selector_all(FIRST_LINK, "links => links.map(a => a.href)")
    return [relative_address(href, root) for href in hrefs]


def results(page, root: str, query: str, how: str = "type", settle_ms: int = 300, timeout: float = 15000) -> list[str]:
    enter(page, query, how)
    wait_for_results(page, query, timeout)
    page.wait_for_timeout(settle_ms)  # let the list settle (a slow engine may still be rendering)
    return result_links(page, root)


def relative_address(href: str, root: str) -> str:
    """http://host/base/laws/x.html?h=…#a21 → laws/x.html#a21 (search-highlight parameters dropped)."""
    parts, base = urlsplit(href), urlsplit(root).path.rstrip("/") + "/"
    path = parts.path[len(base):] if parts.path.startswith(base) else parts.path.lstrip("/")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "h"])
    return path + (f"?{query}" if query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def is_expected(address: str, expected: str) -> bool:
    """Same page; and the same anchor or question when the table names one."""
    page, want_page = address.split("#")[0].split("?")[0], expected.split("#")[0].split("?")[0]
    if page != want_page:
        return False
    if "?" in expected and expected.split("#")[0] != address.split("#")[0]:
        return False
    return "#" not in expected or address.endswith("#" + expected.split("#", 1)[1])
