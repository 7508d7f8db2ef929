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
one known participant is evidence for the latest meeting it fits, and "The
meeting was attended by …" adds its people to the meeting told in the two
sentences before. A verb met "with X, then with Y" is two meetings; whoever
"led the U.S. negotiators" joins that side's latest meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from store.db.schema import span_or_none
from store.extract.actors import LocalActor
from store.extract.event_status import HAPPENED, HYPOTHETICAL, NEGATED, PLANNED, status_of
from store.extract.mention_index import MentionIndex, look_back_start
from store.extract.time_expressions import event_time, later_than, resolve_time
from store.language.dates import granularity
from store.language.gazetteer import gazetteer
from store.language.lexicon import MEETING_NOUNS, MEETING_VERBS, REMOTE_WORDS, ROLE_NOUNS, TALK_VERBS, WEAK_MEETING_VERBS
from store.read.layout import Block, candidate_tokens, doc_text

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Nouns for the people who represent a side: their "of" phrase names the side ("the delegations of Cyprus and Greece").
DELEGATION_NOUNS = frozenset(
    "delegation delegations representative representatives official officials envoy envoys negotiator negotiators diplomat diplomats minister ministers leader leaders counterpart counterparts".split()
)
# A person who leads one of these for a side ("led the U.S. negotiators") sat at that side's table.
LEADING_VERBS = frozenset("lead head".split())
SIDE_NOUNS = frozenset("delegation delegations negotiator negotiators team side".split())
# Meeting nouns a body can own by name: "the G20 summit", "the EU summit", "the NATO meeting".
BODY_EVENT_NOUNS = frozenset("summit summits meeting meetings conference session sessions".split())
# Verbs whose subject takes part in the meeting that is their object even when it names its sides ("hosted talks between").
TAKING_PART_VERBS = frozenset("have hold host chair attend join lead conduct".split())
TRIGGER_LEMMAS = MEETING_VERBS | MEETING_NOUNS | TALK_VERBS | frozenset({"shake", "attend"})
# The head word of a body's name that is itself a gathering: "the General Assembly", "the World Economic Forum".
GATHERING_NAME = re.compile(r"^(?:Assembly|Summit|Forum|Conference|Convention|Congress|Synod|Council)$")
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
    statuses: list[str] = field(default_factory=list)  # one per mention, merged by `status`
    body: str | None = None  # the body whose summit or session this is ("the G20 summit"), by local key
    time_is_clock: bool = False  # "at 5:30 PM": a date said elsewhere is the better time
    refers_from: int | None = None  # a definite "the meeting": the offset from which the meeting it names may be told

    @property
    def status(self) -> str:
        """What the article says of the event as a whole: a cancellation anywhere wins, then a report that it took place."""
        for status in (NEGATED, HAPPENED, PLANNED, HYPOTHETICAL):
            if status in self.statuses:
                return status
        return HAPPENED

    def as_record(self) -> dict:
        return {
            "participants": list(self.participants),
            "place": self.place,
            "place_span": span_or_none(self.place_span),
            "time": self.time,
            "time_iso": self.time_iso,
            "time_granularity": granularity(self.time_iso),
            "time_span": span_or_none(self.time_span),
            "status": self.status,
            "topic": self.topic,
            "topic_span": span_or_none(self.topic_span),
            "evidence": [span_or_none(e) for e in self.evidence],
            "triggers": [span_or_none(t) for t in self.triggers],
        }


