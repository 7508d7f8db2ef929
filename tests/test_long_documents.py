"""Documents longer than one parser piece: cut at paragraph breaks, offsets shifted back, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

import store.extract.pipeline as pipeline
from store.db import Store
from store.extract.pipeline import chunk_bounds
from store.ingest import ingest

from .conftest import SEED_ARTICLE


def test_chunks_cover_the_text_without_gaps_and_cut_at_breaks() -> None:
    text = ("A paragraph of news. " * 30 + "\n\n") * 40
    bounds = chunk_bounds(text, limit=2_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(end - start <= 2_000 for start, end in bounds)
    assert all(text[end - 1] in "\n " for _, end in bounds[:-1])


def test_a_long_document_is_extracted_piece_by_piece_with_true_offsets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = SEED_ARTICLE.read_text(encoding="utf-8")
    head, _, rest = body.partition("\n\n")
    long_text = head + "\n\n" + "\n\n".join([rest] * 6)  # six copies of the article's body in one document
    (tmp_path / "long.txt").write_text(long_text, encoding="utf-8")
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 4_000)  # well under the length: several pieces
    store_path = tmp_path / "s.json"
    ingest([tmp_path / "long.txt"], store_path)
    store = Store.open(store_path)
    [doc] = store.documents.values()
    text = doc["text"]
    netanyahu = [
        q
        for q in store.quotes.values()
        if text[q["content_span"]["start"] : q["content_span"]["end"]] == "it provided Iran a foothold in Syria"
    ]
    assert len(netanyahu) == 6  # one per copy, each at its own offset
    assert len({q["content_span"]["start"] for q in netanyahu}) == 6
    putin = next(a for a in store.actors.values() if a["name"] == "Vladimir Putin")
    assert len(putin["mentions"]) == 6 * 3 and all(text[m["start"] : m["end"]] in ("Vladimir Putin", "Putin") for m in putin["mentions"])
    # Within a piece, mentions of one meeting merge; pieces are not merged with each other.
    # Each copy tells of two Hamburg meetings: Trump and Putin's, and the G20 summit they both attended.
    hamburg = [m for m in store.meetings.values() if m.get("place") == "Hamburg, Germany"]
    assert 4 <= len(hamburg) <= 12
    for meeting in store.meetings.values():
        for ev in meeting["evidence"]:
            assert text[ev["start"] : ev["end"]].strip() == text[ev["start"] : ev["end"]]
