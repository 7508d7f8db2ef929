"""Corrections in the explorer, by keyboard: each shown at once, kept in the log, undone with u, redone with ctrl+r."""

from __future__ import annotations

from pathlib import Path

from store.hand.annotations import AnnotationStore
from store.hand.edits import replay
from store.ingest import ingest
from tui import clipboard
from tui.app import BackchannelApp
from tui.widgets.panes import DetailPane, ItemList
from tui.widgets.source_view import SourceView

from .conftest import SEED_ARTICLE
from .explorer import explorer, ready, select_text, settle
from .test_explorer import seed_folder_store


def named(app: BackchannelApp, name: str) -> dict:
    return next(a for a in app.store.actors.values() if a["name"] == name)


def row_text(app: BackchannelApp, tab: str, option_id: str) -> str:
    return app.render_row(option_id).plain


def detail(app: BackchannelApp) -> str:
    return str(app.query_one(DetailPane).query_one("#detail-text").render())


def in_force(store_path: Path) -> list[str]:
    return [e["op"] for e in replay(AnnotationStore.for_store(store_path).log()).active]


async def show(pilot, tab_key: str, query: str) -> None:  # noqa: ANN001
    await pilot.press(tab_key, "slash", *query, "enter")
    await settle(pilot)


def quote_with(app: BackchannelApp, words: str) -> dict:
    for quote in app.store.quotes.values():
        text = app.store.documents[quote["doc"]]["text"]
        if words in text[quote["content_span"]["start"] : quote["content_span"]["end"]]:
            return quote
    raise AssertionError(f"no quote with {words!r}")


