"""The likely-duplicates queue: two actors side by side, y merges them, x keeps them apart for good, space skips.

The pairs come from store.duplicates, strongest first; each decision is saved
by the explorer as a correction (a merge, or a pair kept apart), so it survives
a re-ingest and is never asked again. The header counts what is left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from store.db import Store
from store.resolve.duplicates import Candidate

from ..render import duplicate_card
from ..safe_text import one_line


class DuplicatesScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "merge", "Merge", id="duplicates.merge", tooltip="They are one actor: merge the right one into the left"),
        Binding("x", "apart", "Keep apart", id="duplicates.apart", tooltip="They are two actors: never ask about this pair again"),
        Binding("space", "skip", "Skip", id="duplicates.skip", tooltip="Decide later: on to the next pair"),
        Binding("q,escape", "close", "Back", id="duplicates.back", tooltip="Back to the explorer"),
    ]

    def __init__(
        self,
        store: Store,
        pairs: list[Candidate],
        on_merge: Callable[[str, str], None],
        on_apart: Callable[[str, str], None],
    ) -> None:
        super().__init__()
        self.store, self.pairs = store, list(pairs)
        self.on_merge, self.on_apart = on_merge, on_apart
        self.position = 0
        self.gone: set[str] = set()  # actors merged away here: their other pairs are moot

    def compose(self) -> ComposeResult:
        yield Static(id="duplicates-title")
        yield Static(id="duplicates-why")
        with Horizontal(id="duplicates-pair"):
            yield Static(id="duplicates-keep", classes="duplicate-card")
            yield Static(id="duplicates-other", classes="duplicate-card")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    @property
    def current(self) -> Candidate | None:
        return self.pairs[self.position] if self.position < len(self.pairs) else None

    def remaining(self) -> int:
        return sum(1 for p in self.pairs[self.position :] if not ({p.keep, p.other} & self.gone))

    def show(self) -> None:
        while self.current is not None and {self.current.keep, self.current.other} & self.gone:
            self.position += 1
        title = Text(" Likely duplicates ", style="bold reverse")
        left = self.remaining()
        title.append(f"  {left} to decide" if left else "  none left: every pair is decided", style="bold")
        self.query_one("#duplicates-title", Static).update(title)
        pair = self.current
        keep = self.query_one("#duplicates-keep", Static)
        other = self.query_one("#duplicates-other", Static)
        why = self.query_one("#duplicates-why", Static)
        if pair is None:
            keep.update(Text("y merge · x keep apart · space skip — come back after the next ingest for new pairs", style="dim"))
            other.update("")
            why.update("")
            return
        why.update(Text(f"why: {one_line(pair.why, 120)} (score {pair.score:.2f})", style="dim"))
        keep.update(duplicate_card(self.store, self.store.actors[pair.keep]))
        other.update(duplicate_card(self.store, self.store.actors[pair.other]))

    def action_merge(self) -> None:
        pair = self.current
        if pair is None:
            return
        self.on_merge(pair.keep, pair.other)
        self.gone.add(pair.other)
        self.position += 1
        self.show()

    def action_apart(self) -> None:
        pair = self.current
        if pair is None:
            return
        self.on_apart(pair.keep, pair.other)
        self.position += 1
        self.show()

    def action_skip(self) -> None:
        if self.current is not None:
            self.position += 1
            self.show()

    def action_close(self) -> None:
        self.dismiss(None)
