#!/usr/bin/env python3
"""Write the sample (示例) township plans and village plans of the default content.

Seeds content/plans/<township-id>.yml and content/villages/; re-running it writes the committed
files again, byte for byte (tests/test_villages.py checks it), so change the sample here, not by
hand. Everything written here is fictional and marked `sample: true` / 示例: village names,
people, phone numbers, households, risk points. Only the township names are real (townships.yml).
A few villages (HOUSEHOLD_VILLAGES) list their threatened households (scripts/sample_households.py);
they are made after all the villages, from streams of their own, so that the others stay as they were.

    .venv/bin/python scripts/make_sample_villages.py [--root .]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yingji.content.models.plans import ContingencyPlan  # noqa: E402
from yingji.content.models.villages import EVACUATION_RISKS, Village  # noqa: E402
from yingji.importers.yaml_writer import dump_village, emit_mapping, prune  # noqa: E402
from yingji.content.yamlsource import read_source  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_households import add_households  # noqa: E402
from sample_village_data import (  # noqa: E402  (beside this script)
    DRILL, GROUP_NUMBERS, HOUSEHOLD_VILLAGES, MEASURES, SHELTER_POOL, SIGNS, SPECIAL_STRUCTURE, SPECIALS, SUMMARY,
    SUPPLIES, TOWNSHIP_STRUCTURE, TOWNSHIPS, VIA, Names,
)


def group(n: int) -> str:
    return (GROUP_NUMBERS[n - 1] if n <= 10 else f"十{GROUP_NUMBERS[n - 11]}") + "组"


# -------------------------------------------------------------------- people


def make_people(kind: str, profile: str, groups: int, rng: random.Random, names: Names) -> list[dict]:
    plan = [("zhishu", "村支书", "全面负责本村防灾减灾和应急处置，决定启动转移"),
            ("zhuren", "村主任", "组织转移和安置，统计人员去向"),
            ("baocun", "包村干部", "镇里派驻的挂点责任人，督促转移落实，向镇应急办报告")]
    if kind == "社区":
        plan = [("shuji", "社区书记", "全面负责社区应急处置，决定启动疏散"),
                ("shequ-zhuren", "社区主任", "组织疏散和安置，统计人员去向"),
                ("baocun", "包村干部", "街道（镇）派驻的联点干部，向应急办报告")]
    people = [dict(id=pid, role=role, name=names.person(rng), phone=names.phone(rng), duty=duty) for pid, role, duty in plan]

    def add(pid: str, role: str, area: str | None = None, duty: str | None = None) -> None:
        people.append(dict(id=pid, role=role, name=names.person(rng), phone=names.phone(rng), area=area, duty=duty))

    half = max(1, groups // 2)
    if kind == "社区":
        for n in range(1, 4):
            add(f"wangge-{n}", "网格员", f"第{GROUP_NUMBERS[n - 1]}网格", "入户通知、核对住户、帮扶特殊人群")
        add("loudong-1", "楼栋长", "高层住宅区", "敲门通知本楼栋住户，引导走安全出口")
        add("loudong-2", "楼栋长", "老旧小区", "敲门通知、检查楼道杂物")
        add("wuye", "物业负责人", None, "消防设施、广播和门禁；组织物业人员疏散引导")
        add("xinxi", "信息员", None, "收集和报告险情，管理居民微信群")
        add("anzhi", "安置点管理员", None, "开放避险场所，登记和照顾安置人员")
        return people
    add("zuzhang-1", "村民小组长", f"一至{group(half)[:-1]}组", "组织本片区群众转移")
    add("zuzhang-2", "村民小组长", f"{group(half + 1)[:-1]}至{group(groups)[:-1]}组", "组织本片区群众转移")
    add("wangge-1", "网格员", f"一至{group(half)[:-1]}组", "逐户通知，核对转移人员")
    add("wangge-2", "网格员", f"{group(half + 1)[:-1]}至{group(groups)[:-1]}组", "逐户通知，核对转移人员")
    if profile in ("mountain", "hill", "river"):
        add("jiance-1", "监测员", None, "雨中和雨后巡查隐患点、溪沟和山塘，发现征兆立即报告并发信号")
        add("yujing-1", "预警员", None, "接到指令或发现险情后鸣锣、吹哨、摇报警器")
    if profile in ("mountain", "hill"):
        add("hulin-1", "护林员", None, "巡山护林，清明、秋冬防火期管控野外用火")
    add("funv", "妇女主任", None, "留守儿童、孕妇的帮扶转移")
    add("minbing", "民兵营长", None, "带领应急志愿服务队抢险和转移行动不便的群众")
    add("cunyi", "村医", None, "转移安置中的伤病员救护")
    add("anzhi", "安置点管理员", None, "开放避险场所，登记和照顾安置人员")
    return people


# -------------------------------------------------------------------- risks


def make_risks(name: str, profile: str, groups: int, households: int, rng: random.Random) -> list[dict]:
    risks: list[dict] = []

    def add(rtype: str, place: str, hh: int, responsible: str, monitor: str | None = None) -> None:
        hh = min(hh, households // 3)
        people = 0 if hh == 0 else hh * rng.randint(28, 38) // 10
        risks.append(dict(id=f"risk-{len(risks) + 1}", type=rtype, place=place, households=hh, people=people,
                          responsible=responsible, monitor=monitor, signs=SIGNS.get(rtype), measures=MEASURES.get(rtype, [])))

    def g() -> str:
        return group(rng.randint(1, groups))

    def g2() -> str:
        first, second = sorted(rng.sample(range(1, groups + 1), 2))
        return f"{group(first)}、{group(second)}"

    if profile == "mountain":
        add("山洪", f"{g2()}沿溪一带", rng.randint(8, 24), "zhuren", "jiance-1")
        add("地质灾害", f"{g()}后山滑坡隐患点", rng.randint(3, 9), "zhishu", "jiance-1")
        if rng.random() < 0.6:
            add("地质灾害", f"{g()}村道内侧崩塌隐患点", rng.randint(2, 6), "zuzhang-2", "jiance-1")
        add("森林火灾", f"{g()}与邻村交界的山林", rng.randint(4, 12), "zuzhang-1", "hulin-1")
        if rng.random() < 0.5:
            add("溺水", f"{g()}山塘", 0, "wangge-1")
    elif profile == "river":
        add("洪涝", f"{g2()}沿河低洼地带", rng.randint(25, 60), "zhuren", "jiance-1")
        add("溺水", f"{g()}河段（夏季野泳多发）", 0, "wangge-2")
        if rng.random() < 0.7:
            add("水库山塘", f"{g()}山塘下游", rng.randint(5, 14), "zuzhang-1", "jiance-1")
        if rng.random() < 0.5:
            add("山洪", f"{g()}山脚溪沟", rng.randint(4, 10), "zuzhang-2", "jiance-1")
    elif profile == "hill":
        add("水库山塘", f"{g()}山塘下游", rng.randint(6, 16), "zuzhang-1", "jiance-1")
        add("地质灾害", f"{g()}切坡建房点", rng.randint(2, 6), "zhishu", "jiance-1")
        add("溺水", f"{g2()}山塘", 0, "wangge-1")
        add("森林火灾", "村后山坟山林区（清明祭扫）", rng.randint(2, 8), "zuzhang-2", "hulin-1")
        if rng.random() < 0.4:
            add("自建房安全", "村道两侧经营性自建房", 0, "zhuren")
    elif profile in ("urban", "urban-river", "urban-hill"):
        add("高层火灾", "辖区高层住宅小区", rng.randint(180, 420), "shequ-zhuren", "loudong-1")
        add("一氧化碳中毒", "老旧小区燃煤取暖住户", 0, "wangge-2")
        add("城镇燃气", "沿街餐饮店", 0, "wangge-3")
        if profile == "urban-river":
            add("洪涝", "沿河低洼街巷", rng.randint(60, 140), "shuji", "xinxi")
            add("溺水", "河堤游步道沿线", 0, "wangge-1")
        elif profile == "urban-hill":
            add("地质灾害", "后山切坡住户", rng.randint(6, 15), "shuji", "wangge-1")
        else:
            add("洪涝", "地下车库和低洼路段", rng.randint(20, 50), "shuji", "xinxi")
    elif profile == "oldtown":
        add("一氧化碳中毒", "老街燃煤取暖住户", 0, "wangge-1")
        add("自建房安全", "老街沿街经营性自建房", 0, "shequ-zhuren")
        add("城镇燃气", "沿街餐饮店和瓶装液化气用户", 0, "wangge-2")
        add("高层火灾", "老旧多层和高层住宅楼", rng.randint(80, 200), "shuji", "loudong-2")
        add("洪涝", "老街低洼路段", rng.randint(20, 60), "shequ-zhuren", "xinxi")
    elif profile in ("park", "park-village"):
        owner = "shuji" if profile == "park" else "zhishu"
        add("危险化学品", "园区企业周边居民区", rng.randint(40, 110), owner, "wangge-1")
        add("道路交通", "园区主干道", 0, "wangge-2" if profile == "park" else "zuzhang-1")
        if profile == "park":
            add("高层火灾", "园区职工公寓", rng.randint(60, 150), "shequ-zhuren", "loudong-1")
        else:
            add("溺水", f"{g()}山塘", 0, "wangge-1")
            add("洪涝", f"{g()}低洼地带", rng.randint(10, 30), "zuzhang-2", "wangge-2")
    for risk in risks:
        if not risk["monitor"]:
            del risk["monitor"]
    return risks


# -------------------------------------------------------------------- shelters, routes


def make_shelters_routes(kind: str, profile: str, risks: list[dict], groups: int, rng: random.Random) -> tuple[list, list]:
    evac = [r for r in risks if r["type"] in EVACUATION_RISKS and r["people"]]
    count = 2 if len(evac) <= 2 else 3
    pool = SHELTER_POOL[kind][:]
    rng.shuffle(pool)
    chosen = pool[:count]
    load = {sid: 0 for sid, _, _ in chosen}
    routes = []
    for n, risk in enumerate(evac):
        sid = min(load, key=lambda s: (load[s], s))  # the least loaded shelter
        load[sid] += risk["people"]
        via = rng.choice(VIA[kind])
        route = dict(id=f"route-{n + 1}", **{"from": _from_place(risk)}, via=via, to=sid,
                     distance_m=rng.randrange(200, 1600, 50), guide=_guide(kind, risk))
        route["minutes"] = max(3, route["distance_m"] // 70)
        routes.append(route)
        risk["routes"] = [route["id"]]
    keepers = ["anzhi", "zhuren" if kind == "村" else "shequ-zhuren", "minbing" if kind == "村" else "wuye"]
    shelters = []
    for k, (sid, label, place) in enumerate(chosen):
        need = load[sid]
        capacity = max(rng.randrange(60, 200, 10), -(-int(need * 1.25) // 10) * 10)
        place = place.format(g=group(rng.randint(1, groups)))
        shelters.append(dict(id=sid, name=label, place=place, capacity=capacity, keeper=keepers[k % len(keepers)]))
    return shelters, routes


def _from_place(risk: dict) -> str:
    return risk["place"] + ("受威胁住户" if risk["type"] not in ("高层火灾", "危险化学品") else "住户")


def _guide(kind: str, risk: dict) -> str:
    if kind == "社区":
        return "loudong-1" if risk["type"] == "高层火灾" else "wangge-1"
    return {"zhuren": "zuzhang-1", "zhishu": "zuzhang-2"}.get(risk["responsible"], "minbing")


# -------------------------------------------------------------------- signals, help, supplies, team


def make_signals(kind: str, profile: str, risks: list[dict]) -> list[dict]:
    lead = "zhishu" if kind == "村" else "shuji"
    evac = any(r["type"] in EVACUATION_RISKS and r["people"] for r in risks)
    if kind == "社区":
        signals = [
            dict(kind="微信群", stage="准备转移", pattern="在居民微信群和业主群发布预警，请住户做好疏散准备", given_by=["xinxi"]),
            dict(kind="应急广播", stage="立即转移", pattern="小区广播连续播报“立即疏散”，说明疏散方向", given_by=["wuye"]),
            dict(kind="敲门入户", stage="立即转移", pattern="楼栋长逐层敲门、呼喊，确认每户有人离开", given_by=["loudong-1", "loudong-2"]),
            dict(kind="微信群", stage="解除警报", pattern="在居民微信群通知险情解除，可以返回", given_by=[lead]),
        ]
        return signals if evac else signals[:1]
    signals = [
        dict(kind="高音喇叭", stage="准备转移", pattern="村广播连续播报三遍“请做好转移准备”", given_by=[lead]),
        dict(kind="微信群", stage="准备转移", pattern="在村民微信群发布预警，网格员逐户电话确认", given_by=["wangge-1", "wangge-2"]),
    ]
    if "jiance-1" in {r.get("monitor") for r in risks}:
        signals += [
            dict(kind="锣", stage="立即转移", pattern="连续急促敲锣", given_by=["yujing-1", "jiance-1"]),
            dict(kind="口哨", stage="立即转移", pattern="长哨三声，反复吹", given_by=["zuzhang-1", "zuzhang-2"]),
        ]
    if profile == "mountain":
        signals.append(dict(kind="手摇报警器", stage="立即转移", pattern="持续摇响报警器不间断", given_by=["yujing-1"]))
    if not any(s["stage"] == "立即转移" for s in signals):
        signals.append(dict(kind="口哨", stage="立即转移", pattern="长哨三声，反复吹", given_by=["zuzhang-1", "zuzhang-2"]))
    signals.append(dict(kind="高音喇叭", stage="解除警报", pattern="村广播播报“险情解除，可以回家”", given_by=[lead]))
    return signals


def make_help(kind: str, rng: random.Random) -> list[dict]:
    if kind == "社区":
        return [
            dict(group="独居老人", count=rng.randint(8, 25), helper="wangge-1", note="高层住宅区优先，电梯停用时背抬下楼"),
            dict(group="残疾人", count=rng.randint(2, 8), helper="wangge-2"),
            dict(group="孕妇", count=rng.randint(1, 5), helper="wangge-3"),
            dict(group="儿童", count=rng.randint(10, 30), helper="loudong-2", note="放学时段由学校负责"),
        ]
    help_ = [
        dict(group="独居老人", count=rng.randint(4, 15), helper="wangge-1", note="逐户上门，背扶转移"),
        dict(group="留守儿童", count=rng.randint(5, 22), helper="funv", note="转移时由帮扶人带领，安置后清点人数"),
        dict(group="残疾人", count=rng.randint(1, 6), helper="minbing"),
        dict(group="病人", count=rng.randint(1, 5), helper="cunyi", note="卧床病人用担架转移"),
    ]
    if rng.random() < 0.6:
        help_.append(dict(group="孕妇", count=rng.randint(1, 3), helper="funv"))
    return help_


def make_supplies(kind: str, profile: str, rng: random.Random) -> list[dict]:
    pool = SUPPLIES[kind]
    if kind == "村" and profile not in ("mountain", "hill"):
        pool = [s for s in pool if s[0] not in ("二号扑火工具", "风力灭火机")]
    picked = sorted(rng.sample(range(len(pool)), k=min(len(pool), rng.randint(8, 11))))
    place = "村部应急物资储备点" if kind == "村" else "社区应急物资储备室"
    keeper = "anzhi" if kind == "村" else "wuye"
    out = []
    for i in picked:
        name, base, unit = pool[i]
        quantity = max(1, round(base * rng.uniform(0.6, 1.6)))
        out.append(dict(name=name, quantity=quantity, unit=unit, place=place, keeper=keeper))
    return out


def make_team(name: str, kind: str, profile: str, rng: random.Random) -> dict:
    if kind == "社区":
        return dict(name=f"{name}应急志愿服务队", leader="shequ-zhuren", members=rng.randint(15, 40),
                    skills="疏散引导、初起火灾扑救、心肺复苏、排水抢险")
    skills = {"mountain": "巡查报险、山洪地灾转移、森林火灾初期扑救", "river": "巡堤查险、转移群众、水上救生",
              "hill": "山塘巡查、转移群众、森林火灾初期扑救"}.get(profile, "转移群众、抢险")
    return dict(name=f"{name}应急志愿服务队", leader="minbing", members=rng.randint(12, 30), skills=skills)


def make_contacts(township_name: str, township_kind: str) -> list[dict]:
    office = {"街道": "街道", "镇": "镇", "乡": "乡", "园区": "管委会"}[township_kind]
    return [
        dict(name=f"{township_name}应急管理办公室", note=f"值班电话待填写（以{office}公布的号码为准）"),
        dict(name="平江县应急管理局", note="值班电话待填写（以县应急管理局公布的号码为准）"),
        dict(name="报警", phone="110"),
        dict(name="火警", phone="119"),
        dict(name="急救", phone="120"),
        dict(name="安全生产举报投诉", phone="12350"),
    ]


def make_village(tid: str, tname: str, tkind: str, vname: str, slug: str, profile: str, index: int, names: Names) -> dict:
    rng = random.Random(f"yingji-sample-{tid}-{slug}")
    kind = "社区" if slug.endswith("-shequ") else "村"
    households = rng.randrange(900, 3200, 10) if kind == "社区" else rng.randrange(180, 720, 5)
    population = households * rng.randint(26, 38) // 10
    groups = rng.randint(4, 9) if kind == "社区" else rng.randint(6, 18)
    people = make_people(kind, profile, groups, rng, names)
    risks = make_risks(vname, profile, groups, households, rng)
    shelters, routes = make_shelters_routes(kind, profile, risks, groups, rng)
    card_types = {"山洪", "地质灾害", "洪涝", "水库山塘"}
    cards = sum(r["households"] for r in risks if r["type"] in card_types)
    drill = DRILL[kind] if profile in ("mountain", "hill") or kind == "社区" else "每年汛前（4月底前）组织一次转移避险演练"
    data = dict(
        id=f"{tid}-{slug}", name=vname, kind=kind, township=tid, sample=True, public_names=index % 2 == 1,
        summary=vname + SUMMARY[profile].format(groups=groups), households=households, population=population, groups=groups,
        cards_issued=min(cards, households) if cards else None,
        plan=dict(revised=f"2025-0{rng.randint(3, 4)}-{rng.randint(1, 28):02d}", review_cycle_years=1, drill_every_months=12,
                  drill_note=drill),
        people=people, risks=risks, signals=make_signals(kind, profile, risks), routes=routes, shelters=shelters,
        help=make_help(kind, rng), supplies=make_supplies(kind, profile, rng), team=make_team(vname, kind, profile, rng),
        contacts=make_contacts(tname, tkind),
    )
    used = {pid for pid in _person_refs(data)}
    data["people"] = [p for p in people if p["id"] in used or p["role"] in ("村支书", "村主任", "社区书记", "社区主任", "包村干部")]
    return data


def _person_refs(data: dict) -> set[str]:
    refs = set()
    for risk in data["risks"]:
        refs |= {risk["responsible"], risk.get("monitor")}
    for signal in data["signals"]:
        refs |= set(signal["given_by"])
    refs |= {r["guide"] for r in data["routes"]} | {s["keeper"] for s in data["shelters"]}
    refs |= {h["helper"] for h in data["help"]} | {s["keeper"] for s in data["supplies"]} | {data["team"]["leader"]}
    return refs - {None}


# -------------------------------------------------------------------- township plans


def township_plans(tid: str, tname: str, tkind: str, profile: str) -> list[dict]:
    area = "园区" if tkind == "园区" else f"{tname}行政区域"
    plans = [dict(
        id=f"{tid}-zongti", title=f"{tname}突发事件总体应急预案", level="乡镇", kind="总体", owner=tid, township=tid,
        parent="xian-zongti", scope=f"{area}内各类突发事件的预警信息传播、先期处置、人员疏散与安置和信息报告。",
        structure=TOWNSHIP_STRUCTURE, basis="乡镇（街道）突发事件应急预案编制参考", review_cycle_years=3,
        drill_every_months=12, drill_note="每年组织一次综合演练（示例）",
        unknown="本预案的实际文本未收集；条目按应急管理部办公厅乡镇（街道）编制参考整理，为示例。",
    )]
    for suffix, title, aligned, events in SPECIALS[profile]:
        plans.append(dict(
            id=f"{tid}-{suffix}", title=f"{tname}{title}", level="乡镇", kind="专项", owner=tid, township=tid,
            parent=f"{tid}-zongti", aligned_with=aligned, scope=f"{area}内{'、'.join(events)}的防范和先期处置，突出人员转移避险。",
            events=events, structure=SPECIAL_STRUCTURE, basis="乡镇（街道）突发事件应急预案编制参考", review_cycle_years=3,
            drill_every_months=12, unknown="本预案的实际文本未收集；条目为示例。",
        ))
    if profile == "park":
        plans.append(dict(
            id=f"{tid}-danwei-weihua-shili", title="园区危险化学品使用企业生产安全事故应急预案（示例）", level="乡镇",
            kind="单位", owner=tid, owner_name="园区内使用危险化学品的生产经营单位（示例，非特定企业）", township=tid,
            parent=f"{tid}-weihua", scope="企业内危险化学品泄漏、火灾、爆炸和中毒窒息事故的应急处置。",
            events=["泄漏", "火灾", "爆炸", "中毒窒息"],
            structure=["综合应急预案：总则、应急组织机构及职责、应急响应、后期处置、应急保障",
                       "专项应急预案：适用范围、应急组织机构及职责、响应启动、处置措施、应急保障",
                       "现场处置方案：事故风险描述、应急工作职责、应急处置、注意事项", "附件"],
            basis="GB/T 29639-2020", review_cycle_years=3, drill_every_months=6,
            drill_note="《生产安全事故应急条例》第八条要求危险化学品等危险物品的生产、经营、储存、运输单位至少每半年组织1次"
                       "生产安全事故应急救援预案演练；只使用危险化学品的企业是否适用，以主管部门的认定为准（示例）",
            unknown="示例条目，用来说明企业预案的结构；不对应某一家企业。",
        ))
    return plans


def dump_plans(tname: str, plans: list[dict]) -> str:
    out = [f"# {tname}的应急预案（示例：本乡镇预案的实际文本未收集，按国家编制参考整理）", "plans:"]
    for n, plan in enumerate(plans):
        ContingencyPlan.model_validate(plan)
        if n:
            out.append("")
        emit_mapping(prune(plan), 4, out, first_prefix="  - ")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    townships = {t["id"]: t for t in read_source(args.root / "content/townships.yml", "townships.yml").data["townships"]}
    names = Names()
    made = []
    for tid, (tprofile, villages) in TOWNSHIPS.items():
        township = townships[tid]
        (args.root / "content/plans" / f"{tid}.yml").write_text(
            dump_plans(township["name"], township_plans(tid, township["name"], township["kind"], tprofile)), "utf-8")
        for index, (vname, slug, profile) in enumerate(villages):
            made.append((township["name"], make_village(tid, township["name"], township["kind"], vname, slug, profile, index, names)))
    for township_name, data in made:  # after all villages: their names and numbers stay as they were
        data["updated"] = updated(data["id"])
        if data["id"] in HOUSEHOLD_VILLAGES:
            add_households(data, random.Random(f"yingji-households-{data['id']}"), names.person, names.household_phone)
        village = Village.model_validate(prune(data))
        folder = args.root / "content/villages" / village.township
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{village.id}.yml").write_text(dump_village(village, township_name), "utf-8")
    households = sum(len(data.get("threatened_households", [])) for _, data in made)
    print(f"wrote {len(TOWNSHIPS)} township plan files and {len(made)} village plans ({households} sample households)")
    return 0


def updated(village_id: str) -> str:
    """资料日期 of a sample village: a day in May 2025, after its plan's revision (March or April)."""
    return f"2025-05-{random.Random(f'yingji-updated-{village_id}').randint(6, 28):02d}"


if __name__ == "__main__":
    sys.exit(main())
