"""Load and validate a whole project: content/ and quizzes/ → Knowledge (or every error)."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Collector, ContentError, Problem
from .knowledge import Knowledge
from .load import load_project
from .refs import build_knowledge


def load_knowledge(root: Path) -> tuple[Knowledge, list[Problem]]:
    """The validated knowledge and the warnings; raises ContentError listing every error:
    the format errors of the files that did not load and the cross-reference errors of all
    the files that did."""
    collector = Collector()
    loaded, failed = load_project(root, collector)
    knowledge = build_knowledge(loaded, collector, failed)
    collector.raise_if_errors()
    if knowledge is None:  # defensive: build_knowledge only returns None with errors
        raise ContentError(collector.problems)
    return knowledge, collector.warnings
