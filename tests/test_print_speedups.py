"""The two changes to WeasyPrint's PDF writing (print/speedups.py): in place in every worker, and
without a change to what is drawn. Should a WeasyPrint or pydyf update rename what they reach
into, the first test fails and says which one no longer applies."""

from __future__ import annotations

import subprocess
import zlib

from yingji.print import speedups
from yingji.print.engine import Job, render_job

PAGE = '<html lang="zh-CN"><head></head><body><p>{text}</p></body></html>'
CSS = 'html { font-family: "Noto Serif CJK SC"; } p { font-size: 14pt; }'
TEXT = "平江县应急管理局：〇一二三，危险来了怎么跑。"


def test_both_are_in_place_after_a_worker_starts(tmp_path):
    render_job(Job("测试", "k", PAGE.format(text=TEXT), (CSS,), str(tmp_path / "a.pdf")))
    assert speedups.applied() == {"open arrays": True, "zlib level": True}


def test_an_open_array_holds_what_the_sized_one_held():
    from weasyprint.pdf import fonts

    speedups.apply()
    items = [5, 3, 900, 65535]
    array = fonts.ffi.new(f"hb_codepoint_t[{len(items)}]", items)
    assert list(array) == items and fonts.ffi.sizeof(array) == 4 * len(items)
    assert len(fonts.ffi.new("hb_tag_t[100]")) == 100  # sized, no items: left alone


def test_pydyf_streams_still_decompress_to_their_content():
    import pydyf

    speedups.apply()
    content = ("应急" * 5000).encode("utf-8")
    stream = pydyf.Stream([content], compress=True)
    packed = stream.data.split(b"\nstream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert zlib.decompress(packed) == content and len(packed) < len(content) / 20


def test_a_document_written_with_them_reads_back_the_same(tmp_path):
    target = tmp_path / "b.pdf"
    render_job(Job("测试", "k", PAGE.format(text=TEXT), (CSS,), str(target)))
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert TEXT in text.replace("\n", "")


def test_the_ideographic_zero_is_in_the_cut_faces_no_system_face_is_embedded(tmp_path):
    """〇 (二〇二六年, 一〇村) is outside GB 2312: were it missing from the cut faces, every card
    with one would load and embed both full system faces (four fonts, 45 MB read per worker)."""
    from yingji.print.fonts import font_faces_css

    css = font_faces_css() + 'html { font-family: "Noto Serif CJK SC Print"; } b { font-family: "Noto Sans CJK SC Print"; font-weight: 700; }'
    target = tmp_path / "zero.pdf"
    render_job(Job("测试", "k", PAGE.format(text="二〇二六年<b>一〇村</b>"), (css,), str(target)))
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert sorted(line.split()[0].split("+", 1)[1] for line in fonts) == ["Noto-Sans-CJK-SC-Print-Bold", "Noto-Serif-CJK-SC-Print"]
