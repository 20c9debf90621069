"""`yingji build --no-pdf --zip`, `yingji pack`: a quick site, and one dated archive to hand out
that opens at 打开我.html; the internal build's archive says 内部资料."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

OPENER = "打开我.html"


def archive_of(project: Path, result) -> Path:
    line = next(line for line in result.stdout.splitlines() if line.startswith("已打包"))
    match = re.match(r"已打包：(\S+\.zip)（(\d+(?:\.\d)? [KM]B)）", line)
    assert match, line
    path = Path(match.group(1))
    return path if path.is_absolute() else project / path


@pytest.mark.slow
def test_a_quick_build_without_pdfs_packed_for_a_usb_stick(minimal_project, yingji, tmp_path):
    result = yingji(minimal_project, "build", "--no-pdf", "--zip")
    assert result.returncode == 0, result.stderr
    site = minimal_project / "site"
    assert not (site / "downloads").exists()  # no PDFs, no download page …
    assert not any(".pdf" in page.read_text("utf-8") for page in site.rglob("*.html"))  # … and no link to one
    assert "未生成 PDF（--no-pdf）" in result.stdout
    # progress: a line per stage, in Chinese, also when the output goes to a log
    assert [line for line in result.stdout.splitlines() if line.startswith("▸")] == [
        "▸ 读取并检查内容……", "▸ 生成页面……", "▸ 生成网站……", "▸ 检查有无个人信息……", "▸ 打包……"]
    assert re.search(r"^  生成网站：\d+/\d+ 步（100%）$", result.stdout, re.M)
    last = result.stdout.splitlines()[-1]
    assert last.startswith("公开版网站已生成：") and "site/index.html" in last and "yingji serve" in last

    archive = archive_of(minimal_project, result)
    assert archive.parent == minimal_project / "输出"
    assert archive.name == f"测试县应急管理知识与培训-{date.today().isoformat()}.zip"
    with zipfile.ZipFile(archive) as packed:
        names = packed.namelist()
        packed.extractall(tmp_path)
    top = archive.stem
    assert {name.split("/")[1] for name in names} == {OPENER, "网站"}
    assert f"{top}/网站/index.html" in names and f"{top}/网站/search/search_index.js" in names
    opener = (tmp_path / top / OPENER).read_text("utf-8")
    target = unquote(re.search(r'url=([^"]+)"', opener).group(1))
    assert (tmp_path / top / target).is_file() and "内部" not in opener


def test_pack_without_a_site_says_what_to_run(minimal_project, yingji):
    result = yingji(minimal_project, "pack")
    assert result.returncode == 1
    assert "还没有网站：请先运行 yingji build" in result.stderr


@pytest.mark.slow
def test_the_internal_archive_is_named_and_marked_internal(minimal_project, yingji):
    assert yingji(minimal_project, "build", "--profile", "internal", "--no-pdf").returncode == 0
    result = yingji(minimal_project, "pack", "--profile", "internal")
    assert result.returncode == 0, result.stderr
    assert "内部资料" in result.stdout
    archive = archive_of(minimal_project, result)
    assert "内部资料" in archive.name
    with zipfile.ZipFile(archive) as packed:
        top = archive.stem
        assert "内部资料" in packed.read(f"{top}/{OPENER}").decode("utf-8")
        assert f"{top}/内部资料-请勿外传.txt" in packed.namelist()
        assert packed.comment.decode("utf-8").startswith("内部资料")
