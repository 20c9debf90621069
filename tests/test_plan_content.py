"""The default content holds the whole 实施方案, structured, every unit resolved."""

from __future__ import annotations

import re
from datetime import date



def test_21_tasks_in_5_sections_plus_safeguards(knowledge):
    plan = knowledge.plan
    assert [t.number for t in plan.tasks] == list(range(1, 22))
    assert [t.id for t in plan.tasks] == [f"t{n:02d}" for n in range(1, 22)]
    assert [s.part for s in plan.sections] == ["重点任务"] * 5 + ["保障措施"]
    assert plan.doc_number == "平办发〔2023〕12号"


def test_every_unit_named_in_the_text_resolves(knowledge):
    by_name = {}
    for unit in knowledge.units.values():
        for name in [unit.name, *unit.aliases]:
            by_name.setdefault(name, set()).add(unit.id)
    for task in knowledge.plan.tasks:
        names = [n for n in re.split(r"[，、]|及(?=各|相关)", task.units_text) if n]
        resolved = []
        for name in names:
            # "应急管理局牵头，各乡镇（街道）、园区负责": the role word closes a group
            name = re.sub("(牵头|负责|参与)$", "", name)
            assert len(by_name.get(name, ())) == 1, f"{task.id}: “{name}” does not resolve to exactly one unit"
            resolved.append(next(iter(by_name[name])))
        assert resolved == [role.unit for role in task.units], task.id


def test_deadlines_are_data(knowledge):
    tasks = knowledge.tasks
    assert tasks["t01"].deadline.ongoing and tasks["t01"].deadline.date is None
    assert tasks["t04"].deadline.date == date(2023, 12, 31)
    assert tasks["t16"].deadline.date == date(2024, 12, 31)
    assert tasks["t03"].deadline.date == date(2023, 12, 31) and tasks["t03"].deadline.ongoing
    assert [r.role for r in tasks["t06"].units][:1] == ["牵头"]


def test_quantified_indicators_of_the_overall_goal(knowledge):
    indicators = {i.name: i for i in knowledge.plan.goals.indicators}
    assert (indicators["应急管理机构专业人才占比"].comparator, indicators["应急管理机构专业人才占比"].value) == (">", 75)
    assert indicators["县级综合应急救援队伍"].value == 30
