"""One parsed document in, its extraction record out: actors, quotes and meetings with local actor keys.

This is what a worker process returns, so it is plain data, small to send between processes.
Local keys ("L0", "L1", …) are resolved to corpus-wide actor ids by store.resolve.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from store.extract.actors import extract_actors
from store.extract.meetings import extract_meetings
from store.extract.quotes import extract_quotes
from store.read.layout import Block

# Bump when extraction rules change: documents extracted by an older version
# are parsed again on the next ingest instead of being skipped as unchanged.
EXTRACTOR_VERSION = 60


def analyse(doc: Doc, blocks: list[Block], doc_date: str | None = None) -> dict[str, Any]:
    actors = extract_actors(doc, blocks)
    quotes = extract_quotes(doc, blocks, actors, doc_date)
    meetings = extract_meetings(doc, blocks, actors, doc_date)
    return {
        "extractor": EXTRACTOR_VERSION,
        "tokens": len(doc),
        "actors": [a.as_record() for a in actors],
        "quotes": [q.as_record() for q in quotes],
        "meetings": [m.as_record() for m in meetings],
    }


def merge_chunks(parts: list[tuple[int, dict[str, Any]]]) -> dict[str, Any]:
    """One extraction from the extractions of a document's pieces, each shifted by where its piece starts.

    Local actor keys get the piece's number ("L3" in piece 2 becomes "P2L3"); actors of
    different pieces are merged by store.resolve like actors of different documents.
    """
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]

    def shift(span: dict[str, int] | None, by: int) -> dict[str, int] | None:
        return None if span is None else {"start": span["start"] + by, "end": span["end"] + by}

    merged: dict[str, Any] = {"extractor": EXTRACTOR_VERSION, "tokens": 0, "actors": [], "quotes": [], "meetings": []}
    for n, (offset, part) in enumerate(parts):
        key = f"P{n}".__add__
        merged["tokens"] += part["tokens"]
        for actor in part["actors"]:
            merged["actors"].append(dict(actor, key=key(actor["key"]), mentions=[shift(m, offset) for m in actor["mentions"]]))
        for quote in part["quotes"]:
            merged["quotes"].append(
                dict(
                    quote,
                    speaker=key(quote["speaker"]) if quote["speaker"] else None,
                    **{k: shift(quote.get(k), offset) for k in ("content_span", "cue_span", "speaker_span", "time_span")},
                )
            )
        for meeting in part["meetings"]:
            spans = {k: shift(meeting[k], offset) for k in ("place_span", "time_span", "topic_span")}
            merged["meetings"].append(
                dict(
                    meeting,
                    participants=[key(p) for p in meeting["participants"]],
                    evidence=[shift(e, offset) for e in meeting["evidence"]],
                    triggers=[shift(t, offset) for t in meeting["triggers"]],
                    **spans,
                )
            )
    return merged
