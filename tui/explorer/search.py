"""`/`: searching the list on show as you type; the documents list by the articles' own words."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import Input

from store.views.fulltext import open_index, search_documents
from store.views.highlights import (
    quote_text,
)
from store.views.search import search_texts
from store.views.text_query import as_you_type

from .. import render
from ..view import TAB_TITLES, Focus
from ..widgets.panes import ItemList, SearchBar

TEXT_SEARCH_HINT = 'search the articles\' text: words, "a phrase", prefix*, OR, NOT word…'
TEXT_HITS = 100  # articles a text search lists; the index ranks them, so the best are these

# A mixin of tui.app.BackchannelApp: `self` is the app. (Not imported for typing: the app imports this module.)
_Base = object


class SearchActions(_Base):
    def action_search(self) -> None:
        if not self.loaded:
            return
        bar = self.query_one(SearchBar)
        self._search_origin = self.current
        self.text_hits = {}
        bar.value = ""
        tab = self._active_tab()
        bar.placeholder = TEXT_SEARCH_HINT if tab == "documents" else f"search {TAB_TITLES[tab].lower()}…"
        bar.display = True
        self.screen.set_focus(bar)  # at once, so keys typed right after "/" land in the field

    def on_input_changed(self, event: Input.Changed) -> None:
        if not isinstance(event.input, SearchBar) or not self.loaded:
            return
        tab = self._active_tab()
        item_list = self.query_one(f"#{tab}", ItemList)
        ids, draw = self.search_rows(tab, event.value)
        item_list.set_rows(ids, draw)
        if tab == "documents" and (option_id := item_list.current_id()):
            self.preview(self._focus_of(option_id))  # the same article may stay on top: its marks follow the query

    def search_rows(self, tab: str, query: str) -> tuple[list[str], Callable[[str], Text]]:
        """Option ids for a query, best first, and how to draw them; the whole list for an empty query."""
        store = self.store
        assert store is not None
        self.postpone_network()
        if not query.strip():
            if tab == "documents":
                self.text_hits = {}
            return self.listed(tab), self.render_row
        ids, draw = self._search_all(tab, query)
        if self.list_filters[tab].active:
            kept = set(self.listed(tab))
            ids = [i for i in ids if i in kept]
        return ids, draw

    def _search_all(self, tab: str, query: str) -> tuple[list[str], Callable[[str], Text]]:
        store = self.store
        assert store is not None
        if tab == "actors":
            assert self.search_index is not None
            matched = {f"actor:{h.actor_id}": h for h in self.search_index.search(query)}

            def draw(option_id: str) -> Text:  # when the list draws the row: a keystroke's 50 hits are not all shown
                hit = matched[option_id]
                return render.actor_row(store.actors[hit.actor_id], hit.matched)

            return list(matched), draw
        if tab == "quotes":
            items = [(q["id"], render.actor_label(store, q["speaker"]) + " " + quote_text(store, q)) for q in store.quotes.values()]
            return [f"quote:{i}" for i, _ in search_texts(query, items)], self.render_row
        if tab == "meetings":
            items = [
                (
                    m["id"],
                    " ".join(
                        [render.actor_label(store, a) for a in m["participants"]]
                        + [m.get("place") or "", m.get("topic") or "", m.get("time") or "", m.get("status") or "happened"]
                    ),
                )
                for m in store.meetings.values()
            ]
            return [f"meeting:{i}" for i, _ in search_texts(query, items)], self.render_row
        if tab == "documents":
            return self.search_text(query)
        wanted = query.casefold()
        return [option_id for option_id in self.rows[tab] if wanted in self.render_row(option_id).plain.casefold()], self.render_row

    def search_text(self, query: str) -> tuple[list[str], Callable[[str], Text]]:
        """The documents list searched by the articles' own words, best first, each row with the passage that matched."""
        store = self.store
        assert store is not None
        if self.text_index is None:
            self.text_index, note = open_index(self.store_path, store.documents)
            if note:
                self.notify(note, severity="warning")
        self.text_query = as_you_type(query)
        self.text_total, hits = search_documents(self.text_index, store.documents, self.text_query, TEXT_HITS)
        self.text_hits = {hit.doc_id: hit.passage for hit in hits}
        drawn = {f"document:{hit.doc_id}": render.document_hit_row(store.documents[hit.doc_id], hit.passage) for hit in hits}
        return list(drawn), drawn.__getitem__

    def on_search_bar_move(self, message: SearchBar.Move) -> None:
        item_list = self.query_one(f"#{self._active_tab()}", ItemList)
        if item_list.option_count:
            current = item_list.highlighted or 0
            item_list.highlighted = max(0, min(item_list.option_count - 1, current + message.delta))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not isinstance(event.input, SearchBar):
            return
        tab = self._active_tab()
        chosen = self.query_one(f"#{tab}", ItemList).current_id()
        keep = tab == "documents" and chosen is not None and bool(self.text_hits)
        self.text_filter = event.value if keep else ""
        self._close_search(keep_rows=keep)
        self._update_header()
        if chosen is None:
            self._restore(self._search_origin)
            return
        if self._search_origin is not None:
            self.current = self._search_origin
        self.jump(self._focus_of(chosen))
        self.query_one(f"#{tab}", ItemList).focus()

    def on_search_bar_cancelled(self, message: SearchBar.Cancelled) -> None:
        self.text_hits = {}
        self._close_search()
        self._restore(self._search_origin)

    def _close_search(self, keep_rows: bool = False) -> None:
        """Hide the search field; the list shows all its rows again, unless `keep_rows` (the results of a text search)."""
        bar = self.query_one(SearchBar)
        bar.display = False
        tab = self._active_tab()
        with self._quietly():
            if not keep_rows:
                self.query_one(f"#{tab}", ItemList).set_rows(self.listed(tab), self.render_row)
        self.query_one(f"#{tab}", ItemList).focus()

    def clear_text_filter(self) -> None:
        """The documents list shows every article again; the one on show stays highlighted, without the search's marks."""
        self.text_filter, self.text_hits = "", {}
        item_list = self.query_one("#documents", ItemList)
        item_list.set_rows(self.listed("documents"), self.render_row, keep=item_list.current_id())
        self._update_header()
        if self.current is not None and self.current.kind == "document":
            self.current = Focus("document", self.current.id)
            self._render(self.current)