class _Mentions(MentionIndex):
    """The article's mentions, with what a meeting's participants are read from: noun phrases and delegations."""

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
            # "attended by Israeli prime minister Benjamin Netanyahu and energy minister Yuval Steinitz, …": the parse
            # hangs the names on the first title as an apposition, and the rest of the list on that name. The name
            # is who the phrase means, not the owner of the title ("Hunter Biden's business partner Tony Bobulinski").
            named = [c for c in head.children if c.dep_ == "appos" and self.of(c) is not None]
            if actor is None and named:
                found.extend(a for a in self.in_phrase(named[0]) if a not in found)
                continue
            if actor is None:
                # "Israel's representatives", "the U.S. negotiators" stand for their country.
                actor = next((self.of(c) for c in head.children if c.dep_ in ("compound", "poss") and self.of(c)), None)
            if actor is None and head.lemma_.lower() in ROLE_NOUNS:
                # "the President of France Emmanuel Macron": the person the title belongs to.
                actor = next((a for t in head.subtree if (a := self.of(t)) is not None and a.kind == "person"), None)
            if actor is None and head.lemma_.lower() in DELEGATION_NOUNS:
                # "the delegations of Cyprus, Greece and Israel": the sides they stand for.
                found.extend(a for a in self._of_phrase(head) if a not in found)
                continue
            if actor is not None and actor not in found:
                found.append(actor)
            if actor is not None:  # "Hatzidakis, … energy minister Georgios Lakkotrypis": a person set beside a name
                found.extend(a for c in named if (a := self.of(c)) is not None and a.kind == "person" and a not in found)
        return found

    def _of_phrase(self, head: Token) -> list[LocalActor]:
        out: list[LocalActor] = []
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        for node in _coordinated(obj):
                            actor = self.of(node)
                            if actor is not None and actor not in out:
                                out.append(actor)
        return out


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
    if token.pos_ == "VERB" and lemma == "attend":
        # "to attend the United Nations General Assembly": a gathering named by its body.
        return any(c.dep_ == "dobj" and GATHERING_NAME.search(c.text) is not None for c in token.children)
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


def _subjects(verb: Token, mentions: _Mentions, passive_too: bool = False) -> list[LocalActor]:
    """Who does the verb: its subject, the one it inherits, or the passive agent ("was met by X");
    with `passive_too`, also the passive subject (X "was received by" Y: both meet)."""
    found: list[LocalActor] = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            return mentions.in_phrase(child)
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                found.extend(mentions.in_phrase(obj))
        if child.dep_ == "nsubjpass" and passive_too:
            found.extend(a for a in mentions.in_phrase(child) if a not in found)
    if found:
        return found
    if verb.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl") and verb.head.i != verb.i:
        if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
            return []
        return _subjects(verb.head, mentions)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subjects(verb.head.head, mentions)  # "after meeting X", "including meeting X": the main clause's subject
    if verb.dep_ == "conj" and verb.head.dep_ == "pcomp":
        return _subjects(verb.head, mentions)
    return []


def _pp_objects(token: Token, preps: set[str], mentions: _Mentions) -> list[LocalActor]:
    found: list[LocalActor] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            found.extend(a for a in _pp_objects_of(child, mentions) if a not in found)
    return found


def _pp_objects_of(prep: Token, mentions: _Mentions) -> list[LocalActor]:
    found: list[LocalActor] = []
    for obj in prep.children:
        if obj.dep_ == "pobj":
            found.extend(a for a in mentions.in_phrase(obj) if a not in found)
    return found


def _participants(trigger: Token, mentions: _Mentions) -> list[LocalActor]:
    found: list[LocalActor] = []

    def add(actors: list[LocalActor]) -> None:
        found.extend(a for a in actors if a not in found)

    if trigger.pos_ == "VERB":
        add(_subjects(trigger, mentions, passive_too=True))
        for child in trigger.children:
            if child.dep_ in ("dobj", "dative") and child.lemma_.lower() != "hand":
                add(mentions.in_phrase(child))
        add(_pp_objects(trigger, {"with", "between"}, mentions))
        hands = next((c for c in trigger.children if c.lemma_.lower() == "hand"), None)
        if hands is not None:
            add(_pp_objects(hands, {"with"}, mentions))
        return found
    add(_pp_objects(trigger, {"with", "between", "of", "to"} if trigger.lemma_.lower() == "visit" else {"with", "between", "of"}, mentions))
    between = bool(found) and any(c.dep_ == "prep" and c.lower_ == "between" for c in trigger.children)
    if between and len(found) == 1:
        add(_other_side(trigger, mentions))
    for child in trigger.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and trigger.lemma_.lower() in BODY_EVENT_NOUNS):
            # "their meeting", "the G20 summit", "the APEC summit": the owner or the body meets.
            actor = mentions.of(child)
            if actor is not None:
                add([actor])
        elif child.dep_ in ("compound", "amod", "nmod"):
            add(mentions.in_compound(child))
    verb = _clause_verb(trigger)
    if verb is not None and (not between or verb.lemma_.lower() in TAKING_PART_VERBS):
        # "he arranged a meeting between X and Y": the arranger is not one of them; "X hosted talks between …" is.
        add(_subjects(verb, mentions))
        if trigger.dep_ == "pobj":  # "at the summit": the verb's objects were there too
            for child in verb.children:
                if child.dep_ == "dobj":
                    add(mentions.in_phrase(child))
        if trigger.dep_ in ("dobj", "pobj"):
            add(_pp_objects(verb, {"with", "between"}, mentions))
    return found


