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
    from .build import plan_outputs
    from .content import load_knowledge
    from .presentation.published import lost_addresses

    knowledge, warnings = load_knowledge(args.root)
    lost = lost_addresses(args.root, knowledge, plan_outputs(args.root, knowledge, "public"))
    if lost:
        raise ContentError(lost)
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
    from .content import load_knowledge

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
    print(
        f"网站已生成：{report.site_dir}（{report.pages} 个生成页面，{report.changed} 个有变化；"
        f"{report.documents} 份 PDF，{report.rendered} 份重新排版；{timing}）"
    )
    return 0


def cmd_paper(args) -> int:
    from .print.papers import write_papers

    written = write_papers(args.root, args.exam, args.seed, args.copies, args.out.resolve(), seal=args.seal)
    for path in written:
        print(path)
    print(f"已生成 {len(written) // 2} 套试卷（每套另附答案）：{args.out}")
    return 0


def cmd_serve(args) -> int:
    from .serve import serve

    return serve(args.root, args.port)


def cmd_urls(args) -> int:
    from .build import plan_outputs
    from .content import load_knowledge
    from .presentation.published import ADDRESSES_FILE, addresses_yaml

    knowledge, _ = load_knowledge(args.root)
    routes = plan_outputs(args.root, knowledge, "public")
    if not args.save:
        print("\n".join(routes.public_urls()))
        return 0
    (args.root / ADDRESSES_FILE).write_text(addresses_yaml(routes, knowledge), "utf-8")
    print(f"已把 {len(routes.public_urls())} 个网址记入 {ADDRESSES_FILE}：以后的生成会检查它们都还在")
    return 0


def cmd_schema(args) -> int:
    from .content.schema import write_schemas

    written = write_schemas(args.out)
    print(f"已导出 {len(written)} 个 JSON Schema 到 {args.out}")
    return 0


def cmd_import_law(args) -> int:
    from .importers.law_import import run

    return run(args)


def _template_villages(args) -> int:
    from .importers.village_sheet import write_workbook

    villages = None
    if args.township:
        from .content import load_knowledge

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
    from .importers.village_import import import_villages

    written = import_villages(args.root, args.source.resolve(), args.township, dry_run=args.dry_run)
    if args.dry_run:
        print(f"检查通过：{args.source.name} 可以导入（--dry-run，未写入文件）")
    else:
        for path in written:
            print(f"已写入 {path.relative_to(args.root)}")
        print(f"导入完成：{len(written)} 个村（社区）")
    return 0


def cmd_import_questions(args) -> int:
    from .importers.question_import import import_questions

    problems, summary = import_questions(args.root, args.file, args.topic, args.out, args.sheet)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"发现 {len(problems)} 处错误，未写入任何文件。", file=sys.stderr)
        return 1
    types = "、".join(f"{t} {n}" for t, n in summary["types"].items())
    action = "替换" if summary["replaced"] else "写入"
    print(f"已导入 {summary['count']} 道题（{types}），{action} {summary['out']}")
    defaults = {"难度": "2（中）", "适用对象": "主要负责人"}
    for column, count in summary["defaulted"].items():
        if count:
            print(f"注意：{count} 道题未填{column}，已按 {defaults[column]} 处理")
    return 0


def cmd_export_questions(args) -> int:
    from .content import load_knowledge
    from .importers.question_export import ALL_OR_NOTHING, export_questions

    if args.format == "gift" and args.multi_scoring == ALL_OR_NOTHING:
        print("GIFT 格式无法表示“全对才得分”，请改用 --format moodle-xml", file=sys.stderr)
        return 2
    knowledge, _ = load_knowledge(args.root)
    unknown = [t for t in args.topic or [] if t not in knowledge.topics]
    if unknown:
        print(f"没有这个题库主题：{'、'.join(unknown)}；可用：{'、'.join(knowledge.topics)}", file=sys.stderr)
        return 1
    count = export_questions(knowledge, args.format, args.out, args.topic, args.multi_scoring)
    print(f"已导出 {count} 道题到 {args.out}（{args.format}）")
    return 0


