"""The network and timeline views: what they connect and date on the seed corpus, and driving them by keyboard."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from types import SimpleNamespace

import pytest

from store.db import Store
from store.views.network import Network, describe_edge
from store.views.timeline import events, mentions_over_time, timeline
from tui.app import BackchannelApp
from tui.screens.network import NetworkScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets.network import Spoke, draw_star

from .conftest import actor_named
from .explorer import explorer, quiet, ready, settle, without_toasts


def test_the_seed_network_holds_trump_putin_and_the_three_way_meetings(seed_store: Store) -> None:
    network = Network(seed_store)
    trump, putin = actor_named(seed_store, "Donald Trump")["id"], actor_named(seed_store, "Vladimir Putin")["id"]
    met = network.edge("met", trump, putin)
    assert met is not None and met.count >= 1
    assert "Hamburg, Germany" in describe_edge(seed_store, met, putin)
    us, russia, israel = (actor_named(seed_store, n)["id"] for n in ("United States", "Russia", "Israel"))
    for a, b in ((us, russia), (us, israel), (russia, israel)):
        edge = network.edge("met", a, b)
        assert edge is not None and any("Amman" in (seed_store.meetings[m].get("place") or "") for m in edge.items)
    around = network.around(putin, "met")
    # Trump, in their bilateral meeting and at the G20 summit; the G20, the body whose summit Putin attended.
    assert sorted(seed_store.actors[e.b if e.a == putin else e.a]["name"] for e in around) == ["Donald Trump", "G20"]
    together = network.around(putin, "mentioned")
    assert together[0].count >= together[-1].count  # strongest first


def test_the_network_off_the_columns_is_the_network_of_plain_records(seed_store: Store) -> None:
    """The network is counted over arrays taken off the store's columns; tables of plain records (as hand corrections
    leave some actors and quotes) give the very same edges, and one quote's speaker naming an actor twice counts once."""
    columns = Network(seed_store)
    plain = SimpleNamespace(
        actors={i: {**a, "mentions": [dict(m) for m in a["mentions"]]} for i, a in seed_store.actors.items()},
        quotes={q["id"]: dict(q) for q in seed_store.quotes.values()},
        meetings=seed_store.meetings,
        documents={d: dict(doc) for d, doc in seed_store.documents.items()},
    )
    records = Network(plain)  # type: ignore[arg-type]
    for kind in ("met", "quoted", "mentioned"):
        assert {k: (e.count, sorted(e.items)) for k, e in columns.edges[kind].items()} == {
            k: (e.count, sorted(e.items)) for k, e in records.edges[kind].items()
        }
    quoted = columns.edges["quoted"]
    assert quoted and all(e.count == len(set(e.items)) == len(e.items) for e in quoted.values())
    trump = actor_named(seed_store, "Donald Trump")["id"]
    assert sum(e.count for e in columns.around(trump, "mentioned")) > 0


def test_the_network_counts_what_a_reader_would_count_by_hand(seed_store: Store) -> None:
    """Checked against a plain count: two actors named in one paragraph (a line of the article), and a speaker with
    each actor named wholly inside their quote's words, each quote once."""
    paragraphs: dict[tuple[str, int], set[str]] = {}
    named_in: dict[str, list[tuple[int, int, str]]] = {}
    for actor in seed_store.actors.values():
        for m in actor["mentions"]:
            starts = seed_store.documents[m["doc"]]["line_starts"]
            line = max(s for s in starts if s <= m["start"])
            paragraphs.setdefault((m["doc"], line), set()).add(actor["id"])
            named_in.setdefault(m["doc"], []).append((m["start"], m["end"], actor["id"]))
    together: dict[tuple[str, str], int] = {}
    for ids in paragraphs.values():
        for a, b in combinations(sorted(ids), 2):
            together[(a, b)] = together.get((a, b), 0) + 1
    quoted: dict[tuple[str, str], set[str]] = {}
    for q in seed_store.quotes.values():
        speaker, span = q["speaker"], q["content_span"]
        for start, end, actor in named_in.get(q["doc"], []) if speaker in seed_store.actors else []:
            if span["start"] <= start and end <= span["end"] and actor != speaker:
                quoted.setdefault(tuple(sorted((speaker, actor))), set()).add(q["id"])
    network = Network(seed_store)
    assert {k: e.count for k, e in network.edges["mentioned"].items()} == together
    assert {k: set(e.items) for k, e in network.edges["quoted"].items()} == quoted
    assert len(together) > 100 and len(quoted) > 5


def test_a_star_with_many_counterparts_shows_the_strongest_and_counts_the_rest() -> None:
    spokes = [Spoke(f"Counterpart {i}", 50 - i) for i in range(45)]
    drawn, shown = draw_star("Vladimir Putin", spokes, 80, 20, cursor=0)
    lines = drawn.plain.split("\n")
    assert len(lines) == 20 and all(len(line) == 80 for line in lines)
    assert shown == 39 and "+6 not drawn (51 ties)" in drawn.plain
    assert "Counterpart 0 " in lines[0] and "─ 50 ─" in lines[0]  # the strongest at the top
    assert "Vladimir Putin" in lines[10]


