"""The `yingji` command: its parser (Chinese help and examples) and check, stats, build, pack,
paper, serve, urls and schema; the workbook and import commands are in workbook_commands.py.

Exit codes: 0 success, 1 content errors (printed as file:line:col: key.path: 消息),
2 wrong command-line usage, 3 an internal error of yingji itself. Everything it says is
Chinese, argparse's own messages included (cliparse.py); it finds the project like git
finds a repository (project.py).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

from .cliparse import ChineseParser, VersionAction, localize
from .diagnostics import ContentError, print_problems
from .project import OUTPUT_FOLDER, ProjectNotFound, find_root, shown_path, version_text
from .workbook_commands import (
    cmd_export_questions,
    cmd_export_villages,
    cmd_import_law,
    cmd_import_questions,
    cmd_import_villages,
    cmd_template,
    cmd_undo_import,
)


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
    from .content.bankstats import balance_lines, bank_balance

    knowledge, _ = load_knowledge(args.root)
    counts, balance = knowledge.counts(), bank_balance(knowledge)
    if args.json:
        print(json.dumps({**counts, "bank": balance}, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        for key, value in counts.items():
            shown = "，".join(f"{k} {v}" for k, v in value.items()) if isinstance(value, dict) else value
            print(f"{STAT_LABELS.get(key, key)}：{shown}")
        print("\n".join(balance_lines(balance)))
    return 0


STAT_LABELS = {
    "sections": "方案部分", "tasks": "任务", "targets": "指标要求", "indicators": "总体指标", "units": "责任单位",
    "laws": "法规", "articles": "条文", "glossary_terms": "术语", "topics": "题库主题", "questions": "试题",
    "questions_by_type": "试题（按题型）", "exams": "考试方案", "townships": "乡镇（街道）", "villages": "村（社区）",
    "villages_by_kind": "村（社区）（按类别）", "contingency_plans": "应急预案",
    "contingency_plans_by_level": "应急预案（按层级）", "contingency_plans_by_kind": "应急预案（按类别）",
}


def cmd_build(args) -> int:
    from .build import build
    from .progress import STAGES, Progress

    progress = Progress()
    report = build(args.root, args.site_dir, profile=args.profile, pdf=not args.no_pdf, progress=progress)
    print_problems(report.warnings)
    timing = "，".join(f"{STAGES.get(name, name)} {seconds:.1f} 秒" for name, seconds in report.timings.items())
    pdfs = f"{report.documents} 份 PDF，{report.rendered} 份重新排版" if report.with_pdf else "未生成 PDF（--no-pdf）"
    print(f"{report.pages} 个生成页面，{report.changed} 个有变化；{pdfs}；用时：{timing}")
    if args.zip:
        with progress.stage("zip", report.timings):
            packed = _pack(args.root, report.site_dir)
        print(_packed_line(packed))
    site = shown_path(report.site_dir)
    opening = f"用浏览器打开 {site}/index.html（可离线），或运行 yingji serve{' --profile internal' if report.profile == 'internal' else ''} 预览"
    if report.profile == "internal":
        print(f"内部版网站已生成：{site}（内部资料：含个人姓名和完整电话，只在内部使用，切勿上传或公开发布）；{opening}")
    else:
        print(f"公开版网站已生成：{site}（个人电话和姓名已隐去）；{opening}；发布方法见 README“发布网站”")
    return 0


def cmd_pack(args) -> int:
    from .workspace import Workspace

    site = Workspace(args.root, args.profile).site_dir(args.site_dir)
    print(_packed_line(_pack(args.root, site, args.out)))
    return 0


def _pack(root: Path, site: Path, out: Path | None = None):
    from .pack import pack_site

    return pack_site(root, site, out.resolve() if out else None)


def _packed_line(packed) -> str:
    where = "只在内部传递（内部资料：含个人姓名和完整电话）" if packed.internal else "可拷到 U 盘或用微信“文件传输助手”发送"
    return f"已打包：{shown_path(packed.path)}（{packed.size_text}），{where}；解压后打开其中的 打开我.html"


def cmd_paper(args) -> int:
    from .print.papers import write_papers

    out = (args.out or args.root / OUTPUT_FOLDER / "试卷").resolve()
    written = write_papers(args.root, args.exam, args.seed, args.copies, out, seal=args.seal)
    for path in written:
        print(path)
    print(f"已生成 {len(written) // 2} 套试卷（每套另附答案）：{shown_path(out)}")
    return 0


def cmd_serve(args) -> int:
    from .serve import serve

    return serve(args.root, args.port, args.profile, host=args.host, pdf=not args.no_pdf)


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

    out = args.out or args.root / "schemas"
    written = write_schemas(out)
    print(f"已导出 {len(written)} 个 JSON Schema 到 {shown_path(out)}")
    return 0


# Examples shown under each command's --help (every command has some: tests/test_cli_chinese.py).
EXAMPLES = {
    "check": ["yingji check", "yingji --root /home/张三/平江县 check   # 在项目文件夹以外运行时"],
    "stats": ["yingji stats", "yingji stats --json > 统计.json"],
    "build": ["yingji build", "yingji build --no-pdf        # 只生成网站，快", "yingji build --zip           # 另打包成 输出/网站名-日期.zip",
              "yingji build --profile internal"],
    "pack": ["yingji pack                  # 把已生成的 site/ 打包", "yingji pack --profile internal"],
    "paper": ["yingji paper --exam zhuyao-fuzeren-moni", "yingji paper --exam zhuyao-fuzeren-moni --seed 7 --copies 3 --out 试卷"],
    "serve": ["yingji serve", "yingji serve --port 8100", "yingji serve --host 0.0.0.0    # 让同一网络的同事也能打开",
              "yingji serve --profile internal"],
    "urls": ["yingji urls", "yingji urls --save"],
    "schema": ["yingji schema"],
    "template": ["yingji template villages --township 南江镇", "yingji template questions --out 题库模板.xlsx"],
    "import-villages": ["yingji import-villages 南江镇-填报表.xlsx --dry-run", "yingji import-villages 南江镇-填报表.xlsx"],
    "export-villages": ["yingji export-villages --township 南江镇 --out 南江镇.xlsx"],
    "import-questions": ["yingji import-questions 题库.xlsx --topic anquan-shengchan-fa --dry-run",
                         "yingji import-questions 题库.xlsx --topic anquan-shengchan-fa"],
    "undo-import": ["yingji undo-import"],
    "export-questions": ["yingji export-questions --format moodle-xml --out 题库.xml",
                         "yingji export-questions --format xlsx --topic anquan-shengchan-fa --out 安全生产法.xlsx"],
    "import-law": ["yingji import-law 安全生产法.md --id anquan-shengchan-fa --articles 3,4,20-28"],
}
MAIN_EPILOG = """常用：
  yingji check              检查内容
  yingji serve              本地预览，保存后自动刷新
  yingji build              生成网站和 PDF（yingji build --no-pdf 只生成网站）
  yingji 命令 --help         某个命令的说明和示例

