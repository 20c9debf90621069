"""Warnings on questions a test-wise candidate can answer without the law (never errors: a
trainer's own bank still builds). The words and thresholds are in quizzes/patterns.yml."""

from __future__ import annotations

from ..diagnostics import Collector, format_key_path
from .bankpatterns import giveaway_words, odd_options, similar_stems
from .load import LoadedFile
from .models.patterns import BankPatterns

PLAUSIBLE = "干扰项应当同类：另一主体的真实职责、相邻的数字、已被取代的规定"


def check_bank_patterns(banks: list[LoadedFile], patterns_files: list[LoadedFile], collector: Collector) -> None:
    if not patterns_files:
        return  # no quizzes/patterns.yml: nothing to check against
    patterns: BankPatterns = patterns_files[0].model
    where = {q.id: (bank, i) for bank in banks for i, q in enumerate(bank.model.questions)}
    questions = [q for bank in banks for q in bank.model.questions]
    _odd_options(banks, patterns, collector)
    _giveaway_words(banks, questions, patterns, collector)
    _near_duplicates(questions, where, patterns, collector)


def _warn(collector: Collector, bank: LoadedFile, path: tuple, message: str) -> None:
    collector.warn(bank.location(*path), format_key_path(path), message)


def _odd_options(banks: list[LoadedFile], patterns: BankPatterns, collector: Collector) -> None:
    for bank in banks:
        for i, question in enumerate(bank.model.questions):
            for odd in odd_options(question, patterns):
                _warn(
                    collector, bank, ("questions", i, "options", odd.letter),
                    f"多选题的错误选项 {odd.letter} 与正确选项不同类（{odd.reason}），一眼就能排除；{PLAUSIBLE}",
                )


def _giveaway_words(banks: list[LoadedFile], questions, patterns: BankPatterns, collector: Collector) -> None:
    words = giveaway_words([q for q in questions if q.type == "判断"], patterns)
    for bank in banks:
        for i, question in enumerate(bank.model.questions):
            if question.type != "判断" or question.answer != ["错误"]:
                continue
            for word in (w for w in patterns.cue_words if w in words and w in question.stem):
                true, false = words[word]
                _warn(
                    collector, bank, ("questions", i, "stem"),
                    f"判断题错在提示词“{word}”上：题库中含这个词的判断题 {false} 道答案为“错误”、{true} 道为“正确”，"
                    "凭这个词就能猜中；请让陈述错在实质（主体、数字、期限、条件），措辞与正确的陈述相同",
                )
                break


def _near_duplicates(questions, where: dict, patterns: BankPatterns, collector: Collector) -> None:
    for score, earlier, later in similar_stems(questions, patterns.near_duplicate_similarity):
        bank, i = where[later.id]
        other, j = where[earlier.id]
        _warn(
            collector, bank, ("questions", i, "stem"),
            f"题干与 {earlier.id}（{other.location('questions', j, 'stem')}）相近（相似度 {score:.2f}），可能互相泄露答案；"
            "两题考同一知识点时请写相同的 group（一份试卷只抽其中一道），否则改写题干",
        )
