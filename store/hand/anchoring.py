"""Finding a hand annotation again after its document was re-ingested with changed text.

An annotation keeps its document id (a hash of the text), the document's
path, its offsets, the exact text, and some text before and after. When the
offsets no longer hold, the exact text is searched for in the document now
stored under the same path (then, for longer passages, in every document),
and the occurrence whose surroundings agree best with the saved context
wins. An annotation that cannot be found is kept and shown as orphaned —
never dropped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from store.db import Store

MIN_GLOBAL_SEARCH = 20  # shorter passages are too common to look for across the whole corpus
CONTEXT_CHARS = 32  # text kept before and after a span, to find it again


def passage(doc: dict[str, Any], start: int, end: int) -> dict[str, Any]:
    """A span that can be found again after its document changes: doc, path, offsets, exact text and its context.

    The shape annotations are stored in and corrections name their targets by; `anchor` finds it again.
    """
    text = doc["text"]
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"span {start}:{end} is outside the document (length {len(text)})")
    return {
        "doc": doc["id"],
        "path": doc.get("path"),
        "start": start,
        "end": end,
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT_CHARS) : start],
        "suffix": text[end : end + CONTEXT_CHARS],
    }


@dataclass(frozen=True)
class Anchor:
    doc: str | None
    start: int
    end: int
    status: str  # "exact", "moved" or "orphaned"


def _agreement(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    before = os.path.commonprefix([text[max(0, start - len(prefix)) : start][::-1], prefix[::-1]])
    after = os.path.commonprefix([text[end : end + len(suffix)], suffix])
    return len(before) + len(after)


def _best_in(text: str, annotation: dict[str, Any]) -> tuple[int, int] | None:
    exact = annotation["exact"]
    if not exact:
        return None
    best: tuple[int, int, int] | None = None  # (agreement, -distance, start)
    pos = text.find(exact)
    while pos != -1:
        score = (
            _agreement(text, pos, pos + len(exact), annotation.get("prefix", ""), annotation.get("suffix", "")),
            -abs(pos - annotation["start"]),
            pos,
        )
        if best is None or score > best:
            best = score
        pos = text.find(exact, pos + 1)
    return None if best is None else (best[0], best[2])


def anchor(annotation: dict[str, Any], store: Store, by_path: dict[str, str] | None = None) -> Anchor:
    doc = store.documents.get(annotation["doc"])
    start, end, exact = annotation["start"], annotation["end"], annotation["exact"]
    if doc is not None and doc["text"][start:end] == exact:
        return Anchor(doc["id"], start, end, "exact")
    candidates: list[dict[str, Any]] = []
    if doc is not None:
        candidates.append(doc)
    by_path = by_path if by_path is not None else store.ids_by_path()
    same_path = store.documents.get(by_path.get(annotation.get("path") or "") or "")
    if same_path is not None and same_path not in candidates:
        candidates.append(same_path)
    found = [(hit, d) for d in candidates if (hit := _best_in(d["text"], annotation))]
    if not found and len(exact) >= MIN_GLOBAL_SEARCH:
        found = [(hit, d) for d in store.documents.values() if exact in d["text"] and (hit := _best_in(d["text"], annotation))]
    if not found:
        return Anchor(annotation["doc"], start, end, "orphaned")
    (_, pos), target = max(found, key=lambda f: f[0][0])
    return Anchor(target["id"], pos, pos + len(exact), "moved")


def anchor_all(annotations: list[dict[str, Any]], store: Store) -> dict[str, Anchor]:
    if not annotations:
        return {}
    by_path = store.ids_by_path()
    return {a["id"]: anchor(a, store, by_path) for a in annotations}
