"""What the last ingest read, file by file, so that a re-ingest reads again only the files that changed.

At 100,000 articles, reading, decoding and dating every file of a folder took
half a minute to find the one that changed. A file is taken as unchanged, and
not read, when:

- what `stat` says of it (size, modification and change times, inode) is what
  it said when it was read, as git's index judges a file;
- it had not been modified in the two seconds before it was read: a write in
  the same tick of a coarse clock leaves the same time, so such a file is read
  again next time (git's "racily clean" rule);
- the metadata row that dated it (store.read.sidecar) gives what it gave then:
  when the metadata files over its folder are the very files they were when
  its folder was last walked whole (`folders`), the row is not looked up at all;
- the store it went into is the file that ingest left (size, time, inode): a
  store deleted, restored from a backup or rewritten by other means makes
  every file read again;
- the extraction rules are the same, and it is not an undated article that
  `--date` would now date.

The modification time is a cache key here, never an article's date. This is
derived data, kept beside the store (`<store>.files`, or `.files.json` in an
archive): deleting it costs one full read, and anything wrong with it (a
corrupt file, another version) is taken as no record at all. It is held as
columns, one list per field, and the metadata rows as one JSON text decoded only
when a row is wanted: loading 100,000 records as a dict of lists took 0.7 s of
a re-ingest, as columns it takes a third of that.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from store.db.atomic import atomic_write
from store.errors import BackchannelError

FORMAT = 2
RACY_NS = 2_000_000_000  # a file modified this close before it was read may change again within one clock tick
STAT_FIELDS = 4


def file_signature(st: os.stat_result) -> list[int]:
    """What says a file is the one read before: size, modification and change times, inode."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def store_signature(paths: list[Path]) -> dict[str, list[int]]:
    """The store files as they are now (an absent one is absent): a record made for other files is not used."""
    out = {}
    for path in paths:
        try:
            out[str(path)] = file_signature(path.stat())
        except OSError:
            continue
    return out


@dataclass
class FileRead:
    """One file as an ingest read it: what identified it, when it was read, the metadata row's dating, its documents."""

    signature: list[int]
    read_ns: int
    sidecar: dict[str, Any]
    docs: list[str] = field(default_factory=list)
    undated: int = 0


@dataclass
class SeenFiles:
    """The files an ingest into one store (or archive) read, by absolute path, as columns.

    `folders`: for each folder last walked whole, the metadata files over it as they were then
    (store.read.reader's chain signature); while they are the same files, every row they gave is as it was."""

    path: Path
    extractor: int
    keys: list[str] = field(default_factory=list)
    stats: list[int] = field(default_factory=list)  # STAT_FIELDS per file, flat
    read_ns: list[int] = field(default_factory=list)
    docs: list[list[str]] = field(default_factory=list)
    undated: list[int] = field(default_factory=list)
    metas_json: bytes = b"[]"  # the metadata rows, one per file, decoded when the first is wanted
    folders: dict[str, Any] = field(default_factory=dict)
    _metas: list[dict[str, Any] | None] | None = None
    _index: dict[str, int] | None = None

    @classmethod
    def load(cls, path: Path, stores: dict[str, list[int]], extractor: int) -> SeenFiles:
        """The record beside the store, if it was made for these store files and these rules; else an empty one."""
        empty = cls(path, extractor)
        try:
            data = orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return empty
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("extractor") != extractor:
            return empty
        if data.get("stores") != stores or not stores:
            return empty
        columns = [data.get(name) for name in ("keys", "stats", "read_ns", "docs", "undated")]
        metas, folders = data.get("metas"), data.get("folders")
        if not all(isinstance(c, list) for c in columns) or not isinstance(metas, str) or not isinstance(folders, dict):
            return empty
        keys, stats, read_ns, docs, undated = columns
        n = len(keys)
        if len(stats) != n * STAT_FIELDS or not len(read_ns) == len(docs) == len(undated) == n:
            return empty
        if not (_all_of(docs, list) and _all_of(keys, str) and _all_of(stats, int) and _all_of(read_ns, int) and _all_of(undated, int)):
            return empty  # a hand-edited record: checked once here (milliseconds, at C speed), not file by file
        return cls(path, extractor, keys, stats, read_ns, docs, undated, metas.encode(), folders)

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def index(self) -> dict[str, int]:
        if self._index is None:
            self._index = {key: i for i, key in enumerate(self.keys)}
        return self._index

    def find(self, key: str) -> int | None:
        """Where the earlier read of this file is held, if there is one."""
        return self.index.get(key)

    @property
    def metas(self) -> list[dict[str, Any] | None]:
        if self._metas is None:
            try:
                decoded = orjson.loads(self.metas_json)
            except orjson.JSONDecodeError:
                decoded = None
            ok = isinstance(decoded, list) and len(decoded) == len(self.keys)
            self._metas = [m if type(m) is dict else None for m in decoded] if ok else [None] * len(self.keys)
        return self._metas

    def sidecar_of(self, i: int) -> dict[str, Any] | None:
        """The metadata row the file held at `i` was dated by; None if the record lost it (then look it up)."""
        return self.metas[i]

    def unchanged(self, i: int, st: os.stat_result, sidecar: dict[str, Any] | None, redating: bool) -> bool:
        """Whether the file held at `i` is as it was read and needs no reading. `sidecar`: the row that dates it now;
        None when the metadata files over its folder are the ones its folder was last walked with (the row is too)."""
        at = i * STAT_FIELDS
        if self.stats[at : at + STAT_FIELDS] != [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]:
            return False
        if st.st_mtime_ns + RACY_NS > self.read_ns[i]:
            return False
        if redating and self.undated[i]:
            return False  # --date would date what was undated
        return sidecar is None or self.metas[i] == sidecar

    def record(self, key: str, read: FileRead) -> None:
        """This ingest's read of one file, in place of the earlier one."""
        metas = self.metas
        i = self.find(key)
        if i is None:
            i = len(self.keys)
            self.index[key] = i
            self.keys.append(key)
            self.stats.extend(read.signature)
            self.read_ns.append(read.read_ns)
            self.docs.append(read.docs)
            self.undated.append(read.undated)
            metas.append(read.sidecar)
            return
        self.stats[i * STAT_FIELDS : (i + 1) * STAT_FIELDS] = read.signature
        self.read_ns[i], self.docs[i], self.undated[i], metas[i] = read.read_ns, read.docs, read.undated, read.sidecar

    def save(self, stores: dict[str, list[int]]) -> None:
        """Written whole over the old record; a failure costs the next ingest a full read, never data."""
        metas = orjson.dumps(self._metas).decode() if self._metas is not None else self.metas_json.decode()
        data = {
            "format": FORMAT,
            "extractor": self.extractor,
            "stores": stores,
            "folders": self.folders,
            "keys": self.keys,
            "stats": self.stats,
            "read_ns": self.read_ns,
            "docs": self.docs,
            "undated": self.undated,
            "metas": metas,
        }
        try:
            atomic_write(self.path, orjson.dumps(data))
        except (OSError, BackchannelError):
            try:
                self.path.unlink()  # an old record beside a new store would be refused anyway; do not leave it
            except OSError:
                pass


def _all_of(values: list[Any], kind: type) -> bool:
    """Every value of exactly this type (a bool is no int here): the types counted at C speed, not tested one by one."""
    return not values or set(map(type, values)) == {kind}
