"""Corpora for the benchmarks: the real articles in bench/data, and larger ones made by repeating them.

A repeated article gets a line "[bench copy N]" appended, so it is a new
document with its own id; its extraction is the original's (the appended line
changes no offset), and actors, meetings and quotes are resolved again over the
whole corpus, as ingest does. The benchmark output says when a corpus is built
this way.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.db import Store  # noqa: E402
from store.db.schema import document_id, sha256_text  # noqa: E402
from store.ingest import ingest  # noqa: E402
from store.resolve.resolve import resolve_store  # noqa: E402

ARTICLES = ROOT / "bench" / "data" / "wikinews"


def base_store(path: Path, workers: int = 2) -> Store:
    """The real articles, ingested once."""
    if not path.exists():
        ingest([ARTICLES], path, workers=workers)
    return Store.open(path)


def scaled_store(base: Store, n: int, path: Path, files: Path | None = None, month: str | None = None) -> Path:
    """A store of `n` documents built from `base`; with `files`, each document also written there as a .txt; with
    `month` (YYYY-MM), every document dated on a day of that month, as one shard of an archive holds."""
    originals = sorted(base.documents.values(), key=lambda d: d["path"])
    store = Store.open(path, create=True)
    if files is not None:
        files.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        source = originals[i % len(originals)]
        copy = i // len(originals)
        text = source["text"] if copy == 0 else source["text"] + f"\n\n[bench copy {copy}]\n"
        doc_id = document_id(text)
        doc_path = str(files / f"{i:06d}.txt") if files is not None else f"{source['path']}#copy{copy}"
        if files is not None:
            (files / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        record = dict(source, id=doc_id, path=doc_path, text=text, blocks=source["blocks"], sha256=sha256_text(text))
        record.pop("line_starts", None)  # the copy's own, worked out when it is packed
        if month is not None:
            record.update(date=f"{month}-{1 + i % 28:02d}", date_source="bench")
        if files is not None:
            # As an ingest of that file records it: keyed by the file, undated (a bare .txt gives no date), so a
            # re-ingest of the unchanged files finds every one unchanged instead of extracting them all again.
            record.update(key=os.path.realpath(doc_path), format="txt")
            record.pop("date", None)
            record.pop("date_source", None)
        store.documents[doc_id] = record
        store.extractions[doc_id] = dict(base.extractions[source["id"]], doc=doc_id)
    resolve_store(store)
    store.save()
    return path


def scaled_archive(base: Store, n: int, archive: Path, files: Path, months: list[str]) -> Path:
    """An archive of `n` documents built from `base`, one shard per month of `months`, the i-th document dated in
    the month i % len(months); each document also written to `files` as a .txt, dated by a metadata.jsonl beside
    them, as a folder a user ingests with `--shards month` is."""
    originals = sorted(base.documents.values(), key=lambda d: d["path"])
    files.mkdir(parents=True, exist_ok=True)
    archive.mkdir(parents=True, exist_ok=True)
    shards = {month: Store.open(archive / f"{month}.json", create=True) for month in months}
    rows = []
    for i in range(n):
        source = originals[i % len(originals)]
        copy = i // len(originals)
        text = source["text"] if copy == 0 else source["text"] + f"\n\n[bench copy {copy}]\n"
        doc_id = document_id(text)
        month = months[i % len(months)]
        day = f"{month}-{1 + (i // len(months)) % 28:02d}"
        name = f"{i:06d}.txt"
        (files / name).write_text(text, encoding="utf-8")
        rows.append(json.dumps({"file": name, "date": day}))
        record = dict(source, id=doc_id, path=str(files / name), text=text, blocks=source["blocks"], sha256=sha256_text(text))
        record.pop("line_starts", None)
        record.update(key=os.path.realpath(files / name), format="txt", date=day, date_source="metadata file")
        for field in ("url", "attribution"):  # the metadata row gives only the date
            record.pop(field, None)
        shard = shards[month]
        shard.documents[doc_id] = record
        shard.extractions[doc_id] = dict(base.extractions[source["id"]], doc=doc_id)
    (files / "metadata.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for shard in shards.values():
        resolve_store(shard)
        shard.save()
    return archive
