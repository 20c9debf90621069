"""Cross-references of the 1+N+X plan tree, townships and villages (called from refs.py).

The tree rules follow the plan system: one county 总体 plan at the root; county 专项 plans under
it; 部门 and 单位 plans under a county plan; each township's 总体 plan under the county 总体
plan and its other plans under a plan of the same township; village plans (一村一案) under
their township's 总体 plan.
"""

from __future__ import annotations

from ..diagnostics import Collector
from .load import LoadedFile
from .villagecheck import check_village

# (level, kind) -> the (level, kind) pairs its parent may have; None = it is the root.
PARENTS: dict[tuple[str, str], tuple[tuple[str, str], ...] | None] = {
    ("县", "总体"): None,
    ("县", "专项"): (("县", "总体"),),
    ("县", "部门"): (("县", "总体"), ("县", "专项")),
    ("县", "单位"): (("县", "总体"), ("县", "专项"), ("县", "部门")),
    ("乡镇", "总体"): (("县", "总体"),),
    ("乡镇", "专项"): (("乡镇", "总体"),),
    ("乡镇", "部门"): (("乡镇", "总体"), ("乡镇", "专项")),
    ("乡镇", "单位"): (("乡镇", "总体"), ("乡镇", "专项")),
    ("村", "基层"): (("乡镇", "总体"),),
}


def define(files, registry) -> None:
    for file in files["townships"]:
        for i, township in enumerate(file.model.townships):
            registry.define(township.id, "township", file, ("townships", i, "id"))
    for file in files["plans"]:
        for i, plan in enumerate(file.model.plans):
            registry.define(plan.id, "contingency_plan", file, ("plans", i, "id"))
    for file in files["village"]:
        registry.define(file.model.id, "village", file, ("id",))


def check(files, registry, collector: Collector) -> None:
    plans = {plan.id: plan for file in files["plans"] for plan in file.model.plans}
    townships = {t.id for file in files["townships"] for t in file.model.townships}
    for file in files["plans"]:
        for i, plan in enumerate(file.model.plans):
            _check_plan(file, i, plan, plans, townships, registry, collector)
    _check_one_root(files, collector)
    _check_township_overall(files, collector)
    numbers = service_numbers(files)
    for file in files["village"]:
        village = file.model
        registry.check(village.township, ("township",), file, ("township",))
        _check_village_path(file, collector)
        check_village(village, lambda path, file=file: file.location(*path), collector, numbers)
    _check_village_names(files["village"], {t.id: t.name for f in files["townships"] for t in f.model.townships}, collector)


def service_numbers(files) -> dict[str, str]:
    """content/service-numbers.yml as number -> name (empty when there is no such file)."""
    return {entry.number: entry.name for file in files["service_numbers"] for entry in file.model.numbers}


def _check_village_names(villages, township_names: dict[str, str], collector: Collector) -> None:
    """Two villages of one township with the same name: a clerk cannot tell them apart."""
    seen: dict[tuple[str, str], LoadedFile] = {}
    for file in sorted(villages, key=lambda f: f.doc.file):
        village = file.model
        first = seen.setdefault((village.township, village.name), file)
        if first is not file and first.model.id != village.id:  # the same id is reported as a duplicate id
            collector.error(
                file.location("name"), "name",
                f"{township_names.get(village.township, village.township)}有两个村（社区）都叫“{village.name}”：{first.model.id}（{first.location('name')}）"
                f"和 {village.id}；请改用能区分的名称",
            )


def _check_plan(file: LoadedFile, i: int, plan, plans: dict, townships: set, registry, collector: Collector) -> None:
    base = ("plans", i)

    def error(key: str, message: str) -> None:
        collector.error(file.location(*base, key), f"plans[{i}].{key}", message)

    registry.check(plan.owner, ("unit", "township"), file, base + ("owner",))
    for u, unit in enumerate(plan.units):
        registry.check(unit, ("unit", "township"), file, base + ("units", u))
    if plan.township:
        registry.check(plan.township, ("township",), file, base + ("township",))
    if plan.level in ("乡镇", "村") and not plan.township:
        error("level", f"{plan.level}级预案要写明所属乡镇（township）")
    if plan.level == "县" and plan.township:
        error("township", "县级预案不属于某个乡镇，请删除 township")
    if plan.owner in townships and plan.township and plan.owner != plan.township:
        error("owner", f"编制单位“{plan.owner}”与所属乡镇“{plan.township}”不一致")
    rule = PARENTS.get((plan.level, plan.kind), ())
    if rule == ():
        error("kind", f"{plan.level}级不能有{plan.kind}预案")
        return
    if rule is None:
        if plan.parent:
            error("parent", "县级总体应急预案是预案体系的根，不应有上级预案（parent）")
        return
    if not plan.parent:
        error("parent", "缺少上级预案（parent）")
        return
    registry.check(plan.parent, ("contingency_plan",), file, base + ("parent",))
    parent = plans.get(plan.parent)
    if parent is None:
        return
    if (parent.level, parent.kind) not in rule:
        allowed = "或".join(f"{level}级{kind}预案" for level, kind in rule)
        error("parent", f"{plan.level}级{plan.kind}预案的上级应为{allowed}，“{parent.id}”是{parent.level}级{parent.kind}预案")
    elif plan.level == "乡镇" and parent.level == "乡镇" and parent.township != plan.township:
        error("parent", f"上级预案“{parent.id}”属于另一个乡镇（{parent.township}）")
    if plan.aligned_with:
        registry.check(plan.aligned_with, ("contingency_plan",), file, base + ("aligned_with",))
        other = plans.get(plan.aligned_with)
        if other is not None and other.level != "县":
            error("aligned_with", f"衔接的预案“{other.id}”应为县级预案")


def _check_one_root(files, collector: Collector) -> None:
    roots = [
        (file, i) for file in files["plans"] for i, plan in enumerate(file.model.plans)
        if (plan.level, plan.kind) == ("县", "总体")
    ]
    for file, i in roots[1:]:
        first_file, first_i = roots[0]
        collector.error(
            file.location("plans", i, "kind"), f"plans[{i}].kind",
            f"只能有一个县级总体应急预案：已在 {first_file.location('plans', first_i, 'id')} 定义",
        )


def _check_township_overall(files, collector: Collector) -> None:
    seen: dict[str, tuple] = {}
    for file in files["plans"]:
        for i, plan in enumerate(file.model.plans):
            if (plan.level, plan.kind) != ("乡镇", "总体") or not plan.township:
                continue
            if plan.township in seen:
                collector.error(
                    file.location("plans", i, "kind"), f"plans[{i}].kind",
                    f"乡镇“{plan.township}”已有总体应急预案“{seen[plan.township]}”",
                )
            else:
                seen[plan.township] = plan.id


def _check_village_path(file: LoadedFile, collector: Collector) -> None:
    """content/villages/<township-id>/<village-id>.yml: the path says where the village belongs."""
    parts = file.doc.file.split("/")
    folder, name = parts[-2], parts[-1].removesuffix(".yml")
    village = file.model
    if folder != village.township:
        collector.error(
            file.location("township"), "township",
            f"所属乡镇“{village.township}”与所在文件夹“{folder}”不一致（文件应放在 content/villages/{village.township}/）",
        )
    if name != village.id:
        collector.error(file.location("id"), "id", f"村（社区）编号“{village.id}”应与文件名“{name}”一致")
