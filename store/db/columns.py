"""The two big derived tables held column-wise: actors' mentions and the quotes, a few bytes a row.

At 100,000 articles the store holds 2.6 million mentions and 600,000 quotes.
As JSON objects parsed into Python dicts they cost 1.5 GB and most of the
open's seconds, though the lists need only a count per actor and an order of
the quotes. Here each field is a typed array (four bytes a row) and every
string (document ids, speaker ids, kinds, times) is stored once in a table of
strings; a record is built as a plain dict when someone asks for it, so every
reader keeps working on dicts. What is built is never cached: a record changed
by a caller must be assigned back (`table[id] = record`), as the corrections'
copy-on-write already does.

On disk (store.db.middleware) the arrays are little-endian bytes in base64,
inside the store file, so the store file stays the one commit point.
"""

from __future__ import annotations

import base64
import binascii
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from typing import Any

QUOTE_FIELDS = (
    "id",
    "doc",
    "speaker",
    "speaker_span",
    "cue_span",
    "content_span",
    "kind",
    "time",
    "time_iso",
    "time_granularity",
    "time_span",
)
_QUOTE_STRINGS = ("doc", "speaker", "kind", "time", "time_iso", "time_granularity")
_QUOTE_SPANS = ("speaker_span", "cue_span", "content_span", "time_span")
QUOTE_COLUMNS = _QUOTE_STRINGS + tuple(f"{name}.{end}" for name in _QUOTE_SPANS for end in ("start", "end"))
ID_WIDTH = 16  # store.db.schema.stable_id: a letter and 15 hex digits
DEFLATED = "z:"  # after the checksum: the bytes are deflated (base64 has no colon, so an older column never starts so)
DEFLATE_LEVEL = 1  # a tenth of the bytes already; higher levels take twice to four times as long to write
NONE = -1


class ColumnsError(ValueError):
    """The columns of a store file do not fit together (a truncated or hand-edited file)."""


def encode_ints(values: array) -> str:
    """Little-endian numbers (4 bytes, or 8 for an array("q")), deflated, in base64, after a checksum of them: a
    flipped bit fails the open, not a read. Deflated, the columns of 100,000 articles are a seventh of their 74 MB,
    and inflating them is faster than decoding the base64 of all of it was."""
    raw = (values if sys.byteorder == "little" else _swapped(values)).tobytes()
    return f"{zlib.crc32(raw):08x}:{DEFLATED}" + base64.b64encode(zlib.compress(raw, DEFLATE_LEVEL)).decode("ascii")


def decode_ints(text: Any, length: int, typecode: str = "i") -> array:
    """The numbers, once their checksum matches (which stands in for checking each value: C speed, not Python's).
    Columns written before they were deflated (store schema 3) are read as they are."""
    if not isinstance(text, str) or text[8:9] != ":":
        raise ColumnsError("a column is not a string of numbers")
    values = array(typecode)
    deflated = text.startswith(DEFLATED, 9)
    try:
        raw = binascii.a2b_base64(text[9 + len(DEFLATED) if deflated else 9 :], strict_mode=True)
        if deflated:
            raw = zlib.decompress(raw)
        if int(text[:8], 16) != zlib.crc32(raw):
            raise ColumnsError("a column does not match its checksum")
        values.frombytes(raw)
    except zlib.error:
        raise ColumnsError("a column does not match its checksum (it no longer inflates)") from None
    except (ValueError, TypeError) as exc:
        if isinstance(exc, ColumnsError):
            raise
        raise ColumnsError(f"a column is not valid base64 of {values.itemsize}-byte numbers") from None
    if sys.byteorder != "little":
        values.byteswap()
    if len(values) != length:
        raise ColumnsError(f"a column holds {len(values)} rows, not {length}")
    return values


def _swapped(values: array) -> array:
    copy = array(values.typecode, values)
    copy.byteswap()
    return copy


class Strings:
    """Every distinct string of the columns, once: a row holds its index (or -1 for None)."""

    def __init__(self, values: Iterable[str] = ()) -> None:
        self.values: list[str] = list(values)
        self._index: dict[str, int] = {s: i for i, s in enumerate(self.values)}

    def code(self, value: str | None) -> int:
        if value is None:
            return NONE
        index = self._index.get(value)
        if index is None:
            index = self._index[value] = len(self.values)
            self.values.append(value)
        return index


