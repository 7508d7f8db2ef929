"""The explorer's view model: the store as shown, without Textual, so it is tested without driving the screen.

Corrections laid over the store, each story once unless every copy is asked
for, every list's rows in order, and what a list shows once its filter and
order apply; the app draws what this module works out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from store.db import Store
from store.db.columns import reading_order
from store.hand.corrections import Corrected, apply_corrections
from store.hand.edits import corrections
from store.resolve.stories import copy_ids, once_per_story
from store.views.highlights import reading_rank
from store.views.list_filters import SORTS, ListContext, ListFilter, keep, sort_key
from store.views.queries import CorpusIndex, event_of
from store.views.search import ActorSearch
from store.views.slices import Slice, slice_of

TABS = ("actors", "meetings", "quotes", "documents", "notes")
READ_TABLES = ("documents", "actors", "meetings", "quotes")  # the explorer never needs the extractions
TAB_TITLES = {"actors": "Actors", "meetings": "Meetings", "quotes": "Quotes", "documents": "Docs", "notes": "Notes"}
KIND_TAB = {"actor": "actors", "meeting": "meetings", "quote": "quotes", "document": "documents", "annotation": "notes"}
TAB_KIND = {tab: kind for kind, tab in KIND_TAB.items()}


def row_id(kind: str, ident: str) -> str:
    """A list row's option id: the kind of item and its id, "actor:a1b2"."""
    return f"{kind}:{ident}"


def split_row(option_id: str) -> tuple[str, str]:
    """(kind, id) of a list row's option id; the one place that reads the "kind:id" form."""
    kind, _, ident = option_id.partition(":")
    return kind, ident


@dataclass(frozen=True)
class Focus:
    """What the explorer shows: an item, and which of its places (mention, passage) is current."""

    kind: str
    id: str
    stop: int = 0


@dataclass(repr=False)
class View:
    """The store as shown: corrections laid over it, with the lists, search and index built from the result."""

    corrected: Corrected
    store: Store  # the corrected store as listed and counted: each story once, unless every copy was asked for
    search: ActorSearch
    rows: dict[str, list[str]]
    index: CorpusIndex
    order: dict[str, int]  # each document's place in reading order, worked out once (a fifth of a second at 100,000)
    copies: frozenset[str]  # the documents that are another version of a story (copy_ids), worked out once
    key: tuple[Any, ...]  # what it was built from: the corrections in force and whether rejected items are listed

    def __repr__(self) -> str:  # workers are described by their arguments; the lists' ids are not a description
        return f"View({self.store!r}, {sum(len(r) for r in self.rows.values())} rows)"


def build_view(
    pristine: Store,
    log: list[dict[str, Any]],
    show_rejected: bool,
    show_copies: bool = False,
    previous: View | None = None,
    chosen_slice: Slice = Slice(),
) -> View:
    """Worked out in a worker; when the corrections in force did not change (a note was saved), the last view is reused.

    The store shown is the corrected one, each story once unless every copy is asked for, cut to the slice opened."""
    edits = corrections(log)
    key = (tuple(e["id"] for e in edits), show_rejected, show_copies, chosen_slice)
    if previous is not None and previous.key == key:
        return previous
    corrected = apply_corrections(pristine, edits)
    store = corrected.store if show_copies else once_per_story(corrected.store)
    store = slice_of(store, chosen_slice)
    order, copies = reading_rank(store), copy_ids(store.documents)
    rows = build_rows(store, corrected if show_rejected else None, hide_copies=not show_copies, order=order, copies=copies)
    return View(corrected, store, ActorSearch(store), rows, CorpusIndex(store, order), order=order, copies=copies, key=key)


def build_rows(
    store: Store,
    corrected: Corrected | None = None,
    hide_copies: bool = False,
    order: dict[str, int] | None = None,
    copies: frozenset[str] | None = None,
) -> dict[str, list[str]]:
    """Every list's option ids in display order; rows are drawn when shown. With `corrected`, rejected items come last;
    with `hide_copies`, another version of a story is reached from its story's row, not listed itself."""
    order = reading_rank(store) if order is None else order
    rejected = corrected.rejected if corrected is not None else {"actor": {}, "meeting": {}, "quote": {}}
    if copies is None:
        copies = copy_ids(store.documents) if hide_copies else frozenset()

    def by_reading(records: list[dict[str, Any]], span: Callable[[dict[str, Any]], int]) -> list[dict[str, Any]]:
        return sorted(records, key=lambda r: (order.get(r["doc"], 0), span(r)))

    actors = sorted(store.actors.values(), key=lambda a: (-len(a["mentions"]), a["name"]))
    actors += sorted(rejected["actor"].values(), key=lambda a: a["name"])
    meetings = _one_per_event(by_reading(list(store.meetings.values()), lambda m: m["evidence"][0]["start"]))
    meetings += by_reading(list(rejected["meeting"].values()), lambda m: m["evidence"][0]["start"])
    # Ordered on their columns (store.db.columns): building 600,000 quote records to sort them took seconds.
    quote_ids = reading_order(store.quotes, order)
    quote_ids += [q["id"] for q in by_reading(list(rejected["quote"].values()), lambda q: q["content_span"]["start"])]
    return {
        "actors": [f"actor:{a['id']}" for a in actors],
        "meetings": [f"meeting:{m['id']}" for m in meetings],
        "quotes": [f"quote:{ident}" for ident in quote_ids],
        "documents": [f"document:{d}" for d in order if not (hide_copies and d in copies)],
    }


def _one_per_event(meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A meeting several articles report is one row: the first report in reading order stands for the event."""
    seen: set[str] = set()
    out = []
    for meeting in meetings:
        event = event_of(meeting)
        if event not in seen:
            seen.add(event)
            out.append(meeting)
    return out


def record_in(view_store: Store, corrected: Corrected | None, kind: str, ident: str, show_rejected: bool) -> dict[str, Any] | None:
    """An item by kind and id: from the corrected tables, or among the rejected ones while they are listed."""
    table = {"actor": view_store.actors, "meeting": view_store.meetings, "quote": view_store.quotes, "document": view_store.documents}[kind]
    if ident in table:
        return table[ident]
    if show_rejected and corrected is not None and kind in corrected.rejected:
        return corrected.rejected[kind].get(ident)
    return None


def review_state_of(corrected: Corrected | None, kind: str, ident: str, record: dict[str, Any]) -> str:
    """'rejected', 'accepted', 'corrected' (changed or added by hand) or '' for an item as extracted."""
    if corrected is None:
        return ""
    if ident in corrected.rejected.get(kind, {}):
        return "rejected"
    if ident in corrected.accepted:
        return "accepted"
    return "corrected" if ident in corrected.touched or record.get("hand") else ""


def listed_rows(
    tab: str,
    ids: list[str],
    flt: ListFilter,
    order: str,
    record_of: Callable[[str, str], dict[str, Any] | None],
    ctx: ListContext,
    speaker_name: Callable[[str | None], str],
) -> list[str]:
    """The rows a list shows: its items kept by its filter, in its order (the list's own order when that is the order)."""
    if not flt.active and order == SORTS[tab][0]:
        return ids
    records = {}
    for option_id in ids:
        kind, ident = split_row(option_id)
        record = record_of(kind, ident)
        if record is not None and (not flt.active or keep(kind, ident, record, flt, ctx)):
            records[option_id] = record
    kept = list(records)
    ordering = sort_key(tab, order, ctx, speaker_name)
    if ordering is not None:
        key, newest_first = ordering
        kept.sort(key=lambda option_id: key(records[option_id]), reverse=newest_first)
    return kept
