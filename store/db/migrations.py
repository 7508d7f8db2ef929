"""Store schema migrations: MIGRATIONS[n] turns a version-n store (the raw TinyDB dict) into version n+1.

Store.open applies them in order to an older store, after copying it to
`<store>.v<n>.bak`, and writes the result in today's layout.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _records_unchanged(data: dict[str, Any]) -> dict[str, Any]:
    """1 → 2 moved texts and extractions into the pack: the records are the same, the save after migrating moves them."""
    return data


def _to_columns(data: dict[str, Any]) -> dict[str, Any]:
    """2 → 3 holds mentions and quotes column-wise: the records are the same, the middleware writes them as columns."""
    return data


def _documents_to_columns(data: dict[str, Any]) -> dict[str, Any]:
    """3 → 4 holds the documents and the extractions' places column-wise: the records are the same, the middleware
    writes them as columns."""
    return data


MIGRATIONS: dict[int, Migration] = {1: _records_unchanged, 2: _to_columns, 3: _documents_to_columns}
