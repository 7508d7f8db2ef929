"""The network view: who an actor met, was quoted about, or is named with, drawn as a star around them.

`enter` re-centres on the highlighted counterpart (`q` steps back), `tab`
cycles the kind of edge, `t` opens the timeline of the pair, `o` shows the
counterpart in the explorer.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Static

from store.views.network import EDGE_KINDS, EDGE_TITLES, Network, describe_edge, other

from ..render import KIND_COLOUR
from ..widgets.network import Spoke, draw_star


class NetworkScreen(Screen[tuple[str, str] | None]):
    """Dismisses with ("actor", id) to show an actor in the explorer, ("timeline", "a,b") for a pair's timeline, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Down", show=False, tooltip="Next counterpart"),
        Binding("up,k", "move(-1)", "Up", show=False, tooltip="Previous counterpart"),
        Binding("right,l", "side(1)", "Right", show=False, tooltip="Counterpart on the right"),
        Binding("left,h", "side(-1)", "Left", show=False, tooltip="Counterpart on the left"),
        Binding("enter", "recentre", "Centre", id="network.recentre", tooltip="Put the highlighted counterpart in the centre"),
        Binding("tab", "cycle", "Edges", id="network.cycle", tooltip="Cycle the edges: met, quoted about, mentioned together"),
        Binding("t", "timeline", "Timeline", id="network.timeline", tooltip="Timeline of the centre and the highlighted counterpart"),
        Binding("o", "open", "Open", id="network.open", tooltip="Show the highlighted counterpart (or the centre) in the explorer"),
        Binding("q,escape", "back", "Back", id="network.back", tooltip="Back to the previous centre; close at the first"),
    ]

    def __init__(self, network: Network, centre: str, kind: str = "met") -> None:
        super().__init__()
        self.network, self.centre, self.kind = network, centre, kind
        self.cursor = 0
        self.path: list[tuple[str, str, int]] = []
        self.shown = 0

    def compose(self) -> ComposeResult:
        yield Static(id="network-title")
        yield Static(id="network-star")
        yield Static(id="network-status")
        yield Footer()

    def on_mount(self) -> None:
        if not self.network.by_actor["met"].get(self.centre) and self.kind == "met":
            self.kind = next((k for k in EDGE_KINDS if self.network.by_actor[k].get(self.centre)), "met")
        self.redraw()

    def on_resize(self, _event: Resize) -> None:
        self.redraw()

    def _edges(self) -> list:
        return self.network.around(self.centre, self.kind)

    def redraw(self) -> None:
        store = self.network.store
        actors = store.actors
        edges = self._edges()
        self.cursor = max(0, min(self.cursor, len(edges) - 1))
        title = Text(" Network ", style="bold reverse")
        title.append(f" {actors[self.centre]['name']} ", style="bold")
        for kind in EDGE_KINDS:
            count = len(self.network.by_actor[kind].get(self.centre, []))
            style = "bold reverse #ffd866" if kind == self.kind else "dim"
            title.append(" ")
            title.append(f" {EDGE_TITLES[kind]} {count} ", style=style)
        self.query_one("#network-title", Static).update(title)
        star = self.query_one("#network-star", Static)
        width = max(30, self.size.width)
        height = max(3, self.size.height - 4)
        spokes = [
            Spoke(actors[other(e, self.centre)]["name"], e.count, KIND_COLOUR.get(actors[other(e, self.centre)]["kind"], "")) for e in edges
        ]
        drawn, self.shown = draw_star(actors[self.centre]["name"], spokes, width, height, self.cursor if edges else None)
        self.cursor = min(self.cursor, max(0, self.shown - 1))
        star.update(drawn)
        status = Text()
        if edges:
            status.append(describe_edge(store, edges[self.cursor], self.centre))
            status.append(f"   ({self.cursor + 1} of {len(edges)})", style="dim")
        self.query_one("#network-status", Static).update(status)

    def highlighted(self) -> str | None:
        edges = self._edges()
        return other(edges[self.cursor], self.centre) if edges and self.cursor < self.shown else None

    def action_move(self, delta: int) -> None:
        # Spokes alternate left and right by rank, so the next one down on the same side is two ranks on.
        if self.shown:
            self.cursor = max(0, min(self.shown - 1, self.cursor + 2 * delta))
            self.redraw()

    def action_side(self, delta: int) -> None:
        if self.shown:
            target = self.cursor + (1 if self.cursor % 2 == 0 else -1)
            if (delta > 0) == (self.cursor % 2 == 0) and 0 <= target < self.shown:
                self.cursor = target
                self.redraw()

    def action_cycle(self) -> None:
        self.kind = EDGE_KINDS[(EDGE_KINDS.index(self.kind) + 1) % len(EDGE_KINDS)]
        self.cursor = 0
        self.redraw()

    def action_recentre(self) -> None:
        target = self.highlighted()
        if target is None:
            return
        self.path.append((self.centre, self.kind, self.cursor))
        self.centre, self.cursor = target, 0
        self.redraw()

    def action_back(self) -> None:
        if not self.path:
            self.dismiss(None)
            return
        self.centre, self.kind, self.cursor = self.path.pop()
        self.redraw()

    def action_open(self) -> None:
        self.dismiss(("actor", self.highlighted() or self.centre))

    def action_timeline(self) -> None:
        target = self.highlighted()
        self.dismiss(("timeline", ",".join([self.centre] + ([target] if target else []))))
