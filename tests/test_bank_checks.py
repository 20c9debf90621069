"""The bank's guessability checks (warnings of `yingji check`) and balance figures (`yingji stats`),
on a small bank written for the purpose, with the repository's quizzes/patterns.yml."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from conftest import FIXTURES, REPO, copy_project

CITE = {"explanation": "第五条。", "cites": ["anquan-shengchan-fa#a5"], "audience": ["主要负责人"], "difficulty": 1}


def tf(qid, stem, answer, **extra):
    return {"id": qid, "type": "判断", "stem": stem, "answer": answer, **CITE, **extra}


def choice(qid, qtype, stem, options, answer, **extra):
    letters = dict(zip("ABCDEF", options))
    return {"id": qid, "type": qtype, "stem": stem, "options": letters, "answer": answer, **CITE, **extra}


QUESTIONS = [
    # 只要 appears only in a false statement: it gives the answer away
    tf("p-1", "只要签订了安全协议，生产经营单位就不再承担安全生产责任。", "错误"),
    # 即可 in one true and one false statement (1 of 2 false): not a giveaway
    tf("p-2", "对本单位安全生产工作全面负责的是主要负责人，其他负责人对职责范围内的工作负责即可。", "正确"),
    tf("p-3", "安全生产管理人员到岗后，主要负责人签字即可不再对安全生产工作负责。", "错误"),
    tf("p-4", "生产经营单位应当具备安全生产法规定的安全生产条件。", "正确"),
    # a 多选 whose one wrong option has a number while no key has one; another far longer
    choice("p-5", "多选", "主要负责人的职责包括（　）。",
           ["建立健全全员安全生产责任制", "组织制定安全生产规章制度", "每年开展3次文艺汇演", "保证安全生产投入"], ["A", "B", "D"]),
    choice("p-6", "多选", "对疏散通道，禁止（　）。",
           ["锁闭", "占用", "封堵", "在显著位置设置符合国家标准的疏散指示标志"], ["A", "B", "C"]),
    # every option correct; keys of one kind: no warning
    choice("p-7", "多选", "安全生产工作坚持（　）。", ["安全第一", "预防为主", "综合治理"], ["A", "B", "C"]),
    # two near-identical stems without a group (warned), two with one group (not warned)
    choice("p-8", "单选", "生产经营单位的（　）是本单位安全生产第一责任人。", ["主要负责人", "安全生产管理人员", "工会主席", "班组长"], "A"),
    choice("p-9", "单选", "生产经营单位的（　）是本单位安全生产的第一责任人。", ["安全生产管理人员", "主要负责人", "工会主席", "班组长"], "B"),
    choice("p-10", "单选", "危险物品的生产单位应当设置（　）。", ["安全生产管理机构或者配备专职安全生产管理人员", "工会", "食堂", "车队"], "A", group="jigou"),
    choice("p-11", "单选", "危险物品的生产单位应当设置（　）！", ["工会", "安全生产管理机构或者配备专职安全生产管理人员", "食堂", "车队"], "B", group="jigou"),
]


@pytest.fixture
def project(tmp_path):
    root = copy_project(FIXTURES / "minimal", tmp_path / "project")
    shutil.copy(REPO / "quizzes" / "patterns.yml", root / "quizzes" / "patterns.yml")
    bank = root / "quizzes" / "anquan-shengchan-fa.yml"
    data = yaml.safe_load(bank.read_text("utf-8"))
    data["questions"] += QUESTIONS
    bank.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return root


def warnings(stderr: str) -> dict[str, str]:
    """key path -> the messages of the warnings on the bank there, one per line."""
    found: dict[str, str] = {}
    for line in stderr.splitlines():
        if line.startswith("quizzes/anquan-shengchan-fa.yml:") and "警告: " in line:
            path, message = line.split("警告: ", 1)[1].split(": ", 1)
            found[path] = found.get(path, "") + message + "\n"
    return found


def index(qid: str) -> int:
    return 3 + [q["id"] for q in QUESTIONS].index(qid)  # the minimal bank has three questions first


def test_check_warns_on_guessable_questions_and_still_passes(project, yingji):
    result = yingji(project, "check")
    assert result.returncode == 0, result.stderr
    found = warnings(result.stderr)
    assert "判断题错在提示词“只要”上" in found[f"questions[{index('p-1')}].stem"]
    assert "1 道答案为“错误”、0 道为“正确”" in found[f"questions[{index('p-1')}].stem"]
    assert f"questions[{index('p-3')}].stem" not in found  # 即可: one true, one false
    assert "只有这一项属于“数量或期限”" in found[f"questions[{index('p-5')}].options.C"]
    assert "比最长的正确选项长 2.5 倍以上" in found[f"questions[{index('p-6')}].options.D"]
    assert not [path for path in found if path.startswith(f"questions[{index('p-7')}]")]
    assert "题干与 aqsc-001（quizzes/anquan-shengchan-fa.yml:5:9）相近" in found[f"questions[{index('p-8')}].stem"]
    assert "题干与 p-8（quizzes/anquan-shengchan-fa.yml:" in found[f"questions[{index('p-9')}].stem"]
    assert not [path for path in found if path.startswith(f"questions[{index('p-11')}]")]  # same group
    assert len(found) == 5
    assert "；6 条警告" in result.stdout


def test_a_party_option_names_a_party_rather_than_mentioning_one():
    """The 主体 kind of quizzes/patterns.yml: an option that is a party, not a duty or statement
    that mentions one (组织制定……, 本单位……, 配备……人员), so duties of another party stay good distractors."""
    from yingji.content.bankpatterns import odd_options, option_kinds
    from yingji.content.models.patterns import BankPatterns
    from yingji.content.models.questions import Question

    patterns = BankPatterns.model_validate(yaml.safe_load((REPO / "quizzes" / "patterns.yml").read_text("utf-8")))
    for party in ["危险物品的储存单位", "街道办事处", "村民委员会", "从业人员超过一百人的纺织企业", "事故发生单位负责人"]:
        assert "主体" in option_kinds(party, patterns), party
    for act in ["组织制定并实施本单位安全生产教育和培训计划", "预案编制人员调离本单位",
                "未建立应急值班制度或者配备应急值班人员", "单位的消防演练由所在地消防救援机构统一组织，单位不再另行组织"]:
        assert "主体" not in option_kinds(act, patterns), act

    def multi(options, answer):
        return Question.model_validate(choice("k", "多选", "（　）。", options, answer))

    duties = multi(["组织制定并实施本单位安全生产教育和培训计划", "组织制定并实施本单位的生产安全事故应急救援预案",
                    "如实记录安全生产教育和培训情况", "督促落实本单位重大危险源的安全管理措施"], ["A", "B"])
    assert odd_options(duties, patterns) == []
    parties = multi(["危险物品的储存单位", "建筑施工单位", "组织开展应急救援演练", "矿山企业"], ["A", "B", "D"])
    assert [(o.letter, o.reason) for o in odd_options(parties, patterns)] == [("C", "正确选项都属于“主体”，这一项不是")]
    flipped = multi(["大型发电厂", "生产、储存易燃易爆危险品的大型企业", "储备可燃的重要物资的大型仓库、基地",
                     "距离国家综合性消防救援队较近、被列为全国重点文物保护单位的古建筑群的管理单位"], ["A", "B", "C"])
    assert odd_options(flipped, patterns) == []  # one condition of a long legal category flipped: not conspicuous


def test_stats_json_reports_the_balance_against_the_targets(project, yingji):
    result = yingji(project, "stats", "--json")
    assert result.returncode == 0, result.stderr
    bank = json.loads(result.stdout)["bank"]
    # the rule "a cue word → 错误" is right on p-1, p-3 (cue, 错误), aqsc-002, p-4 (none, 正确), wrong on p-2
    assert bank["判断"] == {"count": 5, "true": 3, "true_share": 0.6, "cue_rule_hits": 4, "cue_rule_accuracy": 0.8}
    assert bank["多选"]["key_counts"] == {"3": 4}
    assert bank["多选"]["all_keys_share"] == 0.25 and bank["多选"]["two_keys_share"] == 0.0
    assert bank["单选"]["count"] == 5 and bank["单选"]["key_strictly_longest"] == 2  # p-10, p-11
    assert bank["单选"]["key_letters_by_topic"] == {"anquan-shengchan-fa": {"A": 0.6, "B": 0.4, "C": 0.0, "D": 0.0}}
    assert bank["groups"] == {"count": 1, "grouped_questions": 2, "members": {"jigou": ["p-10", "p-11"]}}
    pairs = [(p["a"], p["b"]) for p in bank["near_duplicates"]["ungrouped_pairs"]]
    assert ("aqsc-001", "p-8") in pairs and ("p-8", "p-9") in pairs and ("p-10", "p-11") not in pairs
    missed = {row["target"] for row in bank["targets"] if row["met"] is False}
    assert "判断：答案为“正确”的比例" in missed and "多选：恰有两个正确选项的比例" in missed
    assert "多选：全部选项都正确的比例" not in missed


def test_stats_text_shows_each_target_with_a_mark(project, yingji):
    result = yingji(project, "stats")
    assert "✗ 判断：答案为“正确”的比例 60%（目标 45%–55%）" in result.stdout
    assert "✓ 多选：全部选项都正确的比例 25%（目标 ≥10%）" in result.stdout
    assert "✗ 单选：每个主题各答案字母的比例（目标 15%–35%），不达标：anquan-shengchan-fa A 60%" in result.stdout


def test_without_a_patterns_file_nothing_is_warned_and_the_figures_stay(minimal_project, yingji):
    check = yingji(minimal_project, "check")
    assert check.returncode == 0 and "警告" not in check.stderr
    bank = json.loads(yingji(minimal_project, "stats", "--json").stdout)["bank"]
    assert bank["targets"] is None and bank["判断"]["cue_rule_accuracy"] is None
    assert bank["多选"]["key_counts"] == {"3": 1}
    assert "未找到 quizzes/patterns.yml" in yingji(minimal_project, "stats").stdout


def test_the_fast_near_duplicate_search_finds_what_comparing_every_pair_finds():
    from itertools import combinations

    from yingji.content import load_knowledge
    from yingji.content.bankpatterns import bigrams, similar_stems

    questions = [e.question for e in load_knowledge(REPO)[0].questions.values()]
    grams = {q.id: bigrams(q.stem) for q in questions}
    scores = {(a.id, b.id): len(grams[a.id] & grams[b.id]) / len(grams[a.id] | grams[b.id])
              for a, b in combinations(questions, 2) if not (a.group and a.group == b.group)}
    for threshold in (0.4, 0.5, 0.7):
        every_pair = {pair for pair, score in scores.items() if score >= threshold}
        assert {(a.id, b.id) for _, a, b in similar_stems(questions, threshold)} == every_pair
