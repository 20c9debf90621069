"""The balance of a question bank: the figures behind `yingji stats` (issue: a bank that can be
passed without knowing the law). Shares are fractions of 1, rounded to four places."""

from __future__ import annotations

from collections import Counter, defaultdict

from .bankpatterns import cue_words_in, similar_stems, strictly_longest
from .knowledge import Knowledge, QuestionEntry
from .models.patterns import BankPatterns
from .models.questions import Question


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def bank_balance(knowledge: Knowledge) -> dict:
    """The whole bank's figures, the same per topic, the groups and the target check."""
    entries = list(knowledge.questions.values())
    patterns = knowledge.patterns
    by_topic: dict[str, list[QuestionEntry]] = defaultdict(list)
    for entry in entries:
        by_topic[entry.topic].append(entry)
    figures = _figures([e.question for e in entries], patterns)
    figures["单选"]["key_letters_by_topic"] = {
        topic: _figures([e.question for e in items], patterns)["单选"]["key_letters"] for topic, items in by_topic.items()
    }
    result = {
        **figures,
        "topics": {topic: _figures([e.question for e in items], patterns) for topic, items in by_topic.items()},
        "groups": _groups(entries),
        "near_duplicates": _near_duplicates(entries, patterns),
    }
    result["targets"] = check_targets(result, patterns) if patterns else None
    return result


def _figures(questions: list[Question], patterns: BankPatterns | None) -> dict:
    of_type = {qtype: [q for q in questions if q.type == qtype] for qtype in ("判断", "单选", "多选")}
    return {
        "questions": len(questions),
        "判断": _true_false(of_type["判断"], patterns),
        "单选": _single(of_type["单选"]),
        "多选": _multi(of_type["多选"]),
    }


def _true_false(questions: list[Question], patterns: BankPatterns | None) -> dict:
    true = sum(q.answer == ["正确"] for q in questions)
    figures = {"count": len(questions), "true": true, "true_share": share(true, len(questions))}
    if patterns is None:
        return {**figures, "cue_rule_hits": None, "cue_rule_accuracy": None}
    # The guessing rule: a cue word in the stem → 错误, none → 正确.
    hits = sum(bool(cue_words_in(q.stem, patterns)) == (q.answer == ["错误"]) for q in questions)
    return {**figures, "cue_rule_hits": hits, "cue_rule_accuracy": share(hits, len(questions))}


def _single(questions: list[Question]) -> dict:
    longest = sum(strictly_longest(q) for q in questions)
    letters = Counter(q.answer[0] for q in questions)
    return {
        "count": len(questions),
        "key_strictly_longest": longest,
        "key_strictly_longest_share": share(longest, len(questions)),
        "key_letters": {letter: share(letters[letter], len(questions)) for letter in sorted(set("ABCD") | set(letters))}
        if questions else {},
    }


def _multi(questions: list[Question]) -> dict:
    counts = Counter(len(q.answer) for q in questions)
    every = sum(len(q.answer) == len(q.options or {}) for q in questions)
    return {
        "count": len(questions),
        "key_counts": {str(n): counts[n] for n in sorted(counts)},
        "two_keys_share": share(counts[2], len(questions)),
        "all_keys_share": share(every, len(questions)),
        "most_common_key_count_share": share(max(counts.values(), default=0), len(questions)),
    }


def _groups(entries: list[QuestionEntry]) -> dict:
    members: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        if entry.question.group:
            members[entry.question.group].append(entry.id)
    return {
        "count": len(members),
        "grouped_questions": sum(map(len, members.values())),
        "members": {group: ids for group, ids in sorted(members.items())},
    }


def _near_duplicates(entries: list[QuestionEntry], patterns: BankPatterns | None) -> dict | None:
    if patterns is None:
        return None
    pairs = similar_stems([e.question for e in entries], patterns.near_duplicate_similarity)
    return {
        "threshold": patterns.near_duplicate_similarity,
        "ungrouped_pairs": [{"a": a.id, "b": b.id, "similarity": round(score, 2)} for score, a, b in pairs],
    }


def check_targets(balance: dict, patterns: BankPatterns) -> list[dict]:
    """Each balance target of quizzes/patterns.yml with the bank's figure and whether it is met."""
    t = patterns.targets
    tf, single, multi = balance["判断"], balance["单选"], balance["多选"]
    rows = [
        _row("多选：恰有两个正确选项的比例", multi["two_keys_share"], t.multi_two_keys_min, None),
        _row("多选：全部选项都正确的比例", multi["all_keys_share"], t.multi_all_keys_min, None),
        _row("多选：最常见的正确选项个数所占比例", multi["most_common_key_count_share"], None, t.multi_one_count_max),
        _row("判断：答案为“正确”的比例", tf["true_share"], t.true_share_min, t.true_share_max),
        _row("判断：提示词猜测规则的命中率", tf["cue_rule_accuracy"], None, t.cue_rule_max),
        _row("单选：正确选项严格最长的比例", single["key_strictly_longest_share"], None, t.single_longest_max),
    ]
    for topic, letters in single["key_letters_by_topic"].items():
        for letter, value in letters.items():
            row = _row(f"单选：{topic} 答案为 {letter} 的比例", value, t.single_letter_min, t.single_letter_max)
            rows.append({**row, "topic": topic, "letter": letter})
    return rows


def _row(name: str, value: float | None, low: float | None, high: float | None) -> dict:
    return {"target": name, "value": value, "min": low, "max": high, "met": _within(value, low, high)}


def _within(value: float | None, low: float | None, high: float | None) -> bool | None:
    if value is None:
        return None  # nothing to measure (no question of that type)
    return (low is None or value >= low) and (high is None or value <= high)


def balance_lines(balance: dict) -> list[str]:
    """The figures as `yingji stats` prints them without --json: one line per target."""
    lines = [f"题库：{balance['questions']} 道题（判断 {balance['判断']['count']}，单选 {balance['单选']['count']}，多选 {balance['多选']['count']}）"]
    counts = balance["多选"]["key_counts"]
    if counts:
        lines.append("多选正确选项个数：" + "、".join(f"{n} 个 {count} 道" for n, count in counts.items()))
    if balance["targets"] is None:
        lines.append("未找到 quizzes/patterns.yml：不检查提示词，也不对照均衡目标。")
        return lines
    letters = [row for row in balance["targets"] if "letter" in row]
    for row in balance["targets"]:
        if row["met"] is not None and "letter" not in row:
            lines.append(f"{'✓' if row['met'] else '✗'} {row['target']} {row['value']:.0%}（目标 {_goal(row['min'], row['max'])}）")
    if letters:
        missed = [f"{row['topic']} {row['letter']} {row['value']:.0%}" for row in letters if not row["met"]]
        goal = _goal(letters[0]["min"], letters[0]["max"])
        lines.append(f"{'✗' if missed else '✓'} 单选：每个主题各答案字母的比例（目标 {goal}）" + (f"，不达标：{'；'.join(missed)}" if missed else ""))
    groups, near = balance["groups"], balance["near_duplicates"]
    lines.append(f"同组（考同一知识点）的题：{groups['count']} 组 {groups['grouped_questions']} 道；题干相近而未同组的题对：{len(near['ungrouped_pairs'])} 对")
    return lines


def _goal(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:.0%}–{high:.0%}"
    return f"≥{low:.0%}" if low is not None else f"≤{high:.0%}"
