"""The explorer's one key table: every key, what it does, and where it is offered.

The bindings, the footer, the help screen (`?`), the command palette (ctrl+p)
and the rule that printable keys are off while a field or a dialog has focus
all come from this table, so they cannot drift apart. To add a key, add a row.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.keys import format_key

PRINTABLE_NAMES = {"space", "slash", "question_mark"}  # keys that type a character although their names are words


@dataclass(frozen=True)
class Key:
    keys: str  # Textual key names, comma-separated: "q,escape"
    action: str  # the App action, with its arguments: "step(1)"
    label: str  # the footer's word
    tooltip: str  # what it does, for the help screen and the palette
    id: str | None = None
    show: bool = False  # in the footer
    priority: bool = False  # runs before the keys that follow it are routed (so "/put" typed fast lands in the field)
    palette: str = ""  # the command palette's title for it; empty: not offered there

    @property
    def action_name(self) -> str:
        return self.action.split("(", 1)[0]

    @property
    def typed(self) -> bool:
        """Whether one of its keys types a character: off while the search field or a dialog has focus."""
        return any(len(k) == 1 or k in PRINTABLE_NAMES for k in (k.strip() for k in self.keys.split(",")))

    @property
    def shown_keys(self) -> str:
        return ", ".join(format_key(k.strip()) for k in self.keys.split(","))


EXPLORER_KEYS: tuple[Key, ...] = (
    Key(
        "slash",
        "search",
        "Search",
        "Search this list as you type: actors by name, alias or role; quotes and meetings by text; documents by their words",
        id="search",
        show=True,
        priority=True,
        palette="Search this list",
    ),
    Key("n", "step(1)", "Next", "Next mention, passage or part, across documents", id="next", palette="Next mention"),
    Key("N", "step(-1)", "Prev", "Previous mention, passage or part", id="prev"),
    Key(
        "a",
        "annotate",
        "Annotate",
        "Annotate the selected passage (select with v, shift+arrows or the mouse)",
        id="annotate",
        show=True,
        palette="Annotate selection",
    ),
    Key("e", "edit_annotation", "Edit note", "Edit the selected annotation", id="edit"),
    Key("d,delete", "delete_annotation", "Delete note", "Delete the selected annotation (u brings it back)", id="delete"),
    Key("u", "undo", "Undo", "Undo the last hand change (a note or a correction), from the edit log", id="undo", palette="Undo"),
    Key("ctrl+r", "redo", "Redo", "Redo what u undid", id="redo", palette="Redo"),
    Key(
        "f",
        "fix",
        "Fix",
        "Correct the actor, quote or meeting on show: a menu of what can be fixed",
        id="fix",
        show=True,
        palette="Correct this item",
    ),
    Key("x", "reject", "Reject", "Reject the quote or meeting, or hide the actor (not an actor); again to restore", id="reject"),
    Key("y", "accept", "Accept", "Accept the item on show as correct (review)", id="accept"),
    Key("space", "skip", "Skip", "In review mode: leave this item for later and go to the next", id="skip"),
    Key(
        "R",
        "review",
        "Review",
        "Review mode: step through this list's machine items with y accept, x reject, space skip",
        id="review",
        palette="Review mode",
    ),
    Key("A", "add", "Add", "Add a quote or a meeting extraction missed, from the selected passage", id="add", palette="Add from selection"),
    Key(
        "m",
        "network",
        "Network",
        "Network view around the actor on show: who they met, were quoted about, are named with",
        id="network",
        show=True,
        palette="Network view",
    ),
    Key(
        "t",
        "timeline",
        "Timeline",
        "Timeline of meetings and quotes: of the actor on show, or of everyone",
        id="timeline",
        show=True,
        palette="Timeline view",
    ),
    Key("E", "rename", "Rename", "Actor: change the canonical name", id="rename"),
    Key("M", "merge", "Merge", "Actor: merge another actor into this one (picked by fuzzy search)", id="merge"),
    Key("S", "speaker", "Speaker", "Quote: fix the speaker (pick an actor)", id="speaker"),
    Key("P", "participant_add", "Participant", "Meeting: add a participant", id="participant"),
    Key(
        "D",
        "duplicates",
        "Duplicates",
        "Likely duplicate actors, strongest first: y merges, x keeps them apart for good, space skips",
        id="duplicates",
        palette="Likely duplicates",
    ),
    Key(
        "o",
        "sort_list",
        "Sort",
        "The next order of this list: by mentions, name or articles; by reading order or date…",
        id="sort",
        palette="Sort this list",
    ),
    Key(
        "F",
        "filter",
        "Filter",
        "Filter this list: kind, status, the article on show, dates, review state, author; escape clears",
        id="filter",
        palette="Filter this list",
    ),
    Key(
        "H",
        "show_rejected",
        "Rejected",
        "List rejected and hidden items too (x on one restores it)",
        id="show-rejected",
        palette="Show rejected items",
    ),
    Key(
        "C",
        "toggle_copies",
        "Copies",
        "List and count every version of a story (wire copies, updates), or each story once",
        id="copies",
        palette="Copies of stories",
    ),
    Key(
        "c",
        "copy",
        "Copy",
        "Copy the selected passage (or the one on show) with its source to the clipboard",
        id="copy",
        palette="Copy passage",
    ),
    Key("q,escape", "back", "Back", "Go back along the path you came; quit at its start", id="back", show=True),
    Key("question_mark", "help", "Keys", "Show every key", id="help", show=True, palette="Show keys"),
    Key("r", "reload", "Reload", "Reload the store after an ingest changed it", id="reload", show=True),
    Key("1", "tab('actors')", "Actors", "Actors list"),
    Key("2", "tab('meetings')", "Meetings", "Meetings list"),
    Key("3", "tab('quotes')", "Quotes", "Quotes list"),
    Key("4", "tab('documents')", "Documents", "Documents list"),
    Key("5", "tab('notes')", "Notes", "Your annotations"),
)


def bindings(keys: tuple[Key, ...] = EXPLORER_KEYS) -> list[Binding]:
    return [Binding(k.keys, k.action, k.label, show=k.show, id=k.id, tooltip=k.tooltip, priority=k.priority) for k in keys]


def typed_actions(keys: tuple[Key, ...] = EXPLORER_KEYS) -> frozenset[str]:
    """Actions bound to printable keys: off while a field or a dialog has focus, so the keys type into it."""
    return frozenset(k.action_name for k in keys if k.typed)


def palette_entries(keys: tuple[Key, ...] = EXPLORER_KEYS) -> list[tuple[str, str, str]]:
    """(title, help with the key, action) for every key the palette offers."""
    return [(k.palette, f"{k.tooltip} ({k.shown_keys})", k.action) for k in keys if k.palette]
