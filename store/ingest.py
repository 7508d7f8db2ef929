"""The one-time ingest: read articles, run the model on what is new or changed, store the result.

Order matters for "loses nothing": every input problem and a missing model
are found before the store is touched, the writer lock is held from reading
the store to writing it, and the store is written once, atomically, at the
end. An unchanged corpus is not written at all.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from store.db import Store, now_iso
from store.db.atomic import check_writable
from store.db.collector import collecting_new_objects, collector_paused
from store.db.document_columns import field_values
from store.db.lock import writer_lock
from store.db.schema import document_id, sha256_text
from store.errors import InputError, StoreError
from store.extract.analysis import EXTRACTOR_VERSION
from store.read.datelines import find_dateline
from store.read.fetch import DEFAULT_TIMEOUT, is_url, read_url
from store.read.layout import find_blocks
from store.read.reader import DEFAULT_MAX_BYTES, DEFAULT_MAX_DOCS, DEFAULT_MAX_LINE, Article, ReadReport, read_paths
from store.read.seen_files import SeenFiles, store_signature
from store.read.sidecar import normalise_date
from store.resolve.archive import is_archive
from store.resolve.near_duplicates import StoryChange, story_heads
from store.resolve.patch import Change
from store.resolve.resolve import publisher_names


class Progress(Protocol):
    def start(self, documents: int) -> None: ...

    def advance(self, documents: int, tokens: int) -> None: ...

    def finish(self) -> None: ...


@dataclass
class IngestSummary:
    files: int = 0
    files_kept: int = 0  # of `files`, those found as the last ingest left them: not read again
    articles: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    parsed: int = 0
    tokens: int = 0
    seconds: float = 0.0
    parse_seconds: float = 0.0
    workers: int = 1
    written: bool = False
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    actors: int = 0
    meetings: int = 0
    quotes: int = 0
    documents: int = 0
    undated: int = 0  # articles read without a date from any source
    copies: int | None = None  # articles that are another version of a stored story (None: not worked out, store unchanged)
    shards: int = 0  # in an archive: its shard files (the counts above add up over the shards written)


@collector_paused()  # what an ingest reads, opens and writes is not garbage (store.db.collector); the parse collects
def ingest(
    paths: list[Path],
    store_path: Path,
    workers: int = 1,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = 32,
    progress: Progress | None = None,
    max_line: int = DEFAULT_MAX_LINE,
    max_docs: int = DEFAULT_MAX_DOCS,
    engine: str = "local",
    address: str | None = None,
    default_date: str | None = None,
    urls: list[str] | tuple[str, ...] = (),
    timeout: float = DEFAULT_TIMEOUT,
    shards: bool = False,
) -> IngestSummary:
    """Ingest articles into the store; `engine="ray"` parses them on a Ray cluster (store.ray_engine), with the same result.

    With `shards` (or when `store_path` is a folder already), the store is an archive of one store per month."""
    started = time.perf_counter()
    archive = shards or is_archive(store_path)
    if archive:
        _check_archive(store_path)
    else:
        check_writable(store_path, "store")  # before the parse: a read-only store or folder is known at once
    seen = SeenFiles.load(_seen_path(store_path, archive), store_signature(_store_files(store_path, archive)), EXTRACTOR_VERSION)
    report = read_paths(paths, max_bytes=max_bytes, max_line=max_line, max_docs=max_docs, seen=seen, redating=default_date is not None)
    for url in urls:  # only the addresses the user named are fetched
        read_url(url, report, max_bytes, timeout)
    summary = IngestSummary(files=report.files_seen, files_kept=report.kept, skipped=report.skipped, warnings=report.warnings)
    if not report.articles and not report.kept:
        named = ", ".join([*map(str, paths), *urls])
        if report.skipped:
            reasons = "; ".join(report.skipped[:2]) + (f"; and {len(report.skipped) - 2} more" if len(report.skipped) > 2 else "")
            raise InputError(f"no readable article, the store was not changed: {reasons}")
        raise InputError(f"{named}: no articles found (.txt, .md, .jsonl, .html, .rss); the store was not changed")
    articles = _unique(report.articles)
    summary.articles = len(articles) + report.kept_docs
    summary.unchanged = report.kept_docs
    _date_articles(articles, default_date, summary)
    summary.undated = sum(1 for a in articles if "date" not in a.meta) + report.kept_undated
    run = _Run(workers, model, batch_size, progress, engine, address)
    if archive:
        _ingest_archive(store_path, articles, summary, run, consistent=len(seen) > 0)
    else:
        _ingest_into(store_path, articles, summary, run)
    _remember_reads(seen, report, _store_files(store_path, archive))
    summary.seconds = time.perf_counter() - started
    return summary


def _seen_path(store_path: Path, archive: bool) -> Path:
    """Where the record of the files read lives: beside a store file, inside an archive's folder."""
    return store_path / ".files.json" if archive else store_path.with_name(store_path.name + ".files")