在项目文件夹（含 content/ 和 mkdocs.yml）或其中任何子文件夹里运行；在别处运行时用 --root 指明项目文件夹。"""


def _parser() -> ChineseParser:
    parser = ChineseParser(prog="yingji", description="应急管理知识与培训站生成器", epilog=MAIN_EPILOG)
    parser.add_argument("--root", type=Path, default=None, help="项目文件夹（含 content/ 和 mkdocs.yml）；默认从当前文件夹往上找")
    parser.add_argument("--version", action=VersionAction, version=version_text, help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    sub.add_parser("check", help="检查 content/ 和 quizzes/ 的全部内容").set_defaults(func=cmd_check)

    stats = sub.add_parser("stats", help="统计各类内容的数量和题库的均衡程度（对照 quizzes/patterns.yml 的目标）")
    stats.add_argument("--json", action="store_true", help="以 JSON 输出")
    stats.set_defaults(func=cmd_stats)

    build = sub.add_parser("build", help="生成网站（及 PDF）到 site/（内部版到 site-internal/）")
    build.add_argument("--site-dir", type=Path, default=None, help="输出目录，默认 site/（内部版默认 site-internal/，且不能是 site/）")
    build.add_argument(
        "--profile", choices=["public", "internal"], default="public",
        help="public（默认）隐去个人电话和姓名；internal 显示全部，只生成到自己的文件夹（.build-internal/、site-internal/）",
    )
    build.add_argument("--no-pdf", action="store_true", help="不生成 PDF（快；网站上没有下载页和打印版链接）")
    build.add_argument("--zip", action="store_true", help="另把网站打包成 输出/网站名-日期.zip（U 盘、微信传送用）")
    build.set_defaults(func=cmd_build)

    pack = sub.add_parser("pack", help="把已生成的网站打包成带日期的 .zip（U 盘、微信传送用，解压后打开 打开我.html）")
    pack.add_argument("--profile", choices=["public", "internal"], default="public",
                      help="public（默认）打包 site/；internal 打包 site-internal/，文件名和说明都标明“内部资料”")
    pack.add_argument("--site-dir", type=Path, default=None, help="要打包的网站文件夹，默认 site/（内部版 site-internal/）")
    pack.add_argument("--out", type=Path, default=None, help="压缩包放在哪个文件夹，默认项目中的 输出/")
    pack.set_defaults(func=cmd_pack)

    paper = sub.add_parser("paper", help="按考试方案抽题，生成试卷和答案 PDF（同一种子得到同一份试卷）")
    paper.add_argument("--exam", required=True, help="考试方案编号（quizzes/exams.yml 中的 id）")
    paper.add_argument("--seed", type=int, default=1, help="随机种子，默认 1；同一种子得到同一份试卷")
    paper.add_argument("--copies", type=int, default=1, help="生成几套不同的试卷，默认 1")
    paper.add_argument("--out", type=Path, default=None, help="输出文件夹，默认项目中的 输出/试卷/")
    paper.add_argument("--seal", action="store_true", help="在第一页左侧装订边印密封线，考生信息写在线内")
    paper.set_defaults(func=cmd_paper)

    serve = sub.add_parser("serve", help="本地预览：保存内容后约 1 秒，浏览器里的页面自动更新；错误直接显示在页面上")
    serve.add_argument("--port", type=int, default=8000, help="端口，默认 8000；被占用时自动换下一个空闲端口")
    serve.add_argument("--host", default="127.0.0.1", help="在哪个地址提供预览，默认 127.0.0.1（只有本机能看）；0.0.0.0：同一网络的同事也能打开")
    serve.add_argument("--profile", choices=["public", "internal"], default="public", help="internal：预览内部版（只在本机）")
    serve.add_argument("--no-pdf", action="store_true", help="预览时不在后台生成 PDF")
    serve.set_defaults(func=cmd_serve)

    urls = sub.add_parser("urls", help="列出网站发布的全部网址；--save 记入 content/addresses.yml（发布后运行）")
    urls.add_argument("--save", action="store_true", help="把当前网址记为已发布（以后删掉其中任何一个都要写明转到哪里）")
    urls.set_defaults(func=cmd_urls)

    schema = sub.add_parser("schema", help="导出内容文件的 JSON Schema（供编辑器自动补全）")
    schema.add_argument("--out", type=Path, default=None, help="输出文件夹，默认项目中的 schemas/")
    schema.set_defaults(func=cmd_schema)

    template = sub.add_parser("template", help="生成 Excel 填报模板：villages 一村一案，questions 题库")
    template.add_argument("kind", choices=["villages", "questions"], help="villages：一村一案填报表；questions：题库模板")
    template.add_argument("--out", type=Path, default=None, help="输出的 .xlsx 文件，默认写在项目中的 输出/ 文件夹")
    template.add_argument("--township", default=None, help="（villages）填入这个乡镇（名称或编号）现有的村（社区）数据，便于修改后重新导入")
    template.add_argument("--no-example", action="store_true", help="（villages）不写示例行")
    template.set_defaults(func=cmd_template)

    villages = sub.add_parser("import-villages", help="导入填好的一村一案填报表（.xlsx 或 CSV 文件夹）")
    villages.add_argument("source", type=Path, help="填好的 .xlsx 文件，或每个工作表一个 CSV 的文件夹")
    villages.add_argument("--township", default=None, help="乡镇名称或编号，如 南江镇 或 nanjiang-zhen（不填则按“基本情况”表的“乡镇”列）")
    villages.add_argument("--dry-run", action="store_true", help="只检查并列出改动，不写入")
    villages.add_argument("--allow-delete", action="store_true", help="允许删除表中没有、现有文件中有的村（社区）和条目")
    villages.set_defaults(func=cmd_import_villages)

    export_villages = sub.add_parser("export-villages", help="把现有一村一案导出为填报表（可修改后导回）")
    export_villages.add_argument("--township", default=None, help="只导出这个乡镇（名称或编号），默认全部")
    export_villages.add_argument("--out", type=Path, required=True, help="输出的 .xlsx 文件")
    export_villages.set_defaults(func=cmd_export_villages)

    questions = sub.add_parser("import-questions", help="从 Excel/CSV 导入试题：新编号添加、已有编号更新（有任何错误则不写入）")
    questions.add_argument("file", type=Path, help="题库文件 .xlsx 或 .csv")
    questions.add_argument("--topic", required=True, help="题库主题编号（quizzes/topics.yml 中的 id）")
    questions.add_argument("--out", type=Path, default=None, help="写入的 YAML 文件，默认 quizzes/<主题>.yml")
    questions.add_argument("--sheet", default=None, help="工作表名（工作簿有多个题库工作表时必填）")
    questions.add_argument("--replace", action="store_true", help="整个主题换成表中的题：表中没有的题会被删除")
    questions.add_argument("--dry-run", action="store_true", help="只检查并列出改动，不写入")
    questions.set_defaults(func=cmd_import_questions)

    undo_import = sub.add_parser("undo-import", help="撤销最近一次导入（import-villages、import-questions）")
    undo_import.add_argument("--force", action="store_true", help="导入后文件又被改过时也撤销（会丢掉那些改动）")
    undo_import.set_defaults(func=cmd_undo_import)

    export = sub.add_parser("export-questions", help="导出题库：Moodle XML、GIFT 或 Excel")
    export.add_argument("--format", required=True, choices=["moodle-xml", "gift", "xlsx"], help="格式：moodle-xml、gift 或 xlsx")
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
    return localize(parser, EXAMPLES)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        args.root = find_root(args.root)
    except ProjectNotFound as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
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
        from .importers.spreadsheet import SpreadsheetError
        from .pack import PackError
        from .print.engine import PrintError
        from .print.paper import PaperError
        from .workspace import WorkspaceError

        if isinstance(err, (BuildFailed, FileExistsError, PrintError, PaperError, SpreadsheetError, PackError, WorkspaceError)):
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
