"""The WeasyPrint side: warnings are errors, HarfBuzz-subset is required, nothing is fetched."""

from __future__ import annotations

import pytest

from yingji.print import engine
from yingji.print.engine import HARFBUZZ_MESSAGE, Job, PrintError, render_job

PAGE = '<html lang="zh-CN"><head></head><body><p>应急管理{body}</p></body></html>'


def job(tmp_path, css="", body="") -> tuple[Job, str]:
    target = str(tmp_path / "out.pdf")
    return Job("测试文档", "k", PAGE.format(body=body), (css,), target), target


def test_a_clean_document_renders(tmp_path):
    the_job, target = job(tmp_path, css="html { font-family: 'Noto Serif CJK SC'; }")
    result = render_job(the_job)
    assert result.pages == 1 and open(target, "rb").read(5) == b"%PDF-"


def test_a_weasyprint_warning_is_an_error_and_nothing_reaches_the_cache(tmp_path):
    the_job, target = job(tmp_path, css="p { no-such-property: 1; }")
    with pytest.raises(PrintError, match="no-such-property"):
        render_job(the_job)
    assert not list(tmp_path.iterdir())


def test_outside_resources_are_refused(tmp_path):
    the_job, _ = job(tmp_path, body='<img src="https://example.invalid/logo.png">')
    with pytest.raises(PrintError, match="外部资源"):
        render_job(the_job)


def test_missing_harfbuzz_subset_is_a_clear_chinese_error(monkeypatch):
    import weasyprint.text.ffi

    monkeypatch.setattr(weasyprint.text.ffi, "harfbuzz_subset", None)
    with pytest.raises(PrintError) as raised:
        engine.check_harfbuzz_subset()
    assert str(raised.value) == HARFBUZZ_MESSAGE and "apt-get install libharfbuzz-subset0" in HARFBUZZ_MESSAGE


@pytest.mark.slow
def test_the_fonttools_fallback_warning_becomes_the_harfbuzz_error(tmp_path, monkeypatch):
    """What happens on a machine without the library: WeasyPrint falls back and warns; we stop."""
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    the_job, _ = job(tmp_path, css="html { font-family: 'Noto Serif CJK SC'; }")
    with pytest.raises(PrintError) as raised:
        render_job(the_job)
    assert str(raised.value) == HARFBUZZ_MESSAGE


def test_two_books_are_never_laid_out_at_once_while_cards_remain():
    from yingji.print.engine import HEAVY
    from yingji.print.pool import Feeder

    def sized(n):
        return Job(f"doc{n}", "k", "x" * n, (), "")

    jobs = [sized(10), sized(HEAVY), sized(10), sized(2 * HEAVY), sized(10), sized(10)]
    feeder = Feeder(jobs, depth=3)
    assert feeder.take(0) == [3, 0, 2]  # the bigger book first, then cards in catalog order
    feeder.finished(0)
    assert feeder.take(2) == [4]  # a card, not the second book: the first is still being laid out
    feeder.finished(3)
    assert feeder.take(2) == [1]  # the first book is done: the second goes next
    # no book waits any more: cards are handed over twice as deep (the pool feeds idle workers
    # itself while this process assembles a bundle)
    assert feeder.take(3) == [5] and not feeder
    many = Feeder([sized(10)] * 10, depth=3)
    assert many.take(0) == [0, 1, 2, 3, 4, 5]
    only_books = Feeder([sized(HEAVY), sized(HEAVY)], depth=3)
    assert only_books.take(0) == [0, 1]  # nothing else to do: both at once


def test_workers_leave_no_font_folder_behind(tmp_path, request):
    """WeasyPrint copies @font-face files into a temporary folder per worker (8 MB with the cut
    faces); pool workers exit without collecting it, so the engine removes it on the way out."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from yingji.print.fonts import font_faces_css

    # a short TMPDIR of its own: the fork server puts its socket there (AF_UNIX paths are short)
    temporary = Path(tempfile.mkdtemp(prefix="yj-", dir="/tmp"))
    request.addfinalizer(lambda: shutil.rmtree(temporary, ignore_errors=True))
    css = font_faces_css() + 'html { font-family: "Noto Serif CJK SC Print"; }'
    script = (
        "import sys\n"
        "from yingji.print.engine import Job\n"
        "from yingji.print.pool import run_jobs\n"
        "if __name__ == '__main__':\n"
        f"    jobs = [Job('测试{{}}'.format(n), 'k', '<p>应急管理</p>', ({css!r},), {str(tmp_path)!r} + f'/out{{n}}.pdf') for n in range(3)]\n"
        "    print(sum(r.pages for r in run_jobs(jobs, progress=False)))\n"
    )
    (tmp_path / "run.py").write_text(script, "utf-8")
    done = subprocess.run([sys.executable, str(tmp_path / "run.py")], capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(temporary)}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"
    assert not list(temporary.glob("weasyprint-*"))
