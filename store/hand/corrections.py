"""Hand corrections of what extraction found, applied over the ingested records every time they are read.

The ingested tables are never changed: a correction is an entry in the edit
log (store.edits) beside the hand annotations, and `apply_corrections` lays
the entries in force over a store, copying only the records they touch. So a
re-ingest that rewrites the store loses nothing: on the next read the same
corrections find their targets again.

Targets are found the way annotations are: an actor by id, then by any of
its names (a re-ingest can change its id, a rename or merge keeps the old
names as aliases); a quote or meeting by id, then by the passage it was
made on (exact text and context, re-anchored in the document now stored
under the same path), then by overlap with that passage. A correction whose
target is gone is kept in the log and reported as not found, never dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from store.db import Store
from store.db.columns import said_by, speakers
from store.db.schema import actor_id, article_count, stable_id
from store.hand.anchoring import anchor, passage
from store.language.gazetteer import norm

KINDS = ("person", "organization", "country", "group")
ISO_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TABLE = {"actor": "actors", "quote": "quotes", "meeting": "meetings"}


# --- targets: how an edit names what it changes ---------------------------------------------------


def actor_target(actor: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "actor", "id": actor["id"], "name": actor["name"], "actor_kind": actor["kind"]}


def quote_target(store: Store, quote: dict[str, Any]) -> dict[str, Any]:
    span = quote["content_span"]
    return {"kind": "quote", "id": quote["id"], "passage": passage(store.documents[quote["doc"]], span["start"], span["end"])}


def meeting_target(store: Store, meeting: dict[str, Any]) -> dict[str, Any]:
    first = meeting["evidence"][0]
    return {"kind": "meeting", "id": meeting["id"], "passage": passage(store.documents[meeting["doc"]], first["start"], first["end"])}


def target_of(store: Store, kind: str, record: dict[str, Any]) -> dict[str, Any]:
    if kind == "actor":
        return actor_target(record)
    if kind == "quote":
        return quote_target(store, record)
    return meeting_target(store, record)


# --- the result ---------------------------------------------------------------------------------------


@dataclass
class Outcome:
    status: str  # "applied" or "not found"
    detail: str = ""
    made: str | None = None  # id of an item the edit created (a split-off actor, an added quote or meeting)


@dataclass
class Corrected:
    """A store with the corrections laid over it, and what became of each correction."""

    store: Store
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    rejected: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {"actor": {}, "quote": {}, "meeting": {}})
    accepted: set[str] = field(default_factory=set)
    redirect: dict[str, str] = field(default_factory=dict)  # merged-away actor id -> the actor it joined
    touched: set[str] = field(default_factory=set)  # ids of items a correction changed or made
    apart: set[frozenset[str]] = field(default_factory=set)  # pairs of actors a person said are two, not one

    def actor_id(self, ident: str | None) -> str | None:
        """Where an actor id leads now (a merged-away actor leads to the one it joined)."""
        seen = set()
        while ident in self.redirect and ident not in seen:
            seen.add(ident)
            ident = self.redirect[ident]
        return ident

    @property
    def missing(self) -> list[str]:
        return [edit_id for edit_id, o in self.outcomes.items() if o.status != "applied"]


class _Applier:
    def __init__(self, store: Store) -> None:
        self.actors = dict(store.actors)
        self.quotes = store.quotes.copy()  # a column-wise table (store.db.columns) copies without building its records
        self.meetings = dict(store.meetings)
        self.store = store
        self.view = replace(store, actors=self.actors, quotes=self.quotes, meetings=self.meetings)
        self.view.loaded_tables = getattr(store, "loaded_tables", ())
        self.result = Corrected(self.view)
        self._owned: set[int] = set()
        self._names: dict[str, list[str]] | None = None
        self._by_doc: dict[str, dict[str, list[str]]] = {}

    # copy-on-write: the ingested records are shared with the store and never changed

    def own(self, table: dict[str, dict[str, Any]], ident: str) -> dict[str, Any]:
        record = table[ident]
        if id(record) not in self._owned:
            record = {k: (list(v) if isinstance(v, list) else v) for k, v in record.items()}
            table[ident] = record
            self._owned.add(id(record))
        self.result.touched.add(ident)
        return record

    def table(self, kind: str) -> dict[str, dict[str, Any]]:
        return getattr(self, TABLE[kind])

    # finding targets

    def names(self) -> dict[str, list[str]]:
        if self._names is None:
            self._names = defaultdict(list)
            for actor in self.actors.values():
                self.index_names(actor)
        return self._names

    def index_names(self, actor: dict[str, Any]) -> None:
        if self._names is None:
            return
        for name in [actor["name"], *actor.get("aliases", [])]:
            ids = self._names[norm(name)]
            if actor["id"] not in ids:
                ids.append(actor["id"])

    def find_actor(self, target: dict[str, Any] | None, rejected_too: bool = False) -> str | None:
        if not target:
            return None
        ident = self.result.actor_id(target.get("id"))
        if ident in self.actors or (rejected_too and ident in self.result.rejected["actor"]):
            return ident
        live = [i for i in self.names().get(norm(target.get("name", "")), []) if i in self.actors]
        live.sort(key=lambda i: (self.actors[i]["kind"] != target.get("actor_kind"), -len(self.actors[i]["mentions"])))
        if live:
            return live[0]
        if rejected_too:
            wanted = norm(target.get("name", ""))
            for ident, actor in self.result.rejected["actor"].items():
                if norm(actor["name"]) == wanted:
                    return ident
        return None

    def locate(self, where: dict[str, Any]) -> tuple[str, int, int] | None:
        """A passage in the documents as stored now, or None when its text is gone."""
        found = anchor(where, self.store)
        if found.status == "orphaned" or found.doc is None:
            return None
        return found.doc, found.start, found.end

    def find_item(self, kind: str, target: dict[str, Any], rejected_too: bool = False) -> str | None:
        table = self.table(kind)
        ident = target.get("id")
        if ident in table or (rejected_too and ident in self.result.rejected[kind]):
            return ident
        where = target.get("passage")
        located = self.locate(where) if where else None
        if located is None:
            return None
        doc, start, end = located
        best, best_overlap = None, 0
        pools = [table.values()] + ([self.result.rejected[kind].values()] if rejected_too else [])
        for pool in pools:
            for record in pool:
                if record["doc"] != doc:
                    continue
                spans = [record["content_span"]] if kind == "quote" else record["evidence"]
                overlap = max(min(end, s["end"]) - max(start, s["start"]) for s in spans)
                if overlap > best_overlap:
                    best, best_overlap = record["id"], overlap
        enough = best_overlap > 0 if kind == "meeting" else best_overlap * 2 >= end - start
        return best if enough else None

    # applying one edit

    def apply(self, edit: dict[str, Any]) -> Outcome:
        op = edit["op"]
        handler = getattr(self, "op_" + op.replace(".", "_"), None)
        if handler is None:
            return Outcome("not found", f"this backchannel does not know the correction {op!r}")
        return handler(edit["id"], edit.get("target") or {}, edit.get("args") or {})

    def _target(self, target: dict[str, Any], rejected_too: bool = False) -> str | None:
        if target.get("kind") == "actor":
            return self.find_actor(target, rejected_too)
        return self.find_item(target.get("kind", ""), target, rejected_too)

    @staticmethod
    def _gone(target: dict[str, Any]) -> Outcome:
        what = target.get("name") or (target.get("passage") or {}).get("exact", "")
        return Outcome("not found", f"no {target.get('kind', 'item')} matches “{what[:60]}” any more")

    def op_actor_rename(self, _eid: str, target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        ident = self.find_actor(target)
        if ident is None:
            return self._gone(target)
        actor = self.own(self.actors, ident)
        old, new = actor["name"], args["name"]
        aliases = [a for a in actor["aliases"] if norm(a) != norm(new)]
        if norm(old) != norm(new) and all(norm(a) != norm(old) for a in aliases):
            aliases.append(old)
        actor["name"], actor["aliases"] = new, sorted(aliases)
        self.index_names(actor)
        return Outcome("applied")

    def op_actor_kind(self, _eid: str, target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        ident = self.find_actor(target)
        if ident is None:
            return self._gone(target)
        self.own(self.actors, ident)["kind"] = args["kind"]
        return Outcome("applied")

    def op_actor_merge(self, _eid: str, target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        keep, other = self.find_actor(target), self.find_actor(args.get("other"))
        if keep is None:
            return self._gone(target)
        if other is None:
            return self._gone(args.get("other") or {})
        if keep == other:
            return Outcome("applied", "already one actor")
        actor, gone = self.own(self.actors, keep), self.actors.pop(other)
        known = {norm(actor["name"])} | {norm(a) for a in actor["aliases"]}
        for name in [gone["name"], *gone["aliases"]]:
            if norm(name) not in known:
                known.add(norm(name))
                actor["aliases"].append(name)
        actor["aliases"].sort()
        actor["roles"] += [r for r in gone["roles"] if norm(r) not in {norm(x) for x in actor["roles"]}]
        actor["mentions"] = sorted(actor["mentions"] + gone["mentions"], key=lambda m: (m["doc"], m["start"]))
        actor["documents"] = article_count(actor["mentions"])
        self.result.redirect[other] = keep
        self.index_names(actor)
        for ident in said_by(self.quotes, {other}):
            self.own(self.quotes, ident)["speaker"] = keep
        for meeting in list(self.meetings.values()):
            if other in meeting["participants"]:
                record = self.own(self.meetings, meeting["id"])
                record["participants"] = list(dict.fromkeys(keep if p == other else p for p in record["participants"]))
        return Outcome("applied")

    def op_actor_distinct(self, _eid: str, target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        """Two actors a person judged to be two: never offered as likely duplicates again."""
        one, two = self.find_actor(target), self.find_actor(args.get("other"))
        if one is None or two is None:
            return self._gone(target if one is None else args.get("other") or {})
        self.result.apart.add(frozenset((one, two)))
        return Outcome("applied")

    def op_actor_split(self, eid: str, target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        ident = self.find_actor(target)
        if ident is None:
            return self._gone(target)
        alias = args["alias"]
        key = norm(alias)
        source = self.actors[ident]
        texts = self.store.documents
        moving = [m for m in source["mentions"] if m["doc"] in texts and norm(texts[m["doc"]]["text"][m["start"] : m["end"]]) == key]
        if not moving or len(moving) == len(source["mentions"]):
            return Outcome("not found", f"no mention of “{alias}” left to split off")
        actor = self.own(self.actors, ident)
        actor["mentions"] = [m for m in actor["mentions"] if m not in moving]
        actor["aliases"] = [a for a in actor["aliases"] if norm(a) != key]
        actor["documents"] = article_count(actor["mentions"])
        new_id = actor_id(actor["kind"], key)
        if new_id in self.actors:
            new_id = stable_id("a", "split", eid)
        split = {
            "id": new_id,
            "name": alias,
            "kind": actor["kind"],
            "aliases": [],
            "roles": [],
            "mentions": moving,
            "documents": article_count(moving),
        }
        made = self._made(self.actors, split)
        self.index_names(split)
        moved = {(m["doc"], m["start"]) for m in moving}
        for quote_id in said_by(self.quotes, {ident}):
            quote = self.quotes[quote_id]
            span = quote.get("speaker_span")
            if span and (quote["doc"], span["start"]) in moved:
                self.own(self.quotes, quote_id)["speaker"] = new_id
        return made

    def op_reject(self, _eid: str, target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        kind = target.get("kind", "")
        if kind not in TABLE:
            return Outcome("not found", f"cannot reject a {kind!r}")
        ident = self._target(target, rejected_too=True)
        if ident is None:
            return self._gone(target)
        table, rejected = self.table(kind), self.result.rejected[kind]
        if args.get("rejected", True):
            if ident in table:
                rejected[ident] = table.pop(ident)
                self.result.accepted.discard(ident)
        elif ident in rejected:
            table[ident] = rejected.pop(ident)
        self.result.touched.add(ident)
        return Outcome("applied")

    def op_accept(self, _eid: str, target: dict[str, Any], _args: dict[str, Any]) -> Outcome:
        ident = self._target(target)
        if ident is None:
            return self._gone(target)
        self.result.accepted.add(ident)
        return Outcome("applied")

    def _nearest_mention(self, actor: str | None, doc: str, before: int) -> dict[str, int] | None:
        """The speaker's mention in the quote's paragraph, nearest before it, to highlight as the speaker; None when it has none."""
        if actor not in self.actors or doc not in self.store.documents:
            return None
        text = self.store.documents[doc]["text"]
        start = text.rfind("\n", 0, before) + 1
        end = text.find("\n", before)
        end = len(text) if end == -1 else end
        spans = [m for m in self.actors[actor]["mentions"] if m["doc"] == doc and start <= m["start"] < end]
        if not spans:
            return None
        best = min(spans, key=lambda m: (m["start"] > before, abs(before - m["start"])))
        return {"start": best["start"], "end": best["end"]}

    def op_quote_speaker(self, _eid: str, target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        ident = self.find_item("quote", target)
        if ident is None:
            return self._gone(target)
        speaker = None
        if args.get("actor"):
            speaker = self.find_actor(args["actor"])
            if speaker is None:
                return self._gone(args["actor"])
        quote = self.own(self.quotes, ident)
        quote["speaker"] = speaker
        # Their mention nearby, else the words the machine took for the speaker ("they"), now pointing at them.
        quote["speaker_span"] = self._nearest_mention(speaker, quote["doc"], quote["content_span"]["start"]) or quote.get("speaker_span")
        return Outcome("applied")

    def op_quote_span(self, _eid: str, target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        ident = self.find_item("quote", target)
        located = self.locate(args["passage"])
        if ident is None:
            return self._gone(target)
        if located is None or located[0] != self.quotes[ident]["doc"]:
            return Outcome("not found", "the new passage is no longer in the quote's document")
        self.own(self.quotes, ident)["content_span"] = {"start": located[1], "end": located[2]}
        return Outcome("applied")

    def op_quote_add(self, eid: str, _target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        located = self.locate(args["passage"])
        if located is None:
            return Outcome("not found", f"the passage “{args['passage']['exact'][:60]}” is gone")
        doc, start, end = located
        speaker = self.find_actor(args.get("speaker")) if args.get("speaker") else None
        return self._made(
            self.quotes,
            {
                "id": stable_id("q", "hand", eid),
                "doc": doc,
                "speaker": speaker,
                "speaker_span": self._nearest_mention(speaker, doc, start),
                "cue_span": None,
                "content_span": {"start": start, "end": end},
                "kind": args.get("kind") or "indirect",
            },
        )

    def _made(self, table: dict[str, dict[str, Any]], record: dict[str, Any]) -> Outcome:
        """Add an item made by hand (an added quote or meeting, a split-off actor): owned, marked, reported."""
        record["hand"] = True
        table[record["id"]] = record
        self._owned.add(id(record))
        self.result.touched.add(record["id"])
        return Outcome("applied", made=record["id"])

    def op_meeting_participant(self, _eid: str, target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        ident = self.find_item("meeting", target)
        actor = self.find_actor(args.get("actor"))
        if ident is None:
            return self._gone(target)
        if actor is None:
            return self._gone(args.get("actor") or {})
        meeting = self.own(self.meetings, ident)
        if args.get("present", True):
            if actor not in meeting["participants"]:
                meeting["participants"].append(actor)
        else:
            meeting["participants"] = [p for p in meeting["participants"] if p != actor]
        return Outcome("applied")

    def op_meeting_fields(self, _eid: str, target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        ident = self.find_item("meeting", target)
        if ident is None:
            return self._gone(target)
        meeting = self.own(self.meetings, ident)
        for key in ("place", "time", "topic"):
            if key in args:
                meeting[key] = args[key] or None
                meeting.pop(f"{key}_span", None)  # the span showed the old value's words
        if "time" in args:
            meeting["time_iso"] = args["time"] if args["time"] and ISO_DAY.match(args["time"]) else None
        return Outcome("applied")

    def op_meeting_add(self, eid: str, _target: dict[str, Any], args: dict[str, Any]) -> Outcome:
        located = self.locate(args["passage"])
        if located is None:
            return Outcome("not found", f"the passage “{args['passage']['exact'][:60]}” is gone")
        doc, start, end = located
        participants = [p for p in (self.find_actor(t) for t in args.get("participants", [])) if p]
        time = args.get("time") or None
        return self._made(
            self.meetings,
            {
                "id": stable_id("m", "hand", eid),
                "doc": doc,
                "participants": list(dict.fromkeys(participants)),
                "place": args.get("place") or None,
                "time": time,
                "time_iso": time if time and ISO_DAY.match(time) else None,
                "topic": args.get("topic") or None,
                "evidence": [{"start": start, "end": end}],
            },
        )

    def finish(self) -> Corrected:
        """References to actors that were rejected or merged away point where they lead now, or nowhere."""
        for ident in said_by(self.quotes, {a for a in speakers(self.quotes) if a not in self.actors}):
            now = self.result.actor_id(self.quotes[ident]["speaker"])
            self.own(self.quotes, ident)["speaker"] = now if now in self.actors else None
        for meeting in list(self.meetings.values()):
            if any(p not in self.actors for p in meeting["participants"]):
                record = self.own(self.meetings, meeting["id"])
                leads = (self.result.actor_id(p) for p in record["participants"])
                record["participants"] = list(dict.fromkeys(p for p in leads if p in self.actors))
        return self.result


def apply_corrections(store: Store, edits: list[dict[str, Any]]) -> Corrected:
    """Lay the corrections in force (oldest first) over the store; the store itself is not changed."""
    applier = _Applier(store)
    for edit in edits:
        applier.result.outcomes[edit["id"]] = applier.apply(edit)
    return applier.finish()


def _short(text: str, limit: int = 50) -> str:
    """A passage cut at a word for one line of history: "… the Syrian cease…" reads worse than "… the Syrian…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:") + "…"


