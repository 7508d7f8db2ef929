"""Meetings in one document: two or more actors meeting face to face or holding talks.

A meeting is found at a trigger (store.lexicon): a verb such as met, hosted,
visited, "shakes hands", or a noun such as meeting, talks, summit, visit,
lunch. Participants are the actors the trigger's clause connects: its subject
(or the subject it inherits, or the passive agent), its object, and "with" /
"between" phrases, each with their coordinated names; a possessive pronoun
("their meeting") stands for the clause's subject. Place is a location in an
"in" / "at" phrase of the clause, time a DATE entity of the clause (also as
an ISO date when the text and the article date give enough), topic what is
"discussed" or what the talks are "on" / "about" / "over".

Mentions of one meeting are merged per document: same participants (or one
set inside the other) and no clash of place; a definite "the summits" with
one known participant is evidence for the latest meeting it fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .actors import LocalActor
from .dates import resolve_date
from .layout import Block, candidate_tokens
from .lexicon import MEETING_NOUNS, MEETING_VERBS, REMOTE_WORDS, ROLE_NOUNS, TALK_VERBS, WEAK_MEETING_VERBS
from .schema import span_or_none

PLACE_LABELS = {"GPE", "LOC", "FAC"}
TRIGGER_LEMMAS = MEETING_VERBS | MEETING_NOUNS | TALK_VERBS | frozenset({"shake"})
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}


@dataclass
class LocalMeeting:
    participants: list[str]  # local actor keys, in order of mention
    evidence: list[tuple[int, int]]
    place: str | None = None
    place_span: tuple[int, int] | None = None
    time: str | None = None
    time_iso: str | None = None
    time_span: tuple[int, int] | None = None
    topic: str | None = None
    topic_span: tuple[int, int] | None = None
    triggers: list[tuple[int, int]] = field(default_factory=list)

    def as_record(self) -> dict:
        return {
            "participants": list(self.participants),
            "place": self.place,
            "place_span": span_or_none(self.place_span),
            "time": self.time,
            "time_iso": self.time_iso,
            "time_span": span_or_none(self.time_span),
            "topic": self.topic,
            "topic_span": span_or_none(self.topic_span),
            "evidence": [span_or_none(e) for e in self.evidence],
            "triggers": [span_or_none(t) for t in self.triggers],
        }


class _Mentions:
    """Maps tokens to the local actor they mention."""

    def __init__(self, doc: Doc, actors: list[LocalActor]) -> None:
        self.by_token: dict[int, LocalActor] = {}
        for actor in actors:
            for m in actor.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    for tok in span:
                        self.by_token[tok.i] = actor

    def of(self, token: Token) -> LocalActor | None:
        return self.by_token.get(token.i)

    def person_before(self, pronoun: Token) -> LocalActor | None:
        """ "he attended a summit with Macron": the nearest person named before, preferring a subject."""
        doc = pronoun.doc
        start = pronoun.sent.start
        for _ in range(2):
            if start > 0:
                start = doc[start - 1].sent.start
        candidates = [t for t in doc[start : pronoun.i] if (a := self.of(t)) is not None and a.kind == "person"]
        subjects = [t for t in candidates if t.dep_ in ("nsubj", "nsubjpass")]
        chosen = (subjects or candidates)[-1:] if candidates else []
        return self.of(chosen[0]) if chosen else None

    def in_phrase(self, token: Token) -> list[LocalActor]:
        """The actors a noun phrase names: its head and coordinated heads, or a person in apposition."""
        found: list[LocalActor] = []
        for head in _coordinated(token):
            if head.lower_ in ("he", "she", "him", "her"):
                person = self.person_before(head)
                if person is not None and person not in found:
                    found.append(person)
                continue
            actor = self.of(head)
            if actor is None:
                # "Israel's representatives", "the U.S. negotiators" stand for their country.
                actor = next((self.of(c) for c in head.children if c.dep_ in ("appos", "compound", "poss") and self.of(c)), None)
            if actor is None and head.lemma_.lower() in ROLE_NOUNS:
                # "the President of France Emmanuel Macron": the person the title belongs to.
                actor = next((a for t in head.subtree if (a := self.of(t)) is not None and a.kind == "person"), None)
            if actor is not None and actor not in found:
                found.append(actor)
        return found


def _coordinated(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_coordinated(child))
    return out


def _is_trigger(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in TALK_VERBS:
        with_someone = any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
        remote = any(t.lower_ in REMOTE_WORDS for t in token.sent)
        return with_someone and not remote
    if token.pos_ == "VERB" and lemma in MEETING_VERBS:
        if lemma in WEAK_MEETING_VERBS:
            return any(c.dep_ == "dobj" and c.lemma_.lower() in MEETING_NOUNS for c in token.children)
        return True
    if token.pos_ == "VERB" and lemma == "shake":
        return any(c.lemma_.lower() == "hand" for c in token.children)
    if (
        token.pos_ == "VERB"
        and lemma in ("have", "hold", "attend")
        and any(c.dep_ == "dobj" and c.lemma_.lower() in MEETING_NOUNS for c in token.children)
    ):
        return False  # the noun is the trigger; this verb gives it its subject
    return token.pos_ in ("NOUN", "PROPN") and lemma in MEETING_NOUNS


def _clause_verb(token: Token) -> Token | None:
    """The verb a meeting noun hangs from: "held talks", "at the summit" -> announced, "meeting in Amman"."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.dep_ in ("ROOT",):
            break
    return None


