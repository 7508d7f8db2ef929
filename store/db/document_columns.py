"""The documents table and the extractions' places in the pack, held column-wise in the store file.

At 100,000 articles the documents table was 84 MB of the store file, parsed at
every open as 100,000 JSON objects of fifteen fields (with each article's line
starts), then checked and wrapped one by one: more than a second of the
explorer's first frame, though a list needs a path and a title per row. Here
each field is one JSON list in row order (a field with few distinct values, a
licence or a format, is its values once and a code per row), the line starts
and the places in the pack are typed arrays, and a document's record is built
the first time someone asks for it, then kept: callers change documents in
place (ingest gives a copy its story), so a built record is the document from
then on. The extractions' records in the store file are only their places in
the pack, three columns here.

A record of another shape than ingest writes (a value that is None, a line
start out of order) stays a JSON record beside the columns, checked at open
like any record.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from itertools import chain
from operator import add, le
from typing import Any

from store.db.columns import ColumnsError, Strings, decode_ints, encode_ints
from store.db.pack import Pack, PackedDocument, line_starts, stored_document

REQUIRED_TEXT = ("path", "title")  # with the id, what every row must hold as a string (store.db.shapes)
NUMBERED = ("line_starts", "packed")  # held as typed arrays, not as fields' lists
CODED_BELOW = 0.25  # a field with fewer distinct values than this share of its rows is stored once per value
_MAX_INT = 2**31


class DocumentTable(MutableMapping):
    """id -> document record, over the columns; records built, set or deleted since are kept beside them and win.

    Unbound (as the file is read) a row is the record as the file held it, its place in the pack under "packed";
    bound to the store's pack (`bound`), a row is a PackedDocument, whose text is read when asked for."""

    def __init__(self, ids: list[str], fields: dict[str, list[Any]], starts: array, starts_at: array, offset: array, length: array) -> None:
        self.ids, self.fields = ids, fields
        self.starts, self.starts_at = starts, starts_at  # every row's line starts, one after another; row i's from starts_at[i]
        self.offset, self.length = offset, length  # each row's text entry in the pack
        self.pack: Pack | None = None
        self.built: dict[str, dict[str, Any]] = {}  # built, set since, or never columnar: these win
        self.deleted: set[str] = set()
        self._rows: dict[str, int] | None = None
        self.encoded: dict[str, Any] | None = None  # the columns as read, written back as they are while nothing changed
        self.beside: dict[str, Any] = {}  # records of another shape, as read beside the columns: checked by the store
        self._path_order: bool | None = None

    @property
    def rows(self) -> dict[str, int]:
        if self._rows is None:
            self._rows = dict(zip(self.ids, range(len(self.ids)), strict=True))
        return self._rows

    def untouched(self) -> bool:
        """Nothing built, set or deleted: the columns are the whole table (the fast paths below read them)."""
        return not self.built and not self.deleted

    def row(self, i: int) -> dict[str, Any]:
        lo, hi = self.starts_at[i], self.starts_at[i + 1]
        if not 0 <= lo <= hi <= len(self.starts):
            raise ColumnsError(f"document {self.ids[i][:40]!r} points at line starts that are not there")
        record: dict[str, Any] = {"id": self.ids[i]}
        for name, values in self.fields.items():
            value = values[i]
            if value is not None:
                record[name] = value
        record["line_starts"] = self.starts[lo:hi].tolist()
        ref = [self.offset[i], self.length[i]]
        if self.pack is None:
            record["packed"] = ref
            return record
        return PackedDocument(record, self.pack, ref)

    def __getitem__(self, ident: str) -> dict[str, Any]:
        record = self.built.get(ident)
        if record is not None:
            return record
        if ident in self.deleted:
            raise KeyError(ident)
        record = self.built[ident] = self.row(self.rows[ident])
        return record

    def __contains__(self, ident: object) -> bool:
        return ident in self.built or (ident not in self.deleted and ident in self.rows)

    def __setitem__(self, ident: str, record: dict[str, Any]) -> None:
        self.built[ident] = record
        self.deleted.discard(ident)

    def __delitem__(self, ident: str) -> None:
        if ident not in self:
            raise KeyError(ident)
        self.built.pop(ident, None)
        if ident in self.rows:
            self.deleted.add(ident)

    def __len__(self) -> int:
        if self.untouched():
            return len(self.ids)
        rows = self.rows
        return len(self.ids) - len(self.deleted) + sum(1 for ident in self.built if ident not in rows)

    def __iter__(self) -> Iterator[str]:
        deleted = self.deleted
        for ident in self.ids:
            if ident not in deleted:
                yield ident
        if self.built:
            rows = self.rows
            yield from (ident for ident in list(self.built) if ident not in rows)

    def field(self, ident: str, name: str) -> Any:
        """One field of one document (None when it has none), off its column when its row is unchanged."""
        record = self.built.get(ident)
        if record is not None or ident in self.deleted:
            return None if record is None else record.get(name)
        i = self.rows.get(ident)
        column = self.fields.get(name)
        return None if i is None or column is None else column[i]

    def in_path_order(self) -> bool:
        """Whether the rows are in the documents' reading order, by path then id, as a save writes them: checked once
        (a twentieth of the sort it saves at 100,000 articles)."""
        if self._path_order is None:
            keys = list(zip(self.fields.get("path") or (), self.ids, strict=False))
            self._path_order = len(keys) == len(self.ids) and all(map(le, keys, keys[1:]))
        return self._path_order

    def values_of(self, name: str) -> Iterator[tuple[str, Any]]:
        """(id, the field's value or None) for every document, read off the field's column where nothing changed it:
        the explorer orders 100,000 documents by path and finds the copies of stories without building a record."""
        column = self.fields.get(name)
        built, deleted = self.built, self.deleted
        for i, ident in enumerate(self.ids):
            if ident in built:
                yield ident, built[ident].get(name)
            elif ident not in deleted:
                yield ident, None if column is None else column[i]
        if built:
            rows = self.rows
            yield from ((ident, record.get(name)) for ident, record in list(built.items()) if ident not in rows)

    def bound(self, pack: Pack) -> DocumentTable:
        """The table as the store reads it: its rows made into PackedDocuments of this pack. Records already built
        from the file (a migration's changes, records beside the columns) are wrapped the same way by the caller."""
        other = DocumentTable(self.ids, self.fields, self.starts, self.starts_at, self.offset, self.length)
        other.pack, other._rows, other.deleted, other._path_order = pack, self._rows, set(self.deleted), self._path_order
        return other

    def stored_records(self) -> Iterator[dict[str, Any]]:
        """Every document as the store file keeps it (no text; its place in the pack under "packed"): a row not built
        is made in that form directly, so a save does not make 100,000 PackedDocuments to take them apart again."""
        pack, self.pack = self.pack, None
        try:
            built, deleted = self.built, self.deleted
            for i, ident in enumerate(self.ids):
                if ident in built:
                    yield stored_record(built[ident])
                elif ident not in deleted:
                    yield self.row(i)
            rows = self.rows if built else {}
            yield from (stored_record(r) for ident, r in list(built.items()) if ident not in rows)
        finally:
            self.pack = pack

    def in_pack(self, ident: str, pack: Pack) -> bool:
        """Whether a document's text is in this pack already (a save appends only the others)."""
        record = self.built.get(ident)
        if record is None:
            return self.pack is not None and self.pack.path == pack.path and ident in self.rows
        return isinstance(record, PackedDocument) and record.pack.path == pack.path

    def pack_end(self) -> int:
        return max(map(add, self.offset, self.length), default=0)

    def __repr__(self) -> str:
        return f"DocumentTable({len(self)} documents)"


