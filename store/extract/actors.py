"""Actors in one document: entity mentions cleaned, classified, merged into clusters, with roles.

Input is a parsed spaCy Doc and the document's blocks (store.layout). The
output is a list of LocalActor; store.resolve merges them across documents.
Rules, in the order they apply:

- PERSON, ORG, GPE and NORP entities are candidates; those in boilerplate
  (a "Read More" line, a photo credit) are dropped.
- A span loses a leading "the" and a trailing possessive; a span holding a
  verb form is headline casing, not a name ("Israel Tried").
- Countries are recognised by name, alias and, when they act (subject or
  possessor), by capital ("Washington said" is the United States); other
  places are places, not actors. A nationality used as an adjective is a role
  ("Russian President"), used as a noun it is a group ("the Israelis").
- Titles folded into a person's span ("President Donald Trump") become roles.
- Within the document, a shorter person name joins the full name it is part
  of ("Assad" joins "Bashar al-Assad"), also when the model labelled it an
  organisation ("Trump's special envoys"), and an acronym joins its long form.
- A cluster seen only in the headline is dropped: headlines are Title Case
  and the small model reads names into them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from store.language.gazetteer import country_first, first_name_sex, gazetteer, known_organizations, never_actors, norm
from store.language.lexicon import GENERIC_INSTITUTION, HONORIFICS, NAME_PARTICLES, OCCUPATIONS, ROLE_NOUNS, SPEECH_VERBS, US_STATES
from store.language.names import GENERATIONS, acronym_of, name_tokens, same_person_name
from store.read.layout import Block, doc_text

ENTITY_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
SURNAME_ONLY = "surname?"  # a candidate kept only if it turns out to name a person of the article
AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
FACILITY_WORDS = frozenset(
    "airport hospital mosque church cathedral temple palace square stadium base bridge station prison hotel street avenue".split()
)
# Last words that make a name a place's: "Java Sea", "Chippewa Falls", "Banda Aceh Province".
PLACE_WORDS = frozenset(
    "sea ocean river lake bay gulf island islands mountain mountains falls valley province county district region".split()
)
# Words that make a name an organisation's, never a person's ("Services Administration", "Reform Committee").
ORG_NAME_WORDS = frozenset(
    """
    administration services service department office council committee agency party ministry bureau commission
    authority association institute university company group corporation bank court house senate assembly forces
    force army navy police foundation organization organisation union board fund center centre school college church
    network news times post club league federation
    """.split()
)
LOCATIVE_PREPS = frozenset("in at near into from outside inside".split())
# Names of things that are not actors, whatever label the model gives them: a weather system ("Storm Barry",
# "Hurricane Dorian"), a disease, a holiday ("Martin Luther King Jr. Day"), a vehicle or product ("Space Shuttle
# Atlantis", "SpaceX Crew Dragon"), a work or a facility. Read from the name's first and last words.
NON_ACTOR_FIRST = frozenset("storm hurricane typhoon cyclone tropical tornado operation".split())
NON_ACTOR_LAST = frozenset(
    "day eve week month shuttle spacecraft capsule rocket satellite pipeline virus disease syndrome fever flu award prize "
    "trophy cup festival marathon championship championships olympics olympiad games tournament expo act bill treaty accord "
    "album polaroid polaroids agreement constitution charter".split()
)
NON_ACTOR_NAMES = frozenset(
    "covid coronavirus ebola zika christmas easter thanksgiving ramadan hanukkah diwali olympiad constitution".split()
) | {
    "el nino",  # climate patterns, weather as much as a storm is
    "la nina",
}
HOLIDAYS = frozenset(
    "memorial labor labour independence christmas boxing valentines mothers fathers election victory remembrance anzac veterans presidents columbus armistice".split()
)
# Vehicles, and systems and areas named like organisations: "Automatic Identification System", "African Continental
# Free Trade Area" (a treaty's market, not its secretariat).
NON_ACTOR_PHRASES = ("space shuttle", "crew dragon", "air force one", "identification system", "positioning system", "trade area")
# Nouns an organisation's name can qualify without being a place: "Omsk hospital" is a place, "ISIS fighters" is not.
ORG_HEAD_NOUNS = frozenset(
    "fighter fighters militant militants member members official officials spokesman spokeswoman spokesperson "
    "leader leaders chief head statement report forces force troops government administration executive director "
    "president ceo founder source sources army police agent agents".split()
)
REGNAL = re.compile(r"(?=[IVX])X{0,2}(?:IX|IV|V?I{0,3})")  # "II", "XVI": a monarch's or pope's number
NEAR_MENTION = 200  # characters: a surname this close after a full name refers to it


@dataclass
class LocalMention:
    start: int
    end: int
    text: str
    root: int
    headline: bool = False


@dataclass(eq=False)
class LocalActor:
    key: str
    kind: str
    name: str
    mentions: list[LocalMention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    extra_aliases: set[str] = field(default_factory=set)

    @property
    def aliases(self) -> list[str]:
        forms = {m.text for m in self.mentions} | self.extra_aliases
        # "Liberal Party" of "Liberal Party of Kenya" names any country's: not a form to be found by elsewhere.
        return sorted(f for f in forms if norm(f) != norm(self.name) and not self.name.startswith(f + " of "))

    def add_role(self, role: str) -> None:
        if role and norm(role) not in {norm(r) for r in self.roles}:
            self.roles.append(role)

    def as_record(self) -> dict:
        return {
            "key": self.key,
            "kind": self.kind,
            "name": self.name,
            "aliases": self.aliases,
            "roles": list(self.roles),
            "mentions": [{"start": m.start, "end": m.end} for m in self.mentions],
        }


def block_role(blocks: list[Block], start: int, end: int) -> str | None:
    for block in blocks:
        if block.start <= start < block.end:
            return block.role if end <= block.end else "boilerplate"
    return None


@dataclass
class _Candidate:
    kind: str
    name: str
    mention: LocalMention
    roles: list[str] = field(default_factory=list)
    alias: str | None = None


def extract_actors(doc: Doc, blocks: list[Block]) -> list[LocalActor]:
    people = _person_words(doc)
    candidates: list[_Candidate] = []
    for ent in doc.ents:
        parts = _compound_parts(ent, blocks, people)
        if parts is not None:
            candidates.extend(parts)
        elif _someones_people(ent, people):
            continue
        elif (c := _candidate(doc, ent, blocks)) is not None:
            candidates.append(c)
    candidates.extend(_named_beside_a_role(doc, blocks))
    candidates.extend(_named_speakers(doc, blocks))
    candidates.extend(_untagged_countries(doc, blocks, candidates))
    candidates = [_with_institution_after(doc, c) for c in candidates]
    not_here = _short_forms_of_non_actors(doc)
    actors = _cluster([c for c in candidates if c.name not in not_here])
    _people_typed_as_organisations(doc, actors)
    _propagate_surnames(doc, actors, blocks)
    _propagate_short_forms(doc, actors, blocks)
    for actor in actors:
        if actor.kind == "person":
            for mention in actor.mentions:
                for role in person_roles(doc, mention):
                    actor.add_role(role)
    _headline_institutions(actors)
    _companies_by_first_word(actors)
    # Headline-only clusters are dropped (Title Case misleads the model), except countries and
    # peoples, which the gazetteer and the plural noun vouch for ("Kurds announce deal …").
    kept = [a for a in actors if any(not m.headline for m in a.mentions) or a.kind in ("country", "group")]
    for index, actor in enumerate(sorted(kept, key=lambda a: a.mentions[0].start)):
        actor.key = f"L{index}"
        actor.mentions.sort(key=lambda m: m.start)
    return sorted(kept, key=lambda a: a.mentions[0].start)


def _headline_institutions(actors: list[LocalActor]) -> None:
    """ "Queen … agrees to suspend UK Parliament" over a story that says "Parliament": the headline names the body
    with its country, the story without. The headline's mention joins the story's institution (its country form
    then an alias of it) instead of being dropped with the headline-only names."""
    told = [a for a in actors if a.kind == "organization" and any(not m.headline for m in a.mentions)]
    bodies: dict[str, LocalActor] = {}
    for a in told:
        bodies.setdefault(norm(a.name), a)
    for a in told:  # the story's own bare name first: "House" before "United States House" for a headline's "U.S. House"
        bodies.setdefault(country_first(norm(a.name))[1], a)  # "United States Department of Justice"
    for actor in actors:
        if actor.kind != "organization" or any(not m.headline for m in actor.mentions):
            continue
        country, rest = country_first(norm(actor.name))
        if country is None or not (GENERIC_INSTITUTION.match(rest) or " " in rest):
            continue  # "US Department of Justice"; not "US Open" against a story's "Open"
        body = bodies.get(rest) or bodies.get(rest.removesuffix(" of representatives"))  # "US House of Representatives" / "the House"
        if body is not None:
            body.mentions.extend(actor.mentions)
            actor.mentions = []
    actors[:] = [a for a in actors if a.mentions]


# The words after a company's own name in its full style: "Ford Motor Company", "Boeing Co.", "Toyota Motor Corp".
CORPORATE_WORDS = frozenset(
    "motor motors company co corporation corp inc incorporated group ltd limited plc llc holdings airlines airways".split()
)


def _companies_by_first_word(actors: list[LocalActor]) -> None:
    """ "Ford said …" in an article that names the Ford Motor Company: the company by its short name, one actor (and so
    never taken elsewhere for a person whose surname it is)."""
    full = [a for a in actors if a.kind == "organization" and len(a.name.split()) >= 2]
    for short in [a for a in actors if a.kind == "organization" and len(a.name.split()) == 1]:
        word = norm(short.name)
        long = next(
            (a for a in full if norm(a.name).split()[0] == word and set(norm(a.name).split()[1:]) <= CORPORATE_WORDS),
            None,
        )
        if long is not None:
            long.mentions.extend(short.mentions)
            short.mentions = []
    actors[:] = [a for a in actors if a.mentions]


# Country names that are as often a person's first name or a US state, or name a land no government speaks for:
# never taken untagged.
UNTAGGED_NOT_COUNTRIES = frozenset({"georgia", "jordan", "chad", "antarctica"})


def _untagged_countries(doc: Doc, blocks: list[Block], found: list[_Candidate]) -> list[_Candidate]:
    """A country's name the model left untagged or folded into another name ("North and South Korea", "Made in
    USA") is that country: the gazetteer vouches for it. Only a name that stands alone — no capitalised word
    against it ("Spain Square", and so not "Prime Minister of Slovakia Igor Matovič"), not the end of "X of
    <country>", not inside another actor's mention, not a hyphenated pair ("U.S.-Canada")."""
    taken = [(c.mention.start, c.mention.end) for c in found]
    gaz = gazetteer()
    out: list[_Candidate] = []
    # Each token read once into plain lists: windows of every width over every token, as spans, were a third of
    # the extraction's time; a span is made only where the gazetteer knows the words.
    words, spaces = [t.text for t in doc], [t.whitespace_ for t in doc]
    capital = [t.is_title or t.is_upper for t in doc]
    n = len(words)
    i = 0
    while i < n:
        if not capital[i] or words[i].lower() == "the":
            i += 1
            continue
        for width in (4, 3, 2, 1):
            end = i + width
            if end > n or not capital[end - 1]:
                continue
            text = "".join(words[k] + spaces[k] for k in range(i, end - 1)) + words[end - 1]
            country = gaz.country(text)
            if country is None or (width == 1 and text.lower() in UNTAGGED_NOT_COUNTRIES):
                continue
            window = doc[i:end]
            if _stands_alone(window) and not any(s < window.end_char and window.start_char < e for s, e in taken):
                role = block_role(blocks, window.start_char, window.end_char)
                if role not in (None, "boilerplate"):
                    mention = LocalMention(window.start_char, window.end_char, window.text, window.root.i, role == "headline")
                    out.append(_Candidate("country", country, mention))
            i += width - 1
            break
        i += 1
    return out


