"""Questions the command line and the explorer ask of an opened store, answered in memory."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from store.db import Store
from store.db.columns import RowIds, by_document_and_speaker
from store.db.document_columns import field_of
from store.resolve.stories import copy_ids
from store.views.highlights import reading_rank


def top_actors(store: Store, n: int = 10) -> list[dict[str, Any]]:
    """Actors by how many mentions they have, then by how many documents they appear in."""
    return sorted(store.actors.values(), key=lambda a: (-len(a["mentions"]), -a.get("documents", 0), a["name"]))[:n]


def counts(store: Store, copies: frozenset[str] | None = None) -> dict[str, int]:
    """Counts per kind; `copies`, the documents table's copy_ids when the caller has worked them out already."""
    kinds = Counter(a["kind"] for a in store.actors.values())
    return {
        "documents": len(store.documents),
        "copies": len(copy_ids(store.documents) if copies is None else copies),  # other versions of a story: wire copies, updates
        "actors": len(store.actors),
        **{f"actors.{k}": kinds.get(k, 0) for k in ("person", "organization", "country", "group")},
        "meetings": len(store.meetings),
        "quotes": len(store.quotes),
        "mentions": sum(len(a["mentions"]) for a in store.actors.values()),
    }


class Records(Sequence):
    """Records of a table named by id, built when read: an index of 600,000 quotes holds their ids, not copies."""

    __slots__ = ("table", "ids")

    def __init__(self, table: Mapping[str, dict[str, Any]], ids: list[str]) -> None:
        self.table, self.ids = table, ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(self.ids, RowIds):
            return self.ids.records(index)
        if isinstance(index, slice):
            return [self.table[i] for i in self.ids[index]]
        return self.table[self.ids[index]]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if isinstance(self.ids, RowIds):
            return self.ids.records()
        table = self.table
        return (table[i] for i in self.ids)


class RecordsBy(Mapping):
    """Records of a table grouped by a key (a document, a speaker), each group made when it is asked for."""

    __slots__ = ("table", "groups")

    def __init__(self, table: Mapping[str, dict[str, Any]], groups: Mapping[str, Sequence[str]]) -> None:
        self.table, self.groups = table, groups

    def __getitem__(self, key: str) -> Records:
        return Records(self.table, self.groups[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self.groups)

    def __len__(self) -> int:
        return len(self.groups)


def ids_of(records: Sequence[dict[str, Any]]) -> Sequence[str]:
    """The ids of some records, without building them when they are read off a table."""
    return records.ids if isinstance(records, Records) else [r["id"] for r in records]


class CorpusIndex:
    """Meetings and quotes by actor and by document, built once so that showing an item costs no scan."""

    def __init__(self, store: Store, order: dict[str, int] | None = None) -> None:
        self.quotes_by_actor: Mapping[str, Records] = {}
        self.quotes_by_doc: Mapping[str, Records] = {}
        self.meetings_by_actor: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.meetings_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        # Every report of one real-world meeting (store.events), earliest article first.
        self.meetings_by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
        by_doc, by_actor = by_document_and_speaker(store.quotes, reading_rank(store) if order is None else order)
        self.quotes_by_doc = RecordsBy(store.quotes, by_doc)
        self.quotes_by_actor = RecordsBy(store.quotes, by_actor)
        for meeting in sorted(store.meetings.values(), key=lambda m: (m["doc"], m["evidence"][0]["start"])):
            self.meetings_by_doc[meeting["doc"]].append(meeting)
            for actor_id in meeting["participants"]:
                self.meetings_by_actor[actor_id].append(meeting)
            self.meetings_by_event[event_of(meeting)].append(meeting)
        for reports in self.meetings_by_event.values():
            if len(reports) > 1:  # the article dates off their column: no document record is built for it
                reports.sort(key=lambda m: (field_of(store.documents, m["doc"], "date") or "9999", m["doc"]))

    def reports(self, meeting: dict[str, Any]) -> list[dict[str, Any]]:
        """Every article's record of the event this meeting is, this one included."""
        return self.meetings_by_event.get(event_of(meeting)) or [meeting]


def event_of(meeting: dict[str, Any]) -> str:
    """The event a meeting record reports; a meeting added by hand is an event of its own."""
    return meeting.get("event") or meeting["id"]
