"""Kill the writers (SIGKILL) at random moments and prove nothing is torn or lost.

Five targets: the store's atomic save with its pack appends (in a loop), annotation saves as the
explorer makes them (in a loop), real ingests of the test articles, the migration of an older
store (in a loop), and ingests into an archive that move articles between its month shards.
After every kill the files must open cleanly and hold one whole generation, every
acknowledged annotation must be there, no article may be missing from every shard, and a new
ingest must complete.
The kill counts are reported in README ("Your data is safe").
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
from click.testing import CliRunner

from store.db import Store, copy_store
from store.hand.annotations import AnnotationStore, make_annotation
from store.hand.corrections import actor_target
from store.hand.edits import make_edit
from store.ingest import ingest
from store.resolve.archive import shard_of, shards
from tui.cli import main

from .conftest import ROOT, SEEDS, WIKINEWS, actor_named
from .helpers.old_stores import write_schema

STORE_KILLS = 30
ANNOTATION_KILLS = 30
INGEST_KILLS = 14  # in two lanes at once, to keep the suite's time
MIGRATION_KILLS = 8
ARCHIVE_KILLS = 5
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
        if i == kills - 1:  # a rerun after the last kill completes and gives the full store
            assert ingest([WIKINEWS], path, workers=1).documents == articles
            path.unlink()
    return states


def test_killing_ingest_leaves_a_store_that_opens_and_a_rerun_that_completes(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        lanes = [pool.submit(_ingest_lane, tmp_path / f"lane{n}.json", n, INGEST_KILLS // 2) for n in range(2)]
        states = set().union(*(lane.result() for lane in lanes))
    assert states <= {0, len(list(WIKINEWS.glob("*.txt")))}


def _exported(path: Path) -> dict:
    result = CliRunner().invoke(main, ["export", "--format", "json", "--store", str(path)])
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.stdout_bytes)
    return {table: data[table] for table in ("documents", "actors", "meetings", "quotes", "annotations")}


def _hand_work(paths: list[Path], store: Store) -> None:
    """A note on the seed article and a merge of two actors, the same records on each store: what a migration must carry over."""
    doc = next(d for d in store.documents.values() if "Hezbollah" in d["text"])
    start = doc["text"].index("Hezbollah")
    note = make_annotation(doc, start, start + 9, "note", "Lebanese militia")
    merge = make_edit("actor.merge", actor_target(actor_named(store, "Israel")), other=actor_target(actor_named(store, "Israelis")))
    for path in paths:
        AnnotationStore.for_store(path).put(note)
        AnnotationStore.for_store(path).record(merge)


def test_killing_migrations_leaves_the_older_store_or_the_migrated_one_with_its_hand_work(tmp_path: Path, seed_store: Store) -> None:
    older, path, today = tmp_path / "older.json", tmp_path / "store.json", tmp_path / "today.json"
    write_schema(seed_store.path, older, 3)
    copy_store(older, path)  # the pack beside it; the loop puts the older store file back in place before each open
    copy_store(seed_store.path, today)
    _hand_work([path, today], seed_store)
    expected = _exported(today)
    backup = tmp_path / "store.json.v3.bak"
    rng = random.Random(5)
    for _ in range(MIGRATION_KILLS):
        kill_after(start("-m", "tests.helpers.save_loop", "migrate", str(path), str(older)), rng.uniform(0.0, 0.3), first_ack=True)
        if backup.exists():
            assert backup.read_bytes() == older.read_bytes(), "a killed migration left half a backup"
        # Whatever the kill interrupted, the store opens (migrating it if it is still the older one) and holds it all.
        assert _exported(path) == expected
    assert Store.open(path).meta["version"] == Store.open(today).meta["version"]


def _held_by_shards(archive: Path) -> dict[str, list[str]]:
    """Each document id with the months holding it; every shard must open and be whole."""
    held: dict[str, list[str]] = {}
    for shard in shards(archive):
        store = Store.open(shard)
        assert set(store.documents) == set(store.extractions), f"{shard.name} holds a document without its extraction"
        assert all(m["doc"] in store.documents for a in store.actors.values() for m in a["mentions"])
        for doc_id in store.documents:
            held.setdefault(doc_id, []).append(shard.stem)
    return held


def test_killing_archive_ingests_that_move_articles_between_months_loses_no_article(tmp_path: Path) -> None:
    folder, archive = tmp_path / "articles", tmp_path / "archive"
    shutil.copytree(SEEDS, folder)
    ingest([folder], archive, workers=1, shards=True)
    everything = set(_held_by_shards(archive))
    records_file = folder / "wikinews-politics.jsonl"
    records = [orjson.loads(line) for line in records_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    moving = records[::6]  # articles of several months, each moved a year on and back by turns
    dates = {r["title"]: r["date"] for r in moving}
    doc = next(d for d in Store.open(shards(archive)[0]).documents.values())
    note = make_annotation(doc, 0, 12, "note", "kept whatever happens to the shards")
    AnnotationStore.for_store(archive).put(note)
    rng = random.Random(13)
    for i in range(ARCHIVE_KILLS):
        for record in moving:
            year, rest = dates[record["title"]].split("-", 1)
            record["date"] = f"{int(year) + 1}-{rest}" if i % 2 == 0 else dates[record["title"]]
        records_file.write_text("".join(orjson.dumps(r).decode() + "\n" for r in records), encoding="utf-8")
        kill_after(start("-m", "tui.cli", "ingest", str(folder), "--store", str(archive), "--workers", "1", "-q"), rng.uniform(0.6, 4.0))
        held = _held_by_shards(archive)
        assert set(held) == everything, "an article is in no shard after a killed ingest (or one appeared from nowhere)"
        assert note["id"] in {a["id"] for a in AnnotationStore.for_store(archive).all()}
        if i == ARCHIVE_KILLS - 1:  # a rerun completes: each article in one shard, the month of its date
            ingest([folder], archive, workers=1)
            held = _held_by_shards(archive)
            assert all(len(months) == 1 for months in held.values())
            shard_by_title = {d["title"]: shard.stem for shard in shards(archive) for d in Store.open(shard).documents.values()}
            assert all(shard_by_title[r["title"]] == shard_of(r["date"]) for r in moving)
