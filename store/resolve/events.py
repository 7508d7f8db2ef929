"""One event across articles: the same meeting reported by several articles is one event.

Each article keeps its own meeting record (its evidence, its words); records
that report the same real-world meeting share an `event` id. Two reports are
the same event when they are in different articles and
- their participants are the same, or one set holds the other and they share
  at least two participants;
- their times agree at the coarser of their granularities ("2019-06-30" and
  "2019-06"), or, when a report gives no time, its article appeared within a
  fortnight after the other's time or within a week of the other article;
- their places agree when both give one ("Hanoi" and "Hanoi, Vietnam").
An event never holds two meetings of one article: an article that reports two
meetings of the same people is telling two events apart.

Like actor resolution, the result depends only on the set of meetings, never
on their order, so event ids are stable across re-ingests.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from store.db.schema import stable_id
from store.language.dates import parse_iso, period
from store.language.gazetteer import norm

# How far apart two articles may be for undated reports to be one event.
SAME_WEEK = timedelta(days=7)
# A dated meeting is reported without a time by articles up to this long after it.
REPORTED_WITHIN = timedelta(days=14)


def assign_events(meetings: dict[str, dict[str, Any]], dates: Mapping[str, Any]) -> None:
    """Set `event` on every meeting record: the id shared by all reports of one real-world meeting; `dates`: each
    article's date by id (the documents' date column, not 100,000 document records)."""
    parent = {mid: mid for mid in meetings}
    docs_of = {mid: {meetings[mid]["doc"]} for mid in meetings}

    def find(mid: str) -> str:
        while parent[mid] != mid:
            parent[mid] = parent[parent[mid]]
            mid = parent[mid]
        return mid

    pairs = _candidate_pairs(meetings)
    # Reports naming the same people first: a bilateral meeting finds its own reports before the summit around it does.
    exact = [p for p in pairs if set(meetings[p[0]]["participants"]) == set(meetings[p[1]]["participants"])]
    taken = set(exact)
    for a, b in exact + [p for p in pairs if p not in taken]:
        ra, rb = find(a), find(b)
        if ra == rb or docs_of[ra] & docs_of[rb]:
            continue
        if not same_event(meetings[a], meetings[b], dates):
            continue
        keep, drop = min(ra, rb), max(ra, rb)
        parent[drop] = keep
        docs_of[keep] |= docs_of.pop(drop)
    members: dict[str, list[str]] = defaultdict(list)
    for mid in meetings:
        members[find(mid)].append(mid)
    for group in members.values():
        ident = stable_id("e", min(group))
        for mid in group:
            meetings[mid]["event"] = ident


def assign_events_around(meetings: dict[str, dict[str, Any]], dates: Mapping[str, Any], changed: list[Any]) -> None:
    """Set `event` again only where a change can move it: on the meetings linked, through shared pairs of
    participants, to the participant sets in `changed` (of the meetings an ingest took out and put in). Two meetings
    are only ever one event when they share two participants, so the others keep the event ids they hold, and
    these get the ones `assign_events` over every meeting gives (a test checks it)."""
    by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
    for mid, meeting in meetings.items():
        for pair in itertools.combinations(sorted(set(meeting["participants"])), 2):
            by_pair[pair].append(mid)
    frontier = [pair for participants in changed for pair in itertools.combinations(sorted(set(participants)), 2)]
    seen_pairs, linked = set(frontier), set()
    while frontier:
        for mid in by_pair.get(frontier.pop(), ()):
            if mid in linked:
                continue
            linked.add(mid)
            for pair in itertools.combinations(sorted(set(meetings[mid]["participants"])), 2):
                if pair not in seen_pairs:
                    seen_pairs.add(pair)
                    frontier.append(pair)
    for mid, meeting in meetings.items():
        if mid not in linked and len(set(meeting["participants"])) < 2:
            meeting.setdefault("event", stable_id("e", mid))  # met no one twice: an event of its own
    if linked:
        assign_events({mid: meetings[mid] for mid in sorted(linked)}, dates)


def _candidate_pairs(meetings: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of meetings in different articles sharing two participants, in a fixed order."""
    by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
    for mid in sorted(meetings):
        for pair in itertools.combinations(sorted(set(meetings[mid]["participants"])), 2):
            by_pair[pair].append(mid)
    pairs: set[tuple[str, str]] = set()
    for mids in by_pair.values():
        for a, b in itertools.combinations(mids, 2):
            if meetings[a]["doc"] != meetings[b]["doc"]:
                pairs.add((a, b) if a < b else (b, a))
    return sorted(pairs)


def same_event(a: dict[str, Any], b: dict[str, Any], dates: Mapping[str, Any]) -> bool:
    pa, pb = set(a["participants"]), set(b["participants"])
    if not (pa <= pb or pb <= pa) or len(pa & pb) < 2:
        return False
    if a.get("place") and b.get("place") and not _same_place(a["place"], b["place"]):
        return False
    return _same_time(a, b, dates)


def _same_place(x: str, y: str) -> bool:
    nx, ny = norm(x), norm(y)
    return nx == ny or nx in ny or ny in nx


def _same_time(a: dict[str, Any], b: dict[str, Any], dates: Mapping[str, Any]) -> bool:
    ta, tb = a.get("time_iso"), b.get("time_iso")
    if ta and tb:
        return _agree(ta, tb)
    da, db = parse_iso(dates.get(a["doc"])), parse_iso(dates.get(b["doc"]))
    if ta or tb:
        known, other_article = (period(ta), db) if ta else (period(tb), da)
        return known is not None and other_article is not None and known[0] - SAME_WEEK <= other_article <= known[1] + REPORTED_WITHIN
    return da is not None and db is not None and abs(da - db) <= SAME_WEEK


def _agree(x: str, y: str) -> bool:
    """Equal at the coarser granularity: a day inside a month, a week or a year, a week inside a month."""
    px, py = period(x), period(y)
    return px is not None and py is not None and px[0] <= py[1] and py[0] <= px[1]  # the two periods overlap