def _with_institution_after(doc: Doc, cand: _Candidate) -> _Candidate:
    """ "the United States House of Representatives seat", "U.S. House formalizes": the model tagged the country and
    left the institution after it untagged; the two are the country's institution, an organisation."""
    if cand.kind != "country":
        return cand
    tagged = doc.char_span(cand.mention.start, cand.mention.end, alignment_mode="expand")
    end = tagged.end if tagged is not None else len(doc)
    if end >= len(doc) or doc[end].idx != cand.mention.end + 1 or doc_text(doc)[cand.mention.end] != " ":
        return cand
    for width in (4, 3, 2, 1):
        words = doc[end : end + width]
        if (
            len(words) < width
            or not words[0].is_title
            or not words[-1].is_title
            or (words[-1].i + 1 < len(doc) and doc[words[-1].i + 1].is_title)
        ):
            continue
        if GENERIC_INSTITUTION.match(words.text.lower()) and all(t.is_title or t.lower_ == "of" for t in words):
            text = doc_text(doc)[cand.mention.start : words.end_char]
            mention = LocalMention(cand.mention.start, words.end_char, text, words.root.i, cand.mention.headline)
            return _Candidate("organization", text, mention)
    return cand


def _stands_alone(span: Span) -> bool:
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    for near in (before, after):
        if near is not None and (near.text in "-‐–/" or (near.is_title and near.is_alpha and not near.is_sent_start)):
            return False
    if before is not None and before.is_sent_start and before.is_title and before.pos_ == "PROPN":
        return False
    return not (before is not None and before.lower_ == "of" and span.start > 1 and doc[span.start - 2].is_title)


def _named_beside_a_role(doc: Doc, blocks: list[Block]) -> list[_Candidate]:
    """ "Tomasz Kubiak, a fire service spokesman, told …": a name the model did not tag, with a role set beside it
    in apposition, is a person. Only a whole name (two to four capitalised words, none tagged) followed by a comma,
    the role a noun phrase with its article ("a spokesperson for the fire service", "the mayor")."""
    out: list[_Candidate] = []
    gaz = gazetteer()
    for token in doc:
        if token.ent_type_ or token.pos_ != "PROPN" or not token.is_title or token.i + 1 >= len(doc) or doc[token.i + 1].text != ",":
            continue
        if not any(
            c.dep_ == "appos" and c.i > token.i and c.lemma_.lower() in ROLE_NOUNS and any(d.dep_ == "det" for d in c.children)
            for c in token.children
        ):
            continue
        first = token.i
        while first > 0 and (left := doc[first - 1]).dep_ == "compound" and left.head.i == token.i:
            if left.ent_type_ or left.pos_ != "PROPN" or not left.is_title or left.lower_ in HONORIFICS:
                break
            first -= 1
        name = doc[first : token.i + 1]
        role = block_role(blocks, name.start_char, name.end_char)
        if not 2 <= len(name) <= 4 or role in (None, "boilerplate") or gaz.country(name.text) or norm(name.text) in never_actors():
            continue
        out.append(_Candidate("person", name.text, LocalMention(name.start_char, name.end_char, name.text, token.i, role == "headline")))
    return out


# Common nouns set before a body's name to say what it is: "news agency Fars", "newspaper The Hindu", "wrestling
# promotion World Wonder Ring Stardom".
BODY_DESCRIPTORS = frozenset(
    "agency newspaper paper broadcaster channel network outlet magazine website site station promotion company firm "
    "group organisation organization charity union party movement".split()
)


