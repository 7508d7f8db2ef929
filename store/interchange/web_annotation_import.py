"""A colleague's notes, from a W3C Web Annotation file, merged into yours.

Each annotation is placed by its selectors: the TextQuoteSelector's exact text
with its prefix and suffix, near the TextPositionSelector's offsets, in the
document its target names (our `urn:backchannel:doc:ID`, or the article's
address). Where the text is no longer there the note is kept as an orphan with
what it said, never dropped; a note already here (same id, or the same passage,
tag and comment) is skipped, so importing the same file twice adds nothing.
The creator Agent's name is kept as the note's author.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import orjson

from store.db import Store, now_iso
from store.errors import InputError
from store.hand.anchoring import CONTEXT_CHARS, anchor
from store.hand.authors import clean_name

MAX_IMPORT = 20_000
DOC_URN = "urn:backchannel:doc:"
NOTE_URN = "urn:backchannel:annotation:"


@dataclass
class WebImport:
    annotations: list[dict[str, Any]] = field(default_factory=list)
    present: int = 0  # already here
    orphaned: int = 0  # kept, but their text is not in any document now
    skipped: list[str] = field(default_factory=list)  # one line per item that is not a text annotation
    authors: set[str] = field(default_factory=set)


def _items(raw: Any) -> list[Any]:
    if isinstance(raw, list):
        return raw
    if isinstance(raw, dict) and raw.get("type") == "AnnotationCollection":
        first = raw.get("first")
        items = raw.get("items") or (first.get("items") if isinstance(first, dict) else None) or []
        return items if isinstance(items, list) else []
    if isinstance(raw, dict) and raw.get("type") == "Annotation":
        return [raw]
    raise InputError("not a Web Annotation file: expected an Annotation, an AnnotationCollection or a list of them")


def _one(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _selectors(target: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    selectors = target.get("selector")
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
    return quote, position


def _document(source: Any, store: Store, by_url: dict[str, str]) -> str:
    if isinstance(source, dict):
        source = source.get("id")
    if not isinstance(source, str):
        return ""
    if source.startswith(DOC_URN):
        return source[len(DOC_URN) :]
    return by_url.get(source, "")


def _bodies(item: dict[str, Any], store: Store) -> tuple[str, str, str | None]:
    """(label, note, actor id) from the tagging, commenting and identifying bodies."""
    bodies = item.get("body")
    bodies = bodies if isinstance(bodies, list) else [bodies] if bodies else []
    label, notes, actor = "", [], None
    names = {a["name"]: a["id"] for a in store.actors.values()}
    for body in bodies:
        if isinstance(body, str):
            continue
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        purpose = _one(body.get("purpose")) or _one(item.get("motivation"))
        if purpose == "tagging" and not label:
            label = body["value"]
        elif purpose == "identifying" and actor is None:
            actor = names.get(body["value"])
        else:
            notes.append(body["value"])
    return clean_name(label) or "note", "\n".join(notes), actor


def _author(item: dict[str, Any], fallback: str) -> str:
    creator = _one(item.get("creator"))
    if isinstance(creator, dict):
        name = _one(creator.get("name")) or _one(creator.get("nickname"))
        if isinstance(name, str) and clean_name(name):
            return clean_name(name)
    return fallback


def _note_id(item: dict[str, Any]) -> str:
    ident = item.get("id")
    if isinstance(ident, str) and ident.startswith(NOTE_URN):
        return ident[len(NOTE_URN) :][:40]
    basis = ident if isinstance(ident, str) else orjson.dumps(item, option=orjson.OPT_SORT_KEYS).decode()
    return "w" + hashlib.sha256(basis.encode()).hexdigest()[:15]


def read_web_annotations(raw: bytes, store: Store, existing: list[dict[str, Any]], fallback_author: str) -> WebImport:
    """The notes of a Web Annotation file, as records of ours; what is already here is counted, not repeated."""
    try:
        parsed = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc}); a Web Annotation file is JSON-LD") from None
    items = _items(parsed)
    if len(items) > MAX_IMPORT:
        raise InputError(f"{len(items):,} annotations: more than an import takes ({MAX_IMPORT:,}); split the file")
    report = WebImport()
    by_url = {d["url"]: d["id"] for d in store.documents.values() if d.get("url")}
    ids = {a["id"] for a in existing}
    same = {(a["doc"], a["start"], a["end"], a["label"], a.get("note", "")) for a in existing}
    for number, item in enumerate(items, start=1):
        record = _record(item, store, by_url, fallback_author)
        if isinstance(record, str):
            report.skipped.append(f"item {number}: {record}")
            continue
        where = anchor(record, store)
        key = (where.doc, where.start, where.end, record["label"], record["note"])
        if record["id"] in ids or key in same:
            report.present += 1
            continue
        if where.status == "orphaned":
            report.orphaned += 1
        else:  # stored where it stands now, so it anchors exactly from here on
            record.update(doc=where.doc, start=where.start, end=where.end, path=store.documents[where.doc]["path"])
        ids.add(record["id"])
        same.add(key)
        report.annotations.append(record)
        report.authors.add(record["creator"])
    return report


def _record(item: Any, store: Store, by_url: dict[str, str], fallback_author: str) -> dict[str, Any] | str:
    """Our annotation record for one item, or why it cannot be one."""
    if not isinstance(item, dict) or item.get("type") != "Annotation":
        return "not an Annotation"
    target = _one(item.get("target"))
    if not isinstance(target, dict):
        return "its target is not a part of a text (no selector)"
    quote, position = _selectors(target)
    if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
        return "no TextQuoteSelector with the exact text"
    start = position.get("start") if position else None
    end = position.get("end") if position else None
    exact = quote["exact"]
    if not (type(start) is int and type(end) is int and 0 <= start < end):
        start, end = 0, len(exact)
    doc_id = _document(target.get("source"), store, by_url)
    label, note, actor = _bodies(item, store)
    stamp = now_iso()
    created = item.get("created") if isinstance(item.get("created"), str) else stamp
    return {
        "id": _note_id(item),
        "doc": doc_id,
        "path": store.documents[doc_id]["path"] if doc_id in store.documents else None,
        "start": start,
        "end": end,
        "exact": exact,
        "prefix": str(quote.get("prefix") or "")[-CONTEXT_CHARS:],
        "suffix": str(quote.get("suffix") or "")[:CONTEXT_CHARS],
        "label": label,
        "note": note,
        "actor": actor,
        "creator": _author(item, fallback_author),
        "created": created,
        "updated": item.get("modified") if isinstance(item.get("modified"), str) else created,
    }
