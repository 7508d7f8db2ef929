"""What the command line prints: literal, whatever a document, a file name or a note holds.

Rich reads `[bold]` and `[link=…]` in any string it prints as markup, and passes
ESC through: an actor named `\\x1b[2J` would clear the screen, article text
`[link=file:///etc/passwd]` would become a real hyperlink. Every command prints
through `LiteralConsole` and `say`, which show such text as it is written, with
control characters made visible.
"""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.text import Text

from .safe_text import visible


class LiteralConsole(Console):
    """A Rich console that never reads markup, emoji codes or escapes in the strings it is given."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, highlight=False, emoji=False, **kwargs)

    def render_str(self, text: str, **kwargs: Any) -> Text:
        kwargs["markup"] = False
        kwargs["emoji"] = False
        return super().render_str(visible(text), **kwargs)


def say(message: str, err: bool = True) -> None:
    """One line for the user, with anything a file or document put in it shown literally."""
    click.echo(visible(message), err=err)
