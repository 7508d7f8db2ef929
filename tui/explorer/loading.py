"""Loading the store in a worker, noticing another process's writes, and showing the view it builds."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.widgets import Tab

from store.db.collector import collector_paused
from store.errors import BackchannelError
from store.hand.anchoring import anchor_all
from store.hand.annotations import AnnotationStore
from store.resolve.archive import open_store
from store.resolve.stories import copies_of
from store.views.network import Network
from store.views.timeline import document_dates

from ..safe_text import one_line
from ..view import READ_TABLES, TABS, Focus, View, build_view
from ..widgets.panes import DetailPane, ItemList
from ..widgets.source_view import SourceView
from .messages import LoadFailed, NetworkReady, ViewReady

# A mixin of tui.app.BackchannelApp: `self` is the app. (Not imported for typing: the app imports this module.)
_Base = object

# Seconds with no search keystroke before the actor network is built in the background after the first screen.
QUIET_BEFORE_NETWORK = 0.5


class Loading(_Base):
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
            with collector_paused():  # the store and the view are all new objects, none of them garbage
                store = open_store(self.store_path, READ_TABLES, self.slice.since, self.slice.until)
                annotations, log = AnnotationStore.for_store(self.store_path).state()
                view = build_view(store, log, self.show_rejected, self.show_copies, chosen_slice=self.slice)
                # What was just read stays as it is for the explorer's life (acyclic: dropped on a reload, it is
                # freed all the same): the collector never needs to walk it again. Half a second at 10,000 articles.
                gc.freeze()
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
            view = build_view(pristine, log, self.show_rejected, self.show_copies, self.view, chosen_slice=self.slice)
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

    def on_unmount(self) -> None:
        gc.unfreeze()  # what the loads froze can be collected again once the explorer is gone (tests run many)

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
                self.network_timer = self.set_timer(QUIET_BEFORE_NETWORK, lambda: self._start_network(view))
            else:
                self.build_network(view)
        self.doc_order = view.order
        # What this explorer just wrote, or just read, is not news to it on the next check.
        self._seen["annotations"] = self._stat(AnnotationStore.for_store(self.store_path).path)
        self._set_annotations(message.annotations)
        store = self.store
        self.rows.update(view.rows)
        self.story_copies = copies_of(store.documents, view.copies)
        self.text_filter, self.text_hits, self.text_index = "", {}, None  # a reload may have changed the articles
        self.query_one("#tab-documents", Tab).display = len(store.documents) > 1
        active = self._active_tab()
        for tab in TABS:
            item_list = self.query_one(f"#{tab}", ItemList)
            keep = item_list.current_id()
            with self._quietly():
                item_list.set_rows(self.listed(tab), self.render_row, keep=keep, defer=tab != active)
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

    def _start_network(self, view: View) -> None:
        self.network_timer = None
        self.build_network(view)

    def postpone_network(self) -> None:
        """The user is typing: the network waits until they pause (at 100,000 articles it holds the interpreter for
        seconds, and every keystroke meanwhile waits for it)."""
        if self.network_timer is not None:
            self.network_timer.reset()

    @work(thread=True, exclusive=True, group="network")
    def build_network(self, view: View) -> None:
        store = view.store
        self.post_message(NetworkReady(view, Network(store), document_dates(store)))

    def on_network_ready(self, message: NetworkReady) -> None:
        if message.view is self.view:
            self.network, self.doc_dates = message.network, message.dates
            # The actor card gains its counterparts, while the explorer's panes are there: the network is built in
            # the background and may come back as the app closes, its panes already gone.
            if self.current is not None and self.current.kind == "actor" and self.query(SourceView) and self.query(DetailPane):
                self._render(self.current)

    def _show_list_current(self) -> None:
        """Show whatever the active list now highlights (after the item on show went away)."""
        option_id = self.query_one(f"#{self._active_tab()}", ItemList).current_id()
        if option_id:
            self.preview(self._focus_of(option_id))
        else:
            self.current = None
            self.query_one(DetailPane).show(Text("Nothing left in this list.", style="dim"), [])

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
