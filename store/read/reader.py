"""Turning the paths a user names into articles, or into one clear line per file that cannot be one.

Accepted: `.txt` and `.md` files (the first line is the headline) and `.jsonl`
files with one article per line (`{"title", "text", "date", "url"}`), and saved
web pages (`.html`, `.htm`: their article only, store.web_page) and saved
feeds (`.rss`, `.atom`, `.xml`: an article per item, store.feeds), named
directly or found by walking folders. Text is decoded as UTF-8; a file that
is not UTF-8 is decoded as Windows-1252 (or Latin-1 where that fails) with a
warning, because that is what mis-saved news text almost always is. Newlines
are normalised to `\\n`; nothing else in the text is changed.
"""

from __future__ import annotations

import operator
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from store.errors import InputError
from store.read.feeds import FEED_SUFFIXES, read_feed
from store.read.front_matter import split_front_matter
from store.read.seen_files import RACY_NS, FileRead, SeenFiles, file_signature
from store.read.sidecar import SIDECAR_NAMES, Sidecar, load_sidecar, normalise_date
from store.read.web_page import WEB_SUFFIXES, read_web_page

ARTICLE_SUFFIXES = (".txt", ".md", ".jsonl", *WEB_SUFFIXES, *FEED_SUFFIXES)
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# A "line" longer than this is not prose (a minified dump, a base64 blob): the file is skipped.
DEFAULT_MAX_LINE = 200_000
# How many articles one ingest takes at most, so a wrong path (a whole disk) fails fast.
DEFAULT_MAX_DOCS = 200_000
BINARY_SNIFF = 8192
UNDATED_BY_SIDECAR = (".jsonl", *FEED_SUFFIXES)  # their records carry their own dates


