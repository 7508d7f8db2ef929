"""Actor search as the user types: the start of a word first, one letter scored only where it is, highlights on the
name, on the seed corpus."""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from store.db import Store
from store.views.search import CANDIDATES, ActorSearch


def test_typing_the_start_of_a_name_finds_it_first_with_the_letters_marked(seed_store: Store) -> None:
    search = ActorSearch(seed_store)
    hit = search.search("put")[0]
    name = seed_store.actors[hit.actor_id]["name"]
    assert name == "Vladimir Putin"
    assert "".join(name[i] for i in hit.matched) == "Put"


def test_one_letter_finds_what_scoring_every_key_finds(seed_store: Store) -> None:
    """A key without the letter scores nothing, so only the keys with it are scored: the hits are the ones scoring
    every key gives."""
    search = ActorSearch(seed_store)
    for letter in "aejpvz":
        everything = process.extract(letter, search.processed, scorer=fuzz.WRatio, processor=None, limit=CANDIDATES, score_cutoff=45)
        scored = {search.owners[i][0] for _key, _score, i in everything}
        hits = search.search(letter, limit=len(seed_store.actors))
        assert {h.actor_id for h in hits} == scored
        assert all(letter in utils.default_process(h.key) for h in hits)
