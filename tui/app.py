"""The explorer: lists of actors, meetings, quotes, documents and notes; the source with highlights; details.

The app wires widgets together and keeps the navigation state (what is shown,
the path back, review mode). Loading the store, laying the hand corrections
over it, and saving annotations and corrections run in thread workers that
post messages back, so input never waits on disk. Undo and redo go through
the edit log beside the annotations (store.edits), so they reach every hand
change, this session's or an earlier one's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Input, OptionList, Tab, Tabs

from store.db import Store
from store.errors import BackchannelError
from store.hand.anchoring import Anchor, anchor_all
from store.hand.annotations import DEFAULT_LABELS, AnnotationStore, make_annotation
from store.hand.corrections import Corrected, actor_target, apply_corrections, describe
from store.hand.edits import corrections, make_edit
from store.resolve.duplicates import likely_duplicates
from store.resolve.stories import copies_of, is_copy, once_per_story
from store.views.citation import citation
from store.views.fulltext import FullTextIndex, Passage, as_you_type, find_matches, open_index, search_documents
from store.views.highlights import (
    Mark,
    Stop,
    actor_marks,
    actor_stops,
    document_order,
    meeting_marks,
    meeting_stops,
    quote_marks,
    quote_stops,
    quote_text,
)
from store.views.list_filters import SORTS, ListContext, ListFilter, keep, next_sort, sort_key
from store.views.network import Network
from store.views.queries import CorpusIndex, counts, event_of
from store.views.search import ActorSearch, search_texts
from store.views.timeline import document_dates, mentions_over_time

from . import clipboard, keys, render
from .corrections import FIXES, CorrectionActions
from .palette import ActorCommands, DocumentCommands
from .safe_text import displayable, one_line
from .screens.annotate import AnnotationDialog
from .screens.duplicates import DuplicatesScreen
from .screens.help import HelpScreen
from .screens.list_filter import FilterDialog
from .screens.network import NetworkScreen
from .screens.timeline import TimelineScreen
from .widgets.chart import sparkline
from .widgets.panes import DetailLinks, DetailPane, HeaderBar, ItemList, SearchBar
from .widgets.source_view import SourceView

TABS = ("actors", "meetings", "quotes", "documents", "notes")
READ_TABLES = ("documents", "actors", "meetings", "quotes")  # the explorer never needs the extractions
TAB_TITLES = {"actors": "Actors", "meetings": "Meetings", "quotes": "Quotes", "documents": "Docs", "notes": "Notes"}
TEXT_SEARCH_HINT = 'search the articles\' text: words, "a phrase", prefix*, OR, NOT word…'
TEXT_HITS = 100  # articles a text search lists; the index ranks them, so the best are these
KIND_TAB = {"actor": "actors", "meeting": "meetings", "quote": "quotes", "document": "documents", "annotation": "notes"}
WIDE = 150
NARROW = 100  # below this the header leaves the counts to the tabs


# What a view shows for one kind of item: (document, marks, detail text, links). Views get the item's stops, worked out once.
ItemView = tuple[str | None, list[Mark], Text, list[tuple[str, Text]]]


@dataclass(frozen=True)
class Focus:
    """What the explorer shows: an item, and which of its places (mention, passage) is current."""

    kind: str
    id: str
    stop: int = 0


@dataclass
class View:
    """The store as shown: corrections laid over it, with the lists, search and index built from the result."""

    corrected: Corrected
    store: Store  # the corrected store as listed and counted: each story once, unless every copy was asked for
    search: ActorSearch
    rows: dict[str, list[str]]
    index: CorpusIndex
    key: tuple[Any, ...]  # what it was built from: the corrections in force and whether rejected items are listed


def build_view(
    pristine: Store, log: list[dict[str, Any]], show_rejected: bool, show_copies: bool = False, previous: View | None = None
) -> View:
    """Worked out in a worker; when the corrections in force did not change (a note was saved), the last view is reused."""
    edits = corrections(log)
    key = (tuple(e["id"] for e in edits), show_rejected, show_copies)
    if previous is not None and previous.key == key:
        return previous
    corrected = apply_corrections(pristine, edits)
    store = corrected.store if show_copies else once_per_story(corrected.store)
    rows = build_rows(store, corrected if show_rejected else None, hide_copies=not show_copies)
    return View(corrected, store, ActorSearch(store), rows, CorpusIndex(store), key)


def build_rows(store: Store, corrected: Corrected | None = None, hide_copies: bool = False) -> dict[str, list[str]]:
    """Every list's option ids in display order; rows are drawn when shown. With `corrected`, rejected items come last;
    with `hide_copies`, another version of a story is reached from its story's row, not listed itself."""
    order = {doc_id: i for i, doc_id in enumerate(document_order(store))}
    rejected = corrected.rejected if corrected is not None else {"actor": {}, "meeting": {}, "quote": {}}

    def by_reading(records: list[dict[str, Any]], span: Callable[[dict[str, Any]], int]) -> list[dict[str, Any]]:
        return sorted(records, key=lambda r: (order.get(r["doc"], 0), span(r)))

    actors = sorted(store.actors.values(), key=lambda a: (-len(a["mentions"]), a["name"]))
    actors += sorted(rejected["actor"].values(), key=lambda a: a["name"])
    meetings = _one_per_event(by_reading(list(store.meetings.values()), lambda m: m["evidence"][0]["start"]))
    meetings += by_reading(list(rejected["meeting"].values()), lambda m: m["evidence"][0]["start"])
    quotes = by_reading(list(store.quotes.values()), lambda q: q["content_span"]["start"])
    quotes += by_reading(list(rejected["quote"].values()), lambda q: q["content_span"]["start"])
    return {
        "actors": [f"actor:{a['id']}" for a in actors],
        "meetings": [f"meeting:{m['id']}" for m in meetings],
        "quotes": [f"quote:{q['id']}" for q in quotes],
        "documents": [f"document:{d}" for d in order if not (hide_copies and is_copy(store.documents[d]))],
    }


