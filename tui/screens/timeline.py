"""The timeline view: meetings and quotes in time order, grouped by day, week or month, for everyone, one actor or a pair.

With an actor, a column chart of how often they are named over time sits on
top. `enter` shows the event in the explorer; `p` adds (or changes) a second
actor for a pair; `a` shows everyone.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store.db import Store
from store.views.search import ActorSearch
from store.views.timeline import group, mentions_over_time, timeline

from ..render import actor_label
from ..safe_text import one_line
from ..view import split_row
from ..widgets.chart import columns
from .correct import ActorPicker


class TimelineScreen(Screen[tuple[str, str] | None]):
    """Dismisses with (kind, id) of an event to show it in the explorer, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, tooltip="Next event"),
        Binding("k", "cursor_up", "Up", show=False, tooltip="Previous event"),
        Binding("p", "pair", "Pair", id="timeline.pair", tooltip="Only what involves this actor and another one (pick it)"),
        Binding("a", "everyone", "Everyone", id="timeline.all", tooltip="Every meeting and quote, for all actors"),
        Binding("m", "meetings_only", "Meetings only", id="timeline.meetings", tooltip="Show meetings only, or quotes too"),
        Binding("q,escape", "close", "Back", id="timeline.back", tooltip="Back to the explorer"),
    ]

    def __init__(self, store: Store, search: ActorSearch | None, actors: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.store, self.search, self.actors = store, search, actors
        self.meetings_only = False

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-title")
        yield Static(id="timeline-chart")
        yield OptionList(id="timeline-events")
        yield Footer()

    def on_mount(self) -> None:
        self.refill()
        self.query_one(OptionList).focus()

    def refill(self) -> None:
        store = self.store
        dated, undated = timeline(store, self.actors)
        found = [e for e in dated if not (self.meetings_only and e.kind != "meeting")]
        undated = [item for item in undated if not (self.meetings_only and item[0] != "meeting")]
        grouped = group(found)
        names = " & ".join(actor_label(store, a) for a in self.actors) or "everyone"
        title = Text(" Timeline ", style="bold reverse")
        title.append(f" {names} ", style="bold")
        meetings = sum(1 for e in found if e.kind == "meeting") + sum(1 for kind, _ in undated if kind == "meeting")
        total = len(found) + len(undated)
        title.append(f" {meetings} meetings · {total - meetings} quotes · {len(found)} of {total} dated", style="dim")
        self.query_one("#timeline-title", Static).update(title)
        chart = self.query_one("#timeline-chart", Static)
        if len(self.actors) >= 1:
            series = mentions_over_time(store, self.actors[0])
            chart.update(
                Text(f"mentions of {actor_label(store, self.actors[0])} over time\n", style="bold").append_text(
                    columns(series, max(30, self.size.width - 2), height=4)
                )
            )
            chart.display = True
        else:
            chart.display = False
        options: list[Option] = []
        for period, items in grouped:
            options.append(Option(Text(f"── {period} " + "─" * 30, style="bold #ffd866"), id=f"period:{period}", disabled=True))
            options.extend(Option(self.row(e.kind, e.id, e.label, e.from_article), id=f"{e.kind}:{e.id}") for e in items)
        if undated:
            # Items whose article has no date and whose words give none: counted and listed, never dropped.
            header = Text(f"── undated ({len(undated)}) " + "─" * 30, style="bold #ffd866")
            options.append(Option(header, id="period:undated", disabled=True))
            options.extend(Option(self.row(kind, ident, "undated", True), id=f"{kind}:{ident}") for kind, ident in undated)
        event_list = self.query_one(OptionList)
        event_list.clear_options()
        event_list.add_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        if first is not None:
            event_list.highlighted = first
        if not options:
            event_list.add_option(Option(Text("nothing dated here", style="dim italic"), disabled=True))

    def row(self, kind: str, ident: str, label: str, dim: bool) -> Text:
        store = self.store
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{label:<16}", style="dim" if dim else "")
        if kind == "meeting":
            meeting = store.meetings[ident]
            text.append("meeting ", style="bold #c3e88d")
            text.append(" ↔ ".join(one_line(actor_label(store, a), 30) for a in meeting["participants"]), style="bold")
            if meeting.get("place"):
                text.append(f" · {one_line(meeting['place'], 40)}", style="dim")
        else:
            quote = store.quotes[ident]
            span = quote["content_span"]
            words = store.documents[quote["doc"]]["text"][span["start"] : span["end"]]
            text.append("quote   ", style="bold #7fdbff")
            text.append(one_line(actor_label(store, quote.get("speaker")), 30) + ": ", style="bold")
            text.append("“" + one_line(words, 120) + "”")
        return text

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind, ident = split_row(event.option.id or "")
        if kind in ("meeting", "quote"):
            self.dismiss((kind, ident))

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_pair(self) -> None:
        if not self.actors:
            self.notify("Open the timeline from an actor (t on an actor) to pair it with another.", severity="warning")
            return

        def picked(actor: str | None) -> None:
            if actor:
                self.actors = (self.actors[0], actor)
                self.refill()

        self.app.push_screen(ActorPicker("Pair with", self.store.actors, self.search, exclude={self.actors[0]}), picked)

    def action_everyone(self) -> None:
        self.actors = ()
        self.refill()

    def action_meetings_only(self) -> None:
        self.meetings_only = not self.meetings_only
        self.refill()

    def action_close(self) -> None:
        self.dismiss(None)
