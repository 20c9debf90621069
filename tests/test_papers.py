"""Exam papers: drawn from the blueprint deterministically, with a matching answer key."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from yingji.print.paper import PaperError, draw, eligible

EXAM = "zhuyao-fuzeren-moni"


def ids(paper) -> list[str]:
    return [d.question.id for _, drawn in paper for d in drawn]


def test_same_seed_same_paper_other_copy_or_seed_another(knowledge):
    exam = knowledge.exams[EXAM]
    first = draw(knowledge, exam, 7, 1)
    assert ids(first) == ids(draw(knowledge, exam, 7, 1))
    assert [d.options for _, drawn in first for d in drawn] == [d.options for _, drawn in draw(knowledge, exam, 7, 1) for d in drawn]
    assert ids(first) != ids(draw(knowledge, exam, 7, 2))
    assert ids(first) != ids(draw(knowledge, exam, 8, 1))


def test_paper_follows_the_blueprint(knowledge):
    exam = knowledge.exams[EXAM]
    paper = draw(knowledge, exam, 7, 3)
    for (index, drawn), part in zip(paper, exam.parts):
        assert len(drawn) == part.count and len({d.question.id for d in drawn}) == part.count
        assert all(d.question.type == part.type and "主要负责人" in d.question.audience for d in drawn)


def test_shuffled_options_keep_the_right_answer(knowledge):
    exam = knowledge.exams[EXAM]
    for _, drawn in draw(knowledge, exam, 7, 1):
        for item in drawn:
            q = item.question
            if not q.options:
                assert item.answer == tuple(q.answer)
                continue
            shown = dict(item.options)
            assert sorted(shown.values()) == sorted(q.options.values())
            assert sorted(shown[letter] for letter in item.answer) == sorted(q.options[a] for a in q.answer)


def test_a_blueprint_the_bank_cannot_meet_is_a_user_error(knowledge):
    exam = knowledge.exams[EXAM]
    too_many = exam.model_copy(update={"parts": [exam.parts[0].model_copy(update={"count": 10_000})]})
    with pytest.raises(PaperError, match="题库中符合条件的只有"):
        draw(knowledge, too_many, 1, 1)
    assert sum(q.type == "判断" for q in eligible(knowledge, exam)) < 10_000


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.pdf"))}


def test_yingji_paper_writes_identical_pdfs_for_the_same_seed(yingji, minimal_project, tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000", "YINGJI_PDF_CACHE": str(minimal_project / ".cache")}
    first = yingji(minimal_project, "paper", "--exam", "moni", "--seed", "7", "--copies", "2", "--out", str(tmp_path / "a"), env=env)
    assert first.returncode == 0, first.stderr
    assert sorted(digest(tmp_path / "a")) == [
        "moni-seed7-1-key.pdf", "moni-seed7-1.pdf", "moni-seed7-2-key.pdf", "moni-seed7-2.pdf"
    ]
    import shutil

    shutil.rmtree(minimal_project / ".cache")  # really render again
    second = yingji(minimal_project, "paper", "--exam", "moni", "--seed", "7", "--copies", "2", "--out", str(tmp_path / "b"), env=env)
    assert second.returncode == 0, second.stderr
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_unknown_exam_is_a_user_error(yingji, minimal_project):
    result = yingji(minimal_project, "paper", "--exam", "nope")
    assert result.returncode == 1 and "没有编号为 nope 的考试方案" in result.stderr and "moni" in result.stderr


def test_yingji_paper_seal_prints_the_seal_line_and_no_sample_mark(yingji, minimal_project, tmp_path):
    import subprocess

    env = {"YINGJI_PDF_CACHE": str(minimal_project / ".cache")}
    result = yingji(minimal_project, "paper", "--exam", "moni", "--seed", "1", "--seal", "--out", str(tmp_path), env=env)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "moni-seed1-1.pdf"), "-"], capture_output=True, text=True).stdout
    assert "密" in text and "准考证号" in text and "答题卡" in text
    assert "样卷" not in "".join(text.split())  # seed 1 copy 1 is the site's sample; a trainer's paper is not
    key = subprocess.run(["pdftotext", str(tmp_path / "moni-seed1-1-key.pdf"), "-"], capture_output=True, text=True).stdout
    assert "密" not in key and "参考答案" in key
