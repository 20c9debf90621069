"""Shared building blocks of the content models.

Every model rejects unknown keys (they are typos) and is immutable once loaded.
Custom types raise PydanticCustomError with Chinese messages, so the translator in
`validate_errors` can show them to county staff unchanged.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, WithJsonSchema
from pydantic_core import PydanticCustomError


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


def _show(value: object) -> str:
    if isinstance(value, str):
        return f"“{value}”"
    return repr(value)


_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ARTICLE_REF = re.compile(r"^([a-z0-9][a-z0-9-]*)#a([1-9][0-9]*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _slug(value: object) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("slug", "编号应为文本，实际为 {value}", {"value": _show(value)})
    if not _SLUG.match(value):
        raise PydanticCustomError(
            "slug", "编号只能用小写字母、数字和连字符，且以字母或数字开头，实际为 {value}", {"value": _show(value)}
        )
    return value


def _article_ref(value: object) -> str:
    if not isinstance(value, str) or not _ARTICLE_REF.match(value):
        raise PydanticCustomError(
            "article_ref", "条文编号应写成“法规编号#a条号”，如 anquan-shengchan-fa#a21，实际为 {value}", {"value": _show(value)}
        )
    return value


def _date(value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date", "不是有效日期（格式应为 2023-12-31），实际为 {value}", {"value": _show(value)})


# Phone numbers by kind. A short number (110, 12345 …) is a public service number only when it
# is in content/service-numbers.yml: that list is checked with the village (villagecheck.py).
PHONE_KINDS = {
    "mobile": ("手机号（11 位，以 13–19 开头，如 13900001111）", re.compile(r"^1[3-9][0-9]{9}$")),
    "landline": ("座机（区号加 7–8 位号码，如 0730-1234567，可带分机 0730-1234567-801）",
                 re.compile(r"^0[1-9][0-9]{1,2}-?[0-9]{7,8}(?:-[0-9]{1,6})?$")),
    "hotline": ("400/800 热线（如 400-123-4567）", re.compile(r"^[48]00-?[0-9]{3}-?[0-9]{4}$")),
    "service": ("公共服务号码（如 110、119、120、12345，须列在 content/service-numbers.yml 中）", re.compile(r"^[0-9]{3,5}$")),
}


def phone_kind(number: str) -> str | None:
    """"mobile", "landline", "hotline", "service" (a short number, not yet looked up) or None."""
    return next((kind for kind, (_, pattern) in PHONE_KINDS.items() if pattern.match(number)), None)


def _phone_of(*kinds: str):
    expected = "、".join(PHONE_KINDS[k][0] for k in kinds[:-1]) + ("或" if len(kinds) > 1 else "") + PHONE_KINDS[kinds[-1]][0]

    def check(value: object) -> str:
        if isinstance(value, (int, float)):
            raise PydanticCustomError(
                "phone_number", "电话号码要加引号写成文本，如 \"{value}\"（不加引号会被当作数字，开头的 0 会丢失）", {"value": value}
            )
        if not isinstance(value, str) or phone_kind(value) not in kinds:
            raise PydanticCustomError("phone", "电话号码应为{expected}，实际为 {value}", {"expected": expected, "value": _show(value)})
        return value

    return check


# Sources are linked only where the official publisher put them: government and people's-congress
# sites (gov.cn and below: flk.npc.gov.cn, www.hunan.gov.cn, www.hnrd.gov.cn, www.pingjiang.gov.cn …).
OFFICIAL_DOMAIN = "gov.cn"


def is_official(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == OFFICIAL_DOMAIN or host.endswith("." + OFFICIAL_DOMAIN)


def _official_url(value: object) -> str:
    if not isinstance(value, str) or not re.match(r"^https?://[^\s\"'<>]+$", value):
        raise PydanticCustomError("url", "应为网址（http:// 或 https:// 开头），实际为 {value}", {"value": _show(value)})
    if not is_official(value):
        raise PydanticCustomError(
            "official_url",
            "来源只链接官方发布网站（gov.cn 域名的政府、人大网站），{host} 不是；"
            "转载或来源不明的网站不要写成链接，改用文件标题和文号引用",
            {"host": urlsplit(value).hostname or value},
        )
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("text", "应为文字，实际为 {value}", {"value": _show(value)})
    if not value.strip():
        raise PydanticCustomError("text", "不能为空", {})
    return value


Slug = Annotated[str, BeforeValidator(_slug)]
ArticleRef = Annotated[str, BeforeValidator(_article_ref)]
Date = Annotated[date, BeforeValidator(_date)]
Phone = Annotated[str, BeforeValidator(_phone_of("mobile", "landline", "hotline", "service"))]
PersonalPhone = Annotated[str, BeforeValidator(_phone_of("mobile", "landline"))]  # a person's own number
Text = Annotated[str, BeforeValidator(_text)]
OfficialUrl = Annotated[str, BeforeValidator(_official_url)]


def split_article_ref(ref: str) -> tuple[str, int] | None:
    """'anquan-shengchan-fa#a21' -> ('anquan-shengchan-fa', 21); None if not an article id."""
    match = _ARTICLE_REF.match(ref)
    return (match.group(1), int(match.group(2))) if match else None


def is_article_ref(ref: str) -> bool:
    return bool(_ARTICLE_REF.match(ref))


OTHER = "其他"
_OTHER = re.compile(r"^其他[：:]\s*(\S.*)$", re.S)


def choice_or_other(label: str, values: tuple[str, ...]):
    """A closed list that real data outgrows: one of `values`, or “其他：具体内容” (free text)."""

    def check(value: object) -> str:
        if isinstance(value, str):
            if value in values:
                return value
            match = _OTHER.match(value)
            if match:
                return f"{OTHER}：{match.group(1).strip()}"
        raise PydanticCustomError(
            "choice", "{label}应为 {allowed} 之一，或写“其他：具体内容”，实际为 {value}",
            {"label": label, "allowed": "、".join(values), "value": _show(value)},
        )

    schema = {"anyOf": [{"enum": list(values)}, {"type": "string", "pattern": "^其他[：:].+"}]}
    return Annotated[str, BeforeValidator(check), WithJsonSchema(schema)]
