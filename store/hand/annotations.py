"""Hand annotations: the one thing a user cannot regenerate, kept in a file of their own.

They live in `<store>.annotations.json`, beside the store: re-ingest never
rewrites that file and saving an annotation never rewrites the corpus. Each
save re-reads the file under its own lock and applies just that one change
(insert, update or delete by id), so two explorers open on one store keep
each other's work instead of the last writer winning.

Each annotation keeps its exact text, some text before and after it, and
the document's path, so it can be found again when the document is
re-ingested with changed text (see store.anchoring).

The same file holds the edit log (store.edits): every annotation change and
every correction, appended in the same atomic write as the change itself, so
the log and the annotations can never disagree after a crash. Version 1
files (annotations only) are read as having an empty log.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout

from store.db import now_iso
from store.db.atomic import atomic_write
from store.db.shapes import annotation_problem, edit_problem
from store.db.storage import load_json_file
from store.errors import StoreError, StoreLocked
from store.hand.anchoring import passage
from store.hand.authors import current_user
from store.hand.edits import ANNOTATION_OPS, REDO, UNDO, make_edit, make_reversal, replay

ANNOTATIONS_SCHEMA = "backchannel/annotations"
ANNOTATIONS_VERSION = 2
DEFAULT_LABELS = ("actor mention", "quote", "meeting", "note")


def annotations_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".annotations.json")


def make_annotation(
    doc: dict[str, Any], start: int, end: int, label: str, note: str = "", actor: str | None = None, creator: str | None = None
) -> dict[str, Any]:
    """A new annotation on doc's text[start:end], with the context that lets it be found again, and whose it is."""
    stamp = now_iso()
    return {
        "id": "n" + uuid.uuid4().hex[:15],
        **passage(doc, start, end),
        "label": label,
        "note": note,
        "actor": actor,
        "creator": creator or current_user(),
        "created": stamp,
        "updated": stamp,
    }


# The annotations files this process has checked, by (inode, size, modification time): a save re-reads the file
# under its lock (another explorer may have written it), but checks every record's shape only when it changed.
_VALIDATED: dict[str, tuple[int, int, int]] = {}


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