def _other_side(trigger: Token, mentions: _Mentions) -> list[LocalActor]:
    """ "a meeting between Giuliani, claiming to represent the State Department, and Andriy Yermak": when an
    aside splits the pair, the parse hangs the second side elsewhere; it is the next name after "and"."""
    doc = trigger.doc
    prep = next(c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "between")
    for token in doc[prep.right_edge.i + 1 : trigger.sent.end]:
        first = token.left_edge.i
        if token.dep_ == "conj" and first > 0 and doc[first - 1].lower_ == "and" and (actor := mentions.of(token)) is not None:
            return [actor]
    return []


def _place(trigger: Token, participants: set[str], mentions: _Mentions) -> Span | None:
    """A location in an "in"/"at" phrase of the trigger, of a participle on it, or of its verb."""
    doc = trigger.doc
    holders = [trigger]
    holders += [c for c in trigger.children if (c.pos_ == "VERB" and c.dep_ in ("acl", "relcl", "advcl")) or c.dep_ == "mark"]
    if trigger.pos_ != "VERB":
        verb = _clause_verb(trigger)
        if verb is not None:
            holders.append(verb)
    elif trigger.dep_ in ("advcl", "conj", "xcomp") and trigger.head.i != trigger.i:
        holders.append(trigger.head)
    # "met X, a US envoy, in Qatar": the parse often hangs the place on the counterpart or its apposition.
    for arg in _arguments(trigger):
        holders += [arg, *(c for c in arg.children if c.dep_ == "appos")]
    preps = [c for holder in holders for c in holder.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
    if trigger.head.dep_ == "prep" and trigger.head.lower_ in ("in", "at"):
        preps.append(trigger.head)  # "While in New York City to attend the General Assembly", parsed either way
    for prep in preps:
        place = _place_in(doc, prep, participants, mentions)
        if place is not None:
            return place
    return _visited_country(trigger)


def _body(trigger: Token, mentions: _Mentions) -> str | None:
    if trigger.lemma_.lower() not in BODY_EVENT_NOUNS:
        return None
    owner = next(
        (a for c in trigger.children if c.dep_ == "compound" and (a := mentions.of(c)) is not None and a.kind == "organization"), None
    )
    return owner.key if owner is not None else None


def _arguments(trigger: Token) -> list[Token]:
    """The trigger's object and the objects of its "with" phrases."""
    out = [c for c in trigger.children if c.dep_ in ("dobj", "dative")]
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ == "with":
            out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


def _visited_country(trigger: Token) -> Span | None:
    """ "visited Canada", "a state visit to Canada": with no nearer place, the country visited is where it was."""
    if trigger.lemma_.lower() != "visit":
        return None
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            objects += [c for c in prep.children if c.dep_ == "pobj"]
    for obj in objects:
        if obj.ent_type_ == "GPE":
            return _entity_at(trigger.doc, next(t.i for t in obj.subtree if t.ent_iob_ == "B" and t.ent_type_ == "GPE"))
    return None


def _place_in(doc: Doc, prep: Token, participants: set[str], mentions: _Mentions) -> Span | None:
    for tok in prep.subtree:
        if tok.ent_type_ not in PLACE_LABELS or tok.ent_iob_ != "B":
            continue
        # Only the object itself or a name inside it ("the Jordanian capital Amman"), not a nested phrase.
        node, nested = tok, False
        while node.i != prep.i:
            # "at the G20 summit in Hamburg": a place nested in a gathering is the gathering's place, so ours too.
            if node.dep_ == "pobj" and node.head.i != prep.i and node.head.head.lemma_.lower() not in MEETING_NOUNS:
                nested = True
            node = node.head
        if nested:
            continue
        actor = mentions.of(tok)
        if actor is not None and (actor.key in participants or actor.kind == "person"):
            continue  # a participant is not the place, and a person never is
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
        for group in _one_by_one(token, people, mentions):
            found.append(_meeting_at(token, group, mentions, doc_date))
    merged = _merge(found)
    for token, people in anaphoric:
        _attach_anaphor(doc, merged, token, people)
    _add_side_leaders(doc, blocks, merged, mentions)
    return merged


def _add_side_leaders(doc: Doc, blocks: list[Block], meetings: list[LocalMeeting], mentions: _Mentions) -> None:
    """ "Michael Ratney and Brett McGurk … led the U.S. negotiators": whoever leads a side's delegation took part in
    the latest meeting told before that had the side at the table."""
    for verb in candidate_tokens(doc, blocks, LEADING_VERBS):
        if verb.pos_ != "VERB":
            continue
        for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in SIDE_NOUNS):
            side = _side_of(obj, mentions)
            leaders = [a for a in _subjects(verb, mentions) if a.kind == "person"]
            if side is None or not leaders:
                continue
            earlier = [m for m in meetings if side.key in m.participants and m.triggers[0][0] < verb.idx]
            if earlier:
                target = max(earlier, key=lambda m: m.triggers[0][0])
                target.participants.extend(a.key for a in leaders if a.key not in target.participants)
                evidence = _trim_span(verb.sent)
                if evidence not in target.evidence:
                    target.evidence.append(evidence)


