"""`yingji pack` / `yingji build --zip`: the built site as one dated archive to hand out.

For USB sticks and WeChat's file transfer: unpacked, the archive is one folder holding
打开我.html (which opens the site) and the site itself in 网站/; the site works from the disk
(file://), search included. An archive of the internal build says 内部资料 in its name, in
打开我.html and in a note beside it: it holds full names and phone numbers.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import quote

import yaml

from .project import OUTPUT_FOLDER
from .workspace import INTERNAL_ROBOTS

SITE_FOLDER = "网站"
OPENER = "打开我.html"
INTERNAL_NOTE = "内部资料-请勿外传.txt"
STORED = {".pdf", ".png", ".jpg", ".jpeg", ".gif", ".gz", ".zip", ".woff", ".woff2"}  # compressed already

_OPENER = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0; url={target}">
<title>{title}</title>
</head>
<body>
{banner}<p>正在打开 <a href="{target}">{title}</a>……没有自动打开的话，请点这个链接，或打开 {folder}/index.html。</p>
</body>
</html>
"""
_BANNER = ('<p style="color:#b71c1c;font-weight:bold">内部资料：含个人姓名和完整电话，'
           "仅供应急管理工作内部使用，请勿公开发布、转发或上传到互联网。</p>\n")
_NOTE = ("本压缩包是内部版网站，含个人姓名和完整电话，仅供应急管理工作内部使用。\n"
         "请勿公开发布、转发到群聊或上传到互联网；用完请删除。\n")


class PackError(Exception):
    """Nothing to pack (the message says what to run first)."""


@dataclass
class Packed:
    path: Path
    size: int
    internal: bool

    @property
    def size_text(self) -> str:
        return f"{self.size / 1024 / 1024:.1f} MB" if self.size >= 1024 * 1024 else f"{self.size / 1024:.0f} KB"


def is_internal_site(site: Path) -> bool:
    """The internal build keeps crawlers off with its robots.txt (workspace.py)."""
    robots = site / "robots.txt"
    return robots.is_file() and robots.read_text("utf-8", "replace") == INTERNAL_ROBOTS


def pack_site(root: Path, site: Path, out_dir: Path | None = None, day: date | None = None) -> Packed:
    if not (site / "index.html").is_file():
        raise PackError(f"{site} 里还没有网站：请先运行 yingji build（或直接 yingji build --zip）")
    internal = is_internal_site(site)
    title = _site_name(root)
    name = f"{title}-{'内部资料-' if internal else ''}{(day or date.today()).isoformat()}"
    out_dir = out_dir or root / OUTPUT_FOLDER
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.zip"
    temporary = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.comment = ("内部资料：请勿外传" if internal else title).encode("utf-8")
        archive.writestr(f"{name}/{OPENER}", _opener(title, internal))
        if internal:
            archive.writestr(f"{name}/{INTERNAL_NOTE}", _NOTE)
        for file in sorted(p for p in site.rglob("*") if p.is_file()):
            kind = zipfile.ZIP_STORED if file.suffix.lower() in STORED else zipfile.ZIP_DEFLATED
            archive.write(file, f"{name}/{SITE_FOLDER}/{file.relative_to(site).as_posix()}", compress_type=kind)
    temporary.replace(path)
    return Packed(path, path.stat().st_size, internal)


def _opener(title: str, internal: bool) -> str:
    target = quote(f"{SITE_FOLDER}/index.html")
    return _OPENER.format(target=target, title=escape(title), banner=_BANNER if internal else "", folder=SITE_FOLDER)


def _site_name(root: Path) -> str:
    """The site's name from content/county.yml (already checked by the build), for the file name."""
    try:
        county = yaml.safe_load((root / "content" / "county.yml").read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError):
        county = {}
    name = str(county.get("site_name") or county.get("name") or "应急管理网站") if isinstance(county, dict) else "应急管理网站"
    return "".join("-" if ch in '\\/:*?"<>|' or ch.isspace() else ch for ch in name)