class MentionColumns:
    """Every actor's mentions in three arrays, each actor's rows contiguous: document, start, end."""

    __slots__ = ("docs", "doc", "start", "end")

    def __init__(self, docs: list[str], doc: array, start: array, end: array) -> None:
        self.docs, self.doc, self.start, self.end = docs, doc, start, end


def as_place(doc: str, start: int, end: int) -> tuple[str, int, int]:
    return (doc, start, end)


class RowView(Sequence):
    """Some rows of a column table in a given order (an array of row numbers), each made into a value when read: an
    actor's 160,000 mentions or 20,000 quotes cost an array until a screen shows a few of them."""

    __slots__ = ("rows",)

    def __init__(self, rows: Any) -> None:
        self.rows = rows

    def item(self, row: int) -> Any:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self.item(i) for i in self.rows[index].tolist()]
        return self.item(int(self.rows[index]))

    def __iter__(self) -> Iterator[Any]:
        return (self.item(i) for i in self.rows.tolist())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)})"


class Places(RowView):
    """Rows of the mention columns, each made into a value by `make(doc, start, end)`."""

    __slots__ = ("cols", "make")

    def __init__(self, cols: MentionColumns, rows: Any, make: Callable[[str, int, int], Any]) -> None:
        super().__init__(rows)
        self.cols, self.make = cols, make

    def item(self, row: int) -> Any:
        cols = self.cols
        return self.make(cols.docs[cols.doc[row]], cols.start[row], cols.end[row])


