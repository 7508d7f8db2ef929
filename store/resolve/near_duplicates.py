"""Finding the articles that tell one story: wire copies and updated versions (see store.stories for what follows).

Two articles tell the same story when most of the shorter one's five-word runs
(shingles) are in the longer one: a wire copy with another headline, a dateline,
a dropped last paragraph or a few words changed keeps most of them; an update
that adds paragraphs keeps all of the original's; two outlets' own reports of
one event, or two articles built on the same background paragraph, keep few.
The measure is the overlap of the shingle sets (shared ÷ the smaller),
estimated from MinHash signatures (datasketch's, worked out here with numpy:
importing datasketch imports scipy, a second of every re-ingest) so that no pair
of texts is ever compared word by word; locality-sensitive hashing finds the
candidate pairs, so the work grows with the number of articles, not its square.
Ingest alone needs this module; the explorer never does.

The candidates are the pairs datasketch's `MinHashLSH(threshold=CANDIDATE_JACCARD)`
finds: two signatures that agree on every value of one of its BANDS bands of ROWS
values. They are found here with numpy over the signatures as one array, so that
a re-ingest of one article compares its bands with every stored signature at
once (a few milliseconds at 100,000 articles) and recomputes only the stories the
changed articles were or are in, with the same groups a full pass gives
(tests/test_stories.py checks both against each other).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from store.db.document_columns import field_values
from store.resolve.stories import Groups, canonical
from store.views.text_query import fold_text

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's permutation scheme: kept signatures are only comparable within one scheme
SHINGLE = 5  # words per shingle: long enough that shared background phrasing is rare, short enough to survive edits
MIN_SHINGLES = 20  # a text shorter than this (a caption, a one-line page) is never grouped
CANDIDATE_JACCARD = 0.2  # what LSH fetches for a closer look; low, so that a trimmed copy (a third of the text) is fetched
BANDS, ROWS = 28, 2  # the bands datasketch's MinHashLSH chooses for CANDIDATE_JACCARD and NUM_PERM (a test checks)
SAME_STORY_OVERLAP = 0.6  # shared shingles ÷ the smaller set, at or over which two articles are one story (tuned on dev)
RULES = f"{NUM_PERM}/{SEED}/{SCHEME}/{SHINGLE}/{MIN_SHINGLES}/{BANDS}x{ROWS}/{SAME_STORY_OVERLAP}"  # a store grouped by others is grouped again whole
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Signature:
    values: np.ndarray  # NUM_PERM unsigned 32-bit MinHash values
    shingles: int

    def as_record(self) -> dict[str, Any]:
        raw = self.values.astype("<u4").tobytes()
        return {"minhash": base64.b64encode(raw).decode("ascii"), "shingles": self.shingles}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Signature | None:
        try:
            values = np.frombuffer(base64.b64decode(record["minhash"]), dtype="<u4").astype(np.uint32)
            if len(values) != NUM_PERM:
                return None
            return cls(values, int(record["shingles"]))
        except (KeyError, TypeError, ValueError):
            return None


def shingles(text: str) -> set[bytes]:
    words = _WORDS.findall(fold_text(text))
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> Signature | None:
    """The text's MinHash signature, or None when it is too short to be told apart from another by its words.

    The values are the ones datasketch's `MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")` gives (a test
    checks): its SHA-1 hash of each shingle, mixed by the MurmurHash3 finalizer, then NUM_PERM affine permutations
    mod 2^32. Worked out here because importing datasketch imports scipy, a second of every re-ingest that changes
    one article."""
    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return None
    hashed = np.frombuffer(b"".join(hashlib.sha1(s).digest()[:4] for s in found), dtype="<u4").astype(np.uint32)
    a, b = _permutations()
    with np.errstate(over="ignore"):  # the wraparound is the modulo 2^32
        values = (_fmix32(hashed)[:, None] * a + b).min(axis=0)
    return Signature(values.astype(np.uint32), len(found))


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 parameters for SEED: odd multipliers and offsets, drawn in its order."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def overlap(a: Signature, b: Signature) -> float:
    """Estimated shared shingles ÷ the smaller set (from the Jaccard estimate and the two set sizes)."""
    return float(_overlaps(a.values, a.shingles, b.values[None, :], np.array([b.shingles]))[0])


def _overlaps(values: np.ndarray, size: int, others: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """overlap() of one signature with each row of `others`, at once."""
    jaccard = np.count_nonzero(others == values, axis=1) / NUM_PERM
    shared = jaccard * (size + sizes) / (1 + jaccard)
    return np.minimum(1.0, shared / np.minimum(size, sizes))


class _Signed:
    """Signatures as one array (a row per article), with their LSH band keys: what candidate searches run over."""

    def __init__(self, signatures: dict[str, Signature]) -> None:
        self.ids = list(signatures)
        self.row = {doc_id: i for i, doc_id in enumerate(self.ids)}
        self.values = np.stack([s.values for s in signatures.values()]) if signatures else np.zeros((0, NUM_PERM), np.uint32)
        self.sizes = np.array([s.shingles for s in signatures.values()], dtype=np.int64)
        # ROWS = 2 values of 32 bits are one 64-bit key: a band agrees exactly when its key does.
        self.bands = np.ascontiguousarray(self.values[:, : BANDS * ROWS]).view(np.uint64)

    def candidates(self, i: int) -> np.ndarray:
        """The rows that share a band with row i (itself left out)."""
        found = np.flatnonzero((self.bands == self.bands[i]).any(axis=1))
        return found[found != i]

    def join_close(self, i: int, rows: np.ndarray, groups: Groups) -> None:
        """Join row i with each of `rows` whose overlap with it makes them one story."""
        if len(rows) == 0:
            return
        close = rows[_overlaps(self.values[i], int(self.sizes[i]), self.values[rows], self.sizes[rows]) >= SAME_STORY_OVERLAP]
        for j in close:
            groups.join(self.ids[i], self.ids[j])

    def buckets(self) -> Iterable[np.ndarray]:
        """Every set of two or more rows that agree on one band, each set once."""
        seen: set[bytes] = set()
        for band in range(BANDS):
            keys = self.bands[:, band]
            order = np.argsort(keys, kind="stable")
            ordered = keys[order]
            starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
            ends = np.r_[starts[1:], len(ordered)]
            several = ends - starts > 1
            for start, end in zip(starts[several], ends[several], strict=True):
                members = np.sort(order[start:end])
                tag = members.tobytes()
                if tag not in seen:
                    seen.add(tag)
                    yield members


def story_groups(signatures: dict[str, Signature]) -> list[list[str]]:
    """Groups of two or more articles that tell one story: LSH candidates joined when their overlap is high enough.

    A set of candidates whose articles are already in one group is not compared again, so a story published fifty
    times costs about fifty comparisons a band, not two and a half thousand.
    """
    signed = _Signed(signatures)
    groups = Groups(signed.ids)
    for members in signed.buckets():
        ids = [signed.ids[m] for m in members]
        if all(groups.joined(ids[0], other) for other in ids[1:]):
            continue
        for k, i in enumerate(members[:-1]):
            signed.join_close(int(i), members[k + 1 :], groups)
    return groups.of_two_or_more()


@dataclass
class StoryChange:
    """What an ingest changed: each grouped article's story before it (`story_heads`, taken before the change), the
    articles it put in and those it took out (one extracted again is in both)."""

    before: dict[str, str]
    added: set[str]
    removed: set[str]


def story_heads(documents: Any) -> dict[str, str]:
    """Each grouped article's story (its canonical article), off the documents' column."""
    return {doc_id: head for doc_id, head in field_values(documents, "story") if head}


def assign_stories(store: Any, change: StoryChange | None = None) -> int:
    """Sign new articles and group the store's articles into stories; returns how many articles are copies.

    With `change`, only the stories the changed articles were or are in are worked out again, from the groups the
    store held: the same groups a full pass gives, since an edge between two unchanged articles was there before and
    joined them then. A store grouped by other rules, or holding an unchanged article never signed, is grouped whole."""
    signatures, signed_now = _signatures(store)
    if change is None or store.meta.get("stories") != RULES or signed_now - change.added:
        for doc in store.documents.values():
            doc.pop("story", None)
        for members in story_groups(signatures):
            head = canonical(store.documents, members)
            for doc_id in members:
                store.documents[doc_id]["story"] = head
    else:
        _regroup(store.documents, signatures, change)
    store.meta["stories"] = RULES
    return sum(1 for doc_id, head in field_values(store.documents, "story") if head and head != doc_id)


def _signatures(store: Any) -> tuple[dict[str, Signature], set[str]]:
    """Every article's signature, kept in its extraction record; those never signed are signed now (and named)."""
    signatures: dict[str, Signature] = {}
    signed_now: set[str] = set()
    for doc_id, extraction in store.extractions.items():
        if doc_id not in store.documents:
            continue
        kept = extraction.get("story_signature", False)
        if kept is None:
            continue  # signed before: too short to be grouped
        sig = Signature.from_record(kept) if isinstance(kept, dict) else None
        if sig is None:
            sig = signature(store.documents[doc_id]["text"])
            extraction["story_signature"] = sig.as_record() if sig else None
            signed_now.add(doc_id)
        if sig is not None:
            signatures[doc_id] = sig
    return signatures, signed_now


