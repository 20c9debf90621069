"""The worker side of the print stage: WeasyPrint, set up once per process, renders jobs.

Each worker process imports WeasyPrint once and keeps one FontConfiguration and one image
cache for its whole life: a fresh process per PDF costs ~0.5 s of start-up, and separate font
configurations let memory swing to ~900 MB (measured; see DESIGN.md).

Every WeasyPrint warning is an error here. The important one is HarfBuzz-subset missing:
WeasyPrint then silently falls back to fontTools and each PDF takes ~50x longer. Fetching
anything from outside is refused: print HTML is self-contained (inline CSS, inline SVG).
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

HARFBUZZ_MESSAGE = (
    "未找到 HarfBuzz 字体子集库 libharfbuzz-subset0：WeasyPrint 会改用 fontTools 处理字体，"
    "生成 PDF 要慢约 50 倍（500 张明白卡约 40 分钟）。请先安装：apt-get install libharfbuzz-subset0"
    "（或运行 make setup），再重新生成。"
)


class PrintError(Exception):
    """A document could not be rendered; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class Part:
    """One HTML document to lay out; written to `target` unless it is only needed for a bundle."""

    key: str
    html: str
    target: str | None  # cache file to write, None: already cached


@dataclass(frozen=True)
class Job:
    """What one worker renders in one go: documents, and optionally a bundle of all their pages.

    A township's cards and its bundle form one job, so each card is laid out once and the
    bundle is assembled from the pages already laid out.
    """

    name: str
    parts: tuple[Part, ...]
    bundle: Part | None = None  # its html is unused: the title of the bundle goes in `name`

    @property
    def documents(self) -> int:
        """How many files this job writes."""
        return sum(1 for part in self.parts if part.target) + (1 if self.bundle and self.bundle.target else 0)

    @property
    def weight(self) -> int:
        return sum(len(part.html) for part in self.parts)


@dataclass(frozen=True)
class Rendered:
    key: str
    pages: int
    size: int


@dataclass(frozen=True)
class JobResult:
    name: str
    rendered: tuple[Rendered, ...]
    seconds: float
    peak_rss_kb: int


def check_harfbuzz_subset() -> None:
    """Refuse to render with the fontTools fallback (see module docstring)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset is None or not harfbuzz.hb_version_atleast(4, 1, 0):
        raise PrintError(HARFBUZZ_MESSAGE)


class _WarningsAreErrors(logging.Handler):
    """Collects WeasyPrint warnings; the job fails if there are any after rendering."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_state: dict = {}


def init_worker() -> None:
    """Process-pool initializer: import WeasyPrint, one FontConfiguration, one cache."""
    check_harfbuzz_subset()
    from weasyprint import DEFAULT_OPTIONS  # noqa: F401  (import cost paid once, here)
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class OfflineFetcher(URLFetcher):
        """Print HTML is self-contained: any outside resource is a bug, not a download."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise FatalURLFetchingError(f"打印页面不得引用外部资源：{url}")

    handler = _WarningsAreErrors()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    _state.update(fonts=FontConfiguration(), cache={}, warnings=handler, fetcher=OfflineFetcher(fail_on_errors=True))


def _layout(html: str):
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    try:
        return HTML(string=html, url_fetcher=_state["fetcher"]).render(font_config=_state["fonts"], cache=_state["cache"])
    except FatalURLFetchingError as err:
        raise PrintError(str(err.__cause__ or err)) from None


def _write(document, target: str) -> tuple[str, int]:
    """Write beside the target; the caller renames it into place once the job succeeded."""
    temporary = f"{target}.tmp-{os.getpid()}"
    document.write_pdf(temporary, cache=_state["cache"])
    return temporary, os.path.getsize(temporary)


def _check_warnings(job: Job) -> None:
    messages, _state["warnings"].messages = _state["warnings"].messages, []
    if not messages:
        return
    if any("fontTools" in message or "HarfBuzz" in message for message in messages):
        raise PrintError(HARFBUZZ_MESSAGE)
    raise PrintError(f"排版《{job.name}》时 WeasyPrint 报告了问题（按错误处理）：\n" + "\n".join(messages[:10]))


def render_job(job: Job) -> JobResult:
    """Lay out and write every part (and the bundle); nothing reaches the cache on failure."""
    if not _state:
        init_worker()
    started = time.perf_counter()
    rendered, documents, written = [], [], []
    try:
        for part in job.parts:
            document = _layout(part.html)
            documents.append(document)
            if part.target:
                temporary, size = _write(document, part.target)
                written.append((temporary, part.target))
                rendered.append(Rendered(part.key, len(document.pages), size))
        if job.bundle and job.bundle.target:
            bundle = documents[0].copy([page for document in documents for page in document.pages])
            bundle.metadata.title = job.name
            temporary, size = _write(bundle, job.bundle.target)
            written.append((temporary, job.bundle.target))
            rendered.append(Rendered(job.bundle.key, len(bundle.pages), size))
        _check_warnings(job)
    except BaseException:
        for temporary, _ in written:
            Path(temporary).unlink(missing_ok=True)
        raise
    for temporary, target in written:
        os.replace(temporary, target)
    return JobResult(job.name, tuple(rendered), time.perf_counter() - started, _peak_rss_kb())


def _peak_rss_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
