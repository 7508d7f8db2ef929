"""Pairs of actors that may be one, strongest first: the queue a person clears with y (merge) and x (keep apart).

Resolution merges what the names prove (store.resolve); this lists what they
only suggest, for a reader to decide: a surname alone beside a full name
the resolver could not place ("Johnson" and "Boris Johnson" when two
Johnsons are named), names one or two letters apart ("Zelenskiy",
"Zelensky"), an acronym and a long form no article paired, the same name
with a title or a country read into it. Evidence adds to the score: shared
roles ("prime minister"), and the two named in no article together (two
people named side by side in one article are seldom one).

Pairs are found within blocks (the last word of a person's name, the first
letters of an organisation's), so the queue is cheap on a large store; a
block too big to be a name (a common surname across thousands of articles)
is left out rather than compared whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz

from store.language.gazetteer import norm
from store.language.names import acronym_of, name_tokens

MAX_BLOCK = 60  # actors sharing one block key; past this the key is too common to suggest anything
MIN_SCORE = 0.6


@dataclass(frozen=True)
class Candidate:
    keep: str  # the actor to keep (more mentions)
    other: str  # the actor that would be merged into it
    score: float
    why: str


def likely_duplicates(actors: dict[str, dict[str, Any]], apart: Iterable[frozenset[str]] = (), limit: int = 500) -> list[Candidate]:
    """The pairs worth a reader's decision, strongest first; pairs kept apart before are never offered again."""
    settled = set(apart)
    docs = {ident: {m["doc"] for m in actor["mentions"]} for ident, actor in actors.items()}
    found: dict[frozenset[str], Candidate] = {}
    for block in _blocks(actors).values():
        if len(block) > MAX_BLOCK:
            continue
        for a, b in combinations(sorted(block), 2):
            pair = frozenset((a, b))
            if pair in settled or pair in found:
                continue
            candidate = _judge(actors[a], actors[b], docs[a], docs[b])
            if candidate is not None:
                found[pair] = candidate
    return sorted(found.values(), key=lambda c: (-c.score, actors[c.keep]["name"], actors[c.other]["name"]))[:limit]


def _blocks(actors: dict[str, dict[str, Any]]) -> dict[tuple[str, str], set[str]]:
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ident, actor in actors.items():
        tokens = name_tokens(actor["name"])
        if not tokens:
            continue
        kind = actor["kind"]
        if kind == "person":
            blocks[(kind, tokens[-1])].add(ident)
            blocks[(kind, tokens[-1][:4])].add(ident)  # "Zelenskiy" / "Zelensky"
        else:
            blocks[(kind, norm(actor["name"])[:3])].add(ident)
            acronym = acronym_of(actor["name"]).lower()
            if len(acronym) >= 3:
                blocks[(kind, acronym[:3])].add(ident)
    return blocks


def _judge(a: dict[str, Any], b: dict[str, Any], docs_a: set[str], docs_b: set[str]) -> Candidate | None:
    if a["kind"] != b["kind"]:
        return None
    keep, other = (a, b) if (len(a["mentions"]), b["name"]) >= (len(b["mentions"]), a["name"]) else (b, a)
    score, why = _name_score(keep, other)
    if score <= 0:
        return None
    roles = {norm(r) for r in keep.get("roles", [])} & {norm(r) for r in other.get("roles", [])}
    if roles:
        score += 0.15
        why += f"; both {sorted(roles)[0]}"
    if docs_a & docs_b:
        score -= 0.25  # named side by side in one article: the resolver kept them apart for a reason
        why += "; named together in an article"
    score = round(min(score, 1.0), 3)
    return Candidate(keep["id"], other["id"], score, why) if score >= MIN_SCORE else None


def _name_score(keep: dict[str, Any], other: dict[str, Any]) -> tuple[float, str]:
    ka, kb = name_tokens(keep["name"]), name_tokens(other["name"])
    na, nb = norm(keep["name"]), norm(other["name"])
    if keep["kind"] == "person":
        if ka[-1] == kb[-1] and (len(ka) == 1 or len(kb) == 1):
            return 0.8, "a surname alone beside a full name"
        if ka[-1] == kb[-1] and ka[0][:1] == kb[0][:1] and (len(ka[0]) == 1 or len(kb[0]) == 1 or ka[0] in kb or kb[0] in ka):
            return 0.85, "the same surname and first initial"
        if ka[-1] != kb[-1] and len(ka) == len(kb) and ka[:-1] == kb[:-1]:
            ratio = fuzz.ratio(ka[-1], kb[-1]) / 100
            return (ratio, "spellings of one surname") if ratio >= 0.8 else (0.0, "")
        return 0.0, ""
    if acronym_of(keep["name"]).lower() == nb.replace(" ", "") or acronym_of(other["name"]).lower() == na.replace(" ", ""):
        return 0.85, "an acronym and its long form"
    ratio = fuzz.token_sort_ratio(na, nb) / 100
    if ratio >= 0.9:
        return ratio - 0.1, "nearly the same name"
    small, large = sorted((set(na.split()), set(nb.split())), key=len)
    if len(small) >= 2 and small < large and len(large - small) == 1:
        return 0.7, "the same name with one word more"
    return 0.0, ""
