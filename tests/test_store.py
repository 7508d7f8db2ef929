"""The store file: atomic writes, a crash mid-write, broken files, versions and the writer lock."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from store.db import Store
from store.db.atomic import atomic_write
from store.db.lock import writer_lock
from store.db.schema import SCHEMA_VERSION
from store.errors import StoreError, StoreLocked


def make_store(path: Path, n: int = 3) -> Store:
    store = Store.open(path, create=True)
    store.documents = {f"d{i}": {"id": f"d{i}", "path": f"p{i}", "title": f"t{i}", "text": f"text {i}"} for i in range(n)}
    store.save()
    return Store.open(path)


def test_round_trip_keeps_records_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    store = make_store(path)
    assert set(store.documents) == {"d0", "d1", "d2"}
    assert store.meta["version"] == SCHEMA_VERSION
    raw = orjson.loads(path.read_bytes())
    assert set(raw) >= {"meta", "documents"}  # TinyDB's own table layout: TinyDB can open it too


def test_a_crash_during_a_write_leaves_the_previous_store_readable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.json"
    make_store(path, 2)
    before = path.read_bytes()
    store = Store.open(path)
    store.documents["d9"] = {"id": "d9", "path": "p9", "title": "t9", "text": "new"}

    def crash(*_args: object) -> None:
        raise OSError("simulated power cut before rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated"):
        store.save()
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert set(Store.open(path).documents) == {"d0", "d1"}
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]  # no temporary file left behind


def test_a_crash_half_way_through_writing_bytes_never_touches_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.json"
    make_store(path, 2)
    before = path.read_bytes()
    real_write = os.write
    calls = {"n": 0}

    def half_write(fd: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError("disk full")
        return real_write(fd, bytes(data[: len(data) // 2]))

    monkeypatch.setattr(os, "write", half_write)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, b"x" * 10_000)
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_each_save_keeps_the_previous_generation_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    store = make_store(path, 1)
    first = path.read_bytes()
    store.documents["d5"] = {"id": "d5", "path": "p5", "title": "t5", "text": "t"}
    store.save()
    assert (tmp_path / "s.json.bak").read_bytes() == first


@pytest.mark.parametrize(
    "content,expected",
    [
        (b"", "the store file is empty"),
        (b'{"meta": {"1": {"schema": "backchannel/store", "version": 1}}, "documents": {"1": {"id"', "corrupt or truncated"),
        (b"[1, 2, 3]", "not a backchannel store"),
        (b'{"_default": {}}', "not a backchannel store (no schema record)"),
        (b'{"meta": {"1": {"schema": "backchannel/store", "version": 99}}}', "written by a newer backchannel"),
    ],
)
def test_broken_stores_give_one_clear_line_and_stay_untouched(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store.open(path, create=True)
    message = str(info.value)
    assert expected in message and str(path) in message and "\n" not in message
    assert path.read_bytes() == content


def test_a_second_writer_is_refused_with_a_message(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def second_writer() -> None:
        with writer_lock(path):
            pass

    path = tmp_path / "s.json"
    with ThreadPoolExecutor(1) as other:  # another writer: another thread holds its own lock (a process would too)
        with writer_lock(path):
            with pytest.raises(StoreLocked, match="another backchannel process is writing to this store"):
                other.submit(second_writer).result()
            with writer_lock(path):  # the same writer again (an ingest migrating the store it locked) gets in
                pass
        other.submit(second_writer).result()  # released: the next writer gets in


def test_a_corrupt_annotations_file_is_reported_and_kept(tmp_path: Path) -> None:
    from store.hand.annotations import AnnotationStore

    annotations = AnnotationStore.for_store(tmp_path / "s.json")
    annotations.path.write_bytes(b'{"schema": "backchannel/annotations", "version": 1, "annotations": {"n1": {"id"')
    before = annotations.path.read_bytes()
    with pytest.raises(StoreError, match="annotations file is corrupt or truncated") as info:
        annotations.all()
    assert str(annotations.path) in str(info.value)
    with pytest.raises(StoreError):
        annotations.put({"id": "n2"})  # a save refuses too, rather than writing over the damaged file
    assert annotations.path.read_bytes() == before


def test_two_explorers_saving_annotations_keep_each_others_work(tmp_path: Path) -> None:
    from store.hand.annotations import AnnotationStore, make_annotation

    doc = {"id": "d1", "path": "p", "text": "The envoy met the minister in Amman."}
    first, second = AnnotationStore.for_store(tmp_path / "s.json"), AnnotationStore.for_store(tmp_path / "s.json")
    a = first.put(make_annotation(doc, 4, 9, "note", "from the first window"))
    b = second.put(make_annotation(doc, 18, 26, "note", "from the second window"))
    first.put(dict(a, note="edited in the first window"))  # a save merges by record: b survives it
    notes = sorted(x["note"] for x in second.all())
    assert notes == ["edited in the first window", "from the second window"]
    assert b["id"] in {x["id"] for x in first.all()}
