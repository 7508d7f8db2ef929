"""The notes as every reader sees them: found again in the text as it is now, actor links followed through merges.

A note is stored as it was made; the text under it may have moved (a re-ingest
of a changed article) or gone, and the actor it names may have been merged into
another. The explorer, every export, the report and history read this one view:
a moved note at its new place, a note whose text is gone flagged `orphaned`
with its last known place and text, and its actor the one that actor became.
"""

from __future__ import annotations

from typing import Any

from store.hand.anchoring import anchor_all
from store.hand.corrections import Corrected


def notes_as_read(annotations: list[dict[str, Any]], corrected: Corrected) -> list[dict[str, Any]]:
    """Each note re-anchored (`orphaned` when its text is gone) with its actor followed through merges."""
    anchors = anchor_all(annotations, corrected.store)
    out = []
    for annotation in annotations:
        where = anchors[annotation["id"]]
        note = dict(annotation, orphaned=where.status == "orphaned")
        if where.status == "moved":
            doc = corrected.store.documents[where.doc]
            note.update(doc=where.doc, path=doc["path"], start=where.start, end=where.end)
        if annotation.get("actor"):
            note["actor"] = corrected.actor_id(annotation["actor"])
        out.append(note)
    return out
