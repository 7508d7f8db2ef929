"""The ingest progress bar and summary table, drawn with Rich on stderr."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from store.ingest import IngestSummary


class RichProgress:
    """Documents done, tokens per second and time left, as the pipeline reports them."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.tokens = 0
        self.progress = Progress(
            TextColumn("[bold]parsing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("docs"),
            TextColumn("{task.fields[rate]} tokens/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task = None

    def start(self, documents: int) -> None:
        self.progress.start()
        self.task = self.progress.add_task("parse", total=documents, rate="-")

    def advance(self, documents: int, tokens: int) -> None:
        self.tokens += tokens
        elapsed = self.progress.tasks[0].elapsed or 0.0
        rate = f"{self.tokens / elapsed:,.0f}" if elapsed > 0 else "-"
        self.progress.update(self.task, advance=documents, rate=rate)

    def finish(self) -> None:
        self.progress.stop()


def _files_read(summary: IngestSummary) -> str:
    if not summary.files_kept:
        return str(summary.files)
    return f"{summary.files - summary.files_kept} of {summary.files}; {summary.files_kept} unchanged since the last ingest, not read again"


def summary_table(summary: IngestSummary, store_path: str) -> Table:
    table = Table(title=f"ingest → {store_path}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    rate = f"{summary.tokens / summary.parse_seconds:,.0f}" if summary.parse_seconds else "-"
    rows = [
        ("files read", _files_read(summary)),
        ("articles", summary.articles),
        ("new", summary.added),
        ("changed", summary.changed),
        ("unchanged (skipped)", summary.unchanged),
        ("removed", summary.removed),
        ("skipped files", len(summary.skipped)),
        ("parsed", f"{summary.parsed} docs, {summary.tokens:,} tokens, {rate} tokens/s, {summary.workers} worker(s)"),
        ("store", f"{summary.documents} documents, {summary.actors} actors, {summary.meetings} meetings, {summary.quotes} quotes"),
        ("time", f"{summary.seconds:.1f} s" + ("" if summary.written else " (store unchanged, not written)")),
    ]
    if summary.shards:  # an archive: counts per shard would count an actor once per month, so give the archive's shape
        rows[-2] = ("archive", f"{summary.shards} shards (one per month); the shards read hold {summary.documents} documents")
    if summary.copies:
        rows.insert(-1, ("copies", f"{summary.copies} articles are another version of a story (wire copies, updates); counted once"))
    for key, value in rows:
        table.add_row(key, str(value))
    return table
