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
Tables resolved across shards are kept in the folder for the next view of the
same months (derived data: deleting them costs one resolve).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from store.db import TABLES, Store
from store.db.atomic import atomic_write
from store.db.columns import to_plain
from store.db.shapes import store_record_problem
from store.errors import BackchannelError, StoreError
from store.resolve.resolve import resolve_store, rules_version

UNDATED = "undated"
_SHARD = re.compile(r"^(\d{4}-\d{2}|undated)\.json$")
CACHE_PREFIX = ".resolved-"  # the tables resolved across shards, kept for the next view of the same months
CACHES_KEPT = 8  # views of different month ranges each have theirs; the oldest beyond these are dropped
DERIVED = ("actors", "meetings", "quotes")


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
    """Several shards resolved again as one corpus: what a single store of the same articles would hold.

    The result is kept in the folder (`.resolved-KEY.json`, KEY naming the shards and their versions), so the next
    view of the same months reads it instead of resolving again; a shard that changes changes the key."""
    merged = Store(path=archive, db=TinyDB(storage=MemoryStorage), meta={"shards": [p.name for p in paths]})
    cache = archive / f"{CACHE_PREFIX}{_cache_key(paths)}.json"
    cached = None if "extractions" in tables else _read_cache(cache)
    for path in paths:
        shard = Store.open(path, tables=("documents",) if cached is not None else ("documents", "extractions"))
        merged.documents.update(shard.documents)
        merged.extractions.update(shard.extractions)
    if cached is not None:
        merged.actors, merged.meetings, merged.quotes = cached
    else:
        resolve_store(merged)
        _write_cache(archive, cache, merged)
    merged.loaded_tables = tables
    merged.read_only = True
    if "extractions" not in tables:
        merged.extractions = {}
    return merged


def _cache_key(paths: list[Path]) -> str:
    versions = [rules_version()]
    for path in paths:
        st = path.stat()
        versions.append(f"{path.name}:{st.st_mtime_ns}:{st.st_size}")
    return hashlib.sha1("\n".join(versions).encode("utf-8")).hexdigest()[:16]


def _read_cache(cache: Path) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]] | None:
    """The resolved tables kept for these shards, or None (none kept, or unreadable: it is derived, resolve again)."""
    try:
        data = orjson.loads(cache.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(t), dict) for t in DERIVED):
        return None
    if any(store_record_problem(t, r) for t in DERIVED for r in data[t].values()):
        return None
    return data["actors"], data["meetings"], data["quotes"]


def _write_cache(archive: Path, cache: Path, merged: Store) -> None:
    """Keep the resolved tables for the next view; a folder that cannot be written costs only the next resolve."""
    try:
        atomic_write(cache, orjson.dumps({t: getattr(merged, t) for t in DERIVED}, default=to_plain))
        kept = sorted(archive.glob(f"{CACHE_PREFIX}*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kept[CACHES_KEPT:]:
            old.unlink(missing_ok=True)
    except (OSError, BackchannelError):
        return