def _store_files(store_path: Path, archive: bool) -> list[Path]:
    """The files whose state the record of reads is valid for: the store and its pack, or every shard."""
    from store.resolve.archive import shards

    if archive:
        return shards(store_path) if store_path.is_dir() else []
    return [store_path, store_path.with_name(store_path.name + ".pack")]


def _remember_reads(seen: SeenFiles, report: ReadReport, stores: list[Path]) -> None:
    """After the store is written: each file read, with the documents its articles are, and the folders walked whole
    with their metadata files, for the next ingest."""
    folders = {folder: files for folder, files in seen.folders.items() if folder not in report.stale_folders} | report.folders
    if not report.reads and folders == seen.folders:
        return
    for key, read, articles in report.reads:
        read.docs = [document_id(a.text) for a in report.articles[articles]]
        read.undated = sum(1 for a in report.articles[articles] if "date" not in a.meta)
        seen.record(key, read)
    seen.folders = folders
    seen.save(store_signature(stores))


@dataclass
class _Run:
    """How to parse: the same for every shard of one ingest."""

    workers: int
    model: str | None
    batch_size: int
    progress: Progress | None
    engine: str
    address: str | None


def _ingest_into(store_path: Path, articles: list[Article], summary: IngestSummary, run: _Run) -> None:
    """One store file: under its writer lock, parse what is new or changed and write the store once, at the end."""
    _ingest_stores({store_path: articles}, summary, run)


def _ingest_stores(groups: dict[Path, list[Article]], summary: IngestSummary, run: _Run) -> set[str]:
    """Several store files (an archive's shards) at once: each planned under its own lock, the model run once over
    every new or changed article of all of them, then each store written once. Returns the source keys of the
    articles read that their store already held."""
    with ExitStack() as locks:
        planned = []
        for path, group in groups.items():
            locks.enter_context(writer_lock(path))
            if not group:  # every file as an earlier ingest read it: the lists' tables give the counts
                store = Store.open(path, tables=("documents", "actors", "meetings", "quotes"))
                planned.append((store, [], _Plan({}, set())))
                continue
            store = Store.open(path, create=True)
            jobs, plan = _plan(store, group, summary)
            planned.append((store, jobs, plan))
        jobs = [job for _, store_jobs, _ in planned for job in store_jobs]
        model_name, results = _parse(jobs, summary, run, next(iter(groups))) if jobs else ("", {})
        for store, store_jobs, plan in planned:
            # What goes out, as it was: the older versions, and the articles extracted again under their own id.
            taken = _taken_out(store, plan.remove | (set(plan.new_documents) & set(store.extractions)))
            for job in store_jobs:
                store.extractions[job.doc_id] = {"doc": job.doc_id, "model": model_name, **results[job.doc_id]}
            if plan.changed_store:
                change = StoryChange(story_heads(store.documents), set(plan.new_documents), set(plan.remove))
                for doc_id in plan.remove:
                    store.documents.pop(doc_id, None)
                    store.extractions.pop(doc_id, None)
                store.documents.update(plan.new_documents)
                taken.added = {doc_id for doc_id in plan.new_documents if doc_id in store.extractions}
                _resolve_and_save(store, summary, change, taken)
            _update_search_index(store, summary)
            summary.documents += len(store.documents)
            summary.actors += len(store.actors)
            summary.meetings += len(store.meetings)
            summary.quotes += len(store.quotes)
    return {key for _, _, plan in planned for key in plan.held}


