"""The list panes, the detail pane with its links, the search field and the header line.

These widgets hold no domain logic: the app fills them with rows it has
rendered and reacts to the messages they send.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class ItemList(OptionList):
    """A list of actors, meetings, quotes, documents or annotations; each option id is 'kind:id'."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, tooltip="Next row"),
        Binding("k", "cursor_up", "Up", show=False, tooltip="Previous row"),
        Binding("g", "first", "Top", show=False, tooltip="First row"),
        Binding("G", "last", "Bottom", show=False, tooltip="Last row"),
    ]

    def set_rows(self, rows: list[tuple[str, Text]], keep: str | None = None) -> None:
        """Replace the rows; keep the highlight on `keep` (an option id) when it is still there."""
        self.clear_options()
        self.add_options(Option(prompt, id=option_id) for option_id, prompt in rows)
        if not rows:
            return
        index = next((i for i, (option_id, _) in enumerate(rows) if option_id == keep), 0)
        self.highlighted = index

    def highlight_id(self, option_id: str) -> bool:
        try:
            index = self.get_option_index(option_id)
        except Exception:  # noqa: BLE001 — an id not in this (possibly filtered) list
            return False
        self.highlighted = index
        self.scroll_to_highlight()
        return True

    def current_id(self) -> str | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        return self.get_option_at_index(self.highlighted).id


class DetailLinks(ItemList):
    """Where the selected item leads: a meeting's participants, a quote's speaker, an actor's meetings and quotes."""


class DetailPane(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(Text("Select an actor, meeting or quote.", style="dim"), id="detail-text")
        yield DetailLinks(id="links")

    def show(self, text: Text, links: list[tuple[str, Text]]) -> None:
        self.query_one("#detail-text", Static).update(text)
        links_widget = self.query_one(DetailLinks)
        links_widget.set_rows(links)
        links_widget.display = bool(links)


class SearchBar(Input):
    """The `/` search field: every keystroke re-ranks the list below; up/down move through the results."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel search", id="search.cancel", tooltip="Close the search and restore the view"),
        Binding("down", "move(1)", "Next result", show=False, tooltip="Next result"),
        Binding("up", "move(-1)", "Previous result", show=False, tooltip="Previous result"),
    ]

    class Cancelled(Message):
        pass

    class Move(Message):
        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_move(self, delta: int) -> None:
        self.post_message(self.Move(delta))


class HeaderBar(Static):
    def show(self, title: str, counts: str) -> None:
        text = Text(" backchannel ", style="bold reverse")
        text.append(f" {title} ", style="bold")
        text.append(counts, style="dim")
        self.update(text)