async def test_rename_shows_everywhere_and_undo_redo_walk_the_log(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await show(pilot, "1", "donald trump")
        trump = app.current.id
        await pilot.press("E", "ctrl+u", *"Donald J. Trump", "enter")
        await settle(pilot)
        assert app.store.actors[trump]["name"] == "Donald J. Trump"
        assert "Donald Trump" in app.store.actors[trump]["aliases"]
        assert row_text(app, "actors", f"actor:{trump}").startswith("✎ Donald J. Trump")
        said = next(q for q in app.store.quotes.values() if q["speaker"] == trump)
        assert row_text(app, "quotes", f"quote:{said['id']}").startswith("Donald J. Trump:")  # shown wherever he appears
        assert in_force(explorer_store) == ["actor.rename"]

        await pilot.press("u")
        await settle(pilot)
        assert app.store.actors[trump]["name"] == "Donald Trump" and in_force(explorer_store) == []
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.store.actors[trump]["name"] == "Donald J. Trump"

    again = BackchannelApp(explorer_store)  # persisted: a new session shows it, and can undo it
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert again.store.actors[trump]["name"] == "Donald J. Trump"
        await pilot.press("u")
        await settle(pilot)
        assert again.store.actors[trump]["name"] == "Donald Trump"


async def test_merge_picks_the_second_actor_by_fuzzy_search(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await show(pilot, "1", "israel")
        israel = named(app, "Israel")["id"]
        assert app.current.id == israel
        israelis = named(app, "Israelis")["id"]
        await pilot.press("M", *"israelis", "enter")
        await settle(pilot)
        assert israelis not in app.store.actors
        assert "Israelis" in app.store.actors[israel]["aliases"]
        assert quote_with(app, "launching pad")["speaker"] == israel
        assert app.query_one("#actors", ItemList).option_count == len(app.store.actors)
        await pilot.press("u")
        await settle(pilot)
        assert israelis in app.store.actors and quote_with(app, "launching pad")["speaker"] == israelis


async def test_split_and_kind_through_the_fix_menu(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await show(pilot, "1", "united states")
        us = app.current.id
        before = len(app.store.actors[us]["mentions"])
        await pilot.press("f", "s")  # fix menu, split
        await pilot.pause()
        choices = app.screen.query_one("#choices")
        labels = [choices.get_option_at_index(i).prompt.plain for i in range(choices.option_count)]
        key = next(label.split()[0] for label in labels if label.endswith("Washington"))
        await pilot.press(key)
        await settle(pilot)
        washington = named(app, "Washington")
        assert len(app.store.actors[us]["mentions"]) + len(washington["mentions"]) == before
        text = app.store.documents
        assert all(text[m["doc"]]["text"][m["start"] : m["end"]] == "Washington" for m in washington["mentions"])
        await pilot.press("f", "k", "4")  # the kind menu: 4 is "group"
        await settle(pilot)
        assert app.store.actors[us]["kind"] == "group"
        assert in_force(explorer_store) == ["actor.split", "actor.kind"]


async def test_hide_an_actor_list_it_again_and_restore_it(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await show(pilot, "1", "shiites")
        shiites = app.current.id
        count = app.query_one("#actors", ItemList).option_count
        await pilot.press("x")
        await settle(pilot)
        assert shiites not in app.store.actors
        assert app.query_one("#actors", ItemList).option_count == count - 1
        await pilot.press("H")  # rejected items listed, struck through
        await settle(pilot)
        assert row_text(app, "actors", f"actor:{shiites}").startswith("✗ Shiites")
        app.jump_to("actor", shiites)
        await pilot.pause()
        assert "rejected by hand" in detail(app)
        await pilot.press("x")  # restore
        await settle(pilot)
        assert shiites in app.store.actors
        assert in_force(explorer_store) == ["reject", "reject"]


async def test_fix_a_quote_speaker_reject_a_quote_and_list_it_again(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await show(pilot, "3", "representatives at the secret")
        quote = app.current.id
        assert app.store.quotes[quote]["speaker"] is None
        await pilot.press("S", *"israel", "enter")
        await settle(pilot)
        israel = named(app, "Israel")["id"]
        assert app.store.quotes[quote]["speaker"] == israel
        assert row_text(app, "quotes", f"quote:{quote}").startswith("✎ Israel:")
        assert "→ Israel" in detail(app)

        wrong = quote_with(app, "draft of the United States")["id"]
        app.jump_to("quote", wrong)
        await pilot.pause()
        await pilot.press("x")
        await settle(pilot)
        assert wrong not in app.store.quotes
        assert app.current is not None and app.current.id != wrong  # the list moved on to the next quote
        await pilot.press("u")
        await settle(pilot)
        assert wrong in app.store.quotes


async def test_adjust_a_quote_and_add_one_from_the_selection(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await show(pilot, "3", "foothold")
        quote = app.current.id
        source = app.query_one(SourceView)
        text = app.store.documents[source.doc_id]["text"]
        await select_text(pilot, "provided Iran a foothold", then=("f", "a"))
        await settle(pilot)
        span = app.store.quotes[quote]["content_span"]
        assert text[span["start"] : span["end"]] == "provided Iran a foothold"

        considers = "the growing power of Shiite Iran to be its principal threat"
        await select_text(pilot, considers, then=("A", "q"))
        await pilot.pause()
        await pilot.press(*"israel", "enter")
        await settle(pilot)
        [added] = [q for q in app.store.quotes.values() if q.get("hand")]
        assert text[added["content_span"]["start"] : added["content_span"]["end"]] == considers
        assert added["speaker"] == named(app, "Israel")["id"]
        assert app.query_one("#quotes", ItemList).option_count == len(app.store.quotes)


async def test_meeting_participants_fields_and_a_new_meeting(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await show(pilot, "2", "amman")
        amman = app.current.id
        await pilot.press("P", *"hezbollah", "enter")
        await settle(pilot)
        assert "Hezbollah" in {app.store.actors[p]["name"] for p in app.store.meetings[amman]["participants"]}
        await pilot.press("f", "P", "1")  # remove the first participant (Israel)
        await settle(pilot)
        names = {app.store.actors[p]["name"] for p in app.store.meetings[amman]["participants"]}
        assert "Israel" not in names and {"United States", "Russia"} <= names
        await pilot.press("f", "t", "enter", "ctrl+u", *"2017-07", "enter", "ctrl+u", *"safe zones", "enter")
        await settle(pilot)
        meeting = app.store.meetings[amman]
        assert (meeting["place"], meeting["time_iso"], meeting["topic"]) == ("Amman", "2017-07", "safe zones")
        assert "2017-07" in row_text(app, "meetings", f"meeting:{amman}")

        source = app.query_one(SourceView)
        text = app.store.documents[source.doc_id]["text"]
        passage = "Michael Ratney and Brett McGurk, Trump's special envoys on Syria, led the U.S. negotiators and Alexander Lavrentiev"
        await select_text(pilot, passage, then=("A", "m"))
        await settle(pilot)
        [added] = [m for m in app.store.meetings.values() if m.get("hand")]
        assert {app.store.actors[p]["name"] for p in added["participants"]} >= {"Michael Ratney", "Brett McGurk", "Alexander Lavrentiev"}
        assert text[added["evidence"][0]["start"] : added["evidence"][0]["end"]] == passage


async def test_review_mode_steps_with_y_x_and_space_and_counts(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("3", "R")
        await settle(pilot)
        total = len(app.store.quotes)
        header = app.query_one("#header").render()
        assert f"0/{total} reviewed" in str(header)
        first = app.current.id
        await pilot.press("y")
        await settle(pilot)
        second = app.current.id
        assert second != first and first in app.corrected.accepted
        await pilot.press("x")
        await settle(pilot)
        third = app.current.id
        assert second not in app.store.quotes and third not in (first, second)
        await pilot.press("space")
        await pilot.pause()
        assert app.current.id not in (first, second, third)
        assert f"2/{total} reviewed" in str(app.query_one("#header").render())
        assert row_text(app, "quotes", f"quote:{first}").startswith("✓")
        await pilot.press("R")
        await pilot.pause()
        assert "reviewed" not in str(app.query_one("#header").render())


async def test_copy_falls_back_to_a_file_with_the_provenance(explorer_store: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(clipboard, "COMMANDS", ())
    async with explorer(explorer_store) as (app, pilot):
        await show(pilot, "3", "foothold")
        await pilot.press("c")
        await settle(pilot)
    clip = (explorer_store.parent / clipboard.CLIPS_FILE).read_text(encoding="utf-8")
    quote = quote_with(app, "foothold")
    text = app.store.documents[quote["doc"]]["text"]
    span = quote["content_span"]
    assert clip.startswith(f"“{text[span['start'] : span['end']]}”")
    assert f"characters {span['start']}–{span['end']}" in clip
    assert SEED_ARTICLE.name in clip and "about: Benjamin Netanyahu" in clip
    assert "Israel Tried to Derail Syria Ceasefire" in clip


async def test_fixes_made_in_the_explorer_survive_a_reingest_of_the_changed_article(tmp_path: Path) -> None:
    folder, store_path = seed_folder_store(tmp_path)
    async with explorer(store_path) as (app, pilot):
        await show(pilot, "3", "representatives at the secret")
        await pilot.press("S", *"israel", "enter")
        await settle(pilot)
        await show(pilot, "1", "israel")
        await pilot.press("M", *"israelis", "enter")
        await settle(pilot)
    article = folder / SEED_ARTICLE.name
    text = article.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    article.write_text(head + "\n\nEditor's note: this story was updated.\n\n" + body, encoding="utf-8")
    ingest([folder], store_path)

    again = BackchannelApp(store_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        israel = named(again, "Israel")
        assert quote_with(again, "representatives at the secret")["speaker"] == israel["id"]
        assert "Israelis" in israel["aliases"] and not any(a["name"] == "Israelis" for a in again.store.actors.values())
        assert not again.corrected.missing
