"""The committed JSON Schemas (for editor autocompletion) match the models."""

from __future__ import annotations

from pathlib import Path

from yingji.content.schema import schemas

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def test_committed_schemas_are_up_to_date():
    expected = schemas()
    committed = {path.name: path.read_text("utf-8") for path in SCHEMAS.glob("*.schema.json")}
    stale = sorted(name for name in expected if committed.get(name) != expected[name])
    extra = sorted(set(committed) - set(expected))
    assert not stale and not extra, f"run `make schemas` (stale: {stale}, extra: {extra})"
