"""Run render jobs in long-lived worker processes, one per core, with a progress bar.

Big jobs go first (the handbook before the village cards) so that no core sits idle at the
end waiting for one big document, and never two of them at once (Feeder). With a single job
there is no point in a pool: it runs in one worker all the same, which keeps WeasyPrint out
of the main process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from .engine import HEAVY, Job, JobResult, init_worker, render_job

PROGRESS_MIN_JOBS = 8  # a bar for a handful of jobs is noise


def worker_count(jobs: int) -> int:
    return max(1, min(len(os.sched_getaffinity(0)), jobs))


def _context():
    """forkserver: workers start from a clean process, never from a copy of a parent that may
    run threads (`yingji serve`) or hold the whole knowledge graph. The fork server imports
    WeasyPrint once (~0.7 s of CPU); each worker is a fork of it, ready at once — which is
    most of the time of a build that re-renders one village."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["yingji.print.engine", "weasyprint"])
    return context


def start_early() -> None:
    """Start the fork server now: it imports WeasyPrint on the other core while this process
    still writes print HTML, instead of after it (about half a second of a one-village build)."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def run_jobs(jobs: list[Job], *, progress: bool | None = None, on_result=None) -> list[JobResult]:
    """Render all jobs; results in the order of `jobs`. The first failure stops the batch.

    `on_result(result)` runs in this process as each job finishes (the stage assembles a
    township's bundle as soon as its last card is done, while the workers go on).
    """
    if not jobs:
        return []
    context = _context()
    bar = _progress_bar(len(jobs), progress)
    results: dict[int, JobResult] = {}
    workers = worker_count(len(jobs))
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker)
    feeder = Feeder(jobs, workers + 1)
    running: dict = {}
    try:
        while feeder or running:
            for index in feeder.take(len(running)):
                running[pool.submit(render_job, jobs[index])] = index
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                index = running.pop(future)
                results[index] = result = future.result()  # re-raises a worker's error
                feeder.finished(index)
                if on_result:
                    on_result(result)
                if bar:
                    bar.update(1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if bar:
            bar.close()
    return [results[i] for i in range(len(jobs))]


class Feeder:
    """Which job goes to the workers next: books first but never two at once, the rest in
    catalog order (a township's cards finish together).

    A book's layout takes ~330 MB in its worker for a while; two at the same time push the
    stage over its memory budget. So while small documents remain, a second book waits until
    the first is done: jobs are handed over a few at a time (`depth`: one per worker and one
    queued), not all at once, so that the second book goes next when the first finishes.
    """

    def __init__(self, jobs: list[Job], depth: int):
        self.heavy = sorted((i for i in range(len(jobs)) if jobs[i].weight >= HEAVY), key=lambda i: -jobs[i].weight)
        self.light = [i for i in range(len(jobs)) if jobs[i].weight < HEAVY]
        self.light.reverse()  # taken from the end
        self.depth, self.book = depth, None

    def __bool__(self) -> bool:
        return bool(self.heavy or self.light)

    def take(self, in_flight: int) -> list[int]:
        # once no book waits, hand over more: the pool's own thread then feeds an idle worker
        # while this process is busy (assembling a bundle) instead of leaving it waiting
        limit = self.depth if self.heavy else 2 * self.depth
        taken = []
        while self and in_flight + len(taken) < limit:
            if self.heavy and (self.book is None or not self.light):
                self.book = self.heavy.pop(0)
                taken.append(self.book)
            elif self.light:
                taken.append(self.light.pop())
            else:
                break
        return taken

    def finished(self, index: int) -> None:
        if index == self.book:
            self.book = None


def _progress_bar(total: int, progress):
    """`progress`: a progress.Progress (`yingji build`: a bar, or lines in a log), or whether
    to show a bar (None: in a terminal, for enough jobs)."""
    if hasattr(progress, "bar"):
        return progress.bar(total, "生成 PDF", "份")
    if progress is False or (progress is None and (total < PROGRESS_MIN_JOBS or not sys.stderr.isatty())):
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="生成 PDF", unit="份", file=sys.stderr, dynamic_ncols=True, leave=False)
