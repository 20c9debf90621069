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


def test_build_writes_the_plan_pages(minimal_site):
    assert "测试实施方案" in page_html(minimal_site, "plan/index")
    assert "压实责任" in page_html(minimal_site, "tasks/t01")
    project = minimal_site.parent
    assert not list(project.glob("site.tmp-*")) and not (project / "site.old").exists()


def test_a_content_error_leaves_the_last_good_site_and_docs_untouched(built_minimal_project, yingji):
    project = built_minimal_project
    before_site, before_docs = tree_digest(project / "site"), tree_digest(project / "docs")
    units = project / "content" / "units.yml"
    units.write_text(units.read_text("utf-8").replace("kind: 统称", "kind: 不存在的类别"), "utf-8")
    result = yingji(project, "build")
    assert result.returncode == 1
    assert "content/units.yml:" in result.stderr and "未生成任何文件" in result.stderr
    assert tree_digest(project / "site") == before_site
    assert tree_digest(project / "docs") == before_docs


def test_a_failing_mkdocs_build_leaves_the_last_good_site(built_minimal_project, yingji):
    minimal_project = built_minimal_project
    before = tree_digest(minimal_project / "site")
    (minimal_project / "docs" / "broken.md").write_text("[坏链接](does-not-exist.md)\n", "utf-8")
    result = yingji(minimal_project, "build")
    assert result.returncode == 1
    # mkdocs' reason, in Chinese, without its INFO lines (the list of pages not in the navigation)
    assert result.stderr.splitlines() == [
        "错误：网站生成失败（mkdocs build --strict）：",
        "页面 broken.md 链接到 does-not-exist.md，但网站中没有这个文件",
        "有 1 条警告，严格模式下停止生成",
    ]
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


def test_removed_entities_lose_their_pages(built_minimal_project, yingji):
    project = built_minimal_project
    assert (project / "docs" / "tasks" / "t02.md").exists()
    plan_file = project / "content" / "plan.yml"
    plan = yaml.safe_load(plan_file.read_text("utf-8"))
    plan["sections"][1]["tasks"] = []
    plan_file.write_text(yaml.safe_dump(plan, allow_unicode=True), "utf-8")
    assert yingji(project, "build").returncode == 0
    assert not (project / "docs" / "tasks" / "t02.md").exists()
    assert (project / "docs" / "stylesheets" / "yingji.css").exists()  # hand-written files are never touched


EVIL = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _edit_yaml(path, change) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_script_in_any_content_shows_as_text_on_every_page_type(minimal_project, yingji):
    content, quizzes = minimal_project / "content", minimal_project / "quizzes"

    def plan(data):
        data["goals"]["indicators"][0]["name"] = f"指标{EVIL}"
        task = data["sections"][1]["tasks"][0]
        task["title"] = f"督导{EVIL}"
        task["status"][0]["note"] = f"说明{EVIL}"

    def units(data):
        data["units"][0]["name"] = f"县安委办{EVIL}"

    def law(data):
        data["articles"][0]["text"] += f"\n{EVIL}"
        data["articles"][0]["summary"] = f"要点{EVIL}"

    def glossary(data):
        data["terms"][0]["definition"] = f"第一责任人{EVIL}"
        data["terms"][0]["note"] = EVIL

    def questions(data):
        data["questions"][0]["stem"] = f"题干{EVIL}"

    _edit_yaml(content / "plan.yml", plan)
    _edit_yaml(content / "units.yml", units)
    _edit_yaml(content / "laws" / "anquan-shengchan-fa.yml", law)
    _edit_yaml(content / "glossary.yml", glossary)
    _edit_yaml(quizzes / "anquan-shengchan-fa.yml", questions)
    result = yingji(minimal_project, "build")
    assert result.returncode == 0, result.stderr
    site = minimal_project / "site"
    for path in site.rglob("*.html"):
        assert EVIL not in path.read_text("utf-8"), path
    expectations = {
        "plan/index": "指标" + ESCAPED,
        "tasks/t02": "督导" + ESCAPED,
        "timeline/index": "说明" + ESCAPED,
        "units/index": "县安委办" + ESCAPED,
        "units/anweiban": "县安委办" + ESCAPED,
        "laws/anquan-shengchan-fa": "要点" + ESCAPED,
        "glossary/index": "第一责任人" + ESCAPED,
    }
    for page, shown in expectations.items():
        assert shown in page_html(site, page), page
    law = page_html(site, "laws/anquan-shengchan-fa")
    assert f"<p>{ESCAPED}</p>" in law  # a line of the official text, shown as text
    if (site / "quiz" / "practice" / "anquan-shengchan-fa.html").exists():
        assert 'href="../quiz/practice/anquan-shengchan-fa.html?ids=' in law  # questions: exactly those, in practice
    else:
        assert "题干" + ESCAPED in law  # no quiz engine: question stems listed as plain text


