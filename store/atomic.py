"""Crash-safe file replacement: a reader sees the old file or the new one, never half.

The new bytes go to a temporary file in the same directory, are fsynced, and
are renamed over the target; the directory is fsynced so the rename itself
survives a power loss. The previous generation is kept as a hard link
(`<name>.bak`) when asked, which costs no copy.
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files left by a writer that was killed before its rename: never the real file, safe to drop."""
    directory = path.parent if str(path.parent) else Path(".")
    for tmp in directory.glob(f".{path.name}.tmp-*"):
        pid = tmp.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
            tmp.unlink(missing_ok=True)


def atomic_write(path: Path, data: bytes, keep_backup: bool = False) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves a whole file."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    remove_stale_temporaries(path)
    tmp = directory / f".{path.name}.tmp-{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        if keep_backup and path.exists():
            backup = path.with_name(path.name + ".bak")
            backup.unlink(missing_ok=True)
            try:
                os.link(path, backup)
            except OSError:
                pass  # a filesystem without hard links: the backup is best effort
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(directory)