def _subjects(verb: Token, mentions: _Mentions) -> list[LocalActor]:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return mentions.in_phrase(child)
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return mentions.in_phrase(obj)
    if verb.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl") and verb.head.i != verb.i:
        if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
            return []
        return _subjects(verb.head, mentions)
    return []


def _pp_objects(token: Token, preps: set[str], mentions: _Mentions) -> list[LocalActor]:
    found: list[LocalActor] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.extend(a for a in mentions.in_phrase(obj) if a not in found)
    return found


def _participants(trigger: Token, mentions: _Mentions) -> list[LocalActor]:
    found: list[LocalActor] = []

    def add(actors: list[LocalActor]) -> None:
        found.extend(a for a in actors if a not in found)

    if trigger.pos_ == "VERB":
        add(_subjects(trigger, mentions))
        for child in trigger.children:
            if child.dep_ in ("dobj", "dative") and child.lemma_.lower() != "hand":
                add(mentions.in_phrase(child))
        add(_pp_objects(trigger, {"with", "between"}, mentions))
        hands = next((c for c in trigger.children if c.lemma_.lower() == "hand"), None)
        if hands is not None:
            add(_pp_objects(hands, {"with"}, mentions))
        return found
    add(_pp_objects(trigger, {"with", "between", "of", "to"} if trigger.lemma_.lower() == "visit" else {"with", "between", "of"}, mentions))
    for child in trigger.children:
        if child.dep_ == "poss":
            actor = mentions.of(child)
            if actor is not None:
                add([actor])
    verb = _clause_verb(trigger)
    if verb is not None:
        add(_subjects(verb, mentions))
        if trigger.dep_ == "pobj":  # "at the summit": the verb's objects were there too
            for child in verb.children:
                if child.dep_ == "dobj":
                    add(mentions.in_phrase(child))
        if trigger.dep_ in ("dobj", "pobj"):
            add(_pp_objects(verb, {"with", "between"}, mentions))
    return found


def _place(trigger: Token, participants: set[str], mentions: _Mentions) -> Span | None:
    """A location in an "in"/"at" phrase of the trigger, of a participle on it, or of its verb."""
    doc = trigger.doc
    holders = [trigger]
    holders += [c for c in trigger.children if c.pos_ == "VERB" and c.dep_ in ("acl", "relcl", "advcl")]
    if trigger.pos_ != "VERB":
        verb = _clause_verb(trigger)
        if verb is not None:
            holders.append(verb)
    elif trigger.dep_ in ("advcl", "conj", "xcomp") and trigger.head.i != trigger.i:
        holders.append(trigger.head)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
                continue
            place = _place_in(doc, prep, participants, mentions)
            if place is not None:
                return place
    return None


def _place_in(doc: Doc, prep: Token, participants: set[str], mentions: _Mentions) -> Span | None:
    for tok in prep.subtree:
        if tok.ent_type_ not in PLACE_LABELS or tok.ent_iob_ != "B":
            continue
        # Only the object itself or a name inside it ("the Jordanian capital Amman"), not a nested phrase.
        node, nested = tok, False
        while node.i != prep.i:
            if node.dep_ == "pobj" and node.head.i != prep.i:
                nested = True
            node = node.head
        if nested:
            continue
        actor = mentions.of(tok)
        if actor is not None and actor.key in participants:
            continue
        ent = _entity_at(doc, tok.i)
        end = ent.end
        # "Hamburg, Germany": keep the country that qualifies the city.
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ == "GPE" and doc[end + 1].ent_iob_ == "B":
            end = _entity_at(doc, end + 1).end
        return doc[ent.start : end]
    return None


def _scope(trigger: Token) -> list[Token]:
    """Tokens of the trigger's clause: its own subtree, and its verb's when it is a noun."""
    tokens = list(trigger.subtree)
    verb = _clause_verb(trigger) if trigger.pos_ != "VERB" else None
    if verb is not None:
        tokens += [t for t in verb.subtree if t not in tokens]
    if trigger.pos_ == "VERB" and trigger.dep_ in ("advcl", "conj", "xcomp") and trigger.head.i != trigger.i:
        tokens += [t for t in trigger.head.children if t not in tokens and t.dep_ == "prep"]
    return sorted(tokens, key=lambda t: t.i)


def _entities(doc: Doc) -> tuple[Span, ...]:
    """doc.ents builds new Span objects on every access; build them once per document."""
    cached = doc.user_data.get("backchannel.ents")
    if cached is None:
        cached = doc.user_data["backchannel.ents"] = tuple(doc.ents)
    return cached


