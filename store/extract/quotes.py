"""Quotes in one document: direct speech between quotation marks and reported speech from the parse.

Three passes over the body and caption sentences:

1. Quotation spans: straight ("…"), curly (“…”) and doubled-apostrophe
   (''…'') marks, paired within a paragraph; a paragraph that opens a quote
   and does not close it continues into the next one that opens with a mark.
   Short spans without a verb are scare quotes or titles ("Star Wars"), not
   speech.
2. Speech verbs (store.lexicon) with a content clause: "X said (that) …",
   "X argued to Y that …", ", X said, …" (the clause the attribution sits in),
   a participle that inherits its subject ("Netanyahu came out …, reiterating
   that …"), and "according to X, …". A reported clause holding a quotation
   is `mixed`; one that is the quotation is `direct`.
3. Quotations no verb claimed get the nearest attribution in the same
   sentence, a following "he said" sentence or a preceding "X said:"; else the
   speaker of the quote just before carries over (a speech that runs on over
   several sentences).

Speakers that are pronouns resolve to the nearest fitting earlier speaker or
subject; a speaker phrase is linked to the actor it names, if it names one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from store.db.schema import span_or_none
from store.extract.actors import LocalActor
from store.extract.mention_index import MentionIndex
from store.extract.sex import WEAK
from store.extract.time_expressions import adverbial_mark, later_than, resolve_time, speech_time
from store.language.dates import granularity
from store.language.gazetteer import gazetteer, norm
from store.language.lexicon import (
    OCCUPATIONS,
    PRONOUN_SEX,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PRONOUNS_THING,
    QUESTION_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    WEAK_SPEECH_VERBS,
)
from store.read.layout import Block, candidate_tokens, doc_text

OPEN_CLOSE = {"“": "”", "„": "“", "«": "»"}
QUOTE_CHARS = set('"“”„«»')
MIN_QUOTE_WORDS = 4
RUN_ON_REACH = 400  # characters: a bare quotation this close after a direct quote continues its speaker's speech
SAME_CONTENT = 0.8  # overlap of two quotes' contents over which they are one quotation claimed by two cues


@dataclass
class LocalQuote:
    content: tuple[int, int]
    kind: str
    cue: tuple[int, int] | None = None
    speaker_span: tuple[int, int] | None = None
    speaker: str | None = None  # local actor key
    verb: int | None = None  # token index of the cue verb, to join passes
    marks: list[tuple[int, int]] = field(default_factory=list)
    time: str | None = None  # when it was said, as written ("on Tuesday"); None when the cue gives no time
    time_iso: str | None = None
    time_span: tuple[int, int] | None = None
    time_head: int | None = None  # the token the time hangs on, when it is not the cue verb
    source_head: int | None = None  # a second cue for the same words ("…, according to today's Post"), dating them when the first does not

    def as_record(self) -> dict:
        return {
            "content_span": span_or_none(self.content),
            "cue_span": span_or_none(self.cue),
            "speaker_span": span_or_none(self.speaker_span),
            "speaker": self.speaker,
            "kind": self.kind,
            "time": self.time,
            "time_iso": self.time_iso,
            "time_granularity": granularity(self.time_iso),
            "time_span": span_or_none(self.time_span),
        }


# --- pass 1: quotation marks -------------------------------------------------


def quotation_spans(text: str, blocks: list[Block]) -> list[tuple[int, int]]:
    """Interiors of quotations (marks excluded), in text order."""
    spans: list[tuple[int, int]] = []
    carry: int | None = None
    for block in blocks:
        if block.role not in ("body", "caption"):
            carry = None
            continue
        para = text[block.start : block.end]
        marks = _marks(para)
        i = 0
        if carry is not None:
            if marks and marks[0][0] == 0 and marks[0][2] != "close":
                # The quote carried from the last paragraph continues here.
                marks = marks[1:]
            else:
                carry = None
        if carry is not None:
            if marks:
                spans.append((carry, block.start + marks[0][0]))
                i = 1
                carry = None
            else:
                continue
        while i < len(marks):
            pos, length, kind = marks[i]
            if kind == "close":
                i += 1
                continue
            if i + 1 < len(marks):
                close_pos = marks[i + 1][0]
                spans.append((block.start + pos + length, block.start + close_pos))
                i += 2
            else:
                carry = block.start + pos + length
                i += 1
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in spans) if e > s]


def _marks(para: str) -> list[tuple[int, int, str]]:
    """Positions of quotation marks with their length and whether they open, close or are ambiguous."""
    found = []
    for match in re.finditer(r"''|``|[\"“”„«»]", para):
        ch = match.group()
        kind = "open" if ch in ("“", "„", "«", "``") else "close" if ch in ("”", "»") else "either"
        if ch == "''" and not _doubled_apostrophe_is_quote(para, match.start()):
            continue
        found.append((match.start(), len(ch), kind))
    # Straight marks alternate open, close; an explicit close resets the order.
    out = []
    expect_open = True
    for pos, length, kind in found:
        if kind == "either":
            kind = "open" if expect_open else "close"
        expect_open = kind == "close"
        out.append((pos, length, kind))
    return out


def _doubled_apostrophe_is_quote(para: str, pos: int) -> bool:
    before = para[pos - 1] if pos else " "
    after = para[pos + 2] if pos + 2 < len(para) else " "
    return not (before.isalpha() and after.isalpha())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    # A comma before the closing mark ('"…," he said') belongs to the sentence, not the speech.
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _is_speech(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    if _is_title(words, span.text):
        return False
    if len(words) >= MIN_QUOTE_WORDS:
        return True
    return any(t.pos_ in ("VERB", "AUX") for t in span) and len(words) >= 2 and span.text.rstrip()[-1:] in ".!?,"


# Small words a title keeps in lower case: "Hero of the Soviet Union", "A Tribute For a King".
_TITLE_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())


def _is_title(words: list[Token], text: str) -> bool:
    """Every word capitalised and no closing stop: the name of a work, document, event or nickname
    ("Hurricane Humberto Intermediate Advisory Number 25A", "Person of the Year"), not speech."""
    if len(words) < 2 or text.rstrip()[-1:] in ".!?,":
        return False
    return words[0].text[0].isupper() and all(w.text[0].isupper() or w.lower_ in _TITLE_SMALL_WORDS for w in words)


# --- pass 2: speech verbs ------------------------------------------------------


def _is_speech_verb(token: Token) -> bool:
    if token.pos_ in ("VERB", "AUX"):
        return token.lemma_.lower() in SPEECH_VERBS
    return _verb_read_as_noun(token)


def _verb_read_as_noun(token: Token) -> bool:
    """ "The U.S. Department of Agriculture notes, "…"": a speech verb in the present tense that the tagger read as a
    plural noun. It is the verb when the parse still gives it a subject and a clause of its own."""
    if token.tag_ != "NNS" or not token.lower_.endswith("s") or token.lower_[:-1] not in SPEECH_VERBS:
        return False
    subject = any(c.dep_ in ("nsubj", "nmod") and c.i < token.i and c.pos_ in ("PROPN", "NOUN") for c in token.children)
    return subject and any(c.dep_ in ("ccomp", "parataxis") and c.i > token.i for c in token.children)


# Heads of speaker phrases that stand for unnamed people: the names inside them are not the speaker.
NAMELESS_SPEAKERS = frozenset(
    "official source diplomat spokesman spokeswoman spokesperson aide adviser advisor analyst expert representative member resident witness".split()
)

QUOTE_MARK_TOKENS = {'"', "“", "”", "''", "``", "«", "»"}


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]  # a passive subject ("it was said") is not the speaker
    if not subjects and verb.pos_ == "NOUN":  # a verb read as a noun: its subject read as a modifier of it
        subjects = [c for c in verb.children if c.dep_ == "nmod" and c.i < verb.i]
    if len(subjects) > 1:
        # "said study co-author Ted Scambos" parsed as three subjects ("co", "-", "Scambos"): the name is the speaker.
        # A person first (a title's words come before the name), then any name, in reading order.
        # "Another co-author, …, professor Julian Marshall, said": the name in apposition to one of them.
        named = (
            [c for c in subjects if c.ent_type_ == "PERSON"]
            or [c for c in subjects if any(t.ent_type_ == "PERSON" and t.dep_ == "appos" for t in c.subtree)]
            or [c for c in subjects if c.ent_type_ in ("ORG", "GPE", "NORP")]
        )
        return named[0] if named else subjects[0]
    if subjects:
        return subjects[0]
    named = _name_before(verb)
    if named is not None:
        return named
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
        # A participle of speech inherits the speaker of the attribution it continues:
        # "X said the 36 must face charges, adding …" — X, not "the 36".
        if verb.tag_ == "VBG" and _is_speech_verb(verb):
            for ancestor in verb.ancestors:
                subject = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
                if subject is None:
                    continue
                if _is_speech_verb(ancestor) or (_can_speak(subject) and not _reported(ancestor)):
                    # "…, Maróth said, and unnamed industry experts called this dubious …, while noting …": the
                    # experts, whose clause the participle hangs on, not the speaker of the clause before it.
                    return _subject(ancestor)
        return _subject(verb.head)
    return None


def _can_speak(subject: Token) -> bool:
    """A subject that may be who speaks: a name, a pronoun for people, or a noun for people ("experts")."""
    word = subject.lemma_.lower()
    return (
        subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or subject.lower_ in PRONOUNS_PERSON | PRONOUNS_PLURAL
        or word in ROLE_NOUNS | OCCUPATIONS | NAMELESS_SPEAKERS
    )


THING_VERBS = frozenset("suggest indicate show reveal imply mean prove".split())


def _said_of_a_thing(verb: Token) -> bool:
    """A speech verb inside what another one reports, whose subject is a thing that cannot speak ("told Discover
    Magazine the frequency of spiky skulls suggested …"): part of what was said, not a speaker of its own."""
    if verb.lemma_.lower() not in THING_VERBS:
        return False  # "said his roommates said …": people say; what a thing does is suggest, show or indicate
    subject = _subject(verb)
    return subject is not None and _reported(verb) and not _can_speak(subject) and subject.lemma_.lower() not in VOICE_NOUNS


def _reported(verb: Token) -> bool:
    """The verb is in a clause a speech verb reports ("X said officials were working, adding …"): its subject is
    who the words are about, not who says them."""
    node = verb
    while node.head.i != node.i:
        if node.dep_ == "ccomp" and _is_speech_verb(node.head):
            return True
        node = node.head
    return False


FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _name_before(verb: Token) -> Token | None:
    """A finite speech verb the parse left without a subject, right after a person's name: "…, the president of the
    League, Jamel Msallem, said" (the name read as an apposition of an earlier phrase), "Caloundra coach Geoff Ingram
    said" (the title read as a verb). The name is the speaker. Never for a participle ("attacked Biden, saying"):
    its speaker is the subject of the clause it hangs on."""
    if verb.tag_ not in FINITE or verb.dep_ in ("conj", "advcl", "xcomp", "relcl", "acl"):
        return None
    doc = verb.doc
    i = verb.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or doc[i].ent_type_ != "PERSON" or doc[i].sent.start != verb.sent.start:
        return None
    return doc[i]


def _phrase(token: Token) -> tuple[int, int]:
    """Character extent of a noun phrase without relative clauses, an "according to" source or punctuation."""
    excluded: set[int] = set()
    for t in token.subtree:
        if t.dep_ in ("relcl", "acl") or (t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to"):
            excluded.update(x.i for x in t.subtree)
    tokens = [t for t in token.subtree if t.i not in excluded]
    # An "according to …" phrase that the parse put inside the subject starts before it: keep what follows.
    if excluded and min(excluded) < token.i:
        tokens = [t for t in tokens if t.i > max(i for i in excluded if i < token.i)]
    tokens.sort(key=lambda t: t.i)
    mark = next((k for k, t in enumerate(tokens) if t.i > token.i and t.text in QUOTE_MARK_TOKENS and t.nbor(-1).text == ","), None)
    if mark is not None:
        tokens = tokens[:mark]  # '"…", reads an AEW press release, "a fierce …"': a quotation set off after it is no part of who speaks
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and not (tokens[-1].text == ")" and any(t.text == "(" for t in tokens)):
        tokens.pop()
    if tokens and tokens[-1].text == "(":
        tokens.pop()
    if any(t.text == "(" for t in tokens) and not any(t.text == ")" for t in tokens):
        close = token.doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(token.doc) else None
        if close is not None and close.text == ")":
            tokens.append(close)  # "the Kurdish-led Syrian Democratic Forces (SDF)": keep the bracket closed
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return token.idx, token.idx + len(token.text)
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _clause_extent(tokens: Iterable[Token]) -> tuple[int, int] | None:
    tokens = sorted(tokens, key=lambda t: t.i)
    # Leading punctuation and the complementiser "that" are not part of what was said.
    while tokens and (tokens[0].is_punct or tokens[0].is_space or (tokens[0].lower_ == "that" and tokens[0].dep_ == "mark")):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in "?!":
        if tokens[-1].text == ")" and any(t.text == "(" for t in tokens):
            break  # "(IDB)": a closing bracket whose opener is in the clause stays
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _is_attribution(token: Token) -> bool:
    """A speech verb with a speaker of its own, or a participle of speech: a new attribution, not content."""
    if not _is_speech_verb(token) or token.lemma_.lower() in QUESTION_VERBS | WEAK_SPEECH_VERBS:
        return False
    if _said_of_a_thing(token):
        return False  # "told Discover Magazine the frequency of spiky skulls suggested …": what he told, not who spoke
    return any(c.dep_ == "nsubj" for c in token.children) or (token.tag_ == "VBG" and token.dep_ in ("advcl", "conj", "xcomp"))


def _narrative_conjunct(token: Token) -> bool:
    """ ", and self-quarantine announcements quickly followed": after a comma and "and", a clause with a
    subject of its own, in the past, goes on with the writer's story rather than what was said."""
    if token.dep_ != "conj" or token.tag_ != "VBD":
        return False
    if not any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in token.children):
        return False
    doc = token.doc
    start = token.left_edge.i
    return start >= 2 and doc[start - 1].lower_ in ("and", "but") and doc[start - 2].text == ","


def _without_next_attribution(clause: Token) -> list[Token]:
    """The clause minus an attribution embedded in it: "… in Asia and he also said that …" ends at "Asia",
    "the 36 must face charges, adding that …" at "charges"."""
    tokens = list(clause.subtree)
    for token in tokens:
        if token.i != clause.i and token.dep_ in ("conj", "advcl") and (_is_attribution(token) or _narrative_conjunct(token)):
            cut = {t.i for t in token.subtree}
            return [t for t in tokens if t.i < min(cut) and not (t.dep_ == "cc" and t.i >= min(cut) - 2)]
    return tokens


def _infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children) or token.tag_ == "TO"


