"""What the last ingest read, file by file, so that a re-ingest reads again only the files that changed.

At 100,000 articles, reading, decoding and dating every file of a folder took
half a minute to find the one that changed. A file is taken as unchanged, and
not read, when:

- what `stat` says of it (size, modification and change times, inode) is what
  it said when it was read, as git's index judges a file;
- it had not been modified in the two seconds before it was read: a write in
  the same tick of a coarse clock leaves the same time, so such a file is read
  again next time (git's "racily clean" rule);
- the metadata row that dated it (store.read.sidecar) gives what it gave then;
- the store it went into is the file that ingest left (size, time, inode): a
  store deleted, restored from a backup or rewritten by other means makes
  every file read again;
- the extraction rules are the same, and it is not an undated article that
  `--date` would now date.

The modification time is a cache key here, never an article's date. This is
derived data, kept beside the store (`<store>.files`, or `.files.json` in an
archive): deleting it costs one full read, and anything wrong with it (a
corrupt file, another version) is taken as no record at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from store.db.atomic import atomic_write
from store.errors import BackchannelError

FORMAT = 1
RACY_NS = 2_000_000_000  # a file modified this close before it was read may change again within one clock tick


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

    def as_record(self) -> list[Any]:
        return [self.signature, self.read_ns, self.sidecar, self.docs, self.undated]

    @classmethod
    def from_record(cls, record: Any) -> FileRead | None:
        try:
            signature, read_ns, sidecar, docs, undated = record
            if not (isinstance(signature, list) and isinstance(sidecar, dict) and isinstance(docs, list)):
                return None
            return cls([int(v) for v in signature], int(read_ns), sidecar, [str(d) for d in docs], int(undated))
        except (TypeError, ValueError):
            return None


@dataclass
class SeenFiles:
    """The files an ingest into one store (or archive) read, by absolute path."""

    path: Path
    extractor: int
    files: dict[str, FileRead | list[Any]] = field(default_factory=dict)  # a record is made a FileRead when looked up

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
        files = data.get("files")
        if not isinstance(files, dict):
            return empty
        empty.files = files  # 100,000 of them: each is checked when its file is met
        return empty

    def known(self, key: str) -> bool:
        return key in self.files

    def unchanged(self, key: str, st: os.stat_result, sidecar: dict[str, Any], redating: bool) -> FileRead | None:
        """The earlier read of this file, if the file and what dated it are as they were then; else None (read it)."""
        read = self.files.get(key)
        if read is not None and not isinstance(read, FileRead):
            read = FileRead.from_record(read)
        if read is None or read.signature != file_signature(st) or read.sidecar != sidecar:
            return None
        if st.st_mtime_ns + RACY_NS > read.read_ns:
            return None
        if redating and read.undated:
            return None  # --date would date what was undated
        return read

    def save(self, stores: dict[str, list[int]]) -> None:
        """Written whole over the old record; a failure costs the next ingest a full read, never data."""
        data = {
            "format": FORMAT,
            "extractor": self.extractor,
            "stores": stores,
            "files": {key: read.as_record() if isinstance(read, FileRead) else read for key, read in self.files.items()},
        }
        try:
            atomic_write(self.path, orjson.dumps(data))
        except (OSError, BackchannelError):
            try:
                self.path.unlink()  # an old record beside a new store would be refused anyway; do not leave it
            except OSError:
                pass
