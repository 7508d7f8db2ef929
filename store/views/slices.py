"""A slice of an archive: the articles of a date range or of some sources, and only what they hold.

An analyst working on one month, or one outlet, opens the archive for that
slice (`--since`, `--until`, `--source`); every list, count, network and
timeline then holds only what those articles say, and the header says which
slice is open. Undated articles are outside any date range. A source matches
an article's `source` (the outlet, a feed's title) or the start of its path
(a folder), without regard to case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.resolve.stories import said_in
from store.views.list_filters import build_filter, describe_range


@dataclass(frozen=True)
class Slice:
    since: str = ""  # ISO day
    until: str = ""  # ISO day
    sources: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.since or self.until or self.sources)

    def describe(self) -> str:
        """The slice in a few words, for the header: "2020-01-01 to 2020-12-31 · Wikinews"."""
        parts = [describe_range(self.since, self.until)] if self.since or self.until else []
        if self.sources:
            parts.append(" or ".join(self.sources))
        return " · ".join(parts)

    def holds(self, doc: dict[str, Any]) -> bool:
        day = doc.get("date") or ""
        if (self.since or self.until) and not day:
            return False
        if self.since and day < self.since:
            return False
        if self.until and day[:10] > self.until:
            return False
        if self.sources:
            source, path = str(doc.get("source") or "").casefold(), str(doc.get("path") or "").casefold()
            return any(s.casefold() == source or path.startswith(s.casefold()) for s in self.sources)
        return True


def make_slice(since: str = "", until: str = "", sources: tuple[str, ...] = ()) -> Slice:
    """A slice from what was typed (2019, 2019-07, 2019-07-24); InputError says what is wrong with a date."""
    dates = build_filter("documents", since=since, until=until)
    return Slice(dates.since, dates.until, tuple(s for s in sources if s.strip()))


def slice_of(store: Any, chosen: Slice) -> Any:
    """The store holding only the slice's articles and what they say; the store itself when no slice is asked for."""
    if not chosen.active:
        return store
    kept = {doc_id: doc for doc_id, doc in store.documents.items() if chosen.holds(doc)}
    view = said_in(store, set(kept))
    view.documents = kept
    return view