def _named_speakers(doc: Doc, blocks: list[Block]) -> list[_Candidate]:
    """ "UNICEF reported", "news agency Fars reported", "B Shiva Parvathi said": a name the model did not tag, as the
    subject of a speech verb, is an actor — whoever speaks in the news is one. An organisation when the name is an
    acronym, holds an organisation's word, or follows a descriptor ("newspaper The Hindu"); a person when it is two
    to four capitalised words, or a title and a name ("Princess Ubolratana"). A lone capitalised word with neither is
    left alone (a surname the article may give in full elsewhere is handled there)."""
    out: list[_Candidate] = []
    gaz = gazetteer()
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH_VERBS:
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            found = _untagged_name(doc, subject)
            if found is None:
                continue
            name, kind = found
            role = block_role(blocks, name.start_char, name.end_char)
            if role in (None, "boilerplate") or gaz.country(name.text) or norm(name.text) in never_actors() or is_non_actor_name(name.text):
                continue
            out.append(_Candidate(kind, name.text, LocalMention(name.start_char, name.end_char, name.text, subject.i, role == "headline")))
    return out


def _untagged_name(doc: Doc, head: Token) -> tuple[Span, str] | None:
    """The untagged proper name a subject is, with its kind, or None."""
    acronym = head.is_upper and head.is_alpha and len(head.text) >= 3  # "UNICEF", which the parse may call a noun
    # "Queen Elizabeth II announced": the parse makes the regnal number the head of the name.
    regnal = REGNAL.fullmatch(head.text) is not None and head.i > 0 and doc[head.i - 1].is_title
    if regnal:
        acronym = False
    if not (head.pos_ == "PROPN" or acronym) or head.ent_type_ in ENTITY_LABELS or not (head.is_title or acronym or regnal):
        return None
    if head.lower_ in ROLE_NOUNS or head.lower_ in OCCUPATIONS or head.lower_ in HONORIFICS:
        return None  # "CEO said", "Prime Minister said": a role, whoever holds it
    first = head.i
    # "Emergency Situations Ministry", "World Wonder Ring Stardom": capitalised words before the head, whatever the
    # parse calls them, that no entity of its own holds.
    while first > 0 and (left := doc[first - 1]).dep_ == "compound" and head in left.ancestors and (left.is_title or left.is_upper):
        if left.ent_type_ in ENTITY_LABELS:
            return None
        first -= 1
    if any(c.dep_ == "compound" and c.i > head.i for c in head.children):
        return None  # the name goes on after the head: not a whole name here
    after = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if after is not None and after.lower_ in ("of", "on", "for", "and", "de") and head.i + 2 < len(doc) and doc[head.i + 2].is_title:
        return None  # "The Commission on Presidential Debates": the name goes on past a joining word
    if after is not None and after.text == "." and head.i + 2 < len(doc) and doc[head.i + 2].like_num:
        return None  # "Republic Act No. 3846": a numbered thing
    last = head.i + 1 if after is not None and after.dep_ == "nummod" and after.head.i == head.i else head.i
    if first > 0 and doc[first - 1].text == "The" and first > 1 and doc[first - 2].lower_ in BODY_DESCRIPTORS:
        first -= 1  # "newspaper The Hindu": the article is part of the name
    words = doc[first : last + 1]  # "News 12"
    if any(w.lower_ in FACILITY_WORDS or w.lower_ in NON_ACTOR_LAST or w.lower_ in ("hill", "road") for w in words):
        return None  # "Downing Street said": a place standing for its occupant, which the model tags when it can
    before = doc[first - 1] if first > 0 else None
    titled = [w for w in words if w.lower_ in HONORIFICS]
    if titled and titled[-1].i < head.i:
        words = doc[titled[-1].i + 1 : last + 1]  # "Princess Ubolratana": the title is a role, not the name
        return (words, "person") if all(w.is_title or w.lower_ in GENERATIONS or REGNAL.fullmatch(w.text) for w in words) else None
    described = before is not None and before.lower_ in BODY_DESCRIPTORS and before.pos_ == "NOUN"
    if (len(words) == 1 and acronym) or any(w.lower_ in ORG_NAME_WORDS for w in words) or described:
        return words, "organization"
    untitled = not any(w.lower_ in HONORIFICS or w.lower_ in ROLE_NOUNS for w in words)
    if (
        2 <= len(words) <= 4
        and untitled
        and all(w.is_title or w.lower_ in GENERATIONS or REGNAL.fullmatch(w.text) for w in words)
        and head.ent_type_ == ""
    ):
        return words, "person"
    return None


_COMPOUND = re.compile(r"([A-Z][\w'’.]*[a-z.][\w'’.]*)\s?[-–]\s?([A-Z][\w'’.]*)")


def _someones_people(ent: Span, people: set[str]) -> bool:
    """ "Associates of Navalny alleged …", which the model tags as an organisation at a sentence's start: people of a
    person the article names, nameless, not a body ("Friends of the Earth" names no person)."""
    words = [t for t in ent if t.lower_ != "the"]
    if ent.label_ != "ORG" or len(words) < 3 or words[1].lower_ != "of" or words[0].tag_ not in ("NNS", "NNPS"):
        return False
    return all(w in people for w in name_tokens(" ".join(t.text for t in words[2:])))


def _person_words(doc: Doc) -> set[str]:
    """Every word of the people the model names in this article, outside hyphenated compounds."""
    return {w for ent in doc.ents if ent.label_ == "PERSON" and "-" not in ent.text and "–" not in ent.text for w in name_tokens(ent.text)}


def _compound_parts(ent: Span, blocks: list[Block], people: set[str]) -> list[_Candidate] | None:
    """ "the Trump-Biden debate", "US-China talks": two actors joined by a hyphen, each its own mention.

    Split only when each part is a country, or a name the article gives a person on its own ("Trump",
    "Biden"): a hyphenated surname of one person ("Ocasio-Cortez", "Smith-Jones") stays one name.
    """
    if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
        return None
    role = block_role(blocks, ent.start_char, ent.end_char)
    span = _trim(ent)
    if role in (None, "boilerplate") or span is None:
        return None
    match = _COMPOUND.fullmatch(span.text)
    if match is None:
        return None
    gaz = gazetteer()
    out = []
    for group in (1, 2):
        part = match[group]
        start = span.start_char + match.start(group)
        mention = LocalMention(start, start + len(part), part, span.root.i, role == "headline")
        country = gaz.country(part)
        if country:
            out.append(_Candidate("country", country, mention))
        elif norm(part) in people and ent.label_ in ("PERSON", "ORG"):  # "to give Trump-Pence a plurality": a ticket
            out.append(_Candidate("person", part, mention))
        else:
            return None
    if ent.label_ == "NORP" or (out[0].kind == "country" and span.root.dep_ in ("amod",)):
        return None  # "Israeli-Palestinian conflict": an adjective, not the two peoples
    return out


# "Maróth said", "Davies told": a surname standing alone before a speech verb.
_SPEECH_AFTER = (
    r"\s+(?:said|says|told|tells|noted|added|stated|explained|argued|wrote|claimed|announced|stressed|insisted|warned|replied|commented"
    r"|tweeted|tweets|remarked|recalled|responded|asserted|acknowledged|admitted|confirmed|denied|suggested)\b"
)


def _speaks_by_surname(text: str, surname: str, after: int) -> bool:
    """Whether the surname stands alone as a speaker after `after`: not the end of a longer name ("Coast Guard said")."""
    for found in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}{_SPEECH_AFTER}", text[after:]):
        before = text[: after + found.start()].rstrip()
        previous = before.split()[-1] if before.split() else ""
        if not previous[:1].isupper() or previous[-1:] in '.!?:;"”':
            return True
    return False


