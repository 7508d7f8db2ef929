"""Mentions and quotes held column-wise in the store file: read back exactly, migrated from schema 2, damage caught."""

from __future__ import annotations

import copy
from array import array
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from store.db import Store, copy_store
from store.db.columns import MentionColumns, Mentions, QuoteTable, by_document_and_speaker, quote_columns, reading_order, to_plain
from store.db.middleware import decode, encode
from store.db.schema import SCHEMA_VERSION
from store.hand.annotations import AnnotationStore, make_annotation
from store.hand.corrections import actor_target
from store.hand.edits import make_edit
from store.resolve.resolve import resolve_store
from store.views.queries import Records
from tui.cli import main

from .conftest import SEED_ARTICLE
from .helpers.old_stores import write_schema


def plain(table: Any) -> dict[str, Any]:
    return orjson.loads(orjson.dumps(dict(table.items()), default=to_plain))


def export(path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["export", "--format", "json", "--store", str(path)])
    assert result.exit_code == 0, result.output
    return orjson.loads(result.stdout_bytes)


def test_the_store_file_holds_mentions_and_quotes_as_columns_and_reads_back_what_resolve_made(seed_store: Store) -> None:
    raw = orjson.loads(seed_store.path.read_bytes())
    assert "columns" in raw and not raw["quotes"]  # every extracted quote is a row of the columns
    assert all("mentions_at" in a and "mentions" not in a for a in raw["actors"].values())
    opened = Store.open(seed_store.path)
    assert isinstance(opened.quotes, QuoteTable) and all(isinstance(a["mentions"], Mentions) for a in opened.actors.values())
    fresh = Store.open(seed_store.path)
    resolve_store(fresh)  # the same tables, made again from the extractions: plain dicts and lists
    assert plain(opened.actors) == plain(fresh.actors)
    assert plain(opened.quotes) == plain(fresh.quotes)
    doc = next(d for d in opened.documents.values() if d["path"].endswith(SEED_ARTICLE.name))
    said = {doc["text"][q["content_span"]["start"] : q["content_span"]["end"]] for q in opened.quotes.values() if q["doc"] == doc["id"]}
    assert any("launching pad" in words for words in said)  # the seed's "the Israelis said" quote, sliced from its offsets
    for actor in opened.actors.values():
        for m in actor["mentions"]:  # offsets read from the columns slice the name out of the text
            name = opened.documents[m["doc"]]["text"][m["start"] : m["end"]]
            assert name and name[0].isalnum()


@pytest.mark.parametrize("version", [2, 3])
def test_an_older_store_with_notes_and_corrections_is_migrated_after_a_backup(tmp_path: Path, seed_store: Store, version: int) -> None:
    today, old = tmp_path / "today.json", tmp_path / "old.json"
    copy_store(seed_store.path, today)
    write_schema(seed_store.path, old, version)
    doc = next(d for d in Store.open(seed_store.path).documents.values() if d["path"].endswith(SEED_ARTICLE.name))
    start = doc["text"].index("Hezbollah")
    note = make_annotation(doc, start, start + 9, "note", "Lebanese militia")
    actors = {a["name"]: a for a in seed_store.actors.values()}
    merge = make_edit("actor.merge", actor_target(actors["Israel"]), other=actor_target(actors["Israelis"]))
    for path in (today, old):  # the same hand work on both
        AnnotationStore.for_store(path).put(note)
        AnnotationStore.for_store(path).record(merge)
    original = old.read_bytes()
    assert ("columns" in orjson.loads(original)) == (version == 3)
    migrated = Store.open(old)
    assert migrated.meta["version"] == SCHEMA_VERSION == 4
    assert (tmp_path / f"old.json.v{version}.bak").read_bytes() == original
    migrated_raw = orjson.loads(old.read_bytes())
    assert {"documents", "extractions", "quotes", "mentions"} <= set(migrated_raw["columns"]["1"])
    assert len(old.read_bytes()) < len(original)
    before, after = export(today), export(old)
    assert after["documents"] == before["documents"]
    assert after["actors"] == before["actors"] and after["quotes"] == before["quotes"]
    assert after["annotations"] == before["annotations"] and after["meetings"] == before["meetings"]
    names = {a["name"] for a in after["actors"]}
    assert "Israel" in names and "Israelis" not in names  # the merge is in force after the migration