class PackedRefs(Mapping):
    """The extractions' records as the store file keeps them, {"doc": id, "packed": [offset, length]}, over columns."""

    def __init__(self, ids: list[str], offset: array, length: array) -> None:
        self.ids, self.offset, self.length = ids, offset, length
        self._rows: dict[str, int] | None = None
        self.encoded: dict[str, Any] | None = None
        self.beside: dict[str, Any] = {}  # records of another shape, as read beside the columns

    def __getitem__(self, ident: str) -> dict[str, Any]:
        if self._rows is None:
            self._rows = dict(zip(self.ids, range(len(self.ids)), strict=True))
        i = self._rows.get(ident)
        if i is None:
            return self.beside[ident]
        return {"doc": ident, "packed": [self.offset[i], self.length[i]]}

    def __iter__(self) -> Iterator[str]:
        yield from self.ids
        yield from self.beside

    def __len__(self) -> int:
        return len(self.ids) + len(self.beside)

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:  # type: ignore[override]
        """The columns' records, then those beside them (keyed as the file keyed them)."""
        yield from ((ident, {"doc": ident, "packed": [o, n]}) for ident, o, n in zip(self.ids, self.offset, self.length, strict=True))
        yield from self.beside.items()

    def values(self) -> Iterator[dict[str, Any]]:  # type: ignore[override]
        return (record for _, record in self.items())

    def pack_end(self) -> int:
        return max(map(add, self.offset, self.length), default=0)


