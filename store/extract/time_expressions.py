"""Which date or time expression of a sentence says when an event is, and which only look like one.

The model labels many spans DATE that are not the time of the event at hand:
ages ("40", "aged 79"), durations ("two hours", "three days of talks"), and
dates of other events told in a relative clause or an apposition ("Kim, who
was born on 8 January 1984, met …"; "since 2015"). A reader never takes
those for the meeting's time, and neither may we. What is left, nearest the
event's word first, is its time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from store.language.dates import counted, parse_iso, period, resolve_date, shift

TIME_LABELS = ("DATE", "TIME")
_NUMBER = r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|few|a few|many|some|couple of|a couple of)"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))"
# "two hours", "three-day", "about 40 years", "a few weeks", "the past two years": a length of time, not a point in it.
DURATION = re.compile(
    rf"^(?:the\s+)?(?:(?:about|around|nearly|almost|roughly|more than|less than|over|under|some|at least|up to|only|just|past|last|first|next)\s+)*"
    rf"{_NUMBER}[\s-]+{_UNIT}(?:[\s-]+(?:long|old|later|earlier))?$"
)
AGE = re.compile(r"\b(?:aged?|\d+[\s-]*years?[\s-]*old|year-old)\b")
BARE_NUMBER = re.compile(r"^(?:about\s+|around\s+)?\d{1,3}(?:s)?$")  # "40", "his 70s": an age or a count
# Words that make a date the time of something else: a birth, a death, a start that the event only follows.
OTHER_EVENT_HEADS = frozenset("bear die found establish since until till age decease kill marry elect".split())
OTHER_CLAUSES = frozenset(["relcl", "acl", "appos"])


def is_point_in_time(entity: Span) -> bool:
    """False for ages, counts and durations the model labels DATE."""
    text = entity.text.lower().strip()
    if counted(text) is not None:
        return True  # "a month later": a point counted from an earlier one (see resolve_time)
    if BARE_NUMBER.match(text) or AGE.search(text) or DURATION.match(text):
        return False
    head = entity.root.head
    if entity.root.dep_ == "pobj" and head.lower_ in ("for", "since", "until", "till", "aged"):
        return False
    # "since the January 7 quake", "until the 2020 election": the date names where a period starts or ends.
    if (
        entity.root.dep_ in ("compound", "nmod", "npadvmod", "amod")
        and head.dep_ == "pobj"
        and head.head.lower_ in ("since", "until", "till")
    ):
        return False
    return True


def _belongs_elsewhere(entity: Span, trigger: Token) -> bool:
    """The date sits in a relative clause, apposition or birth/death phrase that does not hold the trigger."""
    node = entity.root
    while node.head.i != node.i:
        if node.dep_ in OTHER_CLAUSES and node.head.i == trigger.i:
            return False  # "the talks held on Monday": the clause describes the event itself
        if node.lemma_.lower() in OTHER_EVENT_HEADS and trigger not in node.subtree:
            return True
        if node.dep_ in OTHER_CLAUSES and trigger not in node.subtree:
            return True
        if trigger in node.subtree and node.i != entity.root.i:
            return False
        node = node.head
    return node.lemma_.lower() in OTHER_EVENT_HEADS and trigger not in node.subtree


def event_time(doc: Doc, trigger: Token, scope: list[Token], entities: Iterable[Span]) -> Span | None:
    """The DATE/TIME span that says when the trigger's event is: in its clause if one is there, else in its sentence."""
    sent = trigger.sent
    ids = {t.i for t in scope}
    candidates = [
        e
        for e in entities
        if sent.start <= e.start < sent.end and e.label_ in TIME_LABELS and is_point_in_time(e) and not _belongs_elsewhere(e, trigger)
    ]
    in_clause = [e for e in candidates if e.start in ids]
    pool = in_clause or [e for e in candidates if e.label_ == "DATE"]
    if not pool:
        return None
    return with_its_day(doc, min(pool, key=lambda e: abs(e.start - trigger.i)))


