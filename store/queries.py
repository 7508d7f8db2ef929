"""Questions the command line and the explorer ask of an opened store, answered in memory."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .db import Store


def top_actors(store: Store, n: int = 10) -> list[dict[str, Any]]:
    """Actors by how many mentions they have, then by how many documents they appear in."""
    return sorted(store.actors.values(), key=lambda a: (-len(a["mentions"]), -a.get("documents", 0), a["name"]))[:n]


def counts(store: Store) -> dict[str, int]:
    kinds = Counter(a["kind"] for a in store.actors.values())
    return {
        "documents": len(store.documents),
        "actors": len(store.actors),
        **{f"actors.{k}": kinds.get(k, 0) for k in ("person", "organization", "country", "group")},
        "meetings": len(store.meetings),
        "quotes": len(store.quotes),
        "mentions": sum(len(a["mentions"]) for a in store.actors.values()),
    }


def quotes_by(store: Store, actor_id: str) -> list[dict[str, Any]]:
    return [q for q in store.quotes.values() if q.get("speaker") == actor_id]


def meetings_of(store: Store, actor_id: str) -> list[dict[str, Any]]:
    return [m for m in store.meetings.values() if actor_id in m["participants"]]
