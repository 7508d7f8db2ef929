"""The documents table and the extractions' places held column-wise (store schema 4): what is read back is what was
written, a document changed in place is saved, a record of another shape stays a record, damage is one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from store.db import Store, copy_store
from store.db.document_columns import (
    DocumentTable,
    decode_documents,
    encode_documents,
    line_starts_many,
    line_starts_of,
    path_order,
)
from store.db.pack import PackedDocument
from store.views.highlights import document_order
from tui.cli import main

from .conftest import SEED_ARTICLE


def test_the_store_file_holds_documents_as_columns_and_they_read_back_as_records(seed_store: Store) -> None:
    raw = orjson.loads(seed_store.path.read_bytes())
    assert not raw["documents"] and not raw["extractions"]  # every document and extraction place is a row
    table = decode_documents(raw["columns"]["1"]["documents"])
    rows = list(zip(table.fields["path"], table.ids, strict=True))
    assert len(rows) == 31 and rows == sorted(rows)  # saved in reading order, by path
    opened = Store.open(seed_store.path)
    assert isinstance(opened.documents, DocumentTable) and len(opened.documents) == 31
    doc = next(d for d in opened.documents.values() if d["path"].endswith(SEED_ARTICLE.name))
    assert isinstance(doc, PackedDocument) and not doc.loaded()  # the text stays in the pack until it is asked for
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert doc["text"].strip() == text.strip() and doc["title"] in text
    starts = doc["line_starts"]  # each line start, read off the column, is where a line of the text begins
    assert starts[0] == 0 and all(doc["text"][s - 1] == "\n" for s in starts[1:]) and len(starts) == doc["text"].count("\n") + 1
    every = Store.open(seed_store.path)  # with the extractions: each read from its place in the pack
    assert set(every.extractions) == set(every.documents) and all(x["doc"] == d for d, x in every.extractions.items())


def test_the_documents_order_is_the_rows_order_and_follows_a_change(tmp_path: Path, seed_store: Store) -> None:
    path = copy_store(seed_store.path, tmp_path / "s.json")
    store = Store.open(path)
    by_path = [d["id"] for d in sorted(store.documents.values(), key=lambda d: (d["path"], d["id"]))]
    fresh = Store.open(path)
    assert fresh.documents.in_path_order() and document_order(fresh) == by_path
    first = fresh.documents[by_path[0]]
    fresh.documents["dnew"] = {"id": "dnew", "path": "0-first.txt", "title": "A first", "text": "Added.\nLater."}
    assert document_order(fresh) == ["dnew", *by_path]
    del fresh.documents[by_path[1]]
    assert document_order(fresh) == ["dnew", by_path[0], *by_path[2:]] and first is fresh.documents[by_path[0]]


def test_a_document_changed_in_place_and_one_of_another_shape_are_saved(tmp_path: Path, seed_store: Store) -> None:
    path = copy_store(seed_store.path, tmp_path / "s.json")
    store = Store.open(path)
    some, other = sorted(store.documents)[:2]
    store.documents[some]["story"] = other  # as story grouping marks a copy: on the record the table gave
    store.documents[other]["note"] = None  # a field set to None: not a row of the columns
    store.save()
    raw = orjson.loads(path.read_bytes())
    assert [r["id"] for r in raw["documents"].values()] == [other]  # beside the columns, as a record
    again = Store.open(path)
    assert again.documents[some]["story"] == other and "note" in again.documents[other] and again.documents[other]["note"] is None
    assert again.documents[other]["text"] == store.documents[other]["text"]  # its text still read from the pack
    assert set(again.documents) == set(store.documents) and len(again.documents) == len(store.documents)


def test_a_damaged_documents_column_is_one_line_and_the_file_is_left_as_it_was(tmp_path: Path, seed_store: Store) -> None:
    path = copy_store(seed_store.path, tmp_path / "s.json")
    raw = orjson.loads(path.read_bytes())
    raw["columns"]["1"]["documents"]["fields"]["title"] = raw["columns"]["1"]["documents"]["fields"]["title"][:-1]
    path.write_bytes(orjson.dumps(raw))
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["stats", "--store", str(path)])
    assert result.exit_code != 0
    [line] = result.output.strip().splitlines()
    assert line.startswith("backchannel: ") and "columns are damaged" in line and "'title'" in line
    assert path.read_bytes() == before


field_values = st.one_of(
    st.text(max_size=6), st.sampled_from(["CC BY 2.5", "txt"]), st.lists(st.text(max_size=3), max_size=2), st.integers(-(2**63), 2**63 - 1)
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    starts = sorted(set(draw(st.lists(st.integers(1, 5000), max_size=5))))
    record = {
        "id": draw(st.text(min_size=1, max_size=8)),
        "path": draw(st.text(max_size=8)),
        "title": draw(st.text(max_size=8)),
        "line_starts": [0, *starts] if draw(st.booleans()) else [3, 1],  # out of order: kept as a record
        "packed": [draw(st.integers(0, 2**40)), draw(st.integers(0, 2**31 - 1))],
    }
    for name in draw(st.lists(st.sampled_from(["date", "license", "story", "author"]), unique=True)):
        record[name] = draw(st.one_of(field_values, st.none()))
    return record


@settings(max_examples=80, deadline=None)
@given(st.lists(documents(), max_size=10, unique_by=lambda d: d["id"]))
def test_documents_read_back_from_their_columns_as_they_were_written(records: list[dict[str, Any]]) -> None:
    beside, columns = encode_documents({str(i): r for i, r in enumerate(records)})
    columns = orjson.loads(orjson.dumps(columns))  # through the file's JSON
    table = decode_documents(columns)
    read = {r["id"]: r for r in beside.values()} | {ident: table[ident] for ident in table}
    assert read == {r["id"]: r for r in records}
    assert path_order(table) == sorted(table.ids, key=lambda d: (read[d]["path"], d))
    assert len(table) == len(table.ids) == len(records) - len(beside)


def test_a_table_without_a_path_column_is_damage_not_a_crash() -> None:
    _, columns = encode_documents({"1": {"id": "d1", "path": "p", "title": "t", "line_starts": [0], "packed": [0, 3]}})
    del columns["fields"]["path"]
    with pytest.raises(ValueError, match="no path"):
        decode_documents(columns)


def test_many_documents_line_starts_at_once_are_each_documents_own(seed_store: Store) -> None:
    """The network reads every document's line starts in one go off the column; a document set since, one taken out
    and one never there are read as their records have them (or not at all)."""
    documents = seed_store.documents
    assert isinstance(documents, DocumentTable)
    ids = list(documents)
    table = documents.bound(documents.pack)  # a table of its own over the same columns
    changed = dict(table[ids[0]], line_starts=[0, 5, 9])
    table[ids[0]] = changed
    del table[ids[-1]]
    asked = [*ids, "not-a-document"]
    lengths, flat = line_starts_many(table, asked)
    lookup = line_starts_of(table)
    expected = [lookup(doc_id) or [] for doc_id in asked]
    assert lengths.tolist() == [len(e) for e in expected]
    assert flat.tolist() == [start for e in expected for start in e]
    assert expected[0] == [0, 5, 9] and expected[-1] == [] and expected[-2] == []
