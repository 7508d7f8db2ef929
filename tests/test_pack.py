"""The store file holds what lists need; article texts and extractions live in the pack and are read when asked for."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from store.db import Store
from store.db import pack as pack_module
from store.db.pack import PackedDocument
from store.db.schema import SCHEMA_VERSION
from store.ingest import ingest
from tui.cli import main

V1 = Path(__file__).parent / "data" / "v1"
SEED_SENTENCE = "Israel attempted to turn the U.S. and Russia"


def pack_of(path: Path) -> Path:
    return path.with_name(path.name + ".pack")


def test_the_store_file_holds_no_article_text_and_texts_are_read_when_asked(seed_store: Store) -> None:
    assert SEED_SENTENCE.encode() not in seed_store.path.read_bytes()
    assert SEED_SENTENCE.encode() in pack_of(seed_store.path).read_bytes()
    store = Store.open(seed_store.path, tables=("documents", "actors", "quotes", "meetings"))
    assert all(isinstance(d, PackedDocument) and not d.loaded() for d in store.documents.values())
    [doc] = [d for d in store.documents.values() if d["path"].endswith("000_b551b49508079964.txt")]
    for quote in (q for q in store.quotes.values() if q["doc"] == doc["id"]):  # read from the pack on first use
        span = quote["content_span"]
        assert doc["text"][span["start"] : span["end"]] == seed_store.documents[doc["id"]]["text"][span["start"] : span["end"]]
    assert doc.loaded() and SEED_SENTENCE in doc.get("text") and "text" in doc


def test_re_ingesting_unchanged_articles_appends_nothing_and_a_changed_one_only_itself(tmp_path: Path, seed_copy: Path) -> None:
    store_path = tmp_path / "s.json"
    ingest([seed_copy], store_path, workers=1)
    size = pack_of(store_path).stat().st_size
    ingest([seed_copy], store_path, workers=1)
    assert pack_of(store_path).stat().st_size == size
    article = next(seed_copy.iterdir())
    article.write_text(article.read_text(encoding="utf-8") + "\nA line added later.\n", encoding="utf-8")
    ingest([seed_copy], store_path, workers=1)
    grown = pack_of(store_path).stat().st_size - size
    assert 0 < grown < 2 * size  # the new version's text and extraction, not the whole corpus again
    [doc] = Store.open(store_path).documents.values()
    assert doc["text"].endswith("A line added later.\n")


def v1_copy(tmp_path: Path) -> Path:
    for name in ("v1-store.json", "v1-store.json.annotations.json"):
        shutil.copy(V1 / name, tmp_path / name)
    return tmp_path / "v1-store.json"


def test_a_first_schema_store_with_notes_and_corrections_is_migrated_after_a_backup(tmp_path: Path) -> None:
    path = v1_copy(tmp_path)
    original = path.read_bytes()
    old = orjson.loads(original)
    old_docs = {d["id"]: d for d in old["documents"].values()}
    store = Store.open(path)
    assert store.meta["version"] == SCHEMA_VERSION  # through 2 (the pack) to 3 (the columns), backed up once
    assert (tmp_path / "v1-store.json.v1.bak").read_bytes() == original  # the old file, kept whole
    assert len(path.read_bytes()) < len(original) / 2 and pack_of(path).exists()
    again = Store.open(path)  # written: the next open reads the new layout
    assert {d: again.documents[d]["text"] for d in old_docs} == {d: old_docs[d]["text"] for d in old_docs}
    assert {e["doc"]: e for e in again.extractions.values()} == {e["doc"]: e for e in old["extractions"].values()}
    assert {a["id"]: a for a in again.actors.values()} == {a["id"]: a for a in old["actors"].values()}
    assert {q["id"]: q for q in again.quotes.values()} == {q["id"]: q for q in old["quotes"].values()}
    # The hand work reads as before: notes anchored on the same words, the merge and the rename in force.
    result = CliRunner().invoke(main, ["export", "--format", "json", "--store", str(path)])
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.stdout_bytes)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    notes = data["annotations"]
    assert {n["exact"] for n in notes if not n["orphaned"]} == {"Israelis", SEED_SENTENCE}
    assert all(texts[n["doc"]][n["start"] : n["end"]] == n["exact"] for n in notes)
    assert {n["creator"] for n in notes} == {"archivist"}
    names = {a["name"] for a in data["actors"]}
    assert "Vladimir V. Putin" in names and "Vladimir Putin" not in names and "Israelis" not in names


def test_a_missing_or_cut_pack_is_one_line_and_the_store_is_left_as_it_was(tmp_path: Path, seed_store: Store) -> None:
    path = tmp_path / "s.json"
    shutil.copy(seed_store.path, path)  # the store file alone, as a user might copy it
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["export", "--store", str(path)])
    assert result.exit_code != 0
    [line] = result.output.strip().splitlines()
    assert line.startswith("backchannel: ") and "pack" in line and "is missing" in line and "Traceback" not in result.output
    shutil.copy(pack_of(seed_store.path), pack_of(path))
    pack_of(path).write_bytes(pack_of(path).read_bytes()[:100])
    result = CliRunner().invoke(main, ["stats", "--store", str(path)])
    assert result.exit_code != 0 and "shorter than the store says" in result.output
    assert path.read_bytes() == before


def test_an_ingest_into_a_first_schema_store_converts_it_under_its_own_lock_and_adds_the_article(tmp_path: Path) -> None:
    path = v1_copy(tmp_path)
    article = Path(__file__).parent / "data" / "wikinews" / "0036.txt"
    summary = ingest([article], path, workers=1)
    assert summary.added == 1 and summary.documents == 3
    assert (tmp_path / "v1-store.json.v1.bak").exists()
    data = orjson.loads(CliRunner().invoke(main, ["export", "--store", str(path)]).stdout_bytes)
    assert len(data["documents"]) == 3
    assert {n["exact"] for n in data["annotations"] if not n["orphaned"]} == {"Israelis", SEED_SENTENCE}
    assert "Vladimir V. Putin" in {a["name"] for a in data["actors"]}


def test_a_pack_mostly_dead_is_rewritten_with_the_live_entries_and_the_previous_one_kept_for_the_bak(
    tmp_path: Path, seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pack_module, "COMPACT_AT_BYTES", 0)
    store_path = tmp_path / "s.json"
    article = next(seed_copy.iterdir())
    original = article.read_text(encoding="utf-8")
    ingest([seed_copy], store_path, workers=1)
    for n in range(3):  # each version's text and extraction replace the last: the old ones are dead bytes
        article.write_text(original + f"\nUpdate {n}: a line added after publication.\n", encoding="utf-8")
        ingest([seed_copy], store_path, workers=1)
    store = Store.open(store_path)
    generation = store.meta["pack_generation"]
    assert generation >= 2
    bak_meta = next(iter(orjson.loads((tmp_path / "s.json.bak").read_bytes())["meta"].values()))
    kept = {pack_module.pack_name(store_path, g) for g in (generation, bak_meta.get("pack_generation", 1))}
    assert {p.name for p in tmp_path.iterdir() if ".pack" in p.name} == kept  # the store's and its .bak's, no other
    [doc] = store.documents.values()
    assert doc["text"].endswith("Update 2: a line added after publication.\n")
    live = sum(len(orjson.dumps({"text": d["text"], "blocks": d["blocks"]})) for d in store.documents.values())
    live += sum(len(orjson.dumps(e)) for e in store.extractions.values())
    assert store.pack.size() <= 2 * live
    # The previous generation, kept as .bak, still opens with its own texts.
    bak = tmp_path / "s.json.bak"
    shutil.copy(bak, tmp_path / "old.json")
    for pack in tmp_path.glob("s.json.pack*"):
        shutil.copy(pack, tmp_path / pack.name.replace("s.json", "old.json"))
    [old_doc] = Store.open(tmp_path / "old.json").documents.values()
    assert old_doc["text"].endswith("Update 1: a line added after publication.\n")
