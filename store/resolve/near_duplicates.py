"""Finding the articles that tell one story: wire copies and updated versions (see store.stories for what follows).

Two articles tell the same story when most of the shorter one's five-word runs
(shingles) are in the longer one: a wire copy with another headline, a dateline,
a dropped last paragraph or a few words changed keeps most of them; an update
that adds paragraphs keeps all of the original's; two outlets' own reports of
one event, or two articles built on the same background paragraph, keep few.
The measure is the overlap of the shingle sets (shared ÷ the smaller),
estimated from MinHash signatures (datasketch) so that no pair of texts is ever
compared word by word; locality-sensitive hashing finds the candidate pairs, so
the work grows with the number of articles, not its square. Ingest alone needs
this module (datasketch takes half a second to import; the explorer never does).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from store.resolve.stories import Groups, canonical
from store.views.text_query import fold_text

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's permutation scheme: kept signatures are only comparable within one scheme
SHINGLE = 5  # words per shingle: long enough that shared background phrasing is rare, short enough to survive edits
MIN_SHINGLES = 20  # a text shorter than this (a caption, a one-line page) is never grouped
CANDIDATE_JACCARD = 0.2  # what LSH fetches for a closer look; low, so that a trimmed copy (a third of the text) is fetched
SAME_STORY_OVERLAP = 0.6  # shared shingles ÷ the smaller set, at or over which two articles are one story (tuned on dev)
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Signature:
    minhash: LeanMinHash
    shingles: int

    def as_record(self) -> dict[str, Any]:
        raw = self.minhash.hashvalues.astype("<u4").tobytes()
        return {"minhash": base64.b64encode(raw).decode("ascii"), "shingles": self.shingles}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Signature | None:
        try:
            values = np.frombuffer(base64.b64decode(record["minhash"]), dtype="<u4").astype(np.uint32)
            if len(values) != NUM_PERM:
                return None
            return cls(LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME), int(record["shingles"]))
        except (KeyError, TypeError, ValueError):
            return None


def shingles(text: str) -> set[bytes]:
    words = _WORDS.findall(fold_text(text))
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> Signature | None:
    """The text's MinHash signature, or None when it is too short to be told apart from another by its words."""
    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(list(found))
    return Signature(LeanMinHash(minhash), len(found))


def overlap(a: Signature, b: Signature) -> float:
    """Estimated shared shingles ÷ the smaller set (from the Jaccard estimate and the two set sizes)."""
    jaccard = np.count_nonzero(a.minhash.hashvalues == b.minhash.hashvalues) / NUM_PERM
    shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return min(1.0, shared / min(a.shingles, b.shingles))


def story_groups(signatures: dict[str, Signature]) -> list[list[str]]:
    """Groups of two or more articles that tell one story: LSH candidates joined when their overlap is high enough.

    A pair whose articles are already in one group is not compared again, so a story published fifty times costs
    about fifty comparisons, not two and a half thousand.
    """
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    for doc_id, sig in signatures.items():
        lsh.insert(doc_id, sig.minhash)
    groups = Groups(signatures)
    for doc_id, sig in signatures.items():
        for other in lsh.query(sig.minhash):
            if other != doc_id and not groups.joined(doc_id, other) and overlap(sig, signatures[other]) >= SAME_STORY_OVERLAP:
                groups.join(doc_id, other)
    return groups.of_two_or_more()


def assign_stories(store: Any) -> int:
    """Sign new articles, group every article of the store into stories; returns how many articles are copies."""
    signatures: dict[str, Signature] = {}
    for doc_id, doc in store.documents.items():
        extraction = store.extractions.get(doc_id)
        kept = extraction.get("story_signature", False) if extraction else False
        if kept is None:
            continue  # signed before: too short to be grouped
        sig = Signature.from_record(kept) if isinstance(kept, dict) else None
        if sig is None:
            sig = signature(doc["text"])
            if extraction is not None:
                extraction["story_signature"] = sig.as_record() if sig else None
        if sig is not None:
            signatures[doc_id] = sig
    for doc in store.documents.values():
        doc.pop("story", None)
    copies = 0
    for members in story_groups(signatures):
        head = canonical(store.documents, members)
        for doc_id in members:
            store.documents[doc_id]["story"] = head
        copies += len(members) - 1
    return copies
