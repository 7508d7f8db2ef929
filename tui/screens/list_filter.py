"""The filter dialog of a list: the fields that list can be narrowed by, and nothing else.

Returns the new ListFilter on apply, an empty one on clear, None on cancel.
What the fields mean and whether they are valid is store.list_filters' to say;
an invalid date keeps the dialog open with the reason under the fields.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from store.errors import InputError
from store.views.list_filters import FILTERS_OF, KINDS, REVIEW_STATES, STATUSES, ListFilter, build_filter

from ..safe_text import one_line


class FilterDialog(ModalScreen[ListFilter | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="filter.cancel", tooltip="Close, keeping the filter as it was"),
        Binding("ctrl+s", "apply", "Apply", id="filter.apply", tooltip="Show only what the fields keep"),
        Binding("ctrl+x", "clear", "Clear", id="filter.clear", tooltip="Show the whole list again"),
    ]

    def __init__(self, tab: str, title: str, current: ListFilter, document: tuple[str, str] | None, authors: list[str]) -> None:
        super().__init__()
        self.tab = tab
        self.title_text = title
        self.current = current
        self.document = document  # (id, title) of the article on show, if any
        self.authors = authors

    def compose(self) -> ComposeResult:
        wanted = FILTERS_OF[self.tab]
        with Vertical(id="filter-dialog", classes="dialog"):
            yield Static(Text(f"Filter {self.title_text}", style="bold"))
            if "kind" in wanted:
                yield Select([(k, k) for k in KINDS], prompt="any kind", value=self.current.kind or Select.NULL, id="kind")
            if "status" in wanted:
                yield Select([(s, s) for s in STATUSES], prompt="any status", value=self.current.status or Select.NULL, id="status")
            if "review" in wanted:
                yield Select(
                    [(s, s) for s in REVIEW_STATES], prompt="any review state", value=self.current.review or Select.NULL, id="review"
                )
            if "author" in wanted:
                yield Select([(a, a) for a in self.authors], prompt="anyone's", value=self.current.author or Select.NULL, id="author")
            if "document" in wanted:
                on_show = (
                    f"only in the article on show: {one_line(self.document[1], 40)}" if self.document else "only in the article on show"
                )
                yield Checkbox(on_show, value=bool(self.current.document), id="document", disabled=self.document is None)
            yield Label("Dates (2019, 2019-07 or 2019-07-24; either may stay empty)")
            with Horizontal(id="filter-dates"):
                yield Input(value=self.current.since, placeholder="from", id="since")
                yield Input(value=self.current.until, placeholder="to", id="until")
            yield Static("", id="filter-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply  ctrl+s", id="apply", variant="primary")
                yield Button("Clear  ctrl+x", id="clear")
                yield Button("Cancel  esc", id="cancel")

    def _value(self, widget_id: str) -> str:
        found = self.query(f"#{widget_id}")
        if not found:
            return ""
        widget = found.first()
        if isinstance(widget, Select):
            return "" if widget.value in (Select.NULL, Select.BLANK) else str(widget.value)
        if isinstance(widget, Checkbox):
            return self.document[0] if widget.value and self.document else ""
        if isinstance(widget, Input):
            return widget.value
        return ""

    def action_apply(self) -> None:
        try:
            chosen = build_filter(self.tab, **{name: self._value(name) for name in FILTERS_OF[self.tab]})
        except InputError as exc:
            self.query_one("#filter-error", Static).update(Text(str(exc), style="bold red"))
            return
        self.dismiss(chosen)

    def action_clear(self) -> None:
        self.dismiss(ListFilter())

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"apply": self.action_apply, "clear": self.action_clear}.get(event.button.id or "", self.action_cancel)()
