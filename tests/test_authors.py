"""Whose note is whose: authors on notes and log entries, the W3C agent fields, and colleagues' notes merged both ways."""

from __future__ import annotations

import re
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from store.db import Store, copy_store
from store.hand.annotations import AnnotationStore, make_annotation
from tui import render
from tui.cli import main

from .conftest import SEED_ARTICLE

MOTIVATIONS = {
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
}
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def invoke(*args: str, user: str | None = None) -> str:
    result = CliRunner().invoke(main, [*(["--user", user] if user else []), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def note(store_path: Path, needle: str, label: str, comment: str = "", creator: str | None = None, length: int | None = None) -> dict:
    store = Store.open(store_path)
    doc = next(d for d in store.documents.values() if d["path"].endswith(SEED_ARTICLE.name))
    start = doc["text"].index(needle)
    made = make_annotation(doc, start, start + (length or len(needle)), label, comment, creator=creator)
    AnnotationStore.for_store(store_path).put(made)
    return made


def agent_shoulds(value: object, what: str) -> list[str]:
    """The Web Annotation test suite's checks on a creator or generator Agent (annotation-model 3.3.1, 3.3.2):
    an object with an IRI id, a type among Person/Organization/Software, exactly one name, exactly one nickname."""
    if not isinstance(value, dict):
        return [f"{what} is not an Agent object"]
    problems = []
    if not isinstance(value.get("id"), str) or not IRI.match(value["id"]):
        problems.append(f"{what} has no IRI id")
    if value.get("type") not in ("Person", "Organization", "Software"):
        problems.append(f"{what} type is not Person, Organization or Software")
    for key in ("name", "nickname"):
        if not isinstance(value.get(key), str) or not value[key]:
            problems.append(f"{what} has not exactly one {key}")
    return problems


def annotation_shoulds(item: dict) -> list[str]:
    """The suite's must/should checks for creator, generator and motivation (3.3.1, 3.3.5), and their times."""
    problems = agent_shoulds(item.get("creator"), "creator") + agent_shoulds(item.get("generator"), "generator")
    if item.get("motivation") not in MOTIVATIONS:
        problems.append("motivation is not one value of the motivation vocabulary")
    for key in ("created", "modified", "generated"):
        if key in item and not (isinstance(item[key], str) and DATE_TIME.match(item[key])):
            problems.append(f"{key} is not a date-time")
    if "generated" not in item:
        problems.append("no generated time")
    return problems


def test_notes_and_corrections_record_who_made_them(explorer_store: Path) -> None:
    made = note(explorer_store, "Hezbollah", "actor mention")
    assert made["creator"] == "tester"  # from BACKCHANNEL_USER (tests/conftest.py)
    rows = [orjson.loads(line) for line in invoke("history", "--json", "--store", str(explorer_store)).splitlines()]
    assert [r["by"] for r in rows] == ["tester"]
    assert render.annotation_row(made, "exact").plain.startswith("tester [actor mention]")


def test_the_user_option_names_the_author(explorer_store: Path, tmp_path: Path) -> None:
    brat = tmp_path / "brat"
    note(explorer_store, "Hezbollah", "actor mention", creator="Alice")
    invoke("export", "--format", "brat", "--store", str(explorer_store), "-o", str(brat))
    fresh = tmp_path / "fresh.json"
    copy_store(explorer_store, fresh)
    result = CliRunner().invoke(main, ["--user", "Bob Smith", "import", str(brat), "--store", str(fresh)])
    assert result.exit_code == 0, result.output
    [imported] = AnnotationStore.for_store(fresh).all()
    assert imported["creator"] == "brat: brat"  # brat files carry no author: the folder it came from is named
    rows = [orjson.loads(line) for line in invoke("history", "--json", "--store", str(fresh)).splitlines()]
    assert {r["by"] for r in rows} == {"Bob Smith"}  # who imported it
    again = tmp_path / "again.json"
    copy_store(explorer_store, again)
    invoke("import", str(brat), "--store", str(again), "--from", "Carol")
    assert [a["creator"] for a in AnnotationStore.for_store(again).all()] == ["Carol"]


@pytest.mark.parametrize("name", ["", "   ", "\x1b[2J"])
def test_a_user_name_must_have_something_printable(explorer_store: Path, name: str) -> None:
    result = CliRunner().invoke(main, ["--user", name, "stats", "--store", str(explorer_store)])
    assert result.exit_code == 2 or "\x1b" not in result.output


def test_the_web_annotation_export_passes_the_suites_creator_generator_and_motivation_checks(explorer_store: Path) -> None:
    note(explorer_store, "Hezbollah", "actor mention", "Lebanese militia")
    note(explorer_store, "secret meetings", "Meeting")
    data = orjson.loads(invoke("export", "--format", "webannotation", "--store", str(explorer_store)))
    assert data["items"]
    for item in data["items"]:
        assert annotation_shoulds(item) == [], item
        assert item["creator"]["name"] == "tester" and item["generator"]["type"] == "Software"
    assert sorted(i["motivation"] for i in data["items"]) == ["commenting", "tagging"]


def test_two_colleagues_exchange_notes_and_both_get_the_union_with_authors(tmp_path: Path, explorer_store: Path) -> None:
    alice, bob = tmp_path / "alice.json", tmp_path / "bob.json"
    copy_store(explorer_store, alice)
    copy_store(explorer_store, bob)
    note(alice, "Hezbollah", "actor mention", "Lebanese militia", creator="Alice")
    note(alice, "secret meetings", "Meeting", creator="Alice")
    note(bob, "Hezbollah", "follow up", "check the militia's denial", creator="Bob")  # the same words, another note
    note(bob, "Iran", "country", creator="Bob")
    from_alice, from_bob = tmp_path / "alice.jsonld", tmp_path / "bob.jsonld"
    invoke("export", "--format", "webannotation", "--store", str(alice), "-o", str(from_alice))
    invoke("export", "--format", "webannotation", "--store", str(bob), "-o", str(from_bob))
    invoke("import", "--format", "webannotation", str(from_bob), "--store", str(alice))
    invoke("import", "--format", "webannotation", str(from_alice), "--store", str(bob))

    def held(path: Path) -> set[tuple]:
        return {(a["creator"], a["label"], a["exact"], a["note"], a["start"]) for a in AnnotationStore.for_store(path).all()}

    assert held(alice) == held(bob) and len(held(alice)) == 4
    assert {c for c, *_ in held(alice)} == {"Alice", "Bob"}
    invoke("import", "--format", "webannotation", str(from_bob), "--store", str(alice))  # again: nothing new
    assert len(AnnotationStore.for_store(alice).all()) == 4


def test_a_colleagues_note_on_text_that_is_not_here_is_kept_as_an_orphan(tmp_path: Path, explorer_store: Path) -> None:
    foreign = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://example.org/notes/1",
        "motivation": "commenting",
        "creator": {"type": "Person", "name": "Dana"},
        "body": {"type": "TextualBody", "value": "this paragraph was cut in the later version", "purpose": "commenting"},
        "target": {
            "source": "https://example.org/some-article",
            "selector": {"type": "TextQuoteSelector", "exact": "a sentence that no article here holds", "prefix": "", "suffix": ""},
        },
    }
    path = tmp_path / "dana.json"
    path.write_bytes(orjson.dumps(foreign))
    result = CliRunner().invoke(main, ["import", "--format", "webannotation", str(path), "--store", str(explorer_store)])
    assert result.exit_code == 0, result.output
    assert "imported 1 notes by Dana" in result.output and "1 kept as orphans" in result.output
    [kept] = AnnotationStore.for_store(explorer_store).all()
    assert kept["exact"] == "a sentence that no article here holds" and kept["note"] == "this paragraph was cut in the later version"
    exported = orjson.loads(invoke("export", "--format", "webannotation", "--store", str(explorer_store)))
    assert exported["items"][0]["backchannel:orphaned"] is True


@pytest.mark.parametrize("content", [b"not json", b"{}", b'{"type": "Annotation", "target": 3}', b"[1, 2]"])
def test_a_file_that_is_not_web_annotation_is_one_line(tmp_path: Path, explorer_store: Path, content: bytes) -> None:
    path = tmp_path / "odd.json"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["import", "--format", "webannotation", str(path), "--store", str(explorer_store)])
    assert "Traceback" not in result.output
    assert AnnotationStore.for_store(explorer_store).all() == []
    if result.exit_code == 0:
        assert "imported 0 notes" in result.output
    else:
        assert result.output.count("\n") == 1 and str(path) in result.output