# "in a statement released on Friday", "an interview broadcast on Sunday": the words' own time.
STATEMENT_VERBS = frozenset("release issue publish post give make air broadcast send write rule".split())
SPEECH_TIME_DEPS = frozenset(["prep", "npadvmod", "tmod", "obl", "advmod", "poss", "nmod", "compound"])
# Documents that speak: their own date is when they said it ("a 2015 federal court decision said", "one
# study from March noted", "the advisory, released at 8:00 p.m. on Wednesday, placed …").
DOCUMENT_NOUNS = frozenset(
    """
    study report statement decision ruling judgment judgement verdict survey poll paper letter advisory
    bulletin release memo memorandum filing document order analysis review audit assessment communique
    declaration notice post tweet article editorial column interview forecast update
    """.split()
)
_DOCUMENT_DATE_DEPS = frozenset(["prep", "compound", "nummod", "amod", "poss", "npadvmod", "nmod"])
# Words that may stand between a cue and its time: "said on Monday", "said late on Sunday", "said this week".
_LEAD_INS = frozenset("on in at late early earlier this last".split())


def speech_time(doc: Doc, head: Token, content: tuple[int, int]) -> Span | None:
    """When the words were said: a date or time attached to the cue itself ("said on Tuesday", "told reporters last week").

    `head` is the cue verb, or the source noun of "according to today's Washington Post". Only the cue's own
    adverbials count, never the quotation's words ("'We met on Monday,' he said" dates the meeting, not the
    saying), nor a clause hanging off the cue ("said after meeting him last week"). Two shapes of news
    prose are the cue's too: a time right after it, which the parse often hangs on the reported clause
    ("Police said on Monday they believe …"), and the time of the act a participle cue follows ("On
    Thursday, the journal published a report, saying …").
    """
    heads = [head]
    quoted = content
    if head.pos_ not in ("VERB", "AUX"):
        content = (0, 0)  # a source's own words ("according to today's Washington Post") are never the quotation's
        # "according to police on Thursday": the parse hangs the source's time on "according", not on the source;
        # what else hangs there may be the quotation's ("According to the Bulletin, Wednesday's quake was …").
        if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according":
            heads.append(head.head.head)
    if head.dep_ == "advcl" and head.tag_ == "VBG" and head.head.lemma_.lower() in STATEMENT_VERBS:
        heads.append(head.head)
    scope = {
        t.i
        for h in heads
        for child in h.children
        if child.dep_ in SPEECH_TIME_DEPS and (h is head or child.i != head.head.i)  # the source, once, as itself
        for t in child.subtree
        if not (content[0] <= t.idx < content[1]) and not (h is not head and quoted[0] <= t.idx < quoted[1]) and not _in_inner_clause(t, h)
    }
    scope |= {t.i for t in _document_dating(head) if not (content[0] <= t.idx < content[1])}
    if head.pos_ in ("VERB", "AUX"):
        scope |= {i for i in _fronted_before_a_clause(head) if not (content[0] <= doc[i].idx < content[1])}
    scope -= _quoted(head.sent)  # '"Three months ago," he said, "I entered …"': the words' time, not the saying's
    candidates = _times_within(doc, scope, head)
    if not candidates and head.pos_ in ("VERB", "AUX"):
        candidates = _times_within(doc, _shared_adverbials(head, content), None)
    return with_its_day(doc, min(candidates, key=lambda e: abs(e.start - head.i))) if candidates else None


# Subordinators that open a clause of time, cause or condition, which the small model sometimes hangs on a
# speech verb as its complement; "if" and "whether" are left out, as they open the question asked.
ADVERBIAL_MARKS = frozenset("before after when while because since until till once although though unless whenever".split())


def adverbial_mark(clause: Token) -> Token | None:
    """The subordinator of time, cause or condition that opens the clause, if one does: an adverbial, not words said."""
    return next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in ADVERBIAL_MARKS), None)


def _fronted_before_a_clause(head: Token) -> set[int]:
    """ "On June 12, minutes before the committee voted, Trump claimed …": the parse hangs the opening time on the
    subordinate clause that follows it; what stands before that clause's subordinator is the main clause's."""
    out: set[int] = set()
    for child in head.children:
        mark = adverbial_mark(child) if child.dep_ in ("ccomp", "advcl") and child.i < head.i else None
        if mark is not None:
            out |= {t.i for t in child.subtree if t.i < mark.i}
    return out


