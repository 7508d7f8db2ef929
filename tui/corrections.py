"""The explorer's correction keys: what each asks for (a dialog, an actor, the selection) and the edit it records.

The app mixes this in. Every action here ends in `self.save_edit(edit, …)`,
which appends the edit to the log beside the annotations and lays the
corrections over the store again (store.corrections); nothing here changes
a record itself.
"""

from __future__ import annotations

from typing import Any

from store.hand.anchoring import passage
from store.hand.corrections import KINDS, actor_target, meeting_target, quote_target, target_of
from store.hand.edits import make_edit
from store.language.gazetteer import norm

from .screens.correct import ActorPicker, ChoiceDialog, FieldsDialog
from .widgets.source_view import SourceView

# A mixin of tui.app.BackchannelApp: `self` is the app. (Not imported for typing: the app imports this module.)
_Base = object

# What `f` offers for each kind of item: (key, action, label). The same actions have keys of their own.
FIXES: dict[str, list[tuple[str, str, str]]] = {
    "actor": [
        ("r", "rename", "rename: change the canonical name"),
        ("m", "merge", "merge another actor into this one"),
        ("s", "split", "split an alias off into an actor of its own"),
        ("k", "kind", "change the kind (person, organisation, country, group)"),
        ("x", "reject", "not an actor: hide it (x again restores)"),
    ],
    "quote": [
        ("s", "speaker", "fix the speaker: pick an actor"),
        ("a", "adjust", "adjust the content to the selected passage"),
        ("x", "reject", "reject: not a quote"),
    ],
    "meeting": [
        ("p", "participant_add", "add a participant"),
        ("P", "participant_remove", "remove a participant"),
        ("t", "meeting_fields", "set place, time and topic"),
        ("x", "reject", "reject: not a meeting"),
    ],
}


