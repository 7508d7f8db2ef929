"""The documents list searched by the articles' own words, driven by keyboard as a reader would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.app import BackchannelApp
from tui.widgets.panes import HeaderBar, ItemList
from tui.widgets.source_view import SourceView

from .explorer import explorer, marks_by_style, quiet, ready, without_toasts
from .test_snapshots import SIZES


def holding(app: BackchannelApp, pattern: str) -> set[str]:
    rx = re.compile(pattern, re.IGNORECASE)
    return {f"document:{d['id']}" for d in app.store.documents.values() if rx.search(d["text"])}


async def test_typing_lists_the_articles_that_hold_the_words_and_opens_each_at_its_passage(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("4", "slash", *"hambur")  # the last word typed is a prefix until it is finished
        listed = app.query_one("#documents", ItemList)
        expected = holding(app, r"\bhambur")
        assert expected and set(listed._ids) == expected
        assert app.current.kind == "document" and f"document:{app.current.id}" in expected
        marks = marks_by_style(app)
        assert marks["found"] and {m.lower() for m in marks["found"]} == {"hamburg"}
        assert [m.lower() for m in marks["current"]] == ["hamburg"]

        await pilot.press("enter")
        await pilot.pause()
        assert set(listed._ids) == expected  # the results stay listed after a pick
        assert "docs match 'hambur'" in app.query_one(HeaderBar).summary
        before = app.current.stop
        stops = len(marks_by_style(app)["found"])
        await pilot.press("n")
        assert app.current.stop == (before + 1) % stops or stops == 1
        text = app.store.documents[app.query_one(SourceView).doc_id]["text"]
        assert all(text[m.start : m.end].lower() == "hamburg" for m in app.query_one(SourceView).marks if m.style == "found")

        await pilot.press("escape")
        await pilot.pause()
        assert listed.total == len(app.store.documents)
        assert "found" not in marks_by_style(app)
        assert "docs match" not in app.query_one(HeaderBar).summary


async def test_a_query_nothing_holds_lists_nothing_and_escape_restores(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        before = app.current
        await pilot.press("4", "slash", *'"zzqx unbalanced')
        assert app.query_one("#documents", ItemList).total == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one("#documents", ItemList).total == len(app.store.documents)
        assert app.current.kind == "document" or app.current == before


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
class TestTextSearch:
    def test_searching_the_articles(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        async def search(pilot) -> None:  # noqa: ANN001
            await ready(pilot)
            await pilot.press("4", "slash", *'"G20 summit" Putin', "enter")
            await quiet(pilot)

        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=search)
