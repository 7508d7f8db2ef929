"""Stories worked out again only where a change reaches give the groups a full pass gives, over real article versions."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest.mock import patch

from datasketch import MinHashLSH
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.quality.story_gold import load_story_pairs
from store.resolve.near_duplicates import (
    BANDS,
    CANDIDATE_JACCARD,
    NUM_PERM,
    ROWS,
    StoryChange,
    _Signed,
    assign_stories,
    signature,
    story_heads,
)

GOLD = Path(__file__).resolve().parent / "gold"
# Both versions of every pair of the near-duplicate gold: wire copies, updates, trimmed and rewritten versions, and
# different stories on one subject; by text, so a text two pairs share is one article.
TEXTS = sorted({text for pair in load_story_pairs(GOLD) for text in (pair.a, pair.b)})
SIGNED = {f"d{i:03d}": signature(text) for i, text in enumerate(TEXTS)}


def store_of(ids: set[str]) -> Any:
    """A store holding the articles `ids`, signed as ingest signs them."""
    documents = {d: {"id": d, "path": f"{d}.txt", "text": TEXTS[int(d[1:])]} for d in sorted(ids)}
    extractions = {d: {"doc": d, "story_signature": SIGNED[d].as_record() if SIGNED[d] else None} for d in documents}
    return SimpleNamespace(documents=documents, extractions=extractions, meta={})


def test_the_bands_are_the_ones_datasketch_chooses() -> None:
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)


def test_the_signatures_are_the_ones_datasketch_makes() -> None:
    from datasketch import MinHash

    from store.resolve.near_duplicates import SCHEME, SEED, shingles

    signed = [(text, s) for text, s in zip(TEXTS, SIGNED.values(), strict=True) if s is not None]
    assert len(signed) > 300
    for text, ours in signed:
        theirs = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
        theirs.update_batch(list(shingles(text)))
        assert ours.values.tolist() == theirs.hashvalues.tolist()


def test_the_candidates_are_the_ones_datasketch_finds() -> None:
    from datasketch import LeanMinHash

    signatures = {d: s for d, s in SIGNED.items() if s is not None}
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    hashed = {d: LeanMinHash(seed=1, hashvalues=s.values, scheme="affine32") for d, s in signatures.items()}
    for doc_id, minhash in hashed.items():
        lsh.insert(doc_id, minhash)
    signed = _Signed(signatures)
    found = 0
    for doc_id, minhash in hashed.items():
        ours = {signed.ids[j] for j in signed.candidates(signed.row[doc_id])}
        assert ours == set(lsh.query(minhash)) - {doc_id}
        found += len(ours)
    assert found > len(signatures)  # the gold's versions do find each other


ALL = sorted(SIGNED)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.sets(st.sampled_from(ALL), min_size=60, max_size=200),  # most of the gold's texts are in a story
    added=st.sets(st.sampled_from(ALL), max_size=4),
    removed=st.sets(st.sampled_from(ALL), max_size=4),
)
def test_a_change_regroups_as_a_full_pass_would(before: set[str], added: set[str], removed: set[str]) -> None:
    removed &= before
    added -= removed
    store = store_of(before)
    assign_stories(store)
    assert story_heads(store.documents)  # there are stories to change
    change = StoryChange(story_heads(store.documents), added, removed)
    for doc_id in removed:
        del store.documents[doc_id], store.extractions[doc_id]
    fresh = store_of(added)  # an article added, or extracted again: a new record, unsigned
    for doc_id in added:
        store.documents[doc_id] = fresh.documents[doc_id]
        store.extractions[doc_id] = {"doc": doc_id}
    with patch("store.resolve.near_duplicates.story_groups", side_effect=AssertionError("a full pass")):
        copies = assign_stories(store, change)  # from the groups held, where the change reaches

    full = store_of(set(store.documents))
    full_copies = assign_stories(full)
    assert story_heads(store.documents) == story_heads(full.documents)
    assert copies == full_copies
