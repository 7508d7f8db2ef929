"""Store schema migrations: MIGRATIONS[n] turns a version-n store (the raw TinyDB dict) into version n+1.

Store.open applies them in order to an older store, after copying it to
`<store>.v<n>.bak`. Version 1 is the first schema, so there is nothing to
migrate yet; a change of the record shapes adds its step here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[int, Migration] = {}
