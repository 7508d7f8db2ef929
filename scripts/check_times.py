"""Check a store's chronology: every article dated, and no item placed far from its article unless its text says so.

Usage: python scripts/check_times.py STORE [ACTOR NAME]

Prints how many articles are undated, then every meeting or quote the timeline
places more than a year after its article or more than five years before it,
with the sentence that gives its time, for a reader to judge; with an actor's
name, also whether that actor's timeline counts each of their quotes and
meetings once (dated, or in the undated group).
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.db import Store  # noqa: E402
from store.language.dates import parse_iso, period  # noqa: E402
from store.views.timeline import timeline  # noqa: E402


def sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min(x for x in (text.find(". ", end), text.find("\n", end), len(text)) if x >= 0)
    return " ".join(text[left : right + 1].split())[:240]


def main(args: list[str]) -> int:
    store = Store.open(Path(args[0]))
    docs = store.documents
    undated = [d["path"] for d in docs.values() if not d.get("date")]
    events, undated_items = timeline(store)
    print(f"{len(docs)} articles, {len(undated)} undated; {len(events)} items dated, {len(undated_items)} undated")
    far = []
    for event in events:
        ref = parse_iso(docs[event.doc].get("date"))
        span = period(event.when)
        if ref is None or span is None:
            continue
        if span[0] > ref + timedelta(days=366) or span[1] < ref - timedelta(days=5 * 365 + 1):
            record = store.meetings[event.id] if event.kind == "meeting" else store.quotes[event.id]
            where = record.get("time_span") or (record.get("evidence") or [record.get("content_span")])[0]
            far.append((event, sentence(store.text(event.doc), where["start"], where["end"])))
    for event, said in far:
        print(f"  {event.kind} on {event.when}, article of {docs[event.doc]['date']} ({Path(docs[event.doc]['path']).name}): {said}")
    print(f"{len(far)} items placed more than a year after or five years before their article")
    if len(args) > 1:
        name = " ".join(args[1:])
        actor = next(a for a in store.actors.values() if a["name"] == name)
        mine, mine_undated = timeline(store, (actor["id"],))
        quotes = sum(1 for q in store.quotes.values() if q.get("speaker") == actor["id"])
        meetings = sum(1 for m in store.meetings.values() if actor["id"] in m["participants"])
        shown = sum(1 for e in mine if e.kind == "quote" and actor["id"] in e.actors), sum(1 for e in mine if e.kind == "meeting")
        print(
            f"{name}: {quotes} quotes and {meetings} meetings in the store; the timeline dates {shown[0]} quotes spoken, "
            f"{shown[1]} meetings, and lists {len(mine_undated)} undated"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