def _coordinated_that_clause(verb: Token, extent: tuple[int, int]) -> tuple[int, int]:
    """ "announced he had asked …, and that Bolton tendered it": a second "that" clause is part of what was said."""
    for child in verb.children:
        if child.dep_ == "conj" and child.idx > extent[1] and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            more = _clause_extent(_without_next_attribution(child))
            if more:
                return extent[0], more[1]
    return extent


def _with_stray_subject(verb: Token, clause: Token, extent: tuple[int, int]) -> tuple[int, int]:
    """ "announced the tests by a laboratory found Novichok": the small model makes the clause's subject
    the verb's object; a subjectless clause right after that object takes it back."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return extent
    obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i), None)
    if obj is None:
        return extent
    # Only the object and phrases hanging on it ("the tests by a military laboratory") may lie between.
    between = range(obj.right_edge.i + 1, clause.left_edge.i)
    preps = {t.i for c in verb.children if c.dep_ == "prep" and obj.i < c.i < clause.i for t in c.subtree}
    if any(i not in preps for i in between):
        return extent
    return obj.left_edge.idx, extent[1]


def _content_of(verb: Token) -> tuple[int, int] | None:
    """The reported clause: a complement of the verb, or the clause the verb is a parenthetical in."""
    question_verb = verb.lemma_.lower() in QUESTION_VERBS
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i > verb.i or child.dep_ == "ccomp":
            if _infinitive(child):
                continue  # "promised to buy", "urged them to leave": an intention or a directive, not a statement
            if _is_attribution(child):
                continue  # '"…", he added' parsed with "He said …" under it: that is another attribution
            if adverbial_mark(child) is not None:
                continue  # "minutes before the committee voted, Trump claimed …": when, not what was said
            if question_verb and not any(c.lower_ in ("whether", "if") or c.tag_ in ("WDT", "WP", "WRB") for c in child.subtree):
                continue  # "asked for his resignation" says nothing; "asked whether …" does
            extent = _clause_extent(_without_next_attribution(child))
            if extent and len(list(child.subtree)) >= 3:
                return _coordinated_that_clause(verb, _with_stray_subject(verb, child, extent))
    if question_verb:
        return None
    # "argued to their counterparts that …", "told reporters that …": the small model often hangs the
    # clause on the listener; a clause opened by the complementiser "that" is still what was said.
    for token in verb.subtree:
        if token.i > verb.i and token.pos_ in ("VERB", "AUX") and token.dep_ in ("acl", "relcl", "advcl", "ccomp"):
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
                return _clause_extent(_without_next_attribution(token))
    return _parenthetical_content(verb)


def _relayed(verb: Token) -> Token | None:
    """The attribution a report passes on: "X reported Y said", the bare "Y said" with nothing after it."""
    for child in verb.children:
        bare = all(c.dep_ in ("nsubj", "aux", "neg", "advmod", "punct") for c in child.children)
        if child.dep_ == "ccomp" and child.i > verb.i and bare and _is_attribution(child):
            return child
    return None


def _parenthetical_content(verb: Token) -> tuple[int, int] | None:
    """ "Syria, the Israelis said, could …" / "…, he said.": the clause a short attribution is set into."""
    head = verb.head
    own = sorted(verb.subtree, key=lambda t: t.i)
    if not any(c.dep_ == "nsubj" for c in verb.children) or any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in verb.children):
        return None
    if verb.dep_ not in ("parataxis", "ccomp", "advcl") or head.i == verb.i or head.pos_ not in ("VERB", "AUX") or len(own) > 8:
        return None
    if verb.dep_ == "ccomp" and verb.i > head.i and _is_speech_verb(head):
        return None  # "the USGS has said the earthquakes may continue": what was said, not an attribution set into it
    doc = verb.doc
    words = [t for t in own if not t.is_punct]
    first, last = words[0].i, words[-1].i
    before = doc[first - 1] if first > 0 else None
    after = doc[last + 1] if last + 1 < len(doc) else None
    if before is not None and (
        before.text in QUOTE_MARK_TOKENS or (before.text == "," and first > 1 and doc[first - 2].text in QUOTE_MARK_TOKENS)
    ):
        return None  # '"…," he added': the quotation pass attributes it
    set_off = before is None or before.is_punct or after is None or after.is_punct
    if not set_off:
        return None
    inside = {t.i for t in own}
    rest = [t for t in head.subtree if t.i not in inside]
    after_tokens = [t for t in rest if t.i > verb.i]
    before_tokens = [t for t in rest if t.i < verb.i]
    if first == verb.sent.start:
        return _clause_extent(after_tokens)  # "The spokesperson added …, they …": what follows is what was said
    side = after_tokens if len([t for t in after_tokens if t.is_alpha]) >= len([t for t in before_tokens if t.is_alpha]) else before_tokens
    return _clause_extent(side)


def _according_scope(according: Token) -> tuple[int, int] | None:
    """What "according to X" vouches for: the clause it attaches to, or the phrase, when it qualifies
    one ("largely Kurdish and, according to Turkey, supportive of the PKK")."""
    own = {t.i for t in according.subtree}
    head = according.head
    if head.i == according.i:
        return None
    if head.pos_ in ("ADJ", "NOUN") and head.dep_ == "conj":
        phrase = [t for t in head.subtree if t.i not in own]
        if len([t for t in phrase if t.is_alpha]) >= 2:
            return _clause_extent(phrase)
    while head.dep_ != "ROOT" and head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    clause = [t for t in head.subtree if t.i not in own]
    if len([t for t in clause if t.is_alpha]) < 4 and _set_off(according):
        # "One child was, according to the fire service, among the dead": the parse hangs the rest of the clause
        # on "according"; what it vouches for is the sentence it is set into.
        aside = _aside(according)
        clause = [t for t in according.sent if t.i not in aside]
    return _clause_extent(clause) if clause else None


def _aside(according: Token) -> set[int]:
    """The tokens of ", according to X," from "according" to the comma that closes it."""
    doc = according.doc
    end = next((t.i for t in doc[according.i : according.sent.end] if t.text == "," and t.i > according.i + 1), according.sent.end)
    return set(range(according.i, end))


def _set_off(according: Token) -> bool:
    """ "…, according to X, …": commas on both sides, inside a sentence."""
    doc = according.doc
    return (
        according.i > according.sent.start
        and doc[according.i - 1].text == ","
        and according.i + 1 < according.sent.end
        and any(t.text == "," for t in doc[according.i + 2 : according.sent.end - 1])
    )


def _according_to(doc: Doc, text: str) -> Iterable[tuple[Token, Token, Token]]:
    """(according, to, speaker head) for every "according to X" (`text` is doc.text, which spaCy rebuilds on every access)."""
    for match in re.finditer(r"\b[Aa]ccording to\b", text):
        span = doc.char_span(match.start(), match.start() + len("according"))
        if span is None:
            continue
        token = span[0]
        if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                yield token, doc[token.i + 1], _name_after_title(objects)


def _name_after_title(objects: list[Token]) -> Token:
    """ "according to curator Elaine Gustafon", parsed as two objects: the name, not the title before it."""
    first = objects[0]
    name = next((o for o in objects[1:] if o.pos_ == "PROPN" and o.left_edge.i == first.right_edge.i + 1), None)
    if name is not None and first.tag_ == "NN" and first.lemma_.lower() in ROLE_NOUNS | OCCUPATIONS:
        return name
    return first


# --- speakers -----------------------------------------------------------------


# Who speaks for a country without a name: "the German government", "Iranian officials", "representatives from Iran".
GOVERNMENT_NOUNS = frozenset(
    "government official authority ministry representative spokesperson spokesman spokeswoman military army "
    "delegation embassy administration regime diplomat".split()
)


# "the government", "the administration": with no country beside them, the article's own country's.
HOME_GOVERNMENT_NOUNS = frozenset("government administration".split())


def _bare_definite(head: Token) -> bool:
    """ "the government" (or "the court's") and nothing else: no owner, modifier or attached phrase that could name
    another."""
    children = [c for c in head.children if c.dep_ != "case"]
    return bool(children) and all(c.dep_ == "det" and c.lower_ == "the" for c in children)


def _government_of(head: Token, index: MentionIndex) -> LocalActor | None:
    """The country a nameless official or body speaks for, when the article also names that country as an actor."""
    if head.lemma_.lower() not in GOVERNMENT_NOUNS or any(c.dep_ == "conj" for c in head.children):
        return None  # "Israeli officials and Western diplomats": not one country's voice
    gaz = gazetteer()
    for child in head.children:
        words = [child] if child.dep_ in ("amod", "compound", "nmod") else []
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "for"):
            words = [t for t in child.subtree if t.dep_ in ("pobj", "compound")]
        for word in words:
            country = gaz.demonym(word.text) or gaz.country(word.text)
            actor = index.country(country) if country else None
            if actor is not None:
                return actor  # "the German government said": Germany, whichever country the article names most
    if head.lemma_.lower() in HOME_GOVERNMENT_NOUNS and _bare_definite(head):
        return index.home_country()  # "The government said" in an article about Samoa: Samoa's
    return None


# Who speaks for an organisation without a name of their own: "an Interpol spokesperson", "a spokesman for Boeing",
# "the company's statement"; and whose words an account carries ("Biden's Twitter account").
# A document or a newsroom speaks for whoever issued it: "the report by Tasnim News Agency", "Johns Hopkins
# University data", "FEC records", "NBC News".
# A body's descriptor says the same of it: "the Associated Press news agency", "the French Civil Security service".
VOICE_NOUNS = frozenset(
    "spokesperson spokesman spokeswoman representative statement account office "
    "report data projection record advisory study analysis survey poll news "
    "release memo letter filing decision ruling summary announcement tweet post "
    "agency newspaper magazine website broadcaster channel service".split()
)
PART_NOUNS = frozenset("part portion excerpt section passage".split())
ISSUING_VERBS = frozenset("release issue send publish post sign write deliver share put".split())
# What a person wrote or posted speaks for them ("Biden's Twitter account", "Trump's letter"); a person's staff does
# not: "Merkel's spokesperson said" is not Merkel speaking.
PERSONAL_VOICES = frozenset("account statement letter tweet post memo".split())


def _voice_of(head: Token, index: MentionIndex, titled: Callable[[Token], LocalActor | None] | None = None) -> LocalActor | None:
    """The organisation (or, for an account, the person) a nameless voice speaks for, named beside it, or by a title
    (`titled`: "the judge's statement" is the one named Judge Gray Miller)."""
    if head.lemma_.lower() in PART_NOUNS:  # "Part of the judge's statement reads": the statement's voice
        head = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), head)
    lemma = head.lower_ if head.lower_ in VOICE_NOUNS else head.lemma_.lower()  # "data", whose lemma is "datum"
    if lemma not in VOICE_NOUNS or any(c.dep_ == "conj" for c in head.children):
        return None
    owners = [c for c in head.children if c.dep_ in ("compound", "poss", "nmod")]
    # "a spokesman for Boeing"; "a statement released by the Supreme Court", "a tweet sent from Biden's account".
    # Only a verb of issuing: "a letter seen by Sky News" is not Sky News's letter.
    issued = [v for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in ISSUING_VERBS for v in c.children]
    for prep in (c for c in [*head.children, *issued] if c.dep_ in ("prep", "agent") and c.lower_ in ("of", "for", "from", "by")):
        owners += [c for c in prep.children if c.dep_ == "pobj"]
    for owner in owners:
        # "Another report from the Mexican government": the country its adjective names.
        actor = index.at(owner.idx) or _voice_of(owner, index) or _named_in(owner, index) or _government_of(owner, index)
        if actor is None and titled is not None and owner.dep_ == "poss":
            actor = titled(owner)
        if actor is not None and (actor.kind != "person" or lemma in PERSONAL_VOICES):
            return actor
    return None


def _named_in(owner: Token, index: MentionIndex) -> LocalActor | None:
    """The one actor named inside an owner's phrase the model tagged only in part ("Tasnim" of "Tasnim News Agency"),
    or an actor of the article the phrase names where no mention was kept ("Johns Hopkins University data": a name
    modifying a noun is not a mention of its own, but it is the data's owner)."""
    left, right = owner.left_edge, owner.right_edge
    named = {a.key: a for _, _, a in index.within(left.idx, right.idx + len(right.text))}
    if len(named) == 1:
        return next(iter(named.values()))
    return None if named else index.named(doc_text(owner.doc)[left.idx : right.idx + len(right.text)])


def _speaker_actor(doc: Doc, head: Token, span: tuple[int, int], index: MentionIndex) -> LocalActor | None:
    """The actor a speaker phrase names.

    A person named in the phrase wins — the last one before the verb, as in
    "the prosecutor general of Tehran, Ali Alghasi Mehr" or "Merkel's
    spokesperson, Steffen Seibert" — unless the head is a nameless official
    ("a senior Israeli official"); otherwise the actor at the phrase's head.
    """
    if _several(head, index):
        return None  # "Biden and others in the Democratic Party warned": no one actor says it
    inside = index.within(*span)
    persons = [a for start, _, a in inside if a.kind == "person" and not _owner_of_a_common_noun(doc, start, head)]
    # "expert and former official, Avinoam Idan": the name may stand in apposition to a word of the phrase, not its head.
    nameless = (
        head.lemma_.lower() in NAMELESS_SPEAKERS
        and not any(c.dep_ == "appos" for c in head.children)
        and not any(t.dep_ == "appos" and t.ent_type_ == "PERSON" for t in head.subtree)
    )
    if len({a.key for a in persons}) > 1 and re.search(r"\w[-‐–]\w", doc_text(doc)[span[0] : span[1]]):
        return None  # "Biden-Harris released a statement": two people, no one actor
    if persons and not nameless:
        return persons[-1]
    at_head = index.at(head.idx)
    if at_head is not None:
        return at_head
    # "One of these groups, the Syrian Democratic Forces": the actor in apposition to the head.
    for child in head.children:
        if child.dep_ == "appos":
            actor = next((index.at(t.idx) for t in child.subtree if span[0] <= t.idx < span[1] and index.at(t.idx) is not None), None)
            if actor is not None:
                return actor
    if head.tag_ == "NN" and head.lemma_.lower() in ROLE_NOUNS | OCCUPATIONS:
        beside = _name_set_off_after(doc, span, index)
        if beside is not None:
            return beside[2]
        if head.lemma_.lower() not in VOICE_NOUNS | GOVERNMENT_NOUNS | NAMELESS_SPEAKERS:
            return None  # "The Wooster professor added": a person of the college (maybe named before), not the college
    # "Geingob tweeted", "La Riva argued": a name the model did not tag here, of an actor the article names elsewhere.
    return index.named(doc_text(doc)[span[0] : span[1]])


# Those whose words are their owner's: "Senator Klobuchar's campaign said", "Trump's administration announced".
OWN_PEOPLE = frozenset("campaign team administration government office staff".split())


def _several(head: Token, index: MentionIndex) -> bool:
    """A speaker phrase that names more than one who speaks: two joined where one is a name or a plural ("Biden and
    others in the Democratic Party", "Republicans and lobbyists close to …", "Biden and Harris"), or joined owners of
    the head ("New Orleans and Jefferson Parish officials", "projections by CNN and NPR"). Speech told of several is
    no one actor's. Not one person with two roles ("expert and former official, Avinoam Idan"), nor one name with
    "and" in it ("Institute of Epidemiology, Disease Control and Research")."""
    if any(_joined_apart(head, c, index) for c in head.children):
        return True
    owners = [c for c in head.children if c.dep_ in ("compound", "poss", "nmod")]
    owners += [
        g for c in head.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from") for g in c.children if g.dep_ == "pobj"
    ]
    return head.pos_ == "NOUN" and any(_joined_apart(o, c, index) for o in owners for c in o.children)


def _joined_apart(word: Token, other: Token, index: MentionIndex) -> bool:
    if other.dep_ != "conj" or other.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    named = index.at(word.idx)
    if named is not None and named is index.at(other.idx):
        return False  # one name
    return not (word.tag_ == "NN" and other.tag_ == "NN")  # "expert and former official": two roles of one person


def _owner_of_a_common_noun(doc: Doc, start: int, head: Token) -> bool:
    """ "Trump's doctors said", "according to Johnson's critics", "Associates of Navalny alleged": the person owns the
    head, a common noun, and is not the one speaking. A voice of theirs still is theirs ("Merkel's spokesperson",
    "Trump's account")."""
    token = next((t for t in head.subtree if t.idx == start), None)
    if token is None:
        return False
    while token.dep_ in ("compound", "flat") and token.head.i != token.i and token.head.idx >= start and token.head.pos_ == "PROPN":
        token = token.head  # "Donald" of "Donald Trump's": the name's last word carries the relation
    owned = token.head
    if token.dep_ == "compound" and owned.i == head.i and owned.tag_ == "NN":
        # "The Wooster professor added", "the Obama lawyer": a name before a title says whose, not who speaks.
        return owned.lemma_.lower() in ROLE_NOUNS | OCCUPATIONS and owned.lemma_.lower() not in VOICE_NOUNS | OWN_PEOPLE
    if token.dep_ == "poss" and owned.dep_ == "appos" and owned.head.i == head.i:
        return True  # "Sadie Weiner, Hagan's former spokeswoman": the name speaks, not whose spokeswoman she was
    if token.dep_ == "pobj" and owned.lower_ == "of" and owned.head.i == head.i and head.tag_ in ("NNS", "NNPS"):
        return head.lemma_.lower() not in VOICE_NOUNS | OWN_PEOPLE  # "Associates of Navalny alleged": his people, not he
    return token.dep_ == "poss" and owned.pos_ == "NOUN" and owned.lemma_.lower() not in VOICE_NOUNS | NAMELESS_SPEAKERS | OWN_PEOPLE


def _without_name_set_off(doc: Doc, source: Token, content: tuple[int, int], index: MentionIndex) -> tuple[int, int]:
    """What "According to the El Paso mayor, Dee Margo, police were …" vouches for starts after the mayor's name."""
    mention = _name_set_off_after(doc, _phrase(source), index)
    if mention is None or mention[0] != content[0] or mention[1] > content[1]:
        return content
    rest = re.match(r"\s*,\s*", doc_text(doc)[mention[1] :])
    return (mention[1] + rest.end(), content[1]) if rest else content


def _name_set_off_after(doc: Doc, span: tuple[int, int], index: MentionIndex) -> tuple[int, int, LocalActor] | None:
    """ "According to the El Paso mayor, Dee Margo, police were …": a person's name set off by commas right after a
    title, which the parse often takes for the next clause's subject rather than the title's apposition."""
    text = doc_text(doc)
    comma = re.match(r"\s*,\s*", text[span[1] : span[1] + 8])
    if comma is None:
        return None
    at = span[1] + comma.end()
    for start, end, actor in index.within(at, min(len(text), at + 120)):
        if start == at and actor.kind == "person" and re.match(r"\s*[,;.]", text[end : end + 3]):
            return start, end, actor
    return None


# What an organisation is called by the kind of body it is: "the party said" after "Thai Raksa Chart Party".
BODY_NOUNS = frozenset("party court committee commission council union ministry department agency network embassy".split())
# Words that make a title another one: the Deputy Prime Minister is not "the Prime Minister".
_TITLE_QUALIFIERS = frozenset("deputy vice assistant acting former junior shadow under associate".split())
# A possessive read as the pronoun it stands for: "his office said" is who "he" would be.
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}
# A cue that goes on from what was just said: "the professor added".
GOING_ON_VERBS = frozenset("add continue conclude".split())
# A ministry's portfolio: "the foreign minister" is the one the article called "Foreign Secretary Marcelo Ebrard".
MINISTRY_PORTFOLIOS = frozenset(
    "foreign home defence defense interior health finance justice education trade commerce energy environment transport agriculture labour labor".split()
)


