"""Security basics: backchannel writes only where it is told, and never runs code from data."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_no_code_runs_from_a_store_or_an_import() -> None:
    """No pickle, eval or exec on data: stores and exports are JSON, read with orjson."""
    pattern = re.compile(r"\b(pickle|marshal|shelve)\b|(?<![\w.])(eval|exec)\(")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in list((ROOT / "store").rglob("*.py")) + list((ROOT / "tui").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_writes_stay_beside_the_named_files(tmp_path: Path, explorer_store: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    out = work / "export.json"
    before = set(tmp_path.rglob("*"))
    result = CliRunner().invoke(main, ["export", "--store", str(explorer_store), "-o", str(out)])
    assert result.exit_code == 0
    created = set(tmp_path.rglob("*")) - before
    assert created == {out}  # the export file and nothing else, nowhere else