def test_a_damaged_column_is_one_line_and_the_file_is_left_as_it_was(tmp_path: Path, seed_store: Store) -> None:
    path = tmp_path / "s.json"
    copy_store(seed_store.path, path)
    raw = orjson.loads(path.read_bytes())
    column = raw["columns"]["1"]["quotes"]["columns"]
    text = column["content_span.start"]
    column["content_span.start"] = text[:20] + ("A" if text[20] != "A" else "B") + text[21:]  # one flipped character
    path.write_bytes(orjson.dumps(raw))
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["stats", "--store", str(path)])
    assert result.exit_code != 0
    [line] = result.output.strip().splitlines()
    assert line.startswith("backchannel: ") and "columns are damaged" in line and "checksum" in line
    assert path.read_bytes() == before


def test_a_quote_made_by_hand_stays_a_record_beside_the_columns(tmp_path: Path, seed_store: Store) -> None:
    path = tmp_path / "s.json"
    copy_store(seed_store.path, path)
    store = Store.open(path)
    first = next(iter(store.quotes.values()))
    made = dict(first, id="q-by-hand", hand=True)
    store.quotes["q-by-hand"] = made
    del store.quotes[first["id"]]
    store.save()
    raw = orjson.loads(path.read_bytes())
    assert [q["id"] for q in raw["quotes"].values()] == ["q-by-hand"]
    again = Store.open(path)
    assert again.quotes["q-by-hand"] == made and first["id"] not in again.quotes
    assert len(again.quotes) == len(store.quotes) == len(seed_store.quotes)


def span(draw: Any, optional: bool) -> dict[str, int] | None:
    if optional and draw(st.booleans()):
        return None
    start = draw(st.integers(0, 10_000))
    return {"start": start, "end": start + draw(st.integers(0, 500))}


@st.composite
def quotes(draw: Any) -> dict[str, Any]:
    text = st.one_of(st.none(), st.text(max_size=8))
    return {
        "id": "q" + draw(st.text("0123456789abcdef", min_size=15, max_size=15)),
        "doc": draw(st.sampled_from(["d1", "d2", "d3"])),
        "speaker": draw(st.one_of(st.none(), st.sampled_from(["a1", "a2"]))),
        "speaker_span": span(draw, True),
        "cue_span": span(draw, True),
        "content_span": span(draw, False),
        "kind": draw(st.sampled_from(["direct", "indirect"])),
        "time": draw(text),
        "time_iso": draw(text),
        "time_granularity": draw(text),
        "time_span": span(draw, True),
    }


@settings(max_examples=60, deadline=None)
@given(st.lists(quotes(), max_size=12, unique_by=lambda q: q["id"]), st.data())
def test_the_quote_table_behaves_as_the_dict_of_its_records(records: list[dict[str, Any]], data: st.DataObject) -> None:
    ids, strings, cols, others = quote_columns(records)
    assert not others
    table = QuoteTable(ids, strings, cols)
    model = {q["id"]: q for q in records}
    assert dict(table.items()) == model and list(table) == list(model)
    rank = {"d1": 2, "d2": 0, "d3": 1}
    # As extracted, the order and the groups are one sort of the columns: exactly a stable sort of the records.
    in_order = [q["id"] for q in sorted(records, key=lambda q: (rank[q["doc"]], q["content_span"]["start"]))]
    assert reading_order(table, rank) == in_order
    by_doc, by_speaker = by_document_and_speaker(table, rank)
    assert {d: list(v) for d, v in by_doc.items()} == {q["doc"]: [i for i in in_order if model[i]["doc"] == q["doc"]] for q in records}
    assert {a: list(v) for a, v in by_speaker.items()} == {
        q["speaker"]: [i for i in in_order if model[i]["speaker"] == q["speaker"]] for q in records if q["speaker"]
    }
    assert all(v[1:] == list(v)[1:] and v[-1] == list(v)[-1] for v in (*by_doc.values(), *by_speaker.values()))
    assert by_doc.get("d9") is None and by_speaker.get("nobody") is None  # a key with no group, as a dict says it
    # Each group's records are built from its rows: the same records the table gives by id, whole, one, or a slice.
    for group in (*by_doc.values(), *by_speaker.values()):
        assert list(Records(table, group)) == [model[i] for i in group]
        assert Records(table, group)[-1] == model[group[-1]] and Records(table, group)[:2] == [model[i] for i in list(group)[:2]]
    copied = table.copy()
    for q in data.draw(st.lists(quotes(), max_size=4)):  # set, replace, delete: on the copy only
        copied[q["id"]] = q
        model[q["id"]] = q
    for ident in data.draw(st.lists(st.sampled_from(sorted(model)), max_size=3, unique=True)) if model else []:
        del copied[ident]
        del model[ident]
    assert {k: copied[k] for k in copied} == model and len(copied) == len(model)
    assert all(k in copied for k in model) and sum(1 for _ in copied.values()) == len(model)
    assert dict(table.items()) == {q["id"]: q for q in records}  # the original is untouched
    expected = sorted(model.values(), key=lambda q: (rank[q["doc"]], q["content_span"]["start"]))
    order = reading_order(copied, rank)
    assert [(model[i]["doc"], model[i]["content_span"]["start"]) for i in order] == [
        (q["doc"], q["content_span"]["start"]) for q in expected
    ]
    by_doc, by_speaker = by_document_and_speaker(copied, rank)
    assert {d: sorted(ids) for d, ids in by_doc.items()} == {
        d: sorted(q["id"] for q in model.values() if q["doc"] == d) for d in {q["doc"] for q in model.values()}
    }
    assert sum(len(v) for v in by_speaker.values()) == sum(1 for q in model.values() if q["speaker"])


