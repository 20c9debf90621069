"""Read one YAML file into plain data, remembering where every value came from.

The rules are chosen so that content written by county staff holds no surprises:
only `true`/`false` are booleans (`no`, `yes`, `on` stay text), dates stay text until
the models check them (so `2023-13-45` is a clear error, not a crash), duplicate keys
are errors, and every value keeps its file:line:col.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..diagnostics import Location, Problem, format_key_path
from .yamlerrors import control_character, explain_syntax


class _ContentLoader(yaml.SafeLoader):
    """SafeLoader with YAML-1.2-like scalars: no yes/no booleans, no octal or sexagesimal
    numbers (so 0730… and 12:30 stay text), no implicit timestamps."""


_REPLACED = {"tag:yaml.org,2002:" + name for name in ("bool", "int", "float", "timestamp")}
_ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _REPLACED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$"),
    list("-+.0123456789"),
)

# libyaml's parser, when PyYAML has it, for files that parse: the pure-Python parser took 3.6 s
# for the default content's 80 village and plan files (a 500-village county ~30 s). A file that
# fails is parsed again by the Python parser, whose error messages are the ones translated below.
_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        yaml_implicit_resolvers = _ContentLoader.yaml_implicit_resolvers

        def resolve(self, kind, value, implicit):
            """PyYAML's resolve without path resolvers (we use none): called for every node,
            it was 40% of loading a 500-village county."""
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                        if regexp.match(value):
                            return tag
                return _STR_TAG
            return _SEQ_TAG if kind is SequenceNode else _MAP_TAG


_MERGE = "tag:yaml.org,2002:merge"
_STR_TAG, _SEQ_TAG, _MAP_TAG = ("tag:yaml.org,2002:" + name for name in ("str", "seq", "map"))

Path_ = tuple  # a key path such as ('tasks', 3, 'units', 0)


@dataclass
class SourceDoc:
    """One parsed YAML file: its data, and its text to tell where a key or value is written.

    Positions are looked up only when a message needs one, in a node tree composed again from the
    text then: recording a position for every value up front was a third of the load time of a
    large county, and keeping every file's node tree (about 45 bytes per byte of YAML) took
    250 MB for a county of 500 villages with their households.
    """

    file: str
    data: object
    text: str | None = None
    _root: Node | None = field(default=None, init=False, repr=False, compare=False)

    def location(self, path: Path_, *, key: bool = False) -> Location:
        """Where `path` is written (its key, if `key`); falls back to the nearest enclosing value."""
        node = self._node_tree()
        if node is None:
            return Location(self.file, 1, 1)
        for depth, part in enumerate(path):
            child, key_node = _child(node, part)
            if child is None:
                break
            if key and key_node is not None and depth == len(path) - 1:
                return Location(self.file, *_mark(key_node))
            node = child
        return Location(self.file, *_mark(node))

    def _node_tree(self) -> Node | None:
        if self._root is None and self.text is not None:
            self._root = _compose_text(self.text, self.file)[0]
        return self._root


def _child(node: Node, part) -> tuple[Node | None, Node | None]:
    """(value node, key node) of `part` inside a mapping or sequence node, or (None, None)."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and _key_text(key_node) == part:
                return value_node, key_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], None
    return None, None


class SourceError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.format())


def _fail(file: str, line: int, col: int, message: str, key_path: str = "") -> SourceError:
    return SourceError(Problem(Location(file, line, col), key_path, message))


