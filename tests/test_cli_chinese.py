"""Every message of the command line a user can run into is Chinese: help, usage, errors;
every command has a description and examples; `--version`; the project is found like git."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import REPO

from yingji.cli import EXAMPLES, _parser, main

# What argparse says in English, and option values named in capitals (--port PORT).
ENGLISH = re.compile(
    r"usage:|positional arguments|optional arguments|options:|show this help|error:|invalid choice|"
    r"invalid \w+ value|required:|unrecognized arguments|expected (one|at most|at least)|argument |ambiguous option|"
    r"version number|--[a-z-]+ [A-Z][A-Z_]+\b|\bsubcommands\b|choose from"
)
COMMANDS = sorted(next(a for a in _parser()._actions if a.dest == "command").choices)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


def english(text: str) -> list[str]:
    return [line for line in text.splitlines() if ENGLISH.search(line)]


def test_the_main_help_is_chinese():
    code, out, err = run("--help")
    assert code == 0 and out.startswith("用法：yingji") and not english(out + err)
    assert all(command in out for command in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_chinese_help_a_description_and_examples(command):
    code, out, err = run(command, "--help")
    assert code == 0 and not english(out + err), english(out + err)
    assert out.startswith(f"用法：yingji {command}")
    description = out.split("\n\n")[1]
    assert re.search(r"[\u4e00-\u9fff]", description), description
    assert "示例：" in out and f"  yingji {command}" in out.split("示例：", 1)[1]
    assert command in EXAMPLES


@pytest.mark.parametrize("command", COMMANDS)
def test_a_bad_argument_is_a_chinese_usage_error(command):
    code, out, err = run(command, "--no-such-option")
    assert code == 2 and out == ""
    assert not english(err), english(err)
    lines = err.splitlines()
    assert lines[0].startswith(f"用法：yingji {command}")
    assert f"yingji {command}：错误：" in err  # the unknown option, or first what is missing
    assert "不认识的参数：--no-such-option" in err or "缺少必填的参数：" in err
    assert lines[-1] == f"运行 yingji {command} --help 查看说明和示例。"


@pytest.mark.parametrize("args, says", [
    (["frobnicate"], "没有 frobnicate 这个命令。"),
    (["buidl"], "是不是 build？"),
    (["build", "--profile", "secret"], "--profile：'secret' 不是可选的值（可选：'public', 'internal'）"),
    (["serve", "--port", "八千"], "--port：'八千' 不是有效的整数"),
    (["paper"], "缺少必填的参数：--exam"),
    (["template"], "缺少必填的参数：{villages,questions}"),
    (["import-questions"], "缺少必填的参数："),
    (["serve", "--port"], "--port：后面要写一个值"),
    ([], "缺少必填的参数：命令"),
])
def test_usage_errors_say_what_is_wrong_in_chinese(args, says):
    code, out, err = run(*args)
    assert code == 2 and says in err and not english(err), err


def test_version_is_the_project_version():
    code, out, _ = run("--version")
    version = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert code == 0 and out.startswith(f"yingji {version}（Python ") and "MkDocs" in out


def yingji_in(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """The command as typed in `folder`, without --root."""
    return subprocess.run([sys.executable, "-m", "yingji.cli", *args], capture_output=True, text=True, cwd=folder,
                          env={**__import__("os").environ, "PYTHONPATH": str(REPO)})


def test_the_project_is_found_from_any_folder_inside_it(minimal_project):
    inside = minimal_project / "content" / "villages"
    inside.mkdir(parents=True, exist_ok=True)
    result = yingji_in(inside, "check")
    assert result.returncode == 0 and result.stdout.startswith("内容检查通过"), result.stderr


def test_outside_a_project_it_says_where_it_looked_and_how_to_point_it(tmp_path):
    result = yingji_in(tmp_path, "check")
    assert result.returncode == 2 and result.stdout == ""
    assert f"从 {tmp_path.resolve()} 往上直到 /" in result.stderr
    assert "content/" in result.stderr and "mkdocs.yml" in result.stderr and "--root" in result.stderr
    assert not english(result.stderr)


def test_a_file_written_without_out_goes_to_the_output_folder_and_is_named(minimal_project):
    code, out, err = run("--root", str(minimal_project), "template", "questions")
    assert code == 0, err
    assert (minimal_project / "输出" / "题库模板.xlsx").is_file()
    assert str(minimal_project / "输出" / "题库模板.xlsx") in out or "输出/题库模板.xlsx" in out
    assert not list(minimal_project.glob("*.xlsx"))


def test_stats_speaks_chinese(minimal_project):
    code, out, _ = run("--root", str(minimal_project), "stats")
    assert code == 0
    assert "任务：2" in out and "试题（按题型）：" in out
    assert not re.search(r"^[a-z_]+: ", out, re.M)
