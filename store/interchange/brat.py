"""brat standoff: what brat and INCEpTION read and write, one `.txt` and one `.ann` per document.

Export writes every document's text exactly as stored (so brat's character
offsets are ours) and, in its `.ann`: T lines for actor mentions, quote parts
(speaker, cue, content), meeting evidence, places and times; E lines for
quotes with a cue and for meetings, R lines for a speaker without a cue; N
lines linking a mention to its actor (`backchannel:<actor id>`); hand
annotations as T lines typed with their label, their notes as `#`
AnnotatorNotes, their actor link as an N line. `annotation.conf` and
`visual.conf` declare the types so brat shows them without setup.

Import reads `.txt`/`.ann` pairs from one folder (no recursion, no links,
no path inside a file is ever opened), matches each `.txt` to a stored
document by the hash of its text, then by its text (same title line or
nearly the same text; each span is then found again by its exact text and
context), and turns every T line that is not something backchannel itself
extracted into a hand annotation. A T line spanning several fragments
(brat splits spans at line breaks) becomes one annotation over them all.
"""

from __future__ import annotations

import os
import re
import stat
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from store.db import Store
from store.db.atomic import prepare_folder
from store.db.schema import sha256_text
from store.hand.anchoring import anchor, passage
from store.hand.annotations import make_annotation
from store.hand.corrections import Corrected
from store.language.gazetteer import norm

KIND_TYPE = {"person": "Person", "organization": "Organization", "country": "Country", "group": "Group"}
MACHINE_TYPES = set(KIND_TYPE.values()) | {"Quotation", "Quote", "Speaker", "Meeting", "Place", "Time"}
# brat types of machine items that an import turns into hand annotations when they are new, and the label they get
TYPE_LABEL = {**{t: "actor mention" for t in KIND_TYPE.values()}, "Quotation": "quote", "Meeting": "meeting", "Speaker": "actor mention"}
DB = "backchannel"
MAX_FILE_BYTES = 50_000_000  # a brat pair is one article; anything this big is not one
# More hand notes than a person writes: past these an import stops taking them, so one runaway .ann (200,000 lines)
# cannot grow the annotations file to hundreds of megabytes and make every later save slow.
MAX_NOTES_PER_DOCUMENT = 2_000
MAX_NOTES_PER_IMPORT = 20_000
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ((?:\d+ \d+;)*\d+ \d+)\t(.*)$")


def brat_type(label: str) -> str:
    """A hand label as a brat type: spaces become underscores, anything else brat does not allow a hyphen."""
    safe = _UNSAFE.sub("-", label.strip().replace(" ", "_"))
    if not safe or safe in MACHINE_TYPES:
        safe = "note_" + safe  # never mistaken for an extracted item on the way back
    return safe


def label_of(brat: str) -> str:
    if brat in TYPE_LABEL:
        return TYPE_LABEL[brat]
    return (brat.removeprefix("note_") or brat).replace("_", " ")


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """brat spans may not cross a line break: the runs of the span between line breaks."""
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        if text[pos] in "\r\n":
            pos += 1
            continue
        stop = pos
        while stop < end and text[stop] not in "\r\n":
            stop += 1
        out.append((pos, stop))
        pos = stop
    return out


def _one_line(value: str) -> str:
    return " ".join(value.split())


def file_stem(doc: dict[str, Any]) -> str:
    """A readable, unique file name: the document's path made safe, then its id."""
    name = Path(doc["path"]).name
    file_part, _, line = name.partition(":")  # "articles.jsonl:3" is line 3 of a JSON-lines file
    stem = Path(file_part).stem + (f"-{line}" if line else "")
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", stem)[:60].strip("_") or "document"
    return f"{base}.{doc['id']}"


