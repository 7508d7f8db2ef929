"""What the source and detail panes show for each kind of item: its document, marks, details and links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text

from store.db import Store
from store.resolve.stories import is_copy
from store.views.highlights import (
    Mark,
    Stop,
    actor_marks,
    meeting_marks,
    quote_marks,
)
from store.views.queries import ids_of
from store.views.timeline import mentions_over_time

from .. import render
from ..view import Focus
from ..widgets.chart import sparkline

# What a view shows for one kind of item: (document, marks, detail text, links). Views get the item's stops, worked out once.
# A link's row is drawn when the links list shows it: an actor with 8,000 quotes would otherwise draw them all first.
Link = tuple[str, Callable[[], Text]]
ItemView = tuple[str | None, list[Mark], Text, list[Link]]

# A mixin of tui.app.BackchannelApp: `self` is the app. (Not imported for typing: the app imports this module.)
_Base = object


class ItemViews(_Base):
    def _link(self, prefix: str, option_id: str, row: Text | Callable[[], Text]) -> Link:
        return option_id, lambda: Text(f"{prefix}  ").append(row() if callable(row) else row)

    def _view_actor(self, store: Store, focus: Focus, stops: list[Stop]) -> ItemView:
        actor = self.record("actor", focus.id)
        index = self.index
        assert index is not None
        meetings = index.meetings_by_actor.get(actor["id"], [])
        quotes = index.quotes_by_actor.get(actor["id"], [])
        links = [self._link("meeting", f"meeting:{m['id']}", lambda m=m: render.meeting_row(store, m)) for m in meetings]
        # Each row built from its place in the index, read when the links list shows it (never through the id index).
        links += [self._link("said", f"quote:{i}", lambda n=n: render.quote_row(store, quotes[n])) for n, i in enumerate(ids_of(quotes))]
        doc_id = stops[focus.stop % len(stops)].doc if stops else None
        marks = actor_marks(actor, doc_id) if doc_id else []
        position = (focus.stop % len(stops) + 1, len(stops)) if stops else None
        return doc_id, marks, render.actor_detail(store, actor, meetings, quotes, position, self.actor_card(actor)), links

    def actor_card(self, actor: dict[str, Any]) -> render.ActorCard:
        """Mentions over time as a sparkline, the most connected counterparts, the last things said."""
        store = self.store
        assert store is not None and self.index is not None
        # Both wait for the background worker: on a large corpus they would hold up moving through the list.
        series = mentions_over_time(store, actor["id"], dates=self.doc_dates) if self.doc_dates is not None else []
        counterparts = self.network.top_counterparts(actor["id"], 4) if self.network is not None else None
        said = sorted(
            self.index.quotes_by_actor.get(actor["id"], []),
            key=lambda q: (store.documents[q["doc"]].get("date") or "", q["content_span"]["start"]),
        )
        period = (series[0][0], series[-1][0]) if series else None
        return render.ActorCard(sparkline([n for _, n in series]), period, counterparts, said[-2:])

    def _view_meeting(self, store: Store, focus: Focus, stops: list[Stop]) -> ItemView:
        meeting = self.record("meeting", focus.id)
        links = [
            self._link("participant", f"actor:{a}", render.actor_row(store.actors[a])) for a in meeting["participants"] if a in store.actors
        ]
        reports = self.index.reports(meeting) if self.index is not None else [meeting]
        # The same meeting as other articles report it: each opens with its own passage highlighted.
        links += [
            self._link("also in", f"meeting:{r['id']}", render.document_row(store.documents[r["doc"]]))
            for r in reports
            if r["id"] != meeting["id"]
        ]
        return meeting["doc"], meeting_marks(store, meeting), render.meeting_detail(store, meeting, reports), links

    def _view_quote(self, store: Store, focus: Focus, stops: list[Stop]) -> ItemView:
        quote = self.record("quote", focus.id)
        speaker = quote["speaker"]
        links = [self._link("speaker", f"actor:{speaker}", render.actor_row(store.actors[speaker]))] if speaker in store.actors else []
        return quote["doc"], quote_marks(quote), render.quote_detail(store, quote), links

    def _view_document(self, store: Store, focus: Focus, stops: list[Stop]) -> ItemView:
        doc_id = focus.id
        found = [Mark(stop.start, stop.end, "found") for stop in stops]
        index = self.index
        assert index is not None
        meetings = index.meetings_by_doc.get(doc_id, [])
        quotes = index.quotes_by_doc.get(doc_id, [])
        doc = store.documents[doc_id]
        links = [self._link("copy", f"document:{c}", render.document_row(store.documents[c])) for c in self.story_copies.get(doc_id, [])]
        if is_copy(doc, store.documents):
            links.append(self._link("story", f"document:{doc['story']}", render.document_row(store.documents[doc["story"]])))
        links += [self._link("meeting", f"meeting:{m['id']}", lambda m=m: render.meeting_row(store, m)) for m in meetings]
        links += [self._link("quote", f"quote:{i}", lambda n=n: render.quote_row(store, quotes[n])) for n, i in enumerate(ids_of(quotes))]
        detail = render.document_detail(store.documents[doc_id], {"meetings": len(meetings), "quotes": len(quotes)})
        if found:
            places = "1 place matches" if len(found) == 1 else f"{len(found)} places match"
            detail.append(f"\n{places} {self.text_query!r}: n and N step through them\n", style="dim")
        return doc_id, found, detail, links

    def _view_annotation(self, store: Store, focus: Focus, stops: list[Stop]) -> ItemView:
        annotation = self.annotations[focus.id]
        anchor = self.anchors[focus.id]
        actor = self.corrected.actor_id(annotation.get("actor")) if self.corrected is not None else annotation.get("actor")
        links = [self._link("actor", f"actor:{actor}", render.actor_row(store.actors[actor]))] if actor in store.actors else []
        doc_id = anchor.doc if anchor.doc in store.documents else None
        return doc_id, [], render.annotation_detail(store, dict(annotation, actor=actor), anchor.status), links

    def _annotation_marks(self, doc_id: str) -> list[Mark]:
        return [Mark(a.start, a.end, "annotation") for a in self.anchors.values() if a.doc == doc_id and a.status != "orphaned"]
