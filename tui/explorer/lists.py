"""The lists' modes: review, rejected items, copies of stories, likely duplicates, filters and orders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from store.hand.corrections import actor_target
from store.hand.edits import make_edit
from store.resolve.duplicates import likely_duplicates
from store.views.list_filters import ListContext, ListFilter, next_sort

from .. import render
from ..screens.duplicates import DuplicatesScreen
from ..screens.list_filter import FilterDialog
from ..view import TAB_KIND, TAB_TITLES, Focus, listed_rows, split_row
from ..widgets.panes import ItemList
from ..widgets.source_view import SourceView

# A mixin of tui.app.BackchannelApp: `self` is the app. (Not imported for typing: the app imports this module.)
_Base = object


class ListActions(_Base):
    def review_progress(self, tab: str) -> tuple[int, int]:
        """(reviewed, total) for a list: accepted or rejected items of its kind, over all of them."""
        assert self.store is not None and self.corrected is not None
        kind = TAB_KIND[tab]
        table = {"actor": self.store.actors, "meeting": self.store.meetings, "quote": self.store.quotes}[kind]
        rejected = self.corrected.rejected[kind]
        accepted = sum(1 for ident in table if ident in self.corrected.accepted)
        return accepted + len(rejected), len(table) + len(rejected)

    def action_review(self) -> None:
        if not self.loaded:
            return
        if self.reviewing:
            self.reviewing = None
            self.notify("review mode off", timeout=2)
        else:
            tab = self._active_tab()
            if tab not in ("actors", "meetings", "quotes"):
                self.notify("Review works on the actors, meetings or quotes list: pick one (1, 2, 3) first.", severity="warning")
                return
            self.reviewing = tab
            nxt = self._next_unreviewed(None)
            if nxt is not None:
                self.jump(nxt)
            self.notify("review: y accept · x reject · space skip · R stop", timeout=4)
        self._update_header()
        self.refresh_bindings()

    def _next_unreviewed(self, after: str | None) -> Focus | None:
        """The first item of the list under review, after `after`, that is neither accepted nor rejected."""
        if not self.reviewing or self.corrected is None:
            return None
        ids = self.listed(self.reviewing)  # a filtered list reviews what it shows
        start = ids.index(after) + 1 if after in ids else 0
        for option_id in ids[start:] + ids[:start]:
            kind, ident = split_row(option_id)
            if ident != split_row(after or "")[1] and ident not in self.corrected.accepted and ident not in self.corrected.rejected[kind]:
                return Focus(kind, ident)
        return None

    def after_review(self, ident: str) -> Focus | None:
        """Where review mode goes once the item on show is judged: the next one not yet judged."""
        if not self.reviewing or self.current is None:
            return None
        return self._next_unreviewed(f"{self.current.kind}:{ident}")

    def action_skip(self) -> None:
        if not self.reviewing or self.current is None:
            return
        nxt = self._next_unreviewed(f"{self.current.kind}:{self.current.id}")
        if nxt is None:
            self.notify("every item in this list is reviewed", timeout=3)
            return
        self.preview(nxt)
        self._sync_list(nxt)

    def action_show_rejected(self) -> None:
        self.show_rejected = not self.show_rejected
        self.notify(
            "rejected and hidden items are listed (struck through); x restores one" if self.show_rejected else "rejected items hidden",
            timeout=3,
        )
        self.refresh_view("")

    def action_toggle_copies(self) -> None:
        self.show_copies = not self.show_copies
        self.notify(
            "every version of a story is listed and counted" if self.show_copies else "each story listed and counted once",
            timeout=3,
        )
        self.refresh_view("")

    def action_duplicates(self) -> None:
        if self.store is None or self.corrected is None:
            return
        store = self.store
        pairs = likely_duplicates(store.actors, self.corrected.apart)

        def merge(keep: str, other: str) -> None:
            edit = make_edit("actor.merge", actor_target(store.actors[keep]), other=actor_target(store.actors[other]))
            self.save_edit(edit, f"“{store.actors[other]['name']}” merged into “{store.actors[keep]['name']}”")

        def apart(one: str, two: str) -> None:
            edit = make_edit("actor.distinct", actor_target(store.actors[one]), other=actor_target(store.actors[two]))
            self.save_edit(edit, f"“{store.actors[one]['name']}” and “{store.actors[two]['name']}” kept apart")

        self.push_screen(DuplicatesScreen(store, pairs, merge, apart))

    def _row_record(self, kind: str, ident: str) -> dict[str, Any] | None:
        if kind == "document":
            return self.store.documents.get(ident) if self.store is not None else None
        if kind == "annotation":
            annotation = self.annotations.get(ident)
            anchor = self.anchors.get(ident)
            return dict(annotation, doc=anchor.doc or annotation["doc"]) if annotation and anchor else annotation
        return self.record(kind, ident)

    def _list_context(self) -> ListContext:
        assert self.store is not None
        return ListContext(self.store.documents, self.review_state)

    def listed(self, tab: str) -> Sequence[str]:
        """The rows a list shows: its items, kept by its filter (F), in its order (o) — worked out by tui.view."""
        store = self.store
        if store is None:
            return self.rows[tab]
        return listed_rows(
            tab,
            self.rows[tab],
            self.list_filters[tab],
            self.list_sorts[tab],
            self._row_record,
            self._list_context(),
            lambda actor: render.actor_label(store, actor) if actor else "",
        )

    def _show_listed(self, tab: str) -> None:
        item_list = self.query_one(f"#{tab}", ItemList)
        item_list.set_rows(self.listed(tab), self.render_row, keep=item_list.current_id())
        self._update_header()

    def action_sort_list(self) -> None:
        """o: the next order of the list on show (actors by mentions, name, articles; the rest by reading order or date…)."""
        if self.store is None:
            return
        tab = self._active_tab()
        self.list_sorts[tab] = next_sort(tab, self.list_sorts[tab])
        self._show_listed(tab)
        order = self.list_sorts[tab]
        undated = " (the undated last)" if order == "date" else ""
        self.notify(f"{TAB_TITLES[tab]} by {order}{undated}", timeout=3)

    def action_filter(self) -> None:
        """F: the filter dialog of the list on show."""
        if self.store is None:
            return
        tab = self._active_tab()
        doc_id = self.query_one(SourceView).doc_id
        document = (doc_id, self.store.documents[doc_id]["title"]) if doc_id in self.store.documents else None
        authors = sorted({a.get("creator") or "unknown" for a in self.annotations.values()})

        def chosen(result: ListFilter | None) -> None:
            if result is None:
                return
            self.list_filters[tab] = result
            self._show_listed(tab)
            shown = self.query_one(f"#{tab}", ItemList).total
            self.notify(f"{TAB_TITLES[tab]}: {shown} shown" if result.active else f"{TAB_TITLES[tab]}: filter cleared", timeout=3)

        self.push_screen(FilterDialog(tab, TAB_TITLES[tab].lower(), self.list_filters[tab], document, authors), chosen)

    def clear_list_filter(self, tab: str) -> None:
        self.list_filters[tab] = ListFilter()
        self._show_listed(tab)
        self.notify(f"{TAB_TITLES[tab]}: filter cleared", timeout=3)
