"""Leaving the explorer for a while: the network and timeline views, the keys, the command palette, the clipboard."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from store.views.citation import citation
from store.views.network import Network

from .. import clipboard, keys
from ..corrections import FIXES
from ..safe_text import displayable
from ..screens.annotate import AnnotationDialog
from ..screens.duplicates import DuplicatesScreen
from ..screens.help import HelpScreen
from ..screens.list_filter import FilterDialog
from ..screens.network import NetworkScreen
from ..screens.timeline import TimelineScreen
from ..view import KIND_TAB
from ..widgets.panes import ItemList, SearchBar
from ..widgets.source_view import SourceView

# A mixin of tui.app.BackchannelApp: `self` is the app. (Not imported for typing: the app imports this module.)
_Base = object


class OtherViews(_Base):
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
