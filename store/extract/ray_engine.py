"""Ingest on a Ray cluster: parsing and extraction run in a pool of Ray actors, the writer stays here.

The pattern is Ray Data's `map_batches` over an actor pool: each actor loads
the spaCy model once (`_Extractor.__init__`) and turns batches of jobs into
extraction records, exactly the function a local ingest runs
(`pipeline.analyse_batch`). Jobs and results cross the cluster as JSON text,
so nothing depends on Arrow's idea of nested data and the records come back
byte for byte as a local ingest makes them. The results stream back as they
finish; this process keeps the writer lock, checks that every document came
back exactly once, and stores them as a local ingest would.

Failure: Ray Data restarts an actor that dies and runs its batch again
(its actor pools default to `max_restarts=-1`, `max_task_retries=-1`). A document that comes back twice is
kept once; a document that never comes back fails the ingest before the
store is touched. Without `address` a local Ray is started (and stopped) in
this process; with one, the ingest joins that cluster, whose nodes must have
this project and its model installed (docs/scaling.md).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from store.errors import InputError, ModelMissing, StoreError
from store.extract.pipeline import DEFAULT_BATCH_SIZE, Job, ProgressFn
from store.read.layout import Block

RAY_HINT = "install the Ray extra with `make install-ray` (or `pip install '.[ray]'`)"


def job_to_json(job: Job) -> str:
    return orjson.dumps({"doc_id": job.doc_id, "text": job.text, "blocks": [b.as_record() for b in job.blocks], "date": job.date}).decode()


def job_from_json(payload: str) -> Job:
    data = orjson.loads(payload)
    return Job(data["doc_id"], data["text"], [Block(b["start"], b["end"], b["role"]) for b in data["blocks"]], data["date"])


class _Extractor:
    """One Ray actor: the model loaded once, then batch after batch of jobs.

    The model name and batch size are class attributes of a subclass made per ingest (`_extractor_for`), not
    constructor arguments: Ray keeps constructor arguments in its object store, where a restarted actor may not find them.
    """

    model = ""
    batch_size = DEFAULT_BATCH_SIZE

    def __init__(self) -> None:
        from store.extract.nlp import load_pipeline

        self.nlp = load_pipeline(self.model)  # a worker without the model fails here, with ModelMissing's message
        self.pid = os.getpid()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from store.extract.pipeline import analyse_batch

        jobs = [job_from_json(str(p)) for p in batch["job"]]
        done = dict(analyse_batch(self.nlp, jobs, self.batch_size))
        return {
            "doc_id": [job.doc_id for job in jobs],
            "result": [orjson.dumps(done[job.doc_id]).decode() for job in jobs],
            "worker": [self.pid] * len(jobs),
        }


def _extractor_for(model: str, batch_size: int) -> type[_Extractor]:
    return type("_Extractor", (_Extractor,), {"model": model, "batch_size": batch_size})


def _quiet(ray: Any) -> None:
    """Ray's own progress bars and log lines would fight with ours on the terminal."""
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    for name in ("ray", "ray.data", "ray._private", "ray.data._internal"):
        logging.getLogger(name).setLevel(logging.ERROR)


@contextmanager
def _stderr_to(path: Path | None) -> Iterator[None]:
    """Ray's processes write their notices straight to file descriptor 2; send them to a log file instead.

    The command line draws its progress on a copy of the terminal's descriptor taken before, so it is unaffected.
    """
    if path is None:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    with path.open("ab") as log:
        os.dup2(log.fileno(), 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def analyse_with_ray(
    jobs: list[Job],
    model: str,
    address: str | None = None,
    actors: int = 2,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: ProgressFn | None = None,
    log_path: Path | None = None,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (doc_id, extraction) for every job, each exactly once, in completion order; Ray's own output goes to log_path."""
    with _stderr_to(log_path):
        yield from _run(jobs, model, address, actors, batch_size, progress)


def _run(
    jobs: list[Job], model: str, address: str | None, actors: int, batch_size: int, progress: ProgressFn | None
) -> Iterator[tuple[str, dict[str, Any]]]:
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        import ray
        import ray.data
    except ImportError:
        raise InputError(f"--engine ray: Ray is not installed; {RAY_HINT}") from None
    if not jobs:
        return
    started_here = not ray.is_initialized()
    if started_here:
        try:
            ray.init(
                address=address,
                num_cpus=None if address else max(actors, 1),
                include_dashboard=False,
                log_to_driver=False,
                logging_level=logging.ERROR,
                configure_logging=False,
            )
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise InputError(f"--engine ray: cannot reach a Ray cluster at {address or 'a new local instance'} ({exc})") from None
    try:
        _quiet(ray)
        yield from _stream(ray, jobs, model, actors, batch_size, progress)
    finally:
        if started_here:
            ray.shutdown()


def _stream(
    ray: Any, jobs: list[Job], model: str, actors: int, batch_size: int, progress: ProgressFn | None
) -> Iterator[tuple[str, dict[str, Any]]]:
    per_task = max(1, min(batch_size, len(jobs) // (actors * 4) or 1))
    rows = [{"doc_id": job.doc_id, "job": job_to_json(job)} for job in jobs]
    dataset = ray.data.from_items(rows, override_num_blocks=max(1, len(rows) // per_task))
    results = dataset.map_batches(
        _extractor_for(model, batch_size),
        batch_size=per_task,
        compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=1,
        batch_format="numpy",
    )
    wanted = {job.doc_id for job in jobs}
    seen: set[str] = set()
    try:
        for batch in results.iter_batches(batch_size=None, batch_format="numpy"):
            for doc_id, payload in zip(batch["doc_id"], batch["result"], strict=True):
                doc_id = str(doc_id)
                if doc_id in seen or doc_id not in wanted:
                    continue  # a batch run again after its actor died: its documents are already here
                seen.add(doc_id)
                record = orjson.loads(str(payload))
                if progress:
                    progress(1, record["tokens"])
                yield doc_id, record
    except ray.exceptions.RayError as exc:
        raise _explain(exc) from None
    missing = wanted - seen
    if missing:
        raise StoreError(
            f"--engine ray: {len(missing)} documents never came back from the cluster; the store was not changed — run the ingest again"
        )


def _explain(exc: Exception) -> Exception:
    """A worker's failure as one line: a missing model says what to install on the workers."""
    text = str(exc)
    if "ModelMissing" in text or "spaCy model" in text or "No module named 'store'" in text:
        return ModelMissing(
            "--engine ray: a Ray worker cannot load the spaCy model or this project; install backchannel and its model "
            "in the same environment on every node (docs/scaling.md)"
        )
    first = next((line for line in text.splitlines() if line.strip()), text)
    return StoreError(f"--engine ray: the cluster failed ({first[:300]}); the store was not changed")
