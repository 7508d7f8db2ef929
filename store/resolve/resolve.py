"""From per-document extractions to corpus-wide actors, meetings and quotes.

Runs without the model, over the stored extraction records, after every
ingest: a new document can complete a name another one only gave in part
("Putin" in one article, "Vladimir Putin" in another). The result depends
only on the set of documents, never on their order, so ids stay stable.

Cross-document rules:
- countries merge by their gazetteer name, groups and organisations by their
  normalised name (an acronym joins the long form a document paired it with);
- a person's short name joins the full name it is part of, the most
  mentioned one when several fit ("Trump" -> "Donald Trump"); so does a
  one- or two-word organisation that is really a surname the model mislabelled
  (never an outlet of the organisations table: "Bloomberg", "The Hindu");
- a person's name also meets its variants: accents folded, middle names,
  initials and "Jr." left out (never two different initials), a doubled
  last letter of a transliteration ("Zelenskyy");
- an organisation meets its other forms ("Department of State" / "State
  Department", a leading country or demonym, "Corps", a plural);
- an organisation named with its country's name first joins the one some article
  names without it ("United States National Hurricane Center"), never through
  what two country-named bodies share ("Kenya/Zimbabwe African National Union");
- a committee named with its chamber or its full remit ("House Oversight and
  Reform Committee") joins the one an article names short ("Oversight
  Committee"), unless two chambers' committees share that short name;
- an acronym no article expands joins the one organisation whose name it spells,
  when both are named in articles about one country ("CPD");
- "the House" is its country's House of Representatives, and "the Pentagon" the
  Department of Defense (never its name: a body named for its building);
- an article's own publisher (its attribution or web address) is none of its
  actors;
- the canonical name is the fullest form; aliases are every other surface form.

Every decision above is about a per-article actor's signature (kind, name,
aliases, and for an organisation its article's country) and counts, so
resolution runs over signatures; store.resolve.patch uses that to patch the
tables after a re-ingest instead of building them again.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from store.db import Store
from store.db.document_columns import field_values
from store.db.schema import actor_id, article_count, stable_id
from store.language.gazetteer import country_first, gazetteer, known_organizations, most_named, norm
from store.language.lexicon import GENERIC_INSTITUTION
from store.language.names import name_tokens, same_person_name
from store.resolve.events import assign_events, assign_events_around

if TYPE_CHECKING:
    from store.resolve.patch import Change


@dataclass(eq=False)
class _Global:
    kind: str
    tokens: tuple[str, ...]
    forms: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    count: int = 0  # mentions
    homes: set[str] = field(default_factory=set)  # the countries of the articles of its organisations' mentions
    signatures: list[Signature] = field(default_factory=list)
    scope: str | None = None  # the country of an institution named without it ("Senate" in articles about the US)

    def canonical(self) -> str:
        """Fullest form for people and organisations, most used form for countries and groups."""
        # Only names a document gave the actor are candidates, not every alias it was also called by.
        names = [f for f, count in self.forms.items() if count > 0] or list(self.forms)
        if self.kind == "organization":  # "the Pentagon" is named for the body it houses, never the body's name
            names = (
                [f for f in names if norm(f) not in BUILDING_FOR_BODY]
                or [f for f in self.forms if norm(f) not in BUILDING_FOR_BODY]
                or names
            )
        if self.kind in ("person", "organization"):
            return max(names, key=lambda f: (len(name_tokens(f)), self.forms[f], f))
        return max(names, key=lambda f: (self.forms[f], f))


def resolve_store(store: Store, change: Change | None = None) -> None:
    """Rebuild the corpus-wide tables of a store from its extractions, meetings grouped into events across articles.

    With the `change` an ingest made, the tables are patched where it reaches (store.resolve.patch) when they were
    made by these rules and written by the save that made them; else, or when the change reaches further, rebuilt."""
    from store.resolve.patch import patch_tables  # it builds on this module

    # Off the columns: building 100,000 document records for two fields each cost seconds.
    attributions = dict(field_values(store.documents, "attribution"))
    publishers = {
        doc_id: publisher_names({"attribution": attributions[doc_id], "url": url}) for doc_id, url in field_values(store.documents, "url")
    }
    stamp = store.meta.get("resolution")
    ours = isinstance(stamp, dict) and stamp.get("rules") == rules_version() and stamp.get("updated") == store.meta.get("updated")
    patched = change is not None and ours and patch_tables(store, change, publishers)
    if not patched:
        store.actors, store.meetings, store.quotes = resolve(store.extractions, publishers)
    store.meta["resolution"] = {"rules": rules_version()}  # Store.save adds which save wrote it
    dates = dict(field_values(store.documents, "date"))
    if patched and change is not None:
        assign_events_around(store.meetings, dates, change.met)  # the other meetings' events stay as they were
    else:
        assign_events(store.meetings, dates)


@functools.cache
def rules_version() -> str:
    """What resolution is made of (its code, name rules and tables): tables made by other rules are made again."""
    store_dir = Path(__file__).resolve().parent.parent
    files = sorted([*store_dir.glob("resolve/*.py"), *store_dir.glob("language/*.py"), *store_dir.glob("data/*")])
    return hashlib.sha1(b"".join(f.read_bytes() for f in files)).hexdigest()


def publisher_names(doc: dict[str, Any]) -> set[str]:
    """Who published the article, from its metadata: "Wikinews" of `attribution: "Wikinews, …"` or of en.wikinews.org.

    The publication is the article's byline, not an actor in its story ("Wikinews learned …", "told Wikinews").
    """
    names = set()
    attribution = doc.get("attribution")
    if isinstance(attribution, str) and attribution.strip():
        names.add(norm(attribution.split(",")[0]))
    url = doc.get("url")
    if isinstance(url, str) and "://" in url:
        host = urlsplit(url).hostname or ""
        labels = [part for part in host.split(".") if part not in ("www", "en", "m", "amp", "edition", "news")]
        if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net", "gov", "ac"):
            labels = labels[:-1]  # bbc.co.uk
        if len(labels) >= 2:
            names.add(labels[-2])
    return {n for n in names if n}


@dataclass(eq=False)
class Signature:
    """One way per-article actors are written (kind, name, aliases, and for an organisation its article's country),
    with everything its per-article actors add up to. Every decision resolution makes about a per-article actor
    depends on its signature and on counts, never on its article: so resolution runs over signatures, and a re-ingest
    can tell from the signatures alone whether a changed article moves any other article's actor (store.resolve.patch)."""

    key: tuple[str, str, tuple[str, ...], str | None]
    mentions: int = 0
    roles: Counter = field(default_factory=Counter)
    members: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (doc id, per-article actor)

    @property
    def kind(self) -> str:
        return self.key[0]

    @property
    def name(self) -> str:
        return self.key[1]

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.key[2]

    @property
    def home(self) -> str | None:
        return self.key[3]

    def add(self, doc_id: str, actor: dict[str, Any]) -> None:
        self.mentions += len(actor["mentions"])
        roles = actor.get("roles")
        if roles:  # most actors have none; Counter.update's own type check cost a third of a shard's signatures
            counts = self.roles
            for role in roles:
                counts[role] += 1
        self.members.append((doc_id, actor))

    def first_doc(self) -> str:
        return min(doc_id for doc_id, _ in self.members)


Signatures = dict[tuple[str, str, tuple[str, ...], str | None], Signature]


def signatures_of(extractions: dict[str, dict[str, Any]], publishers: dict[str, set[str]]) -> Signatures:
    """The per-article actors of these extractions by signature; an article's publisher is none of them."""
    out: Signatures = {}
    for doc_id, extraction in extractions.items():
        home = home_country(extraction)
        skip = publishers.get(doc_id, ())
        for actor in extraction.get("actors", []):
            if norm(actor["name"]) in skip:
                continue
            kind = actor["kind"]
            key = (kind, actor["name"], tuple(actor.get("aliases", [])), home if kind == "organization" else None)
            sig = out.get(key)
            if sig is None:
                sig = out[key] = Signature(key)
            sig.add(doc_id, actor)
    return out


@dataclass
class Clustering:
    """Signatures grouped into actors: each signature's actor id, and the records' fields but their mentions."""

    clusters: list[_Global]
    ids: dict[int, str]  # id(cluster) -> actor id
    of: dict[tuple, _Global]  # signature key -> its cluster

    def actor_of(self, key: tuple) -> str:
        return self.ids[id(self.of[key])]


def resolve(
    extractions: dict[str, dict[str, Any]], publishers: dict[str, set[str]] | None = None
) -> tuple[dict[str, dict], dict[str, dict], dict[str, dict]]:
    """Return (actors, meetings, quotes) keyed by id, from {doc_id: extraction}; an article's publisher is none of its actors."""
    signatures = signatures_of(extractions, publishers or {})
    clustering = cluster(signatures)
    actors = _actor_records(clustering)
    gid = local_ids(clustering, signatures.values())
    return actors, _meeting_records(extractions, gid), _quote_records(extractions, gid)


def local_ids(clustering: Clustering, signatures: Iterable[Signature]) -> dict[tuple[str, str], str]:
    """(doc id, per-article key) -> actor id, for the per-article actors of these signatures."""
    return {(doc_id, actor["key"]): clustering.actor_of(sig.key) for sig in signatures for doc_id, actor in sig.members}


def cluster(signatures: Signatures) -> Clustering:
    """Signatures grouped into actors: people first, longest names first; then countries, groups and organisations."""
    clusters: list[_Global] = []
    by_key: dict[tuple[str, str], _Global] = {}
    of: dict[tuple, _Global] = {}

    persons = sorted(
        (sig for sig in signatures.values() if sig.kind == "person"), key=lambda sig: (-len(name_tokens(sig.name)), sig.name, sig.aliases)
    )
    by_token: dict[str, list[_Global]] = defaultdict(list)  # person clusters by each word of their name

    def containing(tokens: tuple[str, ...], exact_ok: bool = False) -> _Global | None:
        """The most mentioned person whose full name contains `tokens` ("Trump" in "Donald Trump")."""
        fits = (
            [g for g in by_token.get(tokens[0], []) if same_person_name(tokens, g.tokens) or (exact_ok and tokens == g.tokens)]
            if tokens
            else []
        )
        return max(fits, key=lambda g: (g.count, g.tokens)) if fits else None

    for sig in persons:
        # Every per-article actor of one name lands where the first did: by its key once it opened a cluster, else
        # in the most mentioned fuller name, which absorbing it only makes more so.
        tokens = name_tokens(sig.name)
        target = by_key.get(("person", " ".join(tokens))) or containing(tokens)
        if target is None:
            target = _Global("person", tokens)
            for token in set(tokens):
                by_token[token].append(target)
            clusters.append(target)
            by_key[("person", " ".join(tokens))] = target
        _absorb(target, sig, sig.name)
        of[sig.key] = target

    # Long forms first, so that an acronym finds the cluster its long form opened; one signature where its first
    # per-article actor was (its later ones follow it: every key it has leads to that cluster from then on).
    others = sorted(
        (sig for sig in signatures.values() if sig.kind != "person"),
        key=lambda sig: (-len(sig.aliases), sig.kind, sig.name, sig.first_doc(), sig.aliases, sig.home or ""),
    )
    known = known_organizations()
    for sig in others:  # one name is worked out once, however many articles use it
        kind, name = sig.kind, sig.name
        keys, scope = _keys(*sig.key)
        target = next((by_key[(kind, k)] for k in keys if (kind, k) in by_key), None)
        if target is None and kind == "organization" and len(name_tokens(name)) <= 2 and scope is None and not known.canonical_name(name):
            target = containing(name_tokens(name), exact_ok=True)  # never an outlet of the table ("The Hindu")
        if target is None and kind == "organization" and scope is None:
            # "Wanda Vázquez Garced", "House Nancy Pelosi" tagged as organisations: a person's full name, maybe after a title.
            target = _person_ending(name, by_key)
            if target is not None:
                name = max(target.forms.items(), key=lambda kv: (kv[1], kv[0]))[0]
        if target is None:
            target = _Global(kind, name_tokens(name), scope=scope)
            clusters.append(target)
        for key in keys:  # every name and alias leads to this cluster from now on
            by_key.setdefault((target.kind, key), target)
        _absorb(target, sig, name)
        of[sig.key] = target

    moved = _country_prefixed(clusters, by_key)
    moved.update(_committee_forms(clusters, by_key, moved))
    for prefixed, bare in moved.items():
        _fold(bare, prefixed, as_aliases=True)  # "Democratic Party" stays the name, "United States Democratic Party" an alias
    clusters = [g for g in clusters if g not in moved]
    by_initials = _acronyms_by_initials(clusters)
    for acronym, expansion in by_initials.items():
        _fold(expansion, acronym)
    clusters = [g for g in clusters if g not in by_initials]
    moved.update(by_initials)  # never a chain: a cluster others join is not moved itself
    of = {key: moved.get(g, g) for key, g in of.items()}
    return Clustering(clusters, _actor_ids(clusters), of)


_INITIALS_SKIP = frozenset("of the and for on in de du des la le & to".split())


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in _INITIALS_SKIP).upper()