def _decode(raw: bytes, file: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise _fail(file, line, col, "文件不是 UTF-8 编码（请在编辑器中另存为 UTF-8）") from None
    return text.removeprefix("\ufeff")


# The preview re-reads the whole content on every save; it keeps each file's parse for as
# long as the file's bytes stay the same (None: off, as in every other command: the importers
# change the data they read).
_remembered: dict[tuple[str, str], tuple[bytes, SourceDoc]] | None = None


def remember_sources() -> None:
    """From now on, parse a file again only when its bytes changed (`yingji serve`)."""
    global _remembered
    if _remembered is None:
        _remembered = {}


def read_source(path: Path, display_name: str) -> SourceDoc:
    """Parse `path`; raise SourceError (with a Chinese message) if it is not usable YAML."""
    raw = path.read_bytes()
    key = (str(path), display_name)
    if _remembered is not None and key in _remembered and _remembered[key][0] == raw:
        return _remembered[key][1]
    doc = _parse(raw, display_name)
    if _remembered is not None:
        _remembered[key] = (raw, doc)
    return doc


def _parse(raw: bytes, display_name: str) -> SourceDoc:
    text = _decode(raw, display_name)
    damaged = control_character(text)
    if damaged:
        raise _fail(display_name, damaged.line, damaged.col, damaged.message)
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise _fail(display_name, 1, 1, "文件为空")
    node, loader = _compose_text(text, display_name)
    if node is None:
        raise _fail(display_name, 1, 1, "文件为空")
    return SourceDoc(display_name, _convert(node, (), display_name, loader), text)


def _compose_text(text: str, display_name: str):
    """(node tree, the loader that made it) of `text`, with libyaml when it is there."""
    node, loader = _compose_fast(text)
    if loader is None:
        node, loader = _compose(text, display_name)
    return node, loader


def _compose_fast(text: str):
    """(node, loader) with libyaml, or (None, None) when it is missing or the text does not parse."""
    if _FastLoader is None:
        return None, None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node(), loader
    except yaml.YAMLError:
        return None, None
    finally:
        loader.dispose()


def _compose(text: str, display_name: str):
    loader = _ContentLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as err:
        found = explain_syntax(err, text, _ContentLoader)
        raise _fail(display_name, found.line, found.col, found.message) from None
    finally:
        loader.dispose()
    return node, loader


_STR = "tag:yaml.org,2002:str"


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node: Node, path: Path_, file: str, loader: _ContentLoader):
    if isinstance(node, MappingNode):
        return _convert_mapping(node, path, file, loader)
    if isinstance(node, SequenceNode):
        return [_convert(child, path + (i,), file, loader) for i, child in enumerate(node.value)]
    if isinstance(node, ScalarNode):
        return _scalar(node, file)
    raise _fail(file, *_mark(node), "无法识别的 YAML 结构")


_INT, _FLOAT, _BOOL, _NULL = ("tag:yaml.org,2002:" + name for name in ("int", "float", "bool", "null"))


def _scalar(node: ScalarNode, file: str):
    """The value of a scalar for the tags our resolvers produce (and their explicit !!forms)."""
    tag, value = node.tag, node.value
    if tag == _STR:
        return value
    try:
        if tag == _INT:
            return int(value)
        if tag == _FLOAT:
            return float(value)
    except ValueError:
        raise _fail(file, *_mark(node), f"无法识别的值：“{value}”") from None
    if tag == _BOOL and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if tag == _NULL:
        return None
    raise _fail(file, *_mark(node), f"无法识别的值：“{value}”（不支持 YAML 标签 {tag}；如果是普通文字，请给整个值加引号）")


def _key_text(key_node: ScalarNode) -> str:
    """A mapping key as the data holds it: always text."""
    return key_node.value if key_node.tag == _STR else str(_scalar(key_node, ""))


def _convert_mapping(node: MappingNode, path: Path_, file: str, loader: _ContentLoader) -> dict:
    if any(key.tag == _MERGE for key, _ in node.value):
        loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
    result: dict = {}
    first_seen: dict[str, Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise _fail(file, *_mark(key_node), "键名不能是列表或映射")
        key = _key_text(key_node)
        if key in first_seen:
            first = _mark(first_seen[key])[0]
            raise _fail(file, *_mark(key_node), f"键“{key}”重复（第一次出现在第 {first} 行）", format_key_path(path + (key,)))
        first_seen[key] = key_node
        result[key] = _convert(value_node, path + (key,), file, loader)
    return result
