"""Run render jobs in long-lived worker processes, one per core, with a progress bar.

Big jobs are submitted first (the handbook before the village cards) so that no core sits
idle at the end waiting for one big document. With a single job there is no point in
a pool: it runs in one worker all the same, which keeps WeasyPrint out of the main process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

from .engine import HEAVY, Job, JobResult, init_worker, render_job

PROGRESS_MIN_JOBS = 8  # a bar for a handful of jobs is noise


def worker_count(jobs: int) -> int:
    return max(1, min(len(os.sched_getaffinity(0)), jobs))


def run_jobs(jobs: list[Job], *, progress: bool | None = None, on_result=None) -> list[JobResult]:
    """Render all jobs; results in the order of `jobs`. The first failure stops the batch.

    `on_result(result)` runs in this process as each job finishes (the stage assembles a
    township's bundle as soon as its last card is done, while the workers go on).
    """
    if not jobs:
        return []
    ordered = schedule(jobs)
    # forkserver: workers start from a clean process, never from a copy of a parent that may
    # run threads (`yingji serve`) or hold the whole knowledge graph. The fork server imports
    # WeasyPrint once (~0.7 s of CPU); each worker is a fork of it, ready at once — which is
    # most of the time of a build that re-renders one village.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["yingji.print.engine", "weasyprint"])
    bar = _progress_bar(len(jobs), progress)
    results: dict[int, JobResult] = {}
    pool = ProcessPoolExecutor(worker_count(len(jobs)), mp_context=context, initializer=init_worker)
    try:
        futures = {pool.submit(render_job, jobs[i]): i for i in ordered}
        for future in as_completed(futures):
            result = future.result()  # re-raises a worker's error
            results[futures[future]] = result
            if on_result:
                on_result(result)
            if bar:
                bar.update(1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if bar:
            bar.close()
    return [results[i] for i in range(len(jobs))]


def schedule(jobs: list[Job]) -> list[int]:
    """Order of submission: the books first but never two at once, the rest in catalog order.

    A book's layout briefly takes ~260 MB in its worker; two at the same time would push the
    stage over its memory budget. So the second book waits until the other worker has done a
    share of the small documents, and no core sits idle at the end waiting for a big one.
    The small ones keep their catalog order, so a township's cards finish together.
    """
    heavy = sorted((i for i in range(len(jobs)) if jobs[i].weight >= HEAVY), key=lambda i: -jobs[i].weight)
    light = [i for i in range(len(jobs)) if jobs[i].weight < HEAVY]
    if len(heavy) < 2 or not light:
        return heavy + light
    step = max(1, len(light) // len(heavy))
    result = []
    for n, index in enumerate(heavy):
        result.append(index)
        result += light[n * step : (n + 1) * step if n + 1 < len(heavy) else len(light)]
    return result


def _progress_bar(total: int, progress):
    """`progress`: a progress.Progress (`yingji build`: a bar, or lines in a log), or whether
    to show a bar (None: in a terminal, for enough jobs)."""
    if hasattr(progress, "bar"):
        return progress.bar(total, "生成 PDF", "份")
    if progress is False or (progress is None and (total < PROGRESS_MIN_JOBS or not sys.stderr.isatty())):
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="生成 PDF", unit="份", file=sys.stderr, dynamic_ncols=True, leave=False)
