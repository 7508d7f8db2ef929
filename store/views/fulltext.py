"""Full-text search of the articles themselves: a tantivy index kept beside the store.

The store holds the text; the index (`<store>.search/`) holds only what finds it
again: each article's words, its title and its id. A manifest records which
version of which article the index holds, so an index that missed an ingest (a
crash between the two, a store made before search existed) is brought up to date
by a diff before it is searched, and a damaged one is rebuilt — it is derived
data, never the user's. What a query means and where an article answers it is
store.views.text_query's; here it becomes a tantivy query.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import tantivy

from store.db.atomic import atomic_write
from store.db.document_columns import field_values
from store.db.lock import writer_lock
from store.errors import StoreError, StoreLocked
from store.views.text_query import WORD_ANALYZER, Clause, ParsedQuery, Passage, find_passage, parse_query

INDEX_SUFFIX = ".search"
INDEX_FORMAT = 1  # bump when the schema or the folding changes: the index is rebuilt
ANALYZER = "backchannel_words"
WRITER_HEAP = 64_000_000


def index_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + INDEX_SUFFIX)


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("doc", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", tokenizer_name=ANALYZER)
    builder.add_text_field("text", tokenizer_name=ANALYZER)
    return builder.build()


def _clause_query(schema: tantivy.Schema, clause: Clause, name: str) -> tantivy.Query:
    terms = list(clause.terms)
    if clause.prefix:
        if len(terms) == 1:
            return tantivy.Query.regex_query(schema, name, re.escape(terms[0]) + ".*")
        *whole, last = terms  # a regex phrase: tantivy's phrase-prefix query stops at 50 expansions
        return tantivy.Query.regex_phrase_query(schema, name, [re.escape(t) for t in whole] + [re.escape(last) + ".*"])
    if len(terms) == 1:
        return tantivy.Query.term_query(schema, name, terms[0])
    return tantivy.Query.phrase_query(schema, name, terms)


def _either_field(schema: tantivy.Schema, clause: Clause) -> tantivy.Query:
    """A clause found in the text or the title; a title hit counts double."""
    in_text = _clause_query(schema, clause, "text")
    in_title = tantivy.Query.boost_query(_clause_query(schema, clause, "title"), 2.0)
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, in_text), (tantivy.Occur.Should, in_title)])


def _to_tantivy(schema: tantivy.Schema, parsed: ParsedQuery) -> tantivy.Query:
    parts: list[tuple[Any, tantivy.Query]] = []
    for group in parsed.groups:
        alternatives = [(tantivy.Occur.Should, _either_field(schema, c)) for c in group]
        parts.append((tantivy.Occur.Must, tantivy.Query.boolean_query(alternatives)))
    if not parts:
        parts.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    parts.extend((tantivy.Occur.MustNot, _either_field(schema, c)) for c in parsed.excluded)
    return tantivy.Query.boolean_query(parts)


# -- the index -------------------------------------------------------------------------------------------------------

MANIFEST = "backchannel-manifest.json"


@dataclass
class SyncResult:
    added: int = 0
    removed: int = 0
    rebuilt: bool = False


def _fingerprint(doc: dict[str, Any]) -> str:
    """What the index holds of a document besides its id (which is its text's hash)."""
    return _title_fingerprint(doc.get("title"))


def _title_fingerprint(title: Any) -> str:
    return "" if title is None else str(title)


class FullTextIndex:
    """The index of one store's articles: opened, searched, and brought up to date with the store."""

    def __init__(self, store_path: Path | None) -> None:
        """The index beside `store_path`; with None, an empty index in memory (for a store whose folder is read-only)."""
        self.path = index_path(store_path) if store_path else None
        self.manifest = self._read_manifest() if self.path else {}
        self.index: tantivy.Index | None = None
        if self.manifest is not None:
            try:
                self.index = self._open()
            except (ValueError, OSError):
                self.manifest = None  # damaged: the next sync rebuilds it

    def _read_manifest(self) -> dict[str, str] | None:
        assert self.path is not None
        try:
            raw = orjson.loads((self.path / MANIFEST).read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None
        if not isinstance(raw, dict) or raw.get("format") != INDEX_FORMAT or not isinstance(raw.get("documents"), dict):
            return None
        return raw["documents"]

    def _open(self) -> tantivy.Index:
        index = tantivy.Index(_schema(), path=str(self.path) if self.path else None, reuse=True)
        index.register_tokenizer(ANALYZER, WORD_ANALYZER)
        return index

    def stale(self, documents: dict[str, dict[str, Any]]) -> bool:
        """True when the index does not hold exactly these documents."""
        if self.manifest is None or self.index is None or len(self.manifest) != len(documents):
            return True
        # Off the title column: a check after every ingest must not build 100,000 document records.
        return any(self.manifest.get(doc_id) != _title_fingerprint(title) for doc_id, title in field_values(documents, "title"))

    def sync(self, documents: dict[str, dict[str, Any]]) -> SyncResult:
        """Make the index hold exactly `documents`; the caller holds the store's writer lock."""
        result = SyncResult()
        if self.path and (self.manifest is None or self.index is None):
            shutil.rmtree(self.path, ignore_errors=True)  # derived data, rebuilt whole
            result.rebuilt = True
            self.manifest = {}
        try:
            if self.path:
                self.path.mkdir(parents=True, exist_ok=True)
            self.index = self.index or self._open()
            held = self.manifest
            gone = [d for d in held if d not in documents or held[d] != _fingerprint(documents[d])]
            new = [d for d in documents if held.get(d) != _fingerprint(documents[d])]
            if gone or new:
                writer = self.index.writer(WRITER_HEAP, 1)
                for doc_id in gone:
                    writer.delete_documents_by_term("doc", doc_id)
                for doc_id in new:
                    doc = documents[doc_id]
                    writer.add_document(tantivy.Document(doc=doc_id, title=str(doc.get("title", "")), text=doc["text"]))
                writer.commit()
                writer.wait_merging_threads()
                self.index.reload()
            self.manifest = {doc_id: _fingerprint(doc) for doc_id, doc in documents.items()}
            if self.path:
                atomic_write(self.path / MANIFEST, orjson.dumps({"format": INDEX_FORMAT, "documents": self.manifest}))
        except (ValueError, OSError) as exc:
            raise StoreError(f"{self.path}: the search index could not be updated ({exc}); the store itself is unchanged") from exc
        result.added, result.removed = len(new), len(set(gone) - set(new))
        return result

    def search(self, query: str | ParsedQuery, limit: int = 20) -> tuple[int, list[tuple[str, float]]]:
        """(how many articles match, the best `limit` of them as (document id, score))."""
        parsed = parse_query(query) if isinstance(query, str) else query
        if self.index is None or parsed.empty:
            return 0, []
        schema = self.index.schema
        searcher = self.index.searcher()
        result = searcher.search(_to_tantivy(schema, parsed), limit, count=True)
        hits = [(searcher.doc(address)["doc"][0], score) for score, address in result.hits]
        return result.count or 0, hits


def open_index(store_path: Path, documents: dict[str, dict[str, Any]]) -> tuple[FullTextIndex, str | None]:
    """The store's index, brought up to date if it missed a change; a note for the user when it could not be.

    Another writer (an ingest) holding the store means the index is used as it is:
    that ingest brings it up to date when it finishes. A folder the index cannot be
    written in gets an index built in memory for this search.
    """
    index = FullTextIndex(store_path)
    if not index.stale(documents):
        return index, None
    try:
        with writer_lock(store_path):
            index.sync(documents)
        return index, None
    except StoreLocked:
        if index.index is not None:
            return index, "an ingest is writing this store: searched the articles indexed before it began"
        note = "an ingest is writing this store and its search index is not built yet"
    except StoreError as exc:
        note = f"{exc}; searched an index built in memory instead"
    memory = FullTextIndex(None)
    memory.sync(documents)
    return memory, note


@dataclass(frozen=True)
class TextHit:
    doc_id: str
    score: float
    passage: Passage


def search_documents(index: FullTextIndex, documents: dict[str, dict[str, Any]], query: str, limit: int = 20) -> tuple[int, list[TextHit]]:
    """How many articles match, and the best `limit` with the passage that shows why."""
    parsed = parse_query(query)
    total, ranked = index.search(parsed, limit)
    hits = [TextHit(doc_id, score, find_passage(documents[doc_id]["text"], parsed)) for doc_id, score in ranked if doc_id in documents]
    return total, hits
