"""Hand annotations: the one thing a user cannot regenerate, kept in a file of their own.

They live in `<store>.annotations.json`, beside the store: re-ingest never
rewrites that file and saving an annotation never rewrites the corpus. Each
save re-reads the file under its own lock and applies just that one change
(insert, update or delete by id), so two explorers open on one store keep
each other's work instead of the last writer winning.

Each annotation keeps its exact text, some text before and after it, and
the document's path, so it can be found again when the document is
re-ingested with changed text (see store.anchoring).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout

from .atomic import atomic_write
from .db import now_iso
from .errors import StoreError, StoreLocked
from .storage import load_json_file

ANNOTATIONS_SCHEMA = "backchannel/annotations"
ANNOTATIONS_VERSION = 1
CONTEXT_CHARS = 32
DEFAULT_LABELS = ("actor mention", "quote", "meeting", "note")


def annotations_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".annotations.json")


def make_annotation(doc: dict[str, Any], start: int, end: int, label: str, note: str = "", actor: str | None = None) -> dict[str, Any]:
    """A new annotation on doc's text[start:end], with the context that lets it be found again."""
    text = doc["text"]
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"span {start}:{end} is outside the document (length {len(text)})")
    stamp = now_iso()
    return {
        "id": "n" + uuid.uuid4().hex[:15],
        "doc": doc["id"],
        "path": doc.get("path"),
        "start": start,
        "end": end,
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT_CHARS) : start],
        "suffix": text[end : end + CONTEXT_CHARS],
        "label": label,
        "note": note,
        "actor": actor,
        "created": stamp,
        "updated": stamp,
    }


@dataclass
class AnnotationStore:
    path: Path

    @classmethod
    def for_store(cls, store_path: Path) -> AnnotationStore:
        return cls(annotations_path(Path(store_path)))

    def all(self) -> list[dict[str, Any]]:
        return list(self._read().values())

    def _read(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        data = load_json_file(self.path, what="annotations")
        if data.get("schema") != ANNOTATIONS_SCHEMA:
            raise StoreError(f"{self.path}: not a backchannel annotations file; it was left untouched — move it aside to start afresh")
        version = data.get("version")
        if not isinstance(version, int) or version > ANNOTATIONS_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer backchannel (annotations version {version}); upgrade to open it — the file was left untouched"
            )
        records = data.get("annotations", {})
        if not isinstance(records, dict):
            raise StoreError(f"{self.path}: the annotations file is damaged (no annotation table); it was left untouched")
        return records

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

    def _write(self, records: dict[str, dict[str, Any]]) -> None:
        body = {"schema": ANNOTATIONS_SCHEMA, "version": ANNOTATIONS_VERSION, "annotations": records}
        atomic_write(self.path, orjson.dumps(body, option=orjson.OPT_INDENT_2), keep_backup=True)

    def put(self, annotation: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace one annotation by id, keeping every other record as it is on disk now."""
        with self._locked():
            records = self._read()
            if annotation["id"] in records:
                annotation = dict(annotation, updated=now_iso())
            records[annotation["id"]] = annotation
            self._write(records)
        return annotation

    def delete(self, annotation_id: str) -> dict[str, Any] | None:
        with self._locked():
            records = self._read()
            removed = records.pop(annotation_id, None)
            if removed is not None:
                self._write(records)
        return removed
