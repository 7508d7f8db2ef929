"""Who is connected to whom: actors as nodes; meetings, quotes about one another, and shared paragraphs as edges.

Three kinds of edge, each counted:
- met: both took part in a meeting (the count is the number of meetings);
- quoted: one was quoted saying something that names the other (either way);
- mentioned: both are named in one paragraph (the count is the number of paragraphs).

`around(actor, kind)` ranks an actor's edges by count, so a view can show
the strongest few and say how many more there are instead of drawing every
edge.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from store.db import Store
from store.db.columns import Mentions, QuoteTable, as_numbers, numpy
from store.db.document_columns import line_starts_many

EDGE_KINDS = ("met", "quoted", "mentioned")
EDGE_TITLES = {"met": "met", "quoted": "quoted about", "mentioned": "mentioned together"}


@dataclass
class Edge:
    a: str
    b: str
    kind: str
    count: int = 0
    items: list[str] = field(default_factory=list)  # meeting or quote ids; none for "mentioned" (its count is what is shown)
    seen: set[str] = field(default_factory=set, repr=False, compare=False)  # the items, to count each once in O(1)


class Network:
    """Built over arrays (numpy), not a dict per mention: at 100,000 articles an actor network is 2.6 million mentions
    and 600,000 quotes, which took the explorer's background worker 21 s of holding the interpreter, every keystroke
    of those seconds twice as slow."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.edges: dict[str, dict[tuple[str, str], Edge]] = {kind: {} for kind in EDGE_KINDS}
        self.by_actor: dict[str, dict[str, list[Edge]]] = {kind: defaultdict(list) for kind in EDGE_KINDS}
        self._meetings()
        rows = _MentionRows(store.actors)
        self._quotes(rows)
        self._paragraphs(rows)
        for kind, edges in self.edges.items():
            for edge in edges.values():
                self.by_actor[kind][edge.a].append(edge)
                self.by_actor[kind][edge.b].append(edge)

    def _edge(self, kind: str, a: str, b: str) -> Edge:
        key = (a, b) if a < b else (b, a)
        edge = self.edges[kind].get(key)
        if edge is None:
            edge = self.edges[kind][key] = Edge(key[0], key[1], kind)
        return edge

    def _add(self, kind: str, a: str, b: str, item: str) -> None:
        if a == b or a not in self.store.actors or b not in self.store.actors:
            return
        edge = self._edge(kind, a, b)
        if item not in edge.seen:
            edge.seen.add(item)
            edge.items.append(item)
            edge.count += 1

    def _meetings(self) -> None:
        for meeting in self.store.meetings.values():
            for a, b in combinations(dict.fromkeys(meeting["participants"]), 2):
                self._add("met", a, b, meeting["id"])

    def _quotes(self, rows: _MentionRows) -> None:
        """A speaker and each actor named inside their quote's words (whole mentions only), each quote once."""
        np = numpy()
        quote_ids, docs, speakers, starts, ends = _quote_arrays(self.store.quotes, rows)
        if not len(quote_ids) or not len(rows.actor):
            return
        order = np.lexsort((rows.start, rows.doc))
        keys = (rows.doc[order] << 32) | rows.start[order]
        lo = np.searchsorted(keys, (docs << 32) | starts, side="left")
        hi = np.searchsorted(keys, (docs << 32) | ends, side="left")  # mentions starting inside the words
        counts = hi - lo
        quote = np.repeat(np.arange(len(quote_ids)), counts)
        found = order[lo[quote] + np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)]
        keep = (rows.end[found] <= ends[quote]) & (rows.actor[found] != speakers[quote])
        n = len(rows.actor_ids)
        pairs = _unique(quote[keep] * n + rows.actor[found[keep]])  # an actor named twice in one quote counts once
        quote, named = pairs // n, pairs % n
        a, b = np.minimum(speakers[quote], named), np.maximum(speakers[quote], named)
        grouped = np.argsort(a * n + b, kind="stable")  # by edge, each edge's quotes in order
        self._grouped("quoted", rows.actor_ids, a[grouped], b[grouped], [quote_ids[q] for q in quote[grouped].tolist()])

    def _grouped(self, kind: str, actor_ids: list[str], a: Any, b: Any, items: list[str] | None, counts: Any = None) -> None:
        """Edges from pairs of actor numbers sorted by pair: one per run, with its items (or its count)."""
        np = numpy()
        if not len(a):
            return
        starts = np.flatnonzero(np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])])
        ends = np.r_[starts[1:], len(a)]
        for lo, hi, first, second in zip(starts.tolist(), ends.tolist(), a[starts].tolist(), b[starts].tolist(), strict=True):
            edge = self._edge(kind, actor_ids[first], actor_ids[second])
            if items is not None:
                edge.items.extend(items[lo:hi])
                edge.count += hi - lo
            else:
                edge.count += int(counts[lo:hi].sum())

    def _paragraphs(self, rows: _MentionRows) -> None:
        """Two actors named in one paragraph: counted once per paragraph (the paragraphs themselves are not listed:
        the two most named actors of 100,000 articles share tens of thousands)."""
        np = numpy()
        paragraph = _paragraph_of(rows, self.store.documents)
        known = paragraph >= 0
        n = len(rows.actor_ids)
        pairs = _unique(paragraph[known] * n + rows.actor[known])  # each actor once per paragraph, in paragraph order
        where, who = pairs // n, pairs % n
        firsts, seconds = [], []
        for step in range(1, len(pairs)):  # the i-th and (i+step)-th of one paragraph, for every step up to its size
            same = where[:-step] == where[step:]
            if not same.any():
                break
            firsts.append(who[:-step][same])
            seconds.append(who[step:][same])
        if not firsts:
            return
        together, counts = np.unique(np.concatenate(firsts) * n + np.concatenate(seconds), return_counts=True)
        self._grouped("mentioned", rows.actor_ids, together // n, together % n, None, counts)

    def around(self, actor_id: str, kind: str) -> list[Edge]:
        """An actor's edges of one kind, strongest first (a view shows as many as fit and counts the rest)."""
        names = self.store.actors
        return sorted(
            self.by_actor[kind].get(actor_id, []),
            key=lambda e: (-e.count, names[other(e, actor_id)]["name"].casefold()),
        )

    def edge(self, kind: str, a: str, b: str) -> Edge | None:
        return self.edges[kind].get((a, b) if a < b else (b, a))

    def top_counterparts(self, actor_id: str, n: int = 5) -> list[tuple[str, int, int]]:
        """(actor id, meetings, shared paragraphs) for the actors most connected to this one, for an actor card."""
        scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for e in self.by_actor["met"].get(actor_id, []):
            scores[other(e, actor_id)][0] += e.count
        for e in self.by_actor["mentioned"].get(actor_id, []):
            scores[other(e, actor_id)][1] += e.count
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1][0] * 3 - kv[1][1], self.store.actors[kv[0]]["name"]))
        return [(ident, met, together) for ident, (met, together) in ranked[:n]]


