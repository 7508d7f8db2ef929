"""An archive: one store per month, opened as one store, re-ingested shard by shard, hand work kept across shards."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from store.db import Store
from store.hand.annotations import AnnotationStore, make_annotation
from store.hand.corrections import actor_target
from store.hand.edits import make_edit
from store.ingest import ingest
from store.resolve.archive import open_store, shards
from store.views.slices import make_slice
from tui.cli import main
from tui.view import READ_TABLES
from tui.widgets.panes import ItemList

from .conftest import SEEDS, actor_named, ingest_seeds
from .explorer import explorer, until

pytestmark = pytest.mark.xdist_group(__name__)  # module fixtures built once: one process (Makefile)

BORIS = "Boris Johnson elected Conservative leader"


def months_of_seeds() -> set[str]:
    lines = (SEEDS / "wikinews-politics.jsonl").read_text(encoding="utf-8").splitlines()
    return {orjson.loads(line)["date"][:7] for line in lines if line.strip()}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """seeds/ as an archive, ingested the way the seed store is."""
    return ingest_seeds(tmp_path_factory.mktemp("archive") / "arch", shards=True)


def export_of(path: Path) -> dict:
    result = CliRunner().invoke(main, ["export", "--format", "json", "--store", str(path)])
    assert result.exit_code == 0, result.output
    return orjson.loads(result.stdout_bytes)


def test_an_archive_holds_a_store_per_month_and_reads_as_one_store_of_the_same_articles(archive: Path, seed_store: Store) -> None:
    assert {p.stem for p in shards(archive)} == months_of_seeds() | {"undated"}  # the seed article has no date
    sharded, single = export_of(archive), export_of(seed_store.path)
    for table in ("documents", "actors", "meetings", "quotes"):
        assert sharded[table] == single[table], table


def test_a_month_opens_its_shard_alone(archive: Path) -> None:
    store = open_store(archive, READ_TABLES, "2020-01-01", "2020-01-31")
    assert store.path == archive / "2020-01.json"
    assert sorted(d["date"] for d in store.documents.values()) == [
        "2020-01-05",
        "2020-01-06",
        "2020-01-10",
        "2020-01-11",
        "2020-01-13",
        "2020-01-18",
    ]


async def test_the_explorer_opens_an_archive_and_a_slice_of_it(archive: Path, seed_store: Store) -> None:
    async with explorer(archive) as (app, _pilot):
        assert app.query_one("#documents", ItemList).total == len(seed_store.documents)
        assert actor_named(app.store, "Boris Johnson")["documents"] == actor_named(seed_store, "Boris Johnson")["documents"]
    from tui.app import BackchannelApp

    app = BackchannelApp(archive, make_slice("2019-09", "2019-09"))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.loaded, "the slice to load")
        assert {d["date"][:7] for d in app.store.documents.values()} == {"2019-09"}


def test_re_ingest_touches_only_the_changed_shard_and_hand_work_survives_a_move_between_shards(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    arch = tmp_path / "arch"
    ingest([folder], arch, workers=1, shards=True)
    stamps = {p.name: p.stat().st_mtime_ns for p in shards(arch)}
    records = folder / "wikinews-politics.jsonl"
    lines = records.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if BORIS in line)
    record = orjson.loads(lines[index])
    record["text"] += "\n\nThis article was updated."
    lines[index] = orjson.dumps(record).decode()
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest([folder], arch, workers=1)  # a folder already: an archive, no flag needed
    changed = {p.name for p in shards(arch) if p.stat().st_mtime_ns != stamps[p.name]}
    assert changed == {"2019-07.json"}

    # Hand work on the archive: a note on the article, a rename of its main actor.
    store = open_store(arch)
    [doc] = [d for d in store.documents.values() if d["title"].startswith(BORIS)]
    text = doc["text"]
    phrase = "as the new Conservative leader"
    notes = AnnotationStore.for_store(arch)
    notes.put(make_annotation(doc, text.index(phrase), text.index(phrase) + len(phrase), "follow up", "check the vote count"))
    notes.record(make_edit("actor.rename", actor_target(actor_named(store, "Theresa May")), name="Theresa Mary May"))

    record["date"] = "2019-08-01"  # a corrected date moves the article to another month
    lines[index] = orjson.dumps(record).decode()
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest([folder], arch, workers=1)
    july = Store.open(arch / "2019-07.json")
    august = Store.open(arch / "2019-08.json")
    assert not any(d["title"].startswith(BORIS) for d in july.documents.values())
    assert any(d["title"].startswith(BORIS) for d in august.documents.values())
    data = export_of(arch)
    assert len(data["documents"]) == 31  # in one shard only
    [note] = data["annotations"]
    texts = {d["id"]: d["text"] for d in data["documents"]}
    assert not note["orphaned"] and texts[note["doc"]][note["start"] : note["end"]] == phrase
    names = {a["name"] for a in data["actors"]}
    assert "Theresa Mary May" in names and "Theresa May" not in names


def test_a_folder_of_other_files_is_never_made_an_archive(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--store", str(tmp_path)])
    assert result.exit_code != 0
    [line] = result.output.strip().splitlines()
    assert "not an archive" in line and sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_commands_that_work_on_one_store_file_say_so_for_an_archive(archive: Path) -> None:
    result = CliRunner().invoke(main, ["doctor", "--store", str(archive)])
    assert result.exit_code != 0
    [line] = result.output.strip().splitlines()
    assert line.startswith("backchannel: ") and "archive" in line and "one store file" in line


def test_a_view_of_several_months_is_resolved_once_and_again_only_when_a_month_changes(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.resolve.archive as archive_module

    arch = tmp_path / "arch"
    shutil.copytree(archive, arch)
    for cache in arch.glob(".resolved-*.json"):
        cache.unlink()
    first = open_store(arch, READ_TABLES)
    assert len(list(arch.glob(".resolved-*.json"))) == 1

    def no_resolve(_store: Store) -> None:
        raise AssertionError("resolved again although no month changed")

    monkeypatch.setattr(archive_module, "resolve_store", no_resolve)
    again = open_store(arch, READ_TABLES)
    assert (again.actors, again.meetings, again.quotes) == (first.actors, first.meetings, first.quotes)
    shard = arch / "2019-07.json"
    shard.write_bytes(shard.read_bytes())  # a month written again (as an ingest does) is a new version of it
    with pytest.raises(AssertionError, match="resolved again"):
        open_store(arch, READ_TABLES)


def test_the_benchmarks_archive_is_the_one_an_ingest_of_its_files_would_write(seed_store: Store, tmp_path: Path) -> None:
    """bench/corpus.py builds its 100,000-article archive without the model; an ingest of its files must find every
    article as it is stored (else the re-ingest benchmark would time a full parse)."""
    from bench.corpus import scaled_archive

    files, months = tmp_path / "files", ["2020-01", "2020-02", "2020-03"]
    archive = scaled_archive(seed_store, 40, tmp_path / "arch", files, months)
    assert [p.stem for p in shards(archive)] == months
    first = ingest([files], archive)
    assert (first.unchanged, first.parsed) == (40, 0)
    (files / "000004.txt").write_text((files / "000004.txt").read_text(encoding="utf-8") + "\nA line added.\n", encoding="utf-8")
    again = ingest([files], archive)
    assert (again.changed, again.parsed, again.unchanged) == (1, 1, 39)
    month = open_store(archive, READ_TABLES, "2020-02-01", "2020-02-28")
    assert any(d["text"].endswith("A line added.\n") for d in month.documents.values())  # 000004 is dated in the 2nd month