_OPENING = frozenset(['"', "“"])
_CLOSING = frozenset(['"', "”"])


def _quoted(sent: Span) -> set[int]:
    """The tokens of a sentence that stand inside quotation marks (straight marks pair up in order)."""
    inside, out = False, set()
    for token in sent:
        if not inside and token.text in _OPENING:
            inside = True
        elif inside and token.text in _CLOSING:
            inside = False
        elif inside:
            out.add(token.i)
    return out


def time_entities(doc: Doc) -> list[Span]:
    """The document's DATE and TIME entities, listed once: spaCy builds `doc.ents` anew on every call."""
    found = doc.user_data.get("backchannel.times")
    if found is None:
        found = doc.user_data["backchannel.times"] = [e for e in doc.ents if e.label_ in TIME_LABELS]
    return found


def _times_within(doc: Doc, scope: set[int], head: Token | None) -> list[Span]:
    """The time entities lying wholly in `scope` (or, for a cue verb, right after it)."""
    return [
        e
        for e in time_entities(doc)
        if (all(i in scope for i in range(e.start, e.end)) or (head is not None and _right_after(doc, head, e))) and is_point_in_time(e)
    ]


# Prepositions that make their object a time adverbial of the verb: "On Friday, X declared …", "By 5 pm the city issued".
_TIME_PREPOSITIONS = frozenset("on in at by during over".split())
_SHARING_LINKS = frozenset(["advcl", "conj", "xcomp"])


def _shared_adverbials(cue: Token, content: tuple[int, int]) -> set[int]:
    """The time adverbials of the act a subjectless cue belongs to: a participle ("On Thursday, the ACLU filed a
    lawsuit …, saying …") or a second verb of one subject ("By 5:00 pm the city issued an advisory and stated …")
    is said when that act was done. Climbs at most two verbs, through participles, conjuncts and complements
    only (a misparse may hang the participle on a verb of the act's own clause), and takes only the verbs' own
    "on/in/at/by" phrases and bare time nouns, so a date inside their objects ("its 2018 act") is never taken."""
    if not _subjectless_cue(cue):
        return set()
    node = cue
    for _ in range(2):
        if node.dep_ not in _SHARING_LINKS or node.head.i == node.i or node.head.pos_ not in ("VERB", "AUX"):
            return set()
        node = node.head
        found = {
            t.i
            for child in node.children
            if child.i != cue.i
            for phrase in _time_phrases(child)
            for t in _without_appositions(phrase)
            if not (content[0] <= t.idx < content[1])
        }
        if found:
            return found
    return set()


def _subjectless_cue(cue: Token) -> bool:
    """A participle of speech, or a verb joined to an earlier one that shares its subject."""
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cue.children)
    if cue.dep_ == "advcl":
        return cue.tag_ == "VBG" and not has_subject
    return cue.dep_ == "conj" and not has_subject


def _without_appositions(phrase: Token) -> list[Token]:
    """The phrase without what stands beside it: "5:00 pm EDT (2100 UTC)" is 5:00 pm EDT."""
    aside = {t.i for c in phrase.children if c.dep_ == "appos" for t in c.subtree}
    return [t for t in phrase.subtree if t.i not in aside]


def _time_phrases(child: Token) -> list[Token]:
    """The phrase roots under a verb's child that can only say when: a preposition's object, a bare noun adverbial."""
    if child.dep_ == "prep" and child.lower_ in _TIME_PREPOSITIONS:
        return [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ in TIME_LABELS]
    if child.dep_ in ("npadvmod", "tmod") and child.ent_type_ in TIME_LABELS:
        return [child]
    if child.dep_ == "advmod" and child.lower_ in ("later", "earlier") and child.ent_type_ in TIME_LABELS:
        return [child]  # "A month later, … O'Rourke defended his proposal, saying …"
    return []


