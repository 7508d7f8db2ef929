"""Countries, their aliases, demonyms and capitals, from the shipped table store/data/countries.tsv.

The table is generated from the countryinfo package (MIT) by
scripts/make_countries.py; shipping it keeps ingest free of that dependency.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_PUNCT = re.compile(r"[.\u2019'’`]")
_SPACE = re.compile(r"\s+")
# British and American spellings of the words organisations are named with: one organisation, two spellings.
_SPELLING = re.compile(r"(?<=i)s(?=ation)|\b(?:centre|defence)\b")
_AMERICAN = {"s": "z", "centre": "center", "defence": "defense"}


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Comparison key for names: case, accents, periods, apostrophes and a leading 'the' do not count.

    Accents are folded because news spells one name both ways: "Erdoğan" and "Erdogan", "Vázquez" and "Vazquez";
    so are British and American spellings: "World Health Organisation" and "World Health Organization".
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    if not folded.isascii():
        folded = "".join(c for c in folded if not unicodedata.combining(c)).replace("ı", "i").replace("ł", "l").replace("ø", "o")
    key = _SPACE.sub(" ", _PUNCT.sub("", folded)).strip()
    if key.startswith("the "):
        key = key[4:]
    if "sation" in key or "ce" in key:
        key = _SPELLING.sub(lambda m: _AMERICAN[m.group()], key)
    return key


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, str]
    demonyms: dict[str, str]
    capitals: dict[str, str]

    def country(self, text: str) -> str | None:
        return self.names.get(norm(text))

    def demonym(self, text: str) -> str | None:
        return self.demonyms.get(norm(text))

    def capital(self, text: str) -> str | None:
        return self.capitals.get(norm(text))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    table = resources.files("store").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    for line in table.splitlines():
        if not line or line.startswith("#"):
            continue
        name, aliases, dems, capital = (line.split("\t") + ["", "", ""])[:4]
        names[norm(name)] = name
        for alias in filter(None, aliases.split("|")):
            names.setdefault(norm(alias), name)
        for dem in filter(None, dems.split("|")):
            demonyms.setdefault(norm(dem), name)
        if capital:
            capitals.setdefault(norm(capital), name)
    # A demonym that is also a country's name ("Myanmar") is the country.
    for key in list(demonyms):
        if key in names:
            del demonyms[key]
    return Gazetteer(names, demonyms, capitals)


@dataclass(frozen=True)
class KnownOrganizations:
    """Organisations named in store/data/organizations.tsv, with the aliases that are one of them."""

    canonical: dict[str, str]  # norm(name or alias) -> canonical name
    surface: tuple[str, ...]  # every name and alias as written, for the EntityRuler

    def names(self) -> list[str]:
        return sorted(set(self.surface))

    def canonical_name(self, text: str) -> str | None:
        return self.canonical.get(norm(text))


@lru_cache(maxsize=1)
def known_organizations() -> KnownOrganizations:
    canonical: dict[str, str] = {}
    surface: list[str] = []
    table = resources.files("store").joinpath("data/organizations.tsv").read_text(encoding="utf-8")
    for line in table.splitlines():
        if not line or line.startswith("#"):
            continue
        name, _kind, aliases = (line.split("\t") + ["", ""])[:3]
        for form in [name, *filter(None, aliases.split("|"))]:
            canonical[norm(form)] = name
            surface.append(form)
    return KnownOrganizations(canonical, tuple(surface))


@lru_cache(maxsize=1)
def never_actors() -> frozenset[str]:
    """store/data/not_actors.txt: time zones, diseases and campaigns the model takes for names."""
    table = resources.files("store").joinpath("data/not_actors.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in table.splitlines() if line.strip() and not line.startswith("#"))


def country_first(key: str) -> tuple[str | None, str]:
    """("United States", "senate") for "united states senate" or "us senate"; (None, key) without a country first.
    `key` is a comparison key (`norm`); a country's name or its adjective of up to four words counts."""
    gaz = gazetteer()
    words = key.split()
    for n in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:n])
        named = gaz.country(head) or gaz.demonym(head)
        if named is not None:
            return named, " ".join(words[n:])
    return None, key


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    table = resources.files("store").joinpath("data/first_names.txt").read_text(encoding="utf-8")
    rows = [line.split() for line in table.splitlines() if line.strip() and not line.startswith("#")]
    return {name: sex for sex, name in rows}


def first_name_sex(name: str) -> str | None:
    """ "f" or "m" for a first name nearly all of whose bearers are of that sex (store/data/first_names.txt), else None."""
    return _first_names().get(norm(name))


def most_named(counts: Mapping[str, int]) -> str | None:
    """The one name mentioned more than any other (the country an article is about), or None on a tie."""
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)[:2]
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
