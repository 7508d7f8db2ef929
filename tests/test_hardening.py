"""Hardening: nothing outside what the user chose is read, nothing hostile reaches a terminal or a spreadsheet,
no traceback on any input. One test per defect found by the adversarial pass, each failing before its fix."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import orjson
import pytest

from store.db import Store, copy_store
from store.hand.annotations import AnnotationStore, make_annotation
from store.ingest import ingest
from store.read.reader import read_paths

from .conftest import ROOT, WIKINEWS
from .test_cli import run

pytestmark = pytest.mark.xdist_group(__name__)  # module fixtures built once: one process (Makefile)

ARTICLE = WIKINEWS / "0036.txt"


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real article, ingested once; tests copy it."""
    folder = tmp_path_factory.mktemp("small")
    shutil.copy(ARTICLE, folder / ARTICLE.name)
    ingest([folder / ARTICLE.name], folder / "s.json", workers=1)
    return folder / "s.json"


@pytest.fixture
def store(tmp_path: Path, small_store: Path) -> Path:
    path = tmp_path / "s.json"
    copy_store(small_store, path)
    return path


def one_line_error(result) -> str:  # noqa: ANN001
    """The command failed with one line, no traceback; that line."""
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit), result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("backchannel: "), result.stderr
    return lines[0]


# --- reads and writes ---------------------------------------------------------------------------


