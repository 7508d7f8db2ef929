"""Whether an event the text names happened, is planned, is only hoped for, or did not happen.

A reader takes this from the words that govern the event: its auxiliaries
("will meet", "could meet"), the verbs it hangs from ("agreed to meet",
"called for talks", "cancelled the summit"), a negation ("did not meet",
"no meeting"), a condition ("if they meet"), and the adjectives on a noun
("the upcoming summit", "possible talks"). Negation wins over a hope, a hope
over a plan, a plan over the default: news reports what happened.
"""

from __future__ import annotations

from spacy.tokens import Token

HAPPENED, PLANNED, HYPOTHETICAL, NEGATED = "happened", "planned", "hypothetical", "negated"

# Verbs whose object or complement is an event that will not take place.
NEGATING_VERBS = frozenset("cancel scrap refuse decline reject abandon skip snub boycott postpone deny".split())
# Verbs (and predicative adjectives) that make their event something wanted, offered or asked for.
WISHING_WORDS = frozenset(
    """
    seek want hope propose offer suggest urge push demand consider request invite wish ready willing
    open try ask aim call insist press favour favor welcome eager keen prefer
    """.split()
)
# Verbs and adjectives that put their event on a calendar.
PLANNING_WORDS = frozenset("plan schedule due expect set agree arrange prepare intend announce confirm organise organize slate".split())
PLANNING_AUX = frozenset(["will", "shall", "'ll", "wo"])  # "wo" is the "won't" of the tokenizer, negated first
HYPOTHETICAL_AUX = frozenset(["could", "may", "might", "should"])
CONDITION_MARKS = frozenset(["if", "unless", "whether"])
PLANNED_ADJECTIVES = frozenset("upcoming planned scheduled forthcoming next future expected coming".split())
HYPOTHETICAL_ADJECTIVES = frozenset("possible potential proposed hypothetical prospective desired".split())
NEGATING_DETERMINERS = frozenset(["no"])
# "ahead of the summit": the event is still to come.
AHEAD_PREPOSITIONS = frozenset(["ahead", "before"])


# "During the meeting, the pipeline could …": the main clause's mood is not the meeting's.
FRAME_PREPOSITIONS = frozenset("during after following since until amid despite throughout".split())
NOUN_CLIMB = frozenset(["dobj", "pobj", "nsubjpass", "attr", "conj", "appos"])
VERB_CLIMB = frozenset(["xcomp", "acomp", "pcomp"])
# An event that is a verb's subject takes its status from the verb only when the verb says it occurs:
# "talks will resume", not "talks did not produce a deal" (they were held).
OCCURRENCE_VERBS = frozenset("take happen go resume begin start open continue proceed occur end conclude break hold".split())


def governors(trigger: Token) -> list[Token]:
    """The trigger and the words above it that decide its status, nearest first.

    A noun climbs through prepositions to its verb ("called for talks"); a verb
    climbs through open complements ("agreed to meet", "is due to meet"), never
    through a reporting verb ("said they met").
    """
    chain = [trigger]
    node = trigger
    while node.head.i != node.i and len(chain) < 8:
        dep = node.dep_
        climbs = (
            dep in VERB_CLIMB
            or (node.pos_ == "ADP" and dep in ("prep", "agent") and node.lower_ not in FRAME_PREPOSITIONS)
            or (node.pos_ in ("NOUN", "PROPN") and dep in NOUN_CLIMB)
            or (node.pos_ in ("NOUN", "PROPN") and dep == "nsubj" and node.head.lemma_.lower() in OCCURRENCE_VERBS)
        )
        if not climbs:
            break
        node = node.head
        chain.append(node)
    return chain


def status_of(trigger: Token) -> str:
    """HAPPENED, PLANNED, HYPOTHETICAL or NEGATED for the event the trigger names, by its words
    (a time after the article's date makes a HAPPENED event PLANNED: the caller knows the time)."""
    # The event's own words decide first ("the upcoming summit", "no meeting", "did not meet"): the
    # clause around it may be about something else ("hopes to speak with Hu at the upcoming summit").
    found = _signals(trigger, is_trigger=True)
    if not found:
        for word in governors(trigger)[1:]:
            found |= _signals(word, is_trigger=False)
    for status in (NEGATED, HYPOTHETICAL, PLANNED):
        if status in found:
            return status
    return HAPPENED


def _signals(word: Token, is_trigger: bool) -> set[str]:
    found: set[str] = set()
    lemma = word.lemma_.lower()
    if not is_trigger:
        if lemma in NEGATING_VERBS or (lemma == "call" and any(c.lower_ == "off" for c in word.children)):
            found.add(NEGATED)
        elif lemma in WISHING_WORDS or (lemma == "call" and any(c.lower_ == "for" for c in word.children)):
            found.add(HYPOTHETICAL)
        elif lemma in PLANNING_WORDS:
            found.add(PLANNED)
        elif lemma in AHEAD_PREPOSITIONS:
            found.add(PLANNED)
        elif lemma == "without":
            found.add(NEGATED)
    for child in word.children:
        dep, low = child.dep_, child.lower_
        if dep == "neg":
            found.add(NEGATED)
        elif dep in ("aux", "auxpass"):
            if low in PLANNING_AUX:
                found.add(PLANNED)
            elif low in HYPOTHETICAL_AUX:
                found.add(HYPOTHETICAL)
            elif low == "would":
                found.add(HYPOTHETICAL if _conditional(word) else PLANNED)
            elif child.lemma_ == "go" and word.tag_ == "VB":
                found.add(PLANNED)  # "are going to meet"
        elif dep == "mark" and low in CONDITION_MARKS:
            found.add(HYPOTHETICAL)
        elif dep == "det" and low in NEGATING_DETERMINERS:
            found.add(NEGATED)
        elif dep in ("amod", "compound") and low in PLANNED_ADJECTIVES:
            found.add(PLANNED)
        elif dep == "amod" and low in HYPOTHETICAL_ADJECTIVES:
            found.add(HYPOTHETICAL)
    if word.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in word.children):
        found.add(HYPOTHETICAL)
    if word.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in word.children) and word.head.lemma_ == "be":
        found.add(PLANNED)  # "the two leaders are to meet"
    return found


def _conditional(verb: Token) -> bool:
    """ "would meet if …": a condition in the verb's own clause or the sentence's."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children) for c in verb.children)
