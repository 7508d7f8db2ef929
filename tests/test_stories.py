"""One story published several times (wire copies, updates): grouped at ingest, listed and counted once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store.db import Store, copy_store
from store.ingest import ingest
from store.quality.story_gold import apply_edits, load_story_pairs, score_story_pairs
from store.resolve.stories import copies_of, once_per_story
from tui.widgets.panes import HeaderBar, ItemList

from .conftest import WIKINEWS
from .explorer import explorer, settle
from .test_cli import run

pytestmark = pytest.mark.xdist_group(__name__)  # module fixtures built once: one process (Makefile)

GOLD = Path(__file__).resolve().parent / "gold"
NAVALNY = (WIKINEWS / "0036.txt").read_text(encoding="utf-8")
WIRE_COPY = [
    {"op": "headline", "text": "UPDATE 1-Germany: Navalny was poisoned with nerve agent"},
    {"op": "prefix_body", "text": "BERLIN (Wire Service) - "},
    {"op": "drop_paragraph", "index": -1},
]
UPDATE = [
    {"op": "append", "text": "On Monday the hospital said Navalny had been taken off a ventilator and was responsive to speech."},
    {"op": "append", "text": "The Kremlin again denied any involvement, a spokesman told reporters in Moscow on Monday."},
]


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Navalny article as Wikinews ran it, as a wire copy and as an update; and an unrelated article."""
    folder = tmp_path_factory.mktemp("stories")
    (folder / "original.txt").write_text(NAVALNY, encoding="utf-8")
    (folder / "wire.txt").write_text(apply_edits(NAVALNY, WIRE_COPY), encoding="utf-8")
    (folder / "update.txt").write_text(apply_edits(NAVALNY, UPDATE), encoding="utf-8")
    shutil.copy(WIKINEWS / "0005.txt", folder / "other.txt")
    store_path = folder / "store.json"
    ingest([folder], store_path, workers=1)
    return store_path


def by_name(store: Store) -> dict[str, dict]:
    return {Path(d["path"]).stem: d for d in store.documents.values()}


def test_versions_of_one_story_are_grouped_under_the_longest(stories: Path) -> None:
    docs = by_name(Store.open(stories))
    update = docs["update"]["id"]
    assert docs["original"]["story"] == docs["wire"]["story"] == docs["update"]["story"] == update
    assert "story" not in docs["other"]
    assert len(docs["update"]["text"]) > len(docs["original"]["text"]) > len(docs["wire"]["text"])


def test_a_story_counts_once_in_quotes_meetings_and_mentions(stories: Path) -> None:
    store = Store.open(stories)
    docs = by_name(store)
    once = once_per_story(store)
    update = docs["update"]["id"]
    assert {q["doc"] for q in once.quotes.values()} == {update, docs["other"]["id"]}
    assert len(once.quotes) == sum(1 for q in store.quotes.values() if q["doc"] in (update, docs["other"]["id"]))
    assert len(store.quotes) > len(once.quotes)
    navalny = next(a for a in once.actors.values() if a["name"].endswith("Navalny"))
    assert {m["doc"] for m in navalny["mentions"]} == {update}
    assert navalny["documents"] == 1
    assert copies_of(store.documents) == {
        update: sorted([docs["original"]["id"], docs["wire"]["id"]], key=lambda d: store.documents[d]["path"])
    }


def test_stats_counts_each_story_once_unless_asked(stories: Path) -> None:
    once = run("stats", "--store", str(stories))
    every = run("stats", "--store", str(stories), "--with-copies")
    assert once.exit_code == every.exit_code == 0
    assert "copies" in once.output and " 2 " in once.output.split("copies")[1].splitlines()[0] + " "
    quotes_once = int(once.output.split("│ quotes")[1].split("│")[1])
    quotes_every = int(every.output.split("│ quotes")[1].split("│")[1])
    assert quotes_every > quotes_once


def test_removing_the_longest_version_makes_the_next_one_the_story(tmp_path: Path, stories: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("original.txt", "wire.txt", "other.txt"):
        shutil.copy(stories.parent / name, folder / name)
    store_path = tmp_path / "s.json"
    ingest([folder], store_path, workers=1)
    docs = by_name(Store.open(store_path))
    assert docs["original"]["story"] == docs["wire"]["story"] == docs["original"]["id"]


async def test_the_documents_list_shows_a_story_once_and_c_lists_every_version(tmp_path: Path, stories: Path) -> None:
    path = tmp_path / "backchannel.json"
    copy_store(stories, path)
    async with explorer(path) as (app, pilot):
        documents = app.query_one("#documents", ItemList)
        assert documents.total == 2
        rows = [app.render_row(i).plain for i in documents._ids]
        assert any("×3" in row for row in rows), rows
        assert "2 documents (+2 copies)" in app.query_one(HeaderBar).summary
        quotes_once = app.query_one("#quotes", ItemList).total
        await pilot.press("C")
        await settle(pilot)
        assert documents.total == 4 and app.query_one("#quotes", ItemList).total > quotes_once
        assert "copies" not in app.query_one(HeaderBar).summary


@pytest.mark.parametrize("split", ["dev", "test"])
def test_near_duplicate_pairs_meet_their_targets(split: str) -> None:
    tp, fp, fn, errors = score_story_pairs([p for p in load_story_pairs(GOLD) if p.split == split])[split]
    assert tp / (tp + fp) >= 0.95 and tp / (tp + fn) >= 0.90, errors


def test_a_kept_signature_reads_back_as_the_same_signature() -> None:
    """Signatures are kept in the extraction records so that a re-ingest signs only new articles."""
    from store.resolve.near_duplicates import Signature, overlap, signature

    made = signature(NAVALNY)
    back = Signature.from_record(made.as_record())
    assert back is not None and list(back.values) == list(made.values)
    assert back.shingles == made.shingles and overlap(back, made) == 1.0
    assert Signature.from_record({"minhash": "not base64!", "shingles": 3}) is None


def test_a_copy_whose_story_is_gone_stands_alone(stories: Path) -> None:
    store = Store.open(stories)
    docs = by_name(store)
    del store.documents[docs["update"]["id"]]  # as a repair that dropped the canonical article would leave it
    once = once_per_story(store)
    assert docs["wire"]["id"] in {q["doc"] for q in once.quotes.values()}  # counted, not hidden behind a missing story