def _definite(head: Token) -> bool:
    return any(c.lower_ == "the" and c.dep_ == "det" for c in head.children)


def _sized(head: Token) -> bool:
    """ "the three-judge court", "the nine-member commission": "the" and a count of its members, naming no other."""
    others = [c for c in head.children if not (c.dep_ == "det" and c.lower_ == "the")]
    return len(others) == 1 and others[0].dep_ in ("compound", "amod") and any(g.dep_ == "nummod" for g in others[0].children)


def _named_modifiers(head: Token) -> list[Token]:
    """The words of a name before a title: "El Paso" of "the El Paso mayor", "Brazilian" of "the Brazilian president"."""
    return [t for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ for t in c.subtree if t.ent_type_]


def _says(role: str, words: list[str]) -> bool:
    """Whether a role written beside a name says every word of the name before a later title ("professor at the
    College of Wooster" says "wooster")."""
    said = set(norm(role).split())
    return all(w in said for w in words)


def _body_word(name: str) -> str:
    """The kind of body an organisation's name says it is: its last word, or the one before "of" ("Court of
    Session", "Ministry of Defence")."""
    words = norm(name).split()
    return words[words.index("of") - 1] if "of" in words[1:] else (words[-1] if words else "")


def _title_words(head: Token, word: str) -> list[str]:
    """The title as a role beside a name would give it: "prime minister", "former president"."""
    before = [
        c
        for c in head.children
        if c.i < head.i
        and not c.ent_type_
        and (c.dep_ == "compound" or (c.dep_ == "amod" and c.lower_ in _TITLE_QUALIFIERS | MINISTRY_PORTFOLIOS))
    ]
    return [c.lower_ for c in sorted(before, key=lambda c: c.i)] + [word]


