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

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from store.db import Store
from store.db.document_columns import line_starts_of

EDGE_KINDS = ("met", "quoted", "mentioned")
EDGE_TITLES = {"met": "met", "quoted": "quoted about", "mentioned": "mentioned together"}


@dataclass
class Edge:
    a: str
    b: str
    kind: str
    count: int = 0
    items: list[str] = field(default_factory=list)  # meeting or quote ids; for "mentioned", "doc:start" of each paragraph
    seen: set[str] = field(default_factory=set, repr=False, compare=False)  # the items, to count each once in O(1)


class Network:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.edges: dict[str, dict[tuple[str, str], Edge]] = {kind: {} for kind in EDGE_KINDS}
        self.by_actor: dict[str, dict[str, list[Edge]]] = {kind: defaultdict(list) for kind in EDGE_KINDS}
        self._meetings()
        self._quotes()
        self._paragraphs()
        for kind, edges in self.edges.items():
            for edge in edges.values():
                self.by_actor[kind][edge.a].append(edge)
                self.by_actor[kind][edge.b].append(edge)

    def _add(self, kind: str, a: str, b: str, item: str) -> None:
        if a == b or a not in self.store.actors or b not in self.store.actors:
            return
        key = (a, b) if a < b else (b, a)
        edge = self.edges[kind].get(key)
        if edge is None:
            edge = self.edges[kind][key] = Edge(key[0], key[1], kind)
        if item not in edge.seen:
            edge.seen.add(item)
            edge.items.append(item)
            edge.count += 1

    def _meetings(self) -> None:
        for meeting in self.store.meetings.values():
            for a, b in combinations(dict.fromkeys(meeting["participants"]), 2):
                self._add("met", a, b, meeting["id"])

    def _quotes(self) -> None:
        inside: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for actor in self.store.actors.values():
            for m in actor["mentions"]:
                inside[m["doc"]].append((m["start"], m["end"], actor["id"]))
        for spans in inside.values():
            spans.sort()
        for quote in self.store.quotes.values():
            speaker = quote.get("speaker")
            if not speaker:
                continue
            content = quote["content_span"]
            spans = inside.get(quote["doc"], [])
            i = bisect.bisect_left(spans, (content["start"], -1, ""))
            while i < len(spans) and spans[i][0] < content["end"]:
                if spans[i][1] <= content["end"]:
                    self._add("quoted", speaker, spans[i][2], quote["id"])
                i += 1

    def _paragraphs(self) -> None:
        actors_in: dict[tuple[str, int], set[str]] = defaultdict(set)
        starts_of: dict[str, list[int] | None] = {}
        lookup = line_starts_of(self.store.documents)
        for actor in self.store.actors.values():
            for m in actor["mentions"]:
                if m["doc"] in starts_of:
                    starts = starts_of[m["doc"]]
                else:
                    starts = starts_of[m["doc"]] = lookup(m["doc"])
                if starts is None:  # a document no longer in the table
                    continue
                paragraph = starts[bisect.bisect_right(starts, m["start"]) - 1]
                actors_in[(m["doc"], paragraph)].add(actor["id"])
        for (doc_id, paragraph), actors in actors_in.items():
            for a, b in combinations(sorted(actors), 2):
                self._add("mentioned", a, b, f"{doc_id}:{paragraph}")

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
