"""Comparing names of people and organisations: the words that identify them, and whether two can be one.

Kept apart from store.actors (which needs spaCy) so the explorer can use it: the likely-duplicates queue
compares names the way resolution does.
"""

from __future__ import annotations

import re
from functools import lru_cache

from store.language.gazetteer import norm
from store.language.lexicon import NAME_PARTICLES

GENERATIONS = frozenset("jr sr ii iii iv".split())
ACRONYM_STOP = {"of", "the", "and", "for", "in", "on", "de", "&"}
_TOKEN_SPLIT = re.compile(r"[\s\-‐–]+")


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """'Bashar Al-Assad' -> ('bashar', 'assad'): the parts that identify a person.

    A doubled last letter of a long word counts once, so two transliterations meet: "Zelenskyy", "Zelensky".
    """
    parts = [_translit(p) for p in _TOKEN_SPLIT.split(norm(name)) if p]
    while len(parts) > 2 and parts[-1] in GENERATIONS:
        parts.pop()  # "John James Conyers Jr." is John Conyers
    kept = tuple(p for p in parts if p not in NAME_PARTICLES)
    return kept or tuple(parts)


def _translit(word: str) -> str:
    """One key for two romanisations of a long name: a doubled last "y"/"i" counts once ("Zelenskyy"), and a "y"
    after the first letter is an "i" ("Soleymani" / "Soleimani")."""
    if len(word) < 7:
        return word[:-1] if len(word) >= 6 and word[-1] == word[-2] and word[-1] in "yi" else word
    if word[-1] == word[-2] and word[-1] in "yi":
        word = word[:-1]
    return word[0] + word[1:].replace("y", "i")


def without_initials(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the name's words, its initials): "John R. Bolton" -> (("john", "bolton"), ("r",))."""
    return tuple(t for t in tokens if len(t) > 1), tuple(t for t in tokens if len(t) == 1)


def same_person_name(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Could `short` be `long` written shorter? A part of it ("Trump" of "Donald Trump"), or the same first and last
    names with middle names or initials left out ("Robert Mugabe" of "Robert Gabriel Mugabe", "John Bolton" of
    "John R. Bolton"); never two different initials ("George W. Bush" is not "George H. W. Bush")."""
    (s_words, s_init), (l_words, l_init) = without_initials(short), without_initials(long)
    if s_init and l_init and s_init != l_init:
        return False
    if is_subsequence(short, long) or (s_words and s_words == l_words and short != long) or is_subsequence(s_words, l_words):
        return True
    if len(s_words) < 2 or len(s_words) >= len(l_words) or s_words[0] != l_words[0] or s_words[-1] != l_words[-1]:
        return False
    rest = iter(l_words)
    return all(word in rest for word in s_words)  # in order, gaps allowed


def is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return 0 < n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def acronym_of(long_name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", long_name) if w and w.lower() not in ACRONYM_STOP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()
