"""Typographic conventions of the Chinese text yingji writes, as checks over finished text:
generated pages, quiz data and the text of the PDFs (tests run them over a built site; the
print conventions reuse them)."""

from __future__ import annotations

from dataclasses import dataclass

OPEN, CLOSE = "《", "》"


@dataclass(frozen=True)
class MarkProblem:
    position: int  # index into the text
    message: str  # in Chinese
    excerpt: str  # the text around it


def unbalanced_title_marks(text: str, context: int = 30) -> list[MarkProblem]:
    """Book-title marks that do not pair: a 《 inside an open title (a title within a title takes
    〈〉: 《关于印发〈…〉的通知》), a 》 with no 《 open, a 《 never closed. Marks are counted as
    they nest, so 《…《…》…》 is one problem, and a 《 left open makes every later 《 one."""
    problems, opened = [], []
    for position, char in enumerate(text):
        if char == OPEN:
            if opened:
                problems.append(_problem(text, position, "书名号套书名号（内层应使用〈〉）", context))
            opened.append(position)
        elif char == CLOSE:
            if not opened:
                problems.append(_problem(text, position, "多出的后书名号“》”（前面没有“《”）", context))
            else:
                opened.pop()
    if opened:
        problems.append(_problem(text, opened[0], "书名号“《”没有闭合", context))
    return problems


def _problem(text: str, position: int, message: str, context: int) -> MarkProblem:
    excerpt = text[max(0, position - context) : position + context].replace("\n", " ")
    return MarkProblem(position, message, excerpt)
