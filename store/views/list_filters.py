"""Narrowing and ordering a list: by kind, status, document, date range, review state or author; by mentions, name, date.

The explorer keeps one filter and one order per list; the rules of what passes
and in which order live here, without Textual, so that they can be tested on a
store and used by any reader. Dates: a meeting or a quote by its own time when
the text gives one, else by its article's date; an actor by the dates of the
articles that mention it; a note by its article's. An item with no date is left
out while a date range is set, and the header says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from store.errors import InputError
from store.language.dates import period

KINDS = ("person", "organization", "country", "group")
STATUSES = ("happened", "planned", "hypothetical", "negated")
REVIEW_STATES = ("corrected", "accepted", "rejected", "unreviewed")
SORTS: dict[str, tuple[str, ...]] = {
    "actors": ("mentions", "name", "articles"),
    "meetings": ("reading", "date", "status"),
    "quotes": ("reading", "date", "speaker"),
    "documents": ("path", "date", "title"),
    "notes": ("reading", "author", "newest"),
}
FILTERS_OF: dict[str, tuple[str, ...]] = {  # which fields each list can be filtered by
    "actors": ("kind", "document", "since", "until", "review"),
    "meetings": ("status", "document", "since", "until", "review"),
    "quotes": ("document", "since", "until", "review"),
    "documents": ("since", "until"),
    "notes": ("document", "since", "until", "author"),
}


@dataclass(frozen=True)
class ListFilter:
    kind: str = ""  # actors: one of KINDS
    status: str = ""  # meetings: one of STATUSES
    document: str = ""  # a document id: only what is in that article
    since: str = ""  # an ISO day: items on or after it
    until: str = ""  # an ISO day: items on or before it
    review: str = ""  # one of REVIEW_STATES
    author: str = ""  # notes: whose

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def describe(self, document_title: Callable[[str], str] = lambda d: d) -> str:
        """What the filter keeps, in a few words for the header: 'person · since 2019-01-01 · in “Title”'."""
        parts = [p for p in (self.kind, self.status, self.review) if p]
        if self.since or self.until:
            parts.append(describe_range(self.since, self.until))
        if self.document:
            parts.append(f"in “{document_title(self.document)}”")
        if self.author:
            parts.append(f"by {self.author}")
        return " · ".join(parts)


def describe_range(since: str, until: str) -> str:
    """A date range in a few words: "2019-01-01 to 2019-07-31", "since 2019-01-01", "until 2019-07-31"."""
    if since and until:
        return f"{since} to {until}"
    return f"since {since}" if since else f"until {until}"


def parse_bound(text: str, end: bool = False) -> str:
    """A date range bound as typed (2019, 2019-07, 2019-07-24) as an ISO day: the first day it names, or the last with
    `end`; '' for nothing typed. InputError says what was wrong, for the dialog to show."""
    text = text.strip()
    if not text:
        return ""
    span = period(text) if len(text) in (4, 7, 10) else None
    if span is None:
        raise InputError(f"{text!r} is not a date: type 2019, 2019-07 or 2019-07-24")
    return (span[1] if end else span[0]).isoformat()


def build_filter(tab: str, **values: str) -> ListFilter:
    """A filter from the dialog's fields; fields this list has no use for are dropped, a reversed range is refused."""
    wanted = {k: v for k, v in values.items() if k in FILTERS_OF[tab] and v}
    if "since" in wanted:
        wanted["since"] = parse_bound(wanted["since"])
    if "until" in wanted:
        wanted["until"] = parse_bound(wanted["until"], end=True)
    flt = ListFilter(**wanted)
    if flt.since and flt.until and flt.since > flt.until:
        raise InputError(f"the range ends ({flt.until}) before it starts ({flt.since})")
    return flt


