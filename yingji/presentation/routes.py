"""The route table: every page, data file and PDF the build will write, planned before any is
rendered. Each route has its file in docs/, its URL as served, its title and the entity it shows.

Pages, PDFs, QR codes, navigation, cross-links and download links all ask this table; nothing
else builds a path. Asking for something the table lacks raises MissingRoute naming the entity,
before mkdocs runs. Routes derive from ids, never from list positions: printed QR codes and
shared links must keep working (published.py checks that no published address disappears).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..content.knowledge import Knowledge
from ..content.models.base import split_article_ref
from .documents import Document, documents
from .lawparts import law_parts

# Singleton pages: kind -> (docs path, title).
SINGLETONS = {
    "home": ("index.md", "首页"),
    "plan": ("plan/index.md", "实施方案"),
    "tasks": ("tasks/index.md", "重点任务"),
    "units": ("units/index.md", "责任分工"),
    "units-list": ("units/by-unit.md", "按单位查看任务"),  # the matrix as a list, for phones
    "timeline": ("timeline/index.md", "时间表"),
    "laws": ("laws/index.md", "法律法规"),
    "glossary": ("glossary/index.md", "术语"),
    "plans": ("plans/index.md", "1+N+X 预案体系"),
    "villages": ("villages/index.md", "一村一案"),
    "quiz": ("quiz/index.md", "学习与考试"),
    "quiz-review": ("quiz/review.md", "错题本与收藏"),
    "downloads": ("downloads/index.md", "资料下载"),
    "about": ("about.md", "关于本站"),  # generated, unless people wrote their own docs/about.md
    "not-found": ("404.html", "页面不存在"),  # the theme's 404 page (theme_overrides/404.html)
}
DOWNLOADS_FOLDER = "downloads"

# Entity pages: kind -> docs path pattern.
PATTERNS = {
    "task": "tasks/{id}.md",
    "unit": "units/{id}.md",
    "law": "laws/{id}.md",
    "law-part": "laws/{law}/{part}.md",  # a chapter of a long law (lawparts.py); entity "law/part"
    "contingency-plan": "plans/{id}.md",
    "township": "villages/{id}/index.md",
    "village": "villages/{township}/{id}.md",
    "practice": "quiz/practice/{id}.md",
    "exam": "quiz/exam/{id}.md",
}
# Anchors inside pages: kind -> (page kind, how the id becomes page id and anchor).
# A question opens in its topic's practice page (quiz/practice/x.html?q=id): its "anchor" is a
# query, and it is no published address (question banks are rebalanced; the page stays).
ANCHORS = ("article", "term", "indicator", "question")
QUESTION_QUERY = "?q="


class MissingRoute(LookupError):
    """A link to a page, anchor or PDF that the build does not write: a bug in yingji."""

    def __init__(self, kind: str, entity: str = ""):
        super().__init__(f"路由表中没有 {kind}{'“' + entity + '”' if entity else ''}：生成器要链接一个不会生成的页面或文件")
        self.kind, self.entity = kind, entity


@dataclass(frozen=True)
class Route:
    kind: str
    entity: str  # id of what it shows ("" for singletons)
    path: str  # relative to docs/ (and so to the site's root, for files other than pages)
    title: str
    hand_written: bool = False  # a page people wrote in docs/ (about.md …): linked, never generated
    internal: bool = False  # read only by the site's own scripts: not an address anyone shares

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")


@dataclass
class RouteTable:
    routes: dict[tuple[str, str], Route] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    anchored: list[tuple[str, str]] = field(default_factory=list)  # (kind, id) of anchored things
    question_topics: dict[str, str] = field(default_factory=dict)  # question id -> topic id
    article_pages: dict[str, str] = field(default_factory=dict)  # article id -> its page, when not its law's
    directory_urls: bool = False  # as mkdocs serves pages (the offline plugin turns them off)
    site_url: str | None = None  # public address, ending with "/", when known

    # -- building ---------------------------------------------------------------------------

    def add(self, kind: str, entity: str, path: str, title: str, *, hand_written: bool = False,
            internal: bool = False) -> Route:
        route = Route(kind, entity, path, title, hand_written, internal)
        if (kind, entity) in self.routes:
            raise ValueError(f"route {kind}:{entity} planned twice")
        self.routes[(kind, entity)] = route
        return route

    # -- asking ---------------------------------------------------------------------------

    def has(self, kind: str, entity: str = "") -> bool:
        if kind in ANCHORS:
            try:
                self._anchor(kind, entity)
            except MissingRoute:
                return False
            return True
        return (kind, entity) in self.routes

    def generates(self, kind: str, entity: str = "") -> bool:
        """Whether the generator writes this page (not only links to a hand-written one)."""
        route = self.routes.get((kind, entity))
        return route is not None and not route.hand_written

    def get(self, kind: str, entity: str = "") -> Route:
        try:
            return self.routes[(kind, entity)]
        except KeyError:
            raise MissingRoute(kind, entity) from None

    def path(self, kind: str, entity: str = "") -> str:
        return self.get(kind, entity).path

    def of_kind(self, kind: str) -> list[Route]:
        return [route for (k, _), route in self.routes.items() if k == kind]

    def target(self, kind: str, entity: str = "", anchor: str | None = None) -> tuple[str, str | None]:
        """(docs path, anchor) of a page, or of an anchored thing (article, term, indicator)."""
        if kind in ANCHORS:
            return self._anchor(kind, entity)
        return self.path(kind, entity), anchor

    def link(self, from_path: str, kind: str, entity: str = "", anchor: str | None = None) -> str:
        """Relative link from one docs file to a page (Markdown file to Markdown file: mkdocs turns
        it into the served URL and checks it in strict mode), optionally to an anchor."""
        path, anchor = self.target(kind, entity, anchor)
        return relative(from_path, path, anchor)

    def url(self, kind: str, entity: str = "", anchor: str | None = None) -> str:
        """The address as served, relative to the site's root: villages/x/y.html (or y/)."""
        path, anchor = self.target(kind, entity, anchor)
        return with_anchor(served_path(path, self.directory_urls), anchor)

    def questions_link(self, from_path: str, topic: str, question_ids: list[str]) -> str:
        """Link that opens the practice page of a topic with exactly these questions (the engine
        reads ?ids=…; works on http and from file://). Used for every 相关试题 and search result."""
        return self.link(from_path, "practice", topic) + questions_query(question_ids)

    def questions_url(self, topic: str, question_ids: list[str]) -> str:
        """The same as an address relative to the site's root (for scripts such as search)."""
        return self.url("practice", topic) + questions_query(question_ids)

    def absolute_url(self, kind: str, entity: str = "") -> str | None:
        """The public address (for QR codes), or None when the site's address is not known."""
        return self.site_url + self.url(kind, entity) if self.site_url else None

    def downloads_of(self, kind: str, entity: str = "") -> list[Document]:
        """The PDFs that belong to a page (its 打印版 links), in catalog order."""
        return [doc for doc in self.documents if doc.page == (kind, entity)]

    def document_path(self, document: Document) -> str:
        return self.path("pdf", document.path)

    def _anchor(self, kind: str, entity: str) -> tuple[str, str]:
        if kind == "article":
            parsed = split_article_ref(entity)
            if not parsed:
                raise MissingRoute(kind, entity)
            law_id, number = parsed
            return self.article_pages.get(entity) or self.path("law", law_id), article_anchor(number)
        if kind == "term":
            return self.path("glossary"), entity
        if kind == "question":
            if entity not in self.question_topics:
                raise MissingRoute(kind, entity)
            return self.path("practice", self.question_topics[entity]), QUESTION_QUERY + entity
        return self.path("plan"), entity  # indicator

    def anchors(self) -> list[tuple[str, str]]:
        """(docs path, anchor) of everything addressable inside a page: articles, terms, indicators."""
        return [self._anchor(kind, entity) for kind, entity in self.anchored]

    def forwarded_anchors(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(docs path, anchor) a page still answers → (docs path, anchor) of where the thing now
        is: a long law's page forwards #a21 to the chapter page that holds article 21."""
        forwards = {}
        for article_id, page in self.article_pages.items():
            law_id, number = split_article_ref(article_id)
            forwards[(self.path("law", law_id), article_anchor(number))] = (page, article_anchor(number))
        return forwards

    def without_documents(self) -> RouteTable:
        """This site without its PDFs (`yingji build --no-pdf`): no download page, no PDF
        routes, so no page links to a PDF."""
        kept = {key: route for key, route in self.routes.items() if key[0] not in ("pdf", "downloads") or route.hand_written}
        return replace(self, routes=kept, documents=[])

    def public_urls(self) -> list[str]:
        """Every address the build publishes, pages, files and anchors (what printed codes and
        shared links may point at; forwarded anchors included), sorted."""
        pages = {
            served_path(route.path, self.directory_urls)
            for route in self.routes.values()
            if not route.hand_written and not route.internal
        }
        places = self.anchors() + list(self.forwarded_anchors())
        anchors = {f"{served_path(path, self.directory_urls)}#{anchor}" for path, anchor in places}
        return sorted(pages | anchors)


def with_anchor(address: str, anchor: str | None) -> str:
    """address#anchor, or address?q=… for a question (its anchor is a query)."""
    if not anchor:
        return address
    return address + anchor if anchor.startswith("?") else f"{address}#{anchor}"


def questions_query(question_ids: list[str]) -> str:
    """?ids=id1,id2: the practice engine shows only these questions, in this order. A query, not
    an #anchor (link checkers want anchors to exist), and not ?q= (one question the search found)."""
    return "?ids=" + ",".join(question_ids)


def article_anchor(number: int) -> str:
    return f"a{number}"


def served_path(path: str, directory_urls: bool) -> str:
    """docs path → address as mkdocs serves it: tasks/t01.md → tasks/t01.html (or tasks/t01/)."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if directory_urls:
        if stem == "index":
            return ""
        return stem[: -len("index")] if stem.endswith("/index") else stem + "/"
    return stem + ".html"


@lru_cache(maxsize=65536)  # the same few hundred links are made from many pages
def relative(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """Relative link from one docs-relative file to another (optionally to an anchor)."""
    target = "" if to_path == from_path else posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
    if anchor and anchor.startswith("?") and not target:
        target = posixpath.basename(to_path)  # a query needs the page's name
    return with_anchor(target, anchor)


# -- planning ------------------------------------------------------------------------------------


def plan_routes(
    knowledge: Knowledge,
    profile: str,
    *,
    hand_written: frozenset[str] = frozenset(),
    directory_urls: bool = False,
    site_url: str | None = None,
) -> RouteTable:
    """Every file the build writes into docs/, decided from the content alone."""
    table = RouteTable(directory_urls=directory_urls, site_url=site_url)
    _plan_training_site(table, knowledge)
    _plan_plan_system(table, knowledge)
    _plan_quiz(table, knowledge)
    table.documents = documents(knowledge, profile)
    if table.documents:
        _add_singleton(table, "downloads")
    for page in sorted(hand_written):  # pages people wrote: linked like the others
        for kind, (path, title) in SINGLETONS.items():
            if path == page and not table.has(kind):
                table.add(kind, "", path, title, hand_written=True)
    for kind in ("about", "not-found"):
        if not table.has(kind):
            _add_singleton(table, kind)
    for document in table.documents:
        table.add("pdf", document.path, f"{DOWNLOADS_FOLDER}/{document.path}", document.title)
    return table


def _add_singleton(table: RouteTable, kind: str) -> None:
    path, title = SINGLETONS[kind]
    table.add(kind, "", path, title)


def _add_entity(table: RouteTable, kind: str, entity: str, title: str, **fields) -> None:
    table.add(kind, entity, PATTERNS[kind].format(id=entity, **fields), title)


def _plan_training_site(table: RouteTable, knowledge: Knowledge) -> None:
    for kind in ("home", "plan", "tasks", "units", "units-list", "timeline", "laws", "glossary"):
        _add_singleton(table, kind)
    table.anchored += [("indicator", indicator.id) for indicator in knowledge.plan.goals.indicators]
    table.anchored += [("term", term_id) for term_id in knowledge.terms]
    table.anchored += [("article", article_id) for article_id in knowledge.articles]
    for task in knowledge.plan.tasks:
        _add_entity(table, "task", task.id, f"{task.number}. {task.title}")
    for unit in knowledge.units.values():
        _add_entity(table, "unit", unit.id, unit.name)
    for law in knowledge.laws.values():
        _add_entity(table, "law", law.id, law.title)
        for part in law_parts(law):
            route = table.add("law-part", f"{law.id}/{part.id}", PATTERNS["law-part"].format(law=law.id, part=part.id),
                              f"{law.title} {part.heading}")
            table.article_pages.update({law.article_id(n): route.path for n in part.numbers})


def _plan_plan_system(table: RouteTable, knowledge: Knowledge) -> None:
    if knowledge.contingency_plans:
        _add_singleton(table, "plans")
        for plan in knowledge.contingency_plans.values():
            _add_entity(table, "contingency-plan", plan.id, plan.title)
    if knowledge.townships:
        _add_singleton(table, "villages")
        for township in knowledge.townships.values():
            _add_entity(table, "township", township.id, township.name)
        for village in knowledge.villages.values():
            _add_entity(table, "village", village.id, village.name, township=village.township)
        if knowledge.villages:  # the home page's 乡镇 → 村 picker reads it
            table.add("village-picker-data", "", "villages/picker.data.js", "村（社区）目录", internal=True)


def _plan_quiz(table: RouteTable, knowledge: Knowledge) -> None:
    if not knowledge.questions:
        return
    _add_singleton(table, "quiz")
    _add_singleton(table, "quiz-review")
    topics_with_questions = {entry.topic for entry in knowledge.questions.values()}
    for topic in knowledge.topics.values():
        if topic.id in topics_with_questions:
            _add_entity(table, "practice", topic.id, topic.title)
            table.add("practice-data", topic.id, data_path(table.path("practice", topic.id)), topic.title)
    table.question_topics = {entry.id: entry.topic for entry in knowledge.questions.values() if table.has("practice", entry.topic)}
    for exam in knowledge.exams.values():
        _add_entity(table, "exam", exam.id, exam.title)
        table.add("exam-data", exam.id, data_path(table.path("exam", exam.id)), exam.title)


def data_path(page: str) -> str:
    """quiz/practice/x.md → quiz/practice/x.data.js: a page's quiz data, beside it."""
    return page.removesuffix(".md") + ".data.js"
