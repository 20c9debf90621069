"""`yingji paper`: exam papers and their answer keys for a trainer, outside the site build.

Uses the same catalog entries, templates, cache and workers as the build: the same seed gives
the same questions as the site's paper, and the same bytes on every run (same SOURCE_DATE_EPOCH);
the site's own paper alone is marked 样卷.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..content import load_knowledge
from ..presentation import route_table
from ..presentation.documents import paper_documents
from .paper import PaperError
from .stage import render_documents


def write_papers(root: Path, exam_id: str, seed: int, copies: int, out: Path, *, seal: bool = False) -> list[Path]:
    knowledge, _ = load_knowledge(root)
    if exam_id not in knowledge.exams:
        known = "、".join(knowledge.exams) or "（无）"
        raise PaperError(f"没有编号为 {exam_id} 的考试方案；quizzes/exams.yml 中有：{known}")
    if copies < 1 or seed < 0:
        raise PaperError("--copies 至少为 1，--seed 不能为负数")
    docs = [doc for copy in range(1, copies + 1) for doc in paper_documents(knowledge.exams[exam_id], seed, copy, seal=seal)]
    report = render_documents(root, knowledge, docs, "public", route_table(root, knowledge, "public"), progress=None)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in docs:
        target = out / Path(doc.path).name
        shutil.copyfile(report.files[doc.path], target)
        written.append(target)
    return written