def stored_record(record: dict[str, Any]) -> dict[str, Any]:
    """A document as the store file keeps it: a PackedDocument without its text, its place under "packed"."""
    if isinstance(record, PackedDocument):
        return {**stored_document(record), "packed": record.ref}
    return record


def _ref(value: Any) -> bool:
    return type(value) is list and len(value) == 2 and all(type(v) is int and 0 <= v for v in value) and value[1] < _MAX_INT


def _plain_document(record: Any) -> bool:
    """A document of the shape ingest writes: string id, path and title, a place in the pack, ascending line starts,
    and no field set to None (a row's None is a field it does not have)."""
    if type(record) is not dict or not _ref(record.get("packed")):
        return False
    if type(record.get("id")) is not str or any(type(record.get(name)) is not str for name in REQUIRED_TEXT):
        return False
    starts = record.get("line_starts")
    if type(starts) is not list or not all(type(v) is int and 0 <= v < _MAX_INT for v in starts):
        return False
    return all(b <= a for a, b in zip(starts[1:], starts, strict=False)) and None not in record.values()


def encode_documents(records: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the records that stay JSON, the columns) of a documents table as TinyDB hands it over (or as it was read)."""
    if isinstance(records, DocumentTable) and records.untouched() and records.encoded is not None:
        return records.beside, records.encoded
    rows = [r for r in _records(records) if _plain_document(r)]
    plain = {id(r) for r in rows}
    rows.sort(key=lambda r: (r["path"], r["id"]))  # the explorer's reading order: an open need not sort them (in_path_order)
    others = {str(i): r for i, r in enumerate((r for r in _records(records) if id(r) not in plain), start=1)}
    names: dict[str, None] = {}
    for record in rows:
        names.update(dict.fromkeys(record))
    for name in ("id", *NUMBERED):
        names.pop(name, None)
    starts, starts_at = array("i"), array("i", [0])
    offset, length = array("q"), array("i")
    for record in rows:
        starts.extend(record["line_starts"])
        starts_at.append(len(starts))
        offset.append(record["packed"][0])
        length.append(record["packed"][1])
    fields = {name: _encode_field([dict.get(r, name) for r in rows]) for name in names}
    columns = {
        "rows": len(rows),
        "ids": [r["id"] for r in rows],
        "fields": fields,
        "line_starts": encode_ints(starts),
        "line_starts_at": encode_ints(starts_at),
        "offset": encode_ints(offset),
        "length": encode_ints(length),
    }
    return others, columns


def _records(records: Any) -> Iterator[dict[str, Any]]:
    return iter(records.values()) if isinstance(records, Mapping) else iter(records)


def _encode_field(values: list[Any]) -> Any:
    """A list of the values in row order; for strings that repeat (a licence, a format), each once and a code per row."""
    if values and all(v is None or type(v) is str for v in values):
        distinct = set(values)
        if len(distinct) < CODED_BELOW * len(values):
            strings = Strings()
            codes = array("i", (strings.code(v) for v in values))
            return {"values": strings.values, "codes": encode_ints(codes)}
    return values


def decode_documents(columns: Any) -> DocumentTable:
    """The table over the columns as read; ColumnsError when they do not fit together."""
    if not isinstance(columns, dict) or type(columns.get("rows")) is not int:
        raise ColumnsError("the documents' columns have no row count")
    rows, ids, fields = columns["rows"], columns.get("ids"), columns.get("fields")
    if type(ids) is not list or len(ids) != rows or not all(type(v) is str for v in ids) or not isinstance(fields, dict):
        raise ColumnsError("the documents' columns have no ids or no fields")
    decoded = {name: _decode_field(name, value, rows) for name, value in fields.items()}
    for name in REQUIRED_TEXT:
        if rows and (name not in decoded or not all(type(v) is str for v in decoded[name])):
            raise ColumnsError(f"a document has no {name}")
    starts_at = decode_ints(columns.get("line_starts_at"), rows + 1)
    starts = decode_ints(columns.get("line_starts"), starts_at[-1])
    if starts_at[0] != 0:
        raise ColumnsError("the documents' line starts do not begin at the first row")
    offset, length = decode_ints(columns.get("offset"), rows, "q"), decode_ints(columns.get("length"), rows)
    if rows and (min(offset) < 0 or min(length) < 0):
        raise ColumnsError("a document's place in the pack is negative")
    table = DocumentTable(ids, decoded, starts, starts_at, offset, length)
    table.encoded = columns
    return table


def _decode_field(name: str, value: Any, rows: int) -> list[Any]:
    if isinstance(value, dict):
        strings, codes = value.get("values"), decode_ints(value.get("codes"), rows)
        if type(strings) is not list or not all(type(s) is str for s in strings):
            raise ColumnsError(f"the documents' field {name!r} has no values")
        if rows and (max(codes) >= len(strings) or min(codes) < -1):
            raise ColumnsError(f"the documents' field {name!r} points at values that are not there")
        return list(map([*strings, None].__getitem__, codes))  # a code of -1 is the None at the end: C speed
    if type(value) is not list or len(value) != rows:
        raise ColumnsError(f"the documents' field {name!r} does not hold one value a row")
    return value


def encode_refs(records: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the records that stay JSON, the columns) of the extractions' table: each a document id and a place in the pack."""
    if isinstance(records, PackedRefs) and records.encoded is not None:
        return records.beside, records.encoded
    ids, offset, length = [], array("q"), array("i")
    others = {}
    for key, record in records.items():
        if type(record) is dict and len(record) == 2 and type(record.get("doc")) is str and _ref(record.get("packed")):
            ids.append(record["doc"])
            offset.append(record["packed"][0])
            length.append(record["packed"][1])
        else:
            others[key] = record
    return others, {"rows": len(ids), "ids": ids, "offset": encode_ints(offset), "length": encode_ints(length)}


