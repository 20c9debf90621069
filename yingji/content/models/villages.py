"""content/townships.yml and content/villages/<township-id>/<village-id>.yml (一村一案).

A village plan is what a village cadre acts on: who watches which risk point, which signal
means what and who gives it, which route leads to which shelter, who helps whom. Ids of
people, risks, routes and shelters are local to the village file; the village id is unique
in the whole project. Consistency inside a village (routes end at a shelter, shelters hold
the people threatened, every risk has a responsible person, the counts agree with the list of
threatened households …) is checked in yingji/content/villagecheck.py so that every error can
point at its line.

The threatened households (受威胁住户: head, members, address, phone, the risks they face) are
personal data: only the internal build shows them (their 防灾避险明白卡); the public build shows
their counts (presentation/privacy.py).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, NonNegativeInt, PositiveInt
from pydantic_core import PydanticCustomError

from .base import Date, Model, PersonalPhone, Phone, Slug, Text, choice_or_other

TownshipKind = Literal["街道", "镇", "乡", "园区"]
VillageKind = Literal["村", "社区"]
PERSON_ROLES = (
    "村支书", "村主任", "社区书记", "社区主任", "包村干部", "村民小组长", "网格员", "楼栋长", "监测员", "护林员", "预警员",
    "信息员", "安置点管理员", "村医", "妇女主任", "民兵营长", "物业负责人", "志愿者",
)
PersonRole = choice_or_other("职务", PERSON_ROLES)
RiskType = Literal[
    "山洪", "洪涝", "地质灾害", "森林火灾", "水库山塘", "溺水", "一氧化碳中毒", "高层火灾", "城镇燃气",
    "自建房安全", "危险化学品", "道路交通", "冰冻雨雪", "其他",
]
# Risks whose answer is moving people to a shelter: each needs a route, and shelters must hold them.
EVACUATION_RISKS = frozenset({"山洪", "洪涝", "地质灾害", "森林火灾", "水库山塘", "高层火灾", "危险化学品"})
SIGNAL_KINDS = ("锣", "口哨", "手摇报警器", "高音喇叭", "应急广播", "微信群", "电话", "短信", "敲门入户")
SignalKind = choice_or_other("信号", SIGNAL_KINDS)
SignalStage = Literal["准备转移", "立即转移", "解除警报"]
HELP_GROUPS = ("老年人", "独居老人", "儿童", "留守儿童", "病人", "残疾人", "孕妇", "行动不便")
HelpGroup = choice_or_other("帮扶对象", HELP_GROUPS)
AGE_GROUPS = ("儿童", "成年", "老年")
AgeGroup = Literal["儿童", "成年", "老年"]


class Township(Model):
    id: Slug
    name: Text
    kind: TownshipKind
    code: str | None = None  # 统计用区划代码, only where a source gives it
    note: str | None = None


class TownshipsFile(Model):
    townships: list[Township]


class ServiceNumber(Model):
    number: str
    name: Text


class ServiceNumbersFile(Model):
    """content/service-numbers.yml: the short public numbers a contact may give (110, 12345 …)."""

    numbers: list[ServiceNumber]


class VillagePlan(Model):
    """The village plan as a node of the 1+N+X tree: when it was revised, how often it is reviewed
    and drilled (as the village's plan says; nothing is shown when it is not given)."""

    revised: Date | None = None
    review_cycle_years: PositiveInt | None = None
    drill_every_months: PositiveInt | None = None
    drill_note: str | None = None


class Person(Model):
    id: Slug
    role: PersonRole
    name: Text
    phone: PersonalPhone  # personal: masked in the public build
    area: str | None = None  # 负责片区, e.g. 一至三组
    duty: str | None = None


class Risk(Model):
    id: Slug
    type: RiskType
    place: Text
    households: NonNegativeInt
    people: NonNegativeInt
    responsible: Slug | None = None  # person id; required (checked with a clear message)
    monitor: Slug | None = None  # person id of the 监测员
    signs: str | None = None  # 征兆 / 转移条件
    routes: list[Slug] = []  # route ids
    measures: list[Text] = []  # 防范和处置措施


class Signal(Model):
    kind: SignalKind
    stage: SignalStage
    pattern: Text  # how it sounds / what is sent: 连续急促敲锣
    given_by: list[Slug] = Field(min_length=1)  # person ids


class Route(Model):
    id: Slug
    start: Text = Field(alias="from")
    via: list[Text] = []
    to: Slug  # shelter id
    distance_m: PositiveInt | None = None
    minutes: PositiveInt | None = None  # on foot
    guide: Slug | None = None  # person id of who leads the way


class Shelter(Model):
    id: Slug
    name: Text
    place: Text
    capacity: PositiveInt
    keeper: Slug  # person id


class HelpNeed(Model):
    group: HelpGroup
    count: PositiveInt
    helper: Slug  # person id
    note: str | None = None


class Supply(Model):
    name: Text
    quantity: PositiveInt
    unit: Text
    place: str | None = None
    keeper: Slug | None = None  # person id


class Team(Model):
    name: Text
    leader: Slug  # person id
    members: PositiveInt
    skills: str | None = None


class Contact(Model):
    """An upward contact: an office or a public service number (never personal, never masked)."""

    name: Text
    phone: Phone | None = None  # None: not yet known; shown as 待填写
    note: str | None = None


SEPARATORS = "、，,（）()\n"  # the 家庭成员 cell of the workbook: 王大山（老年，行动不便）、李小花（成年）


def _one_word(value: str) -> str:
    if any(char in value for char in SEPARATORS):
        raise PydanticCustomError(
            "member_word", "不能含“、”“，”、括号或换行（填报表“家庭成员”一格用它们分隔人和情况），实际为 “{value}”", {"value": value}
        )
    return value


class Member(Model):
    """One person of a threatened household (no sex, no exact age: what the card needs only)."""

    name: Annotated[Text, AfterValidator(_one_word)]
    age: AgeGroup  # 年龄段
    # 需帮扶转移的情况, in the words of the village's help list
    needs: list[Annotated[HelpGroup, AfterValidator(_one_word)]] = []


class Household(Model):
    """A threatened household (受威胁住户): who lives there, where, and what threatens it."""

    id: Slug  # local to the village; the card's 编号
    head: Text  # 户主: one of the members
    group: Text  # 村民小组或网格, e.g. 二组
    address: Text
    phone: PersonalPhone | None = None  # personal: the internal build only
    members: list[Member] = Field(min_length=1)  # everyone living there, the head included
    risks: list[Slug] = Field(min_length=1)  # risk ids: a household may face more than one
    note: str | None = None  # 本户注意事项


class Village(Model):
    id: Slug
    name: Text
    kind: VillageKind
    township: Slug
    sample: bool = False  # 示例: names, numbers and facts are fictional
    public_names: bool = True  # public build: true = role + surname + 某 (王某), false = the role alone
    summary: str | None = None
    households: PositiveInt
    population: PositiveInt
    groups: PositiveInt  # 村民小组 (村) or 网格 (社区)
    cards_issued: NonNegativeInt | None = None  # 明白卡已发放户数
    updated: Date | None = None  # 资料日期: set by `yingji import-villages` when the village changes
    plan: VillagePlan = VillagePlan()
    people: list[Person] = Field(min_length=1)
    risks: list[Risk] = Field(min_length=1)
    signals: list[Signal] = []
    routes: list[Route] = []
    shelters: list[Shelter] = []
    help: list[HelpNeed] = []
    supplies: list[Supply] = []
    team: Team | None = None
    contacts: list[Contact] = []
    # 受威胁住户: when listed, every risk's household and people counts and every help count
    # must agree with the list (villagecheck.py)
    threatened_households: list[Household] = []

    @property
    def threatened(self) -> int:
        """People at risk points that call for evacuation (a person may count twice)."""
        return sum(risk.people for risk in self.risks if risk.type in EVACUATION_RISKS)

    @property
    def capacity(self) -> int:
        return sum(shelter.capacity for shelter in self.shelters)