def _entity_at(doc: Doc, start: int) -> Span:
    return next(e for e in _entities(doc) if e.start == start)


def _time(doc: Doc, trigger: Token, scope: list[Token]) -> Span | None:
    ids = {t.i for t in scope}
    sent = trigger.sent
    in_sentence = [e for e in _entities(doc) if sent.start <= e.start < sent.end]
    dates = [e for e in in_sentence if e.label_ in ("DATE", "TIME") and e.start in ids]
    if not dates:
        dates = [e for e in in_sentence if e.label_ == "DATE"]
    if not dates:
        return None
    return min(dates, key=lambda e: abs(e.start - trigger.i))


def _topic(trigger: Token, scope: list[Token]) -> Span | None:
    doc = trigger.doc
    for token in scope:
        if token.lemma_.lower() == "discuss" and token.pos_ == "VERB":
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return doc[obj.left_edge.i : obj.right_edge.i + 1]
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in TOPIC_PREPS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ not in ("DATE", "GPE"):
                return doc[obj.left_edge.i : obj.right_edge.i + 1]
    return None


def _trim_span(span: Span) -> tuple[int, int]:
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if not tokens:
        return span.start_char, span.end_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def extract_meetings(doc: Doc, blocks: list[Block], actors: list[LocalActor], doc_date: str | None = None) -> list[LocalMeeting]:
    mentions = _Mentions(doc, actors)
    found: list[LocalMeeting] = []
    anaphoric: list[tuple[Token, list[LocalActor]]] = []
    for token in candidate_tokens(doc, blocks, TRIGGER_LEMMAS):
        if not _is_trigger(token):
            continue
        people = _participants(token, mentions)
        if len(people) < 2:
            if token.pos_ == "NOUN" and any(c.lower_ in ("the", "these", "those") for c in token.children):
                anaphoric.append((token, people))
            continue
        keys = [a.key for a in people]
        scope = _scope(token)
        place = _place(token, set(keys), mentions)
        when = _time(doc, token, scope)
        topic = _topic(token, scope)
        sent = token.sent
        meeting = LocalMeeting(
            participants=keys,
            evidence=[_trim_span(sent)],
            triggers=[(token.idx, token.idx + len(token.text))],
        )
        if place is not None:
            meeting.place, meeting.place_span = place.text, (place.start_char, place.end_char)
        if when is not None:
            meeting.time, meeting.time_span = when.text, (when.start_char, when.end_char)
            meeting.time_iso = resolve_date(when.text, doc_date)
        if topic is not None:
            meeting.topic_span = _trim_span(topic)
            meeting.topic = doc.text[meeting.topic_span[0] : meeting.topic_span[1]]
        found.append(meeting)
    merged = _merge(found)
    for token, people in anaphoric:
        _attach_anaphor(doc, merged, token, people)
    return merged


def _compatible(a: LocalMeeting, b: LocalMeeting) -> bool:
    pa, pb = set(a.participants), set(b.participants)
    if not (pa <= pb or pb <= pa):
        return False
    if a.place and b.place and a.place != b.place and a.place not in b.place and b.place not in a.place:
        # Two places in one sentence pair ("in Amman and in one European capital") are one series;
        # two places in different sentences are two meetings.
        return bool(set(a.evidence) & set(b.evidence))
    if a.time_iso and b.time_iso and a.time_iso[:7] != b.time_iso[:7]:
        return False
    return True


def _merge(meetings: list[LocalMeeting]) -> list[LocalMeeting]:
    out: list[LocalMeeting] = []
    for meeting in meetings:
        target = next((m for m in out if _compatible(m, meeting)), None)
        if target is None:
            out.append(meeting)
            continue
        for key in meeting.participants:
            if key not in target.participants:
                target.participants.append(key)
        for ev in meeting.evidence:
            if ev not in target.evidence:
                target.evidence.append(ev)
        target.triggers.extend(meeting.triggers)
        for attr in ("place", "time", "topic"):
            if getattr(target, attr) is None and getattr(meeting, attr) is not None:
                setattr(target, attr, getattr(meeting, attr))
                setattr(target, attr + "_span", getattr(meeting, attr + "_span"))
                if attr == "time":
                    target.time_iso = meeting.time_iso
            elif attr == "time" and target.time_iso is None and meeting.time_iso is not None:
                target.time, target.time_span, target.time_iso = meeting.time, meeting.time_span, meeting.time_iso
    return out


def _attach_anaphor(doc: Doc, meetings: list[LocalMeeting], token: Token, people: list[LocalActor]) -> None:
    """'the secret summits' after a meeting was introduced: more evidence for that meeting."""
    keys = {a.key for a in people}
    earlier = [m for m in meetings if m.triggers and m.triggers[0][0] < token.idx and keys <= set(m.participants)]
    if not earlier:
        return
    target = max(earlier, key=lambda m: m.triggers[0][0])
    ev = _trim_span(token.sent)
    if ev not in target.evidence:
        target.evidence.append(ev)
        target.triggers.append((token.idx, token.idx + len(token.text)))
