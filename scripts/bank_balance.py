"""Interim measure of the question bank's balance (issue 12), straight from quizzes/*.yml.

Usage: python scripts/bank_balance.py [quizzes-folder] [--pairs]
Prints, per topic and overall: 多选 key-count distribution, share of 正确 in 判断, the cue-word
rule's accuracy, share of 单选 whose key is strictly the longest option, key letters per topic,
and near-duplicate stem pairs that share no group.
"""

from __future__ import annotations

import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

import yaml

CUE_WORDS = ["只要", "即可", "无需", "无须", "自行", "仅", "只需", "只有", "一律", "完全", "不必", "随意", "任意",
             "均可", "都可以", "可以不", "不得不", "绝对", "一切", "所有", "任何情况", "无论", "全部", "免除", "不用"]


def load(folder: Path):
    for path in sorted(folder.glob("*.yml")):
        if path.name in ("topics.yml", "exams.yml"):
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        for q in data["questions"]:
            yield data["topic"], q


def answers(q) -> list[str]:
    a = q["answer"]
    return [str(x) for x in a] if isinstance(a, list) else [str(a)]


def bigrams(text: str) -> set[str]:
    text = "".join(ch for ch in text if ch.isalnum())
    return {text[i:i + 2] for i in range(len(text) - 1)}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = Path(args[0] if args else "quizzes")
    questions = list(load(folder))
    by_topic: dict[str, list] = {}
    for topic, q in questions:
        by_topic.setdefault(topic, []).append(q)
    for topic, qs in [*by_topic.items(), ("全部", [q for _, q in questions])]:
        report(topic, qs)
    near_duplicates([q for _, q in questions], show="--pairs" in sys.argv)


def report(topic: str, qs: list) -> None:
    tf = [q for q in qs if q["type"] == "判断"]
    single = [q for q in qs if q["type"] == "单选"]
    multi = [q for q in qs if q["type"] == "多选"]
    print(f"== {topic}: {len(qs)} 题（判断 {len(tf)}，单选 {len(single)}，多选 {len(multi)}）")
    if tf:
        true = sum(answers(q) == ["正确"] for q in tf)
        cue_right = sum((any(w in q["stem"] for w in CUE_WORDS)) == (answers(q) == ["错误"]) for q in tf)
        print(f"  判断 正确 {true / len(tf):.0%}（目标 45–55%）；提示词规则命中 {cue_right / len(tf):.0%}（目标 ≤60%）")
    if single:
        longest = sum(strictly_longest(q) for q in single)
        letters = Counter(answers(q)[0] for q in single)
        shares = "、".join(f"{k} {letters[k] / len(single):.0%}" for k in sorted(letters))
        print(f"  单选 答案严格最长 {longest / len(single):.0%}（目标 ≤30%）；答案字母 {shares}（每个 15–35%）")
    if multi:
        counts = Counter(len(answers(q)) for q in multi)
        every = sum(len(answers(q)) == len(q["options"]) for q in multi)
        dist = "、".join(f"{k} 个 {counts[k] / len(multi):.0%}" for k in sorted(counts))
        print(f"  多选 正确项数 {dist}；恰两个 {counts[2] / len(multi):.0%}（≥15%）；全部正确 {every / len(multi):.0%}（≥10%）；"
              f"最多的一种 {max(counts.values()) / len(multi):.0%}（≤50%）")


def strictly_longest(q) -> bool:
    key = answers(q)[0]
    lengths = {k: len(str(v)) for k, v in q["options"].items()}
    return all(lengths[key] > n for k, n in lengths.items() if k != key)


def near_duplicates(qs: list, show: bool) -> None:
    grams = [(q, bigrams(q["stem"])) for q in qs]
    pairs = []
    for (a, ga), (b, gb) in combinations(grams, 2):
        if not ga or not gb or (a.get("group") and a.get("group") == b.get("group")):
            continue
        score = len(ga & gb) / len(ga | gb)
        if score >= 0.5:
            pairs.append((score, a["id"], b["id"]))
    print(f"== 题干相近（二字组 Jaccard ≥ 0.5）且未同组的题对：{len(pairs)}")
    if show:
        for score, a, b in sorted(pairs, reverse=True):
            print(f"  {score:.2f} {a} {b}")


if __name__ == "__main__":
    main()
