"""Full-text search of the articles: what it finds is what a reader finds with their eyes, and no query can break it."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import orjson
import pytest

from store.db import Store, copy_store
from store.ingest import ingest
from store.views.fulltext import FullTextIndex, index_path, open_index, search_documents
from store.views.text_query import parse_query

from .conftest import another_writer
from .test_cli import run

ALL = 10_000


def folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def containing(store: Store, pattern: str) -> set[str]:
    """The articles a reader would point at: `pattern` found in their folded text (title included)."""
    rx = re.compile(pattern)
    return {d["id"] for d in store.documents.values() if rx.search(folded(d["text"])) or rx.search(folded(d["title"]))}


def found(store: Store, query: str) -> set[str]:
    index, note = open_index(store.path, store.documents)
    assert note is None
    total, hits = search_documents(index, store.documents, query, ALL)
    assert total == len(hits)
    return {h.doc_id for h in hits}


@pytest.mark.parametrize(
    ("query", "pattern"),
    [
        ("Erdoğan", r"\berdogan\b"),  # accents folded both ways
        ("erdogan", r"\berdogan\b"),
        ('"prime minister"', r"\bprime\W+minister\b"),
        ("negotiat*", r"\bnegotiat"),
        ('"foreign minis"*', r"\bforeign\W+minis"),
    ],
)
def test_a_query_finds_exactly_the_articles_that_hold_it(seed_store: Store, query: str, pattern: str) -> None:
    expected = containing(seed_store, pattern)
    assert expected, f"{pattern} is in none of the seed articles: the test would prove nothing"
    assert found(seed_store, query) == expected


def test_words_are_all_required_or_joins_alternatives_and_not_excludes(seed_store: Store) -> None:
    trump, putin = containing(seed_store, r"\btrump\b"), containing(seed_store, r"\bputin\b")
    assert trump & putin and trump - putin and putin - trump
    assert found(seed_store, "Trump Putin") == found(seed_store, "Trump AND Putin") == trump & putin
    assert found(seed_store, "Trump OR Putin") == trump | putin
    assert found(seed_store, "Trump NOT Putin") == found(seed_store, "Trump -Putin") == trump - putin
    assert found(seed_store, "NOT Trump") == set(seed_store.documents) - trump


def test_each_hit_shows_the_passage_with_the_words_that_matched(seed_store: Store) -> None:
    index, _ = open_index(seed_store.path, seed_store.documents)
    total, hits = search_documents(index, seed_store.documents, 'Putin "G20 summit"', 5)
    assert total >= 1 and hits
    for hit in hits:
        text = seed_store.documents[hit.doc_id]["text"]
        passage = hit.passage
        assert 0 <= passage.start < passage.end <= len(text)
        words = {folded(text[s:e]) for s, e in passage.spans}
        assert words <= {"putin", "g20 summit"} and words, words
        assert all(passage.start <= s < e <= passage.end for s, e in passage.spans)
        assert len(text[passage.start : passage.end]) <= 2 * 240 + 40


@pytest.mark.parametrize(
    "query",
    ['"unbalanced quote', "***", "NOT", "-", "AND OR NOT", "\x1b[2J", "(((", "a" * 10_000, '"" "" *', "prime minister\x00"],
)
def test_no_query_fails(seed_store: Store, query: str) -> None:
    index, _ = open_index(seed_store.path, seed_store.documents)
    total, hits = search_documents(index, seed_store.documents, query, 20)
    assert total >= len(hits) >= 0


def test_an_unclosed_quote_runs_to_the_end() -> None:
    assert parse_query('"prime minister') == parse_query('"prime minister"')
    assert parse_query("***").empty and parse_query("AND OR").empty


def test_a_missing_or_damaged_index_is_rebuilt(tmp_path: Path, seed_store: Store) -> None:
    path = tmp_path / "s.json"
    copy_store(seed_store.path, path)
    store = Store.open(path, tables=("documents",))
    expected = found(seed_store, "Putin")
    assert found(store, "Putin") == expected  # no index yet: built on first search
    assert index_path(path).is_dir()
    (index_path(path) / "meta.json").write_bytes(b"\x00not json")
    assert found(store, "Putin") == expected
    manifest = index_path(path) / "backchannel-manifest.json"
    manifest.write_bytes(orjson.dumps({"format": 1, "documents": {}}))
    assert found(store, "Putin") == expected


def test_a_search_while_an_ingest_writes_uses_the_index_as_it_was(tmp_path: Path, seed_store: Store) -> None:
    path = tmp_path / "s.json"
    copy_store(seed_store.path, path)
    store = Store.open(path, tables=("documents",))
    with another_writer(path):
        index, note = open_index(path, store.documents)
        assert "ingest is writing" in note
        assert {h.doc_id for h in search_documents(index, store.documents, "Putin", ALL)[1]} == found(seed_store, "Putin")


def test_a_reingested_article_is_found_by_its_new_words(tmp_path: Path, seed_copy: Path) -> None:
    store_path = tmp_path / "s.json"
    ingest([seed_copy], store_path, workers=1)
    article = next(seed_copy.iterdir())
    article.write_text(article.read_text(encoding="utf-8").replace("Hamburg", "Zanzibar"), encoding="utf-8")
    ingest([seed_copy], store_path, workers=1)
    store = Store.open(store_path, tables=("documents",))
    index = FullTextIndex(store_path)
    assert not index.stale(store.documents)  # ingest brought it up to date
    assert index.search("Zanzibar")[0] == 1 and index.search("Hamburg")[0] == 0


def test_the_command_prints_each_article_with_its_passage(seed_store: Store) -> None:
    result = run("search", "Putin", "--store", str(seed_store.path), "-n", "2")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    total = len(containing(seed_store, r"\bputin\b"))
    assert lines[0] == f"{total} of {len(seed_store.documents)} articles match 'Putin'; the best 2"
    assert sum("Putin" in line for line in lines[1:]) >= 2


def test_the_command_gives_offsets_that_slice_the_article(seed_store: Store) -> None:
    result = run("search", '"G20 summit" OR Hamburg', "--store", str(seed_store.path), "--json")
    assert result.exit_code == 0, result.output
    rows = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert rows
    for row in rows:
        text = seed_store.documents[row["document"]]["text"]
        assert text[row["start"] : row["end"]] == row["passage"]
        assert {folded(text[s:e]) for s, e in row["matches"]} <= {"g20 summit", "hamburg"}