def _parse(jobs: list, summary: IngestSummary, run: _Run, store_path: Path) -> tuple[str, dict[str, dict]]:
    """Run the model over the jobs, here or on Ray; a missing model fails before anything is written."""
    from store.extract.nlp import resolve_model
    from store.extract.pipeline import analyse_jobs, plan_workers

    model_name = resolve_model(run.model)
    summary.workers = run.workers if run.engine == "ray" else plan_workers(jobs, run.workers)
    progress = run.progress
    if progress:
        progress.start(len(jobs))
    parse_started = time.perf_counter()

    def on_progress(docs: int, tokens: int) -> None:
        summary.tokens += tokens
        if progress:
            progress.advance(docs, tokens)

    if run.engine == "ray":
        from store.extract.ray_engine import analyse_with_ray

        log = store_path.with_name(store_path.name + ".ray.log")
        stream = analyse_with_ray(jobs, model_name, run.address, run.workers, run.batch_size, on_progress, log)
    else:
        stream = analyse_jobs(jobs, model_name, workers=run.workers, batch_size=run.batch_size, progress=on_progress)
    with collecting_new_objects():
        results = dict(stream)
    summary.parse_seconds += time.perf_counter() - parse_started
    summary.parsed += len(results)
    if progress:
        progress.finish()
    return model_name, results


def _taken_out(store: Store, doc_ids: Iterable[str]) -> Change:
    """The extraction records and publishers of the documents an ingest is about to take out: what the resolution
    patches the tables with (store.resolve.patch)."""
    change = Change()
    for doc_id in doc_ids:
        if doc_id in store.extractions and doc_id in store.documents:
            change.removed[doc_id] = store.extractions[doc_id]
            change.removed_publishers[doc_id] = publisher_names(store.documents[doc_id])
    return change


def _resolve_and_save(store: Store, summary: IngestSummary, change: StoryChange, taken: Change | None = None) -> None:
    from store.resolve.near_duplicates import assign_stories
    from store.resolve.resolve import resolve_store

    resolve_store(store, taken)
    copies = assign_stories(store, change)
    summary.copies = copies + (summary.copies or 0)
    store.save()
    summary.written = True


def _ingest_archive(archive: Path, articles: list[Article], summary: IngestSummary, run: _Run, consistent: bool) -> None:
    """An archive: each article into the shard of its month, each shard under its own lock, the model run once.

    An article whose date moved it to another month leaves its old shard once its new one is written: a failed
    parse changes no shard, and a crash in between leaves it in two months, never in none. `consistent`: the
    record of reads was made by the ingest that wrote these shards, so no article is in two of them: one its own
    month's shard held is in no other, and the other shards are not opened to look for it."""
    from store.resolve.archive import shard_of, shard_path, shards

    archive.mkdir(exist_ok=True)
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(shard_of(article.meta.get("date")), []).append(article)
    wanted = {source_key(a.path, a.fmt): shard for shard, group in groups.items() for a in group}
    held = _ingest_stores({shard_path(archive, shard): group for shard, group in sorted(groups.items())}, summary, run)
    if consistent:
        wanted = {key: shard for key, shard in wanted.items() if key not in held}
    for path in shards(archive):
        _drop_moved(path, {key for key, shard in wanted.items() if shard != path.stem})
    summary.shards = len(shards(archive))


def _check_archive(archive: Path) -> None:
    """An archive is a folder: one that is a file, or sits in a folder that is not there or not writable, is one line."""
    from store.resolve.archive import shards

    if archive.exists() and not archive.is_dir():
        raise InputError(f"{archive}: a store file, not a folder; --shards writes an archive into a folder (name a new one)")
    if archive.is_dir() and not shards(archive) and any(archive.iterdir()):
        raise InputError(f"{archive}: a folder holding other files, not an archive; name a new folder with --shards month, or a store file")
    check_writable(archive / "undated.json" if archive.is_dir() else archive, "archive")


def _drop_moved(path: Path, keys: set[str]) -> None:
    """Take out of one shard the articles that now belong in another."""
    if not keys:
        return
    with writer_lock(path):
        listed = Store.open(path, tables=("documents",))  # the documents alone say whether this shard is touched
        gone = [doc_id for key, doc_id in _ids_by_key(listed.documents).items() if key in keys]
        if not gone:
            return
        store = Store.open(path)
        change = StoryChange(story_heads(store.documents), set(), set(gone))
        taken = _taken_out(store, gone)
        for doc_id in gone:
            store.documents.pop(doc_id)
            store.extractions.pop(doc_id, None)
        _resolve_and_save(store, IngestSummary(), change, taken)


def _update_search_index(store: Store, summary: IngestSummary) -> None:
    """Keep the full-text index beside the store in step with it; a failure here costs search, never the ingest."""
    from store.views.fulltext import FullTextIndex

    index = FullTextIndex(store.path)
    if not index.stale(store.documents):
        return
    try:
        index.sync(store.documents)
    except StoreError as exc:
        summary.warnings.append(f"{exc}; `backchannel search` builds it when it can")


