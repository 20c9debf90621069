"""The command line as county staff use it."""

from __future__ import annotations

import json


def test_check_prints_only_a_one_line_summary_when_all_is_well(minimal_project, yingji):
    result = yingji(minimal_project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("内容检查通过")


def test_stats_json_counts_every_entity(minimal_project, yingji):
    result = yingji(minimal_project, "stats", "--json")
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)
    assert counts["tasks"] == 2
    assert counts["questions_by_type"] == {"判断": 1, "单选": 1, "多选": 1}
    assert counts["articles"] == 2 and counts["exams"] == 1


def test_default_content_checks_clean_and_has_21_tasks(repo, yingji):
    check = yingji(repo, "check")
    assert check.returncode == 0, check.stderr
    counts = json.loads(yingji(repo, "stats", "--json").stdout)
    assert counts["tasks"] == 21


def test_unknown_command_is_a_usage_error(minimal_project, yingji):
    assert yingji(minimal_project, "frobnicate").returncode == 2
