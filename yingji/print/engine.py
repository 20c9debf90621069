"""The worker side of the print stage: WeasyPrint, set up once per process, renders jobs.

Each worker process imports WeasyPrint once and keeps one FontConfiguration and one image
cache for its whole life: a fresh process per PDF costs ~0.5 s of start-up, and separate font
configurations let memory swing to ~900 MB (measured; see ../shared/DESIGN.md).

Every WeasyPrint warning is an error here. The important one is HarfBuzz-subset missing:
WeasyPrint then silently falls back to fontTools and each PDF takes ~50x longer. Fetching
anything from outside is refused: print HTML is self-contained (inline CSS, inline SVG).
"""

from __future__ import annotations

import logging
import multiprocessing.util
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

HARFBUZZ_MESSAGE = (
    "未找到 HarfBuzz 字体子集库 libharfbuzz-subset0：WeasyPrint 会改用 fontTools 处理字体，"
    "生成 PDF 要慢约 50 倍（500 张明白卡约 40 分钟）。请先安装：apt-get install libharfbuzz-subset0"
    "（或运行 make setup），再重新生成。"
)


HEAVY = 60_000  # characters of print HTML: the books (handbook ~140k, exam-prep ~210k); a card ~7k
TRIM_EVERY = 8  # documents between two heap trims of a worker (see render_job)


FONT_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
FONT_MESSAGE = (
    "未找到思源（Noto CJK）字体 {missing}：PDF 里的汉字会变成方块。"
    "请先安装：apt-get install fonts-noto-cjk（或运行 make setup），再重新生成。"
)


class PrintError(Exception):
    """A document could not be rendered; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class Job:
    """One document to lay out and write: its HTML, its stylesheets, the cache file to write."""

    name: str
    key: str
    html: str
    stylesheets: tuple[str, ...]  # CSS texts; parsed once per worker and reused
    target: str
    user_agent: str | None = None  # CSS text replacing WeasyPrint's HTML user-agent sheet (cards)
    impose: bool = False  # cards put together from tiles, two to an A4 sheet (households.py, impose.py)

    @property
    def weight(self) -> int:
        return len(self.html)


@dataclass(frozen=True)
class JobResult:
    name: str
    key: str
    pages: int
    size: int
    seconds: float
    cpu: float  # seconds of CPU in the worker (wall time also counts waiting for a busy core)
    peak_rss_kb: int


def check_harfbuzz_subset() -> None:
    """Refuse to render with the fontTools fallback (see module docstring)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset is None or not harfbuzz.hb_version_atleast(4, 1, 0):
        raise PrintError(HARFBUZZ_MESSAGE)


def check_fonts() -> None:
    """The two Noto CJK families must be installed, or every Chinese character becomes a box."""
    import shutil
    import subprocess

    if not shutil.which("fc-list"):
        return
    listed = subprocess.run(["fc-list", "--format", "%{family}\n"], capture_output=True, text=True).stdout
    missing = [family for family in FONT_FAMILIES if family not in listed]
    if missing:
        raise PrintError(FONT_MESSAGE.format(missing="、".join(missing)))


