"""What the files that failed to load might define, so that references into them stay quiet.

A file with a format error (YAML syntax, or a field its model rejects) is reported once, with
its own errors; the other files are still cross-checked. A reference into the broken file must
then not be reported as dangling: one typo in units.yml would otherwise turn every unit
reference of plan.yml into an error. The ids a broken file holds are read from its raw data
where the YAML parsed; where it did not (or the structure is too damaged to tell), every id of
the kinds that file defines is taken as possibly defined.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Content kind -> (key path to an id, the id's kind); "*" walks every item of a list.
ID_PATHS: dict[str, tuple[tuple[tuple, str], ...]] = {
    "plan": (
        (("id",), "plan"),
        (("goals", "indicators", "*", "id"), "indicator"),
        (("sections", "*", "id"), "section"),
        (("sections", "*", "tasks", "*", "id"), "task"),
        (("sections", "*", "tasks", "*", "targets", "*", "id"), "target"),
    ),
    "units": ((("units", "*", "id"), "unit"),),
    "law": ((("id",), "law"),),  # articles: see _law_ids
    "glossary": ((("terms", "*", "id"), "term"),),
    "topics": ((("topics", "*", "id"), "topic"),),
    "exams": ((("exams", "*", "id"), "exam"),),
    "questions": ((("questions", "*", "id"), "question"),),
    "townships": ((("townships", "*", "id"), "township"),),
    "plans": ((("plans", "*", "id"), "contingency_plan"),),
    "village": ((("id",), "village"),),
}


@dataclass(frozen=True)
class FailedFile:
    """A content file that did not load: its kind, its name and its raw data (None when the
    YAML itself could not be read)."""

    kind: str
    file: str
    data: object = None


class _Damaged(Exception):
    """The raw data does not have the shape the ids are looked for in."""


@dataclass
class Unknowns:
    """Ids that files which failed to load may define."""

    ids: dict[str, set[str]] = field(default_factory=dict)  # kind -> ids seen in broken files
    whole_kinds: set[str] = field(default_factory=set)  # kinds of which any id may exist
    prefixes: dict[str, set[str]] = field(default_factory=dict)  # kind -> id prefixes ("law#")

    @classmethod
    def of(cls, failed) -> Unknowns:
        unknowns = cls()
        for item in failed:
            unknowns._add(item)
        return unknowns

    def covers(self, kinds: tuple[str, ...], ref: str) -> bool:
        """Whether `ref` (of one of `kinds`) may be defined in a file that failed to load."""
        return any(
            kind in self.whole_kinds
            or ref in self.ids.get(kind, ())
            or any(ref.startswith(prefix) for prefix in self.prefixes.get(kind, ()))
            for kind in kinds
        )

    def seen(self, kinds: tuple[str, ...]) -> set[str]:
        """The ids of these kinds read from files that failed to load (for did-you-mean hints)."""
        return set().union(*(self.ids.get(kind, set()) for kind in kinds))

    def _add(self, item: FailedFile) -> None:
        paths = ID_PATHS.get(item.kind, ())
        if item.kind in ONE_PER_FILE:  # named after its file: known even when unreadable
            self._add_named(item.kind, item.file.rsplit("/", 1)[-1].removesuffix(".yml"))
        try:
            found = [(kind, _walk(item.data, path)) for path, kind in paths] if item.data is not None else None
        except _Damaged:
            found = None
        if found is None:
            if item.kind not in ONE_PER_FILE:
                self.whole_kinds.update(kind for _, kind in paths)
            return
        for kind, ids in found:
            for entity_id in ids:
                self._add_named(kind, entity_id)

    def _add_named(self, kind: str, entity_id: str) -> None:
        self.ids.setdefault(kind, set()).add(entity_id)
        if kind == "law":  # its articles are law-id#aN, whatever numbers the file holds
            self.prefixes.setdefault("article", set()).add(entity_id + "#")


ONE_PER_FILE = ("law", "village")


def _walk(data: object, path: tuple, top: bool = True) -> set[str]:
    """The ids found at `path` in raw data; _Damaged when the shape is not the expected one
    (a file's own list missing, perhaps misspelt, counts as damaged; a nested one left out
    — a task without targets — defines nothing)."""
    if not path:
        if not isinstance(data, (str, int)) or isinstance(data, bool):
            raise _Damaged
        return {str(data)}
    head, rest = path[0], path[1:]
    if head == "*":
        if not isinstance(data, list):
            raise _Damaged
        return set().union(*(_walk(item, rest, False) for item in data))
    if not isinstance(data, dict):
        raise _Damaged
    if head not in data:
        if rest and rest[0] == "*" and not top:
            return set()
        raise _Damaged
    return _walk(data[head], rest, False)
