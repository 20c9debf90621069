"""The presentation stage: from the validated knowledge to what every output needs in common —
the route table (routes.py: every page, data file and PDF with its path and URL), the PDFs
(documents.py), labels (labels.py), personal data rules (privacy.py) and the views of entities
that several outputs show (villages.py). It renders nothing; site, quiz and print do.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml

from ..content.knowledge import Knowledge
from ..diagnostics import Location, Problem
from .routes import RouteTable, plan_routes

SITE_URL_HINT = (
    "未设置网站地址：明白卡上不印二维码。请在 content/county.yml 中填写 site_url，"
    "或设置环境变量 YINGJI_SITE_URL（如 https://yingji.example.gov.cn/）后重新生成"
)


def site_address(knowledge: Knowledge) -> str | None:
    """The public address of the site: YINGJI_SITE_URL for one build, else content/county.yml."""
    url = os.environ.get("YINGJI_SITE_URL") or knowledge.county.site_url
    return url.rstrip("/") + "/" if url else None


def site_address_problem(knowledge: Knowledge) -> Problem | None:
    if knowledge.villages and not site_address(knowledge):
        return Problem(Location("content/county.yml"), "site_url", SITE_URL_HINT, warning=True)
    return None


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name:…; they do not matter here."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@lru_cache(maxsize=None)
def _mkdocs_config(path: Path, mtime: float) -> dict:
    return yaml.load(path.read_text("utf-8"), Loader=_TolerantLoader) or {} if path.exists() else {}


def mkdocs_config(root: Path) -> dict:
    """The project's mkdocs.yml as plain data (tags such as !!python/name read as None)."""
    path = root / "mkdocs.yml"
    return _mkdocs_config(path, path.stat().st_mtime if path.exists() else 0.0)


def served_as_directories(root: Path) -> bool:
    """Whether mkdocs serves pages as folders (tasks/t01/) or files (tasks/t01.html): its
    use_directory_urls, which the offline plugin switches off (the site must open from file://)."""
    config = mkdocs_config(root)
    plugins = config.get("plugins") or []
    names = {next(iter(p)) if isinstance(p, dict) else p for p in plugins}
    if "offline" in names or "material/offline" in names:
        return False
    return bool(config.get("use_directory_urls", True))


def route_table(root: Path, knowledge: Knowledge, profile: str, hand_written: frozenset[str] = frozenset()) -> RouteTable:
    """Every output of one build, planned before any is rendered."""
    return plan_routes(
        knowledge,
        profile,
        hand_written=hand_written,
        directory_urls=served_as_directories(root),
        site_url=site_address(knowledge),
    )
