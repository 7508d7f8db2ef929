"""The source pane: the document text, read only, with the selected item's spans drawn in colour.

A read-only TextArea gives cursor movement, mouse selection and
shift+arrow selection for free; this adds our highlight marks (drawn through
the TextArea's own highlight map, so they scroll and wrap with the text),
`v` to start a keyboard selection that the movement keys then extend, as in
a read-only editor, and vim-like movement keys.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar

from rich.style import Style
from textual.binding import Binding, BindingType
from textual.widgets import TextArea
from textual.widgets.text_area import Selection, TextAreaTheme

from store.views.highlights import Mark

from ..safe_text import displayable

MARK_STYLES: dict[str, Style] = {
    "evidence": Style(bgcolor="#1f3347"),
    "content": Style(bgcolor="#203a26", italic=True),
    "mention": Style(bgcolor="#5c4a00", bold=True),
    "participant": Style(color="#ff9de2", bold=True, underline=True),
    "place": Style(color="#8fd3ff", underline=True),
    "time": Style(color="#c3e88d", underline=True),
    "speaker": Style(color="#7fdbff", bold=True, underline=True),
    "cue": Style(color="#ffcb6b", bold=True),
    "annotation": Style(color="#ffa657", underline=True),
    "found": Style(color="black", bgcolor="#7ee787"),
    "current": Style(color="black", bgcolor="#ffd866", bold=True),
}
THEME = TextAreaTheme(name="backchannel", syntax_styles={f"bc-{k}": v for k, v in MARK_STYLES.items()})


class SourceView(TextArea):
    """Document text with marks; `v` starts a selection, movement keys extend it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h", "cursor_left", "Left", show=False),
        Binding("l", "cursor_right", "Right", show=False),
        Binding("w", "cursor_word_right", "Word right", show=False),
        Binding("b", "cursor_word_left", "Word left", show=False),
        Binding("g", "top", "Top", show=False),
        Binding("G", "bottom", "Bottom", show=False),
        Binding("v", "toggle_select", "Select", id="select", tooltip="Start a selection; move to extend it; v again to stop"),
    ]

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__("", read_only=True, soft_wrap=True, show_line_numbers=False, **kwargs)
        self.cursor_blink = False
        self.register_theme(THEME)
        self.theme = "backchannel"
        self.selecting = False
        self._marks: list[Mark] = []
        self._line_starts: list[int] = [0]
        self.doc_id: str | None = None

    # --- content and marks -------------------------------------------------

    def show(self, doc_id: str, text: str) -> None:
        """Load a document (only when it changes, so the scroll position survives re-highlighting)."""
        if doc_id == self.doc_id:
            return
        self.doc_id = doc_id
        self.selecting = False
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.load_text(displayable(text))

    @property
    def marks(self) -> tuple[Mark, ...]:
        """The highlights on show, in drawing order: what a reader sees marked, for the explorer and its tests."""
        return tuple(self._marks)

    def set_marks(self, marks: list[Mark]) -> None:
        self._marks = sorted(marks, key=lambda m: (MARK_ORDER.get(m.style, 0), m.start))
        self._build_highlight_map()
        self.refresh()

    def location(self, offset: int) -> tuple[int, int]:
        row = bisect_right(self._line_starts, offset) - 1
        return row, offset - self._line_starts[row]

    def offset(self, location: tuple[int, int]) -> int:
        row, col = location
        row = min(row, len(self._line_starts) - 1)
        return self._line_starts[row] + col

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as character offsets into the stored text, or None when nothing is selected."""
        start, end = sorted((self.offset(self.selection.start), self.offset(self.selection.end)))
        return (start, end) if end > start else None

    def reveal(self, start: int, end: int) -> None:
        """Put the cursor at a span and scroll it to the middle of the pane."""
        self.selecting = False
        self.selection = Selection.cursor(self.location(start))
        self.scroll_cursor_visible(center=True)

    def _build_highlight_map(self) -> None:
        """Our marks, in the TextArea's format: per line, (start byte, end byte or None, name)."""
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        lines = self.document.lines
        for mark in getattr(self, "_marks", []):
            if mark.end <= mark.start:
                continue
            (r1, c1), (r2, c2) = self.location(mark.start), self.location(mark.end)
            name = f"bc-{mark.style}"
            for row in range(r1, min(r2, len(lines) - 1) + 1):
                line = lines[row]
                start = len(line[:c1].encode("utf-8")) if row == r1 else 0
                end = len(line[:c2].encode("utf-8")) if row == r2 else None
                highlights[row].append((start, end, name))

    # --- selection by keyboard --------------------------------------------

    # In selection mode every movement extends the selection, as shift+movement does.
    def action_cursor_left(self, select: bool = False) -> None:
        super().action_cursor_left(select or self.selecting)

    def action_cursor_right(self, select: bool = False) -> None:
        super().action_cursor_right(select or self.selecting)

    def action_cursor_up(self, select: bool = False) -> None:
        super().action_cursor_up(select or self.selecting)

    def action_cursor_down(self, select: bool = False) -> None:
        super().action_cursor_down(select or self.selecting)

    def action_cursor_word_left(self, select: bool = False) -> None:
        super().action_cursor_word_left(select or self.selecting)

    def action_cursor_word_right(self, select: bool = False) -> None:
        super().action_cursor_word_right(select or self.selecting)

    def action_cursor_line_start(self, select: bool = False) -> None:
        super().action_cursor_line_start(select or self.selecting)

    def action_cursor_line_end(self, select: bool = False) -> None:
        super().action_cursor_line_end(select or self.selecting)

    def action_toggle_select(self) -> None:
        self.selecting = not self.selecting
        if self.selecting:
            self.selection = Selection.cursor(self.cursor_location)
        self.notify("selecting: move to extend, a to annotate, v to stop" if self.selecting else "selection mode off", timeout=2)

    def action_top(self) -> None:
        self.move_cursor((0, 0), select=self.selecting)

    def action_bottom(self) -> None:
        self.move_cursor((len(self.document.lines) - 1, 0), select=self.selecting)


MARK_ORDER = {style: i for i, style in enumerate(MARK_STYLES)}
