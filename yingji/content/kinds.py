"""Where each kind of content lives and which model checks it.

Adding a content type means: a model module, and one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from pydantic import BaseModel

from .models.addresses import Addresses
from .models.county import County
from .models.exams import ExamsFile
from .models.glossary import Glossary
from .models.laws import Law
from .models.plan import Plan
from .models.plans import PlansFile
from .models.patterns import BankPatterns
from .models.questions import QuestionBank, TopicsFile
from .models.search import SearchWords
from .models.units import UnitsFile
from .models.villages import ServiceNumbersFile, TownshipsFile, Village


@dataclass(frozen=True)
class ContentKind:
    name: str
    folder: str  # "content" or "quizzes"
    pattern: str  # path inside the folder; `*` never crosses a `/`
    model: type[BaseModel]
    required: bool = False

    def matches(self, relative_path: str) -> bool:
        parts, wanted = relative_path.split("/"), self.pattern.split("/")
        return len(parts) == len(wanted) and all(fnmatchcase(p, w) for p, w in zip(parts, wanted))


# First match wins: the specific names come before the catch-all question banks.
KINDS: tuple[ContentKind, ...] = (
    ContentKind("county", "content", "county.yml", County, required=True),
    ContentKind("plan", "content", "plan.yml", Plan, required=True),
    ContentKind("addresses", "content", "addresses.yml", Addresses),
    ContentKind("units", "content", "units.yml", UnitsFile, required=True),
    ContentKind("glossary", "content", "glossary.yml", Glossary),
    ContentKind("law", "content", "laws/*.yml", Law),
    ContentKind("townships", "content", "townships.yml", TownshipsFile),
    ContentKind("service_numbers", "content", "service-numbers.yml", ServiceNumbersFile),
    ContentKind("plans", "content", "plans/*.yml", PlansFile),
    ContentKind("village", "content", "villages/*/*.yml", Village),
    ContentKind("search", "content", "search.yml", SearchWords),
    ContentKind("topics", "quizzes", "topics.yml", TopicsFile),
    ContentKind("exams", "quizzes", "exams.yml", ExamsFile),
    ContentKind("patterns", "quizzes", "patterns.yml", BankPatterns),
    ContentKind("questions", "quizzes", "*.yml", QuestionBank),
)

FOLDERS = ("content", "quizzes")


def kind_for(folder: str, relative_path: str) -> ContentKind | None:
    for kind in KINDS:
        if kind.folder == folder and kind.matches(relative_path):
            return kind
    return None