def _one_per_event(meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A meeting several articles report is one row: the first report in reading order stands for the event."""
    seen: set[str] = set()
    out = []
    for meeting in meetings:
        event = event_of(meeting)
        if event not in seen:
            seen.add(event)
            out.append(meeting)
    return out


class ViewReady(Message):
    """A load, or a save of a note or a correction, finished: what to show now."""

    def __init__(
        self,
        pristine: Store,
        view: View,
        annotations: list[dict[str, Any]],
        log: list[dict[str, Any]],
        notice: str = "",
        then: Focus | None = None,
    ) -> None:
        super().__init__()
        self.pristine, self.view, self.annotations, self.log, self.notice, self.then = pristine, view, annotations, log, notice, then


class NetworkReady(Message):
    """The network and every article's date, worked out in the background for the network view and actor cards."""

    def __init__(self, view: View, network: Network, dates: dict[str, Any]) -> None:
        super().__init__()
        self.view, self.network, self.dates = view, network, dates


class LoadFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class BackchannelApp(CorrectionActions, App):
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "backchannel"
    COMMANDS = App.COMMANDS | {ActorCommands, DocumentCommands}
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings()  # the one key table: tui/keys.py

    def __init__(self, store_path: Path | str) -> None:
        super().__init__()
        self.store_path = Path(store_path)
        self.store: Store | None = None
        self.search_index: ActorSearch | None = None
        self.index: CorpusIndex | None = None
        self.annotations: dict[str, dict[str, Any]] = {}
        self.anchors: dict[str, Anchor] = {}
        self.current: Focus | None = None
        self.history: list[Focus] = []
        self.pristine: Store | None = None  # as ingested; self.store is the corrected view of it
        self.corrected: Corrected | None = None
        self.view: View | None = None
        self.edit_log: list[dict[str, Any]] = []
        self.show_rejected = False
        self.show_copies = False  # C: every version of a story listed and counted, not each story once
        self.story_copies: dict[str, list[str]] = {}  # a story's canonical article -> its other versions
        self.list_filters: dict[str, ListFilter] = {tab: ListFilter() for tab in TABS}  # F: what each list keeps
        self.list_sorts: dict[str, str] = {tab: SORTS[tab][0] for tab in TABS}  # o: each list's order
        self.reviewing: str | None = None  # the list under review, if any
        self.network: Network | None = None  # built in a worker after each view, for the network view and actor cards
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

    def _stat(self, path: Path) -> tuple[int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def check_for_changes(self) -> None:
        """Another process wrote: a new ingest (offer a reload) or another explorer's annotations (merge them in)."""
        if not self.loaded:
            return
        annotations_file = AnnotationStore.for_store(self.store_path).path
        if self._stat(annotations_file) != self._seen.get("annotations"):
            self._seen["annotations"] = self._stat(annotations_file)
            self.refresh_view("")  # another explorer's notes or corrections
        if not self.stale and self._stat(self.store_path) != self._seen.get("store"):
            self.stale = True
            self.refresh_bindings()
            self.notify("The store changed on disk (a new ingest). Press r to reload; your notes are safe.", timeout=30)

    def action_reload(self) -> None:
        self.clear_notifications()  # the "store changed, press r" notice has been answered
        self.loaded = False
        self.stale = False
        self.refresh_bindings()
        self.load_store()

    @work(thread=True, exclusive=True, group="load")
    def load_store(self) -> None:
        self._seen = {"store": self._stat(self.store_path), "annotations": self._stat(AnnotationStore.for_store(self.store_path).path)}
        try:
            store = Store.open(self.store_path, tables=READ_TABLES)
            annotations, log = AnnotationStore.for_store(self.store_path).state()
            view = build_view(store, log, self.show_rejected, self.show_copies)
        except BackchannelError as exc:
            self.post_message(LoadFailed(str(exc)))
            return
        missing = len(view.corrected.missing)
        notice = f"{missing} hand corrections no longer find their target (kept; see `backchannel history`)" if missing else ""
        self.post_message(ViewReady(store, view, annotations, log, notice))

    def _change(
        self, change: Callable[[AnnotationStore], str], then: Focus | None = None, on_fail: Callable[[str], None] | None = None
    ) -> None:
        """Run one change to the annotations file in this worker thread, then post the view it leads to.

        A save that fails (a full disk, a folder made read-only, a lock held too long) changes nothing on disk
        (saves replace the file whole): it is one line on screen, and `on_fail` gets the reason to offer a retry.
        """
        pristine = self.pristine
        if pristine is None:
            return
        annotations_file = AnnotationStore.for_store(self.store_path)
        try:
            notice = change(annotations_file)
            annotations, log = annotations_file.state()
            view = build_view(pristine, log, self.show_rejected, self.show_copies, self.view)
        except (BackchannelError, OSError) as exc:
            reason = one_line(exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc), 160)
            if on_fail is not None:
                self.call_from_thread(on_fail, reason)
            else:
                self.call_from_thread(self.notify, f"not saved: {reason}", severity="error", timeout=10)
            return
        self.post_message(ViewReady(pristine, view, annotations, log, notice, then))

    @work(thread=True, group="save")
    def refresh_view(self, notice: str, then: Focus | None = None) -> None:
        self._change(lambda _file: notice, then)

    @work(thread=True, group="save")
    def save_edit(self, edit: dict[str, Any], notice: str, then: Focus | None = None) -> None:
        """Append one correction to the log, then show the store with it."""

        def change(annotations_file: AnnotationStore) -> str:
            annotations_file.record(edit)
            return notice

        self._change(change, then)

    def on_load_failed(self, message: LoadFailed) -> None:
        self.exit(return_code=1, message=Text(f"backchannel: {message.error}"))

    def on_view_ready(self, message: ViewReady) -> None:
        if self.loaded and message.pristine is self.pristine and len(message.log) < len(self.edit_log):
            return  # an older save's view arrived after a newer one's
        first_load = not self.loaded
        view = message.view
        self.pristine, self.view, self.edit_log = message.pristine, view, message.log
        if self.network is None or self.network.store is not view.store:
            self.network, self.doc_dates = None, None
            if first_load:  # the first screen is drawn first: this work would slow it down by holding the GIL
                self.set_timer(0.5, lambda: self.build_network(view))
            else:
                self.build_network(view)
        self.corrected, self.store = view.corrected, view.store
        self.search_index, self.index = view.search, view.index
        self.doc_order = {doc_id: i for i, doc_id in enumerate(document_order(self.store))}
        # What this explorer just wrote, or just read, is not news to it on the next check.
        self._seen["annotations"] = self._stat(AnnotationStore.for_store(self.store_path).path)
        self._set_annotations(message.annotations)
        store = self.store
        self.rows.update(view.rows)
        self.story_copies = copies_of(store.documents)
        self.text_filter, self.text_hits, self.text_index = "", {}, None  # a reload may have changed the articles
        self.query_one("#tab-documents", Tab).display = len(store.documents) > 1
        for tab in TABS:
            item_list = self.query_one(f"#{tab}", ItemList)
            keep = item_list.current_id()
            self._syncing = True
            item_list.set_rows(self.listed(tab), self.render_row, keep=keep)
            self.call_after_refresh(self._end_sync)
        self._update_header()
        self.loaded = True
        if message.notice:
            self.notify(message.notice, timeout=4)
        then = message.then if message.then is not None and self._exists(message.then) else None
        if then is not None:
            self.preview(then)
            self._sync_list(then)
            return
        if not first_load and self.current is not None and not self._exists(self.current):
            self._show_list_current()  # the item on show was rejected, merged away or deleted
            return
        if self.current is not None and self._exists(self.current):
            self._restore(self.current)  # a reload keeps what was on show
            return
        self.history = [f for f in self.history if self._exists(f)]
        self.query_one("#actors", ItemList).focus()
        first = self.query_one("#actors", ItemList).current_id()
        if first:
            self.preview(self._focus_of(first))

    @work(thread=True, exclusive=True, group="network")
    def build_network(self, view: View) -> None:
        store = view.store
        self.post_message(NetworkReady(view, Network(store), document_dates(store)))

    def on_network_ready(self, message: NetworkReady) -> None:
        if message.view is self.view:
            self.network, self.doc_dates = message.network, message.dates
            if self.current is not None and self.current.kind == "actor":
                self._render(self.current)  # the actor card gains its counterparts

    def _show_list_current(self) -> None:
        """Show whatever the active list now highlights (after the item on show went away)."""
        option_id = self.query_one(f"#{self._active_tab()}", ItemList).current_id()
        if option_id:
            self.preview(self._focus_of(option_id))
        else:
            self.current = None
            self.query_one(DetailPane).show(Text("Nothing left in this list.", style="dim"), [])

    def record(self, kind: str, ident: str) -> dict[str, Any] | None:
        """An item by kind and id: from the corrected tables, or among the rejected ones while they are listed."""
        store = self.store
        assert store is not None
        if kind == "annotation":
            return self.annotations.get(ident)
        table = {"actor": store.actors, "meeting": store.meetings, "quote": store.quotes, "document": store.documents}[kind]
        if ident in table:
            return table[ident]
        if self.show_rejected and self.corrected is not None and kind in self.corrected.rejected:
            return self.corrected.rejected[kind].get(ident)
        return None

    def _exists(self, focus: Focus) -> bool:
        return self.record(focus.kind, focus.id) is not None

    def _set_annotations(self, annotations: list[dict[str, Any]]) -> None:
        assert self.store is not None
        self.annotations = {a["id"]: a for a in annotations}
        self.anchors = anchor_all(annotations, self.store)
        ordered = sorted(
            annotations,
            key=lambda a: (
                self.anchors[a["id"]].status == "orphaned",
                self.doc_order.get(self.anchors[a["id"]].doc or "", 0),
                self.anchors[a["id"]].start,
            ),
        )
        self.rows["notes"] = [f"annotation:{a['id']}" for a in ordered]

    def render_row(self, option_id: str) -> Text:
        """The list row for an option id, drawn when the list shows it."""
        store = self.store
        assert store is not None
        kind, _, ident = option_id.partition(":")
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
        """'rejected', 'accepted', 'corrected' (changed or added by hand) or '' for an item as extracted."""
        corrected = self.corrected
        if corrected is None:
            return ""
        if ident in corrected.rejected.get(kind, {}):
            return "rejected"
        if ident in corrected.accepted:
            return "accepted"
        return "corrected" if ident in corrected.touched or record.get("hand") else ""

    def _update_header(self) -> None:
        if self.store is None:
            return
        c = counts(self.store)
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
        kind, _, ident = option_id.partition(":")
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
        self._syncing = True
        try:
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
        finally:
            self.call_after_refresh(self._end_sync)

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
        view = getattr(self, f"_view_{focus.kind}")
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

    def _link(self, prefix: str, option_id: str, row: Text) -> tuple[str, Text]:
        return option_id, Text(f"{prefix}  ").append(row)

    def _view_actor(self, store: Store, focus: Focus, stops: list[Stop]) -> ItemView:
        actor = self.record("actor", focus.id)
        index = self.index
        assert index is not None
        meetings = index.meetings_by_actor.get(actor["id"], [])
        quotes = index.quotes_by_actor.get(actor["id"], [])
        links = [self._link("meeting", f"meeting:{m['id']}", render.meeting_row(store, m)) for m in meetings]
        links += [self._link("said", f"quote:{q['id']}", render.quote_row(store, q)) for q in quotes]
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
        if is_copy(doc) and doc["story"] in store.documents:
            links.append(self._link("story", f"document:{doc['story']}", render.document_row(store.documents[doc["story"]])))
        links += [self._link("meeting", f"meeting:{m['id']}", render.meeting_row(store, m)) for m in meetings]
        links += [self._link("quote", f"quote:{q['id']}", render.quote_row(store, q)) for q in quotes]
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

    # --- events from the widgets ---------------------------------------------------

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        tab = event.tab.id.removeprefix("tab-") if event.tab and event.tab.id else "actors"
        self.query_one(ContentSwitcher).current = tab
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
                shown = self.record("meeting", option_id.partition(":")[2])
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
            hits = self.search_index.search(query)
            drawn = {f"actor:{h.actor_id}": render.actor_row(store.actors[h.actor_id], h.matched) for h in hits}
            return list(drawn), drawn.__getitem__
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
        self._syncing = True
        if not keep_rows:
            self.query_one(f"#{tab}", ItemList).set_rows(self.listed(tab), self.render_row)
        self.call_after_refresh(self._end_sync)
        self.query_one(f"#{tab}", ItemList).focus()

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

    def clear_text_filter(self) -> None:
        """The documents list shows every article again; the one on show stays highlighted, without the search's marks."""
        self.text_filter, self.text_hits = "", {}
        item_list = self.query_one("#documents", ItemList)
        item_list.set_rows(self.listed("documents"), self.render_row, keep=item_list.current_id())
        self._update_header()
        if self.current is not None and self.current.kind == "document":
            self.current = Focus("document", self.current.id)
            self._render(self.current)

    def action_tab(self, tab: str) -> None:
        if tab == "documents" and self.store is not None and len(self.store.documents) < 2:
            return
        self.query_one(Tabs).active = f"tab-{tab}"
        self.query_one(f"#{tab}", ItemList).focus()  # keys go to the list asked for, wherever focus was

    def _actor_on_show(self) -> str | None:
        """The actor the item on show is about: the actor itself, a quote's speaker, a meeting's first participant, a note's actor."""
        if self.current is None or self.store is None:
            return None
        record = self.record(self.current.kind, self.current.id) or {}
        candidates = {
            "actor": [self.current.id],
            "quote": [record.get("speaker")],
            "meeting": record.get("participants", []),
            "annotation": [record.get("actor")],
        }.get(self.current.kind, [])
        return next((a for a in candidates if a in self.store.actors), None)

    def action_network(self) -> None:
        actor = self._actor_on_show()
        if actor is None or self.store is None:
            self.notify("Show an actor (or a quote or meeting with one) to see its network.", severity="warning")
            return
        if self.network is None:
            self.network = Network(self.store)
        self.push_screen(NetworkScreen(self.network, actor), self._back_from_view)

    def action_timeline(self, actors: tuple[str, ...] | None = None) -> None:
        if self.store is None:
            return
        if actors is None:
            actor = self._actor_on_show() if self.current is not None and self.current.kind == "actor" else None
            actors = (actor,) if actor else ()
        self.push_screen(TimelineScreen(self.store, self.search_index, actors), self._back_from_view)

    def _back_from_view(self, result: tuple[str, str] | None) -> None:
        """What the network and timeline views hand back: an item to show, or a pair's timeline to open."""
        if result is None:
            return
        kind, ident = result
        if kind == "timeline":
            self.action_timeline(tuple(ident.split(",")))
        elif self.store is not None and self.record(kind, ident) is not None:
            self.jump_to(kind, ident)
            self.query_one(f"#{KIND_TAB[kind]}", ItemList).focus()  # back in the explorer: keys move its list

    def action_help(self) -> None:
        sections = [
            ("explorer", self.BINDINGS),
            ("lists", ItemList.BINDINGS),
            ("source", SourceView.BINDINGS),
            ("search", SearchBar.BINDINGS),
            ("annotate", AnnotationDialog.BINDINGS),
            ("network", NetworkScreen.BINDINGS),
            ("timeline", TimelineScreen.BINDINGS),
            ("filter", FilterDialog.BINDINGS),
            ("duplicates", DuplicatesScreen.BINDINGS),
            *[(f"fix {kind}", [Binding(key, action, label) for key, action, label in fixes]) for kind, fixes in FIXES.items()],
            (
                "everywhere",
                [
                    Binding("tab", "focus_next", "Next pane"),
                    Binding("shift+tab", "focus_previous", "Previous pane"),
                    Binding("enter", "select", "Open the row: from a list to its links, from a link to that item"),
                    Binding("ctrl+p", "command_palette", "Command palette: actors, documents, actions"),
                    Binding("shift+arrows", "select", "Select text in the source pane"),
                    Binding("ctrl+q", "quit", "Quit"),
                ],
            ),
        ]
        self.push_screen(HelpScreen(sections))

    def get_system_commands(self, screen: Screen) -> Any:
        yield from super().get_system_commands(screen)
        for title, help_text, action in keys.palette_entries():
            yield SystemCommand(title, help_text, partial(self.run_action, action))

    # --- annotations ---------------------------------------------------------------

    def labels(self) -> list[str]:
        extra = sorted({a["label"] for a in self.annotations.values()} - set(DEFAULT_LABELS))
        return list(DEFAULT_LABELS) + extra

    def action_annotate(self) -> None:
        store = self.store
        source = self.query_one(SourceView)
        span = source.selected_span()
        if store is None or source.doc_id is None or span is None:
            self.notify("Select a passage first: v in the source pane, then move (or shift+arrows, or the mouse).", severity="warning")
            return
        doc = store.documents[source.doc_id]
        start, end = span
        excerpt = doc["text"][start:end]
        names = {a["id"]: a["name"] for a in store.actors.values()}
        # Annotating a highlighted mention of the actor on show links it to that actor by default.
        linked = None
        if self.current and self.current.kind == "actor":
            actor = store.actors[self.current.id]
            if any(m["doc"] == doc["id"] and m["start"] < end and start < m["end"] for m in actor["mentions"]):
                linked = actor["id"]

        def saved(result: dict[str, Any] | None) -> None:
            if result is not None:
                annotation = make_annotation(doc, start, end, result["label"], result["note"], result["actor"])
                self.save_annotation(annotation, None, "annotation saved", on_fail=lambda why: retry(result, why))

        def retry(values: dict[str, Any], why: str) -> None:
            self.notify(f"not saved: {why} — your note is back in the dialog; save again once that is fixed", severity="error", timeout=10)
            self.push_screen(AnnotationDialog(excerpt, self.labels(), names, self.search_index, values), saved)

        self.push_screen(AnnotationDialog(excerpt, self.labels(), names, self.search_index, {"actor": linked}), saved)

    def _selected_annotation(self) -> dict[str, Any] | None:
        if self.current is not None and self.current.kind == "annotation":
            return self.annotations.get(self.current.id)
        return None

    def action_edit_annotation(self) -> None:
        annotation = self._selected_annotation()
        if annotation is None or self.store is None:
            self.notify("Pick an annotation in the Notes list (5) to edit it.", severity="warning")
            return
        names = {a["id"]: a["name"] for a in self.store.actors.values()}

        def saved(result: dict[str, Any] | None) -> None:
            if result is not None:
                self.save_annotation(dict(annotation, **result), annotation, "annotation updated", on_fail=lambda why: retry(result, why))

        def retry(values: dict[str, Any], why: str) -> None:
            self.notify(
                f"not saved: {why} — your changes are back in the dialog; save again once that is fixed", severity="error", timeout=10
            )
            self.push_screen(
                AnnotationDialog(annotation["exact"], self.labels(), names, self.search_index, dict(annotation, **values)), saved
            )

        self.push_screen(AnnotationDialog(annotation["exact"], self.labels(), names, self.search_index, annotation), saved)

    def action_delete_annotation(self) -> None:
        annotation = self._selected_annotation()
        if annotation is None:
            self.notify("Pick an annotation in the Notes list (5) to delete it.", severity="warning")
            return
        self.save_annotation(None, annotation, "annotation deleted (u undoes)")

    def action_undo(self) -> None:
        self.reverse("undo")

    def action_redo(self) -> None:
        self.reverse("redo")

    @work(thread=True, group="save")
    def reverse(self, which: str) -> None:
        """Undo or redo the latest hand change in the log, whoever made it and whenever."""

        def change(annotations_file: AnnotationStore) -> str:
            edit = annotations_file.undo() if which == "undo" else annotations_file.redo()
            if edit is None:
                return f"nothing to {which}"
            return f"{'undone' if which == 'undo' else 'redone'}: {describe(edit)}"

        self._change(change)

    @work(thread=True, group="save")
    def save_annotation(
        self, new: dict[str, Any] | None, old: dict[str, Any] | None, notice: str, on_fail: Callable[[str], None] | None = None
    ) -> None:
        """Persist one change (new replaces old; None on either side is an insert or a delete)."""

        def change(annotations_file: AnnotationStore) -> str:
            if new is None and old is not None:
                annotations_file.delete(old["id"])
            elif new is not None:
                annotations_file.put(new)
            return notice

        self._change(change, on_fail=on_fail)

    # --- review mode -----------------------------------------------------------------

    def review_progress(self, tab: str) -> tuple[int, int]:
        """(reviewed, total) for a list: accepted or rejected items of its kind, over all of them."""
        assert self.store is not None and self.corrected is not None
        kind = tab.removesuffix("s")
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
            kind, _, ident = option_id.partition(":")
            if (
                ident != (after or "").partition(":")[2]
                and ident not in self.corrected.accepted
                and ident not in self.corrected.rejected[kind]
            ):
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

    # --- filters and orders ------------------------------------------------------------

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

    def listed(self, tab: str) -> list[str]:
        """The rows a list shows: its items, kept by its filter (F), in its order (o)."""
        ids = self.rows[tab]
        flt, order = self.list_filters[tab], self.list_sorts[tab]
        if self.store is None or (not flt.active and order == SORTS[tab][0]):
            return ids
        ctx = self._list_context()
        records = {}
        for option_id in ids:
            kind, _, ident = option_id.partition(":")
            record = self._row_record(kind, ident)
            if record is not None and (not flt.active or keep(kind, ident, record, flt, ctx)):
                records[option_id] = record
        store = self.store
        ordering = sort_key(tab, order, ctx, lambda actor: render.actor_label(store, actor) if actor else "")
        kept = list(records)
        if ordering is not None:
            key, newest_first = ordering
            kept.sort(key=lambda option_id: key(records[option_id]), reverse=newest_first)
        return kept

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

    # --- copy ------------------------------------------------------------------------

    def action_copy(self) -> None:
        store = self.store
        if store is None:
            return
        source = self.query_one(SourceView)
        span = source.selected_span()
        if span is None and self.current is not None:
            span = self._passage_on_show(source.doc_id)
        if source.doc_id is None or span is None:
            self.notify("Nothing to copy: select a passage (v), or show a quote, meeting or note.", severity="warning")
            return
        text = citation(store, source.doc_id, span[0], span[1], self._about())
        self.copy_out(text)

    def _passage_on_show(self, doc_id: str | None) -> tuple[int, int] | None:
        """What a copy without a selection takes: a quote's words, a meeting's evidence, a note's passage, the current mention."""
        assert self.current is not None
        record = self.record(self.current.kind, self.current.id) if self.current.kind != "document" else None
        if self.current.kind == "quote" and record is not None and record["doc"] == doc_id:
            return record["content_span"]["start"], record["content_span"]["end"]
        if self.current.kind == "meeting" and record is not None and record["doc"] == doc_id:
            return record["evidence"][0]["start"], record["evidence"][0]["end"]
        stops = self.stops(self.current)
        if stops:
            stop = stops[self.current.stop % len(stops)]
            if stop.doc == doc_id:
                return stop.start, stop.end
        return None

    def _about(self) -> list[str]:
        """The actors the item on show is about, for a copied passage's provenance."""
        store = self.store
        if store is None or self.current is None:
            return []
        record = self.record(self.current.kind, self.current.id) or {}
        ids = {
            "actor": [self.current.id],
            "quote": [record.get("speaker")],
            "meeting": record.get("participants", []),
            "annotation": [record.get("actor")],
        }.get(self.current.kind, [])
        return [store.actors[i]["name"] for i in ids if i in store.actors]

    @work(thread=True, group="copy")
    def copy_out(self, text: str) -> None:
        text = displayable(text)  # an ESC from an article pasted into a shell could replay a sequence (end a bracketed paste)
        program = clipboard.to_clipboard_program(text)
        if program:
            self.call_from_thread(self.notify, f"copied with its source ({program})", timeout=3)
            return
        self.call_from_thread(self.copy_to_clipboard, text)  # OSC 52: many terminals take it, none confirm
        try:
            path = clipboard.to_file(text, self.store_path.resolve().parent)
        except OSError as exc:
            self.call_from_thread(
                self.notify, f"no clipboard program found and the clips file could not be written: {exc}", severity="error"
            )
            return
        self.call_from_thread(self.notify, f"no clipboard program found: sent through the terminal and saved to {path}", timeout=6)


def run_app(store_path: Path) -> None:
    from store.errors import StoreError

    if not store_path.exists():
        raise StoreError(f"{store_path}: no store here; run `backchannel ingest PATH` first (or name one with --store)")
    app = BackchannelApp(store_path)
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)
