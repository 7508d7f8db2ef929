"""A saved news feed (.rss, .atom, or an .xml feed) as articles: one per item, with its title, date, link and text.

feedparser reads RSS and Atom alike. An item's text is its full content when
the feed carries it (`content:encoded`, Atom `content`), else its summary;
markup is taken out with lxml (a dependency of trafilatura), paragraphs kept.
The stored text is the item's title, a blank line and its paragraphs, as for
a web page. Its date is the item's own published (or updated) date; the link
is kept as the document's `url`, and the feed's title as its `source`.
Nothing is fetched: a feed here is a file the user saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

FEED_SUFFIXES = (".rss", ".atom", ".xml")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|section|article)\b[^>]*>", re.IGNORECASE)


@dataclass
class FeedItem:
    title: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Feed:
    items: list[FeedItem]
    problem: str | None = None  # why nothing could be read, for the one line the user sees


def read_feed(raw: str) -> Feed:
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.entries:
        why = "not an RSS or Atom feed" if parsed.get("bozo") else "a feed with no items"
        return Feed([], why)
    source = (parsed.feed.get("title") or "").strip()
    items = [item for entry in parsed.entries if (item := _item(entry, source)) is not None]
    return Feed(items, None if items else "a feed whose items have no text")


def _item(entry: Any, source: str) -> FeedItem | None:
    content = entry.get("content") or []
    body = content[0].get("value", "") if content else entry.get("summary", "")
    paragraphs = _paragraphs(body)
    title = _paragraphs(entry.get("title", ""))
    headline = title[0] if title else (paragraphs[0] if paragraphs else "")
    if not paragraphs or not headline:
        return None
    meta: dict[str, Any] = {}
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    if when:
        meta.update(date=f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}", date_source="feed")
    if entry.get("link"):
        meta["url"] = entry["link"]
    if entry.get("author"):
        meta["author"] = entry["author"]
    if source:
        meta["source"] = source
    return FeedItem(headline, headline + "\n\n" + "\n\n".join(paragraphs) + "\n", meta)


def _paragraphs(markup: str) -> list[str]:
    """Text of an HTML fragment, one entry per paragraph; plain text passes through."""
    if "<" not in markup:
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", markup) if p.strip()]
    from lxml import html as lxml_html

    marked = _BLOCK.sub("\n\n", markup)
    text = lxml_html.fromstring(f"<div>{marked}</div>").text_content()
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
