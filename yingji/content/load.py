"""Stage 1: read every content file and check it against its model.

Nothing is written here. All problems of all files are collected, so the user sees
every mistake at once.
"""

from __future__ import annotations

import difflib
import gc
import json
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .kinds import FOLDERS, KINDS, ContentKind, kind_for
from ..diagnostics import Collector, Location, format_key_path
from .unparsed import FailedFile
from .yamlerrors import FULL_WIDTH_KEY
from .yamlsource import SourceDoc, SourceError, read_source


@dataclass(frozen=True)
class LoadedFile:
    kind: ContentKind
    doc: SourceDoc  # where each value is written, for cross-reference errors (the data is in model)
    model: BaseModel

    def location(self, *path) -> Location:
        return self.doc.location(tuple(path))


def find_content_files(root: Path) -> list[tuple[str, str, Path]]:
    """(folder, path inside folder, absolute path) of every YAML file, in a stable order."""
    found = []
    for folder in FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix in (".yml", ".yaml") and path.is_file():
                found.append((folder, path.relative_to(base).as_posix(), path))
    return found


@contextmanager
def _cyclic_gc_paused():
    """Parsing a county creates ~10^6 small objects and no reference cycles (refcounting frees
    them); the cyclic collector's repeated passes over them took longer than the parsing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_all(root: Path, collector: Collector) -> list[LoadedFile]:
    return load_project(root, collector)[0]


def load_project(root: Path, collector: Collector) -> tuple[list[LoadedFile], list[FailedFile]]:
    """Every content file: those that loaded, and those with format errors (reported to
    `collector`), whose ids the cross-reference checks must not call dangling."""
    with _cyclic_gc_paused():
        return _load_all(root, collector)


def _load_all(root: Path, collector: Collector) -> tuple[list[LoadedFile], list[FailedFile]]:
    loaded: list[LoadedFile] = []
    failed: list[FailedFile] = []
    for folder, inner, path in find_content_files(root):
        display = f"{folder}/{inner}"
        kind = kind_for(folder, inner)
        if path.suffix == ".yaml":
            collector.error(Location(display, 1, 1), "", "内容文件请用 .yml 扩展名")
        elif kind is None:
            collector.error(Location(display, 1, 1), "", "不认识的内容文件：不在约定的位置（见 README 的“内容格式”）")
        else:
            result = _load(path, display, kind, collector)
            (loaded if isinstance(result, LoadedFile) else failed).append(result)
    _require(root, loaded, collector)
    return loaded, failed


def _require(root: Path, loaded: list[LoadedFile], collector: Collector) -> None:
    present = {item.kind.name for item in loaded}
    for kind in KINDS:
        wanted = root / kind.folder / kind.pattern
        if kind.required and kind.name not in present and not wanted.exists():
            collector.error(Location(f"{kind.folder}/{kind.pattern}"), "", "缺少这个必需的内容文件")


def load_file(path: Path, display: str, kind: ContentKind, collector: Collector) -> LoadedFile | None:
    result = _load(path, display, kind, collector)
    return result if isinstance(result, LoadedFile) else None


def _load(path: Path, display: str, kind: ContentKind, collector: Collector) -> LoadedFile | FailedFile:
    try:
        doc = read_source(path, display)
    except SourceError as err:
        collector.problems.append(err.problem)
        return FailedFile(kind.name, display)
    try:
        model = kind.model.model_validate(doc.data)
    except ValidationError as err:
        report_validation(err, doc, kind.model, collector)
        return FailedFile(kind.name, display, doc.data)
    return LoadedFile(kind, replace(doc, data=None), model)  # the raw data twice would double the memory


def report_validation(err: ValidationError, doc: SourceDoc, model: type[BaseModel], collector: Collector) -> None:
    """Every error of one file, once: a misspelt key is reported as unknown (with the key it
    should be), not also as the required field that is therefore missing."""
    errors = err.errors()
    misspelt = set()
    for item in errors:
        if item["type"] == "extra_forbidden":
            path = tuple(item["loc"])
            meant = _suggestion(path, model)
            if meant:
                misspelt.add(path[:-1] + (meant,))
    missing: dict[tuple, list[str]] = {}  # parent path -> the required fields it lacks
    for item in errors:
        path = tuple(item["loc"])
        if item["type"] != "missing":
            _report(item, doc, model, collector)
        elif path not in misspelt:
            missing.setdefault(path[:-1], []).append(str(path[-1]))
    for parent, names in missing.items():  # a half-deleted entry: one message, not one per field
        path = parent + (names[0],) if len(names) == 1 else parent
        fields = "、".join(f"“{name}”" for name in names)
        collector.error(doc.location(path), format_key_path(path), f"缺少必填字段{fields}")


def _report(error: dict, doc: SourceDoc, model: type[BaseModel], collector: Collector) -> None:
    path = tuple(error["loc"])
    if error["type"] == "extra_forbidden":
        location = doc.location(path, key=True)
    else:
        location = doc.location(path)
    collector.error(location, format_key_path(path), explain(error, path, model))


def _shown(value: object) -> str:
    if isinstance(value, str):
        return "“" + value + "”"
    if isinstance(value, (dict, list)):
        kind = "键值映射" if isinstance(value, dict) else "列表"
        return f"一个{kind}"
    return json.dumps(value, ensure_ascii=False, default=str)


_SIMPLE = {
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（每项以“- ”开头）",
    "dict_type": "应为键值映射（“键: 值”）",
    "model_type": "应为键值映射（“键: 值”）",
    "model_attributes_type": "应为键值映射（“键: 值”）",
    "none_required": "应为空",
}


def explain(error: dict, path: tuple, model: type[BaseModel]) -> str:
    """A pydantic error in plain Chinese."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return f"缺少必填字段“{path[-1]}”" if path else "缺少必填字段"
    if kind == "extra_forbidden":
        return _unknown_key(path, model)
    if kind in _SIMPLE:
        return f"{_SIMPLE[kind]}，实际为 {_shown(value)}" + _full_width_hint(value)
    if kind == "literal_error":
        return f"应为以下之一：{ctx.get('expected', '').replace(' or ', '、').replace(', ', '、')}，实际为 {_shown(value)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        limit = next(iter(ctx.values()), "")
        words = {"greater_than": "大于", "greater_than_equal": "不小于", "less_than": "小于", "less_than_equal": "不大于"}
        return f"应{words[kind]} {limit}，实际为 {_shown(value)}"
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length')} 项"
    if kind == "too_long":
        return f"最多 {ctx.get('max_length')} 项"
    if kind in ("value_error", "assertion_error"):
        return str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    message = str(error["msg"])
    if _has_chinese(message):
        return message  # our own PydanticCustomError: already in Chinese
    return f"内容不符合要求（{message}）"


