"""The pieces behind the site pages, without a build: term links, navigation, links."""

from __future__ import annotations

import markdown
import pytest

from yingji.content import load_knowledge
from yingji.render import md_inline
from yingji.presentation.routes import SINGLETONS, RouteTable, relative
from yingji.site.navigation import nav_entries
from yingji.site.termlinks import TermIndex, TermLinker

from conftest import FIXTURES, REPO, all_pages


@pytest.fixture(scope="module")
def index(knowledge):
    return TermIndex.of(knowledge)


def singletons(*paths: str) -> RouteTable:
    """A route table with just these singleton pages (and any number of others)."""
    table = RouteTable()
    for kind, (path, title) in SINGLETONS.items():
        if path in paths:
            table.add(kind, "", path, title)
    for n, path in enumerate(p for p in paths if p not in {v[0] for v in SINGLETONS.values()}):
        table.add("page", str(n), path, path)
    return table


def to_html(text: str) -> str:
    return markdown.markdown(str(text))


def test_only_the_first_mention_of_a_term_is_linked(index, routes):
    linker = TermLinker(index, "tasks/t02.md", routes)
    first = linker.inline("落实“三管三必须”要求")
    again = linker.inline("再次强调三管三必须")
    assert first.count("](../glossary/index.md#term-sanguan-sanbixu)") == 1
    assert "](" not in again


def test_the_longest_spelling_wins(index, routes):
    linked = TermLinker(index, "plan/index.md", routes).inline("构建双重预防机制")
    assert "[双重预防机制](../glossary/index.md#term-shuangchong-yufang-jizhi)" in linked


def test_numbers_are_matched_as_whole_numbers(index, routes):
    assert "](" not in TermLinker(index, "index.md", routes).inline("拨打123500")
    assert "[12350](glossary/index.md#term-12350)" in TermLinker(index, "index.md", routes).inline("拨打12350举报")


def test_escaping_survives_linking(index, routes):
    linked = TermLinker(index, "tasks/t01.md", routes).inline("<script>三管三必须*强调*</script>")
    rendered = to_html(linked)
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert "*强调*" in rendered and "<em>" not in rendered
    assert '<a href="../glossary/index.md#term-sanguan-sanbixu">三管三必须</a>' in rendered


def test_skipped_terms_are_not_linked(index, routes):
    linker = TermLinker(index, "glossary/index.md", routes, skip=frozenset({"term-sanguan-sanbixu"}))
    assert "](" not in linker.inline("三管三必须")


def test_a_leading_number_does_not_become_a_list():
    assert to_html(md_inline("1. 第一项")).startswith("<p>1. 第一项")


def test_relative_links(routes):
    assert relative("tasks/t01.md", "glossary/index.md", "term-x") == "../glossary/index.md#term-x"
    assert relative("index.md", "tasks/t01.md") == "tasks/t01.md"
    assert relative("laws/a.md", "laws/a.md", "a3") == "#a3"
    # a long law has a page per chapter; its own page still answers #a21 and forwards it there
    assert routes.target("article", "anquan-shengchan-fa#a21") == ("laws/anquan-shengchan-fa/chapter-2.md", "a21")
    assert routes.forwarded_anchors()[("laws/anquan-shengchan-fa.md", "a21")] == ("laws/anquan-shengchan-fa/chapter-2.md", "a21")
    assert routes.target("article", "xiaofang-fa#a16") == ("laws/xiaofang-fa.md", "a16")  # a short law stays whole
    assert "laws/anquan-shengchan-fa.html#a21" in routes.public_urls()
    assert routes.link("tasks/t01.md", "term", "term-x") == "../glossary/index.md#term-x"


def test_nav_lists_only_pages_that_exist():
    pages = {"index.md", "plan/index.md", "tasks/index.md", "laws/index.md", "glossary/index.md"}
    nav = nav_entries(singletons(*pages))
    assert nav[0] == {"首页": "index.md"}
    assert nav[1] == {"实施方案": ["plan/index.md", {"重点任务": "tasks/index.md"}]}
    titles = [next(iter(entry)) for entry in nav]
    assert "1+N+X 预案体系" not in titles and "一村一案" not in titles
    more = nav_entries(singletons(*pages, "plans/index.md", "villages/index.md", "quiz/index.md", "quiz/review.md"))
    titles = [next(iter(entry)) for entry in more]
    assert {"1+N+X 预案体系", "一村一案", "学习与考试"} <= set(titles)


def test_nav_size_does_not_depend_on_the_number_of_pages():
    base = {"index.md", "plan/index.md", "tasks/index.md", "villages/index.md"}
    many = base | {f"villages/t{t}/v{v}.md" for t in range(25) for v in range(20)} | {f"tasks/t{i}.md" for i in range(50)}
    assert nav_entries(singletons(*many)) == nav_entries(singletons(*base))


def test_minimal_fixture_builds_pages_for_every_part():
    knowledge, _ = load_knowledge(FIXTURES / "minimal")
    pages = all_pages(knowledge)
    for page in ("index.md", "plan/index.md", "tasks/index.md", "tasks/t01.md", "units/index.md",
                 "units/anweiban.md", "timeline/index.md", "laws/index.md", "laws/anquan-shengchan-fa.md",
                 "glossary/index.md", ".nav.yml", ".search-entries.json"):
        assert page in pages, page


def test_mkdocs_yml_has_no_duplicate_keys():
    """A merge that adds a second `extra_css:` silently drops the first list (YAML keeps the last)."""
    import yaml

    def check(node, path="mkdocs.yml"):
        if isinstance(node, yaml.MappingNode):
            keys = [key.value for key, _ in node.value]
            assert len(keys) == len(set(keys)), f"{path}: duplicate keys {sorted(k for k in keys if keys.count(k) > 1)}"
            for key, value in node.value:
                check(value, f"{path}.{key.value}")
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                check(item, path)

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    check(yaml.compose((REPO / "mkdocs.yml").read_text("utf-8"), Loader=Loader))
