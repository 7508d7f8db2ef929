"""The explorer's view model without the screen: lists, their order, filters and reuse, on the seed store."""

from __future__ import annotations

from store.db import Store
from store.hand.corrections import actor_target
from store.hand.edits import make_edit
from store.views.list_filters import SORTS, ListContext, ListFilter
from tui.view import build_view, listed_rows, record_in, review_state_of


def test_every_list_holds_its_items_in_reading_order(seed_store: Store) -> None:
    view = build_view(seed_store, [], show_rejected=False)
    assert len(view.rows["actors"]) == len(view.store.actors)
    mentions = [len(view.store.actors[i.partition(":")[2]]["mentions"]) for i in view.rows["actors"]]
    assert mentions == sorted(mentions, reverse=True)  # most mentioned first
    assert len(view.rows["quotes"]) == len(view.store.quotes) and len(view.rows["documents"]) == len(view.store.documents)
    assert build_view(seed_store, [], show_rejected=False, previous=view) is view  # nothing changed: reused


def test_a_rejected_item_leaves_the_list_and_comes_back_last_when_asked(seed_store: Store) -> None:
    view = build_view(seed_store, [], show_rejected=False)
    first = view.store.actors[view.rows["actors"][0].partition(":")[2]]
    log = [make_edit("reject", actor_target(first), rejected=True)]
    hidden = build_view(seed_store, log, show_rejected=False)
    assert f"actor:{first['id']}" not in hidden.rows["actors"]
    shown = build_view(seed_store, log, show_rejected=True)
    assert shown.rows["actors"][-1] == f"actor:{first['id']}"
    record = record_in(shown.store, shown.corrected, "actor", first["id"], show_rejected=True)
    assert record is not None and review_state_of(shown.corrected, "actor", first["id"], record) == "rejected"


def test_a_filter_and_an_order_shape_what_a_list_shows(seed_store: Store) -> None:
    view = build_view(seed_store, [], show_rejected=False)
    ctx = ListContext(view.store.documents, lambda kind, ident, record: "")

    def record_of(kind: str, ident: str) -> dict | None:
        return record_in(view.store, view.corrected, kind, ident, show_rejected=False)

    people = listed_rows("actors", view.rows["actors"], ListFilter(kind="person"), "mentions", record_of, ctx, str)
    assert people and all(view.store.actors[i.partition(":")[2]]["kind"] == "person" for i in people)
    by_name = listed_rows("actors", view.rows["actors"], ListFilter(), "name", record_of, ctx, str)
    names = [view.store.actors[i.partition(":")[2]]["name"].casefold() for i in by_name]
    assert names == sorted(names) and len(by_name) == len(view.rows["actors"])
    assert listed_rows("quotes", view.rows["quotes"], ListFilter(), SORTS["quotes"][0], record_of, ctx, str) is view.rows["quotes"]


def test_the_quotes_list_is_rows_until_drawn_and_finds_any_quote_at_its_place(seed_store: Store) -> None:
    from tui.view import OptionIds

    view = build_view(seed_store, [], show_rejected=False)
    rows = view.rows["quotes"]
    assert isinstance(rows, OptionIds)  # column-wise and as extracted: no 600,000 strings made up front
    order = view.order
    expected = sorted(view.store.quotes.values(), key=lambda q: (order.get(q["doc"], 0), q["content_span"]["start"]))
    drawn = list(rows)
    assert [option_id.partition(":")[2] for option_id in drawn] == [q["id"] for q in expected]
    assert rows[:3] == drawn[:3] and rows[-1] == drawn[-1]
    for i in (0, len(drawn) // 2, len(drawn) - 1):
        assert rows.index(drawn[i]) == i and drawn[i] in rows
    assert "quote:0000000000000000" not in rows and f"actor:{drawn[0].partition(':')[2]}" not in rows
