"""The explorer: lists of actors, meetings, quotes, documents and notes; the source with highlights; details.

The app wires widgets together and keeps the navigation state (what is shown,
the path back, review mode). Loading the store, laying the hand corrections
over it, and saving annotations and corrections run in thread workers that
post messages back, so input never waits on disk. Undo and redo go through
the edit log beside the annotations (store.edits), so they reach every hand
change, this session's or an earlier one's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Input, OptionList, Tab, Tabs

from store.db import Store
from store.hand.anchoring import Anchor
from store.hand.corrections import Corrected
from store.views.fulltext import FullTextIndex
from store.views.highlights import (
    Mark,
    Stop,
    actor_stops,
    meeting_stops,
    quote_stops,
)
from store.views.list_filters import SORTS, ListFilter
from store.views.network import Network
from store.views.queries import CorpusIndex, counts
from store.views.search import ActorSearch
from store.views.slices import Slice
from store.views.text_query import Passage, find_matches

from . import keys, render
from .corrections import CorrectionActions
from .explorer.items import ItemViews
from .explorer.lists import ListActions
from .explorer.loading import Loading
from .explorer.notes import NoteActions
from .explorer.search import SearchActions
from .explorer.views import OtherViews
from .palette import ActorCommands, DocumentCommands
from .safe_text import one_line
from .view import KIND_TAB, TAB_TITLES, TABS, Focus, View, record_in, review_state_of, split_row
from .widgets.panes import DetailLinks, DetailPane, HeaderBar, ItemList, SearchBar
from .widgets.source_view import SourceView

WIDE = 150
NARROW = 100  # below this the header leaves the counts to the tabs


class BackchannelApp(Loading, ItemViews, SearchActions, NoteActions, ListActions, OtherViews, CorrectionActions, App):
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "backchannel"
    COMMANDS = App.COMMANDS | {ActorCommands, DocumentCommands}
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings()  # the one key table: tui/keys.py

    def __init__(self, store_path: Path | str, opened: Slice | None = None) -> None:
        super().__init__()
        self.store_path = Path(store_path)
        self.slice = opened or Slice()  # the part of the archive opened (--since, --until, --source)
        self.annotations: dict[str, dict[str, Any]] = {}
        self.anchors: dict[str, Anchor] = {}
        self.current: Focus | None = None
        self.history: list[Focus] = []
        self.pristine: Store | None = None  # as ingested; self.store is the corrected view of it
        self.view: View | None = None  # the store as shown; `store`, `corrected`, `search_index` and `index` read it
        self.edit_log: list[dict[str, Any]] = []
        self.show_rejected = False
        self.show_copies = False  # C: every version of a story listed and counted, not each story once
        self.story_copies: dict[str, list[str]] = {}  # a story's canonical article -> its other versions
        self.list_filters: dict[str, ListFilter] = {tab: ListFilter() for tab in TABS}  # F: what each list keeps
        self.list_sorts: dict[str, str] = {tab: SORTS[tab][0] for tab in TABS}  # o: each list's order
        self.reviewing: str | None = None  # the list under review, if any
        self.network: Network | None = None  # built in a worker after each view, for the network view and actor cards
        self.network_timer: Timer | None = None  # until it fires, typing in the search bar postpones the network
        self.doc_dates: dict[str, Any] | None = None  # every article's reference date, from the same worker
        self.rows: dict[str, list[str]] = {tab: [] for tab in TABS}  # option ids per list, in order
        self._event_rows: tuple[list[str] | None, dict[str, str]] = (None, {})  # (the meetings rows, event -> its row)
        self.doc_order: dict[str, int] = {}
        self.loaded = False
        self._search_origin: Focus | None = None
        self._syncing = False
        self._seen: dict[str, tuple[int, int] | None] = {}
        self.stale = False  # the store changed on disk since it was loaded
        self.text_index: FullTextIndex | None = None  # the articles' full-text index, opened at the first text search
        self.text_query = ""  # the last text search of the documents list, whose words the source pane marks
        self.text_hits: dict[str, Passage] = {}  # its articles and the passage that answers it
        self.text_total = 0  # how many articles the last text search matched (the list shows the best TEXT_HITS)
        self.text_filter = ""  # a text search the documents list still shows after enter picked one of its articles

    # The view's parts, read from it rather than copied out of it, so they can never disagree.

    @property
    def store(self) -> Store | None:
        return self.view.store if self.view is not None else None

    @property
    def corrected(self) -> Corrected | None:
        return self.view.corrected if self.view is not None else None

    @property
    def search_index(self) -> ActorSearch | None:
        return self.view.search if self.view is not None else None

    @property
    def index(self) -> CorpusIndex | None:
        return self.view.index if self.view is not None else None

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """The app moving a list itself: the highlight events that follow are not the reader moving (until repainted)."""
        self._syncing = True
        try:
            yield
        finally:
            self.call_after_refresh(self._end_sync)

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield HeaderBar(id="header")
        yield Tabs(*[Tab(TAB_TITLES[t], id=f"tab-{t}") for t in TABS], id="tabs")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield SearchBar(placeholder="search…", id="search")
                with ContentSwitcher(initial="actors", id="lists"):
                    for tab in TABS:
                        yield ItemList(id=tab)
            with Vertical(id="right"):
                yield SourceView(id="source")
                yield DetailPane(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(HeaderBar).show(self.store_path.name, "loading…")
        self.query_one(SearchBar).display = False
        self.query_one(Tabs).can_focus = False
        self.set_class(self.size.width >= WIDE, "-wide")
        self.load_store()
        self.set_interval(2.0, self.check_for_changes)

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")
        self._update_header()  # a narrow header leaves the counts to the tabs

    # --- loading ----------------------------------------------------------------

    def record(self, kind: str, ident: str) -> dict[str, Any] | None:
        """An item by kind and id: from the corrected tables, or among the rejected ones while they are listed."""
        assert self.store is not None
        if kind == "annotation":
            return self.annotations.get(ident)
        return record_in(self.store, self.corrected, kind, ident, self.show_rejected)

    def _exists(self, focus: Focus) -> bool:
        return self.record(focus.kind, focus.id) is not None

    def render_row(self, option_id: str) -> Text:
        """The list row for an option id, drawn when the list shows it."""
        store = self.store
        assert store is not None
        kind, ident = split_row(option_id)
        if kind == "document":
            return render.document_row(store.documents[ident], 0 if self.show_copies else len(self.story_copies.get(ident, ())))
        if kind == "annotation":
            return render.annotation_row(self.annotations[ident], self.anchors[ident].status)
        record = self.record(kind, ident)
        assert record is not None
        articles = len(self.index.reports(record)) if kind == "meeting" and self.index is not None else 1
        row = {"actor": lambda: render.actor_row(record), "meeting": lambda: render.meeting_row(store, record, articles)}.get(
            kind, lambda: render.quote_row(store, record)
        )()
        return render.with_review(row, self.review_state(kind, ident, record))

    def review_state(self, kind: str, ident: str, record: dict[str, Any]) -> str:
        """'rejected', 'accepted', 'corrected' or '' (tui.view.review_state)."""
        return review_state_of(self.corrected, kind, ident, record)

    def _update_header(self) -> None:
        if self.store is None:
            return
        c = counts(self.store, self.view.copies if self.view is not None else None)
        c["documents"] = len(self.rows["documents"]) or c["documents"]
        hidden = 0 if self.show_copies else sum(len(v) for v in self.story_copies.values())
        if self.size.width < NARROW:  # the tabs below carry the counts: the header says only what they cannot
            summary = f"+{hidden} copies of stories (C lists them)" if hidden else ""
        else:
            summary = f"{c['documents']} documents{f' (+{hidden} copies)' if hidden else ''} · {c['actors']} actors · {c['meetings']} meetings · {c['quotes']} quotes · {len(self.annotations)} notes"
        tab = self._active_tab()
        flt = self.list_filters[tab]
        if flt.active or self.list_sorts[tab] != SORTS[tab][0]:
            docs = self.store.documents
            kept = flt.describe(lambda d: one_line(docs[d]["title"], 30) if d in docs else d)
            shown = self.query_one(f"#{tab}", ItemList).total
            summary = f"{TAB_TITLES[tab]}: {shown} of {len(self.rows[tab])}"
            summary += f" · {kept}" + (" (undated left out)" if flt.since or flt.until else "") + " · esc: all" if flt.active else ""
            summary += f" · by {self.list_sorts[tab]}" if self.list_sorts[tab] != SORTS[tab][0] else ""
        if self.text_filter:
            summary = f"{self.text_total} of {c['documents']} docs match {one_line(self.text_filter, 40)!r} · esc: all"
        if self.reviewing:
            done, total = self.review_progress(self.reviewing)
            summary = f"REVIEW {TAB_TITLES[self.reviewing].lower()}: {done}/{total} reviewed · y accept · x reject · space skip · R stop"
        if self.slice.active:
            summary = f"slice {self.slice.describe()}" + (f" · {summary}" if summary else "")
        self.query_one(HeaderBar).show(self.store_path.name, summary)
        for tab in TABS:
            n = {
                "actors": c["actors"],
                "meetings": c["meetings"],
                "quotes": c["quotes"],
                "documents": c["documents"],
                "notes": len(self.annotations),
            }[tab]
            self.query_one(f"#tab-{tab}", Tab).label = f"{TAB_TITLES[tab]} {n}"

    # --- showing items ------------------------------------------------------------

    def _focus_of(self, option_id: str) -> Focus:
        """The item a row shows; an article found by a text search opens at the passage that answers it."""
        kind, ident = split_row(option_id)
        passage = self.text_hits.get(ident) if kind == "document" else None
        if passage is not None and passage.spans:
            stops = self.stops(Focus(kind, ident))
            first = passage.spans[0]
            return Focus(kind, ident, next((i for i, stop in enumerate(stops) if (stop.start, stop.end) == first), 0))
        return Focus(kind, ident)

    def stops(self, focus: Focus) -> list[Stop]:
        assert self.store is not None
        store = self.store
        record = self.record(focus.kind, focus.id) if focus.kind in ("actor", "meeting", "quote") else None
        if focus.kind == "actor":
            return actor_stops(store, record, self.doc_order)
        if focus.kind == "meeting":
            return meeting_stops(record)
        if focus.kind == "quote":
            return quote_stops(record)
        if focus.kind == "annotation":
            anchor = self.anchors[focus.id]
            return [Stop(anchor.doc, anchor.start, anchor.end)] if anchor.doc in store.documents else []
        if focus.kind == "document" and focus.id in self.text_hits:
            text = store.documents[focus.id]["text"]
            return [Stop(focus.id, start, end) for start, end, _n in find_matches(text, self.text_query)]
        return []

    def preview(self, focus: Focus) -> None:
        """Show an item without adding a step to the way back (moving through a list)."""
        self.current = focus
        self._render(focus)

    def jump(self, focus: Focus) -> None:
        """Show an item as a new step: `q` comes back to what was shown before.

        The path stays short: coming back to an item already on it cuts the loop off (as a browser's back would
        after returning to a page), and another place in the item on show is no new step.
        """
        item = (focus.kind, focus.id)
        earlier = next((i for i, f in enumerate(self.history) if (f.kind, f.id) == item), None)
        if earlier is not None:
            del self.history[earlier:]
        elif self.current is not None and (self.current.kind, self.current.id) != item:
            self.history.append(self.current)
        self.current = focus
        self._sync_list(focus)
        self._render(focus)

    def jump_to(self, kind: str, ident: str) -> None:
        self.jump(Focus(kind, ident))

    def _sync_list(self, focus: Focus) -> None:
        tab = KIND_TAB[focus.kind]
        with self._quietly():
            tabs = self.query_one(Tabs)
            if tabs.active != f"tab-{tab}":
                tabs.active = f"tab-{tab}"
            self.query_one(ContentSwitcher).current = tab
            item_list = self.query_one(f"#{tab}", ItemList)
            row = self._row_of(focus)
            if not item_list.highlight_id(row):
                if tab == "documents" and self.text_filter:
                    self.text_filter, self.text_hits = "", {}
                    self._update_header()
                if self.list_filters[tab].active and row in self.rows[tab]:
                    self.list_filters[tab] = ListFilter()  # what was asked for is outside the filter: show the whole list
                    self.notify(f"{TAB_TITLES[tab]}: filter cleared to show the item", timeout=3)
                    self._update_header()
                item_list.set_rows(self.listed(tab), self.render_row)
                item_list.highlight_id(row)

    def _end_sync(self) -> None:
        self._syncing = False

    def _render(self, focus: Focus) -> None:
        store = self.store
        if store is None:
            return
        source = self.query_one(SourceView)
        detail = self.query_one(DetailPane)
        stops = self.stops(focus)
        stop = stops[focus.stop % len(stops)] if stops else None
        assert self.index is not None
        view = {
            "actor": self._view_actor,
            "meeting": self._view_meeting,
            "quote": self._view_quote,
            "document": self._view_document,
            "annotation": self._view_annotation,
        }[focus.kind]
        doc_id, marks, detail_text, links = view(store, focus, stops)
        record = self.record(focus.kind, focus.id) if focus.kind in ("actor", "meeting", "quote") else None
        state = self.review_state(focus.kind, focus.id, record) if record is not None else ""
        if state:
            detail_text.append(render.REVIEW_NOTE[state] + "\n", style=render.REVIEW_STYLE[state])
        detail.show(detail_text, links)
        if doc_id is None or doc_id not in store.documents:
            return
        source.show(doc_id, store.documents[doc_id]["text"])
        source.border_title = render.source_title(store.documents[doc_id])
        marks = self._annotation_marks(doc_id) + marks
        if stop is not None and stop.doc == doc_id:
            marks.append(Mark(stop.start, stop.end, "current"))
        source.set_marks(marks)
        target = stop if stop is not None and stop.doc == doc_id else None
        if target is not None:
            source.reveal(target.start, target.end)
        else:
            source.reveal(0, 0)

    # --- events from the widgets ---------------------------------------------------

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        tab = event.tab.id.removeprefix("tab-") if event.tab and event.tab.id else "actors"
        self.query_one(ContentSwitcher).current = tab
        self.query_one(f"#{tab}", ItemList).draw()  # rows set while it was out of sight
        if self._syncing or not self.loaded:
            return
        self._update_header()  # its filter and order, if the list has one
        item_list = self.query_one(f"#{tab}", ItemList)
        item_list.focus()
        option_id = item_list.current_id()
        if option_id:
            self.preview(self._focus_of(option_id))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self._syncing or not self.loaded or isinstance(event.option_list, DetailLinks) or event.option.id is None:
            return
        if not event.option_list.is_attached or not self.query(ContentSwitcher):
            return  # the explorer is closing: a highlight still queued when its lists went away
        if event.option_list.id != self._active_tab():
            return  # a hidden list being filled
        focus = self._focus_of(event.option.id)
        if self.current is None or self._row_of(self.current) != self._row_of(focus):
            self.preview(focus)

    def _row_of(self, focus: Focus) -> str:
        """The list row that shows an item: a meeting another article also reports is shown by its event's row."""
        own = f"{focus.kind}:{focus.id}"
        if focus.kind != "meeting" or (record := self.record("meeting", focus.id)) is None or record.get("event") is None:
            return own
        rows = self.rows["meetings"]
        if self._event_rows[0] is not rows:  # rebuilt once per list, not per keystroke
            events = {}
            for option_id in rows:
                shown = self.record("meeting", split_row(option_id)[1])
                if shown is not None and shown.get("event"):
                    events[shown["event"]] = option_id
            self._event_rows = (rows, events)
        return self._event_rows[1].get(record["event"], own)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        if isinstance(event.option_list, DetailLinks):
            focus = self._focus_of(event.option.id)
            self.jump(focus)
            self.query_one(f"#{KIND_TAB[focus.kind]}", ItemList).focus()
            return
        links = self.query_one(DetailLinks)
        (links if links.display and links.option_count else self.query_one(SourceView)).focus()

    # --- search ------------------------------------------------------------------

    def _active_tab(self) -> str:
        return str(self.query_one(ContentSwitcher).current or "actors")

    def _restore(self, focus: Focus | None) -> None:
        if focus is None:
            return
        self.current = focus
        self._sync_list(focus)
        self._render(focus)

    # Actions bound to printable keys: while the search field has focus they are off, so that keys
    # typed right after "/" (already on their way to the list) are typed into the field instead.
    LETTER_ACTIONS = keys.typed_actions()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and (isinstance(self.focused, Input) or len(self.screen_stack) > 1):
            return False  # "/" typed into a field or a dialog is a character
        if action in self.LETTER_ACTIONS and (isinstance(self.focused, SearchBar) or len(self.screen_stack) > 1):
            return False  # typed into the search field, or meant for a dialog or another view
        if action == "reload":
            return self.stale  # in the footer only when there is something to reload
        if action == "skip":
            return self.reviewing is not None  # space is only taken in review mode
        return True

    def on_key(self, event: events.Key) -> None:
        bar = self.focused
        if isinstance(bar, SearchBar) and event.is_printable and event.character:
            bar.insert_text_at_cursor(event.character)
            event.stop()

    # --- navigation -----------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        if self.current is None:
            return
        stops = self.stops(self.current)
        if len(stops) < 1:
            self.notify("nothing to step through here", timeout=2)
            return
        self.current = replace(self.current, stop=(self.current.stop + delta) % len(stops))
        self._render(self.current)

    def action_back(self) -> None:
        if self.query_one(SearchBar).display:
            self.on_search_bar_cancelled(SearchBar.Cancelled())
            return
        if self.text_filter and self._active_tab() == "documents":
            self.clear_text_filter()
            return
        if self.list_filters[self._active_tab()].active and isinstance(self.focused, ItemList):
            self.clear_list_filter(self._active_tab())
            return
        if not self.history:
            self.exit()
            return
        self._restore(self.history.pop())

    def action_tab(self, tab: str) -> None:
        if tab == "documents" and self.store is not None and len(self.store.documents) < 2:
            return
        self.query_one(Tabs).active = f"tab-{tab}"
        self.query_one(f"#{tab}", ItemList).focus()  # keys go to the list asked for, wherever focus was

    # --- annotations ---------------------------------------------------------------

    # --- review mode -----------------------------------------------------------------

    # --- filters and orders ------------------------------------------------------------

    # --- copy ------------------------------------------------------------------------


def run_app(store_path: Path, opened: Slice | None = None) -> None:
    from store.errors import StoreError

    if not store_path.exists():
        raise StoreError(f"{store_path}: no store here; run `backchannel ingest PATH` first (or name one with --store)")
    app = BackchannelApp(store_path, opened)
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)