@dataclass
class Article:
    """One article as read: its text is what every span will index into."""

    path: str
    text: str
    title: str
    has_headline: bool
    fmt: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReadReport:
    """What reading found: articles, plus one message per file that was skipped or decoded with a fallback."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files_seen: int = 0
    kept: int = 0  # files not read again: as an earlier ingest read them
    kept_docs: int = 0  # the documents they are
    kept_undated: int = 0  # of those, the undated
    folders: dict[str, Any] = field(default_factory=dict)  # folders walked whole: their metadata files (_Sidecars.walked)
    stale_folders: set[str] = field(default_factory=set)  # folders whose metadata files changed, not walked whole
    reads: list[tuple[str, FileRead, slice]] = field(default_factory=list)  # each file read: its key, the read, its articles


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_size(value: str) -> int:
    """'5MB', '500k', '1048576' -> bytes; used by --max-size."""
    text = value.strip().upper().removesuffix("B")
    factor = 1
    for suffix, mult in (("K", 1024), ("M", 1024**2), ("G", 1024**3)):
        if text.endswith(suffix):
            text, factor = text[:-1], mult
            break
    try:
        size = int(float(text) * factor)
    except ValueError:
        raise InputError(f"--max-size {value!r}: not a size; write it like 5MB, 500KB or 1048576") from None
    if size <= 0:
        raise InputError(f"--max-size {value!r}: must be more than zero")
    return size


def human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


class Found(NamedTuple):
    """A file to read, with what the walk already knows of it: worked out once per folder, not once per file."""

    path: str  # as the walk spelt it, for messages: under the folder as the user named it
    key: str  # its absolute path: the record of reads' key
    folder: str  # the folder it is in, spelt like `path`
    suffix: str  # lower case, with the dot
    named: Path  # the folder or file the user named


def iter_files(paths: list[Path], skipped: list[str] | None = None) -> Iterator[Found]:
    """Every file to read under `paths`; folders are walked in sorted order, depth first.

    Paths are strings: a folder of 100,000 articles found unchanged is looked at without building a Path each.

    Links found inside a folder are never followed, files or folders alike: a link planted in a folder of
    articles must not bring /etc/passwd into the store. Each is named in `skipped`. A path the user names
    directly may be a link: that is their choice. Metadata files (store.sidecar) are not articles.
    The walk keeps its own stack, so a folder nested a thousand deep is walked, not a RecursionError.
    """
    for path in paths:
        if not os.path.lexists(path):
            raise InputError(f"{path}: no such file or folder; check the path and run the command again")
        if path.is_dir():
            yield from _walk(path, skipped if skipped is not None else [])
        else:
            name = os.fspath(path)
            yield Found(name, os.path.abspath(name), os.path.dirname(name), os.path.splitext(name)[1].lower(), path)


def _walk(top: Path, skipped: list[str]) -> Iterator[Found]:
    stack = [top]
    by_name = operator.attrgetter("name")
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=by_name)
        except OSError as exc:
            skipped.append(f"{folder}: folder cannot be read ({exc.strerror}), skipped")
            continue
        spelt = os.fspath(folder)
        prefix = os.path.join(os.path.abspath(spelt), "")  # a key is this and the file's name, as abspath would give
        subfolders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            dot = name.rfind(".")  # os.path.splitext's answer for a name that does not start with a dot, inline
            suffix = name[dot:].lower() if dot > 0 else ""
            if entry.is_symlink():
                if entry.is_dir() or suffix in ARTICLE_SUFFIXES:
                    skipped.append(f"{Path(entry.path)}: a symbolic link inside a folder, not followed; name its target to read it")
                continue
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(Path(entry.path))
            elif suffix in ARTICLE_SUFFIXES and name not in SIDECAR_NAMES:
                yield Found(entry.path, prefix + name, spelt, suffix, top)
        stack.extend(reversed(subfolders))


BOMS = (  # longest first: a UTF-32-LE mark starts like a UTF-16-LE one
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(raw: bytes, path: Path, report: ReadReport) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for bom, codec in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)  # the codec reads the mark and drops it
            except UnicodeDecodeError as exc:
                report.skipped.append(
                    f"{path}: starts with a {codec.upper()} byte-order mark but is not {codec.upper()} (byte {exc.start}), skipped; re-save it as UTF-8"
                )
                return None
    head = raw[:BINARY_SNIFF]
    if b"\x00" in head:
        report.skipped.append(f"{path}: looks like a binary file (it has NUL bytes), skipped; give a .txt, .md, .jsonl or .html article")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        for encoding in ("cp1252", "latin-1"):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            report.warnings.append(
                f"{path}: not valid UTF-8 (byte {exc.start}), read as {encoding}; re-save it as UTF-8 if characters look wrong"
            )
            return text
    return None  # latin-1 decodes every byte string, so this is not reached


def read_paths(
    paths: list[Path],
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_line: int = DEFAULT_MAX_LINE,
    max_docs: int = DEFAULT_MAX_DOCS,
    seen: SeenFiles | None = None,
    redating: bool = False,
) -> ReadReport:
    """Read every article under `paths`; problems with single files are reported, not raised.

    With `seen` (what an earlier ingest read), a file found unchanged is not read: it goes to `kept`.
    `redating`: a date for undated articles was given, so an undated file is read again."""
    report = ReadReport()
    sidecars = _Sidecars(report.warnings, seen.folders if seen is not None else {})
    fresh_kept: list[tuple[str, Path]] = []  # kept without their metadata row looked up
    for name, key, folder, suffix, named in iter_files(paths, report.skipped):
        if len(report.articles) > max_docs:
            raise InputError(
                f"{', '.join(map(str, paths))}: more than {max_docs:,} articles; check the path, or raise the limit with --max-docs"
            )
        report.files_seen += 1
        dated_by_sidecar = suffix not in UNDATED_BY_SIDECAR
        held = seen.find(key) if seen is not None else None
        fresh = dated_by_sidecar and seen is not None and sidecars.fresh(folder, named)
        if held is not None and _kept(name, held, seen, sidecars, named, dated_by_sidecar and not fresh, redating, report):
            if fresh:
                fresh_kept.append((name, named))
            continue
        path = Path(name)
        direct = path == named
        if path.is_symlink() and not path.exists():
            report.skipped.append(f"{path}: a broken symbolic link, skipped")
            continue
        if not path.is_file():
            report.skipped.append(f"{path}: not a regular file (a folder, a pipe or a device), skipped")
            continue
        try:
            st = path.stat()
        except OSError as exc:
            report.skipped.append(f"{path}: cannot be read ({exc.strerror}), skipped")
            continue
        size = st.st_size
        if size > max_bytes:
            report.skipped.append(
                f"{path}: {human_size(size)} is over the {human_size(max_bytes)} limit, skipped; "
                f"raise it with --max-size if this file is really one article"
            )
            continue
        read_ns = time.time_ns()
        first = len(report.articles)
        try:
            before = path.stat()
            raw = path.read_bytes()
            after = path.stat()
        except PermissionError:
            report.skipped.append(f"{path}: permission denied, skipped; check the file's permissions")
            continue
        except OSError as exc:
            report.skipped.append(f"{path}: cannot be read ({exc.strerror}), skipped")
            continue
        if (before.st_mtime_ns, before.st_size) != (after.st_mtime_ns, after.st_size) or len(raw) != after.st_size:
            report.skipped.append(f"{path}: changed while it was being read, skipped; ingest it again once it is complete")
            continue
        text = decode(raw, path, report)
        if text is None:
            continue
        longest = 0 if suffix in WEB_SUFFIXES + FEED_SUFFIXES else max((len(line) for line in text.splitlines()), default=0)
        if longest > max_line:  # a web page's markup may be one long line: its article text is what counts
            report.skipped.append(
                f"{path}: a line of {longest:,} characters is over the {max_line:,} limit (not prose?), skipped; raise it with --max-line"
            )
            continue
        sidecar_meta: dict[str, Any] = {}
        if suffix == ".jsonl":
            report.articles.extend(_jsonl_articles(path, text, report))
        elif suffix in FEED_SUFFIXES:
            feed_articles(str(path), f"{path}:", text, report)
        elif suffix in WEB_SUFFIXES:
            sidecar_meta = _row(sidecars, name, named, seen if fresh else None, held)
            page_article(str(path), text, report, sidecar_meta)
        else:
            if suffix not in ARTICLE_SUFFIXES and direct:
                report.warnings.append(f"{path}: unknown extension {suffix or '(none)'}, read as plain text")
            front = split_front_matter(normalise_newlines(text), str(path))
            report.warnings.extend(front.warnings)
            article = text_article(path, front.body, "md" if suffix == ".md" else "txt")
            if article is None:
                report.skipped.append(f"{path}: empty (no text), skipped")
            else:
                # The article's own front matter speaks before a metadata file about it.
                sidecar_meta = _row(sidecars, name, named, seen if fresh else None, held)
                article.meta.update({**sidecar_meta, **front.meta})
                article.title = str(front.meta.get("title") or article.title)
                report.articles.append(article)
        if len(report.articles) > first:  # a file that gave no article is read again next time, to say why again
            report.reads.append((key, FileRead(file_signature(after), read_ns, sidecar_meta), slice(first, len(report.articles))))
    sidecars.mark_used(fresh_kept)
    sidecars.report_unused()
    report.folders, report.stale_folders = sidecars.settled()
    return report


def _kept(
    path: str, held: int, seen: SeenFiles, sidecars: _Sidecars, named: Path, look_up_row: bool, redating: bool, report: ReadReport
) -> bool:
    """A file an earlier ingest read, found as it was then: kept as read, not read again (one stat).

    `look_up_row`: its metadata files may have changed since, so its row is looked up and compared."""
    try:
        st = os.stat(path)
    except OSError:
        return False  # the checks that follow say what is wrong with it
    if not stat.S_ISREG(st.st_mode):
        return False
    if not seen.unchanged(held, st, sidecars.meta_for(path, named) if look_up_row else None, redating):
        return False
    report.kept += 1
    report.kept_docs += len(seen.docs[held])
    report.kept_undated += seen.undated[held]
    return True


def _row(sidecars: _Sidecars, path: str, named: Path, seen: SeenFiles | None, held: int | None) -> dict[str, Any]:
    """The metadata row of a file being read: as recorded, when its metadata files are as they were (`seen` given)."""
    if seen is not None and held is not None:
        row = seen.sidecar_of(held)
        if row is not None:
            return row
    return sidecars.meta_for(path, named)


class _Sidecars:
    """Metadata files found while reading, one per folder at most, looked up from an article's folder up to the named one."""

    def __init__(self, warnings: list[str], recorded: dict[str, Any]) -> None:
        self.warnings = warnings
        self.by_folder: dict[Path, Sidecar | None] = {}
        self.read_whole: set[Path] = set()  # folders read whole: only there does a row for a file not read mean a mistake
        self.chains: dict[tuple[str, Path], list[Sidecar]] = {}
        self.recorded = recorded  # the metadata files over each folder when an earlier ingest last walked it whole
        self.freshness: dict[tuple[str, Path], bool] = {}
        self.walked: dict[str, list[list[Any]]] = {}  # this walk's folders: their metadata files now
        self.stale: set[str] = set()

    def fresh(self, folder: str, named: Path) -> bool:
        """Whether the metadata files over this folder are the ones it was last walked whole with: then every row
        they give its files is the row recorded, and none needs looking up. Once per folder."""
        where = (folder, named)
        known = self.freshness.get(where)
        if known is None:
            folder = os.path.abspath(where[0])
            now = self._signature(where[0], named)
            known = self.freshness[where] = now is not None and self.recorded.get(folder) == now
            if named.is_dir():
                if now is not None:
                    self.walked[folder] = now
            elif not known:
                self.stale.add(folder)  # rows of its other files may have changed unseen
        return known

    def _signature(self, folder: str, named: Path) -> list[list[Any]] | None:
        """Every metadata file over `folder` up to the named one (path, size, times, inode); None while one of them
        was written in the last two seconds and may change within the clock's tick."""
        top = os.path.abspath(named if named.is_dir() else named.parent)
        current = os.path.abspath(folder)
        out: list[list[Any]] = []
        latest = time.time_ns() - RACY_NS
        while True:
            for name in SIDECAR_NAMES:
                try:
                    st = os.lstat(os.path.join(current, name))
                except OSError:
                    continue
                if st.st_mtime_ns > latest:
                    return None
                out.append([os.path.join(current, name), *file_signature(st)])
            parent = os.path.dirname(current)
            if current == top or parent == current:
                return out
            current = parent

    def settled(self) -> tuple[dict[str, list[list[Any]]], set[str]]:
        """The folders walked whole with the metadata files over them, and the folders no longer known to be: a
        metadata file read in another state than the one its folders were signed with (edited during the walk)
        leaves them unsigned."""
        loaded = {os.path.abspath(s.path): s.signature for s in self.by_folder.values() if s is not None}
        walked, stale = {}, set(self.stale)
        for folder, signature in self.walked.items():
            if all(loaded.get(entry[0], entry[1:]) == entry[1:] for entry in signature):
                walked[folder] = signature
            else:
                stale.add(folder)
        return walked, stale

    def mark_used(self, kept: list[tuple[str, Path]]) -> None:
        """Rows of files kept without a lookup are used all the same: once a metadata file was read for another
        file, its rows for these must not be reported as naming files that were not read."""
        if any(sidecar is not None for sidecar in self.by_folder.values()):
            for path, named in kept:
                self.meta_for(path, named)

    def meta_for(self, article: str | Path, named: Path) -> dict[str, Any]:
        where = (os.path.dirname(article), named)  # a string, and the one Path the user named (its hash is kept)
        chain = self.chains.get(where)
        if chain is None:  # once per folder: 100,000 files in one folder look their metadata files up once
            chain = self.chains[where] = self._chain(Path(where[0]), named)
        for sidecar in chain:
            meta = sidecar.meta_for(article)
            if meta is not None:
                return meta
        return {}

    def _chain(self, folder: Path, named: Path) -> list[Sidecar]:
        """The metadata files that speak for articles in `folder`, nearest first, up to the folder the user named."""
        walked = named.is_dir()
        top = named if walked else named.parent
        out = []
        while True:
            if folder not in self.by_folder:
                self.by_folder[folder] = load_sidecar(folder, self.warnings)
            sidecar = self.by_folder[folder]
            if walked:
                self.read_whole.add(folder)
            if sidecar is not None:
                out.append(sidecar)
            if folder == top or folder.parent == folder:
                return out
            folder = folder.parent

    def report_unused(self, shown: int = 10) -> None:
        lines = [
            f"{s.path}: a row names {key}, which was not read; check the name"
            for folder, s in self.by_folder.items()
            if s and folder in self.read_whole
            for key in s.unused()
        ]
        self.warnings.extend(lines[:shown])
        if len(lines) > shown:
            self.warnings.append(f"… and {len(lines) - shown} more metadata rows for files that were not read")