def _as_minister(role: list[str]) -> list[str]:
    """ "foreign secretary" as "foreign minister": a portfolio's secretary is its minister (not a press secretary)."""
    return [("minister" if w == "secretary" and i > 0 and role[i - 1] in MINISTRY_PORTFOLIOS else w) for i, w in enumerate(role)]


def _holds_title(role: list[str], title: list[str]) -> bool:
    """Whether a role written beside a name ("prime minister") is the title a later "the Prime Minister" uses, and not
    a title that only contains it ("deputy prime minister")."""
    n = len(title)
    return any(role[i : i + n] == title and (i == 0 or role[i - 1] not in _TITLE_QUALIFIERS) for i in range(len(role) - n + 1))


class _Resolver:
    """Pronoun speakers: the nearest earlier speaker or subject of a fitting kind."""

    def __init__(self, doc: Doc, index: MentionIndex, quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.index = index
        self.quoted = quoted  # the article's quotations: a subject inside one is not who a pronoun speaker is
        self.speakers: list[tuple[int, LocalActor | None, bool]] = []  # (offset, actor, plural)

    def note(self, offset: int, actor: LocalActor | None, plural: bool) -> None:
        self.speakers.append((offset, actor, plural))

    def nominal(self, head: Token) -> LocalActor | None:
        """ "the Prime Minister said": the person named earlier with that title ("Prime Minister Igor Matovič"), not
        one whose title only holds it ("Deputy Prime Minister … Richard Sulík"); "The actress recalled": the one named
        with that occupation ("Actress Denise Crosby"); "the party said": the organisation named earlier whose name
        ends in that word ("Thai Raksa Chart Party")."""
        if head.tag_ not in ("NN", "NNP") or head.ent_type_ or not _definite(head):
            return None
        word = head.lower_ if head.tag_ == "NNP" else head.lemma_.lower()
        if word in BODY_NOUNS and (_bare_definite(head) or _sized(head)):
            return self._body_named_before(head, word)
        if word not in ROLE_NOUNS | OCCUPATIONS:
            return None
        title = _title_words(head, word)
        # "the El Paso mayor", "The Wooster professor": whose title it is, said by a name the role must say too.
        whose = [norm(t.text) for t in _named_modifiers(head)]
        best: tuple[int, LocalActor] | None = None
        for start, _end, actor in self.index.before(head.idx):
            if actor.kind == "person" and any(
                _holds_title(_as_minister(norm(role).split()), title) and _says(role, whose) for role in actor.roles
            ):
                if best is None or start > best[0]:
                    best = (start, actor)
        return best[1] if best else None

    def owner_pronoun(self, head: Token) -> LocalActor | None:
        """ "his office said", "her campaign announced": whose words they are, as "Trump's office" is Trump's; never
        "his family" or "his associates", who speak for themselves."""
        if head.lemma_.lower() not in OWN_PEOPLE | PERSONAL_VOICES:
            return None
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS), None)
        return self._resolve(owner, POSSESSIVE_PRONOUNS[owner.lower_]) if owner is not None else None

    def going_on(self, head: Token, verb: Token | None) -> LocalActor | None:
        """ "…," said study co-author Karen Alley. The Wooster professor added, "…": a title no one was named with,
        going on from the one who just spoke, is that person."""
        if verb is None or verb.lemma_.lower() not in GOING_ON_VERBS or head.tag_ != "NN" or not _definite(head):
            return None
        if head.lemma_.lower() not in ROLE_NOUNS | OCCUPATIONS:
            return None
        earlier = [s for s in self.speakers if s[0] < head.idx]
        if not earlier:
            return None
        at, actor, plural = max(earlier, key=lambda s: s[0])
        near = head.sent.start_char - at < 400  # the speaker of this or the previous sentence or two
        return actor if actor is not None and actor.kind == "person" and not plural and near else None

    def _body_named_before(self, head: Token, word: str) -> LocalActor | None:
        """The organisation named most often before "the court" whose name is a court ("… Court", "Court of Session"),
        the last named of those: the article's court, not one it compares it with ("The only court with higher
        authority is the Supreme Court")."""
        named = [(s, a) for s, _e, a in self.index.before(head.idx) if a.kind == "organization" and _body_word(a.name) == word]
        times = Counter(a.key for _, a in named)
        return max(named, key=lambda sa: (times[sa[1].key], sa[0]))[1] if named else None

    def resolve(self, pronoun: Token, quotation: tuple[int, int] | None = None) -> LocalActor | None:
        """Who a pronoun speaker is; with the `quotation` they speak, never a person it names ("For Kevin Allton, …,
        Warhol was also a legend. He said, "Andy Warhol was the center …"": not Warhol) while another person of the
        last sentences is there to be the one."""
        found = self._resolve(pronoun)
        if found is None or quotation is None or found.kind != "person" or not any(a is found for _, _, a in self.index.within(*quotation)):
            return found
        other = self.index.person_before(pronoun, besides=found, outside=self.quoted)
        return other if other is not None else found

    def _resolve(self, pronoun: Token, word: str | None = None) -> LocalActor | None:
        """Who `pronoun` is, read as `word` ("he" for "his") when given."""
        word = word or pronoun.lower_
        offset = pronoun.idx
        if word in PRONOUNS_PERSON:
            kinds, plural = ("person",), False
        elif word in PRONOUNS_PLURAL:
            kinds, plural = ("group", "organization", "country", "person"), True
        elif word in PRONOUNS_THING:
            kinds, plural = ("organization", "country"), False
        else:
            return None
        earlier = sorted((s for s in self.speakers if s[0] < offset), key=lambda s: s[0], reverse=True)
        found: LocalActor | None = None
        spoke_at = -1
        for at, actor, is_plural in earlier[:3]:
            if plural and is_plural:
                return actor
            if actor is not None and actor.kind in kinds and not is_plural and not plural and self.index.fits(actor, pronoun):
                found, spoke_at = actor, at
                break
        # Otherwise, or when a person became the subject after that speaker ("Pierce professed …. Hawkins renewed his
        # support …. He noted"), the nearest earlier subject in this or the previous two sentences.
        subject = self.index.subject_before_at(pronoun, kinds, self.quoted)
        if subject is not None and (found is None or (subject[0] > spoke_at and subject[1].kind == "person" and not plural)):
            found = subject[1]
        if found is not None and word in PRONOUN_SEX:
            self.index.sex.add(found.key, PRONOUN_SEX[word], WEAK)  # "He said" went to Makuei: a later "she" will not
        return found


