"""What makes a question guessable without the law: the primitives behind the bank's warnings
(bankcheck.py) and its balance figures (bankstats.py). The words and thresholds come from
quizzes/patterns.yml (models/patterns.py)."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .models.patterns import BankPatterns
from .models.questions import Question


def cue_words_in(text: str, patterns: BankPatterns) -> list[str]:
    return [word for word in patterns.cue_words if word in text]


def giveaway_words(true_false: list[Question], patterns: BankPatterns) -> dict[str, tuple[int, int]]:
    """Cue words whose 判断 stems are mostly 错误: word -> (stems with key 正确, stems with key 错误)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for question in true_false:
        for word in cue_words_in(question.stem, patterns):
            counts[word][question.answer == ["错误"]] += 1
    return {
        word: (true, false)
        for word, (true, false) in counts.items()
        if false / (true + false) > patterns.cue_word_false_share
    }


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def option_kinds(text: str, patterns: BankPatterns) -> set[str]:
    return {name for name, found in patterns.option_kinds.items() if any(_compiled(p).search(text) for p in found)}


@dataclass(frozen=True)
class OddOption:
    letter: str
    reason: str  # in Chinese, for the warning


def odd_options(question: Question, patterns: BankPatterns) -> list[OddOption]:
    """The wrong options of a 多选 that differ in kind from its keys (kind, length or a cue word)."""
    if question.type != "多选" or not question.options:
        return []
    keys = [question.options[letter] for letter in question.answer]
    key_kinds = [option_kinds(key, patterns) for key in keys]
    odd = []
    for letter, text in question.options.items():
        if letter in question.answer:
            continue
        reason = _kind_reason(option_kinds(text, patterns), key_kinds) or _length_reason(text, keys, patterns)
        reason = reason or _cue_reason(text, keys, patterns)
        if reason:
            odd.append(OddOption(letter, reason))
    return odd


def _kind_reason(kinds: set[str], key_kinds: list[set[str]]) -> str | None:
    shared = set.intersection(*key_kinds)
    missing = sorted(shared - kinds)
    if missing:
        return f"正确选项都属于“{missing[0]}”，这一项不是"
    extra = sorted(kinds - set.union(*key_kinds))
    if extra:
        return f"只有这一项属于“{extra[0]}”，正确选项都不是"
    return None


def _length_reason(text: str, keys: list[str], patterns: BankPatterns) -> str | None:
    ratio = patterns.option_length_ratio
    longest, shortest = max(map(len, keys)), min(map(len, keys))
    if len(text) > ratio * longest:
        return f"比最长的正确选项长 {ratio:g} 倍以上"
    if len(text) * ratio < shortest:
        return f"比最短的正确选项短到不足其 1/{ratio:g}"
    return None


def _cue_reason(text: str, keys: list[str], patterns: BankPatterns) -> str | None:
    words = [word for word in cue_words_in(text, patterns) if not any(word in key for key in keys)]
    return f"含提示词“{words[0]}”，正确选项都没有" if words else None


def strictly_longest(question: Question) -> bool:
    """Is the (single) key strictly longer than every other option?"""
    if not question.options:
        return False
    key = question.answer[0]
    return all(len(question.options[key]) > len(text) for letter, text in question.options.items() if letter != key)


# -- near-duplicate stems -------------------------------------------------------------------------


def bigrams(text: str) -> frozenset[str]:
    """The pairs of neighbouring characters of a stem, punctuation and blanks left out."""
    text = "".join(char for char in text if char.isalnum())
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def similar_stems(questions: list[Question], threshold: float) -> list[tuple[float, Question, Question]]:
    """Pairs of questions whose stems are at least `threshold` similar (Jaccard index of their
    bigrams) and that share no group; (score, earlier, later) in bank order.

    Prefix filtering keeps this fast for thousands of questions: two sets with Jaccard ≥ t share
    a token among the first |A| − ⌈t·|A|⌉ + 1 tokens of each, in one global order (rarest first).
    """
    grams = [bigrams(q.stem) for q in questions]
    frequency: dict[str, int] = defaultdict(int)
    for tokens in grams:
        for token in tokens:
            frequency[token] += 1
    index: dict[str, list[int]] = defaultdict(list)
    pairs = []
    for i, tokens in enumerate(grams):
        ordered = sorted(tokens, key=lambda t: (frequency[t], t))
        prefix = ordered[: len(ordered) - math.ceil(threshold * len(ordered)) + 1] if ordered else []
        candidates = {j for token in prefix for j in index[token]}
        for j in sorted(candidates):
            score = len(tokens & grams[j]) / len(tokens | grams[j])
            if score >= threshold and not _same_group(questions[i], questions[j]):
                pairs.append((score, questions[j], questions[i]))
        for token in prefix:
            index[token].append(i)
    return pairs


def _same_group(a: Question, b: Question) -> bool:
    return a.group is not None and a.group == b.group
