"""An archive: a folder of shard stores, one per month of the articles' dates, opened as one store.

One store file holds what it holds in memory; a newsroom archive of a few
years does not fit. So `ingest --store archive/ --shards month` writes one
ordinary store (file, pack, lock) per month: `archive/2019-07.json`, … and
`archive/undated.json`. Each shard is written by its own ingest under its own
lock, and a re-ingest rewrites only the shards whose articles changed.

Opening an archive opens only the shards a date range needs. One shard is used
as it was resolved; several are resolved again across each other from their
extraction records (store.resolve.resolve, no model), so an actor named in two
months is one actor — the same tables a single store of the same articles has.
Hand annotations belong to the archive (`archive.annotations.json` beside the
folder) and are anchored by document id and text, which re-sharding keeps.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from store.db import TABLES, Store
from store.errors import StoreError
from store.resolve.resolve import resolve_store

UNDATED = "undated"
_SHARD = re.compile(r"^(\d{4}-\d{2}|undated)\.json$")


def is_archive(path: Path) -> bool:
    return path.is_dir()


def shard_of(date: Any) -> str:
    """The shard an article belongs in, by the month of its date."""
    if isinstance(date, str) and re.match(r"^\d{4}-\d{2}", date):
        return date[:7]
    return UNDATED


def shard_path(archive: Path, shard: str) -> Path:
    return archive / f"{shard}.json"


def shards(archive: Path) -> list[Path]:
    """The archive's shard files, oldest month first, the undated last."""
    found = [p for p in archive.iterdir() if _SHARD.match(p.name) and p.is_file()]
    return sorted(found, key=lambda p: (p.stem == UNDATED, p.stem))


def shards_for(archive: Path, since: str = "", until: str = "") -> list[Path]:
    """The shards a date range needs: months that overlap it; undated articles only when no range is asked for."""
    if not since and not until:
        return shards(archive)
    return [p for p in shards(archive) if p.stem != UNDATED and (not since or p.stem >= since[:7]) and (not until or p.stem <= until[:7])]


def open_store(path: Path, tables: tuple[str, ...] = TABLES, since: str = "", until: str = "") -> Store:
    """A store file, or an archive's shards for the range (all of them without one), as one store to read."""
    path = Path(path)
    if not is_archive(path):
        return Store.open(path, tables=tables)
    paths = shards_for(path, since, until)
    if not paths:
        if not shards(path):
            raise StoreError(f"{path}: a folder with no shards (YYYY-MM.json); ingest into it with --shards month, or name a store file")
        raise StoreError(f"{path}: no shard holds articles from {since or 'the start'} to {until or 'now'}; widen --since/--until")
    if len(paths) == 1:
        store = Store.open(paths[0], tables=tables)
        store.read_only = True
        return store
    return _merged(path, paths, tables)


def _merged(archive: Path, paths: list[Path], tables: tuple[str, ...]) -> Store:
    """Several shards resolved again as one corpus: what a single store of the same articles would hold."""
    merged = Store(path=archive, db=TinyDB(storage=MemoryStorage), meta={"shards": [p.name for p in paths]})
    for path in paths:
        shard = Store.open(path, tables=("documents", "extractions"))
        merged.documents.update(shard.documents)
        merged.extractions.update(shard.extractions)
    resolve_store(merged)
    merged.loaded_tables = tables
    merged.read_only = True
    if "extractions" not in tables:
        merged.extractions = {}
    return merged