def describe(edit: dict[str, Any]) -> str:
    """One line for `backchannel history` and the explorer's notices."""
    op, target, args = edit.get("op", "?"), edit.get("target") or {}, edit.get("args") or {}

    def named(t: dict[str, Any] | None) -> str:
        if not t:
            return "nobody"
        if t.get("kind") == "actor":
            return f"“{t.get('name', '?')}”"
        return f"“{_short((t.get('passage') or {}).get('exact', '?'))}”"

    what = target.get("kind", "")
    texts = {
        "actor.rename": lambda: f"rename actor {named(target)} to “{args.get('name')}”",
        "actor.kind": lambda: f"make {named(target)} a {args.get('kind')}",
        "actor.merge": lambda: f"merge {named(args.get('other'))} into {named(target)}",
        "actor.distinct": lambda: f"keep {named(target)} and {named(args.get('other'))} apart",
        "actor.split": lambda: f"split “{args.get('alias')}” off {named(target)}",
        "reject": lambda: f"{'reject' if args.get('rejected', True) else 'restore'} {what} {named(target)}",
        "accept": lambda: f"accept {what} {named(target)}",
        "quote.speaker": lambda: f"speaker of quote {named(target)} is {named(args.get('actor'))}",
        "quote.span": lambda: f"quote {named(target)} covers “{_short(args['passage']['exact'])}”",
        "quote.add": lambda: f"add quote “{_short(args['passage']['exact'])}” by {named(args.get('speaker'))}",
        "meeting.participant": lambda: (
            f"{'add' if args.get('present', True) else 'remove'} participant {named(args.get('actor'))} "
            f"{'to' if args.get('present', True) else 'from'} meeting {named(target)}"
        ),
        "meeting.fields": lambda: f"meeting {named(target)}: " + ", ".join(f"{k} “{v or ''}”" for k, v in args.items()),
        "meeting.add": lambda: (
            f"add meeting “{_short(args['passage']['exact'])}” with " + ", ".join(named(p) for p in args.get("participants", []))
        ),
        "annotation.put": lambda: (
            f"{'edit' if args.get('before') else 'add'} note [{(args.get('after') or {}).get('label', '')}] "
            f"“{_short((args.get('after') or {}).get('exact', ''))}”"
        ),
        "annotation.delete": lambda: f"delete note “{_short((args.get('before') or {}).get('exact', ''))}”",
    }
    make = texts.get(op)
    return make() if make else op


def open_corrected(
    store_path: Any, tables: tuple[str, ...] = ("documents", "actors", "meetings", "quotes"), since: str = "", until: str = ""
) -> tuple[Corrected, list[dict[str, Any]], list[dict[str, Any]]]:
    """The store as the user sees it: ingested records with the log's corrections over them; plus annotations and log.

    An archive (a folder of shards) opens the shards `since`..`until` need (store.resolve.archive)."""
    from pathlib import Path

    from store.hand.annotations import AnnotationStore
    from store.hand.edits import corrections
    from store.resolve.archive import open_store

    store = open_store(Path(store_path), tables, since, until)
    annotations, log = AnnotationStore.for_store(Path(store_path)).state()
    return apply_corrections(store, corrections(log)), annotations, log