def test_a_recorded_status_is_shown_with_date_and_note(minimal_site):
    timeline = page_html(minimal_site, "timeline/index")
    assert "推进中（2024\\-03\\-01）" not in timeline  # Markdown escapes never leak into the page
    assert "推进中（2024-03-01）：已开展一次巡查" in timeline
    assert "未填报" in timeline and "已完成 0" in timeline
    task = page_html(minimal_site, "tasks/t02")
    assert "yj-status-doing" in task and "已开展一次巡查" in task


def test_two_builds_of_the_same_content_are_identical(minimal_site, minimal_project, yingji):
    """Another copy of the same content, built again: the same bytes (no path, time or order leaks)."""
    assert yingji(minimal_project, "build").returncode == 0
    assert tree_digest(minimal_project / "site") == tree_digest(minimal_site)


def test_the_build_date_is_source_date_epoch_else_today(monkeypatch):
    from datetime import date

    from yingji.build import source_date_epoch
    from yingji.presentation.asof import build_date, epoch_of

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_date() == date.today()
    assert source_date_epoch() == epoch_of(date.today())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    assert build_date() == date(2023, 11, 14)
    assert source_date_epoch() == "1699920000"  # that day, midnight UTC


def test_nav_gains_plan_tree_and_villages_entries_when_those_pages_exist(minimal_project, yingji):
    import shutil

    for name in ("plans", "villages", "townships.yml"):  # no 1+N+X content: those pages are not built
        path = minimal_project / "content" / name
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    assert yingji(minimal_project, "build").returncode == 0
    index = page_html(minimal_project / "site", "index")
    assert "1+N+X 预案体系" not in index and "一村一案" not in index
    for page, title in (("plans/index.md", "1+N+X 预案体系"), ("villages/index.md", "一村一案")):
        target = minimal_project / "docs" / page
        target.parent.mkdir(parents=True)
        target.write_text(f"# {title}\n", "utf-8")
    assert yingji(minimal_project, "build").returncode == 0
    index = page_html(minimal_project / "site", "index")
    assert 'href="plans/index.html"' in index and 'href="villages/index.html"' in index


def test_zensical_builds_the_same_docs_and_config(minimal_project, yingji, tmp_path):
    import subprocess
    import sys

    _edit_yaml(minimal_project / "content" / "units.yml", lambda d: d["units"][0].update(name=f"县安委办{EVIL}"))
    assert yingji(minimal_project, "build").returncode == 0
    script = Path(__file__).resolve().parent.parent / "scripts" / "zensical_check.py"
    result = subprocess.run(
        [sys.executable, str(script), "--root", str(minimal_project), "--out", str(tmp_path / "z")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "Zensical 构建成功" in result.stdout
    home = (tmp_path / "z" / "index.html").read_text("utf-8")
    assert "实施方案" in home and 'href="./plan/index.html"' in home  # the generated nav
    assert (tmp_path / "z" / "laws" / "anquan-shengchan-fa.html").exists()
    assert 'id="a55"' in (tmp_path / "z" / "laws" / "anquan-shengchan-fa.html").read_text("utf-8")
    for path in (tmp_path / "z").rglob("*.html"):
        assert EVIL not in path.read_text("utf-8"), path