def _people_typed_as_organisations(doc: Doc, actors: list[LocalActor]) -> None:
    """ "Gáspár Maróth", "Tanya Davies", "Assemblywoman Selena Torres" tagged as organisations: two or three capitalised
    words with no word of an organisation's name, whose last word the article then uses alone as a speaker ("Maróth
    said") — an organisation is not called by the last word of its name, a person by their surname is. Such an actor
    is a person (a leading title kept as a role), so that the surname finds them."""
    text = doc_text(doc)
    for actor in actors:
        words = actor.name.split()
        if actor.kind != "organization" or not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w[:1].isalpha() for w in words):
            continue
        if any(w.lower() in ORG_NAME_WORDS for w in words) or known_organizations().canonical_name(actor.name):
            continue
        title = [w for w in words[:-2] if w.lower() in HONORIFICS or w.lower() in ROLE_NOUNS]
        middle = words[len(title) + 1 : -1]
        if len(words) - len(title) != 2 and not all(w.lower() in NAME_PARTICLES for w in middle):
            continue  # a first name and a surname, after a title: not "Vermont Bernie Sanders", a place in the model's span
        surname = words[-1]
        if len(surname) < 3 or not surname[1:].islower():
            continue  # "Kama Melly QC", "Press TV": no surname to speak by
        if not _speaks_by_surname(text, surname, actor.mentions[0].end):
            continue
        actor.kind = "person"
        if title and len(words) - len(title) >= 2:
            actor.add_role(" ".join(title))
            actor.name = " ".join(words[len(title) :])


def _propagate_surnames(doc: Doc, actors: list[LocalActor], blocks: list[Block]) -> None:
    """A reader who met "John Ratcliffe" knows who "Ratcliffe" is later on, where the model found no name.

    Every further whole-word occurrence of a person's surname in the body becomes a mention,
    unless the surname belongs to two people of the article ("Joe Biden", "Hunter Biden"),
    the word is part of a longer name ("Ratcliffe Street") or a possessive-free compound, or
    it is already another actor's mention.
    """
    owners: dict[str, list[LocalActor]] = {}
    for actor in actors:
        words = actor.name.split()
        if actor.kind == "person" and len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) > 2:
            owners.setdefault(words[-1], []).append(actor)
    if not owners:
        return
    _propagate_shared_surnames(doc, {s: people for s, people in owners.items() if len(people) > 1}, actors, blocks)
    sole = {doc.vocab.strings.add(surname): people[0] for surname, people in owners.items() if len(people) == 1}
    # "O'Rourke" and "O’Rourke": news types the apostrophe both ways, often in one article.
    for surname, people in owners.items():
        for a, b in (("'", "’"), ("’", "'")):
            if a in surname and len(people) == 1 and surname.replace(a, b) not in owners:
                sole[doc.vocab.strings.add(surname.replace(a, b))] = people[0]
    if not sole:
        return
    taken = {i for a in actors for m in a.mentions for i in range(m.start, m.end)}
    # Found on the ORTH column, so that a Token is built only where a surname stands.
    column = doc.to_array([ORTH])
    for i in numpy.flatnonzero(numpy.isin(column, list(sole))):
        token = doc[int(i)]
        start, end = token.idx, token.idx + len(token.text)
        role = block_role(blocks, start, end)
        if start in taken or role not in ("body", "headline", "caption"):
            continue
        before = doc[token.i - 1] if token.i > 0 else None
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        owner = sole[column[i]]
        first = token.i
        if (
            before is not None
            and before.pos_ == "PROPN"
            and before.text[:1].isupper()
            and not token.is_sent_start
            and before.ent_type_ not in ("DATE", "TIME")  # "Later on Tuesday Mitsotakis met": a day, not a first name
            and before.lower_ not in HONORIFICS  # "US Speaker Pelosi announces": a title, not a first name
        ):
            own = _own_full_name(doc, token, owner)
            if own is None or any(t.idx in taken for t in doc[own : token.i]):
                continue  # "Kevin Ratcliffe": another person's name
            first, start = own, doc[own].idx  # "Elijah Eugene Cummings": the person named in full, with a middle name
        if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
            continue  # "Ratcliffe Street", "Trump Tower": a longer name
        if _place_before_its_state(doc, token):
            continue  # "Patrick Crusius of Allen, Texas": a town, not the police chief Greg Allen
        written = doc[first : token.i + 1].text
        owner.mentions.append(LocalMention(start, end, written, token.i, headline=role == "headline"))
        taken.update(range(start, end))


def _place_before_its_state(doc: Doc, token: Token) -> bool:
    """ "Allen, Texas", "Paris, France": a word followed by a comma and a US state or a country names a place; not
    "Hagan, North Carolina's first female senator", where what follows the comma speaks of the person."""
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
        return False
    for n in (1, 2):
        state = doc[token.i + 2 : token.i + 2 + n]
        if len(state) < n or not (norm(state.text) in US_STATES or gazetteer().country(state.text)):
            continue
        follows = doc[state.end] if state.end < len(doc) else None
        if follows is not None and follows.lower_ in ("'s", "’s"):
            return False  # "North Carolina's first female senator": the person's state, said of the person
        return follows is None or follows.is_punct or follows.is_lower  # "of Allen, Texas, near Dallas", "…, Texas."
    return False


# "the Philippine Institute of Volcanology and Seismology (Phivolcs)": a short form set in brackets after a name.
_SHORT_FORM = re.compile(r"\s?\(([A-Z][A-Za-z.&]{1,11})\)")
# ... or the acronym first, and the name in brackets after it.
_SHORT_FORM_FIRST = re.compile(r"\b([A-Z]{2,6}) \($")


def _propagate_short_forms(doc: Doc, actors: list[LocalActor], blocks: list[Block]) -> None:
    """A short form the article pairs with a name ("Johns Hopkins University (JHU)", "World Wonder Ring Stardom
    (Stardom)") names that actor wherever it stands later, tagged by the model or not ("Phivolcs reported", "the
    JHU data"): an acronym that is not the name's initials is joined only this way."""
    text = doc_text(doc)
    short: dict[str, LocalActor] = {}
    for actor in actors:
        if actor.kind not in ("organization", "person"):
            continue
        for m in actor.mentions:
            ahead = _SHORT_FORM_FIRST.search(text, max(0, m.start - 12), m.start)
            if ahead and text[m.end : m.end + 1] == ")" and actor.kind == "organization" and _shortens(ahead[1], actor.name):
                short.setdefault(ahead[1], actor)  # "the future of NORAD (North American Aerospace Defence Command)"
            found = _SHORT_FORM.match(text, m.end)
            bracketed = _bracketed_acronym(found[1], actor) and not _tail_of_a_longer_name(text, m.start) if found else False
            if found and (_shortens(found[1], actor.name) or bracketed) and not gazetteer().country(found[1]):
                short.setdefault(found[1], actor)
    if not short:
        return
    by_name = {norm(a.name): a for a in actors}
    for form, owner in short.items():
        other = by_name.get(norm(form))
        if other is not None and other is not owner and other.kind == owner.kind:
            owner.mentions.extend(other.mentions)  # the model's own "Phivolcs" actor is the long name's
            other.mentions.clear()
    actors[:] = [a for a in actors if a.mentions]
    taken = {i for a in actors for m in a.mentions for i in range(m.start, m.end)}
    for form, owner in short.items():
        for found in re.finditer(rf"(?<![\w.-]){re.escape(form)}(?![\w-])", text):
            start, end = found.span()
            if start in taken or block_role(blocks, start, end) not in ("body", "headline", "caption"):
                continue
            after = re.match(r"\s+([A-Z]\w*)", text[end : end + 30])
            if after is not None and not after[1].isupper():
                continue  # "Stardom Championship": a longer name
            token = doc.char_span(start, end, alignment_mode="expand")
            root = token.root.i if token is not None else 0
            owner.mentions.append(LocalMention(start, end, form, root, headline=block_role(blocks, start, end) == "headline"))
            taken.update(range(start, end))


