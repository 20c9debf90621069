"""一村一案明白卡 and township bundles: privacy, QR code, one page (two at most), size."""

from __future__ import annotations

import segno
from pypdf import PdfReader

from yingji.print.cards import card_view
from yingji.presentation.documents import documents
from yingji.presentation.privacy import mask_phone, personal_numbers

from conftest import pdf_text, routes_for


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


def test_every_village_has_a_card_of_at_most_two_pages_under_400_kb(built_site, knowledge):
    for village in knowledge.villages.values():
        card = built_site / "downloads" / "villages" / village.township / f"{village.id}.pdf"
        assert len(PdfReader(str(card)).pages) <= 2, card.name
        assert card.stat().st_size < 400 * 1024, (card.name, card.stat().st_size)
        text = pdf_text(card)
        for phrase in ("一村一案明白卡", village.name, "危险来了怎么跑" if village.routes else "风险点和责任人", "应急责任人电话"):
            assert phrase in text, (card.name, phrase)


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
    assert str(view["qr"]) == segno.make(url, error="m", micro=False).svg_inline(border=0, omitsize=True, dark="#000")
    assert card_view(knowledge, village.id, "public", routes_for(knowledge))["qr"] is None


def test_internal_cards_show_full_numbers_public_ones_do_not(minimal_site, minimal_project, yingji):
    phone = "13900001111"
    assert "site_url" in (minimal_site.parent / "build.log").read_text("utf-8")  # no QR code without an address: said so
    card = next((minimal_site / "downloads" / "villages").rglob("*/*.pdf")).relative_to(minimal_site)
    assert phone not in pdf_text(minimal_site / card) and mask_phone(phone) in pdf_text(minimal_site / card)
    internal = yingji(minimal_project, "build", "--profile", "internal", env={"YINGJI_SITE_URL": "https://x.example/"})
    assert internal.returncode == 0, internal.stderr
    card = minimal_project / "site" / card
    assert phone in pdf_text(card) and "内部版" in pdf_text(card)
    assert "site_url" not in internal.stdout + internal.stderr


def test_catalog_paths_follow_the_url_scheme(knowledge):
    paths = {d.path for d in documents(knowledge, "public")}
    assert {"handbook.pdf", "exam-prep.pdf", "responsibility-matrix.pdf"} <= paths
    for village in knowledge.villages.values():
        assert f"villages/{village.township}/{village.id}.pdf" in paths
        assert f"villages/{village.township}.pdf" in paths
