"""One Jinja2 environment for all templates: strict about undefined names, escaping content.

Content text is escaped twice over: HTML special characters (so `<script>` in a question
shows as text) and Markdown punctuation (so a `*` in a task text is not emphasis).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

# One pass over the text (str.translate): HTML special characters become entities, Markdown
# punctuation gets a backslash. Same result as escape() followed by backslashing, but fast
# enough for a county's thousands of questions and village details.
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&\\#34;", "'": "&\\#39;"}
_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\`*_[]{}#+!|~-"}, **_HTML})
_SPECIAL = re.compile(r"[\\`*_\[\]{}#+!|~\-&<>\"']")  # most Chinese text has none: skip the translation
_LIST_NUMBER = re.compile(r"^(\s*\d+)\.")  # "1. text" at the start would become a numbered list


def md_inline(value: object) -> Markup:
    """Escape text for inline use in Markdown (HTML-escaped, Markdown punctuation backslashed)."""
    text = str(value)
    if _SPECIAL.search(text):
        text = text.translate(_ESCAPES)
    if text.lstrip()[:1].isdigit():
        text = _LIST_NUMBER.sub(r"\1\\.", text)
    return Markup(text)


def md_paragraphs(value: object) -> Markup:
    """Multi-line content text → Markdown paragraphs, one per line."""
    lines = [line.strip() for line in str(value).splitlines() if line.strip()]
    return Markup("\n\n".join(md_inline(line) for line in lines))


_ANCHOR = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def md_anchor(value: object) -> Markup:
    """`{#id}` for attr_list after a heading (written as a filter: `{#` opens a Jinja comment)."""
    if not _ANCHOR.match(str(value)):
        raise ValueError(f"not a usable anchor id: {value!r}")
    return Markup(f"{{#{value}}}")


def yaml_title(value: object) -> Markup:
    """A page title for front matter (`title: {{ x | yaml_title }}`), HTML-escaped.

    Themes print the title into <title>, the header and the nav without escaping it, and
    mkdocs' own title (from the first heading) comes back unescaped; so every generated page
    states its title, escaped, as a JSON string (which YAML reads as a double-quoted scalar).
    """
    return Markup(json.dumps(str(escape(" ".join(str(value).split()))), ensure_ascii=False))


# Print HTML: keep the last characters of a paragraph together, so that its last line never holds
# a single character (孤字), and an article reference never parts from its law title at a line
# end (“《安全生产法》” | “第五条”). A unit is a Chinese character or a run of Latin letters and
# digits; punctuation goes with the unit it follows, an opening mark with the one after it.
_UNIT = re.compile(r"[A-Za-z0-9.%]+|[\u3400-\u9fff]")
_OPENING = "“‘（《〈「『【〔([<"
# a short title goes whole with its article (《消防法》第十六条); a long one keeps its last character
_CITE = re.compile(r"(?:《[^《》\s]{1,8}|[^《》\s])》第[一二三四五六七八九十百零〇]+条(?:第[一二三四五六七八九十]+款)?")
NOBR = '<span class="nobr">{}</span>'


def tie_end(value: object, units: int = 2) -> Markup:
    """Text whose last `units` units (with their punctuation) cannot be split across lines."""
    if isinstance(value, Markup):  # a {% filter %} block: only plain text is tied
        if "<" in value:
            return value
        value = value.unescape()
    text = str(value)
    found = list(_UNIT.finditer(text))
    if len(found) <= units + 1:
        return Markup(_tie_cites(text))
    start = found[-units].start()
    while start and text[start - 1] in _OPENING:
        start -= 1
    start = next((m.start() for m in _CITE.finditer(text) if m.start() < start < m.end()), start)
    return Markup(_tie_cites(text[:start]) + NOBR.format(escape(text[start:])))


def _tie_cites(text: str) -> str:
    """Escaped text in which each “…》第N条” is one unbreakable piece."""
    parts, last = [], 0
    for match in _CITE.finditer(text):
        parts += [str(escape(text[last:match.start()])), NOBR.format(escape(match.group()))]
        last = match.end()
    return "".join(parts) + str(escape(text[last:]))


@lru_cache(maxsize=None)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("yingji", "templates"),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # compiled templates are kept in a per-user temp folder (checked against the source):
        # compiling them costs more than rendering a small county
        bytecode_cache=FileSystemBytecodeCache(),
        auto_reload=False,  # templates do not change during a run; saves a stat() per page
    )
    env.filters["md"] = md_inline
    env.filters["paragraphs"] = md_paragraphs
    env.filters["anchor"] = md_anchor
    env.filters["yaml_title"] = yaml_title
    env.filters["tie_end"] = tie_end
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def print_versions(routes, kind: str, entity: str = "") -> str:
    """The "打印版" line that ends a page with PDFs (its documents in the route table), or ""."""
    docs = routes.downloads_of(kind, entity)
    if not docs or not routes.has("downloads"):
        return ""
    page = routes.path(kind, entity)
    links = "；".join(f"[{md_inline(d.title)}]({routes.link(page, 'pdf', d.path)})（{d.paper}）" for d in docs)
    return f"\n\n---\n\n**打印版（PDF）**：{links}。[全部打印资料]({routes.link(page, 'downloads')})\n"


def render_page(routes, kind: str, entity: str, template: str, **context) -> tuple[str, str]:
    """(docs path, Markdown) of one page of the route table: its template, then its 打印版 line."""
    text = render(template, **context)
    line = print_versions(routes, kind, entity)
    return routes.path(kind, entity), (text.rstrip("\n") + line if line else text)