def _side_of(group: Token, mentions: _Mentions) -> LocalActor | None:
    """The country or body a team stands for: "the U.S. negotiators", "Israel's delegation", "the Russian team"."""
    for child in group.children:
        if child.dep_ in ("compound", "poss", "nmod") and (actor := mentions.of(child)) is not None:
            return actor
        if child.dep_ == "amod" and (country := gazetteer().demonym(child.text)) is not None:
            return mentions.country(country)
    return None


def _one_by_one(trigger: Token, people: list[LocalActor], mentions: _Mentions) -> list[list[LocalActor]]:
    """ "met with the IMF, then with President Trump": one meeting per "with" phrase of the verb, each with its subject."""
    withs = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with"] if trigger.pos_ == "VERB" else []
    sides = [_pp_objects_of(prep, mentions) for prep in withs]
    if len(sides) < 2 or not all(sides):
        return [people]
    counterparts = {a.key for side in sides for a in side}
    rest = [a for a in people if a.key not in counterparts]
    return [rest + side for side in sides] if rest else [people]


def _meeting_at(token: Token, people: list[LocalActor], mentions: _Mentions, doc_date: str | None) -> LocalMeeting:
    doc = token.doc
    keys = [a.key for a in people]
    scope = _scope(token)
    place = _place(token, set(keys), mentions)
    when = event_time(doc, token, scope, _entities(doc))
    topic = _topic(token, scope)
    status = status_of(token)
    meeting = LocalMeeting(
        participants=keys,
        evidence=[_trim_span(token.sent)],
        triggers=[(token.idx, token.idx + len(token.text))],
        refers_from=_definite_from(token),
    )
    if place is not None:
        meeting.place, meeting.place_span = place.text, (place.start_char, place.end_char)
    if when is not None:
        meeting.time, meeting.time_span, meeting.time_is_clock = when.text, (when.start_char, when.end_char), when.label_ == "TIME"
        meeting.time_iso = resolve_time(doc, when, doc_date, future=status in (PLANNED, HYPOTHETICAL))
        if status == HAPPENED and later_than(meeting.time_iso, doc_date):
            status = PLANNED
    meeting.statuses.append(status)
    meeting.body = _body(token, mentions)
    if topic is not None:
        meeting.topic_span = _trim_span(topic)
        meeting.topic = doc_text(doc)[meeting.topic_span[0] : meeting.topic_span[1]]
    return meeting


