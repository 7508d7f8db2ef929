"""The explorer driven by keyboard with Pilot: each workflow a user relies on, checked by what they would see."""

from __future__ import annotations

import errno
import io
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from rich.text import Text

from store.db import Store
from store.hand.annotations import AnnotationStore, annotations_path
from store.ingest import ingest
from tui.app import BackchannelApp
from tui.widgets.panes import DetailLinks, ItemList
from tui.widgets.source_view import SourceView

from .conftest import ROOT, SEED_ARTICLE
from .explorer import cursor_offset, explorer, marks_by_style, ready, select_text, settle, until

SEED_NAME = SEED_ARTICLE.name


def actor_name(app: BackchannelApp) -> str:
    assert app.current is not None and app.current.kind == "actor"
    return app.store.actors[app.current.id]["name"]


async def test_fuzzy_search_finds_putin_and_shows_his_mentions(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("slash", "p", "u", "t")
        first = app.query_one("#actors", ItemList).current_id()
        assert app.store.actors[first.split(":")[1]]["name"] == "Vladimir Putin"  # best first
        await pilot.press("enter")
        await pilot.pause()
        assert actor_name(app) == "Vladimir Putin"
        assert not app.query_one("#search").display
        marks = marks_by_style(app)
        assert set(marks["mention"]) <= {"Vladimir Putin", "Putin"} and marks["mention"]
        assert marks["current"] in (["Vladimir Putin"], ["Putin"])
        source = app.query_one(SourceView)
        text = app.store.documents[source.doc_id]["text"]
        assert text[cursor_offset(app) :].startswith(marks["current"][0])  # the cursor sits on the current mention


async def test_escape_restores_the_view_from_before_the_search(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        before = app.current
        await pilot.press("slash", "a", "s", "s", "a", "d")
        await pilot.press("escape")
        await pilot.pause()
        assert app.current == before
        assert app.query_one("#actors", ItemList).option_count == len(app.store.actors)


async def test_n_steps_through_mentions_across_documents(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("slash", *"vladimir putin", "enter")
        await pilot.pause()
        actor = app.store.actors[app.current.id]
        docs_with_mentions = {m["doc"] for m in actor["mentions"]}
        assert len(docs_with_mentions) >= 2
        seen_docs = []
        source = app.query_one(SourceView)
        for _ in range(len(actor["mentions"])):
            seen_docs.append(source.doc_id)
            text = app.store.documents[source.doc_id]["text"]
            current = marks_by_style(app)["current"][0]
            assert current in ("Putin", "Vladimir Putin")
            assert text[cursor_offset(app) :].startswith(current)
            await pilot.press("n")
        assert set(seen_docs) == docs_with_mentions  # n went into every document that mentions him
        assert app.current.stop % len(actor["mentions"]) == 0  # and wrapped round to the first mention
        await pilot.press("N")
        assert app.current.stop == len(actor["mentions"]) - 1


async def test_meeting_to_participant_and_back(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("2", "slash", *"hamburg", "enter")
        await pilot.pause()
        assert app.current.kind == "meeting"
        meeting = app.store.meetings[app.current.id]
        assert meeting["place"] == "Hamburg, Germany"
        marks = marks_by_style(app)
        assert "Hamburg, Germany" in marks["place"]
        assert {"Donald Trump", "Vladimir Putin"} <= set(marks["participant"])
        await pilot.press("enter")  # from the list into the links
        assert isinstance(app.focused, DetailLinks)
        await pilot.press("enter")  # the first participant
        await pilot.pause()
        assert app.current.kind == "actor" and app.current.id in meeting["participants"]
        await pilot.press("q")
        await pilot.pause()
        assert app.current.kind == "meeting" and app.current.id == meeting["id"]


async def test_the_secret_meetings_in_amman_are_reachable(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("2", "slash", *"amman", "enter")
        await pilot.pause()
        meeting = app.store.meetings[app.current.id]
        assert meeting["place"] == "Amman"
        assert "secret meetings" in " ".join(marks_by_style(app)["evidence"])


async def test_a_quote_highlights_speaker_cue_and_content_apart(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("3", "slash", *"foothold", "enter")
        await pilot.pause()
        marks = marks_by_style(app)
        assert marks["speaker"] == ["Benjamin Netanyahu"]
        assert marks["cue"] == ["reiterating"]
        assert marks["content"] == ["it provided Iran a foothold in Syria"]
        await pilot.press("enter", "enter")  # to the speaker link, then to the speaker
        await pilot.pause()
        assert actor_name(app) == "Benjamin Netanyahu"


async def annotate_first_words(pilot, note: str) -> None:  # noqa: ANN001
    """In the seed article: select the first word of the body by keyboard and annotate it as a note."""
    await select_text(pilot, "Israel", at="Israel attempted", then=("a",))
    await pilot.pause()
    await pilot.press("4")  # the label "note"; focus moves on to the actor field
    await pilot.press("enter")  # no actor: on to the note
    await pilot.press(*note, "enter")  # enter in the note field saves
    await settle(pilot)


async def test_annotate_quit_and_find_it_again(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("slash", *"israel", "enter")
        await pilot.pause()
        app.query_one(SourceView).show(*_seed(app))
        await annotate_first_words(pilot, "opening claim")
        await pilot.press("q")  # back to where we came from, then quit
    [saved] = AnnotationStore.for_store(explorer_store).all()
    assert (saved["exact"], saved["label"], saved["note"]) == ("Israel", "note", "opening claim")

    again = BackchannelApp(explorer_store)
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("5")
        await pilot.pause()
        assert again.current.kind == "annotation"
        assert marks_by_style(again)["annotation"] == ["Israel"]
        assert "opening claim" in again.query_one("#notes", ItemList).get_option_at_index(0).prompt.plain


def _seed(app: BackchannelApp) -> tuple[str, str]:
    doc = next(d for d in app.store.documents.values() if d["path"].endswith(SEED_NAME))
    return doc["id"], doc["text"]


async def test_undo_removes_the_last_annotation(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        app.query_one(SourceView).show(*_seed(app))
        await annotate_first_words(pilot, "first")
        assert len(AnnotationStore.for_store(explorer_store).all()) == 1
        await pilot.press("u")
        await settle(pilot)
        assert AnnotationStore.for_store(explorer_store).all() == []
        assert app.query_one("#notes", ItemList).option_count == 0


async def test_delete_and_undo_brings_the_annotation_back(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        app.query_one(SourceView).show(*_seed(app))
        await annotate_first_words(pilot, "keep me")
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("d")
        await settle(pilot)
        assert AnnotationStore.for_store(explorer_store).all() == []
        await pilot.press("u")
        await settle(pilot)
        [back] = AnnotationStore.for_store(explorer_store).all()
        assert back["note"] == "keep me"


def seed_folder_store(tmp_path: Path) -> tuple[Path, Path]:
    """A folder holding a copy of the seed article, ingested into a fresh store: (folder, store)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / SEED_NAME).write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    store_path = tmp_path / "backchannel.json"
    ingest([folder], store_path)
    return folder, store_path


async def test_reingest_of_a_changed_document_reanchors_or_orphans(tmp_path: Path) -> None:
    folder, store_path = seed_folder_store(tmp_path)
    article = folder / SEED_NAME
    async with explorer(store_path) as (app, pilot):
        app.query_one(SourceView).show(*_seed(app))
        await annotate_first_words(pilot, "moves")
    # The article gains a paragraph at the top: every offset after it shifts.
    text = article.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    article.write_text(head + "\n\nEditor's note: this story was updated.\n\n" + body, encoding="utf-8")
    ingest([folder], store_path)
    store = Store.open(store_path)
    [ann] = AnnotationStore.for_store(store_path).all()
    assert ann["doc"] not in store.documents  # the stored id is the old version's

    again = BackchannelApp(store_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        anchor = again.anchors[ann["id"]]
        assert anchor.status == "moved"
        new_text = store.documents[anchor.doc]["text"]
        assert new_text[anchor.start : anchor.end] == "Israel" and anchor.start > ann["start"]
        await pilot.press("5")
        await pilot.pause()
        assert marks_by_style(again)["annotation"] == ["Israel"]

    # Now the annotated sentence is rewritten away: the annotation is kept, shown as orphaned.
    article.write_text(article.read_text(encoding="utf-8").replace("Israel attempted to turn", "Officials tried to turn"), encoding="utf-8")
    ingest([folder], store_path)
    third = BackchannelApp(store_path)
    async with third.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("5")
        await pilot.pause()
        row = third.query_one("#notes", ItemList).get_option_at_index(0).prompt.plain
        # The exact word still occurs elsewhere in the document, so it may re-anchor there; if not, it is orphaned.
        status = third.anchors[ann["id"]].status
        assert status in ("moved", "orphaned")
        if status == "orphaned":
            assert row.startswith("orphaned")
    assert len(AnnotationStore.for_store(store_path).all()) == 1  # never dropped


async def test_markup_and_escape_sequences_in_articles_are_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "h.txt").write_text(
        "Markup [bold red]x[/] Test\n\nThe minister [bold red]x[/] said \x1b[31mred\x1b[0m things to Vladimir Putin.\n",
        encoding="utf-8",
    )
    store_path = tmp_path / "s.json"
    ingest([folder], store_path)
    async with explorer(store_path, size=(100, 30)) as (app, pilot):
        source = app.query_one(SourceView)
        shown = source.text
        assert "[bold red]x[/]" in shown
        assert "\x1b" not in shown and "␛[31mred␛[0m" in shown
        svg = app.export_screenshot()
        assert "[bold&#160;red]x[/]" in svg or "[bold red]x[/]" in svg
        assert "\x1b" not in svg


def test_the_explorer_never_imports_spacy(explorer_store: Path) -> None:
    script = f"""
import asyncio, sys
from tui.app import BackchannelApp
async def main():
    app = BackchannelApp({str(explorer_store)!r})
    async with app.run_test() as pilot:
        while app.network is None:  # the background network too: the test ends in a state, not at a moment
            await asyncio.sleep(0.05)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store is not None and app.store.actors
asyncio.run(main())
print("spacy" in sys.modules, "thinc" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False False"


def test_export_carries_annotations_made_in_the_explorer(explorer_store: Path) -> None:
    store = Store.open(explorer_store)
    doc = next(d for d in store.documents.values() if d["path"].endswith(SEED_NAME))
    from store.hand.annotations import make_annotation

    start = doc["text"].index("Mossad")
    AnnotationStore.for_store(explorer_store).put(make_annotation(doc, start, start + 6, "actor mention", "", None))
    raw = orjson.loads(annotations_path(explorer_store).read_bytes())
    assert raw["schema"] == "backchannel/annotations"


async def test_the_command_palette_jumps_to_an_actor(explorer_store: Path) -> None:
    from textual.command import CommandList

    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"netanyahu")
        results = app.screen.query_one(CommandList)

        def top_hit() -> str:
            return str(results.get_option_at_index(0).prompt) if results.option_count else ""

        # The palette searches in the background: wait for its hits, not for a time.
        await until(pilot, lambda: "Netanyahu" in top_hit(), "the palette's hits for 'netanyahu'")
        await pilot.press("enter")
        await pilot.pause()
        assert actor_name(app) == "Benjamin Netanyahu"


async def test_a_name_in_the_palette_finds_the_actor_before_the_articles_about_them(explorer_store: Path) -> None:
    from textual.command import CommandList

    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"navalny")
        results = app.screen.query_one(CommandList)

        def hits() -> list[str]:
            return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]

        await until(pilot, lambda: sum("Navalny" in h for h in hits()) >= 3, "the palette's hits for 'navalny'")
        assert "actor" in hits()[0] and "Alexei Navalny" in hits()[0], hits()


async def test_question_mark_lists_every_binding(explorer_store: Path) -> None:
    from tui.screens.help import HelpScreen

    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {b.key for _, bindings in app.screen.sections for b in bindings}
        for binding in app.BINDINGS + SourceView.BINDINGS:
            assert binding.key in listed
        from rich.console import Console

        from tui.screens.help import binding_table

        console = Console(width=160, record=True, file=io.StringIO())
        console.print(binding_table(app.screen.sections))
        shown = console.export_text()
        assert "slash" not in shown and "question_mark" not in shown  # keys as a reader types them
        search_row = next(line for line in shown.splitlines() if "Search this list" in line)
        assert search_row.split()[:2] == ["explorer", "/"]
        assert [line.split()[0] for line in shown.splitlines() if line.split()[:1] == ["explorer"]] == ["explorer"]  # named once
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_a_new_ingest_is_noticed_and_reloaded_without_losing_notes(tmp_path: Path) -> None:
    folder, store_path = seed_folder_store(tmp_path)
    async with explorer(store_path) as (app, pilot):
        app.query_one(SourceView).show(*_seed(app))
        await annotate_first_words(pilot, "kept across the reload")
        # Another process ingests a second article while the explorer is open.
        (folder / "0124.txt").write_text((ROOT / "tests/data/wikinews/0124.txt").read_text(encoding="utf-8"), encoding="utf-8")
        ingest([folder], store_path)
        app.check_for_changes()
        assert app.stale
        assert len(app.store.documents) == 1  # it keeps working on what it loaded
        await pilot.press("r")
        await settle(pilot)
        await pilot.pause()
        assert len(app.store.documents) == 2 and not app.stale
        assert [a["note"] for a in app.annotations.values()] == ["kept across the reload"]


async def test_annotations_saved_by_another_explorer_appear(explorer_store: Path) -> None:
    from store.hand.annotations import make_annotation

    async with explorer(explorer_store) as (app, pilot):
        doc_id, text = _seed(app)
        start = text.index("Hezbollah")
        AnnotationStore.for_store(explorer_store).put(
            make_annotation(app.store.documents[doc_id], start, start + 9, "note", "from the other window")
        )
        app.check_for_changes()
        await settle(pilot)
        await pilot.pause()
        assert [a["note"] for a in app.annotations.values()] == ["from the other window"]
        assert app.query_one("#notes", ItemList).option_count == 1


async def test_long_lists_draw_a_page_at_a_time_and_reach_every_row(tmp_path: Path, seed_store: Store) -> None:
    from bench.corpus import scaled_store
    from tui.widgets.panes import MORE, PAGE

    path = scaled_store(seed_store, 200, tmp_path / "big.json")  # 200 documents: over a thousand quotes
    async with explorer(path) as (app, pilot):
        quotes = app.query_one("#quotes", ItemList)
        total = len(app.store.quotes)
        assert total > PAGE + 100
        assert quotes.option_count == PAGE + 1 and quotes.get_option_at_index(PAGE).id == MORE
        last = app.rows["quotes"][-1]
        app.jump_to("quote", last.split(":")[1])  # a link to a quote far down the list
        await pilot.pause()
        assert quotes.current_id() == last and quotes.option_count == total


async def test_o_orders_the_documents_by_date_or_title_and_the_source_says_which_article_and_when(tmp_path: Path) -> None:
    corpus = ROOT / "bench" / "data" / "wikinews"
    dates = {"0052.txt": "2019-09-12", "0233.txt": "2019-05-16", "0003.txt": None, "0133.txt": "2019-08-08"}
    for name in dates:
        (tmp_path / name).write_bytes((corpus / name).read_bytes())
    rows = "".join(f'{{"file": "{n}", "date": "{d}"}}\n' for n, d in dates.items() if d)
    (tmp_path / "metadata.jsonl").write_text(rows, encoding="utf-8")
    ingest([tmp_path], tmp_path / "s.json", workers=1)
    async with explorer(tmp_path / "s.json") as (app, pilot):
        await pilot.press("4")
        documents = app.query_one("#documents", ItemList)
        by_path = [app.render_row(r).plain for r in documents._ids]
        assert [row[:10] for row in by_path] == ["undated   ", "2019-09-12", "2019-08-08", "2019-05-16"]  # 0003, 0052, 0133, 0233
        await pilot.press("o")
        await settle(pilot)
        by_date = [app.render_row(r).plain for r in documents._ids]
        assert [row[:10] for row in by_date] == ["2019-05-16", "2019-08-08", "2019-09-12", "undated   "]
        assert "Doris Day" in by_date[0]
        assert documents.current_id() == documents._ids[-1]  # the cursor stays on its row
        await pilot.press("home", "enter")
        await settle(pilot)
        title = Text.from_markup(str(app.query_one(SourceView).border_title)).plain
        assert title.startswith("2019-05-16 (metadata file) · ") and "Doris Day" in title
        await pilot.press("4", "o")  # by title
        await settle(pilot)
        titles = [app.store.documents[r.partition(":")[2]]["title"] for r in documents._ids]
        assert titles == sorted(titles, key=str.casefold)
        await pilot.press("o")  # and back to the paths
        await settle(pilot)
        assert [app.render_row(r).plain for r in documents._ids] == by_path


async def test_a_save_that_fails_keeps_the_note_in_the_dialog_and_a_retry_saves_it(
    explorer_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from tui.screens.annotate import AnnotationDialog

    real_write = AnnotationStore._write
    failing = {"on": True}

    def write(self, records, log) -> None:  # noqa: ANN001
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, records, log)

    monkeypatch.setattr(AnnotationStore, "_write", write)
    async with explorer(explorer_store) as (app, pilot):
        app.query_one(SourceView).show(*_seed(app))
        await annotate_first_words(pilot, "a note worth keeping")
        await until(pilot, lambda: isinstance(app.screen, AnnotationDialog), "the dialog to come back with the note")
        assert app.screen.query_one("#note", Input).value == "a note worth keeping"
        assert any("not saved: No space left on device" in n.message for n in app._notifications)
        assert AnnotationStore.for_store(explorer_store).all() == []
        failing["on"] = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        await until(pilot, lambda: len(app.annotations) == 1, "the retried save")
    [saved] = AnnotationStore.for_store(explorer_store).all()
    assert (saved["exact"], saved["note"]) == ("Israel", "a note worth keeping")


async def test_copy_sends_no_escape_sequence_from_an_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui import clipboard

    article = tmp_path / "a.txt"
    article.write_text("Talks\n\nThe envoy said \x1b[201~rm -rf ~\x1b[200~ in Amman on Monday.\n", encoding="utf-8")
    ingest([article], tmp_path / "s.json", workers=1)
    copied: list[str] = []
    monkeypatch.setattr(clipboard, "to_clipboard_program", lambda text: copied.append(text) or "test")
    async with explorer(tmp_path / "s.json") as (app, pilot):
        doc = next(iter(app.store.documents.values()))
        app.query_one(SourceView).show(doc["id"], doc["text"])
        await select_text(pilot, "The envoy said \x1b[201~rm", then=("c",))
        await settle(pilot)
        await until(pilot, lambda: bool(copied), "the copy")
    assert "\x1b" not in copied[0] and "␛[201~rm" in copied[0]


async def test_going_round_in_a_loop_keeps_the_way_back_short(explorer_store: Path) -> None:
    """Trump → his Hamburg meeting → Putin → the meeting → Putin → the meeting: `q` goes to Trump, then quits."""
    async with explorer(explorer_store) as (app, pilot):
        trump = next(a for a in app.store.actors.values() if a["name"] == "Donald Trump")["id"]
        putin = next(a for a in app.store.actors.values() if a["name"] == "Vladimir Putin")["id"]
        hamburg = next(m["id"] for m in app.store.meetings.values() if set(m["participants"]) == {trump, putin})
        app.jump_to("actor", trump)
        start = list(app.history)
        for kind, ident in [("meeting", hamburg), ("actor", putin), ("meeting", hamburg), ("actor", putin), ("meeting", hamburg)]:
            app.jump_to(kind, ident)
            await pilot.pause()
        assert [(f.kind, f.id) for f in app.history] == [(f.kind, f.id) for f in start] + [("actor", trump)]
        await pilot.press("q")
        await settle(pilot)
        assert (app.current.kind, app.current.id) == ("actor", trump) and app.history == start


async def test_a_new_label_can_be_typed_straight_into_the_dialog(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        app.query_one(SourceView).show(*_seed(app))
        await select_text(pilot, "Israel", at="Israel attempted", then=("a",))
        from tui.screens.annotate import AnnotationDialog

        await until(pilot, lambda: isinstance(app.screen, AnnotationDialog) and app.screen.focused is not None, "the dialog")
        await pilot.press(*"threat", "enter", "enter", *"new label typed first", "enter")  # label, no actor, note
        await settle(pilot)
    [saved] = AnnotationStore.for_store(explorer_store).all()
    assert (saved["label"], saved["note"]) == ("threat", "new label typed first")


async def test_a_narrow_header_leaves_the_counts_to_the_tabs(explorer_store: Path) -> None:
    from tui.widgets.panes import HeaderBar

    async with explorer(explorer_store, size=(80, 24)) as (app, pilot):
        assert app.query_one(HeaderBar).summary == ""
        assert str(app.query_one("#tab-actors").label) == f"Actors {len(app.store.actors)}"
    wide = BackchannelApp(explorer_store)
    async with wide.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert f"{len(wide.store.actors)} actors" in wide.query_one(HeaderBar).summary


async def test_a_tab_key_moves_focus_to_its_list_even_from_the_links(explorer_store: Path) -> None:
    from tui.widgets.panes import DetailLinks

    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("enter")  # into the links of the actor on show
        await pilot.pause()
        assert isinstance(app.focused, DetailLinks)
        await pilot.press("2")
        await settle(pilot)
        meetings = app.query_one("#meetings", ItemList)
        assert app.focused is meetings
        before = meetings.highlighted
        await pilot.press("j")
        await settle(pilot)
        assert meetings.highlighted == (before or 0) + 1


async def test_a_list_out_of_sight_is_drawn_when_it_is_first_shown(explorer_store: Path) -> None:
    from tui.widgets.panes import PAGE

    async with explorer(explorer_store) as (app, pilot):
        quotes = app.query_one("#quotes", ItemList)
        # Set but not drawn while the actors are on show: the first frame does not pay for it.
        assert quotes.total == len(app.rows["quotes"]) > 0 and quotes._shown == 0
        assert quotes.current_id() == app.rows["quotes"][0]
        await pilot.press("3")
        await settle(pilot)
        assert quotes._shown == min(PAGE, quotes.total) and quotes.highlighted == 0
        assert app.current is not None and f"quote:{app.current.id}" == app.rows["quotes"][0]  # shown in the source
        await pilot.press("j")
        await settle(pilot)
        assert f"quote:{app.current.id}" == app.rows["quotes"][1]


async def test_the_network_coming_back_as_the_app_closes_is_taken_in_without_drawing(explorer_store: Path) -> None:
    from store.views.network import Network
    from tui.explorer.messages import NetworkReady

    async with explorer(explorer_store) as (app, pilot):
        assert app.current is not None and app.current.kind == "actor"
        await app.query_one(SourceView).remove()  # as when the app closes: the panes go before the worker's message
        app.network = None
        app.post_message(NetworkReady(app.view, Network(app.view.store), app.doc_dates))  # as the worker does
        await until(pilot, lambda: app.network is not None, "the network to be taken in")
        assert app.is_running and app.return_code is None
