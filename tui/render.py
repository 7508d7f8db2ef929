"""Rich Text for list rows and the detail pane. Article text is only ever appended as plain text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text

from store.db import Store
from store.db.columns import document_count
from store.views.highlights import quote_text, span_text
from store.views.text_query import Passage

from .safe_text import displayable, one_line

KIND_COLOUR = {"person": "#7fdbff", "organization": "#ffcb6b", "country": "#c3e88d", "group": "#ff9de2"}


def _row() -> Text:
    """List rows stay on one line, cut with an ellipsis, so a list shows as many items as it has lines."""
    return Text(no_wrap=True, overflow="ellipsis")


def actor_row(actor: dict[str, Any], matched: tuple[int, ...] = ()) -> Text:
    name = one_line(actor["name"], 60)
    text = _row()
    text.append(name)
    for start, end in _runs(i for i in matched if i < len(name)):  # a run at a time: a search redraws 50 rows a keystroke
        text.stylize("bold underline #ffd866", start, end)
    # Non-breaking spaces: the list's one-line layout would otherwise drop the gap before the kind.
    text.append(f"\u00a0\u00a0{actor['kind'][:3]}\u00a0·\u00a0{len(actor['mentions'])}", style=f"dim {KIND_COLOUR.get(actor['kind'], '')}")
    return text


def _runs(indices: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Consecutive indices as (start, end) runs."""
    start = end = None
    for i in sorted(set(indices)):
        if end is not None and i == end:
            end += 1
            continue
        if start is not None:
            yield start, end
        start, end = i, i + 1
    if start is not None:
        yield start, end


REVIEW_MARK = {"accepted": ("✓ ", "bold green"), "rejected": ("✗ ", "bold red"), "corrected": ("✎ ", "bold #ffa657")}
REVIEW_NOTE = {
    "accepted": "✓ accepted by hand",
    "rejected": "✗ rejected by hand (x restores)",
    "corrected": "✎ corrected or added by hand (u undoes; `backchannel history` lists every change)",
}
REVIEW_STYLE = {"accepted": "green", "rejected": "red", "corrected": "#ffa657"}


def with_review(row: Text, state: str) -> Text:
    """A list row with a mark for what the user did to it; a rejected item is struck through."""
    if not state:
        return row
    mark, style = REVIEW_MARK[state]
    marked = _row()
    marked.append(mark, style=style)
    marked.append_text(row)
    if state == "rejected":
        marked.stylize("strike dim", len(mark))
    return marked


def actor_label(store: Store, actor_id: str | None) -> str:
    if actor_id is None:
        return "unknown"
    actor = store.actors.get(actor_id)
    return actor["name"] if actor else "unknown"


STATUS_STYLES = {"planned": "yellow", "hypothetical": "magenta", "negated": "red"}


def meeting_row(store: Store, meeting: dict[str, Any], articles: int = 1) -> Text:
    """Participants, then place and time; a meeting that did not (yet) happen says so, an event reported by several articles says how many."""
    names = " ↔ ".join(one_line(actor_label(store, a), 30) for a in meeting["participants"][:4])
    if len(meeting["participants"]) > 4:
        names += f" +{len(meeting['participants']) - 4}"
    text = _row()
    text.append(names, style="bold")
    status = meeting.get("status") or "happened"
    if status != "happened":  # before place and time, so that a narrow list still shows it
        text.append(f" ({status})", style=STATUS_STYLES.get(status, ""))
    extra = " · ".join(one_line(x, 40) for x in (meeting.get("place"), meeting.get("time_iso") or meeting.get("time")) if x)
    if extra:
        text.append("\u00a0\u00a0" + extra, style="dim")
    if articles > 1:
        text.append(f" · {articles} articles", style="cyan")
    return text


def quote_row(store: Store, quote: dict[str, Any]) -> Text:
    speaker = actor_label(store, quote["speaker"]) if quote["speaker"] else span_text(store, quote["doc"], quote.get("speaker_span")) or "?"
    text = _row()
    text.append(one_line(speaker, 30), style="bold #7fdbff")
    text.append(": ")
    text.append("“" + one_line(quote_text(store, quote), 160) + "”")
    return text


def source_title(doc: dict[str, Any]) -> Text:
    """Above the source: which article this is and when it was published (or that nobody knows)."""
    text = Text()
    if doc.get("date"):
        text.append(doc["date"])
        if doc.get("date_source"):
            text.append(f" ({doc['date_source']})", style="dim")
    else:
        text.append("undated", style="dim italic")
    text.append(" · ")
    text.append(one_line(doc["title"], 90), style="bold")
    return text