def _acronyms_by_initials(clusters: list[_Global]) -> dict[_Global, _Global]:
    """An organisation known only by its acronym in some articles ("NHC") and the one organisation of the corpus
    whose name it spells ("National Hurricane Center"), where no article paired them. Only when exactly one name
    fits, when both are named in articles about one country (the CBC of a Canadian story is not the US Congressional
    Black Caucus), and never for an institution scoped to a country."""

    def only_acronyms(g: _Global) -> bool:
        return all(re.fullmatch(r"[A-Z]{3,6}", f) for f in g.forms)

    def countries(g: _Global) -> set[str]:
        return g.homes

    spelled: dict[str, list[_Global]] = defaultdict(list)
    for g in clusters:
        if g.kind == "organization" and g.scope is None and not only_acronyms(g):
            for form in g.forms:
                if len(name_tokens(form)) >= 3:
                    spelled[_initials(form)].append(g)
    out: dict[_Global, _Global] = {}
    for g in clusters:
        if g.kind == "organization" and g.scope is None and only_acronyms(g):
            fits = {id(f): f for form in g.forms for f in spelled.get(form, [])}
            if len(fits) == 1 and countries(g) & countries(expansion := next(iter(fits.values()))):
                out[g] = expansion
    return out


def _country_prefixed(clusters: list[_Global], by_key: dict[tuple[str, str], _Global]) -> dict[_Global, _Global]:
    """An organisation named with its country first ("United States National Hurricane Center") and the one named
    without it elsewhere ("National Hurricane Center"). Only towards a name some article gave on its own, so two
    names that differ by their country alone ("Kenya African National Union", "Zimbabwe African National Union")
    never meet through what is left of them."""
    out: dict[_Global, _Global] = {}
    targets: set[_Global] = set()
    for g in clusters:
        if g.kind != "organization" or g.scope is not None or g in targets:
            continue  # a name others join is not folded itself: no chains, nothing folded into a cluster that left
        for form in sorted(g.forms):
            key = norm(form)
            country, rest = country_first(key)
            named = country is not None and gazetteer().country(key[: len(key) - len(rest)].strip()) is not None
            # The country's name, not its adjective: "Chilean Armed Forces" is no other country's "Armed Forces".
            target = by_key.get(("organization", rest)) if named and rest.count(" ") >= 1 else None
            if target is not None and target is not g and target.scope is None and target not in out:
                out[g] = target
                targets.add(target)
                break
    return out


