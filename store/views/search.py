"""Search as the user types: actors by fuzzy name, alias or role; quotes and meetings by their text.

rapidfuzz does the scoring over a flat list of keys prepared once, so a
keystroke costs one `process.extract` in C plus a little Python on the best
few hundred hits, whatever the size of the corpus.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import Indel

from store.db import Store

FIELD_WEIGHT = {"name": 1.0, "alias": 0.96, "role": 0.85}
CANDIDATES = 300


@dataclass(frozen=True)
class ActorHit:
    actor_id: str
    score: float
    field: str  # "name", "alias" or "role"
    key: str  # the text that matched
    query: str = ""
    name: str = ""  # the actor's name, where `matched` marks the query's characters

    @functools.cached_property
    def matched(self) -> tuple[int, ...]:
        """Indices of the matched characters in the actor's name: worked out when a row is drawn (a keystroke finds 50
        hits, a list shows some)."""
        return matched_characters(self.query, self.name)


def matched_characters(query: str, text: str) -> tuple[int, ...]:
    """Indices of `text` that the query matched, for highlighting: the best aligned substring, then equal runs."""
    q = query.strip().lower()
    t = text.lower()
    if len(t) != len(text):  # a character whose lower case is longer would shift every index
        t = text
    if not q or not t:
        return ()
    align = fuzz.partial_ratio_alignment(q, t)
    if align is None or align.score < 50:
        return ()
    window = t[align.dest_start : align.dest_end]
    out: list[int] = []
    for tag, _s1, _e1, s2, e2 in Indel.opcodes(q, window).as_list():
        if tag == "equal":
            out.extend(range(align.dest_start + s2, align.dest_start + e2))
    return tuple(i for i in out if i < len(text))


class ActorSearch:
    """Index over every actor's name, aliases and roles."""

    def __init__(self, store: Store) -> None:
        self.keys: list[str] = []
        self.owners: list[tuple[str, str]] = []  # (actor id, field) per key
        self.mentions: dict[str, int] = {}
        for actor in store.actors.values():
            self.mentions[actor["id"]] = len(actor["mentions"])
            for field, values in (("name", [actor["name"]]), ("alias", actor["aliases"]), ("role", actor["roles"])):
                for value in values:
                    self.keys.append(value)
                    self.owners.append((actor["id"], field))
        self.processed = [utils.default_process(k) for k in self.keys]
        self.names = {a["id"]: a["name"] for a in store.actors.values()}

    def search(self, query: str, limit: int = 50) -> list[ActorHit]:
        q = utils.default_process(query)
        if not q:
            return []
        choices: Any = self.processed
        if len(q) == 1:  # a key without the letter scores 0: only those with it are scored (the same hits, a third of the time)
            choices = {i: key for i, key in enumerate(self.processed) if q in key}
        results = process.extract(q, choices, scorer=fuzz.WRatio, processor=None, limit=CANDIDATES, score_cutoff=45)
        best: dict[str, ActorHit] = {}
        for _key, score, index in results:
            actor_id, field = self.owners[index]
            key = self.keys[index]
            # Typing the start of a word is what people do: "put" should find Putin before "Input".
            if any(w.startswith(q) for w in self.processed[index].split()):
                score += 12
            elif self.processed[index].startswith(q[:1]):
                score += 2
            score *= FIELD_WEIGHT[field]
            previous = best.get(actor_id)
            if previous is None or score > previous.score:
                best[actor_id] = ActorHit(actor_id, score, field, key)
        ranked = sorted(best.values(), key=lambda h: (-h.score, -self.mentions[h.actor_id], self.names[h.actor_id]))[:limit]
        return [ActorHit(h.actor_id, h.score, h.field, h.key, query, self.names[h.actor_id]) for h in ranked]


def search_texts(query: str, items: list[tuple[str, str]], limit: int = 200) -> list[tuple[str, float]]:
    """Fuzzy search over (id, text) pairs, best first: quotes by content and speaker, meetings by their parts."""
    q = utils.default_process(query)
    if not q:
        return []
    texts = [utils.default_process(t) for _, t in items]
    results = process.extract(q, texts, scorer=fuzz.partial_ratio, processor=None, limit=limit, score_cutoff=70)
    return [(items[index][0], score) for _, score, index in results]