def document_row(doc: dict[str, Any], copies: int = 0) -> Text:
    """Date and title; a story published more than once says how many other versions its row stands for."""
    text = _row()
    text.append(f"{doc.get('date') or 'undated':<10}\u00a0\u00a0", style="dim")
    if copies:
        text.append(f"×{copies + 1} ", style="bold #d2a8ff")
    text.append(one_line(doc["title"], 90))
    return text


def document_hit_row(doc: dict[str, Any], passage: Passage, lead: int = 24) -> Text:
    """A document found by its text: its date, then its words around the first match, the matched words lit.

    The title is on the source pane's border; a narrow list has room for the words that answer the search.
    """
    body = doc["text"]
    row = _row()
    row.append(f"{doc.get('date') or 'undated':<10}\u00a0\u00a0", style="dim")
    if not passage.spans:
        return row.append(one_line(doc["title"], 90))
    first = passage.spans[0][0]
    start = max(passage.start, first - lead)
    if start > passage.start:
        space = body.find(" ", start, first)
        start = space + 1 if space >= 0 else start
        row.append("…", style="dim")
    cursor = start
    for s, e in passage.spans:
        row.append(displayable(" ".join(body[cursor:s].split(" "))).replace("\n", " "))
        row.append(displayable(body[s:e]).replace("\n", " "), style="bold #7ee787")
        cursor = e
    row.append(displayable(body[cursor : passage.end]).replace("\n", " "))
    return row


def annotation_row(annotation: dict[str, Any], status: str) -> Text:
    text = _row()
    if status == "orphaned":
        text.append("orphaned ", style="bold red")
    text.append(one_line(annotation.get("creator") or "unknown", 12) + " ", style="#79c0ff")
    text.append(f"[{one_line(annotation['label'], 20)}] ", style="#ffa657")
    text.append("“" + one_line(annotation["exact"], 60) + "”")
    if annotation.get("note"):
        text.append("  " + one_line(annotation["note"], 60), style="dim")
    return text


def _field(text: Text, label: str, value: str) -> None:
    text.append(f"{label:<10}", style="dim")
    text.append(value + "\n")


def actor_detail(
    store: Store,
    actor: dict[str, Any],
    meetings: list[dict[str, Any]],
    quotes: list[dict[str, Any]],
    position: tuple[int, int] | None = None,
    card: ActorCard | None = None,
) -> Text:
    """Name; kind and counts (with which mention is on show); the card; names and roles; the last things said.

    Ordered so that the lines that matter most come first: the detail pane is seven lines high on most terminals.
    """
    text = Text(one_line(actor["name"], 100) + "\n", style="bold", no_wrap=True, overflow="ellipsis")
    docs = document_count(actor["mentions"])
    where = f"mention {position[0]}/{position[1]} (n/N)" if position else f"{len(actor['mentions'])} mentions"
    counts = f"{actor['kind']} · {where} · {docs} doc{'s' if docs != 1 else ''} · {len(meetings)} met · {len(quotes)} said"
    _field(text, "kind", counts)
    if card is not None and card.spark:
        text.append(f"{'over time':<10}", style="dim")
        text.append(card.spark, style="#7fdbff")
        if card.period and card.period[0] != card.period[1]:
            text.append(f"  {card.period[0]} – {card.period[1]}", style="dim")
        text.append("\n")
    if card is not None and card.counterparts:
        parts = [actor_label(store, a) + (f" (met {met})" if met else "") for a, met, _together in card.counterparts]
        _field(text, "with", one_line(", ".join(parts), 300))
    if actor["aliases"]:
        _field(text, "aliases", one_line(", ".join(actor["aliases"]), 300))
    if actor["roles"]:
        _field(text, "roles", one_line("; ".join(actor["roles"]), 300))
    for quote in reversed(card.said if card is not None else []):
        text.append(f"{'said':<10}", style="dim")
        text.append("“" + one_line(quote_text(store, quote), 200) + "”\n")
    return text


@dataclass(frozen=True)
class ActorCard:
    """What the actor card adds: mentions over time as a sparkline and its period, top counterparts, last quotes."""

    spark: str = ""
    period: tuple[str, str] | None = None
    counterparts: list[tuple[str, int, int]] | None = None
    said: list[dict[str, Any]] = field(default_factory=list)


