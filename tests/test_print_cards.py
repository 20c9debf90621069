"""一村一案明白卡 and township bundles: privacy, QR code, sizes and margins read back from the
PDFs, one page for every sample village, a 续 page for a village that does not fit, size."""

from __future__ import annotations

import base64
import io
import re
import subprocess
from pathlib import Path

import pytest
import segno
from PIL import Image
from pypdf import PdfReader

from yingji.content import load_knowledge
from yingji.print.cards import card_view
from yingji.presentation.documents import documents
from yingji.presentation.privacy import mask_phone, personal_numbers
from yingji.presentation.villages import village_version

from conftest import PT_PER_HEIGHT, pdf_text, pdf_words, routes_for

A4 = (595.28, 841.89)
MM10 = 10 * 72 / 25.4


def test_public_pdfs_hold_no_personal_number_only_masked_ones(built_site, knowledge):
    numbers = personal_numbers(knowledge.villages.values())
    assert numbers
    texts = {pdf: pdf_text(pdf) for pdf in sorted((built_site / "downloads").rglob("*.pdf"))}
    for pdf, text in texts.items():
        leaked = [n for n in numbers if n in text]
        assert not leaked, f"{pdf.name}: {leaked[:3]}"
    village = next(iter(knowledge.villages.values()))
    card = texts[built_site / "downloads" / "villages" / village.township / f"{village.id}.pdf"]
    assert mask_phone(village.people[0].phone) in card


def test_every_sample_village_has_a_card_of_one_page_under_400_kb(built_site, knowledge):
    for village in knowledge.villages.values():
        card = built_site / "downloads" / "villages" / village.township / f"{village.id}.pdf"
        assert len(PdfReader(str(card)).pages) == 1, card.name
        assert card.stat().st_size < 400 * 1024, (card.name, card.stat().st_size)
        text = "".join(pdf_text(card).split())  # pdftotext -layout may drop or add spaces
        for phrase in ("一村一案明白卡", village.name, "危险来了怎么跑" if village.routes else "应急责任人电话", "应急责任人电话",
                       f"资料日期{village.updated.isoformat()}", f"版本{village_version(village)}", "第1页/共1页"):
            assert phrase in text, (card.name, phrase)
        assert "待填写" not in text  # an unknown number gets a line to write it on
        assert "监测监测" not in text  # a monitor known by role only reads 监测员, not 监测 监测员


def test_card_type_sizes_and_margins_read_back_from_the_pdf(built_site, knowledge):
    """Village name ≥ 24 pt, the way out ≥ 14 pt, every other word ≥ 11 pt, no word within 10 mm
    of an edge."""
    for village in knowledge.villages.values():
        card = built_site / "downloads" / "villages" / village.township / f"{village.id}.pdf"
        found = pdf_words(card)
        sizes = {word: (y1 - y0) / PT_PER_HEIGHT for _, _, y0, _, y1, word in found}
        assert max(size for word, size in sizes.items() if village.name in word) >= 24, card.name
        way = [size for word, size in sizes.items() if "带路" in word or "【" in word]
        assert (not village.routes or way) and all(size >= 13.8 for size in way), (card.name, way)
        assert min(sizes.values()) >= 10.8, (card.name, min(sizes.items(), key=lambda item: item[1]))
        for _, x0, y0, x1, y1, word in found:
            assert x0 >= MM10 and y0 >= MM10 and x1 <= A4[0] - MM10 and y1 <= A4[1] - MM10, (card.name, word)


def test_a_card_needs_no_colour_and_leaves_its_edges_blank(built_site, knowledge):
    """Rendered: every pixel grey (a black-and-white copy loses nothing), nothing within 10 mm."""
    from PIL import Image

    village = next(iter(knowledge.villages.values()))
    card = built_site / "downloads" / "villages" / village.township / f"{village.id}.pdf"
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(card), str(card.with_suffix(""))], check=True)
    image = Image.open(card.with_suffix(".png")).convert("RGB")
    card.with_suffix(".png").unlink()
    width, height = image.size
    margin = round(10 / 25.4 * 40)
    for x in range(width):
        for y in range(height):
            r, g, b = image.getpixel((x, y))
            assert max(r, g, b) - min(r, g, b) < 12, (x, y)
            if x < margin or y < margin or x >= width - margin or y >= height - margin:
                assert min(r, g, b) > 245, (x, y)


