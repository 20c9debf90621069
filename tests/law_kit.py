"""Checks of the law parser shared by the fixture tests (test_law_import.py) and the comparison
with the official texts (test_against_official_texts.py)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from yingji.importers import law_import
from yingji.importers.law_import import law_yaml, read_law
from yingji.importers.law_text import normalize_source_lines, parse_law_text, render_article

LABEL = re.compile(r"^第[零〇一二两三四五六七八九十百千]+条[ \u3000]")
HEADING = re.compile(r"^(?:#+\s*)?第[零〇一二两三四五六七八九十百千]+[章节]")


def source_blocks(text: str, ignored: list[int]) -> list[str]:
    """Independent splitter: the raw lines of each article, normalized."""
    blocks, current = [], None
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if LABEL.match(stripped):
            current = []
            blocks.append(current)
        elif HEADING.match(stripped):
            current = None
        if current is not None and number not in ignored:
            current.append(line)
    return [normalize_source_lines(block) for block in blocks]


def assert_round_trip(path: Path) -> None:
    """Every article rendered back gives the source lines it came from (nothing lost or added)."""
    text = path.read_text(encoding="utf-8")
    law = parse_law_text(text, path.name)
    rendered = [render_article(a.number, a.text) for a in law.articles]
    assert rendered == source_blocks(text, law.ignored_lines)


def assert_counts(path: Path, count: int) -> None:
    """Articles 1..count without gaps, a title, and every article in a chapter."""
    law = read_law(path)
    assert law.numbers() == list(range(1, count + 1))
    assert law.title and all(a.chapter for a in law.articles)


def assert_yaml_round_trip(path: Path, law_id: str) -> None:
    """The YAML the importer writes reads back to the parsed texts and history."""
    law = read_law(path)
    data = yaml.load(law_yaml(law, law_import.default_meta(law_id, law)), Loader=law_import._Loader)
    assert [a["text"] for a in data["articles"]] == [a.text for a in law.articles]
    assert data["history"] == law.history
