"""Personal data only where it belongs (个人信息保护法): the internal build in a folder of its own,
the public build checked for full names and numbers in everything it publishes, one rule for
names, masked numbers shown as text."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import subprocess
from pathlib import Path

import markdown
import pytest

from conftest import FIXTURES, PDF_CACHE, all_pages
from yingji.content import load_knowledge
from yingji.leakcheck import find_leaks
from yingji.presentation.privacy import mask_name, mask_phone, person_view, private_values

VILLAGE = "content/villages/ceshi-zhen/ceshi-zhen-shanxia-cun.yml"
PHONE, NAME = "13900001111", "王一山"  # people[0] of the minimal project's village


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) with the hash of its bytes."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def minimal_knowledge():
    return load_knowledge(FIXTURES / "minimal")[0]


# -- one rule for names, masked numbers as text ---------------------------------------------


def test_public_names_are_surname_and_mou_or_the_role_alone(minimal_knowledge):
    village = minimal_knowledge.villages["ceshi-zhen-shanxia-cun"]
    person = village.people[0]
    assert mask_name("王一山") == "王某" and mask_name("欧阳明华") == "欧阳某" and mask_name("陈春") == "陈某"
    named = village.model_copy(update={"public_names": True})
    assert person_view(person, named, "public")["name"] == "王某"
    assert person_view(person, village, "public")["name"] == "村支书"  # public_names: false
    assert person_view(person, village, "internal")["name"] == NAME
    assert person_view(person, named, "internal")["phone"] == PHONE


def test_every_page_and_card_shows_people_by_the_same_rule(minimal_knowledge):
    from yingji.presentation.villages import village_view

    village = minimal_knowledge.villages["ceshi-zhen-shanxia-cun"].model_copy(update={"public_names": True})
    knowledge = dataclasses.replace(minimal_knowledge, villages={village.id: village})
    pages = "\n".join(all_pages(knowledge, "public").values())
    assert NAME not in pages and "李二水" not in pages
    assert "王某" in pages and "李某" in pages
    view = village_view(knowledge, village, "public")  # what the card prints
    shown = json.dumps(view, ensure_ascii=False, default=str)
    assert NAME not in shown and "王某" in shown and mask_phone(PHONE) in shown and PHONE not in shown


def test_masked_numbers_render_as_text_not_emphasis(minimal_knowledge):
    village = minimal_knowledge.villages["ceshi-zhen-shanxia-cun"]
    landlines = [p.model_copy(update={"phone": "0730-6221234"}) for p in village.people]
    village = village.model_copy(update={"people": landlines})
    knowledge = dataclasses.replace(minimal_knowledge, villages={village.id: village})
    page = all_pages(knowledge, "public")["villages/ceshi-zhen/ceshi-zhen-shanxia-cun.md"]
    html = markdown.markdown(page, extensions=["tables", "attr_list", "md_in_html"])
    assert "<em>" not in html and "<strong>0" not in html and "<strong>-" not in html
    assert html.count(mask_phone("0730-6221234")) >= len(landlines)


# -- the public build's check of its own output ---------------------------------------------


def test_the_check_reads_pages_escaped_search_indexes_and_pdfs(tmp_path, minimal_knowledge):
    from weasyprint import HTML

    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "ok.html").write_text(f"<p>王某 {mask_phone(PHONE)}</p>", "utf-8")
    (site / "page.html").write_text("<p>&#29579;一山家后山</p>", "utf-8")  # an entity is still the name
    (site / "search" / "search_index.json").write_text(json.dumps({"text": f"电话 {PHONE[:3]}-{PHONE[3:7]}-{PHONE[7:]}"}), "utf-8")
    (site / "quiz.data.js").write_text("var q = " + json.dumps({"s": "李二水"}), "utf-8")  # \u674e\u4e8c\u6c34
    HTML(string=f"<p style='width:3em'>联系 {PHONE}</p>").write_pdf(site / "card.pdf")
    found = {(leak.output.name, leak.value.kind) for leak in find_leaks(site, private_values(minimal_knowledge))}
    assert found == {("page.html", "姓名"), ("search_index.json", "个人电话"), ("quiz.data.js", "姓名"), ("card.pdf", "个人电话")}


def test_a_name_inside_a_word_of_the_public_content_is_a_coincidence(tmp_path):
    from yingji.presentation.privacy import PrivateValue

    site = tmp_path / "site"
    site.mkdir()
    (site / "law.html").write_text("<p>第四十五条关于建立应急救援队伍</p>", "utf-8")
    (site / "about.html").write_text("<p>联系人：于建，电话见村部公示栏</p>", "utf-8")
    (site / "place.html").write_text("<p>于建屋后冲沟</p>", "utf-8")
    name = PrivateValue("于建", "姓名", VILLAGE, ("people", 2, "name"))
    leaks = find_leaks(site, [name], public_text="生产经营单位应当关于建立应急救援队伍")
    assert sorted(leak.output.name for leak in leaks) == ["about.html", "place.html"]


@pytest.mark.slow
def test_a_public_build_with_a_full_name_or_number_fails_naming_file_and_content(minimal_project, yingji):
    village = minimal_project / VILLAGE
    village.write_text(village.read_text("utf-8").replace("place: 一组后山冲沟", f"place: {NAME}屋后冲沟"), "utf-8")
    (minimal_project / "docs" / "notice.md").write_text("# 通知\n\n联系人电话 13900002222。\n", "utf-8")  # hand-written
    result = yingji(minimal_project, "build")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "错误：公开版中发现未隐去的个人信息，构建已停止（原来的网站保持不变）："
    assert f"  site/notice.html: 个人电话 139****2222（来自 {VILLAGE}:32:12: people[1].phone）" in lines
    name_from = f"姓名 王**（来自 {VILLAGE}:26:11: people[0].name）"
    for output in ("villages/ceshi-zhen/ceshi-zhen-shanxia-cun.html", "downloads/villages/ceshi-zhen/ceshi-zhen-shanxia-cun.pdf",
                   "search/index.js"):
        assert f"  site/{output}: {name_from}" in lines, output
    assert NAME not in result.stderr and "13900002222" not in result.stderr  # the log may be public too
    assert not (minimal_project / "site").exists()


# -- the internal build stays in its own folders ----------------------------------------------


@pytest.mark.slow
def test_an_internal_build_leaves_site_and_docs_untouched(minimal_project, yingji):
    public = yingji(minimal_project, "build")
    assert public.returncode == 0, public.stderr
    assert public.stdout.splitlines()[-1].startswith("公开版网站已生成：")
    before = {name: snapshot(minimal_project / name) for name in ("site", "docs", ".cache")}

    internal = yingji(minimal_project, "build", "--profile", "internal", env={"YINGJI_SITE_URL": "https://x.example/"})
    assert internal.returncode == 0, internal.stderr
    assert {name: snapshot(minimal_project / name) for name in before} == before
    last = internal.stdout.splitlines()[-1]
    assert last.startswith("内部版网站已生成：") and "site-internal" in last and "切勿上传或公开发布" in last

    site = minimal_project / "site-internal"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text("utf-8")
        assert '<meta name="robots" content="noindex">' in html, page
        assert "内部资料" in re.search(r'<aside class="md-banner">(.*?)</aside>', html, re.S).group(1), page
    village = next((site / "villages" / "ceshi-zhen").glob("ceshi-zhen-shanxia-cun*.html")).read_text("utf-8")
    assert PHONE in village and NAME in village
    card = pdf_text(site / "downloads" / "villages" / "ceshi-zhen" / "ceshi-zhen-shanxia-cun.pdf")
    assert PHONE in card and "内部版" in card and "内部资料" in card
    assert (site / "robots.txt").read_text("utf-8") == "User-agent: *\nDisallow: /\n"
    working = minimal_project / ".build-internal"
    assert PHONE in (working / "docs" / "villages" / "ceshi-zhen" / "ceshi-zhen-shanxia-cun.md").read_text("utf-8")
    assert list((working / ".cache" / "pdf").glob("*.pdf"))
    assert not list(PDF_CACHE.glob("*-internal.txt"))  # the shared PDF cache never saw an internal build


def test_an_internal_build_refuses_the_public_folders(minimal_project, yingji):
    for folder in ("site", "docs", "docs/internal"):
        result = yingji(minimal_project, "build", "--profile", "internal", "--site-dir", str(minimal_project / folder))
        assert result.returncode == 1
        assert "内部版不能生成到" in result.stderr and "site/ 和 docs/ 属于公开版" in result.stderr
    assert not (minimal_project / "site").exists() and not (minimal_project / ".build-internal").exists()
    assert not (minimal_project / "docs" / "internal").exists()


def test_the_internal_preview_regenerates_into_its_own_folder(minimal_project):
    from yingji.preview.session import Preview

    docs_before = snapshot(minimal_project / "docs")
    preview = Preview(minimal_project, "internal", pdf=False)
    try:
        assert preview.start(watch=False) is not None
        assert snapshot(minimal_project / "docs") == docs_before
        page = minimal_project / ".build-internal" / "docs" / "villages" / "ceshi-zhen" / "ceshi-zhen-shanxia-cun.md"
        assert PHONE in page.read_text("utf-8")
        served = (preview.folder() / "villages" / "ceshi-zhen" / "ceshi-zhen-shanxia-cun.html").read_text("utf-8")
        assert PHONE in served and "内部资料" in served
    finally:
        preview.stop()
