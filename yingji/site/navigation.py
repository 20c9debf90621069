"""The site navigation, written as a small YAML file that mkdocs.yml inherits (`INHERIT`).

Material renders the whole navigation into every page, so the nav stays a fixed handful of
entries whatever the size of the county: long lists (tasks, units, laws, villages) live on
their index pages. An entry appears only when its page is part of the build, so the parts
other producers add (预案体系, 一村一案, 练习, 下载) show up as soon as they exist.

Both `mkdocs build` and `zensical build` read mkdocs.yml and resolve INHERIT relative to it.
"""

from __future__ import annotations

import yaml

from datetime import date

from ..presentation.labels import day_label
from ..presentation.routes import RouteTable

NAV_FILE = ".nav.yml"  # in docs/; mkdocs and zensical skip dotfiles when collecting pages

# (title, route kind) or (title, [children]); a child without title (None) is the section's index.
NAV: list = [
    ("首页", "home"),
    ("实施方案", [(None, "plan"), ("重点任务", "tasks"), ("责任分工", "units"), ("时间表", "timeline")]),
    ("1+N+X 预案体系", "plans"),
    ("一村一案", "villages"),
    ("法律法规", "laws"),
    ("术语", "glossary"),
    ("学习与考试", [(None, "quiz"), ("错题本与收藏", "quiz-review")]),
    ("资料下载", "downloads"),
    ("关于本站", "about"),
]


def nav_entries(routes: RouteTable) -> list:
    """The mkdocs `nav` list for the pages that exist."""
    nav = []
    for title, target in NAV:
        if isinstance(target, str):
            if routes.has(target):
                nav.append({title: routes.path(target)})
            continue
        children = [routes.path(kind) if name is None else {name: routes.path(kind)} for name, kind in target if routes.has(kind)]
        if not children:
            continue
        if target[0][0] is None and routes.has(target[0][1]):
            nav.append({title: children})
        else:  # the section has no index page of its own: list its pages directly
            nav.append({title: children if len(children) > 1 else next(iter(children[0].values()))})
    return nav


def footer_facts(routes: RouteTable, county, today: date) -> dict:
    """What the footer of every page says (theme_overrides/partials/copyright.html): who keeps
    the site, how to reach them, the date the information is 截至, the 备案号 — all from
    content/county.yml and the build date, nothing county-specific in the theme."""
    return {
        "publisher": county.publisher + ("" if county.publisher_verified else "（示例）"),
        "contact": county.contact or "联系方式待填写",
        "as_of": day_label(today),
        "icp": county.icp or "",
        "about": routes.url("about") if routes.has("about") else "",
        "home": routes.url("home"),
        "not_found_links": [  # where the 404 page sends a reader on
            {"title": title, "url": routes.url(kind)}
            for kind, title in (("villages", "查本村的一村一案"), ("laws", "查法律法规"), ("quiz", "练习与考试"))
            if routes.has(kind)
        ],
    }


def site_config(routes: RouteTable, county, today: date, profile: str = "public") -> str:
    """The generated part of the mkdocs configuration: the county's site name and address (from
    content/county.yml), the facts of every page's footer, and the navigation. mkdocs.yml
    inherits it (`INHERIT`; its own `extra` is merged with this one). The internal build's site name
    says 内部资料 in every page's header and title."""
    name = county.site_name + ("（内部资料）" if profile == "internal" else "")
    config = {"site_name": name, "site_description": county.site_description}
    if routes.site_url:
        config["site_url"] = routes.site_url
    config["extra"] = {"yingji": footer_facts(routes, county, today)}
    config["nav"] = nav_entries(routes)
    header = "# 由 yingji 生成（yingji build），请勿手工修改；mkdocs.yml 通过 INHERIT 引用本文件。\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
