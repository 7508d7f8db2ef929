"""The annotation dialog: a label (number keys pick one), an optional actor link, a note.

Returns {"label", "note", "actor"} on save, or None on cancel. It resolves
the typed actor name to an actor id itself, so an unknown name is caught
here, with the dialog still open, rather than saved as a dangling link.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.views.search import ActorSearch

from ..safe_text import one_line


class AnnotationDialog(ModalScreen[dict[str, Any] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="annotate.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="annotate.save", tooltip="Save the annotation"),
    ]

    def __init__(
        self,
        excerpt: str,
        labels: list[str],
        actor_names: dict[str, str],
        search: ActorSearch | None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.excerpt = excerpt
        self.labels = labels
        self.actor_names = actor_names  # id -> name
        self.search = search
        self.initial = initial or {}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                Text("Annotate  ", style="bold").append(Text("“" + one_line(self.excerpt, 120) + "”", style="italic")), id="excerpt"
            )
            yield Label("Label (press 1–9, or just type a new one)")
            yield OptionList(
                *[Option(Text(f"{i}  {label}"), id=f"label-{i - 1}") for i, label in enumerate(self.labels, start=1)], id="labels"
            )
            yield Input(placeholder="new label", id="new-label", select_on_focus=False)  # typing on from the list appends
            yield Label("Actor (optional; completes as you type)")
            names = sorted(set(self.actor_names.values()))
            yield Input(placeholder="actor name", id="actor", suggester=SuggestFromList(names, case_sensitive=False))
            yield Label("Note")
            yield Input(placeholder="note", id="note")
            yield Static("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary")
                yield Button("Cancel  esc", id="cancel")

    def on_mount(self) -> None:
        labels = self.query_one("#labels", OptionList)
        label = self.initial.get("label")
        labels.highlighted = self.labels.index(label) if label in self.labels else 0
        if label and label not in self.labels:
            self.query_one("#new-label", Input).value = label
        actor = self.initial.get("actor")
        if actor:
            self.query_one("#actor", Input).value = self.actor_names.get(actor, "")
        self.query_one("#note", Input).value = self.initial.get("note", "")
        labels.focus()

    def on_key(self, event) -> None:  # noqa: ANN001
        if self.focused is not self.query_one("#labels") or not event.character or not event.character.isprintable():
            return
        if event.character.isdigit():
            index = int(event.character) - 1
            if 0 <= index < len(self.labels):
                self.query_one("#labels", OptionList).highlighted = index
                self.query_one("#new-label", Input).value = ""
                self.query_one("#actor", Input).focus()
                event.stop()
        elif event.character.isalpha():  # a new label typed straight away: into its field, not lost on the list
            field = self.query_one("#new-label", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#actor", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "note":
            self.action_save()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def _resolve_actor(self, typed: str) -> str | None:
        wanted = typed.strip().casefold()
        for actor_id, name in self.actor_names.items():
            if name.casefold() == wanted:
                return actor_id
        if self.search is not None:
            hits = self.search.search(typed, limit=1)
            if hits and hits[0].score >= 90:
                return hits[0].actor_id
        raise ValueError(f"no actor called {typed.strip()!r}; pick one from the suggestions or leave it empty")

    def action_save(self) -> None:
        new_label = self.query_one("#new-label", Input).value.strip()
        highlighted = self.query_one("#labels", OptionList).highlighted
        label = new_label or (self.labels[highlighted] if highlighted is not None else self.labels[0])
        typed = self.query_one("#actor", Input).value
        try:
            actor = self._resolve_actor(typed) if typed.strip() else None
        except ValueError as exc:
            self.query_one("#dialog-error", Static).update(Text(str(exc), style="bold red"))
            self.query_one("#actor", Input).focus()
            return
        self.dismiss({"label": label, "note": self.query_one("#note", Input).value.strip(), "actor": actor})

    def action_cancel(self) -> None:
        self.dismiss(None)
