"""Drawing an exam paper when questions come in groups (questions that test one fact).

One paper never holds two questions of a group; an ungrouped question is a group of its own.
A group may hold questions of several types (a 判断 and a 单选 on one fact), so a group fills
at most one slot of one part: a matching of groups to the parts' slots. The content check
(`shortfalls`) and the printed paper (`draw_parts`) use this module; the browser exam
(theme_overrides/assets/yingji/quiz-logic.js, drawParts) does the same in JavaScript.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import combinations

from .models.exams import Exam
from .models.questions import Question


def group_key(question: Question) -> str:
    return question.group or f"~{question.id}"  # `~` never starts a slug: no clash with a group


def groups_by_type(pool: list[Question]) -> dict[str, dict[str, list[Question]]]:
    """group key -> question type -> its questions, in pool order. An ungrouped question is
    keyed by its place in the pool, so two questions that (wrongly) share an id still count twice
    while the check reports the duplicate id."""
    groups: dict[str, dict[str, list[Question]]] = {}
    for n, question in enumerate(pool):
        key = question.group or f"~{n:06d}"
        groups.setdefault(key, {}).setdefault(question.type, []).append(question)
    return groups


@dataclass(frozen=True)
class Shortfall:
    types: tuple[str, ...]  # the question types that cannot all be filled together
    needed: int  # questions the exam draws of these types
    groups: int  # groups that can supply one of them
    questions: int  # questions of these types


def shortfalls(exam: Exam, pool: list[Question]) -> list[Shortfall]:
    """Why the exam cannot be drawn from `pool` (the questions it admits); empty when it can.

    Hall's condition, exact for this matching: for every set S of part types, the groups that
    have a question of a type in S must be at least the number of questions drawn of S."""
    needed: dict[str, int] = {}
    for part in exam.parts:
        needed[part.type] = needed.get(part.type, 0) + part.count
    groups = groups_by_type(pool)
    found = []
    for size in range(1, len(needed) + 1):
        for types in combinations(needed, size):
            if any(set(f.types) <= set(types) for f in found):
                continue  # a smaller set already explains it
            supply = sum(1 for by_type in groups.values() if any(t in by_type for t in types))
            if supply < sum(needed[t] for t in types):
                questions = sum(len(by_type.get(t, [])) for by_type in groups.values() for t in types)
                found.append(Shortfall(types, sum(needed[t] for t in types), supply, questions))
    return found


def draw_parts(exam: Exam, pool: list[Question], rng: random.Random) -> list[list[Question]] | None:
    """The questions of each part of one paper, or None when the pool cannot fill the exam.

    Groups are taken in a random order; each goes to a part with room for its type, moving an
    earlier group to another of its types when that makes room (augmenting paths), so a pool
    that `shortfalls` accepts always fills every part. Then each chosen group gives one of its
    questions of the part's type, at random."""
    groups = groups_by_type(pool)
    order = sorted(groups)
    rng.shuffle(order)
    slots: list[list[str]] = [[] for _ in exam.parts]
    for key in order:
        if all(len(slot) == part.count for slot, part in zip(slots, exam.parts)):
            break
        _place(key, groups, exam, slots, set())
    if any(len(slot) < part.count for slot, part in zip(slots, exam.parts)):
        return None
    position = {key: n for n, key in enumerate(order)}
    return [
        [rng.choice(groups[key][part.type]) for key in sorted(slot, key=position.__getitem__)]
        for slot, part in zip(slots, exam.parts)
    ]


def _place(key: str, groups, exam: Exam, slots: list[list[str]], seen: set[int]) -> bool:
    """Put group `key` into a part that has room, or make room by moving a placed group."""
    fitting = [p for p, part in enumerate(exam.parts) if part.type in groups[key] and p not in seen]
    for p in fitting:
        if len(slots[p]) < exam.parts[p].count:
            slots[p].append(key)
            return True
    seen.update(fitting)
    for p in fitting:
        for other in list(slots[p]):
            if _place(other, groups, exam, slots, seen):
                slots[p].remove(other)
                slots[p].append(key)
                return True
    return False
