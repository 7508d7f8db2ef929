"""The edit log: every hand change, in order, with its time — corrections and annotation changes alike.

The log only grows. Undo and redo are entries of their own that name the
entry they reverse, so `backchannel history` shows everything that was done
and when, and any explorer (or a later session) can undo what another did.
Which entries are in force follows from replaying the log as a pair of
stacks, the way an editor's undo works: a new edit clears what could be
redone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from store.db import now_iso
from store.hand.authors import current_user

UNDO, REDO = "undo", "redo"
ANNOTATION_OPS = ("annotation.put", "annotation.delete")


def make_edit(op: str, target: dict[str, Any] | None = None, **args: Any) -> dict[str, Any]:
    """One entry of the log, recorded under the user who made it (`by`)."""
    return {"id": "e" + uuid.uuid4().hex[:15], "at": now_iso(), "by": current_user(), "op": op, "target": target, "args": args}


def make_reversal(op: str, ref: str) -> dict[str, Any]:
    return {"id": "e" + uuid.uuid4().hex[:15], "at": now_iso(), "by": current_user(), "op": op, "ref": ref}


@dataclass
class Replay:
    """The log replayed: entries in force (oldest first), what `u` would undo next, what `ctrl+r` would redo."""

    active: list[dict[str, Any]]
    undoable: list[dict[str, Any]]  # top of the stack last
    redoable: list[dict[str, Any]]  # top of the stack last
    undone: set[str]


def replay(log: list[dict[str, Any]]) -> Replay:
    by_id = {e["id"]: e for e in log}
    undo_stack: list[dict[str, Any]] = []
    redo_stack: list[dict[str, Any]] = []
    for entry in log:
        op = entry.get("op")
        if op == UNDO:
            target = by_id.get(entry.get("ref", ""))
            if target is not None and target in undo_stack:
                undo_stack.remove(target)
                redo_stack.append(target)
        elif op == REDO:
            target = by_id.get(entry.get("ref", ""))
            if target is not None and target in redo_stack:
                redo_stack.remove(target)
                undo_stack.append(target)
        else:
            undo_stack.append(entry)
            redo_stack.clear()
    in_force = {e["id"] for e in undo_stack}
    active = [e for e in log if e["id"] in in_force]
    undone = {e["id"] for e in log if e.get("op") not in (UNDO, REDO) and e["id"] not in in_force}
    return Replay(active, undo_stack, redo_stack, undone)


def corrections(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The corrections in force, oldest first (annotation changes live in the annotation table already)."""
    return [e for e in replay(log).active if e["op"] not in ANNOTATION_OPS]
