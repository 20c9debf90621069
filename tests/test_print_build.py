"""The print stage inside `yingji build`: cached, reproducible, placed where mkdocs checks links."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import pdf_text

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}  # 2023-11-14T22:13:20Z


def pdf_digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((site / "downloads").rglob("*.pdf"))
    }


def rendered(output: str) -> int:
    return int(re.search(r"(\d+) 份重新排版", output).group(1))


@pytest.mark.slow
def test_same_content_and_source_date_epoch_give_byte_identical_pdfs(minimal_project, yingji, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(minimal_project, other)
    for project in (minimal_project, other):  # each with its own cache: really rendered twice
        result = yingji(project, "build", env={**EPOCH, "YINGJI_PDF_CACHE": str(project / ".cache")})
        assert result.returncode == 0, result.stderr
    first, second = pdf_digests(minimal_project / "site"), pdf_digests(other / "site")
    assert len(first) >= 5 and first == second
    info = subprocess.run(["pdfinfo", str(minimal_project / "site/downloads/handbook.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"CreationDate:\s+Tue Nov 14 22:13:20 2023", info), info


def test_an_unchanged_document_is_not_laid_out_again(minimal_project, yingji):
    own_cache = {"YINGJI_PDF_CACHE": str(minimal_project / ".cache")}
    first = yingji(minimal_project, "build", env=own_cache)
    assert first.returncode == 0, first.stderr
    assert rendered(first.stdout) >= 5
    again = yingji(minimal_project, "build", env=own_cache)
    assert rendered(again.stdout) == 0
    glossary = minimal_project / "content" / "glossary.yml"
    data = yaml.safe_load(glossary.read_text("utf-8"))
    data["terms"][0]["definition"] += "（修改）"
    glossary.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    changed = yingji(minimal_project, "build", env=own_cache)
    assert rendered(changed.stdout) == 1  # only the handbook prints the glossary
    assert "（修改）" in pdf_text(minimal_project / "site/downloads/handbook.pdf")


def test_pdfs_of_removed_documents_disappear_and_hand_made_files_are_kept(built_minimal_project, yingji):
    project = built_minimal_project
    assert (project / "docs" / "downloads" / "papers").is_dir()
    downloads = project / "docs" / "downloads"
    (downloads / "mine.pdf").write_bytes(b"%PDF-1.4 hand made")
    exams = project / "quizzes" / "exams.yml"
    exams.write_text("exams: []\n", "utf-8")
    assert yingji(project, "build").returncode == 0
    assert not (downloads / "papers").exists()
    assert not list((project / "site" / "downloads").glob("papers/*.pdf"))
    assert (downloads / "mine.pdf").exists() and (project / "site/downloads/mine.pdf").exists()


def test_a_hand_made_file_at_a_generated_path_is_never_overwritten(minimal_project, yingji):
    target = minimal_project / "docs" / "downloads" / "handbook.pdf"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"%PDF-1.4 hand made")
    result = yingji(minimal_project, "build")
    assert result.returncode == 1 and "不会覆盖" in result.stderr
    assert target.read_bytes() == b"%PDF-1.4 hand made"