def feed_articles(name: str, item_prefix: str, text: str, report: ReadReport) -> None:
    """A feed's items as articles named `item_prefix` + their number, or one line saying why there are none."""
    feed = read_feed(text)
    if feed.problem:
        report.skipped.append(f"{name}: {feed.problem}, skipped; a feed is an RSS or Atom document with items")
        return
    for number, item in enumerate(feed.items, start=1):
        article = Article(path=f"{item_prefix}{number}", text=item.text, title=item.title, has_headline=True, fmt="feed")
        article.meta.update(item.meta)
        report.articles.append(article)


def page_article(name: str, text: str, report: ReadReport, meta: dict[str, Any]) -> None:
    """A web page's article (its own metadata over `meta`), or one line saying the page holds none."""
    page = read_web_page(text)
    if page is None:
        report.skipped.append(f"{name}: a web page with no article text in it (a menu, an index or an error page), skipped")
        return
    article = Article(path=name, text=page.text, title=page.title, has_headline=True, fmt="html")
    article.meta.update({**meta, **page.meta})
    report.articles.append(article)


def text_article(path: Path | str, text: str, fmt: str) -> Article | None:
    text = normalise_newlines(text)
    if not text.strip():
        return None
    first = next(line for line in text.split("\n") if line.strip())
    title = first.strip().lstrip("#").strip() if fmt == "md" else first.strip()
    return Article(path=str(path), text=text, title=title, has_headline=True, fmt=fmt)


def _jsonl_articles(path: Path, text: str, report: ReadReport) -> Iterator[Article]:
    for lineno, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            report.skipped.append(f"{where}: not valid JSON ({exc.msg}), line skipped; each line must be one JSON object")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            report.skipped.append(f'{where}: no "text" string, line skipped; each line needs {{"title", "text"}}')
            continue
        body = normalise_newlines(record["text"])
        if not body.strip():
            report.skipped.append(f"{where}: empty text, line skipped")
            continue
        title = record.get("title")
        has_headline = not isinstance(title, str) or not title.strip()
        if has_headline:
            title = next(line for line in body.split("\n") if line.strip()).strip()
        meta = {k: v for k, v in record.items() if k not in ("text", "title") and isinstance(v, (str, int, float, bool))}
        if "date" in meta:
            day = normalise_date(meta.pop("date"))
            if day is None:
                report.warnings.append(f"{where}: date {str(record['date'])[:40]!r} is not a date (YYYY-MM-DD); the article stays undated")
            else:
                meta.update(date=day, date_source="record")
        yield Article(path=where, text=body, title=title.strip(), has_headline=has_headline, fmt="jsonl", meta=meta)
