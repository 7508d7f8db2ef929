"""A passage with where it came from, as an analyst pastes it into a report or a message."""

from __future__ import annotations

from store.db import Store


def citation(store: Store, doc_id: str, start: int, end: int, actors: list[str] | None = None) -> str:
    """The passage in quotation marks, then title, date, path, offsets, address and the actors it is about."""
    doc = store.documents[doc_id]
    head = f"— {doc['title']}" + (f", {doc['date']}" if doc.get("date") else "")
    lines = [f"“{doc['text'][start:end]}”", head, f"  {doc['path']}, characters {start}–{end} (document {doc_id})"]
    if doc.get("url"):
        lines.append(f"  {doc['url']}")
    if actors:
        lines.append("  about: " + ", ".join(actors))
    return "\n".join(lines) + "\n"
