"""`backchannel doctor`: check a store and its annotations, and repair what can be repaired.

Checks: every document's id and hash match its text; every span of every
actor mention, quote and meeting lies in its document and is not empty; every
actor a quote or meeting names exists; every document has its extraction and
no extraction is left without a document; every annotation is found again in
its document. Repairs (with --repair, after a backup of both files): actors,
meetings and quotes are derived again from the extractions (which drops
dangling references and spans that do not fit), extractions without a
document are dropped, and annotations whose document changed are re-anchored.
An annotation that cannot be found again is kept, never dropped.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.db import Store, now_iso
from store.db.atomic import check_writable
from store.db.lock import writer_lock
from store.db.schema import document_id, sha256_text
from store.hand.anchoring import anchor_all, passage
from store.hand.annotations import AnnotationStore


@dataclass
class Finding:
    check: str
    problems: int
    examples: list[str] = field(default_factory=list)

    def add(self, example: str) -> None:
        self.problems += 1
        if len(self.examples) < 3:
            self.examples.append(example)


@dataclass
class DoctorReport:
    store: Path
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    backups: list[Path] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not any(f.problems for f in self.findings)


def _span_ok(text: str, span: dict[str, Any] | None) -> bool:
    if span is None:
        return True
    start, end = span.get("start"), span.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) and bool(text[start:end].strip())


def check(store: Store, annotations: list[dict[str, Any]], malformed_notes: list[Any] = ()) -> DoctorReport:
    report = DoctorReport(store.path)
    shapes = Finding("every record has the shape it must have", 0)
    for table, key, problem in getattr(store, "malformed", []):
        shapes.add(f"{table} {str(key)[:30]}: {problem}")
    for record in malformed_notes:
        shapes.add(f"annotation {str(record)[:40]}")
    docs = store.documents
    identity = Finding("document ids and hashes match their text", 0)
    for doc in docs.values():
        if doc.get("id") != document_id(doc.get("text", "")) or doc.get("sha256") != sha256_text(doc.get("text", "")):
            identity.add(f"{doc.get('path')}")
    spans = Finding("every span lies in its document", 0)
    refs = Finding("every actor referred to exists", 0)
    for actor in store.actors.values():
        for m in actor["mentions"]:
            if m["doc"] not in docs or not _span_ok(docs[m["doc"]]["text"], m):
                spans.add(f"mention of {actor['name']} at {m['doc']}:{m['start']}")
    for quote in store.quotes.values():
        text = docs.get(quote["doc"], {}).get("text")
        if text is None or not all(_span_ok(text, quote.get(k)) for k in ("content_span", "speaker_span", "cue_span")):
            spans.add(f"quote {quote['id']}")
        if quote.get("speaker") and quote["speaker"] not in store.actors:
            refs.add(f"quote {quote['id']} speaker {quote['speaker']}")
    for meeting in store.meetings.values():
        text = docs.get(meeting["doc"], {}).get("text")
        if text is None or not all(_span_ok(text, e) for e in meeting["evidence"]):
            spans.add(f"meeting {meeting['id']}")
        for actor_id in meeting["participants"]:
            if actor_id not in store.actors:
                refs.add(f"meeting {meeting['id']} participant {actor_id}")
    extractions = Finding("every document has its extraction, and no extraction is orphaned", 0)
    for doc_id in docs:
        if doc_id not in store.extractions:
            extractions.add(f"{docs[doc_id].get('path')} has no extraction (run ingest again)")
    for doc_id in store.extractions:
        if doc_id not in docs:
            extractions.add(f"extraction {doc_id} has no document")
    anchors = anchor_all(annotations, store)
    moved = Finding("annotations are where they were saved", 0)
    orphaned = [a for a in annotations if anchors[a["id"]].status == "orphaned"]
    for a in annotations:
        if anchors[a["id"]].status == "moved":
            moved.add(f"“{a['exact'][:40]}” moved in {a.get('path')}")
    report.findings = [shapes, identity, spans, refs, extractions, moved]
    report.counts = {
        "documents": len(docs),
        "actors": len(store.actors),
        "meetings": len(store.meetings),
        "quotes": len(store.quotes),
        "annotations": len(annotations),
        "orphaned annotations (kept)": len(orphaned),
    }
    return report


def backup(path: Path) -> Path | None:
    if not path.exists():
        return None
    target = path.with_name(f"{path.name}.doctor-{now_iso().replace(':', '')}.bak")
    shutil.copy2(path, target)
    return target


def repair(store_path: Path) -> DoctorReport:
    """Repair under the writer lock, after copying the store and the annotations aside."""
    from store.resolve.resolve import resolve_store

    check_writable(store_path, "store")
    with writer_lock(store_path):
        store = Store.open(store_path, strict=False)
        annotation_store = AnnotationStore.for_store(store_path)
        annotations = annotation_store.all(lenient=True)
        before = check(store, annotations, annotation_store.malformed)
        if before.healthy:
            return before
        if annotation_store.path.exists():
            check_writable(annotation_store.path, "annotations file")
        backups = [b for b in (backup(store_path), backup(annotation_store.path)) if b]
        set_aside = annotation_store.set_aside_malformed()
        orphans = [d for d in store.extractions if d not in store.documents]
        for doc_id in orphans:
            del store.extractions[doc_id]
        resolve_store(store)
        _drop_bad_spans(store)
        store.meta.pop("resolution", None)  # tables with records left out are not what resolution makes: never patched
        store.save()
        repaired = [f"derived actors, meetings and quotes again from {len(store.extractions)} extractions"]
        if store.malformed:
            repaired.append(f"left out {len(store.malformed)} store records of the wrong shape (they are in the backup)")
        if set_aside:
            repaired.append(f"set {set_aside} annotation records of the wrong shape aside in the annotations file's set_aside list")
        if orphans:
            repaired.append(f"dropped {len(orphans)} extractions without a document")
        anchors = anchor_all(annotations, store)
        moved = 0
        for a in annotations:
            anchor = anchors[a["id"]]
            if anchor.status == "moved":
                annotation_store.put(dict(a, **passage(store.documents[anchor.doc], anchor.start, anchor.end)))
                moved += 1
        if moved:
            repaired.append(f"re-anchored {moved} annotations to their new place")
        after = check(Store.open(store_path), annotation_store.all())
        after.backups, after.repaired = backups, repaired
        return after


def _drop_bad_spans(store: Store) -> None:
    docs = store.documents
    for actor in list(store.actors.values()):
        actor["mentions"] = [m for m in actor["mentions"] if m["doc"] in docs and _span_ok(docs[m["doc"]]["text"], m)]
        if not actor["mentions"]:
            del store.actors[actor["id"]]
    for qid, quote in list(store.quotes.items()):
        text = docs.get(quote["doc"], {}).get("text")
        if text is None or not _span_ok(text, quote["content_span"]):
            del store.quotes[qid]
        elif quote.get("speaker") not in store.actors:
            quote["speaker"] = None
    for mid, meeting in list(store.meetings.items()):
        meeting["participants"] = [a for a in meeting["participants"] if a in store.actors]
        text = docs.get(meeting["doc"], {}).get("text")
        if text is None or len(meeting["participants"]) < 2 or not all(_span_ok(text, e) for e in meeting["evidence"]):
            del store.meetings[mid]
