"""Hand corrections: each one applied, persisted in the log, undone, redone, and surviving a re-ingest of a changed document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from store.db import Store
from store.hand.anchoring import passage
from store.hand.annotations import AnnotationStore, make_annotation
from store.hand.corrections import actor_target, meeting_target, open_corrected, quote_target
from store.hand.edits import make_edit, replay
from store.ingest import ingest

from .conftest import SEED_ARTICLE

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def seed_doc(store: Store) -> dict[str, Any]:
    return next(d for d in store.documents.values() if d["path"].endswith(SEED_ARTICLE.name))


def named(store: Store, name: str) -> dict[str, Any]:
    return next(a for a in store.actors.values() if a["name"] == name)


def quote_at(store: Store, doc: dict[str, Any], words: str) -> dict[str, Any]:
    start = doc["text"].index(words)
    return next(
        q for q in store.quotes.values() if q["doc"] == doc["id"] and q["content_span"]["start"] <= start < q["content_span"]["end"]
    )


def meeting_in(store: Store, place_word: str) -> dict[str, Any]:
    """The meeting at that place with the fewest participants: in Hamburg, Trump and Putin's, not the G20 summit around it."""
    return min(
        (m for m in store.meetings.values() if place_word in (m.get("place") or "")),
        key=lambda m: (len(m["participants"]), m["evidence"][0]["start"]),
    )


def view(path: Path) -> Store:
    return open_corrected(path)[0].store


def record(path: Path, op: str, target: dict[str, Any] | None = None, **args: Any) -> dict[str, Any]:
    return AnnotationStore.for_store(path).record(make_edit(op, target, **args))


@pytest.fixture
def single(tmp_path: Path, seed_copy: Path) -> tuple[Path, Path]:
    """The seed article alone, ingested into a private store: (store, folder of articles)."""
    path = tmp_path / "store.json"
    ingest([seed_copy], path, workers=1)
    return path, seed_copy


def reingest_changed(store_path: Path, folder: Path) -> None:
    """The article changes under its path: a paragraph added at the top moves every offset."""
    article = folder / SEED_ARTICLE.name
    text = article.read_text(encoding="utf-8")
    first_break = text.index("\n")
    article.write_text(
        text[:first_break] + "\n\nEditor's note: this story was updated with a new first paragraph.\n" + text[first_break:],
        encoding="utf-8",
    )
    ingest([folder], store_path, workers=1)


def test_rename_is_shown_kept_undone_redone_and_survives_reingest(single: tuple[Path, Path]) -> None:
    path, folder = single
    store = Store.open(path)
    trump = named(store, "Donald Trump")
    record(path, "actor.rename", actor_target(trump), name="Donald J. Trump")
    renamed = view(path).actors[trump["id"]]
    assert renamed["name"] == "Donald J. Trump" and "Donald Trump" in renamed["aliases"]
    assert Store.open(path).actors[trump["id"]]["name"] == "Donald Trump"  # the ingested store is untouched

    log = AnnotationStore.for_store(path)
    assert log.undo()["op"] == "actor.rename"
    assert view(path).actors[trump["id"]]["name"] == "Donald Trump"
    assert log.redo()["op"] == "actor.rename"
    assert view(path).actors[trump["id"]]["name"] == "Donald J. Trump"

    reingest_changed(path, folder)
    corrected, _, _ = open_corrected(path)
    assert not corrected.missing
    assert any(a["name"] == "Donald J. Trump" for a in corrected.store.actors.values())


def test_merge_joins_names_mentions_quotes_and_meetings(single: tuple[Path, Path]) -> None:
    path, folder = single
    store = Store.open(path)
    israel, israelis = named(store, "Israel"), named(store, "Israelis")
    record(path, "actor.merge", actor_target(israel), other=actor_target(israelis))
    corrected = open_corrected(path)[0]
    merged = corrected.store.actors[israel["id"]]
    assert israelis["id"] not in corrected.store.actors
    assert "Israelis" in merged["aliases"]
    assert len(merged["mentions"]) == len(israel["mentions"]) + len(israelis["mentions"])
    doc = seed_doc(store)
    launching_pad = quote_at(corrected.store, doc, "launching pad")
    assert launching_pad["speaker"] == israel["id"]  # the quote "the Israelis said" now belongs to Israel
    assert corrected.actor_id(israelis["id"]) == israel["id"]

    reingest_changed(path, folder)
    corrected = open_corrected(path)[0]
    assert not corrected.missing
    assert not any(a["name"] == "Israelis" for a in corrected.store.actors.values())


