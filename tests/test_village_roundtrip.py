"""Round trips: export → import leaves every content file byte-identical — for the default
content, for a synthetic county (scripts/make_scale_fixture.py), and for villages hypothesis
makes up (odd text, 其他：…, every kind of phone number). The question workbook too. Every
field the models have has a column, so nothing can be dropped on the way."""

from __future__ import annotations

import sys
import types
import typing
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from conftest import FIXTURES, REPO, copy_project
from test_import_files import run, snapshot
from yingji.content import load_knowledge
from yingji.content.models.questions import Question
from yingji.content.models.villages import AGE_GROUPS, HELP_GROUPS, PERSON_ROLES, SIGNAL_KINDS, Member, Village
from yingji.importers.question_table import COLUMNS
from yingji.importers.village_import import import_villages
from yingji.importers.village_sheet import SHEETS, write_workbook
from yingji.importers.yaml_writer import dump_village

sys.path.insert(0, str(REPO / "scripts"))
from make_scale_fixture import make_fixture  # noqa: E402

FIXTURE_VILLAGE = "content/villages/ceshi-zhen/ceshi-zhen-shanxia-cun.yml"


def _fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every leaf field of a model as a dotted path (lists and nested models included)."""
    out = set()
    for name, info in model.model_fields.items():
        key = info.alias or name
        inner = [a for a in typing.get_args(info.annotation) or (info.annotation,) if a is not types.NoneType]
        inner = [typing.get_args(a)[0] if typing.get_origin(a) is list and typing.get_args(a) else a for a in inner]
        nested = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
        out |= _fields(nested, f"{prefix}{key}.") if nested else {f"{prefix}{key}"}
    return out


def test_every_field_of_a_village_has_a_column():
    """(家庭成员 holds every field of a member in one cell: 王大山（老年，行动不便）)"""
    columns = set()
    for spec in SHEETS:
        base = "" if spec.section == "village" else f"{spec.section}."
        columns |= {base + col.field for col in spec.columns if col.field and col.kind != "members"}
        columns |= {f"{base}{col.field}.{name}" for col in spec.columns if col.kind == "members" for name in Member.model_fields}
    assert _fields(Village) == columns


def test_every_field_of_a_question_has_a_column():
    named = {"id": "编号", "type": "题型", "stem": "题干", "options": "选项A", "answer": "答案", "explanation": "解析",
             "cites": "依据", "audience": "适用对象", "difficulty": "难度", "group": "分组", "version": "版本"}
    assert set(Question.model_fields) == set(named) and set(named.values()) <= set(COLUMNS)


# ------------------------------------------------------------------ whole counties


def _round_trip(root: Path, tmp_path: Path) -> str:
    before = snapshot(root)
    book = tmp_path / "全县.xlsx"
    code, _, err = run(root, "export-villages", "--out", str(book))
    assert code == 0, err
    code, out, err = run(root, "import-villages", str(book))
    assert code == 0, err
    assert snapshot(root) == before
    return out


@pytest.mark.slow
def test_export_import_of_the_default_content_is_byte_identical(tmp_path):
    root = copy_project(REPO, tmp_path / "project")
    count = len(list((root / "content" / "villages").rglob("*.yml")))
    out = _round_trip(root, tmp_path)
    assert f"没有变化：{count} 个村（社区）" in out and "没有需要写入的改动" in out


def test_export_import_of_a_synthetic_county_is_byte_identical(tmp_path):
    root = tmp_path / "county"
    make_fixture(root, villages=24, townships=3, questions=300, topics=3, units_count=10, terms=5, laws_count=2, articles=5)
    out = _round_trip(root, tmp_path)
    assert "没有变化：24 个村（社区）" in out


def test_the_writer_gives_the_bytes_of_every_default_village():
    knowledge = load_knowledge(REPO)[0]
    for village in knowledge.villages.values():
        path = REPO / "content/villages" / village.township / f"{village.id}.yml"
        assert dump_village(village, knowledge.townships[village.township].name) == path.read_text("utf-8"), village.id


# ------------------------------------------------------------------ made-up villages

# Characters that trouble YAML and spreadsheets alike: colons, hashes, quotes, brackets, “=”.
TEXT = st.text(alphabet=st.sampled_from(list("山下村组沟水塘桥东西一二三甲乙：:#\"'-[]{}%@&*!|>（）。，= 0123456789ABC")),
               min_size=1, max_size=10).map(str.strip).filter(bool)
LINES = st.lists(TEXT, min_size=1, max_size=3).map("\n".join)
PHONES = {
    "mobile": st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    "landline": st.from_regex(r"0[1-9][0-9]{2}-[0-9]{7,8}(-[0-9]{1,4})?", fullmatch=True),
    "office": st.sampled_from(["110", "119", "120", "12345", "12350", "400-123-4567", "0730-5221234"]),
}


@st.composite
def villages(draw):
    data = yaml.safe_load((FIXTURES / "minimal" / FIXTURE_VILLAGE).read_text("utf-8"))
    data["name"] = draw(TEXT)
    data["summary"] = draw(st.none() | LINES)
    data["sample"], data["public_names"] = draw(st.booleans()), draw(st.booleans())
    data["cards_issued"] = draw(st.none() | st.integers(0, data["households"]))
    data["plan"] = {"revised": draw(st.none() | st.dates(date(2000, 1, 1), date(2030, 12, 31))),
                    "drill_note": draw(st.none() | TEXT), "drill_every_months": draw(st.integers(1, 24))}
    for person in data["people"]:
        person["phone"] = draw(PHONES["mobile"] | PHONES["landline"])
        person["duty"] = draw(st.none() | LINES)
    for n in range(draw(st.integers(0, 3))):
        role = draw(st.sampled_from(PERSON_ROLES) | TEXT.map(lambda t: f"其他：{t}"))
        data["people"].append({"id": f"p-{n + 1}", "role": role, "name": draw(TEXT), "phone": draw(PHONES["mobile"]),
                               "area": draw(st.none() | TEXT)})
    data["risks"][0]["signs"] = draw(st.none() | TEXT)
    data["risks"][1]["measures"] = draw(st.lists(TEXT, max_size=3))
    data["routes"][0]["via"] = draw(st.lists(TEXT, max_size=3))
    data["signals"][1]["kind"] = draw(st.sampled_from(SIGNAL_KINDS) | TEXT.map(lambda t: f"其他：{t}"))
    data["supplies"] = [{"name": draw(TEXT), "quantity": draw(st.integers(1, 999)), "unit": draw(TEXT),
                         "place": draw(st.none() | TEXT)} for _ in range(draw(st.integers(0, 3)))]
    data["contacts"] = [{"name": draw(TEXT), "phone": draw(st.none() | PHONES["office"]), "note": draw(st.none() | TEXT)}
                        for _ in range(draw(st.integers(0, 3)))]
    listed = draw(st.none() | households())
    if listed:
        data["threatened_households"] = listed
        needs = Counter(need for h in listed for m in h["members"] for need in m.get("needs", []))
        data["help"] = [{"group": group, "count": count, "helper": "jiance-1"} for group, count in sorted(needs.items())]
    return Village.model_validate(_pruned(data))


NAME = st.text(alphabet=st.sampled_from(list("王李赵钱孙山水大小花明-# '\"：:")), min_size=1, max_size=5).map(str.strip).filter(bool)


@st.composite
def households(draw):
    """The fixture village's risk-1 threatens 8 households of 26 people: a list that agrees."""
    sizes = draw(st.permutations([1, 2, 3, 3, 4, 4, 4, 5]))
    out = []
    for n, size in enumerate(sizes, start=1):
        members = [{"name": draw(NAME), "age": draw(st.sampled_from(AGE_GROUPS)),
                    "needs": draw(st.lists(st.sampled_from(HELP_GROUPS) | NAME.map(lambda t: f"其他：{t}"), max_size=2, unique=True))}
                   for _ in range(size)]
        out.append({"id": f"hu-{n}", "head": members[0]["name"], "group": draw(TEXT), "address": draw(TEXT),
                    "phone": draw(st.none() | PHONES["mobile"] | PHONES["landline"]), "members": members,
                    "risks": ["risk-1"], "note": draw(st.none() | TEXT)})
    return out


