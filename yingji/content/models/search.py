"""content/search.yml: words people write for the site's own terms — the search's correction list.

Homophone typos of terms, units and places are found without this list (the search compares
their pinyin). This list is for the rest: old names (安监局), everyday names (明白纸) and
look-alike characters. Each `right` must be a name the site has (yingji/content/searchwords.py).
"""

from __future__ import annotations

from .base import Model, Text


class Correction(Model):
    wrong: Text  # what people type
    right: Text  # the term, unit or place name the site uses


class SearchWords(Model):
    corrections: list[Correction] = []
