"""argparse in Chinese: help, usage and every error a user can run into.

argparse writes its own words through gettext (`usage:`, `options`, `invalid choice` …): they
are translated here (importing this module installs the translation for the process, which
is the `yingji` command). Option values get Chinese placeholders (`--port 端口`, not PORT),
each command gets its description and examples, and a usage error says how to get help.
"""

from __future__ import annotations

import argparse
import difflib
import gettext
import re
import sys
import unicodedata

_ARGPARSE = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "the following arguments are required: %s": "缺少必填的参数：%s",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "expected one argument": "后面要写一个值",
    "expected at most one argument": "后面最多写一个值",
    "expected at least one argument": "后面至少要写一个值",
    "expected %s argument": "后面要写 %s 个值",
    "expected %s arguments": "后面要写 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "多余的选项：%s",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的%(type)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r 不是可选的值（可选：%(choices)s）",
    "not allowed with argument %s": "不能与 %s 同用",
    "ignored explicit argument %r": "这个选项后面不写值（多了 %r）",
    "can't open '%(filename)s': %(error)s": "无法打开 %(filename)s：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有 %(parser_name)r 这个命令（可用：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "option '%(option)s' is deprecated": "选项 %(option)s 已停用",
    "argument '%(argument_name)s' is deprecated": "参数 %(argument_name)s 已停用",
    "command '%(parser_name)s' is deprecated": "命令 %(parser_name)s 已停用",
    "show program's version number and exit": "显示版本号并退出",
}
_TYPE_NAMES = {"int": "整数", "float": "数字", "Path": "路径", "str": "文字"}

# Placeholders of option values (argparse would print the option's name in capitals).
METAVARS = {
    "root": "项目文件夹", "site_dir": "文件夹", "out": "路径", "port": "端口", "host": "地址",
    "exam": "考试编号", "seed": "种子", "copies": "套数", "township": "乡镇", "topic": "主题",
    "sheet": "工作表", "source": "文件或文件夹", "file": "文件", "id": "法规编号", "articles": "条号",
}
OTHER_VALUE = "值"


def _translate(message: str) -> str:
    return _ARGPARSE.get(message, gettext.gettext(message))


def _translate_plural(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


def install() -> None:
    """Route argparse's own messages through the Chinese table (this process only)."""
    argparse._ = _translate
    argparse.ngettext = _translate_plural


install()


def width(text: str) -> int:
    """Columns `text` takes in a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class ChineseFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples as written (line breaks kept); Chinese value placeholders;
    columns lined up and help wrapped by the width Chinese characters really take."""

    def _get_default_metavar_for_optional(self, action):
        return METAVARS.get(action.dest, OTHER_VALUE)

    def _get_default_metavar_for_positional(self, action):
        return METAVARS.get(action.dest, OTHER_VALUE)

    def add_argument(self, action):
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            shown = [self._format_action_invocation(action)]
            shown += [self._format_action_invocation(sub) for sub in self._iter_indented_subactions(action)]
            self._action_max_length = max(self._action_max_length, max(map(width, shown)) + self._current_indent)

    def _format_action(self, action):
        """argparse's layout of one option, padded by display width."""
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        header = self._format_action_invocation(action)
        indent = " " * self._current_indent
        if not action.help:
            parts, first = [f"{indent}{header}\n"], None
        elif width(header) <= help_position - self._current_indent - 2:
            parts, first = [f"{indent}{header}{' ' * (help_position - self._current_indent - width(header))}"], 0
        else:
            parts, first = [f"{indent}{header}\n"], help_position
        if action.help and action.help.strip():
            lines = self._split_lines(self._expand_help(action), help_width) or [""]
            parts.append(" " * first + lines[0] + "\n")
            parts += [" " * help_position + line + "\n" for line in lines[1:]]
        elif not parts[0].endswith("\n"):
            parts.append("\n")
        parts += [self._format_action(sub) for sub in self._iter_indented_subactions(action)]
        return self._join_parts(parts)

    def _split_lines(self, text, columns):
        """Wrap at `columns` display columns; Chinese may break between any two characters."""
        lines, line = [], ""
        for token in re.findall(r"[A-Za-z0-9_\-./<>{}%,=:#'\"]+|\s+|.", " ".join(text.split())):
            if width(line + token) > columns and line.strip():
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        return lines + ([line.rstrip()] if line.strip() else [])


class ChineseParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        message = re.sub(r"不是有效的(\w+)", lambda m: f"不是有效的{_TYPE_NAMES.get(m.group(1), '值')}", message)
        self.print_usage(sys.stderr)
        print(f"{self.prog}：错误：{message}", file=sys.stderr)
        print(f"运行 {self.prog} --help 查看说明和示例。", file=sys.stderr)
        self.exit(2)

    def parse_args(self, args=None, namespace=None):
        """As argparse, but an unknown option is reported by the command it was given to
        (with that command's usage), not by `yingji` itself."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            chosen = [sub.choices.get(getattr(parsed, sub.dest, None)) for sub in _subparsers(self)]
            parser = next((p for p in chosen if p is not None), self)
            parser.error(_translate("unrecognized arguments: %s") % " ".join(extras))
        return parsed

    def _check_value(self, action, value):
        """An unknown command: say so plainly, with the closest command and the list."""
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            names = list(action.choices)
            close = difflib.get_close_matches(value, names, n=1)
            hint = f"是不是 {close[0]}？" if close else ""
            raise argparse.ArgumentError(None, f"没有 {value} 这个命令。{hint}可用的命令：{'、'.join(names)}")
        super()._check_value(action, value)


class VersionAction(argparse.Action):
    """`--version`: yingji's version and those of the tools that decide the output."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None, version=None):
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)
        self.version = version

    def __call__(self, parser, namespace, values, option_string=None):
        print(self.version())
        parser.exit()


def localize(parser: argparse.ArgumentParser, examples: dict[str, list[str]]) -> argparse.ArgumentParser:
    """Give every command its description (its one-line help, when it has none) and its
    examples; give positional arguments their Chinese names (argparse names them in errors)."""
    for action in _all_actions(parser):
        if not action.option_strings and action.metavar is None and not isinstance(action, argparse._SubParsersAction):
            choices = "{" + ",".join(map(str, action.choices)) + "}" if action.choices else None
            action.metavar = choices or METAVARS.get(action.dest, OTHER_VALUE)
    for sub in _subparsers(parser):
        helps = {choice.dest: choice.help for choice in sub._choices_actions}
        for name, command in sub.choices.items():
            command.description = command.description or helps.get(name)
            lines = examples.get(name)
            if lines and not command.epilog:
                command.epilog = "示例：\n" + "\n".join(f"  {line}" for line in lines)
    return parser


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse._SubParsersAction]:
    return [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]


def _all_actions(parser: argparse.ArgumentParser):
    yield from parser._actions
    for sub in _subparsers(parser):
        for command in sub.choices.values():
            yield from _all_actions(command)
