"""The likely-duplicates queue, on real articles that spell one party two ways ("Bharatiya Janata Party" in 0011,
"Bharatiya Janta Party" in 0192), name two bodies "Congress" (India's party in 0011, the US Congress in 0091) and
write one acronym for two bodies ("CBC", the Canadian broadcaster in 0305; the Congressional Black Caucus in 0091):
driven by keyboard, each decision a correction that survives a re-ingest; renaming onto an existing name offers the
merge. ("Wal-Mart" and "Walmart", once a pair here, are one actor since resolution reads a name with or without its
hyphen as one.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from store.db import Store, copy_store
from store.hand.annotations import AnnotationStore
from store.hand.corrections import open_corrected
from store.hand.edits import replay
from store.ingest import ingest
from store.resolve.duplicates import likely_duplicates
from tui.app import BackchannelApp
from tui.screens.duplicates import DuplicatesScreen
from tui.widgets.panes import ItemList

from .explorer import explorer, quiet, ready, settle, until, without_toasts

pytestmark = pytest.mark.xdist_group(__name__)  # module fixtures built once: one process (Makefile)

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "data" / "wikinews"
ARTICLES = ("0011.txt", "0192.txt", "0091.txt", "0305.txt")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dups")
    for name in ARTICLES:
        shutil.copy(CORPUS / name, folder / name)
    ingest([folder], folder / "s.json", workers=1)
    return folder


@pytest.fixture
def store_path(tmp_path: Path, built: Path) -> Path:
    for name in ARTICLES:
        shutil.copy(built / name, tmp_path / name)
    copy_store(built / "s.json", tmp_path / "s.json")
    return tmp_path / "s.json"


def names(store: Store) -> set[str]:
    return {a["name"] for a in store.actors.values()}


async def open_queue(pilot) -> None:  # noqa: ANN001
    await pilot.press("D")
    await until(pilot, lambda: isinstance(pilot.app.screen, DuplicatesScreen), "the duplicates queue")


def queue_title(app: BackchannelApp) -> str:
    return str(app.screen.query_one("#duplicates-title").render())


PAIRS = [("Congress", "Congress"), ("Bharatiya Janata Party", "Bharatiya Janta Party"), ("CBC", "Congressional Black Caucus")]


def test_the_queue_offers_the_pairs_strongest_first(store_path: Path) -> None:
    store = Store.open(store_path)
    pairs = [(store.actors[p.keep]["name"], store.actors[p.other]["name"]) for p in likely_duplicates(store.actors)]
    assert pairs == PAIRS


async def test_y_merges_x_keeps_apart_and_both_survive_a_reingest(store_path: Path) -> None:
    async with explorer(store_path) as (app, pilot):
        await open_queue(pilot)
        assert "3 to decide" in queue_title(app)
        await pilot.press("x")  # India's party and the US Congress: two
        await settle(pilot)
        assert "2 to decide" in queue_title(app)
        await pilot.press("y")  # the party: one actor
        await settle(pilot)
        assert "1 to decide" in queue_title(app)
        await pilot.press("x")  # the broadcaster and the caucus: two
        await settle(pilot)
        assert "none left" in queue_title(app)
        await pilot.press("q")
        await until(pilot, lambda: "Bharatiya Janta Party" not in names(app.store), "the merge to show")
    assert [e["op"] for e in replay(AnnotationStore.for_store(store_path).log()).active] == [
        "actor.distinct",
        "actor.merge",
        "actor.distinct",
    ]

    ingest([store_path.parent], store_path, workers=1)  # the same articles again: the decisions hold
    corrected, _, _ = open_corrected(store_path)
    assert "Bharatiya Janata Party" in names(corrected.store) and "Bharatiya Janta Party" not in names(corrected.store)
    assert not likely_duplicates(corrected.store.actors, corrected.apart)  # both pairs kept apart are not asked again


async def test_space_skips_and_the_pair_is_asked_again_next_time(store_path: Path) -> None:
    async with explorer(store_path) as (app, pilot):
        await open_queue(pilot)
        await pilot.press("space", "space", "q")
        await settle(pilot)
        assert AnnotationStore.for_store(store_path).log() == []
        await open_queue(pilot)
        assert "3 to decide" in queue_title(app)


async def test_renaming_onto_another_actors_name_offers_the_merge(store_path: Path) -> None:
    async with explorer(store_path) as (app, pilot):
        await pilot.press("slash", *"janta", "enter")
        await settle(pilot)
        assert app.store.actors[app.current.id]["name"] == "Bharatiya Janta Party"
        await pilot.press("E")
        await settle(pilot)
        field = app.screen.query_one(Input)
        field.value = ""
        await pilot.press(*"Bharatiya Janata Party", "enter")
        await settle(pilot)
        assert "is already an actor" in str(app.screen.query_one(Static).render())
        await pilot.press("m")
        await until(pilot, lambda: "Bharatiya Janta Party" not in names(app.store), "the merge")
    assert len([a for a in Store.open(store_path).actors.values()]) >= 1
    assert [e["op"] for e in replay(AnnotationStore.for_store(store_path).log()).active] == ["actor.merge"]


async def test_after_a_reject_the_list_stays_where_it_was(store_path: Path) -> None:
    async with explorer(store_path) as (app, pilot):
        actors = app.query_one("#actors", ItemList)
        for _ in range(5):
            await pilot.press("j")
        await settle(pilot)
        before = actors.highlighted
        nxt = app.rows["actors"][before + 1]
        await pilot.press("x")  # hide the actor: not an actor
        await until(pilot, lambda: app.rows["actors"][before] == nxt, "the list without the hidden actor")
        await settle(pilot)
        assert actors.highlighted == before and actors.current_id() == nxt


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_the_queue_snapshot(snap_compare, store_path: Path, size: tuple[int, int]) -> None:  # noqa: ANN001
    async def queue_on_screen(pilot) -> None:  # noqa: ANN001
        await ready(pilot)
        await open_queue(pilot)
        await quiet(pilot)

    assert snap_compare(without_toasts(BackchannelApp(store_path)), terminal_size=size, run_before=queue_on_screen)
