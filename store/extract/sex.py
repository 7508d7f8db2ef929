"""Whether the article calls a person "he" or "she": evidence for pronoun speakers, read from the article alone.

A pronoun speaker goes to the nearest earlier speaker or subject of a fitting
kind; without this, "She said" after "He said" went to the man who had just
spoken ("Rebecca Nyandeng De Mabior … commented …. She said" was given to
Michael Makuei). Only what the article says counts: an honorific or a role
beside the name ("Mrs", "actress", "spokesman"), a reflexive that must be the
subject ("Pierce professed himself"), a first name nearly all of whose bearers are
of one sex ("Rachel Harvey"; store/data/first_names.txt), and, as weaker evidence, a possessive or a
reported subject in the clause of a person's own verb ("Hawkins renewed his
support", "did not say he'd ordered it") and the pronoun speakers already
resolved. A person with evidence both ways, or none, agrees with either pronoun.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from store.language.gazetteer import first_name_sex, norm
from store.language.lexicon import PRONOUN_SEX, SEXED_WORDS

STRONG = 3  # an honorific, a role, a reflexive: outweighs a possessive that may be someone else's
FIRST_NAME = 2  # a first name most of whose bearers are of one sex: outweighs one possessive, not a role
WEAK = 1
CLAUSE_REACH = 3  # how far up from a pronoun its clause's subject is sought


class SexEvidence:
    """Each person's score for "m" and "f" in one article; `agrees` asks whether a pronoun can stand for them."""

    def __init__(self) -> None:
        self.scores: dict[str, dict[str, int]] = {}

    def add(self, key: str, sex: str, weight: int) -> None:
        scores = self.scores.setdefault(key, {"m": 0, "f": 0})
        scores[sex] += weight

    def sex_of(self, key: str) -> str | None:
        scores = self.scores.get(key)
        if not scores or scores["m"] == scores["f"]:
            return None
        return "m" if scores["m"] > scores["f"] else "f"

    def agrees(self, key: str, pronoun: str) -> bool:
        wanted = PRONOUN_SEX.get(pronoun.lower())
        known = self.sex_of(key)
        return wanted is None or known is None or known == wanted


def read_evidence(doc: Doc, persons: Iterable[tuple[str, list[str], list[Token]]]) -> SexEvidence:
    """`persons`: each person's key, roles and the first token of each of their mentions."""
    evidence = SexEvidence()
    subject_of: dict[int, str] = {}
    for key, roles, firsts in persons:
        for role in roles:
            for word in norm(role).split():
                if word in SEXED_WORDS:
                    evidence.add(key, SEXED_WORDS[word], STRONG)
        named = next((f for f in firsts if f.i + 1 < len(doc) and doc[f.i + 1].ent_type_ == "PERSON" and f.ent_type_ == "PERSON"), None)
        if named is not None and (sex := first_name_sex(named.text)) is not None:
            evidence.add(key, sex, FIRST_NAME)  # "Rachel Harvey": the first word of a full name
        for first in firsts:
            before = doc[first.i - 1] if first.i > 0 else None
            if before is not None and before.lower_ in SEXED_WORDS and before.is_title:
                evidence.add(key, SEXED_WORDS[before.lower_], STRONG)
            subject_of[first.i] = key
    heads = _person_subjects(doc, subject_of)
    for token in doc:
        sex = PRONOUN_SEX.get(token.lower_)
        if sex is None or token.pos_ != "PRON":
            continue
        found = _clause_subject(token, heads)
        if found is not None:
            evidence.add(found, sex, STRONG if token.lower_.endswith("self") else WEAK)
    return evidence


def _person_subjects(doc: Doc, subject_of: dict[int, str]) -> dict[int, tuple[int, str]]:
    """verb index -> (subject token index, person key), for verbs whose subject is a person's mention."""
    out: dict[int, tuple[int, str]] = {}
    for token in doc:
        if token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        key = next((subject_of[t.i] for t in token.subtree if t.i in subject_of), None)
        if key is not None and token.head.i != token.i:
            out[token.head.i] = (token.i, key)
    return out


def _clause_subject(pronoun: Token, heads: dict[int, tuple[int, str]]) -> str | None:
    """The person whose own verb the pronoun's clause hangs from, named before it with no other subject between."""
    token = pronoun
    for _ in range(CLAUSE_REACH):
        if token.head.i == token.i:
            return None
        token = token.head
        found = heads.get(token.i)
        if found is not None:
            subject, key = found
            return key if subject < pronoun.i else None
    return None
