"""Stable addresses: a published address that disappears stops the build unless a redirect
says where it went; the redirect is a page at the old address that forwards to the new one."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, copy_project


def village_file(project: Path) -> Path:
    return next((project / "content" / "villages").rglob("*.yml"))


def test_a_lost_address_stops_the_build_and_a_redirect_lets_it_pass(tmp_path, yingji):
    project = copy_project(FIXTURES / "minimal", tmp_path / "project")
    assert yingji(project, "urls", "--save").returncode == 0
    village = village_file(project)
    township, village_id = village.parent.name, village.stem
    old_page, old_card = f"villages/{township}/{village_id}.html", f"downloads/villages/{township}/{village_id}.pdf"
    village.unlink()

    result = yingji(project, "check")
    assert result.returncode == 1
    assert f"已发布的网址“{old_page}”在本次生成的网站中不存在" in result.stderr
    assert old_card in result.stderr
    assert result.stderr.startswith("content/addresses.yml:")  # located in the file a clerk edits
    build = yingji(project, "build")
    assert build.returncode == 1 and not (project / "site").exists()

    old_bundle = f"downloads/villages/{township}.pdf"  # its only village: the bundle goes too
    redirects = "".join(
        f"  - {{old: {old}, new: {new}}}\n"
        for old, new in ((old_page, f"villages/{township}/index.html"), (old_card, "downloads/index.html"), (old_bundle, "downloads/index.html"))
    )
    text = (project / "content" / "addresses.yml").read_text("utf-8").replace("redirects: []\n", "redirects:\n" + redirects)
    (project / "content" / "addresses.yml").write_text(text, "utf-8")
    build = yingji(project, "build")
    assert build.returncode == 0, build.stderr
    forward = (project / "site" / old_page).read_text("utf-8")
    assert 'http-equiv="refresh" content="0; url=index.html"' in forward


def test_the_default_content_keeps_every_published_address(repo, yingji):
    result = yingji(repo, "check")
    assert result.returncode == 0, result.stderr
    listed = (repo / "content" / "addresses.yml").read_text("utf-8")
    assert "  - laws/anquan-shengchan-fa.html#a21\n" in listed  # article anchors are addresses too


def test_a_merged_unit_keeps_its_old_page_address(repo):
    """各行业主管单位 became one unit with 各行业主管部门: its old page forwards to the merged one."""
    from conftest import routes_for
    from yingji.content import load_knowledge
    from yingji.presentation.published import lost_addresses, redirect_pages

    knowledge = load_knowledge(repo)[0]
    routes = routes_for(knowledge)
    old = "units/hangye-zhuguan-danwei.html"
    assert old in knowledge.addresses.published and old not in set(routes.public_urls())
    assert not lost_addresses(repo, knowledge, routes)
    assert 'url=hangye-zhuguan-bumen.html"' in redirect_pages(knowledge, routes)[old]
