"""`yingji build`: a real mkdocs build, written atomically; failures keep the last good site."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def page_html(site: Path, page: str) -> str:
    """The HTML of a page, whether the site uses directory URLs or not."""
    for candidate in (site / f"{page}.html", site / page / "index.html"):
        if candidate.exists():
            return candidate.read_text("utf-8")
    raise FileNotFoundError(page)


def test_build_writes_the_plan_pages(minimal_project, yingji):
    result = yingji(minimal_project, "build")
    assert result.returncode == 0, result.stderr
    site = minimal_project / "site"
    assert "测试实施方案" in page_html(site, "plan/index")
    assert "压实责任" in page_html(site, "tasks/t01")
    assert not list(minimal_project.glob("site.tmp-*")) and not (minimal_project / "site.old").exists()


def test_a_content_error_leaves_the_last_good_site_and_docs_untouched(minimal_project, yingji):
    assert yingji(minimal_project, "build").returncode == 0
    before_site, before_docs = tree_digest(minimal_project / "site"), tree_digest(minimal_project / "docs")
    units = minimal_project / "content" / "units.yml"
    units.write_text(units.read_text("utf-8").replace("kind: 统称", "kind: 不存在的类别"), "utf-8")
    result = yingji(minimal_project, "build")
    assert result.returncode == 1
    assert "content/units.yml:" in result.stderr and "未生成任何文件" in result.stderr
    assert tree_digest(minimal_project / "site") == before_site
    assert tree_digest(minimal_project / "docs") == before_docs


def test_a_failing_mkdocs_build_leaves_the_last_good_site(minimal_project, yingji):
    assert yingji(minimal_project, "build").returncode == 0
    before = tree_digest(minimal_project / "site")
    (minimal_project / "docs" / "broken.md").write_text("[坏链接](does-not-exist.md)\n", "utf-8")
    result = yingji(minimal_project, "build")
    assert result.returncode == 1 and "mkdocs build 失败" in result.stderr
    assert tree_digest(minimal_project / "site") == before
    assert not list(minimal_project.glob("site.tmp-*"))


def test_content_text_is_escaped_not_executed(minimal_project, yingji):
    plan_file = minimal_project / "content" / "plan.yml"
    plan = yaml.safe_load(plan_file.read_text("utf-8"))
    plan["sections"][0]["tasks"][0]["text"] = "<script>alert(1)</script> *不是强调* [不是链接](x)"
    plan_file.write_text(yaml.safe_dump(plan, allow_unicode=True), "utf-8")
    assert yingji(minimal_project, "build").returncode == 0
    html = page_html(minimal_project / "site", "tasks/t01")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "*不是强调*" in html and "[不是链接](x)" in html


def test_removed_entities_lose_their_pages(minimal_project, yingji):
    assert yingji(minimal_project, "build").returncode == 0
    plan_file = minimal_project / "content" / "plan.yml"
    plan = yaml.safe_load(plan_file.read_text("utf-8"))
    plan["sections"][1]["tasks"] = []
    plan_file.write_text(yaml.safe_dump(plan, allow_unicode=True), "utf-8")
    assert yingji(minimal_project, "build").returncode == 0
    assert not (minimal_project / "docs" / "tasks" / "t02.md").exists()
    assert (minimal_project / "docs" / "about.md").exists()  # hand-written pages are never touched
