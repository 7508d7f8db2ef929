"""Extraction on the seed article, checked against what a careful reader finds in it.

Expectations were written by reading seeds/000_b551b49508079964.txt: who the
actors are and which names are one actor, the two meetings (Trump and Putin
in Hamburg; the secret meetings of the United States, Russia and Israel in
Amman), and the reported speech with its speakers.
"""

from __future__ import annotations

from typing import Any

import pytest

from store.db import Store
from store.language.gazetteer import norm

from .conftest import SEED_ARTICLE, actor_named, doc_by_path, has_role, quotes_in, span_text

pytestmark = pytest.mark.xdist_group(__name__)  # module fixtures built once: one process (Makefile)


@pytest.fixture(scope="module")
def seed(seed_store: Store) -> dict[str, Any]:
    return doc_by_path(seed_store, SEED_ARTICLE.name)


def names_in_doc(store: Store, doc_id: str) -> set[str]:
    return {a["name"] for a in store.actors.values() if any(m["doc"] == doc_id for m in a["mentions"])}


def test_people_with_their_aliases_and_roles(seed_store: Store) -> None:
    trump = actor_named(seed_store, "Donald Trump")
    assert trump["kind"] == "person" and "Trump" in trump["aliases"]
    assert "us president" in {norm(r) for r in trump["roles"]}  # "U.S. President" here, "US President" elsewhere
    putin = actor_named(seed_store, "Vladimir Putin")
    assert "Putin" in putin["aliases"] and has_role(putin, "Russian President")
    assad = actor_named(seed_store, "Bashar al-Assad")
    assert "Assad" in assad["aliases"]
    for envoy in ("Michael Ratney", "Brett McGurk"):
        assert has_role(actor_named(seed_store, envoy), "special envoy on Syria")
    assert any("envoy" in r for r in actor_named(seed_store, "Alexander Lavrentiev")["roles"])
    assert has_role(actor_named(seed_store, "Benjamin Netanyahu"), "Israel's Prime Minister")


def test_trump_in_trumps_special_envoys_is_the_same_person(seed_store: Store, seed: dict[str, Any]) -> None:
    text = seed["text"]
    at = text.index("Trump's special envoys")
    trump = actor_named(seed_store, "Donald Trump")
    assert any(m["doc"] == seed["id"] and m["start"] == at and text[m["start"] : m["end"]] == "Trump" for m in trump["mentions"])
    assert not [a for a in seed_store.actors.values() if a["name"] == "Trump"]


def test_countries_merge_their_names_and_capitals(seed_store: Store, seed: dict[str, Any]) -> None:
    us = actor_named(seed_store, "United States")
    assert us["kind"] == "country"
    forms = {seed["text"][m["start"] : m["end"]] for m in us["mentions"] if m["doc"] == seed["id"]}
    assert {"U.S.", "United States", "Washington"} <= forms  # "Washington and Tehran rarely recognize …"
    iran = actor_named(seed_store, "Iran")
    assert "Tehran" in {seed["text"][m["start"] : m["end"]] for m in iran["mentions"] if m["doc"] == seed["id"]}
    for country in ("Russia", "Israel", "Syria"):
        assert actor_named(seed_store, country)["kind"] == "country"


def test_organisations_and_acronyms(seed_store: Store) -> None:
    irgc = actor_named(seed_store, "Islamic Revolutionary Guard Corps")
    assert irgc["kind"] == "organization" and "IRGC" in irgc["aliases"]
    for org in ("Hezbollah", "Mossad", "Haaretz"):
        assert actor_named(seed_store, org)["kind"] == "organization"
    islamic_state = actor_named(seed_store, "Islamic State")  # "the Islamic State militant group (ISIS)"
    assert "ISIS" in islamic_state["aliases"]


def test_no_headline_caption_credit_or_read_more_fragments(seed_store: Store, seed: dict[str, Any]) -> None:
    names = names_in_doc(seed_store, seed["id"])
    for junk in ("Israel Tried", "Derail Syria Ceasefire", "Carlos Barria", "Iran Drone Buzzes U.S. Navy F/A-18 Jet", "Persian Gulf"):
        assert not any(junk in n or n in junk and len(n) > 8 for n in names), junk
    read_more = seed["text"].index("Read More:")
    line_end = seed["text"].index("\n", read_more)
    for actor in seed_store.actors.values():
        for m in actor["mentions"]:
            assert not (m["doc"] == seed["id"] and read_more <= m["start"] < line_end), actor["name"]


