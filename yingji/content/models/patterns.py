"""quizzes/patterns.yml: the words and patterns that let a test-wise candidate guess a key.

`yingji check` warns on questions that trip them and `yingji stats` measures the bank against
them; the lists live in this content file (a trainer edits them), never in code.
"""

from __future__ import annotations

import re

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from .base import Model, Text


class BalanceTargets(Model):
    """The bank's balance goals, shown beside the figures by `yingji stats`."""

    multi_two_keys_min: float = Field(ge=0, le=1)  # share of 多选 with exactly two keys
    multi_all_keys_min: float = Field(ge=0, le=1)  # share of 多选 whose every option is a key
    multi_one_count_max: float = Field(ge=0, le=1)  # share of the most common key count
    true_share_min: float = Field(ge=0, le=1)  # share of 判断 whose key is 正确
    true_share_max: float = Field(ge=0, le=1)
    cue_rule_max: float = Field(ge=0, le=1)  # accuracy of "cue word → 错误, else 正确"
    single_longest_max: float = Field(ge=0, le=1)  # share of 单选 whose key is strictly longest
    single_letter_min: float = Field(ge=0, le=1)  # share of each key letter per topic
    single_letter_max: float = Field(ge=0, le=1)


class BankPatterns(Model):
    # Words that turn a statement false without changing its substance (只要, 即可, 无需 …).
    cue_words: list[Text] = Field(min_length=1)
    # A cue word gives the answer away when more than this share of the 判断 stems using it are 错误.
    cue_word_false_share: float = Field(gt=0, le=1)
    # Kinds of option (主体, 数量 …), each a list of regular expressions; a 多选 wrong option
    # outside the kind all its keys share (or inside one no key has) is of a different kind.
    option_kinds: dict[Text, list[Text]] = {}
    # A wrong option this many times longer (or shorter) than the keys stands out.
    option_length_ratio: float = Field(gt=1)
    # Stems at least this similar (Jaccard index of their character pairs) test the same fact.
    near_duplicate_similarity: float = Field(gt=0, le=1)
    targets: BalanceTargets

    @field_validator("option_kinds")
    @classmethod
    def _patterns_compile(cls, kinds: dict[str, list[str]]):
        for name, patterns in kinds.items():
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as err:
                    raise PydanticCustomError(
                        "pattern", "“{name}”中的正则表达式 {pattern} 写法有误（{reason}）",
                        {"name": name, "pattern": pattern, "reason": str(err)},
                    ) from None
        return kinds
