"""A TinyDB storage that reads its file once and writes it atomically with orjson.

TinyDB's own JSONStorage re-reads and re-parses the whole file on every query
and rewrites it on every insert. This storage keeps the parsed data in memory,
so queries cost no I/O, and `batch()` lets a caller make many table changes
that reach the disk as one atomic write.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from store.db.atomic import atomic_write
from store.errors import StoreError


def load_json_file(path: Path, what: str = "store") -> dict[str, Any]:
    """Parse a JSON object file, turning every way it can be broken into one clear line."""
    try:
        raw = path.read_bytes()
    except PermissionError:
        raise StoreError(f"{path}: permission denied reading the {what}; check the file's permissions") from None
    except IsADirectoryError:
        raise StoreError(f"{path}: is a directory, not a {what} file; name a file with --store") from None
    if not raw.strip():
        raise StoreError(
            f"{path}: the {what} file is empty; it was left untouched — restore {path.name}.bak "
            f"if it exists, or move the file aside and run `backchannel ingest` again"
        )
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreError(
            f"{path}: the {what} file is corrupt or truncated ({exc.msg} at byte {exc.pos} of {len(raw)}); "
            f"it was left untouched — restore {path.name}.bak if it exists, or move the file aside "
            f"and run `backchannel ingest` again"
        ) from None
    if not isinstance(data, dict):
        raise StoreError(f"{path}: not a backchannel {what} (the top level is not a JSON object); it was left untouched")
    return data


class AtomicJSONStorage(Storage):
    """TinyDB storage: one read, in-memory queries, atomic orjson writes."""

    def __init__(self, path: str | Path, create: bool = True, keep_backup: bool = True) -> None:
        self.path = Path(path)
        self.keep_backup = keep_backup
        self._data: dict[str, Any] | None = None
        self._batch_depth = 0
        self._dirty = False
        if not self.path.exists() and not create:
            raise StoreError(f"{self.path}: no store here; run `backchannel ingest PATH` first")

    def read(self) -> dict[str, Any] | None:
        if self._data is None:
            if not self.path.exists():
                return None
            self._data = load_json_file(self.path)
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        if self._batch_depth:
            self._dirty = True
        else:
            self._flush()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes: the file is written once, when the outermost batch ends cleanly."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
        if not self._batch_depth and self._dirty:
            self._flush()

    def _flush(self) -> None:
        self._dirty = False
        atomic_write(self.path, orjson.dumps(self._data), keep_backup=self.keep_backup)

    def close(self) -> None:
        pass
