"""One view of the notes for every reader: moved notes at their new place, gone ones flagged, actors followed through merges."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
from click.testing import CliRunner

from store.db import Store
from store.hand.annotations import AnnotationStore, make_annotation
from store.hand.corrections import actor_target
from store.hand.edits import make_edit
from store.ingest import ingest
from tui.cli import main
from tui.widgets.panes import DetailLinks

from .conftest import actor_named
from .explorer import explorer, settle

MOVES = "Israel attempted to turn the U.S. and Russia"  # the first sentence after the caption: pushed down by an insert
GOES = "The partial ceasefire was announced"  # a sentence the new version cuts
CUT = " The partial ceasefire was announced by President Donald Trump and Russian President Vladimir Putin at the G20 summit in Hamburg just days later."


def annotated(tmp_path: Path, seed_copy: Path) -> tuple[Path, Path]:
    store_path = tmp_path / "s.json"
    ingest([seed_copy], store_path, workers=1)
    [doc] = Store.open(store_path).documents.values()
    text = doc["text"]
    notes = AnnotationStore.for_store(store_path)
    notes.put(make_annotation(doc, text.index(MOVES), text.index(MOVES) + len(MOVES), "follow up", "check this claim"))
    notes.put(make_annotation(doc, text.index(GOES), text.index(GOES) + len(GOES), "meeting", "which meetings?"))
    article = next(seed_copy.iterdir())
    old = article.read_text(encoding="utf-8")
    headline, _, body = old.partition("\n")
    assert CUT in body
    article.write_text(headline + "\nAn editor's note was added at the top of this article.\n" + body.replace(CUT, ""), encoding="utf-8")
    ingest([seed_copy], store_path, workers=1)
    return store_path, article


def test_the_json_export_gives_moved_notes_their_new_place_and_flags_the_gone(tmp_path: Path, seed_copy: Path) -> None:
    store_path, _ = annotated(tmp_path, seed_copy)
    result = CliRunner().invoke(main, ["export", "--format", "json", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.stdout_bytes)
    [doc] = data["documents"]
    notes = {n["exact"]: n for n in data["annotations"]}
    moved = notes[MOVES]
    assert moved["orphaned"] is False and moved["doc"] == doc["id"]
    assert doc["text"][moved["start"] : moved["end"]] == MOVES  # the new id and offsets, not the old ones
    gone = notes[GOES]
    assert gone["orphaned"] is True and gone["note"] == "which meetings?" and gone["creator"] == "tester"
    assert GOES not in doc["text"]


def test_the_csv_export_says_which_notes_are_orphaned(tmp_path: Path, seed_copy: Path) -> None:
    store_path, _ = annotated(tmp_path, seed_copy)
    out = tmp_path / "csv"
    assert CliRunner().invoke(main, ["export", "--format", "csv", "--store", str(store_path), "-o", str(out)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO((out / "annotations.csv").read_text(encoding="utf-8"))))
    assert {r["exact"]: r["orphaned"] for r in rows} == {MOVES: "", GOES: "yes"}
    text = Store.open(store_path).documents[rows[0]["doc"]]["text"]
    moved = next(r for r in rows if r["exact"] == MOVES)
    assert text[int(moved["start"]) : int(moved["end"])] == MOVES


async def test_a_notes_actor_is_followed_through_a_merge_in_the_explorer(explorer_store: Path) -> None:
    store = Store.open(explorer_store)
    israel, israelis = actor_named(store, "Israel"), actor_named(store, "Israelis")
    mention = israelis["mentions"][0]
    doc = store.documents[mention["doc"]]
    notes = AnnotationStore.for_store(explorer_store)
    notes.put(make_annotation(doc, mention["start"], mention["end"], "actor mention", "the people, or the state?", israelis["id"]))
    notes.record(make_edit("actor.merge", actor_target(israel), other=actor_target(israelis)))
    async with explorer(explorer_store) as (app, pilot):
        await pilot.press("5")
        await settle(pilot)
        assert app.current.kind == "annotation"
        links = app.query_one(DetailLinks)
        labels = [links.get_option_at_index(i).prompt.plain for i in range(links.option_count)]
        assert any(label.startswith("actor  Israel") for label in labels), labels
    exported = orjson.loads(CliRunner().invoke(main, ["export", "--store", str(explorer_store)]).stdout_bytes)
    assert [n["actor"] for n in exported["annotations"]] == [israel["id"]]
