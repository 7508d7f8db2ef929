"""Record shapes, kinds and id rules shared by ingest, the store and export.

Every span is a pair of Python string indices into the document text as
stored: `start` inclusive, `end` exclusive, so `text[start:end]` is the span.
Ids are derived from content, never from ingest order, so the same corpus
gives the same ids on every machine and every re-ingest.
"""

from __future__ import annotations

import hashlib
from typing import Any, TypedDict

STORE_SCHEMA = "backchannel/store"
# 2: texts and extractions in the pack beside the store file (store.db.pack);
# 3: actors' mentions and the quotes held column-wise in the store file (store.db.columns, store.db.middleware);
# 4: the documents and the extractions' places in the pack held column-wise too (store.db.document_columns)
SCHEMA_VERSION = 4
EXPORT_SCHEMA = "backchannel/export"
EXPORT_VERSION = 1


class Span(TypedDict):
    start: int
    end: int


def span(start: int, end: int) -> Span:
    return {"start": start, "end": end}


def span_or_none(pair: tuple[int, int] | None) -> Span | None:
    return None if pair is None else span(*pair)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id(text: str) -> str:
    """A document is its text: the same text under two paths is one document."""
    return "d" + sha256_text(text)[:15]


def stable_id(prefix: str, *parts: Any) -> str:
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return prefix + digest[:15]


def actor_id(kind: str, key: str) -> str:
    return stable_id("a", kind, key)


def article_count(mentions: list[dict]) -> int:
    """How many articles an actor is named in: what `documents` on an actor record counts."""
    return len({m["doc"] for m in mentions})