# --- assembling ----------------------------------------------------------------


def extract_quotes(doc: Doc, blocks: list[Block], actors: list[LocalActor], doc_date: str | None = None) -> list[LocalQuote]:
    text = doc_text(doc)
    index = MentionIndex(doc, actors)
    quoted = quotation_spans(text, blocks)
    resolver = _Resolver(doc, index, quoted)
    marks = [q for q in quoted if _is_speech(doc, *q)]
    allowed = [(b.start, b.end) for b in blocks if b.role in ("body", "caption")]

    def in_body(offset: int) -> bool:
        return any(s <= offset < e for s, e in allowed)

    sorted_marks = sorted(marks)
    mark_starts = [m[0] for m in sorted_marks]

    def inside_mark(offset: int) -> tuple[int, int] | None:
        i = bisect_right(mark_starts, offset) - 1
        mark = sorted_marks[i] if i >= 0 else None
        return mark if mark is not None and mark[0] <= offset < mark[1] else None

    # Cues in reading order, so that a pronoun speaker looks back at every speaker before it: "According to
    # ecologist Chip Taylor, … He also said" ("according to" was once resolved after every verb).
    cues: list[tuple[int, Token, Token, tuple[int, int], Token | None]] = []  # (where, cue, speaker, content, "to")
    for token in candidate_tokens(doc, blocks, SPEECH_VERBS):
        if not _is_speech_verb(token) or inside_mark(token.idx):
            continue
        content = _content_of(token)
        relayed = _relayed(token) if content is not None else None
        if relayed is not None:
            token = relayed  # "…, CNN Philippines reported the governor said": the governor's words, as CNN reported them
        subject = _subject(token)
        if content is None or subject is None:
            continue
        if token.lemma_.lower() in WEAK_SPEECH_VERBS and subject.pos_ not in ("PROPN", "PRON", "NOUN"):
            continue
        if relayed is None and _said_of_a_thing(token):
            continue  # "Blackburn told Discover Magazine the frequency of spiky skulls suggested …": his words, not the frequency's
        cues.append((token.idx, token, subject, content, None))
    for according, to, obj in _according_to(doc, text):
        if not in_body(according.idx):
            continue
        content = _according_scope(according)
        if content is not None:
            cues.append((according.idx, according, obj, _without_name_set_off(doc, obj, content, index), to))
    quotes: list[LocalQuote] = []
    for _, cue, speaker, content, to in sorted(cues, key=lambda c: c[0]):
        if to is None:
            quotes.append(_make(doc, cue, speaker, content, marks, index, resolver))
            continue
        quote = _make(doc, None, speaker, content, marks, index, resolver)
        quote.cue = (cue.idx, to.idx + len(to.text))
        quote.time_head = speaker.i  # "according to today's Washington Post": the source carries the time
        quotes.append(quote)
    claimed = {m for q in quotes for m in q.marks}
    for mark in marks:
        if mark not in claimed:
            quotes.append(_attribute_mark(doc, mark, quotes, index, resolver))
    quotes.sort(key=lambda q: q.content[0])
    kept = _dedupe(quotes)
    for quote in kept:
        _date_quote(doc, quote, doc_date)
    return kept


