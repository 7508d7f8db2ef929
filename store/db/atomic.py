"""Crash-safe file replacement: a reader sees the old file or the new one, never half.

The new bytes go to a temporary file in the same directory, are fsynced, and
are renamed over the target; the directory is fsynced so the rename itself
survives a power loss. The previous generation is kept as a hard link
(`<name>.bak`) when asked, which costs no copy.

The temporary file is made the safe way (`tempfile.mkstemp`: a name nobody can
guess, O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600), so a link planted at a future
name cannot turn a save into a write elsewhere. The replaced file keeps its
permissions (a 0600 notes file stays 0600); a new file gets `new_mode` as the
umask allows. A read-only file is never replaced: the user made it so.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from store.errors import InputError


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


def _temp_prefix(path: Path) -> str:
    return f".{path.name}.tmp-{os.getpid()}-"


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files left by a writer that was killed before its rename: never the real file, safe to drop."""
    directory = path.parent if str(path.parent) else Path(".")
    for tmp in directory.glob(f".{path.name}.tmp-*"):
        pid = tmp.name[len(f".{path.name}.tmp-") :].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)) and tmp.is_file() and not tmp.is_symlink():
            tmp.unlink(missing_ok=True)


def _writable_folder(directory: Path) -> bool:
    """Writable by access() and by its owner's write bit: a folder the user made read-only stays so, even for root."""
    return os.access(directory, os.W_OK | os.X_OK) and bool(os.stat(directory).st_mode & stat.S_IWUSR)


def check_writable(path: Path, what: str = "file") -> None:
    """Fail with one line, before any work, when `path` could not be replaced: a read-only file or folder."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name")
    if not directory.is_dir():
        raise InputError(f"{directory}: no such folder for the {what}; create it first or give another path")
    if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
        raise InputError(f"{path}: not a regular file (a link, a pipe or a device); the {what} is never written through one")
    if path.exists() and (not os.access(path, os.W_OK) or not os.stat(path).st_mode & stat.S_IWUSR):
        raise InputError(f"{path}: the {what} is read-only; make it writable (chmod u+w) to change it, or work on a copy")
    if not _writable_folder(directory):
        raise InputError(f"{directory}: the folder is not writable, so the {what} cannot be saved there; check its permissions")


def prepare_folder(directory: Path, what: str) -> None:
    """The folder an export writes its files into: made when its parent exists, refused when it is a file."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise InputError(f"{directory}: is a file; {what} writes several files into a folder: name a folder with -o")
    if not directory.parent.is_dir():
        raise InputError(f"{directory.parent}: no such folder; create it first or name another folder with -o")
    directory.mkdir(exist_ok=True)
    if not _writable_folder(directory):
        raise InputError(f"{directory}: the folder is not writable; check its permissions or name another folder with -o")


def atomic_write(path: Path, data: bytes, keep_backup: bool = False, new_mode: int = 0o666) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves a whole file."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    check_writable(path)
    remove_stale_temporaries(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = new_mode & ~umask
    fd, name = tempfile.mkstemp(prefix=_temp_prefix(path), dir=directory)
    tmp = Path(name)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fchmod(fd, mode)
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
    if not stat.S_ISREG(os.lstat(path).st_mode):
        raise InputError(f"{path}: is no longer a regular file after the save (something replaced it); check the folder")


def atomic_copy(source: Path, target: Path) -> None:
    """Make `target` a whole copy of `source`, or leave it as it was: copied to a temporary file, fsynced, renamed.

    A copy, not a hard link: a backup must not change when something (an editor, say) writes into the original."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    remove_stale_temporaries(target)
    fd, name = tempfile.mkstemp(prefix=_temp_prefix(target), dir=directory)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        shutil.copystat(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(directory)