def _document_dating(head: Token) -> list[Token]:
    """The words that date a document speaking as the cue's subject: its own modifiers, and the adverbials of
    the verb that issued it ("the advisory, released at 8:00 p.m. on Wednesday")."""
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")] if head.pos_ in ("VERB", "AUX") else [head]
    found: list[Token] = []
    for subject in subjects:
        if subject.lemma_.lower() not in DOCUMENT_NOUNS and not _names_a_document(subject):
            continue
        for child in subject.children:
            if child.dep_ in _DOCUMENT_DATE_DEPS:
                found.extend(child.subtree)
            elif child.dep_ == "acl" and child.lemma_.lower() in STATEMENT_VERBS:
                found.extend(t for c in child.children if c.dep_ in SPEECH_TIME_DEPS for t in c.subtree)
    return found


def _names_a_document(subject: Token) -> bool:
    """A document's title standing for it: "Advisory Number 25A" (a document noun at or before the phrase's head)."""
    return any(t.lemma_.lower() in DOCUMENT_NOUNS for t in subject.subtree if t.i <= subject.i)


def _right_after(doc: Doc, head: Token, entity: Span) -> bool:
    between = doc[head.i + 1 : entity.start]
    return head.pos_ == "VERB" and entity.start > head.i and len(between) <= 2 and all(t.lower_ in _LEAD_INS for t in between)


def _in_inner_clause(token: Token, verb: Token) -> bool:
    """The token hangs off another verb below the cue ("after meeting him last week"): that verb's time, not the cue's."""
    node = token
    while node.i != verb.i and node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() not in STATEMENT_VERBS:
            return True
        node = node.head
    return False


# Words that may join a clock time to its day: "8:00 p.m. AST on Wednesday", "Friday, at noon".
_DAY_JOINERS = frozenset("on , at of".split())


def with_its_day(doc: Doc, entity: Span) -> Span:
    """A clock time or part of the day together with the day beside it ("yesterday" + "evening", "8:00 p.m.
    AST" + "on Wednesday"), which the model labels as two entities: the day is what places it."""
    if entity.label_ not in TIME_LABELS:
        return entity
    if len(entity) > 2 and entity[-2].text == "," and re.fullmatch(_UNIT, entity[-1].lower_):
        entity = Span(doc, entity.start, entity.end - 2, label=entity.label_)  # "June 12, minutes before …": the day
    start, end = entity.start, entity.end
    for other in time_entities(doc):
        if other.label_ == entity.label_ or not is_point_in_time(other):
            continue
        if other.start < entity.end and entity.start < other.end:
            continue  # itself, or the whole the day was cut from
        between = doc[other.end : start] if other.end <= start else doc[end : other.start]
        if other.sent.start != entity.sent.start or len(between) > 1 or any(t.lower_ not in _DAY_JOINERS for t in between):
            continue
        start, end = min(start, other.start), max(end, other.end)
    return doc[start:end]


def later_than(iso: str | None, doc_date: str | None) -> bool:
    """The time is after the article's day at its own granularity: '2019-11' after '2019-10-29', a week after its week."""
    ref = parse_iso(doc_date)
    span = period(iso) if iso else None
    return span is not None and ref is not None and span[0] > ref


def resolve_time(doc: Doc, entity: Span, doc_date: str | None, future: bool = False) -> str | None:
    """The time a span names, resolved against the article's date; "a month later" counted from the time the story
    gave last, in its own sentence or the two before it ("After a shooting in August, … A month later, …")."""
    step = counted(entity.text)
    if step is None:
        return resolve_date(entity.text, doc_date, future)
    anchor = _time_told_before(doc, entity, doc_date)
    return shift(anchor, *step) if anchor else None


def _time_told_before(doc: Doc, entity: Span, doc_date: str | None) -> str | None:
    sentences = [s.start for s in doc.sents if s.start <= entity.start]
    earliest = sentences[max(0, len(sentences) - 3)] if sentences else 0
    for other in reversed([e for e in time_entities(doc) if earliest <= e.start and e.end <= entity.start]):
        if other.label_ == "DATE" and is_point_in_time(other):
            iso = resolve_time(doc, other, doc_date)
            if iso is not None:
                return iso
    return None
