"""The `yingji` command: check, stats, build, serve, schema and the importers.

Exit codes: 0 success, 1 content errors (printed as file:line:col: key.path: 消息),
2 wrong command-line usage, 3 an internal error of yingji itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from .diagnostics import ContentError, print_problems


def cmd_check(args) -> int:
    from .project import load_knowledge

    knowledge, warnings = load_knowledge(args.root)
    print_problems(warnings)
    counts = knowledge.counts()
    print(
        f"内容检查通过：{counts['tasks']} 项任务、{counts['units']} 个单位、{counts['laws']} 部法规"
        f"（{counts['articles']} 条）、{counts['glossary_terms']} 个术语、{counts['questions']} 道试题"
        + (f"、{counts['contingency_plans']} 个应急预案（含 {counts['villages']} 个一村一案）" if counts["contingency_plans"] else "")
        + (f"；{len(warnings)} 条警告" if warnings else "")
    )
    return 0


def cmd_stats(args) -> int:
    from .project import load_knowledge

    knowledge, _ = load_knowledge(args.root)
    counts = knowledge.counts()
    if args.json:
        print(json.dumps(counts, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        for key, value in counts.items():
            print(f"{key}: {value}")
    return 0


def cmd_build(args) -> int:
    from .build import build

    report = build(args.root, args.site_dir, profile=args.profile)
    print_problems(report.warnings)
    timing = "，".join(f"{name} {seconds:.1f} 秒" for name, seconds in report.timings.items())
    print(f"网站已生成：{report.site_dir}（{report.pages} 个生成页面，{report.changed} 个有变化；{timing}）")
    return 0


def cmd_serve(args) -> int:
    from .serve import serve

    return serve(args.root, args.port)


def cmd_schema(args) -> int:
    from .schema import write_schemas

    written = write_schemas(args.out)
    print(f"已导出 {len(written)} 个 JSON Schema 到 {args.out}")
    return 0


def cmd_import_law(args) -> int:
    from .lawimport import run

    return run(args)


def cmd_template(args) -> int:
    from .villagesheet import write_workbook

    villages = None
    if args.township:
        from .project import load_knowledge

        knowledge, _ = load_knowledge(args.root)
        if args.township not in knowledge.townships:
            print(f"错误：乡镇编号“{args.township}”不在 content/townships.yml 中", file=sys.stderr)
            return 1
        villages = knowledge.villages_of(args.township)
    out = args.out or Path(f"{args.township or '一村一案'}-填报表.xlsx")
    write_workbook(out, villages, example=not args.no_example)
    filled = f"，已填入 {len(villages)} 个村（社区）的现有数据" if villages else ""
    print(f"已生成填报表：{out}{filled}")
    return 0


def cmd_import_villages(args) -> int:
    from .villageimport import import_villages

    written = import_villages(args.root, args.source.resolve(), args.township, dry_run=args.dry_run)
    if args.dry_run:
        print(f"检查通过：{args.source.name} 可以导入（--dry-run，未写入文件）")
    else:
        for path in written:
            print(f"已写入 {path.relative_to(args.root)}")
        print(f"导入完成：{len(written)} 个村（社区）")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yingji", description="应急管理知识与培训站生成器")
    parser.add_argument("--root", type=Path, default=Path("."), help="项目目录（含 content/ 和 quizzes/），默认当前目录")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    sub.add_parser("check", help="检查 content/ 和 quizzes/ 的全部内容").set_defaults(func=cmd_check)

    stats = sub.add_parser("stats", help="统计各类内容的数量")
    stats.add_argument("--json", action="store_true", help="以 JSON 输出")
    stats.set_defaults(func=cmd_stats)

    build = sub.add_parser("build", help="生成网站（及 PDF）到 site/")
    build.add_argument("--site-dir", type=Path, default=None, help="输出目录，默认 site/")
    build.add_argument("--profile", choices=["public", "internal"], default="public", help="public 隐藏个人电话（默认）")
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="本地预览，内容改动后自动刷新")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)

    schema = sub.add_parser("schema", help="导出内容文件的 JSON Schema（供编辑器自动补全）")
    schema.add_argument("--out", type=Path, default=Path("schemas"))
    schema.set_defaults(func=cmd_schema)

    template = sub.add_parser("template", help="生成填报表（一村一案 Excel 模板）")
    template.add_argument("what", choices=["villages"], help="villages：一村一案填报表")
    template.add_argument("--out", type=Path, default=None, help="输出的 .xlsx 文件")
    template.add_argument("--township", default=None, help="填入这个乡镇现有的村（社区）数据，便于修改后重新导入")
    template.add_argument("--no-example", action="store_true", help="不写示例行")
    template.set_defaults(func=cmd_template)

    villages = sub.add_parser("import-villages", help="导入填好的一村一案填报表（.xlsx 或 CSV 文件夹）")
    villages.add_argument("source", type=Path, help="填好的 .xlsx 文件，或每个工作表一个 CSV 的文件夹")
    villages.add_argument("--township", required=True, help="乡镇编号，如 nanjiang-zhen")
    villages.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    villages.set_defaults(func=cmd_import_villages)

    from .lawimport import DESCRIPTION, add_arguments

    law = add_arguments(sub.add_parser("import-law", help="把官方法规文本导入为 content/laws 文件", description=DESCRIPTION))
    law.set_defaults(func=cmd_import_law)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.root = args.root.resolve()
    try:
        return args.func(args)
    except ContentError as err:
        print_problems(err.problems)
        errors = sum(1 for p in err.problems if not p.warning)
        print(f"发现 {errors} 处内容错误，未生成任何文件。", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # noqa: BLE001 - last line of defence: report, don't dump on users
        from .build import BuildFailed

        if isinstance(err, (BuildFailed, FileExistsError)):
            print(f"错误：{err}", file=sys.stderr)
            return 1
        print(f"yingji 内部错误（这是程序缺陷，不是内容问题，请报告）：{type(err).__name__}: {err}", file=sys.stderr)
        if os.environ.get("YINGJI_DEBUG"):
            traceback.print_exc()
        else:
            print("设置环境变量 YINGJI_DEBUG=1 可查看详细信息。", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
