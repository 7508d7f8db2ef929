"""`backchannel doctor` finds broken offsets and references and repairs them; old stores are migrated."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

import store.db.migrations as migrations
import store.db.schema as schema
from store.db import Store, copy_store
from store.hand.annotations import AnnotationStore, make_annotation
from tui.cli import main

from .conftest import SEED_ARTICLE


def doctor(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, ["doctor", *args])


def test_a_healthy_store_is_reported_healthy(explorer_store: Path) -> None:
    result = doctor("--store", str(explorer_store))
    assert result.exit_code == 0 and "healthy" in result.output


def test_broken_offsets_and_references_are_found_and_repaired_with_a_backup(explorer_store: Path) -> None:
    broken = Store.open(explorer_store)  # written through the store: its quotes are columns in the file
    quote = next(iter(broken.quotes.values()))
    broken.quotes[quote["id"]] = dict(quote, content_span={"start": 10, "end": 10_000_000})  # past its document's end
    meeting = next(iter(broken.meetings.values()))
    meeting["participants"][0] = "a-nobody"  # an actor that does not exist
    broken.save()

    found = doctor("--store", str(explorer_store))
    assert found.exit_code == 1 and "doctor --repair" in found.stderr
    assert "every span lies in its document" in found.output

    repaired = doctor("--store", str(explorer_store), "--repair")
    assert repaired.exit_code == 0, repaired.output
    assert "backup:" in repaired.output
    backups = list(explorer_store.parent.glob("backchannel.json.doctor-*.bak"))
    assert backups and orjson.loads(backups[0].read_bytes())["columns"]  # the broken original, kept
    store = Store.open(explorer_store)
    for q in store.quotes.values():
        assert q["content_span"]["end"] <= len(store.documents[q["doc"]]["text"])
    assert all(a in store.actors for m in store.meetings.values() for a in m["participants"])


def test_repair_reanchors_moved_annotations_and_keeps_orphans(tmp_path: Path, explorer_store: Path) -> None:
    store = Store.open(explorer_store)
    doc = next(d for d in store.documents.values() if d["path"].endswith(SEED_ARTICLE.name))
    annotations = AnnotationStore.for_store(explorer_store)
    start = doc["text"].index("Hezbollah")
    moved = dict(make_annotation(doc, start, start + 9, "note", "moved"), start=start + 5, end=start + 14)
    orphan = dict(make_annotation(doc, start, start + 9, "note", "orphan"), id="n-orphan", exact="text that is nowhere")
    annotations.put(moved)
    annotations.put(orphan)
    result = doctor("--store", str(explorer_store), "--repair")
    assert result.exit_code == 0, result.output
    records = {a["note"]: a for a in annotations.all()}
    assert doc["text"][records["moved"]["start"] : records["moved"]["end"]] == "Hezbollah"
    assert "orphan" in records  # kept, never dropped


def test_an_older_store_is_migrated_on_open_after_a_backup(tmp_path: Path, explorer_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.json"
    copy_store(explorer_store, path)
    original = path.read_bytes()

    def one_to_two(data: dict) -> dict:
        for doc in data["documents"].values():
            doc["language"] = "en"
        return data

    current = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, current, one_to_two)
    store = Store.open(path)
    assert store.meta["version"] == current + 1
    assert all(d["language"] == "en" for d in store.documents.values())
    assert (tmp_path / f"old.json.v{current}.bak").read_bytes() == original
    assert Store.open(path).meta["version"] == current + 1  # written: the next open needs no migration
