"""The two print faces, cut once per machine to the characters Chinese print needs.

Noto Serif CJK SC Regular (reading text) and Noto Sans CJK SC Bold (headings, labels) come from
Debian's fonts-noto-cjk as collections of ~65,000 glyphs. WeasyPrint subsets the embedded font
of every PDF with HarfBuzz, keeping glyph ids up to the highest one used, so each PDF pays for
the glyphs that come before its rarest character: measured on a village card, 0.25 s of CPU and
356 KB. Cutting both faces once to GB 2312 (the 6,763 common characters, punctuation and
symbols) plus ASCII makes the same card 0.19 s and 168 KB; putting the glyphs in order of use —
ASCII, punctuation and their alternates, then the hanzi by frequency (common_hanzi.txt) —
brings a card's highest glyph id from ~13,000 down to a few thousand, and the card to ~60 KB
per face and less time to subset. The cut faces live in the user's cache
(~/.cache/yingji/fonts), made by fontTools the first time (about half a minute) and reused by
every later build and project.

A character outside the cut (a rare character in a village or person name) is not lost: the
font stack falls back to the full system face of the same design, so it prints all the same.
"""

from __future__ import annotations

import copy
import hashlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

SYSTEM = "/usr/share/fonts/opentype/noto"
# family in the CSS → (collection file, face name inside it, CSS weight)
FACES = {
    "Noto Serif CJK SC Print": (f"{SYSTEM}/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", 400),
    "Noto Sans CJK SC Print": (f"{SYSTEM}/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", 700),
}
CUT_VERSION = "5"  # bump when the repertoire, the glyph order or the options change
# 〇 (二〇二六年, 一〇村) is not in GB 2312: without it, a card that has one loads and embeds both
# full system faces (two more font subsets and 45 MB of font files read by each worker)
EXTRA = "〇“”‘’…—–·•●○◆□■△▲★☆√×÷±≤≥≠≈‰℃№§〔〕【】《》〈〉「」『』（）［］｛｝：；，。、？！％＋－／＝＞＜～｜﹏①②③④⑤⑥⑦⑧⑨⑩ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ　"


def repertoire() -> list[int]:
    """GB 2312 (every character it encodes), printable ASCII and the signs our templates use."""
    chars = {chr(c) for c in range(0x20, 0x7F)} | set(EXTRA)
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return sorted(ord(ch) for ch in chars)


def common_hanzi() -> str:
    text = (Path(__file__).parent / "common_hanzi.txt").read_text("utf-8")
    return "".join(line for line in text.splitlines() if not line.startswith("#"))


def _rank(codepoint: int, frequency: dict[str, int]) -> tuple:
    """Sort key of a character in the cut: ASCII, GB 2312 signs, hanzi by frequency, the rest."""
    char = chr(codepoint)
    if codepoint < 0x80:
        return (0, codepoint)
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:  # a sign of EXTRA goes with the punctuation, not after every hanzi
        return (1, codepoint) if char in EXTRA else (4, codepoint)
    if code[0] < 0xB0:  # rows 1–15: punctuation, symbols, kana, Greek, Cyrillic …
        return (1, codepoint)
    return (2, frequency[char], 0) if char in frequency else (3, codepoint)


