"""content/addresses.yml: the addresses the site has published, and where moved ones went.

Printed QR codes and links shared in chat groups point at these addresses, so a build that
would make one disappear stops, unless a redirect says where it went (yingji/presentation/
published.py). After publishing, `yingji urls --save` records the new list.
"""

from __future__ import annotations

from pydantic import Field

from .base import Model

ADDRESS = r"^[^\s/#][^\s#]*(#[A-Za-z][A-Za-z0-9_-]*)?$"


class Redirect(Model):
    old: str = Field(pattern=ADDRESS)  # tasks/t22.html, or laws/x.html#a5
    new: str = Field(pattern=ADDRESS)


class Addresses(Model):
    published: list[str] = []
    redirects: list[Redirect] = []