def test_split_kind_and_hide_then_restore(single: tuple[Path, Path]) -> None:
    path, _ = single
    store = Store.open(path)
    us = named(store, "United States")
    record(path, "actor.split", actor_target(us), alias="Washington")
    corrected = open_corrected(path)[0]
    [made] = [o.made for o in corrected.outcomes.values()]
    washington = corrected.store.actors[made]
    text = seed_doc(store)["text"]
    assert washington["name"] == "Washington" and all(text[m["start"] : m["end"]] == "Washington" for m in washington["mentions"])
    assert "Washington" not in corrected.store.actors[us["id"]]["aliases"]
    assert len(corrected.store.actors[us["id"]]["mentions"]) == len(us["mentions"]) - len(washington["mentions"])

    record(path, "actor.kind", {"kind": "actor", "id": made, "name": "Washington", "actor_kind": "country"}, kind="group")
    assert view(path).actors[made]["kind"] == "group"

    shiites = named(store, "Shiites")
    record(path, "reject", actor_target(shiites), rejected=True)
    corrected = open_corrected(path)[0]
    assert shiites["id"] not in corrected.store.actors and shiites["id"] in corrected.rejected["actor"]
    record(path, "reject", actor_target(shiites), rejected=False)
    assert shiites["id"] in view(path).actors


def test_quote_corrections_survive_reingest_and_a_lost_target_is_reported(single: tuple[Path, Path]) -> None:
    path, folder = single
    store = Store.open(path)
    doc = seed_doc(store)
    israel = named(store, "Israel")
    nameless = quote_at(store, doc, "representatives at the secret")
    assert nameless["speaker"] is None
    record(path, "quote.speaker", quote_target(store, nameless), actor=actor_target(israel))
    wrong = quote_at(store, doc, "draft of the United States")
    record(path, "reject", quote_target(store, wrong), rejected=True)
    considers = "the growing power of Shiite Iran to be its principal threat in the region"
    start = doc["text"].index(considers)
    record(path, "quote.add", None, passage=passage(doc, start, start + len(considers)), speaker=actor_target(israel), kind="indirect")
    netanyahu_quote = quote_at(store, doc, "foothold in Syria")
    foothold = doc["text"].index("provided Iran a foothold")
    record(
        path, "quote.span", quote_target(store, netanyahu_quote), passage=passage(doc, foothold, foothold + len("provided Iran a foothold"))
    )

    def check(corrected_store: Store) -> None:
        d = seed_doc(corrected_store)
        assert quote_at(corrected_store, d, "representatives at the secret")["speaker"] == named(corrected_store, "Israel")["id"]
        assert not any(
            "draft of the United States" in d["text"][q["content_span"]["start"] : q["content_span"]["end"]]
            for q in corrected_store.quotes.values()
        )
        added = [q for q in corrected_store.quotes.values() if q.get("hand")]
        assert [d["text"][q["content_span"]["start"] : q["content_span"]["end"]] for q in added] == [considers]
        adjusted = quote_at(corrected_store, d, "foothold")
        assert d["text"][adjusted["content_span"]["start"] : adjusted["content_span"]["end"]] == "provided Iran a foothold"

    check(view(path))
    reingest_changed(path, folder)
    corrected = open_corrected(path)[0]
    assert not corrected.missing
    check(corrected.store)

    # The passage of a rejected quote disappears from the article: the correction stays in the log, reported.
    article = folder / SEED_ARTICLE.name
    article.write_text(article.read_text(encoding="utf-8").replace("the draft of the United States", "a draft"), encoding="utf-8")
    ingest([folder], path, workers=1)
    corrected, _, log = open_corrected(path)
    assert len(corrected.missing) == 1
    [lost] = [e for e in log if e["id"] in corrected.missing]
    assert lost["op"] == "reject" and "not found" == corrected.outcomes[lost["id"]].status


def test_meeting_corrections(single: tuple[Path, Path]) -> None:
    path, folder = single
    store = Store.open(path)
    doc = seed_doc(store)
    amman = meeting_in(store, "Amman")
    russia, israel = named(store, "Russia"), named(store, "Israel")
    record(path, "meeting.participant", meeting_target(store, amman), actor=actor_target(israel), present=False)
    record(path, "meeting.fields", meeting_target(store, amman), time="2017-07", topic="safe zones in southern Syria")
    hamburg = meeting_in(store, "Hamburg")
    record(path, "reject", meeting_target(store, hamburg), rejected=True)
    start = doc["text"].index("Israel's representatives at the secret summits")
    record(
        path,
        "meeting.add",
        None,
        passage=passage(doc, start, start + len("Israel's representatives at the secret summits")),
        participants=[actor_target(israel), actor_target(russia)],
        place="Amman",
    )

    def check(corrected_store: Store) -> None:
        fixed = next(m for m in corrected_store.meetings.values() if not m.get("hand") and m.get("place") == "Amman")
        names = {corrected_store.actors[p]["name"] for p in fixed["participants"]}
        assert names == {"United States", "Russia", "Michael Ratney", "Brett McGurk"}  # Israel taken out by hand
        assert fixed["time_iso"] == "2017-07" and fixed["topic"] == "safe zones in southern Syria"
        assert hamburg["id"] not in corrected_store.meetings  # rejected; the G20 summit around it stays
        [added] = [m for m in corrected_store.meetings.values() if m.get("hand")]
        assert {corrected_store.actors[p]["name"] for p in added["participants"]} == {"Israel", "Russia"}

    check(view(path))
    reingest_changed(path, folder)
    corrected = open_corrected(path)[0]
    assert not corrected.missing
    check(corrected.store)