def decode_refs(columns: Any) -> PackedRefs:
    if not isinstance(columns, dict) or type(columns.get("rows")) is not int:
        raise ColumnsError("the extractions' columns have no row count")
    rows, ids = columns["rows"], columns.get("ids")
    if type(ids) is not list or len(ids) != rows or not all(type(v) is str for v in ids):
        raise ColumnsError("the extractions' columns have no ids")
    offset, length = decode_ints(columns.get("offset"), rows, "q"), decode_ints(columns.get("length"), rows)
    if rows and (min(offset) < 0 or min(length) < 0):
        raise ColumnsError("an extraction's place in the pack is negative")
    refs = PackedRefs(ids, offset, length)
    refs.encoded = columns
    return refs


def field_values(documents: Mapping[str, dict[str, Any]], name: str) -> Iterator[tuple[str, Any]]:
    """(id, the field's value or None) of every document of a table, column-wise or a plain dict."""
    if isinstance(documents, DocumentTable):
        return documents.values_of(name)
    return ((ident, doc.get(name)) for ident, doc in documents.items())


def path_order(documents: Mapping[str, dict[str, Any]]) -> list[str]:
    """The documents' ids by path, then id: the rows as they are when a column-wise table is as saved."""
    if isinstance(documents, DocumentTable) and documents.untouched() and documents.in_path_order():
        return list(documents.ids)
    return [ident for _, ident in sorted((path, ident) for ident, path in field_values(documents, "path"))]


