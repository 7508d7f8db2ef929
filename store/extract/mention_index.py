"""Where each actor of one article is named: asked by character offset (quotes) or by token (meetings).

Quotes and meetings both need to know which actor a word names and who was
named shortly before a pronoun; one index answers both, so the two extractors
look back the same way ("the previous two sentences") and a fix to one is a
fix to both.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from store.extract.actors import LocalActor
from store.extract.sex import SexEvidence, read_evidence
from store.language.gazetteer import most_named, norm
from store.language.names import name_tokens, same_person_name

NAME_JOINERS = frozenset("of on for and de del la the in to".split())  # lower-case words inside a name
LOOK_BACK_SENTENCES = 2  # a pronoun's antecedent is sought in its own sentence and this many before it

Spans = list[tuple[int, int, LocalActor]]


def look_back_start(token: Token, sentences: int = LOOK_BACK_SENTENCES) -> int:
    """The first token of the sentence `sentences` before the token's own."""
    doc = token.doc
    start = token.sent.start
    for _ in range(sentences):
        if start > 0:
            start = doc[start - 1].sent.start
    return start


class MentionIndex:
    def __init__(self, doc: Doc, actors: list[LocalActor]) -> None:
        self.doc = doc
        self.actors = actors
        self.spans: Spans = sorted(((m.start, m.end, a) for a in actors for m in a.mentions), key=lambda x: x[0])
        self._by_token: dict[int, LocalActor] | None = None
        self._by_name: dict[str, LocalActor] | None = None
        self._sex: SexEvidence | None = None

    # --- by character offset -------------------------------------------------

    def within(self, start: int, end: int) -> Spans:
        return [x for x in self.spans if x[0] >= start and x[1] <= end]

    def at(self, offset: int) -> LocalActor | None:
        for s, e, actor in self.spans:
            if s <= offset < e:
                return actor
        return None

    def before(self, offset: int) -> Spans:
        return [x for x in self.spans if x[1] <= offset]

    def country(self, name: str) -> LocalActor | None:
        """The article's actor for a country, when the article names it."""
        return next((a for _, _, a in self.spans if a.kind == "country" and a.name == name), None)

    def home_country(self) -> LocalActor | None:
        """The country the article names most, when one stands out: whose government "the government" is."""
        countries = {a.key: a for a in self.actors if a.kind == "country"}
        top = most_named({key: len(a.mentions) for key, a in countries.items()})
        return countries[top] if top is not None else None

    # --- by token --------------------------------------------------------------

    def of(self, token: Token) -> LocalActor | None:
        if self._by_token is None:
            self._by_token = {}
            for actor in self.actors:
                for m in actor.mentions:
                    span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is not None:
                        for tok in span:
                            self._by_token[tok.i] = actor
        return self._by_token.get(token.i)

    @property
    def by_name(self) -> dict[str, LocalActor]:
        if self._by_name is None:
            self._by_name = {}
            for actor in self.actors:
                for form in [actor.name, *actor.aliases]:
                    self._by_name.setdefault(norm(form), actor)
        return self._by_name

    def in_compound(self, token: Token) -> list[LocalActor]:
        """ "Boeing-Air Force discussions", "US-China talks": the actors a hyphenated modifier joins."""
        left = token.left_edge.i
        words = token.doc[left : token.i].text
        found: list[LocalActor] = []
        for part in re.split(r"\s*[-–]\s*", words) if re.search(r"\w[-–]\w", words) else []:
            part = re.sub(r"^(?:the|a|an)\s+", "", part.strip(), flags=re.I)
            for n in range(len(part.split()), 0, -1):  # "Air Force contract" -> "Air Force"
                actor = self.by_name.get(norm(" ".join(part.split()[:n])))
                if actor is not None:
                    if actor not in found:
                        found.append(actor)
                    break
        return found if len(found) >= 2 else []

    def named(self, text: str) -> LocalActor | None:
        """The one actor of the article a bare name stands for where the model tagged no mention: "Trump" for Donald
        Trump, "La Riva" for Gloria La Riva, "UNICEF" for UNICEF. Only a name (every word capitalised), only one actor."""
        words = re.sub(r"['’]s$", "", re.sub(r"^the\s+", "", text.strip(), flags=re.I))
        # "Commission on Presidential Debates": a name's small joining words are lower case.
        if not words or not words[:1].isupper() or not all(w[:1].isupper() or w in NAME_JOINERS for w in words.split()):
            return None
        exact = self.by_name.get(norm(words))
        if exact is not None:
            return exact
        tokens = name_tokens(words)
        persons = {a for a in self.actors if a.kind == "person" and tokens and same_person_name(tokens, name_tokens(a.name))}
        return persons.pop() if len(persons) == 1 else None

    # --- looking back from a pronoun --------------------------------------------

    @property
    def sex(self) -> SexEvidence:
        """What the article says of its people's sex (store.extract.sex), read on the first pronoun that asks."""
        if self._sex is None:
            persons = []
            for actor in self.actors:
                if actor.kind != "person":
                    continue
                firsts = [span[0] for m in actor.mentions if (span := self.doc.char_span(m.start, m.end, alignment_mode="expand"))]
                persons.append((actor.key, actor.roles, firsts))
            self._sex = read_evidence(self.doc, persons)
        return self._sex

    def fits(self, actor: LocalActor, pronoun: Token) -> bool:
        """Whether a pronoun can stand for the actor as far as its sex goes ("she" is not a man the article calls "he")."""
        return actor.kind != "person" or self.sex.agrees(actor.key, pronoun.lower_)

    def subject_before(self, pronoun: Token, kinds: tuple[str, ...]) -> LocalActor | None:
        """The nearest earlier subject naming an actor of one of `kinds` ("he said" after "Putin met …")."""
        found = self.subject_before_at(pronoun, kinds)
        return found[1] if found else None

    def subject_before_at(
        self, pronoun: Token, kinds: tuple[str, ...], quoted: list[tuple[int, int]] | None = None
    ) -> tuple[int, LocalActor] | None:
        """That subject, with where it stands. With `quoted` (the article's quotations), never a subject inside one,
        nor one of a reported or relative clause ("He said Zelensky is …", "which Biden opposed"): who a
        pronoun speaker is, the story's own sentences say."""
        for token in reversed(self.doc[look_back_start(pronoun) : pronoun.i]):
            if quoted is not None and (token.head.dep_ in ("ccomp", "relcl") or any(s <= token.idx < e for s, e in quoted)):
                continue
            if token.dep_ in ("nsubj", "nsubjpass"):
                actor = self.at(token.idx) or self._apposed(token)
                if actor is not None and actor.kind in kinds and self.fits(actor, pronoun):
                    return token.idx, actor
        return None

    def _apposed(self, subject: Token) -> LocalActor | None:
        """ "One of South Sudan's Vice Presidents, Rebecca Nyandeng De Mabior, also commented": the actor set beside a
        subject that names none."""
        for child in subject.children:
            if child.dep_ == "appos" and (actor := self.at(child.idx)) is not None:
                return actor
        return None

    def person_before(
        self, pronoun: Token, besides: LocalActor | None = None, outside: list[tuple[int, int]] | None = None
    ) -> LocalActor | None:
        """ "he attended a summit with Macron": the nearest person named before, preferring a subject; `besides`: one who
        is not; `outside`: named outside these spans (the article's quotations)."""
        candidates = [
            t
            for t in self.doc[look_back_start(pronoun) : pronoun.i]
            if (a := self.of(t)) is not None
            and a.kind == "person"
            and a is not besides
            and not any(s <= t.idx < e for s, e in outside or ())
        ]
        subjects = [t for t in candidates if t.dep_ in ("nsubj", "nsubjpass")]
        chosen = (subjects or candidates)[-1:] if candidates else []
        return self.of(chosen[0]) if chosen else None
