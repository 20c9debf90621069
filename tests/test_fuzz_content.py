"""Damage the default content the way copies and hurried edits do — lines deleted, duplicated or
re-indented, stray punctuation and bytes — and `yingji check` must still answer with content
errors in Chinese (exit 0 or 1), never a traceback, an internal error or PyYAML's English."""

from __future__ import annotations

import contextlib
import io
import re
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from yingji.cli import main
from yingji.content.load import find_content_files

FILES = [f"{folder}/{inner}" for folder, inner, _ in find_content_files(REPO)]
PUNCTUATION = list(":：-[]{}\"'#&*!|>%@`,?　“”") + ["- ", ": ", "\t", "  ", "---"]
STRAY_BYTES = [b"\x00", b"\xff", b"\x1b", b"\x07", b"\r", b"\xe5\xae", b"\xef\xbb\xbf", b"\x85"]
# Words of PyYAML's own messages: none may reach the user.
ENGLISH = re.compile(r"while (scanning|parsing)|expected|found|could not|not allowed|mapping|scalar|<stream|Traceback")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "project"
    for name in ("content", "quizzes"):
        shutil.copytree(REPO / name, root / name)
    return root


def run_check(root) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--root", str(root), "check"])
    return code, err.getvalue()


edits = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "indent", "dedent", "punctuation", "byte"]),
        st.floats(0, 1, exclude_max=True),  # which line, as a fraction of the file
        st.floats(0, 1),  # where in the line
        st.integers(0, len(PUNCTUATION) * len(STRAY_BYTES) - 1),  # which character or byte
    ),
    min_size=1,
    max_size=3,
)


def damage(lines: list[bytes], edit) -> list[bytes]:
    action, where, column, pick = edit
    if not lines:
        return lines
    n = int(where * len(lines))
    line = lines[n]
    at = int(column * len(line))
    if action == "delete":
        return lines[:n] + lines[n + 1:]
    if action == "duplicate":
        return lines[: n + 1] + [line] + lines[n + 1:]
    if action == "indent":
        changed = b" " * (1 + pick % 4) + line
    elif action == "dedent":
        changed = line[min(1 + pick % 4, len(line) - len(line.lstrip(b" "))):]
    elif action == "punctuation":
        changed = line[:at] + PUNCTUATION[pick % len(PUNCTUATION)].encode("utf-8") + line[at:]
    else:
        changed = line[:at] + STRAY_BYTES[pick % len(STRAY_BYTES)] + line[at:]
    return lines[:n] + [changed] + lines[n + 1:]


@settings(max_examples=100, deadline=None)  # ~25 s of CPU on this machine
@given(target=st.sampled_from(FILES), changes=edits)
def test_damaged_default_content_gives_chinese_errors_never_a_traceback(project, target, changes):
    path = project / target
    original = path.read_bytes()
    lines = original.split(b"\n")
    for edit in changes:
        lines = damage(lines, edit)
    path.write_bytes(b"\n".join(lines))
    try:
        code, stderr = run_check(project)
    finally:
        path.write_bytes(original)
    assert code in (0, 1), stderr
    assert "内部错误" not in stderr
    assert not ENGLISH.search(stderr), stderr
