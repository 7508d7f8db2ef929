"""Every hand change as `backchannel history` tells it: when, by whom, what, and whether it still applies."""

from __future__ import annotations

from typing import Any

from store.hand.corrections import Corrected, describe
from store.hand.edits import REDO, UNDO, replay


def history_rows(corrected: Corrected, log: list[dict[str, Any]]) -> list[dict[str, str]]:
    """One row per log entry, oldest first: an undo or redo names what it reverses; a change is in force, undone, or
    no longer finds its target (after a re-ingest changed the text), with why."""
    state = replay(log)
    by_id = {e["id"]: e for e in log}
    rows = []
    for entry in log:
        if entry["op"] in (UNDO, REDO):
            ref = by_id.get(entry.get("ref", ""), {})
            what, status = f"{entry['op']}: {describe(ref) if ref else '?'}", ""
        else:
            what = describe(entry)
            outcome = corrected.outcomes.get(entry["id"])
            if entry["id"] in state.undone:
                status = "undone"
            elif outcome is not None and outcome.status != "applied":
                status = f"not found: {outcome.detail}"
            else:
                status = "in force"
        by = entry.get("by") or "unknown"  # entries from before authors were recorded
        rows.append({"id": entry["id"], "at": entry["at"], "by": by, "op": entry["op"], "what": what, "status": status})
    return rows
