"""Book-title marks pair everywhere: no 《…《…》 and no 《…》》 in the built site (pages and quiz
data) and in the text of every PDF. One check (yingji/presentation/typography.py) for both."""

from __future__ import annotations

import html
import re
import subprocess

import pytest

from yingji.presentation.typography import unbalanced_title_marks


def messages(text: str) -> list[str]:
    return [p.message for p in unbalanced_title_marks(text)]


def test_balanced_marks_pass_and_each_kind_of_slip_is_named():
    assert messages("《安全生产法》第五条；《关于印发〈平江县突发事件总体应急预案〉的通知》") == []
    assert messages("平江县《关于加强应急管理体系和能力建设的实施方案》") == []
    assert messages("《平江县《关于加强应急管理体系和能力建设的实施方案》》") == ["书名号套书名号（内层应使用〈〉）"]
    assert messages("见《安全生产法》》第五条") == ["多出的后书名号“》”（前面没有“《”）"]
    assert messages("见《安全生产法第五条") == ["书名号“《”没有闭合"]
    problem = unbalanced_title_marks("前文。见《安全生产法第五条", context=4)[0]
    assert problem.position == 4 and problem.excerpt == "前文。见《安全生"


def page_text(path) -> str:
    text = path.read_text("utf-8", errors="replace")
    if path.suffix == ".html":
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


@pytest.mark.slow
def test_built_site_and_pdfs_have_balanced_title_marks(built_site):
    found = []
    pages = [p for p in built_site.rglob("*") if p.suffix == ".html" or (p.suffix == ".js" and "quiz" in p.parts)]
    for path in sorted(pages):
        found += [f"{path.relative_to(built_site)}: {p.message}：…{p.excerpt}…" for p in unbalanced_title_marks(page_text(path))]
    pdfs = sorted(built_site.rglob("*.pdf"))
    assert pdfs and len(pages) > 100
    for path in pdfs:
        # -raw keeps the order the text was laid out in (columns are not interleaved)
        text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
        found += [f"{path.relative_to(built_site)}: {p.message}：…{p.excerpt}…" for p in unbalanced_title_marks(text)]
    assert not found, "\n".join(found[:20])
