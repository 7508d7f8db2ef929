"""`?`: every key binding in force, gathered from the classes that define them so the list cannot drift."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static


def binding_table(sections: list[tuple[str, list[BindingType]]]) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, box=None, padding=(0, 2))
    table.add_column("where", style="dim", no_wrap=True)
    table.add_column("key", style="bold #ffd866", no_wrap=True)
    table.add_column("does")
    for section, bindings in sections:
        first = True
        for binding in bindings:
            if not isinstance(binding, Binding):
                continue
            keys = ", ".join(format_key(k.strip()) for k in binding.key.split(","))  # "/" and "?", not "slash"
            table.add_row(section if first else "", keys, binding.tooltip or binding.description)
            first = False
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close", tooltip="Close this help"),
    ]

    def __init__(self, sections: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("[b]backchannel — keys[/b]   (esc, q or ? closes)", markup=True)
            yield Static(binding_table(self.sections))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
