"""Small dialogs for corrections: pick one of a few choices, fill in a few fields, pick an actor by fuzzy search.

Each returns its answer to the app on dismiss (None when cancelled); what the
answer means is the app's business.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.views.search import ActorSearch

from ..render import actor_row
from ..safe_text import one_line


def _title(text: str, subject: str = "") -> Text:
    title = Text(text, style="bold")
    if subject:
        title.append("  " + one_line(subject, 100), style="italic")
    return title


class ChoiceDialog(ModalScreen[str | None]):
    """One of a few choices: arrows and enter, or the key shown before each choice."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="choice.cancel", tooltip="Close without choosing"),
    ]

    def __init__(self, title: str, choices: list[tuple[str, str, str]], subject: str = "") -> None:
        """choices: (key, value, label); the key picks the choice at once."""
        super().__init__()
        self.title_text, self.choices, self.subject = title, choices, subject

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_title(self.title_text, self.subject))
            yield OptionList(
                *[Option(Text.assemble((f"{key}  ", "bold #ffd866"), label), id=value) for key, value, label in self.choices],
                id="choices",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_key(self, event: Any) -> None:
        for key, value, _label in self.choices:
            if event.character and event.character == key:
                event.stop()
                self.dismiss(value)
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FieldsDialog(ModalScreen[dict[str, str] | None]):
    """A few text fields; enter moves on, enter in the last one saves, ctrl+s saves from anywhere."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="fields.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="fields.save", tooltip="Save"),
    ]

    def __init__(self, title: str, fields: list[tuple[str, str, str]], subject: str = "") -> None:
        """fields: (name, label, initial value)."""
        super().__init__()
        self.title_text, self.fields, self.subject = title, fields, subject

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_title(self.title_text, self.subject))
            for name, label, value in self.fields:
                yield Label(label)
                yield Input(value=value, id=f"field-{name}")
            yield Static("", id="fields-error")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        values = {name: self.query_one(f"#field-{name}", Input).value.strip() for name, _label, _value in self.fields}
        if len(self.fields) == 1 and not next(iter(values.values())):
            self.query_one("#fields-error", Static).update(Text("type something, or press escape", style="bold red"))
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ActorPicker(ModalScreen[str | None]):
    """Pick an actor by typing part of a name, alias or role; returns its id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel", tooltip="Close without picking"),
        Binding("down", "move(1)", "Down", show=False, tooltip="Next actor"),
        Binding("up", "move(-1)", "Up", show=False, tooltip="Previous actor"),
    ]

    def __init__(
        self, title: str, actors: dict[str, dict[str, Any]], search: ActorSearch | None, subject: str = "", exclude: set[str] | None = None
    ) -> None:
        super().__init__()
        self.title_text, self.actors, self.search, self.subject = title, actors, search, subject
        self.exclude = exclude or set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_title(self.title_text, self.subject))
            yield Input(placeholder="type a name, alias or role…", id="picker-query")
            yield OptionList(id="picker-hits")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        hits = self.query_one("#picker-hits", OptionList)
        hits.clear_options()
        if query.strip() and self.search is not None:
            found = [(h.actor_id, h.matched) for h in self.search.search(query, limit=40)]
        else:
            ranked = sorted(self.actors.values(), key=lambda a: (-len(a["mentions"]), a["name"]))[:40]
            found = [(a["id"], ()) for a in ranked]
        options = [Option(actor_row(self.actors[i], m), id=i) for i, m in found if i in self.actors and i not in self.exclude]
        hits.add_options(options)
        if options:
            hits.highlighted = 0

    def action_move(self, delta: int) -> None:
        hits = self.query_one("#picker-hits", OptionList)
        if hits.option_count:
            hits.highlighted = max(0, min(hits.option_count - 1, (hits.highlighted or 0) + delta))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        hits = self.query_one("#picker-hits", OptionList)
        if hits.highlighted is not None and hits.option_count:
            self.dismiss(hits.get_option_at_index(hits.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