def _template_questions(args) -> int:
    from .importers.question_export import write_template

    out = args.out or Path("题库模板.xlsx")
    write_template(out)
    print(f"已生成空白题库模板：{out}（含表头、一行示例和下拉选项；“填写说明”工作表说明各列）")
    return 0


def cmd_template(args) -> int:
    return _template_villages(args) if args.kind == "villages" else _template_questions(args)


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

    paper = sub.add_parser("paper", help="按考试方案抽题，生成试卷和答案 PDF（同一种子得到同一份试卷）")
    paper.add_argument("--exam", required=True, help="考试方案编号（quizzes/exams.yml 中的 id）")
    paper.add_argument("--seed", type=int, default=1, help="随机种子，默认 1；同一种子得到同一份试卷")
    paper.add_argument("--copies", type=int, default=1, help="生成几套不同的试卷，默认 1")
    paper.add_argument("--out", type=Path, default=Path("papers"), help="输出目录，默认 papers/")
    paper.add_argument("--seal", action="store_true", help="在第一页左侧装订边印密封线，考生信息写在线内")
    paper.set_defaults(func=cmd_paper)

    serve = sub.add_parser("serve", help="本地预览，内容改动后自动刷新")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)

    urls = sub.add_parser("urls", help="列出网站发布的全部网址；--save 记入 content/addresses.yml（发布后运行）")
    urls.add_argument("--save", action="store_true", help="把当前网址记为已发布（以后删掉其中任何一个都要写明转到哪里）")
    urls.set_defaults(func=cmd_urls)

    schema = sub.add_parser("schema", help="导出内容文件的 JSON Schema（供编辑器自动补全）")
    schema.add_argument("--out", type=Path, default=Path("schemas"))
    schema.set_defaults(func=cmd_schema)

    template = sub.add_parser("template", help="生成 Excel 填报模板：villages 一村一案，questions 题库")
    template.add_argument("kind", choices=["villages", "questions"], help="villages：一村一案填报表；questions：题库模板")
    template.add_argument("--out", type=Path, default=None, help="输出的 .xlsx 文件")
    template.add_argument("--township", default=None, help="（villages）填入这个乡镇现有的村（社区）数据，便于修改后重新导入")
    template.add_argument("--no-example", action="store_true", help="（villages）不写示例行")
    template.set_defaults(func=cmd_template)

    villages = sub.add_parser("import-villages", help="导入填好的一村一案填报表（.xlsx 或 CSV 文件夹）")
    villages.add_argument("source", type=Path, help="填好的 .xlsx 文件，或每个工作表一个 CSV 的文件夹")
    villages.add_argument("--township", required=True, help="乡镇编号，如 nanjiang-zhen")
    villages.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    villages.set_defaults(func=cmd_import_villages)

    questions = sub.add_parser("import-questions", help="从 Excel/CSV 题库导入试题（有任何错误则不写入）")
    questions.add_argument("file", type=Path, help="题库文件 .xlsx 或 .csv")
    questions.add_argument("--topic", required=True, help="题库主题编号（quizzes/topics.yml 中的 id）")
    questions.add_argument("--out", type=Path, default=None, help="写入的 YAML 文件，默认 quizzes/<主题>.yml")
    questions.add_argument("--sheet", default=None, help="工作表名，默认第一个工作表")
    questions.set_defaults(func=cmd_import_questions)

    export = sub.add_parser("export-questions", help="导出题库：Moodle XML、GIFT 或 Excel")
    export.add_argument("--format", required=True, choices=["moodle-xml", "gift", "xlsx"])
    export.add_argument("--topic", action="append", help="只导出这个主题（可重复），默认全部")
    export.add_argument("--out", type=Path, required=True, help="输出文件")
    export.add_argument(
        "--multi-scoring", choices=["按比例", "全对才得分"], default="按比例",
        help="多选题在 Moodle 中的给分：按比例（默认；每个正确选项 100/k%%，选错任一项得 0 分）"
        "或 全对才得分（需 Moodle 安装 All-or-Nothing 题型插件）",
    )
    export.set_defaults(func=cmd_export_questions)

    from .importers.law_import import DESCRIPTION, add_arguments

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
        from .print.engine import PrintError
        from .print.paper import PaperError

        if isinstance(err, (BuildFailed, FileExistsError, PrintError, PaperError)):
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
