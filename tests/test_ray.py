"""Ingest on Ray: the same store as a local ingest, and nothing lost or doubled when an actor is killed mid-run.

These run when the Ray extra is installed (`make install-ray`; `make test` installs it).
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import orjson
import pytest

from store.db import TABLES, Store
from store.db.columns import to_plain
from store.ingest import ingest
from store.interchange.export import build_export

pytest.importorskip("ray")
pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.xdist_group(__name__),  # module fixtures built once: one process (Makefile)
]

ARTICLES = Path(__file__).resolve().parent.parent / "bench" / "data" / "wikinews"


@pytest.fixture(scope="module")
def fifty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """50 real articles, in a folder of their own, dated by a metadata file (so an archive spreads them over months)."""
    folder = tmp_path_factory.mktemp("fifty")
    for path in sorted(ARTICLES.glob("*.txt"))[:50]:
        shutil.copy(path, folder / path.name)
    assert len(list(folder.iterdir())) == 50
    rows = [orjson.loads(line) for line in (ARTICLES / "metadata.jsonl").read_bytes().splitlines() if line.strip()]
    names = {p.name for p in folder.iterdir()}
    kept = [{"file": Path(r["file"]).name, "date": r["date"]} for r in rows if Path(r["file"]).name in names]
    (folder / "metadata.jsonl").write_bytes(b"\n".join(orjson.dumps(r) for r in kept) + b"\n")
    return folder


@pytest.fixture(scope="module")
def local_store(fifty: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fifty articles ingested locally, once for the module."""
    path = tmp_path_factory.mktemp("local") / "store.json"
    ingest([fifty], path, workers=1)
    return path


@pytest.fixture(scope="module")
def local_export(local_store: Path) -> dict:
    return build_export(Store.open(local_store))


def stored(path: Path) -> dict:
    """Every table as stored, texts and extractions read from the pack (where they sit depends on the order they
    arrived), each record by its id, minus the ingest times."""
    store = Store.open(path)
    tables = {name: {key: orjson.loads(orjson.dumps(r, default=to_plain)) for key, r in getattr(store, name).items()} for name in TABLES}
    for key, doc in tables["documents"].items():
        doc.pop("ingested_at")
        doc["text"] = store.documents[key]["text"]
        doc["blocks"] = store.documents[key]["blocks"]
    return tables


class KillOneActor:
    """A progress display that, at the first finished document, kills one of Ray's extraction actors with SIGKILL."""

    def __init__(self) -> None:
        self.killed: int | None = None
        self.documents = 0

    def start(self, documents: int) -> None:
        pass

    def advance(self, documents: int, tokens: int) -> None:
        self.documents += documents
        if self.killed is None:
            for pid in extraction_actors():
                if pid != os.getpid():
                    os.kill(pid, signal.SIGKILL)
                    self.killed = pid
                    break

    def finish(self) -> None:
        pass


def extraction_actors() -> list[int]:
    """The processes Ray runs our extractor actors in (Ray names them after the actor class)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if "MapWorker" in cmdline and "_Extractor" in cmdline:
            pids.append(int(entry.name))
    return sorted(pids)


def test_two_actors_one_killed_give_the_local_result_record_for_record(
    fifty: Path, local_store: Path, local_export: dict, tmp_path: Path
) -> None:
    """Two extraction actors, one killed with SIGKILL after the first document is back: its batch is run again, and
    the store equals a local ingest's, every table and extraction record (one Ray run for both checks: the suite's
    time)."""
    path = tmp_path / "ray.json"
    killer = KillOneActor()
    summary = ingest([fifty], path, workers=2, engine="ray", progress=killer)
    assert killer.killed is not None, "no extraction actor was found to kill"
    assert summary.parsed == 50 and summary.workers == 2 and killer.documents == 50  # every document reported once
    export = build_export(Store.open(path))
    for table in ("documents", "actors", "meetings", "quotes"):
        assert export[table] == local_export[table], table
    assert stored(path) == stored(local_store)  # extractions too, byte for byte once parsed


def test_ray_fills_an_archive_of_months_with_what_a_local_ingest_of_one_store_holds(fifty: Path, local_store: Path, tmp_path: Path) -> None:
    """One Ray run parses the new articles of every month; each shard is then written by its own writer."""
    from store.resolve.archive import open_store, shards

    archive = tmp_path / "archive"
    summary = ingest([fifty], archive, workers=2, engine="ray", shards=True)
    assert summary.parsed == 50 and summary.shards == len(shards(archive)) > 5
    sharded, single = build_export(open_store(archive)), build_export(Store.open(local_store))
    for table in ("documents", "actors", "meetings", "quotes"):
        assert sharded[table] == single[table], table
