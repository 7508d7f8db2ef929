"""The command line as a user meets it: exit codes and one-line messages, never a traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from store.db import Store
from tui.cli import main

from .conftest import SEED_ARTICLE


def run(*args: str, env: dict[str, str] | None = None):  # noqa: ANN201
    return CliRunner().invoke(main, list(args), env=env)


def test_ingest_then_stats_lists_the_top_actors(tmp_path: Path, seed_copy: Path) -> None:
    store = tmp_path / "s.json"
    result = run("ingest", str(seed_copy), "--store", str(store))
    assert result.exit_code == 0, result.output
    assert "1 documents" in result.output
    stats = run("stats", "--store", str(store), "--top", "3")
    assert stats.exit_code == 0
    assert "Syria" in stats.output and "documents" in stats.output


def test_the_store_can_come_from_the_environment(tmp_path: Path, seed_copy: Path) -> None:
    store = tmp_path / "env.json"
    assert run("ingest", str(seed_copy), "-q", env={"BACKCHANNEL_STORE": str(store)}).exit_code == 0
    assert len(Store.open(store).documents) == 1


def test_missing_path_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("ingest", str(tmp_path / "missing"), "--store", str(tmp_path / "s.json"))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [f"backchannel: {tmp_path / 'missing'}: no such file or folder; check the path and run the command again"]
    assert not (tmp_path / "s.json").exists()


def test_skipped_files_are_reported_and_the_rest_ingested(tmp_path: Path, seed_copy: Path) -> None:
    (seed_copy / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    result = run("ingest", str(seed_copy), "--store", str(tmp_path / "s.json"), "-q")
    assert result.exit_code == 0
    assert "blob.txt: looks like a binary file" in result.stderr
    assert len(Store.open(tmp_path / "s.json").documents) == 1


def test_a_corrupt_store_is_reported_and_never_overwritten(tmp_path: Path, seed_copy: Path) -> None:
    store = tmp_path / "s.json"
    store.write_bytes(b'{"meta": {"1": {"schema": "backchannel/store", "ver')
    before = store.read_bytes()
    for args in (["ingest", str(seed_copy)], ["export"], ["stats"]):
        result = run(*args, "--store", str(store))
        assert result.exit_code == 1, args
        assert "corrupt or truncated" in result.stderr and "left untouched" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert store.read_bytes() == before


def test_export_without_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    result = run("export", "--store", str(tmp_path / "none.json"))
    assert result.exit_code == 1 and "run `backchannel ingest PATH` first" in result.stderr


def test_bad_max_size_is_explained(tmp_path: Path) -> None:
    result = run("ingest", str(SEED_ARTICLE), "--max-size", "huge", "--store", str(tmp_path / "s.json"))
    assert result.exit_code == 2 and "not a size" in result.stderr
