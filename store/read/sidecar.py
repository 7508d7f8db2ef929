"""Metadata files beside the articles: `metadata.jsonl` or `metadata.csv` giving each file its date and source.

Collections of saved articles often come with their metadata in a separate
file (a scrape's index, a corpus's catalogue) rather than inside each text.
One row per article: a column naming the file (`file`, `path`, `filename`,
`name` or `id`) and a date column (`date`, `published`, `pubdate`,
`date_published`, `published_at`); `url`, `license`, `attribution` and
`source` are kept too. A row's file is matched by its path relative to the
metadata file's folder, else by its name, else (for `id`) by its stem.

Bad rows never stop an ingest: a date that is not a date, or a row for a file
that is not there, is one warning line each, and the article stays undated.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from store.read.seen_files import file_signature

SIDECAR_NAMES = ("metadata.jsonl", "metadata.csv")
KEY_COLUMNS = ("file", "path", "filename", "name", "id")
DATE_COLUMNS = ("date", "published", "pubdate", "date_published", "published_at")
KEPT_COLUMNS = ("url", "license", "attribution", "source")
MAX_SIDECAR_BYTES = 50 * 1024 * 1024

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?")


def normalise_date(value: Any) -> str | None:
    """'2019-07-24', '2019-07-24T10:00:00Z' -> '2019-07-24'; None when it is not a real calendar date."""
    if not isinstance(value, str):
        return None
    match = _ISO.fullmatch(value.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


@functools.lru_cache(maxsize=65536)
def _normalised_date(value: str) -> str | None:
    return normalise_date(value)


@dataclass
class Sidecar:
    """The rows of one metadata file, by the key that names their article."""

    path: Path
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # a file name -> the one row key that ends with it
    used: set[str] = field(default_factory=set)
    signature: list[int] = field(default_factory=list)  # the file as it was read (store.read.seen_files)

    def __post_init__(self) -> None:
        self.folder = os.path.join(os.fspath(self.path.parent), "")  # with its separator: a prefix of its files' paths

    def meta_for(self, article: str | Path) -> dict[str, Any] | None:
        # String operations, not pathlib's: this runs for each of 100,000 files an ingest finds unchanged.
        written = os.fspath(article)
        folder = self.folder
        relative = written[len(folder) :].replace(os.sep, "/") if written.startswith(folder) else None
        name = os.path.basename(written)
        for key in (relative, name, os.path.splitext(name)[0]):  # the stem, as Path.stem gives it
            key = self.aliases.get(key, key) if key is not None else None
            if key is not None and key in self.rows:
                self.used.add(key)
                return self.rows[key]
        return None

    def unused(self) -> list[str]:
        return [key for key in self.rows if key not in self.used]


def load_sidecar(folder: Path, warnings: list[str]) -> Sidecar | None:
    """The metadata file in `folder`, if there is one; every problem with it becomes a warning."""
    for name in SIDECAR_NAMES:
        path = folder / name
        if not path.is_file() or path.is_symlink():
            continue
        try:
            st = path.stat()
            if st.st_size > MAX_SIDECAR_BYTES:
                warnings.append(f"{path}: over {MAX_SIDECAR_BYTES // 2**20} MB, not read as metadata; the articles stay undated")
                return None
            raw = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            warnings.append(f"{path}: cannot be read as UTF-8 metadata ({exc}); the articles it describes stay undated")
            return None
        records = _jsonl_rows(path, raw, warnings) if name.endswith(".jsonl") else _csv_rows(path, raw, warnings)
        sidecar = _index(path, records, warnings)
        sidecar.signature = file_signature(st)
        return sidecar
    return None


def _jsonl_rows(path: Path, raw: str, warnings: list[str]) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            warnings.append(f"{path}:{lineno}: not a JSON object, row skipped")
            continue
        if isinstance(record, dict):
            rows.append((lineno, record))
        else:
            warnings.append(f"{path}:{lineno}: not a JSON object, row skipped")
    return rows


def _csv_rows(path: Path, raw: str, warnings: list[str]) -> list[tuple[int, dict[str, Any]]]:
    try:
        reader = csv.DictReader(io.StringIO(raw))
        return [(lineno, dict(row)) for lineno, row in enumerate(reader, start=2)]
    except csv.Error as exc:
        warnings.append(f"{path}: not readable as CSV ({exc}); the articles it describes stay undated")
        return []


def _first_given(row: dict[str, Any], columns: tuple[str, ...]) -> Any:
    for column in columns:
        value = row.get(column)
        if value is not None and value != "":
            return value
    return None


def _index(path: Path, records: list[tuple[int, dict[str, Any]]], warnings: list[str]) -> Sidecar:
    """Rows by the file they name. Plain loops and dates parsed once each: a catalogue of 100,000 rows is read on
    every ingest of its folder."""
    sidecar = Sidecar(path)
    for lineno, record in records:
        lowered = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
        named = _first_given(lowered, KEY_COLUMNS)
        if named is None:
            warnings.append(f"{path}:{lineno}: no {'/'.join(KEY_COLUMNS)} column naming the article, row skipped")
            continue
        key = str(named).strip()
        meta: dict[str, Any] = {}
        for column in KEPT_COLUMNS:
            value = lowered.get(column)
            if isinstance(value, str) and value:
                meta[column] = value
        written = _first_given(lowered, DATE_COLUMNS)
        if written is not None:
            day = _normalised_date(written) if isinstance(written, str) else None
            if day is None:
                warnings.append(f"{path}:{lineno}: date {str(written)[:40]!r} is not a date (YYYY-MM-DD); {key} stays undated")
            else:
                meta["date"] = day
                meta["date_source"] = "metadata file"
        sidecar.rows[key.removeprefix("./")] = meta
    # "articles/0001.txt" also finds 0001.txt when the collection was copied without its folders.
    names: dict[str, list[str]] = defaultdict(list)
    for key in sidecar.rows:
        if "/" in key:
            names[key.rsplit("/", 1)[1]].append(key)
    for name, keys in names.items():
        if len(keys) == 1 and name not in sidecar.rows:
            sidecar.aliases[name] = keys[0]
    return sidecar
