"""A re-ingest reads only the files that changed, and never mistakes a changed file, a re-dated one or a new store
for one it read before."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import orjson
import pytest

import store.read.reader as reader
from store.db import Store
from store.ingest import ingest
from store.read.seen_files import FORMAT, RACY_NS, FileRead, SeenFiles, file_signature
from tui.progress import summary_table

from .conftest import WIKINEWS

ARTICLES = ("0005.txt", "0036.txt", "0124.txt")
HOUR_NS = 3600 * 10**9


def age(folder: Path) -> None:
    """Files written an hour ago: past the two seconds in which a file read is not trusted to stay as read."""
    for path in folder.iterdir():
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns - HOUR_NS, st.st_mtime_ns - HOUR_NS))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "articles"
    out.mkdir()
    for name in ARTICLES:
        shutil.copy(WIKINEWS / name, out / name)
    age(out)
    return out


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the reader decodes, in order."""
    decoded: list[Path] = []
    real = reader.decode

    def counting(raw: bytes, path: Path, report: reader.ReadReport) -> str | None:
        decoded.append(path)
        return real(raw, path, report)

    monkeypatch.setattr(reader, "decode", counting)
    return decoded


def dates(store_path: Path) -> dict[str, str | None]:
    return {Path(d["path"]).name: d.get("date") for d in Store.open(store_path).documents.values()}


def test_an_unchanged_folder_is_not_read_again(tmp_path: Path, folder: Path, reads: list[Path]) -> None:
    store_path = tmp_path / "s.json"
    first = ingest([folder], store_path)
    assert len(reads) == 3 and first.added == 3
    reads.clear()
    again = ingest([folder], store_path)
    assert reads == []
    assert (again.files, again.articles, again.unchanged, again.parsed, again.written) == (3, 3, 3, 0, False)
    assert (again.documents, again.undated) == (3, 3)  # the counts as a read would give them
    assert again.files_kept == 3
    row = next(r for r in summary_table(again, "s.json").columns[1].cells)
    assert row == "0 of 3; 3 unchanged since the last ingest, not read again"


def test_only_the_changed_file_is_read(tmp_path: Path, folder: Path, reads: list[Path]) -> None:
    store_path = tmp_path / "s.json"
    ingest([folder], store_path)
    reads.clear()
    changed = folder / "0036.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe hospital said he was awake.\n", encoding="utf-8")
    summary = ingest([folder], store_path)
    assert reads == [changed] and summary.files_kept == 2
    assert (summary.changed, summary.unchanged, summary.parsed) == (1, 2, 1)
    texts = {Path(d["path"]).name: d["text"] for d in Store.open(store_path).documents.values()}
    assert texts["0036.txt"].endswith("The hospital said he was awake.\n") and len(texts) == 3