class CorrectionActions(_Base):
    def _item(self) -> tuple[str, dict[str, Any]] | None:
        """The actor, quote or meeting on show (rejected ones too, so that they can be restored)."""
        if self.current is None or self.current.kind not in FIXES:
            return None
        record = self.record(self.current.kind, self.current.id)
        return None if record is None else (self.current.kind, record)

    def _need(self, kind: str) -> dict[str, Any] | None:
        item = self._item()
        if item is None or item[0] != kind:
            tab = {"actor": "1", "meeting": "2", "quote": "3"}[kind]
            self.notify(f"Show {'an' if kind == 'actor' else 'a'} {kind} first (list {tab}).", severity="warning")
            return None
        return item[1]

    def action_fix(self) -> None:
        item = self._item()
        if item is None:
            self.notify("Show an actor, quote or meeting to correct it; select a passage and press A to add one.", severity="warning")
            return
        kind, record = item

        def chosen(action: str | None) -> None:
            if action:
                getattr(self, f"action_{action}")()

        subject = record["name"] if kind == "actor" else ""
        self.push_screen(ChoiceDialog(f"Correct this {kind}", FIXES[kind], subject), chosen)

    # --- any kind -----------------------------------------------------------------------

    def action_reject(self) -> None:
        item = self._item()
        if item is None:
            self.notify("x rejects the actor, quote or meeting on show.", severity="warning")
            return
        kind, record = item
        assert self.store is not None and self.corrected is not None
        restoring = record["id"] in self.corrected.rejected[kind]
        edit = make_edit("reject", target_of(self.store, kind, record), rejected=not restoring)
        verb = "restored" if restoring else ("hidden: not an actor" if kind == "actor" else "rejected")
        self.save_edit(edit, f"{kind} {verb} (u undoes)", then=self.after_review(record["id"]))

    def action_accept(self) -> None:
        item = self._item()
        if item is None:
            self.notify("y accepts the actor, quote or meeting on show.", severity="warning")
            return
        kind, record = item
        edit = make_edit("accept", target_of(self.store, kind, record))
        self.save_edit(edit, f"{kind} accepted", then=self.after_review(record["id"]))

    # --- actors -----------------------------------------------------------------------------

    def action_rename(self) -> None:
        actor = self._need("actor")
        if actor is None:
            return

        def done(values: dict[str, str] | None) -> None:
            if not values or values["name"] == actor["name"]:
                return
            name = values["name"]
            same = self._actor_named(name, besides=actor["id"])
            if same is None:
                self.save_edit(make_edit("actor.rename", actor_target(actor), name=name), f"renamed to “{name}”")
                return

            def chosen(choice: str | None) -> None:
                if choice == "merge":
                    edit = make_edit("actor.merge", actor_target(same), other=actor_target(actor))
                    self.save_edit(edit, f"“{actor['name']}” merged into “{same['name']}”")
                elif choice == "rename":
                    self.save_edit(
                        make_edit("actor.rename", actor_target(actor), name=name), f"renamed to “{name}” (two actors of that name)"
                    )

            choices = [("m", "merge", f"merge it into “{same['name']}” ({same['kind']})"), ("r", "rename", "rename anyway: two actors")]
            self.push_screen(ChoiceDialog(f"“{name}” is already an actor", choices, actor["name"]), chosen)

        self.push_screen(FieldsDialog("Rename actor", [("name", "Canonical name", actor["name"])], actor["name"]), done)

    def _actor_named(self, name: str, besides: str) -> dict[str, Any] | None:
        """Another actor already called `name` (its canonical name or an alias): a rename there is really a merge."""
        if self.store is None:
            return None
        wanted = norm(name)
        for actor in self.store.actors.values():
            if actor["id"] != besides and (norm(actor["name"]) == wanted or wanted in {norm(a) for a in actor["aliases"]}):
                return actor
        return None

    def action_merge(self) -> None:
        actor = self._need("actor")
        if actor is None or self.store is None:
            return

        def done(other: str | None) -> None:
            if other and self.store is not None and other in self.store.actors:
                gone = self.store.actors[other]
                edit = make_edit("actor.merge", actor_target(actor), other=actor_target(gone))
                self.save_edit(edit, f"“{gone['name']}” merged into “{actor['name']}”")

        title = "Merge into this actor"
        self.push_screen(ActorPicker(title, self.store.actors, self.search_index, actor["name"], exclude={actor["id"]}), done)

    def action_split(self) -> None:
        actor = self._need("actor")
        if actor is None or self.store is None:
            return
        texts = self.store.documents
        by_key: dict[str, str] = {}  # one choice per name however it is written ("U.S." and "US" split off together)
        for m in actor["mentions"]:
            if m["doc"] in texts:
                form = texts[m["doc"]]["text"][m["start"] : m["end"]]
                by_key.setdefault(norm(form), form)
        forms = sorted(form for key, form in by_key.items() if key != norm(actor["name"]))
        if not forms:
            self.notify("Every mention reads as the actor's name: there is no other name to split off.", severity="warning")
            return
        keys = "123456789abcdefghijklmnopqrstuvwxyz"
        choices = [(keys[i], form, form) for i, form in enumerate(forms[: len(keys)])]

        def done(alias: str | None) -> None:
            if alias:
                self.save_edit(make_edit("actor.split", actor_target(actor), alias=alias), f"“{alias}” is now an actor of its own")

        self.push_screen(ChoiceDialog("Split off the mentions that read", choices, actor["name"]), done)

    def action_kind(self) -> None:
        actor = self._need("actor")
        if actor is None:
            return
        choices = [(str(i), kind, kind + ("  (now)" if kind == actor["kind"] else "")) for i, kind in enumerate(KINDS, start=1)]

        def done(kind: str | None) -> None:
            if kind and kind != actor["kind"]:
                self.save_edit(make_edit("actor.kind", actor_target(actor), kind=kind), f"“{actor['name']}” is now a {kind}")

        self.push_screen(ChoiceDialog("Kind of actor", choices, actor["name"]), done)

    # --- quotes -------------------------------------------------------------------------------

    def action_speaker(self) -> None:
        quote = self._need("quote")
        if quote is None or self.store is None:
            return
        store = self.store

        def done(actor: str | None) -> None:
            if actor and actor in store.actors:
                edit = make_edit("quote.speaker", quote_target(store, quote), actor=actor_target(store.actors[actor]))
                self.save_edit(edit, f"speaker set to “{store.actors[actor]['name']}”")

        self.push_screen(ActorPicker("Who said it?", store.actors, self.search_index, self._quote_excerpt(quote)), done)

    def _quote_excerpt(self, quote: dict[str, Any]) -> str:
        assert self.store is not None
        span = quote["content_span"]
        return "“" + self.store.documents[quote["doc"]]["text"][span["start"] : span["end"]] + "”"

    def _selection(self, what: str) -> tuple[dict[str, Any], int, int] | None:
        source = self.query_one(SourceView)
        span = source.selected_span()
        if self.store is None or source.doc_id is None or span is None:
            self.notify(
                f"Select the passage {what} first: v in the source pane, then move (or shift+arrows, or the mouse).", severity="warning"
            )
            return None
        return self.store.documents[source.doc_id], span[0], span[1]

    def action_adjust(self) -> None:
        quote = self._need("quote")
        selected = self._selection("the quote should cover") if quote is not None else None
        if quote is None or selected is None or self.store is None:
            return
        doc, start, end = selected
        if doc["id"] != quote["doc"]:
            self.notify("The selection is in another document than the quote.", severity="warning")
            return
        edit = make_edit("quote.span", quote_target(self.store, quote), passage=passage(doc, start, end))
        self.save_edit(edit, "quote now covers the selected passage")

    # --- meetings ---------------------------------------------------------------------------------

    def action_participant_add(self) -> None:
        meeting = self._need("meeting")
        if meeting is None or self.store is None:
            return
        store = self.store

        def done(actor: str | None) -> None:
            if actor and actor in store.actors:
                edit = make_edit(
                    "meeting.participant", meeting_target(store, meeting), actor=actor_target(store.actors[actor]), present=True
                )
                self.save_edit(edit, f"“{store.actors[actor]['name']}” added to the meeting")

        picker = ActorPicker("Add a participant", store.actors, self.search_index, exclude=set(meeting["participants"]))
        self.push_screen(picker, done)

    def action_participant_remove(self) -> None:
        meeting = self._need("meeting")
        if meeting is None or self.store is None:
            return
        store = self.store
        present = [p for p in meeting["participants"] if p in store.actors]
        if not present:
            self.notify("This meeting has no participants to remove.", severity="warning")
            return
        choices = [(str(i), p, store.actors[p]["name"]) for i, p in enumerate(present[:9], start=1)]

        def done(actor: str | None) -> None:
            if actor:
                edit = make_edit(
                    "meeting.participant", meeting_target(store, meeting), actor=actor_target(store.actors[actor]), present=False
                )
                self.save_edit(edit, f"“{store.actors[actor]['name']}” removed from the meeting")

        self.push_screen(ChoiceDialog("Remove a participant", choices), done)

    def action_meeting_fields(self) -> None:
        meeting = self._need("meeting")
        if meeting is None or self.store is None:
            return
        store = self.store
        fields = [
            ("place", "Place", meeting.get("place") or ""),
            ("time", "Time (a date like 2017-07-07 is used on the timeline)", meeting.get("time_iso") or meeting.get("time") or ""),
            ("topic", "Topic", meeting.get("topic") or ""),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            old = {
                "place": meeting.get("place") or "",
                "time": meeting.get("time_iso") or meeting.get("time") or "",
                "topic": meeting.get("topic") or "",
            }
            changed = {k: v for k, v in values.items() if v != old[k]}
            if changed:
                self.save_edit(make_edit("meeting.fields", meeting_target(store, meeting), **changed), "meeting updated")

        self.push_screen(FieldsDialog("Meeting", fields), done)

    # --- adding what extraction missed --------------------------------------------------------------

    def action_add(self) -> None:
        selected = self._selection("to add as a quote or a meeting")
        if selected is None or self.store is None:
            return
        doc, start, end = selected
        store = self.store
        where = passage(doc, start, end)

        def add_quote(speaker: str | None) -> None:
            target = actor_target(store.actors[speaker]) if speaker in store.actors else None
            text = where["exact"].strip()
            kind = "direct" if text[:1] in "\"“‘'" and text[-1:] in "\"”’'" else "indirect"
            self.save_edit(make_edit("quote.add", None, passage=where, speaker=target, kind=kind), "quote added (u undoes)")

        def chosen(what: str | None) -> None:
            if what == "quote":
                self.push_screen(ActorPicker("Who said it? (escape: nobody named)", store.actors, self.search_index), add_quote)
            elif what == "meeting":
                inside = [
                    a
                    for a in store.actors.values()
                    if any(m["doc"] == doc["id"] and start <= m["start"] and m["end"] <= end for m in a["mentions"])
                ]
                edit = make_edit("meeting.add", None, passage=where, participants=[actor_target(a) for a in inside])
                names = ", ".join(a["name"] for a in inside) or "nobody yet"
                self.save_edit(edit, f"meeting added with {names} (p adds a participant)")

        choices = [
            ("q", "quote", "a quote (then pick the speaker)"),
            ("m", "meeting", "a meeting (the actors named in the passage take part)"),
        ]
        self.push_screen(ChoiceDialog("Add from the selection", choices, where["exact"]), chosen)
