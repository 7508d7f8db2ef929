"""The export contract (DESIGN.md): one JSON object other tools and the tests rely on.

Extend it, never break it without bumping EXPORT_VERSION. Fields beyond the
contract (a meeting's ISO date, spans of place and time) are additions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from store.db import Store
from store.db.columns import to_plain
from store.db.schema import EXPORT_SCHEMA, EXPORT_VERSION


def build_export(store: Store, annotations: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    docs = sorted(store.documents.values(), key=lambda d: (d["path"], d["id"]))
    return {
        "schema": EXPORT_SCHEMA,
        "version": EXPORT_VERSION,
        "documents": [
            {
                "id": d["id"],
                "path": d["path"],
                "title": d["title"],
                "sha256": d["sha256"],
                "text": d["text"],
                **({"date": d["date"]} if d.get("date") else {}),
                **({"url": d["url"]} if d.get("url") else {}),
                **({"story": d["story"]} if d.get("story") else {}),
            }
            for d in docs
        ],
        "actors": [
            {k: a[k] for k in ("id", "name", "kind", "aliases", "roles", "mentions")}
            for a in sorted(store.actors.values(), key=lambda a: (-len(a["mentions"]), a["name"], a["id"]))
        ],
        "meetings": [
            {
                "id": m["id"],
                "doc": m["doc"],
                "participants": m["participants"],
                "place": m.get("place"),
                "time": m.get("time"),
                "time_iso": m.get("time_iso"),
                "time_granularity": m.get("time_granularity"),
                "status": m.get("status") or "happened",
                "event": m.get("event") or m["id"],
                "topic": m.get("topic"),
                "evidence": m["evidence"],
            }
            for m in sorted(store.meetings.values(), key=lambda m: (m["doc"], m["evidence"][0]["start"]))
        ],
        "quotes": [
            {
                k: q.get(k)
                for k in (
                    "id",
                    "doc",
                    "speaker",
                    "speaker_span",
                    "cue_span",
                    "content_span",
                    "kind",
                    "time",
                    "time_iso",
                    "time_granularity",
                )
            }
            for q in sorted(store.quotes.values(), key=lambda q: (q["doc"], q["content_span"]["start"]))
        ],
        "annotations": [
            {
                k: a.get(k)
                for k in ("id", "doc", "start", "end", "exact", "label", "note", "actor", "creator", "created", "updated", "orphaned")
            }
            for a in annotations
        ],
    }


def export_json(store: Store, annotations: Iterable[dict[str, Any]] = ()) -> bytes:
    return orjson.dumps(build_export(store, annotations), option=orjson.OPT_INDENT_2, default=to_plain) + b"\n"