def test_the_timeline_dates_hamburg_by_its_words_and_keeps_the_undated_secret_meetings_in_their_own_group(seed_store: Store) -> None:
    dated, undated = timeline(seed_store)
    by_place = {seed_store.meetings[e.id].get("place"): e for e in dated if e.kind == "meeting"}
    assert by_place["Hamburg, Germany"].when == "2017-07-07"  # "July 7, 2017": a full date in the meeting's own words
    # The seed article has no date, and "in early July" gives no year: undated, never dated by another date of its story.
    amman = next(m for m in seed_store.meetings.values() if m.get("place") == "Amman")
    assert ("meeting", amman["id"]) in undated and "Amman" not in by_place
    putin = actor_named(seed_store, "Vladimir Putin")["id"]
    trump = actor_named(seed_store, "Donald Trump")["id"]
    pair = events(seed_store, (trump, putin))
    assert [e.when for e in pair if e.kind == "meeting"] == ["2017-07-07", "2017-07-07"]  # the bilateral meeting and the G20 summit
    seed_doc = amman["doc"]
    assert not [e for e in dated if e.doc == seed_doc and e.kind == "quote"]  # its quotes are undated too, and counted
    assert sum(1 for kind, ident in undated if kind == "quote" and seed_store.quotes[ident]["doc"] == seed_doc) >= 5
    series = dict(mentions_over_time(seed_store, putin))
    in_dated = [m for m in actor_named(seed_store, "Vladimir Putin")["mentions"] if seed_store.documents[m["doc"]].get("date")]
    assert sum(series.values()) == len(in_dated)


async def test_network_recentres_by_keyboard_and_steps_back(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("slash", *"vladimir putin", "enter")
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NetworkScreen)
        star = screen.query_one("#network-star").render()
        assert "Donald Trump" in str(star) and "Vladimir Putin" in str(star)
        putin = screen.centre
        await pilot.press("enter")  # re-centre on Trump, the only one Putin met
        await pilot.pause()
        assert app.store.actors[screen.centre]["name"] == "Donald Trump"
        assert "met" in str(screen.query_one("#network-title").render())
        await pilot.press("tab")
        await pilot.pause()
        assert screen.kind == "quoted"
        await pilot.press("q")  # back to Putin
        await pilot.pause()
        assert screen.centre == putin and screen.kind == "met"
        await pilot.press("o")  # show the highlighted counterpart in the explorer
        await settle(pilot)
        assert not isinstance(app.screen, NetworkScreen)
        assert app.store.actors[app.current.id]["name"] == "Donald Trump"


async def test_timeline_of_an_actor_and_of_a_pair_and_back_to_the_item(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("slash", *"donald trump", "enter")
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        rows = screen.query_one("#timeline-events")
        texts = [rows.get_option_at_index(i).prompt.plain for i in range(rows.option_count)]
        assert any(t.startswith("2017-07-07") and "Vladimir Putin" in t for t in texts)
        assert "mentions of Donald Trump over time" in str(screen.query_one("#timeline-chart").render())
        # Nothing is hidden: the header counts what is dated out of everything, and the undated sit in their own group.
        dated, undated = timeline(app.store, (app.current.id,))
        title = str(screen.query_one("#timeline-title").render())
        assert f"{len(dated)} of {len(dated) + len(undated)} dated" in title
        if undated:
            assert any(t.startswith(f"── undated ({len(undated)})") for t in texts)
        await pilot.press("p", *"vladimir putin", "enter")
        await pilot.pause()
        texts = [rows.get_option_at_index(i).prompt.plain for i in range(rows.option_count)]
        meetings = [t for t in texts if "meeting" in t]
        # The bilateral meeting and the G20 summit both were at, both in Hamburg on 7 July 2017.
        assert len(meetings) == 2 and all("Hamburg, Germany" in m and m.startswith("2017-07-07") for m in meetings)
        rows.highlighted = next(i for i, t in enumerate(texts) if "Hamburg" in t)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current.kind == "meeting" and app.store.meetings[app.current.id]["place"] == "Hamburg, Germany"


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
class TestNetworkView:
    def test_network_around_putin(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        async def open_view(pilot) -> None:  # noqa: ANN001
            await ready(pilot)
            await pilot.press("slash", *"vladimir putin", "enter")
            await settle(pilot)
            await pilot.press("m", "tab", "tab")  # mentioned together: many counterparts
            await quiet(pilot)

        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=open_view)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
class TestTimelineView:
    def test_timeline_of_trump(self, snap_compare, explorer_store: Path, size: tuple[int, int]) -> None:
        async def open_view(pilot) -> None:  # noqa: ANN001
            await ready(pilot)
            await pilot.press("slash", *"donald trump", "enter")
            await settle(pilot)
            await pilot.press("t")
            await quiet(pilot)

        assert snap_compare(without_toasts(BackchannelApp(explorer_store)), terminal_size=size, run_before=open_view)
