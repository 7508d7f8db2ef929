"""One story, however many times it was published: what the grouping means for lists, counts and views.

store.near_duplicates groups the articles (at ingest); each group's
**canonical** article is the longest (it holds the most: an update holds the
original), then the earliest, then by path. Every member records it as
`story`; lists, counts, the network and timelines use `once_per_story` so a
story counts once, while every article keeps its own records.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from store.db.document_columns import field_values
from store.db.schema import article_count


class Groups:
    """Union-find over article ids: which articles have been joined into one story so far."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {d: d for d in ids}

    def root(self, d: str) -> str:
        parent = self.parent
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    def joined(self, a: str, b: str) -> bool:
        return self.root(a) == self.root(b)

    def join(self, a: str, b: str) -> None:
        self.parent[self.root(a)] = self.root(b)

    def of_two_or_more(self) -> list[list[str]]:
        members: dict[str, list[str]] = {}
        for d in self.parent:
            members.setdefault(self.root(d), []).append(d)
        return [sorted(m) for m in members.values() if len(m) > 1]


def canonical(documents: dict[str, dict[str, Any]], members: list[str]) -> str:
    """The longest article (an update holds the original), then the earliest dated, then by path."""
    return min(members, key=lambda d: (-len(documents[d]["text"]), documents[d].get("date") or "9999", documents[d]["path"]))


def copy_ids(documents: dict[str, dict[str, Any]]) -> frozenset[str]:
    """The ids of the documents that are another version of a story in the table: one pass over it, which a caller
    that needs them several times (the explorer's list, header and story links) makes once and passes on."""
    return frozenset(doc_id for doc_id, head in field_values(documents, "story") if head and head != doc_id and head in documents)


def copies_of(documents: dict[str, dict[str, Any]], copies: frozenset[str] | None = None) -> dict[str, list[str]]:
    """Each canonical article's copies, in path order (`copies`: the table's copy_ids, when the caller has them)."""
    out: dict[str, list[str]] = {}
    for doc_id in sorted(copy_ids(documents) if copies is None else copies):  # a set: in a fixed order, so the stories' order never varies
        out.setdefault(documents[doc_id]["story"], []).append(doc_id)
    for members in out.values():
        members.sort(key=lambda d: documents[d]["path"])
    return out


def is_copy(doc: dict[str, Any], documents: dict[str, dict[str, Any]]) -> bool:
    """Another version of a story whose canonical article is in the store (a copy whose story is gone stands alone)."""
    head = doc.get("story")
    return bool(head) and head != doc["id"] and head in documents


def said_in(store: Any, docs: set[str]) -> Any:
    """A shallow copy of the store with only what the articles `docs` say: their quotes and meetings, and each actor's
    mentions in them. An actor named only elsewhere stays when a kept quote or meeting refers to it; the documents
    table is left whole, for the caller to narrow when it should."""
    view = copy.copy(store)
    view.quotes = {k: q for k, q in store.quotes.items() if q["doc"] in docs}
    view.meetings = {k: m for k, m in store.meetings.items() if m["doc"] in docs}
    referred = {q.get("speaker") for q in view.quotes.values()}
    referred |= {a for m in view.meetings.values() for a in m.get("participants", [])}
    actors = {}
    for actor_id, actor in store.actors.items():
        mentions = [m for m in actor["mentions"] if m["doc"] in docs]
        if len(mentions) == len(actor["mentions"]):
            actors[actor_id] = actor
        elif mentions or actor_id in referred:
            actors[actor_id] = {**actor, "mentions": mentions, "documents": article_count(mentions)}
    view.actors = actors
    return view


def once_per_story(store: Any, copies: frozenset[str] | None = None) -> Any:
    """The store as lists, counts, the network and timelines see it: each story once.

    A copy's own mentions, quotes and meetings are left out (its story's canonical
    article, the longest version, holds them); the copy itself stays openable.
    `copies`: the table's copy_ids, when the caller has them (a fifth of a second at 100,000 articles).
    """
    copies = copy_ids(store.documents) if copies is None else copies
    if not copies:
        return store
    return said_in(store, set(store.documents) - copies)
