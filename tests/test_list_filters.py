"""Filters and orders on every list: what passes is what the fields say, driven by keyboard as a reader would."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.db import Store
from store.errors import InputError
from store.views.list_filters import ListContext, ListFilter, build_filter, item_span, keep, parse_bound
from tui.app import BackchannelApp
from tui.widgets.panes import HeaderBar, ItemList

from .explorer import explorer, quiet, ready, settle, without_toasts
from .test_snapshots import SIZES


def context(store: Store) -> ListContext:
    return ListContext(store.documents, lambda kind, ident, record: "")


def test_a_bound_is_the_first_or_last_day_it_names() -> None:
    assert (parse_bound("2019"), parse_bound("2019", end=True)) == ("2019-01-01", "2019-12-31")
    assert (parse_bound("2020-02"), parse_bound("2020-02", end=True)) == ("2020-02-01", "2020-02-29")
    assert parse_bound(" 2017-07-07 ") == "2017-07-07" and parse_bound("") == ""
    for wrong in ("July", "2019-13", "19-07-01", "2019/07/01"):
        with pytest.raises(InputError, match="is not a date"):
            parse_bound(wrong)
    with pytest.raises(InputError, match="ends"):
        build_filter("meetings", since="2020", until="2019")


def test_fields_a_list_has_no_use_for_are_dropped() -> None:
    assert build_filter("documents", kind="person", status="planned", since="2019") == ListFilter(since="2019-01-01")


def test_each_field_keeps_what_it_names(seed_store: Store) -> None:
    ctx = context(seed_store)
    people = [a for a in seed_store.actors.values() if keep("actor", a["id"], a, ListFilter(kind="person"), ctx)]
    assert people and all(a["kind"] == "person" for a in people)
    assert len(people) == sum(1 for a in seed_store.actors.values() if a["kind"] == "person")
    doc = next(d for d in seed_store.documents.values() if any(m["doc"] == d["id"] for m in seed_store.meetings.values()))
    in_doc = ListFilter(document=doc["id"])
    assert {m["id"] for m in seed_store.meetings.values() if keep("meeting", m["id"], m, in_doc, ctx)} == {
        m["id"] for m in seed_store.meetings.values() if m["doc"] == doc["id"]
    }
    july = build_filter("meetings", since="2017-07", until="2017-07")
    kept = [m for m in seed_store.meetings.values() if keep("meeting", m["id"], m, july, ctx)]
    assert kept, "the Hamburg meeting of 7 July 2017 is in the seeds"
    for m in kept:
        first, last = item_span("meeting", m, ctx)
        assert first.isoformat() <= "2017-07-31" and last.isoformat() >= "2017-07-01"
    planned = ListFilter(status="planned")
    assert all(
        (m.get("status") or "happened") == "planned" for m in seed_store.meetings.values() if keep("meeting", m["id"], m, planned, ctx)
    )


def shown(app: BackchannelApp, tab: str) -> list[str]:
    return list(app.query_one(f"#{tab}", ItemList)._ids)


async def test_f_filters_the_actors_by_kind_from_the_keyboard_and_escape_shows_all(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        everyone = shown(app, "actors")
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("enter", "down", "enter")  # the kind field: its first kind, person
        await pilot.press("ctrl+s")
        await settle(pilot)
        people = shown(app, "actors")
        assert people and len(people) < len(everyone)
        assert all(app.store.actors[i.partition(":")[2]]["kind"] == "person" for i in people)
        assert people == [i for i in everyone if i in set(people)]  # still by mentions
        header = app.query_one(HeaderBar).summary
        assert f"Actors: {len(people)} of {len(everyone)} · person" in header and "esc: all" in header
        await pilot.press("escape")
        await settle(pilot)
        assert shown(app, "actors") == everyone and "person" not in app.query_one(HeaderBar).summary


async def test_a_date_range_keeps_the_meetings_of_that_month(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("2", "F")
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", *"2017-07", "tab", *"2017-07", "ctrl+s")
        await settle(pilot)
        kept = shown(app, "meetings")
        assert kept
        ctx = context(app.store)
        for option_id in kept:
            first, last = item_span("meeting", app.store.meetings[option_id.partition(":")[2]], ctx)
            assert first.isoformat() <= "2017-07-31" and last.isoformat() >= "2017-07-01"
        assert "2017-07-01 to 2017-07-31" in app.query_one(HeaderBar).summary


async def test_a_wrong_date_keeps_the_dialog_open_and_says_why(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("2", "F")
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", *"last week", "ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#filter-error").render().plain.startswith("'last week' is not a date")
        await pilot.press("escape")
        await settle(pilot)
        assert not app.list_filters["meetings"].active


async def test_o_orders_the_quotes_by_date_then_by_speaker(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("3", "o")
        await settle(pilot)
        ctx = context(app.store)
        spans = [item_span("quote", app.store.quotes[i.partition(":")[2]], ctx) for i in shown(app, "quotes")]
        dated = [s[0] for s in spans if s is not None]
        assert dated == sorted(dated) and spans[: len(dated)] == [s for s in spans if s is not None]  # the undated last
        assert "by date" in app.query_one(HeaderBar).summary
        await pilot.press("o")
        await settle(pilot)
        names = [app.render_row(i).plain.split(":")[0].casefold() for i in shown(app, "quotes")]
        speakers = [app.store.quotes[i.partition(":")[2]].get("speaker") for i in shown(app, "quotes")]
        named = [n for n, s in zip(names, speakers, strict=True) if s is not None]
        assert named == sorted(named)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
class TestFilters:
    def test_the_filter_dialog(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        async def open_dialog(pilot) -> None:  # noqa: ANN001
            await ready(pilot)
            await pilot.press("2", "F")
            await quiet(pilot)

        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=open_dialog)

    def test_people_only(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        async def filtered(pilot) -> None:  # noqa: ANN001
            await ready(pilot)
            await pilot.press("F")
            await settle(pilot)
            await pilot.press("enter", "down", "enter", "ctrl+s")
            await quiet(pilot)

        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=filtered)