def other(edge: Edge, actor_id: str) -> str:
    return edge.b if edge.a == actor_id else edge.a


def describe_edge(store: Store, edge: Edge, centre: str) -> str:
    """One line about an edge, for the view's status line and the report."""
    them = store.actors[other(edge, centre)]["name"]
    me = store.actors[centre]["name"]
    if edge.kind == "met":
        occasions = []
        for ident in edge.items:
            meeting = store.meetings.get(ident) or {}
            parts = [p for p in (meeting.get("place"), meeting.get("time_iso") or meeting.get("time")) if p]
            if parts and ", ".join(parts) not in occasions:
                occasions.append(", ".join(parts))
        where = f" — {'; '.join(occasions)}" if occasions else ""
        return f"{me} and {them} met {edge.count}×{where}"
    if edge.kind == "quoted":
        by_me = sum(1 for i in edge.items if store.quotes.get(i, {}).get("speaker") == centre)
        return f"{me} spoke of {them} {by_me}×, {them} of {me} {edge.count - by_me}×"
    return f"{me} and {them} named in {edge.count} paragraph{'s' if edge.count != 1 else ''} together"


class _MentionRows:
    """Every actor's mentions as four arrays (actor, document, start, end), copied off the store's columns where the
    mentions are columns, and documents numbered once for all actors."""

    def __init__(self, actors: Mapping[str, dict[str, Any]]) -> None:
        np = numpy()
        self.actor_ids: list[str] = list(actors)
        self.doc_ids: list[str] = []
        self.doc_codes: dict[str, int] = {}
        renumbered: dict[int, Any] = {}  # one shared set of columns -> its document numbers in ours
        parts: list[tuple[Any, Any, Any, Any]] = []
        for k, actor_id in enumerate(self.actor_ids):
            mentions = actors[actor_id]["mentions"]
            if isinstance(mentions, Mentions):
                cols, lo, hi = mentions.cols, mentions.lo, mentions.hi
                codes = renumbered.get(id(cols))
                if codes is None:
                    codes = renumbered[id(cols)] = np.array([self.code(d) for d in cols.docs] or [0], dtype=np.int64)
                doc = codes[as_numbers(cols.doc)[lo:hi]]
                start = as_numbers(cols.start)[lo:hi].astype(np.int64)
                end = as_numbers(cols.end)[lo:hi].astype(np.int64)
            else:
                doc = np.array([self.code(m["doc"]) for m in mentions], dtype=np.int64)
                start = np.array([m["start"] for m in mentions], dtype=np.int64)
                end = np.array([m["end"] for m in mentions], dtype=np.int64)
            parts.append((np.full(len(doc), k, dtype=np.int64), doc, start, end))
        columns = [np.concatenate([p[i] for p in parts]) if parts else np.zeros(0, dtype=np.int64) for i in range(4)]
        self.actor, self.doc, self.start, self.end = columns
        self.actor_index = {actor_id: k for k, actor_id in enumerate(self.actor_ids)}

    def code(self, doc_id: str) -> int:
        code = self.doc_codes.get(doc_id)
        if code is None:
            code = self.doc_codes[doc_id] = len(self.doc_ids)
            self.doc_ids.append(doc_id)
        return code


