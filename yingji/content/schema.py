"""JSON Schemas of the content models, so editors can autocomplete and check content files."""

from __future__ import annotations

import json
from pathlib import Path

from .kinds import KINDS


def schemas() -> dict[str, str]:
    """{file name: JSON text} for every content kind, deterministic."""
    out = {}
    for kind in KINDS:
        schema = kind.model.model_json_schema()
        schema["$id"] = f"{kind.name}.schema.json"
        schema["description"] = f"yingji 内容文件：{kind.folder}/{kind.pattern}"
        out[f"{kind.name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        path.write_text(text, "utf-8")
        written.append(path)
    return written
