"""The public build's last gate: nothing it publishes holds a personal number, name or household
address in full.

The views mask people (presentation.privacy), but content is free text: a risk point written
“王一山屋后”, a hand-written page with a cadre's mobile number, a quiz explanation quoting a
roll. So after mkdocs has built the staging site, and before it replaces site/, every file of
it that content can reach is read — pages, search index, quiz data, sitemap, PDFs (their text
via pdftotext) — and each personal number or name found stops the build, naming the output
file and where the value is written in content. Theme files (copied from Material or the
theme folder unchanged) are skipped: no content reaches them.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .presentation.privacy import NAME_KINDS, PrivateValue, digits_of

TEXT_SUFFIXES = {".html", ".htm", ".json", ".js", ".xml", ".txt", ".svg", ".md", ".csv", ".yml"}
NUMBER = re.compile(r"[0-9][0-9-]{5,}[0-9]")
ESCAPED = re.compile(r"\\u([0-9a-fA-F]{4})")  # JSON's \u738b: search indexes escape Chinese
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Leak:
    output: Path  # the file of the built site
    value: PrivateValue


def find_leaks(
    site: Path, values: list[PrivateValue], theme_dirs: list[Path] = (), text_cache: Path | None = None, public_text: str = ""
) -> list[Leak]:
    """Every private value found in a file of `site` (files equal to a theme file are skipped).
    A name standing inside a longer word that the content's other text also has (于建 in 关于建立)
    is a coincidence, not a leak. The text of each PDF is kept in `text_cache` by the PDF's hash:
    an unchanged PDF is read once."""
    matcher = _Matcher(values, public_text)
    if not matcher.active:
        return []
    files = [path for path in sorted(site.rglob("*")) if path.is_file() and not _from_theme(path, site, theme_dirs)]
    pdfs = PdfTexts(text_cache)
    with ThreadPoolExecutor(max_workers=4) as pool:  # pdftotext runs in processes of its own
        texts = list(pool.map(lambda path: pdfs.text(path) if path.suffix == ".pdf" else _text_of(path), files))
    pdfs.keep_only_used()
    return [
        Leak(path, value)
        for path, text in zip(files, texts)
        if text
        for value in matcher.find(text, broken_lines=path.suffix == ".pdf")
    ]


class PdfTexts:
    """The text of PDFs, remembered by content hash in `folder` (None: not remembered)."""

    def __init__(self, folder: Path | None):
        self.folder, self.used = folder, set()

    def text(self, path: Path) -> str:
        if self.folder is None:
            return pdf_text(path)
        key = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
        self.used.add(key)
        cached = self.folder / f"{key}.txt"
        if cached.exists():
            return cached.read_text("utf-8")
        text = pdf_text(path)
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(f"{cached.name}.tmp-{threading.get_ident()}")
        temporary.write_text(text, "utf-8")
        os.replace(temporary, cached)
        return text

    def keep_only_used(self) -> None:
        if self.folder is not None and self.folder.is_dir():
            for entry in self.folder.glob("*.txt"):
                if entry.stem not in self.used:
                    entry.unlink(missing_ok=True)


def _from_theme(path: Path, site: Path, theme_dirs: list[Path]) -> bool:
    relative = path.relative_to(site)
    for folder in theme_dirs:
        original = folder / relative
        if original.is_file() and original.stat().st_size == path.stat().st_size and original.read_bytes() == path.read_bytes():
            return True
    return False


def _text_of(path: Path) -> str | None:
    if path.suffix not in TEXT_SUFFIXES:
        return None
    text = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix in (".json", ".js") and "\\u" in text:
        text = _unescape_json(text)
    return html.unescape(text) if path.suffix in (".html", ".htm", ".xml", ".svg") else text


def _unescape_json(text: str) -> str:
    """JSON's \\u738b → 王 (search indexes escape every Chinese character). Only \\uXXXX is
    decoded: other backslashes (a regex in a script) stay as they are."""
    return ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text)


def pdf_text(path: Path) -> str:
    """The text of a PDF: poppler's pdftotext when installed (fast), else pypdf."""
    if shutil.which("pdftotext"):
        result = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True)
        return result.stdout.decode("utf-8", errors="replace")
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


class _Matcher:
    """Finds private numbers (as digit runs, separators ignored) and names in a text; in PDF
    text also with the white space removed, where a name or number broke across lines."""

    def __init__(self, values: list[PrivateValue], public_text: str = ""):
        self.numbers = {digits_of(v.text): v for v in values if v.kind == "个人电话" and len(digits_of(v.text)) >= 7}
        self.names = {v.text: v for v in values if v.kind in NAME_KINDS}
        self.name_pattern = _alternation(self.names)
        self.public_text = public_text
        self.active = bool(self.numbers or self.names)

    def _coincidence(self, text: str, start: int, end: int) -> bool:
        """Whether the name at text[start:end] is part of a word the public content also has."""
        before = text[start - 1:end] if start > 0 and _is_cjk(text[start - 1]) else ""
        after = text[start:end + 1] if end < len(text) and _is_cjk(text[end]) else ""
        return any(word and word in self.public_text for word in (before, after))

    def find(self, text: str, *, broken_lines: bool = False) -> list[PrivateValue]:
        found: dict[str, PrivateValue] = {}
        for variant in (text, SPACE.sub("", text)) if broken_lines else (text,):
            for run in NUMBER.findall(variant):
                value = self.numbers.get(digits_of(run))
                if value:
                    found[value.text] = value
            if self.name_pattern:
                for match in self.name_pattern.finditer(variant):
                    if not self._coincidence(variant, match.start(), match.end()):
                        found[match.group()] = self.names[match.group()]
        return list(found.values())


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _alternation(words) -> re.Pattern | None:
    """One regex for many words, longest first (so 欧阳明华 wins over 欧阳明)."""
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w))))


def leak_report(leaks: list[Leak], built: Path, shown_as: str, where) -> str:
    """The build error: one line per output file and value, with the value's place in content;
    output files are named as they would be in the site (`shown_as`, e.g. site/)."""
    lines = ["公开版中发现未隐去的个人信息，构建已停止（原来的网站保持不变）："]
    for leak in sorted(leaks, key=lambda leak: (str(leak.output), leak.value.file, leak.value.key_path)):
        value = leak.value
        output = f"{shown_as}/{leak.output.relative_to(built).as_posix()}"
        lines.append(f"  {output}: {value.kind} {value.shown}（来自 {where(value)}）")
    lines.append("公开版只能出现“姓氏+某”和隐去中间四位的电话：请改写出现它们的内容（例如地点里不写人名，“张某某屋后”"
                 "写成“张家屋后”），完整的姓名和电话只写在人员（people）中；受威胁住户（threatened_households）的姓名、"
                 "电话和住址只印在内部版中。发到村里的内部版用 yingji build --profile internal 生成。")
    return "\n".join(lines)
