"""The store: a TinyDB file loaded once, held in memory, written atomically.

Tables: `meta` (schema and version), `documents` (text and layout),
`extractions` (what the model found in each document, kept so that actors can
be re-resolved across documents without running the model again), and the
derived `actors`, `meetings` and `quotes` that every reader uses. Hand
annotations live in a separate file (see store.annotations), so re-ingest
never rewrites them and saving one never rewrites the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from store.db.schema import STORE_SCHEMA
from store.db.shapes import store_record_problem
from store.db.storage import AtomicJSONStorage
from store.errors import StoreError

from . import schema

DEFAULT_STORE = "backchannel.json"
TABLES = ("documents", "extractions", "actors", "meetings", "quotes")


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Store:
    """An opened store: plain dicts keyed by id, ready for queries in memory."""

    path: Path
    db: TinyDB
    meta: dict[str, Any]
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    extractions: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    meetings: dict[str, dict[str, Any]] = field(default_factory=dict)
    quotes: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def open(cls, path: str | Path, create: bool = False, tables: Iterable[str] = TABLES, strict: bool = True) -> Store:
        """Open a store; with create=True a missing file is an empty store (written on first save).

        Readers that never need the per-document extractions (the explorer, export)
        leave them out with `tables`, which saves a third of the work at 10,000 articles.
        A record of the wrong shape fails the open in one line; `strict=False` (doctor) sets
        such records aside in `malformed` instead, and a save then leaves them out.
        """
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a store file; name a file with --store")
        storage_holder: list[AtomicJSONStorage] = []

        def make_storage(*_args: Any, **_kwargs: Any) -> AtomicJSONStorage:
            storage = AtomicJSONStorage(path, create=create)
            storage_holder.append(storage)
            return storage

        db = TinyDB(storage=make_storage)
        raw = storage_holder[0].read()
        meta = _check_meta(path, raw)
        if raw is not None and meta["version"] < schema.SCHEMA_VERSION:
            meta = _migrate(path, storage_holder[0], meta)
        store = cls(path=path, db=db, meta=meta)
        store._load_tables(raw or {}, tuple(tables))
        if strict and store.malformed:
            table, key, problem = store.malformed[0]
            more = f" and {len(store.malformed) - 1} more" if len(store.malformed) > 1 else ""
            raise StoreError(
                f"{path}: {table} record {str(key)[:40]!r} is of the wrong shape ({problem}){more}; it was left untouched —"
                " `backchannel doctor` lists them, `doctor --repair` keeps the rest after a backup"
            )
        return store

    @property
    def storage(self) -> AtomicJSONStorage:
        return self.db.storage  # type: ignore[return-value]

    def _load_tables(self, raw: dict[str, Any], tables: tuple[str, ...]) -> None:
        """Index the parsed records by id, without copying them (TinyDB's own reads copy every record)."""
        self.loaded_tables = tables
        self.malformed: list[tuple[str, str, str]] = []  # (table, key, what is wrong)
        for name in tables:
            records = raw.get(name) or {}
            if not isinstance(records, dict):
                self.malformed.append((name, "(the table)", f"a {type(records).__name__}, not a table"))
                records = {}
            kept = {}
            for key, rec in records.items():
                problem = store_record_problem(name, rec)
                if problem:
                    self.malformed.append((name, key, problem))
                else:
                    kept[rec["id"] if "id" in rec else rec["doc"]] = rec
            setattr(self, name, kept)

    def save(self, tables: Iterable[str] = TABLES) -> None:
        """Write the named tables, and the meta record, as one atomic file replacement."""
        missing = set(tables) - set(getattr(self, "loaded_tables", TABLES))
        if missing:
            raise ValueError(f"cannot save tables that were not loaded: {sorted(missing)}")
        meta = dict(self.meta, schema=STORE_SCHEMA, version=schema.SCHEMA_VERSION, updated=now_iso())
        meta.setdefault("created", meta["updated"])
        self.meta = meta
        with self.storage.batch():
            self.db.drop_table("meta")
            self.db.table("meta").insert(meta)
            for name in tables:
                self.db.drop_table(name)
                records = list(getattr(self, name).values())
                if records:
                    self.db.table(name).insert_multiple(records)

    def documents_by_path(self) -> dict[str, dict[str, Any]]:
        return {doc["path"]: doc for doc in self.documents.values()}

    def text(self, doc_id: str) -> str:
        return self.documents[doc_id]["text"]


def _check_meta(path: Path, raw: dict[str, Any] | None) -> dict[str, Any]:
    if raw is None:
        return {}
    meta_table = raw.get("meta")
    if not isinstance(meta_table, dict) or not meta_table:
        raise StoreError(f"{path}: not a backchannel store (no schema record); it was left untouched — name another file with --store")
    meta = next(iter(meta_table.values()))
    if not isinstance(meta, dict) or meta.get("schema") != STORE_SCHEMA:
        raise StoreError(f"{path}: not a backchannel store (schema {meta.get('schema')!r}); it was left untouched")
    version = meta.get("version")
    if not isinstance(version, int) or version < 1:
        raise StoreError(f"{path}: the store has no valid schema version ({version!r}); it was left untouched")
    if version > schema.SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer backchannel (store schema {version}, this version reads "
            f"{schema.SCHEMA_VERSION}); upgrade backchannel to open it — the file was left untouched"
        )
    return dict(meta)


def _migrate(path: Path, storage: AtomicJSONStorage, meta: dict[str, Any]) -> dict[str, Any]:
    """Bring an older store up to this version, one step at a time, after copying it aside."""
    import shutil

    from store.db.lock import writer_lock
    from store.db.migrations import MIGRATIONS

    version = meta["version"]
    with writer_lock(path, wait=10):
        backup = path.with_name(f"{path.name}.v{version}.bak")
        shutil.copy2(path, backup)
        data = storage.read()
        assert data is not None
        while version < schema.SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise StoreError(f"{path}: no migration from store schema {version}; the file was left untouched (copy at {backup.name})")
            data = step(data)
            version += 1
        meta = dict(next(iter(data["meta"].values())), version=version)
        data["meta"] = {"1": meta}
        storage.write(data)
    return meta
