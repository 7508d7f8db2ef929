"""Meetings on real articles (the tuned split of the meeting gold, dated by its metadata file): who, status, place, time.

Each expectation is what a reader of the article sees; the articles are
Wikinews texts in tests/gold/meetings/dev (see its guidelines).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store.db import Store
from store.ingest import ingest

from .conftest import span_text

pytestmark = pytest.mark.xdist_group(__name__)  # module fixtures built once: one process (Makefile)

DEV = Path(__file__).resolve().parent / "gold" / "meetings" / "dev"


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("meetings") / "store.json"
    ingest([DEV], path, workers=1)
    return Store.open(path)


def meetings_of(store: Store, name: str) -> list[dict[str, Any]]:
    doc = next(d for d in store.documents.values() if Path(d["path"]).name == f"{name}.txt")
    found = [m for m in store.meetings.values() if m["doc"] == doc["id"]]
    return sorted(found, key=lambda m: m["evidence"][0]["start"])


def who(store: Store, meeting: dict[str, Any]) -> set[str]:
    return {store.actors[a]["name"] for a in meeting["participants"]}


def the_meeting(store: Store, name: str, *people: str) -> dict[str, Any]:
    matches = [m for m in meetings_of(store, name) if who(store, m) == set(people)]
    assert len(matches) == 1, f"{name}: {[sorted(who(store, m)) for m in meetings_of(store, name)]}"
    return matches[0]


def test_a_meeting_with_its_place_hung_on_the_counterparts_apposition(dev_store: Store) -> None:
    # "The Taliban met on Monday with Zalmay Khalilzad, a US peace envoy, in Qatar." (article of 2019-01-24, a Thursday)
    meeting = the_meeting(dev_store, "0065", "Taliban", "Zalmay Khalilzad")
    assert (meeting["place"], meeting["time"], meeting["time_iso"], meeting["status"]) == ("Qatar", "Monday", "2019-01-21", "happened")


def test_a_hope_to_meet_at_a_planned_summit_is_two_events_with_their_own_status(dev_store: Store) -> None:
    # "… he wishes to speak with Chinese President Hu Jintao … at the upcoming annual Asia-Pacific Economic Cooperation
    # summit in Chile later this month." (article of 2004-11-18)
    talk = the_meeting(dev_store, "0067", "Koizumi Junichiro", "Hu Jintao")
    summit = the_meeting(dev_store, "0067", "Asia-Pacific Economic Cooperation", "Koizumi Junichiro", "Hu Jintao")
    assert talk["status"] == "hypothetical" and summit["status"] == "planned"
    for meeting in (talk, summit):
        assert meeting["place"] == "Chile"
        assert (meeting["time_iso"], meeting["time_granularity"]) == ("2004-11", "month")
    met = the_meeting(dev_store, "0067", "Wu Daiwei", "Anami Koreshige")
    assert (met["status"], met["place"], met["time_iso"]) == ("happened", "Beijing", "2004-11-17")


def test_delegations_stand_for_their_countries_and_a_framing_clause_does_not_lend_its_mood(dev_store: Store) -> None:
    found = {m["time_iso"]: m for m in meetings_of(dev_store, "0076") if {"Cyprus", "Greece", "Israel"} <= who(dev_store, m)}
    # "On last Thursday, the delegations of Cyprus, Greece and Israel had met for their seventh trilateral summit"
    # (an article of Friday 2020-01-10: the Thursday of last week)
    assert found["2020-01-02"]["status"] == "happened"
    # "During the trilateral meeting of Cyprus, Greece and Israel on January 28, 2016, the then-envisioned … was …"
    assert found["2016-01-28"]["status"] == "happened"


def test_a_state_visit_takes_the_country_visited_as_its_place_and_a_week_as_its_time(dev_store: Store) -> None:
    # "United States President George W. Bush made his first official state visit to Canada this week." (2004-11-30)
    visit = the_meeting(dev_store, "0073", "George W. Bush", "Canada")
    assert (visit["place"], visit["time"], visit["time_iso"], visit["time_granularity"]) == ("Canada", "this week", "2004-W49", "week")
    # "During an early afternoon news conference with Prime Minister Paul Martin": a clock time is the article's day.
    conference = the_meeting(dev_store, "0073", "George W. Bush", "Paul Martin")
    assert conference["time_iso"] == "2004-11-30"


def test_a_pronoun_attends_a_summit_with_a_titled_name(dev_store: Store) -> None:
    # "This comes a week after he attended a summit with President of France Emmanuel Macron"
    meeting = the_meeting(dev_store, "0009", "Igor Matovič", "Emmanuel Macron")
    assert meeting["status"] == "happened"
    assert "attended a summit" in span_text(dev_store, meeting["doc"], meeting["evidence"][0])


def test_no_meeting_time_is_an_age_a_duration_or_far_from_its_article(dev_store: Store) -> None:
    """A time is a point the text gives for this event: never "40", "two hours" or "aged 79", and never years off unless written so."""
    timed = [m for m in dev_store.meetings.values() if m.get("time_iso") and dev_store.documents[m["doc"]].get("date")]
    assert len(timed) >= 10
    for meeting in timed:
        written = meeting["time"]
        assert not written.strip().isdigit() or len(written.strip()) == 4, written
        assert not any(unit in written for unit in ("hours", "days of", "years old", "aged")), written
        article = date.fromisoformat(dev_store.documents[meeting["doc"]]["date"])
        year = int(meeting["time_iso"][:4])
        if not any(ch.isdigit() for ch in written):  # "last Thursday", "this week": resolved against the article
            assert article.year - 1 <= year <= article.year + 1, (written, meeting["time_iso"])


def test_no_meeting_in_articles_that_use_meeting_words_for_something_else(dev_store: Store) -> None:
    # Caucuses and conventions, a cabinet meeting, a phone call, "meet the criteria" (see each file's notes).
    for name in ("0007", "0010", "0012", "0043", "0052", "0090", "0109"):
        assert meetings_of(dev_store, name) == [], name


def test_every_article_of_the_folder_is_dated_by_its_metadata_file_and_the_undated_one_stays_undated(dev_store: Store) -> None:
    for doc in dev_store.documents.values():
        if Path(doc["path"]).name == "seed.txt":  # its row gives no date: never one guessed from its story
            assert "date" not in doc
        else:
            assert doc["date"] and doc["date_source"] == "metadata file", doc["path"]


def test_the_meeting_attended_by_a_list_of_leaders_is_the_summit_told_just_before(dev_store: Store) -> None:
    # "… the delegations of Cyprus, Greece and Israel had met for their seventh trilateral summit … The meeting was
    # attended by Israeli prime minister Benjamin Netanyahu and energy minister Yuval Steinitz, Greek prime minister
    # Kyriakos Mitsotakis and energy minister Konstantinos Hatzidakis, and Cypriot president Nicos Anastasiades and
    # energy minister Georgios Lakkotrypis."
    summit = next(m for m in meetings_of(dev_store, "0076") if m["time_iso"] == "2020-01-02")
    assert who(dev_store, summit) == {
        "Cyprus", "Greece", "Israel", "Benjamin Netanyahu", "Yuval Steinitz", "Kyriakos Mitsotakis",
        "Konstantinos Hatzidakis", "Nicos Anastasiades", "Georgios Lakkotrypis",
    }  # fmt: skip
    assert [span_text(dev_store, summit["doc"], e)[:11] for e in summit["evidence"]] == ["On last Thu", "The meeting"]


def test_one_meeting_per_counterpart_met_in_turn(dev_store: Store) -> None:
    # "Later on Tuesday Mitsotakis met with the International Monetary Fund, then with President Trump": two meetings,
    # and the surname after a day's name is the prime minister the article named in full.
    first = the_meeting(dev_store, "0076", "Kyriakos Mitsotakis", "International Monetary Fund")
    then = the_meeting(dev_store, "0076", "Kyriakos Mitsotakis", "Donald Trump")
    assert first["time_iso"] == then["time_iso"] == "2020-01-07"


def test_the_leaders_of_a_sides_negotiators_sat_at_its_table(dev_store: Store) -> None:
    # "… the U.S. and Russia held a series of secret meetings with Israel in early July …" and, two paragraphs on,
    # "Michael Ratney and Brett McGurk, Trump's special envoys on Syria, led the U.S. negotiators"
    secret = next(m for m in meetings_of(dev_store, "seed") if m["place"] == "Amman")
    assert who(dev_store, secret) == {"Israel", "United States", "Russia", "Michael Ratney", "Brett McGurk"}


def test_an_aside_between_the_two_sides_and_a_place_said_before_the_purpose(dev_store: Store) -> None:
    # "In July, he helped facilitate a meeting between Giuliani, claiming to represent the State Department, and
    # Andriy Yermak, one of President Zelensky's aides."
    assert the_meeting(dev_store, "0072", "Rudy Giuliani", "Andriy Yermak")["time_iso"] == "2019-07"
    # "While in New York City to attend the United Nations General Assembly, President Zelensky told reporters, …"
    assembly = the_meeting(dev_store, "0072", "Volodymyr Zelensky", "United Nations General Assembly")
    assert (assembly["place"], assembly["status"]) == ("New York City", "happened")


def test_the_owner_of_a_title_is_not_who_the_phrase_names(dev_store: Store) -> None:
    # "Hunter Biden's former business partner Tony Bobulinski held a press conference": one man's press
    # conference, not a meeting of Bobulinski with Hunter Biden.
    assert not [m for m in meetings_of(dev_store, "0103") if "Hunter Biden" in who(dev_store, m)]
