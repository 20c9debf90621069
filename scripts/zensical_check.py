#!/usr/bin/env python3
"""Build the generated docs/ and the unchanged mkdocs.yml with Zensical (`make zensical`).

Zensical is the maintained successor of Material for MkDocs. This proves the same project
builds with it: it copies mkdocs.yml, docs/, theme_overrides/ and hooks/ into a scratch
folder (Zensical writes to the site_dir of mkdocs.yml, and site/ belongs to `yingji build`),
runs `zensical build --strict`, checks that the main pages are there, and optionally keeps
the result. Run `yingji build` first: it writes the generated pages into docs/.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COPIED = ("mkdocs.yml", "docs", "theme_overrides", "hooks")
MUST_EXIST = ("index.html", "plan/index.html", "tasks/index.html", "units/index.html", "timeline/index.html",
              "laws/index.html", "glossary/index.html")


def zensical_build(root: Path, keep: Path | None = None) -> tuple[int, float]:
    """(pages built, seconds); the site is copied to `keep` if given, else thrown away."""
    if not (root / "docs" / ".nav.yml").exists():
        raise SystemExit("docs/ 中没有生成的页面：请先运行 yingji build（或 make site）")
    scratch = Path(tempfile.mkdtemp(prefix="yingji-zensical-"))
    try:
        for name in COPIED:
            source = root / name
            if source.is_dir():
                shutil.copytree(source, scratch / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.exists():
                shutil.copy2(source, scratch / name)
        zensical = Path(sys.executable).with_name("zensical")
        command = [str(zensical) if zensical.exists() else "zensical", "build", "--strict", "--clean"]
        started = time.perf_counter()
        result = subprocess.run(command, cwd=scratch, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            raise SystemExit("zensical build 失败：\n" + (result.stderr or result.stdout))
        site = scratch / "site"
        missing = [page for page in MUST_EXIST if not (site / page).exists()]
        if missing:
            raise SystemExit(f"zensical 生成的网站缺少页面：{', '.join(missing)}")
        if keep:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(site, keep)
        return sum(1 for _ in site.rglob("*.html")), seconds
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="用 Zensical 构建同一份 docs/ 和 mkdocs.yml")
    parser.add_argument("--root", type=Path, default=Path("."), help="项目目录，默认当前目录")
    parser.add_argument("--out", type=Path, default=None, help="保留 Zensical 生成的网站到此目录")
    args = parser.parse_args(argv)
    pages, seconds = zensical_build(args.root.resolve(), args.out)
    where = f"，输出在 {args.out}" if args.out else ""
    print(f"Zensical 构建成功：{pages} 个页面，用时 {seconds:.1f} 秒{where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
