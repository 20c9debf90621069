"""The handbook, the exam-prep booklet, the papers and the wall table as a printer and a trainer
see them, checked from the PDFs: mirrored margins, chapters on right-hand pages, running heads
with clear space, distinct heading sizes, no 孤字, numbered tables, an index with real pages, the
卷头 and 答题卡 of a paper, the A3 sheet without a generator line."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from conftest import PDF_CACHE, REPO, routes_for
from pdf_layout import HAN, MM, orphans, pages
from yingji.content import load_knowledge
from yingji.presentation.documents import paper_documents
from yingji.print import prep, views
from yingji.print.bookindex import sort_key
from yingji.print.catalog import document_html
from yingji.print.imprint import imprint
from yingji.print.stage import render_documents

BOOKS = ("handbook.pdf", "exam-prep.pdf")
PAPER = "papers/zhuyao-fuzeren-moni-seed1-1.pdf"
KEY = "papers/zhuyao-fuzeren-moni-seed1-1-key.pdf"
SEALED = "papers/zhuyao-fuzeren-moni-seed7-1.pdf"


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge(REPO)[0]


@pytest.fixture(scope="module")
def printed(knowledge) -> dict[str, Path]:
    """The books, the sample papers, a sealed paper and the wall table, rendered alone (no site
    build) into the session's PDF cache, which a site build in the same session reuses."""
    routes = routes_for(knowledge)
    docs = [d for d in routes.documents if d.kind in ("handbook", "exam-prep", "matrix", "paper", "paper-key")]
    docs += paper_documents(knowledge.exams["zhuyao-fuzeren-moni"], 7, 1, seal=True)[:1]
    before = os.environ.get("YINGJI_PDF_CACHE")
    os.environ["YINGJI_PDF_CACHE"] = str(PDF_CACHE)
    try:
        report = render_documents(REPO, knowledge, docs, "public", routes, progress=None)
    finally:
        os.environ.pop("YINGJI_PDF_CACHE") if before is None else os.environ.__setitem__("YINGJI_PDF_CACHE", before)
    return report.files


