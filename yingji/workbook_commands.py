"""The workbook and file commands of `yingji`: template, import-villages, export-villages,
import-questions, export-questions, undo-import and import-law (cli.py parses the command line).

Each prints what it changes in Chinese and returns an exit code as cli.py describes; the work
itself is in yingji/importers/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .diagnostics import ContentError
from .project import OUTPUT_FOLDER, shown_path


def cmd_import_law(args) -> int:
    from .importers.law_import import run

    return run(args)


def _villages_of(knowledge, township: str | None):
    """The villages of a township given by name or id (all when None); None if there is no such township."""
    from .importers.village_import import find_township, township_list

    if not township:
        return list(knowledge.villages.values())
    found = find_township(knowledge.townships, township)
    if found is None:
        print(f"错误：没有叫“{township}”的乡镇；可用：{township_list(knowledge.townships)}", file=sys.stderr)
        return None
    return knowledge.villages_of(found.id)


def _template_villages(args) -> int:
    from .content import load_knowledge
    from .importers.village_sheet import write_workbook

    try:
        knowledge, _ = load_knowledge(args.root)
    except ContentError:
        if args.township:
            raise
        knowledge = None  # an empty template needs no valid content: it just lists no townships
    villages = _villages_of(knowledge, args.township) if args.township else []
    if villages is None:
        return 1
    out = args.out or _output(args.root, f"{args.township or '一村一案'}-填报表.xlsx")
    write_workbook(out, villages, example=not args.no_example, townships=list(knowledge.townships.values()) if knowledge else [])
    filled = f"，已填入 {len(villages)} 个村（社区）的现有数据" if villages else ""
    print(f"已生成填报表：{shown_path(out)}{filled}")
    return 0


def cmd_export_villages(args) -> int:
    from .content import load_knowledge
    from .importers.village_sheet import write_workbook

    knowledge, _ = load_knowledge(args.root)
    villages = _villages_of(knowledge, args.township)
    if villages is None:
        return 1
    write_workbook(args.out, villages, example=False, townships=list(knowledge.townships.values()))
    print(f"已导出 {len(villages)} 个村（社区）的一村一案到 {args.out}（可修改后用 yingji import-villages 导回）")
    return 0


def _carry_out(args, plan, command: str, delete_flag: str | None) -> int:
    """Print what the import changes; then refuse, stop (--dry-run) or write with a backup."""
    from .importers.changes import apply, relative_name

    print(f"{command} 的改动：")
    for line in plan.summary():
        print(f"  {line}")
    removals = plan.removals()
    if removals and delete_flag:
        print(f"表中没有、现有文件中有的 {len(removals)} 项内容会被删除：", file=sys.stderr)
        for item in removals:
            print(f"  {item}", file=sys.stderr)
        print(f"确要删除请加 {delete_flag}；未写入任何文件。", file=sys.stderr)
        return 1
    if args.dry_run:
        print("检查通过（--dry-run：以上改动未写入任何文件）")
        return 0
    backup = apply(args.root, plan, command)
    for change in plan.changes:
        verb = "已删除" if change.text is None else "已写入"
        print(f"{verb} {relative_name(change.path, args.root)}")
    if backup is not None:
        print(f"导入前的文件已备份到 {relative_name(backup, args.root)}/；撤销这次导入：yingji undo-import")
    return 0


def cmd_import_villages(args) -> int:
    from .importers.village_import import import_villages

    plan = import_villages(args.root, args.source.resolve(), args.township)
    command = f"import-villages {args.source.name}" + (f" --township {args.township}" if args.township else "")
    return _carry_out(args, plan, command, None if args.allow_delete else "--allow-delete")


def cmd_import_questions(args) -> int:
    from .importers.question_import import import_questions

    problems, plan, notes = import_questions(args.root, args.file, args.topic, args.out, args.sheet, replace=args.replace)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"发现 {len(problems)} 处错误，未写入任何文件。", file=sys.stderr)
        return 1
    for note in notes:
        print(note)
    command = f"import-questions {args.file.name} --topic {args.topic}" + (" --replace" if args.replace else "")
    return _carry_out(args, plan, command, None)


def cmd_undo_import(args) -> int:
    from .importers.changes import UndoError, undo

    try:
        manifest, done = undo(args.root, force=args.force)
    except UndoError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 1
    print(f"撤销导入：{manifest['command']}（{manifest['time']}）")
    for line in done:
        print(f"  {line}")
    print(f"已撤销，共恢复 {len(done)} 个文件。")
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

    out = args.out or _output(args.root, "题库模板.xlsx")
    write_template(out)
    print(f"已生成空白题库模板：{shown_path(out)}（含表头、一行示例和下拉选项；“填写说明”工作表说明各列）")
    return 0


def cmd_template(args) -> int:
    return _template_villages(args) if args.kind == "villages" else _template_questions(args)


def _output(root: Path, name: str) -> Path:
    """Where a command writes a file when no --out is given: the project's 输出/ folder."""
    (root / OUTPUT_FOLDER).mkdir(exist_ok=True)
    return root / OUTPUT_FOLDER / name
