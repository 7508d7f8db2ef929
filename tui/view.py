"""The explorer's view model: the store as shown, without Textual, so it is tested without driving the screen.

Corrections laid over the store, each story once unless every copy is asked
for, every list's rows in order, and what a list shows once its filter and
order apply; the app draws what this module works out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from store.db import Store
from store.db.columns import reading_rows
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
    rows: dict[str, Sequence[str]]
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
    copies = copy_ids(corrected.store.documents)
    store = corrected.store if show_copies else once_per_story(corrected.store, copies)
    sliced = slice_of(store, chosen_slice)
    if sliced.documents is not store.documents:  # a copy whose story lies outside the slice stands alone in it
        copies = copy_ids(sliced.documents)
    store = sliced
    order = reading_rank(store)
    rows = build_rows(store, corrected if show_rejected else None, hide_copies=not show_copies, order=order, copies=copies)
    return View(corrected, store, ActorSearch(store), rows, CorpusIndex(store, order), order=order, copies=copies, key=key)


def build_rows(
    store: Store,
    corrected: Corrected | None = None,
    hide_copies: bool = False,
    order: dict[str, int] | None = None,
    copies: frozenset[str] | None = None,
) -> dict[str, Sequence[str]]:
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
    # Ordered on their columns (store.db.columns): building 600,000 quote records to sort them took seconds; and
    # kept as rows, made into option ids when a page of the list is drawn.
    quote_ids = reading_rows(store.quotes, order)
    rejected_quotes = [q["id"] for q in by_reading(list(rejected["quote"].values()), lambda q: q["content_span"]["start"])]
    quote_rows: Sequence[str] = (
        [f"quote:{ident}" for ident in [*quote_ids, *rejected_quotes]]
        if rejected_quotes or isinstance(quote_ids, list)
        else OptionIds("quote", quote_ids)
    )
    return {
        "actors": [f"actor:{a['id']}" for a in actors],
        "meetings": [f"meeting:{m['id']}" for m in meetings],
        "quotes": quote_rows,
        "documents": [f"document:{d}" for d in order if not (hide_copies and d in copies)],
    }


class OptionIds(Sequence):
    """A list's option ids ("quote:q1b2…") over a sequence of ids read when drawn: its `index` is the ids' own, at C
    speed, which a list of 600,000 strings built up front would have cost half a second to give."""

    __slots__ = ("kind", "ids")

    def __init__(self, kind: str, ids: Sequence[str]) -> None:
        self.kind, self.ids = kind, ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [row_id(self.kind, ident) for ident in self.ids[index]]
        return row_id(self.kind, self.ids[index])

    def __iter__(self) -> Iterator[str]:
        return (row_id(self.kind, ident) for ident in self.ids)

    def index(self, option_id: Any, start: int = 0, stop: int | None = None) -> int:
        kind, ident = split_row(option_id) if isinstance(option_id, str) else ("", "")
        if kind != self.kind:
            raise ValueError(f"{option_id!r} is not in this list")
        return self.ids.index(ident, start, stop) if stop is not None else self.ids.index(ident, start)

    def __contains__(self, option_id: object) -> bool:
        try:
            self.index(option_id)
        except ValueError:
            return False
        return True

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OptionIds({self.kind}, {len(self)})"


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
    ids: Sequence[str],
    flt: ListFilter,
    order: str,
    record_of: Callable[[str, str], dict[str, Any] | None],
    ctx: ListContext,
    speaker_name: Callable[[str | None], str],
) -> Sequence[str]:
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