@dataclass
class AnnotationStore:
    path: Path

    @classmethod
    def for_store(cls, store_path: Path) -> AnnotationStore:
        return cls(annotations_path(Path(store_path)))

    def all(self, lenient: bool = False) -> list[dict[str, Any]]:
        """Every annotation; `lenient` (doctor) skips records of the wrong shape instead of failing, counting them in `malformed`."""
        return list(self._read(lenient)[0].values())

    def log(self) -> list[dict[str, Any]]:
        """Every edit, oldest first: annotation changes, corrections, undos and redos."""
        return self._read()[1]

    def state(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Annotations and the log from one read, so they agree with each other."""
        records, log = self._read()
        return list(records.values()), log

    def _read(self, lenient: bool = False) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
        self.malformed: list[Any] = []
        self._aside: list[Any] = []
        if not self.path.exists():
            return {}, []
        data = load_json_file(self.path, what="annotations")
        if data.get("schema") != ANNOTATIONS_SCHEMA:
            raise StoreError(f"{self.path}: not a backchannel annotations file; it was left untouched — move it aside to start afresh")
        version = data.get("version")
        if not isinstance(version, int) or version > ANNOTATIONS_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer backchannel (annotations version {version}); upgrade to open it — the file was left untouched"
            )
        records = data.get("annotations", {})
        log = data.get("edits", [])
        if not isinstance(records, dict) or not isinstance(log, list):
            raise StoreError(f"{self.path}: the annotations file is damaged (no annotation table or edit log); it was left untouched")
        self._aside = data.get("set_aside") if isinstance(data.get("set_aside"), list) else []
        stamp = _stamp(self.path)
        if _VALIDATED.get(str(self.path)) == stamp:  # this process checked (or wrote) exactly this file: no need again
            return records, log
        bad_records = {k: p for k, r in records.items() if (p := annotation_problem(r))}
        bad_edits = {i: p for i, e in enumerate(log) if (p := edit_problem(e))}
        if not bad_records and not bad_edits:
            _VALIDATED[str(self.path)] = stamp
            return records, log
        if not lenient:
            where, problem = next(iter(bad_records.items())) if bad_records else next(iter(bad_edits.items()))
            raise StoreError(
                f"{self.path}: record {str(where)[:40]!r} is of the wrong shape ({problem}); it was left untouched —"
                " `backchannel doctor` lists such records, `doctor --repair` sets them aside inside the file, losing none"
            )
        self.malformed = [records[k] for k in bad_records] + [log[i] for i in bad_edits]
        return {k: r for k, r in records.items() if k not in bad_records}, [e for i, e in enumerate(log) if i not in bad_edits]

    def set_aside_malformed(self) -> int:
        """Move records of the wrong shape into the file's `set_aside` list: kept for a person to read, never used."""
        with self._locked():
            records, log = self._read(lenient=True)
            moved = list(self.malformed)
            if moved:
                self._aside = self._aside + moved
                self._write(records, log)
        return len(moved)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        lock = FileLock(str(self.path) + ".lock", timeout=10)
        try:
            lock.acquire()
        except Timeout:
            raise StoreLocked(f"{self.path}: another process has held the annotations lock for 10 s; try the save again") from None
        try:
            yield
        finally:
            lock.release()

    def _write(self, records: dict[str, dict[str, Any]], log: list[dict[str, Any]]) -> None:
        body = {"schema": ANNOTATIONS_SCHEMA, "version": ANNOTATIONS_VERSION, "annotations": records, "edits": log}
        if getattr(self, "_aside", None):
            body["set_aside"] = self._aside  # records a repair could not use: never dropped
        atomic_write(self.path, orjson.dumps(body, option=orjson.OPT_INDENT_2), keep_backup=True, new_mode=0o600)  # a person's notes
        _VALIDATED[str(self.path)] = _stamp(self.path)  # written from checked records: the next read need not check again

    def put(self, annotation: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace one annotation by id, keeping every other record as it is on disk now."""
        with self._locked():
            records, log = self._read()
            before = records.get(annotation["id"])
            if before is not None:
                annotation = dict(annotation, updated=now_iso())
            records[annotation["id"]] = annotation
            log.append(make_edit("annotation.put", {"kind": "annotation", "id": annotation["id"]}, before=before, after=annotation))
            self._write(records, log)
        return annotation

    def put_many(self, annotations: list[dict[str, Any]]) -> None:
        """Insert new annotations in one write (an import), each its own entry in the log so that u undoes them one by one."""
        if not annotations:
            return
        with self._locked():
            records, log = self._read()
            for annotation in annotations:
                before = records.get(annotation["id"])
                records[annotation["id"]] = annotation
                log.append(make_edit("annotation.put", {"kind": "annotation", "id": annotation["id"]}, before=before, after=annotation))
            self._write(records, log)

    def delete(self, annotation_id: str) -> dict[str, Any] | None:
        with self._locked():
            records, log = self._read()
            removed = records.pop(annotation_id, None)
            if removed is not None:
                log.append(make_edit("annotation.delete", {"kind": "annotation", "id": annotation_id}, before=removed))
                self._write(records, log)
        return removed

    def record(self, edit: dict[str, Any]) -> dict[str, Any]:
        """Append one correction (see store.corrections) to the log."""
        with self._locked():
            records, log = self._read()
            log.append(edit)
            self._write(records, log)
        return edit

    def undo(self) -> dict[str, Any] | None:
        """Reverse the latest edit in force, whoever made it; returns that edit, or None when there is none."""
        return self._reverse(UNDO)

    def redo(self) -> dict[str, Any] | None:
        return self._reverse(REDO)

    def _reverse(self, op: str) -> dict[str, Any] | None:
        with self._locked():
            records, log = self._read()
            state = replay(log)
            stack = state.undoable if op == UNDO else state.redoable
            if not stack:
                return None
            edit = stack[-1]
            if edit["op"] in ANNOTATION_OPS:
                _restore(records, edit, to_before=op == UNDO)
            log.append(make_reversal(op, edit["id"]))
            self._write(records, log)
        return edit


def _restore(records: dict[str, dict[str, Any]], edit: dict[str, Any], to_before: bool) -> None:
    """Put an annotation back as it was before (undo) or after (redo) one logged change."""
    ident = (edit.get("target") or {}).get("id")
    args = edit.get("args") or {}
    state = args.get("before") if to_before else args.get("after")
    if state is None:
        records.pop(ident, None)
    else:
        records[ident] = state
