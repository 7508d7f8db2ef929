"""The store: a TinyDB file loaded once, held in memory, written atomically, with its bulk in a pack beside it.

Tables: `meta` (schema and version), `documents` (metadata; each text and
layout is read from the pack when asked for), `extractions` (what the model
found in each document, kept in the pack so that actors can be re-resolved
across documents without running the model again), and the derived `actors`,
`meetings` and `quotes` that every reader uses. Hand annotations live in a
separate file (see store.annotations), so re-ingest never rewrites them and
saving one never rewrites the corpus. The store file is the commit point: the
pack (store.db.pack) is appended and fsynced before the store file is
replaced, so a reader sees the old store or the new one, never half.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB

from store.db.collector import collector_paused
from store.db.columns import QuoteTable
from store.db.document_columns import DocumentTable, PackedRefs, field_values
from store.db.middleware import ColumnarMiddleware
from store.db.pack import (
    Pack,
    PackedDocument,
    Ref,
    crc,
    document_payload,
    generation_of,
    line_starts,
    pack_files,
    pack_name,
    should_compact,
    stored_document,
    write_pack,
)
from store.db.schema import STORE_SCHEMA
from store.db.shapes import packed_problem, store_record_problem
from store.db.storage import AtomicJSONStorage
from store.errors import StoreError

from . import schema

DEFAULT_STORE = "backchannel.json"
TABLES = ("documents", "extractions", "actors", "meetings", "quotes")


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(repr=False)
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
    # Where each loaded extraction sits in the pack and a checksum of its bytes: an unchanged one is not written again.
    packed_extractions: dict[str, tuple[Ref, int]] = field(default_factory=dict)
    read_only: bool = False  # opened as part of an archive (store.resolve.archive): written shard by shard by ingest

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
            raise StoreError(f"{path}: is a folder (an archive of shards?); this command works on one store file: name one with --store")
        storage_holder: list[ColumnarMiddleware] = []

        def make_storage(*_args: Any, **_kwargs: Any) -> ColumnarMiddleware:
            storage = ColumnarMiddleware(AtomicJSONStorage)(path, create=create)
            storage_holder.append(storage)
            return storage

        db = TinyDB(storage=make_storage)
        with collector_paused():
            raw = storage_holder[0].read()
        meta = _check_meta(path, raw)
        if raw is not None and meta["version"] < schema.SCHEMA_VERSION:
            _migrate(cls, path, storage_holder[0], meta)
            return cls.open(path, create=create, tables=tables, strict=strict)
        store = cls(path=path, db=db, meta=meta)
        with collector_paused():
            store._load_tables(raw or {}, tuple(tables))
        if strict and store.malformed:
            table, key, problem = store.malformed[0]
            more = f" and {len(store.malformed) - 1} more" if len(store.malformed) > 1 else ""
            raise StoreError(
                f"{path}: {table} record {str(key)[:40]!r} is of the wrong shape ({problem}){more}; it was left untouched —"
                " `backchannel doctor` lists them, `doctor --repair` keeps the rest after a backup"
            )
        return store

    def __repr__(self) -> str:  # Textual describes a worker by its arguments: the default repr printed the whole corpus
        return f"Store({str(self.path)!r}, {len(self.documents)} documents)"

    @property
    def pack(self) -> Pack:
        generation = self.meta.get("pack_generation")
        return Pack(self.path.with_name(pack_name(self.path, generation if type(generation) is int else 1)))

    @property
    def storage(self) -> ColumnarMiddleware:
        return self.db.storage  # type: ignore[return-value]

    def _load_tables(self, raw: dict[str, Any], tables: tuple[str, ...]) -> None:
        """Index the parsed records by id, without copying them (TinyDB's own reads copy every record).

        Documents keep their text in the pack until it is asked for; extractions are read from the pack here,
        in file order, only when the caller asked for them."""
        self.loaded_tables = tables
        self.malformed: list[tuple[str, str, str]] = []  # (table, key, what is wrong)
        pack = self.pack
        self._check_pack(raw, pack)  # before anything is read from it
        for name in tables:
            records = raw.get(name) or {}
            if not isinstance(records, dict | QuoteTable | DocumentTable | PackedRefs):
                self.malformed.append((name, "(the table)", f"a {type(records).__name__}, not a table"))
                records = {}
            if name == "extractions":
                records = self._unpack_extractions(records, pack)
            if isinstance(records, DocumentTable):  # its columns were checked as they were read (store.db.middleware)
                self.documents = self._documents_over_columns(records, pack)
                continue
            if isinstance(records, QuoteTable):  # its columns were checked as they were read (store.db.middleware)
                self._check_beside_columns(records)
                setattr(self, name, records)
                continue
            kept = {}
            for key, rec in records.items():
                packed = isinstance(rec, dict) and "packed" in rec and name == "documents"
                problem = packed_problem(name, rec) if packed else store_record_problem(name, rec)
                if problem:
                    self.malformed.append((name, key, problem))
                elif packed:
                    document = kept[rec["id"]] = PackedDocument(rec, pack, rec["packed"])
                    dict.__delitem__(document, "packed")  # the parsed record stays as read: a partial save writes it back
                else:
                    kept[rec["id"] if "id" in rec else rec["doc"]] = rec
            setattr(self, name, kept)

    def _documents_over_columns(self, read: DocumentTable, pack: Pack) -> DocumentTable:
        """The documents as the store reads them, over the columns as read: records beside the columns, or built from
        them before (a migration's changes), are checked and made PackedDocuments like any record."""
        table = read.bound(pack)
        for key, rec in [*read.beside.items(), *read.built.items()]:
            problem = packed_problem("documents", rec) if isinstance(rec, dict) and "packed" in rec else "'packed' is missing"
            if problem:
                self.malformed.append(("documents", key, problem))
                if key in table.rows:
                    table.deleted.add(key)
            else:
                document = PackedDocument(rec, pack, rec["packed"])
                dict.__delitem__(document, "packed")
                table[rec["id"]] = document
        return table

    def _check_beside_columns(self, quotes: QuoteTable) -> None:
        for key, rec in quotes.unchecked.items():
            problem = store_record_problem("quotes", rec)
            if problem:
                self.malformed.append(("quotes", key, problem))
            else:
                quotes.changed[rec["id"]] = rec
        quotes.unchecked = {}

    def _unpack_extractions(self, records: dict[str, Any], pack: Pack) -> dict[str, Any]:
        refs = [(key, rec["packed"]) for key, rec in records.items() if isinstance(rec, dict) and _is_ref(rec.get("packed"))]
        if not refs:
            return records
        raw = pack.read_many(refs)
        out = dict(records)
        for key, rec in records.items():
            if key in raw:
                payload = raw[key]
                try:
                    out[key] = orjson.loads(payload)
                except orjson.JSONDecodeError:
                    out[key] = None  # reported as a record of the wrong shape
                    continue
                if isinstance(out[key], dict) and isinstance(out[key].get("doc"), str):
                    self.packed_extractions[out[key]["doc"]] = (rec["packed"], crc(payload))
        return out

    def _check_pack(self, raw: dict[str, Any], pack: Pack) -> None:
        """A pack shorter than the store says (lost, truncated, not copied along) is one line at open, not a crash later."""
        end = max((_pack_end(raw[name]) for name in ("documents", "extractions") if name in raw), default=0)
        if end and pack.size() < end:
            what = "is missing" if not pack.path.exists() else "is shorter than the store says"
            raise StoreError(
                f"{pack.path}: the store's pack (article texts and extractions) {what}; it goes with {self.path.name} "
                f"wherever the store is copied — restore it beside the store file, or move both aside and ingest again"
            )

    def save(self, tables: Iterable[str] = TABLES) -> None:
        """Append what is new to the pack, then write the named tables and the meta record as one atomic file replacement."""
        tables = tuple(tables)
        if self.read_only:
            raise StoreError(f"{self.path}: opened as part of an archive, which only ingest writes (shard by shard)")
        missing = set(tables) - set(getattr(self, "loaded_tables", TABLES))
        if missing:
            raise ValueError(f"cannot save tables that were not loaded: {sorted(missing)}")
        meta = dict(self.meta, schema=STORE_SCHEMA, version=schema.SCHEMA_VERSION, updated=now_iso())
        meta.setdefault("created", meta["updated"])
        if isinstance(meta.get("resolution"), dict):
            # Which save wrote the derived tables: a later save by a version that does not know this stamp leaves it
            # behind `updated`, and ingest then resolves the tables whole instead of patching them.
            meta["resolution"] = dict(meta["resolution"], updated=meta["updated"])
        self.meta = meta
        previous_pack = self.pack.path
        on_disk = self._pack_new_entries(tables)  # may name a new, compacted pack in self.meta
        with self.storage.batch():
            self.db.drop_table("meta")
            self.db.table("meta").insert(self.meta)
            for name in tables:
                table = getattr(self, name)
                if isinstance(table, QuoteTable):  # still columns: written as columns, not made into 600,000 dicts
                    self.storage.put_table(name, table)
                    continue
                self.db.drop_table(name)
                records = on_disk[name] if name in on_disk else list(table.values())
                if records:
                    self.db.table(name).insert_multiple(records)
        # Packs neither this store file nor its .bak (the previous generation) points at are garbage now.
        for old in pack_files(self.path):
            if old not in (self.pack.path, previous_pack):
                old.unlink(missing_ok=True)

    def _pack_new_entries(self, tables: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
        """The documents' and extractions' records as the store file keeps them, after appending what the pack lacks."""
        pack = self.pack
        payloads: list[bytes] = []
        new_docs: list[str] = []
        new_extractions: list[tuple[str, int]] = []
        if "documents" in tables:
            for doc_id in self.documents:
                if not self._in_pack(doc_id, pack):
                    new_docs.append(doc_id)
                    payloads.append(document_payload(self.documents[doc_id]))
        if "extractions" in tables:
            for doc_id, rec in self.extractions.items():
                payload = orjson.dumps(rec)
                kept = self.packed_extractions.get(doc_id)
                if kept is None or kept[0][1] != len(payload) or kept[1] != crc(payload):
                    new_extractions.append((doc_id, crc(payload)))
                    payloads.append(payload)
        if "documents" in tables and "extractions" in tables and self._compacted(pack, new_docs, new_extractions, payloads):
            return self._pack_new_entries(tables)  # everything is in the new pack now: only the records are left to build
        refs = iter(pack.append(payloads))
        for doc_id in new_docs:
            record = dict(self.documents[doc_id])
            record.setdefault("line_starts", line_starts(record["text"]))
            self.documents[doc_id] = PackedDocument(record, pack, next(refs))
        for doc_id, checksum in new_extractions:
            self.packed_extractions[doc_id] = (next(refs), checksum)
        out: dict[str, list[dict[str, Any]]] = {}
        if "documents" in tables:
            documents = self.documents
            out["documents"] = (
                list(documents.stored_records())
                if isinstance(documents, DocumentTable)
                else [{**stored_document(d), "packed": d.ref} for d in documents.values()]  # type: ignore[attr-defined]
            )
        if "extractions" in tables:
            out["extractions"] = [{"doc": doc_id, "packed": self.packed_extractions[doc_id][0]} for doc_id in self.extractions]
        return out

    def _in_pack(self, doc_id: str, pack: Pack) -> bool:
        documents = self.documents
        if isinstance(documents, DocumentTable):
            return documents.in_pack(doc_id, pack)
        rec = documents[doc_id]
        return isinstance(rec, PackedDocument) and rec.pack.path == pack.path

    def _compacted(self, pack: Pack, new_docs: list[str], new_extractions: list[tuple[str, int]], payloads: list[bytes]) -> bool:
        """When most of the pack is dead (texts replaced, extraction records of older rules), write the live entries,
        old and new, to the next generation's pack and point every record at it; the old pack stays for the .bak."""
        fresh = iter(payloads)
        new_payloads = {("d", d): next(fresh) for d in new_docs} | {("x", d): next(fresh) for d, _ in new_extractions}
        kept: dict[tuple[str, str], Ref] = {("d", d): r.ref for d, r in self.documents.items() if ("d", d) not in new_payloads}  # type: ignore[attr-defined]
        kept |= {("x", d): self.packed_extractions[d][0] for d in self.extractions if ("x", d) not in new_payloads}
        live = sum(len(b) for b in new_payloads.values()) + sum(ref[1] for ref in kept.values())
        if not should_compact(pack.size() + sum(len(b) for b in payloads), live):
            return False
        old = pack.read_many([(f"{kind}:{key}", ref) for (kind, key), ref in kept.items()])
        order = list(kept) + list(new_payloads)
        entries = [old[f"{kind}:{key}"] if (kind, key) in kept else new_payloads[(kind, key)] for kind, key in order]
        generation = generation_of(self.path, pack.path.name) + 1
        new_pack = Pack(self.path.with_name(pack_name(self.path, generation)))
        refs = dict(zip(order, write_pack(new_pack.path, entries), strict=True))
        for doc_id, record in list(self.documents.items()):
            fields = dict(record)
            if "line_starts" not in fields:
                fields["line_starts"] = line_starts(record["text"])
            self.documents[doc_id] = PackedDocument(fields, new_pack, refs[("d", doc_id)])
        checksums = {doc_id: self.packed_extractions[doc_id][1] for doc_id in self.extractions if ("x", doc_id) in kept}
        checksums |= dict(new_extractions)
        for doc_id in self.extractions:
            self.packed_extractions[doc_id] = (refs[("x", doc_id)], checksums[doc_id])
        self.meta["pack_generation"] = generation  # a number, not a name: a copied store finds its own pack
        return True

    def ids_by_path(self) -> dict[str, str]:
        """Each path's document id, read off the paths' column (no record is built for it)."""
        return {path: doc_id for doc_id, path in field_values(self.documents, "path")}

    def text(self, doc_id: str) -> str:
        return self.documents[doc_id]["text"]


def copy_store(source: str | Path, target: str | Path) -> Path:
    """A store is its file and its pack: a copy of one without the other cannot show its articles."""
    import shutil

    source, target = Path(source), Path(target)
    shutil.copy2(source, target)
    for pack in pack_files(source):
        shutil.copy2(pack, target.with_name(target.name + pack.name.removeprefix(source.name)))
    return target


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


def _pack_end(records: Any) -> int:
    """Where the last packed record of a table ends, its columns' and the records' beside them (a ref of the wrong
    shape is skipped here and reported by the record checks)."""
    if isinstance(records, DocumentTable | PackedRefs):
        return max(records.pack_end(), _pack_end(records.beside))
    if not isinstance(records, dict):
        return 0
    end = 0
    for rec in records.values():
        try:
            offset, length = rec["packed"]
        except (TypeError, KeyError, ValueError):
            continue
        if type(offset) is int and type(length) is int and offset >= 0 and length >= 0 and offset + length > end:
            end = offset + length
    return end


def _is_ref(value: Any) -> bool:
    if type(value) is not list or len(value) != 2:
        return False
    offset, length = value
    return type(offset) is int and type(length) is int and offset >= 0 and length >= 0


def _migrate(cls: type[Store], path: Path, storage: ColumnarMiddleware, meta: dict[str, Any]) -> None:
    """Bring an older store up to this version, one step at a time, after copying it aside; written in today's layout."""
    from store.db.atomic import atomic_copy
    from store.db.lock import writer_lock
    from store.db.migrations import MIGRATIONS

    version = meta["version"]
    with writer_lock(path, wait=10):
        backup = path.with_name(f"{path.name}.v{version}.bak")
        atomic_copy(path, backup)  # a migration killed while copying leaves no half a backup beside the whole store
        data = storage.read()
        assert data is not None
        while version < schema.SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise StoreError(f"{path}: no migration from store schema {version}; the file was left untouched (copy at {backup.name})")
            data = step(data)
            version += 1
        store = cls(path=path, db=TinyDB(storage=lambda *_a, **_k: storage), meta=dict(next(iter(data["meta"].values()))))
        # From schema 2 on, the extractions are in the pack and the store file holds only where: the middleware writes
        # those places as they were read, so the 100,000 records need not be read from the pack and written back.
        tables = TABLES if meta["version"] < 2 else tuple(t for t in TABLES if t != "extractions")
        store._load_tables(data, tables)
        if store.malformed:
            table, key, problem = store.malformed[0]
            raise StoreError(
                f"{path}: {table} record {str(key)[:40]!r} is of the wrong shape ({problem}); the store was not migrated"
                f" and was left untouched — `backchannel doctor` lists such records"
            )
        store.save(tables)
