"""Snapshots of the explorer (pytest-textual-snapshot): what a user sees, at 80×24 and 160×48.

Update them after an intended change with `make snapshots` and review the
report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import BackchannelApp
from tui.widgets.source_view import SourceView

from .conftest import SEED_ARTICLE
from .explorer import quiet, ready, settle, without_toasts

SIZES = [(80, 24), (160, 48)]


async def first_screen(pilot) -> None:  # noqa: ANN001
    await ready(pilot)
    await quiet(pilot)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
class TestMainScreen:
    def test_first_screen(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=first_screen)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
class TestActorSelected:
    def test_putin_selected(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        async def select(pilot) -> None:  # noqa: ANN001
            await ready(pilot)
            await pilot.press("slash", *"vladimir putin", "enter")
            await quiet(pilot)

        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=select)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
class TestSearchResults:
    def test_typing_put(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        async def search(pilot) -> None:  # noqa: ANN001
            await ready(pilot)
            await pilot.press("slash", "p", "u", "t")
            await quiet(pilot)

        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=search)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
class TestAnnotationDialog:
    def test_dialog_open(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        async def open_dialog(pilot) -> None:  # noqa: ANN001
            await ready(pilot)
            app = pilot.app
            doc = next(d for d in app.store.documents.values() if d["path"].endswith(SEED_ARTICLE.name))
            source = app.query_one(SourceView)
            source.show(doc["id"], doc["text"])
            source.focus()
            start = doc["text"].index("Haaretz reported")
            source.move_cursor(source.location(start))
            await pilot.press("v", *["l"] * len("Haaretz"), "a")
            await quiet(pilot)

        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=open_dialog)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
class TestQuoteSelected:
    def test_netanyahu_quote(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        async def select(pilot) -> None:  # noqa: ANN001
            await ready(pilot)
            await pilot.press("3", "slash", *"foothold", "enter")
            await quiet(pilot)

        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=select)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
class TestCorrections:
    def test_fix_menu_for_a_quote(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        async def open_menu(pilot) -> None:  # noqa: ANN001
            await ready(pilot)
            await pilot.press("3", "slash", *"removal of all iranian", "enter")
            await settle(pilot)
            await pilot.press("f")
            await quiet(pilot)

        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=open_menu)

    def test_review_mode_after_accept_and_reject(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        async def review(pilot) -> None:  # noqa: ANN001
            await ready(pilot)
            await pilot.press("3", "R")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            await pilot.press("x")
            await settle(pilot)
            await pilot.press("H")
            await quiet(pilot)

        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=review)
