"""The export contract: its shape, and every span slicing to the text it claims."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from click.testing import CliRunner

from store.db import Store, copy_store
from store.hand.annotations import AnnotationStore, make_annotation
from store.language.gazetteer import norm
from tui.cli import main

from .conftest import SEED_ARTICLE, doc_by_path

SPAN = {"start": int, "end": int}
CONTRACT: dict[str, dict[str, Any]] = {
    "documents": {"id": str, "path": str, "title": str, "sha256": str, "text": str},
    "actors": {"id": str, "name": str, "kind": str, "aliases": list, "roles": list, "mentions": list},
    "meetings": {
        "id": str,
        "doc": str,
        "participants": list,
        "place": (str, type(None)),
        "time": (str, type(None)),
        "topic": (str, type(None)),
        "evidence": list,
    },
    "quotes": {
        "id": str,
        "doc": str,
        "speaker": (str, type(None)),
        "speaker_span": (dict, type(None)),
        "cue_span": (dict, type(None)),
        "content_span": dict,
        "kind": str,
    },
    "annotations": {"id": str, "doc": str, "start": int, "end": int, "exact": str, "label": str, "note": str, "actor": (str, type(None))},
}


def export_of(store_path: Path, *extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["export", "--format", "json", "--store", str(store_path), *extra])
    assert result.exit_code == 0, result.output
    return orjson.loads(result.stdout_bytes)


def check_span(text: str, span: dict[str, int]) -> str:
    assert set(span) == {"start", "end"} and all(isinstance(v, int) for v in span.values())
    assert 0 <= span["start"] < span["end"] <= len(text), span
    piece = text[span["start"] : span["end"]]
    assert piece == piece.strip(), f"span {span} has edge whitespace: {piece!r}"
    return piece


def validate(data: dict[str, Any]) -> None:
    assert data["schema"] == "backchannel/export" and data["version"] == 1
    for key, fields in CONTRACT.items():
        assert isinstance(data[key], list)
        for record in data[key]:
            for name, kind in fields.items():
                assert name in record and isinstance(record[name], kind), (key, name, record.get(name))
    texts = {d["id"]: d["text"] for d in data["documents"]}
    actor_ids = {a["id"] for a in data["actors"]}
    assert len(actor_ids) == len(data["actors"])
    for actor in data["actors"]:
        assert actor["kind"] in ("person", "organization", "country", "group")
        forms = {norm(actor["name"])} | {norm(a) for a in actor["aliases"]}
        for m in actor["mentions"]:
            piece = check_span(texts[m["doc"]], {"start": m["start"], "end": m["end"]})
            assert norm(piece) in forms, (actor["name"], piece)
    for meeting in data["meetings"]:
        assert len(meeting["participants"]) >= 2 and set(meeting["participants"]) <= actor_ids
        for ev in meeting["evidence"]:
            check_span(texts[meeting["doc"]], ev)
    for quote in data["quotes"]:
        assert quote["kind"] in ("direct", "indirect", "mixed")
        assert quote["speaker"] is None or quote["speaker"] in actor_ids
        text = texts[quote["doc"]]
        content = check_span(text, quote["content_span"])
        assert len(content.split()) >= 2
        for key in ("speaker_span", "cue_span"):
            if quote[key] is not None:
                check_span(text, quote[key])
    for ann in data["annotations"]:
        assert texts[ann["doc"]][ann["start"] : ann["end"]] == ann["exact"]


def test_the_seed_export_follows_the_contract_and_every_span_slices(seed_store: Store) -> None:
    data = export_of(seed_store.path)
    validate(data)
    assert len(data["documents"]) == 31
    assert data["actors"] and data["meetings"] and data["quotes"]


def test_the_corpus_export_follows_the_contract(corpus_store: Store) -> None:
    validate(export_of(corpus_store.path))


def test_export_includes_hand_annotations_and_writes_files(tmp_path: Path, seed_store: Store) -> None:
    store_path = tmp_path / "s.json"
    copy_store(seed_store.path, store_path)
    doc = doc_by_path(Store.open(store_path), SEED_ARTICLE.name)
    start = doc["text"].index("Hezbollah")
    AnnotationStore.for_store(store_path).put(make_annotation(doc, start, start + 9, "note", "Lebanese militia"))
    out = tmp_path / "export.json"
    result = CliRunner().invoke(main, ["export", "--store", str(store_path), "-o", str(out)])
    assert result.exit_code == 0
    data = orjson.loads(out.read_bytes())
    validate(data)
    [ann] = data["annotations"]
    assert (ann["exact"], ann["label"], ann["note"]) == ("Hezbollah", "note", "Lebanese militia")