def _pruned(value):
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


@pytest.fixture(scope="module")
def made_up_project(tmp_path_factory):
    return copy_project(FIXTURES / "minimal", tmp_path_factory.mktemp("made-up") / "project")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(village=villages())
def test_any_village_survives_writer_export_and_import_byte_for_byte(made_up_project, tmp_path_factory, village):
    root = made_up_project
    text = dump_village(village, "测试镇")
    (root / FIXTURE_VILLAGE).write_text(text, "utf-8")
    knowledge = load_knowledge(root)[0]  # the writer's YAML reads back as the same village
    assert knowledge.villages[village.id].model_dump() == village.model_dump()
    book = tmp_path_factory.mktemp("book") / "测试镇.xlsx"
    write_workbook(book, [knowledge.villages[village.id]], example=False, townships=list(knowledge.townships.values()))
    plan = import_villages(root, book, "ceshi-zhen")
    assert plan.changes == [] and plan.unchanged == [village.name]
    assert (root / FIXTURE_VILLAGE).read_text("utf-8") == text


# ------------------------------------------------------------------ the question workbook


@pytest.mark.slow
def test_question_workbook_round_trip_of_the_default_content_is_byte_identical(tmp_path):
    root = copy_project(REPO, tmp_path / "project")
    before = snapshot(root)
    knowledge = load_knowledge(root)[0]
    book = tmp_path / "题库.xlsx"
    assert run(root, "export-questions", "--format", "xlsx", "--out", str(book))[0] == 0
    for topic in knowledge.topics.values():
        if not any(e.topic == topic.id for e in knowledge.questions.values()):
            continue
        code, out, err = run(root, "import-questions", str(book), "--topic", topic.id, "--sheet", topic.title[:31])
        assert code == 0, err
        assert "没有需要写入的改动" in out, out
    assert snapshot(root) == before


# ------------------------------------------------------------------ the YAML writer alone

ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff") | st.sampled_from("\n\t"),
                   min_size=1, max_size=20)


@settings(max_examples=300, deadline=None)
@given(value=ANY_TEXT, items=st.lists(ANY_TEXT, min_size=1, max_size=3))
def test_any_text_reads_back_as_itself(tmp_path_factory, value, items):
    from yingji.content.yamlsource import read_source
    from yingji.importers.yaml_writer import emit_mapping

    out: list[str] = []
    emit_mapping({"text": value, "phone": value, "list": items, "cites": items}, 0, out)
    path = tmp_path_factory.mktemp("yaml") / "x.yml"
    path.write_text("\n".join(out) + "\n", "utf-8")
    assert read_source(path, "x.yml").data == {"text": value, "phone": value, "list": items, "cites": items}
