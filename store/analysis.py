"""One parsed document in, its extraction record out: actors, quotes and meetings with local actor keys.

This is what a worker process returns, so it is plain data (small to pickle).
Local keys ("L0", "L1", …) are resolved to corpus-wide actor ids by store.resolve.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from .actors import extract_actors
from .layout import Block
from .meetings import extract_meetings
from .quotes import extract_quotes

# Bump when extraction rules change: documents extracted by an older version
# are parsed again on the next ingest instead of being skipped as unchanged.
EXTRACTOR_VERSION = 6


def analyse(doc: Doc, blocks: list[Block], doc_date: str | None = None) -> dict[str, Any]:
    actors = extract_actors(doc, blocks)
    quotes = extract_quotes(doc, blocks, actors)
    meetings = extract_meetings(doc, blocks, actors, doc_date)
    return {
        "extractor": EXTRACTOR_VERSION,
        "tokens": len(doc),
        "actors": [a.as_record() for a in actors],
        "quotes": [q.as_record() for q in quotes],
        "meetings": [m.as_record() for m in meetings],
    }
