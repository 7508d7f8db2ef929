"""Helpers to drive the explorer with Textual's Pilot."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot

from tui.app import BackchannelApp
from tui.widgets.source_view import SourceView


@asynccontextmanager
async def explorer(store_path: Path, size: tuple[int, int] = (120, 40)) -> AsyncIterator[tuple[BackchannelApp, Pilot]]:
    """The explorer on a store, driven by Pilot, once its first screen and background work are done."""
    app = BackchannelApp(store_path)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        yield app, pilot


async def ready(pilot: Pilot) -> None:
    """Wait until the store has loaded, the first screen is drawn, and the background network (actor cards) is built."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    # The network worker starts half a second after the first screen: wait for its result, however long a busy machine takes.
    await until(pilot, lambda: pilot.app.network is not None, "the background network to be built")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot: Pilot, condition: Callable[[], bool], what: str, limit: float = 120.0) -> None:
    """Wait for a state, not for a time: poll `condition` between frames; fail (naming `what`) only after `limit` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"waited {limit:.0f} s for {what}")
        await pilot.pause(0.02)


def without_toasts(app: BackchannelApp) -> BackchannelApp:
    """For a snapshot whose subject is not a toast: toasts expire by the clock, so one would be caught or not by timing."""
    app.notify = lambda *args, **kwargs: None  # type: ignore[method-assign]
    return app


async def quiet(pilot: Pilot) -> None:
    """Before a snapshot: workers done, and the toasts gone that are not the snapshot's subject (they expire by the clock)."""
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


async def settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def marks_by_style(app: BackchannelApp) -> dict[str, list[str]]:
    """The text under each highlight style in the source pane, as the user sees it highlighted."""
    source = app.query_one(SourceView)
    text = app.store.documents[source.doc_id]["text"]
    out: dict[str, list[str]] = {}
    for mark in source.marks:
        out.setdefault(mark.style, []).append(text[mark.start : mark.end])
    return out


async def select_text(pilot: Pilot, words: str, then: tuple[str, ...] = (), at: str | None = None) -> None:
    """Select `words` in the source pane by keyboard (v, then l per character), then press `then`.

    The selection starts at the first occurrence of `at` (a longer phrase beginning with `words`), else of `words`.
    """
    source = pilot.app.query_one(SourceView)
    start = pilot.app.store.documents[source.doc_id]["text"].index(at or words)
    source.focus()
    source.move_cursor(source.location(start))
    await pilot.press("v", *["l"] * len(words), *then)


def cursor_offset(app: BackchannelApp) -> int:
    source = app.query_one(SourceView)
    return source.offset(source.cursor_location)
