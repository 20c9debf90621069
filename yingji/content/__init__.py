"""Load and validate a whole project: content/ and quizzes/ → Knowledge (or every error)."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Collector, ContentError, Problem
from .knowledge import Knowledge
from .load import load_all
from .refs import build_knowledge


def load_knowledge(root: Path) -> tuple[Knowledge, list[Problem]]:
    """The validated knowledge and the warnings; raises ContentError listing every error."""
    collector = Collector()
    loaded = load_all(root, collector)
    knowledge = build_knowledge(loaded, collector) if not collector.errors else None
    collector.raise_if_errors()
    if knowledge is None:  # defensive: build_knowledge only returns None with errors
        raise ContentError(collector.problems)
    return knowledge, collector.warnings
