"""What to highlight in a document for a selected item, and where `n`/`N` step to.

The explorer draws these marks; deciding them is domain logic, so it lives
here and is tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from store.db import Store
from store.db.columns import Mentions
from store.db.document_columns import path_order


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    style: str


class Stop(NamedTuple):
    """A place to go: a span in a document (a tuple: the top actor of a large archive has tens of thousands)."""

    doc: str
    start: int
    end: int


def document_order(store: Store) -> list[str]:
    """The documents by path, read off the paths' column (no record is built for it)."""
    return path_order(store.documents)


def reading_rank(store: Store) -> dict[str, int]:
    """Each document's place in reading order."""
    return {doc_id: i for i, doc_id in enumerate(document_order(store))}


def actor_stops(store: Store, actor: dict[str, Any], order: dict[str, int] | None = None) -> list[Stop]:
    """Every mention of an actor, in reading order across documents."""
    if order is None:
        order = reading_rank(store)
    mentions = actor["mentions"]
    if isinstance(mentions, Mentions):  # ordered on the columns: the most named actor of 100,000 articles has 160,000
        return mentions.in_reading_order(order, Stop)  # type: ignore[return-value]  # a sequence, read when indexed
    stops = [Stop(m["doc"], m["start"], m["end"]) for m in mentions if m["doc"] in order]
    return sorted(stops, key=lambda s: (order[s.doc], s.start))


def actor_marks(actor: dict[str, Any], doc_id: str) -> list[Mark]:
    mentions = actor["mentions"]
    if isinstance(mentions, Mentions):
        return [Mark(start, end, "mention") for start, end in mentions.in_document(doc_id)]
    return [Mark(m["start"], m["end"], "mention") for m in actor["mentions"] if m["doc"] == doc_id]


def meeting_marks(store: Store, meeting: dict[str, Any]) -> list[Mark]:
    marks = [Mark(e["start"], e["end"], "evidence") for e in meeting["evidence"]]
    for actor_id in meeting["participants"]:
        actor = store.actors.get(actor_id)
        if actor is None:
            continue
        for m in actor["mentions"]:
            if m["doc"] == meeting["doc"] and any(e["start"] <= m["start"] < e["end"] for e in meeting["evidence"]):
                marks.append(Mark(m["start"], m["end"], "participant"))
    for key, style in (("place_span", "place"), ("time_span", "time")):
        span = meeting.get(key)
        if span:
            marks.append(Mark(span["start"], span["end"], style))
    return marks


def meeting_stops(meeting: dict[str, Any]) -> list[Stop]:
    return [Stop(meeting["doc"], e["start"], e["end"]) for e in meeting["evidence"]]


def quote_marks(quote: dict[str, Any]) -> list[Mark]:
    marks = [Mark(quote["content_span"]["start"], quote["content_span"]["end"], "content")]
    for key, style in (("speaker_span", "speaker"), ("cue_span", "cue"), ("time_span", "time")):
        span = quote.get(key)
        if span:
            marks.append(Mark(span["start"], span["end"], style))
    return marks


def quote_stops(quote: dict[str, Any]) -> list[Stop]:
    spans = [quote.get("speaker_span"), quote["content_span"]]
    return sorted((Stop(quote["doc"], s["start"], s["end"]) for s in spans if s), key=lambda s: s.start)


def quote_text(store: Store, quote: dict[str, Any]) -> str:
    span = quote["content_span"]
    return store.documents[quote["doc"]]["text"][span["start"] : span["end"]]


def span_text(store: Store, doc_id: str, span: dict[str, int] | None) -> str:
    if not span or doc_id not in store.documents:
        return ""
    return store.documents[doc_id]["text"][span["start"] : span["end"]]
