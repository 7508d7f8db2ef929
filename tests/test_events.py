"""One event across articles: the same meeting reported by several articles, each keeping its own record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from store.db import Store
from store.ingest import ingest
from store.resolve.events import assign_events, assign_events_around, same_event
from tui.widgets.panes import DetailLinks

from .conftest import SEED_ARTICLE, actor_named
from .explorer import explorer, settle, until


def republish(tmp_path: Path) -> Path:
    """The seed article, a wire copy of it run a day later under another headline, and the same text a year on."""
    folder = tmp_path / "wire"
    folder.mkdir()
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    head, _, body = text.partition("\n")
    (folder / "original.txt").write_text(text, encoding="utf-8")
    (folder / "copy.txt").write_text("Israel sought to derail Syria truce, report says\n" + body, encoding="utf-8")
    (folder / "year-later.txt").write_text("Looking back: " + head + "\n" + body, encoding="utf-8")
    (folder / "metadata.jsonl").write_text(
        '{"file": "original.txt", "date": "2017-08-01"}\n{"file": "copy.txt", "date": "2017-08-02"}\n'
        '{"file": "year-later.txt", "date": "2018-08-01"}\n',
        encoding="utf-8",
    )
    return folder


def by_doc(store: Store, meetings: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {Path(store.documents[m["doc"]]["path"]).stem: m for m in meetings}


def test_the_same_meeting_in_two_articles_is_one_event_and_keeps_each_record(tmp_path: Path) -> None:
    store_path = tmp_path / "s.json"
    ingest([republish(tmp_path)], store_path, workers=1)
    store = Store.open(store_path)
    trump, putin = actor_named(store, "Donald Trump")["id"], actor_named(store, "Vladimir Putin")["id"]
    hamburg = by_doc(store, [m for m in store.meetings.values() if set(m["participants"]) == {trump, putin}])
    assert set(hamburg) == {"original", "copy", "year-later"}  # one record per article, its own evidence
    # "July 7, 2017" in all three: one event, however late the article.
    assert len({m["event"] for m in hamburg.values()}) == 1
    israel = actor_named(store, "Israel")["id"]
    amman = by_doc(store, [m for m in store.meetings.values() if israel in m["participants"] and m.get("place") == "Amman"])
    # "last month": July 2017 for the wire copy a day later, July 2018 for the text a year on, a meeting of its own.
    assert amman["original"]["event"] == amman["copy"]["event"] != amman["year-later"]["event"]
    assert (amman["copy"]["time_iso"], amman["year-later"]["time_iso"]) == ("2017-07", "2018-07")


def test_reports_of_different_people_places_or_times_stay_apart() -> None:
    docs = {"a": "2019-06-30", "b": "2019-07-01", "c": "2020-03-01"}
    dmz = {"participants": ["trump", "kim"], "doc": "a", "place": "Panmunjom", "time_iso": "2019-06-30"}
    assert same_event(
        dmz, {"participants": ["kim", "trump", "moon"], "doc": "b", "place": "the DMZ at Panmunjom", "time_iso": "2019-06"}, docs
    )
    assert same_event(dmz, {"participants": ["trump", "kim"], "doc": "b"}, docs)  # undated, reported the next day
    assert not same_event(dmz, {"participants": ["trump", "kim"], "doc": "c"}, docs)  # undated, eight months on
    assert not same_event(dmz, {"participants": ["trump", "kim"], "doc": "b", "place": "Hanoi"}, docs)
    assert not same_event(dmz, {"participants": ["trump", "kim"], "doc": "b", "time_iso": "2019-02-27"}, docs)
    assert not same_event(dmz, {"participants": ["trump", "moon"], "doc": "b", "time_iso": "2019-06-30"}, docs)


async def test_the_explorer_lists_an_event_once_and_opens_each_articles_report(tmp_path: Path) -> None:
    store_path = tmp_path / "s.json"
    ingest([republish(tmp_path)], store_path, workers=1)
    async with explorer(store_path) as (app, pilot):
        await pilot.press("2")
        await settle(pilot)
        rows = [app.render_row(option_id).plain for option_id in app.rows["meetings"]]
        hamburg_rows = [r for r in rows if r.startswith("Donald Trump ↔ Vladimir Putin")]
        assert len(hamburg_rows) == 1 and "articles" not in hamburg_rows[0]  # three versions of one story: counted once
        await pilot.press("C")  # every version of the story, each article's report of the meeting
        await settle(pilot)
        rows = [app.render_row(option_id).plain for option_id in app.rows["meetings"]]
        hamburg_rows = [r for r in rows if r.startswith("Donald Trump ↔ Vladimir Putin")]
        assert len(hamburg_rows) == 1 and "3 articles" in hamburg_rows[0]
        await pilot.press("slash", *"trump putin", "enter")
        await settle(pilot)
        first = app.store.meetings[app.current.id]
        await pilot.press("enter")  # into the links: the participants, then the other articles' reports
        links = app.query_one(DetailLinks)
        labels = [links.get_option_at_index(i).prompt.plain for i in range(links.option_count)]
        others = [i for i, label in enumerate(labels) if label.startswith("also in")]
        assert len(others) == 2
        links.focus()
        links.highlighted = others[0]
        await pilot.pause()
        assert links.highlighted == others[0]
        await pilot.press("enter")
        await until(pilot, lambda: app.current.id != first["id"], "the other article's report to open")
        await settle(pilot)
        shown = app.store.meetings.get(app.current.id)
        assert shown is not None, (app.current, labels)
        assert shown["event"] == first["event"] and shown["doc"] != first["doc"], (labels, first, shown)


_MEETING = st.fixed_dictionaries(
    {
        "doc": st.sampled_from(["d1", "d2", "d3", "d4", "d5"]),
        "participants": st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=4, unique=True),
        "time_iso": st.sampled_from([None, "2019-06", "2019-06-30", "2019-07-02", "2019-W27"]),
        "place": st.sampled_from([None, "Hanoi", "Hanoi, Vietnam", "Osaka"]),
    }
)
_DATES = {"d1": "2019-06-30", "d2": "2019-07-01", "d3": "2019-07-20", "d4": None, "d5": "2019-06-29"}


@settings(max_examples=150, deadline=None)
@given(before=st.lists(_MEETING, max_size=14), gone=st.sets(st.integers(0, 13), max_size=4), new=st.lists(_MEETING, max_size=4))
def test_events_set_again_around_a_change_are_the_ones_every_meeting_gives(
    before: list[dict[str, Any]], gone: set[int], new: list[dict[str, Any]]
) -> None:
    """A re-ingest sets events again only around the meetings it took out and put in; the rest keep theirs, and
    every meeting ends with the event a full assignment gives."""
    held = {f"m{i:02d}": dict(m) for i, m in enumerate(before)}
    assign_events(held, _DATES)
    taken = [held.pop(f"m{i:02d}")["participants"] for i in sorted(gone) if f"m{i:02d}" in held]
    put = {f"n{i:02d}": dict(m) for i, m in enumerate(new)}
    held.update(put)
    assign_events_around(held, _DATES, taken + [m["participants"] for m in put.values()])
    full = {mid: {k: v for k, v in m.items() if k != "event"} for mid, m in held.items()}
    assign_events(full, _DATES)
    assert {mid: m["event"] for mid, m in held.items()} == {mid: m["event"] for mid, m in full.items()}
