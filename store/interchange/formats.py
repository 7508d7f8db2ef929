"""Exports for the tools analysts already use: CSV tables for spreadsheets and pandas, and W3C Web Annotation.

CSV: one file per kind, one row per item, with the document, the offsets and
the text they cover, so a row can be checked against the source without
backchannel. A cell that a spreadsheet would run as a formula (it starts with
=, +, -, @, a tab or a carriage return: `=HYPERLINK(…)` in a note, `=cmd|…` in
an article) gets a leading `'`, as OWASP recommends; the JSON export is exact. Web Annotation: the hand annotations as JSON-LD with both a
TextQuoteSelector (exact text and context) and a TextPositionSelector
(offsets), the model Hypothesis uses.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from store.db import Store, now_iso
from store.db.atomic import atomic_write, prepare_folder
from store.hand.anchoring import anchor_all
from store.hand.authors import agent, generator
from store.views.highlights import span_text

CSV_FILES = ("actors.csv", "meetings.csv", "quotes.csv", "annotations.csv")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: Any) -> Any:
    """A text cell a spreadsheet would read as a formula, made plain text; numbers and other text unchanged."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


def write_csv(store: Store, annotations: list[dict[str, Any]], directory: Path) -> list[Path]:
    prepare_folder(directory, "--format csv")
    docs = store.documents
    names = {a["id"]: a["name"] for a in store.actors.values()}
    tables: dict[str, tuple[list[str], list[list[Any]]]] = {
        "actors.csv": (
            ["actor_id", "name", "kind", "aliases", "roles", "doc", "path", "start", "end", "text"],
            [
                [
                    a["id"],
                    a["name"],
                    a["kind"],
                    "; ".join(a["aliases"]),
                    "; ".join(a["roles"]),
                    m["doc"],
                    docs[m["doc"]]["path"],
                    m["start"],
                    m["end"],
                    span_text(store, m["doc"], m),
                ]
                for a in store.actors.values()
                for m in a["mentions"]
                if m["doc"] in docs
            ],
        ),
        "meetings.csv": (
            [
                "meeting_id",
                "doc",
                "path",
                "participants",
                "participant_ids",
                "place",
                "time",
                "time_iso",
                "time_granularity",
                "status",
                "event",
                "topic",
                "start",
                "end",
                "evidence",
            ],
            [
                [
                    m["id"],
                    m["doc"],
                    docs[m["doc"]]["path"],
                    "; ".join(names.get(p, p) for p in m["participants"]),
                    "; ".join(m["participants"]),
                    m.get("place") or "",
                    m.get("time") or "",
                    m.get("time_iso") or "",
                    m.get("time_granularity") or "",
                    m.get("status") or "happened",
                    m.get("event") or m["id"],
                    m.get("topic") or "",
                    m["evidence"][0]["start"],
                    m["evidence"][0]["end"],
                    span_text(store, m["doc"], m["evidence"][0]),
                ]
                for m in store.meetings.values()
                if m["doc"] in docs
            ],
        ),
        "quotes.csv": (
            [
                "quote_id",
                "doc",
                "path",
                "kind",
                "speaker_id",
                "speaker",
                "speaker_text",
                "cue",
                "start",
                "end",
                "content",
                "time",
                "time_iso",
            ],
            [
                [
                    q["id"],
                    q["doc"],
                    docs[q["doc"]]["path"],
                    q["kind"],
                    q["speaker"] or "",
                    names.get(q["speaker"], "") if q["speaker"] else "",
                    span_text(store, q["doc"], q.get("speaker_span")),
                    span_text(store, q["doc"], q.get("cue_span")),
                    q["content_span"]["start"],
                    q["content_span"]["end"],
                    span_text(store, q["doc"], q["content_span"]),
                    q.get("time") or "",
                    q.get("time_iso") or "",
                ]
                for q in store.quotes.values()
                if q["doc"] in docs
            ],
        ),
        "annotations.csv": (
            [
                "annotation_id",
                "doc",
                "path",
                "start",
                "end",
                "exact",
                "label",
                "note",
                "actor_id",
                "actor",
                "creator",
                "created",
                "updated",
                "orphaned",
            ],
            [
                [
                    a["id"],
                    a["doc"],
                    a.get("path") or "",
                    a["start"],
                    a["end"],
                    a["exact"],
                    a["label"],
                    a.get("note") or "",
                    a.get("actor") or "",
                    names.get(a.get("actor") or "", ""),
                    a.get("creator") or "",
                    a.get("created", ""),
                    a.get("updated", ""),
                    "yes" if a.get("orphaned") else "",
                ]
                for a in annotations
            ],
        ),
    }
    written = []
    for name, (header, rows) in tables.items():
        path = directory / name
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
        atomic_write(path, buffer.getvalue().encode("utf-8"))
        written.append(path)
    return written


def motivation(annotation: dict[str, Any], store: Store) -> str:
    """The one reason for a note, from the Web Annotation vocabulary: a comment, else naming an actor, else a tag."""
    if annotation.get("note"):
        return "commenting"
    if annotation.get("actor") in store.actors:
        return "identifying"
    return "tagging"


def web_annotations(store: Store, annotations: list[dict[str, Any]]) -> dict[str, Any]:
    """A W3C Web Annotation collection; positions are those found now (re-anchored), orphans keep their last ones."""
    anchors = anchor_all(annotations, store)
    made_by, generated = generator(), now_iso()
    items = []
    for a in annotations:
        anchor = anchors[a["id"]]
        doc = store.documents.get(anchor.doc or "")
        source = (doc or {}).get("url") or f"urn:backchannel:doc:{anchor.doc}"
        start, end = (anchor.start, anchor.end) if anchor.status != "orphaned" else (a["start"], a["end"])
        text = doc["text"] if doc else ""
        body = [{"type": "TextualBody", "purpose": "tagging", "value": a["label"]}]
        if a.get("note"):
            body.append({"type": "TextualBody", "purpose": "commenting", "value": a["note"], "format": "text/plain"})
        if a.get("actor") in store.actors:
            body.append({"type": "TextualBody", "purpose": "identifying", "value": store.actors[a["actor"]]["name"]})
        items.append(
            {
                "id": f"urn:backchannel:annotation:{a['id']}",
                "type": "Annotation",
                "motivation": motivation(a, store),
                "creator": agent(a.get("creator") or "unknown"),
                **({"created": a["created"]} if a.get("created") else {}),
                **({"modified": a["updated"]} if a.get("updated") else {}),
                "generator": made_by,
                "generated": generated,
                "body": body,
                "target": {
                    "source": source,
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": a["exact"],
                            "prefix": text[max(0, start - 32) : start] if doc else a.get("prefix", ""),
                            "suffix": text[end : end + 32] if doc else a.get("suffix", ""),
                        },
                        {"type": "TextPositionSelector", "start": start, "end": end},
                    ],
                },
                **({"backchannel:orphaned": True} if anchor.status == "orphaned" else {}),
            }
        )
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "total": len(items), "items": items}
