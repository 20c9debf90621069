"""The printed documents: real PDFs from a real build, read back with pdftotext, pdffonts and pypdf."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import pdf_text
from yingji.print import views
from yingji.presentation.documents import documents

# One Serif weight, one Sans weight: the cut print faces, and the full faces they fall back to
ALLOWED_FONTS = {"Noto-Serif-CJK-SC-Print", "Noto-Sans-CJK-SC-Print-Bold", "Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC-Bold"}
LEADER = re.compile(r"^\s*(.+?)\s*[.·…]{3,}\s*(\d+)\s*$")


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext lays it out."""
    return pdf_text(pdf).split("\f")[:-1]


def fonts(pdf: Path) -> list[dict]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name type… encoding emb sub uni object-id generation
        rows.append({"name": parts[0].split("+")[-1], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """[(depth, title, page number from 1)] of the PDF's bookmarks."""
    reader = PdfReader(str(pdf))
    entries: list[tuple[int, str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return entries


@pytest.fixture(scope="module")
def downloads(built_site) -> Path:
    return built_site / "downloads"


def test_every_catalog_document_is_in_the_site_and_linked(built_site, downloads, knowledge):
    listing = (built_site / "downloads" / "index.html").read_text("utf-8")
    for doc in documents(knowledge, "public"):
        assert (downloads / doc.path).stat().st_size > 10_000, doc.path
        assert f'href="{doc.path}"' in listing, doc.path
    assert 'href="../downloads/handbook.pdf"' in (built_site / "plan" / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    "name, phrases",
    [
        ("handbook.pdf", ["编写说明", "目　录", "指导思想", "压实党政领导责任", "三管三必须", "第二十一条", "— 5 —", "索　引"]),
        ("exam-prep.pdf", ["应知应会", "练习题", "参考答案与解析", "生产经营单位的主要负责人"]),
        ("responsibility-matrix.pdf", ["责任分工表", "县应急管理局", "牵头", "长期坚持"]),
        ("papers/zhuyao-fuzeren-moni-seed1-1.pdf", ["主要负责人模拟考试", "判断题", "单选题", "多选题", "得分"]),
        ("papers/zhuyao-fuzeren-moni-seed1-1-key.pdf", ["参考答案", "《安全生产法》"]),
    ],
)
def test_chinese_text_is_extractable(downloads, name, phrases):
    text = re.sub(r"\s+", "", pdf_text(downloads / name))  # line breaks fall anywhere in Chinese
    for phrase in phrases:
        assert re.sub(r"\s+", "", phrase) in text, f"{name}: {phrase}"


def test_every_glyph_maps_to_unicode_and_only_two_faces_are_embedded(downloads, knowledge):
    for pdf in sorted(downloads.rglob("*.pdf")):
        used = fonts(pdf)
        assert {f["name"] for f in used} <= ALLOWED_FONTS, (pdf.name, used)
        assert all(f["emb"] == f["sub"] == f["uni"] == "yes" for f in used), (pdf.name, used)
        text = PdfReader(str(pdf)).pages[0].extract_text()
        assert "\ufffd" not in text and not re.search(r"[\ue000-\uf8ff]", text), pdf.name
    # Every character of the printed content comes back out of the PDF: nothing is a box.
    handbook = pdf_text(downloads / "handbook.pdf")
    printed = knowledge.plan.guiding_ideology + "".join(t.text for t in knowledge.plan.tasks)
    printed += "".join(term.term + term.definition for term in knowledge.terms.values())
    missing = {ch for ch in printed if not ch.isspace()} - set(handbook)
    assert not missing, sorted(missing)


def test_outline_has_every_chapter_and_every_task(downloads, knowledge):
    view = views.handbook(knowledge)
    entries = outline(downloads / "handbook.pdf")
    top = [title for depth, title, _ in entries if depth == 0]
    assert top == [f"{ch['label']}　{ch['title']}" for ch in view["chapters"]] + [views.INDEX_TITLE]
    titles = {title for _, title, _ in entries}
    for task in knowledge.plan.tasks:
        assert views.task_heading(task) in titles
    law_titles = {f"《{law.title}》" for law in knowledge.laws.values()}
    assert law_titles <= titles


@pytest.mark.parametrize("name", ["handbook.pdf", "exam-prep.pdf"])
def test_table_of_contents_page_numbers_are_the_real_pages(downloads, name):
    pages = page_texts(downloads / name)
    toc_pages = [i for i, text in enumerate(pages) if re.sub(r"\s+", "", text).startswith("目录")]
    assert toc_pages, "no table of contents"
    entries = [LEADER.match(line) for i in range(toc_pages[0], toc_pages[0] + 3) for line in pages[i].splitlines()]
    entries = [(m.group(1).strip(), int(m.group(2))) for m in entries if m]
    assert len(entries) >= 10
    # Titles repeat (a topic's questions and its answers): match TOC and bookmarks in order.
    bookmarks = [(re.sub(r"\s+", " ", title), page) for _, title, page in outline(downloads / name)]
    position = 0
    for title, number in entries:
        normal = re.sub(r"\s+", " ", title)
        position = next(i for i in range(position, len(bookmarks)) if bookmarks[i][0] == normal) + 1
        assert bookmarks[position - 1][1] == number, (title, number, bookmarks[position - 1])
        lines = [re.sub(r"\s+", " ", line.strip()) for line in pages[number - 1].splitlines()]
        assert any(line.startswith(normal) for line in lines), (title, number)


def test_no_heading_is_stranded_at_the_bottom_of_a_page(downloads):
    for name in ("handbook.pdf", "exam-prep.pdf"):
        pages = page_texts(downloads / name)
        for depth, title, number in outline(downloads / name):
            lines = [line.strip() for line in pages[number - 1].splitlines() if line.strip()]
            body = [line for line in lines if not re.match(r"^(第 \d+ 页 / 共 \d+ 页|— \d+ —)$", line)]
            heading = re.sub(r"\s+", "", title)
            assert re.sub(r"\s+", "", body[-1]) != heading, f"{name} p.{number}: “{title}” ends the page"


def test_answer_key_is_at_the_back_not_beside_the_questions(downloads):
    pages = page_texts(downloads / "exam-prep.pdf")
    first_answer = next(i for i, text in enumerate(pages) if "参考答案与解析" in text and "第三章" in text and i > 3)
    assert not any("（正确）" in text or "（错误）" in text for text in pages[:first_answer])


def test_matrix_is_one_landscape_sheet(downloads, knowledge):
    reader = PdfReader(str(downloads / "responsibility-matrix.pdf"))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = pdf_text(downloads / "responsibility-matrix.pdf")
    for row in views.matrix(knowledge)["rows"]:
        assert row["name"] in text


def test_no_line_starts_with_closing_punctuation(downloads):
    """Chinese line breaking: 。，、；：？！ and closing brackets never begin a line."""
    forbidden = re.compile(r"^\s*[，。、；：？！）》」』”’]")
    for name in ("handbook.pdf", "exam-prep.pdf", "papers/zhuyao-fuzeren-moni-seed1-1.pdf"):
        for number, text in enumerate(page_texts(downloads / name), start=1):
            bad = [line for line in text.splitlines() if forbidden.match(line)]
            assert not bad, f"{name} p.{number}: {bad[:2]}"