def field_of(documents: Mapping[str, dict[str, Any]], ident: str, name: str) -> Any:
    """One field of one document of a table, column-wise or a plain dict (None when either is not there)."""
    if isinstance(documents, DocumentTable):
        return documents.field(ident, name)
    doc = documents.get(ident)
    return None if doc is None else doc.get(name)


def line_starts_many(documents: Mapping[str, dict[str, Any]], doc_ids: list[str]) -> tuple[Any, Any]:
    """Many documents' line starts at once, as numpy arrays: how many each has, and all of them one after another
    (none for a document not in the table). Off the columns where a row is unchanged: the actor network asks for
    every mentioned document's, 100,000 of them."""
    import numpy as np

    lookup = line_starts_of(documents)

    def one_by_one() -> tuple[Any, Any]:
        starts = [lookup(doc_id) or [] for doc_id in doc_ids]
        lengths = np.array([len(s) for s in starts], dtype=np.int64)
        return lengths, np.fromiter(chain.from_iterable(starts), dtype=np.int64, count=int(lengths.sum()))

    if not isinstance(documents, DocumentTable):
        return one_by_one()
    table = documents
    rows = np.array([-1 if d in table.built or d in table.deleted else table.rows.get(d, -1) for d in doc_ids], dtype=np.int64)
    at = np.frombuffer(table.starts_at, dtype=np.int32).astype(np.int64) if len(table.starts_at) else np.zeros(0, dtype=np.int64)
    columnar = rows >= 0
    lo, lengths = np.zeros(len(rows), dtype=np.int64), np.zeros(len(rows), dtype=np.int64)
    if columnar.any():
        held = rows[columnar]
        if int(held.max()) + 1 >= len(at):
            return one_by_one()  # pointers past the column (a damaged file): each document as its record has it
        lo[columnar], lengths[columnar] = at[held], at[held + 1] - at[held]
        if (lo < 0).any() or (lengths < 0).any() or (lo + lengths > len(table.starts)).any():
            return one_by_one()
    for i in np.flatnonzero(~columnar).tolist():  # built since, or not there
        lengths[i] = len(lookup(doc_ids[i]) or [])
    all_starts = np.frombuffer(table.starts, dtype=np.int32).astype(np.int64) if len(table.starts) else np.zeros(0, dtype=np.int64)
    total = int(lengths.sum())
    offsets = np.cumsum(lengths) - lengths
    flat = np.zeros(total, dtype=np.int64)
    from_columns = np.repeat(columnar, lengths)
    positions = np.repeat(lo, lengths) + np.arange(total) - np.repeat(offsets, lengths)
    flat[from_columns] = all_starts[positions[from_columns]]
    for i in np.flatnonzero(~columnar & (lengths > 0)).tolist():
        flat[offsets[i] : offsets[i] + lengths[i]] = lookup(doc_ids[i]) or []
    return lengths, flat


def line_starts_of(documents: Mapping[str, dict[str, Any]]) -> Callable[[str], list[int] | None]:
    """A document's line starts by id (None for one not in the table), off the column where its row is unchanged: the
    actor network asks for every mentioned document's, which built 100,000 records in the background."""

    def of_record(doc_id: str) -> list[int] | None:
        doc = documents.get(doc_id)
        if doc is None:
            return None
        return doc.get("line_starts") or line_starts(doc["text"])

    if not isinstance(documents, DocumentTable):
        return of_record
    table = documents

    def of_row(doc_id: str) -> list[int] | None:
        if doc_id in table.built or doc_id in table.deleted:
            return of_record(doc_id)
        i = table.rows.get(doc_id)
        return None if i is None else table.starts[table.starts_at[i] : table.starts_at[i + 1]].tolist()

    return of_row
