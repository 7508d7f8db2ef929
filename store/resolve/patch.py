"""A re-ingest's resolution where its changed articles reach: the stored tables patched, not rebuilt.

Resolution runs over signatures (store.resolve.resolve): every decision about a
per-article actor depends on its signature and on counts. A re-ingest that
takes some articles out and puts others in clusters the signatures as they were
and as they are now (a few thousand, not a million mentions). When every
signature of the articles it did not change keeps its actor id, nothing of
those articles moves: the tables the store holds are patched — the changed
articles' mentions, quotes and meetings taken out and put in, the records of
the actors they touch made again from their signatures. Otherwise (a new
fuller name renames an actor, a new article joins two) the tables are resolved
whole. Either way they are the tables a full resolve gives; a test checks it
over random changes to real articles (tests/test_resolve_patch.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from store.db import Store
from store.db.schema import article_count, stable_id
from store.resolve.resolve import (
    Clustering,
    Signature,
    Signatures,
    _meeting_records,
    _quote_records,
    actor_fields,
    cluster,
    local_ids,
    signatures_of,
)


@dataclass
class Change:
    """What an ingest took out of a store (the extraction records as they were, and each article's publisher names)
    and which of its documents it put in."""

    removed: dict[str, dict[str, Any]] = field(default_factory=dict)
    removed_publishers: dict[str, set[str]] = field(default_factory=dict)
    added: set[str] = field(default_factory=set)
    # Filled by patch_tables: the participants of each meeting it took out or put in, where events may move.
    met: list[list[str]] = field(default_factory=list)


def patch_tables(store: Store, change: Change, publishers: dict[str, set[str]]) -> bool:
    """Patch the store's actors, meetings and quotes for `change`; False (nothing touched) when it reaches further.

    An article extracted again under its own id is in both `removed` and `added`: resolved whole."""
    if set(change.removed) & change.added or not set(change.added) <= set(store.extractions):
        return False
    unchanged = {doc_id: e for doc_id, e in store.extractions.items() if doc_id not in change.added}
    base = signatures_of(unchanged, publishers)
    gone = signatures_of(change.removed, change.removed_publishers)
    new = signatures_of({doc_id: store.extractions[doc_id] for doc_id in change.added}, publishers)
    before, after = cluster(_with(base, gone)), cluster(_with(base, new))
    if any(before.actor_of(key) != after.actor_of(key) for key in base):
        return False  # an unchanged article's actor moves: resolve whole
    _patch_actors(store, before, after, set(gone) | set(new), set(change.removed), new.values())
    gid = local_ids(after, new.values())
    added = {doc_id: store.extractions[doc_id] for doc_id in sorted(change.added)}
    for doc_id, extraction in change.removed.items():
        for q in extraction.get("quotes", []):
            store.quotes.pop(stable_id("q", doc_id, q["content_span"]["start"], q["content_span"]["end"]), None)
    for ident in [ident for ident, m in store.meetings.items() if m["doc"] in change.removed]:
        change.met.append(store.meetings.pop(ident)["participants"])
    store.quotes.update(_quote_records(added, gid))
    put_in = _meeting_records(added, gid)
    store.meetings.update(put_in)
    change.met.extend(m["participants"] for m in put_in.values())
    return True


def _with(base: Signatures, extra: Signatures) -> Signatures:
    """`base` and `extra` together; a signature both hold is a new one (the two are left as they were)."""
    out = dict(base)
    for key, sig in extra.items():
        held = base.get(key)
        if held is None:
            out[key] = sig
            continue
        both = Signature(key, held.mentions + sig.mentions, held.roles + sig.roles, held.members + sig.members)
        out[key] = both
    return out


def _patch_actors(
    store: Store, before: Clustering, after: Clustering, touched: set[tuple], removed: set[str], new: Iterable[Signature]
) -> None:
    """Actors records made again where a changed article's signature is, or its cluster's signatures changed."""
    old_sets = {before.ids[id(c)]: {sig.key for sig in c.signatures} for c in before.clusters}
    added: dict[str, list[dict[str, Any]]] = {}
    for sig in new:
        ident = after.actor_of(sig.key)
        for doc_id, actor in sig.members:
            added.setdefault(ident, []).extend({"doc": doc_id, "start": m["start"], "end": m["end"]} for m in actor["mentions"])
    now = {after.ids[id(c)]: c for c in after.clusters}
    for ident in [ident for ident in store.actors if ident not in now]:
        del store.actors[ident]
    for ident, c in now.items():
        keys = {sig.key for sig in c.signatures}
        if ident in store.actors and old_sets.get(ident) == keys and not keys & touched:
            continue  # none of its signatures changed: its record is as a full resolve makes it
        record = store.actors.get(ident)
        kept = [m for m in record["mentions"] if m["doc"] not in removed] if record is not None else []
        mentions = sorted(kept + added.get(ident, []), key=lambda m: (m["doc"], m["start"], m["end"]))
        store.actors[ident] = {"id": ident, **actor_fields(c), "mentions": mentions, "documents": article_count(mentions)}
