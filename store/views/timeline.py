"""What happened when: meetings and quotes placed in time, grouped by day, week or month as the range demands.

A meeting is dated by the text where it can be: its resolved time, else a
date written in its evidence ("in early July"), with the year and the
relative expressions resolved against the article's date. A quote is dated
by the time its cue gives ("said on Tuesday"), else by its article. An
article is never dated by a date its story mentions: what has no date is
listed as undated, not guessed. Every date keeps its precision: a day, a
week, a month or a year.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from store.db import Store
from store.db.document_columns import field_values
from store.language.dates import MONTHS, PATTERNS, parse_iso, period, resolve_date

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_QUALIFIER = re.compile(r"(early|mid|late|the end of|the beginning of|the start of)[\s-]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Event:
    when: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    label: str  # how to say it: "2017-07-07", "early July 2017"
    kind: str  # "meeting" or "quote"
    id: str
    doc: str
    actors: tuple[str, ...]
    from_article: bool = False  # dated by its article, not by its own words

    @property
    def start(self) -> date:
        return start_of(self.when)


def start_of(when: str) -> date:
    span = period(when)
    if span is None:
        raise ValueError(f"not a day, week, month or year: {when!r}")
    return span[0]


def reference_date(doc: dict[str, Any]) -> tuple[date | None, bool]:
    """(the article's own date, whether it has one). Never a date its story mentions: a birth, a death or an
    anniversary in the text is not when the article speaks from, so an article without a date stays undated."""
    own = parse_iso(doc.get("date"))
    return own, own is not None


def label_for(when: str, qualifier: str = "") -> str:
    if "-W" in when:
        monday = start_of(when)
        return f"week of {monday.day} {MONTH_NAMES[monday.month - 1]} {monday.year}"
    parts = when.split("-")
    if len(parts) == 2:
        return f"{qualifier}{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return when


def dates_in(text: str, ref: date | None) -> list[tuple[str, str]]:
    """Dates written in a passage, as (ISO, label); a month alone needs a capital letter, and "May" needs a day or year."""
    out: list[tuple[str, str]] = []
    lowered = text.lower()
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS[:-1]:
        for match in pattern.finditer(lowered):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = match.groupdict()
            if groups.get("month") and not groups.get("day") and not groups.get("year"):
                word = text[start:end]
                if not word[:1].isupper() or MONTHS[groups["month"]] == 5:
                    continue
            iso = resolve_date(match.group(0), ref.isoformat() if ref else None)
            if iso is None:
                continue
            taken.append((start, end))
            qualifier = _QUALIFIER.search(text[max(0, start - 20) : start])
            prefix = (qualifier.group(1).lower() + " ") if qualifier and len(iso) == 7 else ""
            out.append((iso, label_for(iso, prefix)))
    return out


def meeting_date(store: Store, meeting: dict[str, Any]) -> tuple[str, str] | None:
    doc = store.documents[meeting["doc"]]
    ref, own = reference_date(doc)
    if meeting.get("time_iso"):
        return meeting["time_iso"], label_for(meeting["time_iso"])
    text = doc["text"]
    for span in meeting["evidence"]:
        # A date a year or more before the article is background ("since September 11, 2001"), not the meeting's.
        found = [f for f in dates_in(text[span["start"] : span["end"]], ref) if ref is None or start_of(f[0]) > ref - timedelta(days=366)]
        if found:
            return max(found, key=lambda f: len(f[0]))  # the most precise date the passage gives
    if own and meeting.get("time"):
        iso = resolve_date(meeting["time"], ref.isoformat() if ref else None)
        if iso:
            return iso, label_for(iso)
    return None


def events(store: Store, actors: tuple[str, ...] = ()) -> list[Event]:
    """Every datable meeting and quote, oldest first; with `actors`, only those involving all of them."""
    return timeline(store, actors)[0]


def timeline(store: Store, actors: tuple[str, ...] = ()) -> tuple[list[Event], list[tuple[str, str]]]:
    """(the datable meetings and quotes, oldest first; the (kind, id) of those that have no date): nothing is left out.

    A meeting the text gives no date for is placed at its article's own date, marked as such; a quote is
    dated by its article. An item whose article has no date, and whose words give none, is undated.
    """
    out: list[Event] = []
    undated: list[tuple[str, str]] = []
    wanted = set(actors)
    for meeting in store.meetings.values():
        if wanted and not wanted <= set(meeting["participants"]):
            continue
        dated = meeting_date(store, meeting)
        from_article = False
        if dated is None:
            ref, own = reference_date(store.documents[meeting["doc"]])
            if ref is None or not own:
                undated.append(("meeting", meeting["id"]))
                continue
            dated, from_article = (ref.isoformat(), ref.isoformat()), True
        participants = tuple(meeting["participants"])
        out.append(Event(dated[0], dated[1], "meeting", meeting["id"], meeting["doc"], participants, from_article=from_article))
    refs: dict[str, tuple[date | None, bool]] = {}
    for quote in store.quotes.values():
        involved = {quote["speaker"]} if quote.get("speaker") else set()
        if wanted and not wanted <= involved | _named_in(store, quote, wanted):
            continue
        if quote["doc"] not in refs:
            refs[quote["doc"]] = reference_date(store.documents[quote["doc"]])
        ref, _own = refs[quote["doc"]]
        if quote.get("time_iso"):
            when = quote["time_iso"]
            out.append(Event(when, label_for(when), "quote", quote["id"], quote["doc"], tuple(involved)))
        elif ref is None:
            undated.append(("quote", quote["id"]))
        else:
            out.append(Event(ref.isoformat(), ref.isoformat(), "quote", quote["id"], quote["doc"], tuple(involved), from_article=True))
    return sorted(out, key=lambda e: (e.start, len(e.when), e.kind, e.id)), sorted(undated)


def _named_in(store: Store, quote: dict[str, Any], wanted: set[str]) -> set[str]:
    """The wanted actors named inside a quote's words (a pair filter: one speaks, the other is spoken of)."""
    span = quote["content_span"]
    return {
        actor_id
        for actor_id in wanted
        if actor_id in store.actors
        and any(m["doc"] == quote["doc"] and span["start"] <= m["start"] < span["end"] for m in store.actors[actor_id]["mentions"])
    }


def granularity(items: list[date]) -> str:
    """Days for a range of up to two months, weeks up to a year, months up to three years, years beyond."""
    if not items:
        return "day"
    days = (max(items) - min(items)).days
    return "day" if days <= 62 else "week" if days <= 366 else "month" if days <= 3 * 366 else "year"


def bucket(day: date, unit: str) -> str:
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return f"week of {monday.isoformat()}"
    if unit == "year":
        return f"{day.year:04d}"
    return label_for(f"{day.year:04d}-{day.month:02d}")


def group(items: list[Event], unit: str | None = None) -> list[tuple[str, list[Event]]]:
    """Events in buckets, in time order; an event only known to the month sits in a bucket of its own month."""
    unit = unit or granularity([e.start for e in items])
    groups: dict[str, list[Event]] = {}
    for event in items:
        coarse = unit in ("month", "year") or len(event.when) == 10
        key = bucket(event.start, unit) if coarse else label_for(event.when)
        groups.setdefault(key, []).append(event)
    return list(groups.items())


def document_dates(store: Store) -> dict[str, date | None]:
    """Every article's reference date, worked out once (for a large corpus, in a background worker): off the date
    column, not a record built for each of 100,000 documents."""
    return {doc_id: parse_iso(value) if isinstance(value, str) else None for doc_id, value in field_values(store.documents, "date")}


def mentions_over_time(
    store: Store, actor_id: str, unit: str | None = None, dates: dict[str, date | None] | None = None
) -> list[tuple[str, int]]:
    """How often an actor is named, per day, week or month of the articles' dates, in time order (empty periods included)."""
    actor = store.actors.get(actor_id)
    if actor is None:
        return []
    dated: Counter[date] = Counter()
    known = dates if dates is not None else {}
    found: dict[str, date | None] = {}  # dates worked out here, for documents `dates` does not hold
    for m in actor["mentions"]:
        doc_id = m["doc"]
        if doc_id in known:
            day = known[doc_id]
        else:
            if doc_id not in found and doc_id in store.documents:
                found[doc_id] = reference_date(store.documents[doc_id])[0]
            day = found.get(doc_id)
        if day is not None:
            dated[day] += 1
    if not dated:
        return []
    unit = unit or granularity(list(dated))
    counts: Counter[str] = Counter()
    for day, n in dated.items():
        counts[bucket(day, unit)] += n
    out: list[tuple[str, int]] = []
    day, last = min(dated), max(dated)
    step = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=28), "year": timedelta(days=365)}[unit]
    seen: set[str] = set()
    while day <= last + step:
        key = bucket(day, unit)
        if key not in seen and (day <= last or key in counts):
            seen.add(key)
            out.append((key, counts.get(key, 0)))
        day += step
    return out
