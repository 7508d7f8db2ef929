"""Notes by hand: annotate, edit, delete, and undo or redo any hand change through the edit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work

from store.hand.annotations import DEFAULT_LABELS, AnnotationStore, make_annotation
from store.hand.corrections import describe

from ..screens.annotate import AnnotationDialog
from ..widgets.source_view import SourceView

# A mixin of tui.app.BackchannelApp: `self` is the app. (Not imported for typing: the app imports this module.)
_Base = object


class NoteActions(_Base):
    def labels(self) -> list[str]:
        extra = sorted({a["label"] for a in self.annotations.values()} - set(DEFAULT_LABELS))
        return list(DEFAULT_LABELS) + extra

    def action_annotate(self) -> None:
        store = self.store
        source = self.query_one(SourceView)
        span = source.selected_span()
        if store is None or source.doc_id is None or span is None:
            self.notify("Select a passage first: v in the source pane, then move (or shift+arrows, or the mouse).", severity="warning")
            return
        doc = store.documents[source.doc_id]
        start, end = span
        excerpt = doc["text"][start:end]
        names = {a["id"]: a["name"] for a in store.actors.values()}
        # Annotating a highlighted mention of the actor on show links it to that actor by default.
        linked = None
        if self.current and self.current.kind == "actor":
            actor = store.actors[self.current.id]
            if any(m["doc"] == doc["id"] and m["start"] < end and start < m["end"] for m in actor["mentions"]):
                linked = actor["id"]

        def saved(result: dict[str, Any] | None) -> None:
            if result is not None:
                annotation = make_annotation(doc, start, end, result["label"], result["note"], result["actor"])
                self.save_annotation(annotation, None, "annotation saved", on_fail=lambda why: retry(result, why))

        def retry(values: dict[str, Any], why: str) -> None:
            self.notify(f"not saved: {why} — your note is back in the dialog; save again once that is fixed", severity="error", timeout=10)
            self.push_screen(AnnotationDialog(excerpt, self.labels(), names, self.search_index, values), saved)

        self.push_screen(AnnotationDialog(excerpt, self.labels(), names, self.search_index, {"actor": linked}), saved)

    def _selected_annotation(self) -> dict[str, Any] | None:
        if self.current is not None and self.current.kind == "annotation":
            return self.annotations.get(self.current.id)
        return None

    def action_edit_annotation(self) -> None:
        annotation = self._selected_annotation()
        if annotation is None or self.store is None:
            self.notify("Pick an annotation in the Notes list (5) to edit it.", severity="warning")
            return
        names = {a["id"]: a["name"] for a in self.store.actors.values()}

        def saved(result: dict[str, Any] | None) -> None:
            if result is not None:
                self.save_annotation(dict(annotation, **result), annotation, "annotation updated", on_fail=lambda why: retry(result, why))

        def retry(values: dict[str, Any], why: str) -> None:
            self.notify(
                f"not saved: {why} — your changes are back in the dialog; save again once that is fixed", severity="error", timeout=10
            )
            self.push_screen(
                AnnotationDialog(annotation["exact"], self.labels(), names, self.search_index, dict(annotation, **values)), saved
            )

        self.push_screen(AnnotationDialog(annotation["exact"], self.labels(), names, self.search_index, annotation), saved)

    def action_delete_annotation(self) -> None:
        annotation = self._selected_annotation()
        if annotation is None:
            self.notify("Pick an annotation in the Notes list (5) to delete it.", severity="warning")
            return
        self.save_annotation(None, annotation, "annotation deleted (u undoes)")

    def action_undo(self) -> None:
        self.reverse("undo")

    def action_redo(self) -> None:
        self.reverse("redo")

    @work(thread=True, group="save")
    def reverse(self, which: str) -> None:
        """Undo or redo the latest hand change in the log, whoever made it and whenever."""

        def change(annotations_file: AnnotationStore) -> str:
            edit = annotations_file.undo() if which == "undo" else annotations_file.redo()
            if edit is None:
                return f"nothing to {which}"
            return f"{'undone' if which == 'undo' else 'redone'}: {describe(edit)}"

        self._change(change)

    @work(thread=True, group="save")
    def save_annotation(
        self, new: dict[str, Any] | None, old: dict[str, Any] | None, notice: str, on_fail: Callable[[str], None] | None = None
    ) -> None:
        """Persist one change (new replaces old; None on either side is an insert or a delete)."""

        def change(annotations_file: AnnotationStore) -> str:
            if new is None and old is not None:
                annotations_file.delete(old["id"])
            elif new is not None:
                annotations_file.put(new)
            return notice

        self._change(change, on_fail=on_fail)