_COMMITTEE = re.compile(r"^(?:(house|senate)\s+)?(\w+)(?:\s+and\s+\w+)?\s+committee$")


def _committee_forms(
    clusters: list[_Global], by_key: dict[tuple[str, str], _Global], moved: dict[_Global, _Global]
) -> dict[_Global, _Global]:
    """A committee named with its chamber or its full remit ("House Oversight and Reform Committee") and the one an
    article names short ("Oversight Committee"): one body, when no other chamber's committee shares the short name
    ("Senate Intelligence Committee" and "House Intelligence Committee" never meet through "Intelligence Committee")."""
    claims: dict[_Global, set[tuple[str, _Global]]] = defaultdict(set)
    for g in clusters:
        if g.kind != "organization" or g in moved or g in moved.values():
            continue
        for form in sorted(g.forms):
            match = _COMMITTEE.match(norm(form))
            if match is None:
                continue
            target = by_key.get(("organization", f"{match[2]} committee"))
            if target is not None and target is not g and target not in moved:
                claims[target].add((match[1] or "", g))
    out: dict[_Global, _Global] = {}
    for target, by in sorted(claims.items(), key=lambda kv: sorted(norm(f) for f in kv[0].forms)):
        chambers = {chamber for chamber, _ in by if chamber}
        if len(chambers) <= 1 and target not in out:
            for _, g in sorted(by, key=lambda cg: sorted(cg[1].forms)):
                if g not in out and g not in claims:
                    out[g] = target
    return out


