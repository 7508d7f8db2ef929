"""One writer at a time: a lock file beside the store, held for a whole ingest."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from store.errors import StoreLocked


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lock")


@contextmanager
def writer_lock(store_path: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the store's writer lock; a second writer gets StoreLocked, never an interleaved write.

    The lock is an OS lock (flock), so it is released when its holder dies:
    there is no stale lock file to clean up by hand.
    """
    lock = FileLock(str(lock_path(store_path)), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise StoreLocked(
            f"{store_path}: another backchannel process is writing to this store; wait for it to finish, then run the command again"
        ) from None
    try:
        yield
    finally:
        lock.release()