def _short_forms_of_non_actors(doc: Doc) -> set[str]:
    """ "the African Continental Free Trade Area (AfCFTA)": a short form paired with a name that is no actor is none
    either, in this article."""
    text = doc_text(doc)
    out = set()
    for ent in doc.ents:
        span = _trim(ent)  # "the African Continental Free Trade Area (AfCFTA": the model's span takes the bracket in
        found = _SHORT_FORM.match(text, span.end_char) if span is not None else None
        if found and span is not None and is_non_actor_name(span.text) and _shortens(found[1], span.text):
            out.add(found[1])
    return out


def _bracketed_acronym(form: str, actor: LocalActor) -> bool:
    """ "the Kurdistan Workers' Party (PKK)", "the Brazilian Landless Workers Movement (MST)": capitals in brackets
    right after an organisation's name of two words or more are its acronym, even taken from another language."""
    return actor.kind == "organization" and form.isalpha() and form.isupper() and 2 <= len(form) <= 6 and len(actor.name.split()) >= 2


def _tail_of_a_longer_name(text: str, start: int) -> bool:
    """ "United Nations Educational, Scientific and Cultural Organization": the model's "Cultural Organization" is
    the end of a name it cut at a comma or an "and" between capitalised words; its acronym is the whole name's."""
    return re.search(r"[A-Z][\w.'’-]*(?:,|,? and|,? &) $", text[max(0, start - 40) : start]) is not None


def _shortens(form: str, name: str) -> bool:
    """Whether a short form is made of the name's letters in order, from one of its words' first: "Phivolcs", "JHU",
    "CalFire" are; "UNESCO" after a model's "Cultural Organization" is not (an acronym in capitals is joined all the
    same: `_bracketed_acronym`)."""
    letters, words = form.lower().replace(".", "").replace("&", ""), name.lower().split()
    if norm(form) == norm(name) or not any(w.startswith(letters[:1]) for w in words):
        return False
    rest = iter(" ".join(words[next(i for i, w in enumerate(words) if w.startswith(letters[:1])) :]))
    return all(ch in rest for ch in letters)


def _propagate_shared_surnames(doc: Doc, shared: dict[str, list[LocalActor]], actors: list[LocalActor], blocks: list[Block]) -> None:
    """A surname several people of the article bear ("Cummings": Elijah, his father, his mother): written after one
    bearer's own first name it is that one ("Elijah Eugene Cummings"); alone, it is the bearer the article names far
    more than the others, else nobody's."""
    if not shared:
        return
    taken = {i for a in actors for m in a.mentions for i in range(m.start, m.end)}
    for token in doc:
        people = shared.get(token.text)
        if (
            not people
            or token.idx in taken
            or block_role(blocks, token.idx, token.idx + len(token.text)) not in ("body", "headline", "caption")
        ):
            continue
        found = [(own, person) for person in people if (own := _own_full_name(doc, token, person)) is not None]
        if not found and _stands_alone_as_surname(doc, token):
            # "Cummings" alone, where Elijah, his father and his mother are Cummings: the one the article is about,
            # when it names him far more than the others (an obituary names the parents once, by full name).
            found = [(token.i, lead)] if (lead := _lead_bearer(people)) is not None else []
        if len(found) != 1 or any(t.idx in taken for t in doc[found[0][0] : token.i]):
            continue
        own, person = found[0]
        start, end = doc[own].idx, token.idx + len(token.text)
        role = block_role(blocks, start, end)
        person.mentions.append(LocalMention(start, end, doc[own : token.i + 1].text, token.i, headline=role == "headline"))
        taken.update(range(start, end))


def _lead_bearer(people: list[LocalActor]) -> LocalActor | None:
    """The bearer of a shared surname named at least twice as often as each other one, else None."""
    ranked = sorted(people, key=lambda p: len(p.mentions), reverse=True)
    return ranked[0] if len(ranked[0].mentions) >= 2 * max(len(p.mentions) for p in ranked[1:]) else None


def _stands_alone_as_surname(doc: Doc, token: Token) -> bool:
    """A surname with no other name against it ("Mrs Cummings" and "Cummings Street" are not), nor a place."""
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper() and not token.is_sent_start:
        return False
    if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
        return False
    return not _place_before_its_state(doc, token)


def _own_full_name(doc: Doc, surname: Token, owner: LocalActor) -> int | None:
    """Where "Elijah Eugene Cummings" starts when the article's person is "Elijah Cummings": the names before the
    surname begin with the person's own first name (one or two middle names between), else None."""
    first_name = owner.name.split()[0]
    j = surname.i - 1
    while j >= 0 and surname.i - j <= 3 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and not doc[j].ent_type_:
        if doc[j].text == first_name:
            return j
        j -= 1
    return None