@dataclass(frozen=True)
class ListContext:
    """What deciding needs beyond the record: the documents, and the review state the explorer keeps."""

    documents: dict[str, dict[str, Any]]
    review_state: Callable[[str, str, dict[str, Any]], str]  # (kind, id, record) -> 'rejected' | 'accepted' | 'corrected' | ''


def _days(iso: str | None) -> tuple[date, date] | None:
    return period(iso) if iso else None


def item_span(kind: str, record: dict[str, Any], ctx: ListContext) -> tuple[date, date] | None:
    """The days an item is about: its own time, else its article's date."""
    if kind in ("meeting", "quote"):
        own = _days(record.get("time_iso"))
        if own is not None:
            return own
    doc = ctx.documents.get(record.get("doc") or "")
    return _days(doc.get("date")) if doc else None


def _dates_of(kind: str, record: dict[str, Any], ctx: ListContext) -> list[tuple[date, date]]:
    if kind == "actor":
        docs = {m["doc"] for m in record["mentions"]}
        return [span for d in docs if d in ctx.documents and (span := _days(ctx.documents[d].get("date")))]
    if kind == "document":
        span = _days(record.get("date"))
        return [span] if span else []
    span = item_span(kind, record, ctx)
    return [span] if span else []


def _in_document(kind: str, record: dict[str, Any], doc_id: str) -> bool:
    if kind == "actor":
        return any(m["doc"] == doc_id for m in record["mentions"])
    if kind == "document":
        return record["id"] == doc_id
    return record.get("doc") == doc_id


def keep(kind: str, ident: str, record: dict[str, Any], flt: ListFilter, ctx: ListContext) -> bool:
    """Whether an item (`kind` as in option ids: actor, meeting, quote, document, annotation) passes the filter."""
    if flt.kind and record.get("kind") != flt.kind:
        return False
    if flt.status and (record.get("status") or "happened") != flt.status:
        return False
    if flt.author and (record.get("creator") or "unknown") != flt.author:
        return False
    if flt.document and not _in_document(kind, record, flt.document):
        return False
    if flt.review:
        state = ctx.review_state(kind, ident, record) or "unreviewed"
        if state != flt.review:
            return False
    if flt.since or flt.until:
        low = date.fromisoformat(flt.since) if flt.since else date.min
        high = date.fromisoformat(flt.until) if flt.until else date.max
        if not any(first <= high and last >= low for first, last in _dates_of(kind, record, ctx)):
            return False
    return True


def next_sort(tab: str, current: str) -> str:
    orders = SORTS[tab]
    return orders[(orders.index(current) + 1) % len(orders)] if current in orders else orders[0]


def sort_key(
    tab: str, order: str, ctx: ListContext, speaker_name: Callable[[str | None], str]
) -> tuple[Callable[[dict[str, Any]], Any], bool] | None:
    """(key over records, newest first?) for an order other than the list's own; None keeps the order it was built in."""
    if order == SORTS[tab][0]:
        return None
    if order == "date":
        kind = {"meetings": "meeting", "quotes": "quote", "documents": "document"}[tab]

        def when(r: dict[str, Any]) -> tuple[bool, date]:
            spans = _dates_of(kind, r, ctx)
            return (not spans, spans[0][0] if spans else date.max)  # the undated last

        return when, False
    keys: dict[str, Callable[[dict[str, Any]], Any]] = {
        "name": lambda r: r["name"].casefold(),
        "articles": lambda r: (-len({m["doc"] for m in r["mentions"]}), r["name"].casefold()),
        "status": lambda r: STATUSES.index(r.get("status") or "happened") if (r.get("status") or "happened") in STATUSES else 9,
        "speaker": lambda r: (r.get("speaker") is None, speaker_name(r.get("speaker")).casefold()),
        "title": lambda r: r["title"].casefold(),
        "author": lambda r: (r.get("creator") or "unknown").casefold(),
        "newest": lambda r: r.get("updated") or r.get("created") or "",
    }
    return (keys[order], order == "newest") if order in keys else None
