"""Pinyin for the search: the names' syllables (at build time) and the homophone table with
which the browser reads the characters of a query.

A query typed with a homophone (三管三必需) or in pinyin (sanguansanbixu, sgsbx) reaches the
term because the browser compares syllables, not characters. Tones are left out: people do
not type them, and a wrong tone is the commonest slip.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PUNCTUATION = re.compile(r"[\s、，。；：！？（）()“”‘’《》〈〉「」·—\-]")


def name_syllables(name: str) -> str | None:
    """'三管三必须' → 'san guan san bi xu'; None unless the name is Chinese characters only
    (punctuation aside): 1+N+X or 12350 are found as they are written."""
    han = _PUNCTUATION.sub("", name)
    if len(han) < 2 or not all(_HAN.match(ch) for ch in han):
        return None
    return " ".join(lazy_pinyin(han, style=Style.NORMAL))


@lru_cache(maxsize=1)
def _common_characters() -> frozenset[str]:
    """The 6,763 characters of GB 2312: what people type with any input method."""
    chars = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def homophone_table(names: list[str]) -> dict[str, str]:
    """syllable → every character that can be read so (GB 2312 and the names' own characters);
    a character with several readings is under each."""
    chars = set(_common_characters()) | {ch for name in names for ch in name if _HAN.match(ch)}
    table: dict[str, list[str]] = defaultdict(list)
    for ch in sorted(chars):
        for reading in dict.fromkeys(_toneless(r) for r in pinyin_dict.get(ord(ch), "").split(",") if r):
            if reading.isascii() and reading.isalpha():
                table[reading].append(ch)
    return {syllable: "".join(table[syllable]) for syllable in sorted(table)}


def _toneless(reading: str) -> str:
    """'zhòng' → 'zhong', 'lǜ' → 'lv' (as typed on a keyboard)."""
    plain = unicodedata.normalize("NFD", reading.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v")
                                  .replace("ǚ", "v").replace("ǜ", "v"))
    return "".join(ch for ch in plain if not unicodedata.combining(ch))
