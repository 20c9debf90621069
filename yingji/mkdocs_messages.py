"""mkdocs speaks English and says a lot: keep what a clerk must act on, in Chinese.

mkdocs' INFO lines (among them a list of every page not in the navigation: ~270 lines for the
default content) are dropped; warnings and errors — which make `mkdocs build --strict` fail —
are kept, and the usual ones (a link to a missing page or anchor) are said in Chinese.
Used for the output of the `mkdocs build` subprocess (build.py) and for the preview's
in-process build (preview/site.py).
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

_TRANSLATIONS = [
    (re.compile(r"Doc file '(?P<page>[^']*)' contains a link '(?P<link>[^']*)', but the target(?: '(?P<target>[^']*)')? "
                r"is not found among documentation files\.(?: Did you mean '(?P<hint>[^']*)'\?)?"),
     "页面 {page} 链接到 {link}，但网站中没有{target_}这个文件{hint_}"),
    (re.compile(r"Doc file '(?P<page>[^']*)' contains a link '(?P<link>[^']*)', but the doc '(?P<doc>[^']*)' "
                r"does not contain an anchor '(?P<anchor>[^']*)'\.?.*"),
     "页面 {page} 链接到 {link}，但 {doc} 中没有锚点 {anchor}"),
    (re.compile(r"Doc file '(?P<page>[^']*)' contains an unrecognized relative link '(?P<link>[^']*)', it was left as is\."
                r"(?: Did you mean '(?P<hint>[^']*)'\?)?"),
     "页面 {page} 中的链接 {link} 指向的不是文件，原样保留{hint_}"),
    (re.compile(r"Doc file '(?P<page>[^']*)' contains an absolute link '(?P<link>[^']*)', it was left as is\.(?: Did you mean '(?P<hint>[^']*)'\?)?"),
     "页面 {page} 中的链接 {link} 是绝对路径，原样保留{hint_}"),
    (re.compile(r"Excluding '(?P<a>[^']*)' from the site because it conflicts with '(?P<b>[^']*)'\."),
     "{a} 与 {b} 会生成同一个网页，已略去 {a}"),
    (re.compile(r"Error reading page '(?P<page>[^']*)':(?P<rest>.*)"), "读取页面 {page} 出错：{rest}"),
    (re.compile(r"Error building page '(?P<page>[^']*)':(?P<rest>.*)"), "生成页面 {page} 出错：{rest}"),
    (re.compile(r"Aborted with (?P<n>\d+) warnings? in strict mode!"), "有 {n} 条警告，严格模式下停止生成"),
    (re.compile(r"Aborted with a BuildError!"), "生成出错，已停止"),
    (re.compile(r"Config value '(?P<key>[^']*)': (?P<rest>.*)"), "mkdocs.yml 的 {key} 设置有误：{rest}"),
]
_LEVELS = re.compile(r"^(INFO|WARNING|ERROR|DEBUG|CRITICAL)\s+-\s+(.*)$")


def translate(message: str) -> str:
    """One mkdocs message in Chinese (the usual ones), else marked as mkdocs' own words."""
    message = message.strip()
    for pattern, template in _TRANSLATIONS:
        match = pattern.fullmatch(message)
        if match:
            parts = {key: (value or "").strip() for key, value in match.groupdict().items()}
            parts["target_"] = f" {parts['target']} " if parts.get("target") else ""
            parts["hint_"] = f"（是不是要链接 {parts['hint']}？）" if parts.get("hint") else ""
            return template.format(**parts)
    return f"mkdocs：{message}"


def essential_lines(output: str) -> list[str]:
    """From `mkdocs build` output: its warnings and errors in Chinese, without INFO and lists.

    Lines mkdocs did not mark with a level (a Python traceback, a plugin's print) are kept
    as they are: they may be the only clue."""
    kept, level = [], None
    for line in output.splitlines():
        match = _LEVELS.match(line)
        if match:
            level = match.group(1)
            if level in ("WARNING", "ERROR", "CRITICAL"):
                kept.append(translate(match.group(2)))
        elif not line.strip():
            continue
        elif line.startswith(("  ", "\t")) and level is not None:
            if level in ("WARNING", "ERROR", "CRITICAL"):
                kept.append(line)
        else:
            level = None
            kept.append(translate(line) if line.startswith("Aborted") else line)
    return kept


@dataclass
class Captured:
    warnings: list[str] = field(default_factory=list)  # what makes `mkdocs build --strict` fail
    errors: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self, captured: Captured, ignore):
        super().__init__(logging.WARNING)
        self.captured, self.ignore = captured, ignore

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if self.ignore(message):
            return
        text = translate(message)
        (self.captured.errors if record.levelno >= logging.ERROR else self.captured.warnings).append(text)


@contextmanager
def capture_mkdocs_log(ignore=lambda message: False):
    """While mkdocs runs in this process: its warnings and errors collected (in Chinese),
    nothing printed; `ignore(message)` drops the messages that do not apply."""
    logger = logging.getLogger("mkdocs")
    captured = Captured()
    handler = _Collect(captured, ignore)
    saved = logger.level, logger.propagate, logger.handlers[:]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.handlers = [handler]
    try:
        yield captured
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]
