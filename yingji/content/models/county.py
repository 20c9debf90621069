"""content/county.yml: the county this site is about — the one source of every county fact an
output prints (name, site name, publisher, contact, address, 备案号, the printed edition). Code
and templates hold no county names: another county replaces this file and content/, nothing else."""

from __future__ import annotations

from pydantic import Field

from .base import Date, Model, Text


class Edition(Model):
    """版次 of the printed materials: on the covers, the 版权页 and under the wall table."""

    number: int = Field(ge=1)  # 第1版
    date: Date  # printed as 2026年11月


class County(Model):
    name: Text  # 平江县
    site_name: Text  # the site's title in every page header and the browser tab
    site_description: Text
    publisher: Text  # who keeps the site (footer, 关于本站, PDF covers)
    publisher_verified: bool = False  # false: printed with 示例 until the county confirms it
    contact: Text | None = None  # how to report an error (phone or address); None: not yet known
    # The public address of the site (QR codes on cards, canonical links). YINGJI_SITE_URL
    # overrides it for one build; with neither, cards carry no QR code.
    site_url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    icp: Text | None = None  # ICP 备案号, when the site has one
    edition: Edition | None = None  # None: covers carry no 版次 and no date