def _reorder(font) -> None:
    """Glyphs in order of use (see module docstring): each character's glyph, and right after
    the ASCII and punctuation glyphs their single-substitution alternates (the full-width forms
    Pango picks for Chinese text); everything else keeps its order at the end."""
    frequency = {char: n for n, char in enumerate(common_hanzi())}
    cmap = font.getBestCmap()
    order = font.getGlyphOrder()
    ranks: dict[str, tuple] = {}
    for codepoint, glyph in cmap.items():
        ranks[glyph] = min(ranks.get(glyph, (9,)), _rank(codepoint, frequency))
    alternates: dict[str, list[str]] = {}
    if "GSUB" in font:
        for lookup in font["GSUB"].table.LookupList.Lookup:
            for table in lookup.SubTable:
                table = getattr(table, "ExtSubTable", table)
                for source, target in (getattr(table, "mapping", None) or {}).items():
                    alternates.setdefault(source, []).append(target)
    placed: list[str] = [".notdef"]
    seen = {".notdef"}
    for glyph in sorted((g for g in order if g in ranks and g != ".notdef"), key=lambda g: ranks[g]):
        for name in [glyph, *(alternates.get(glyph, []) if ranks[glyph][0] < 2 else [])]:
            if name not in seen:
                placed.append(name)
                seen.add(name)
    placed += [g for g in order if g not in seen]
    font.setGlyphOrder(placed)
    if "CFF " in font:
        top = font["CFF "].cff.topDictIndex[0]
        top.charset = placed  # the char strings are written in this order
        if hasattr(top, "FDSelect"):  # a CID font: which font dict (and subroutines) each glyph uses
            fd_of = {name: top.FDSelect[gid] for gid, name in enumerate(order)}
            select = copy.copy(top.FDSelect)
            select.gidArray = [fd_of[name] for name in placed]
            top.FDSelect = select


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "yingji" / "fonts"


def _cut_path(family: str) -> Path:
    source, face, _ = FACES[family]
    stat = os.stat(source)
    tag = hashlib.sha256(f"{CUT_VERSION}|{source}|{face}|{stat.st_size}|{int(stat.st_mtime)}".encode()).hexdigest()[:12]
    return cache_dir() / f"{family.replace(' ', '')}-{tag}.otf"


def _cut(family: str) -> str:
    """Cut one face (runs in its own process: fontTools takes ~25 s on a CJK face)."""
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTCollection

    # reordered glyphs leave coverage tables out of glyph order, which fontTools writes correctly
    # (range format) but reports on every table
    logging.getLogger("fontTools").setLevel(logging.ERROR)

    source, face, _ = FACES[family]
    target = _cut_path(family)
    font = next(f for f in TTCollection(source).fonts if f["name"].getDebugName(1) == face)
    options = subset.Options()
    options.layout_features = ["*"]  # Pango shapes with them (locl for SC forms, punctuation)
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=repertoire())
    subsetter.subset(font)
    _reorder(font)
    font.recalcTimestamp = False  # the same cut on every machine, byte for byte
    temporary = target.with_name(target.name + f".tmp-{os.getpid()}")
    font.save(str(temporary))
    os.replace(temporary, target)
    return str(target)


def ensure_cut_faces() -> dict[str, Path]:
    """{family: cut face file}, making the missing ones (in parallel); {} when the system faces
    are missing or cannot be cut (the CSS then falls back to the system faces by name)."""
    if not all(os.path.exists(source) for source, _, _ in FACES.values()):
        return {}
    paths = {family: _cut_path(family) for family in FACES}
    missing = [family for family, path in paths.items() if not path.exists()]
    if missing:
        cache_dir().mkdir(parents=True, exist_ok=True)
        print("首次生成 PDF：正在裁剪思源字体（约半分钟，每台机器只需一次）……", file=sys.stderr)
        with ProcessPoolExecutor(len(missing)) as pool:
            list(pool.map(_cut, missing))
    return paths


@lru_cache(maxsize=None)
def _digests() -> dict[str, str]:
    return {family: hashlib.sha256(path.read_bytes()).hexdigest()[:16] for family, path in ensure_cut_faces().items()}


def cut_faces_identity() -> str:
    """The cut faces by their contents (part of every PDF's cache key), never by their path."""
    return ",".join(f"{family}={digest}" for family, digest in _digests().items()) or "system faces"


@lru_cache(maxsize=None)
def font_faces_css() -> str:
    """@font-face rules for the cut faces; the first stylesheet of every document. They name the
    files in the user's cache: not part of a document's cache key (see cut_faces_identity)."""
    rules = []
    for family, path in ensure_cut_faces().items():
        weight = FACES[family][2]
        rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; src: url("{path.as_uri()}"); }}')
    return "\n".join(rules) + "\n"


def allowed_font_file(url: str) -> bool:
    """The only local files print HTML may load: the cut faces."""
    return url.startswith(cache_dir().as_uri() + "/") and url.endswith(".otf")