def _date_quote(doc: Doc, quote: LocalQuote, doc_date: str | None) -> None:
    """The time its cue gives, resolved against the article's date; none said after the article was written."""
    heads = [quote.time_head if quote.time_head is not None else quote.verb, quote.source_head]
    when = next((w for h in heads if h is not None and (w := speech_time(doc, doc[h], quote.content)) is not None), None)
    if when is None:
        return
    iso = resolve_time(doc, when, doc_date)
    if later_than(iso, doc_date):
        iso = None
    quote.time, quote.time_span, quote.time_iso = when.text, (when.start_char, when.end_char), iso


def _make(
    doc: Doc,
    verb: Token | None,
    subject: Token,
    content: tuple[int, int],
    marks: list[tuple[int, int]],
    index: MentionIndex,
    resolver: _Resolver,
) -> LocalQuote:
    kind = "indirect"
    content = _before_a_colon_and_quotation(doc_text(doc), content, marks)
    inner = [m for m in marks if m[0] >= content[0] - 2 and m[1] <= content[1] + 2]
    around = next((m for m in marks if m[0] <= content[0] + 2 and content[1] - 2 <= m[1]), None)
    leading = next((m for m in inner if m[0] <= content[0] + 2), None)
    if around is None and leading is not None:
        around = leading  # 'said, "They need to stand by us", while addressing the press': the rest is the writer's
    if around is not None:
        # The clause the parse found is (part of) a quotation: what was said is the whole quotation.
        kind, content, inner = "direct", around, [around]
    elif inner:
        covered = sum(e - s for s, e in inner)
        if len(inner) == 1 and covered >= (content[1] - content[0]) - 3:
            kind, content = "direct", inner[0]
        else:
            kind = "mixed"
    subject = _antecedent(subject)
    speaker_span = _phrase(subject)
    split = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
    if len(split) > 1 and subject in split:  # "Another co-author, …": the words the parse made subjects of their own
        speaker_span = (min(speaker_span[0], min(c.left_edge.idx for c in split)), speaker_span[1])
    if subject.pos_ == "PRON" and not subject.ent_type_:  # "WHO said" is the organisation the model tagged, not "who"
        actor = resolver.resolve(subject, content if kind == "direct" else None)
    elif _several(subject, index):
        actor = None  # "Projections by CNN and NPR indicated": no one actor's words, nor either owner's
    else:
        actor = (
            _speaker_actor(doc, subject, speaker_span, index)
            or resolver.nominal(subject)
            or _government_of(subject, index)
            or _voice_of(subject, index, resolver.nominal)
            or resolver.going_on(subject, verb)
            or resolver.owner_pronoun(subject)
        )
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children) or subject.lower_ in PRONOUNS_PLURAL
    resolver.note(subject.idx, actor, plural)
    cue = (verb.idx, verb.idx + len(verb.text)) if verb is not None else None
    return LocalQuote(content, kind, cue, speaker_span, actor.key if actor else None, verb.i if verb is not None else None, inner)


