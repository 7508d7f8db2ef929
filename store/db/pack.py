"""Article texts and extraction records, kept beside the store file and read when they are needed.

The store file holds what every list and count needs (document metadata,
actors, meetings, quotes); the bulk of a corpus — each article's text and
layout, each article's extraction record — is most of its bytes and is read
only when an article is shown, exported or resolved again. Parsing it at every
open is what made a 10,000-article store take two seconds to open.

The pack is append-only: a record, once written, is never overwritten, so the
store file (the commit point, replaced atomically) and its `.bak` both point
at bytes that stay where they are. A writer appends, fsyncs, then replaces the
store file; a crash in between leaves unreferenced bytes at the pack's end,
which the next append simply follows. A document's id is the hash of its text,
so its text entry never changes; an extraction entry is appended again only
when its record changed. When most of a pack is dead, the live entries are
written whole to the next generation's pack (`.pack-N`) and the store file
points there; the old generation stays while the `.bak` points at it.
"""

from __future__ import annotations

import errno
import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from store.db.atomic import fsync_dir
from store.errors import StoreError

Ref = list[int]  # [offset, length] in the pack, as the store file records it
LAZY_FIELDS = ("text", "blocks")  # a document's fields that live in the pack


# A pack holding more dead bytes (replaced texts, old extraction records) than live ones is rewritten with the live
# ones only, once it is past this size: below it, a little waste costs less than rewriting the file.
COMPACT_AT_BYTES = 8_000_000


def pack_name(store_path: Path, generation: int = 1) -> str:
    return f"{store_path.name}.pack" if generation <= 1 else f"{store_path.name}.pack-{generation}"


def generation_of(store_path: Path, name: str) -> int:
    suffix = name.removeprefix(f"{store_path.name}.pack")
    return int(suffix[1:]) if suffix.startswith("-") and suffix[1:].isdigit() else 1


def pack_files(store_path: Path) -> list[Path]:
    """Every pack file of a store, whichever generation."""
    folder = store_path.parent if str(store_path.parent) else Path(".")
    return [p for p in folder.glob(f"{store_path.name}.pack*") if p.name == pack_name(store_path) or generation_of(store_path, p.name) > 1]


def should_compact(size: int, live: int) -> bool:
    return size >= COMPACT_AT_BYTES and size > 2 * live


def _damaged(path: Path, exc: Exception) -> StoreError:
    return StoreError(
        f"{path}: the store's pack (article texts and extractions) is missing or damaged ({exc}); "
        f"restore it beside the store file, or move the store aside and run `backchannel ingest` again"
    )


class Pack:
    """One pack file: entries appended as JSON, read back by [offset, length]."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def read(self, ref: Ref) -> Any:
        offset, length = ref
        try:
            with open(self.path, "rb") as handle:
                handle.seek(offset)
                raw = handle.read(length)
            if len(raw) != length:
                raise ValueError("short read")
            return orjson.loads(raw)
        except (OSError, ValueError) as exc:
            raise _damaged(self.path, exc) from None

    def read_many(self, refs: Iterable[tuple[str, Ref]]) -> dict[str, bytes]:
        """Many entries in file order with one open: what loading every extraction costs."""
        out: dict[str, bytes] = {}
        try:
            with open(self.path, "rb") as handle:
                for key, (offset, length) in sorted(refs, key=lambda item: item[1][0]):
                    handle.seek(offset)
                    raw = handle.read(length)
                    if len(raw) != length:
                        raise ValueError("short read")
                    out[key] = raw
        except (OSError, ValueError) as exc:
            raise _damaged(self.path, exc) from None
        return out

    def append(self, payloads: list[bytes]) -> list[Ref]:
        """Write entries at the end and make them durable before the store file may point at them."""
        if not payloads:
            return []
        new = not self.path.exists()
        # Never through a link: one planted at the pack's name must not turn a save into a write elsewhere.
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o666)
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
            raise StoreError(f"{self.path}: a link, not the store's pack; a pack is never written through one — remove it") from None
        with os.fdopen(fd, "ab") as handle:
            offset = handle.seek(0, os.SEEK_END)
            refs = []
            for payload in payloads:
                refs.append([offset, len(payload)])
                offset += len(payload)
            handle.write(b"".join(payloads))
            handle.flush()
            os.fsync(handle.fileno())
        if new:
            fsync_dir(self.path.parent if str(self.path.parent) else Path("."))
        return refs


def write_pack(path: Path, payloads: list[bytes]) -> list[Ref]:
    """A whole new pack, written to a temporary name, fsynced and renamed: it appears complete or not at all."""
    from store.db.atomic import atomic_write

    refs, offset = [], 0
    for payload in payloads:
        refs.append([offset, len(payload)])
        offset += len(payload)
    atomic_write(path, b"".join(payloads), keep_backup=False)
    return refs


def crc(payload: bytes) -> int:
    return zlib.crc32(payload)


class PackedDocument(dict):
    """A document record whose text and layout are read from the pack the first time they are asked for.

    Everything else about the document is an ordinary dict; `doc["text"]`, `doc.get("text")` and `"text" in doc`
    behave as if the text were there, so readers need not know where it lives.
    """

    __slots__ = ("pack", "ref")

    def __init__(self, record: dict[str, Any], pack: Pack, ref: Ref) -> None:
        super().__init__(record)
        self.pack = pack
        self.ref = ref

    def __missing__(self, key: str) -> Any:
        if key not in LAZY_FIELDS:
            raise KeyError(key)
        self.load()
        return dict.__getitem__(self, key)

    def load(self) -> None:
        entry = self.pack.read(self.ref)
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise StoreError(f"{self.pack.path}: the text of document {self.get('id')!r} in the pack is of the wrong shape")
        dict.update(self, text=entry["text"], blocks=entry.get("blocks") or [])

    def get(self, key: str, default: Any = None) -> Any:
        if key in LAZY_FIELDS and not dict.__contains__(self, key):
            return self[key]
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        return key in LAZY_FIELDS or dict.__contains__(self, key)

    def loaded(self) -> bool:
        return dict.__contains__(self, "text")


def line_starts(text: str) -> list[int]:
    """Where each line of a text starts: kept in the store file so that co-mention counts need no text."""
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def stored_document(record: dict[str, Any]) -> dict[str, Any]:
    """The part of a document record the store file keeps: everything but the packed fields."""
    kept = {k: v for k, v in dict.items(record) if k not in LAZY_FIELDS}
    if "line_starts" not in kept:
        kept["line_starts"] = line_starts(record["text"])
    return kept


def document_payload(record: dict[str, Any]) -> bytes:
    return orjson.dumps({"text": record["text"], "blocks": record.get("blocks") or []})
