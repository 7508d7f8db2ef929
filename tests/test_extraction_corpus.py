"""Extraction on five more real articles (tests/data/wikinews), against expectations written by reading them.

Each test names the article and what a reader finds there; they check the
merges, roles, quotes (speaker, cue, content, kind) and meetings the
extraction must get right, and that things that are not meetings (a phone
call) are not reported as meetings.
"""

from __future__ import annotations

from store.db import Store

from .conftest import actor_named, doc_by_path, find_quote, has_role, quote_table


def test_0005_lula_meets_roh(corpus_store: Store) -> None:
    """'Brazilian President meets President of South Korea' (2004)."""
    doc = doc_by_path(corpus_store, "0005.txt")
    lula = actor_named(corpus_store, "Luiz Inácio Lula da Silva")
    assert "Lula" in lula["aliases"] and has_role(lula, "Brazilian President")
    roh = actor_named(corpus_store, "Roh Moo-hyun")
    assert actor_named(corpus_store, "South Korea")["kind"] == "country"
    meetings = [m for m in corpus_store.meetings.values() if m["doc"] == doc["id"]]
    assert any({lula["id"], roh["id"]} <= set(m["participants"]) for m in meetings)
    table = quote_table(corpus_store, doc)
    assert find_quote(table, "South Korea is a strategic partner in Asia")[1:] == (
        "said",
        "South Korea is a strategic partner in Asia",
        "Luiz Inácio Lula da Silva",
        "indirect",
    )
    he = find_quote(table, "business between Brazil and Korea in 2004 will be US$3 billion")
    assert he[0] == "he" and he[3] == "Luiz Inácio Lula da Silva"  # the pronoun resolved to the last speaker
    assert find_quote(table, "Brazil supports Korea in their effort to join the Inter-American Development Bank (IDB)")[0] == "Mr. Lula"
    according = find_quote(table, "Brazil and South Korea also discussed energy")
    assert according[:2] == ("official sources", "According to")


def test_0047_iran_admits_downing_jet(corpus_store: Store) -> None:
    """'Iran admits downing Ukrainian jet, cites human error' (2020)."""
    doc = doc_by_path(corpus_store, "0047.txt")
    table = quote_table(corpus_store, doc)
    rouhani = find_quote(table, "The Islamic Republic of Iran deeply regrets this disastrous mistake. My thoughts and prayers")
    assert rouhani[3] == "Hassan Rouhani" and rouhani[4] == "direct" and rouhani[1] == "said"
    pompeo = find_quote(table, 'the crash was "likely" Iran\'s doing')
    assert pompeo[3] == "Mike Pompeo" and pompeo[0] == "US Secretary of State Mike Pompeo"
    zelensky = find_quote(table, "We expect from Iran assurances")
    assert zelensky[0] == "President of Ukraine Volodymyr Zelenskyy" and zelensky[4] == "direct"
    assert has_role(actor_named(corpus_store, "Hassan Rouhani"), "Iranian President")


def test_0051_turkey_invades_syria(corpus_store: Store) -> None:
    """'Kurds announce deal with Assad's government as Turkey invades Syria's northeast' (2019)."""
    doc = doc_by_path(corpus_store, "0051.txt")
    sdf = actor_named(corpus_store, "Syrian Democratic Forces")
    assert "SDF" in sdf["aliases"]
    erdogan = actor_named(corpus_store, "Recep Tayyip Erdoğan")
    assert "Erdoğan" in erdogan["aliases"] and has_role(erdogan, "Turkish President")
    table = quote_table(corpus_store, doc)
    agreement = find_quote(table, "An agreement has been reached with the Syrian government")
    assert agreement[3] == "Syrian Democratic Forces" and agreement[4] == "direct"
    assert find_quote(table, "They need to stand by us")[3:] == ("Recep Tayyip Erdoğan", "direct")
    invasion = find_quote(table, 'the invasion was "to prevent the creation of a terror corridor')
    assert invasion[3] == "Recep Tayyip Erdoğan" and invasion[4] == "mixed"
    stoltenberg = find_quote(table, "I count on Turkey to act with restraint")
    assert stoltenberg[1:2] == ("wrote",) and stoltenberg[3] == "Jens Stoltenberg"
    # Trump and Erdoğan "spoke on the phone": not a face-to-face meeting.
    assert not [m for m in corpus_store.meetings.values() if m["doc"] == doc["id"]]


def test_0073_bush_visits_canada(corpus_store: Store) -> None:
    """'US president Bush visits Canada' (2004)."""
    doc = doc_by_path(corpus_store, "0073.txt")
    bush = actor_named(corpus_store, "George W. Bush")
    assert "Bush" in bush["aliases"] and has_role(bush, "United States President")
    martin = actor_named(corpus_store, "Paul Martin")
    assert has_role(martin, "Prime Minister")
    canada = actor_named(corpus_store, "Canada")
    meetings = [set(m["participants"]) for m in corpus_store.meetings.values() if m["doc"] == doc["id"]]
    assert {bush["id"], canada["id"]} in meetings  # "his first official state visit to Canada"
    assert {bush["id"], martin["id"]} in meetings  # "news conference with Prime Minister Paul Martin"
    table = quote_table(corpus_store, doc)
    thanks = find_quote(table, "I want to thank the Canadian people")
    assert thanks[:2] == ("he", "said") and thanks[3] == "George W. Bush" and thanks[4] == "direct"
    assert not thanks[2].endswith(",")  # the comma before the closing mark is not part of the speech
    assert find_quote(table, "he was pleased with the welcome")[3] == "George W. Bush"


def test_0124_rouhani_speech(corpus_store: Store) -> None:
    """ "Iran's President Rouhani tells foreign powers to leave Persian Gulf" (2019)."""
    doc = doc_by_path(corpus_store, "0124.txt")
    table = quote_table(corpus_store, doc)
    mixed = find_quote(table, "if the goal is peace and security")
    assert mixed[3] == "Hassan Rouhani" and mixed[4] == "mixed" and '"get out of the region"' in mixed[2]
    direct = [row for row in table if row[4] == "direct"]
    assert len(direct) == 3 and all(row[3] == "Hassan Rouhani" for row in direct)
    assert find_quote(table, "Your presence has always been a calamity")[1] == "continued"
    # The middle quotation has no cue of its own: the speaker carries over from the one before.
    assert find_quote(table, "Those who want to link the region")[1] is None
    ap = find_quote(table, "Iran has increased cooperation in the last few years")
    assert ap[:2] == ("the Associated Press", "According to") and ap[3] == "Associated Press"
    saudi = find_quote(table, "the attack included cruise missles")
    assert saudi[0] == "the Saudi government"


def test_0036_navalny_roles(corpus_store: Store) -> None:
    """'Germany says Alexei Navalny poisoned with Novichok' (2020): lower-case titles and a role apposition."""
    assert has_role(actor_named(corpus_store, "Alexei Navalny"), "Russian opposition leader")
    assert has_role(actor_named(corpus_store, "Angela Merkel"), "Chancellor of Germany")
    assert "Navalny" in actor_named(corpus_store, "Alexei Navalny")["aliases"]