def _before_a_colon_and_quotation(text: str, content: tuple[int, int], marks: list[tuple[int, int]]) -> tuple[int, int]:
    """ "told Discover Magazine the frequency … suggested some deep pattern …: "Somehow, these frogs …"": the
    reported clause ends at the colon; the quotation after it is a quote of its own (the same speaker's)."""
    for start, end in marks:
        if content[0] < start < content[1] and end >= content[1] - 2:
            before = text[content[0] : start].rstrip(" \"“'‘")
            if before.endswith(":") and len(before.split()) >= 3:
                return content[0], content[0] + len(before) - 1
    return content


def _antecedent(subject: Token) -> Token:
    """The speaker a relative pronoun stands for: "drafted by Alex Greenwich who said", "the Navy, who told it"."""
    clause = subject.head
    if subject.tag_ in ("WP", "WDT") and not subject.ent_type_ and clause.dep_ == "relcl" and clause.head.i != clause.i:
        return clause.head
    return subject


def _attribution_sentences(doc: Doc, mark: tuple[int, int]) -> list[Span]:
    """Where a quotation's cue can be: its own sentences, a bare '"…." he said.' after it, a 'He said:' before it."""
    span = doc.char_span(mark[0], mark[1], alignment_mode="expand")
    if span is None:
        return []
    first, last = span[0].sent, span[-1].sent
    sentences = {first.start: first, last.start: last}
    if last.end < len(doc):
        following = doc[last.end].sent
        if len([t for t in following if t.is_alpha]) <= 6:
            sentences[following.start] = following
    if first.start > 0:
        previous = doc[first.start - 1].sent
        if previous.text.rstrip().endswith(":"):
            sentences[previous.start] = previous
    return [sentences[k] for k in sorted(sentences)]


def _nearest_cue(sentences: list[Span], mark: tuple[int, int]) -> Token | None:
    """The speech verb with a speaker nearest the quotation, outside it."""
    best: tuple[int, Token] | None = None
    for sent in sentences:
        for token in sent:
            if not _is_speech_verb(token) or token.lemma_.lower() in WEAK_SPEECH_VERBS - {"continue"}:
                continue
            if mark[0] <= token.idx < mark[1] or _subject(token) is None or _said_of_a_thing(token):
                continue
            distance = min(abs(token.idx - mark[0]), abs(token.idx - mark[1]))
            if best is None or distance < best[0]:
                best = (distance, token)
    return best[1] if best else None