class _WarningsAreErrors(logging.Handler):
    """Collects WeasyPrint warnings; the job fails if there are any after rendering."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_state: dict = {}


def init_worker() -> None:
    """Process-pool initializer: import WeasyPrint, one FontConfiguration, one cache.

    A missing library or font is kept and raised by the first job: raised here, it would only
    show as a "broken process pool" without the Chinese message.
    """
    try:
        check_harfbuzz_subset()
        check_fonts()
    except PrintError as err:
        _state["error"] = err
        return
    import weasyprint  # noqa: F401  (the import cost is paid once, here)
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    from . import speedups
    from .fonts import allowed_font_file

    class OfflineFetcher(URLFetcher):
        """Print HTML is self-contained: any outside resource is a bug, not a download."""

        def fetch(self, url, headers=None):
            if url.startswith("data:") or allowed_font_file(url):
                return super().fetch(url, headers)
            raise FatalURLFetchingError(f"打印页面不得引用外部资源：{url}")

    handler = _WarningsAreErrors()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    speedups.apply()
    _state.update(fonts=FontConfiguration(), cache={}, warnings=handler, fetcher=OfflineFetcher(fail_on_errors=True))
    multiprocessing.util.Finalize(None, _forget_fonts, exitpriority=10)


def _forget_fonts() -> None:
    """At the worker's exit: WeasyPrint's FontConfiguration keeps copies of the @font-face files
    (the two cut faces, 8 MB) in a temporary folder that it removes when it is collected. A pool
    worker ends with os._exit, which collects nothing, so every worker used to leave its folder
    in /tmp (2,692 of them, 22 GB, on the machine this was found on). multiprocessing runs this
    finalizer in a worker before it exits, and atexit runs it in any other process."""
    import gc

    fonts = _state.pop("fonts", None)
    folder = getattr(fonts, "_folder", None)  # where WeasyPrint put the copies, if it made any
    _state.clear()
    del fonts
    gc.collect()  # FontConfiguration.__del__ removes the folder itself
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def _stylesheets(texts: tuple[str, ...]) -> list:
    """CSS objects, parsed once per worker: 500 cards share the same two stylesheets."""
    from weasyprint import CSS

    parsed = _state.setdefault("css", {})
    for text in texts:
        if text not in parsed:
            parsed[text] = CSS(string=text, font_config=_state["fonts"], url_fetcher=_state["fetcher"])
    return [parsed[text] for text in texts]


def _html(job: Job):
    """The HTML of a job; with the job's own user-agent sheet where it has one. WeasyPrint asks
    the document for its user-agent sheets (HTML._ua_stylesheets, not a public API: should a
    later WeasyPrint stop asking, its full sheet applies again, and the cards only get slower)."""
    from weasyprint import HTML

    html = HTML(string=job.html, url_fetcher=_state["fetcher"])
    if job.user_agent:
        sheet = _stylesheets((job.user_agent,))[0]
        html._ua_stylesheets = lambda forms=False: [sheet]
    return html


def render_job(job: Job) -> JobResult:
    """Lay out and write one document; nothing reaches the cache unless it rendered cleanly."""
    from weasyprint.urls import FatalURLFetchingError

    if not _state:
        init_worker()
    if "error" in _state:
        raise _state["error"]
    started, cpu_started = time.perf_counter(), time.process_time()
    temporary = f"{job.target}.tmp-{os.getpid()}"
    try:
        document = _html(job).render(
            stylesheets=_stylesheets(job.stylesheets), font_config=_state["fonts"], cache=_state["cache"]
        )
        if job.impose:
            _write_cards(document, temporary, job)
        else:
            document.write_pdf(temporary, cache=_state["cache"])
        _check_warnings(job)
    except FatalURLFetchingError as err:
        Path(temporary).unlink(missing_ok=True)
        raise PrintError(str(err.__cause__ or err)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    size = os.path.getsize(temporary)
    os.replace(temporary, job.target)
    pages = len(document.pages)
    del document
    # after a book, a collection (~60 ms) and a trim; after every TRIM_EVERY-th card a trim only:
    # the heap of a worker that lays out hundreds of cards otherwise creeps from ~180 to ~250 MB.
    # Not after every card: a trim gives back pages the next card faults in again (~10 ms a card)
    _state["since_trim"] = _state.get("since_trim", 0) + 1
    if job.weight >= HEAVY or _state["since_trim"] >= TRIM_EVERY:
        _release_memory(collect=job.weight >= HEAVY)
        _state["since_trim"] = 0
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return JobResult(job.name, job.key, pages, size, seconds, cpu, _peak_rss_kb())


def _write_cards(document, target: str, job: Job) -> None:
    """Household cards: the tiles' heights from the layout (each tile ends with an anchor
    end-<n>), then the cards put together two to a sheet (impose.py)."""
    from .households import parse_composition
    from .impose import CardTooLong, Tile, compose

    ends = {name: (number, box[1]) for number, page in enumerate(document.pages) for name, box in page.anchors.items()}
    tiles = []
    while f"end-{len(tiles)}" in ends:
        number, y = ends[f"end-{len(tiles)}"]
        tiles.append(Tile(number, y * 0.75))  # CSS px to pt
    data = document.write_pdf(cache=_state["cache"])
    try:
        spilled = [n for n, tile in enumerate(tiles) if tile.page != n]  # ran onto a second page
        if spilled:
            raise CardTooLong(spilled[0])
        compose(data, Path(target), document.metadata.title or "", document.metadata.created, tiles, parse_composition(job.html))
    except CardTooLong as err:
        raise PrintError(f"《{job.name}》中有一户的明白卡内容太多（第 {err.args[0] + 1} 块），一张 A5 纸印不下：请精简这一户或它所在风险点的文字") from None


def _release_memory(collect: bool) -> None:
    """Hand the memory of a finished layout back to the system: a 150-page handbook leaves
    hundreds of MB of freed heap behind that glibc would otherwise keep for the process."""
    import ctypes
    import gc

    if collect:
        gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def _check_warnings(job: Job) -> None:
    messages, _state["warnings"].messages = _state["warnings"].messages, []
    if not messages:
        return
    if any("fontTools" in message or "HarfBuzz" in message for message in messages):
        raise PrintError(HARFBUZZ_MESSAGE)
    raise PrintError(f"排版《{job.name}》时 WeasyPrint 报告了问题（按错误处理）：\n" + "\n".join(messages[:10]))


def _peak_rss_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
