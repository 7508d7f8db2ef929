"""The explorer (placeholder until the explorer lands): counts and the most mentioned actors."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

from store.db import Store
from store.queries import counts, top_actors


class BackchannelApp(App):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        c = counts(self.store)
        self.title = f"backchannel — {self.store.path.name}"
        self.sub_title = f"{c['documents']} documents · {c['actors']} actors · {c['meetings']} meetings · {c['quotes']} quotes"
        table = self.query_one(DataTable)
        table.add_columns("actor", "kind", "mentions")
        for actor in top_actors(self.store, 200):
            table.add_row(actor["name"], actor["kind"], str(len(actor["mentions"])))


def run_app(store_path: Path) -> None:
    from .cli import open_existing

    BackchannelApp(open_existing(store_path)).run()
