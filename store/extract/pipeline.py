"""Running spaCy over many documents: in this process for small jobs, in worker processes for large ones.

Each worker loads the model once and returns finished extraction records, so
that parsing and extraction both run in parallel and only small plain data
crosses process boundaries.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from store.read.layout import Block

# Below this many characters per worker, starting a process (importing spaCy,
# loading the model: about two seconds) costs more than it saves.
CHARS_PER_WORKER = 150_000
DEFAULT_BATCH_SIZE = 32
# The largest piece of text given to the parser at once; longer documents are cut at paragraph breaks.
CHUNK_CHARS = 200_000


@dataclass
class Job:
    doc_id: str
    text: str
    blocks: list[Block]
    date: str | None


ProgressFn = Callable[[int, int], None]  # (documents done, tokens done) since the last call

_worker_nlp: Any = None


def plan_workers(jobs: list[Job], workers: int) -> int:
    chars = sum(len(j.text) for j in jobs)
    return max(1, min(workers, chars // CHARS_PER_WORKER, len(jobs)))


def analyse_jobs(
    jobs: list[Job], model: str, workers: int = 1, batch_size: int = DEFAULT_BATCH_SIZE, progress: ProgressFn | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (doc_id, extraction) for every job, in completion order."""
    if not jobs:
        return
    if plan_workers(jobs, workers) <= 1:
        from store.extract.nlp import load_pipeline

        yield from _analyse_batch_with(load_pipeline(model), jobs, batch_size, progress)
        return
    yield from _analyse_parallel(jobs, model, plan_workers(jobs, workers), batch_size, progress)


def _analyse_batch_with(nlp: Any, jobs: list[Job], batch_size: int, progress: ProgressFn | None) -> Iterator[tuple[str, dict[str, Any]]]:
    from store.extract.analysis import analyse, merge_chunks

    # Long documents are parsed in pieces (spaCy refuses over a million characters, and the parser's
    # memory grows with the text); every piece's offsets are shifted back into the whole text.
    pieces = [(job, start, end) for job in jobs for start, end in chunk_bounds(job.text)]
    docs = nlp.pipe((job.text[start:end] for job, start, end in pieces), batch_size=batch_size)
    partial: list[tuple[int, dict[str, Any]]] = []
    for (job, start, end), doc in zip(pieces, docs, strict=True):
        blocks = [b.shifted(-start) for b in job.blocks if b.start < end and b.end > start]
        partial.append((start, analyse(doc, blocks, job.date)))
        if end < len(job.text):
            continue
        record = merge_chunks(partial)
        partial = []
        if progress:
            progress(1, record["tokens"])
        yield job.doc_id, record


def analyse_batch(nlp: Any, jobs: list[Job], batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[tuple[str, dict[str, Any]]]:
    """What every engine runs on a batch with a loaded model: (doc_id, extraction) per job."""
    return _analyse_batch_with(nlp, jobs, batch_size, None)


def chunk_bounds(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Cut a text into pieces of at most `limit` characters, at a paragraph break, else a line, else a space."""
    limit = limit or CHUNK_CHARS
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        end = start + (cut + 1 if cut > limit // 2 else limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _init_worker(model: str) -> None:
    global _worker_nlp
    from store.extract.nlp import load_pipeline

    _worker_nlp = load_pipeline(model)


def _work(jobs: list[Job], batch_size: int) -> list[tuple[str, dict[str, Any]]]:
    return list(_analyse_batch_with(_worker_nlp, jobs, batch_size, None))


def _analyse_parallel(
    jobs: list[Job], model: str, workers: int, batch_size: int, progress: ProgressFn | None
) -> Iterator[tuple[str, dict[str, Any]]]:
    # Small chunks keep both workers busy to the end; the fork server imports spaCy once for all of them.
    chunk = max(4, min(batch_size, len(jobs) // (workers * 8)))
    chunks = [jobs[i : i + chunk] for i in range(0, len(jobs), chunk)]
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["store.extract.nlp", "store.extract.analysis"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(model,)) as pool:
        pending = {pool.submit(_work, c, batch_size) for c in chunks}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                results = future.result()
                if progress:
                    progress(len(results), sum(r["tokens"] for _, r in results))
                yield from results
