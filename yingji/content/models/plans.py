"""content/plans/*.yml: the "1+N+X" contingency plans (应急预案) of the county and its townships.

1 = the county 总体应急预案; N = 专项 plans; X = 部门 plans, unit plans and, below the
townships, the village plans (一村一案; those live in content/villages/ and join the tree
through their township's 总体 plan). A file holds a list of plans, e.g. plans/county.yml
or plans/<township-id>.yml.

Honesty rule: most real plan texts are not available to us. `verified` names the fields
that come from a source listed in `sources` (with the certainty of that source); every other
field of the entry is 示例 (illustrative) and is shown as such. A field left out is not shown
at all (no 编制依据, no drill cycle is made up), and a cycle is shown as a rule ("至少每3年一次")
only when it is verified.
"""

from __future__ import annotations

from typing import Literal

from pydantic import PositiveInt, model_validator
from pydantic_core import PydanticCustomError

from .base import Date, Model, OfficialUrl, Slug, Text

PlanLevel = Literal["县", "乡镇", "村"]
PlanKind = Literal["总体", "专项", "部门", "单位", "基层"]
ResponseLevel = Literal["Ⅰ级", "Ⅱ级", "Ⅲ级", "Ⅳ级"]
# 确定 = seen in a source ([S]); 待核实 = from general knowledge of the official text ([M]).
Certainty = Literal["确定", "待核实"]
VerifiableField = Literal[
    "title", "doc_number", "issued_date", "version", "owner", "scope", "response_levels",
    "structure", "review_cycle_years", "drill_every_months", "basis",
]
# The official guidance a plan's structure follows (see GUIDANCE for titles and certainty).
Basis = Literal[
    "突发事件应急预案管理办法",
    "乡镇（街道）突发事件应急预案编制参考",
    "村（社区）突发事件应急预案编制参考",
    "GB/T 29639-2020",
]

GUIDANCE: dict[str, dict[str, str]] = {
    "突发事件应急预案管理办法": {
        "title": "国务院办公厅《突发事件应急预案管理办法》（国办发〔2024〕5号）",
        "note": "分类与内容要求据公开转述，条文以原文为准（待核实）",
    },
    "乡镇（街道）突发事件应急预案编制参考": {
        "title": "应急管理部办公厅《乡镇（街道）突发事件应急预案编制参考》（应急厅函〔2023〕231号）",
        "note": "总体预案结构（总则、应急组织体系、报告与预警、应急处置、后期处置、应急保障、应急预案管理、附件）见公开转载",
    },
    "村（社区）突发事件应急预案编制参考": {
        "title": "应急管理部办公厅《村（社区）突发事件应急预案编制参考》（应急厅函〔2023〕231号）",
        "note": "正文未取得；村级预案要素按《突发事件应急预案管理办法》的要求整理（待核实）",
    },
    "GB/T 29639-2020": {
        "title": "GB/T 29639-2020《生产经营单位生产安全事故应急预案编制导则》",
        "note": "综合应急预案、专项应急预案、现场处置方案三类",
    },
}


class Source(Model):
    title: Text
    number: str | None = None  # 文号: how a document is cited when it is not linked
    url: OfficialUrl | None = None  # only the official publisher's page; a reprint is cited, not linked
    note: str | None = None


class ContingencyPlan(Model):
    id: Slug
    title: Text
    level: PlanLevel
    kind: PlanKind
    owner: Slug  # 编制/牵头单位: a unit id (units.yml) or, for township plans, a township id
    owner_name: str | None = None  # when the real 编制单位 is not a unit (e.g. an enterprise)
    units: list[Slug] = []  # 成员/参与单位: unit or township ids
    township: Slug | None = None  # required for level 乡镇
    parent: Slug | None = None  # the plan above; None only for the county 总体 plan
    aligned_with: Slug | None = None  # the county plan a township 专项 plan dovetails with (上下衔接)
    scope: Text  # 适用范围
    events: list[Text] = []  # 适用的突发事件类型
    response_levels: list[ResponseLevel] = []
    structure: list[Text] = []  # chapter headings
    basis: Basis | None = None  # the guidance the plan follows, when a source (or the example) says so
    review_cycle_years: PositiveInt | None = None  # 评估/修订周期
    drill_every_months: PositiveInt | None = None  # 演练间隔
    drill_note: str | None = None
    doc_number: str | None = None
    issued_date: Date | None = None
    version: str | None = None
    verified: dict[VerifiableField, Certainty] = {}  # fields from a source; all others are 示例
    sources: list[Source] = []
    unknown: str | None = None  # what the real text says that we do not know
    note: str | None = None

    @property
    def is_sample(self) -> bool:
        """True when nothing of the entry rests on a source: the whole entry is 示例."""
        return not self.verified

    @model_validator(mode="after")
    def _verified_needs_a_source(self):
        if self.verified and not self.sources:
            raise PydanticCustomError("verified", "verified 列出了已核实的字段，但没有写 sources（来源）", {})
        empty = [name for name in self.verified if getattr(self, name) in (None, [], "")]
        if empty:
            raise PydanticCustomError("verified", "verified 中的 {fields} 没有内容：没写的字段无从核实", {"fields": "、".join(empty)})
        return self


class PlansFile(Model):
    plans: list[ContingencyPlan]
