"""A re-ingest patches the stored tables where its change reaches, and the tables are the ones a full resolve makes.

Checked over random changes to the seed articles' real extraction records (store.resolve.patch), and through ingest:
one article edited and ingested again, with the full resolve made to fail so that the patch is what ran.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.db import Store, copy_store
from store.db.document_columns import field_values
from store.ingest import ingest
from store.resolve.patch import Change, patch_tables
from store.resolve.resolve import publisher_names, resolve, resolve_store

from .conftest import SEEDS


def publishers_of(store: Store) -> dict[str, set[str]]:
    attributions = dict(field_values(store.documents, "attribution"))
    return {
        doc_id: publisher_names({"attribution": attributions[doc_id], "url": url}) for doc_id, url in field_values(store.documents, "url")
    }


def plain(tables: tuple[dict, dict, dict]) -> tuple[dict, dict, dict]:
    """The tables as records (an actor's mentions read from the columns are a list like any other)."""
    actors, meetings, quotes = tables
    return ({k: {**a, "mentions": list(a["mentions"])} for k, a in actors.items()}, dict(meetings), dict(quotes.items()))


class Tables:
    """What patch_tables works on: a store's extraction records and its three derived tables."""

    def __init__(self, extractions: dict[str, Any], publishers: dict[str, set[str]]) -> None:
        self.extractions = extractions
        self.actors, self.meetings, self.quotes = resolve(extractions, publishers)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_patch_gives_the_tables_a_full_resolve_gives(seed_store: Store, data: st.DataObject) -> None:
    extractions, publishers = dict(seed_store.extractions), publishers_of(seed_store)
    ids = sorted(extractions)
    before = data.draw(st.sets(st.sampled_from(ids), min_size=len(ids) // 2))
    removed = data.draw(st.sets(st.sampled_from(sorted(before)), max_size=3))
    added = data.draw(st.sets(st.sampled_from([d for d in ids if d not in before] or ids), max_size=3)) - before
    tables = Tables({d: extractions[d] for d in sorted(before)}, publishers)
    for doc_id in removed:
        del tables.extractions[doc_id]
    tables.extractions.update({d: extractions[d] for d in added})
    change = Change({d: extractions[d] for d in removed}, {d: publishers[d] for d in removed}, added)
    if patch_tables(tables, change, publishers):
        assert plain((tables.actors, tables.meetings, tables.quotes)) == resolve(tables.extractions, publishers)


def test_an_article_that_moves_no_other_article_s_actor_is_patched_in(seed_store: Store) -> None:
    """The other articles' actors keep their ids when one article goes and comes back: patched, and exact."""
    extractions, publishers = dict(seed_store.extractions), publishers_of(seed_store)
    one = max(extractions, key=lambda d: len(extractions[d].get("quotes", [])))
    tables = Tables({d: e for d, e in extractions.items() if d != one}, publishers)
    tables.extractions[one] = extractions[one]
    assert patch_tables(tables, Change(added={one}), publishers)
    assert plain((tables.actors, tables.meetings, tables.quotes)) == resolve(tables.extractions, publishers)
    assert any(q["doc"] == one for q in tables.quotes.values())


def test_re_ingesting_an_edited_article_patches_the_stored_tables(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    path = tmp_path / "store.json"
    ingest([folder], path)
    article = folder / "000_b551b49508079964.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nThis article was corrected after publication.\n", encoding="utf-8")
    with patch("store.resolve.resolve.resolve", side_effect=AssertionError("a full resolve")):
        summary = ingest([folder], path)
    assert (summary.changed, summary.parsed) == (1, 1)
    store = Store.open(path)
    patched = plain((store.actors, store.meetings, store.quotes))
    resolve_store(store)  # no change given: resolved whole
    assert patched == plain((store.actors, store.meetings, store.quotes))
    assert any(store.text(q["doc"]).endswith("corrected after publication.\n") for q in store.quotes.values())


def test_tables_another_save_wrote_are_resolved_whole(seed_store: Store, tmp_path: Path) -> None:
    """A store saved by a version that does not stamp its tables (its `updated` moved, the stamp's did not)."""
    copy_store(seed_store.path, tmp_path / "store.json")
    store = Store.open(tmp_path / "store.json")
    assert store.meta["resolution"]["updated"] == store.meta["updated"]  # as the ingest that wrote it left it
    store.meta["updated"] = "2000-01-01T00:00:00+00:00"
    with patch("store.resolve.patch.patch_tables", side_effect=AssertionError("patched")):
        resolve_store(store, Change(added=set()))


def test_an_article_extracted_again_under_its_own_id_leaves_no_old_mention_behind(tmp_path: Path) -> None:
    """`--date` dates the undated seed article: same text, same id, extracted again (its old record is replaced)."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    path = tmp_path / "store.json"
    ingest([folder], path)
    summary = ingest([folder], path, default_date="2019-07-24")
    assert (summary.changed, summary.parsed) == (1, 1)
    store = Store.open(path)
    written = plain((store.actors, store.meetings, store.quotes))
    resolve_store(store)
    assert written == plain((store.actors, store.meetings, store.quotes))