def _trim(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    opened = next((i for i in range(start, end) if doc[i].text == "(" and not any(doc[j].text == ")" for j in range(i, end))), None)
    if opened is not None:  # "National Hurricane Center (NHC": the name ends before an unclosed bracket
        end = opened
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _looks_like_name(span: Span) -> bool:
    text = span.text
    if len(text) < 2 or not any(c.isupper() for c in text) or "/" in text:
        return False
    if not any(c.isalpha() for c in text):
        return False
    # Headline casing: "Israel Tried", "Iran Drone Buzzes" hold verbs, names do not.
    return not any(t.tag_.startswith("VB") for t in span)


def _has_proper_noun(span: Span) -> bool:
    return any(t.pos_ == "PROPN" or (t.is_upper and len(t.text) > 1) for t in span)


# Words that make a capital the city itself: "Seoul city Mayor", "the mayor of London", "Paris police".
CITY_WORDS = frozenset("city mayor municipal metropolitan council police resident residents suburb district airport".split())


def _cities(doc: Doc) -> frozenset[str]:
    """Capitals the article shows as cities ("the mayor of Seoul", "French capital Paris"): in such an article the
    capital never stands for its country's government, even as a subject ("The Seoul government said")."""
    cached = doc.user_data.get("backchannel.cities")
    if cached is None:
        gaz = gazetteer()
        found = set()
        for ent in doc.ents:
            if ent.label_ != "GPE" or gaz.capital(ent.text) is None:
                continue
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            head = ent.root.head
            owner = head.head if head.lower_ == "of" and ent.root.dep_ == "pobj" else head
            if before in ("capital", "city") or (head.i != ent.root.i and owner.lemma_.lower() in CITY_WORDS):
                found.add(ent.text)
        cached = doc.user_data["backchannel.cities"] = frozenset(found)
    return cached


# "calls on Washington to", "urged Beijing", "talks between London and Brussels", "the claim from Berlin": a capital
# addressed, pressed or answered is its government, as much as one that speaks.
ADDRESSING_VERBS = frozenset("urge warn accuse criticize criticise pressure press ask tell call blame condemn threaten lobby".split())
ADDRESSING_NOUNS = frozenset(
    "call pressure talk talks relation relations tie ties negotiation negotiations claim sanction sanctions demand request "
    "response message warning dispute dialogue".split()
)


def _is_addressed(token: Token) -> bool:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "dobj":
        return token.head.lemma_.lower() in ADDRESSING_VERBS
    if token.dep_ == "pobj" and token.head.lower_ in ("on", "with", "between", "from", "against", "to"):
        holder = token.head.head
        return holder.lemma_.lower() in ADDRESSING_NOUNS or (holder.pos_ == "VERB" and holder.lemma_.lower() in ADDRESSING_VERBS)
    return False


# What a capital may name before it and still stand for its government: "the Seoul government said".
GOVERNMENT_NOUNS = frozenset("government administration regime authorities officials leadership cabinet delegation".split())


def _is_agentive(token: Token) -> bool:
    """The capital acts: as a subject or owner itself, or naming its government ("Kabul car bombing killed" is a place)."""
    while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
        if token.dep_ == "compound" and token.head.lemma_.lower() not in GOVERNMENT_NOUNS:
            return False
        token = token.head
    return token.dep_ in AGENT_DEPS


def _candidate(doc: Doc, ent: Span, blocks: list[Block]) -> _Candidate | None:
    label_kind = ENTITY_LABELS.get(ent.label_)
    if label_kind is None:
        return None
    role = block_role(blocks, ent.start_char, ent.end_char)
    if role in (None, "boilerplate"):
        return None
    span = _trim(ent)
    if span is None or not _looks_like_name(span) or span.text in never_actors() or _is_hashtag(span):
        return None
    gaz = gazetteer()
    headline = role == "headline"
    mention = LocalMention(span.start_char, span.end_char, span.text, span.root.i, headline)
    country = gaz.country(span.text)
    if ent.label_ == "NORP":
        if span.root.dep_ in ("amod", "compound") or span.root.tag_ not in ("NNS", "NNPS"):
            return None  # a nationality used as an adjective: part of a role, not an actor
        return _Candidate("group", span.text, mention)
    if ent.label_ in ("PERSON", "ORG") and not _has_proper_noun(span):
        return None  # "Lunch", "Presidential": sentence-initial capitals, not names
    if _is_title_fragment(span) or span[-1].lower_ in FACILITY_WORDS:
        return None  # "Secretary of State", "National Security Advisor", "José Martí International Airport"
    if ent.label_ in ("PERSON", "ORG") and is_non_actor_name(span.text):
        return None  # "Storm Lorenzo", "Covid", "Martin Luther King Jr. Day", "Space Shuttle Atlantis"
    if ent.label_ in ("PERSON", "ORG") and len(span) == 1 and gaz.demonym(span.text) and not country:
        if span.text.endswith("s"):
            return _Candidate("group", span.text, mention)  # "Britons": a people, not a person
        return None  # "the Afghan Taliban" read as "the Afghan" and "Taliban": a nationality, the name after it
    if ent.label_ == "ORG" and len(span) == 1:
        named = _with_untagged_first_names(span)
        if len(named) > 1 and first_name_sex(named[0].text):
            # "Michael Bloomberg" with only "Bloomberg" tagged, as the company: a first name makes it the person.
            return _person_candidate(named, LocalMention(named.start_char, named.end_char, named.text, named.root.i, headline))
    known = known_organizations().canonical_name(span.text) or known_organizations().canonical_name(ent.text)
    if known:  # "The Hindu": the table's name, article and all
        return _Candidate("organization", known, mention)
    if ent.label_ == "ORG" and len(span) == 1 and span.root.dep_ == "compound" and span.root.head.pos_ == "NOUN":
        if span.root.head.lemma_.lower() not in ORG_HEAD_NOUNS:
            return None  # "Omsk hospital", "Boeing jet": a place or a maker qualifying a thing
    if ent.label_ == "ORG" and span.end < len(doc) and _MODEL_NUMBER.match(doc[span.end].text) and not _YEAR.match(doc[span.end].text):
        return None  # "a Boeing 737-800 jet", "an Airbus A320": the maker's product, not the maker
    if (
        span.root.dep_ == "pobj"
        and span.root.head.lower_ in LOCATIVE_PREPS
        and (ent.label_ == "PERSON" or (ent.label_ == "ORG" and len(span) == 1))
        and not (ent.label_ == "PERSON" and _source_not_place(span))
    ):
        return None  # "at Ain Issa", "from Omsk": people and organisations are not where things happen
    if ent.label_ in ("ORG", "PERSON"):
        split = _country_then_name(span) or (_title_then_name(span, headline) if ent.label_ == "ORG" else None)
        if split is not None:
            return split
    if country and ent.label_ in ("GPE", "ORG", "PERSON"):
        return _Candidate("country", country, mention)
    if ent.label_ == "GPE":
        capital_of = gaz.capital(span.text)
        if capital_of and (_is_agentive(span.root) or _is_addressed(span.root)) and span.text not in _cities(doc):
            return _Candidate("country", capital_of, mention, alias=span.text)
        # A city or region named as a place — unless it is the surname of a person named in the
        # article ("a meeting with Honcharuk", which the small model reads as a place).
        if len(span) > 2 or _place_before_its_state(doc, span[-1]):
            return None  # "of Allen, Texas": the town, whoever else is called Allen
        return _Candidate(SURNAME_ONLY, span.text, mention)
    if all(gaz.country(part) for part in span.text.split("-")) and "-" in span.text:
        return None  # "U.S.-Canada border": a relation between countries, not an organisation
    if ent.label_ == "PERSON" and any(_is_acronym(t.text) for t in span):
        # "Pro-Beijing DAB", "ALDI": no person's name, but an organisation named from its acronym on.
        named = span[next(i for i, t in enumerate(span) if _is_acronym(t.text)) :]
        return _Candidate("organization", named.text, LocalMention(named.start_char, named.end_char, named.text, named.root.i, headline))
    if ent.label_ == "PERSON":
        span = _with_untagged_first_names(span)
        mention = LocalMention(span.start_char, span.end_char, span.text, span.root.i, headline)
        return _person_candidate(span, mention)
    return _Candidate("organization", _with_country_after(span), mention)


# A model's designation after its maker's name: "737", "737-800", "A320", "F-35".
_MODEL_NUMBER = re.compile(r"^[A-Z]{0,3}-?\d{2,4}(?:-\w+)?[A-Za-z]{0,3}$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


GENERIC_BODY_HEADS = frozenset("party front alliance movement congress assembly council court".split())


def _generic_body(name: str) -> bool:
    """A name many countries' bodies bear ("Liberal Party", "National Assembly"), not one body's own ("Islamic
    Revolutionary Guard Corps", of Iran or not)."""
    words = name.lower().split()
    return GENERIC_INSTITUTION.match(" ".join(words)) is not None or (len(words) <= 3 and words[-1] in GENERIC_BODY_HEADS)


def _with_country_after(span: Span) -> str:
    """ "the Liberal Party of Kenya", of which the model tagged "Liberal Party": a body many countries have is named
    with its country, so it is not the Liberal Party of another article's country. The mention stays as tagged."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "of" or not _generic_body(span.text):
        return span.text
    for width in (3, 2, 1):
        country = doc[span.end + 1 : span.end + 1 + width]
        following = doc[country.end] if country.end < len(doc) else None
        if len(country) == width and country[0].is_title and gazetteer().country(country.text):
            if following is None or not (following.is_title and following.is_alpha):
                return f"{span.text} of {country.text}"
    return span.text


def _source_not_place(span: Span) -> bool:
    """ "documents from Secretary of State Mike Pompeo", "an inquiry into President Donald Trump": after "from" and
    "into" a person is a source or a subject, when the name is a person's — a first name and a surname (no word of
    a place: "from Java Sea"), or the surname of a person the article names in full. "in" and "at" stay places."""
    if span.root.head.lower_ not in ("from", "into"):
        return False
    words = [t for t in span if t.is_alpha]
    if len(words) >= 2:
        return all(t.is_title for t in words) and words[-1].lower_ not in PLACE_WORDS
    surnames = {tokens[-1] for ent in span.doc.ents if ent.label_ == "PERSON" and len(tokens := name_tokens(ent.text)) >= 2}
    return bool(words) and bool(set(name_tokens(words[0].text)) & surnames)


def _is_acronym(word: str) -> bool:
    """Three or more capitals, not a Roman numeral ("III") nor a suffix ("JR", "SR")."""
    return len(word) >= 3 and word.isalpha() and word.isupper() and not re.fullmatch(r"[IVXLC]+", word) and word not in ("JR", "SR")


def _with_untagged_first_names(span: Span) -> Span:
    """ "Mayor of London Sadiq Khan" with only "Khan" tagged: the surname with the first names before it, so that the
    mayor is not joined to another Khan of the article. Only for a one-word tag, and only names (no title, no
    country, nothing the model tagged)."""
    if len(span) != 1:
        return span
    doc, gaz = span.doc, gazetteer()
    start = span.start
    while start > 0 and span.start - start < 2:
        left = doc[start - 1]
        if (
            left.ent_type_
            or left.pos_ != "PROPN"
            or not (left.is_title and left.text[:1].isalpha())
            or left.dep_ != "compound"
            or left.lower_ in HONORIFICS
            or left.lemma_.lower() in ROLE_NOUNS
            or left.lower_ in OCCUPATIONS
            or gaz.country(left.text)
            or gaz.demonym(left.text)
        ):
            break
        start -= 1
    longer = doc[start : span.end]
    return span if gaz.country(longer.text) else longer


def _is_hashtag(span: Span) -> bool:
    """ "#WrongTrump", "#MAGA": a tag people post under, not an actor (the hashtag's sign may be a token of its own);
    a country tagged ("new #US blockade measure") is still that country."""
    doc = span.doc
    tagged = span.text.startswith("#") or (
        span.start > 0 and doc[span.start - 1].text == "#" and doc[span.start - 1].idx + 1 == span.start_char
    )
    return tagged and gazetteer().country(span.text.lstrip("#")) is None


def is_non_actor_name(text: str) -> bool:
    """A storm, a disease, a holiday, a vehicle: named like an actor, never one."""
    words = [w for w in re.split(r"[\s\-]+", norm(text)) if w]
    if not words:
        return False
    if norm(text) in NON_ACTOR_NAMES or words[-1] in NON_ACTOR_NAMES:
        return True
    if words[-1] == "day" and len(words) < 3:
        return words[0] in HOLIDAYS  # "Doris Day" is a person; "Memorial Day", "Martin Luther King Jr. Day" are not
    if len(words) >= 2 and (words[0] in NON_ACTOR_FIRST or words[-1] in NON_ACTOR_LAST):
        return True
    return any(phrase in norm(text) for phrase in NON_ACTOR_PHRASES)


def _is_title_fragment(span: Span) -> bool:
    """A piece of a title the model took for an organisation."""
    doc = span.doc
    if _portfolio(span):
        return True  # "Home Secretary Suella Braverman", "Shadow Home Secretary", "Interior Minister"
    if len(span) == 1 and span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lemma_.lower() in ROLE_NOUNS:
        return True  # "Secretary of State", "Secretary of Transportation"
    last = span[-1]
    if len(span) >= 3 and span[-2].lower_ == "of" and span[-3].lemma_.lower() not in ROLE_NOUNS:
        return False  # "Department of Justice", "Court of Justice": a body named for what it does, not a title
    return last.lemma_.lower() in ROLE_NOUNS and last.tag_ in ("NN", "NNP") and len(span) <= 4  # "National Security Advisor"


def _portfolio(span: Span) -> bool:
    """A portfolio before "Secretary" or "Minister" ("Commerce Secretary Wilbur Ross"): a title's words, not an
    organisation — unless it is one by its own name (an acronym, a known organisation, a country: "NATO Secretary-
    General" is NATO's)."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is None or after.text not in ("Secretary", "Minister") or (span.end + 1 < len(doc) and doc[span.end + 1].text in "-‐–"):
        return False
    if any(_is_acronym(t.text) for t in span) or known_organizations().canonical_name(span.text) or gazetteer().country(span.text):
        return False
    return len(span) <= 2 and all(t.is_title for t in span)


def _country_then_name(span: Span) -> _Candidate | None:
    """ "President of Ukraine Volodymyr Zelenskyy" read as one organisation: the person at its end."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ != "of" or len(span) < 3:
        return None
    for cut in (1, 2):
        country = gazetteer().country(span[:cut].text)
        rest = span[cut:]
        if country and 2 <= len(rest) <= 3 and all(t.is_title for t in rest):
            mention = LocalMention(rest.start_char, rest.end_char, rest.text, rest.root.i)
            return _Candidate("person", rest.text, mention)
    return None


def _title_then_name(span: Span, headline: bool) -> _Candidate | None:
    """ "United States Representative Elijah Cummings" read as one organisation: a title (after a country, maybe)
    then a person's name of two or three capitalised words, the title kept as a role."""
    gaz = gazetteer()
    start = next((cut for cut in (2, 1) if len(span) > cut + 2 and gaz.country(span[:cut].text)), 0)
    end_of_title = start
    while (
        end_of_title < len(span)
        and span[end_of_title].lower_ != "general"
        and (span[end_of_title].lower_ in HONORIFICS or span[end_of_title].lemma_.lower() in ROLE_NOUNS)
    ):
        end_of_title += 1  # "General" is no title here: "General Services Administration", "General Motors"
    rest = span[end_of_title:]
    if end_of_title == start or not 2 <= len(rest) <= 3:
        return None
    if not all(t.pos_ == "PROPN" and t.is_title and t.lower_ not in ORG_NAME_WORDS for t in rest):
        return None
    if gaz.country(rest.text) or known_organizations().canonical_name(rest.text):
        return None
    mention = LocalMention(rest.start_char, rest.end_char, rest.text, rest.root.i, headline)
    return _Candidate("person", rest.text, mention, roles=[span[start:end_of_title].text])


def _person_candidate(span: Span, mention: LocalMention) -> _Candidate | None:
    start = span.start
    titles = []
    gaz = gazetteer()
    doc = span.doc
    # Titles the model read into the name: "Mr", "Sheikh", "United States Representative Elijah Cummings".
    while start < span.end - 1:
        left = span.end - start
        if doc[start].lower_ in HONORIFICS or doc[start].lemma_.lower() in ROLE_NOUNS:
            taken = 1
        elif left > 2 and doc[start].lower_ in OCCUPATIONS:
            taken = 1
        elif left > 2 and (gaz.country(doc[start].text) or gaz.demonym(doc[start].text)):
            taken = 1
        elif left > 3 and gaz.country(doc[start : start + 2].text):
            taken = 2
        else:
            break
        titles.extend(t.text for t in doc[start : start + taken])
        start += taken
    name_span = span.doc[start : span.end]
    if not any(t.is_alpha and t.text[0].isupper() for t in name_span):
        return None
    mention = LocalMention(name_span.start_char, name_span.end_char, name_span.text, mention.root, mention.headline)
    roles = [" ".join(titles)] if titles and titles[0].lower() not in ("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.") else []
    return _Candidate("person", name_span.text, mention, roles=roles)


def _cluster(candidates: list[_Candidate]) -> list[LocalActor]:
    by_key: dict[tuple[str, str], LocalActor] = {}
    persons: list[LocalActor] = []
    ordered = sorted(candidates, key=lambda c: (-len(name_tokens(c.name)) if c.kind == "person" else 0, c.mention.start))

    def new_actor(kind: str, name: str) -> LocalActor:
        actor = LocalActor("", kind, name)
        by_key[(kind, norm(name))] = actor
        if kind == "person":
            persons.append(actor)
        return actor

    pending: list[_Candidate] = []
    for cand in ordered:
        if cand.kind == "person":
            tokens = name_tokens(cand.name)
            actor = by_key.get(("person", norm(cand.name))) or _person_containing(persons, tokens, cand.mention.start)
            if actor is None:
                actor = new_actor("person", cand.name)
            _attach(actor, cand)
        else:
            pending.append(cand)
    for cand in pending:
        actor = by_key.get((cand.kind, norm(cand.name)))
        if actor is None and cand.kind in ("organization", SURNAME_ONLY) and len(name_tokens(cand.name)) <= 2:
            actor = _person_containing(persons, name_tokens(cand.name), cand.mention.start, exact_ok=True)
        if actor is None and cand.kind == SURNAME_ONLY:
            continue
        if actor is None:
            actor = new_actor(cand.kind, cand.name)
        _attach(actor, cand)
    _merge_acronyms(by_key)
    unique: dict[int, LocalActor] = {id(a): a for a in by_key.values()}
    return list(unique.values())


def _attach(actor: LocalActor, cand: _Candidate) -> None:
    actor.mentions.append(cand.mention)
    for role in cand.roles:
        actor.add_role(role)
    if cand.alias:
        actor.extra_aliases.add(cand.alias)
    if actor.kind == "person" and len(name_tokens(cand.name)) > len(name_tokens(actor.name)):
        actor.name = cand.name


def _person_containing(persons: list[LocalActor], tokens: tuple[str, ...], offset: int, exact_ok: bool = False) -> LocalActor | None:
    """The person whose full name contains `tokens`. When several do ("Biden": Joe and Hunter), one named just
    before (within a sentence or two) is meant; else the one the article introduced first, its lead figure."""
    matches = [p for p in persons if same_person_name(tokens, name_tokens(p.name)) or (exact_ok and tokens == name_tokens(p.name))]
    if not matches:
        return None
    if len(matches) == 1:
        return matches[0]

    def distance(p: LocalActor) -> int:
        before = [offset - m.start for m in p.mentions if m.start <= offset]
        return min(before) if before else 1 << 30

    nearest = min(matches, key=distance)
    if distance(nearest) <= NEAR_MENTION:
        return nearest
    return min(matches, key=lambda p: min(m.start for m in p.mentions))


def _merge_acronyms(by_key: dict[tuple[str, str], LocalActor]) -> None:
    orgs = [a for (kind, _), a in by_key.items() if kind == "organization"]
    for short in orgs:
        if not (short.name.isupper() and 2 <= len(short.name.replace(".", "")) <= 6):
            continue
        for long in orgs:
            if long is short or len(long.name.split()) < 2:
                continue
            if acronym_of(long.name) == short.name.replace(".", ""):
                long.mentions.extend(short.mentions)
                long.extra_aliases.add(short.name)
                by_key[("organization", norm(short.name))] = long
                break


# --- roles -----------------------------------------------------------------


def person_roles(doc: Doc, mention: LocalMention) -> list[str]:
    """Titles before a name ("Russian President …") and role appositions (", Putin's Syria envoy")."""
    root = doc[mention.root]
    roles = []
    left = _left_title(doc, mention, root)
    if left:
        roles.append(left)
    for appos in _appositions(root):
        roles.append(appos)
    return roles


def _has_role_noun(tokens: Iterable[Token]) -> bool:
    return any(t.lemma_.lower() in ROLE_NOUNS or t.lower_ in ROLE_NOUNS or t.lower_ in OCCUPATIONS for t in tokens)


def _render(tokens: list[Token]) -> str:
    """Role text as written, with a plural head made singular ("special envoys" -> "special envoy")."""
    out = []
    for i, tok in enumerate(tokens):
        word = tok.text
        if tok.tag_ in ("NNS", "NNPS") and tok.lemma_ and (tok.lemma_.lower() in ROLE_NOUNS):
            word = tok.lemma_ if tok.text[0].islower() else tok.lemma_[:1].upper() + tok.lemma_[1:]
        out.append(word + (tok.whitespace_ if i < len(tokens) - 1 else ""))
    return "".join(out).strip(" ,;:")


def _clean_role_tokens(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].lower_ in ("the", "a", "an", ",") or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    # A person as possessor ("Trump's special envoy") says whose, not what: drop it.
    # A country as possessor ("Israel's Prime Minister") says what: keep it.
    pos = next((i for i, t in enumerate(tokens[:5]) if t.tag_ == "POS"), None)
    if pos and pos < len(tokens) - 1:
        owner = "".join(t.text_with_ws for t in tokens[:pos]).strip()
        if all(t.pos_ == "PROPN" for t in tokens[:pos]) and not gazetteer().country(owner) and tokens[0].ent_type_ not in ("GPE", "NORP"):
            tokens = tokens[pos + 1 :]
    return tokens


def _valid_role(tokens: list[Token]) -> bool:
    return 0 < len(tokens) <= 12 and _has_role_noun(tokens) and not any(t.pos_ in ("VERB", "AUX") for t in tokens)


def _left_title(doc: Doc, mention: LocalMention, root: Token) -> str | None:
    """A title right before the name: "U.S. President Donald Trump", "Russian opposition leader X".

    Read from the surface rather than the parse: the small model often
    attaches such titles to a neighbouring name.
    """
    first = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if first is None:
        return None
    end = first.start
    while end > 0 and doc[end - 1].lower_ in ("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."):
        end -= 1
    if end == 0 or (doc[end - 1].lemma_.lower() not in ROLE_NOUNS and doc[end - 1].lower_ not in OCCUPATIONS):
        return _comma_title(doc, first.start)  # an occupation is a role too: "Actress Denise Crosby", "The actress"
    k = end - 1
    while k > 0 and end - k < 7:
        prev = doc[k - 1]
        # Lower-case words only before lower-case ones: "Russian opposition leader", not "dinner Brazilian President".
        cased_ok = prev.text[:1].isupper() or not doc[k].text[:1].isupper()
        titled = (
            cased_ok and prev.pos_ in ("PROPN", "ADJ", "NOUN") and prev.ent_type_ not in ("DATE", "TIME", "PERSON") and not prev.is_punct
        )
        joiner = prev.lower_ in ("of", "for") or prev.tag_ == "POS"
        if not (titled or (joiner and k - 2 >= 0 and doc[k - 2].text[:1].isupper())):
            break
        if doc[k - 1].is_sent_start:
            k -= 1
            break
        k -= 1
    tokens = _clean_role_tokens(list(doc[k:end]))
    return _render(tokens) if _valid_role(tokens) else None


def _comma_title(doc: Doc, name_start: int) -> str | None:
    """Surface fallback for 'Israel's Prime Minister, Benjamin Netanyahu' when the parse misses the apposition."""
    if name_start < 2 or doc[name_start - 1].text != "," or doc[name_start - 2].lemma_.lower() not in ROLE_NOUNS:
        return None
    k = name_start - 2
    while (
        k - 1 >= 0
        and (doc[k - 1].pos_ in ("PROPN", "NOUN", "ADJ") or doc[k - 1].tag_ == "POS")
        and doc[k - 1].ent_type_ not in ("DATE", "TIME", "CARDINAL")
    ):
        k -= 1
        if name_start - 1 - k > 6:
            return None
    tokens = _clean_role_tokens(list(doc[k : name_start - 1]))
    return _render(tokens) if _valid_role(tokens) else None


def _appositions(root: Token) -> list[str]:
    roles = []
    # The name is the head: "Alexander Lavrentiev, Putin's Syria envoy"; coordinated names share a plural role.
    heads = [root]
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
        heads.append(node)
    heads.extend(c for h in list(heads) for c in h.children if c.dep_ == "conj" and c.ent_type_ == "PERSON")
    for head in heads:
        for child in head.children:
            if child.dep_ != "appos" or child.ent_type_ == "PERSON":
                continue
            if head.i != root.i and child.tag_ not in ("NNS", "NNPS"):
                continue
            tokens = _clean_role_tokens(list(child.subtree))
            if _valid_role(tokens):
                roles.append(_render(tokens))
    # The role is the head: "Israel's Prime Minister, Benjamin Netanyahu".
    if root.dep_ == "appos" and root.head.ent_type_ != "PERSON" and root.head.lemma_.lower() in ROLE_NOUNS:
        inner = {t.i for t in root.subtree}
        tokens = _clean_role_tokens([t for t in root.head.subtree if t.i not in inner and t.i < root.i])
        if _valid_role(tokens):
            roles.append(_render(tokens))
    return roles