def _paragraph_of(rows: _MentionRows, documents: Mapping[str, dict[str, Any]]) -> Any:
    """Each mention's paragraph, numbered across all documents (-1 where its document is no longer there)."""
    np = numpy()
    lengths, flat = line_starts_many(documents, rows.doc_ids)
    keys = (np.repeat(np.arange(len(lengths), dtype=np.int64), lengths) << 32) | flat  # sorted: documents, then starts
    paragraph = np.searchsorted(keys, (rows.doc << 32) | rows.start, side="right") - 1
    first = np.cumsum(lengths) - lengths
    inside = (lengths[rows.doc] > 0) & (paragraph >= first[rows.doc])
    return np.where(inside, paragraph, -1)


def _unique(values: Any) -> Any:
    """Sorted distinct values, by sorting (numpy's own unique hashes here, three times slower on millions)."""
    np = numpy()
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


class _RowIds(Sequence):
    """The ids of some rows of a quote table, each made when asked for (most quotes name no other actor), then the
    ids of the records appended after them."""

    def __init__(self, table: QuoteTable, rows: list[int]) -> None:
        self.table, self.rows = table, rows
        self.extra: list[str] = []

    def __len__(self) -> int:
        return len(self.rows) + len(self.extra)

    def __getitem__(self, k: Any) -> Any:
        return self.table.row_id(self.rows[k]) if k < len(self.rows) else self.extra[k - len(self.rows)]

    def append(self, ident: str) -> None:
        self.extra.append(ident)


def _quote_arrays(quotes: Mapping[str, dict[str, Any]], rows: _MentionRows) -> tuple[Sequence[str], Any, Any, Any, Any]:
    """The quotes with a speaker who is an actor, in a document some actor is named in: ids, then arrays of document,
    speaker (as numbered in `rows`), and where their words start and end. Off the columns for the rows as extracted."""
    np = numpy()
    ids: _RowIds | list[str] = []
    parts = []
    if isinstance(quotes, QuoteTable) and quotes.size:
        cols = quotes.cols
        actor_of = np.array([rows.actor_index.get(s, -1) for s in quotes.strings] + [-1], dtype=np.int64)  # -1: None
        doc_of = np.array([rows.doc_codes.get(s, -1) for s in quotes.strings] + [-1], dtype=np.int64)
        speaker, doc = actor_of[as_numbers(cols["speaker"])], doc_of[as_numbers(cols["doc"])]
        keep = (speaker >= 0) & (doc >= 0)
        gone = [quotes.rows[i] for i in (*quotes.deleted, *quotes.changed) if i in quotes.rows]
        keep[gone] = False
        at = np.flatnonzero(keep)
        columnar = at.tolist()
        ids = _RowIds(quotes, columnar)
        starts, ends = as_numbers(cols["content_span.start"])[at], as_numbers(cols["content_span.end"])[at]
        parts.append(np.stack([doc[at], speaker[at], starts, ends], axis=1).astype(np.int64))
        records = list(quotes.changed.values())
    else:
        records = list(quotes.values())
    values = []
    for q in records:
        doc, who = rows.doc_codes.get(q["doc"]), rows.actor_index.get(q.get("speaker") or "")
        if doc is not None and who is not None:
            ids.append(q["id"])
            values.append((doc, who, q["content_span"]["start"], q["content_span"]["end"]))
    parts.append(np.array(values, dtype=np.int64).reshape(-1, 4))
    table = np.concatenate(parts)
    return ids, table[:, 0], table[:, 1], table[:, 2], table[:, 3]