def _regroup(documents: Any, signatures: dict[str, Signature], change: StoryChange) -> None:
    """The stories after a change, worked out where it reaches: the groups that lost or regained an article are
    joined again from their remaining members' own edges, each added article from its candidates in the whole store."""
    signed = _Signed(signatures)
    groups = Groups(signed.ids)
    old: dict[str, list[str]] = {}
    for doc_id, head in change.before.items():
        old.setdefault(head, []).append(doc_id)
    changed = change.added | change.removed
    touched: set[str] = set(d for d in change.added if d in signed.row)
    for members in old.values():
        kept = [d for d in members if d in signed.row and d not in changed]
        if not set(members) & changed:
            for other in kept[1:]:
                groups.join(kept[0], other)
            continue
        touched.update(members)
        rows = np.array([signed.row[d] for d in kept], dtype=np.int64)
        for k, i in enumerate(rows[:-1]):
            later = rows[k + 1 :]
            signed.join_close(int(i), later[(signed.bands[later] == signed.bands[i]).any(axis=1)], groups)
    for doc_id in change.added:
        if doc_id in signed.row:
            i = signed.row[doc_id]
            signed.join_close(i, signed.candidates(i), groups)
    roots = {groups.root(d) for d in touched if d in signed.row}
    regrouped: dict[str, list[str]] = {}
    for doc_id in signed.ids:
        root = groups.root(doc_id)
        if root in roots:
            regrouped.setdefault(root, []).append(doc_id)
    now: dict[str, str] = {}
    for members in regrouped.values():
        if len(members) > 1:
            head = canonical(documents, sorted(members))
            now.update((d, head) for d in members)
    for doc_id in touched | set(now):
        if doc_id not in documents:
            continue  # taken out
        held = None if doc_id in change.added else change.before.get(doc_id)  # an added article's record is new
        if held != now.get(doc_id):
            if doc_id in now:
                documents[doc_id]["story"] = now[doc_id]
            else:
                documents[doc_id].pop("story", None)