def _definite_from(trigger: Token) -> int | None:
    """Where the meeting a definite noun refers back to may be told: "The meeting was attended by …" after the
    summit was told in the sentence before. None for a verb, an indefinite noun, or a noun that names its own sides."""
    if trigger.pos_ == "VERB" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trigger.children):
        return None
    if any(c.dep_ in ("poss", "compound") or (c.dep_ == "prep" and c.lower_ in ("with", "between", "of")) for c in trigger.children):
        return None
    return trigger.doc[look_back_start(trigger)].idx


# Mentions in these two states can be one event told twice ("will meet" … "met"; "planned" … "cancelled");
# a hope is never the same mention as a plan or a fact ("wishes to speak with Hu at the upcoming summit").
_SAME_EVENT_STATUSES = {frozenset([HAPPENED, PLANNED]), frozenset([PLANNED, NEGATED]), frozenset([HYPOTHETICAL, NEGATED])}


def _compatible(a: LocalMeeting, b: LocalMeeting) -> bool:
    pa, pb = set(a.participants), set(b.participants)
    if not (pa <= pb or pb <= pa):
        return False
    if a.body != b.body:
        return False  # "their bilateral meeting at the G20 summit": the summit and the meeting on its sidelines
    sa, sb = a.statuses[0], b.statuses[0]
    if sa != sb and frozenset([sa, sb]) not in _SAME_EVENT_STATUSES:
        return False
    if a.place and b.place and a.place != b.place and a.place not in b.place and b.place not in a.place:
        # Two places in one sentence pair ("in Amman and in one European capital") are one series;
        # two places in different sentences are two meetings.
        return bool(set(a.evidence) & set(b.evidence))
    if a.time_iso and b.time_iso and a.time_iso[:7] != b.time_iso[:7]:
        return False
    return True


def _told_since(meeting: LocalMeeting, offset: int) -> bool:
    return any(start >= offset for start, _ in meeting.triggers)


def _may_be_one(a: LocalMeeting, b: LocalMeeting) -> bool:
    """What a definite mention must not contradict in the meeting it names: its state, place and month."""
    sa, sb = a.statuses[0], b.statuses[0]
    if sa != sb and frozenset([sa, sb]) not in _SAME_EVENT_STATUSES:
        return False
    if a.place and b.place and a.place not in b.place and b.place not in a.place:
        return False
    return not (a.time_iso and b.time_iso and a.time_iso[:7] != b.time_iso[:7])


def _merge(meetings: list[LocalMeeting]) -> list[LocalMeeting]:
    out: list[LocalMeeting] = []
    for meeting in meetings:
        target = next((m for m in out if _compatible(m, meeting)), None)
        if target is None and meeting.refers_from is not None:
            target = next((m for m in reversed(out) if _told_since(m, meeting.refers_from) and _may_be_one(m, meeting)), None)
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
        target.statuses.extend(meeting.statuses)
        for attr in ("place", "time", "topic"):
            if getattr(target, attr) is None and getattr(meeting, attr) is not None:
                setattr(target, attr, getattr(meeting, attr))
                setattr(target, attr + "_span", getattr(meeting, attr + "_span"))
                if attr == "time":
                    target.time_iso = meeting.time_iso
            elif (
                attr == "time"
                and meeting.time is not None
                and ((target.time_iso is None and meeting.time_iso is not None) or (target.time_is_clock and not meeting.time_is_clock))
            ):
                target.time, target.time_span, target.time_iso = meeting.time, meeting.time_span, meeting.time_iso
                target.time_is_clock = meeting.time_is_clock
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
        target.statuses.append(status_of(token))
