"""A TinyDB middleware that keeps the big tables column-wise in the store file.

TinyDB's way to change how tables reach the disk is a middleware between it
and its storage: this one turns the actors' mentions and the `quotes` table
into typed columns (store.db.columns), and the `documents` and `extractions`
tables into columns of their own (store.db.document_columns), on the way out, and back into records that read as
before on the way in. The columns go in a table of their own, `columns`,
written in the same file by the same atomic replace as every other table, so
crash safety is the storage's (store.db.storage): the old file or the new one,
never half. Records of another shape than extraction writes (a hand-made
quote, a mention with more fields, a document with a field set to None) stay
JSON records beside the columns.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.middlewares import Middleware

from store.db.columns import (
    ID_WIDTH,
    QUOTE_COLUMNS,
    ColumnsError,
    MentionColumns,
    Mentions,
    QuoteTable,
    Strings,
    as_numbers,
    check_quote_columns,
    decode_ints,
    encode_ints,
    is_plain_mention,
    numpy,
    quote_columns,
    table_columns,
)
from store.db.document_columns import decode_documents, decode_refs, encode_documents, encode_refs
from store.db.storage import AtomicJSONStorage
from store.errors import StoreError

COLUMNS = "columns"


class ColumnarMiddleware(Middleware):
    """Decodes the columns once at the first read; encodes them once per write (once per outermost batch)."""

    def __init__(self, storage_cls: type[AtomicJSONStorage] = AtomicJSONStorage) -> None:
        super().__init__(storage_cls)
        self._data: dict[str, Any] | None = None
        self._depth = 0
        self._dirty = False

    @property
    def path(self) -> Path:
        return self.storage.path  # type: ignore[attr-defined]

    def read(self) -> dict[str, Any] | None:
        if self._data is None:
            raw = self.storage.read()
            if raw is None:
                return None
            try:
                self._data = decode(raw)
            except ColumnsError as exc:
                raise StoreError(
                    f"{self.path}: the store file's columns are damaged ({exc}); it was left untouched — restore "
                    f"{self.path.name}.bak if it exists, or move the file aside and run `backchannel ingest` again"
                ) from None
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        if self._depth:
            self._dirty = True
        else:
            self.storage.write(encode(data))

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes: the tables are encoded and the file written once, when the outermost batch ends cleanly."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if not self._depth and self._dirty:
            self._dirty = False
            assert self._data is not None
            self.storage.write(encode(self._data))

    def put_table(self, name: str, table: Any) -> None:
        """A table as the store holds it, in place of the one read: a column-wise table is encoded from its columns
        when the batch ends, without TinyDB making a record of each row."""
        data = self.read() or {}
        data[name] = table
        self.write(data)

    def close(self) -> None:
        self.storage.close()


def encode(data: dict[str, Any]) -> dict[str, Any]:
    """The tables as the file keeps them; the records passed in are not changed (they are the open store's)."""
    out = {name: table for name, table in data.items() if name not in ("actors", "quotes", "documents", "extractions", COLUMNS)}
    columns: dict[str, Any] = {}
    if "documents" in data:
        out["documents"], columns["documents"] = encode_documents(data["documents"])
    if "extractions" in data:
        out["extractions"], columns["extractions"] = encode_refs(data["extractions"])
    if "actors" in data:
        out["actors"], columns["mentions"] = _encode_mentions(data["actors"])
    if "quotes" in data:
        out["quotes"], columns["quotes"] = _encode_quotes(data["quotes"])
    if columns:
        out[COLUMNS] = {"1": columns}
    return out


def decode(raw: dict[str, Any]) -> dict[str, Any]:
    """The tables as the store reads them: in place, so the parsed file is held once."""
    table = raw.pop(COLUMNS, None)
    if table is None:
        return raw  # written before columns (schema 2), or an empty store
    columns = next(iter(table.values()), None) if isinstance(table, dict) else None
    if not isinstance(columns, dict):
        raise ColumnsError("the columns table is not a record")
    for name, decoder in (("documents", decode_documents), ("extractions", decode_refs)):
        if name in columns:  # written before these were columns (schema 3): the table is JSON records
            table = decoder(columns[name])
            beside = raw.get(name, {})
            if not isinstance(beside, dict):
                raise ColumnsError(f"the {name} beside the columns are not a table")
            table.beside = beside
            raw[name] = table
    if isinstance(columns.get("mentions"), dict) and isinstance(raw.get("actors"), dict):
        _decode_mentions(raw["actors"], columns["mentions"])
    if isinstance(columns.get("quotes"), dict):
        quotes = raw.get("quotes") if isinstance(raw.get("quotes"), dict) else {}
        raw["quotes"] = _decode_quotes(quotes, columns["quotes"])
    return raw


def _encode_mentions(actors: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    docs = Strings()
    doc, start, end = array("i"), array("i"), array("i")
    records = {}
    for key, actor in actors.items():
        mentions = actor.get("mentions") if isinstance(actor, dict) else None
        plain = isinstance(mentions, Mentions) or (type(mentions) is list and all(is_plain_mention(m) for m in mentions))
        if not plain:
            records[key] = actor
            continue
        lo = len(doc)
        if isinstance(mentions, Mentions):
            _copy_rows(mentions, docs, doc, start, end)
        else:
            for m in mentions:  # type: ignore[union-attr]
                doc.append(docs.code(m["doc"]))
                start.append(m["start"])
                end.append(m["end"])
        records[key] = {**{k: v for k, v in actor.items() if k != "mentions"}, "mentions_at": [lo, len(doc)]}
    return records, {"rows": len(doc), "docs": docs.values, "doc": encode_ints(doc), "start": encode_ints(start), "end": encode_ints(end)}


def _copy_rows(mentions: Mentions, docs: Strings, doc: array, start: array, end: array) -> None:
    """An actor's mentions as read from the file, appended column to column: a re-ingest that patched a few actors
    writes the other 2.6 million rows of 100,000 articles without making a dict of each."""
    np = numpy()
    cols, lo, hi = mentions.cols, mentions.lo, mentions.hi
    codes, inverse = np.unique(as_numbers(cols.doc)[lo:hi], return_inverse=True)
    renumbered = np.array([docs.code(cols.docs[c]) for c in codes.tolist()], dtype=np.int32)[inverse]
    doc.frombytes(renumbered.astype("=i4").tobytes())
    start.extend(cols.start[lo:hi])
    end.extend(cols.end[lo:hi])


def _decode_mentions(actors: dict[str, Any], columns: dict[str, Any]) -> None:
    rows, docs = columns.get("rows"), columns.get("docs")
    if type(rows) is not int or not isinstance(docs, list) or not all(type(d) is str for d in docs):
        raise ColumnsError("the mentions' columns have no row count or no documents")
    cols = MentionColumns(docs, *(decode_ints(columns.get(name), rows) for name in ("doc", "start", "end")))
    for actor in actors.values():
        if isinstance(actor, dict) and "mentions_at" in actor:
            at = actor.pop("mentions_at")
            if type(at) is not list or len(at) != 2 or not all(type(v) is int for v in at) or not 0 <= at[0] <= at[1] <= rows:
                raise ColumnsError(f"actor {str(actor.get('id'))[:40]!r} points at rows that are not there")
            if "mentions" not in actor:  # a record given mentions of its own too is checked as it stands
                actor["mentions"] = Mentions(cols, at[0], at[1])


def _encode_quotes(quotes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    ids, strings, cols, others = table_columns(quotes) if isinstance(quotes, QuoteTable) else quote_columns(quotes.values())
    records = {str(i): q for i, q in enumerate(others, start=1)}
    return records, {"ids": ids, "strings": strings, "columns": {name: encode_ints(col) for name, col in cols.items()}}


def _decode_quotes(records: dict[str, Any], columns: dict[str, Any]) -> QuoteTable:
    ids, strings, encoded = columns.get("ids"), columns.get("strings"), columns.get("columns")
    if not isinstance(ids, str) or not isinstance(strings, list) or not isinstance(encoded, dict):
        raise ColumnsError("the quotes' columns have no ids, strings or columns")
    if not all(type(s) is str for s in strings):
        raise ColumnsError("the quotes' table of strings holds something else")
    size = len(ids) // ID_WIDTH
    cols = {name: decode_ints(encoded.get(name), size) for name in QUOTE_COLUMNS}
    check_quote_columns(ids, cols)
    table = QuoteTable(ids, strings, cols)
    table.unchecked = records  # records of another shape: the store checks them like any record, then adds them
    return table
