"""What a record must look like to be used: checked when a store or an annotations file is opened.

A record of the wrong shape (a hand edit gone wrong, another tool's file, a
bit flip) would otherwise surface as a traceback deep inside export, report or
the explorer. Opening checks every record once, cheaply (types of the fields
the code relies on), and says in one line what is wrong and that `backchannel
doctor` shows it; `doctor --repair` keeps everything else.
"""

from __future__ import annotations

from typing import Any

from store.db.columns import Mentions

_STR, _INT, _LIST, _DICT = str, int, list, dict

REQUIRED: dict[str, dict[str, type]] = {
    "documents": {"id": _STR, "path": _STR, "title": _STR, "text": _STR},
    "actors": {"id": _STR, "name": _STR, "kind": _STR, "mentions": _LIST, "aliases": _LIST},
    "meetings": {"id": _STR, "doc": _STR, "participants": _LIST, "evidence": _LIST},
    "quotes": {"id": _STR, "doc": _STR, "content_span": _DICT, "kind": _STR},
    "extractions": {"doc": _STR, "actors": _LIST, "quotes": _LIST, "meetings": _LIST},
}
PACKED_REQUIRED = {table: {k: v for k, v in fields.items() if k != "text"} for table, fields in REQUIRED.items()}
ACTOR_COLUMNS_REQUIRED = {k: v for k, v in REQUIRED["actors"].items() if k != "mentions"}  # mentions checked as columns
SPAN_KEYS = {"quotes": ("content_span", "cue_span", "speaker_span"), "meetings": ("place_span", "time_span", "topic_span")}
ANNOTATION_REQUIRED = {"id": _STR, "doc": _STR, "start": _INT, "end": _INT, "label": _STR}
EDIT_REQUIRED = {"id": _STR, "op": _STR}


def _fields(record: Any, required: dict[str, type]) -> str | None:
    if type(record) is not dict:
        return f"is a {type(record).__name__}, not a record"
    get = record.get
    for key, kind in required.items():
        if type(get(key)) is not kind:  # exact types: what orjson reads is exactly these (and a bool is not an int here)
            value = get(key)
            return f"{key!r} is {'missing' if key not in record else type(value).__name__}, not {kind.__name__}"
    return None


def _span(value: Any) -> bool:
    return type(value) is dict and type(value.get("start")) is int and type(value.get("end")) is int


def store_record_problem(table: str, record: Any) -> str | None:
    """What is wrong with one record of a store table, or None."""
    if table == "actors" and type(record) is dict and isinstance(record.get("mentions"), Mentions):
        problem = _fields(record, ACTOR_COLUMNS_REQUIRED)
        mentions: Any = ()
    else:
        problem = _fields(record, REQUIRED.get(table, {}))
        mentions = record["mentions"] if table == "actors" and not problem else ()
    if problem:
        return problem
    if table == "actors":
        for m in mentions:  # the one loop over every mention at open: kept inline, it is most of the cost
            if type(m) is not dict or type(m.get("start")) is not int or type(m.get("end")) is not int or type(m.get("doc")) is not str:
                return "a mention of the wrong shape"
        for alias in record["aliases"]:
            if type(alias) is not str:
                return "an alias of the wrong shape"
    if table == "meetings":
        if not all(isinstance(p, str) for p in record["participants"]) or not all(_span(e) for e in record["evidence"]):
            return "a participant or evidence span of the wrong shape"
    for key in SPAN_KEYS.get(table, ()):
        if record.get(key) is not None and not _span(record[key]):
            return f"{key!r} is not a span (start, end)"
    return None


def packed_problem(table: str, record: Any) -> str | None:
    """What is wrong with a document record whose text lives in the pack, or None."""
    if table == "documents" and _plain_packed_document(record):
        return None  # the shape of nearly every record, checked in one expression (100,000 at open)
    problem = _fields(record, PACKED_REQUIRED[table])
    if problem:
        return problem
    ref = record["packed"]
    if type(ref) is not list or len(ref) != 2 or type(ref[0]) is not int or type(ref[1]) is not int or ref[0] < 0 or ref[1] < 0:
        return "'packed' is not a place in the pack (offset, length)"
    return None


def _plain_packed_document(record: Any) -> bool:
    get = record.get
    ref = get("packed")
    return (
        type(get("id")) is str
        and type(get("path")) is str
        and type(get("title")) is str
        and type(ref) is list
        and len(ref) == 2
        and type(ref[0]) is int
        and type(ref[1]) is int
        and ref[0] >= 0
        and ref[1] >= 0
    )


def _optional_text(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if record.get(key) is not None and type(record[key]) is not str:
            return f"{key!r} is {type(record[key]).__name__}, not str"
    return None


def annotation_problem(record: Any) -> str | None:
    """What is wrong with one hand annotation, or None."""
    return _fields(record, ANNOTATION_REQUIRED) or _optional_text(record, ("creator", "note", "exact"))


def edit_problem(entry: Any) -> str | None:
    """What is wrong with one entry of the edit log, or None."""
    return _fields(entry, EDIT_REQUIRED) or _optional_text(entry, ("by",))
