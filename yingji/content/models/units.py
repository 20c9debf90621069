"""content/units.yml: the bodies the plan makes responsible (安委办, 应急管理局, 各乡镇（街道）…)."""

from __future__ import annotations

from typing import Literal

from .base import Model, Phone, Slug, Text

UnitKind = Literal["人民政府", "党委部门", "政府部门", "议事协调机构", "人大", "纪检监察", "事业单位", "垂直管理", "乡镇", "园区", "统称"]


class Unit(Model):
    id: Slug
    name: Text
    full_name: Text
    aliases: list[Text] = []
    kind: UnitKind
    duty_phone: Phone | None = None  # 值班电话 of the body (public, not personal)
    note: str | None = None


class UnitsFile(Model):
    units: list[Unit]
