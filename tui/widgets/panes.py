"""The list panes, the detail pane with its links, the search field and the header line.

These widgets hold no domain logic: the app fills them with rows it has
rendered and reacts to the messages they send.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

RowRenderer = Callable[[str], Text]
PAGE = 500
MORE = "more:"


class ItemList(OptionList):
    """A list of actors, meetings, quotes, documents or annotations; each option id is 'kind:id'.

    Rows are drawn a page at a time: the list knows every id, but renders only
    the first PAGE rows and a last row offering the rest, so a list of tens of
    thousands of quotes opens at once. Moving onto that row, or jumping to an
    item further down, draws more.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, tooltip="Next row"),
        Binding("k", "cursor_up", "Up", show=False, tooltip="Previous row"),
        Binding("g", "first", "Top", show=False, tooltip="First row"),
        Binding("G", "last", "Bottom", show=False, tooltip="Last row"),
    ]
    page = PAGE  # rows drawn at a time

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self._ids: Sequence[str] = []
        self._render: RowRenderer = lambda option_id: Text(option_id)
        self._shown = 0
        self._pending: int | None = None  # rows set while out of sight: the row to highlight once they are drawn

    def _position(self, option_id: str | None) -> int | None:
        """Where an id is in the list: a scan at C speed (600,000 quotes: milliseconds; a dict of them cost a third
        of a second to build, every time the rows were replaced)."""
        if option_id is None:
            return None
        try:
            return self._ids.index(option_id)
        except ValueError:
            return None

    @property
    def total(self) -> int:
        return len(self._ids)

    def set_rows(self, ids: Sequence[str], render: RowRenderer, keep: str | None = None, defer: bool = False) -> None:
        """Replace the rows; keep the highlight on `keep` (an option id) when it is still there, else on the row that
        took its place (a rejected or merged item leaves the list: the reader stays where they were, not at the top).

        With `defer`, for a list out of sight, the rows are drawn when the list is first looked at (`draw`, or any
        reading of its options): the first frame then draws one list's page, not five."""
        was = self._position(keep)
        self._ids, self._render = ids, render
        self._shown = 0
        self._pending = None
        self.clear_options()
        if not ids:
            return
        target = self._position(keep)
        if target is None:
            target = min(was, len(ids) - 1) if was is not None else 0
        if defer:
            self._pending = target
            return
        self._draw_from(target)

    def _draw_from(self, target: int) -> None:
        self._show_until(max(target + 1, min(self.page, len(self._ids))))
        self.highlighted = target

    def draw(self) -> None:
        """Draw rows that were set while the list was out of sight. Silently: the highlight was placed when the rows
        were set, so it is not the reader moving now."""
        if self._pending is not None:
            target, self._pending = self._pending, None
            with self.prevent(OptionList.OptionHighlighted):
                self._draw_from(target)

    def on_show(self) -> None:
        self.draw()

    @property
    def option_count(self) -> int:
        self.draw()
        return super().option_count

    def get_option_at_index(self, index: int) -> Option:
        self.draw()
        return super().get_option_at_index(index)

    def _show_until(self, count: int) -> None:
        count = min(count, len(self._ids))
        if count <= self._shown:
            return
        if self._shown and self.option_count and self.get_option_at_index(self.option_count - 1).id == MORE:
            self.remove_option(MORE)
        self.add_options(Option(self._render(option_id), id=option_id) for option_id in self._ids[self._shown : count])
        self._shown = count
        rest = len(self._ids) - count
        if rest:
            self.add_option(Option(Text(f"… {rest:,} more (enter, or / to search)", style="dim italic"), id=MORE))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id == MORE:
            index = self.highlighted
            self._show_until(self._shown + self.page)
            self.highlighted = index

    def highlight_id(self, option_id: str) -> bool:
        index = self._position(option_id)
        if index is None:
            return False
        self.draw()
        self._show_until(index + 1)
        self.highlighted = index
        self.scroll_to_highlight()
        return True

    def current_id(self) -> str | None:
        if self._pending is not None:
            return self._ids[self._pending]
        if self.highlighted is None or self.option_count == 0:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return None if option_id == MORE else option_id


class DetailLinks(ItemList):
    """Where the selected item leads: a meeting's participants, a quote's speaker, an actor's meetings and quotes."""

    page = 60  # a small pane: drawing 500 of the top actor's quotes was a third of the first frame's main-thread work


class DetailPane(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(Text("Select an actor, meeting or quote.", style="dim"), id="detail-text")
        yield DetailLinks(id="links")

    def show(self, text: Text, links: list[tuple[str, Callable[[], Text]]]) -> None:
        """Show details; a Text marked no_wrap (an actor's one-line fields) is cut at the edge instead of wrapped."""
        detail = self.query_one("#detail-text", Static)
        detail.set_class(bool(text.no_wrap), "-lines")
        detail.update(text)
        links_widget = self.query_one(DetailLinks)
        rows = dict(links)
        links_widget.set_rows([option_id for option_id, _ in links], lambda option_id: rows[option_id]())
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
    summary = ""  # what the header says after the store's name: counts, review progress or the active text search

    def show(self, title: str, counts: str) -> None:
        self.summary = counts
        text = Text(" backchannel ", style="bold reverse")
        text.append(f" {title} ", style="bold")
        text.append(counts, style="dim")
        self.update(text)
