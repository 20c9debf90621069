"""Golden tests: each folder in fixtures/bad/ overlays the minimal project with broken files;
`yingji check` must print exactly the lines in its expected.txt and exit 1."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, copy_project

CASES = sorted(p.name for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def overlay(case: str, project: Path) -> None:
    source = FIXTURES / "bad" / case
    for path in source.rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = project / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_reported_with_file_line_and_key(case, tmp_path, yingji):
    project = copy_project(FIXTURES / "minimal", tmp_path / "project")
    overlay(case, project)
    result = yingji(project, "check")
    expected = (FIXTURES / "bad" / case / "expected.txt").read_text("utf-8").splitlines()
    assert result.stderr.splitlines() == expected
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_every_required_kind_of_mistake_has_a_case():
    required = {
        "yaml-syntax", "unknown-key", "wrong-type", "missing-field", "dangling-ref", "duplicate-id",
        "answer-not-in-options", "bad-date", "phone-as-number", "empty-file", "not-utf8",
        "yaml-unclosed-bracket", "yaml-unclosed-quote", "yaml-full-width-colon", "yaml-control-character",
        "yaml-no-space-after-colon", "typo-required-key", "broken-file-refs-quiet", "misspelt-list-refs-quiet",
        "readme-example",
    }
    assert required <= set(CASES)


def readme_error_example() -> list[str]:
    """The lines of the example under “怎样看懂报错” in README.md."""
    section = (REPO / "README.md").read_text("utf-8").split("## 怎样看懂报错", 1)[1]
    return re.search(r"```\n(.*?)```", section, re.S).group(1).splitlines()


def test_the_readme_error_example_is_what_check_prints(tmp_path, yingji):
    """Format errors of one file and reference errors of the others, all in one run, exactly as
    the README shows them (the project is the minimal one with the three mistakes it describes)."""
    project = copy_project(FIXTURES / "minimal", tmp_path / "project")
    overlay("readme-example", project)
    result = yingji(project, "check")
    assert result.stderr.splitlines() == readme_error_example()
    assert result.returncode == 1