def test_a_change_that_keeps_the_size_and_the_time_is_still_read(tmp_path: Path, folder: Path) -> None:
    """An edit of the same length with the modification time put back (as a careless copy or `touch -r` would) still
    changes the file's change time, which the record also holds."""
    store_path = tmp_path / "s.json"
    ingest([folder], store_path)
    path = folder / "0005.txt"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("the", "THE", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    summary = ingest([folder], store_path)
    assert summary.changed == 1
    assert any("THE" in d["text"] for d in Store.open(store_path).documents.values())


def test_a_file_read_as_soon_as_it_was_written_is_not_trusted() -> None:
    """Within two seconds of its last write, a file's time may not move when it is written again (a coarse clock)."""
    st = os.stat(WIKINEWS / "0005.txt")
    seen = SeenFiles(Path("unused"), 1)
    seen.record("fresh", FileRead(file_signature(st), st.st_mtime_ns + RACY_NS // 2, {}, ["d"], 0))
    seen.record("settled", FileRead(file_signature(st), st.st_mtime_ns + RACY_NS, {}, ["d"], 0))
    seen.record("undated", FileRead(file_signature(st), st.st_mtime_ns + RACY_NS, {}, ["d"], 1))
    fresh, settled, undated = (seen.find(key) for key in ("fresh", "settled", "undated"))
    assert not seen.unchanged(fresh, st, {}, redating=False)
    assert seen.unchanged(settled, st, {}, redating=False)
    assert not seen.unchanged(settled, st, {"date": "2020-01-01"}, redating=False)  # its metadata row changed
    assert seen.unchanged(settled, st, None, redating=False)  # its metadata files as they were: the row is too
    assert not seen.unchanged(undated, st, {}, redating=True)


def test_a_changed_metadata_row_redates_an_untouched_file(tmp_path: Path, folder: Path) -> None:
    store_path = tmp_path / "s.json"
    sidecar = folder / "metadata.jsonl"
    sidecar.write_text('{"file": "0005.txt", "date": "2020-05-01"}\n', encoding="utf-8")
    ingest([folder], store_path)
    assert dates(store_path)["0005.txt"] == "2020-05-01"
    sidecar.write_text('{"file": "0005.txt", "date": "2020-06-02"}\n', encoding="utf-8")
    ingest([folder], store_path)
    assert dates(store_path)["0005.txt"] == "2020-06-02"


def test_a_date_given_on_the_command_line_reaches_files_read_before(tmp_path: Path, folder: Path) -> None:
    store_path = tmp_path / "s.json"
    ingest([folder], store_path)
    assert set(dates(store_path).values()) == {None}
    summary = ingest([folder], store_path, default_date="2021-03-04")
    assert set(dates(store_path).values()) == {"2021-03-04"} and summary.undated == 0


def test_a_new_store_reads_every_file(tmp_path: Path, folder: Path, reads: list[Path]) -> None:
    """The record of reads belongs to the store it was made with: a store deleted (or restored from a backup) beside an
    old record is filled again from every file, not left empty."""
    store_path = tmp_path / "s.json"
    ingest([folder], store_path)
    record = store_path.with_name("s.json.files")
    kept = record.read_bytes()
    for path in tmp_path.glob("s.json*"):
        if path.is_file():
            path.unlink()
    record.write_bytes(kept)
    reads.clear()
    summary = ingest([folder], store_path)
    assert len(reads) == 3 and summary.added == 3 and len(Store.open(store_path).documents) == 3


def test_a_damaged_record_of_reads_costs_a_full_read(tmp_path: Path, folder: Path, reads: list[Path]) -> None:
    store_path = tmp_path / "s.json"
    ingest([folder], store_path)
    record = store_path.with_name("s.json.files")
    record.write_bytes(b'{"format": 1, "files": [not json')
    reads.clear()
    summary = ingest([folder], store_path)
    assert len(reads) == 3 and summary.unchanged == 3 and not summary.written
    assert orjson.loads(record.read_bytes())["format"] == FORMAT  # written again whole
    reads.clear()
    ingest([folder], store_path)
    assert reads == []


def test_an_archive_rereads_nothing_that_did_not_change(tmp_path: Path, folder: Path, reads: list[Path]) -> None:
    (folder / "metadata.jsonl").write_text(
        '{"file": "0005.txt", "date": "2020-05-01"}\n{"file": "0036.txt", "date": "2020-08-24"}\n', encoding="utf-8"
    )
    archive = tmp_path / "archive"
    ingest([folder], archive, shards=True)
    reads.clear()
    summary = ingest([folder], archive)
    assert reads == [] and summary.unchanged == 3 and not summary.written
    changed = folder / "0124.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nLater, the meeting was postponed.\n", encoding="utf-8")
    summary = ingest([folder], archive)
    assert reads == [changed] and summary.changed == 1
    assert sorted(p.name for p in archive.glob("[!.]*.json")) == ["2020-05.json", "2020-08.json", "undated.json"]


@pytest.fixture
def sidecar_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The metadata files the reader loads, in order."""
    loaded: list[Path] = []
    real = reader.load_sidecar

    def counting(folder: Path, warnings: list[str]):  # noqa: ANN202 - the reader's own signature
        sidecar = real(folder, warnings)
        if sidecar is not None:
            loaded.append(sidecar.path)
        return sidecar

    monkeypatch.setattr(reader, "load_sidecar", counting)
    return loaded


def dated_folder(folder: Path) -> Path:
    sidecar = folder / "metadata.jsonl"
    sidecar.write_text("".join(f'{{"file": "{name}", "date": "2020-05-0{i + 1}"}}\n' for i, name in enumerate(ARTICLES)), encoding="utf-8")
    age(folder)
    return sidecar


def test_metadata_files_as_they_were_are_not_read_again(tmp_path: Path, folder: Path, sidecar_loads: list[Path]) -> None:
    """A folder walked whole with the metadata files over it unchanged: its rows are the ones recorded, so a changed
    article keeps its date without the metadata file being read (a catalogue of 100,000 rows took half a second)."""
    sidecar = dated_folder(folder)
    store_path = tmp_path / "s.json"
    ingest([folder], store_path)
    assert sidecar_loads == [sidecar]
    sidecar_loads.clear()
    changed = folder / "0036.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe hospital said he was awake.\n", encoding="utf-8")
    summary = ingest([folder], store_path)
    assert summary.changed == 1 and sidecar_loads == []
    assert dates(store_path) == {"0005.txt": "2020-05-01", "0036.txt": "2020-05-02", "0124.txt": "2020-05-03"}


def test_a_metadata_file_edited_in_place_is_read_again(tmp_path: Path, folder: Path) -> None:
    """Same size, modification time put back: the change time still tells, and the rows are looked up again."""
    sidecar = dated_folder(folder)
    store_path = tmp_path / "s.json"
    ingest([folder], store_path)
    before = sidecar.stat()
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("2020-05-01", "2020-06-01"), encoding="utf-8")
    os.utime(sidecar, ns=(before.st_atime_ns, before.st_mtime_ns))
    ingest([folder], store_path)
    assert dates(store_path)["0005.txt"] == "2020-06-01"


def test_a_new_article_beside_kept_ones_reads_the_metadata_file_without_false_warnings(tmp_path: Path, folder: Path) -> None:
    """The new file needs its row, so the metadata file is read; the rows of the files kept without a lookup are
    still rows for files that are there, not reported as naming files that were not read."""
    dated_folder(folder)
    store_path = tmp_path / "s.json"
    ingest([folder], store_path)
    shutil.copy(WIKINEWS / "0047.txt", folder / "0047.txt")
    summary = ingest([folder], store_path)
    assert summary.added == 1 and summary.files_kept == 3
    assert not [w for w in summary.warnings if "a row names" in w]


def test_a_folder_named_from_higher_up_is_dated_by_the_metadata_file_there(tmp_path: Path, folder: Path) -> None:
    """Read first as its own folder, then from its parent, whose metadata file names it: the files are dated now."""
    inner = folder / "inner"
    inner.mkdir()
    shutil.copy(WIKINEWS / "0047.txt", inner / "0047.txt")
    (folder / "metadata.jsonl").write_text('{"file": "inner/0047.txt", "date": "2019-10-21"}\n', encoding="utf-8")
    age(folder)
    age(inner)
    store_path = tmp_path / "s.json"
    ingest([inner], store_path)
    assert dates(store_path) == {"0047.txt": None}
    ingest([folder], store_path)
    assert dates(store_path)["0047.txt"] == "2019-10-21"


def test_a_record_with_a_field_of_the_wrong_type_is_no_record(tmp_path: Path, folder: Path, reads: list[Path]) -> None:
    """Valid JSON in the right shape, but a time that is not a number (an edit by hand): a full read, no crash."""
    store_path = tmp_path / "s.json"
    ingest([folder], store_path)
    record = store_path.with_name("s.json.files")
    data = orjson.loads(record.read_bytes())
    data["read_ns"][0] = "yesterday"
    record.write_bytes(orjson.dumps(data))
    reads.clear()
    summary = ingest([folder], store_path)
    assert len(reads) == 3 and summary.unchanged == 3