def test_the_hamburg_meeting_and_the_summit_it_was_held_at(seed_store: Store, seed: dict[str, Any]) -> None:
    trump, putin = actor_named(seed_store, "Donald Trump")["id"], actor_named(seed_store, "Vladimir Putin")["id"]
    g20 = actor_named(seed_store, "G20")["id"]
    mine = [m for m in seed_store.meetings.values() if m["doc"] == seed["id"]]
    [meeting] = [m for m in mine if set(m["participants"]) == {trump, putin}]
    assert meeting["place"] == "Hamburg, Germany"  # "during their bilateral meeting at the G20 Summit in Hamburg, Germany"
    assert meeting["time_iso"] == "2017-07-07" and meeting["time_granularity"] == "day"
    assert meeting["status"] == "happened"
    evidence = [span_text(seed_store, seed["id"], e) for e in meeting["evidence"]]
    assert any("shakes hands with Russian President Vladimir Putin" in e for e in evidence)
    # The summit is an event of its own (the body and the leaders the article shows there), not merged with the meeting on its sidelines.
    [summit] = [m for m in mine if g20 in m["participants"]]
    assert {trump, putin} <= set(summit["participants"])
    assert any("announced by President Donald Trump" in span_text(seed_store, seed["id"], e) for e in summit["evidence"])
    assert summit["place"] and "Hamburg" in summit["place"]


def test_the_secret_meetings_in_amman(seed_store: Store, seed: dict[str, Any]) -> None:
    countries = {actor_named(seed_store, n)["id"] for n in ("United States", "Russia", "Israel")}
    [meeting] = [m for m in seed_store.meetings.values() if m["doc"] == seed["id"] and countries <= set(m["participants"])]
    assert meeting["place"] == "Amman"
    assert meeting["time_iso"] is None or meeting["time_iso"].endswith("-07")
    assert "July" in meeting["time"] or meeting["time"] == "last month"
    assert "safe zones in Syria" in meeting["topic"]
    assert len(meeting["evidence"]) >= 2  # "two … clandestine meetings" and "a series of secret meetings"


def test_only_the_meetings_a_reader_sees(seed_store: Store, seed: dict[str, Any]) -> None:
    """The secret meetings (Amman and a European capital, told as one series), the bilateral meeting and the G20 summit."""
    assert len([m for m in seed_store.meetings.values() if m["doc"] == seed["id"]]) == 3


EXPECTED_QUOTES = [
    # (speaker span, cue, content starts with, speaker actor or None)
    ("Haaretz", "reported", "the U.S. and Russia held a series of secret meetings", "Haaretz"),
    ("Israeli officials and Western diplomats", "said", "Israel's representatives at the secret summits", None),
    # Nameless officials speak for their country; "they" in the next sentence are the same officials.
    ("Israeli officials", "argued", "the continued presence of Iran in the country could shift", "Israel"),
    ("they", "said", "the ceasefire should include the removal", "Israel"),
    ("the Israelis", "said", "Syria, like Lebanon and Gaza, could become a launching pad", "Israelis"),
    ("A senior Israeli official", "said", "the draft of the United States and Russia's plans were met with shock", "Israel"),
    ("Benjamin Netanyahu", "reiterating", "it provided Iran a foothold in Syria", "Benjamin Netanyahu"),
]


def test_reported_speech_with_speakers_cues_and_content(seed_store: Store, seed: dict[str, Any]) -> None:
    quotes = quotes_in(seed_store, seed["id"])
    found = [
        (
            span_text(seed_store, seed["id"], q["speaker_span"]),
            span_text(seed_store, seed["id"], q["cue_span"]),
            span_text(seed_store, seed["id"], q["content_span"]),
            q["speaker"],
            q["kind"],
        )
        for q in quotes
    ]
    assert len(found) == len(EXPECTED_QUOTES)
    for (speaker, cue, content, actor), got in zip(EXPECTED_QUOTES, found, strict=True):
        assert got[0] == speaker and got[1] == cue and got[2].startswith(content), got
        assert got[4] == "indirect"
        if actor is None:
            assert got[3] is None
        else:
            assert seed_store.actors[got[3]]["name"] == actor
