"""Kill the writers (SIGKILL) at random moments and prove nothing is torn or lost.

Three targets: the store's atomic save with its pack appends (in a loop), annotation saves as the
explorer makes them (in a loop), and real ingests of the test articles. After
every kill the files must open cleanly and hold one whole generation, every
acknowledged annotation must be there, and a new ingest must complete.
The kill counts are reported in README ("Your data is safe").
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from store.db import Store
from store.hand.annotations import AnnotationStore
from store.ingest import ingest

from .conftest import ROOT, WIKINEWS

STORE_KILLS = 40
ANNOTATION_KILLS = 40
INGEST_KILLS = 20  # in two lanes at once, to keep the suite's time
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def kill_after(proc: subprocess.Popen, seconds: float, first_ack: bool = False) -> list[str]:
    """SIGKILL the child `seconds` after it starts or, with `first_ack`, after it acknowledged its first save.

    Waiting for the first acknowledgement (a state) rather than a fixed start-up time keeps the kills
    landing between saves however slowly a busy machine starts Python.
    """
    first = proc.stdout.readline() if first_ack else ""
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    return (first + out).split()


def test_killing_store_saves_never_tears_the_store(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "store.json"
    for _ in range(STORE_KILLS):
        acknowledged = kill_after(start("-m", "tests.helpers.save_loop", "store", str(path)), rng.uniform(0.0, 0.25), first_ack=True)
        store = Store.open(path)  # parses: never half a file
        generations = {doc["gen"] for doc in store.documents.values()}
        assert len(generations) == 1, f"a torn save mixed generations {generations}"
        (generation,) = generations
        assert len(store.documents) == 1 + generation % 40
        # Each text is read back from the pack, appended before the store file was replaced: never torn, never missing.
        assert all(doc["text"] == f"generation {generation} " * 200 for doc in store.documents.values())
        if acknowledged:
            assert generation >= int(acknowledged[-1]), "an acknowledged save was lost"
    Store.open(path).save()  # the next save clears what killed writers left behind
    assert not [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_killing_annotation_saves_loses_no_acknowledged_annotation(tmp_path: Path) -> None:
    rng = random.Random(11)
    store_path = tmp_path / "store.json"
    annotations = AnnotationStore.for_store(store_path)
    acknowledged_total: set[str] = set()
    for _ in range(ANNOTATION_KILLS):
        loop = start("-m", "tests.helpers.save_loop", "annotations", str(store_path))
        acknowledged = kill_after(loop, rng.uniform(0.0, 0.25), first_ack=True)
        acknowledged_total.update(f"n{int(n):06d}" for n in acknowledged)
        records = {a["id"]: a for a in annotations.all()}  # opens cleanly after every kill
        for record in records.values():
            assert record["exact"] and record["note"].startswith("note ") and record["end"] - record["start"] == 11
        missing = acknowledged_total - set(records)
        assert not missing, f"{len(missing)} acknowledged annotations lost"
    assert len(acknowledged_total) >= ANNOTATION_KILLS  # every run saved at least once before its kill


def _ingest_lane(path: Path, seed: int, kills: int) -> set[int]:
    rng = random.Random(seed)
    states: set[int] = set()
    articles = len(list(WIKINEWS.glob("*.txt")))
    for i in range(kills):
        proc = start("-m", "tui.cli", "ingest", str(WIKINEWS), "--store", str(path), "--workers", "1", "-q")
        kill_after(proc, rng.uniform(0.6, 3.5))  # before 0.6 s it is still importing spaCy
        if path.exists():
            store = Store.open(path)
            # Whole or nothing: every stored document has its extraction and every mention a document.
            assert set(store.documents) == set(store.extractions)
            assert all(m["doc"] in store.documents for a in store.actors.values() for m in a["mentions"])
            states.add(len(store.documents))
        if i % 10 == 9:  # a rerun after a kill completes and gives the full store
            assert ingest([WIKINEWS], path, workers=1).documents == articles
            path.unlink()
    return states


def test_killing_ingest_leaves_a_store_that_opens_and_a_rerun_that_completes(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        lanes = [pool.submit(_ingest_lane, tmp_path / f"lane{n}.json", n, INGEST_KILLS // 2) for n in range(2)]
        states = set().union(*(lane.result() for lane in lanes))
    assert states <= {0, len(list(WIKINEWS.glob("*.txt")))}