class Mentions(Sequence):
    """One actor's mentions, read from the shared columns: a sequence of {"doc", "start", "end"} dicts.

    Read-only like every ingested record; `+` and slices give plain lists, and a copy is a plain list to change."""

    __slots__ = ("cols", "lo", "hi")

    def __init__(self, cols: MentionColumns, lo: int, hi: int) -> None:
        self.cols, self.lo, self.hi = cols, lo, hi

    def __len__(self) -> int:
        return self.hi - self.lo

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._row(i) for i in range(self.lo, self.hi)[index]]
        size = self.hi - self.lo
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("mention index out of range")
        return self._row(self.lo + index)

    def _row(self, i: int) -> dict[str, Any]:
        cols = self.cols
        return {"doc": cols.docs[cols.doc[i]], "start": cols.start[i], "end": cols.end[i]}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        cols = self.cols
        docs, doc, start, end = cols.docs, cols.doc, cols.start, cols.end
        for i in range(self.lo, self.hi):
            yield {"doc": docs[doc[i]], "start": start[i], "end": end[i]}

    def document_count(self) -> int:
        """In how many documents, counted on the column (the most named actor of 100,000 articles has 160,000)."""
        return len(numpy().unique(as_numbers(self.cols.doc)[self.lo : self.hi]))

    def doc_ids(self) -> Iterator[str]:
        """The document of each mention, without building the mentions."""
        docs, doc = self.cols.docs, self.cols.doc
        return (docs[doc[i]] for i in range(self.lo, self.hi))

    def in_reading_order(self, order: dict[str, int], make: Callable[[str, int, int], Any] = as_place) -> Places:
        """The mentions in documents `order` ranks, by that rank, then by start: each made by `make(doc, start, end)`
        when asked for (the most named actor of 100,000 articles has 160,000, and a screen shows one)."""
        np = numpy()
        cols = self.cols
        codes, inverse = np.unique(as_numbers(cols.doc)[self.lo : self.hi], return_inverse=True)
        rank = np.array([order.get(cols.docs[c], -1) for c in codes.tolist()], dtype=np.int64)[inverse]
        start = as_numbers(cols.start)[self.lo : self.hi]
        kept = np.flatnonzero(rank >= 0)
        rows = kept[np.argsort((rank[kept] << 32) | start[kept], kind="stable")] + self.lo
        return Places(cols, rows, make)

    def in_document(self, doc_id: str) -> list[tuple[int, int]]:
        """(start, end) of the mentions in one document, found on the columns."""
        cols = self.cols
        if doc_id not in cols.docs:
            return []
        np = numpy()
        code = cols.docs.index(doc_id)
        rows = (np.flatnonzero(as_numbers(cols.doc)[self.lo : self.hi] == code) + self.lo).tolist()
        return [(cols.start[i], cols.end[i]) for i in rows]

    def __add__(self, other: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        return [*self, *other]

    def __radd__(self, other: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        return [*other, *self]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mentions | list | tuple):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __copy__(self) -> list[dict[str, Any]]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[dict[str, Any]]:
        return list(self)

    def __repr__(self) -> str:
        return f"Mentions({len(self)})"


def document_count(mentions: Iterable[dict[str, Any]]) -> int:
    """In how many documents an actor's mentions are, column-wise or a plain list."""
    if isinstance(mentions, Mentions):
        return mentions.document_count()
    return len({m["doc"] for m in mentions})


def is_plain_mention(m: Any) -> bool:
    return (
        type(m) is dict
        and len(m) == 3
        and type(m.get("doc")) is str
        and type(m.get("start")) is int
        and type(m.get("end")) is int
        and 0 <= m["start"] <= m["end"] < 2**31
    )


def is_plain_quote(q: Any) -> bool:
    """A quote of the shape extraction writes, which columns hold exactly; any other (a hand-made one) stays a dict."""
    if type(q) is not dict or tuple(q) != QUOTE_FIELDS:
        return False
    if type(q["id"]) is not str or len(q["id"]) != ID_WIDTH or not q["id"].isascii() or type(q["doc"]) is not str:
        return False
    if type(q["content_span"]) is not dict:
        return False
    for key in ("speaker", "kind", "time", "time_iso", "time_granularity"):
        if q[key] is not None and type(q[key]) is not str:
            return False
    if type(q["kind"]) is not str:
        return False
    for key in _QUOTE_SPANS:
        span = q[key]
        if span is None:
            continue
        if type(span) is not dict or tuple(span) != ("start", "end"):
            return False
        if type(span["start"]) is not int or type(span["end"]) is not int or not 0 <= span["start"] <= span["end"] < 2**31:
            return False
    return True


def numpy() -> Any:
    """numpy, imported when a table is first ordered rather than at import: the explorer's start does not wait for it."""
    import numpy

    return numpy


def as_numbers(values: array) -> Any:
    """A column as a numpy array over the same bytes (no copy)."""
    np = numpy()
    return np.frombuffer(values, dtype=np.int32) if len(values) else np.zeros(0, dtype=np.int32)


class RowIds(RowView):
    """The ids of some rows of a quote table."""

    __slots__ = ("table",)

    def __init__(self, table: QuoteTable, rows: Any) -> None:
        super().__init__(rows)
        self.table = table

    def item(self, row: int) -> str:
        return self.table.row_id(row)

    def index(self, ident: Any, start: int = 0, stop: int | None = None) -> int:
        """Where an id is among these rows, found at C speed (the explorer's list asks it of 600,000 quotes)."""
        row = self.table.row_of(ident) if isinstance(ident, str) else None
        hits = numpy().flatnonzero(numpy().asarray(self.rows)[start:stop] == row) if row is not None else ()
        if not len(hits):
            raise ValueError(f"{ident!r} is not in these rows")
        return int(hits[0]) + start

    def __contains__(self, ident: object) -> bool:
        try:
            self.index(ident)
        except ValueError:
            return False
        return True

    def records(self, index: Any = None) -> Any:
        """The records these rows hold, built from the rows themselves (never through the id → row index, which is a
        second of work at 600,000 quotes): all of them, one (an int index) or some (a slice)."""
        table = self.table
        if table.changed or table.deleted:  # changed since the rows were cut: the table's own view of each id
            ids = self if index is None else self[index]
            return table[ids] if isinstance(ids, str) else (table[i] for i in ids)
        if index is None:
            return (table.row(r) for r in self.rows.tolist())
        if isinstance(index, slice):
            return [table.row(r) for r in self.rows[index].tolist()]
        return table.row(int(self.rows[index]))


class Groups(Mapping):
    """A table's rows grouped by one column's string (a document, a speaker), each group in reading order: the rows
    sorted by their code once, a group cut from them with two binary searches when it is asked for (building the
    groups of 100,000 documents at open was a third of a second nobody waited for)."""

    __slots__ = ("table", "codes", "rows")

    def __init__(self, table: QuoteTable, codes: Any, rows: Any) -> None:
        self.table, self.codes, self.rows = table, codes, rows  # codes ascending; rows in the same order

    def __getitem__(self, key: str) -> RowIds:
        code = self.table.code_of(key)
        if code is None:
            raise KeyError(key)
        np = numpy()
        lo, hi = np.searchsorted(self.codes, code, side="left"), np.searchsorted(self.codes, code, side="right")
        if lo == hi:
            raise KeyError(key)
        return RowIds(self.table, self.rows[lo:hi])

    def __iter__(self) -> Iterator[str]:
        strings = self.table.strings
        return (strings[c] for c in numpy().unique(self.codes).tolist() if c != NONE)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class QuoteTable(MutableMapping):
    """The quotes table, id → record, held as columns; records set or deleted later are kept beside them.

    Iteration follows the rows' order, then the records added since."""

    def __init__(self, ids: str, strings: list[str], columns: dict[str, array], extra: dict[str, dict[str, Any]] | None = None) -> None:
        self.ids = ids  # every row's id, ID_WIDTH characters each, one after another
        self.strings = strings
        self.cols = columns
        self.size = len(ids) // ID_WIDTH
        self._rows: dict[str, int] | None = None
        self._id_list: list[str] | None = None
        self._keys: tuple[dict[str, int], Any] | None = None  # the last ranking's sort keys (sort_keys)
        self._sorted: tuple[Any, Any] | None = None  # those keys and the rows in their order (_order)
        self._codes: dict[str, int] | None = None  # string -> its place in `strings` (code_of)
        self.changed: dict[str, dict[str, Any]] = dict(extra or {})  # set since (or never columnar): these win
        self.deleted: set[str] = set()
        self.unchecked: dict[str, Any] = {}  # read from the file beside the columns, not yet checked (store.db.Store)

    @property
    def rows(self) -> dict[str, int]:
        if self._rows is None:
            self._rows = dict(zip(self.id_list, range(self.size), strict=True))
        return self._rows

    def row_id(self, i: int) -> str:
        return self.ids[i * ID_WIDTH : (i + 1) * ID_WIDTH]

    def row_of(self, ident: str) -> int | None:
        """The row of an id as extracted, found in the ids' string (no id -> row map is built for it)."""
        if self._rows is not None:
            return self._rows.get(ident)
        if len(ident) != ID_WIDTH:
            return None
        at = self.ids.find(ident)
        while at >= 0 and at % ID_WIDTH:  # a match across two ids: look further
            at = self.ids.find(ident, at + 1)
        return None if at < 0 else at // ID_WIDTH

    def row(self, i: int) -> dict[str, Any]:
        cols, strings = self.cols, self.strings

        def text(name: str) -> str | None:
            code = cols[name][i]
            return None if code < 0 else strings[code]

        def span(name: str) -> dict[str, int] | None:
            start = cols[name + ".start"][i]
            return None if start < 0 else {"start": start, "end": cols[name + ".end"][i]}

        return {
            "id": self.row_id(i),
            "doc": strings[cols["doc"][i]],
            "speaker": text("speaker"),
            "speaker_span": span("speaker_span"),
            "cue_span": span("cue_span"),
            "content_span": span("content_span"),
            "kind": strings[cols["kind"][i]],
            "time": text("time"),
            "time_iso": text("time_iso"),
            "time_granularity": text("time_granularity"),
            "time_span": span("time_span"),
        }

    def __getitem__(self, ident: str) -> dict[str, Any]:
        record = self.changed.get(ident)
        if record is not None:
            return record
        if ident in self.deleted:
            raise KeyError(ident)
        return self.row(self.rows[ident])

    def __contains__(self, ident: object) -> bool:
        return ident in self.changed or (ident not in self.deleted and ident in self.rows)

    def __setitem__(self, ident: str, record: dict[str, Any]) -> None:
        self.changed[ident] = record
        self.deleted.discard(ident)

    def __delitem__(self, ident: str) -> None:
        if ident not in self:
            raise KeyError(ident)
        self.changed.pop(ident, None)
        if ident in self.rows:
            self.deleted.add(ident)

    def __len__(self) -> int:
        in_rows = sum(1 for ident in self.changed if ident in self.rows)
        return self.size - len(self.deleted) + len(self.changed) - in_rows

    def __iter__(self) -> Iterator[str]:
        deleted = self.deleted
        for ident in self.id_list:
            if ident not in deleted:
                yield ident
        rows = self.rows if self.changed else {}
        for ident in self.changed:
            if ident not in rows:
                yield ident

    def values(self) -> Iterator[dict[str, Any]]:  # type: ignore[override]
        changed, deleted = self.changed, self.deleted
        for i, ident in enumerate(self.id_list):
            if ident in changed:
                yield changed[ident]
            elif ident not in deleted:
                yield self.row(i)
        rows = self.rows if changed else {}
        for ident, record in changed.items():
            if ident not in rows:
                yield record

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:  # type: ignore[override]
        return ((record["id"], record) for record in self.values())

    def copy(self) -> QuoteTable:
        """Another table over the same columns, whose changes are its own (the corrections' copy-on-write)."""
        other = QuoteTable(self.ids, self.strings, self.cols, self.changed)
        other._rows, other._id_list, other._keys, other._codes = self._rows, self._id_list, self._keys, self._codes
        other._sorted = self._sorted
        other.deleted = set(self.deleted)
        return other

    @property
    def id_list(self) -> list[str]:
        if self._id_list is None:
            ids, w = self.ids, ID_WIDTH
            self._id_list = [ids[i : i + w] for i in range(0, len(ids), w)]
        return self._id_list

    def speakers(self) -> set[str]:
        """Every actor that says something here, read off one column."""
        strings = self.strings
        out = {strings[c] for c in set(self.cols["speaker"]) if c >= 0}
        return out | {q["speaker"] for q in self.changed.values() if q.get("speaker")}

    def sort_keys(self, rank: dict[str, int]) -> Any:
        """Each row's place in reading order as one number: its document's rank, then where its words start. Kept for
        the last ranking asked about: the list's order and the index by document and speaker both need it."""
        if self._keys is not None and self._keys[0] is rank:
            return self._keys[1]
        keys = self._sort_keys(rank)
        self._keys = (rank, keys)
        return keys

    def _order(self, rank: dict[str, int]) -> Any:
        """The rows in reading order, sorted once for the list and the index by document and speaker both."""
        keys = self.sort_keys(rank)
        if self._sorted is None or self._sorted[0] is not keys:
            self._sorted = (keys, numpy().argsort(keys, kind="stable"))
        return self._sorted[1]

    def _sort_keys(self, rank: dict[str, int]) -> Any:
        np = numpy()
        doc_rank = np.fromiter((rank.get(s, 0) for s in self.strings), dtype=np.int64, count=len(self.strings))
        return (doc_rank[as_numbers(self.cols["doc"])] << 32) | as_numbers(self.cols["content_span.start"])

    def reading_order(self, rank: dict[str, int]) -> list[int | str]:
        """Every quote by its document's rank, then where its words start, worked out on the columns: a row number
        for a quote as extracted, the id for one set since (after the rows of the same place, as a stable sort puts it)."""
        np = numpy()
        keys = self.sort_keys(rank)
        changed, deleted = self.changed, self.deleted
        if not changed and not deleted:
            return np.argsort(keys, kind="stable").tolist()
        kept = np.ones(self.size, dtype=bool)
        for ident in (*changed, *deleted):
            row = self.rows.get(ident)
            if row is not None:
                kept[row] = False
        rows = np.flatnonzero(kept)
        rows = rows[np.argsort(keys[rows], kind="stable")]

        def key_of(ident: str) -> int:
            q = changed[ident]
            return (rank.get(q["doc"], 0) << 32) | q["content_span"]["start"]

        added = sorted(changed, key=key_of)
        places = np.searchsorted(keys[rows], np.array([key_of(i) for i in added], dtype=np.int64), side="right").tolist()
        base: list[int] = rows.tolist()
        out: list[int | str] = []
        last = 0
        for place, ident in zip(places, added, strict=True):
            out += base[last:place]
            out.append(ident)
            last = place
        out += base[last:]
        return out

    def ordered_rows(self, rank: dict[str, int]) -> Sequence[str]:
        """The ids in reading order, as rows made into ids when read while the table is as extracted (600,000 ids
        made into strings up front cost half a second of the explorer's first frame); a list once it was changed."""
        if self.changed or self.deleted:
            return self.ordered_ids(rank)
        return RowIds(self, self._order(rank))

    def ordered_ids(self, rank: dict[str, int]) -> list[str]:
        ids = self.id_list
        return [r if type(r) is str else ids[r] for r in self.reading_order(rank)]

    def grouped(self, rank: dict[str, int]) -> tuple[Mapping[str, Sequence[str]], Mapping[str, Sequence[str]]]:
        """The quotes' ids by document and by speaker, each in reading order; as extracted, cut from one sort of the
        columns (600,000 quotes: a second of Python per pass before), each group when it is asked for."""
        if self.changed or self.deleted:
            return self._grouped_by_record(rank)
        if not self.size:
            return {}, {}
        np = numpy()
        order = self._order(rank)
        out = []
        for name in ("doc", "speaker"):
            codes = as_numbers(self.cols[name])[order]
            by_code = np.argsort(codes, kind="stable")
            out.append(Groups(self, codes[by_code], order[by_code]))
        return out[0], out[1]

    def code_of(self, value: str) -> int | None:
        """Where a string is in the table of strings (worked out for all of them on the first call)."""
        if self._codes is None:
            self._codes = {s: i for i, s in enumerate(self.strings)}
        return self._codes.get(value)

    def _grouped_by_record(self, rank: dict[str, int]) -> tuple[dict[str, Sequence[str]], dict[str, Sequence[str]]]:
        ids, strings, changed = self.id_list, self.strings, self.changed
        doc, speaker = self.cols["doc"], self.cols["speaker"]
        by_doc: dict[int | str, list[str]] = {}
        by_speaker: dict[int | str, list[str]] = {}
        for r in self.reading_order(rank):
            if type(r) is int:
                d, who, ident = doc[r], speaker[r], ids[r]
            else:
                q = changed[r]
                d, who, ident = q["doc"], q.get("speaker") or NONE, r
            by_doc.setdefault(d, []).append(ident)
            if who != NONE:
                by_speaker.setdefault(who, []).append(ident)
        return _named(by_doc, strings), _named(by_speaker, strings)

    def _start(self, ident: str) -> int:
        record = self.changed.get(ident)
        return record["content_span"]["start"] if record is not None else self.cols["content_span.start"][self.rows[ident]]

    def __repr__(self) -> str:
        return f"QuoteTable({len(self)} quotes)"


def _named(groups: dict[int | str, list[str]], strings: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, ids in groups.items():
        out.setdefault(strings[key] if type(key) is int else key, []).extend(ids)  # a code and a changed record's id
    return out


def reading_order(quotes: Any, rank: dict[str, int]) -> list[str]:
    """The ids of a table's quotes, column-wise or a plain dict, by their document's rank, then where they start."""
    if isinstance(quotes, QuoteTable):
        return quotes.ordered_ids(rank)
    ordered = sorted(quotes.values(), key=lambda q: (rank.get(q["doc"], 0), q["content_span"]["start"]))
    return [q["id"] for q in ordered]


def reading_rows(quotes: Any, rank: dict[str, int]) -> Sequence[str]:
    """reading_order, as a sequence read when shown where the table is column-wise and as extracted."""
    if isinstance(quotes, QuoteTable):
        return quotes.ordered_rows(rank)
    return reading_order(quotes, rank)


def by_document_and_speaker(quotes: Any, rank: dict[str, int]) -> tuple[Mapping[str, Sequence[str]], Mapping[str, Sequence[str]]]:
    """The ids of a table's quotes by document and by speaker, each list in reading order."""
    if isinstance(quotes, QuoteTable):
        return quotes.grouped(rank)
    by_doc: dict[str, list[str]] = {}
    by_speaker: dict[str, list[str]] = {}
    for q in sorted(quotes.values(), key=lambda q: (rank.get(q["doc"], 0), q["content_span"]["start"])):
        by_doc.setdefault(q["doc"], []).append(q["id"])
        if q.get("speaker"):
            by_speaker.setdefault(q["speaker"], []).append(q["id"])
    return by_doc, by_speaker


def speakers(quotes: Any) -> set[str]:
    """Every actor a table's quotes are said by."""
    if isinstance(quotes, QuoteTable):
        return quotes.speakers()
    return {q["speaker"] for q in quotes.values() if q.get("speaker")}


def said_by(quotes: Any, actors: set[str]) -> list[str]:
    """The ids of the quotes these actors said."""
    if not actors:
        return []
    if isinstance(quotes, QuoteTable):
        codes = {i for i, s in enumerate(quotes.strings) if s in actors}
        ids, changed, deleted = quotes.id_list, quotes.changed, quotes.deleted
        found = [ids[i] for i, c in enumerate(quotes.cols["speaker"]) if c in codes]
        found = [i for i in found if i not in changed and i not in deleted]
        return found + [i for i, q in changed.items() if q.get("speaker") in actors]
    return [q["id"] for q in quotes.values() if q.get("speaker") in actors]


def quote_columns(
    quotes: Iterable[dict[str, Any]], start: tuple[str, Strings, dict[str, array]] | None = None
) -> tuple[str, list[str], dict[str, array], list[dict[str, Any]]]:
    """Rows for the quotes of the shape extraction writes; the others (made by hand, or of another shape) apart.
    `start`: rows already laid out (ids, their strings, their columns), which these follow."""
    strings = start[1] if start else Strings()
    cols = start[2] if start else {name: array("i") for name in QUOTE_COLUMNS}
    ids: list[str] = [start[0]] if start else []
    others = []
    for q in quotes:
        if not is_plain_quote(q):
            others.append(q)
            continue
        ids.append(q["id"])
        for name in _QUOTE_STRINGS:
            cols[name].append(strings.code(q[name]))
        for name in _QUOTE_SPANS:
            span = q[name]
            cols[name + ".start"].append(NONE if span is None else span["start"])
            cols[name + ".end"].append(NONE if span is None else span["end"])
    return "".join(ids), strings.values, cols, others


def table_columns(table: QuoteTable) -> tuple[str, list[str], dict[str, array], list[dict[str, Any]]]:
    """quote_columns() of a table read from the file: its rows that were neither changed nor deleted copied column to
    column, the records set since laid out after them. A re-ingest that patched one article's quotes writes the
    600,000 others of 100,000 articles without making a dict of each."""
    np = numpy()
    changed, deleted = table.changed, table.deleted
    gone = [table.rows[ident] for ident in (*deleted, *changed) if ident in table.rows]
    keep = np.ones(table.size, dtype=bool)
    keep[gone] = False
    rows = np.flatnonzero(keep)
    strings = Strings()
    # Each string the kept rows use, numbered again in the new table (-1, None, stays -1).
    renumber = np.array([strings.code(value) for value in table.strings] + [NONE], dtype=np.int32)
    cols: dict[str, array] = {}
    for name in QUOTE_COLUMNS:
        column = as_numbers(table.cols[name])[rows]
        if name in _QUOTE_STRINGS:
            column = renumber[column]  # -1 indexes the appended NONE
        cols[name] = array("i", column.astype("=i4").tobytes())
    ids = table.ids if not gone else "".join(table.id_list[i] for i in rows.tolist())
    return quote_columns(changed.values(), (ids, strings, cols))


def check_quote_columns(ids: str, cols: dict[str, array]) -> None:
    """Every column as long as the ids: checked once at open (the values are covered by their checksums)."""
    if len(ids) % ID_WIDTH:
        raise ColumnsError("the quote ids are not all of one width")
    size = len(ids) // ID_WIDTH
    for name, column in cols.items():
        if len(column) != size:
            raise ColumnsError(f"the quote column {name!r} holds {len(column)} rows, not {size}")


def to_plain(value: Any) -> Any:
    """orjson's `default`: a column-wise value as the JSON it stands for."""
    if isinstance(value, Mentions):
        return list(value)
    if isinstance(value, QuoteTable):
        return dict(value.items())
    raise TypeError(f"{type(value).__name__} is not JSON")
