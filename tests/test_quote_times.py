"""When a quote was said: the time its cue gives, resolved against the article's date, on real articles.

Hand-checked against the articles' text: Pompeo "told the press on Tuesday" in an article of Thursday
2019-09-12; El Paso's police chief "said late Sunday" in one of Thursday 2019-08-08; Thames Valley
police "said on Monday they believe …" (the parse hangs Monday on the reported clause) in one of
Wednesday 2019-09-18; Doris Day "said in her 1976 autobiography". A document speaking is dated by its own
date ("One study … from March noted" in an article of 2020-06-11); a source named with "according to" dates
the words it vouches for ("according to today's Washington Post", 2005-01-04), with the time the parse hangs on
"according" ("according to police on Thursday", Saturday 2019-08-24: the 22nd), never a day of the words it
vouches for ("According to Manila Bulletin, Wednesday's earthquake … was"); a part of the day goes with
the day beside it ("In an advisory issued yesterday evening", Thursday 2019-09-19: the Wednesday).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from store.db import Store
from store.ingest import ingest
from store.language.dates import resolve_date, shift
from store.views.timeline import timeline

pytestmark = pytest.mark.xdist_group(__name__)  # module fixtures built once: one process (Makefile)

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "data" / "wikinews"
DATES = {
    "0052.txt": "2019-09-12",
    "0133.txt": "2019-08-08",
    "0213.txt": "2019-09-18",
    "0233.txt": "2019-05-16",
    "0128.txt": "2005-01-04",
    "0206.txt": "2020-06-11",
    "0220.txt": "2020-01-17",
    "0280.txt": "2019-09-19",
    "0092.txt": "2019-09-09",
    "0275.txt": "2019-08-24",
    "0188.txt": "2019-10-22",
    "0062.txt": "2019-07-20",
    "0156.txt": "2020-03-15",
    "0067.txt": "2004-11-18",
    "0086.txt": "2019-02-21",
    "0075.txt": "2020-11-07",
    "0066.txt": "2020-03-06",
    "0095.txt": "2019-11-04",
}


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("dated")
    for name in DATES:
        shutil.copy(CORPUS / name, folder / name)
    (folder / "metadata.jsonl").write_text("".join(f'{{"file": "{n}", "date": "{d}"}}\n' for n, d in DATES.items()), encoding="utf-8")
    ingest([folder], folder / "s.json", workers=1)
    return Store.open(folder / "s.json")


def quote_at(store: Store, name: str, words: str) -> dict[str, Any]:
    """The quote whose cue sentence holds `words`: found by slicing the text, as a reader would find it."""
    doc = next(d for d in store.documents.values() if d["path"].endswith(name))
    text = store.text(doc["id"])
    at = text.index(words)
    hits = [
        q
        for q in store.quotes.values()
        if q["doc"] == doc["id"]
        and any(
            s and s["start"] <= at + len(words) and at <= s["end"] for s in (q.get("cue_span"), q.get("speaker_span"), q["content_span"])
        )
    ]
    assert hits, f"no quote at {words!r}"
    return hits[0] | {"_text": text}


@pytest.mark.parametrize(
    ("name", "words", "written", "iso"),
    [
        ("0052.txt", "Pompeo told the press on Tuesday", "Tuesday", "2019-09-10"),
        ("0133.txt", "Greg Allen said late Sunday", "late Sunday", "2019-08-04"),
        ("0213.txt", "Police said on Monday they believe", "Monday", "2019-09-16"),
        ("0233.txt", "Day said in her 1976 autobiography", "1976", "1976"),
        ("0206.txt", "One study in the Journal of Threatened Taxa from March noted", "March", "2020-03"),
        ("0128.txt", "have reported that the White House will propose", "today", "2005-01-04"),
        ("0280.txt", "the National Hurricane Center (NHC) confirmed", "yesterday evening", "2019-09-18"),
        ("0092.txt", "according to current president Emmerson Mnangagwa on Friday", "Friday", "2019-09-06"),
        ("0275.txt", "according to police on Thursday", "Thursday", "2019-08-22"),
        # A ruling speaks: "In late June, the United States Supreme Court ruled against its initial attempt, saying …"
        ("0062.txt", "ruled against its initial attempt, saying", "late June", "2019-06"),
        # A participle of speech is said when the act it goes with was done, never at a date inside that act's
        # object: "On Thursday, the ACLU … filed a lawsuit … over its 2018 Ballot Interference Prevention Act,
        # saying …" (Sunday 2020-03-15); the parse may hang it on a verb of the act's own clause ("On Friday,
        # President Trump declared a state of emergency so he could begin …, claiming …", Thursday 2019-02-21).
        ("0156.txt", "saying it would prevent many Native Americans from voting", "Thursday", "2020-03-12"),
        ("0086.txt", "claiming this would stem illegal immigration", "Friday", "2019-02-15"),
        # ... and so is a participle of the second of two verbs of one subject: "On 17 November, … Wu Daiwei met
        # with the Japanese ambassador … and offered an apology …, stating that …".
        ("0067.txt", "stating that the submarine was on a training mission", "17 November", "2004-11-17"),
        # A weekend in a report is the latest one before the article's day, in its ISO week (Thursday 2019-08-08).
        ("0133.txt", "Another report from the Mexican government during the weekend said", "the weekend", "2019-W31"),
        # "President Trump has yet to concede, saying earlier in the morning …" (Saturday 2020-11-07): that day.
        ("0075.txt", "saying earlier in the morning before the call", "earlier in the morning", "2020-11-07"),
        # "A month later" counts from the time the story gave before it: "After a mass shooting … in August, …
        # A month later, during the third primary debate, O'Rourke defended his proposal …, saying …" (2019-11-04).
        ("0095.txt", "buyback program, saying", "A month later", "2019-09"),
        # A time that opens the sentence is the main clause's, though the parse hangs it on the clause after it:
        # "On June 12, minutes before the Oversight Committee voted …, Trump formally claimed …" (2019-07-20).
        ("0062.txt", "Trump formally claimed", "June 12", "2019-06-12"),
    ],
)
def test_a_quote_is_dated_by_the_time_its_cue_gives(dated: Store, name: str, words: str, written: str, iso: str) -> None:
    quote = quote_at(dated, name, words)
    span = quote["time_span"]
    assert quote["_text"][span["start"] : span["end"]] == written == quote["time"]
    assert quote["time_iso"] == iso


@pytest.mark.parametrize(
    ("written", "article", "planned", "iso"),
    [
        ("over the weekend", "2019-08-08", False, "2019-W31"),  # a Thursday: the weekend of the week before
        ("the weekend", "2019-08-04", False, "2019-W31"),  # a Sunday: the weekend it is in
        ("last weekend", "2019-08-04", False, "2019-W30"),  # a Sunday: the weekend before
        ("this weekend", "2019-08-08", True, "2019-W32"),  # a Thursday: the coming one, this ISO week
        ("next weekend", "2019-08-10", False, "2019-W33"),  # a Saturday: the one after
    ],
)
def test_a_weekend_is_the_iso_week_it_ends(written: str, article: str, planned: bool, iso: str) -> None:
    assert resolve_date(written, article, future=planned) == iso


def test_a_time_inside_the_quotation_marks_is_not_when_it_was_said(dated: Store) -> None:
    # 0066: '"Three months ago," he said, "I entered the race …"': when he entered, said inside the quotation.
    quote = quote_at(dated, "0066.txt", "I entered the race for President")
    assert quote["time"] is None and quote["time_span"] is None


def test_a_day_inside_an_according_to_quotation_is_not_when_it_was_said(dated: Store) -> None:
    # "According to Manila Bulletin, Wednesday's earthquake, at 6.3, was the strongest": the quake's day, not the paper's.
    quote = quote_at(dated, "0188.txt", "According to Manila Bulletin")
    assert quote["time"] is None and quote["time_span"] is None


def test_the_timeline_places_a_quote_on_the_day_it_was_said_not_the_articles(dated: Store) -> None:
    quote = quote_at(dated, "0052.txt", "Pompeo told the press on Tuesday")
    events, undated = timeline(dated)
    assert undated == []
    [event] = [e for e in events if e.id == quote["id"]]
    assert (event.when, event.from_article) == ("2019-09-10", False)
    plain = next(q for q in dated.quotes.values() if q["doc"] == quote["doc"] and not q.get("time"))
    assert next(e for e in events if e.id == plain["id"]).when == "2019-09-12"  # no time of its own: its article's day


def test_without_an_article_date_a_relative_time_stays_unresolved_and_an_absolute_one_counts(tmp_path: Path) -> None:
    for name in ("0052.txt", "0233.txt"):
        shutil.copy(CORPUS / name, tmp_path / name)
    ingest([tmp_path], tmp_path / "s.json", workers=1)
    store = Store.open(tmp_path / "s.json")
    tuesday = quote_at(store, "0052.txt", "Pompeo told the press on Tuesday")
    assert (tuesday["time"], tuesday["time_iso"]) == ("Tuesday", None)
    autobiography = quote_at(store, "0233.txt", "Day said in her 1976 autobiography")
    assert autobiography["time_iso"] == "1976"
    events, undated = timeline(store)
    assert ("quote", tuesday["id"]) in undated
    assert any(e.id == autobiography["id"] and e.when == "1976" for e in events)


def test_a_clause_said_is_what_was_said_not_an_attribution_set_into_it(dated: Store) -> None:
    """ "the U.S. Geological Survey has said the earthquakes may continue into early February": one quote, the
    Survey's, undated by its cue; "the earthquakes … continue" is no speaker with a cue of its own."""
    quote = quote_at(dated, "0220.txt", "the U.S. Geological Survey has said")
    text = quote["_text"]
    assert text[quote["speaker_span"]["start"] : quote["speaker_span"]["end"]] == "the U.S. Geological Survey"
    assert quote["time_iso"] is None
    doc = quote["doc"]
    speakers = [
        text[q["speaker_span"]["start"] : q["speaker_span"]["end"]]
        for q in dated.quotes.values()
        if q["doc"] == doc and q.get("speaker_span")
    ]
    assert "the earthquakes" not in speakers