def test_encoding_leaves_the_open_stores_records_as_they_were(seed_store: Store) -> None:
    data = {"actors": {"1": next(iter(seed_store.actors.values()))}, "quotes": {"1": next(iter(seed_store.quotes.values()))}}
    kept = copy.deepcopy(data)
    written = encode(data)
    assert data == kept and "mentions_at" in written["actors"]["1"]
    assert plain(decode(orjson.loads(orjson.dumps(written)))["quotes"]) == {q["id"]: q for q in kept["quotes"].values()}


@pytest.mark.parametrize("damage", ["rows", "ids"])
def test_columns_that_do_not_fit_together_are_one_line(tmp_path: Path, seed_store: Store, damage: str) -> None:
    path = tmp_path / "s.json"
    copy_store(seed_store.path, path)
    raw = orjson.loads(path.read_bytes())
    if damage == "rows":
        raw["columns"]["1"]["mentions"]["rows"] += 1
    else:
        raw["columns"]["1"]["quotes"]["ids"] += "x"
    path.write_bytes(orjson.dumps(raw))
    result = CliRunner().invoke(main, ["export", "--store", str(path)])
    assert result.exit_code != 0 and "columns are damaged" in result.output and "Traceback" not in result.output


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.tuples(st.sampled_from(["d1", "d2", "d3", "d4"]), st.integers(0, 5_000)), max_size=10), min_size=1, max_size=4),
    st.data(),
)
def test_an_actors_mentions_are_put_in_reading_order_on_the_columns(actors: list[list[tuple[str, int]]], data: st.DataObject) -> None:
    docs = ["d1", "d2", "d3", "d4"]
    doc, start, end = array("i"), array("i"), array("i")
    bounds = []
    for mentions in actors:  # each actor's rows contiguous, as the store holds them
        bounds.append((len(doc), len(doc) + len(mentions)))
        for d, s in mentions:
            doc.append(docs.index(d)), start.append(s), end.append(s + 3)
    cols = MentionColumns(docs, doc, start, end)
    ranked = data.draw(st.lists(st.sampled_from(docs), unique=True))  # a document the order leaves out is left out
    order = {d: i for i, d in enumerate(reversed(ranked))}
    for mentions, (lo, hi) in zip(actors, bounds, strict=True):
        expected = sorted(((d, s, s + 3) for d, s in mentions if d in order), key=lambda m: (order[m[0]], m[1]))
        assert Mentions(cols, lo, hi).in_reading_order(order) == expected
        for d in docs:
            assert Mentions(cols, lo, hi).in_document(d) == [(s, s + 3) for m_doc, s in mentions if m_doc == d]


def test_an_id_is_found_only_at_a_whole_row_of_the_ids_string() -> None:
    # Two ids side by side hold a third id's characters across their boundary: that is no row.
    table = QuoteTable("x" * 8 + "y" * 8 + "y" * 8 + "z" * 8, [], {})
    assert table.row_of("y" * 8 + "z" * 8) == 1
    assert table.row_of("y" * 16) is None
    assert table.row_of("short") is None