def _main_verb(sentences: list[Span], mark: tuple[int, int]) -> Token | None:
    """No speech verb: the main verb of the quotation's sentence, when someone is its subject.

    "Schiff called it "a non-starter"", "Bolsonaro opposed Macron's statement: "…"":
    the quotation is what the subject of the sentence said.
    """
    for sent in sentences:
        root = sent.root
        if root.pos_ not in ("VERB", "AUX") or mark[0] <= root.idx < mark[1] or not (sent.start_char <= mark[0] < sent.end_char):
            continue
        span = sent.doc.char_span(mark[0], mark[1], alignment_mode="expand")
        heads = [t for t in span if not (mark[0] <= t.head.idx < mark[1])] if span is not None else []
        # The quotation must belong to the main clause, not to a relative or adverbial clause inside it.
        if not heads or any(
            a.dep_ in ("relcl", "acl", "advcl", "csubj") for a in heads[0].ancestors if a.i != root.i and root.is_ancestor(a)
        ):
            continue
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is not None and not (mark[0] <= subject.idx < mark[1]) and subject.pos_ in ("PROPN", "PRON", "NOUN"):
            return root
    return None


def _attribute_mark(doc: Doc, mark: tuple[int, int], quotes: list[LocalQuote], index: MentionIndex, resolver: _Resolver) -> LocalQuote:
    """A quotation no reported clause claimed: find its cue nearby, or carry the last speaker over."""
    sentences = _attribution_sentences(doc, mark)
    verb = _nearest_cue(sentences, mark) or _main_verb(sentences, mark)
    if verb is not None:
        subject = _subject(verb) or next(c for c in verb.children if c.dep_ == "nsubj")
        quote = _make(doc, verb, subject, mark, [mark], index, resolver)
        quote.kind = "direct"
        quote.content = mark
        return quote
    line = _attribution_line(doc, mark, index) or _attribution_after(doc, mark, index)
    if line is not None:
        span, actor = line
        return LocalQuote(mark, "direct", None, span, actor.key, None, [mark])
    # A run-on speech: the quotation just before, itself direct speech, gives the speaker; so does reported speech
    # whose sentence the quotation follows at once ('Wilkins also said Warhol was a businessperson. "As a way …"').
    text = doc_text(doc)
    previous = [
        q
        for q in quotes
        if q.content[1] <= mark[0]
        and mark[0] - q.content[1] < RUN_ON_REACH
        and (q.kind in ("direct", "mixed") or (q.speaker is not None and _right_after(text, q.content[1], mark[0])))
    ]
    if previous:
        prev = max(previous, key=lambda q: q.content[1])
        return LocalQuote(mark, "direct", None, prev.speaker_span, prev.speaker, None, [mark])
    carried = _speech_sentence_before(doc, mark)
    if carried is not None:  # '"Heartbroken and numb," writes … Erick Rowan on Instagram. "I have lost …"'
        quote = _make(doc, carried, _subject(carried), mark, [mark], index, resolver)
        return LocalQuote(mark, "direct", None, quote.speaker_span, quote.speaker, None, [mark])
    return LocalQuote(mark, "direct", None, None, None, None, [mark])


def _right_after(text: str, end: int, start: int) -> bool:
    """Only the end of one sentence between two places: a full stop, a closing or opening mark, spaces; no new line."""
    between = text[end:start]
    return len(between) <= 4 and "\n" not in between and all(c in " .\"”“'’" for c in between)


def _speech_sentence_before(doc: Doc, mark: tuple[int, int]) -> Token | None:
    """The cue of the sentence just before a quotation, in the same paragraph, when that sentence quotes its speaker
    too (a quotation too short to be kept on its own): the speaker goes on speaking."""
    span = doc.char_span(mark[0], mark[1], alignment_mode="expand")
    if span is None or span[0].sent.start == 0:
        return None
    sentence = doc[span[0].sent.start - 1].sent
    text = doc_text(doc)
    if "\n" in text[sentence.end_char : mark[0]] or not any(t.text in QUOTE_MARK_TOKENS for t in sentence):
        return None
    cue = _nearest_cue([sentence], (sentence.end_char, sentence.end_char))
    return cue if cue is not None and _subject(cue) is not None else None


INVERTED_REACH = 8  # tokens after an inverted cue within which the speaker's name starts ("tweeted Mayor of London Sadiq Khan")


def _attribution_after(doc: Doc, mark: tuple[int, int], index: MentionIndex) -> tuple[tuple[int, int], LocalActor] | None:
    """'"I am in awe of the people …" tweeted Mayor of London Sadiq Khan': a speech verb right after the closing mark
    and a name after it, which the parse did not join (it read "tweeted" as an adjective of "Mayor")."""
    after = doc.char_span(mark[1], min(len(doc_text(doc)), mark[1] + 200), alignment_mode="expand")
    if after is None:
        return None
    words = [t for t in after if not (t.is_punct or t.text in QUOTE_MARK_TOKENS)][: INVERTED_REACH + 1]
    if not words or words[0].lemma_.lower() not in SPEECH_VERBS or any(t.is_sent_start for t in words[1:2]):
        return None
    verb = words[0]
    if any(t.text in QUOTE_MARK_TOKENS or t.is_punct for t in doc[after.start : verb.i] if t.text not in (",", *QUOTE_MARK_TOKENS)):
        return None
    for token in doc[verb.i + 1 : verb.i + 1 + INVERTED_REACH]:
        if token.is_sent_start or token.text in QUOTE_MARK_TOKENS:
            return None
        actor = index.at(token.idx)
        if actor is not None:
            mention = next((start, end) for start, end, a in index.spans if a is actor and start <= token.idx < end)
            return (doc[verb.i + 1].idx, mention[1]), actor
    return None


# 'Secretary of the Air Force James Roche: "Oy. I agree. …"': a name set before a colon at the start of a line,
# with no verb, is who said the quotation after it.
_LINE_BEFORE = re.compile(r"(?:^|\n)([^\n:]{2,150}):\s*$")


def _attribution_line(doc: Doc, mark: tuple[int, int], index: MentionIndex) -> tuple[tuple[int, int], LocalActor] | None:
    text = doc_text(doc)
    # `mark` is inside the quotation marks: the colon ends just before the opening one.
    found = _LINE_BEFORE.search(text, max(0, mark[0] - 160), max(0, mark[0] - 1))
    if found is None:
        return None
    start, end = found.span(1)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    named = index.within(start, end)
    persons = [a for _, _, a in named if a.kind == "person"]
    actor = persons[-1] if persons else (named[-1][2] if len(named) == 1 else None)
    return ((start, end), actor) if actor is not None else None


def _dedupe(quotes: list[LocalQuote]) -> list[LocalQuote]:
    """One quote per content: a quotation claimed by two cues keeps the one with a speaker."""
    out: list[LocalQuote] = []
    for quote in quotes:
        clash = next((q for q in out if _overlap(q.content, quote.content) > SAME_CONTENT), None)
        if clash is None:
            out.append(quote)
        elif clash.speaker is None and quote.speaker is not None:
            out[out.index(clash)] = quote
            quote.source_head = clash.time_head
        elif clash.source_head is None:
            clash.source_head = quote.time_head
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(1, min(a[1] - a[0], b[1] - b[0]))
