"""quizzes/<topic>.yml: a question bank (判断/单选/多选), and quizzes/topics.yml."""

from __future__ import annotations

from typing import Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from typing_extensions import Annotated

from .base import Model, Slug, Text

QuestionType = Literal["判断", "单选", "多选"]
Audience = Literal["主要负责人", "安全管理人员", "村干部", "公众"]
TRUE_FALSE = ("正确", "错误")
LETTERS = "ABCDEF"


def _as_list(value: object) -> object:
    """`answer: B` and `answer: [A, C]` both become a list of letters."""
    if isinstance(value, (str, bool, int)):
        return [value]
    return value


def _ref(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError("ref", "依据应写条文编号（如 anquan-shengchan-fa#a21）或任务编号（如 t09）", {})
    return value


class Question(Model):
    id: Slug
    type: QuestionType
    stem: Text
    options: dict[str, Text] | None = None
    answer: Annotated[list[str], BeforeValidator(_as_list)]
    explanation: Text
    cites: list[Annotated[str, BeforeValidator(_ref)]] = Field(min_length=1)
    audience: list[Audience] = Field(min_length=1)
    difficulty: Literal[1, 2, 3]
    # Questions that test the same fact share a group: one exam paper never draws two of them.
    group: Slug | None = None
    # Raised when the question's meaning changes (stem, options or key), so answers a learner
    # stored on their device for the old wording never attach to the new one.
    version: int = Field(default=1, ge=1)

    @field_validator("options")
    @classmethod
    def _letters_in_order(cls, options, info: ValidationInfo):
        if options is None:
            return options
        keys = list(options)
        if keys != list(LETTERS[: len(keys)]):
            raise PydanticCustomError("options", "选项应按 A、B、C……顺序依次编号，实际为 {keys}", {"keys": "、".join(keys)})
        return options

    @field_validator("answer")
    @classmethod
    def _answer_fits_type(cls, answer: list[str], info: ValidationInfo):
        qtype, options = info.data.get("type"), info.data.get("options")
        if qtype is None or ("options" not in info.data and qtype != "判断"):
            return answer  # the type or options are wrong themselves; reported there
        if qtype == "判断":
            return _check_true_false(answer, options)
        return _check_choice(qtype, answer, options)


def _check_true_false(answer: list[str], options) -> list[str]:
    if options:
        raise PydanticCustomError("answer", "判断题不写 options", {})
    if len(answer) != 1 or answer[0] not in TRUE_FALSE:
        raise PydanticCustomError("answer", "判断题的答案应为“正确”或“错误”，实际为 {value}", {"value": "、".join(map(str, answer))})
    return answer


def _check_choice(qtype: str, answer: list[str], options) -> list[str]:
    if not options or len(options) < 2:
        raise PydanticCustomError("answer", "{qtype}题至少要有两个选项（options）", {"qtype": qtype})
    missing = [str(a) for a in answer if a not in options]
    if missing:
        raise PydanticCustomError(
            "answer_not_in_options",
            "答案 {missing} 不在选项 {keys} 中",
            {"missing": "、".join(missing), "keys": "、".join(options)},
        )
    if len(set(answer)) != len(answer):
        raise PydanticCustomError("answer", "答案中有重复的选项", {})
    if qtype == "单选" and len(answer) != 1:
        raise PydanticCustomError("answer", "单选题只能有一个答案，实际为 {value}", {"value": "、".join(answer)})
    if qtype == "多选" and len(answer) < 2:
        raise PydanticCustomError("answer", "多选题至少要有两个正确答案", {})
    return sorted(answer)


class QuestionBank(Model):
    topic: Slug
    questions: list[Question]


class Topic(Model):
    id: Slug
    title: Text
    description: str | None = None


class TopicsFile(Model):
    topics: list[Topic]