class _Ann:
    """One .ann file being written: numbered T, E, R, N and # lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = []
        self.counts: dict[str, int] = defaultdict(int)
        self.spans: dict[tuple[str, int, int], str] = {}

    def next_id(self, prefix: str) -> str:
        self.counts[prefix] += 1
        return f"{prefix}{self.counts[prefix]}"

    def t(self, kind: str, start: int, end: int, reuse: bool = True) -> str | None:
        if reuse and (kind, start, end) in self.spans:
            return self.spans[(kind, start, end)]
        frags = _fragments(self.text, start, end)
        if not frags:
            return None
        ident = self.next_id("T")
        offsets = ";".join(f"{s} {e}" for s, e in frags)
        self.lines.append(f"{ident}\t{kind} {offsets}\t{' '.join(self.text[s:e] for s, e in frags)}")
        if reuse:
            self.spans[(kind, start, end)] = ident
        return ident

    def add(self, prefix: str, body: str) -> None:
        self.lines.append(f"{self.next_id(prefix)}\t{body}")


def write_brat(corrected: Corrected, annotations: list[dict[str, Any]], directory: Path) -> list[Path]:
    """One .txt and .ann per document, plus annotation.conf and visual.conf; returns the files written."""
    store = corrected.store
    prepare_folder(directory, "--format brat")
    mentions: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for actor in store.actors.values():
        for m in actor["mentions"]:
            mentions[m["doc"]].append((actor, m))
    quotes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in store.quotes.values():
        quotes[q["doc"]].append(q)
    meetings: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for meeting in store.meetings.values():
        meetings[meeting["doc"]].append(meeting)
    anchors = {a["id"]: anchor(a, store) for a in annotations}
    notes: dict[str, list[tuple[dict[str, Any], int, int]]] = defaultdict(list)
    for a in annotations:
        where = anchors[a["id"]]
        if where.status != "orphaned" and where.doc in store.documents:
            notes[where.doc].append((a, where.start, where.end))

    written: list[Path] = []
    labels: set[str] = set()
    for doc in sorted(store.documents.values(), key=lambda d: (d["path"], d["id"])):
        ann = _Ann(doc["text"])
        mention_t: dict[tuple[int, int], str] = {}
        for actor, m in sorted(mentions[doc["id"]], key=lambda am: am[1]["start"]):
            ident = ann.t(KIND_TYPE[actor["kind"]], m["start"], m["end"])
            if ident:
                mention_t[(m["start"], m["end"])] = ident
                ann.add("N", f"Reference {ident} {DB}:{actor['id']}\t{_one_line(actor['name'])}")
        for q in sorted(quotes[doc["id"]], key=lambda q: q["content_span"]["start"]):
            content = ann.t("Quotation", q["content_span"]["start"], q["content_span"]["end"])
            speaker = None
            if q.get("speaker_span"):
                s = q["speaker_span"]
                speaker = mention_t.get((s["start"], s["end"])) or ann.t("Speaker", s["start"], s["end"])
            cue = ann.t("Quote", q["cue_span"]["start"], q["cue_span"]["end"]) if q.get("cue_span") else None
            if cue and content:
                ann.add("E", f"Quote:{cue}" + (f" Speaker:{speaker}" if speaker else "") + f" Content:{content}")
            elif speaker and content:
                ann.add("R", f"Said Arg1:{speaker} Arg2:{content}")
        for meeting in sorted(meetings[doc["id"]], key=lambda m: m["evidence"][0]["start"]):
            evidence = [ann.t("Meeting", e["start"], e["end"]) for e in meeting["evidence"]]
            trigger = next((e for e in evidence if e), None)
            if trigger is None:
                continue
            args = [f"Meeting:{trigger}"]
            first = meeting["evidence"][0]
            for n, actor_id in enumerate(meeting["participants"], start=1):
                spans = [
                    m
                    for m in store.actors.get(actor_id, {}).get("mentions", [])
                    if m["doc"] == doc["id"] and first["start"] <= m["start"] < first["end"]
                ]
                if spans and (spans[0]["start"], spans[0]["end"]) in mention_t:
                    args.append(f"Participant{'' if n == 1 else n}:{mention_t[(spans[0]['start'], spans[0]['end'])]}")
            for key, role in (("place_span", "Place"), ("time_span", "Time")):
                if meeting.get(key):
                    ident = ann.t(role, meeting[key]["start"], meeting[key]["end"])
                    if ident:
                        args.append(f"{role}:{ident}")
            event = ann.next_id("E")
            ann.lines.append(f"{event}\t{' '.join(args)}")
            ann.add("A", f"Status {event} {meeting.get('status') or 'happened'}")
        for a, start, end in sorted(notes[doc["id"]], key=lambda n: n[1]):
            kind = brat_type(a["label"])
            labels.add(kind)
            ident = ann.t(kind, start, end, reuse=False)
            if ident is None:
                continue
            if a.get("note"):
                ann.add("#", f"AnnotatorNotes {ident}\t{_one_line(a['note'])}")
            actor = store.actors.get(corrected.actor_id(a.get("actor")) or "")
            if actor is not None:
                ann.add("N", f"Reference {ident} {DB}:{actor['id']}\t{_one_line(actor['name'])}")
        stem = file_stem(doc)
        for suffix, body in ((".txt", doc["text"]), (".ann", "\n".join(ann.lines) + ("\n" if ann.lines else ""))):
            path = directory / (stem + suffix)
            with path.open("w", encoding="utf-8", newline="") as out:
                out.write(body)
            written.append(path)
    written += _write_conf(directory, sorted(labels))
    return written


def _write_conf(directory: Path, labels: list[str]) -> list[Path]:
    entities = "\n".join([*KIND_TYPE.values(), "Quotation", "Speaker", "Place", "Time", *labels])
    actor_types = "|".join(KIND_TYPE.values()) + "|Speaker"
    conf = (
        f"[entities]\n{entities}\n\n[relations]\nSaid\tArg1:{actor_types}, Arg2:Quotation\n\n"
        f"[events]\nQuote\tSpeaker?:{actor_types}, Content:Quotation\n"
        f"Meeting\tParticipant*:{actor_types}, Place?:Place, Time?:Time\n\n[attributes]\n"
        "Status\tArg:Meeting, Value:happened|planned|hypothetical|negated\n"
    )
    colours = {
        "Person": "#7fdbff",
        "Organization": "#ffcb6b",
        "Country": "#c3e88d",
        "Group": "#ff9de2",
        "Quotation": "#d0f0c0",
        "Quote": "#ffe0a0",
    }
    visual = "[labels]\n\n[drawing]\n" + "\n".join(f"{t}\tbgColor:{c}" for t, c in colours.items()) + "\n"
    out = []
    for name, body in (("annotation.conf", conf), ("visual.conf", visual)):
        path = directory / name
        path.write_text(body, encoding="utf-8")
        out.append(path)
    return out


# --- import ------------------------------------------------------------------------------------------


@dataclass
class FileReport:
    name: str
    matched: str  # "hash", "text" or "" when no document matches
    doc: str | None = None
    imported: int = 0
    present: int = 0  # already a hand annotation here
    extracted: int = 0  # what backchannel itself found there: not a hand annotation
    lost: list[str] = field(default_factory=list)  # spans whose text is not in the stored document
    unlinked: list[str] = field(default_factory=list)  # actor references that name no actor
    ignored: int = 0  # E, R, A and other lines: links between spans, not annotations
    capped: int = 0  # over the cap of notes per document or per import: not imported


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    annotations: list[dict[str, Any]] = field(default_factory=list)  # to save
    skipped: list[str] = field(default_factory=list)  # files not read, and why


def _parse(ann_text: str) -> tuple[dict[str, tuple[str, int, int, str]], dict[str, str], dict[str, tuple[str, str]], int]:
    """T lines (id -> type, start, end, text), notes (T id -> note), references (T id -> (db:id, name)), other lines."""
    spans: dict[str, tuple[str, int, int, str]] = {}
    notes: dict[str, str] = {}
    refs: dict[str, tuple[str, str]] = {}
    other = 0
    for line in ann_text.splitlines():
        if not line.strip():
            continue
        match = _T_LINE.match(line)
        if match:
            ident, kind, offsets, text = match.groups()
            pairs = [tuple(_offset(x) for x in part.split()) for part in offsets.split(";")]
            if any(len(p) != 2 for p in pairs):
                pairs = [(-1, -1)]  # not "start end": reported as outside the text, the other lines still import
            spans[ident] = (kind, min(p[0] for p in pairs), max(p[1] for p in pairs), text)
            continue
        fields = line.split("\t")
        head = fields[1].split() if len(fields) > 1 else []
        if line.startswith("#") and len(head) == 2 and head[0] == "AnnotatorNotes":
            notes[head[1]] = fields[2] if len(fields) > 2 else ""
        elif line.startswith("N") and len(head) == 3 and head[0] == "Reference":
            refs[head[1]] = (head[2], fields[2] if len(fields) > 2 else "")
        else:
            other += 1
    return spans, notes, refs, other


def _offset(written: str) -> int:
    """An offset as brat writes it; one too long to be an offset into any text (a 5,000-digit number) is -1, not an error."""
    return int(written) if written.isdigit() and len(written) <= 12 else -1


def _match_document(text: str, store: Store, by_hash: dict[str, dict[str, Any]]) -> tuple[dict[str, Any] | None, str]:
    doc = by_hash.get(sha256_text(text))
    if doc is not None:
        return doc, "hash"
    title = text.strip().split("\n", 1)[0].strip()
    same_title = [d for d in store.documents.values() if title and d["text"].strip().split("\n", 1)[0].strip() == title]
    if len(same_title) == 1:
        return same_title[0], "text"
    pool = same_title or list(store.documents.values())
    head = text[:4000]
    best = max(pool, key=lambda d: fuzz.ratio(head, d["text"][:4000]), default=None)
    if best is not None and fuzz.ratio(head, best["text"][:4000]) >= 90:
        return best, "text"
    return None, ""


def _actor_for(ref: tuple[str, str] | None, corrected: Corrected) -> str | None:
    if ref is None:
        return None
    db, _, ident = ref[0].partition(":")
    actors = corrected.store.actors
    if db == DB and corrected.actor_id(ident) in actors:
        return corrected.actor_id(ident)
    wanted = norm(ref[1])
    for actor in actors.values():
        if wanted and (norm(actor["name"]) == wanted or wanted in {norm(a) for a in actor["aliases"]}):
            return actor["id"]
    return None


def read_brat(directory: Path, corrected: Corrected, existing: list[dict[str, Any]], author: str | None = None) -> ImportReport:
    """Work out which hand annotations a brat folder holds, recorded as `author`'s; nothing is saved here."""
    store = corrected.store
    by_hash = {d["sha256"]: d for d in store.documents.values()}
    machine = _machine_spans(store)
    have = {(a["doc"], a["start"], a["end"], a["label"]) for a in existing}
    report = ImportReport()
    for ann_path in sorted(directory.iterdir()):
        if ann_path.suffix != ".ann":
            continue
        txt_path = ann_path.with_suffix(".txt")
        if ann_path.is_symlink() or txt_path.is_symlink():
            report.skipped.append(f"{ann_path.name}: a symbolic link; brat folders are read without following links")
            continue
        if not _regular(ann_path):
            report.skipped.append(f"{ann_path.name}: not a regular file (a folder, a pipe or a device), not read")
            continue
        if not _regular(txt_path):
            report.skipped.append(f"{ann_path.name}: no {txt_path.name} beside it")
            continue
        if max(ann_path.stat().st_size, txt_path.stat().st_size) > MAX_FILE_BYTES:
            report.skipped.append(
                f"{ann_path.name}: larger than {MAX_FILE_BYTES // 1_000_000} MB; not a brat document this tool wrote or reads"
            )
            continue
        try:
            text = txt_path.read_bytes().decode("utf-8")
            ann_text = ann_path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            report.skipped.append(f"{ann_path.name}: cannot be read as UTF-8 text ({exc.__class__.__name__})")
            continue
        doc, how = _match_document(text, store, by_hash)
        file_report = FileReport(ann_path.stem, how, doc["id"] if doc else None)
        report.files.append(file_report)
        spans, notes, refs, other = _parse(ann_text)
        file_report.ignored = other
        if doc is None:
            file_report.lost = [s[3] for s in spans.values()]
            continue
        for ident, (kind, start, end, _shown) in sorted(spans.items(), key=lambda kv: kv[1][1]):
            if not (0 <= start < end <= len(text)):
                file_report.lost.append(f"{ident}: offsets {start}–{end} outside the text")
                continue
            where = (start, end)
            if how == "text":
                # The span in the brat text, looked for in the stored document with that document's path.
                found = anchor(passage({"id": None, "path": doc["path"], "text": text}, start, end), store)
                if found.status == "orphaned" or found.doc != doc["id"]:
                    file_report.lost.append(text[start:end])
                    continue
                where = (found.start, found.end)
            if kind in MACHINE_TYPES and (doc["id"], *where, kind) in machine:
                file_report.extracted += 1
                continue
            if file_report.imported >= MAX_NOTES_PER_DOCUMENT or len(report.annotations) >= MAX_NOTES_PER_IMPORT:
                file_report.capped += 1
                continue
            label = label_of(kind)
            if (doc["id"], *where, label) in have:
                file_report.present += 1
                continue
            actor = _actor_for(refs.get(ident), corrected)
            if refs.get(ident) and actor is None:
                file_report.unlinked.append(refs[ident][1] or refs[ident][0])
            report.annotations.append(make_annotation(doc, where[0], where[1], label, notes.get(ident, ""), actor, creator=author))
            have.add((doc["id"], *where, label))
            file_report.imported += 1
    return report


def _regular(path: Path) -> bool:
    """A regular file, not a pipe (reading a FIFO named x.ann would wait for ever), a device or a folder."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _machine_spans(store: Store) -> set[tuple[str, int, int, str]]:
    """Every span backchannel extracted, with the brat type it is exported as."""
    out: set[tuple[str, int, int, str]] = set()
    for actor in store.actors.values():
        for m in actor["mentions"]:
            out.add((m["doc"], m["start"], m["end"], KIND_TYPE[actor["kind"]]))
    for q in store.quotes.values():
        for key, kind in (("content_span", "Quotation"), ("cue_span", "Quote"), ("speaker_span", "Speaker")):
            if q.get(key):
                out.add((q["doc"], q[key]["start"], q[key]["end"], kind))
    for meeting in store.meetings.values():
        for e in meeting["evidence"]:
            out.add((meeting["doc"], e["start"], e["end"], "Meeting"))
        for key, kind in (("place_span", "Place"), ("time_span", "Time")):
            if meeting.get(key):
                out.add((meeting["doc"], meeting[key]["start"], meeting[key]["end"], kind))
    return out
