"""Shared fixtures: stores ingested once per test session (the model loads once), and helpers."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from store.db import Store, copy_store
from store.ingest import ingest

# Notes and corrections record who made them: the same name on every machine, so snapshots and exports compare.
os.environ["BACKCHANNEL_USER"] = "tester"

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_b551b49508079964.txt"
WIKINEWS = Path(__file__).resolve().parent / "data" / "wikinews"


@pytest.fixture(autouse=True)
def _one_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--user` sets the variable for the process it runs in: put it back after each test that invoked the CLI with it."""
    monkeypatch.setenv("BACKCHANNEL_USER", "tester")


def ingest_seeds(path: Path, **options: Any) -> Path:
    """All of seeds/, ingested the way `make run` does (from the repository, with relative paths)."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        ingest([Path("seeds")], path, workers=1, **options)
    finally:
        os.chdir(cwd)
    return path


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store.open(ingest_seeds(tmp_path_factory.mktemp("seeds") / "store.json"))


@pytest.fixture
def explorer_store(tmp_path: Path, seed_store: Store) -> Path:
    """A private copy of the seed store, named as `make run` names it, for one explorer test."""
    path = tmp_path / "backchannel.json"
    copy_store(seed_store.path, path)
    return path


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The hand-checked test articles, each with its headline as line 1."""
    path = tmp_path_factory.mktemp("corpus") / "store.json"
    ingest([WIKINEWS], path, workers=1)
    return Store.open(path)


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A private folder holding the seed article, for tests that change files."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_ARTICLE, folder / SEED_ARTICLE.name)
    return folder


@contextmanager
def another_writer(store_path: Path) -> Iterator[None]:
    """The store's writer lock held by another writer (a thread here; an ingest in another process in real use)."""
    import threading

    from store.db.lock import writer_lock

    held, done = threading.Event(), threading.Event()

    def hold() -> None:
        with writer_lock(store_path):
            held.set()
            done.wait()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait()
    try:
        yield
    finally:
        done.set()
        thread.join()


def doc_by_path(store: Store, suffix: str) -> dict[str, Any]:
    return next(d for d in store.documents.values() if d["path"].endswith(suffix))


def actor_named(store: Store, name: str) -> dict[str, Any]:
    wanted = name.casefold()
    matches = [a for a in store.actors.values() if a["name"].casefold() == wanted]
    assert matches, f"no actor named {name!r}; have {sorted(a['name'] for a in store.actors.values())[:80]}"
    return matches[0]


def has_role(actor: dict[str, Any], role: str) -> bool:
    """Roles compare as names do: 'Russian president' in one article is 'Russian President' in another."""
    from store.language.gazetteer import norm

    return norm(role) in {norm(r) for r in actor["roles"]}


def span_text(store: Store, doc_id: str, span: dict[str, int] | None) -> str | None:
    return None if span is None else store.documents[doc_id]["text"][span["start"] : span["end"]]


def quotes_in(store: Store, doc_id: str) -> list[dict[str, Any]]:
    return sorted((q for q in store.quotes.values() if q["doc"] == doc_id), key=lambda q: q["content_span"]["start"])


def quote_table(store: Store, doc: dict[str, Any]) -> list[tuple[str | None, str | None, str, str | None, str]]:
    """(speaker phrase, cue, content, speaker's actor name, kind) of each quote of a document, in reading order: the
    extraction tests compare these with what a reader wrote."""
    return [
        (
            span_text(store, doc["id"], q["speaker_span"]),
            span_text(store, doc["id"], q["cue_span"]),
            span_text(store, doc["id"], q["content_span"]) or "",
            store.actors[q["speaker"]]["name"] if q["speaker"] else None,
            q["kind"],
        )
        for q in quotes_in(store, doc["id"])
    ]


def find_quote(table: list[tuple], content_start: str) -> tuple:
    matches = [row for row in table if row[2].startswith(content_start)]
    assert matches, f"no quote starting {content_start!r}; have {[r[2][:40] for r in table]}"
    return matches[0]
