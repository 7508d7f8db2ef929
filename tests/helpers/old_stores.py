"""Stores as earlier versions of backchannel wrote them, made from one of today: the input of the migration tests."""

from __future__ import annotations

from pathlib import Path

import orjson

from store.db import copy_store
from store.db.document_columns import decode_documents, decode_refs
from store.db.middleware import decode


def write_schema(source: Path, target: Path, version: int) -> None:
    """The store as an earlier version wrote it: schema 2, every record a JSON object and no columns table; schema 3,
    mentions and quotes as columns, documents and the extractions' places as JSON objects."""
    copy_store(source, target)
    raw = orjson.loads(target.read_bytes())
    if version == 3:
        columns = raw["columns"]["1"]
        raw["documents"] = {str(i): r for i, r in enumerate(decode_documents(columns.pop("documents")).values(), start=1)}
        raw["extractions"] = {str(i): r for i, r in enumerate(decode_refs(columns.pop("extractions")).values(), start=1)}
        tables = raw
    else:
        tables = decode(raw)
        tables["actors"] = {k: dict(a, mentions=list(a["mentions"])) for k, a in tables["actors"].items()}
        for name in ("quotes", "documents", "extractions"):
            tables[name] = {str(i): r for i, r in enumerate(tables[name].values(), start=1)}
    next(iter(tables["meta"].values()))["version"] = version
    target.write_bytes(orjson.dumps(tables))
