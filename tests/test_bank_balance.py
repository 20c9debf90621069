"""BALANCE TARGETS OF ISSUE 12 ON THE DEFAULT BANK (quizzes/*.yml).

These tests fail until the rewritten question banks are merged: they are the issue's acceptance
check, not a check of the code. The targets are written out here, independent of
quizzes/patterns.yml (a trainer may loosen those for their own bank; the default bank may not);
the figures come from the product (`yingji stats`), the cue words from quizzes/patterns.yml.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yingji.content import load_knowledge
from yingji.content.bankstats import bank_balance

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.bank_targets


@pytest.fixture(scope="module")
def balance() -> dict:
    return bank_balance(load_knowledge(REPO)[0])


def test_multi_choice_key_counts_vary(balance):
    multi = balance["多选"]
    assert multi["two_keys_share"] >= 0.15, multi["key_counts"]
    assert multi["all_keys_share"] >= 0.10, multi["key_counts"]
    assert multi["most_common_key_count_share"] <= 0.50, multi["key_counts"]


def test_true_false_is_even_and_cue_words_do_not_give_it_away(balance):
    tf = balance["判断"]
    assert 0.45 <= tf["true_share"] <= 0.55
    assert tf["cue_rule_accuracy"] is not None, "quizzes/patterns.yml is missing"
    assert tf["cue_rule_accuracy"] <= 0.60


def test_single_choice_key_is_rarely_the_longest(balance):
    assert balance["单选"]["key_strictly_longest_share"] <= 0.30


def test_single_choice_key_letters_are_even_in_every_topic(balance):
    uneven = {
        topic: letters
        for topic, letters in balance["单选"]["key_letters_by_topic"].items()
        if any(not 0.15 <= letters.get(letter, 0) <= 0.35 for letter in "ABCD")
    }
    assert not uneven