def meeting_detail(store: Store, meeting: dict[str, Any], reports: list[dict[str, Any]] | None = None) -> Text:
    text = Text("Meeting\n", style="bold")
    _field(text, "with", one_line(", ".join(actor_label(store, a) for a in meeting["participants"]), 300))
    _field(text, "status", meeting.get("status") or "happened")
    _field(text, "place", one_line(meeting.get("place") or "—", 100))
    when = meeting.get("time") or "—"
    if meeting.get("time_iso"):
        when += f" ({meeting['time_iso']}, {meeting.get('time_granularity') or 'date'})"
    _field(text, "time", one_line(when, 100))
    _field(text, "topic", one_line(meeting.get("topic") or "—", 300))
    _field(text, "evidence", f"{len(meeting['evidence'])} passage(s) in {one_line(store.documents[meeting['doc']]['title'], 80)}")
    others = [r for r in reports or [] if r["id"] != meeting["id"]]
    if others:
        titles = "; ".join(one_line(store.documents[r["doc"]]["title"], 60) for r in others[:3])
        more = f" and {len(others) - 3} more" if len(others) > 3 else ""
        _field(text, "also in", f"{len(others)} other article(s): {titles}{more} (links below)")
    return text


def quote_detail(store: Store, quote: dict[str, Any]) -> Text:
    text = Text(f"Quote ({quote['kind']})\n", style="bold")
    speaker_span = span_text(store, quote["doc"], quote.get("speaker_span"))
    who = actor_label(store, quote["speaker"]) if quote["speaker"] else "not linked to an actor"
    _field(text, "speaker", one_line(f"{speaker_span or '—'}  → {who}", 200))
    _field(text, "cue", one_line(span_text(store, quote["doc"], quote.get("cue_span")) or "—", 60))
    if quote.get("time"):
        said = quote["time"] + (f" ({quote['time_iso']}, {quote.get('time_granularity') or 'date'})" if quote.get("time_iso") else "")
        _field(text, "said", one_line(said, 100))
    text.append("content   ", style="dim")
    text.append(one_line(quote_text(store, quote), 600) + "\n")
    return text


def document_detail(doc: dict[str, Any], counts: dict[str, int]) -> Text:
    text = Text(one_line(doc["title"], 200) + "\n", style="bold")
    _field(text, "path", one_line(doc["path"], 200))
    if doc.get("date"):
        _field(text, "date", doc["date"])
    _field(text, "found", ", ".join(f"{v} {k}" for k, v in counts.items()))
    if doc.get("story") == doc["id"]:
        _field(text, "story", "published more than once: this is its longest version; the others are linked below")
    elif doc.get("story"):
        _field(text, "story", "another version of a story (a wire copy or an update); its items are counted with the story")
    return text


def annotation_detail(store: Store, annotation: dict[str, Any], status: str) -> Text:
    text = Text(f"Annotation [{one_line(annotation['label'], 40)}]\n", style="bold #ffa657")
    _field(text, "text", one_line(annotation["exact"], 300))
    _field(text, "note", one_line(annotation.get("note") or "—", 300))
    _field(text, "by", one_line(annotation.get("creator") or "unknown (made before notes had authors)", 80))
    _field(text, "actor", actor_label(store, annotation["actor"]) if annotation.get("actor") else "—")
    _field(
        text,
        "status",
        {"exact": "anchored", "moved": "re-anchored after the text changed", "orphaned": "orphaned: its text is no longer in the document"}[
            status
        ],
    )
    return text


def duplicate_card(store: Store, actor: dict[str, Any]) -> Text:
    """One side of a likely-duplicate pair: enough to tell two actors apart at a glance."""
    docs = {m["doc"] for m in actor["mentions"]}
    text = Text(one_line(actor["name"], 60) + "\n", style="bold")
    n, d = len(actor["mentions"]), len(docs)
    _field(text, "kind", f"{actor['kind']} · {n} mention{'s' * (n != 1)} in {d} article{'s' * (d != 1)}")
    if actor.get("aliases"):
        _field(text, "aliases", one_line(", ".join(actor["aliases"][:6]), 120))
    if actor.get("roles"):
        _field(text, "roles", one_line(", ".join(actor["roles"][:4]), 120))
    first = min(actor["mentions"], key=lambda m: (store.documents[m["doc"]].get("date") or "", m["doc"], m["start"]), default=None)
    if first is not None:
        doc = store.documents[first["doc"]]
        context = doc["text"][max(0, first["start"] - 80) : first["end"] + 80]
        _field(text, "in", one_line(doc["title"], 80))
        text.append("          " + one_line(context, 170) + "\n", style="dim")
    return text