def text_of(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    command = ["pdftotext", "-layout", *(["-f", str(first)] if first else []), *(["-l", str(last)] if last else []), str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def outline_pages(pdf: Path, depth: int = 0) -> list[tuple[str, int]]:
    reader = PdfReader(str(pdf))
    return [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline if not isinstance(item, list)]


# ---- the books -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", BOOKS)
def test_margins_are_mirrored_with_a_binding_gutter(printed, name):
    """Odd (right-hand) pages: inner margin on the left; even pages: on the right. Same text width."""
    boxes = {0: [], 1: []}
    for page in pages(printed[name]):
        body = page.body()
        if len(body) > 15:  # full text pages (not the cover, title pages, a chapter's short end)
            boxes[page.number % 2].append((min(l.x0 for l in body), page.width - max(l.x1 for l in body)))
    odd_left, odd_right = (statistics.median(side) / MM for side in zip(*boxes[1]))
    even_left, even_right = (statistics.median(side) / MM for side in zip(*boxes[0]))
    assert odd_left == pytest.approx(25, abs=0.6) and odd_right == pytest.approx(18, abs=1.5), (odd_left, odd_right)
    assert even_left == pytest.approx(18, abs=0.6) and even_right == pytest.approx(25, abs=1.5), (even_left, even_right)


@pytest.mark.parametrize("name", BOOKS)
def test_chapters_open_on_right_hand_pages_and_the_back_cover_is_last(printed, knowledge, name):
    chapters = outline_pages(printed[name])
    assert len(chapters) >= 3
    assert all(number % 2 == 1 for _, number in chapters), chapters
    all_pages = pages(printed[name])
    assert len(all_pages) % 2 == 0  # the back cover is a left-hand page
    back = flat(text_of(printed[name], len(all_pages), len(all_pages)))
    assert knowledge.county.publisher in back and "第1版" in back
    for page in all_pages[1:-1]:  # a page left blank before a chapter carries no head, no number
        if not page.lines:
            continue
        assert page.body() or len(page.lines) <= 2, page.number


def test_cover_and_imprint_name_issuer_date_edition_and_access(printed, knowledge):
    county = knowledge.county
    cover = flat(text_of(printed["handbook.pdf"], 1, 1))
    assert county.publisher in cover and "二〇二六年十一月" in cover and "公开" in cover
    imprint = flat(text_of(printed["handbook.pdf"], 4, 4))
    assert "版次2026年11月第1版" in imprint and f"编印{county.publisher}" in imprint
    assert county.name not in (REPO / "yingji/templates/print/_macros.html.j2").read_text("utf-8")


def test_the_internal_profile_marks_the_books_internal(knowledge):
    routes = routes_for(knowledge, "internal")
    for doc in routes.documents:
        if doc.kind in ("handbook", "exam-prep"):
            html = document_html(knowledge, doc, "internal", routes)
            cover = html[html.index('class="cover"'):html.index("</section>")]
            assert "内部资料　注意保存" in cover and "公开" not in cover


def test_a_county_without_an_edition_prints_no_edition(knowledge):
    county = knowledge.county.model_copy(update={"edition": None})
    facts = imprint(SimpleNamespace(county=county), "public")  # the county is all imprint() reads
    assert facts["edition"] is None and facts["cover_date"] is None and facts["publisher"] == county.publisher


@pytest.mark.parametrize("name", BOOKS)
def test_running_head_stands_clear_of_the_text(printed, name):
    checked = 0
    for page in pages(printed[name]):
        head = [line for line in page.lines if line.y1 < 22 * MM]
        body = [line for line in page.lines if line.y0 >= 22 * MM]
        if head and body:
            checked += 1
            gap = (min(line.y0 for line in body) - max(line.y1 for line in head)) / MM
            assert gap >= 4, f"{name} p.{page.number}: {gap:.1f} mm"
            assert all(line.size < 9 for line in head)
    assert checked > 20


def size_of(pdf: Path, text: str) -> float:
    """The size of a heading (the largest line with that text: not its running head)."""
    sizes = [line.size for page in pages(pdf) for line in page.lines if flat(line.text) == flat(text)]
    assert sizes, f"not found: {text}"
    return max(sizes)


def test_heading_levels_differ_by_more_than_a_point(printed, knowledge):
    pdf = printed["handbook.pdf"]
    section = next(s for s in knowledge.plan.sections if s.number)
    task = section.tasks[0]
    ladder = [
        size_of(pdf, "第一章　实施方案全文"),
        size_of(pdf, "印发通知"),
        size_of(pdf, "一、指导思想"),
        size_of(pdf, f"（{section.number}）{section.title}"),
        size_of(pdf, views.task_heading(task)),
    ]
    assert all(a - b > 1 for a, b in zip(ladder, ladder[1:])), ladder
    assert ladder[-1] >= 10.4  # the smallest heading is no smaller than the text


@pytest.mark.parametrize("name", BOOKS)
def test_no_heading_term_or_table_title_ends_a_page(printed, knowledge, name):
    labels = {views.task_heading(task) for task in knowledge.plan.tasks} | {term.term for term in knowledge.terms.values()}
    for page in pages(printed[name]):
        body = page.body()
        if not body or not any(line.y1 < 22 * MM for line in page.lines):
            continue  # the covers, 扉页 and 版权页 have no running head and no text flow
        last = max(body, key=lambda line: (line.y1, line.x0))
        text = flat(last.text)
        assert last.size < 11.5, f"{name} p.{page.number}: heading “{last.text}” ends the page"
        at_margin = last.x0 < min(line.x0 for line in body) + 1  # a heading, not a table cell naming a task
        assert not re.match(r"^表\d+-\d+", text), f"{name} p.{page.number}: “{last.text}”"
        # a label in heading type (task headings 10.5 pt, glossary terms 11 pt); a table's first column
        # can wrap to a line that happens to read like a term (“应急预案”) in its smaller type
        assert not (at_margin and text in labels and last.size >= 10.4), f"{name} p.{page.number}: “{last.text}”"
        assert not re.match(r"^第\d+—\d+题", text), f"{name} p.{page.number}: “{last.text}”"


@pytest.mark.parametrize("name", [*BOOKS, PAPER, KEY])
def test_one_character_last_lines_in_at_most_one_percent_of_paragraphs(printed, name):
    found, paragraphs = orphans(printed[name])
    assert paragraphs > 25
    assert len(found) <= paragraphs / 100, found


@pytest.mark.parametrize("name", [*BOOKS, KEY])
def test_an_article_reference_never_parts_from_its_law_title(printed, name):
    lines = [line.strip() for line in text_of(printed[name]).splitlines() if line.strip()]
    for line, after in zip(lines, lines[1:]):
        assert not (line.endswith("》") and after.startswith("第")), (line, after)
        assert not line.endswith("］"), line  # a question-type tag never ends a line


def test_tables_have_numbers_and_titles(printed, knowledge):
    captions = re.findall(r"^\s*表 (\d+)-(\d+)\s+\S", text_of(printed["handbook.pdf"]), re.M)
    view = views.handbook(knowledge)
    expected = 2 + len(view["timeline"]) + (2 if view["system"] else 0)
    assert len(captions) == expected
    numbers = {}
    for chapter, number in captions:
        numbers.setdefault(chapter, []).append(int(number))
    assert all(found == list(range(1, len(found) + 1)) for found in numbers.values()), numbers


def test_index_lists_every_term_in_pinyin_order_with_the_page_of_its_entry(printed, knowledge):
    pdf = printed["handbook.pdf"]
    start = next(number for title, number in outline_pages(pdf) if flat(title) == "索引")
    all_pages = pages(pdf)
    terms = {term.term: term for term in knowledge.terms.values()}
    listed = {}
    for line in text_of(pdf, start, len(all_pages) - 1).splitlines():
        for match in re.finditer(r"(\S+?)\s*[.·…]{4,}\s*(\d+)", line):  # two columns: two entries a line
            listed[match.group(1)] = int(match.group(2))
    assert set(listed) == set(terms)
    for name, number in listed.items():
        assert name in flat(text_of(pdf, number, number)), (name, number)
    middle = all_pages[0].width / 2  # reading order: page by page, left column, then right
    placed = sorted(
        (page.number, line.x0 > middle, line.y0, name)
        for page in all_pages[start - 1:-1] for line in page.lines
        if (name := re.sub(r"\s*[.·…]+\s*\d*$", "", line.text)) in terms
    )
    names = [text for *_, text in placed]
    assert names == sorted(terms, key=sort_key)
    refs = flat(text_of(pdf, start, len(all_pages) - 1))
    assert "任务第2项" in refs and "条文《安全生产法》第三条" in refs  # 三管三必须: its task and its source


def test_no_half_width_colon_in_chinese_beyond_the_official_text(printed, knowledge):
    official = "".join(entry.article.text for entry in knowledge.articles.values())
    for name in BOOKS:
        text = flat(text_of(printed[name]))
        for match in re.finditer(r"(?<=[\u3400-\u9fff）》”])[:;,?!](?=[\u3400-\u9fff（《“]|$)|(?<=[\u3400-\u9fff]):", text):
            before = text[max(0, match.start() - 6):match.start() + 1]
            assert before in official, f"{name}: …{text[match.start() - 12:match.start() + 8]}…"


def test_key_articles_are_starred_not_only_red(printed, knowledge):
    view = prep.exam_prep(knowledge)
    text = text_of(printed["exam-prep.pdf"])
    assert text.count("★") == view["key_count"] + 1  # and once in the 使用说明
    assert view["key_count"] > 5


def test_answer_key_groups_point_back_to_the_questions_and_forward(printed, knowledge):
    pdf = printed["exam-prep.pdf"]
    text = flat(text_of(pdf))
    view = prep.exam_prep(knowledge)
    for topic in view["topics"]:
        back = re.search(re.escape(topic["range"].replace(" ", "")) + r"题目见第(\d+)页", text)
        forward = re.search(re.escape(topic["range"].replace(" ", "")) + r"答案见第(\d+)页", text)
        assert back and forward, topic["title"]
        question_page = flat(text_of(pdf, int(back.group(1)), int(back.group(1))))
        key_page = flat(text_of(pdf, int(forward.group(1)), int(forward.group(1))))
        assert flat(topic["title"]) in question_page and f"{topic['questions'][0]['number']}." in question_page
        assert flat(topic["title"]) in key_page


# ---- papers ----------------------------------------------------------------------------------


def test_paper_head_has_what_a_real_paper_has(printed, knowledge):
    exam = knowledge.exams["zhuyao-fuzeren-moni"]
    head = flat(text_of(printed[PAPER], 1, 1))
    for words in ("考试时间", f"{exam.time_limit_minutes}分钟", "满分", "及格", "注意事项", "单位", "姓名", "准考证号",
                  "题型", "得分", "评卷人", "总分", knowledge.county.publisher, "样卷"):
        assert words in head, words
    names = "".join(f"{'一二三四五'[index]}、{part.type}题" for index, part in enumerate(exam.parts))
    points = "".join(f"{part.count * part.points:g}" for part in exam.parts)
    assert f"题型{names}总分满分{points}{exam.total_points:g}得分评卷人" in head
    assert "密封" not in flat(text_of(printed[PAPER]))


def test_score_table_is_a_table_with_one_column_per_part(printed, knowledge):
    exam = knowledge.exams["zhuyao-fuzeren-moni"]
    page = pages(printed[PAPER])[0]
    row = next(line for line in page.lines if flat(line.text).startswith("题型"))
    same_row = [line for line in page.lines if abs(line.y0 - row.y0) < 2]
    assert len(same_row) == len(exam.parts) + 2 or len(flat(row.text)) > 10


def test_answer_sheet_has_a_box_row_for_every_question(printed, knowledge):
    exam = knowledge.exams["zhuyao-fuzeren-moni"]
    count = sum(part.count for part in exam.parts)
    last = pages(printed[PAPER])[-1]
    text = " ".join(line.text for line in last.lines)
    assert "答题卡" in text
    numbers = {int(n) for n in re.findall(r"(?<!\d)(\d{1,3})(?!\d)", text)}
    assert set(range(1, count + 1)) <= numbers
    assert text.count("√") >= next(p.count for p in exam.parts if p.type == "判断")
    assert "答题卡" not in flat(text_of(printed[KEY]))


def test_a_sealed_paper_has_the_seal_line_on_its_binding_edge(printed, knowledge):
    sealed = printed[SEALED]
    first = pages(sealed)[0]
    seal = [line for line in first.lines if line.x1 < 32 * MM]
    upwards = "".join(line.text for line in sorted(seal, key=lambda line: -line.y0) if len(line.text) == 1)
    assert "密封线内不要答题" in upwards  # set along the edge, read from the bottom up
    assert {"单位", "姓名", "准考证号"} <= {line.text for line in seal}
    assert "样卷" not in flat(text_of(sealed, 1, 1))
    assert seal and all(line.x0 > 3 * MM for line in seal)  # inside the sheet, left of the text
    body_left = min(line.x0 for line in first.body() if line.x0 > 32 * MM)
    assert body_left >= 33 * MM


# ---- the wall table --------------------------------------------------------------------------


def test_wall_table_is_readable_and_says_who_issued_it_not_what_made_it(printed, knowledge):
    pdf = printed["responsibility-matrix.pdf"]
    (page,) = pages(pdf)
    text = flat(text_of(pdf))
    assert "yingji" not in text and "自动生成" not in text
    assert knowledge.county.publisher in text and "2026年11月" in text
    roles = [line for line in page.lines if flat(line.text) in ("负责", "牵头", "参与")]
    assert roles and min(line.size for line in roles if line.y0 > 40 * MM) >= 8.9
    names = [line for line in page.lines if flat(line.text) in {u.name for u in knowledge.units.values()}]
    assert min(line.size for line in names) >= 9


def test_one_row_per_unit(printed, knowledge):
    rows = views.matrix(knowledge)["rows"]
    names = [row["name"] for row in rows]
    assert len(names) == len(set(names))
    stems = [re.sub(r"(部门|单位)$", "", name) for name in names if name.startswith("各")]
    assert len(stems) == len(set(stems)), names  # 各行业主管部门 and 各行业主管单位 are one unit
    assert "各行业主管单位" in knowledge.units["hangye-zhuguan-bumen"].aliases


# ---- the typesetting helpers -----------------------------------------------------------------


def test_tie_end_keeps_the_last_two_characters_and_each_article_reference_together():
    from yingji.render import tie_end

    nobr = '<span class="nobr">{}</span>'.format
    assert tie_end("主要负责人是本单位安全生产第一责任人。") == "主要负责人是本单位安全生产第一责" + nobr("任人。")
    assert tie_end("每年不少于2次") == "每年不少于" + nobr("2次")
    assert tie_end("依照《安全生产法》第二十一条的规定执行") == "依照" + nobr("《安全生产法》第二十一条") + "的规定" + nobr("执行")
    assert tie_end("（《湖南省安全生产条例》第二十条）") == "（《湖南省安全生产条" + nobr("例》第二十条）")
    assert tie_end("落实责任（试行）") == "落实责任" + nobr("（试行）")
    assert tie_end("<b>短</b>") == "&lt;b&gt;短&lt;/b&gt;"  # content is escaped
    assert tie_end("三个字") == "三个字"


def test_index_order_is_pinyin_with_numbers_first():
    terms = ["应急预案", "三管三必须", "12350", "重大事故隐患", "行刑衔接", "安全总监"]
    assert sorted(terms, key=sort_key) == ["12350", "安全总监", "三管三必须", "行刑衔接", "应急预案", "重大事故隐患"]