def _fold(target: _Global, other: _Global, as_aliases: bool = False) -> None:
    """Everything `other` was known by and mentioned as, now `target`'s; `as_aliases`: its forms never the name."""
    for form, count in other.forms.items():
        target.forms[form] += 0 if as_aliases else count
    target.roles.update(other.roles)
    target.count += other.count
    target.homes |= other.homes
    target.signatures.extend(other.signatures)


def _keys(kind: str, name: str, aliases: tuple[str, ...], home: str | None) -> tuple[list[str], str | None]:
    """The keys a country, group or organisation is found by, and the country an institution is scoped to."""
    keys = [norm(name)] + [norm(a) for a in aliases]
    if kind != "organization":
        return keys, None
    keys += [v for k in list(keys) for v in organization_variants(k) if v not in keys]
    return scoped_institution_keys(keys, home)


def _person_ending(name: str, by_key: dict[tuple[str, str], _Global]) -> _Global | None:
    """The person whose full name (two words or more) an organisation's name is, or ends with."""
    tokens = name_tokens(name)
    for n in range(len(tokens), 1, -1):
        person = by_key.get(("person", " ".join(tokens[-n:])))
        if person is not None and person.kind == "person":
            return person
    return None


def home_country(extraction: dict[str, Any]) -> str | None:
    """The country an article is about, as far as its institutions go: the country it names most, if one does."""
    counts: Counter = Counter()
    for actor in extraction.get("actors", []):
        if actor["kind"] == "country":
            counts[actor["name"]] += len(actor["mentions"])
    top = most_named(counts)
    if top is None:
        return None  # no country stands out: the institution stays unscoped
    return gazetteer().country(top) or top


