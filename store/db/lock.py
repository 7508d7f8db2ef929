"""One writer at a time: a lock file beside the store, held for a whole ingest."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from store.errors import StoreLocked


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lock")


_HELD: dict[tuple[int, str], int] = {}  # (thread, lock file) this process holds, and how many writers in that thread hold it


@contextmanager
def writer_lock(store_path: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the store's writer lock; a second writer gets StoreLocked, never an interleaved write.

    The lock is an OS lock (flock), so it is released when its holder dies:
    there is no stale lock file to clean up by hand. Within one thread it is
    re-entrant: an ingest that opens an older store migrates it under the
    lock it already holds.
    """
    key = (threading.get_ident(), os.path.abspath(lock_path(store_path)))
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    lock = FileLock(key[1], timeout=wait, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise StoreLocked(
            f"{store_path}: another backchannel process is writing to this store; wait for it to finish, then run the command again"
        ) from None
    _HELD[key] = 1
    try:
        yield
    finally:
        _HELD.pop(key, None)
        lock.release()
