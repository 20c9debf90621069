"""The site navigation, written as a small YAML file that mkdocs.yml inherits (`INHERIT`).

Material renders the whole navigation into every page, so the nav stays a fixed handful of
entries whatever the size of the county: long lists (tasks, units, laws, villages) live on
their index pages. An entry appears only when its page is part of the build, so the parts
other producers add (预案体系, 一村一案, 练习, 下载) show up as soon as they exist.

Both `mkdocs build` and `zensical build` read mkdocs.yml and resolve INHERIT relative to it.
"""

from __future__ import annotations

import yaml

from . import links

NAV_FILE = ".nav.yml"  # in docs/; mkdocs and zensical skip dotfiles when collecting pages

# (title, page) or (title, [children]); a child without title (None) is the section's index page.
NAV: list = [
    ("首页", links.HOME),
    ("实施方案", [(None, links.PLAN), ("重点任务", links.TASKS), ("责任分工", links.UNITS), ("时间表", links.TIMELINE)]),
    ("1+N+X 预案体系", links.PLANS),
    ("一村一案", links.VILLAGES),
    ("法律法规", links.LAWS),
    ("术语", links.GLOSSARY),
    ("学习与考试", [(None, links.QUIZ), ("错题本与收藏", links.QUIZ_REVIEW)]),
    ("资料下载", links.DOWNLOADS),
    ("关于本站", links.ABOUT),
]


def nav_entries(pages: frozenset[str] | set[str]) -> list:
    """The mkdocs `nav` list for the pages that exist."""
    nav = []
    for title, target in NAV:
        if isinstance(target, str):
            if target in pages:
                nav.append({title: target})
            continue
        children = [child if name is None else {name: child} for name, child in target if child in pages]
        if not children:
            continue
        if children[0] == target[0][1] and target[0][0] is None:
            nav.append({title: children})
        else:  # the section has no index page of its own: list its pages directly
            nav.append({title: children if len(children) > 1 else next(iter(children[0].values()))})
    return nav


def nav_file(pages: frozenset[str] | set[str]) -> str:
    header = "# 由 yingji 生成（yingji build），请勿手工修改；mkdocs.yml 通过 INHERIT 引用本文件。\n"
    return header + yaml.safe_dump({"nav": nav_entries(pages)}, allow_unicode=True, sort_keys=False)
