"""`yingji serve`: the preview shows what `yingji build` makes, follows an edit page by page,
shows content errors on the page, makes PDFs without rebuilding, and says plainly where it is."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import PDF_CACHE, REPO

from yingji.mkdocs_messages import essential_lines, translate
from yingji.preview.server import open_server
from yingji.preview.session import Preview
from yingji.preview.status import Status
from yingji.preview.watch import Sources, changed_files

GLOSSARY = "content/glossary.yml"
UNITS = "content/units.yml"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit_definition(project: Path, extra: str) -> None:
    path = project / GLOSSARY
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"^(    definition: .*?)$", lambda m: m.group(1) + extra, text, count=1, flags=re.M), "utf-8")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@pytest.fixture
def preview(minimal_project):
    started = []

    def start(**options) -> Preview:
        session = Preview(minimal_project, options.pop("profile", "public"), pdf=options.pop("pdf", False))
        started.append(session)
        session.start(watch=False)
        return session

    yield start
    for session in started:
        session.stop()


@pytest.mark.slow
def test_the_preview_shows_the_pages_of_a_real_build_also_after_an_edit(minimal_project, yingji, preview):
    assert yingji(minimal_project, "build").returncode == 0
    session = preview()
    assert files_of(session.folder()) == files_of(minimal_project / "site")

    edit_definition(minimal_project, "（预览测试补充）")
    before = session.status.snapshot()["site"]
    session.on_change([GLOSSARY])
    assert session.status.snapshot()["site"] == before + 1  # open pages reload
    assert yingji(minimal_project, "build").returncode == 0
    built, shown = files_of(minimal_project / "site"), files_of(session.folder())
    assert "（预览测试补充）" in built["glossary/index.html"].decode("utf-8")
    # the same site, search index included, though only the glossary page was rebuilt
    assert {k: v for k, v in shown.items() if not k.endswith(".pdf")} == {k: v for k, v in built.items() if not k.endswith(".pdf")}


def test_an_edit_rebuilds_only_the_page_it_changed(preview, minimal_project, capsys):
    notice = minimal_project / "docs" / "notice.md"  # a hand-written page
    notice.write_text("# 通知\n\n手写页面。\n", "utf-8")
    session = preview()
    folder = session.folder()
    untouched = (folder / "index.html").stat().st_mtime_ns
    edit_definition(minimal_project, "（只改术语）")
    session.on_change([GLOSSARY])
    assert session.folder() == folder  # no full build into a new folder
    assert (folder / "index.html").stat().st_mtime_ns == untouched
    assert "（只改术语）" in (folder / "glossary" / "index.html").read_text("utf-8")
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.search(r"改动：content/glossary.yml → 更新 glossary/index.html，用时 \d+\.\d 秒$", line), line

    css = minimal_project / "docs" / "stylesheets" / "yingji.css"
    notice.write_text(notice.read_text("utf-8") + "\n手写页面的新段落。\n", "utf-8")
    css.write_text(css.read_text("utf-8") + "\n/* 新样式 */\n", "utf-8")
    session.on_change(["docs/notice.md", "docs/stylesheets/yingji.css"])  # hand-written pages and files too
    assert session.folder() == folder and (folder / "index.html").stat().st_mtime_ns == untouched
    assert "手写页面的新段落。" in (folder / "notice.html").read_text("utf-8")
    assert "/* 新样式 */" in (folder / "stylesheets" / "yingji.css").read_text("utf-8")


def test_content_errors_show_on_the_page_and_the_last_good_version_stays(preview, minimal_project, capsys):
    session = preview()
    server, _ = open_server("127.0.0.1", 0, session.folder, session.status)
    server.start()
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        good = get(base + "glossary/index.html")[1]
        originals = {name: (minimal_project / name).read_text("utf-8") for name in (GLOSSARY, UNITS)}
        edit_definition(minimal_project, "（这次改动不该出现）")
        (minimal_project / GLOSSARY).write_text((minimal_project / GLOSSARY).read_text("utf-8").replace("term:", "trem:", 1), "utf-8")
        (minimal_project / UNITS).write_text(originals[UNITS].replace("kind: 统称", "kind: 统称\n    colour: 红"), "utf-8")
        session.on_change([GLOSSARY, UNITS])

        code, page = get(base + "glossary/index.html")
        assert code == 200
        assert good.split('<div id="yingji-preview"')[0] == page.split('<div id="yingji-preview"')[0]  # the last good page
        status = json.loads(get(base + "__yingji/status")[1])
        files = {re.match(r"(content/\w+\.yml):\d+:\d+: ", e).group(1) for e in status["errors"]}
        assert files == {GLOSSARY, UNITS}  # all of them, from both files
        assert f"有 {len(status['errors'])} 处错误，页面显示的是上一次的正确版本" in page
        for error in status["errors"]:  # every one of them, in Chinese, in the page
            assert re.search(r"[\u4e00-\u9fff]", error)
            assert error.split(": ", 1)[0] in page
        err = capsys.readouterr().err
        assert all(error in err for error in status["errors"])  # and in the terminal

        for name, text in originals.items():
            (minimal_project / name).write_text(text, "utf-8")
        session.on_change([GLOSSARY, UNITS])
        assert json.loads(get(base + "__yingji/status")[1])["errors"] == []
        assert "处错误" not in get(base + "glossary/index.html")[1]
    finally:
        server.shutdown()
        server.server_close()


def test_the_overlay_page_reloads_by_itself_when_the_site_changes():
    status = Status()
    server, _ = open_server("127.0.0.1", 0, lambda: None, status)
    server.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        assert get(base + "/")[0] == 503  # not built yet: the page says so and waits
        started = time.monotonic()
        waiting = {}

        def poll():
            waiting["answer"] = json.loads(get(f"{base}/__yingji/status?site=1&state=1")[1])

        import threading

        thread = threading.Thread(target=poll)
        thread.start()
        time.sleep(0.3)
        status.new_site()
        thread.join(10)
        assert waiting["answer"]["site"] == 2 and time.monotonic() - started < 5
        assert "location.reload()" in get(base + "/__yingji/preview.js")[1]
    finally:
        server.shutdown()
        server.server_close()


def test_a_busy_port_gives_the_next_free_one():
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        server, busy = open_server("127.0.0.1", port, lambda: None, Status())
        assert busy == [port] and server.server_port > port
        server.server_close()
    finally:
        taken.close()


def test_saving_a_content_file_is_seen_and_generated_files_are_not(minimal_project):
    (minimal_project / "docs" / ".generated").write_text("index.md\n", "utf-8")
    (minimal_project / "docs" / "index.md").write_text("generated", "utf-8")
    (minimal_project / "docs" / "downloads").mkdir()
    (minimal_project / "docs" / "downloads" / "x.pdf.tmp").write_bytes(b"%PDF")
    sources = Sources(minimal_project, ["mkdocs.yml", "theme_overrides", "hooks"])
    before = sources.snapshot()
    assert "docs/stylesheets/yingji.css" in before and "mkdocs.yml" in before and GLOSSARY in before
    assert not any(name.startswith(("docs/index.md", "docs/downloads")) for name in before)
    time.sleep(0.01)
    edit_definition(minimal_project, "改")
    (minimal_project / "docs" / "index.md").write_text("generated again", "utf-8")
    assert changed_files(before, sources.snapshot()) == [GLOSSARY]


def test_mkdocs_noise_is_dropped_and_its_warnings_said_in_chinese():
    output = "\n".join([
        "INFO    -  Cleaning site directory",
        'INFO    -  The following pages exist in the docs directory, but are not included in the "nav" configuration:',
        *[f"  - tasks/t{n:02d}.md" for n in range(1, 30)],
        "WARNING -  Doc file 'about.md' contains a link 'nope.md', but the target is not found among documentation files.",
        "",
        "Aborted with 1 warnings in strict mode!",
    ])
    assert essential_lines(output) == ["页面 about.md 链接到 nope.md，但网站中没有这个文件", "有 1 条警告，严格模式下停止生成"]
    assert translate("Doc file 'a.md' contains a link 'b.md#x', but the doc 'b.md' does not contain an anchor '#x'.") == \
        "页面 a.md 链接到 b.md#x，但 b.md 中没有锚点 #x"


@pytest.mark.slow
def test_pdfs_are_made_in_the_background_without_a_rebuild(preview, minimal_project, monkeypatch):
    monkeypatch.setenv("YINGJI_PDF_CACHE", str(PDF_CACHE))
    session = preview(pdf=True)
    assert session.status.snapshot()["notes"]  # the PDFs are stale until the job has run
    deadline = time.monotonic() + 300
    while session.status.snapshot()["busy"] and time.monotonic() < deadline:
        time.sleep(0.5)
    status = session.status.snapshot()
    assert not status["busy"] and status["notes"] == [] and status["errors"] == []
    assert status["site"] == 2  # built once at start; the PDFs arriving rebuilt nothing
    placed = sorted(p.relative_to(minimal_project / "docs").as_posix() for p in (minimal_project / "docs" / "downloads").rglob("*.pdf"))
    assert placed and all((session.folder() / name).is_file() for name in placed)


def serve_command(project: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "YINGJI_PDF_CACHE": str(PDF_CACHE)}
    command = [sys.executable, "-m", "yingji.cli", "--root", str(project), "serve", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=REPO)


def read_until(process: subprocess.Popen, marker: str, lines: list[str], timeout: float = 240) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if marker in line:
            return line
    raise AssertionError("\n".join(lines))


def test_serve_takes_the_next_port_and_says_where_it_is_in_chinese(minimal_project):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    process = serve_command(minimal_project, "--port", str(port), "--no-pdf")
    lines: list[str] = []
    try:
        read_until(process, "预览：http://", lines)
        assert f"端口 {port} 已被占用" in lines[0]
        address = re.search(r"http://127\.0\.0\.1:(\d+)/", lines[-1])
        assert address and int(address.group(1)) > port
        assert get(address.group(0) + "glossary/index.html")[0] == 200
    finally:
        process.terminate()
        rest, _ = process.communicate(timeout=60)
        taken.close()
    lines += rest.splitlines()
    assert process.returncode == 0 and lines[-1] == "预览已停止。"
    english = [line for line in lines if re.search(r"\b(INFO|WARNING|Building|Serving|Documentation|Watching)\b", line)]
    assert not english, english


def test_a_kill_during_the_first_build_stops_the_preview_cleanly(minimal_project):
    # The SIGTERM handler is in place before anything is announced: CI once killed a preview in the
    # moment between "预览：http://…" and the handler, and it died of the signal (exit -15).
    process = serve_command(minimal_project, "--no-pdf")
    lines: list[str] = []
    try:
        read_until(process, "正在生成", lines)
    finally:
        process.terminate()
        rest, _ = process.communicate(timeout=60)
    lines += rest.splitlines()
    assert process.returncode == 0 and lines[-1] == "预览已停止。", lines


def test_the_internal_preview_stays_on_this_machine(minimal_project):
    result = subprocess.run([sys.executable, "-m", "yingji.cli", "--root", str(minimal_project), "serve", "--profile", "internal",
                             "--host", "0.0.0.0"], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 2
    assert "内部版含个人姓名和完整电话，只能在本机预览" in result.stderr


def test_broken_content_at_start_shows_the_errors_and_builds_once_fixed(preview, minimal_project, capsys):
    glossary = minimal_project / GLOSSARY
    text = glossary.read_text("utf-8")
    glossary.write_text(text.replace("term:", "trem:", 1), "utf-8")
    session = preview()  # a fresh project: no generated page yet
    assert session.folder() is None
    assert "处错误（浏览器中也显示）" in capsys.readouterr().out
    server, _ = open_server("127.0.0.1", 0, session.folder, session.status)
    server.start()
    try:
        code, page = get(f"http://127.0.0.1:{server.server_port}/")
        assert code == 503 and "网站还没有生成好" in page and "content/glossary.yml:" in page
        glossary.write_text(text, "utf-8")
        session.on_change([GLOSSARY])
        assert get(f"http://127.0.0.1:{server.server_port}/glossary/index.html")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_the_open_page_follows_edits_and_shows_errors_in_place(preview, minimal_project, page):
    session = preview()
    server, _ = open_server("127.0.0.1", 0, session.folder, session.status)
    server.start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/glossary/index.html")
        page.wait_for_load_state("load")
        edit_definition(minimal_project, "（浏览器里看到的改动）")
        session.on_change([GLOSSARY])
        page.wait_for_function("document.body.innerText.includes('（浏览器里看到的改动）')", timeout=10000)  # reloaded by itself

        text = (minimal_project / GLOSSARY).read_text("utf-8")
        (minimal_project / GLOSSARY).write_text(text.replace("term:", "trem:", 1), "utf-8")
        session.on_change([GLOSSARY])
        overlay = page.locator("#yingji-preview .yj-pv-errors")
        overlay.wait_for(state="visible", timeout=10000)
        assert "content/glossary.yml:" in overlay.inner_text()
        assert "（浏览器里看到的改动）" in page.inner_text("article")  # the last good page is still there

        (minimal_project / GLOSSARY).write_text(text, "utf-8")
        session.on_change([GLOSSARY])
        overlay.wait_for(state="detached", timeout=10000)
    finally:
        server.shutdown()
        server.server_close()
