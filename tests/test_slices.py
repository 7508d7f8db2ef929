"""A slice of the archive: the articles of a date range or a source, and only what they hold, said in the header."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.db import Store, copy_store
from store.errors import InputError
from store.views.slices import Slice, make_slice, slice_of
from tui.app import BackchannelApp
from tui.widgets.panes import HeaderBar, ItemList

from .explorer import ready
from .test_cli import run


def test_a_slice_holds_the_articles_of_its_range_and_what_they_say(seed_store: Store) -> None:
    dated = sorted(d["date"] for d in seed_store.documents.values() if d.get("date"))
    assert len(dated) >= 4, "the seed articles have dates to cut by"
    middle = dated[len(dated) // 2][:7]  # a month with at least one article
    cut = slice_of(seed_store, make_slice(since=middle, until=middle))
    assert cut.documents and all(d["date"][:7] == middle for d in cut.documents.values())
    assert all(q["doc"] in cut.documents for q in cut.quotes.values())
    assert all(m["doc"] in cut.documents for a in cut.actors.values() for m in a["mentions"])
    assert len(cut.quotes) == sum(1 for q in seed_store.quotes.values() if q["doc"] in cut.documents)
    assert slice_of(seed_store, Slice()) is seed_store


def test_a_source_is_an_outlet_or_a_folder(seed_store: Store) -> None:
    by_folder = slice_of(seed_store, make_slice(sources=("SEEDS/000",)))  # the start of a path, any case
    assert [d["path"] for d in by_folder.documents.values()] == ["seeds/000_b551b49508079964.txt"]
    assert make_slice(since="2019", until="2019-07").describe() == "2019-01-01 to 2019-07-31"
    with pytest.raises(InputError):
        make_slice(since="last year")


def test_stats_of_a_slice(seed_store: Store) -> None:
    whole = run("stats", "--store", str(seed_store.path))
    cut = run("stats", "--store", str(seed_store.path), "--source", "seeds/000")
    assert whole.exit_code == cut.exit_code == 0
    documents = int(cut.output.split("│ documents")[1].split("│")[1])
    assert documents == 1 and "1 documents" not in whole.output
    bad = run("stats", "--store", str(seed_store.path), "--since", "yesterday")
    assert bad.exit_code != 0 and "is not a date" in bad.output and "Traceback" not in bad.output


async def test_the_explorer_opens_a_slice_and_says_so(tmp_path: Path, seed_store: Store) -> None:
    path = tmp_path / "backchannel.json"
    copy_store(seed_store.path, path)
    app = BackchannelApp(path, make_slice(sources=("seeds/000",)))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.query_one("#documents", ItemList).total == 1
        assert app.query_one(HeaderBar).summary.startswith("slice seeds/000 · 1 documents")