def test_a_title_in_quotation_marks_is_not_speech(dated: Store) -> None:
    doc = next(d for d in dated.documents.values() if d["path"].endswith("0280.txt"))
    text = dated.text(doc["id"])
    contents = [text[q["content_span"]["start"] : q["content_span"]["end"]] for q in dated.quotes.values() if q["doc"] == doc["id"]]
    assert "Hurricane Humberto Intermediate Advisory Number 25A" in text
    assert not any("Intermediate Advisory Number 25A" in c for c in contents)


def test_a_clause_of_time_before_the_cue_is_not_what_was_said(dated: Store) -> None:
    # "On June 12, minutes before the Oversight Committee voted …, Trump formally claimed the documents were …":
    # the parse makes "before … voted" the verb's complement; what Trump claimed is the clause after it.
    quote = quote_at(dated, "0062.txt", "Trump formally claimed")
    text = quote["_text"]
    assert text[quote["content_span"]["start"] : quote["content_span"]["end"]] == "the documents were subject to executive privilege"


@pytest.mark.parametrize(
    ("earlier", "count", "unit", "iso"),
    [
        ("2019-08", 1, "month", "2019-09"),  # "in August … A month later"
        ("2019-12-30", 1, "month", "2020-01"),  # a month at the month's granularity, across a year
        ("2019-07-03", 1, "week", "2019-W28"),  # "a week later": the ISO week
        ("2019-03-03", -2, "day", "2019-03-01"),  # "two days earlier"
        ("2019-08", 2, "day", None),  # two days after "August" is no known day
    ],
)
def test_a_time_counted_from_an_earlier_one_keeps_the_units_granularity(earlier: str, count: int, unit: str, iso: str | None) -> None:
    assert shift(earlier, count, unit) == iso
