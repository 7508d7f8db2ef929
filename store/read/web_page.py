"""A saved web page (.html, .htm) as an article: its main text, title, author, date and address, without the page.

trafilatura finds the article in the page and leaves out what a reader skips:
navigation, adverts, comments, related links, footers. The stored text is
the headline, a blank line, then the article's paragraphs separated by blank
lines; every offset indexes into that text, as for a .txt article. The date
is the one the page's markup gives (its metadata, structured data, the
address), never one from the story: htmldate's search of the free text is
turned off. The page's own address (canonical link or og:url) is kept as the
document's `url`; the file stays its `path`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from store.read.sidecar import normalise_date

WEB_SUFFIXES = (".html", ".htm")
MIN_WORDS = 15  # fewer words of article text than the shortest news brief
# A wire story's closing credit line, kept as the document's `credits` rather than as story text.
CREDITS = re.compile(r"^\(?(?:Additional )?(?:Reporting|Writing|Editing|Compiled|Produced)(?: and \w+)? by\b.{0,300}$", re.IGNORECASE)


@dataclass
class WebArticle:
    title: str
    text: str  # headline, blank line, paragraphs separated by blank lines
    meta: dict[str, Any]


def read_web_page(html: str) -> WebArticle | None:
    """The article in a page, or None when the page holds no article text (a menu, an index, an error page)."""
    import trafilatura  # only when a page is read: the explorer and plain-text ingests never pay for it
    from trafilatura.settings import set_date_params

    found = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=set_date_params(extensive=False),  # the markup's date only, not one found in the story
    )
    if found is None:
        return None
    record = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    lines = [line.strip() for line in (record.get("text") or "").split("\n") if line.strip()]
    title = (record.get("title") or "").strip()
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the page repeats its headline as the article's first line
    meta: dict[str, Any] = {}
    while lines and CREDITS.match(lines[-1]):  # "Reporting by …; Editing by …": who wrote it, not what it says
        meta["credits"] = lines.pop() + ("; " + meta["credits"] if "credits" in meta else "")
    if sum(len(line.split()) for line in lines) < MIN_WORDS:
        return None  # what is left of a menu, an index or an error page once the furniture is gone
    title = title or lines[0]
    day = normalise_date(record.get("date"))
    if day:
        meta.update(date=day, date_source="web page")
    for key in ("url", "author"):
        if isinstance(record.get(key), str) and record[key].strip():
            meta[key] = record[key].strip()
    if record.get("sitename"):
        meta["source"] = str(record["sitename"]).strip()
    return WebArticle(title, title + "\n\n" + "\n\n".join(lines) + "\n", meta)
