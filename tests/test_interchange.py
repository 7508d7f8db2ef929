"""CSV and W3C Web Annotation exports: they open with standard tools and carry offsets that hold."""

from __future__ import annotations

import csv
from pathlib import Path

import orjson
from click.testing import CliRunner

from store.db import Store
from store.hand.annotations import AnnotationStore, make_annotation
from tui.cli import main

from .conftest import SEED_ARTICLE


def annotate(store_path: Path) -> dict:
    store = Store.open(store_path)
    doc = next(d for d in store.documents.values() if d["path"].endswith(SEED_ARTICLE.name))
    start = doc["text"].index("Hezbollah")
    putin = next(a["id"] for a in store.actors.values() if a["name"] == "Vladimir Putin")
    return AnnotationStore.for_store(store_path).put(
        make_annotation(doc, start, start + 9, "note", 'Lebanese militia, "Party of God"', putin)
    )


def test_csv_tables_open_with_the_csv_module_and_carry_the_right_offsets(tmp_path: Path, explorer_store: Path) -> None:
    annotate(explorer_store)
    out = tmp_path / "csv"
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--store", str(explorer_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    store = Store.open(explorer_store)
    tables = {
        name: list(csv.DictReader((out / name).open(encoding="utf-8", newline="")))
        for name in ("actors.csv", "meetings.csv", "quotes.csv", "annotations.csv")
    }
    assert len(tables["quotes.csv"]) == len(store.quotes)
    assert len(tables["actors.csv"]) == sum(len(a["mentions"]) for a in store.actors.values())
    for table, text_column in (
        ("actors.csv", "text"),
        ("quotes.csv", "content"),
        ("meetings.csv", "evidence"),
        ("annotations.csv", "exact"),
    ):
        for row in tables[table]:
            assert store.documents[row["doc"]]["text"][int(row["start"]) : int(row["end"])] == row[text_column]
    [note] = tables["annotations.csv"]
    assert note["note"] == 'Lebanese militia, "Party of God"' and note["actor"] == "Vladimir Putin"
    hamburg = next(r for r in tables["meetings.csv"] if r["place"] == "Hamburg, Germany")
    assert hamburg["participants"] == "Donald Trump; Vladimir Putin" and hamburg["time_iso"] == "2017-07-07"


def test_csv_needs_a_folder(explorer_store: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--store", str(explorer_store)])
    assert result.exit_code == 2 and "name a folder with -o" in result.stderr


def test_web_annotation_selectors_hold_the_exact_text_at_their_position(explorer_store: Path) -> None:
    saved = annotate(explorer_store)
    result = CliRunner().invoke(main, ["export", "--format", "webannotation", "--store", str(explorer_store)])
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.stdout_bytes)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection" and data["total"] == 1
    [item] = data["items"]
    assert item["type"] == "Annotation"
    quote, position = item["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
    text = Store.open(explorer_store).documents[saved["doc"]]["text"]
    assert text[position["start"] : position["end"]] == quote["exact"] == "Hezbollah"
    assert text[: position["start"]].endswith(quote["prefix"]) and text[position["end"] :].startswith(quote["suffix"])
    purposes = {b["purpose"]: b["value"] for b in item["body"]}
    assert purposes == {"tagging": "note", "commenting": 'Lebanese militia, "Party of God"', "identifying": "Vladimir Putin"}