def scoped_institution_keys(keys: list[str], home: str | None) -> tuple[list[str], str | None]:
    """Keys for an organisation, with an institution every country has tied to its country: "senate" (and every
    other form of it) in an article about the United States is "senate@United States"; "us senate" anywhere
    is that too, and so is the plain "senate" it was also called. Returns (keys, scope)."""
    prefixed = [(key, *country_first(key)) for key in keys]
    named = [(key, country, rest) for key, country, rest in prefixed if country is not None and GENERIC_INSTITUTION.match(rest)]
    scope = named[0][1] if named else home
    if scope is None or not (named or any(GENERIC_INSTITUTION.match(k) for k in keys)):
        return keys, None
    out: list[str] = []
    for key, country, rest in prefixed:
        if country is not None and GENERIC_INSTITUTION.match(rest):
            out += [key, f"{rest}@{country}"]  # "us senate", "united states senate"
        else:
            out.append(f"{key}@{scope}")
    return list(dict.fromkeys(out)), scope


_COUNTRY_PREFIX = re.compile(r"^(?:us|united states|american|uk|united kingdom|british)\s+(?=\S+\s+(?:department|ministry|office)$)")


# A body news names by its building, as it names a government by its capital: "the Pentagon said".
BUILDING_FOR_BODY = {"pentagon": "department of defense", "the pentagon": "department of defense"}


def organization_variants(key: str) -> list[str]:
    """Other ways news names the same body: "united states department of state" / "us state department" / "state
    department"; "revolutionary guards" / "revolutionary guard corps" / "revolutionary guard". Keys, already normalised."""
    out: list[str] = []
    reordered = re.sub(r"^(.*?)\b(department|ministry) of (\w+)$", r"\1\3 \2", key)
    gaz = gazetteer()
    for form in dict.fromkeys((key, reordered)):  # in order: resolution must not depend on hashing
        bare = _COUNTRY_PREFIX.sub("", form)
        first, _, rest = bare.partition(" ")
        if rest.count(" ") >= 2 and gaz.demonym(first) and not gaz.country(first):
            bare = rest  # "iranian revolutionary guard corps"; never "kenya african national union", a name in itself
        bare = re.sub(r"\s+(?:magazine|newspaper|news agency)$", "", bare)  # "time magazine"
        singular = re.sub(r"(?<=[a-z]{3})s$", "", re.sub(r"\s+corps$", "", bare))
        out += [f for f in (form, bare, singular) if f != key]
    party = re.fullmatch(r"(\w.*) party", key)
    if party and not gaz.demonym(party[1]) and not gaz.country(party[1]):
        out.append(party[1])  # "labour party" / "labour", "thai raksa chart party" / "thai raksa chart"; never "iranian"
    of_country = re.fullmatch(r"(.+?) of (?:the )?(.+)", key)
    if of_country and GENERIC_INSTITUTION.match(of_country[1]) and gaz.country(of_country[2]):
        out.append(f"{of_country[2]} {of_country[1]}")  # "parliament of the united kingdom" / "united kingdom parliament"
    if key.endswith("house of representatives"):
        out.append(key.removesuffix(" of representatives"))  # "the House" of US news; "us house" is "house@United States"
    out += [named for building, named in BUILDING_FOR_BODY.items() if key == building]
    if "-" in key:  # "wal-mart" / "walmart", "al-qaeda" / "al qaeda": one name hyphenated or not
        out += [key.replace("-", ""), re.sub(r"\s*-\s*", " ", key)]
    return list(dict.fromkeys(f for f in out if f != key))


