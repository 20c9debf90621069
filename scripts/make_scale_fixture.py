#!/usr/bin/env python3
"""A synthetic county of any size, in the real content format, for benchmarks and scale tests.

    scripts/make_scale_fixture.py OUT --villages 500 --questions 2000

writes OUT/content (plan, units, glossary, laws, townships, villages) and OUT/quizzes (topics,
banks, exams) plus the repository's site setup (mkdocs.yml, theme_overrides/, hooks/,
hand-written docs/), so `yingji --root OUT build` builds it. Everything is generated from a
seed: the same arguments give the same files. All names and numbers are fictional (示例).

Villages follow the 一村一案 format of yingji/content/models/villages.py, each with about 20
threatened households (--households; scripts/sample_households.py keeps the counts in agreement).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from yingji.owned_files import hand_written_files  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_households import add_households  # noqa: E402

SITE_SETUP = ("mkdocs.yml", "theme_overrides", "hooks")

WORDS = (
    "安全 风险 隐患 排查 治理 应急 救援 预案 演练 培训 监测 预警 转移 避险 值守 调度 指挥 物资 储备 队伍 "
    "责任 考核 督导 检查 整改 执法 宣传 教育 防汛 地灾 森林 防火 消防 交通 燃气 危化 矿山 建筑 水库 山塘 "
    "网格 基层 乡镇 村组 社区 企业 单位 部门 主体 监管 协同 联动 信息 报告 处置 恢复 评估 保障 资金"
).split()
NUMERALS = "零一二三四五六七八九"
KINDS = ["政府部门", "党委部门", "事业单位", "垂直管理", "议事协调机构"]
ROLES = ["负责"] * 6 + ["参与"] * 2 + ["牵头"]
TOPIC_PREFIX = "topic"


def chinese_number(n: int) -> str:
    return "".join(NUMERALS[int(d)] for d in str(n))


class Writer:
    """Deterministic synthetic text and YAML files under one folder."""

    def __init__(self, out: Path, seed: int):
        self.out = out
        self.rng = random.Random(seed)

    def phrase(self, words: int) -> str:
        return "".join(self.rng.choice(WORDS) for _ in range(words))

    def sentence(self, words: int = 8) -> str:
        return self.phrase(words) + "。"

    def paragraph(self, sentences: int = 3) -> str:
        return "".join(self.sentence(self.rng.randint(5, 10)) for _ in range(sentences))

    def write(self, relative: str, data: dict, note: str = "") -> None:
        path = self.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        header = f"# 合成测试数据（示例）{note}\n"
        path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), "utf-8")


def units(w: Writer, count: int) -> list[str]:
    items = [
        {"id": "anweiban", "name": "县安委办", "full_name": "合成县安全生产委员会办公室", "aliases": ["安委办"], "kind": "议事协调机构"},
        {"id": "yingjiju", "name": "县应急管理局", "full_name": "合成县应急管理局", "aliases": ["应急管理局"], "kind": "政府部门"},
        {"id": "ge-xiangzhen", "name": "各乡镇（街道）", "full_name": "各乡镇（街道）", "kind": "统称"},
    ]
    for i in range(len(items), count):
        name = f"县{w.phrase(2)}{chinese_number(i)}局"
        items.append({"id": f"danwei-{i:03d}", "name": name, "full_name": f"合成{name[1:]}", "kind": KINDS[i % len(KINDS)]})
    w.write("content/units.yml", {"units": items})
    return [item["id"] for item in items]


def plan(w: Writer, tasks: int, unit_ids: list[str]) -> list[str]:
    sections, task_ids, number = [], [], 0
    per_section = max(1, tasks // 5)
    for s in range(5):
        section_tasks = []
        count = per_section if s < 4 else tasks - per_section * 4
        for _ in range(count):
            number += 1
            task_id = f"t{number:02d}"
            task_ids.append(task_id)
            chosen = w.rng.sample(unit_ids, k=min(len(unit_ids), w.rng.randint(2, 6)))
            year = w.rng.choice([2023, 2024, None])
            section_tasks.append(
                {
                    "id": task_id,
                    "number": number,
                    "title": f"加强{w.phrase(2)}工作",
                    "text": w.paragraph(4),
                    "units_text": "、".join(chosen),
                    "units": [{"unit": u, "role": w.rng.choice(ROLES)} for u in chosen],
                    "deadline_text": f"{year}年年底" if year else "长期坚持",
                    "deadline": {"date": f"{year}-12-31" if year else None, "ongoing": year is None},
                    "targets": [{"id": f"{task_id}-1", "text": f"{w.phrase(3)}达到100%", "comparator": "=", "value": 100, "unit": "%"}],
                    "status": [{"state": "推进中", "date": "2024-06-30", "note": w.sentence(5)}] if number % 4 == 0 else [],
                }
            )
        sections.append({"id": f"s{s + 1}", "part": "重点任务", "number": chinese_number(s + 1), "title": f"完善{w.phrase(2)}体系", "tasks": section_tasks})
    data = {
        "id": "hecheng-shishi-fangan",
        "title": "关于加强应急管理体系和能力建设的实施方案（合成）",
        "doc_number": "合办发〔2023〕1号",
        "document_header": "中共合成县委办公室文件",
        "issuers": ["中共合成县委办公室", "合成县人民政府办公室"],
        "year": 2023,
        "issued_date": "2023-06-01",
        "notice_title": "印发《实施方案》的通知",
        "recipients": "各乡镇（街道）、县直各单位",
        "notice_text": w.sentence(),
        "preamble": w.paragraph(2),
        "guiding_ideology": w.paragraph(3),
        "goals": {
            "target_year": 2025,
            "text": w.paragraph(4),
            "indicators": [
                {"id": "ind-rencai", "name": "专业人才占比", "comparator": ">", "value": 75, "unit": "%", "target": "超过75%", "deadline": "2025-12-31", "tasks": task_ids[:2]},
                {"id": "ind-duiwu", "name": "综合应急救援队伍", "comparator": ">=", "value": 30, "unit": "人", "target": "全面建成", "deadline": "2025-12-31", "tasks": task_ids[2:3]},
                {"id": "ind-shigu", "name": "较大及以上事故", "target": "全面杜绝", "deadline": "2025-12-31", "tasks": task_ids[3:5]},
            ],
        },
        "sections": sections,
    }
    w.write("content/plan.yml", data)
    w.write("content/county.yml", {
        "name": "合成县",
        "site_name": "合成县应急管理知识与培训",
        "site_description": "合成县（示例数据）的实施方案、法律法规、练习与考试",
        "publisher": "合成县应急管理局",
        "contact": "0000-0000000",
    })
    return task_ids


def laws(w: Writer, count: int, articles: int) -> list[str]:
    refs = []
    for i in range(count):
        law_id = f"hecheng-fagui-{i + 1:02d}"
        items = []
        for n in range(1, articles + 1):
            items.append(
                {
                    "number": n,
                    "chapter": f"第{chinese_number(n // 10 + 1)}章 {w.phrase(2)}",
                    "section": None,
                    "text": "\n".join(w.sentence(w.rng.randint(8, 16)) for _ in range(w.rng.randint(1, 4))),
                    "summary": w.sentence(8) if n % 2 else None,
                    "tags": [w.phrase(2)],
                }
            )
            refs.append(f"{law_id}#a{n}")
        w.write(
            f"content/laws/{law_id}.yml",
            {
                "id": law_id, "title": f"合成法规{chinese_number(i + 1)}", "short_title": f"法规{chinese_number(i + 1)}",
                "kind": "法律", "issuer": "合成立法机关", "version": "2021年修正", "version_date": "2021-06-10",
                "effective_date": "2021-09-01", "status": "现行有效", "replaced_by": None,
                "source_url": "https://flk.npc.gov.cn/", "history": ["2002年通过"], "articles": items,
            },
        )
    return refs


def glossary(w: Writer, count: int, article_refs: list[str], task_ids: list[str]) -> None:
    terms, seen = [], set()
    for i in range(count):
        name = w.phrase(2) + chinese_number(i)
        while name in seen:
            name += "甲"
        seen.add(name)
        terms.append(
            {
                "id": f"term-hecheng-{i:03d}", "term": name, "aliases": [], "definition": w.paragraph(2),
                "sources": [{"article": w.rng.choice(article_refs)}], "tasks": w.rng.sample(task_ids, k=2),
                "certainty": w.rng.choice(["确定", "确定", "待核实"]),
            }
        )
    w.write("content/glossary.yml", {"terms": terms})


def quizzes(w: Writer, count: int, topics: int, article_refs: list[str], task_ids: list[str]) -> None:
    topic_ids = [f"{TOPIC_PREFIX}-{t + 1:02d}" for t in range(topics)]
    w.write("quizzes/topics.yml", {"topics": [{"id": t, "title": f"专题{chinese_number(i + 1)}"} for i, t in enumerate(topic_ids)]})
    per_topic = [count // topics + (1 if i < count % topics else 0) for i in range(topics)]
    number = 0
    for topic, n in zip(topic_ids, per_topic):
        questions = []
        for _ in range(n):
            number += 1
            kind = ("判断", "单选", "多选")[number % 3]
            question = {
                "id": f"hc-{number:04d}", "type": kind, "stem": w.sentence(w.rng.randint(8, 14)),
                "explanation": w.sentence(10),
                "cites": [w.rng.choice(article_refs) if number % 5 else w.rng.choice(task_ids)],
                "audience": ["主要负责人", "公众"] if number % 2 else ["主要负责人"], "difficulty": 1 + number % 3,
            }
            if kind == "判断":
                question["answer"] = "正确" if number % 2 else "错误"
            else:
                question["options"] = {letter: w.phrase(3) for letter in "ABCD"}
                question["answer"] = "B" if kind == "单选" else ["A", "C"]
            questions.append(question)
        w.write(f"quizzes/{topic}.yml", {"topic": topic, "questions": questions})
    w.write(
        "quizzes/exams.yml",
        {"exams": [{
            "id": "moni", "title": "模拟考试", "description": "合成题库模拟考试", "audience": ["主要负责人"],
            "time_limit_minutes": 60, "pass_mark": 60,
            "parts": [{"type": "判断", "count": 10, "points": 2}, {"type": "单选", "count": 20, "points": 2}, {"type": "多选", "count": 10, "points": 4}],
        }]},
    )


SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "一二三四五六七八九十山水田林木禾火土石金玉云风雨雪春秋冬"


class SyntheticPeople:
    """Household names and numbers of the synthetic county (fictional, unique numbers)."""

    def __init__(self) -> None:
        self.count = 0

    def person(self, rng: random.Random) -> str:
        return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)

    def phone(self, rng: random.Random) -> str:
        self.count += 1
        return f"137{self.count:08d}"


def townships_and_villages(w: Writer, townships: int, villages: int, households: int = 20) -> None:
    township_ids = [f"xiangzhen-{t + 1:02d}" for t in range(townships)]
    w.write(
        "content/townships.yml",
        {"townships": [{"id": t, "name": f"{w.phrase(1)}{chinese_number(i + 1)}镇", "kind": "镇"} for i, t in enumerate(township_ids)]},
    )
    service = {"110": "报警", "119": "火警", "120": "医疗急救", "12345": "政务服务便民热线", "12350": "安全生产举报投诉"}
    w.write("content/service-numbers.yml", {"numbers": [{"number": k, "name": v} for k, v in service.items()]})
    people = SyntheticPeople()
    for v in range(villages):
        township = township_ids[v % townships]
        village_id = f"{township}-cun-{v + 1:04d}"
        data = village(w, village_id, township, v)
        if households:
            add_households(data, w.rng, people.person, people.phone, count=households)
        w.write(f"content/villages/{township}/{village_id}.yml", data)


def village(w: Writer, village_id: str, township: str, n: int) -> dict:
    """One 一村一案 in the format of yingji/content/models/villages.py (all fictional: sample: true)."""
    households = w.rng.randint(200, 800)
    phone = lambda k: f"1380000{(n * 20 + k) % 10000:04d}"  # noqa: E731
    people = [
        {"id": "zhishu", "role": "村支书", "name": f"村支书{n}", "phone": phone(0), "duty": w.sentence(6)},
        {"id": "zhuren", "role": "村主任", "name": f"村主任{n}", "phone": phone(1), "duty": w.sentence(6)},
        {"id": "jiance", "role": "监测员", "name": f"监测员{n}", "phone": phone(2), "duty": w.sentence(6)},
        {"id": "yujing", "role": "预警员", "name": f"预警员{n}", "phone": phone(3), "duty": w.sentence(6)},
        {"id": "anzhi", "role": "安置点管理员", "name": f"管理员{n}", "phone": phone(4), "duty": w.sentence(6)},
    ]
    return {
        "id": village_id, "name": f"{w.phrase(1)}{chinese_number(n + 1)}村", "kind": "村", "township": township,
        "sample": True, "public_names": True, "summary": w.paragraph(2),
        "households": households, "population": households * 3, "groups": w.rng.randint(4, 12), "cards_issued": households // 2,
        "plan": {"revised": "2025-03-01", "review_cycle_years": 1, "drill_every_months": 12, "drill_note": w.sentence(6)},
        "people": people,
        "risks": [
            {"id": "risk-1", "type": "山洪", "place": f"{w.phrase(2)}溪沟", "households": 10, "people": 30, "responsible": "zhuren",
             "monitor": "jiance", "signs": w.sentence(10), "routes": ["route-1"]},
            {"id": "risk-2", "type": "地质灾害", "place": f"{w.phrase(2)}山坡", "households": 5, "people": 15, "responsible": "zhishu",
             "monitor": "jiance", "signs": w.sentence(10), "routes": ["route-2"]},
        ],
        "signals": [
            {"kind": "锣", "stage": "立即转移", "pattern": "连续急促敲锣", "given_by": ["yujing"]},
            {"kind": "高音喇叭", "stage": "解除警报", "pattern": "广播播报险情解除", "given_by": ["zhishu"]},
        ],
        "routes": [
            {"id": "route-1", "from": f"{w.phrase(2)}受威胁住户", "via": ["村道"], "to": "cunbu", "distance_m": 800, "minutes": 12, "guide": "zhuren"},
            {"id": "route-2", "from": f"{w.phrase(2)}受威胁住户", "via": ["机耕道"], "to": "cunbu", "distance_m": 600, "minutes": 9, "guide": "zhishu"},
        ],
        "shelters": [{"id": "cunbu", "name": "村部", "place": "村委会办公楼", "capacity": 200, "keeper": "anzhi"}],
        "help": [{"group": "独居老人", "count": 3, "helper": "zhuren"}],
        "supplies": [{"name": "铜锣", "quantity": 4, "unit": "面", "place": "村部", "keeper": "anzhi"}],
        "team": {"name": "应急志愿服务队", "leader": "zhishu", "members": 20, "skills": w.sentence(5)},
        "contacts": [{"name": "乡镇应急管理办公室", "note": "值班电话待填写"}, {"name": "报警", "phone": "110"}],
    }


def copy_site_setup(out: Path) -> None:
    for name in SITE_SETUP:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, out / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, out / name)
    for relative in hand_written_files(REPO / "docs"):
        (out / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / "docs" / relative, out / "docs" / relative)


def make_fixture(out: Path, *, villages: int = 500, townships: int = 25, questions: int = 2000, tasks: int = 21,
                 units_count: int = 40, terms: int = 60, laws_count: int = 9, articles: int = 30, topics: int = 10,
                 seed: int = 1, households: int = 20) -> dict:
    """Write the synthetic county to `out` (replacing its content); returns what was written."""
    for folder in ("content", "quizzes"):
        shutil.rmtree(out / folder, ignore_errors=True)
    w = Writer(out, seed)
    w.write("content/county.yml", {"name": "合成县", "site_name": "合成县应急管理知识与培训",
                                   "site_description": "合成县的合成测试数据", "publisher": "合成县应急管理局"})
    unit_ids = units(w, units_count)
    task_ids = plan(w, tasks, unit_ids)
    refs = laws(w, laws_count, articles)
    glossary(w, terms, refs, task_ids)
    quizzes(w, questions, topics, refs, task_ids)
    if villages:
        townships_and_villages(Writer(out, seed + 1), townships, villages, households)  # own stream: other content stays the same
    copy_site_setup(out)
    return {"villages": villages, "questions": questions, "tasks": tasks, "households": villages * households,
            "units": units_count, "terms": terms, "articles": laws_count * articles, "townships": townships}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成任意规模的合成县内容（与真实内容格式相同），用于基准测试")
    parser.add_argument("out", type=Path, help="输出目录（项目根目录）")
    parser.add_argument("--villages", type=int, default=500)
    parser.add_argument("--townships", type=int, default=25)
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--tasks", type=int, default=21)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--terms", type=int, default=60)
    parser.add_argument("--laws", type=int, default=9)
    parser.add_argument("--articles", type=int, default=30, help="每部法规的条文数")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--households", type=int, default=20, help="每个村的受威胁住户数")
    args = parser.parse_args(argv)
    made = make_fixture(
        args.out, villages=args.villages, townships=args.townships, questions=args.questions, tasks=args.tasks,
        units_count=args.units, terms=args.terms, laws_count=args.laws, articles=args.articles, seed=args.seed,
        households=args.households,
    )
    print(f"已生成合成县：{made['tasks']} 项任务、{made['units']} 个单位、{made['articles']} 条法条、{made['terms']} 个术语、"
          f"{made['questions']} 道试题、{made['villages']} 个村（{made['households']} 户受威胁住户） → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
