"""Shared test fixtures: project copies, the CLI, sites built once per run, a local server, a browser.

`make test` runs the tests on every core (pytest-xdist). A site that tests only read is built
once per run, by whichever worker needs it first (build_once); the others wait for it.
"""

from __future__ import annotations

import atexit
import fcntl
import functools
import http.server
import os
import re
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
import yaml

from yingji.owned_files import hand_written_files, hand_written_pages

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium from reaching out to Google hosts on this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def knowledge():
    """The default content, loaded once per worker (tests only read it)."""
    from yingji.content import load_knowledge

    return load_knowledge(REPO)[0]


@pytest.fixture(scope="session")
def routes(knowledge):
    """The route table of the default content (public profile)."""
    return routes_for(knowledge)


def routes_for(knowledge, profile: str = "public", site_url: str | None = None):
    """The route table of the repository's site setup for `knowledge` (no files written)."""
    from yingji.presentation.routes import plan_routes

    return plan_routes(knowledge, profile, hand_written=hand_written_pages(REPO / "docs"), site_url=site_url)


def all_pages(knowledge, profile: str = "public") -> dict[str, str]:
    """Every generated page and data file of docs/ for `knowledge`, as `yingji build` writes them."""
    from yingji.build import generate_pages

    return generate_pages(knowledge, profile, routes_for(knowledge, profile))


def pdf_text(pdf: Path) -> str:
    """The text of a PDF as pdftotext -layout lays it out; each page ends with a form feed."""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, text) of every word, in pt from the page's top left
    (pdftotext -bbox; a word's height ÷ PT_PER_HEIGHT ≈ its font size in pt)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for number, page in enumerate(re.findall(r"<page .*?</page>", out, re.S)):
        for x0, y0, x1, y1, text in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page):
            found.append((number, float(x0), float(y0), float(x1), float(y1), text))
    return found


PT_PER_HEIGHT = 1.448  # Noto CJK: pdftotext's word height ÷ this ≈ the font size in pt


def copy_project(content_source: Path, target: Path) -> Path:
    """A throwaway project: content/ and quizzes/ from `content_source`, the site setup
    (mkdocs.yml, theme_overrides/, hooks/, hand-written docs/) from the repository."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("content", "quizzes"):
        if (content_source / name).is_dir():
            shutil.copytree(content_source / name, target / name)
    shutil.copytree(REPO / "theme_overrides", target / "theme_overrides")
    shutil.copytree(REPO / "hooks", target / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    copy_hand_written_docs(target / "docs")
    return target


def copy_hand_written_docs(target: Path) -> None:
    """Copy docs/ without the generator's output (pages and PDFs): it is rebuilt."""
    for relative in hand_written_files(REPO / "docs"):
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / "docs" / relative, target / relative)


@pytest.fixture
def minimal_project(tmp_path) -> Path:
    """The tiny valid fixture project with the repository's site setup."""
    return copy_project(FIXTURES / "minimal", tmp_path / "project")


# One PDF cache for the whole session: a PDF is named by the hash of its content, so projects
# with the same content share it (tests about the cache itself pass their own YINGJI_PDF_CACHE).
PDF_CACHE = Path(tempfile.mkdtemp(prefix="yingji-pdf-cache-"))
atexit.register(shutil.rmtree, PDF_CACHE, True)


def run_yingji(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `yingji` command line in a subprocess (as users do)."""
    command = [sys.executable, "-m", "yingji.cli", "--root", str(root), *args]
    environment = {**os.environ, "YINGJI_PDF_CACHE": str(PDF_CACHE), **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=environment, cwd=REPO)


@pytest.fixture
def yingji():
    return run_yingji


def build_once(tmp_path_factory, name: str, make_project) -> Path:
    """site/ of the project make_project(folder) lays out, built (public profile) once per test
    run: the first worker to ask builds it under a lock in the folder all workers share, the
    others wait and reuse it. Tests only read it; its build output is in project/build.log."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    project = shared / name / "project"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (shared / name / "built").exists():
            shutil.rmtree(shared / name, ignore_errors=True)
            make_project(project)
            result = run_yingji(project, "build")
            assert result.returncode == 0, result.stderr
            (project / "build.log").write_text(result.stdout + result.stderr, "utf-8")
            (shared / name / "built").touch()
    return project / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The default content, built once per test run; returns site/ (read only)."""
    return build_once(tmp_path_factory, "default", lambda target: copy_project(REPO, target))


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory) -> Path:
    """tests/fixtures/minimal, built once per test run; returns site/ (read only)."""
    return build_once(tmp_path_factory, "minimal", lambda target: copy_project(FIXTURES / "minimal", target))


@pytest.fixture
def built_minimal_project(minimal_site, tmp_path) -> Path:
    """A copy of the minimal project as its build left it (site/, generated docs/), to change."""
    return Path(shutil.copytree(minimal_site.parent, tmp_path / "project"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def serve_dir():
    """serve_dir(path) -> base URL of a local HTTP server for that folder."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian chromium driven by Playwright (Playwright cannot download browsers here)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` (installs Debian chromium)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


# --------------------------------------------------------------- quiz browser tests
# Session fixtures shared by tests/test_quiz_*_browser.py (so the quiz site is built once).

QUIZ = FIXTURES / "quiz"

OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")  # any host but this machine


def quiz_project(target):
    """The minimal project with the quiz fixture: quizzes/ (six questions, blueprints kurz and
    banfen) and site-extra/ over it (a second topic of 98 判断 questions for 公众, blueprint lang)."""
    project = copy_project(FIXTURES / "minimal", target)
    shutil.rmtree(project / "quizzes")
    shutil.copytree(QUIZ / "quizzes", project / "quizzes")
    shutil.copytree(QUIZ / "site-extra", project / "quizzes", dirs_exist_ok=True)
    return project


@pytest.fixture(scope="session")
def quiz_site(tmp_path_factory):
    """The minimal project with the quiz fixture's question bank, built once per test run."""
    return build_once(tmp_path_factory, "quiz", quiz_project)


@pytest.fixture(scope="session")
def key():
    """id -> question data straight from the fixture YAML (not from the engine's data)."""
    banks = [QUIZ / "quizzes" / "anquan-shengchan-fa.yml", QUIZ / "site-extra" / "yingji-changshi.yml"]
    return {
        q["id"]: {**q, "answer": q["answer"] if isinstance(q["answer"], list) else [q["answer"]]}
        for bank in banks
        for q in yaml.safe_load(bank.read_text("utf-8"))["questions"]
    }


SCREENS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1366, "height": 768}}


@pytest.fixture(params=list(SCREENS))
def screen(request, page):
    """A phone (360×740) or a laptop (1366×768): the page's viewport; returns its name."""
    page.set_viewport_size(SCREENS[request.param])
    return request.param


@pytest.fixture(params=["http", "file"])
def open_page(request, quiz_site, serve_dir, page):
    """open_page('quiz/review') loads that page of the quiz site over http or from file://."""
    page.route(OUTSIDE, lambda route: route.abort())  # no outside host, and no DNS waits
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    base = serve_dir(quiz_site) if request.param == "http" else quiz_site.as_uri()

    def go(path: str):
        page.goto(f"{base}/{path}.html")
        page.wait_for_selector(".yj-quiz[data-ready='1']")
        return page

    go.base = base
    yield go
    assert not errors, errors