def _absorb(target: _Global, sig: Signature, name: str) -> None:
    """A signature's per-article actors into a cluster, under `name` (a person's own form when an organisation's
    name turned out to be that person's)."""
    target.forms[name] += sig.mentions
    for alias in sig.aliases:
        target.forms[alias] += 0  # known as a form, but not counted towards the canonical name
    target.roles.update(sig.roles)
    target.count += sig.mentions
    if sig.home is not None:
        target.homes.add(sig.home)
    target.signatures.append(sig)


def _actor_ids(clusters: list[_Global]) -> dict[int, str]:
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for cluster in clusters:
        name = cluster.canonical()
        # Two institutions of one name in articles about two countries: the country keeps their ids apart and stable.
        scoped = cluster.scope is not None and GENERIC_INSTITUTION.match(norm(name)) is not None
        ident = actor_id(cluster.kind, norm(name) + (f"@{cluster.scope}" if scoped else ""))
        while ident in taken:  # two clusters with one canonical name (rare): keep both, apart
            ident = actor_id(cluster.kind, norm(name) + "#" + ident)
        taken.add(ident)
        ids[id(cluster)] = ident
    return ids


def actor_fields(cluster: _Global) -> dict[str, Any]:
    """An actor record's fields but its mentions and their count of articles: what its signatures add up to."""
    name = cluster.canonical()
    seen = {norm(name)}
    aliases = []
    for form in sorted(cluster.forms):
        if norm(form) not in seen:
            seen.add(norm(form))
            aliases.append(form)
    return {"name": name, "kind": cluster.kind, "aliases": aliases, "roles": _merge_roles(cluster.roles)}


def _actor_records(clustering: Clustering) -> dict[str, dict]:
    actors: dict[str, dict] = {}
    for cluster in clustering.clusters:
        ident = clustering.ids[id(cluster)]
        mentions = sorted(
            (
                {"doc": doc_id, "start": m["start"], "end": m["end"]}
                for sig in cluster.signatures
                for doc_id, actor in sig.members
                for m in actor["mentions"]
            ),
            key=lambda m: (m["doc"], m["start"], m["end"]),
        )
        actors[ident] = {"id": ident, **actor_fields(cluster), "mentions": mentions, "documents": article_count(mentions)}
    return actors


def _merge_roles(counts: Counter) -> list[str]:
    """One entry per role however it was written, most frequent first, shown in its most capitalised form."""
    groups: dict[str, list[str]] = {}
    for role in counts:
        groups.setdefault(norm(role), []).append(role)
    ranked = sorted(groups.values(), key=lambda forms: (-sum(counts[f] for f in forms), norm(forms[0])))
    return [max(forms, key=lambda f: (sum(c.isupper() for c in f), counts[f], f)) for forms in ranked]


def _quote_records(extractions: dict[str, dict[str, Any]], gid: dict[tuple[str, str], str]) -> dict[str, dict]:
    quotes: dict[str, dict] = {}
    for doc_id in sorted(extractions):
        for q in extractions[doc_id].get("quotes", []):
            content = q["content_span"]
            ident = stable_id("q", doc_id, content["start"], content["end"])
            speaker = gid.get((doc_id, q["speaker"])) if q.get("speaker") else None
            quotes[ident] = {
                "id": ident,
                "doc": doc_id,
                "speaker": speaker,
                "speaker_span": q.get("speaker_span"),
                "cue_span": q.get("cue_span"),
                "content_span": content,
                "kind": q["kind"],
                **{k: q.get(k) for k in ("time", "time_iso", "time_granularity", "time_span")},
            }
    return quotes


def _meeting_records(extractions: dict[str, dict[str, Any]], gid: dict[tuple[str, str], str]) -> dict[str, dict]:
    meetings: dict[str, dict] = {}
    for doc_id in sorted(extractions):
        for m in extractions[doc_id].get("meetings", []):
            participants: list[str] = []
            for key in m["participants"]:
                ident = gid.get((doc_id, key))
                if ident and ident not in participants:
                    participants.append(ident)
            if len(participants) < 2:
                continue
            first = m["evidence"][0]
            ident = stable_id("m", doc_id, first["start"], first["end"], *sorted(participants))
            meetings[ident] = {
                "id": ident,
                "doc": doc_id,
                **{k: v for k, v in m.items() if k != "participants"},
                "participants": participants,
            }
    return meetings