def _full_width_hint(value: object) -> str:
    """`- name：甲` is text to YAML: say why a mapping became text."""
    if isinstance(value, str) and FULL_WIDTH_KEY.match(value):
        return "（“：”是全角冒号，键和值之间应写半角冒号加空格“: ”）"
    return ""


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _unknown_key(path: tuple, model: type[BaseModel]) -> str:
    message = f"未知字段“{path[-1]}”（可能是拼写错误）"
    hint = _suggestion(path, model)
    if hint:
        return message + f"，是否应为“{hint}”？"
    allowed = _allowed_keys(model, path[:-1])
    return message + (f"；可用的字段：{'、'.join(allowed)}" if allowed else "")


def _suggestion(path: tuple, model: type[BaseModel]) -> str | None:
    """The field an unknown key at `path` probably meant, if one is close enough."""
    hint = difflib.get_close_matches(str(path[-1]), _allowed_keys(model, path[:-1]), n=1, cutoff=0.6)
    return hint[0] if hint else None


def _allowed_keys(model: type[BaseModel], path: tuple) -> list[str]:
    """The field names of the (nested) model that `path` points into."""
    current = model
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        field = fields.get(part) or next((f for f in fields.values() if f.alias == part), None)
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return [info.alias or name for name, info in getattr(current, "model_fields", {}).items()]


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