def test_a_village_that_does_not_fit_goes_on_under_a_continuation_header(minimal_project, tmp_path):
    from yingji.print.stage import render_documents

    path = minimal_project / "content" / "villages" / "ceshi-zhen" / "ceshi-zhen-shanxia-cun.yml"
    text = path.read_text("utf-8")
    many = "".join(f"""  - id: wangge-{n}
    role: 网格员
    name: 网格员{n}号
    phone: "1390000{n:04d}"
    area: 第{n}网格
""" for n in range(1, 61))
    path.write_text(text.replace("\n# 风险点", many + "\n# 风险点", 1), "utf-8")
    knowledge = load_knowledge(minimal_project)[0]
    routes = routes_for(knowledge)
    card = [doc for doc in routes.documents if doc.kind == "card"]
    report = render_documents(minimal_project, knowledge, card, "public", routes, cache_dir=tmp_path / "cache")
    pdf = report.files[card[0].path]
    assert len(PdfReader(str(pdf)).pages) == 2
    second = "".join(subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert second.startswith("测试镇山下村一村一案明白卡（续）") and "第2页/共2页" in second
    assert "第1页/共2页" in "".join(pdf_text(pdf).split())
    for page, x0, y0, x1, y1, word in pdf_words(pdf):
        assert y0 >= MM10 and y1 <= A4[1] - MM10, (page, word)


def test_a_township_bundle_holds_its_cards_in_order(built_site, knowledge):
    township = next(t for t in knowledge.townships.values() if knowledge.villages_of(t.id))
    reader = PdfReader(str(built_site / "downloads" / "villages" / f"{township.id}.pdf"))
    villages = knowledge.villages_of(township.id)
    assert [item.title for item in reader.outline] == [f"{township.name}{v.name}一村一案明白卡" for v in villages]
    cards = [PdfReader(str(built_site / "downloads" / "villages" / township.id / f"{v.id}.pdf")) for v in villages]
    assert len(reader.pages) == sum(len(card.pages) for card in cards)


def test_the_qr_code_encodes_the_village_page(knowledge):
    village = next(iter(knowledge.villages.values()))
    view = card_view(knowledge, village.id, "public", routes_for(knowledge, site_url="https://yingji.example.gov.cn/"))
    url = f"https://yingji.example.gov.cn/villages/{village.township}/{village.id}.html"
    assert view["url"] == url
    source = re.search(r'src="data:image/png;base64,([^"]+)"', str(view["qr"])).group(1)
    picture = Image.open(io.BytesIO(base64.b64decode(source))).convert("1")
    modules = segno.make(url, error="m", micro=False).matrix  # one pixel per module, dark = 0
    assert picture.size == (len(modules), len(modules))
    assert [[picture.getpixel((x, y)) == 0 for x in range(picture.width)] for y in range(picture.height)] == \
        [[bool(dark) for dark in row] for row in modules]
    assert card_view(knowledge, village.id, "public", routes_for(knowledge))["qr"] is None


def test_internal_cards_show_full_numbers_public_ones_do_not(minimal_site, minimal_project, yingji):
    phone = "13900001111"
    assert "site_url" in (minimal_site.parent / "build.log").read_text("utf-8")  # no QR code without an address: said so
    card = next((minimal_site / "downloads" / "villages").rglob("*/*.pdf")).relative_to(minimal_site)
    assert phone not in pdf_text(minimal_site / card) and mask_phone(phone) in pdf_text(minimal_site / card)
    internal = yingji(minimal_project, "build", "--profile", "internal", env={"YINGJI_SITE_URL": "https://x.example/"})
    assert internal.returncode == 0, internal.stderr
    internal_card = minimal_project / "site-internal" / card
    assert phone in pdf_text(internal_card) and "内部资料" in pdf_text(internal_card) and "内部版" in pdf_text(internal_card)
    assert "site_url" not in internal.stdout + internal.stderr


def test_catalog_paths_follow_the_url_scheme(knowledge):
    paths = {d.path for d in documents(knowledge, "public")}
    assert {"handbook.pdf", "exam-prep.pdf", "responsibility-matrix.pdf"} <= paths
    for village in knowledge.villages.values():
        assert f"villages/{village.township}/{village.id}.pdf" in paths
        assert f"villages/{village.township}.pdf" in paths


def test_each_risk_sends_its_people_to_its_own_shelter(minimal_project, tmp_path):
    """Two risks at the same place with different routes and shelters: the card tells each
    risk's people the way to that risk's own shelter, not the other's."""
    from yingji.print.stage import render_documents

    village = minimal_project / "content" / "villages" / "ceshi-zhen" / "ceshi-zhen-shanxia-cun.yml"
    text = village.read_text("utf-8")
    text = text.replace("  - id: risk-2\n", """  - id: risk-3
    type: 地质灾害
    place: 一组后山冲沟
    households: 3
    people: 9
    responsible: zhishu
    routes: [route-2]
  - id: risk-2
""")
    text = text.replace("\n# 避险场所\n", """  - id: route-2
    from: 一组后山3户
    via: [后山便道]
    to: xuexiao
\n# 避险场所\n""")
    text = text.replace("    keeper: zhishu\n\n# 需要帮扶", """    keeper: zhishu
  - id: xuexiao
    name: 村小学
    place: 二组山腰
    capacity: 30
    keeper: jiance-1

# 需要帮扶""")
    village.write_text(text, "utf-8")
    knowledge = load_knowledge(minimal_project)[0]
    routes = routes_for(knowledge)
    card = [doc for doc in routes.documents if doc.kind == "card"]
    report = render_documents(minimal_project, knowledge, card, "public", routes, cache_dir=tmp_path / "cache")
    printed = "".join(pdf_text(report.files[card[0].path]).split())
    flood = re.search(r"一组后山冲沟（山洪）：(.*?)。", printed).group(1)
    landslide = re.search(r"一组后山冲沟（地质灾害）：(.*?)。", printed).group(1)
    assert "到【村部】" in flood and "村小学" not in flood
    assert "经后山便道到【村小学】" in landslide and "村部" not in landslide