def test_a_link_inside_a_folder_is_not_followed_but_a_link_named_directly_is(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("Headline\n\nA private text the user never chose to ingest.\n", encoding="utf-8")
    (folder / "x.txt").symlink_to(secret)
    shutil.copy(ARTICLE, folder / "a.txt")
    report = read_paths([folder])
    assert [Path(a.path).name for a in report.articles] == ["a.txt"]
    assert report.skipped == [f"{folder / 'x.txt'}: a symbolic link inside a folder, not followed; name its target to read it"]
    assert [a.text for a in read_paths([folder / "x.txt"]).articles] == [secret.read_text(encoding="utf-8")]


def test_a_folder_nested_a_thousand_deep_is_walked(tmp_path: Path) -> None:
    deep = tmp_path / "d"
    levels = [deep]
    for _ in range(1100):  # made one level at a time: pathlib and os.makedirs recurse, and would fail first
        levels.append(levels[-1] / "a")
    for level in levels:
        level.mkdir()
    shutil.copy(ARTICLE, levels[-1] / "x.txt")
    try:
        assert len(read_paths([deep]).articles) == 1
    finally:
        (levels[-1] / "x.txt").unlink()
        for level in reversed(levels):  # shutil.rmtree recurses too
            level.rmdir()


def test_a_link_planted_at_a_temporary_name_is_never_written_through(tmp_path: Path, store: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched", encoding="utf-8")
    notes = AnnotationStore.for_store(store)
    for pid in range(os.getpid() - 2, os.getpid() + 3):  # every name the old scheme could have used
        (tmp_path / f".{notes.path.name}.tmp-{pid}").symlink_to(victim)
    doc = next(iter(Store.open(store).documents.values()))
    notes.put(make_annotation(doc, 0, 7, "note", "mine"))
    assert victim.read_text(encoding="utf-8") == "untouched"
    assert stat.S_ISREG(os.lstat(notes.path).st_mode)


def test_saves_keep_the_files_mode_and_new_notes_are_private(tmp_path: Path, store: Path) -> None:
    notes = AnnotationStore.for_store(store)
    doc = next(iter(Store.open(store).documents.values()))
    notes.put(make_annotation(doc, 0, 7, "note", "first"))
    assert stat.S_IMODE(notes.path.stat().st_mode) == 0o600  # a person's notes
    notes.path.chmod(0o640)
    notes.put(make_annotation(doc, 8, 12, "note", "second"))
    assert stat.S_IMODE(notes.path.stat().st_mode) == 0o640
    store.chmod(0o640)
    s = Store.open(store)
    s.save()
    assert stat.S_IMODE(store.stat().st_mode) == 0o640


def test_a_read_only_store_is_refused_before_any_work_and_left_as_it_was(tmp_path: Path, store: Path) -> None:
    before = store.read_bytes()
    store.chmod(0o444)
    try:
        line = one_line_error(run("ingest", str(ARTICLE), "--store", str(store)))
        assert "read-only" in line and "chmod u+w" in line
        line = one_line_error(run("doctor", "--repair", "--store", str(store)))
        assert "read-only" in line
    finally:
        store.chmod(0o644)
    assert store.read_bytes() == before


def test_a_read_only_folder_is_refused_before_the_parse(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        line = one_line_error(run("ingest", str(ARTICLE), "--store", str(folder / "s.json")))
        assert "the folder is not writable" in line
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


def test_one_file_named_two_ways_is_one_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    shutil.copy(ARTICLE, folder / "x.txt")
    monkeypatch.chdir(tmp_path)
    ingest([Path("a")], tmp_path / "s.json", workers=1)
    (folder / "x.txt").write_text(ARTICLE.read_text(encoding="utf-8") + "\nA paragraph added later.\n", encoding="utf-8")
    summary = ingest([folder.resolve()], tmp_path / "s.json", workers=1)
    assert (summary.changed, summary.added) == (1, 0)
    [doc] = Store.open(tmp_path / "s.json").documents.values()
    assert doc["text"].endswith("A paragraph added later.\n")


def test_evaluate_writes_nothing_it_was_not_asked_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gold = tmp_path / "gold" / "dev"
    gold.mkdir(parents=True)
    for suffix in (".txt", ".json"):
        shutil.copy(ROOT / "tests" / "gold" / "dev" / f"0036{suffix}", gold / f"0036{suffix}")
    monkeypatch.chdir(tmp_path)
    result = run("evaluate", str(tmp_path / "gold"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold"]


# --- what reaches a terminal, a clipboard or a spreadsheet ---------------------------------------


def test_cli_output_shows_markup_and_escapes_literally(store: Path) -> None:
    s = Store.open(store)
    actor = max(s.actors.values(), key=lambda a: len(a["mentions"]))
    actor["name"] = "\x1b[2J\x1b[H[link=file:///etc/passwd]Evil[/link]"
    s.save()
    doc = next(iter(s.documents.values()))
    AnnotationStore.for_store(store).put(make_annotation(doc, 0, 7, "[link=file:///etc/passwd]x[/link]", "\x1b]52;c;ZXZpbA==\x07"))
    for args in (("stats",), ("history",)):
        result = run(*args, "--store", str(store), env={"FORCE_COLOR": "1", "COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        assert "\x1b[2J" not in result.output and "\x1b]8;" not in result.output and "\x1b]52" not in result.output
    assert "␛[2J␛[H[link=file:///etc/passwd]Evil[/link]" in run("stats", "--store", str(store), env={"COLUMNS": "200"}).output


def test_a_file_name_with_an_escape_reaches_stderr_visible(tmp_path: Path) -> None:
    hostile = tmp_path / "x\x1b[2J.txt"
    hostile.write_bytes(b"")
    line = one_line_error(run("ingest", str(hostile), "--store", str(tmp_path / "s.json")))
    assert "\x1b" not in line and "x␛[2J.txt" in line and "empty" in line


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_json_stays_exact(tmp_path: Path, store: Path) -> None:
    doc = next(iter(Store.open(store).documents.values()))
    formula = '=HYPERLINK("http://evil/","x")'
    AnnotationStore.for_store(store).put(make_annotation(doc, 0, 7, "@SUM(1+1)", formula))
    assert run("export", "--format", "csv", "-o", str(tmp_path / "csv"), "--store", str(store)).exit_code == 0
    written = (tmp_path / "csv" / "annotations.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in written and "'@SUM(1+1)" in written
    assert ",=HYPERLINK" not in written and ',"=HYPERLINK' not in written
    exported = orjson.loads(run("export", "--store", str(store)).stdout)
    assert [a["note"] for a in exported["annotations"]] == [formula]


# --- bad input: one line, never a traceback --------------------------------------------------------


def test_a_record_of_the_wrong_shape_is_one_line_for_every_reader_and_doctor_keeps_the_rest(tmp_path: Path, store: Path) -> None:
    raw = orjson.loads(store.read_bytes())
    key = next(iter(raw["actors"]))
    raw["actors"][key]["mentions"] = "not a list"
    store.write_bytes(orjson.dumps(raw))
    before = store.read_bytes()
    for args in (("export",), ("report", "-o", str(tmp_path / "r.html")), ("stats",), ("history",), ("ingest", str(ARTICLE))):
        line = one_line_error(run(*args, "--store", str(store)))
        assert "wrong shape" in line and "doctor" in line
    assert store.read_bytes() == before
    checked = run("doctor", "--store", str(store), env={"COLUMNS": "200"})
    assert checked.exit_code != 0 and "every record has the shape it must have" in checked.output
    repaired = run("doctor", "--repair", "--store", str(store))
    assert repaired.exit_code == 0, repaired.output
    assert run("stats", "--store", str(store)).exit_code == 0
    assert any(p.name.startswith("s.json.doctor-") for p in tmp_path.iterdir())  # the original is kept aside


def test_an_annotation_of_the_wrong_shape_is_set_aside_by_repair_never_dropped(store: Path) -> None:
    notes = AnnotationStore.for_store(store)
    doc = next(iter(Store.open(store).documents.values()))
    notes.put(make_annotation(doc, 0, 7, "note", "good"))
    raw = orjson.loads(notes.path.read_bytes())
    raw["annotations"]["broken"] = {"id": "broken", "doc": doc["id"], "start": "zero"}
    notes.path.write_bytes(orjson.dumps(raw))
    line = one_line_error(run("export", "--store", str(store)))
    assert "'broken' is of the wrong shape" in line
    assert run("doctor", "--repair", "--store", str(store)).exit_code == 0
    after = orjson.loads(notes.path.read_bytes())
    assert after["set_aside"] == [{"id": "broken", "doc": doc["id"], "start": "zero"}]
    assert [a["note"] for a in AnnotationStore.for_store(store).all()] == ["good"]


def test_a_full_disk_is_one_line_and_the_store_is_as_it_was(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = store.read_bytes()
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if len(data) > 1000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    changed = ARTICLE.read_text(encoding="utf-8") + "\nOne more paragraph.\n"
    folder = store.parent / "in"
    folder.mkdir()
    (folder / "y.txt").write_text(changed, encoding="utf-8")
    line = one_line_error(run("ingest", str(folder), "--store", str(store), "-q"))
    assert "No space left on device" in line and "free some space" in line
    assert store.read_bytes() == before
    assert not [p for p in store.parent.iterdir() if ".tmp-" in p.name]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("export", "-o", "{dir}"), "is a folder"),
        (("export", "--format", "brat", "-o", "{file}"), "is a file"),
        (("export", "--format", "csv", "-o", "{file}"), "is a file"),
        (("report", "-o", "{missing}/r.html"), "no such folder"),
    ],
)
def test_outputs_that_cannot_be_written_are_one_line(tmp_path: Path, store: Path, args: tuple[str, ...], said: str) -> None:
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("keep me", encoding="utf-8")
    places = {"dir": tmp_path / "adir", "file": tmp_path / "afile", "missing": tmp_path / "missing"}
    line = one_line_error(run(*[a.format(**places) for a in args], "--store", str(store)))
    assert said in line
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "keep me"


def test_ingest_with_a_corrupt_annotations_file_writes_the_store_and_says_so(tmp_path: Path, store: Path) -> None:
    notes = AnnotationStore.for_store(store).path
    notes.write_bytes(b'{"schema": "backchannel-annotations", "version": 1, "annotations": {"a":')
    folder = tmp_path / "more"
    folder.mkdir()
    shutil.copy(WIKINEWS / "0124.txt", folder / "0124.txt")
    result = run("ingest", str(folder), "--store", str(store), "-q")
    assert result.exit_code == 0, result.output
    assert "the store was updated, but the hand corrections could not be re-applied" in result.stderr
    assert len(Store.open(store).documents) == 2
    assert notes.read_bytes().endswith(b'{"a":')  # left as it was


def test_a_single_skipped_file_says_why(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    line = one_line_error(run("ingest", str(empty), "--store", str(tmp_path / "s.json")))
    assert "empty (no text)" in line and "see above" not in line


def test_brat_import_skips_a_pipe_and_a_huge_offset_and_caps_runaway_files(tmp_path: Path, store: Path) -> None:
    import store.interchange.brat as brat

    folder = tmp_path / "brat"
    assert run("export", "--format", "brat", "-o", str(folder), "--store", str(store)).exit_code == 0
    stem = next(p.stem for p in folder.glob("*.ann"))
    os.mkfifo(folder / "x.ann")
    (folder / "x.txt").write_text("text", encoding="utf-8")
    lines = [f"T{i}\tnote_{i} 0 7\t{ARTICLE.read_text(encoding='utf-8')[:7]}" for i in range(1, brat.MAX_NOTES_PER_DOCUMENT + 50)]
    lines.insert(0, "T0\tnote " + "9" * 5000 + " " + "9" * 5001 + "\tx")
    (folder / f"{stem}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("import", str(folder), "--store", str(store))
    assert result.exit_code == 0, result.output
    assert "x.ann: not a regular file" in result.stderr
    assert "49 more notes were not imported" in result.stderr
    assert len(AnnotationStore.for_store(store).all()) == brat.MAX_NOTES_PER_DOCUMENT


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_with_a_byte_order_mark_are_read(tmp_path: Path, codec: str) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "a.txt").write_bytes(data)
    report = read_paths([tmp_path / "a.txt"])
    assert [a.text for a in report.articles] == [text] and report.skipped == []


@pytest.mark.parametrize(
    ("model", "said"),
    [("{tmp}/nothing", "no such folder"), ("{tmp}", "no config.cfg"), ("rich", "not a spaCy pipeline"), ("no_such_model", "not installed")],
)
def test_a_model_that_is_not_one_is_one_line(tmp_path: Path, model: str, said: str) -> None:
    line = one_line_error(run("ingest", str(ARTICLE), "--store", str(tmp_path / "s.json"), "--model", model.format(tmp=tmp_path)))
    assert said in line
    assert not (tmp_path / "s.json").exists()


def test_a_link_planted_at_the_pack_is_never_written_through(tmp_path: Path) -> None:
    """A new store's pack is created by the first ingest: a link already at its name stops the ingest in one line."""
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(ARTICLE, folder / ARTICLE.name)
    store = tmp_path / "s.json"
    (tmp_path / "s.json.pack").symlink_to(victim)
    result = run("ingest", str(folder), "--store", str(store), "-w", "1")
    assert result.exit_code != 0 and "Traceback" not in result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith("backchannel: ") and "s.json.pack: a link" in line
    assert victim.read_text(encoding="utf-8") == "untouched" and not store.exists()