def _date_articles(articles: list[Article], default_date: str | None, summary: IngestSummary) -> None:
    """Date what its record, front matter or metadata file left undated: by a dateline in its text, then by --date."""
    day = None
    if default_date is not None:
        day = normalise_date(default_date)
        if day is None:
            raise InputError(f"--date {default_date!r}: not a date; write it as YYYY-MM-DD; the store was not changed")
    for article in articles:
        if "date" in article.meta:
            continue
        line = find_dateline(article.text)
        if line is not None and line.date is not None:
            article.meta.update(date=line.date, date_source="dateline")
        elif day is not None:
            article.meta.update(date=day, date_source="command line")
        elif line is not None:
            summary.warnings.append(
                f"{article.path}: the dateline {line.line!r} gives no year, so the article stays undated; date it with --date or a metadata file"
            )


def source_key(path: str, fmt: str) -> str:
    """Where an article comes from, whatever way the user named it: `a/x.txt`, `/abs/a/x.txt` and a link to it are one
    file, so a changed version replaces the old one instead of standing beside it. A .jsonl line keeps its ':N'; an
    address (`https://…`, or a fetched feed's item `https://…#N`) is its own key."""
    if is_url(path):
        return path
    if fmt in ("jsonl", "feed") and ":" in path:
        file, line = path.rsplit(":", 1)
        return f"{os.path.realpath(file)}:{line}"
    return os.path.realpath(path)


def _ids_by_key(documents: dict[str, dict]) -> dict[str, str]:
    """Each stored document's id by its source key, off the columns (not 100,000 records built to plan one article)."""
    paths = dict(field_values(documents, "path"))
    formats = dict(field_values(documents, "format"))
    return {key or source_key(paths[doc_id], formats[doc_id] or "txt"): doc_id for doc_id, key in field_values(documents, "key")}


def _unique(articles: list[Article]) -> list[Article]:
    """The same text twice in one run is one document: the first path wins, and what it does not say about the
    text (a date, a URL) the other copies may."""
    seen: dict[str, Article] = {}
    out = []
    for article in articles:
        key = document_id(article.text)
        first = seen.get(key)
        if first is None:
            seen[key] = article
            out.append(article)
        else:
            for field_name, value in article.meta.items():
                first.meta.setdefault(field_name, value)
    return out


@dataclass
class _Plan:
    new_documents: dict[str, dict]
    remove: set[str]
    held: set[str] = field(default_factory=set)  # source keys of the articles read that this store already held

    @property
    def changed_store(self) -> bool:
        return bool(self.new_documents or self.remove)


def _plan(store: Store, articles: list[Article], summary: IngestSummary) -> tuple[list, _Plan]:
    """Decide per article: unchanged (skip), new, or a changed version of a stored path (replace)."""
    from store.extract.pipeline import Job

    by_path = _ids_by_key(store.documents)
    jobs: list[Job] = []
    new_documents: dict[str, dict] = {}
    remove: set[str] = set()
    held: set[str] = set()
    for article in articles:
        doc_id = document_id(article.text)
        key = source_key(article.path, article.fmt)
        previous = by_path.get(key)
        if previous is not None:
            held.add(key)
        extraction = store.extractions.get(doc_id)
        same_date = store.documents.get(doc_id, {}).get("date") == article.meta.get("date")
        if doc_id in store.documents and extraction and extraction.get("extractor") == EXTRACTOR_VERSION and same_date:
            summary.unchanged += 1
            continue
        if previous is not None and previous != doc_id:
            remove.add(previous)
            summary.changed += 1
        elif doc_id in store.documents:
            summary.changed += 1  # same text, extracted by older rules or newly dated: extract again
        else:
            summary.added += 1
        blocks = find_blocks(article.text, article.has_headline)
        record = {
            "id": doc_id,
            "path": article.path,
            "key": key,
            "title": article.title,
            "text": article.text,
            "sha256": sha256_text(article.text),
            "ingested_at": now_iso(),
            "format": article.fmt,
            "blocks": [b.as_record() for b in blocks],
            **{
                k: v
                for k, v in article.meta.items()
                if k in ("date", "date_source", "url", "license", "attribution", "source", "author", "credits")
            },
        }
        new_documents[doc_id] = record
        jobs.append(Job(doc_id, article.text, blocks, article.meta.get("date") if isinstance(article.meta.get("date"), str) else None))
    summary.removed = len(remove - set(new_documents))
    return jobs, _Plan(new_documents, remove - set(new_documents), held)
