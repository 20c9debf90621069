"""Whatever a file holds, `yingji check` answers with content errors, never a traceback."""

from __future__ import annotations

import contextlib
import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yingji.cli import main

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False), st.text(max_size=20),
    st.sampled_from(["2023-13-45", "2023-12-31", "no", "yes", "0730", "A", "正确", "t01", "anweiban", "x#a3"]),
)
keys = st.sampled_from(["id", "name", "units", "tasks", "questions", "answer", "options", "type", "terms", "x"])
yaml_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys | st.text(max_size=6), children, max_size=5),
    max_leaves=20,
)
raw_text = st.text(alphabet=st.sampled_from(list("ab:- \n\t'\"[]{}#&*!|>%@`,?安全1")), max_size=80)

PYYAML_ENGLISH = re.compile(r"while (scanning|parsing)|expected|found|could not|not allowed|mapping|scalar|<stream")

TARGETS = ["content/units.yml", "content/plan.yml", "content/glossary.yml", "quizzes/anquan-shengchan-fa.yml", "quizzes/exams.yml"]


def run_check(project) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--root", str(project), "check"])
    return code, err.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(TARGETS), value=yaml_values)
def test_random_structures_give_content_errors_not_crashes(minimal_project, target, value):
    import yaml

    (minimal_project / target).write_text(yaml.safe_dump(value, allow_unicode=True), "utf-8")
    code, stderr = run_check(minimal_project)
    assert code in (0, 1), stderr
    assert "内部错误" not in stderr and "Traceback" not in stderr


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(TARGETS), text=raw_text)
def test_random_text_gives_content_errors_not_crashes(minimal_project, target, text):
    (minimal_project / target).write_text(text, "utf-8")
    code, stderr = run_check(minimal_project)
    assert code in (0, 1), stderr
    assert "内部错误" not in stderr and "Traceback" not in stderr
    assert not PYYAML_ENGLISH.search(stderr), stderr