def test_undo_and_redo_run_across_annotations_and_corrections(explorer_store: Path) -> None:
    store = Store.open(explorer_store)
    doc = seed_doc(store)
    log = AnnotationStore.for_store(explorer_store)
    note = log.put(make_annotation(doc, 0, 10, "note", "first"))
    record(explorer_store, "actor.rename", actor_target(named(store, "Vladimir Putin")), name="President Putin")
    log.delete(note["id"])
    assert log.all() == []
    assert log.undo()["op"] == "annotation.delete" and [a["id"] for a in log.all()] == [note["id"]]
    assert log.undo()["op"] == "actor.rename" and "President Putin" not in {a["name"] for a in view(explorer_store).actors.values()}
    assert log.undo()["op"] == "annotation.put" and log.all() == []
    assert log.undo() is None
    assert log.redo()["op"] == "annotation.put" and len(log.all()) == 1
    record(explorer_store, "actor.kind", actor_target(named(store, "Haaretz")), kind="group")
    assert log.redo() is None  # a new edit clears what could be redone
    state = replay(log.log())
    assert [e["op"] for e in state.active] == ["annotation.put", "actor.kind"]
    assert len(log.log()) == 8  # nothing is ever removed from the log


def test_history_lists_every_change_with_its_time_and_ingest_reports_lost_targets(single: tuple[Path, Path]) -> None:
    from click.testing import CliRunner

    from tui.cli import main

    path, folder = single
    store = Store.open(path)
    doc = seed_doc(store)
    record(path, "actor.rename", actor_target(named(store, "Donald Trump")), name="Donald J. Trump")
    record(path, "reject", quote_target(store, quote_at(store, doc, "draft of the United States")), rejected=True)
    AnnotationStore.for_store(path).undo()
    AnnotationStore.for_store(path).redo()
    article = folder / SEED_ARTICLE.name
    article.write_text(article.read_text(encoding="utf-8").replace("the draft of the United States", "a draft"), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--store", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "1 hand corrections re-applied; 1 no longer find their target" in result.output

    result = CliRunner().invoke(main, ["history", "--store", str(path), "--json"])
    rows = [orjson.loads(line) for line in result.output.splitlines()]
    assert [r["op"] for r in rows] == ["actor.rename", "reject", "undo", "redo"]
    assert rows[0]["status"] == "in force" and rows[0]["what"] == "rename actor “Donald Trump” to “Donald J. Trump”"
    assert rows[1]["status"].startswith("not found: no quote matches “the draft of the United States")
    assert all(r["at"][:4].isdigit() for r in rows)


def _quote_text(store: Store, quote: dict[str, Any]) -> str:
    span = quote["content_span"]
    return store.documents[quote["doc"]]["text"][span["start"] : span["end"]]


def _meeting_names(store: Store, place: str) -> set[str]:
    meeting = next(m for m in store.meetings.values() if (m.get("place") or "").startswith(place) and not m.get("hand"))
    return {store.actors[p]["name"] for p in meeting["participants"]}


def _edit(store: Store, case: str) -> tuple[str, dict[str, Any] | None, dict[str, Any]]:
    doc = seed_doc(store)
    text = doc["text"]
    israel = named(store, "Israel")
    amman, hamburg = meeting_in(store, "Amman"), meeting_in(store, "Hamburg")
    cases = {
        "rename": lambda: ("actor.rename", actor_target(named(store, "Haaretz")), {"name": "Haaretz (newspaper)"}),
        "kind": lambda: ("actor.kind", actor_target(named(store, "Hezbollah")), {"kind": "group"}),
        "merge": lambda: ("actor.merge", actor_target(israel), {"other": actor_target(named(store, "Israelis"))}),
        "split": lambda: ("actor.split", actor_target(named(store, "Iran")), {"alias": "Tehran"}),
        "hide": lambda: ("reject", actor_target(named(store, "Sunnis")), {"rejected": True}),
        "speaker": lambda: (
            "quote.speaker",
            quote_target(store, quote_at(store, doc, "representatives at the secret")),
            {"actor": actor_target(israel)},
        ),
        "reject quote": lambda: ("reject", quote_target(store, quote_at(store, doc, "met with shock")), {"rejected": True}),
        "adjust": lambda: (
            "quote.span",
            quote_target(store, quote_at(store, doc, "foothold")),
            {"passage": passage(doc, text.index("a foothold in Syria"), text.index("a foothold in Syria") + 19)},
        ),
        "add quote": lambda: (
            "quote.add",
            None,
            {
                "passage": passage(doc, text.index("its principal threat"), text.index("its principal threat") + 20),
                "speaker": actor_target(israel),
            },
        ),
        "add participant": lambda: (
            "meeting.participant",
            meeting_target(store, amman),
            {"actor": actor_target(named(store, "Mossad")), "present": True},
        ),
        "remove participant": lambda: (
            "meeting.participant",
            meeting_target(store, amman),
            {"actor": actor_target(israel), "present": False},
        ),
        "fields": lambda: ("meeting.fields", meeting_target(store, hamburg), {"topic": "the Syrian ceasefire"}),
        "reject meeting": lambda: ("reject", meeting_target(store, hamburg), {"rejected": True}),
        "add meeting": lambda: (
            "meeting.add",
            None,
            {
                "passage": passage(doc, text.index("Michael Ratney"), text.index("the Russian team")),
                "participants": [actor_target(named(store, "Michael Ratney")), actor_target(named(store, "Alexander Lavrentiev"))],
            },
        ),
    }
    return cases[case]()


def _shown(store: Store, case: str) -> bool:
    """Whether the corrected store shows the correction, read the way the explorer and exports read it."""
    names = {a["name"] for a in store.actors.values()}
    doc = seed_doc(store)
    quotes = [_quote_text(store, q) for q in store.quotes.values() if q["doc"] == doc["id"]]
    checks = {
        "rename": lambda: "Haaretz (newspaper)" in names and "Haaretz" not in names,
        "kind": lambda: named(store, "Hezbollah")["kind"] == "group",
        "merge": lambda: "Israelis" not in names and "Israelis" in named(store, "Israel")["aliases"],
        "split": lambda: "Tehran" in names and "Tehran" not in named(store, "Iran")["aliases"],
        "hide": lambda: "Sunnis" not in names,
        "speaker": lambda: quote_at(store, doc, "representatives at the secret")["speaker"] == named(store, "Israel")["id"],
        "reject quote": lambda: not any("met with shock" in q for q in quotes),
        "adjust": lambda: "a foothold in Syria" in quotes,
        "add quote": lambda: "its principal threat" in quotes,
        "add participant": lambda: "Mossad" in _meeting_names(store, "Amman"),
        "remove participant": lambda: "Israel" not in _meeting_names(store, "Amman"),
        "fields": lambda: meeting_in(store, "Hamburg")["topic"] == "the Syrian ceasefire",
        "reject meeting": lambda: (
            not any((m.get("place") or "").startswith("Hamburg") and len(m["participants"]) == 2 for m in store.meetings.values())
        ),
        "add meeting": lambda: any(
            m.get("hand") and "Michael Ratney" in {store.actors[p]["name"] for p in m["participants"]} for m in store.meetings.values()
        ),
    }
    return checks[case]()


CASES = [
    "rename", "kind", "merge", "split", "hide", "speaker", "reject quote", "adjust", "add quote",
    "add participant", "remove participant", "fields", "reject meeting", "add meeting",
]  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_each_correction_is_shown_persisted_undone_redone_and_survives_a_reingest(case: str, single: tuple[Path, Path]) -> None:
    path, folder = single
    assert not _shown(view(path), case)
    op, target, args = _edit(Store.open(path), case)
    record(path, op, target, **args)
    assert _shown(view(path), case)  # shown, from what is on disk: persisted
    log = AnnotationStore.for_store(path)
    log.undo()
    assert not _shown(view(path), case)
    log.redo()
    assert _shown(view(path), case)
    reingest_changed(path, folder)
    corrected = open_corrected(path)[0]
    assert not corrected.missing and _shown(corrected.store, case)


def test_history_cuts_a_long_passage_at_a_word() -> None:
    from store.hand.corrections import describe

    passage = {"exact": "Haaretz reported that the U.S. and Russia held a series of secret meetings with Israel in early July"}
    line = describe(make_edit("quote.add", None, passage=passage, speaker=None))
    assert line == "add quote “Haaretz reported that the U.S. and Russia held a…” by nobody"


def test_history_names_a_quote_by_its_words() -> None:
    from store.hand.corrections import describe

    target = {"kind": "quote", "passage": {"exact": "the Israelis said"}}
    assert describe(make_edit("accept", target)) == "accept quote “the Israelis said”"
